//! Every page before login and every manager and admin page on a 360 px phone, in English and
//! in Russian: the document never scrolls sideways (a wide table may scroll inside its own
//! box), an order's summary puts each label above its value, and axe-core finds nothing
//! serious. The pages are `render_all`'s, so a page listed there is measured here too; a few
//! are saved as `target/screenshots/width-*.png` for a person to read.
#![cfg(feature = "browser")]

use fantoccini::Client;
use whiskerworks::i18n::Lang;

use crate::browser::*;
use crate::helpers::*;
use crate::order_helpers::email_of;
use crate::render_all::{history, pages};

/// The phone's screen. Chromium's phone emulation widens `window.innerWidth` to a page that
/// is too wide (as a phone zooms out to show it all), so widths are held to this number.
const SCREEN: (u32, u32) = (360, 740);

/// Measures the open page against the screen's width (the argument): the document's width,
/// its language, what sticks out (the outermost boxes past the screen's edge that no
/// scrolling box holds; failing those, the innermost whose content spills, as a label drawn
/// by CSS is no element) and whether an order summary has a label beside its value.
const MEASURE: &str = r#"const vw = arguments[0];
const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
    if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
const out = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > vw + 0.5 && !clipped(e); };
const spills = e => e.clientWidth > 0 && !clipped(e) && getComputedStyle(e).overflowX === 'visible'
    && e.scrollWidth > e.clientWidth + 1 && e.getBoundingClientRect().left + e.scrollWidth > vw + 0.5;
const name = e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className.trim()
    ? '.' + e.className.trim().split(/\s+/).join('.') : '');
const all = [...document.body.querySelectorAll('*')];
let wide = all.filter(e => out(e) && !(e.parentElement && out(e.parentElement)));
if (!wide.length) wide = all.filter(e => spills(e) && ![...e.children].some(spills));
wide = wide.slice(0, 3).map(e => { const r = e.getBoundingClientRect();
    return `${name(e)} to ${Math.round(r.left + Math.max(e.scrollWidth, r.width))} px`; });
const beside = [...document.querySelectorAll('dl.summary dt')].some(dt => {
    const dd = dt.nextElementSibling;
    return dd && dd.getBoundingClientRect().top < dt.getBoundingClientRect().bottom - 1; });
return [document.documentElement.scrollWidth, document.documentElement.lang, wide, beside];"#;

#[tokio::test]
async fn no_page_before_login_and_no_manager_or_admin_page_scrolls_sideways_on_a_phone() {
    let app = spawn_app().await;
    let cast = history(&app).await;
    let pages = pages(&app, &cast);
    let of = |who: &TestClient| -> Vec<String> {
        let paths = pages.iter().filter(|(w, _)| std::ptr::eq(*w, who));
        paths.map(|(_, p)| p.clone()).collect()
    };
    let (visitor, manager, admin) = (of(&cast.anonymous), of(&cast.manager.0), of(&cast.admin.0));
    let order = manager
        .iter()
        .find(|p| p.starts_with("/manage/orders/"))
        .expect("an order page")
        .clone();
    // (page, screenshot, what to scroll to first)
    let shown = [
        ("/", "landing", "body"),
        ("/manage/workers", "manager-workers", "h1"),
        ("/manage/balances", "manager-balances", "table.phone-cards"),
        (order.as_str(), "manager-order", "dl.summary"),
        ("/admin/audit", "admin-audit", "h1"),
    ];
    // The history's people: its simulated manager and its test admin.
    let manager_email = email_of(&app, cast.manager.1);
    let handle = manager_email.split('@').next().unwrap();
    let manager_password = format!("sim-password-{handle}");
    let admin_email = email_of(&app, cast.admin.1);

    let driver = start_chromedriver();
    let phone = browser(&driver, SCREEN.0, SCREEN.1).await;
    let mut faults = Vec::new();
    for lang in [Lang::En, Lang::Ru] {
        app.write(|tx| tx.execute("UPDATE users SET language = ?1", [lang.code()]));
        phone.delete_all_cookies().await.unwrap();
        choose_visitor_language(&phone, &app.base, lang).await;
        // Who reads each list: a visitor, or who logs in with that email and password.
        let readers = [
            (None, &visitor),
            (
                Some((manager_email.as_str(), manager_password.as_str())),
                &manager,
            ),
            (Some((admin_email.as_str(), PASSWORD)), &admin),
        ];
        for (who, paths) in readers {
            if let Some((email, password)) = who {
                log_in_with(&phone, &app.base, email, password).await;
            }
            for path in paths {
                faults.extend(measure(&phone, &app.base, path, lang).await);
                if let Some((_, name, at)) = shown.iter().find(|(p, _, _)| p == path) {
                    let scroll = format!("document.querySelector('{at}')?.scrollIntoView();");
                    phone.execute(&scroll, vec![]).await.unwrap();
                    // axe has had its say in `measure`: its findings are gathered, not a panic.
                    let png = phone.screenshot().await.unwrap();
                    let file = screenshot_path(&format!("width-{}-{name}", lang.code()));
                    std::fs::write(file, png).unwrap();
                }
            }
            phone.delete_all_cookies().await.unwrap();
        }
    }
    assert!(
        faults.is_empty(),
        "{} faults on a 360 px phone:\n{}",
        faults.len(),
        faults.join("\n")
    );

    // A visitor reaches logging in through the Menu, as a signed-in user reaches the sections.
    choose_visitor_language(&phone, &app.base, Lang::Ru).await;
    click(&phone, ".phone-menu summary").await;
    let login = wait_for(&phone, ".menu-panel a[href='/login']").await;
    let height = login.rectangle().await.unwrap().3;
    assert!(height >= 44.0, "the Menu's login link is {height} px tall");
    save_screenshot(&phone, "width-ru-landing-menu").await;
}

/// A visitor's language is a cookie set by the switcher (in the header, or in its Menu).
async fn choose_visitor_language(phone: &Client, base: &str, lang: Lang) {
    phone.goto(&format!("{base}/")).await.unwrap();
    let code = lang.code();
    let switch = format!(
        "if (document.documentElement.lang !== '{code}') \
           document.querySelector('.lang-switch button[value={code}]').click();"
    );
    phone.execute(&switch, vec![]).await.unwrap();
    wait_for(phone, &format!("html[lang={code}] body")).await;
}

/// Opens a page and says what is wrong with it on the phone: its width and what widens it,
/// an order summary with labels beside their values, a page in the wrong language, and
/// axe-core's serious findings. Prints each page's width.
async fn measure(phone: &Client, base: &str, path: &str, lang: Lang) -> Vec<String> {
    phone.goto(&format!("{base}{path}")).await.unwrap();
    let tag = format!("{} {path}", lang.code());
    let mut faults: Vec<String> = axe_violations(phone)
        .await
        .into_iter()
        .map(|v| format!("{tag}: axe {v}"))
        .collect();
    let found = phone.execute(MEASURE, vec![SCREEN.0.into()]).await.unwrap();
    let width = found[0].as_u64().unwrap();
    println!("{tag}: {width} px");
    if width > u64::from(SCREEN.0) {
        faults.push(format!("{tag}: {width} px wide, widened by {}", found[2]));
    }
    if found[1] != lang.code() {
        faults.push(format!("{tag}: shown in {}", found[1]));
    }
    if found[3] == true {
        faults.push(format!(
            "{tag}: the order summary puts labels beside values"
        ));
    }
    faults
}
