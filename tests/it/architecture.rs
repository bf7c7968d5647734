//! The layering rules, checked by reading `src/`: which modules may import which (foundations
//! no context, nothing below an entry layer any entry layer, and no two top-level modules each
//! other, directly or round a loop), which context owns which table, and how big a file or a
//! handler may grow. A broken rule fails with a table naming the rule, the file and what it
//! reached for.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules every context builds on; they import no domain context and no entry layer.
const FOUNDATIONS: &[&str] = &[
    "state",
    "work",
    "failpoint",
    "config",
    "web",
    "db",
    "clock",
    "error",
    "money",
    "audit",
    "i18n",
    "identity",
    "validate",
    "calendar",
    "quote",
    "status",
    "csv_out",
    "outside",
    "telemetry",
    "live",
    "ics",
    "budget",
    "split",
];

/// The bounded contexts, from the top down: each imports only contexts after it in this list
/// (where a lower one must act in a higher one, it calls a hook the entry layers fill in).
const CONTEXTS: &[&str] = &[
    "admin",
    "home",
    "reports",
    "experiments",
    "bets",
    "quality",
    "hiring",
    "schedule",
    "matching",
    "orders",
    "profile",
    "catalogue",
    "supply",
    "billing",
    "auth",
    "notify",
];

/// The only modules that may assemble the app.
const ENTRY_POINTS: &[&str] = &["main", "lib", "cli"];

/// The layers on top: the process, the command line, the web assembly, the jobs runtime, the
/// operator tools and the wiring of ports and hooks. They may import everything below; nothing
/// below imports them.
const ENTRY_LAYERS: &[&str] = &["main", "lib", "cli", "startup", "jobs", "ops", "wiring"];

/// Operator tools (check, demo, simulate, generate) read and seed every table by design, and
/// the jobs runtime owns apalis' own tables; neither is a context.
const TABLE_RULE_EXEMPT: &[&str] = &["ops", "jobs"];

/// Which context owns (writes, and alone reads) each table.
const OWNERS: &[(&str, &[&str])] = &[
    (
        "auth",
        &[
            "users",
            "user_permissions",
            "sessions",
            "login_attempts",
            "trusted_devices",
            "signup_attempts",
            "password_resets",
            "invitations",
            "calendar_feeds",
            "setup_links",
        ],
    ),
    ("audit", &["audit_log"]),
    (
        "schedule",
        &["order_series", "order_series_changes", "order_reminders"],
    ),
    ("notify", &["outbox", "notifications", "notification_prefs"]),
    (
        "catalogue",
        &[
            "services",
            "service_options",
            "service_checklist_items",
            "skills",
        ],
    ),
    (
        "profile",
        &[
            "client_addresses",
            "client_preferences",
            "client_worker_preferences",
        ],
    ),
    (
        "orders",
        &[
            "orders",
            "order_options",
            "order_events",
            "order_offers",
            "order_reports",
            "order_files",
            "order_signatures",
            "orders_search",
            "order_status_counts",
        ],
    ),
    (
        "matching",
        &[
            "worker_profiles",
            "worker_skills",
            "worker_hours",
            "worker_days_off",
            "matching_settings",
            "matching_decisions",
            "worker_ratings",
            "job_board",
            "matching_settings_versions",
            "matching_assignments",
        ],
    ),
    (
        "bets",
        &[
            "bets_books",
            "bets_stakes",
            "bets_results",
            "bets_access_log",
        ],
    ),
    (
        "hiring",
        &[
            "candidates",
            "candidate_skills",
            "screening_tests",
            "screening_questions",
            "test_assignments",
            "test_answers",
            "screening_policies",
            "screening_policy_tests",
            "hiring_decisions",
            "worker_certifications",
            "screening_runs",
            "screening_assignments",
            "screening_policy_reviews",
        ],
    ),
    (
        "supply",
        &[
            "consumables",
            "stock_movements",
            "service_materials",
            "packs",
            "kit_handovers",
            "extra_requests",
            "kit_returns",
        ],
    ),
    (
        "billing",
        &[
            "ledger_transactions",
            "ledger_entries",
            "billing_settings",
            "billing_lock",
            "promo_codes",
            "promo_redemptions",
            "payment_cards",
            "billing_runs",
            "invoices",
            "charges",
            "payouts",
            "balance_snapshots",
            "invoice_items",
            "payout_items",
            "ledger_class_totals",
        ],
    ),
    ("quality", &["qc_reviews", "qc_sample_draws", "worker_qc"]),
    (
        "experiments",
        &[
            "experiments",
            "experiment_arms",
            "experiment_results",
            "experiment_arm_totals",
        ],
    ),
    (
        "reports",
        &["report_days", "report_dirty_days", "report_meta"],
    ),
    ("home", &["readiness_probe"]),
    (
        "admin",
        &["app_settings", "app_settings_versions", "company_logo"],
    ),
];

