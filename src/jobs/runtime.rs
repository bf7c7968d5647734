//! Starts the jobs runtime: the queue worker, the reconcile schedule and the queue feeder, each
//! supervised, with unique apalis worker names per boot (and per restart) and a graceful stop
//! when the shutdown signal fires.

use std::str::FromStr;
use std::time::Duration;

use apalis::prelude::*;
use apalis_cron::{CronScheduler, Tick};
use apalis_sqlite::SqliteStorage;
use sqlx::sqlite::SqlitePoolOptions;

use tokio::sync::watch;

use super::Runner;
use super::queue_pool;
use super::supervise::supervise;
use super::{CatchUp, Job, drain, run_job};
use crate::db::db_path;

/// How often the reconciler looks for due work (every 30 seconds).
const RECONCILE_SCHEDULE: &str = "*/30 * * * * *";

async fn sqlx_pool(settings: &crate::config::Settings) -> anyhow::Result<sqlx::SqlitePool> {
    let options = queue_pool::options(&db_path(&settings.data_dir))
        // With Litestream replicating, no checkpoint after a commit (see `db::Checkpoints`).
        .pragma(
            "wal_autocheckpoint",
            if settings.operations.litestream {
                "0"
            } else {
                "1000"
            },
        );
    // `setup` switches its connection to synchronous=OFF; keep that connection out of the
    // real pool so no checkpoint ever runs unsynchronised.
    let setup_pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options.clone())
        .await?;
    SqliteStorage::setup(&setup_pool).await?;
    setup_pool.close().await;
    Ok(queue_pool::open(options, 4).await?)
}

async fn handle_job(job: Job, runner: Data<Runner>) -> Result<(), BoxDynError> {
    // While this kind runs, the running one goes once more instead (see `alone`): one thread
    // per kind however many jobs the queue hands over.
    let Some(turn) = runner.alone.claim(job) else {
        return Ok(());
    };
    let st = (*runner).clone();
    tokio::task::spawn_blocking(move || turn.run(|| run_job(&st, job))).await??;
    runner.state.jobs.finished(job);
    Ok(())
}

async fn handle_tick(_tick: Tick, runner: Data<Runner>) -> Result<(), BoxDynError> {
    // One pass at a time: a slow pass (the start-up catch-up, a slow outside system) would
    // otherwise gain a twin every 30 seconds, each holding threads and connections.
    let Some(pass) = runner.state.jobs.try_pass() else {
        tracing::debug!("previous reconcile still running; skipping this tick");
        return Ok(());
    };
    let st = (*runner).clone();
    let report = tokio::task::spawn_blocking(move || {
        let _pass = pass;
        drain(&st)
    })
    .await??;
    tracing::debug!(?report, "reconciled");
    if runner.state.jobs.status().catch_up == CatchUp::Failed {
        // A full pass has now done what the failed catch-up could not.
        runner.state.jobs.set_catch_up(CatchUp::Done);
    }
    Ok(())
}

/// The start-up catch-up (whatever became due while the process was down) in the background:
/// the site answers meanwhile, and `/healthz` reports how it goes.
fn spawn_catch_up(runner: &Runner) {
    let Some(pass) = runner.state.jobs.try_pass() else {
        return;
    };
    runner.state.jobs.set_catch_up(CatchUp::Running);
    let st = runner.clone();
    tokio::spawn(async move {
        let jobs = st.state.jobs.clone();
        let result = tokio::task::spawn_blocking(move || {
            let _pass = pass;
            drain(&st)
        })
        .await;
        match result {
            Ok(Ok(report)) => {
                tracing::info!(?report, "start-up catch-up done");
                jobs.set_catch_up(CatchUp::Done);
            }
            Ok(Err(error)) => {
                tracing::error!(%error, "start-up catch-up failed; the next tick tries again");
                jobs.set_catch_up(CatchUp::Failed);
            }
            Err(error) => {
                tracing::error!(%error, "start-up catch-up panicked; the next tick tries again");
                jobs.set_catch_up(CatchUp::Failed);
            }
        }
    });
}

