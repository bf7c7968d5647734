//! Supply refuses bad input with a clear message and changes nothing.

use whiskerworks::supply::service::bakery::Faults;

use crate::helpers::*;
use crate::supply_helpers::*;

fn movements(s: &Supplied) -> i64 {
    s.app.count("SELECT COUNT(*) FROM stock_movements")
}

#[tokio::test]
async fn bad_quantities_unknown_items_and_adjustments_without_reason_change_nothing() {
    let s = supplied(5, Faults::default(), |_| {}).await;
    let before = movements(&s);
    let receive = format!("/manage/stock/{}/receive", s.detergent);
    let adjust = format!("/manage/stock/{}/adjust", s.detergent);

    for bad in ["-3", "0", "1.5", "ten", "", "99999999"] {
        let res = s.w.manager.post_form(&receive, &[("quantity", bad)]).await;
        assert_eq!(flash(&res), "error:refuse-bad-quantity", "{bad}");
    }
    let res =
        s.w.manager
            .post_form(&adjust, &[("quantity", "-2"), ("note", "  ")])
            .await;
    assert_eq!(flash(&res), "error:refuse-reason-required");
    let res =
        s.w.manager
            .post_form(&adjust, &[("quantity", "0"), ("note", "miscount")])
            .await;
    assert_eq!(flash(&res), "error:refuse-bad-adjustment");
    let res =
        s.w.manager
            .post_form(&adjust, &[("quantity", "-6"), ("note", "broken")])
            .await;
    assert_eq!(flash(&res), "error:refuse-stock-negative");
    let res =
        s.w.manager
            .post_form("/manage/stock/999999/receive", &[("quantity", "3")])
            .await;
    assert_eq!(flash(&res), "error:refuse-unknown-consumable");
    let bom = format!("/manage/services/{}/materials", s.w.service_id);
    let res =
        s.w.manager
            .post_form(&bom, &[("consumable", "999999"), ("quantity", "1")])
            .await;
    assert_eq!(flash(&res), "error:refuse-unknown-consumable");
    let res =
        s.w.manager
            .post_form(
                &bom,
                &[("consumable", &s.detergent.to_string()), ("quantity", "-1")],
            )
            .await;
    assert_eq!(flash(&res), "error:refuse-bad-quantity");
    let res =
        s.w.manager
            .post_form(
                "/manage/stock",
                &[
                    ("sku", "det-1"),
                    ("name_en", "Again"),
                    ("name_ru", "Снова"),
                    ("unit_en", "l"),
                    ("unit_ru", "л"),
                    ("reorder_level", "1"),
                    ("opening", "1"),
                ],
            )
            .await;
    assert_eq!(res.status(), 422, "a taken SKU is a field error");
    let res =
        s.w.manager
            .post_form(
                "/manage/stock",
                &[
                    ("sku", "bad sku!"),
                    ("name_en", ""),
                    ("name_ru", ""),
                    ("unit_en", "l"),
                    ("unit_ru", "л"),
                    ("reorder_level", "-1"),
                    ("opening", "x"),
                ],
            )
            .await;
    assert_eq!(res.status(), 422);

    assert_eq!(movements(&s), before, "nothing moved");
    assert_eq!(s.on_hand(), 5);
    assert_eq!(s.app.count("SELECT quantity FROM service_materials"), 2);
    assert_eq!(s.app.count("SELECT COUNT(*) FROM consumables"), 1);
    let good =
        s.w.manager
            .post_form(&adjust, &[("quantity", "-1"), ("note", "bottle broke")])
            .await;
    assert_eq!(flash(&good), "success:flash-stock-adjusted");
    assert_eq!(s.on_hand(), 4);
}