/// Views a context publishes for the others to join against (`migrations/0013_…` to `0015_…`):
/// readable from anywhere, written by nobody.
const PUBLISHED: &[(&str, &str)] = &[
    ("people", "auth"),
    ("service_names", "catalogue"),
    ("stored_settings", "admin"),
    ("order_facts", "orders"),
    ("order_history", "orders"),
    ("order_ratings", "orders"),
    ("ledger_postings", "billing"),
    ("ledger_lines", "billing"),
    ("invoice_facts", "billing"),
    ("payout_facts", "billing"),
    ("qc_scores", "quality"),
    ("qc_order_states", "quality"),
    ("order_stakeholders", "bets"),
    ("daily_balances", "billing"),
    ("consumption_lines", "supply"),
    ("candidate_facts", "hiring"),
    ("hiring_outcomes", "hiring"),
    ("screening_policy_versions", "hiring"),
    ("stock_levels", "supply"),
    ("kit_facts", "supply"),
    ("worker_rating_totals", "matching"),
    ("order_quotes", "orders"),
    ("worker_qc_scores", "quality"),
    ("worker_certification_facts", "hiring"),
    ("running_experiment_arms", "experiments"),
    ("matching_assignment_facts", "matching"),
    ("matching_decision_facts", "matching"),
    ("screening_assignment_facts", "hiring"),
    ("account_changes", "audit"),
    ("skill_names", "catalogue"),
    ("skill_coverage", "matching"),
    ("order_reminder_facts", "schedule"),
];

const MAX_FILE_LINES: usize = 500;
const MAX_HANDLER_LINES: usize = 60;
/// A file may run past the limit when its first lines say why, starting with this.
const LONG_FILE_REASON: &str = "//! Long because";

/// One source file as the checker sees it: where it sits and its text with tests and
/// comments stripped.
struct Source {
    path: String,
    /// The top-level module: `billing` for `src/billing/charging.rs`, `db` for `src/db.rs`.
    module: String,
    /// Under `handlers/`, `views/`, or named `handlers.rs`, `views.rs`, `routes.rs`.
    web_layer: bool,
    views: bool,
    handlers: bool,
    code: String,
    lines: usize,
    reason_for_length: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Violation {
    rule: &'static str,
    path: String,
    detail: String,
}

impl Source {
    fn new(path: &str, text: &str) -> Source {
        let rel = path.trim_start_matches("src/");
        let parts: Vec<&str> = rel.split('/').collect();
        let module = parts[0]
            .trim_end_matches(".rs")
            .trim_end_matches(".sql")
            .to_string();
        let stem = |p: &str| p.trim_end_matches(".rs").to_string();
        let layer_names: Vec<String> = parts[1..].iter().map(|p| stem(p)).collect();
        let is = |name: &str| layer_names.iter().any(|p| p == name);
        let views = is("views");
        let handlers = is("handlers");
        Source {
            path: path.to_string(),
            module,
            web_layer: views || handlers || is("routes"),
            views,
            handlers,
            code: strip(text),
            lines: text.lines().count(),
            reason_for_length: text
                .lines()
                .take(5)
                .any(|l| l.starts_with(LONG_FILE_REASON)),
        }
    }

    fn is_test(&self) -> bool {
        self.path.ends_with("/tests.rs") || self.path.contains("/tests/")
    }
}

/// Drops `//` comments and everything from the first column-0 `#[cfg(test)]` on (tests sit
/// at the bottom of a file and may reach anywhere).
fn strip(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") || trimmed.starts_with("--") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The top-level modules a file names through `crate::`, including grouped imports
/// (`use crate::{auth, billing::x}`).
fn imported_modules(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = matching_brace(group);
            for item in split_top_level(&group[..end]) {
                if let Some(name) = leading_ident(item.trim()) {
                    found.insert(name);
                }
            }
        } else if let Some(name) = leading_ident(rest) {
            found.insert(name);
        }
    }
    found.retain(|m| m != "self");
    found
}

