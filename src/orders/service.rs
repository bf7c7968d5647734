//! Order use cases. Each runs in one immediate transaction: read the facts, let the state
//! machine decide, write the change, the event and the notifications together.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use rusqlite::{Connection, Transaction};
use serde_json::json;

use super::model::{Action, Actor, Facts, Refusal, Status, cancellation_fee, decide};
use super::pricing::{self, Priced, Quote};
use super::records::{self, CheckedItem, OrderFile, Signature};
use super::slot;
use super::store::{self, NewEvent};
use crate::auth::model::Role;
use crate::auth::store as users;
use crate::catalogue::store as catalogue;
use crate::config::Settings;
use crate::db::write_tx;
use crate::error::AppError;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify, notify_role};
use crate::profile::store as profile;
use crate::web::components::FormErrors;
use crate::web::i18n::Arg;

/// The new-order form, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct OrderForm {
    pub service: String,
    pub address: String,
    pub date: String,
    pub time: String,
    pub notes: String,
    /// When `address` is "new": the address typed on the form, saved with the order.
    pub new_address: String,
}

/// Prices the service with the chosen options; `None` when the service is not on offer or
/// an option does not belong to it. The server always recomputes: prices never come from
/// the form.
pub fn quote_for(
    conn: &Connection,
    service_id: i64,
    option_ids: &[i64],
) -> rusqlite::Result<Option<Quote>> {
    let Some(service) = catalogue::service(conn, service_id)?.filter(|s| s.active) else {
        return Ok(None);
    };
    let all = catalogue::options(conn, service_id, true)?;
    let mut chosen = Vec::new();
    for id in option_ids {
        match all.iter().find(|o| o.id == *id) {
            Some(o)
                if !chosen
                    .iter()
                    .any(|c: &&crate::catalogue::model::ServiceOption| c.id == o.id) =>
            {
                chosen.push(o)
            }
            Some(_) => {}
            None => return Ok(None),
        }
    }
    let base = Priced {
        name_en: &service.name_en,
        name_ru: &service.name_ru,
        price_minor: service.base_price_minor,
    };
    let options: Vec<Priced> = chosen
        .iter()
        .map(|o| Priced {
            name_en: &o.name_en,
            name_ru: &o.name_ru,
            price_minor: o.price_minor,
        })
        .collect();
    Ok(Some(pricing::quote(&base, &options, Vec::new())))
}

