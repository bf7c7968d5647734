//! The experiments' statistics on simulated matching, a manager looking every day: an A/A
//! experiment rarely declares a difference, and a score arm that truly gives better-rated
//! work (a quarter of a star, by the simulation's hidden abilities) is found within 60 days.

use std::process::{Command, Stdio};

use whiskerworks::experiments::model::stats::Verdict;
use whiskerworks::ops::power::{self, Design};

#[test]
fn aa_rarely_declares_and_a_real_quarter_star_is_found_within_sixty_days() {
    let report = power::report(1..=40, 60);
    println!("{report}");
    assert_eq!(report.seeds, 40);
    // A method whose true error is 5 % passes this 95 % of the time.
    assert!(report.aa_declared <= 4, "{report}");
    // A true power of 80 % passes this 96 % of the time.
    assert!(report.power_detected >= 28, "{report}");
    assert!(
        (0.2..0.3).contains(&report.true_gain),
        "the simulation's truth is a quarter of a star: {report}"
    );
    assert!(report.aa_true_gain.abs() < 0.05, "{report}");
}

#[test]
fn a_simulated_experiment_is_the_same_for_the_same_seed() {
    let a = power::history(7, Design::ScoreVsRandom, 60);
    assert_eq!(a, power::history(7, Design::ScoreVsRandom, 60));
    assert_ne!(a, power::history(8, Design::ScoreVsRandom, 60));
    // Nothing is declared before both arms hold the minimum sample.
    let early = power::history(7, Design::ScoreVsRandom, 2);
    assert_eq!(early.last, None);
    assert!(early.declared.is_none());
    assert!(matches!(a.declared, None | Some((_, Verdict::Better))));
}

#[test]
fn the_command_prints_both_rates() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
        .args([
            "experiment-power",
            "--seeds",
            "1-3",
            "--days",
            "20",
            "--data-dir",
        ])
        .arg(dir.path())
        .env("WHISKERWORKS_LOG", "error")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("of 3 seeds declared a difference within 20 days"),
        "{text}"
    );
    assert!(text.contains("of 3 seeds found score better"), "{text}");

    let backwards = Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
        .args(["experiment-power", "--seeds", "9-1"])
        .arg("--data-dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!backwards.status.success());
    assert!(String::from_utf8_lossy(&backwards.stderr).contains("runs backwards"));
}
