//! `whiskerworks replay`: the matching replay as a plain-text report for the operator.

use std::fmt::Write;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use crate::clock::SystemClock;
use crate::config::Settings;
use crate::matching::model::replay::{Estimate, Outcome, Request};
use crate::matching::service::replay::{Replayed, run};
use crate::state::AppState;

/// `whiskerworks replay`: the recorded decisions of some days re-decided over the workers
/// each found eligible.
#[derive(clap::Args)]
pub struct Args {
    /// `random` or `score`.
    #[arg(long)]
    strategy: String,
    /// First day, YYYY-MM-DD in the business time zone (default: 29 days before --to).
    #[arg(long, default_value = "")]
    from: String,
    /// Last day, inclusive (default: today).
    #[arg(long, default_value = "")]
    to: String,
    /// Score weights `rating,qc,load,favourite` (default: a score decision keeps its own,
    /// others take the live settings').
    #[arg(long, default_value = "")]
    weights: String,
    /// Only the decisions this strategy made (`random` or `score`), as in an experiment's arm.
    #[arg(long, default_value = "")]
    made_by: String,
}

/// Bad input stops with a message and exit code 2 before the database is opened.
pub fn command(settings: Settings, a: &Args) -> anyhow::Result<ExitCode> {
    let parsed = Request::parse(&a.strategy, &a.from, &a.to, &a.weights)
        .and_then(|r| r.made_by_named(&a.made_by));
    let request = match parsed {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let state = AppState::open(settings, Arc::new(SystemClock))?;
    print!("{}", report(&state, &request)?);
    Ok(ExitCode::SUCCESS)
}

/// Runs the replay on the app's database and writes its report.
pub fn report(state: &AppState, request: &Request) -> anyhow::Result<String> {
    let conn = state.pool.get().context("database connection")?;
    let replayed = run(
        &conn,
        state.settings().time_zone,
        state.clock.now(),
        request,
    )
    .context("replay")?;
    Ok(text(&replayed))
}

fn estimate(e: &Estimate) -> String {
    format!("{:.2} ({:.2} to {:.2})", e.value, e.low, e.high)
}

fn change(e: &Estimate) -> String {
    format!("{:+.2} ({:+.2} to {:+.2})", e.value, e.low, e.high)
}

fn measure(out: &mut String, label: &str, o: Option<&Outcome>) {
    let _ = match o {
        None => writeln!(out, "  {label:<14} not enough data (no worker has one yet)"),
        Some(o) => writeln!(
            out,
            "  {label:<14} before {}   after {}   change {}\n  {:<14} chosen workers without one: {} before, {} after (counted as a typical worker)",
            estimate(&o.before),
            estimate(&o.after),
            change(&o.change),
            "",
            o.unknown_before,
            o.unknown_after
        ),
    };
}

pub fn text(r: &Replayed) -> String {
    let p = &r.report;
    let w = &r.weights;
    let mut out = String::new();
    let made_by = r
        .made_by
        .map(|s| format!(" made by the {} strategy", s.name()))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Replay of matching decisions{made_by} with the {} strategy, {} to {} (inclusive)",
        p.strategy.name(),
        r.from,
        r.to
    );
    let _ = writeln!(
        out,
        "Score weights for decisions made by another strategy: rating {}, QC {}, load {}, favourite {}\n",
        w.rating, w.qc, w.load, w.favourite
    );
    let _ = writeln!(out, "Decisions in the window: {}", p.decisions);
    let _ = writeln!(
        out,
        "  replayed over the workers each one found eligible: {} (nobody eligible in {})",
        p.replayed, p.nobody_eligible
    );
    let _ = writeln!(
        out,
        "  not replayable (recorded before the facts were kept): {}",
        p.not_replayable
    );
    let _ = writeln!(
        out,
        "  taken by volunteers from the job board (no strategy chose): {}",
        p.volunteered
    );
    let _ = writeln!(
        out,
        "Decisions choosing a different worker: {} of {}\n",
        p.changed, p.replayed
    );
    let _ = writeln!(out, "Who gets work (offers per worker, before -> after):");
    for l in p.workers.iter().filter(|l| l.before + l.after > 0) {
        let _ = writeln!(
            out,
            "  {:<30} {:>5} -> {:<5}",
            format!("{} (#{})", r.name(l.worker_id), l.worker_id),
            l.before,
            l.after
        );
    }
    let (b, a) = (&p.spread_before, &p.spread_after);
    let _ = writeln!(
        out,
        "\nLoad spread over the {} workers eligible at least once:",
        p.workers.len()
    );
    let _ = writeln!(out, "  {:<34} {:>8} {:>8}", "", "before", "after");
    let _ = writeln!(
        out,
        "  {:<34} {:>7.1}% {:>7.1}%",
        "share of the busiest fifth",
        b.top_fifth_share * 100.0,
        a.top_fifth_share * 100.0
    );
    let _ = writeln!(
        out,
        "  {:<34} {:>8.2} {:>8.2}",
        "Gini coefficient", b.gini, a.gini
    );
    let _ = writeln!(
        out,
        "  {:<34} {:>8.2} {:>8.2}",
        "coefficient of variation", b.cv, a.cv
    );
    let _ = writeln!(
        out,
        "\nESTIMATES of the chosen workers' mean (1-5) from each worker's record up to {}, with 95% intervals:",
        r.records_until.format("%Y-%m-%d %H:%M UTC")
    );
    measure(&mut out, "client rating", p.rating.as_ref());
    measure(&mut out, "QC score", p.qc.as_ref());
    let _ = writeln!(
        out,
        "\nThese are estimates, not outcomes: each decision is replayed over the workers it found eligible, with their facts at the time (jobs that day included), so knock-on effects on later decisions are not modelled. Each worker's mean is shrunk toward the crowd's by how little their record says; the intervals reflect how well each record is known."
    );
    out
}
