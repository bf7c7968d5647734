//! Placing an order: the form parsed into a typed command (`PlaceOrder`), the server-side
//! quote, slot checks and the first event, in one transaction.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde_json::json;

use crate::auth::model::Role;
use crate::billing::{pricing, standing};
use crate::catalogue::model::Service;
use crate::catalogue::store as catalogue;
use crate::config::Settings;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::{Attachment, Kind};
use crate::notify::service::{Message, notify, notify_role};
use crate::orders::model::pricing::{self as quote_rules, LineKind, Priced, Quote, QuoteLine};
use crate::orders::model::reminder::ReminderNote;
use crate::orders::model::slot;
use crate::orders::model::{EventAction, Status};
use crate::orders::service::Hooks;
use crate::orders::store::{self, NewEvent};
use crate::profile::store as profile;
use crate::profile::store::Address;
use crate::validate::FormErrors;

pub use crate::orders::service::new_order::{AddressChoice, OrderForm, PlaceOrder, lookup_errors};

/// Who the quote is for: discounts depend on the client's history and the promo typed.
pub struct DiscountAsk<'a> {
    pub client_id: i64,
    pub promo: &'a str,
    /// The business-time-zone date (promo validity).
    pub today: NaiveDate,
}

/// A quote with its discounts, the promo to record if it applied, or why the typed code
/// cannot be used (the quote is then shown without it).
pub struct Quoted {
    pub quote: Quote,
    pub promo: Option<(i64, i64)>,
    pub promo_error: Option<&'static str>,
}

/// Prices the service with the chosen options; `None` when the service is not on offer or
/// an option does not belong to it. The server always recomputes: prices never come from
/// the form.
pub fn quote_for(
    conn: &Connection,
    service_id: i64,
    option_ids: &[i64],
    ask: &DiscountAsk,
) -> rusqlite::Result<Option<Quoted>> {
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
    let subtotal = quote_rules::quote(&base, &options, Vec::new()).total_minor;
    let (priced, promo_error) =
        pricing::discounts_for(conn, ask.client_id, subtotal, ask.promo, ask.today)?;
    let discounts = priced
        .lines
        .into_iter()
        .map(|d| QuoteLine {
            kind: LineKind::Discount,
            label_en: d.label_en,
            label_ru: d.label_ru,
            amount_minor: d.amount_minor,
        })
        .collect();
    Ok(Some(Quoted {
        quote: quote_rules::quote(&base, &options, discounts),
        promo: priced.promo,
        promo_error,
    }))
}

/// Why an order was not placed: problems to show on the form, or a failure.
#[derive(Debug)]
pub enum CreateError {
    Form(FormErrors),
    App(AppError),
}

impl<E: Into<AppError>> From<E> for CreateError {
    fn from(e: E) -> Self {
        CreateError::App(e.into())
    }
}

impl CreateError {
    /// The form's problems to show, or the failure to pass on.
    pub fn into_form(self) -> Result<FormErrors, AppError> {
        match self {
            CreateError::Form(errors) => Ok(errors),
            CreateError::App(e) => Err(e),
        }
    }
}

fn form_error(field: &'static str, key: &'static str) -> CreateError {
    let mut errors = FormErrors::default();
    errors.add(field, key);
    CreateError::Form(errors)
}

/// Places an order for `client_id`. Field problems roll the transaction back like any other
/// error (an address typed on a refused form is not kept) and come back as form errors.
pub fn create(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    client_id: i64,
    order: &PlaceOrder,
) -> Result<i64, CreateError> {
    write_tx(conn, |tx| {
        place(tx, settings, hooks, now, client_id, order, None)
    })
}

/// A visit of a series: the series and the visit's date under its rule, stored on the order
/// (one order per series and date).
#[derive(Debug, Clone, Copy)]
pub struct SeriesMark {
    pub series_id: i64,
    pub on: NaiveDate,
}

/// Places an order inside the caller's transaction, with the same checks as `create`; a
/// series visit carries its mark. With a saved address, every refusal comes before the first
/// write, so a caller may go on in the same transaction after one.
pub fn place(
    tx: &WriteTx,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    client_id: i64,
    order: &PlaceOrder,
    series: Option<SeriesMark>,
) -> Result<i64, CreateError> {
    {
        let (service, address) = resolve(tx, client_id, order, now)?;
        let scheduled_at = slot::check(
            &settings.orders,
            settings.time_zone,
            now,
            order.local,
            service.duration_minutes,
        )
        .map_err(|key| form_error("time", key))?;
        if let Some(key) = standing::order_block(tx, client_id, now)? {
            return Err(form_error("payment", key));
        }
        let ask = DiscountAsk {
            client_id,
            promo: &order.promo,
            today: now.with_timezone(&settings.time_zone).date_naive(),
        };
        let quoted = quote_for(tx, service.id, &order.option_ids, &ask)?
            .ok_or_else(|| form_error("options", "err-option-unknown"))?;
        if let Some(key) = quoted.promo_error {
            return Err(form_error("promo", key));
        }
        let placed = Placed {
            client_id,
            service: &service,
            address: &address,
            scheduled_at,
            notes: &order.notes,
            option_ids: &order.option_ids,
        };
        let id = record(tx, settings, now, &placed, &quoted)?;
        if let Some(mark) = series {
            store::series::mark(tx, id, mark.series_id, mark.on)?;
        }
        announce(tx, settings, hooks, now, &placed, id)?;
        Ok(id)
    }
}

