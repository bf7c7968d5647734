//! Each area admits only its roles: 403 for the wrong role, a login redirect for visitors.

use reqwest::StatusCode;

use crate::helpers::*;

const AREAS: &[(&str, &[&str])] = &[
    ("/client", &["client"]),
    ("/worker", &["worker"]),
    ("/candidate", &["candidate"]),
    ("/manage", &["manager", "admin"]),
    ("/admin", &["admin"]),
    ("/admin/users", &["admin"]),
    ("/admin/mail", &["admin"]),
    ("/admin/audit", &["admin"]),
];

#[tokio::test]
async fn every_role_reaches_only_its_own_areas() {
    let app = spawn_app().await;
    for role in ["client", "worker", "manager", "admin", "candidate"] {
        let (client, _) = app.login_as(role).await;
        for (path, allowed) in AREAS {
            let status = client.get(path).await.status();
            let expected = if allowed.contains(&role) {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(status, expected, "{role} on {path}");
        }
    }
}

#[tokio::test]
async fn visitors_are_sent_to_log_in_and_come_back_afterwards() {
    let app = spawn_app().await;
    let visitor = app.client();
    for (path, _) in AREAS
        .iter()
        .chain(&[("/account", &[][..]), ("/notifications", &[][..])])
    {
        let res = visitor.get(path).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(
            location(&res).starts_with("/login?next=%2F"),
            "{path}: {}",
            location(&res)
        );
    }
}

#[tokio::test]
async fn each_role_lands_on_its_home_with_its_navigation() {
    let app = spawn_app().await;
    for (role, home, nav) in [
        ("client", "/client", "My orders"),
        ("worker", "/worker", "My jobs"),
        ("manager", "/manage", "Dashboard"),
        ("admin", "/admin", "Mail queue"),
        ("candidate", "/candidate", "My application"),
    ] {
        let (client, _) = app.login_as(role).await;
        let res = client.get("/").await;
        assert_eq!(location(&res), home, "{role}");
        let (status, html) = client.get_html(home).await;
        assert_eq!(status, StatusCode::OK);
        assert!(text(&html, ".nav-links").contains(nav), "{role} sees {nav}");
    }
}
