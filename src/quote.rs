//! A price quote as a value: base price, chosen options and discount lines, in integer minor
//! units with labels in both languages. Orders builds it and freezes it on the order; billing
//! shows it on the invoice; both draw it with `web::components::quote_table`.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Base,
    Option,
    Discount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub kind: LineKind,
    pub label_en: String,
    pub label_ru: String,
    /// Negative for discounts.
    pub amount_minor: i64,
}

impl QuoteLine {
    /// The label in `lang`, or in the other one where the business named the service or
    /// option in one language only.
    pub fn label(&self, lang: Lang) -> &str {
        crate::i18n::read_pair(lang, &self.label_en, &self.label_ru)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub lines: Vec<QuoteLine>,
    pub total_minor: i64,
}
