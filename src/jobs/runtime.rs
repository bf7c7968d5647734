//! Starts the apalis monitor: the queue worker and the reconcile schedule, with unique
//! worker names per boot and a graceful stop when the shutdown signal fires.

use std::str::FromStr;
use std::time::Duration;

use apalis::prelude::*;
use apalis_cron::{CronScheduler, Tick};
use apalis_sqlite::SqliteStorage;
use sqlx::sqlite::SqlitePoolOptions;

use super::Runner;
use super::queue_pool;
use super::{CatchUp, Job, drain, run_job};
use crate::db::db_path;

/// How often the reconciler looks for due work (every 30 seconds).
const RECONCILE_SCHEDULE: &str = "*/30 * * * * *";

async fn sqlx_pool(settings: &crate::config::Settings) -> anyhow::Result<sqlx::SqlitePool> {
    let options = queue_pool::options(&db_path(&settings.data_dir));
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
    let st = (*runner).clone();
    tokio::task::spawn_blocking(move || run_job(&st, job)).await??;
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

/// Starts the jobs runtime in the background; it stops when `shutdown` completes.
pub async fn start(
    runner: Runner,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let pool = sqlx_pool(&runner.state.settings).await?;
    let storage = SqliteStorage::<Job>::new(&pool);
    runner.state.jobs.attach(storage.clone());
    let boot = uuid::Uuid::new_v4().simple().to_string();
    let schedule = cron::Schedule::from_str(RECONCILE_SCHEDULE)?;
    spawn_catch_up(&runner);
    let (queue_state, cron_state) = (runner.clone(), runner.clone());
    let queue_name = format!("queue-{boot}");
    let cron_name = format!("reconcile-{boot}");
    let monitor = Monitor::new()
        .register(move |_| {
            WorkerBuilder::new(queue_name.clone())
                .backend(
                    storage
                        .clone()
                        .poll_with_interval(Duration::from_millis(500)),
                )
                .data(queue_state.clone())
                .build(handle_job)
        })
        .register(move |_| {
            WorkerBuilder::new(cron_name.clone())
                .backend(CronScheduler::new(schedule.clone()))
                .data(cron_state.clone())
                .build(handle_tick)
        })
        .shutdown_timeout(runner.state.settings.operations.shutdown_grace);
    runner.state.jobs.set_running(true);
    let jobs = runner.state.jobs.clone();
    let feeder = tokio::spawn({
        let jobs = jobs.clone();
        async move { jobs.feed_queue().await }
    });
    Ok(tokio::spawn(async move {
        if let Err(error) = monitor
            .run_with_signal(async move {
                shutdown.await;
                Ok(())
            })
            .await
        {
            tracing::error!(%error, "jobs runtime stopped with an error");
        }
        feeder.abort();
        jobs.set_running(false);
        tracing::info!("jobs runtime stopped");
    }))
}
