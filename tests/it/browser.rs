//! Browser tests in real Chromium through chromedriver (cargo feature `browser`; `.ci/run`
//! installs Debian's chromium and chromium-driver). Screenshots go to `target/screenshots/`.
#![cfg(feature = "browser")]

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};

use crate::helpers::*;

/// chromedriver, and the browser sessions opened through it: when the driver goes (the test
/// ended, or panicked) it closes every session first, so no headless Chromium outlives it.
pub struct Driver {
    child: Child,
    url: String,
    port: u16,
    sessions: std::sync::Mutex<Vec<String>>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let sessions =
            std::mem::take(&mut *self.sessions.lock().unwrap_or_else(|e| e.into_inner()));
        let port = self.port;
        // A plain socket on a thread of its own: this runs inside the test's runtime (and
        // during a panic), where an async client cannot be awaited.
        let closing = std::thread::spawn(move || {
            for id in sessions {
                delete_session(port, &id);
            }
        });
        let _ = closing.join();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `DELETE /session/{id}`: chromedriver quits that session's browser. A session the test
/// closed already answers 404, which is fine.
fn delete_session(port: u16, id: &str) {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = format!(
        "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_ok() {
        // The answer's head comes once the browser has quit; the body is not needed (and
        // chromedriver may keep the connection open after it).
        let (mut reply, mut buf) = (Vec::new(), [0u8; 1024]);
        while !reply.windows(4).any(|w| w == b"\r\n\r\n") {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => reply.extend_from_slice(&buf[..n]),
            }
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn start_chromedriver() -> Driver {
    let port = free_port();
    let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let child = Command::new(bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is installed (apt-get install chromium-driver)");
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        port,
        sessions: std::sync::Mutex::new(Vec::new()),
    }
}

pub async fn browser(driver: &Driver, width: u32, height: u32) -> Client {
    // fantoccini pulls in a second TLS backend; name the one to use.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let args = serde_json::json!([
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        format!("--window-size={width},{height}"),
    ]);
    let mut caps = serde_json::Map::new();
    let mut chrome = serde_json::json!({ "args": args });
    if width < 500 {
        // Desktop Chromium will not make a window this narrow: emulate the phone instead.
        chrome["mobileEmulation"] = serde_json::json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 1 } });
    }
    if let Ok(binary) = std::env::var("CHROMIUM") {
        chrome["binary"] = binary.into();
    }
    caps.insert("goog:chromeOptions".into(), chrome);
    // chromedriver needs a moment to open its port; retry the connection for up to 20 s.
    let mut last_error = None;
    for _ in 0..80 {
        match ClientBuilder::rustls()
            .expect("TLS roots")
            .capabilities(caps.clone())
            .connect(&driver.url)
            .await
        {
            Ok(client) => {
                if let Ok(Some(id)) = client.session_id().await {
                    driver.sessions.lock().unwrap().push(id);
                }
                return client;
            }
            Err(e) => last_error = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("cannot reach chromedriver: {last_error:?}");
}

pub fn screenshot_path(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{name}.png"))
}

/// Saves what the browser shows, after checking the page with axe-core.
pub async fn save_screenshot(client: &Client, name: &str) {
    assert_accessible(client).await;
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshot_path(name), png).unwrap();
}

/// Opens a page and checks it with axe-core: every page a browser test visits is checked.
pub async fn visit(client: &Client, url: &str) {
    client.goto(url).await.unwrap();
    assert_accessible(client).await;
}

/// axe-core on the current page: fails the test on any serious or critical violation, naming
/// the rule, the help text and the first elements.
pub async fn assert_accessible(client: &Client) {
    let violations = axe_violations(client).await;
    if !violations.is_empty() {
        let url = client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        panic!("axe-core on {url}:\n  {}", violations.join("\n  "));
    }
}

