//! Benchmark: replay against the simulation's hidden truth. For each seed a full simulation
//! (with its matching experiment, random against score) runs into a fresh folder in memory;
//! each arm's decisions are replayed with their own strategy (every one must come out the
//! same) and with the other arm's, whose stated 95 % interval for the chosen workers'
//! expected rating (and QC score) should hold the truth their hidden abilities give in at
//! least 34 of 40 seeds.
//!
//! Run with `cargo bench --bench replay_truth`. `REPLAY_TRUTH_SEEDS` (a count, `N`, or a
//! range, `A-B`; default 1-40) and `REPLAY_TRUTH_DAYS` (default 60) make a quicker run, or
//! split the seeds between processes.

use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::time::Instant;

use whiskerworks::ops::replay_truth::{Coverage, measure};

fn seeds() -> RangeInclusive<u64> {
    let raw = std::env::var("REPLAY_TRUTH_SEEDS").unwrap_or_default();
    let parse = |s: &str| {
        s.trim()
            .parse::<u64>()
            .expect("REPLAY_TRUTH_SEEDS: N or A-B")
    };
    match raw.split_once('-') {
        _ if raw.trim().is_empty() => 1..=40,
        Some((a, b)) => parse(a)..=parse(b),
        None => 1..=parse(&raw),
    }
}

fn days() -> u32 {
    std::env::var("REPLAY_TRUTH_DAYS")
        .ok()
        .map(|d| {
            d.trim()
                .parse()
                .expect("REPLAY_TRUTH_DAYS: a number of days")
        })
        .unwrap_or(60)
}

/// A fresh folder on tmpfs where there is one: a simulation's many small commits skip the
/// disk's sync there.
fn scratch(seed: u64) -> anyhow::Result<PathBuf> {
    let base = ["/dev/shm", "/tmp"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    let dir = base.join(format!("replay-truth-{}-{seed}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn main() -> anyhow::Result<()> {
    let (seeds, days) = (seeds(), days());
    println!(
        "replay against the hidden truth: seeds {}-{}, {days} simulated days each",
        seeds.start(),
        seeds.end()
    );
    let mut coverage = Coverage::default();
    for seed in seeds {
        let dir = scratch(seed)?;
        let started = Instant::now();
        let measured = measure(&dir, days, seed);
        std::fs::remove_dir_all(&dir)?;
        let measured = measured?;
        println!("{measured} [{:.0?}]", started.elapsed());
        coverage.add(&measured);
    }
    print!("{coverage}");
    Ok(())
}
