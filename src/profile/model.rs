//! The client's standing choices about workers who have served them.

crate::status_enum! {
    /// A client's preference for a worker: matching prefers favourites and never sends a
    /// blocked worker.
    pub enum WorkerPreference {
        Favourite = "favourite" => "profile-favourite",
        Blocked = "blocked" => "profile-blocked",
    }
}

/// A phone number typed by a client, in international form: `+` and 8 to 15 digits, spaces,
/// dashes, dots and brackets allowed between them. `Some("")` clears it; `None` refuses it.
pub fn parse_phone(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(String::new());
    }
    let rest = raw.strip_prefix('+')?;
    let mut digits = String::from("+");
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return None,
        }
    }
    let count = digits.len() - 1;
    ((8..=15).contains(&count) && !digits.starts_with("+0")).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::parse_phone;

    #[test]
    fn phones_are_international_and_kept_as_digits() {
        assert_eq!(
            parse_phone("+7 (916) 123-45-67").as_deref(),
            Some("+79161234567")
        );
        assert_eq!(
            parse_phone("  +44 20 7946 0958 ").as_deref(),
            Some("+442079460958")
        );
        assert_eq!(parse_phone("").as_deref(), Some(""), "empty clears it");
        assert_eq!(
            parse_phone("89161234567"),
            None,
            "the country code is needed"
        );
        assert_eq!(parse_phone("+7 916 CALL ME"), None);
        assert_eq!(parse_phone("+1234567"), None, "too short");
        assert_eq!(parse_phone("+1234567890123456"), None, "too long");
        assert_eq!(
            parse_phone("+0123456789"),
            None,
            "no country code starts with 0"
        );
    }
}
