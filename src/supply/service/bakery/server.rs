//! `bakery-sim`: the bakery simulator served over HTTP with the real protocol, so tests and
//! operators can point the app at a separate process (or port) that misbehaves on demand.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde::Deserialize;

use super::sim::{BakerySim, Reply};

#[derive(Deserialize)]
struct CookieRequest {
    order_ref: String,
}

/// Serves `sim` on `listener` until the returned server is stopped.
pub fn serve(listener: TcpListener, sim: Arc<BakerySim>) -> std::io::Result<Server> {
    let data = web::Data::from(sim);
    Ok(HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/v1/cookies", web::post().to(bake))
    })
    .workers(1)
    .listen(listener)?
    .disable_signals()
    .run())
}

async fn bake(
    req: HttpRequest,
    sim: web::Data<BakerySim>,
    body: web::Json<CookieRequest>,
) -> HttpResponse {
    let Some(key) = req
        .headers()
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .filter(|k| !k.is_empty() && k.len() <= 200)
        .map(str::to_string)
    else {
        return HttpResponse::BadRequest()
            .json(serde_json::json!({"error": "Idempotency-Key required"}));
    };
    let _visit = sim.arrive(&key);
    let latency = sim.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match sim.handle(&key, &body.order_ref) {
        Reply::Baked(cookie) => HttpResponse::Ok()
            .json(serde_json::json!({"id": cookie.id, "prediction": cookie.prediction})),
        Reply::Dropped(_) => dropped_reply(),
        Reply::ServerError => {
            HttpResponse::InternalServerError().json(serde_json::json!({"error": "oven on fire"}))
        }
        Reply::Conflict => HttpResponse::Conflict()
            .json(serde_json::json!({"error": "key used for another order"})),
    }
}

/// A reply whose body breaks off after the headers: the connection is closed mid-response,
/// so the caller never learns the cookie it was baked.
fn dropped_reply() -> HttpResponse {
    let broken = futures_util::stream::once(async {
        Err::<web::Bytes, std::io::Error>(std::io::Error::other("connection dropped"))
    });
    HttpResponse::Ok()
        .content_type("application/json")
        .streaming(broken)
}
