//! Application assembly: shared state, middleware, every context's routes, the HTTP server
//! and the jobs runtime, with one graceful shutdown for both.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{DefaultHeaders, from_fn};
use actix_web::{App, HttpServer, web};
use tokio::sync::oneshot;
use tracing_actix_web::TracingLogger;

use crate::auth::handlers::guard;
use crate::clock::{SharedClock, SystemClock};
use crate::config::Settings;
use crate::error::AppError;
use crate::jobs;
use crate::state::AppState;
use crate::web::ctx::Display;
use crate::web::{assets, csrf, error_pages, panics, pwa, request_span};
use crate::{
    admin, auth, bets, billing, catalogue, hiring, home, matching, notify, orders, profile, supply,
};

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
    /// What the background work runs with (tests drain through it).
    runner: jobs::Runner,
    stop_jobs: Option<oneshot::Sender<()>>,
    jobs_task: Option<tokio::task::JoinHandle<()>>,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        Self::build_with(settings, Arc::new(SystemClock)).await
    }

    /// Builds with a given clock (tests pass a manual one). Binds before returning, so port 0
    /// works and `port()` tells the real one.
    pub async fn build_with(settings: Settings, clock: SharedClock) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(settings.bind)
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let run_jobs = settings.jobs;
        if settings.operations.metrics_token.is_some() {
            crate::telemetry::install()?;
        }
        // Opening migrates and releasing claims writes: blocking work, off the async threads.
        let (state, ports) = tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
            let state = AppState::open(settings, clock)?;
            // The uploaded logo, kept in the database, joins the live settings.
            state
                .live_settings
                .set_logo(admin::store::logo_info(&*state.pool.get()?)?);
            let ports = crate::wiring::Ports::from_settings(&state.settings())?;
            crate::billing::runs::release_stale_claims(&crate::wiring::billing_deps(
                &state,
                &ports.gateway,
            ))
            .map_err(|e| anyhow::anyhow!("billing: {e:?}"))?;
            // A fresh install screens applicants from the start (the default tests and policy).
            if state.settings().hiring.default_screening {
                crate::hiring::service::defaults::ensure(
                    &mut *state.pool.get()?,
                    state.clock.now(),
                )?;
            }
            Ok((state, ports))
        })
        .await??;
        // With Litestream replicating, checkpoints are its own (see `db::Checkpoints`).
        if !state.settings().operations.litestream {
            tokio::spawn(crate::db::keep_wal_short(state.pool.clone()));
        }
        let runner = jobs::Runner::new(state.clone(), ports);
        let (stop_jobs, jobs_task) = if run_jobs {
            let (tx, rx) = oneshot::channel::<()>();
            let task = jobs::start(runner.clone(), async move {
                let _ = rx.await;
            })
            .await?;
            (Some(tx), Some(task))
        } else {
            (None, None)
        };
        let server = server(listener, &runner)?;
        tracing::info!(port, "listening");
        Ok(Application {
            port,
            server,
            state,
            runner,
            stop_jobs,
            jobs_task,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn runner(&self) -> &jobs::Runner {
        &self.runner
    }

    /// Serves until the server stops by itself (tests leave it running).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(std::future::pending()).await
    }

    /// Serves until SIGTERM or SIGINT (`signal`, from `shutdown_signal`), then stops within
    /// the grace period: no new connections, requests in flight finish, live streams end, jobs
    /// stop at their next safe point (between two mails, kits, runs or batches; whatever is
    /// left resumes at the next start). When the grace period runs out first, it returns
    /// anyway.
    pub async fn run_until_signal(
        self,
        signal: impl std::future::Future<Output = ()>,
    ) -> std::io::Result<()> {
        self.run_until(signal).await
    }

    async fn run_until(
        mut self,
        stop: impl std::future::Future<Output = ()>,
    ) -> std::io::Result<()> {
        let handle = self.server.handle();
        let mut server = self.server;
        tokio::select! {
            result = &mut server => {
                if let Some(tx) = self.stop_jobs.take() {
                    let _ = tx.send(());
                }
                return result;
            }
            () = stop => {}
        }
        let grace = self.state.settings().operations.shutdown_grace;
        tracing::info!(
            grace_seconds = grace.as_secs(),
            "stopping: finishing requests in flight, jobs stop at a safe point"
        );
        // Live streams never end by themselves: they end now, and their browsers reconnect
        // to the next process, instead of holding this one for the whole grace period.
        self.state.live.close();
        let jobs = self.state.jobs.clone();
        jobs.begin_stop();
        if let Some(tx) = self.stop_jobs.take() {
            let _ = tx.send(());
        }
        let jobs_task = self.jobs_task.take();
        let finish = async move {
            // The server future itself carries out the stop: poll both together.
            let ((), result) = tokio::join!(handle.stop(true), server);
            if let Some(task) = jobs_task {
                let _ = task.await;
            }
            jobs.idle().await;
            result
        };
        match tokio::time::timeout(grace, finish).await {
            Ok(result) => {
                tracing::info!("stopped");
                result
            }
            Err(_) => {
                tracing::warn!(
                    "grace period over: exiting with work unfinished; it resumes at the next start"
                );
                Ok(())
            }
        }
    }
}

