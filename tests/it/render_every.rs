//! What the render test adds to its simulated history so that every wording gets read: one
//! order holding an event of every action, and a reader sent a notification of every kind in
//! each language. A new action or kind is read here without anyone writing its flow.

use rusqlite::params;
use whiskerworks::i18n::{Arg, Lang, audit};
use whiskerworks::notify::model::Kind;
use whiskerworks::notify::service::{Message, notify};

use crate::helpers::*;

/// Every action an order event records (`orders::model::EventAction`). Kept whole by
/// `the_event_list_holds_every_action_the_source_names` below; the guard beside the enum
/// checks each has its message in both languages.
const EVENT_ACTIONS: &[&str] = &[
    "create",
    "offer",
    "accept_offer",
    "decline_offer",
    "withdraw",
    "expire_offer",
    "assign",
    "volunteer",
    "mark_unassigned",
    "rematch",
    "open_board",
    "confirm_kit",
    "start",
    "report",
    "sign",
    "refuse",
    "resolve_complete",
    "cancel",
    "reschedule",
];

/// Appends an event of every action, each with a reason, to `order_id` under `worker_id`,
/// leaving the order where it stands (every event starts and ends at its status).
pub fn every_event(app: &TestApp, order_id: i64, worker_id: i64) {
    app.write(|tx| {
        let status: String =
            tx.query_row("SELECT status FROM orders WHERE id = ?1", [order_id], |r| {
                r.get(0)
            })?;
        for action in EVENT_ACTIONS {
            tx.execute(
                "INSERT INTO order_events (order_id, at, actor_id, actor_role, action, from_status,
                                           to_status, reason, payload)
                 VALUES (?1, ?2, ?3, 'worker', ?4, ?5, ?5, 'Stated reason', '{}')",
                params![order_id, app.clock_now(), worker_id, action, status],
            )?;
        }
        Ok(())
    });
}

/// Sends `user_id` a notification (and, where the kind mails, an email) of every kind, once
/// written in English and once in Russian.
pub fn every_notification(app: &TestApp, user_id: i64) {
    for lang in Lang::ALL {
        app.write(|tx| {
            tx.execute(
                "UPDATE users SET language = ?1 WHERE id = ?2",
                params![lang.code(), user_id],
            )?;
            for kind in Kind::ALL {
                let mut msg = Message::new(kind).link("/notifications");
                msg.args = sample_args(kind);
                notify(tx, &app.state.settings(), app.clock_now(), user_id, &msg)?;
            }
            Ok(())
        });
    }
}

/// Message ids the code puts together (an event's line, a kind's texts): a page or notice
/// that shows one of these has shown an id, even if no catalogue has it.
pub fn composed_ids() -> Vec<String> {
    let mut ids: Vec<String> = EVENT_ACTIONS
        .iter()
        .map(|a| format!("event-{}", a.replace('_', "-")))
        .collect();
    ids.push("event-withdraw-client".into());
    for kind in Kind::ALL {
        ids.extend([kind.title_key(), kind.body_key(), kind.preference_key()]);
    }
    ids
}

/// A value for every variable a kind's texts use in either language: a number where it
/// chooses a variant, a word elsewhere.
fn sample_args(kind: Kind) -> Vec<(&'static str, Arg)> {
    let mut args: Vec<(&'static str, Arg)> = Vec::new();
    for lang in Lang::ALL {
        for key in [kind.title_key(), kind.body_key()] {
            let vars = audit::vars_of(lang, &key).unwrap_or_default();
            for var in &vars.used {
                let Some(name) = audit::static_name(var) else {
                    continue;
                };
                if args.iter().any(|(n, _)| *n == name) {
                    continue;
                }
                let value = if vars.selectors.contains(var) {
                    Arg::Num(2)
                } else {
                    Arg::Str("Barsik".into())
                };
                args.push((name, value));
            }
        }
    }
    args
}

/// The stored names in `EventAction`'s declaration (`Variant = "name" => "label"`), read from
/// the source like the routes are: a new action left out of `EVENT_ACTIONS` fails here.
fn actions_in_source() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/orders/model/mod.rs");
    let source = std::fs::read_to_string(path).unwrap();
    let Some((_, rest)) = source.split_once("pub enum EventAction {") else {
        return Vec::new();
    };
    let block = rest.split('}').next().unwrap();
    block
        .lines()
        .filter_map(|line| line.split_once("= \"")?.1.split_once('"'))
        .map(|(name, _)| name.to_string())
        .collect()
}

#[test]
fn the_event_list_holds_every_action_the_source_names() {
    let named = actions_in_source();
    assert!(!named.is_empty(), "EventAction's declaration is read");
    let missing: Vec<&String> = named
        .iter()
        .filter(|a| !EVENT_ACTIONS.contains(&a.as_str()))
        .collect();
    assert!(missing.is_empty(), "add to EVENT_ACTIONS: {missing:?}");
}
