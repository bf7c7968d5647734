//! Application assembly: shared state, middleware, every context's routes, the HTTP server
//! and the jobs runtime, with one graceful shutdown for both.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{DefaultHeaders, from_fn};
use actix_web::{App, HttpServer, web};
use tokio::sync::oneshot;
use tracing_actix_web::TracingLogger;

use crate::auth::guard;
use crate::clock::{SharedClock, SystemClock};
use crate::config::Settings;
use crate::error::AppError;
use crate::jobs;
use crate::state::AppState;
use crate::web::ctx::Display;
use crate::web::{assets, csrf, error_pages, panics};
use crate::{
    admin, auth, bets, billing, catalogue, hiring, home, matching, notify, orders, profile, supply,
};

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
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
        // Opening migrates and releasing claims writes: blocking work, off the async threads.
        let state = tokio::task::spawn_blocking(move || -> anyhow::Result<AppState> {
            let state = AppState::open(settings, clock)?;
            crate::billing::runs::release_stale_claims(&state)
                .map_err(|e| anyhow::anyhow!("billing: {e:?}"))?;
            Ok(state)
        })
        .await??;
        let (stop_jobs, jobs_task) = if run_jobs {
            let (tx, rx) = oneshot::channel::<()>();
            let task = jobs::start(state.clone(), async move {
                let _ = rx.await;
            })
            .await?;
            (Some(tx), Some(task))
        } else {
            (None, None)
        };
        let server = server(listener, state.clone())?;
        tracing::info!(port, "listening");
        Ok(Application {
            port,
            server,
            state,
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

    /// Serves until SIGINT/SIGTERM (handled by actix, which finishes requests in flight), then
    /// stops the jobs runtime and waits for it.
    pub async fn run_until_stopped(mut self) -> std::io::Result<()> {
        let result = self.server.await;
        if let Some(tx) = self.stop_jobs.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.jobs_task.take() {
            let _ = task.await;
        }
        result
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
        .service(
            web::scope("/notifications")
                .wrap(from_fn(guard::require_login))
                .configure(notify::routes::configure),
        )
        .service(
            web::scope("/client")
                .wrap(from_fn(guard::require_client))
                .configure(home::routes::client)
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
                .configure(billing::routes::worker),
        )
        .service(
            web::scope("/manage")
                .wrap(from_fn(guard::require_manager))
                .configure(home::routes::manage)
                .configure(crate::reports::routes::manage)
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
                .configure(matching::routes::admin),
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

fn server(listener: TcpListener, state: AppState) -> std::io::Result<Server> {
    let secure = state.settings.secure_cookies;
    let display = web::Data::new(Display {
        time_zone: state.settings.time_zone,
        currency: state.settings.currency.clone(),
    });
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(display.clone())
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
            .wrap(from_fn(auth::session::session_middleware))
            .wrap(security_headers(secure))
            .wrap(TracingLogger::default())
            .wrap(from_fn(panics::catch_panic))
            .service(web::resource("/assets/{hash}/{name}").get(assets::serve))
            .configure(routes)
            .default_service(web::to(|| async {
                Err::<actix_web::HttpResponse, _>(AppError::NotFound)
            }))
    })
    .shutdown_timeout(20)
    .listen(listener)?
    .run();
    Ok(server)
}
