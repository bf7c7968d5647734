//! Translation: every user-facing string goes through Fluent (`assets/locales/{en,ru}`), which
//! knows CLDR plural categories. Also locale-aware money and time formatting in the business
//! time zone.

pub mod audit;
pub mod texts;

pub use texts::{Texts, read_pair};

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./assets/locales",
        fallback_language: "en",
        // Isolation marks around placeables would end up inside form values and emails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }

    /// Picks the first supported language from an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .filter_map(|tag| tag.trim().split('-').next())
            .find_map(Lang::from_code)
    }

    /// The language's own name, shown in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
        }
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::En => langid!("en"),
            Lang::Ru => langid!("ru"),
        }
    }
}

/// A translator bound to one language and the business time zone.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
    pub tz: Tz,
}

impl Tr {
    pub fn new(lang: Lang, tz: Tz) -> Self {
        Self { lang, tz }
    }

    /// A message without arguments reads the same every time, so each thread keeps what it
    /// has looked up (a table page asks for the same few labels hundreds of times).
    pub fn t(&self, key: &str) -> String {
        thread_local! {
            static PLAIN: std::cell::RefCell<[HashMap<String, String>; 2]> =
                std::cell::RefCell::default();
        }
        let slot = match self.lang {
            Lang::En => 0,
            Lang::Ru => 1,
        };
        if let Some(text) = PLAIN.with_borrow(|plain| plain[slot].get(key).cloned()) {
            return text;
        }
        audit::check(self.lang, key, &[]);
        let text = self.lookup(key, None);
        PLAIN.with_borrow_mut(|plain| plain[slot].insert(key.to_string(), text.clone()));
        text
    }

    /// Looks up `key` with named arguments; numbers choose the plural form.
    pub fn t_args(&self, key: &str, args: &[(&'static str, Arg)]) -> String {
        audit::check(self.lang, key, args);
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                let v = match value {
                    Arg::Str(s) => FluentValue::from(s.clone()),
                    Arg::Num(n) => FluentValue::from(*n),
                    Arg::Time(at) => FluentValue::from(self.datetime(*at)),
                    Arg::Day(day) => FluentValue::from(self.datetime_day(*day)),
                    Arg::Money(minor, currency) => FluentValue::from(self.money(*minor, currency)),
                    Arg::Localized { en, ru } => FluentValue::from(if self.lang == Lang::Ru {
                        ru.clone()
                    } else {
                        en.clone()
                    }),
                };
                (Cow::Borrowed(*name), v)
            })
            .collect();
        self.lookup(key, Some(&map))
    }

    /// A missing message shows its id rather than failing the page; the unit test that
    /// compares the catalogues keeps that from reaching users.
    fn lookup(&self, key: &str, args: Option<&HashMap<Cow<'static, str>, FluentValue>>) -> String {
        LOCALES
            .try_lookup_complete(&self.lang.langid(), key, args)
            .unwrap_or_else(|| {
                tracing::warn!(key, "missing translation");
                key.to_string()
            })
    }

    /// Date and time in the business time zone, e.g. "22 Nov 2026, 14:05" / "22.11.2026 14:05".
    /// Written out by hand rather than with `format("%-d %b …")`: a table page prints hundreds
    /// of these, and chrono parses its format string again for each one.
    pub fn datetime(&self, at: DateTime<Utc>) -> String {
        use chrono::Timelike;
        let local = at.with_timezone(&self.tz);
        let (hour, minute) = (local.hour(), local.minute());
        match self.lang {
            Lang::En => format!(
                "{}, {hour:02}:{minute:02}",
                self.datetime_day(local.date_naive())
            ),
            Lang::Ru => format!(
                "{} {hour:02}:{minute:02}",
                self.datetime_day(local.date_naive())
            ),
        }
    }

    /// A calendar day: "22 Nov 2026" / "22.11.2026".
    pub fn datetime_day(&self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let (d, m, y) = (day.day(), day.month(), day.year());
        match self.lang {
            Lang::En => format!("{d} {} {y:04}", MONTHS[m as usize - 1]),
            Lang::Ru => format!("{d:02}.{m:02}.{y:04}"),
        }
    }

    /// A number kept in hundredths, with the locale's decimal mark: "4.25" / "4,25".
    pub fn decimal(&self, hundredths: i64) -> String {
        let sign = if hundredths < 0 { "-" } else { "" };
        let abs = hundredths.unsigned_abs();
        let mark = if self.lang == Lang::Ru { ',' } else { '.' };
        format!("{sign}{}{mark}{:02}", abs / 100, abs % 100)
    }

