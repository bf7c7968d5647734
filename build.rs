//! Embeds `migrations/*.sql` in file-name order, so the folder is the one list of migrations.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    // Keyed by name: the map's order is the file-name order the runner applies them in.
    let mut by_name = BTreeMap::new();
    for entry in std::fs::read_dir(&folder).expect("the migrations folder is readable") {
        let path = entry.expect("a migrations folder entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".sql") else {
            continue;
        };
        let number = stem.split('_').next().unwrap_or_default();
        assert!(
            number.len() == 4 && number.bytes().all(|b| b.is_ascii_digit()) && stem.len() > 5,
            "migration {name}: the name must be four digits, '_', and a description"
        );
        by_name.insert(stem.to_string(), path.display().to_string());
    }
    // Two branches that each took the next number would otherwise run in an order neither
    // of them tested.
    let mut numbers = BTreeMap::new();
    for name in by_name.keys() {
        if let Some(other) = numbers.insert(&name[..4], name) {
            panic!("migrations {other} and {name} share a number: renumber the newer one");
        }
    }
    let mut code = String::from("pub const MIGRATIONS: &[(&str, &str)] = &[\n");
    for (name, path) in &by_name {
        writeln!(code, "    ({name:?}, include_str!({path:?})),").unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("migrations.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