fn matching_brace(s: &str) -> usize {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

fn split_top_level(s: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&s[start..]);
    items
}

fn leading_ident(s: &str) -> Option<String> {
    let ident: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!ident.is_empty()).then_some(ident)
}

/// Tables named after `FROM`, `JOIN`, `INTO` or `UPDATE` (SQL here is upper-case keywords).
fn tables_named(code: &str) -> BTreeSet<String> {
    let words: Vec<&str> = code
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .filter(|w| matches!(w[0], "FROM" | "JOIN" | "INTO" | "UPDATE"))
        .map(|w| w[1].to_string())
        .collect()
}

/// Every `fn` in a handlers file longer than the limit, by name and length.
fn long_functions(code: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut long = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let is_fn = !line.starts_with(' ')
            && (line.starts_with("pub async fn ")
                || line.starts_with("async fn ")
                || line.starts_with("pub fn ")
                || line.starts_with("fn ")
                || line.starts_with("pub(crate) async fn ")
                || line.starts_with("pub(crate) fn ")
                || line.starts_with("pub(super) fn ")
                || line.starts_with("pub(super) async fn "));
        if is_fn {
            let name = line
                .split("fn ")
                .nth(1)
                .and_then(leading_ident)
                .unwrap_or_default();
            let start = i;
            while i < lines.len() && lines[i] != "}" {
                i += 1;
            }
            let length = i - start + 1;
            if length > MAX_HANDLER_LINES {
                long.push((name, length));
            }
        }
        i += 1;
    }
    long
}

fn check(sources: &[Source]) -> Vec<Violation> {
    let owner_of: BTreeMap<&str, &str> = OWNERS
        .iter()
        .flat_map(|(owner, tables)| tables.iter().map(move |t| (*t, *owner)))
        .collect();
    let mut found = Vec::new();
    let mut flag = |rule: &'static str, s: &Source, detail: String| {
        found.push(Violation {
            rule,
            path: s.path.clone(),
            detail,
        })
    };
    for s in sources.iter().filter(|s| !s.is_test()) {
        let module = s.module.as_str();
        let imports = imported_modules(&s.code);
        if imports.contains("startup") && !ENTRY_POINTS.contains(&module) && module != "startup" {
            flag(
                "only entry points import startup",
                s,
                "crate::startup".into(),
            );
        }
        if FOUNDATIONS.contains(&module) {
            for m in imports.iter().filter(|m| CONTEXTS.contains(&m.as_str())) {
                flag("foundations import no context", s, format!("crate::{m}"));
            }
        }
        if let Some(rank) = CONTEXTS.iter().position(|c| *c == module) {
            for m in imports
                .iter()
                .filter(|m| CONTEXTS[..rank].contains(&m.as_str()))
            {
                flag(
                    "contexts import only those below them",
                    s,
                    format!("crate::{m}"),
                );
            }
        }
        if !ENTRY_LAYERS.contains(&module) {
            for m in imports
                .iter()
                .filter(|m| ENTRY_LAYERS.contains(&m.as_str()))
            {
                flag(
                    "nothing below imports an entry layer",
                    s,
                    format!("crate::{m}"),
                );
            }
        }
        if !FOUNDATIONS.contains(&module)
            && !CONTEXTS.contains(&module)
            && !ENTRY_LAYERS.contains(&module)
        {
            flag(
                "every module has a layer",
                s,
                format!("{module} is in none of FOUNDATIONS, CONTEXTS, ENTRY_LAYERS"),
            );
        }
        if CONTEXTS.contains(&module) && !s.web_layer && imports.contains("web") {
            flag(
                "web types only in handlers and views",
                s,
                "crate::web outside handlers/, views/, routes.rs".into(),
            );
        }
        let apart = [
            ("bets", "billing"),
            ("billing", "bets"),
            ("reports", "bets"),
        ];
        for (from, to) in apart {
            if module == from && imports.contains(to) {
                flag("bets stay apart from money", s, format!("crate::{to}"));
            }
        }
        if s.views
            && [
                "rusqlite",
                "Connection",
                ".prepare(",
                ".query_row(",
                ".execute(",
            ]
            .iter()
            .any(|needle| s.code.contains(needle))
        {
            flag("views run no SQL", s, "database access in a view".into());
        }
        if !TABLE_RULE_EXEMPT.contains(&module) {
            for table in tables_named(&s.code) {
                if let Some(owner) = owner_of.get(table.as_str())
                    && *owner != module
                {
                    flag(
                        "tables through their owner",
                        s,
                        format!("{table} (owned by {owner})"),
                    );
                }
            }
        }
        if s.lines > MAX_FILE_LINES && !s.reason_for_length {
            flag(
                "files under 500 lines",
                s,
                format!("{} lines and no `{LONG_FILE_REASON}` line", s.lines),
            );
        }
        if s.handlers {
            for (name, length) in long_functions(&s.code) {
                flag(
                    "handlers at most 60 lines",
                    s,
                    format!("{name}: {length} lines"),
                );
            }
        }
    }
    for group in module_cycles(sources) {
        found.push(Violation {
            rule: "modules import one way",
            path: group.join(" ↔ "),
            detail: "import each other, directly or round a loop".into(),
        });
    }
    found.sort();
    found
}