/// SIGINT (Ctrl-C) or, on Unix, SIGTERM (what `docker stop` and systemd send). The handlers
/// are installed when this is called, not when the future is first polled: call it before the
/// app is built, as the server answers from then on and a SIGTERM arriving before the
/// handlers would kill the process outright.
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|error| tracing::error!(%error, "cannot listen for SIGTERM"))
        .ok();
    let interrupt = tokio::signal::ctrl_c();
    async move {
        #[cfg(unix)]
        let terminate = async move {
            match terminate {
                Some(mut signal) => {
                    signal.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let terminate = std::future::pending::<()>();
        tokio::select! {
            _ = interrupt => {}
            () = terminate => {}
        }
    }
}

fn security_headers(secure: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
             object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()",
        ));
    if secure {
        headers.add(("Strict-Transport-Security", "max-age=31536000"))
    } else {
        headers
    }
}

/// Every route, grouped by area; each area is one scope behind its role guard, and the
/// contexts add their pages to it.
fn routes(cfg: &mut web::ServiceConfig) {
    cfg.configure(home::routes::public)
        .configure(auth::routes::configure)
        .configure(catalogue::routes::public)
        .configure(hiring::routes::public)
        .configure(orders::routes::public)
        .service(
            web::scope("/notifications")
                .wrap(from_fn(guard::require_login))
                .configure(notify::routes::configure),
        )
        .service(
            web::scope("/client")
                .wrap(from_fn(guard::require_client))
                .configure(home::routes::client)
                // Before orders' `/orders/{id}`, so the series' and moves' pages come first.
                .configure(crate::schedule::routes::client)
                .configure(orders::routes::client)
                .configure(profile::routes::client)
                .configure(billing::routes::client),
        )
        .service(
            web::scope("/worker")
                .wrap(from_fn(guard::require_worker))
                .configure(home::routes::worker)
                .configure(matching::routes::worker)
                // Before orders' `/jobs/{id}/{step}`, which would take `/jobs/{id}/extras`.
                .configure(supply::routes::worker)
                .configure(orders::routes::worker)
                .configure(billing::routes::worker)
                .configure(hiring::routes::worker),
        )
        .service(
            web::scope("/manage")
                .wrap(from_fn(guard::require_manager))
                .configure(home::routes::manage)
                .configure(crate::reports::routes::manage)
                .configure(crate::experiments::routes::manage)
                // Before orders' generic `/orders/{id}/{step}`.
                .configure(crate::schedule::routes::manage)
                .configure(matching::routes::manage)
                .configure(orders::routes::manage)
                .configure(catalogue::routes::manage)
                .configure(hiring::routes::manage)
                .configure(supply::routes::manage)
                .configure(billing::routes::manage)
                .configure(crate::quality::routes::manage),
        )
        .service(
            web::scope("/admin")
                .wrap(from_fn(guard::require_admin))
                .configure(admin::routes::admin)
                .configure(matching::routes::admin)
                .configure(catalogue::routes::admin),
        )
        .service(
            web::scope("/bets")
                .wrap(from_fn(guard::require_bets))
                .configure(bets::routes::bets),
        )
        .service(
            web::scope("/candidate")
                .wrap(from_fn(guard::require_candidate))
                .configure(hiring::routes::candidate),
        )
        .service(
            web::scope("/invoices")
                .wrap(from_fn(guard::require_login))
                .configure(billing::routes::shared),
        )
        .service(
            web::scope("/orders")
                .wrap(from_fn(guard::require_login))
                .configure(orders::routes::shared),
        );
}

