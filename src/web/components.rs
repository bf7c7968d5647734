//! Small view pieces shared by every context: CSRF field, form errors, flash, empty states,
//! one-button POST forms and server-side pagination.

use maud::{Markup, html};

use super::csrf;
use super::ctx::Ctx;
pub use crate::validate::FormErrors;

pub fn csrf_field(ctx: &Ctx) -> Markup {
    html! { input type="hidden" name=(csrf::FIELD) value=(ctx.csrf); }
}

/// A field's error message under its input, when the form was refused for that field.
pub fn field_error(ctx: &Ctx, errors: &FormErrors, field: &str) -> Markup {
    html! {
        @if let Some(key) = errors.get(field) {
            small.field-error id={ (field) "-error" } { (ctx.t(key)) }
        }
    }
}

/// A labelled input with its error message.
pub fn input(
    ctx: &Ctx,
    errors: &FormErrors,
    name: &str,
    label_key: &str,
    value: &str,
    kind: &str,
) -> Markup {
    html! {
        label {
            (ctx.t(label_key))
            input type=(kind) name=(name) value=(value) aria-invalid=[errors.invalid(name)];
        }
        (field_error(ctx, errors, name))
    }
}

/// A labelled text area with its error message.
pub fn textarea(
    ctx: &Ctx,
    errors: &FormErrors,
    name: &str,
    label_key: &str,
    value: &str,
) -> Markup {
    html! {
        label {
            (ctx.t(label_key))
            textarea name=(name) rows="3" aria-invalid=[errors.invalid(name)] { (value) }
        }
        (field_error(ctx, errors, name))
    }
}

/// A text the business writes in its languages: one input per language it uses (named
/// `{name}_{code}`, e.g. `title_ru`) and none for the others.
pub struct LangField<'a> {
    pub name: &'a str,
    /// The label, already translated; the language is added when there are several.
    pub label: &'a str,
    pub values: &'a crate::i18n::Texts,
    pub max: usize,
    pub required: bool,
    /// Rows of a text area; `None` for a one-line input.
    pub rows: Option<u8>,
}

pub fn lang_fields(ctx: &Ctx, errors: &FormErrors, f: &LangField) -> Markup {
    let several = ctx.languages.len() > 1;
    html! {
        @for lang in &ctx.languages {
            @let name = format!("{}_{}", f.name, lang.code());
            @let value = f.values.get(*lang);
            // A text not yet written in this language shows the one that is, to translate from.
            @let hint = (value.is_empty()).then(|| f.values.read(*lang)).filter(|h| !h.is_empty());
            label {
                (f.label) @if several { " (" (lang.native_name()) ")" }
                @if let Some(rows) = f.rows {
                    textarea name=(name) lang=(lang.code()) rows=(rows) maxlength=(f.max) required[f.required] placeholder=[hint] aria-invalid=[errors.invalid(&name)] { (value) }
                } @else {
                    input name=(name) lang=(lang.code()) value=(value) maxlength=(f.max) required[f.required] placeholder=[hint] aria-invalid=[errors.invalid(&name)];
                }
            }
            (field_error(ctx, errors, &name))
        }
    }
}

pub fn flash(ctx: &Ctx) -> Markup {
    html! {
        @if let Some(f) = &ctx.flash {
            div.flash.(f.level.css_class()) role="status" { (ctx.tr.t_args(&f.key, &[("company", crate::i18n::Arg::Str(ctx.company.clone()))])) }
        }
    }
}

pub fn empty_state(title: &str, text: &str) -> Markup {
    html! {
        article.empty-state {
            h2.minor { (title) }
            p { (text) }
        }
    }
}

/// A form with one button that POSTs to `action`; `confirm` asks first (money, deletions).
pub fn post_button(
    ctx: &Ctx,
    action: &str,
    label: &str,
    class: &str,
    confirm: Option<&str>,
) -> Markup {
    html! {
        form.inline method="post" action=(action) data-confirm=[confirm] {
            (csrf_field(ctx))
            button type="submit" class=(class) { (label) }
        }
    }
}

/// Which page of a long list to show (1-based), read from `?page=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: i64,
    pub per_page: i64,
}

impl Paging {
    pub fn new(page: Option<i64>, per_page: i64) -> Paging {
        Paging {
            page: page.unwrap_or(1).clamp(1, 1_000_000),
            per_page,
        }
    }
    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }
    pub fn last_page(&self, total: i64) -> i64 {
        ((total + self.per_page - 1) / self.per_page).max(1)
    }
}

/// Previous/next links keeping the other query parameters (`base` ends with `?` or `&`).
pub fn pagination(ctx: &Ctx, paging: Paging, total: i64, base: &str) -> Markup {
    let last = paging.last_page(total);
    html! {
        @if last > 1 {
            nav.pagination aria-label=(ctx.t("pagination")) {
                @if paging.page > 1 {
                    a href={ (base) "page=" (paging.page - 1) } rel="prev" { "← " (ctx.t("pagination-prev")) }
                }
                span { (ctx.tr.t_args("pagination-position", &[("page", paging.page.to_string().into()), ("last", last.to_string().into())])) }
                @if paging.page < last {
                    a href={ (base) "page=" (paging.page + 1) } rel="next" { (ctx.t("pagination-next")) " →" }
                }
            }
        }
    }
}

/// A quote line by line (options marked, discounts styled) with its total: the order form,
/// the order page and the invoice show it alike.
pub fn quote_table(ctx: &Ctx, quote: &crate::quote::Quote, currency: &str) -> Markup {
    html! {
        table.quote {
            tbody {
                @for line in &quote.lines {
                    tr.discount[line.kind == crate::quote::LineKind::Discount] {
                        td { @if line.kind == crate::quote::LineKind::Option { "+ " } (line.label(ctx.tr.lang)) }
                        td.amount { (ctx.tr.money(line.amount_minor, currency)) }
                    }
                }
            }
            tfoot { tr { th { (ctx.t("quote-total")) } th.amount { (ctx.tr.money(quote.total_minor, currency)) } } }
        }
    }
}

/// The money words, in the order the glossary lists them: (label id, definition id). The
/// dashboard, billing and the exports use these words and nothing else for these figures.
pub const MONEY_TERMS: [(&str, &str); 7] = [
    ("reports-revenue", "term-billed-def"),
    ("reports-commission", "term-commission-def"),
    ("reports-payments", "term-collected-def"),
    ("reports-refunds", "term-refunds-def"),
    ("reports-payouts", "term-paid-def"),
    ("reports-fines", "term-fines-def"),
    ("reports-bonuses", "term-bonuses-def"),
];

/// "What these figures mean": each money word with its one definition.
pub fn money_glossary(ctx: &Ctx) -> Markup {
    html! {
        details.glossary {
            summary { (ctx.t("terms-title")) }
            dl { @for (term, definition) in MONEY_TERMS {
                dt { (ctx.t(term)) } dd { (ctx.t(definition)) }
            } }
        }
    }
}

/// A money word's definition, for a figure's tooltip.
pub fn money_term_definition(ctx: &Ctx, term: &str) -> Option<String> {
    MONEY_TERMS
        .iter()
        .find(|(t, _)| *t == term)
        .map(|(_, definition)| ctx.t(definition))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_is_clamped_and_counts_pages() {
        let p = Paging::new(Some(0), 20);
        assert_eq!(p.page, 1);
        assert_eq!(p.offset(), 0);
        assert_eq!(Paging::new(Some(3), 20).offset(), 40);
        assert_eq!(p.last_page(0), 1);
        assert_eq!(p.last_page(41), 3);
    }
}
