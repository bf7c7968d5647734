use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::*;

/// Sums of a sample given how many observations took each value, from `first` upwards.
fn counts(first: i64, counts: &[i64]) -> Sums {
    let mut s = Sums::default();
    for (i, c) in counts.iter().enumerate() {
        for _ in 0..*c {
            s.add(first + i as i64);
        }
    }
    s
}

fn close(got: Option<Interval>, want: (f64, f64, f64)) {
    let got = got.expect("an interval");
    for (g, w) in [
        (got.estimate, want.0),
        (got.low, want.1),
        (got.high, want.2),
    ] {
        assert!((g - w).abs() < 1e-9, "{got:?} against {want:?}");
    }
}

// Reference numbers: Howard and Ramdas' package `confseq` 0.0.11 (PyPI), its two-sided
// `normal_mixture_bound(v, alpha, v_opt, alpha_opt=0.05, is_one_sided=False)`, whose mixing
// parameter is `best_rho(v_opt)`. One arm on the sum's scale: radius = u(n s², v_opt = 300 s²)
// / n. A difference on the information scale: radius = V · u(1 / V, v_opt = 300 / (s²_T +
// s²_C)). Regenerate with:
//
//     from confseq.boundaries import normal_mixture_bound as u
//     def var(n, s, q):
//         if q == s: p = (s + 1) / (n + 2); return p * (1 - p)
//         m = s / n; return max((q - n * m * m) / (n - 1), 1 / 12)
//     def arm(n, s, q):
//         v = var(n, s, q); r = u(n * v, 0.05, 300 * v, 0.05, False) / n
//         return s / n, s / n - r, s / n + r
//     def diff(t, c):
//         vt, vc = var(*t), var(*c); V = vt / t[0] + vc / c[0]
//         r = V * u(1 / V, 0.05, 300 / (vt + vc), 0.05, False); e = t[1] / t[0] - c[1] / c[0]
//         return e, e - r, e + r
//
// with each sample's (n, sum, sum of squares).

#[test]
fn one_arm_matches_the_reference_implementation() {
    // 120 ratings: 3 ones, 5 twos, 12 threes, 40 fours, 60 fives.
    let c = counts(1, &[3, 5, 12, 40, 60]);
    assert_eq!((c.n, c.sum, c.sum_sq), (120, 509, 2271));
    close(
        arm_interval(&c),
        (4.241666666666666, 3.9650304324949683, 4.518302900838364),
    );
    let big = counts(1, &[60, 90, 250, 700, 900]);
    assert_eq!((big.n, big.sum, big.sum_sq), (2000, 8290, 36370));
    close(
        arm_interval(&big),
        (4.145, 4.073540689930559, 4.21645931006944),
    );
    let share = counts(0, &[232, 18]);
    close(
        arm_interval(&share),
        (0.072, 0.02125590739132254, 0.12274409260867744),
    );
}

#[test]
fn a_difference_matches_the_reference_implementation() {
    let c = counts(1, &[3, 5, 12, 40, 60]);
    let t = counts(1, &[2, 4, 10, 45, 69]);
    assert_eq!((t.n, t.sum, t.sum_sq), (130, 565, 2553));
    close(
        difference(&t, &c),
        (
            0.10448717948717956,
            -0.25965054111138175,
            0.46862490008574087,
        ),
    );
    let big_c = counts(1, &[60, 90, 250, 700, 900]);
    let big_t = counts(1, &[40, 80, 230, 720, 930]);
    close(
        difference(&big_t, &big_c),
        (
            0.06500000000000039,
            -0.03278266189850139,
            0.16278266189850216,
        ),
    );
    // Shares: 18 of 250 against 30 of 260.
    close(
        difference(&counts(0, &[232, 18]), &counts(0, &[230, 30])),
        (
            -0.043384615384615396,
            -0.12261142709448336,
            0.03584219632525257,
        ),
    );
}

#[test]
fn the_mixture_is_johari_et_al_s_msprt_interval() {
    // Their always-valid interval with V = 0.01 and τ² = 0.02, written out independently.
    let (v, tau_sq) = (0.01_f64, 0.02_f64);
    let want = (v * (v + tau_sq) / tau_sq * (((v + tau_sq) / v).ln() - 2.0 * 0.05_f64.ln())).sqrt();
    let got = radius(v, tau_sq / tuning(), 0.05);
    assert!((got - want).abs() < 1e-12, "{got} {want}");
    assert!((tuning() - 7.936_2).abs() < 1e-4, "{}", tuning());
}