/// Places an order for `client_id`; field problems come back as form errors.
pub fn create(
    conn: &mut Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    client_id: i64,
    form: &OrderForm,
    option_ids: &[i64],
) -> Result<Result<i64, FormErrors>, AppError> {
    // Field problems abort the transaction (an address typed on a refused form is not kept).
    let result = write_tx(conn, |tx| -> Result<i64, CreateError> {
        let mut errors = FormErrors::default();
        let service = form
            .service
            .trim()
            .parse::<i64>()
            .ok()
            .map(|id| catalogue::service(tx, id))
            .transpose()?
            .flatten()
            .filter(|s| s.active);
        let address = if form.address == "new" {
            match crate::catalogue::model::text(&form.new_address, 300, true) {
                Some(text) => {
                    let id = profile::insert_address(tx, client_id, "—", &text, "", now)?;
                    profile::address(tx, client_id, id)?
                }
                None => None,
            }
        } else {
            form.address
                .trim()
                .parse::<i64>()
                .ok()
                .map(|id| profile::address(tx, client_id, id))
                .transpose()?
                .flatten()
        };
        if service.is_none() {
            errors.add("service", "err-service-unknown");
        }
        if address.is_none() {
            errors.add("address", "err-address-unknown");
        }
        let notes = crate::catalogue::model::text(&form.notes, 1000, false);
        if notes.is_none() {
            errors.add("notes", "err-text-1000");
        }
        let local = match (
            NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d"),
            NaiveTime::parse_from_str(form.time.trim(), "%H:%M"),
        ) {
            (Ok(d), Ok(t)) => Some(d.and_time(t)),
            _ => {
                errors.add("time", "err-slot-format");
                None
            }
        };
        let (Some(service), Some(address), Some(notes), Some(local)) =
            (service, address, notes, local)
        else {
            return Err(CreateError::Form(errors));
        };
        let scheduled_at = match slot::check(
            &settings.orders,
            settings.time_zone,
            now,
            local,
            service.duration_minutes,
        ) {
            Ok(at) => at,
            Err(key) => {
                errors.add("time", key);
                return Err(CreateError::Form(errors));
            }
        };
        let Some(quote) = quote_for(tx, service.id, option_ids)? else {
            errors.add("options", "err-option-unknown");
            return Err(CreateError::Form(errors));
        };
        let address_text = if address.access_notes.is_empty() {
            address.address.clone()
        } else {
            format!("{} ({})", address.address, address.access_notes)
        };
        let id = store::insert_order(
            tx,
            &store::NewOrder {
                client_id,
                service_id: service.id,
                address_id: address.id,
                address_text: &address_text,
                scheduled_at,
                duration_minutes: service.duration_minutes,
                notes: &notes,
                currency: &settings.currency,
                quote: &quote,
            },
            now,
        )?;
        for option in catalogue::options(tx, service.id, true)?
            .iter()
            .filter(|o| option_ids.contains(&o.id))
        {
            store::insert_order_option(
                tx,
                id,
                option.id,
                &option.name_en,
                &option.name_ru,
                option.price_minor,
            )?;
        }
        store::insert_event(
            tx,
            &NewEvent {
                order_id: id,
                actor_id: Some(client_id),
                actor_role: "client",
                action: "create",
                from: None,
                to: Status::New,
                reason: None,
                payload: json!({ "total_minor": quote.total_minor }),
            },
            now,
        )?;
        let service_name = Arg::Localized {
            en: service.name_en.clone(),
            ru: service.name_ru.clone(),
        };
        let msg = |kind| {
            Message::new(kind)
                .arg("id", id)
                .arg("service", service_name.clone())
                .arg("when", Arg::Time(scheduled_at))
        };
        notify(
            tx,
            settings,
            now,
            client_id,
            &msg(Kind::OrderReceived).link(format!("/client/orders/{id}")),
        )?;
        // With matching on, a worker is found automatically; managers hear only if not.
        if !crate::matching::store::settings(tx)?.enabled {
            notify_role(
                tx,
                settings,
                now,
                Role::Manager,
                &msg(Kind::OrderToAssign).link(format!("/manage/orders/{id}")),
            )?;
        }
        Ok(id)
    });
    match result {
        Ok(id) => Ok(Ok(id)),
        Err(CreateError::Form(errors)) => Ok(Err(errors)),
        Err(CreateError::App(e)) => Err(e),
    }
}

/// Inside `create`'s transaction: a form problem rolls back like any other error.
enum CreateError {
    Form(FormErrors),
    App(AppError),
}

impl<E: Into<AppError>> From<E> for CreateError {
    fn from(e: E) -> Self {
        CreateError::App(e.into())
    }
}

/// What an actor asks of an order, with the data the step needs.
pub enum Command {
    Offer {
        worker_id: i64,
    },
    Assign {
        worker_id: i64,
    },
    Accept,
    Decline,
    ExpireOffer,
    MarkUnassigned,
    ConfirmKit,
    Start,
    Report {
        note: String,
        checked: Vec<i64>,
        files: Vec<OrderFile>,
    },
    Sign {
        signature: Signature,
    },
    Refuse {
        reason: String,
    },
    Cancel {
        reason: String,
    },
    ResolveComplete,
}

