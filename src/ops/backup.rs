//! Online, consistent backup through SQLite's backup API, verified by `integrity_check`.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};
use rusqlite::{Connection, MAIN_DB, OpenFlags};

use crate::db::db_path;

/// Copies the live database in `data_dir` to `dest` (which must not exist yet) while the
/// server keeps serving, then checks the copy.
pub fn backup(data_dir: &Path, dest: &Path) -> anyhow::Result<()> {
    if dest.exists() {
        bail!("{} already exists; choose a new file name", dest.display());
    }
    let source_path = db_path(data_dir);
    if !source_path.exists() {
        bail!("no database at {}", source_path.display());
    }
    let source = Connection::open_with_flags(&source_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    source.busy_timeout(Duration::from_secs(10))?;
    source
        .backup(MAIN_DB, dest, None)
        .with_context(|| format!("backup to {} failed", dest.display()))?;
    let copy = Connection::open(dest)?;
    // The copy is a standalone file: no WAL to carry around.
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    let result: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if result != "ok" {
        bail!("the copy failed integrity_check: {result}");
    }
    Ok(())
}