#[test]
fn sums_add_merge_and_average() {
    let mut a = Sums::default();
    assert_eq!(a.mean(), None);
    a.add(4);
    a.add(2);
    let mut b = Sums::default();
    b.add(5);
    a.merge(&b);
    assert_eq!(
        a,
        Sums {
            n: 3,
            sum: 11,
            sum_sq: 45
        }
    );
    assert_eq!(a.mean(), Some(11.0 / 3.0));
}

#[test]
fn nothing_is_shown_below_the_minimum_sample() {
    let five = |n| counts(5, &[n]);
    let mixed = |n: i64| counts(3, &[n / 2, n - n / 2]);
    assert_eq!(arm_interval(&mixed(MIN_SAMPLE - 1)), None);
    assert!(arm_interval(&mixed(MIN_SAMPLE)).is_some());
    assert!(arm_interval(&five(MIN_SAMPLE)).is_some());
    assert_eq!(difference(&mixed(MIN_SAMPLE - 1), &mixed(500)), None);
    assert_eq!(difference(&mixed(500), &mixed(MIN_SAMPLE - 1)), None);
    assert!(difference(&mixed(MIN_SAMPLE), &mixed(MIN_SAMPLE)).is_some());
    assert_eq!(verdict(None, true), Verdict::NotEnoughData);
}

#[test]
fn intervals_narrow_as_units_come_in_and_hold_the_mean() {
    let mut last = f64::INFINITY;
    for k in 2..40 {
        let s = counts(1, &[k, 2 * k, 3 * k, 8 * k, 10 * k]);
        let i = arm_interval(&s).unwrap();
        assert!(i.low < i.estimate && i.estimate < i.high, "{i:?}");
        assert_eq!(Some(i.estimate), s.mean());
        assert!(i.high - i.low < last, "{k}: {i:?}");
        last = i.high - i.low;
        let d = difference(&s, &counts(1, &[k, 3 * k, 3 * k, 8 * k, 9 * k])).unwrap();
        assert!(d.low < d.estimate && d.estimate < d.high, "{d:?}");
    }
}

#[test]
fn always_valid_costs_width_over_a_one_look_interval() {
    for n in [30, 100, 300, 1000, 10_000] {
        let s = counts(1, &[n / 10, n / 10, n / 5, n / 5, n - 3 * (n / 5)]);
        let i = arm_interval(&s).unwrap();
        let one_look = 1.96 * (s.variance().unwrap() / s.n as f64).sqrt();
        assert!(i.high - i.estimate > one_look, "{n}");
    }
}

#[test]
fn alike_observations_still_leave_room() {
    let all_fives = counts(5, &[100]);
    let i = arm_interval(&all_fives).unwrap();
    assert!(i.high - i.low > 0.1, "{i:?}");
    let no_disputes = counts(0, &[100]);
    let d = difference(&counts(0, &[99, 1]), &no_disputes).unwrap();
    assert!(d.contains(0.0), "{d:?}");
}

#[test]
fn the_verdict_follows_the_metric_s_direction() {
    let up = Some(Interval {
        estimate: 0.3,
        low: 0.1,
        high: 0.5,
    });
    let down = Some(Interval {
        estimate: -0.3,
        low: -0.5,
        high: -0.1,
    });
    let across = Some(Interval {
        estimate: 0.1,
        low: -0.1,
        high: 0.3,
    });
    assert_eq!(verdict(up, true), Verdict::Better);
    assert_eq!(verdict(up, false), Verdict::Worse);
    assert_eq!(verdict(down, true), Verdict::Worse);
    assert_eq!(verdict(down, false), Verdict::Better);
    assert_eq!(verdict(across, true), Verdict::NoDifferenceYet);
    assert_eq!(verdict(across, false), Verdict::NoDifferenceYet);
}

#[test]
fn looking_after_every_unit_rarely_misses_the_true_mean() {
    // Ratings drawn with known chances; the interval is checked after every single rating
    // from the minimum on, and a sequence counts as missed if any look excludes the truth.
    let chances = [0.05, 0.05, 0.15, 0.35, 0.40];
    let truth: f64 = chances
        .iter()
        .enumerate()
        .map(|(i, p)| (i + 1) as f64 * p)
        .sum();
    let mut rng = StdRng::seed_from_u64(29);
    let sequences = 400;
    let missed = (0..sequences)
        .filter(|_| {
            let mut s = Sums::default();
            (0..1500).any(|_| {
                let mut u: f64 = rng.random();
                let star = chances
                    .iter()
                    .position(|p| {
                        u -= p;
                        u < 0.0
                    })
                    .unwrap_or(4) as i64
                    + 1;
                s.add(star);
                arm_interval(&s).is_some_and(|i| !i.contains(truth))
            })
        })
        .count();
    assert!(missed <= sequences * 8 / 100, "{missed} of {sequences}");
}
