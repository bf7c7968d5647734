//! The command line: `whiskerworks <subcommand>`, each accepting `--data-dir`.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::billing::service::gateway::server as golden_hat_server;
use crate::billing::service::gateway::{Faults as GatewayFaults, GoldenHatSim};
use crate::clock::SystemClock;
use crate::config::{Overrides, Settings};
use crate::ops;
use crate::startup::Application;
use crate::state::AppState;
use crate::supply::service::bakery::server as bakery_server;
use crate::supply::service::bakery::{BakerySim, Faults};

#[derive(Parser)]
#[command(
    name = "whiskerworks",
    version,
    about = "Runs a small on-site services company end to end"
)]
struct Cli {
    /// Folder holding the database (whiskerworks.db), mail files and uploads.
    #[arg(
        long,
        global = true,
        env = "WHISKERWORKS_DATA_DIR",
        default_value = "./data"
    )]
    data_dir: PathBuf,
    /// Optional TOML settings file (environment variables override it).
    #[arg(long, global = true, env = "WHISKERWORKS_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web app, background jobs and schedules.
    Serve {
        /// Load the demo data first (idempotent).
        #[arg(long)]
        demo: bool,
        /// Address to listen on (env WHISKERWORKS_BIND, default 127.0.0.1:8080).
        #[arg(long)]
        bind: Option<String>,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo data (idempotent).
    Demo,
    /// Administrative tasks.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Copy the live database to PATH (online, consistent, verified).
    Backup { path: PathBuf },
    /// Put a backup back as the database (the server must be stopped; the current database
    /// is kept aside).
    Restore { file: PathBuf },
    /// Verify every invariant; exits non-zero naming each broken one.
    Check,
    /// Run the billing that is due now (weekly, monthly, daily runs with catch-up, dunning
    /// retries, unfinished charges and payouts) once and exit; `serve` does this on its own.
    RunBilling,
    /// Drive N days of business on a simulated clock (deterministic per seed).
    Simulate {
        #[arg(long, default_value_t = 7)]
        days: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write years of synthetic history into an empty database and build its rollups (for
    /// measuring the dashboard on big data; not for real data).
    Generate {
        #[arg(long, default_value_t = 5)]
        years: u32,
        #[arg(long, default_value_t = 10_000)]
        orders_per_day: i64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many workers share the orders (default: one per four orders a day).
        #[arg(long)]
        workers: Option<i64>,
    },
    /// Check the experiments' statistics on simulated matching: A/A false alarms and power.
    ExperimentPower(ops::power::Args),
    /// Re-decide recorded matching decisions with a strategy and estimate what would change.
    Replay(ops::replay::Args),
    /// Exit 0 when the running server's /healthz says ok (for container health checks).
    Healthcheck,
    /// Serve the fortune bakery simulator over HTTP (for real-network tests and staging).
    BakerySim {
        #[arg(long, default_value_t = 8090)]
        port: u16,
        /// Milliseconds added to every reply.
        #[arg(long, default_value_t = 0)]
        latency_ms: u64,
        /// Share of requests (0–1) answered with 500.
        #[arg(long, default_value_t = 0.0)]
        error_rate: f64,
        /// Share of requests (0–1) that bake and then drop the reply.
        #[arg(long, default_value_t = 0.0)]
        drop_rate: f64,
        /// Fail this many requests first, then behave.
        #[arg(long, default_value_t = 0)]
        fail_next: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Serve the Golden Hat payment gateway simulator over HTTP (test cards, idempotent
    /// charges and payouts; for real-network tests and staging).
    GoldenHatSim {
        #[arg(long, default_value_t = 8091)]
        port: u16,
        /// Milliseconds added to every reply.
        #[arg(long, default_value_t = 0)]
        latency_ms: u64,
        /// Share of charge/payout requests (0–1) answered with 500 without charging.
        #[arg(long, default_value_t = 0.0)]
        error_rate: f64,
        /// Share of charge/payout requests (0–1) that charge and then drop the reply.
        #[arg(long, default_value_t = 0.0)]
        drop_rate: f64,
        /// Fail this many charge/payout/lookup requests first, then behave.
        #[arg(long, default_value_t = 0)]
        fail_next: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// JSON-lines file the simulator remembers tokens, charges and payouts in across
        /// restarts (never card numbers).
        #[arg(long)]
        journal: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a user with a role (client, worker, manager, admin or candidate); the password
    /// is read from stdin, or generated and printed once.
    CreateUser {
        /// One of: client, worker, manager, admin, candidate.
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let overrides = match &cli.command {
        Command::Serve { bind, .. } => Overrides { bind: bind.clone() },
        _ => Overrides::default(),
    };
    let settings = match Settings::load(&cli.data_dir, cli.config.as_deref(), &overrides) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // Commands other than `serve` print their own results; their logs stay quiet.
    let log = if matches!(cli.command, Command::Serve { .. }) {
        settings.log.clone()
    } else {
        "warn".into()
    };
    init_tracing(&log, settings.operations.log_format);
    match run(cli.command, settings) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr: one JSON object per line for log shippers, or text for people, with
/// colours only when stderr is a terminal (a redirected log stays free of escape codes).
fn init_tracing(filter: &str, format: crate::config::LogFormat) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        crate::config::LogFormat::Json => builder.json().with_ansi(false).try_init(),
        crate::config::LogFormat::Text => builder
            .with_ansi(std::io::stderr().is_terminal())
            .try_init(),
    };
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    // The jobs' blocking work runs here; the web server's runs on its workers' own pools.
    Ok(tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(crate::db::JOB_THREADS)
        .enable_all()
        .build()?)
}

fn run(command: Command, settings: Settings) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve { demo, .. } => {
            // One server per data folder; `restore` waits for this lock too.
            let _lock = ops::restore::lock_folder(&settings.data_dir)?;
            let runtime = runtime()?;
            let result = runtime.block_on(async move {
                if demo {
                    let demo_settings = settings.clone();
                    let added = tokio::task::spawn_blocking(move || {
                        let gateway = crate::wiring::gateway(&demo_settings);
                        ops::demo::load(
                            &AppState::open(demo_settings, Arc::new(SystemClock))?,
                            &gateway,
                        )
                    })
                    .await??;
                    tracing::info!(added, "demo data loaded");
                }
                // Before the server answers: a SIGTERM from then on stops it gracefully.
                let signal = crate::startup::shutdown_signal();
                let app = Application::build(settings).await?;
                if !demo {
                    print_setup_link(app.state()).await?;
                }
                app.run_until_signal(signal).await?;
                anyhow::Ok(ExitCode::SUCCESS)
            });
            // The grace period is over: a call still stuck on an outside system is not
            // waited for (its work resumes at the next start).
            runtime.shutdown_background();
            result
        }
        Command::Migrate => {
            AppState::open(settings, Arc::new(SystemClock))?;
            println!("migrations applied");
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo => {
            let state = AppState::open(settings, Arc::new(SystemClock))?;
            let added = ops::demo::load(&state, &crate::wiring::gateway(&state.settings()))?;
            println!("demo data loaded ({added} accounts added)");
            Ok(ExitCode::SUCCESS)
        }
        Command::Admin {
            command: AdminCommand::CreateUser { role, email, name },
        } => {
            let state = AppState::open(settings, Arc::new(SystemClock))?;
            let password = read_password_from_stdin()?;
            let (id, generated) = ops::users::create_user(&state, &role, &email, &name, password)?;
            println!("created user #{id} ({email}, {role})");
            if let Some(p) = generated {
                println!("generated password (shown once): {p}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { path } => {
            crate::db::backup::backup(&settings.data_dir, &path)?;
            println!("backup written to {} and verified", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { file } => {
            let done = match ops::restore::restore(&settings.data_dir, &file, chrono::Utc::now()) {
                Ok(done) => done,
                Err(error) => match error.downcast_ref::<ops::restore::BillingRunning>() {
                    Some(running) => {
                        eprintln!("{running}");
                        // EX_TEMPFAIL, as `run-billing` says it: try again later.
                        return Ok(ExitCode::from(75));
                    }
                    None => return Err(error),
                },
            };
            println!(
                "restored {} as {} (verified with integrity_check)",
                file.display(),
                done.database.display()
            );
            for aside in &done.kept_aside {
                println!("kept the previous database file as {}", aside.display());
            }
            if !done.pending_migrations.is_empty() {
                println!(
                    "the next start applies {} newer migration(s): {}",
                    done.pending_migrations.len(),
                    done.pending_migrations.join(", ")
                );
            }
            println!("next: whiskerworks check, then start the server");
            Ok(ExitCode::SUCCESS)
        }
        Command::Check => {
            let problems = ops::check::check_with_gateway(&settings)?;
            if problems.is_empty() {
                println!("ok: every invariant holds");
                Ok(ExitCode::SUCCESS)
            } else {
                for p in &problems {
                    println!("BROKEN {p}");
                }
                Ok(ExitCode::FAILURE)
            }
        }
        Command::RunBilling => {
            let state = crate::AppState::open(settings, Arc::new(SystemClock))?;
            let report = match crate::billing::runs::run_exclusive(
                &crate::wiring::billing_deps(&state, &crate::wiring::gateway(&state.settings())),
                true,
            )
            .map_err(|e| anyhow::anyhow!("billing: {e:?}"))?
            {
                crate::billing::runs::Ran::Done(report) => report,
                crate::billing::runs::Ran::Busy { owner, until } => {
                    eprintln!(
                        "another billing run is active ({owner}, lock lapses at {until}); nothing done"
                    );
                    // EX_TEMPFAIL: try again later.
                    return Ok(ExitCode::from(75));
                }
            };
            println!(
                "billing: {} runs, {} charges succeeded, {} declined, {} unresolved; {} payouts paid, {} failed, {} unresolved",
                report.runs,
                report.charges.settled,
                report.charges.declined,
                report.charges.unknown,
                report.payouts.settled,
                report.payouts.declined,
                report.payouts.unknown
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Simulate { days, seed } => {
            let summary = ops::simulate::run(settings, days, seed)?;
            print!("{}", summary.log);
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            years,
            orders_per_day,
            seed,
            workers,
        } => {
            crate::ops::generate::command::generate(
                &settings,
                years,
                orders_per_day,
                seed,
                workers,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::ExperimentPower(args) => {
            print!("{}", ops::power::report(args.seeds, args.days));
            Ok(ExitCode::SUCCESS)
        }
        Command::Replay(args) => ops::replay::command(settings, &args),
        Command::Healthcheck => runtime()?.block_on(healthcheck(&settings)),
        Command::BakerySim {
            port,
            latency_ms,
            error_rate,
            drop_rate,
            fail_next,
            seed,
        } => {
            check_rates(error_rate, drop_rate)?;
            let faults = Faults {
                latency_ms,
                error_rate,
                drop_rate,
                fail_next,
            };
            let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
            println!("bakery simulator on http://{}", listener.local_addr()?);
            let sim = Arc::new(BakerySim::new(faults, seed));
            serve_until_ctrl_c(move || bakery_server::serve(listener, sim))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::GoldenHatSim {
            port,
            latency_ms,
            error_rate,
            drop_rate,
            fail_next,
            seed,
            journal,
        } => {
            check_rates(error_rate, drop_rate)?;
            let faults = GatewayFaults {
                latency_ms,
                error_rate,
                drop_rate,
                fail_next,
            };
            // The journal is opened before the address is printed: whoever waits for that
            // line gets a simulator that already remembers.
            let sim = Arc::new(match journal {
                Some(path) => GoldenHatSim::with_journal(faults, seed, path.clone())
                    .with_context(|| format!("golden hat journal {}", path.display()))?,
                None => GoldenHatSim::new(faults, seed),
            });
            let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
            println!("golden hat simulator on http://{}", listener.local_addr()?);
            std::io::stdout().flush()?;
            serve_until_ctrl_c(move || golden_hat_server::serve(listener, sim))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Printed to standard output alone: the log is shipped and kept, and must not carry it.
async fn print_setup_link(state: &AppState) -> anyhow::Result<()> {
    let state = state.clone();
    if let Some(text) =
        tokio::task::spawn_blocking(move || ops::users::setup_link(&state)).await??
    {
        println!("{text}");
        std::io::stdout().flush()?;
    }
    Ok(())
}

/// The fault rates of the simulators are shares of requests.
fn check_rates(error_rate: f64, drop_rate: f64) -> anyhow::Result<()> {
    for (name, rate) in [("error-rate", error_rate), ("drop-rate", drop_rate)] {
        if !(0.0..=1.0).contains(&rate) {
            anyhow::bail!("--{name} must be between 0 and 1");
        }
    }
    Ok(())
}

/// Runs a simulator's server (built inside the actix system) until Ctrl-C.
fn serve_until_ctrl_c(
    serve: impl FnOnce() -> std::io::Result<actix_web::dev::Server>,
) -> std::io::Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let server = serve()?;
        let handle = server.handle();
        tokio::spawn(async move {
            let _ = tokio::signal::ctrl_c().await;
            handle.stop(true).await;
        });
        server.await
    })
}

fn read_password_from_stdin() -> anyhow::Result<Option<String>> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(None);
    }
    let mut buf = String::new();
    stdin.lock().take(1024).read_to_string(&mut buf)?;
    Ok(Some(buf.lines().next().unwrap_or("").to_string()))
}

async fn healthcheck(settings: &Settings) -> anyhow::Result<ExitCode> {
    let mut addr = settings.bind;
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(5))
        .build()?;
    let res = client.get(format!("http://{addr}/healthz")).send().await;
    let ok = match res {
        Ok(r) if r.status().is_success() => r
            .json::<serde_json::Value>()
            .await
            .ok()
            .is_some_and(|v| v["status"] == "ok"),
        _ => false,
    };
    println!("{}", if ok { "healthy" } else { "unhealthy" });
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
