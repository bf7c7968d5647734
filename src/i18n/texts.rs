//! Content the business writes in each of its languages (service and skill names, screening
//! tests, consumables and their units): one text per language, and which one a reader sees.

use serde::{Deserialize, Deserializer, Serialize};

use super::Lang;
use crate::validate::text;

/// One text per shipped language; empty where the business has not written it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Texts {
    pub en: String,
    pub ru: String,
}

impl Texts {
    pub fn new(en: impl Into<String>, ru: impl Into<String>) -> Texts {
        Texts {
            en: en.into(),
            ru: ru.into(),
        }
    }

    /// The text written in `lang`, empty when there is none.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
        }
    }

    pub fn set(&mut self, lang: Lang, value: String) {
        match lang {
            Lang::En => self.en = value,
            Lang::Ru => self.ru = value,
        }
    }

    /// What a reader in `lang` sees: that language's text, else the first one written. The
    /// reader's language is already one the business uses (see `Business::language_or_first`),
    /// so with the two shipped languages the other one is the business's first whenever it
    /// can matter.
    pub fn read(&self, lang: Lang) -> &str {
        let own = self.get(lang);
        if !own.trim().is_empty() {
            return own;
        }
        Lang::ALL
            .iter()
            .map(|l| self.get(*l))
            .find(|t| !t.trim().is_empty())
            .unwrap_or("")
    }

    /// The text as a message argument, each reader's mail in their language (or the other's
    /// text where theirs is missing).
    pub fn arg(&self) -> super::Arg {
        super::Arg::Localized {
            en: self.read(Lang::En).to_string(),
            ru: self.read(Lang::Ru).to_string(),
        }
    }

    /// Typed texts checked for the business's `languages` only: each of those trimmed and
    /// 1..=max characters (0..=max when optional); the others are dropped, since their inputs
    /// are not shown. Fails naming the first language whose text is missing or too long.
    pub fn typed(
        typed: &Texts,
        languages: &[Lang],
        max: usize,
        required: bool,
    ) -> Result<Texts, Lang> {
        let mut out = Texts::default();
        for lang in languages {
            out.set(*lang, text(typed.get(*lang), max, required).ok_or(*lang)?);
        }
        Ok(out)
    }
}

/// `Texts::read` for a text kept in two columns, without copying it: the reader's language,
/// else the other one.
pub fn read_pair<'a>(lang: Lang, en: &'a str, ru: &'a str) -> &'a str {
    let (own, other) = match lang {
        Lang::En => (en, ru),
        Lang::Ru => (ru, en),
    };
    if own.trim().is_empty() { other } else { own }
}

/// A text written before content had languages: it was entered in English, as the shipped
/// defaults and demo were, so it is the English text (readers of other languages still see it
/// through `read` until someone translates it).
impl From<&str> for Texts {
    fn from(en: &str) -> Texts {
        Texts::new(en, "")
    }
}

impl From<&String> for Texts {
    fn from(en: &String) -> Texts {
        Texts::new(en, "")
    }
}

impl From<String> for Texts {
    fn from(en: String) -> Texts {
        Texts::new(en, "")
    }
}

/// Reads `{"en": …, "ru": …}` and, for what was stored before, a plain string (English).
impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Texts, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Stored {
            Plain(String),
            PerLanguage {
                #[serde(default)]
                en: String,
                #[serde(default)]
                ru: String,
            },
        }
        Ok(match Stored::deserialize(d)? {
            Stored::Plain(en) => Texts::from(en),
            Stored::PerLanguage { en, ru } => Texts { en, ru },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_sees_their_language_else_the_one_written() {
        let both = Texts::new("Piece", "шт.");
        assert_eq!(both.read(Lang::Ru), "шт.");
        assert_eq!(both.read(Lang::En), "Piece");
        let ru_only = Texts::new("", "шт.");
        assert_eq!(ru_only.read(Lang::En), "шт.");
        assert_eq!(Texts::from("piece").read(Lang::Ru), "piece");
        assert_eq!(Texts::default().read(Lang::Ru), "");
        assert_eq!(read_pair(Lang::En, "", "шт."), "шт.");
        assert_eq!(read_pair(Lang::Ru, "piece", " "), "piece");
        assert_eq!(read_pair(Lang::Ru, "piece", "шт."), "шт.");
    }

    #[test]
    fn only_the_business_languages_are_required_and_kept() {
        let typed = Texts::new("Title", "  Заголовок ");
        assert_eq!(
            Texts::typed(&typed, &[Lang::Ru], 100, true),
            Ok(Texts::new("", "Заголовок"))
        );
        assert_eq!(
            Texts::typed(&Texts::new("Title", ""), &[Lang::En, Lang::Ru], 100, true),
            Err(Lang::Ru)
        );
        assert_eq!(
            Texts::typed(&Texts::new("", ""), &[Lang::Ru], 100, false),
            Ok(Texts::default())
        );
        assert_eq!(
            Texts::typed(&Texts::new("", "длинно"), &[Lang::Ru], 3, true),
            Err(Lang::Ru)
        );
    }

    #[test]
    fn stored_texts_read_back_including_plain_old_ones() {
        let t: Vec<Texts> =
            serde_json::from_str(r#"["Cat", {"en": "Dog", "ru": "Пёс"}, {"ru": "Мышь"}]"#).unwrap();
        assert_eq!(
            t,
            [
                Texts::new("Cat", ""),
                Texts::new("Dog", "Пёс"),
                Texts::new("", "Мышь")
            ]
        );
        let back: Texts = serde_json::from_str(&serde_json::to_string(&t[1]).unwrap()).unwrap();
        assert_eq!(back, t[1]);
    }
}
