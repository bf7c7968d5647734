//! Accounts' rules: roles, named permissions, and what makes an email, a name and a
//! password acceptable. Pure and unit-tested.

pub mod password;
pub mod tokens;

pub use crate::identity::{Permission, Role};

/// Why a field was refused; the key is a Fluent message id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError(pub &'static str);

pub const MIN_PASSWORD_LEN: usize = 8;
const MAX_PASSWORD_LEN: usize = 200;

static COMMON_PASSWORDS: &str = include_str!("../../../assets/common-passwords.txt");

/// At least 8 characters, no composition rules, not on the common-password list.
pub fn validate_password(password: &str) -> Result<(), FieldError> {
    let len = password.chars().count();
    if len < MIN_PASSWORD_LEN {
        return Err(FieldError("err-password-short"));
    }
    if len > MAX_PASSWORD_LEN {
        return Err(FieldError("err-password-long"));
    }
    let lower = password.to_lowercase();
    if COMMON_PASSWORDS.lines().any(|p| p.trim() == lower) {
        return Err(FieldError("err-password-common"));
    }
    Ok(())
}

/// A trimmed, lower-cased email with one `@`, a dot in the domain and no spaces.
pub fn normalize_email(email: &str) -> Result<String, FieldError> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }
            None => false,
        };
    if valid {
        Ok(email)
    } else {
        Err(FieldError("err-email-invalid"))
    }
}

/// A display name: trimmed, 1–100 characters, no control characters.
pub fn normalize_name(name: &str) -> Result<String, FieldError> {
    let name = name.trim();
    let len = name.chars().count();
    if len == 0 {
        return Err(FieldError("err-name-required"));
    }
    if len > 100 || name.chars().any(|c| c.is_control()) {
        return Err(FieldError("err-name-invalid"));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_have_homes() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert!(role.home().starts_with('/'));
        }
        assert_eq!(Role::Manager.home(), "/manage");
        assert_eq!(Role::Admin.home(), "/admin");
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn bets_is_for_managers_only() {
        assert!(Permission::Bets.allowed_for(Role::Manager));
        assert!(!Permission::Bets.allowed_for(Role::Client));
        assert!(!Permission::Bets.allowed_for(Role::Admin));
    }

    #[test]
    fn passwords_need_length_and_must_not_be_common() {
        assert_eq!(
            validate_password("short"),
            Err(FieldError("err-password-short"))
        );
        assert_eq!(
            validate_password("password123"),
            Err(FieldError("err-password-common"))
        );
        assert_eq!(
            validate_password("PASSWORD"),
            Err(FieldError("err-password-common"))
        );
        assert_eq!(validate_password("whiskers-demo"), Ok(()));
        assert_eq!(
            validate_password("ёжик в тумане"),
            Ok(()),
            "no composition rules"
        );
    }

    #[test]
    fn emails_are_normalized_and_checked() {
        assert_eq!(
            normalize_email("  Client@Example.COM "),
            Ok("client@example.com".into())
        );
        for bad in ["", "no-at", "a@b", "a@@b.c", "a b@c.d", "@x.y", "a@.x"] {
            assert!(normalize_email(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(normalize_name("  Tom  "), Ok("Tom".into()));
        assert_eq!(normalize_name("   "), Err(FieldError("err-name-required")));
        assert!(normalize_name(&"x".repeat(101)).is_err());
    }
}
