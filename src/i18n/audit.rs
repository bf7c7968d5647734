//! Watches translations at run time: which variables each message uses (read from the same
//! Fluent files the loader embeds), and the problems met while rendering — a missing message,
//! a missing argument, or a count printed without a plural selector. Pages still render; the
//! render test of every page fails on any problem recorded here.

use std::collections::{BTreeSet, HashMap};
use std::sync::{LazyLock, Mutex};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::{Arg, Lang};

/// The Fluent sources per language, the same files `static_loader!` embeds.
const SOURCES: [(Lang, &[&str]); 2] = [
    (
        Lang::En,
        &[
            include_str!("../../assets/locales/en/main.ftl"),
            include_str!("../../assets/locales/en/billing.ftl"),
            include_str!("../../assets/locales/en/quality.ftl"),
            include_str!("../../assets/locales/en/reports.ftl"),
            include_str!("../../assets/locales/en/phone.ftl"),
            include_str!("../../assets/locales/en/experiments.ftl"),
            include_str!("../../assets/locales/en/skills.ftl"),
            include_str!("../../assets/locales/en/retention.ftl"),
            include_str!("../../assets/locales/en/settings.ftl"),
            include_str!("../../assets/locales/en/brand.ftl"),
            include_str!("../../assets/locales/en/reminders.ftl"),
            include_str!("../../assets/locales/en/series.ftl"),
            include_str!("../../assets/locales/en/board.ftl"),
            include_str!("../../assets/locales/en/reschedule.ftl"),
        ],
    ),
    (
        Lang::Ru,
        &[
            include_str!("../../assets/locales/ru/main.ftl"),
            include_str!("../../assets/locales/ru/billing.ftl"),
            include_str!("../../assets/locales/ru/quality.ftl"),
            include_str!("../../assets/locales/ru/reports.ftl"),
            include_str!("../../assets/locales/ru/phone.ftl"),
            include_str!("../../assets/locales/ru/experiments.ftl"),
            include_str!("../../assets/locales/ru/skills.ftl"),
            include_str!("../../assets/locales/ru/retention.ftl"),
            include_str!("../../assets/locales/ru/settings.ftl"),
            include_str!("../../assets/locales/ru/brand.ftl"),
            include_str!("../../assets/locales/ru/reminders.ftl"),
            include_str!("../../assets/locales/ru/series.ftl"),
            include_str!("../../assets/locales/ru/board.ftl"),
            include_str!("../../assets/locales/ru/reschedule.ftl"),
        ],
    ),
];

/// The variables one message uses: all of them, those that choose a variant, and those its
/// comment names as figures that read right without a plural form ("Открытых счетов: 5",
/// "15 min", an order number).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MessageVars {
    pub used: BTreeSet<String>,
    pub selectors: BTreeSet<String>,
    pub figures: BTreeSet<String>,
}

/// Each language's messages and their variables, read once.
static CATALOGUE: LazyLock<HashMap<Lang, HashMap<String, MessageVars>>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(lang, files)| {
            let messages = files.iter().flat_map(|source| message_vars(source));
            (*lang, messages.collect())
        })
        .collect()
});

fn message(lang: Lang, id: &str) -> Option<&'static MessageVars> {
    CATALOGUE.get(&lang).and_then(|messages| messages.get(id))
}

static PROBLEMS: LazyLock<Mutex<BTreeSet<String>>> = LazyLock::new(Default::default);

/// Every message id of a language's catalogue.
pub fn message_ids(lang: Lang) -> BTreeSet<String> {
    CATALOGUE
        .get(&lang)
        .map(|messages| messages.keys().cloned().collect())
        .unwrap_or_default()
}

/// The variables of a message, `None` when the language has no such message.
pub fn vars_of(lang: Lang, id: &str) -> Option<MessageVars> {
    message(lang, id).cloned()
}

/// Every variable name any message uses, once.
static VARIABLES: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    CATALOGUE
        .values()
        .flat_map(|messages| messages.values())
        .flat_map(|vars| vars.used.iter())
        .map(String::as_str)
        .collect()
});

/// The catalogue's own `'static` spelling of a variable name, for arguments read back from
/// storage; `None` when no message uses such a variable.
pub fn static_name(name: &str) -> Option<&'static str> {
    VARIABLES.get(name).copied()
}

/// The problems recorded so far in this process, e.g. "ru order-title: missing $id".
pub fn problems() -> Vec<String> {
    lock().iter().cloned().collect()
}

fn lock() -> std::sync::MutexGuard<'static, BTreeSet<String>> {
    PROBLEMS.lock().unwrap_or_else(|e| e.into_inner())
}