/// Import cycles between top-level modules (contexts, foundations and entry layers alike):
/// the strongly connected groups of the graph of `crate::` imports between them.
fn module_cycles(sources: &[Source]) -> Vec<Vec<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut modules = BTreeSet::new();
    for s in sources.iter().filter(|s| !s.is_test()) {
        modules.insert(s.module.clone());
        for m in imported_modules(&s.code) {
            if m != s.module {
                edges.entry(s.module.clone()).or_default().insert(m);
            }
        }
    }
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n.clone()) {
                stack.extend(edges.get(&n).into_iter().flatten().cloned());
            }
        }
        false
    };
    let mut groups: Vec<Vec<String>> = Vec::new();
    for c in &modules {
        if groups.iter().any(|g| g.contains(c)) {
            continue;
        }
        let group: Vec<String> = modules
            .iter()
            .filter(|o| *o == c || (reaches(c, o) && reaches(o, c)))
            .cloned()
            .collect();
        if group.len() > 1 {
            groups.push(group);
        }
    }
    groups
}

fn read_sources(dir: &Path, out: &mut Vec<Source>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for path in entries {
        if path.is_dir() {
            read_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "sql") {
            let rel = path
                .strip_prefix(root)
                .expect("under the crate")
                .to_string_lossy();
            let text = std::fs::read_to_string(&path).expect("source is text");
            out.push(Source::new(&rel, &text));
        }
    }
}

fn table(violations: &[Violation]) -> String {
    let mut out = format!("{} broken layering rule(s):\n", violations.len());
    for v in violations {
        out.push_str(&format!("  {:<40} {:<45} {}\n", v.rule, v.path, v.detail));
    }
    out
}

#[test]
fn the_source_keeps_its_layering_rules() {
    let mut sources = Vec::new();
    read_sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut sources,
    );
    assert!(sources.len() > 100, "read the whole source tree");
    let violations = check(&sources);
    assert!(violations.is_empty(), "{}", table(&violations));
}

#[test]
fn published_views_exist_and_belong_to_a_context() {
    let migrations = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let sql: String = std::fs::read_dir(migrations)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for (view, owner) in PUBLISHED {
        assert!(
            sql.contains(&format!("CREATE VIEW {view} AS")),
            "{view} is created"
        );
        assert!(
            OWNERS.iter().any(|(o, _)| o == owner),
            "{owner} is a context"
        );
        assert!(
            OWNERS.iter().all(|(_, tables)| !tables.contains(view)),
            "{view} is a view, not an owned table"
        );
    }
}