fn server(listener: TcpListener, runner: &jobs::Runner) -> std::io::Result<Server> {
    let state = runner.state.clone();
    let secure = state.settings().secure_cookies;
    let grace_seconds = state.settings().operations.shutdown_grace.as_secs();
    // actix' own default, made explicit to share the blocking threads out between workers.
    let workers = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    let display = web::Data::new(Display {
        settings: state.live_settings.clone(),
    });
    let billing_deps = web::Data::new(runner.billing());
    let data = web::Data::new(state);
    // The order lifecycle's calls into quality and matching, for the handlers that move orders.
    let hooks = web::Data::new(crate::wiring::order_hooks());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(billing_deps.clone())
            .app_data(display.clone())
            .app_data(hooks.clone())
            .app_data(
                web::FormConfig::default()
                    .limit(csrf::FORM_LIMIT)
                    .error_handler(|err, _| match err {
                        actix_web::error::UrlencodedError::Overflow { .. } => {
                            AppError::PayloadTooLarge.into()
                        }
                        _ => AppError::BadRequest.into(),
                    }),
            )
            .app_data(web::PayloadConfig::new(csrf::FORM_LIMIT))
            .app_data(web::QueryConfig::default().error_handler(|_, _| AppError::BadRequest.into()))
            .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
            .wrap(from_fn(csrf::csrf_middleware))
            .wrap(error_pages::middleware())
            .wrap(from_fn(auth::handlers::session::session_middleware))
            .wrap(security_headers(secure))
            // The request log, without the tokens some URLs carry.
            .wrap(TracingLogger::<request_span::RedactingRootSpan>::new())
            .wrap(from_fn(panics::catch_panic))
            .wrap(from_fn(crate::telemetry::track_requests))
            .service(web::resource("/assets/{hash}/{name}").get(assets::serve))
            // The installable app: manifest, service worker and its offline page.
            .service(web::resource("/manifest.webmanifest").get(pwa::manifest))
            .service(web::resource("/sw.js").get(pwa::sw))
            .service(web::resource("/offline").get(pwa::offline))
            // The company's logo, for the header, the app's icons and mail.
            .configure(admin::routes::public)
            .configure(routes)
            .default_service(web::to(|| async {
                Err::<actix_web::HttpResponse, _>(AppError::NotFound)
            }))
    })
    // Streamed bodies (the CSV exports) end with a small write after the last chunk; with
    // Nagle's algorithm on it waited for the client's delayed ACK, 40 ms on every download.
    .tcp_nodelay(true)
    // A browser that closes a tab closes the connection; with half-closed connections
    // allowed, an event stream would only notice at a failed write a keep-alive or two later
    // and hold its session's place (`max_streams_per_session`) till then. Browsers never
    // half-close a connection to wait for an answer.
    .h1_allow_half_closed(false)
    // Signals are ours (`run_until_signal`): the jobs stop together with the server.
    .disable_signals()
    // Requests' database work waits for one of a fixed number of threads (`db::WEB_THREADS`)
    // rather than starting a new one each under load.
    .workers(workers)
    .worker_max_blocking_threads(crate::db::web_threads_per_worker(workers))
    .shutdown_timeout(grace_seconds)
    .listen(listener)?
    .run();
    Ok(server)
}