#[tokio::test]
async fn a_worker_cannot_confirm_or_ask_for_another_workers_kit() {
    let s = supplied(5, Faults::default(), |_| {}).await;
    let id = s.assigned_order("10:00").await;
    s.app.drain().await;
    let (other, _) = s.app.login_as("worker").await;

    let res = other
        .post_form(&format!("/worker/jobs/{id}/kit"), &[])
        .await;
    assert_eq!(res.status(), 404);
    let ask = [
        ("consumable", s.detergent.to_string()),
        ("quantity", "1".into()),
    ];
    let ask: Vec<(&str, &str)> = ask.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = other
        .post_form(&format!("/worker/jobs/{id}/extras"), &ask)
        .await;
    assert_eq!(res.status(), 404);

    assert_eq!(s.pack_status(id), "packed");
    assert_eq!(s.app.count("SELECT COUNT(*) FROM kit_handovers"), 0);
    assert_eq!(s.app.count("SELECT COUNT(*) FROM extra_requests"), 0);
}

#[tokio::test]
async fn extras_are_approved_once_from_stock_or_refused_with_a_reason() {
    let s = supplied(5, Faults::default(), |_| {}).await;
    let id = s.assigned_order("10:00").await;
    s.app.drain().await;
    let item = s.detergent.to_string();
    let extras = format!("/worker/jobs/{id}/extras");

    let res =
        s.w.worker
            .post_form(&extras, &[("consumable", &item), ("quantity", "0")])
            .await;
    assert_eq!(flash(&res), "error:refuse-bad-quantity");
    let res =
        s.w.worker
            .post_form(
                &extras,
                &[
                    ("consumable", &item),
                    ("quantity", "1"),
                    ("note", "Big kitchen"),
                ],
            )
            .await;
    assert_eq!(flash(&res), "success:flash-extra-requested");
    let res =
        s.w.worker
            .post_form(&extras, &[("consumable", &item), ("quantity", "2")])
            .await;
    assert_eq!(flash(&res), "success:flash-extra-requested");
    let (first, second) = (
        s.app.count("SELECT MIN(id) FROM extra_requests"),
        s.app.count("SELECT MAX(id) FROM extra_requests"),
    );

    let approve = format!("/manage/packs/extras/{first}/approve");
    let res = s.w.manager.post_form(&approve, &[]).await;
    assert_eq!(flash(&res), "success:flash-extra-approved");
    let res = s.w.manager.post_form(&approve, &[]).await;
    assert_eq!(flash(&res), "error:refuse-already-decided");
    let refuse = format!("/manage/packs/extras/{second}/refuse");
    let res = s.w.manager.post_form(&refuse, &[("reason", "")]).await;
    assert_eq!(flash(&res), "error:refuse-reason-required");
    let res =
        s.w.manager
            .post_form(&refuse, &[("reason", "Use the spare in the van")])
            .await;
    assert_eq!(flash(&res), "success:flash-extra-refused");

    assert_eq!(s.on_hand(), 2, "5 − 2 packed − 1 extra");
    assert_eq!(
        s.app
            .count("SELECT COUNT(*) FROM stock_movements WHERE kind = 'extra'"),
        1
    );
    let (_, page) = s.w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    assert!(text(&page, "details.extras").contains("Use the spare in the van"));
    s.assert_consistent();
}

#[tokio::test]
async fn low_stock_is_told_to_managers_once_per_crossing() {
    let s = supplied(4, Faults::default(), |_| {}).await;
    let adjust = format!("/manage/stock/{}/adjust", s.detergent);
    let low = || {
        s.app
            .count("SELECT COUNT(*) FROM notifications WHERE kind = 'stock_low'")
    };

    s.w.manager
        .post_form(&adjust, &[("quantity", "-3"), ("note", "spilt")])
        .await;
    assert_eq!(low(), 1, "fell to the reorder level");
    s.w.manager
        .post_form(&adjust, &[("quantity", "-1"), ("note", "spilt")])
        .await;
    assert_eq!(low(), 1, "still low: not news");
    s.w.manager
        .post_form(
            &format!("/manage/stock/{}/receive", s.detergent),
            &[("quantity", "5")],
        )
        .await;
    s.w.manager
        .post_form(&adjust, &[("quantity", "-5"), ("note", "spilt")])
        .await;
    assert_eq!(low(), 2, "a new crossing");
    let (_, page) = s.w.manager.get_html("/manage/stock").await;
    assert!(text(&page, "tr.low").contains("DET-1"));
}
