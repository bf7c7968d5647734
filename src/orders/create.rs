//! Placing an order: the form, the server-side quote, slot checks and the first event, in
//! one transaction.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::Connection;
use serde_json::json;

use super::model::Status;
use super::pricing::{self as quote_rules, LineKind, Priced, Quote, QuoteLine};
use super::slot;
use super::store::{self, NewEvent};
use crate::auth::model::Role;
use crate::billing::{pricing, standing};
use crate::catalogue::store as catalogue;
use crate::config::Settings;
use crate::db::write_tx;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify, notify_role};
use crate::profile::store as profile;
use crate::validate::FormErrors;

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
    /// An optional promo code as typed.
    pub promo: String,
}

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
            match crate::validate::text(&form.new_address, 300, true) {
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
        let notes = crate::validate::text(&form.notes, 1000, false);
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
        if let Some(key) = standing::order_block(tx, client_id, now)? {
            errors.add("payment", key);
            return Err(CreateError::Form(errors));
        }
        let ask = DiscountAsk {
            client_id,
            promo: &form.promo,
            today: now.with_timezone(&settings.time_zone).date_naive(),
        };
        let Some(quoted) = quote_for(tx, service.id, option_ids, &ask)? else {
            errors.add("options", "err-option-unknown");
            return Err(CreateError::Form(errors));
        };
        if let Some(key) = quoted.promo_error {
            errors.add("promo", key);
            return Err(CreateError::Form(errors));
        }
        let quote = quoted.quote;
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
                commission_bp: pricing::settings(tx)?.commission_bp,
            },
            now,
        )?;
        if let Some(promo) = quoted.promo {
            pricing::record_redemption(tx, promo, client_id, id, now)?;
        }
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