    /// A month as people say it: "December 2026" / "декабрь 2026"; `YYYY-MM` text that does
    /// not parse is shown as given.
    pub fn month(&self, year_month: &str) -> String {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const RU: [&str; 12] = [
            "январь",
            "февраль",
            "март",
            "апрель",
            "май",
            "июнь",
            "июль",
            "август",
            "сентябрь",
            "октябрь",
            "ноябрь",
            "декабрь",
        ];
        let parsed = year_month
            .split_once('-')
            .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<usize>().ok()?)));
        match parsed {
            Some((year, month @ 1..=12)) => {
                let names = if self.lang == Lang::Ru { RU } else { EN };
                format!("{} {year}", names[month - 1])
            }
            _ => year_month.to_string(),
        }
    }

    /// A file's size: "12 KB" / "12 КБ", "1.5 MB" / "1,5 МБ" (any part of a kilobyte
    /// counts as one).
    pub fn file_size(&self, bytes: i64) -> String {
        let ru = self.lang == Lang::Ru;
        if bytes < 1024 * 1024 {
            let kb = (bytes.max(0) + 1023) / 1024;
            format!("{kb}\u{a0}{}", if ru { "КБ" } else { "KB" })
        } else {
            let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
            let mark = if ru { ',' } else { '.' };
            format!(
                "{}{mark}{}\u{a0}{}",
                tenths / 10,
                tenths % 10,
                if ru { "МБ" } else { "MB" }
            )
        }
    }

    /// Money from integer minor units, grouped per locale: "₽1,234.50" / "1 234,50 ₽".
    pub fn money(&self, minor: i64, currency: &str) -> String {
        let sign = if minor < 0 { "-" } else { "" };
        let abs = minor.unsigned_abs();
        let (units, cents) = (abs / 100, abs % 100);
        let (group, decimal) = match self.lang {
            Lang::En => (',', '.'),
            Lang::Ru => ('\u{a0}', ','),
        };
        let digits = units.to_string();
        let mut grouped = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(ch);
        }
        let symbol = currency_symbol(currency);
        match self.lang {
            Lang::En => format!("{sign}{symbol}{grouped}{decimal}{cents:02}"),
            Lang::Ru => format!("{sign}{grouped}{decimal}{cents:02}\u{a0}{symbol}"),
        }
    }
}

