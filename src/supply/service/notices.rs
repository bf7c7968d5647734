//! Supply's messages about an order: the same number, service and time arguments the order
//! texts take, built from the facts supply reads through `order_facts`.

use crate::notify::model::Kind;
use crate::notify::service::Message;

use crate::supply::store::OrderFact;

/// A message about `order`: its number, service and time fill the texts of every order kind.
pub fn about(order: &OrderFact, kind: Kind) -> Message {
    Message::about_order(
        kind,
        order.id,
        (&order.service_en, &order.service_ru),
        order.scheduled_at,
    )
}