#[test]
fn the_checker_names_each_broken_rule() {
    let sources = [
        Source::new("src/billing/service.rs", "use crate::startup::AppState;\n"),
        Source::new(
            "src/web/layout.rs",
            "use crate::{auth::model::Role, error};\n",
        ),
        Source::new(
            "src/orders/store.rs",
            "use crate::web::components::Paging;\n",
        ),
        Source::new("src/bets/service.rs", "use crate::billing::ledger;\n"),
        Source::new(
            "src/reports/rollup.rs",
            "fn f() { crate::bets::store::all(); }\n",
        ),
        Source::new(
            "src/quality/queue.rs",
            "const Q: &str = \"SELECT o.id FROM qc_reviews r JOIN orders o ON o.id = r.order_id\";\n",
        ),
        Source::new(
            "src/quality/views.rs",
            "fn v(c: &rusqlite::Connection) {}\n",
        ),
        Source::new(
            "src/supply/handlers/stock.rs",
            &format!(
                "pub async fn page() {{\n{}}}\n",
                "    let x = 1;\n".repeat(70)
            ),
        ),
        Source::new("src/billing/charging.rs", &"// line\n".repeat(501)),
        Source::new("src/catalogue/store.rs", "use crate::profile::store;\n"),
        Source::new(
            "src/profile/store.rs",
            "fn f() { crate::catalogue::store::all(); }\n",
        ),
        Source::new("src/orders/janitor.rs", "use crate::jobs::Runner;\n"),
        Source::new("src/gadgets.rs", "fn f() {}\n"),
    ];
    let violations = check(&sources);
    let rules: BTreeSet<&str> = violations.iter().map(|v| v.rule).collect();
    assert_eq!(
        rules,
        BTreeSet::from([
            "only entry points import startup",
            "foundations import no context",
            "web types only in handlers and views",
            "bets stay apart from money",
            "tables through their owner",
            "views run no SQL",
            "handlers at most 60 lines",
            "files under 500 lines",
            "modules import one way",
            "nothing below imports an entry layer",
            "every module has a layer",
            "contexts import only those below them",
        ]),
        "{}",
        table(&violations)
    );
    let owner = violations
        .iter()
        .find(|v| v.rule == "tables through their owner")
        .unwrap();
    assert_eq!(owner.detail, "orders (owned by orders)");
    assert!(table(&violations).contains("src/web/layout.rs"));
}

/// The circle the state once closed: a context took the state, the state held the jobs'
/// handle from the runtime, and the runtime called the context back.
#[test]
fn the_checker_finds_a_circle_through_the_state_and_the_jobs() {
    let sources = [
        Source::new("src/state.rs", "use crate::jobs::JobsHandle;\n"),
        Source::new(
            "src/jobs/mod.rs",
            "fn f() { crate::auth::recovery::mail_owed(); }\n",
        ),
        Source::new("src/auth/session.rs", "use crate::state::AppState;\n"),
    ];
    let violations = check(&sources);
    let circle = violations
        .iter()
        .find(|v| v.rule == "modules import one way")
        .unwrap_or_else(|| panic!("no circle found:\n{}", table(&violations)));
    assert_eq!(circle.path, "auth ↔ jobs ↔ state");
    assert!(
        violations
            .iter()
            .any(|v| v.rule == "nothing below imports an entry layer" && v.path == "src/state.rs"),
        "{}",
        table(&violations)
    );
}

#[test]
fn the_checker_accepts_code_that_keeps_the_rules() {
    let sources = [
        Source::new("src/cli.rs", "use crate::startup::Application;\n"),
        Source::new(
            "src/jobs/mod.rs",
            "use crate::{auth, orders::service::Hooks};\n",
        ),
        Source::new(
            "src/ops/simulate/mod.rs",
            "use crate::{jobs, wiring::Ports};\n",
        ),
        Source::new("src/auth/session.rs", "use crate::state::AppState;\n"),
        Source::new(
            "src/orders/handlers/client.rs",
            "use crate::web::ctx::Ctx;\n",
        ),
        Source::new(
            "src/orders/store.rs",
            "const Q: &str = \"SELECT id FROM orders WHERE client_id = ?1\";\n\
             #[cfg(test)]\nmod tests { const T: &str = \"SELECT 1 FROM users\"; }\n",
        ),
        Source::new(
            "src/ops/check.rs",
            "const Q: &str = \"SELECT 1 FROM invoices\";\n",
        ),
        Source::new(
            "src/billing/discounts.rs",
            &format!(
                "//! Discounts.\n{LONG_FILE_REASON}: the tier table.\n{}",
                "\n".repeat(600)
            ),
        ),
    ];
    let violations = check(&sources);
    assert!(violations.is_empty(), "{}", table(&violations));
}
