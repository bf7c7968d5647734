//! SIGTERM, for real: the binary serves, a request is half-sent when the signal arrives; the
//! request still gets its answer, and the process exits cleanly within the grace period,
//! even with a job stuck on a mail server that never answers.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::*;

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `serve` on `dir` with the given extra settings, once `/healthz` answers (bounded wait).
pub fn serve(dir: &std::path::Path, port: u16, env: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_whiskerworks"));
    cmd.args([
        "serve",
        "--bind",
        &format!("127.0.0.1:{port}"),
        "--data-dir",
    ])
    .arg(dir)
    .env("RUST_LOG", "whiskerworks=info,warn")
    .env("NO_COLOR", "1")
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().expect("binary runs");
    let health = format!("http://127.0.0.1:{port}/healthz");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !reqwest::blocking::get(&health).is_ok_and(|r| r.status().is_success()) {
        assert!(Instant::now() < deadline, "serve never answered");
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

/// Reads the server's log until a line contains `needle` (bounded by the process's life).
fn wait_for_log(child: &mut Child, needle: &str) {
    use std::io::BufRead;
    let stderr = child.stderr.as_mut().expect("stderr piped");
    let mut lines = std::io::BufReader::new(stderr).lines();
    loop {
        match lines.next() {
            Some(Ok(line)) if line.contains(needle) => return,
            Some(_) => {}
            None => panic!("the log ended before `{needle}`"),
        }
    }
}

pub fn terminate(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits (bounded) for the process to exit; how long it took and whether it exited cleanly.
fn wait_exit(child: &mut Child, limit: Duration) -> (Duration, bool) {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return (started.elapsed(), status.success());
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running {limit:?} after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test]
async fn sigterm_lets_a_request_in_flight_finish_and_exits_within_the_grace_period() {
    let app = spawn_app().await;
    let dir = app.dir.path().to_path_buf();

    tokio::task::spawn_blocking(move || {
        // Arrange: a login form whose body is half sent.
        let port = free_port();
        let mut child = serve(&dir, port, &[("WHISKERWORKS_SHUTDOWN_GRACE_SECONDS", "5")]);
        let body = "email=nobody%40example.com&password=wrong-password";
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
            body.len(),
            &body[..10]
        )
        .unwrap();
        stream.flush().unwrap();

        // Act: SIGTERM; once the server says it is stopping, the rest of the body.
        terminate(&child);
        let after_signal = Instant::now();
        wait_for_log(&mut child, "stopping");
        stream.write_all(&body.as_bytes()[10..]).unwrap();
        let mut reply = String::new();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let _ = stream.read_to_string(&mut reply);

        // Assert: the request got its answer, and the process left cleanly in time.
        assert!(reply.starts_with("HTTP/1.1 "), "no answer: {reply:?}");
        let (took, clean) = wait_exit(&mut child, Duration::from_secs(15));
        assert!(clean, "exit status after SIGTERM");
        assert!(
            after_signal.elapsed() <= Duration::from_secs(5) + Duration::from_secs(1),
            "exit {took:?} after the answer, {:?} after SIGTERM",
            after_signal.elapsed()
        );
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn sigterm_with_a_job_stuck_on_an_outside_system_still_exits_within_the_grace_period() {
    // Arrange: mail pending, and an SMTP server that accepts and never says a word.
    let smtp = TcpListener::bind("127.0.0.1:0").unwrap();
    let smtp_url = format!("smtp://{}", smtp.local_addr().unwrap());
    let held = std::thread::spawn(move || {
        let mut open = Vec::new();
        for socket in smtp.incoming().take(4) {
            open.push(socket);
        }
        open
    });
    let app = spawn_app().await;
    app.clock
        .set(chrono::Utc::now() - chrono::Duration::hours(1));
    for n in 0..3 {
        app.create_user("client", &format!("stuck{n}@example.com"));
    }
    let dir = app.dir.path().to_path_buf();

    let (took, clean) = tokio::task::spawn_blocking(move || {
        let port = free_port();
        let mut child = serve(
            &dir,
            port,
            &[
                ("WHISKERWORKS_SHUTDOWN_GRACE_SECONDS", "2"),
                ("WHISKERWORKS_SMTP_URL", &smtp_url),
            ],
        );
        // The catch-up is sending the first mail (bounded wait for its connection).
        let health = format!("http://127.0.0.1:{port}/healthz");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !reqwest::blocking::get(&health)
            .ok()
            .and_then(|r| r.text().ok())
            .is_some_and(|t| t.contains("\"catch_up\":\"running\""))
        {
            assert!(Instant::now() < deadline, "catch-up never ran");
            std::thread::sleep(Duration::from_millis(20));
        }

        // Act
        terminate(&child);
        wait_exit(&mut child, Duration::from_secs(10))
    })
    .await
    .unwrap();
    drop(held);

    // Assert: the mail server's 15 s timeout was not waited out.
    assert!(clean, "exit status after SIGTERM");
    assert!(
        took < Duration::from_secs(4),
        "took {took:?} with a 2 s grace"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"),
        0
    );
}
