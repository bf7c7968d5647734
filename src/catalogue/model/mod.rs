//! What a valid service, option and checklist item look like (validated form input).

pub mod skills;

use crate::i18n::{Lang, Texts, read_pair};
use crate::money::parse_minor;
use crate::validate::{FormErrors, text};

#[derive(Debug, Clone)]
pub struct Service {
    pub id: i64,
    pub code: String,
    pub name_en: String,
    pub name_ru: String,
    pub description_en: String,
    pub description_ru: String,
    pub duration_minutes: i64,
    pub base_price_minor: i64,
    pub skill: String,
    pub active: bool,
}

impl Service {
    /// The name in `lang`, or in the other language where the business has not written it.
    pub fn name(&self, lang: Lang) -> &str {
        read_pair(lang, &self.name_en, &self.name_ru)
    }
    pub fn description(&self, lang: Lang) -> &str {
        read_pair(lang, &self.description_en, &self.description_ru)
    }
}

#[derive(Debug, Clone)]
pub struct ServiceOption {
    pub id: i64,
    pub service_id: i64,
    pub name_en: String,
    pub name_ru: String,
    pub price_minor: i64,
    pub active: bool,
}

impl ServiceOption {
    /// The name in `lang`, or in the other language where the business has not written it.
    pub fn name(&self, lang: Lang) -> &str {
        read_pair(lang, &self.name_en, &self.name_ru)
    }
}

#[derive(Debug, Clone)]
pub struct ChecklistItem {
    pub id: i64,
    pub service_id: i64,
    pub position: i64,
    pub text_en: String,
    pub text_ru: String,
}

impl ChecklistItem {
    pub fn text(&self, lang: Lang) -> &str {
        read_pair(lang, &self.text_en, &self.text_ru)
    }
}

/// A new option as typed: its name in each language and its price.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct OptionForm {
    pub name_en: String,
    pub name_ru: String,
    pub price: String,
}

impl OptionForm {
    /// Its name in the business's `languages` only (the others are not asked for) and its
    /// price; `None` when a name is missing or too long or the price is not one.
    pub fn parse(&self, languages: &[Lang]) -> Option<(Texts, i64)> {
        let typed = Texts::new(&self.name_en, &self.name_ru);
        let name = Texts::typed(&typed, languages, 100, true).ok()?;
        Some((name, parse_minor(&self.price)?))
    }
}

/// A new checklist item as typed: its text in each language.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ChecklistForm {
    pub text_en: String,
    pub text_ru: String,
}

impl ChecklistForm {
    /// Its text in the business's `languages` only; `None` when one is missing or too long.
    pub fn parse(&self, languages: &[Lang]) -> Option<Texts> {
        Texts::typed(
            &Texts::new(&self.text_en, &self.text_ru),
            languages,
            200,
            true,
        )
        .ok()
    }
}

/// The service form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ServiceForm {
    pub code: String,
    pub name_en: String,
    pub name_ru: String,
    pub description_en: String,
    pub description_ru: String,
    pub duration_minutes: String,
    pub base_price: String,
    pub skill: String,
}

/// A validated service (without id and status).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceInput {
    pub code: String,
    pub name_en: String,
    pub name_ru: String,
    pub description_en: String,
    pub description_ru: String,
    pub duration_minutes: i64,
    pub base_price_minor: i64,
    pub skill: String,
}

/// A code: 2 to 40 lower-case letters, digits and dashes (stable, so other tables hold it).
pub fn slug(s: &str) -> Option<String> {
    let s = s.trim().to_lowercase();
    let ok = (2..=40).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    ok.then_some(s)
}

impl TryFrom<&ServiceForm> for ServiceInput {
    type Error = FormErrors;

    fn try_from(f: &ServiceForm) -> Result<Self, FormErrors> {
        ServiceInput::parse(f, &Lang::ALL)
    }
}

impl ServiceInput {
    /// For an edit: the names and descriptions in languages not in use, which the form did not
    /// ask for, stay as `current` has them.
    pub fn keeping_unused(mut self, current: &Service, languages: &[Lang]) -> ServiceInput {
        if !languages.contains(&Lang::En) {
            self.name_en.clone_from(&current.name_en);
            self.description_en.clone_from(&current.description_en);
        }
        if !languages.contains(&Lang::Ru) {
            self.name_ru.clone_from(&current.name_ru);
            self.description_ru.clone_from(&current.description_ru);
        }
        self
    }

