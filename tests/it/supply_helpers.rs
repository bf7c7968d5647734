//! Set-up for supply tests: the bakery simulator as a real HTTP server on a random port, an
//! app pointed at it, a consumable in stock and a bill of materials for the test service.

use std::net::TcpListener;
use std::sync::Arc;

use whiskerworks::config::Settings;
use whiskerworks::supply::service::bakery::{BakerySim, Faults, server};

use crate::helpers::*;
use crate::order_helpers::*;

pub struct Bakery {
    pub sim: Arc<BakerySim>,
    pub url: String,
}

/// Starts `bakery-sim`'s server in this process on a random port.
pub fn bakery(faults: Faults) -> Bakery {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let sim = Arc::new(BakerySim::new(faults, 7));
    let running = server::serve(listener, sim.clone()).unwrap();
    tokio::spawn(running);
    Bakery { sim, url }
}

pub struct Supplied {
    pub app: TestApp,
    pub w: World,
    pub bakery: Bakery,
    /// The detergent every order of the test service takes two of.
    pub detergent: i64,
}

/// An app using `bakery` over HTTP, with `stock` bottles of detergent (reorder level 1) and
/// the test service taking two per order, all set up through the managers' pages.
pub async fn supplied(
    stock: i64,
    faults: Faults,
    configure: impl FnOnce(&mut Settings),
) -> Supplied {
    let bakery = bakery(faults);
    let url = bakery.url.clone();
    let app = spawn_app_with(move |s| {
        s.supply.bakery_url = Some(url);
        configure(s);
    })
    .await;
    let w = world(&app).await;
    let stock = stock.to_string();
    let res = w
        .manager
        .post_form(
            "/manage/stock",
            &[
                ("sku", "det-1"),
                ("name_en", "Detergent"),
                ("name_ru", "Моющее средство"),
                ("unit_en", "bottle"),
                ("unit_ru", "бут."),
                ("reorder_level", "1"),
                ("opening", &stock),
            ],
        )
        .await;
    assert_eq!(location(&res), "/manage/stock");
    let detergent = app.count("SELECT id FROM consumables WHERE sku = 'DET-1'");
    let res = w
        .manager
        .post_form(
            &format!("/manage/services/{}/materials", w.service_id),
            &[("consumable", &detergent.to_string()), ("quantity", "2")],
        )
        .await;
    assert_eq!(flash(&res), "success:flash-material-saved");
    Supplied {
        app,
        w,
        bakery,
        detergent,
    }
}

impl Supplied {
    /// Places an order at `time` tomorrow and assigns it to the world's worker directly.
    pub async fn assigned_order(&self, time: &str) -> i64 {
        let id = place_order_at(&self.app, &self.w, time).await;
        let worker = self.w.worker_id.to_string();
        self.w
            .manager
            .post_form(
                &format!("/manage/orders/{id}/assign"),
                &[("worker", &worker)],
            )
            .await;
        assert_eq!(status_of(&self.app, id), "assigned");
        id
    }

    pub fn on_hand(&self) -> i64 {
        self.app.count(&format!(
            "SELECT on_hand FROM consumables WHERE id = {}",
            self.detergent
        ))
    }

    pub fn pack_status(&self, order_id: i64) -> String {
        self.app
            .state
            .pool
            .get()
            .unwrap()
            .query_row(
                "SELECT status FROM packs WHERE order_id = ?1",
                [order_id],
                |r| r.get(0),
            )
            .unwrap()
    }

    /// Every invariant `check` knows holds.
    pub fn assert_consistent(&self) {
        let problems = whiskerworks::ops::check::check(self.app.dir.path()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
    }
}

/// The flash a redirect carries, as `level:message-id`.
pub fn flash(res: &reqwest::Response) -> String {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| {
            [":flash-", ":refuse-", ":err-"]
                .iter()
                .any(|k| v.contains(k))
        })
        .and_then(|v| v.split(';').next())
        .and_then(|v| v.split_once('='))
        .map(|(_, value)| value.to_string())
        .unwrap_or_default()
}
