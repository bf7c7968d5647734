//! Mail is written as it is sent, not in the change that decides it: the outbox row of a new
//! mail holds no text, and the mail and its calendar go out in the language its recipient
//! has when the dispatcher sends them; mail queued with its text written goes out as it is.

use crate::helpers::*;
use crate::order_helpers::*;

/// The booking confirmation of a freshly placed order; its outbox id.
async fn confirmation_of(app: &TestApp, w: &World) -> (i64, i64) {
    let order = place_order(app, w).await;
    let mail = app.count(&format!(
        "SELECT id FROM outbox WHERE kind = 'order_received' AND user_id = {}",
        w.client_id
    ));
    (order, mail)
}

#[tokio::test]
async fn placing_an_order_queues_its_mail_without_writing_any_text_or_calendar() {
    let app = spawn_app().await;
    let w = world(&app).await;

    let (_, mail) = confirmation_of(&app, &w).await;

    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE id = {mail} AND status = 'pending'
             AND subject = '' AND body_text = '' AND calendar_ics IS NULL"
        )),
        1,
        "the order's transaction stores what to say, not the words"
    );
}

#[tokio::test]
async fn a_queued_mail_goes_out_in_the_language_its_recipient_has_when_it_is_sent() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (order, mail) = confirmation_of(&app, &w).await;

    // The client switches to Russian after the order, before the dispatcher runs.
    w.client
        .post_form("/lang", &[("lang", "ru"), ("back", "/client")])
        .await;
    app.drain().await;

    let (subject, body): (String, String) = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT subject, body_text FROM outbox WHERE id = ?1 AND status = 'sent'",
            [mail],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(subject, format!("Заказ №{order} принят"));
    assert!(body.contains("Генеральная уборка"), "{body}");
    let sent = app
        .mail_files()
        .into_iter()
        .find(|m| m.contains(&format!("<outbox-{mail}@")))
        .expect("the confirmation was sent");
    let calendar = ical_text(&sent);
    assert!(
        calendar.contains("X-WR-CALNAME:Визит Whiskerworks"),
        "{calendar}"
    );
    assert!(
        calendar.contains(&format!("SUMMARY:Генеральная уборка (№{order})")),
        "{calendar}"
    );
}

#[tokio::test]
async fn a_mail_queued_with_its_text_written_goes_out_as_it_was_written() {
    let app = spawn_app().await;
    let user = app.create_user("client", "olga@example.com");
    app.drain().await;
    let calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:As queued\r\nEND:VCALENDAR\r\n";
    app.write(|tx| {
        tx.execute(
            "INSERT INTO outbox (user_id, kind, to_address, subject, body_text, calendar_ics,
                                 next_attempt_at, created_at)
             VALUES (?1, 'order_received', 'olga@example.com', 'Order #7 received',
                     'Written when it was queued', ?2, ?3, ?3)",
            rusqlite::params![user, calendar, app.clock_now()],
        )
    });

    app.drain().await;

    let sent = app
        .mail_files()
        .into_iter()
        .find(|m| m.contains("Subject: Order #7 received"))
        .expect("the mail went out with its subject");
    assert!(sent.contains("Written when it was queued"), "{sent}");
    assert!(
        ical_text(&sent).contains("X-WR-CALNAME:As queued"),
        "{sent}"
    );
}

#[tokio::test]
async fn the_admins_queue_shows_a_mail_not_yet_sent_as_it_would_go_out_now() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    let olga = app.create_user("client", "olga@example.com");
    app.write(|tx| tx.execute("UPDATE users SET language = 'ru' WHERE id = ?1", [olga]));
    let mail = app.count(&format!(
        "SELECT id FROM outbox WHERE user_id = {olga} AND status = 'pending'"
    ));

    let (_, list) = admin.get_html("/admin/mail?status=pending").await;
    let (_, one) = admin.get_html(&format!("/admin/mail/{mail}")).await;

    assert!(
        text(&list, "tbody").contains("Добро пожаловать в Whiskerworks"),
        "{}",
        text(&list, "tbody")
    );
    assert!(text(&one, "main").contains("Здравствуйте, Test client!"));
}

/// The text of a mail's `appointment.ics` part (lettre sends non-ASCII text as base64).
fn ical_text(mail: &str) -> String {
    use base64::Engine;
    let part = mail
        .split("filename=\"appointment.ics\"")
        .nth(1)
        .expect("the mail carries the appointment");
    let body = part.split("\r\n\r\n").nth(1).expect("the part has a body");
    if body.starts_with("BEGIN:VCALENDAR") {
        return body.to_string();
    }
    let encoded: String = body
        .lines()
        .take_while(|line| !line.starts_with("--"))
        .collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .expect("the part is base64");
    String::from_utf8(bytes).expect("the calendar is UTF-8")
}