/// Puts the queue entries a dead incarnation of this boot's queue worker had taken back in
/// line, for its successor to run now instead of after apalis' orphan timeout (a minute).
/// Jobs are only nudges, safe to run twice; a failure here leaves them to that timeout.
async fn release_taken_by_earlier(pool: &sqlx::SqlitePool, prefix: &str, current: &str) {
    let released = sqlx::query(
        "UPDATE Jobs SET status = 'Pending', lock_by = NULL, lock_at = NULL
         WHERE status IN ('Queued', 'Running')
           AND substr(lock_by, 1, length(?1)) = ?1 AND lock_by <> ?2",
    )
    .bind(prefix)
    .bind(current)
    .execute(pool)
    .await;
    match released {
        Ok(done) if done.rows_affected() > 0 => {
            tracing::info!(
                jobs = done.rows_affected(),
                "queued jobs of the dead worker put back"
            );
        }
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "could not put back the dead worker's jobs"),
    }
}

/// Resolves once the stop signal is given (or its sender is gone).
async fn stopped(mut stop: watch::Receiver<bool>) -> Result<(), std::io::Error> {
    let _ = stop.wait_for(|s| *s).await;
    Ok(())
}

/// Starts the jobs runtime in the background; it stops when `shutdown` completes. Each worker
/// (the queue, the reconcile schedule, the feeder that fills the queue) is supervised: one
/// that dies is started again (see `supervise`).
pub async fn start(
    runner: Runner,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let pool = sqlx_pool(&runner.state.settings()).await?;
    let storage = SqliteStorage::<Job>::new(&pool);
    runner.state.jobs.attach(storage.clone());
    let boot = uuid::Uuid::new_v4().simple().to_string();
    let schedule = cron::Schedule::from_str(RECONCILE_SCHEDULE)?;
    spawn_catch_up(&runner);
    let jobs = runner.state.jobs.clone();
    let (stop_tx, stop) = watch::channel(false);
    // Each worker's restarts are a series from the first scrape on, before its supervisor
    // first runs.
    for worker in ["queue", "reconcile", "feeder"] {
        metrics::counter!("whiskerworks_job_worker_restarts_total", "worker" => worker)
            .increment(0);
    }

    let queue = {
        let (runner, stop) = (runner.clone(), stop.clone());
        let prefix = format!("queue-{boot}-");
        supervise("queue", jobs.clone(), stop.clone(), move |n| {
            // A new name per incarnation: apalis refuses a name whose last heartbeat is recent.
            let name = format!("{prefix}{n}");
            let (pool, storage, runner, stop, prefix) = (
                pool.clone(),
                storage.clone(),
                runner.clone(),
                stop.clone(),
                prefix.clone(),
            );
            async move {
                if n > 0 {
                    release_taken_by_earlier(&pool, &prefix, &name).await;
                }
                WorkerBuilder::new(name)
                    .backend(storage.poll_with_interval(Duration::from_millis(500)))
                    .data(runner)
                    .build(handle_job)
                    .run_until(stopped(stop))
                    .await?;
                Ok(())
            }
        })
    };
    let reconcile = {
        let (runner, stop) = (runner.clone(), stop.clone());
        supervise("reconcile", jobs.clone(), stop.clone(), move |n| {
            let worker = WorkerBuilder::new(format!("reconcile-{boot}-{n}"))
                .backend(CronScheduler::new(schedule.clone()))
                .data(runner.clone())
                .build(handle_tick);
            let stop = stop.clone();
            async move {
                worker.run_until(stopped(stop)).await?;
                Ok(())
            }
        })
    };
    let feeder = supervise("feeder", jobs.clone(), stop.clone(), move |_| {
        let (jobs, stop) = (runner.state.jobs.clone(), stop.clone());
        async move {
            tokio::select! {
                () = jobs.feed_queue() => {}
                _ = stopped(stop) => {}
            }
            Ok(())
        }
    });
    jobs.set_running(true);
    Ok(tokio::spawn(async move {
        let signal = async move {
            shutdown.await;
            let _ = stop_tx.send(true);
            // Held until here: a dropped sender would read as a stop.
            drop(stop_tx);
        };
        tokio::join!(signal, queue, reconcile, feeder);
        jobs.set_running(false);
        tracing::info!("jobs runtime stopped");
    }))
}