fn currency_symbol(code: &str) -> Cow<'_, str> {
    match code {
        "RUB" => "₽".into(),
        "USD" => "$".into(),
        "EUR" => "€".into(),
        other => format!("{other} ").into(),
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
/// A message argument. Times, money and two-language names are formatted for the reader,
/// so a notification written for someone else's language still reads right.
pub enum Arg {
    Str(String),
    Num(i64),
    Time(DateTime<Utc>),
    /// A calendar day, written the reader's way ("24 Jan 2026" / "24.01.2026").
    Day(chrono::NaiveDate),
    Money(i64, String),
    Localized {
        en: String,
        ru: String,
    },
}

impl Arg {
    /// A message's own text in both languages, for a word inside another message that each
    /// reader reads in theirs ("Fine" / "Штраф").
    pub fn message(key: &str) -> Arg {
        let text = |lang| Tr::new(lang, chrono_tz::UTC).t(key);
        Arg::Localized {
            en: text(Lang::En),
            ru: text(Lang::Ru),
        }
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn message_ids(ftl: &str) -> std::collections::BTreeSet<String> {
        ftl.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
            .collect()
    }

    #[test]
    fn english_and_russian_define_the_same_messages() {
        let en = message_ids(concat!(
            include_str!("../../assets/locales/en/main.ftl"),
            include_str!("../../assets/locales/en/billing.ftl"),
            include_str!("../../assets/locales/en/quality.ftl"),
            include_str!("../../assets/locales/en/reports.ftl"),
            include_str!("../../assets/locales/en/phone.ftl"),
            include_str!("../../assets/locales/en/experiments.ftl"),
            include_str!("../../assets/locales/en/reminders.ftl"),
            include_str!("../../assets/locales/en/series.ftl"),
            include_str!("../../assets/locales/en/reschedule.ftl"),
            include_str!("../../assets/locales/en/board.ftl"),
        ));
        let ru = message_ids(concat!(
            include_str!("../../assets/locales/ru/main.ftl"),
            include_str!("../../assets/locales/ru/billing.ftl"),
            include_str!("../../assets/locales/ru/quality.ftl"),
            include_str!("../../assets/locales/ru/reports.ftl"),
            include_str!("../../assets/locales/ru/phone.ftl"),
            include_str!("../../assets/locales/ru/experiments.ftl"),
            include_str!("../../assets/locales/ru/reminders.ftl"),
            include_str!("../../assets/locales/ru/series.ftl"),
            include_str!("../../assets/locales/ru/reschedule.ftl"),
            include_str!("../../assets/locales/ru/board.ftl"),
        ));
        let only_en: Vec<_> = en.difference(&ru).collect();
        let only_ru: Vec<_> = ru.difference(&en).collect();
        assert!(
            only_en.is_empty() && only_ru.is_empty(),
            "en only: {only_en:?}, ru only: {only_ru:?}"
        );
    }

    #[test]
    fn both_languages_give_each_message_the_same_arguments() {
        let mut differ = Vec::new();
        for id in audit::message_ids(Lang::En) {
            let en = audit::vars_of(Lang::En, &id).unwrap_or_default().used;
            let ru = audit::vars_of(Lang::Ru, &id).unwrap_or_default().used;
            if !ru.is_subset(&en) {
                differ.push(format!("{id}: en {en:?}, ru {ru:?}"));
            }
        }
        assert!(differ.is_empty(), "{differ:#?}");
    }

    #[test]
    fn russian_plurals_follow_cldr() {
        let tr = Tr::new(Lang::Ru, chrono_tz::Europe::Moscow);
        let n = |k: i64| tr.t_args("unread-count", &[("count", k.into())]);
        assert_eq!(n(1), "1 непрочитанное");
        assert_eq!(n(2), "2 непрочитанных");
        assert_eq!(n(5), "5 непрочитанных");
        assert_eq!(n(21), "21 непрочитанное");
    }

    #[test]
    fn russian_counts_take_their_plural_form() {
        let tr = Tr::new(Lang::Ru, chrono_tz::Europe::Moscow);
        let points = |n: i64| tr.t_args("tests-points-total", &[("count", n.into())]);
        assert_eq!(points(1), "1 балл всего");
        assert_eq!(points(2), "2 балла всего");
        assert_eq!(points(5), "5 баллов всего");
        assert_eq!(points(11), "11 баллов всего");
        assert_eq!(points(21), "21 балл всего");
        assert_eq!(points(0), "0 баллов всего");
        let en = Tr::new(Lang::En, chrono_tz::Europe::Moscow);
        assert_eq!(
            en.t_args("tests-points-total", &[("count", 1.into())]),
            "1 point in all"
        );
    }

    #[test]
    fn money_is_formatted_per_locale() {
        let en = Tr::new(Lang::En, chrono_tz::Europe::Moscow);
        let ru = Tr::new(Lang::Ru, chrono_tz::Europe::Moscow);
        assert_eq!(en.money(123_450, "RUB"), "₽1,234.50");
        assert_eq!(ru.money(123_450, "RUB"), "1\u{a0}234,50\u{a0}₽");
        assert_eq!(en.money(-5, "USD"), "-$0.05");
    }

    #[test]
    fn numbers_months_and_sizes_read_per_locale() {
        let en = Tr::new(Lang::En, chrono_tz::Europe::Moscow);
        let ru = Tr::new(Lang::Ru, chrono_tz::Europe::Moscow);
        assert_eq!(en.decimal(425), "4.25");
        assert_eq!(ru.decimal(400), "4,00");
        assert_eq!(ru.decimal(-5), "-0,05");
        assert_eq!(en.month("2026-12"), "December 2026");
        assert_eq!(ru.month("2026-01"), "январь 2026");
        assert_eq!(ru.month("2026-13"), "2026-13");
        assert_eq!(en.file_size(10), "1\u{a0}KB");
        assert_eq!(ru.file_size(2048), "2\u{a0}КБ");
        assert_eq!(ru.file_size(1_572_864), "1,5\u{a0}МБ");
    }

    #[test]
    fn times_are_shown_in_the_business_time_zone() {
        let tr = Tr::new(Lang::Ru, chrono_tz::Europe::Moscow);
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 11, 5, 0).unwrap();
        assert_eq!(tr.datetime(at), "22.11.2026 14:05");
        let en = Tr::new(Lang::En, chrono_tz::Europe::Moscow);
        assert_eq!(en.datetime(at), "22 Nov 2026, 14:05");
        // The same text as chrono's own formatting, on every day of a year and at each hour.
        let mut t = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        while chrono::Datelike::year(&t) == 2027 {
            let local = t.with_timezone(&chrono_tz::Europe::Moscow);
            assert_eq!(en.datetime(t), local.format("%-d %b %Y, %H:%M").to_string());
            assert_eq!(tr.datetime(t), local.format("%d.%m.%Y %H:%M").to_string());
            t += chrono::Duration::minutes(61);
        }
    }

    #[test]
    fn accept_language_picks_the_first_supported() {
        assert_eq!(
            Lang::from_accept_language("de-DE,ru;q=0.8,en;q=0.5"),
            Some(Lang::Ru)
        );
        assert_eq!(Lang::from_accept_language("fr"), None);
    }
}
