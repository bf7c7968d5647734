//! Migrations by file name: a fresh database records the `migrations/` files in file-name
//! order, and a database made before the runner went by file name upgrades in place to the
//! schema a fresh one gets.

use std::path::{Path, PathBuf};

use reqwest::StatusCode;
use rusqlite::{Connection, OpenFlags};
use whiskerworks::db::db_path;

use crate::helpers::*;

/// A database made by the app as it was before migrations ran by file name: schema up to
/// 0036, with 0028–0030 applied before 0024–0027. Made with `whiskerworks simulate --days 7
/// --seed 7` in an empty folder, then copied, vacuumed to 1 KiB pages to keep it small, and
/// left in WAL mode with an empty WAL. Tests open copies, never the file itself.
fn made_before() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/schema_0036.db")
}

/// A simulated manager of the fixture (`simulate` gives each account `sim-password-<handle>`).
const FIXTURE_MANAGER: (&str, &str) = ("manager-0@sim.example.com", "sim-password-manager-0");

/// A copy of the fixture as the database of a new data folder.
fn data_dir_made_before() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(made_before(), db_path(dir.path())).unwrap();
    dir
}

async fn spawn_app_on(dir: &Path) -> TestApp {
    let data_dir = dir.to_path_buf();
    spawn_app_with(move |s| s.data_dir = data_dir).await
}

fn read_only(data_dir: &Path) -> Connection {
    Connection::open_with_flags(db_path(data_dir), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// What SQLite keeps as the schema, without its own internal rows, in a stable order.
fn schema(data_dir: &Path) -> Vec<(String, String, String, Option<String>)> {
    let conn = read_only(data_dir);
    let mut stmt = conn
        .prepare(
            "SELECT type, name, tbl_name, sql FROM sqlite_master
             WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn applied_in_order(data_dir: &Path) -> Vec<String> {
    let conn = read_only(data_dir);
    let mut stmt = conn
        .prepare("SELECT name FROM schema_migrations ORDER BY rowid")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn folder_in_file_name_order() -> Vec<String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter_map(|file| file.strip_suffix(".sql").map(str::to_string))
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_fresh_database_applies_the_migrations_folder_in_file_name_order() {
    let app = spawn_app().await;

    assert_eq!(
        applied_in_order(&app.state.settings().data_dir),
        folder_in_file_name_order()
    );
}

#[tokio::test]
async fn a_database_made_before_upgrades_in_place_and_passes_check() {
    let dir = data_dir_made_before();
    let recorded_before = applied_in_order(dir.path());

    let app = spawn_app_on(dir.path()).await;

    // What it had recorded stays, in its order; only what it lacked was added after.
    let recorded = applied_in_order(dir.path());
    assert_eq!(recorded[..recorded_before.len()], recorded_before[..]);
    let mut all = recorded.clone();
    all.sort();
    assert_eq!(all, folder_in_file_name_order());
    // The app serves what the old database holds.
    let (newest_order, client): (i64, String) = read_only(dir.path())
        .query_row(
            "SELECT o.id, u.name FROM orders o JOIN users u ON u.id = o.client_id
             ORDER BY o.id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let manager = app.client();
    let (email, password) = FIXTURE_MANAGER;
    assert_eq!(
        manager.login(email, password).await.status(),
        StatusCode::SEE_OTHER
    );
    let (status, page) = manager
        .get_html(&format!("/manage/orders/{newest_order}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.html().contains(&client), "{}", page.html());
    // The same invariants as `whiskerworks check`.
    let problems = whiskerworks::ops::check::check_with_gateway(&app.state.settings()).unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[tokio::test]
async fn a_fresh_database_has_the_schema_of_an_upgraded_one() {
    let dir = data_dir_made_before();
    let upgraded = spawn_app_on(dir.path()).await;
    let fresh = spawn_app().await;

    assert_eq!(
        schema(&fresh.state.settings().data_dir),
        schema(&upgraded.state.settings().data_dir)
    );
}
