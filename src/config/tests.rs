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
    assert_eq!(s.supply.pickup_points, ["Back door"]);
    assert!(s.lock_of("pickup_points").unwrap().starts_with("file "));
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

/// The app's stored business values sit over the defaults and under the file and the
/// environment: default < app < TOML < environment. What the upper layers set is locked
/// and names its source.
#[test]
fn business_values_take_env_then_file_then_app_then_default() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ww.toml");
    std::fs::write(&file, "currency = \"EUR\"\nmax_days_ahead = 30\n").unwrap();
    // A prefix of this test's own, so no other test sees the variable.
    let prefix = "WWTEST_PRECEDENCE_";
    // SAFETY: the variable's name is used by this test alone.
    unsafe { std::env::set_var("WWTEST_PRECEDENCE_MAX_DAYS_AHEAD", "45") };
    let s = Settings::load_from(dir.path(), Some(&file), &Overrides::default(), prefix).unwrap();
    let stored: std::collections::BTreeMap<String, String> = [
        ("currency", "USD"),
        ("max_days_ahead", "10"),
        ("min_lead_minutes", "30"),
        ("company_name", "Acme Cleaning"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let now = s.with_stored(&stored).unwrap();
    assert_eq!(now.orders.max_days_ahead, 45, "the environment wins");
    assert_eq!(now.currency, "EUR", "the file wins over the app");
    assert_eq!(
        now.orders.min_lead_minutes, 30,
        "the app wins over the default"
    );
    assert_eq!(now.business.company_name, "Acme Cleaning");
    assert_eq!(now.orders.cancellation_fee_percent, 10, "the default stays");
    assert_eq!(
        now.lock_of("max_days_ahead"),
        Some("environment variable WWTEST_PRECEDENCE_MAX_DAYS_AHEAD")
    );
    assert_eq!(
        now.lock_of("currency"),
        Some(format!("file {}", file.display()).as_str())
    );
    assert_eq!(now.lock_of("min_lead_minutes"), None);
    assert_eq!(now.form_value("company_name"), "Acme Cleaning");
}

#[test]
fn a_stored_value_is_checked_like_a_file_value_and_names_its_key() {
    let s = Settings::defaults(Path::new("data"));
    let bad = |k: &str, v: &str| {
        let stored = [(k.to_string(), v.to_string())].into_iter().collect();
        s.with_stored(&stored).unwrap_err().name
    };
    assert_eq!(bad("time_zone", "Mars/Olympus"), "time_zone");
    assert_eq!(bad("languages", "de"), "languages");
    assert_eq!(bad("languages", ""), "languages");
    assert_eq!(bad("max_days_ahead", "soon"), "max_days_ahead");
    assert_eq!(bad("working_hours_end", "07:00"), "working_hours_end");
    assert_eq!(bad("pickup_points", ""), "pickup_points");
    assert_eq!(bad("company_name", "  "), "company_name");
    let stored = [("languages".to_string(), "ru".to_string())]
        .into_iter()
        .collect();
    let ru = s.with_stored(&stored).unwrap();
    assert_eq!(ru.business.languages, [Lang::Ru]);
    assert_eq!(ru.business.language_or_first(Lang::En), Lang::Ru);
}
