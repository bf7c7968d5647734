use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::*;
use crate::live::Audience;

/// A writer on a fresh file with a table `t`, whose `parent` is checked only at commit.
fn writer(limits: Limits) -> (tempfile::TempDir, Writer, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("writer.db");
    let mut conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    crate::db::configure(&mut conn).unwrap();
    conn.execute_batch(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);
         CREATE TABLE t (x TEXT NOT NULL,
                         parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);",
    )
    .unwrap();
    (dir, Writer::new(conn, limits), path)
}

fn insert(tx: &WriteTx, x: &str) -> rusqlite::Result<()> {
    tx.execute("INSERT INTO t (x) VALUES (?1)", [x]).map(|_| ())
}

/// The rows committed, as another connection sees them.
fn committed(path: &Path) -> Vec<String> {
    let conn =
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn.prepare("SELECT x FROM t ORDER BY x").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

type Write = Box<dyn FnOnce(&WriteTx) -> rusqlite::Result<()> + Send>;

type Outcome = thread::Result<rusqlite::Result<()>>;

/// Runs the writes of `rest` queued behind a first write (of `first`) that holds its turn
/// until they all wait, so all share one group. Each thread's result comes back in order,
/// with the rows committed when the first write returned.
fn one_group(
    w: &Writer,
    path: &Path,
    first: &'static str,
    rest: Vec<Write>,
) -> (Vec<Outcome>, Vec<String>) {
    let (started, has_started) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let (holder, path) = (w.clone(), path.to_path_buf());
    let (seen, saw) = mpsc::channel();
    let mut threads: Vec<JoinHandle<rusqlite::Result<()>>> = vec![thread::spawn(move || {
        let result = holder.write(|tx| {
            insert(tx, first)?;
            started.send(()).unwrap();
            released.recv().unwrap();
            Ok(())
        });
        seen.send(committed(&path)).unwrap();
        result
    })];
    has_started.recv().unwrap();
    let behind = rest.len();
    for write in rest {
        let w = w.clone();
        threads.push(thread::spawn(move || w.write(write)));
    }
    while w.queued() < 1 + behind {
        thread::yield_now();
    }
    release.send(()).unwrap();
    let results = threads.into_iter().map(JoinHandle::join).collect();
    (results, saw.recv().unwrap())
}

#[test]
fn a_failing_write_in_a_group_rolls_back_only_itself() {
    let (_dir, w, path) = writer(Limits::default());
    let (results, _) = one_group(
        &w,
        &path,
        "a",
        vec![
            Box::new(|tx| {
                insert(tx, "b")?;
                Err(rusqlite::Error::InvalidQuery)
            }),
            Box::new(|tx| insert(tx, "c")),
        ],
    );
    let outcomes: Vec<bool> = results.into_iter().map(|r| r.unwrap().is_ok()).collect();
    assert_eq!(outcomes, [true, false, true]);
    assert_eq!(committed(&path), ["a", "c"]);
    assert_eq!(w.groups_committed(), 1, "one COMMIT for the three");
}

#[test]
fn a_panicking_write_rolls_back_only_itself_and_its_caller_sees_the_panic() {
    let (_dir, w, path) = writer(Limits::default());
    let (results, _) = one_group(
        &w,
        &path,
        "a",
        vec![
            Box::new(|tx| {
                insert(tx, "b")?;
                panic!("a bug in a write");
            }),
            Box::new(|tx| insert(tx, "c")),
        ],
    );
    assert!(results[0].as_ref().unwrap().is_ok());
    assert!(results[1].is_err(), "the panic reaches its own caller");
    assert!(results[2].as_ref().unwrap().is_ok());
    assert_eq!(committed(&path), ["a", "c"]);
    assert_eq!(w.groups_committed(), 1);
    w.write(|tx| insert(tx, "d")).unwrap();
    assert_eq!(committed(&path), ["a", "c", "d"], "the writer goes on");
}

#[test]
fn a_failed_commit_fails_every_member_of_its_group() {
    let (_dir, w, path) = writer(Limits::default());
    // The missing parent is only noticed by the COMMIT (a deferred foreign key).
    let (results, _) = one_group(
        &w,
        &path,
        "a",
        vec![
            Box::new(|tx| {
                tx.execute("INSERT INTO t (x, parent) VALUES ('b', 9)", [])
                    .map(|_| ())
            }),
            Box::new(|tx| insert(tx, "c")),
        ],
    );
    for result in results {
        let error = result.unwrap().unwrap_err();
        assert_eq!(
            error.sqlite_error_code(),
            Some(rusqlite::ErrorCode::ConstraintViolation)
        );
    }
    assert!(committed(&path).is_empty());
    w.write(|tx| insert(tx, "d")).unwrap();
    assert_eq!(committed(&path), ["d"], "the next group starts afresh");
}

#[test]
fn callers_return_after_the_commit_and_effects_run_after_it_only() {
    let (_dir, w, path) = writer(Limits::default());
    let mut live = w.live().subscribe();
    let (seen, saw) = mpsc::channel();
    let watch = |label: &'static str| -> Write {
        let (seen, path) = (seen.clone(), path.clone());
        Box::new(move |tx| {
            insert(tx, label)?;
            tx.note(Audience::User(1), label);
            tx.after_commit(move || seen.send((label, committed(&path))).unwrap());
            if label == "b" {
                return Err(rusqlite::Error::InvalidQuery);
            }
            Ok(())
        })
    };
    let (results, seen_by_first) = one_group(&w, &path, "a", vec![watch("b"), watch("c")]);
    assert!(results.iter().all(|r| r.is_ok()));
    assert_eq!(
        seen_by_first,
        ["a", "c"],
        "the first writer ran first, yet returned only once the last one had committed"
    );
    drop(seen);
    let effects: Vec<_> = saw.iter().collect();
    assert_eq!(effects, [("c", vec!["a".to_string(), "c".to_string()])]);
    let topic = live.try_recv().unwrap().topic.clone();
    assert_eq!(topic, "c");
    assert!(live.try_recv().is_err(), "nothing of the rolled-back write");
}