    /// The service with its names and descriptions in the business's `languages` only; the
    /// others are left empty (their inputs are not shown).
    pub fn parse(f: &ServiceForm, languages: &[Lang]) -> Result<Self, FormErrors> {
        let mut e = FormErrors::default();
        fn used<'a>(languages: &[Lang], lang: Lang, typed: &'a str) -> &'a str {
            if languages.contains(&lang) { typed } else { "" }
        }
        let name_required = |lang| languages.contains(&lang);
        let code = slug(&f.code);
        if code.is_none() {
            e.add("code", "err-code");
        }
        let skill = slug(&f.skill);
        if skill.is_none() {
            e.add("skill", "err-code");
        }
        let name_en = text(
            used(languages, Lang::En, &f.name_en),
            100,
            name_required(Lang::En),
        );
        if name_en.is_none() {
            e.add("name_en", "err-required-100");
        }
        let name_ru = text(
            used(languages, Lang::Ru, &f.name_ru),
            100,
            name_required(Lang::Ru),
        );
        if name_ru.is_none() {
            e.add("name_ru", "err-required-100");
        }
        let description_en = text(used(languages, Lang::En, &f.description_en), 2000, false);
        if description_en.is_none() {
            e.add("description_en", "err-text-2000");
        }
        let description_ru = text(used(languages, Lang::Ru, &f.description_ru), 2000, false);
        if description_ru.is_none() {
            e.add("description_ru", "err-text-2000");
        }
        let duration = f
            .duration_minutes
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|d| (15..=720).contains(d) && d % 15 == 0);
        if duration.is_none() {
            e.add("duration_minutes", "err-duration");
        }
        let price = parse_minor(&f.base_price);
        if price.is_none() {
            e.add("base_price", "err-money");
        }
        match (
            code,
            name_en,
            name_ru,
            description_en,
            description_ru,
            duration,
            price,
            skill,
        ) {
            (
                Some(code),
                Some(name_en),
                Some(name_ru),
                Some(description_en),
                Some(description_ru),
                Some(duration_minutes),
                Some(base_price_minor),
                Some(skill),
            ) if e.is_empty() => Ok(ServiceInput {
                code,
                name_en,
                name_ru,
                description_en,
                description_ru,
                duration_minutes,
                base_price_minor,
                skill,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ServiceForm {
        ServiceForm {
            code: "deep-clean".into(),
            name_en: "Deep cleaning".into(),
            name_ru: "Генеральная уборка".into(),
            description_en: String::new(),
            description_ru: String::new(),
            duration_minutes: "180".into(),
            base_price: "4500".into(),
            skill: "cleaning".into(),
        }
    }

    #[test]
    fn a_complete_form_becomes_a_service() {
        let s = ServiceInput::try_from(&form()).unwrap();
        assert_eq!((s.duration_minutes, s.base_price_minor), (180, 450_000));
    }

    #[test]
    fn only_the_business_languages_are_asked_for() {
        let ru_only = ServiceForm {
            name_en: String::new(),
            ..form()
        };
        let s = ServiceInput::parse(&ru_only, &[Lang::Ru]).unwrap();
        assert_eq!(
            (s.name_en.as_str(), s.name_ru.as_str()),
            ("", "Генеральная уборка")
        );
        assert!(ServiceInput::parse(&ru_only, &Lang::ALL).is_err());
        let en_typed = ServiceInput::parse(&form(), &[Lang::Ru]).unwrap();
        assert_eq!(en_typed.name_en, "", "a language not in use is not taken");
    }

    #[test]
    fn an_edit_keeps_the_texts_of_languages_not_in_use() {
        let current = Service {
            id: 1,
            code: "deep-clean".into(),
            name_en: "Deep cleaning".into(),
            name_ru: "Генеральная".into(),
            description_en: "Top to bottom".into(),
            description_ru: String::new(),
            duration_minutes: 180,
            base_price_minor: 450_000,
            skill: "cleaning".into(),
            active: true,
        };
        let typed = ServiceForm {
            name_en: String::new(),
            description_ru: "Сверху вниз".into(),
            ..form()
        };
        let s = ServiceInput::parse(&typed, &[Lang::Ru])
            .unwrap()
            .keeping_unused(&current, &[Lang::Ru]);
        assert_eq!(
            (s.name_en.as_str(), s.description_en.as_str()),
            ("Deep cleaning", "Top to bottom")
        );
        assert_eq!(
            (s.name_ru.as_str(), s.description_ru.as_str()),
            ("Генеральная уборка", "Сверху вниз")
        );
    }

    #[test]
    fn options_and_items_need_only_the_business_languages() {
        let option = OptionForm {
            name_en: "Oven".into(),
            name_ru: String::new(),
            price: "300".into(),
        };
        assert_eq!(
            option.parse(&[Lang::En]),
            Some((Texts::new("Oven", ""), 30_000))
        );
        assert_eq!(option.parse(&Lang::ALL), None, "Russian is in use");
        let bad_price = OptionForm {
            price: "-1".into(),
            ..option
        };
        assert_eq!(bad_price.parse(&[Lang::En]), None);
        let item = ChecklistForm {
            text_en: "Ignored".into(),
            text_ru: " Полы ".into(),
        };
        assert_eq!(item.parse(&[Lang::Ru]), Some(Texts::new("", "Полы")));
        assert_eq!(ChecklistForm::default().parse(&[Lang::Ru]), None);
    }

    #[test]
    fn each_bad_field_is_reported() {
        let bad = ServiceForm {
            code: "Deep Clean!".into(),
            name_ru: " ".into(),
            duration_minutes: "17".into(),
            base_price: "-5".into(),
            ..form()
        };
        let errors = ServiceInput::try_from(&bad).unwrap_err();
        for field in ["code", "name_ru", "duration_minutes", "base_price"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        assert!(errors.get("name_en").is_none());
    }
}
