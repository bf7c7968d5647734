//! The soak's curves and its verdict: a row per interval, and whether threads, open files and
//! resident memory stayed flat (the last third's peak within a bound of the first third's)
//! and the threads under a ceiling all along (a pile-up early in a short run is no growth
//! from one third to the next).

use std::fmt;
use std::time::Duration;

use whiskerworks::telemetry::process::ProcessStats;

/// One interval: the server's resources at its end, `/healthz` during it, orders so far.
pub struct Row {
    at: Duration,
    stats: ProcessStats,
    /// `/healthz` latencies during the interval, sorted.
    health: Vec<Duration>,
    orders: u64,
}

impl Row {
    pub const HEADER: &str = "     t  threads   fds  RSS MB   /healthz p50    max  orders";

    pub fn new(at: Duration, stats: ProcessStats, mut health: Vec<Duration>, orders: u64) -> Row {
        health.sort();
        Row {
            at,
            stats,
            health,
            orders,
        }
    }

    fn rss_mb(&self) -> u64 {
        self.stats.resident_bytes / (1024 * 1024)
    }

    fn health_max(&self) -> Duration {
        self.health.last().copied().unwrap_or_default()
    }
}

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let p50 = self
            .health
            .get(self.health.len() / 2)
            .copied()
            .unwrap_or_default();
        write!(
            f,
            "{:>5}s  {:>7}  {:>4}  {:>6}  {:>10.1} ms  {:>5.0}  {:>6}",
            self.at.as_secs(),
            self.stats.threads,
            self.stats.open_fds,
            self.rss_mb(),
            ms(p50),
            ms(self.health_max()),
            self.orders
        )
    }
}

/// How far a resource may rise from the first third to the last: a share of where it was,
/// plus a fixed allowance for the small numbers at the start.
struct Bound {
    name: &'static str,
    share: f64,
    plus: u64,
    of: fn(&Row) -> u64,
}

const BOUNDS: [Bound; 3] = [
    Bound {
        name: "threads",
        share: 0.25,
        plus: 8,
        of: |r| r.stats.threads,
    },
    Bound {
        name: "open files",
        share: 0.25,
        plus: 16,
        of: |r| r.stats.open_fds,
    },
    Bound {
        name: "RSS (MB)",
        share: 0.25,
        plus: 32,
        of: Row::rss_mb,
    },
];

/// Each resource's peak in the first and last thirds, and whether it stayed within bound.
pub struct Verdict {
    lines: Vec<(&'static str, u64, u64, u64)>,
    health_worst: Duration,
    threads_peak: u64,
    threads_cap: u64,
}

impl Verdict {
    /// `threads_cap`: the most threads the server may ever have during the run.
    pub fn of(rows: &[Row], threads_cap: u64) -> Verdict {
        let third = (rows.len() / 3).max(1);
        let peak = |part: &[Row], of: fn(&Row) -> u64| part.iter().map(of).max().unwrap_or(0);
        let (first, last) = (
            &rows[..third.min(rows.len())],
            &rows[rows.len().saturating_sub(third)..],
        );
        let lines = BOUNDS
            .iter()
            .map(|b| {
                let before = peak(first, b.of);
                let limit = (before as f64 * (1.0 + b.share)) as u64 + b.plus;
                (b.name, before, peak(last, b.of), limit)
            })
            .collect();
        let health_worst = rows.iter().map(Row::health_max).max().unwrap_or_default();
        Verdict {
            lines,
            health_worst,
            threads_peak: rows.iter().map(|r| r.stats.threads).max().unwrap_or(0),
            threads_cap,
        }
    }

    pub fn flat(&self) -> bool {
        !self.lines.is_empty()
            && self
                .lines
                .iter()
                .all(|&(_, _, after, limit)| after <= limit)
            && self.threads_peak <= self.threads_cap
    }

    pub fn print(&self) {
        println!("peak in the first third → last third (bound):");
        for &(name, before, after, limit) in &self.lines {
            let ok = if after <= limit { "flat" } else { "GREW" };
            println!("  {name:<11} {before:>6} → {after:>6}  (≤ {limit})  {ok}");
        }
        let ok = if self.threads_peak <= self.threads_cap {
            "under"
        } else {
            "OVER"
        };
        println!(
            "  threads at most {} (ceiling {})  {ok}",
            self.threads_peak, self.threads_cap
        );
        println!(
            "  /healthz worst {:.0} ms",
            self.health_worst.as_secs_f64() * 1e3
        );
        println!("verdict: {}", if self.flat() { "flat" } else { "NOT flat" });
    }
}
