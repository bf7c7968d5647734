//! The new-order form as typed, and the typed command (`PlaceOrder`) parsed from it with
//! `TryFrom`: what `create` takes.

use chrono::NaiveDateTime;
use rusqlite::Connection;

use crate::catalogue::store as catalogue;
use crate::profile::store as profile;
use crate::validate::{FormErrors, text};

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
    /// `once` (or empty), `weekly`, `biweekly` or `monthly`: the schedule reads the rest.
    pub repeat: String,
    /// How a repeat ends: `visits` (after `repeat_visits`) or `until` (`repeat_until`).
    pub repeat_end: String,
    pub repeat_visits: String,
    pub repeat_until: String,
}

impl OrderForm {
    /// Whether the client asked for the order to repeat.
    pub fn repeats(&self) -> bool {
        !matches!(self.repeat.as_str(), "" | "once")
    }
}

/// Where the order goes: a saved address of the client's, or one typed on the form (saved
/// with the order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressChoice {
    Saved(i64),
    New(String),
}

/// A new order as the use case takes it: every field parsed, nothing looked up yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceOrder {
    pub service_id: i64,
    pub address: AddressChoice,
    /// The slot's start, in the business time zone.
    pub local: NaiveDateTime,
    pub notes: String,
    pub promo: String,
    pub option_ids: Vec<i64>,
}

/// Parses the form and its ticked options; every field's problem is reported at once.
impl TryFrom<(&OrderForm, &[i64])> for PlaceOrder {
    type Error = FormErrors;

    fn try_from((form, option_ids): (&OrderForm, &[i64])) -> Result<Self, FormErrors> {
        let mut errors = FormErrors::default();
        let service_id = form.service.trim().parse::<i64>().ok();
        if service_id.is_none() {
            errors.add("service", "err-service-unknown");
        }
        let address = if form.address == "new" {
            text(&form.new_address, 300, true).map(AddressChoice::New)
        } else {
            form.address.trim().parse().ok().map(AddressChoice::Saved)
        };
        if address.is_none() {
            errors.add("address", "err-address-unknown");
        }
        let notes = text(&form.notes, 1000, false);
        if notes.is_none() {
            errors.add("notes", "err-text-1000");
        }
        let local = crate::orders::model::slot::parse_local(&form.date, &form.time);
        if local.is_none() {
            errors.add("time", "err-slot-format");
        }
        match (service_id, address, notes, local) {
            (Some(service_id), Some(address), Some(notes), Some(local)) => Ok(PlaceOrder {
                service_id,
                address,
                local,
                notes,
                promo: form.promo.clone(),
                option_ids: option_ids.to_vec(),
            }),
            _ => Err(errors),
        }
    }
}

/// Adds, to a form that did not parse, the problems of the ids that did: a service not on
/// offer, an address not the client's (so the page names them together, as `create` would).
pub fn lookup_errors(
    conn: &Connection,
    client_id: i64,
    form: &OrderForm,
    mut errors: FormErrors,
) -> rusqlite::Result<FormErrors> {
    if let Ok(id) = form.service.trim().parse::<i64>()
        && catalogue::service(conn, id)?.filter(|s| s.active).is_none()
    {
        errors.add("service", "err-service-unknown");
    }
    if form.address != "new"
        && let Ok(id) = form.address.trim().parse::<i64>()
        && profile::address(conn, client_id, id)?.is_none()
    {
        errors.add("address", "err-address-unknown");
    }
    Ok(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OrderForm {
        OrderForm {
            service: "3".into(),
            address: "new".into(),
            new_address: " 1 Test St ".into(),
            date: "2026-03-02".into(),
            time: "10:00".into(),
            ..OrderForm::default()
        }
    }

    #[test]
    fn a_well_formed_form_becomes_a_typed_order() {
        let order = PlaceOrder::try_from((&form(), &[7_i64][..])).unwrap();
        assert_eq!(order.service_id, 3);
        assert_eq!(order.address, AddressChoice::New("1 Test St".into()));
        assert_eq!(order.local.to_string(), "2026-03-02 10:00:00");
        assert_eq!(order.option_ids, vec![7]);
    }

    #[test]
    fn every_malformed_field_is_reported_at_once() {
        let bad = OrderForm {
            service: "soap".into(),
            address: "x".into(),
            time: "25:99".into(),
            notes: "n".repeat(1001),
            ..form()
        };
        let errors = PlaceOrder::try_from((&bad, &[][..])).unwrap_err();
        assert_eq!(errors.get("service"), Some("err-service-unknown"));
        assert_eq!(errors.get("address"), Some("err-address-unknown"));
        assert_eq!(errors.get("time"), Some("err-slot-format"));
        assert_eq!(errors.get("notes"), Some("err-text-1000"));
    }
}
