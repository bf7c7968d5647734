//! The server's log as a log shipper or a file sees it: one JSON object per line with
//! `log_format = "json"`, and plain text without colour codes when redirected.

use std::io::Read;

use crate::helpers::*;
use crate::shutdown::{free_port, serve, terminate};

/// Everything the server logged from start to a clean stop.
fn server_log(dir: &std::path::Path, env: &[(&str, &str)]) -> String {
    let mut child = serve(dir, free_port(), env);
    terminate(&child);
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(child.wait().unwrap().success());
    log
}

#[tokio::test]
async fn with_log_format_json_every_line_is_a_json_object() {
    let app = spawn_app().await;
    let dir = app.dir.path().to_path_buf();

    let log = tokio::task::spawn_blocking(move || {
        server_log(&dir, &[("WHISKERWORKS_LOG_FORMAT", "json")])
    })
    .await
    .unwrap();

    let lines: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "the server logged something");
    for line in lines {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(
            value.get("level").is_some() && value.get("fields").is_some(),
            "{line}"
        );
    }
}

#[tokio::test]
async fn a_redirected_text_log_has_no_colour_codes() {
    let app = spawn_app().await;
    let dir = app.dir.path().to_path_buf();

    let log = tokio::task::spawn_blocking(move || server_log(&dir, &[]))
        .await
        .unwrap();

    assert!(log.contains("listening"), "{log}");
    assert!(!log.contains('\u{1b}'), "ANSI escape in a redirected log");
}
