//! The one layout every context keeps, checked by reading `src/`: at a context's root only
//! `mod.rs`, `routes.rs`, `model`, `store`, `service`, `handlers` and `views` (each a file or
//! a folder); no markup in handlers; and a context's SQL only in its store. A broken rule
//! fails with every offender named, so the layout can be trusted as a map.

use std::path::Path;

/// The bounded contexts: the folders of `src/` that own routes.
const CONTEXTS: &[&str] = &[
    "admin",
    "auth",
    "bets",
    "billing",
    "catalogue",
    "experiments",
    "hiring",
    "home",
    "matching",
    "notify",
    "orders",
    "profile",
    "quality",
    "reports",
    "schedule",
    "supply",
];

/// What may sit at a context's root, besides `mod.rs` and `routes.rs`: each as `x.rs` or `x/`.
const LAYERS: &[&str] = &["model", "store", "service", "handlers", "views"];

/// What running SQL looks like in Rust source (SQL is written with upper-case keywords).
const SQL_NEEDLES: &[&str] = &[
    ".query_row(",
    "query_row_cached(",
    ".prepare(",
    ".prepare_cached(",
    ".execute(",
    ".execute_batch(",
    ".query_map(",
    "\"SELECT ",
    "\"INSERT ",
    "\"UPDATE ",
    "\"DELETE ",
    "\"WITH ",
    ".sql\")",
];

/// One source file as the checks see it: its path under `src/` and its text.
struct File {
    path: String,
    text: String,
}

impl File {
    fn new(path: &str, text: &str) -> File {
        File {
            path: path.to_string(),
            text: text.to_string(),
        }
    }

    fn parts(&self) -> Vec<&str> {
        self.path.split('/').collect()
    }

    /// The context the file belongs to, when its top folder is one.
    fn context(&self) -> Option<&str> {
        let parts = self.parts();
        (parts.len() > 1 && CONTEXTS.contains(&parts[0])).then_some(parts[0])
    }

    /// Below the context, is it (or is it inside) the layer `name`: `x.rs` or `x/…`.
    fn in_layer(&self, name: &str) -> bool {
        let parts = self.parts();
        parts.len() > 1 && (parts[1] == name || parts[1] == format!("{name}.rs"))
    }

    fn is_test(&self) -> bool {
        self.path.ends_with("/tests.rs") || self.path.contains("/tests/")
    }

    /// The code without `//` comments and without the tests at the bottom of a file.
    fn code(&self) -> String {
        let mut out = String::new();
        for line in self.text.lines() {
            if line.starts_with("#[cfg(test)]") {
                break;
            }
            if !line.trim_start().starts_with("//") {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }
}

/// The entry a file makes at its context's root: `ctx/x.rs` for a file, `ctx/x/` for a folder.
fn root_entry(f: &File) -> String {
    let parts = f.parts();
    if parts.len() == 2 {
        format!("{}/{}", parts[0], parts[1])
    } else {
        format!("{}/{}/", parts[0], parts[1])
    }
}

fn entry_allowed(entry: &str) -> bool {
    let name = entry.split('/').nth(1).unwrap_or_default();
    let is_dir = entry.ends_with('/');
    match name.strip_suffix(".rs") {
        Some("mod" | "routes") => true,
        Some(stem) => LAYERS.contains(&stem),
        None => is_dir && LAYERS.contains(&name),
    }
}

/// Root entries outside the layout, contexts without `mod.rs` or
/// `routes.rs`, and folders with routes that are missing from `CONTEXTS`.
fn layout_offenders(files: &[File]) -> Vec<String> {
    let mut found = Vec::new();
    for f in files {
        let parts = f.parts();
        if parts.len() == 2 && parts[1] == "routes.rs" && !CONTEXTS.contains(&parts[0]) {
            found.push(format!(
                "{}: a folder with routes is a context; add it to CONTEXTS",
                parts[0]
            ));
        }
    }
    for context in CONTEXTS {
        for needed in ["mod.rs", "routes.rs"] {
            let path = format!("{context}/{needed}");
            if !files.iter().any(|f| f.path == path) {
                found.push(format!("{path}: missing"));
            }
        }
    }
    let mut entries: Vec<String> = files
        .iter()
        .filter(|f| f.context().is_some())
        .map(root_entry)
        .collect();
    entries.sort();
    entries.dedup();
    for entry in entries {
        if !entry_allowed(&entry) {
            found.push(format!(
                "{entry}: not a layer (mod.rs, routes.rs, model, store, service, handlers, views)"
            ));
        }
    }
    found
}

/// Files of a context's handlers that write maud markup.
fn markup_in_handlers(files: &[File]) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.context().is_some() && f.in_layer("handlers") && !f.is_test())
        .filter(|f| f.code().contains("html!"))
        .map(|f| format!("{}: html! in a handler; draw it in views", f.path))
        .collect()
}