/// axe-core (vendored from npm, used only here) on the current page: its serious and critical
/// violations, for a test that gathers every page's faults before failing.
pub async fn axe_violations(client: &Client) -> Vec<String> {
    const AXE: &str = include_str!("vendor/axe-core-4.14.1.min.js");
    let loaded = client
        .execute("return !!window.axe;", vec![])
        .await
        .unwrap();
    if loaded != serde_json::Value::Bool(true) {
        client.execute(AXE, vec![]).await.unwrap();
    }
    let found = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then(r => done(r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help}\n    ` + v.nodes.slice(0, 4)
                  .map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\n/g, ' '))
                  .join('\n    '))))
              .catch(e => done(['axe failed: ' + e]));"#,
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

pub async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
}

pub async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

pub async fn fill(client: &Client, css: &str, value: &str) {
    let el = client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    el.clear().await.ok();
    el.send_keys(value).await.unwrap();
}

pub async fn log_in(client: &Client, base: &str, email: &str) {
    log_in_with(client, base, email, "whiskers-demo").await;
}

pub async fn log_in_with(client: &Client, base: &str, email: &str, password: &str) {
    visit(client, &format!("{base}/login")).await;
    client
        .find(Locator::Css("input[name=email]"))
        .await
        .unwrap()
        .send_keys(email)
        .await
        .unwrap();
    client
        .find(Locator::Css("input[name=password]"))
        .await
        .unwrap()
        .send_keys(password)
        .await
        .unwrap();
    client
        .find(Locator::Css("form[action='/login'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The next navigation must not race the login POST: wait until its answer is shown.
    wait_for(client, "form[action='/logout']").await;
    assert_accessible(client).await;
}

/// Cuts the page's network (or gives it back) through chromedriver's network emulation,
/// which Chromium applies through the DevTools protocol (`Network.emulateNetworkConditions`):
/// `navigator.onLine` follows and the page gets its `offline`/`online` events.
pub async fn set_offline(driver: &Driver, client: &Client, offline: bool) {
    let id = client.session_id().await.unwrap().expect("a session");
    let conditions = serde_json::json!({ "network_conditions": {
        "offline": offline, "latency": 0, "download_throughput": -1, "upload_throughput": -1
    }});
    let res = reqwest::Client::new()
        .post(format!(
            "{}/session/{id}/chromium/network_conditions",
            driver.url
        ))
        .json(&conditions)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
}

/// One DevTools protocol command on the session's page, through chromedriver.
pub async fn cdp(
    driver: &Driver,
    client: &Client,
    cmd: &str,
    params: serde_json::Value,
) -> serde_json::Value {
    let id = client.session_id().await.unwrap().expect("a session");
    let res = reqwest::Client::new()
        .post(format!("{}/session/{id}/goog/cdp/execute", driver.url))
        .json(&serde_json::json!({ "cmd": cmd, "params": params }))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(status.is_success(), "{cmd}: {body}");
    body["value"].clone()
}

/// `set_offline` for the page's service workers too: network emulation is per DevTools
/// target, and a service worker is a target of its own, so its fetches would still reach
/// the network. Each is attached to (a session of its own) and cut off; returns the
/// sessions, for `service_workers_online`.
pub async fn service_workers_offline(driver: &Driver, client: &Client) -> Vec<String> {
    let targets = cdp(driver, client, "Target.getTargets", serde_json::json!({})).await;
    let mut sessions = Vec::new();
    for target in targets["targetInfos"].as_array().unwrap() {
        if target["type"] != "service_worker" {
            continue;
        }
        let attached = cdp(
            driver,
            client,
            "Target.attachToTarget",
            serde_json::json!({ "targetId": target["targetId"], "flatten": false }),
        )
        .await;
        let session = attached["sessionId"].as_str().unwrap().to_string();
        // Emulation only applies once the target's network domain is on.
        let enable = serde_json::json!({ "id": 1, "method": "Network.enable", "params": {} });
        let offline = serde_json::json!({ "id": 2, "method": "Network.emulateNetworkConditions",
            "params": { "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 } });
        for message in [enable, offline] {
            cdp(
                driver,
                client,
                "Target.sendMessageToTarget",
                serde_json::json!({ "sessionId": session, "message": message.to_string() }),
            )
            .await;
        }
        sessions.push(session);
    }
    assert!(!sessions.is_empty(), "no service worker is running");
    sessions
}

/// Gives the service workers their network back: leaving a session ends its emulation.
pub async fn service_workers_online(driver: &Driver, client: &Client, sessions: Vec<String>) {
    for session in sessions {
        cdp(
            driver,
            client,
            "Target.detachFromTarget",
            serde_json::json!({ "sessionId": session }),
        )
        .await;
    }
}

#[tokio::test]
async fn every_demo_account_logs_in_in_chromium_and_sees_its_own_navigation() {
    let app = spawn_app().await;
    whiskerworks::ops::demo::load(&app.state, &app.runner.ports.gateway).unwrap();
    let driver = start_chromedriver();

    for (email, home, nav, phone) in [
        ("client@example.com", "/client", "My orders", false),
        ("worker@example.com", "/worker", "Мои работы", true),
        ("manager@example.com", "/manage", "Dashboard", false),
        ("admin@example.com", "/admin", "Mail queue", false),
        (
            "candidate@example.com",
            "/candidate",
            "My application",
            false,
        ),
    ] {
        let (w, h) = if phone { (360, 740) } else { (1280, 900) };
        let client = browser(&driver, w, h).await;
        log_in(&client, &app.base, email).await;
        client
            .wait()
            .for_url(&url::Url::parse(&format!("{}{home}", app.base)).unwrap())
            .await
            .unwrap();
        // A phone keeps the sections behind the Menu button.
        if phone {
            click(&client, ".phone-menu summary").await;
        }
        let links = if phone { ".menu-links" } else { ".nav-links" };
        let nav_text = client
            .find(Locator::Css(links))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(nav_text.contains(nav), "{email}: {nav_text}");
        save_screenshot(&client, &format!("home-{}", home.trim_start_matches('/'))).await;
        // Every section of the role passes axe-core too.
        let sections = client
            .execute(
                &format!("return [...document.querySelectorAll('{links} a')].map(a => a.href);"),
                vec![],
            )
            .await
            .unwrap();
        for section in sections.as_array().unwrap() {
            visit(&client, section.as_str().unwrap()).await;
        }
        if phone {
            visit(&client, &format!("{}/worker/availability", app.base)).await;
            client
                .wait()
                .for_element(Locator::Css(".hours-row"))
                .await
                .unwrap();
            save_screenshot(&client, "worker-availability").await;
            click(&client, ".phone-menu summary").await;
        }
        let logout = if phone { ".menu-panel" } else { ".wide-only" };
        click(&client, &format!("{logout} form[action='/logout'] button")).await;
        client
            .wait()
            .for_element(Locator::Css("a[href='/login']"))
            .await
            .unwrap();
        client.close().await.unwrap();
    }
}

#[tokio::test]
async fn a_visitor_registers_in_chromium_and_switches_to_russian() {
    let app = spawn_app().await;
    let driver = start_chromedriver();
    let client = browser(&driver, 1280, 900).await;

    visit(&client, &format!("{}/register", app.base)).await;
    client
        .find(Locator::Css("input[name=name]"))
        .await
        .unwrap()
        .send_keys("Browser Client")
        .await
        .unwrap();
    client
        .find(Locator::Css("input[name=email]"))
        .await
        .unwrap()
        .send_keys("browser@example.com")
        .await
        .unwrap();
    client
        .find(Locator::Css("input[name=password]"))
        .await
        .unwrap()
        .send_keys("a long passphrase")
        .await
        .unwrap();
    client
        .find(Locator::Css("form[action='/register'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    let flash = client
        .wait()
        .for_element(Locator::Css(".flash.success"))
        .await
        .unwrap();
    assert!(flash.text().await.unwrap().contains("Welcome"));
    client
        .find(Locator::Css(".lang-switch button[value=ru]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let h1 = client
        .wait()
        .for_element(Locator::XPath("//h1[contains(., 'Мои заказы')]"))
        .await
        .unwrap();
    assert!(h1.text().await.unwrap().contains("Мои заказы"));
    save_screenshot(&client, "client-home-ru").await;
    client.close().await.unwrap();
}
