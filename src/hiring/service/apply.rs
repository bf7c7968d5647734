//! Applying to become a worker: the application as typed, its validation, and recording the
//! candidate account with what they offer.

use chrono::{DateTime, Utc};

use crate::auth::model::Role;
use crate::auth::service::{self as accounts, AccountError, NewAccount};
use crate::catalogue::model::Service;
use crate::catalogue::store as catalogue;
use crate::config::Settings;
use crate::db::WriteTx;
use crate::db::{Conn, write_tx};
use crate::error::AppError;
use crate::hiring::store;
use crate::validate::{FormErrors, text};

/// The application as typed (skills repeat).
#[derive(Debug, Default, Clone)]
pub struct ApplyForm {
    pub name: String,
    pub email: String,
    pub password: String,
    pub phone: String,
    pub about: String,
    pub skills: Vec<String>,
}

impl ApplyForm {
    pub fn parse(body: &[u8]) -> Result<ApplyForm, AppError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(body).map_err(|_| AppError::BadRequest)?;
        let mut f = ApplyForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "name" => f.name = v,
                "email" => f.email = v,
                "password" => f.password = v,
                "phone" => f.phone = v,
                "about" => f.about = v,
                "skills" => f.skills.push(v),
                _ => {}
            }
        }
        Ok(f)
    }
}

/// Digits with the usual separators, 5–20 digits.
fn normalize_phone(phone: &str) -> Option<String> {
    let phone = phone.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    (allowed && (5..=20).contains(&digits)).then(|| phone.to_string())
}

/// Validates and records the application: a candidate account and what they offer, in one
/// transaction, counted against the address's hourly sign-up limit. Returns the new user's id.
pub fn submit(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    f: &ApplyForm,
    language: crate::i18n::Lang,
    ip: &str,
) -> Result<Result<i64, FormErrors>, AppError> {
    let mut errors = FormErrors::default();
    let account = accounts::validate_account(&f.name, &f.email, &f.password);
    if let Err(problems) = &account {
        for p in problems {
            if let AccountError::Field(field, key) = p {
                errors.add(field, key.0);
            }
        }
    }
    let phone = normalize_phone(&f.phone);
    if phone.is_none() {
        errors.add("phone", "err-phone");
    }
    let about = text(&f.about, 2000, false);
    if about.is_none() {
        errors.add("about", "err-text-2000");
    }
    let active: Vec<Service> = catalogue::services(conn, true)?;
    let skills: Option<Vec<i64>> = f
        .skills
        .iter()
        .map(|s| {
            s.parse::<i64>()
                .ok()
                .filter(|id| active.iter().any(|a| a.id == *id))
        })
        .collect();
    let skills = skills.filter(|s| !s.is_empty());
    if skills.is_none() {
        errors.add("skills", "err-skills");
    }
    let (Ok((name, email)), Some(phone), Some(about), Some(skills)) =
        (account, phone, about, skills)
    else {
        return Ok(Err(errors));
    };
    let hash = crate::auth::model::password::hash(&f.password)?;
    let new = NewAccount {
        name,
        email,
        password: String::new(),
        role: Role::Candidate,
        language,
    };
    write_tx(conn, |tx| -> Result<_, AppError> {
        // Counted with the application, also when the email turns out taken (a probe).
        accounts::count_signup(tx, settings, ip, now)?;
        match accounts::insert_account(tx, settings, now, &new, &hash) {
            Ok((user_id, _)) => {
                let candidate = store::insert(tx, user_id, &phone, &about, &skills, now)?;
                invite(tx, settings, now, candidate, &skills)?;
                Ok(Ok(user_id))
            }
            Err(e) if e.refusal().is_none() => Err(e),
            Err(_) => {
                let mut taken = FormErrors::default();
                taken.add("email", "err-email-taken");
                Ok(Err(taken))
            }
        }
    })
}

/// Invites a new applicant to the active policy's tests for the services they offer (and to
/// the general ones), so screening starts without a manager.
pub fn invite(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    candidate_id: i64,
    services: &[i64],
) -> Result<usize, AppError> {
    let tests = crate::hiring::service::defaults::tests_for_applicant(tx, services)?;
    for (i, test) in tests.iter().enumerate() {
        let seed = now.timestamp_micros() as u64 ^ ((candidate_id as u64) << 8) ^ i as u64;
        let c = crate::hiring::service::attempts::Customisation::default();
        match crate::hiring::service::attempts::invite_candidate(
            tx,
            settings,
            now,
            candidate_id,
            *test,
            c,
            seed,
        ) {
            // A test emptied of questions since it joined the policy is skipped.
            Ok(_) | Err(AppError::Refused(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(tests.len())
}

#[cfg(test)]
mod tests {
    use super::normalize_phone;

    #[test]
    fn phones_allow_the_usual_separators_only() {
        assert_eq!(
            normalize_phone(" +7 (999) 123-45-67 ").as_deref(),
            Some("+7 (999) 123-45-67")
        );
        for bad in ["", "1234", "call me", "+7 999 123 45 67 89 01 23 45 67"] {
            assert_eq!(normalize_phone(bad), None, "{bad}");
        }
    }
}