/// The service on offer and the client's address (saving a typed one); both problems are
/// reported together.
fn resolve(
    tx: &Connection,
    client_id: i64,
    order: &PlaceOrder,
    now: DateTime<Utc>,
) -> Result<(Service, Address), CreateError> {
    let service = catalogue::service(tx, order.service_id)?.filter(|s| s.active);
    let address = match &order.address {
        AddressChoice::New(text) => {
            let id = profile::insert_address(tx, client_id, "—", text, "", now)?;
            profile::address(tx, client_id, id)?
        }
        AddressChoice::Saved(id) => profile::address(tx, client_id, *id)?,
    };
    let mut errors = FormErrors::default();
    if service.is_none() {
        errors.add("service", "err-service-unknown");
    }
    if address.is_none() {
        errors.add("address", "err-address-unknown");
    }
    match (service, address) {
        (Some(service), Some(address)) => Ok((service, address)),
        _ => Err(CreateError::Form(errors)),
    }
}

/// What is known of an order once its slot, service and address are settled.
struct Placed<'a> {
    client_id: i64,
    service: &'a Service,
    address: &'a Address,
    scheduled_at: DateTime<Utc>,
    notes: &'a str,
    option_ids: &'a [i64],
}

/// Writes the order, its promo redemption, its options and its first event.
fn record(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    p: &Placed,
    quoted: &Quoted,
) -> Result<i64, AppError> {
    let quote = &quoted.quote;
    let address_text = if p.address.access_notes.is_empty() {
        p.address.address.clone()
    } else {
        format!("{} ({})", p.address.address, p.address.access_notes)
    };
    let id = store::insert_order(
        tx,
        &store::NewOrder {
            client_id: p.client_id,
            service_id: p.service.id,
            address_id: p.address.id,
            address_text: &address_text,
            scheduled_at: p.scheduled_at,
            duration_minutes: p.service.duration_minutes,
            notes: p.notes,
            currency: &settings.currency,
            quote,
            commission_bp: pricing::settings(tx)?.commission_bp,
            // Frozen like the commission: a later change of the fee is for later orders.
            cancellation_fee_percent: settings.orders.cancellation_fee_percent,
        },
        now,
    )?;
    if let Some(promo) = quoted.promo {
        pricing::record_redemption(tx, promo, p.client_id, id, now)?;
    }
    for option in catalogue::options(tx, p.service.id, true)?
        .iter()
        .filter(|o| p.option_ids.contains(&o.id))
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
            actor_id: Some(p.client_id),
            actor_role: "client",
            action: EventAction::Create,
            from: None,
            to: Status::New,
            reason: None,
            payload: json!({ "total_minor": quote.total_minor }),
        },
        now,
    )?;
    // Managers' live orders table, dashboard and dispatch board, and the client's other tabs,
    // show it at once.
    for role in [Role::Manager, Role::Admin] {
        tx.note(crate::live::Audience::Role(role), "queue");
        tx.note(crate::live::Audience::Role(role), "schedule");
    }
    tx.note(crate::live::Audience::User(p.client_id), "orders");
    Ok(id)
}

/// Tells the client the order arrived and, unless matching will find a worker, the managers.
fn announce(
    tx: &WriteTx,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    p: &Placed,
    id: i64,
) -> Result<(), AppError> {
    let service_name = Arg::Localized {
        en: p.service.name_en.clone(),
        ru: p.service.name_ru.clone(),
    };
    let msg = |kind| {
        Message::new(kind)
            .arg("id", id.to_string())
            .arg("service", service_name.clone())
            .arg("when", Arg::Time(p.scheduled_at))
    };
    // The confirmation carries the visit for the client's calendar, written when it is sent,
    // and says when the reminder comes (the slot is set now, by this event).
    let mut received = msg(Kind::OrderReceived)
        .link(format!("/client/orders/{id}"))
        .attach(Attachment::OrderCalendar(id));
    received
        .args
        .extend(ReminderNote::promised(&settings.orders, p.scheduled_at, now).args());
    notify(tx, settings, now, p.client_id, &received)?;
    // With matching on, a worker is found automatically; managers hear only if not.
    if !(hooks.auto_matching)(tx)? {
        notify_role(
            tx,
            settings,
            now,
            Role::Manager,
            &msg(Kind::OrderToAssign).link(format!("/manage/orders/{id}")),
        )?;
    }
    Ok(())
}
