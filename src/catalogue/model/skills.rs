//! The skills list the business keeps: a skill's stable code (what services and workers hold)
//! and its name in each language, and what a valid new or renamed skill looks like.

use crate::i18n::{Lang, Texts};
use crate::validate::FormErrors;

use super::slug;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    pub id: i64,
    pub code: String,
    pub name_en: String,
    pub name_ru: String,
    pub active: bool,
}

impl Skill {
    /// The name in `lang`, or in the other language where the business has not written it.
    pub fn name(&self, lang: Lang) -> &str {
        crate::i18n::read_pair(lang, &self.name_en, &self.name_ru)
    }
}

/// The whole list, to show codes as names and to check a choice against it.
#[derive(Debug, Clone, Default)]
pub struct Skills(pub Vec<Skill>);

impl Skills {
    pub fn get(&self, code: &str) -> Option<&Skill> {
        self.0.iter().find(|s| s.code == code)
    }

    /// The skill's name in `lang`; a code missing from the list shows as itself.
    pub fn name<'a>(&'a self, code: &'a str, lang: Lang) -> &'a str {
        self.get(code).map_or(code, |s| s.name(lang))
    }

    /// The names of `codes` in `lang`, joined for a sentence.
    pub fn names(&self, codes: &[String], lang: Lang) -> String {
        let names: Vec<&str> = codes.iter().map(|c| self.name(c, lang)).collect();
        names.join(", ")
    }

    pub fn active(&self) -> impl Iterator<Item = &Skill> {
        self.0.iter().filter(|s| s.active)
    }

    /// Whether `code` may be chosen now: listed and not retired, or already held (`kept`), so
    /// retiring a skill never silently takes it from whoever has it.
    pub fn choosable(&self, code: &str, kept: &[String]) -> bool {
        self.get(code)
            .is_some_and(|s| s.active || kept.iter().any(|k| k == code))
    }
}

/// The add and rename forms as typed (renaming sends only the names).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SkillForm {
    pub code: String,
    pub name_en: String,
    pub name_ru: String,
}

/// A skill's names, checked; empty in a language the business does not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillNames {
    pub name_en: String,
    pub name_ru: String,
}

impl SkillNames {
    /// A rename: the names not asked for (languages not in use) stay as `current` has them.
    /// A name is required in each language in use, so an empty one was never asked for.
    pub fn keeping_unused(mut self, current: &Skill) -> SkillNames {
        if self.name_en.is_empty() {
            self.name_en.clone_from(&current.name_en);
        }
        if self.name_ru.is_empty() {
            self.name_ru.clone_from(&current.name_ru);
        }
        self
    }
}

impl SkillForm {
    pub fn typed_names(&self) -> Texts {
        Texts::new(&self.name_en, &self.name_ru)
    }

    /// The names in the business's `languages`, each required; the others are dropped.
    pub fn names(&self, languages: &[Lang]) -> Result<SkillNames, FormErrors> {
        match Texts::typed(&self.typed_names(), languages, 100, true) {
            Ok(t) => Ok(SkillNames {
                name_en: t.en,
                name_ru: t.ru,
            }),
            Err(lang) => {
                let field = match lang {
                    Lang::En => "name_en",
                    Lang::Ru => "name_ru",
                };
                let mut e = FormErrors::default();
                e.add(field, "err-required-100");
                Err(e)
            }
        }
    }

    /// A new skill: its code and names.
    pub fn new_skill(&self, languages: &[Lang]) -> Result<(String, SkillNames), FormErrors> {
        let code = slug(&self.code);
        let names = self.names(languages);
        match (code, names) {
            (Some(code), Ok(names)) => Ok((code, names)),
            (code, names) => {
                let mut e = names.err().unwrap_or_default();
                if code.is_none() {
                    e.add("code", "err-code");
                }
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Skills {
        let skill = |id, code: &str, active| Skill {
            id,
            code: code.into(),
            name_en: format!("{code} (en)"),
            name_ru: format!("{code} (ru)"),
            active,
        };
        Skills(vec![skill(1, "cleaning", true), skill(2, "mice", false)])
    }

    #[test]
    fn codes_show_as_names_in_the_readers_language() {
        let codes = ["cleaning".to_string(), "gone".to_string()];
        assert_eq!(list().names(&codes, Lang::Ru), "cleaning (ru), gone");
    }

    #[test]
    fn a_retired_skill_is_kept_but_not_newly_chosen() {
        let l = list();
        assert!(l.choosable("cleaning", &[]));
        assert!(!l.choosable("mice", &[]));
        assert!(l.choosable("mice", &["mice".into()]));
        assert!(!l.choosable("typo", &["typo".into()]));
    }

    #[test]
    fn a_new_skill_needs_a_code_and_both_names() {
        let f = SkillForm {
            code: "Mouse Patrol".into(),
            name_en: "Mouse patrol".into(),
            name_ru: " ".into(),
        };
        let e = f.new_skill(&Lang::ALL).unwrap_err();
        assert!(e.get("code").is_some() && e.get("name_ru").is_some());
        assert!(e.get("name_en").is_none());
    }

    #[test]
    fn only_the_business_languages_are_named_and_a_rename_keeps_the_others() {
        let f = SkillForm {
            code: "mice".into(),
            name_en: String::new(),
            name_ru: "Мыши".into(),
        };
        let (_, names) = f.new_skill(&[Lang::Ru]).unwrap();
        assert_eq!(
            (names.name_en.as_str(), names.name_ru.as_str()),
            ("", "Мыши")
        );
        let renamed = names.keeping_unused(&list().0[1]);
        assert_eq!(
            (renamed.name_en.as_str(), renamed.name_ru.as_str()),
            ("mice (en)", "Мыши")
        );
    }
}