#[test]
fn a_full_queue_answers_busy_at_once() {
    let (_dir, w, _path) = writer(Limits {
        queue: 1,
        group: 8,
        ..Limits::default()
    });
    let (started, has_started) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let holder = w.clone();
    let first = thread::spawn(move || {
        holder.write(|tx| {
            insert(tx, "a")?;
            started.send(()).unwrap();
            released.recv().unwrap();
            Ok::<_, rusqlite::Error>(())
        })
    });
    has_started.recv().unwrap();
    // The first write is still running: a wait here would never end.
    let refused = w.write(|tx| insert(tx, "b")).unwrap_err();
    assert!(crate::error::is_write_queue_full(&refused));
    release.send(()).unwrap();
    first.join().unwrap().unwrap();
    w.write(|tx| insert(tx, "c")).unwrap();
}

#[test]
#[should_panic(expected = "a write inside a write")]
fn a_write_inside_a_write_is_refused_loudly() {
    let (_dir, w, _path) = writer(Limits::default());
    let inner = w.clone();
    let _ = w.write(|tx| {
        insert(tx, "a")?;
        inner.write(|tx| insert(tx, "b"))
    });
}

#[tokio::test]
async fn the_checkpoint_is_woken_after_enough_committed_writes_and_not_before() {
    let (_dir, w, _path) = writer(Limits::default());
    let due = w.checkpoint_due();
    tokio::pin!(due);
    for n in 1..CHECKPOINT_AFTER_COMMITS {
        w.write(|tx| insert(tx, &n.to_string())).unwrap();
    }
    w.write(|tx| -> rusqlite::Result<()> {
        insert(tx, "rolled back")?;
        Err(rusqlite::Error::InvalidQuery)
    })
    .unwrap_err();
    assert!(
        futures_util::FutureExt::now_or_never(due.as_mut()).is_none(),
        "not woken before, nor by a write rolled back"
    );
    w.write(|tx| insert(tx, "last")).unwrap();
    due.await;
}

#[test]
fn writes_behind_a_lock_held_elsewhere_are_all_refused_busy_at_one_deadline() {
    let wait = Duration::from_millis(400);
    let (_dir, w, path) = writer(Limits {
        wait,
        ..Limits::default()
    });
    let outside = Connection::open(&path).unwrap();
    outside.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let threads: Vec<_> = (0..3)
        .map(|i| {
            let w = w.clone();
            thread::spawn(move || {
                let result = w.write(|tx| insert(tx, &i.to_string()));
                (result, started.elapsed())
            })
        })
        .collect();
    for t in threads {
        let (result, took) = t.join().unwrap();
        let e = result.unwrap_err();
        assert_eq!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy)
        );
        assert!(took >= wait && took < wait * 2, "{took:?}");
    }
    outside.execute_batch("ROLLBACK").unwrap();
    w.write(|tx| insert(tx, "after")).unwrap();
    assert_eq!(committed(&path), ["after"]);
    assert_eq!(w.queued(), 0);
}
