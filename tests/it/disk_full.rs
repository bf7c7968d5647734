//! A full disk under the database, for real: a small tmpfs mounted for the test (CI runs as
//! root). While it is full, writes are refused with a 503 (never a 500) and `/readyz` says
//! so; once space is freed, writes work again within seconds, cycle after cycle.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::helpers::*;
use crate::order_helpers::*;

/// Fill and free cycles in one run: each one a chance for a write to be left half-done.
const CYCLES: usize = 3;

/// How soon after space is freed the app must be ready and take orders again.
const RECOVERY: Duration = Duration::from_secs(5);

/// A size-limited tmpfs on a fresh folder, unmounted when dropped.
pub struct SmallDisk {
    pub path: PathBuf,
    _dir: tempfile::TempDir,
}

impl SmallDisk {
    pub fn mount(megabytes: u32) -> SmallDisk {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(dir.path())
            .status();
        assert!(
            status.is_ok_and(|s| s.success()),
            "this test mounts a small tmpfs to fill it: run it as root (CI does)"
        );
        SmallDisk {
            path: dir.path().to_path_buf(),
            _dir: dir,
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        // Lazily: the app may still hold its files open.
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

/// Writes zeros to `file` until the disk refuses more.
pub fn fill(file: &Path) {
    let mut f = std::fs::File::create(file).unwrap();
    let chunk = vec![0u8; 1 << 16];
    while f.write_all(&chunk).is_ok() {}
    let _ = f.sync_all();
}

async fn order(w: &World, token: &str, date: &str, time: &str) -> reqwest::Response {
    w.client
        .post_raw(
            "/client/orders",
            &[
                ("service", &w.service_id.to_string()),
                ("address", "new"),
                ("new_address", "3 Full Disk Rd"),
                ("date", date),
                ("time", time),
                ("notes", "Spare key under the mat"),
                ("csrf_token", token),
            ],
        )
        .await
}

#[tokio::test]
async fn after_a_full_disk_is_freed_writes_work_again_within_seconds() {
    let disk = SmallDisk::mount(24);
    let data = disk.path.join("data");
    let app = spawn_app_with(|s| {
        s.data_dir = data.clone();
        s.jobs = true;
    })
    .await;
    let w = world(&app).await;
    let token = w.client.csrf_token().await;
    let filler = disk.path.join("filler");
    let mut slot = 0;
    let mut next_slot = || {
        slot += 1;
        let day = app.clock_now().date_naive() + chrono::Duration::days(1 + slot / 28);
        (
            day.to_string(),
            format!("{:02}:{:02}", 9 + (slot % 28) / 4, 15 * (slot % 4)),
        )
    };
    for cycle in 0..CYCLES {
        fill(&filler);
        let mut refused = None;
        for _ in 0..200 {
            let (date, time) = next_slot();
            let res = order(&w, &token, &date, &time).await;
            match res.status() {
                StatusCode::SEE_OTHER => continue,
                StatusCode::SERVICE_UNAVAILABLE => {
                    refused = Some(res);
                    break;
                }
                other => panic!("cycle {cycle}: {other} on a full disk"),
            }
        }
        let refused = refused.expect("a full disk refuses orders");
        assert!(refused.headers().contains_key("retry-after"));
        let page = refused.text().await.unwrap();
        assert!(page.contains("Spare key under the mat"), "the form is kept");
        let ready = w.client.get("/readyz").await;
        assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(ready.text().await.unwrap().contains("disk is full"));
        assert_eq!(w.client.get("/healthz").await.status(), StatusCode::OK);

        std::fs::remove_file(&filler).unwrap();
        let freed = Instant::now();
        while w.client.get("/readyz").await.status() != StatusCode::OK {
            assert!(freed.elapsed() < RECOVERY, "cycle {cycle}: not ready again");
            tokio::task::yield_now().await;
        }
        let ready_after = freed.elapsed();
        loop {
            let (date, time) = next_slot();
            let status = order(&w, &token, &date, &time).await.status();
            if status == StatusCode::SEE_OTHER {
                break;
            }
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "cycle {cycle}");
            assert!(
                freed.elapsed() < RECOVERY,
                "cycle {cycle}: orders still refused"
            );
        }
        eprintln!(
            "cycle {cycle}: ready {ready_after:?} and an order placed {:?} after freeing",
            freed.elapsed()
        );
    }
}