impl Command {
    fn action(&self) -> Action {
        match self {
            Command::Offer { worker_id } => Action::Offer {
                worker_id: *worker_id,
            },
            Command::Assign { worker_id } => Action::Assign {
                worker_id: *worker_id,
            },
            Command::Accept => Action::AcceptOffer,
            Command::Decline => Action::DeclineOffer,
            Command::ConfirmKit => Action::ConfirmKit,
            Command::Start => Action::Start,
            Command::Report { .. } => Action::Report,
            Command::Sign { .. } => Action::Sign,
            Command::Refuse { .. } => Action::Refuse,
            Command::Cancel { .. } => Action::Cancel,
            Command::ResolveComplete => Action::ResolveComplete,
            Command::ExpireOffer => Action::ExpireOffer,
            Command::MarkUnassigned => Action::MarkUnassigned,
        }
    }
}

/// Who may see an order at all: its client, the worker on it or holding its offer, staff.
/// Everyone else is told it does not exist.
pub fn visible(facts: &Facts, actor: Actor) -> bool {
    match actor {
        Actor::Client(id) => facts.client_id == id,
        Actor::Worker(id) => facts.worker_id == Some(id) || facts.offered_to == Some(id),
        Actor::Manager(_) | Actor::System => true,
    }
}

/// Applies `cmd` to the order in its own transaction; a refusal changes nothing.
pub fn apply(
    conn: &mut Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    actor: Actor,
    order_id: i64,
    cmd: Command,
) -> Result<Result<Status, Refusal>, AppError> {
    write_tx(conn, |tx| apply_in(tx, settings, now, actor, order_id, cmd))
}