fn record(problem: String) {
    tracing::warn!(%problem, "translation problem");
    lock().insert(problem);
}

/// Checks one lookup against the catalogue and the arguments passed with it. Runs on every
/// lookup, so it allocates only when it records a problem.
pub fn check(lang: Lang, id: &str, args: &[(&'static str, Arg)]) {
    let Some(vars) = message(lang, id) else {
        record(format!("{} {id}: no such message", lang.code()));
        return;
    };
    for missing in vars
        .used
        .iter()
        .filter(|v| !args.iter().any(|(n, _)| n == v))
    {
        record(format!("{} {id}: missing ${missing}", lang.code()));
    }
    let numbers = args
        .iter()
        .filter(|(_, value)| matches!(value, Arg::Num(_)));
    for count in numbers.map(|(name, _)| name) {
        let chosen = vars.selectors.contains(*count) || vars.figures.contains(*count);
        if vars.used.contains(*count) && !chosen {
            record(format!(
                "{} {id}: ${count} is a number printed without a plural selector",
                lang.code()
            ));
        }
    }
}

/// Reads one Fluent file's messages and the variables each uses (attributes included).
pub fn message_vars(source: &str) -> Vec<(String, MessageVars)> {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut out = Vec::new();
    for entry in &resource.body {
        if let Entry::Message(m) = entry {
            let mut vars = MessageVars::default();
            if let Some(value) = &m.value {
                walk_pattern(value, &mut vars);
            }
            for attribute in &m.attributes {
                walk_pattern(&attribute.value, &mut vars);
            }
            if let Some(comment) = &m.comment {
                vars.figures = comment
                    .content
                    .iter()
                    .flat_map(|line| {
                        line.split(|c: char| !(c.is_alphanumeric() || "$-_".contains(c)))
                    })
                    .filter_map(|word| word.strip_prefix('$'))
                    .map(str::to_string)
                    .collect();
            }
            out.push((m.id.name.to_string(), vars));
        }
    }
    out
}

fn walk_pattern(pattern: &Pattern<&str>, vars: &mut MessageVars) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, vars);
        }
    }
}

fn walk_expression(expression: &Expression<&str>, vars: &mut MessageVars) {
    match expression {
        Expression::Select { selector, variants } => {
            let mut chosen = MessageVars::default();
            walk_inline(selector, &mut chosen);
            vars.selectors.extend(chosen.used.iter().cloned());
            vars.used.extend(chosen.used);
            for variant in variants {
                walk_pattern(&variant.value, vars);
            }
        }
        Expression::Inline(inline) => walk_inline(inline, vars),
    }
}

fn walk_inline(inline: &InlineExpression<&str>, vars: &mut MessageVars) {
    match inline {
        InlineExpression::VariableReference { id } => {
            vars.used.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                walk_inline(arg, vars);
            }
            for named in &arguments.named {
                walk_inline(&named.value, vars);
            }
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, vars),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_chosen_by_a_selector_is_told_from_one_printed_bare() {
        let ftl = "a = { $count ->\n    [one] one cat\n   *[other] { $count } cats\n}\nb = { $count } cats for { $name }\n";
        let vars: HashMap<_, _> = message_vars(ftl).into_iter().collect();
        assert_eq!(vars["a"].selectors, BTreeSet::from(["count".to_string()]));
        assert!(vars["b"].selectors.is_empty());
        assert_eq!(
            vars["b"].used,
            BTreeSet::from(["count".to_string(), "name".to_string()])
        );
    }

    #[test]
    fn a_figure_named_in_the_comment_needs_no_plural_form() {
        let ftl = "# $count is shown after a colon.\nc = Open invoices: { $count }\n";
        let vars: HashMap<_, _> = message_vars(ftl).into_iter().collect();
        assert_eq!(vars["c"].figures, BTreeSet::from(["count".to_string()]));
    }

    #[test]
    fn both_languages_parse_without_errors() {
        for (lang, files) in SOURCES {
            for source in files {
                if let Err((_, errors)) = fluent_syntax::parser::parse(*source) {
                    panic!("{}: {errors:?}", lang.code());
                }
            }
        }
    }

    #[test]
    fn a_message_whose_count_has_no_plural_form_in_either_language_is_reported() {
        check(Lang::Ru, "tests-points-total", &[("count", Arg::Num(2))]);
        assert!(
            !problems()
                .iter()
                .any(|p| p.starts_with("ru tests-points-total")),
            "{:?}",
            problems()
        );
    }
}