/// Files of a context outside its store that run SQL, with what gave them away.
fn sql_outside_store(files: &[File]) -> Vec<String> {
    let mut found = Vec::new();
    for f in files {
        if f.context().is_none() || f.in_layer("store") || f.is_test() {
            continue;
        }
        let code = f.code();
        let hits: Vec<&str> = SQL_NEEDLES
            .iter()
            .copied()
            .filter(|n| code.contains(n))
            .collect();
        if !hits.is_empty() {
            found.push(format!("{}: {}", f.path, hits.join(" ")));
        }
    }
    found
}

fn read_src(dir: &Path, root: &Path, out: &mut Vec<File>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_src(&path, root, out);
        } else {
            let rel = path.strip_prefix(root).expect("under src");
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            out.push(File::new(&rel.to_string_lossy(), &text));
        }
    }
}

fn src_files() -> Vec<File> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_src(&root, &root, &mut files);
    assert!(files.len() > 100, "read the whole source tree");
    files
}

fn report(title: &str, offenders: &[String]) -> String {
    format!(
        "{title} ({}):\n  {}",
        offenders.len(),
        offenders.join("\n  ")
    )
}

#[test]
fn every_context_keeps_the_one_layout() {
    let files = src_files();
    let offenders = layout_offenders(&files);
    assert!(
        offenders.is_empty(),
        "{}",
        report("context roots outside the layout", &offenders)
    );
}

#[test]
fn handlers_write_no_markup() {
    let offenders = markup_in_handlers(&src_files());
    assert!(
        offenders.is_empty(),
        "{}",
        report("handlers with markup", &offenders)
    );
}

#[test]
fn each_context_runs_its_sql_only_in_its_store() {
    let offenders = sql_outside_store(&src_files());
    assert!(
        offenders.is_empty(),
        "{}",
        report("SQL outside a store", &offenders)
    );
}

#[test]
fn the_layout_checks_name_every_offender() {
    let files = [
        File::new("orders/mod.rs", ""),
        File::new("orders/routes.rs", ""),
        File::new("orders/queries.rs", "fn q() {}\n"),
        File::new("hiring/mod.rs", ""),
        File::new("hiring/routes.rs", ""),
        File::new("hiring/attempt_store.rs", ""),
        File::new("supply/mod.rs", ""),
        File::new("supply/bakery/mod.rs", ""),
        File::new("matching/candidates.sql", "SELECT 1"),
        File::new("widgets/routes.rs", ""),
        File::new(
            "home/handlers/mod.rs",
            "fn landing() -> Markup { html! { h1 { \"hi\" } } }\n",
        ),
        File::new(
            "matching/service/board.rs",
            "fn close(c: &Connection) { c.execute(\"DELETE FROM job_board\", []); }\n",
        ),
        File::new(
            "orders/service/feeds.rs",
            "const Q: &str = \"SELECT id FROM orders\";\n",
        ),
    ];
    let layout = layout_offenders(&files).join("\n");
    for named in [
        "orders/queries.rs",
        "hiring/attempt_store.rs",
        "supply/bakery/",
        "supply/routes.rs: missing",
        "matching/candidates.sql",
        "widgets: a folder with routes is a context",
    ] {
        assert!(layout.contains(named), "{named} named in:\n{layout}");
    }
    assert_eq!(
        markup_in_handlers(&files),
        ["home/handlers/mod.rs: html! in a handler; draw it in views"]
    );
    assert_eq!(
        sql_outside_store(&files),
        [
            "matching/service/board.rs: .execute( \"DELETE ",
            "orders/service/feeds.rs: \"SELECT ",
        ]
    );
}

#[test]
fn the_layout_checks_accept_the_layout() {
    let files = [
        File::new("bets/mod.rs", "pub mod model;\n"),
        File::new("bets/routes.rs", ""),
        File::new("bets/model.rs", "#[cfg(test)]\nmod tests;\n"),
        File::new(
            "bets/model/tests.rs",
            "fn t(c: &Connection) { c.execute(\"DELETE FROM bets_books\", []); }\n",
        ),
        File::new("bets/store/mod.rs", "const Q: &str = \"SELECT 1\";\n"),
        File::new(
            "bets/store/books.rs",
            "fn f(c: &Connection) { c.prepare(\"\"); }\n",
        ),
        File::new(
            "bets/service/mod.rs",
            "// Runs no \"SELECT \" itself.\nfn s() {}\n\
             #[cfg(test)]\nmod tests { fn t(c: &Connection) { c.execute(\"\", []); } }\n",
        ),
        File::new(
            "bets/handlers.rs",
            "use maud::Markup;\nfn h() -> Markup { views::page() }\n",
        ),
        File::new(
            "bets/views/mod.rs",
            "fn page() -> Markup { html! { p { \"x\" } } }\n",
        ),
        File::new("web/layout.rs", "fn page() -> Markup { html! {} }\n"),
        File::new(
            "ops/check.rs",
            "const Q: &str = \"SELECT 1 FROM invoices\";\n",
        ),
    ];
    let layout: Vec<String> = layout_offenders(&files)
        .into_iter()
        .filter(|o| o.starts_with("bets"))
        .collect();
    assert!(layout.is_empty(), "{}", report("layout", &layout));
    assert!(markup_in_handlers(&files).is_empty());
    assert!(sql_outside_store(&files).is_empty());
}