/// Applies `cmd` inside the caller's transaction (matching records its decision with it).
pub fn apply_in(
    tx: &Transaction,
    settings: &Settings,
    now: DateTime<Utc>,
    actor: Actor,
    order_id: i64,
    cmd: Command,
) -> Result<Result<Status, Refusal>, AppError> {
    let facts = store::facts(tx, order_id)?.ok_or(AppError::NotFound)?;
    if !visible(&facts, actor) {
        return Err(AppError::NotFound);
    }
    let action = cmd.action();
    let to = match decide(&facts, actor, &action) {
        Ok(to) => to,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let order = store::order(tx, order_id)?.ok_or(AppError::NotFound)?;
    if let Err(refusal) = effects(tx, settings, now, actor, &order, &facts, &cmd)? {
        return Ok(Err(refusal));
    }
    if to != facts.status {
        store::set_status(tx, order_id, to, now)?;
    }
    let (reason, payload) = event_details(&cmd);
    store::insert_event(
        tx,
        &NewEvent {
            order_id,
            actor_id: actor.user_id(),
            actor_role: actor.role_name(),
            action: action.name(),
            from: Some(facts.status),
            to,
            reason: reason.as_deref(),
            payload,
        },
        now,
    )?;
    super::notices::send(tx, settings, now, &order, &facts, &cmd, to)?;
    Ok(Ok(to))
}

fn event_details(cmd: &Command) -> (Option<String>, serde_json::Value) {
    match cmd {
        Command::Offer { worker_id } | Command::Assign { worker_id } => {
            (None, json!({ "worker_id": worker_id }))
        }
        Command::Refuse { reason } | Command::Cancel { reason } => {
            (Some(reason.clone()).filter(|r| !r.is_empty()), json!({}))
        }
        Command::Report { files, checked, .. } => (
            None,
            json!({ "files": files.len(), "checked": checked.len() }),
        ),
        Command::Sign { signature } => (
            None,
            json!({ "rating": signature.rating, "report_sha256": signature.report_sha256 }),
        ),
        _ => (None, json!({})),
    }
}

/// The data changes of each step beyond the status itself.
fn effects(
    tx: &Transaction,
    settings: &Settings,
    now: DateTime<Utc>,
    actor: Actor,
    order: &store::Order,
    facts: &Facts,
    cmd: &Command,
) -> Result<Result<(), Refusal>, AppError> {
    let id = order.id;
    match cmd {
        Command::Offer { worker_id } | Command::Assign { worker_id } => {
            if let Err(refusal) = check_worker(tx, *worker_id, order)? {
                return Ok(Err(refusal));
            }
            // Whoever held the order or its offer lets go of it.
            store::close_offers(tx, id, &["open", "accepted"], "withdrawn", now)?;
            let source = if actor == Actor::System {
                "matching"
            } else {
                "manager"
            };
            if matches!(cmd, Command::Offer { .. }) {
                let expires = now + Duration::minutes(settings.orders.offer_expiry_minutes);
                store::insert_offer(tx, id, *worker_id, source, "open", now, expires)?;
                store::set_worker(tx, id, None)?;
            } else {
                // A direct assignment is recorded as an offer accepted on the spot, so every
                // assigned order has exactly one accepted offer.
                store::insert_offer(tx, id, *worker_id, source, "accepted", now, now)?;
                store::set_worker(tx, id, Some(*worker_id))?;
            }
        }
        Command::Accept => {
            let worker_id = facts.offered_to.expect("decide checked the offer");
            if store::open_offer_expiry(tx, id)?.is_some_and(|at| at <= now) {
                return Ok(Err(Refusal("refuse-offer-expired")));
            }
            if store::worker_busy(tx, worker_id, order.scheduled_at, order.ends_at(), id)? {
                return Ok(Err(Refusal("refuse-worker-busy")));
            }
            store::close_offers(tx, id, &["open"], "accepted", now)?;
            store::set_worker(tx, id, Some(worker_id))?;
        }
        Command::Decline => {
            store::close_offers(tx, id, &["open"], "declined", now)?;
        }
        Command::ExpireOffer => {
            store::close_offers(tx, id, &["open"], "expired", now)?;
        }
        Command::ConfirmKit => store::set_kit_received(tx, id, now)?,
        Command::Report {
            note,
            checked,
            files,
        } => {
            let items: Vec<CheckedItem> = catalogue::checklist(tx, order.service_id)?
                .into_iter()
                .map(|i| CheckedItem {
                    done: checked.contains(&i.id),
                    text_en: i.text_en,
                    text_ru: i.text_ru,
                })
                .collect();
            let worker_id = actor.user_id().expect("a worker reports");
            records::insert_report(tx, id, worker_id, note, &items, now)?;
            for f in files {
                records::insert_file(tx, id, f, worker_id, now)?;
            }
        }
        Command::Sign { signature } => {
            records::insert_signature(tx, id, signature)?;
            if let Some(worker_id) = order.worker_id {
                crate::matching::store::add_rating(tx, worker_id, signature.rating)?;
            }
        }
        Command::Refuse { reason } => store::set_dispute_reason(tx, id, reason)?,
        Command::Cancel { reason } => {
            let fee = cancellation_fee(
                facts.status,
                actor,
                order.total_minor,
                settings.orders.cancellation_fee_percent,
            );
            store::close_offers(tx, id, &["open"], "withdrawn", now)?;
            store::set_cancelled(tx, id, fee, reason)?;
        }
        Command::Start | Command::ResolveComplete | Command::MarkUnassigned => {}
    }
    Ok(Ok(()))
}

/// A worker can take the order: an active worker, free at that time.
fn check_worker(
    tx: &Transaction,
    worker_id: i64,
    order: &store::Order,
) -> Result<Result<(), Refusal>, AppError> {
    let is_worker =
        users::user_by_id(tx, worker_id)?.is_some_and(|u| u.role == Role::Worker && u.active);
    if !is_worker {
        return Ok(Err(Refusal("refuse-not-a-worker")));
    }
    if store::worker_busy(tx, worker_id, order.scheduled_at, order.ends_at(), order.id)? {
        return Ok(Err(Refusal("refuse-worker-busy")));
    }
    Ok(Ok(()))
}
