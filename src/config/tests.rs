//! The settings' defaults and validation, section by section.

use super::*;

fn raw() -> RawSettings {
    RawSettings::default()
}

#[test]
fn defaults_are_valid_and_match_the_spec() {
    let s = Settings::defaults(Path::new("data"));
    assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
    assert_eq!(s.time_zone, chrono_tz::Europe::Moscow);
    assert_eq!(s.currency, "RUB");
    assert!(!s.secure_cookies);
    let budget = s.security.budget;
    assert_eq!(
        (budget.per_ip_per_minute, budget.per_account_per_minute),
        (300, 120)
    );
    assert!(!budget.limit_loopback, "local tools are not held back");
    assert_eq!(s.security.max_streams_per_session, 4);
}

#[test]
fn each_invalid_value_names_its_setting() {
    let cases: Vec<(&str, RawSettings)> = vec![
        (
            "bind",
            RawSettings {
                bind: "nowhere".into(),
                ..raw()
            },
        ),
        (
            "time_zone",
            RawSettings {
                time_zone: "Mars/Olympus".into(),
                ..raw()
            },
        ),
        (
            "currency",
            RawSettings {
                currency: "rubles".into(),
                ..raw()
            },
        ),
        (
            "default_language",
            RawSettings {
                default_language: "de".into(),
                ..raw()
            },
        ),
        (
            "base_url",
            RawSettings {
                base_url: Some("ftp://x".into()),
                ..raw()
            },
        ),
        (
            "smtp_url",
            RawSettings {
                smtp_url: Some("mail me".into()),
                ..raw()
            },
        ),
        (
            "session_days",
            RawSettings {
                session_days: 0,
                ..raw()
            },
        ),
        (
            "shutdown_grace_seconds",
            RawSettings {
                shutdown_grace_seconds: 0,
                ..raw()
            },
        ),
        (
            "backup_keep",
            RawSettings {
                backup_keep: 0,
                ..raw()
            },
        ),
        (
            "metrics_token",
            RawSettings {
                metrics_token: Some("short".into()),
                ..raw()
            },
        ),
        (
            "log_format",
            RawSettings {
                log_format: "xml".into(),
                ..raw()
            },
        ),
    ];
    for (name, bad) in cases {
        let err = Settings::validate(Path::new("data"), bad).unwrap_err();
        assert_eq!(err.name, name);
    }
}

#[test]
fn https_base_url_turns_on_secure_cookies() {
    let s = Settings::validate(
        Path::new("data"),
        RawSettings {
            base_url: Some("https://ww.example.com/".into()),
            ..raw()
        },
    )
    .unwrap();
    assert!(s.secure_cookies);
    assert_eq!(s.base_url, "https://ww.example.com");
}

#[test]
fn each_section_names_its_own_invalid_setting() {
    let cases: Vec<(&str, RawSettings)> = vec![
        (
            "working_hours_end",
            RawSettings {
                working_hours_end: "07:00".into(),
                ..raw()
            },
        ),
        (
            "offer_expiry_minutes",
            RawSettings {
                offer_expiry_minutes: 0,
                ..raw()
            },
        ),
        (
            "mail_max_attempts",
            RawSettings {
                mail_max_attempts: 0,
                ..raw()
            },
        ),
        (
            "bakery_url",
            RawSettings {
                bakery_url: Some("bakery".into()),
                ..raw()
            },
        ),
        (
            "golden_hat_timeout_ms",
            RawSettings {
                golden_hat_timeout_ms: 1,
                ..raw()
            },
        ),
        (
            "insight_disputes",
            RawSettings {
                insight_disputes: 0,
                ..raw()
            },
        ),
        (
            "login_window_minutes",
            RawSettings {
                login_window_minutes: 0,
                ..raw()
            },
        ),
        (
            "log",
            RawSettings {
                log: "[".into(),
                ..raw()
            },
        ),
        (
            "expensive_per_minute_per_account",
            RawSettings {
                expensive_per_minute_per_account: 0,
                ..raw()
            },
        ),
        (
            "max_streams_per_session",
            RawSettings {
                max_streams_per_session: 0,
                ..raw()
            },
        ),
    ];
    for (name, bad) in cases {
        let err = Settings::validate(Path::new("data"), bad).unwrap_err();
        assert_eq!(err.name, name);
    }
}

#[test]
fn file_keys_and_environment_names_stay_flat() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ww.toml");
    std::fs::write(
        &file,
        "offer_expiry_minutes = 45\npickup_point = \"Back door\"\nqc_review_days = 5\n\
         expensive_limit_loopback = true\nlitestream = true\n",
    )
    .unwrap();
    let s = Settings::load(dir.path(), Some(&file), &Overrides::default()).unwrap();
    assert_eq!(s.orders.offer_expiry_minutes, 45);
    assert_eq!(s.supply.pickup_point, "Back door");
    assert_eq!(s.quality.review_days, 5);
    assert!(s.security.budget.limit_loopback);
    assert!(s.operations.litestream);
}

#[test]
fn operations_default_to_daily_backups_in_the_data_folder_and_no_metrics() {
    let s = Settings::validate(Path::new("data"), raw()).unwrap();
    let ops = s.operations;
    assert_eq!(ops.backup_every, Some(chrono::Duration::hours(24)));
    assert_eq!(ops.backup_dir, Path::new("data").join("backups"));
    assert_eq!(ops.backup_keep, 7);
    assert_eq!(ops.metrics_token, None);
    assert_eq!(ops.log_format, super::LogFormat::Text);
    assert!(
        !ops.litestream,
        "Litestream stays off unless a replica is configured"
    );
    assert_eq!(ops.shutdown_grace, std::time::Duration::from_secs(20));
    let off = Settings::validate(
        Path::new("data"),
        RawSettings {
            backup_every_hours: 0,
            ..raw()
        },
    )
    .unwrap();
    assert_eq!(off.operations.backup_every, None);
}
