//! The HTML part of a mail: the same greeting, body, link and signature as its plain text,
//! in the company's name and colour, laid out for mail clients.
//!
//! Mail clients drop style sheets and block images, and many draw mail dark: so every style
//! is inline, the header is text on a band of colour rather than a picture, and the page
//! sets no colour of its own for text or background, leaving both to the reader's client.

use maud::{DOCTYPE, Markup, html};

use crate::config::Brand;
use crate::i18n::Lang;

/// The link a mail leads to: a button, and the address written out for clients that show
/// no button.
pub struct Button<'a> {
    pub url: &'a str,
    pub label: &'a str,
    pub fallback: &'a str,
}

/// What a mail says, already in its reader's language.
pub struct Letter<'a> {
    pub lang: Lang,
    pub subject: &'a str,
    /// `None` for mail queued with its finished text, which carries its greeting in `body`.
    pub greeting: Option<&'a str>,
    pub body: &'a str,
    pub button: Option<Button<'a>>,
    pub signature: Option<&'a str>,
}

const FONT: &str = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";

/// The whole HTML document of one mail.
pub fn html(brand: &Brand, letter: &Letter) -> String {
    let on_accent = readable_on(&brand.accent);
    let band = format!(
        "margin:0 0 24px;padding:14px 16px;background-color:{};color:{on_accent};\
         font-size:22px;line-height:1.3;font-weight:700;border-radius:6px;",
        brand.accent
    );
    let button = format!(
        "display:inline-block;padding:12px 22px;background-color:{};color:{on_accent};\
         font-weight:700;font-size:16px;text-decoration:none;border-radius:6px;",
        brand.accent
    );
    let markup: Markup = html! {
        (DOCTYPE)
        html lang=(letter.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta name="supported-color-schemes" content="light dark";
                title { (letter.subject) }
            }
            body style="margin:0;padding:0;" {
                div style={ "max-width:600px;margin:0 auto;padding:16px;font-size:16px;line-height:1.5;" (FONT) } {
                    div style=(band) {
                        // The logo is an extra: with images blocked its alt text and the
                        // name beside it still say who writes.
                        @if let Some(logo) = &brand.logo {
                            img src=(logo.url) alt=(brand.name) width=(logo.width) height=(logo.height)
                                style="display:inline-block;vertical-align:middle;margin-right:12px;border:0;";
                        }
                        span style="vertical-align:middle;" { (brand.name) }
                    }
                    @if let Some(greeting) = letter.greeting {
                        p style="margin:0 0 16px;" { (greeting) }
                    }
                    // The texts keep their line breaks, as in the plain part.
                    p style="margin:0 0 24px;white-space:pre-line;" { (letter.body) }
                    @if let Some(b) = &letter.button {
                        p style="margin:0 0 24px;" {
                            a href=(b.url) style=(button) { (b.label) }
                        }
                        p style="margin:0 0 24px;font-size:14px;" {
                            (b.fallback)
                            br;
                            a href=(b.url) style="word-break:break-all;" { (b.url) }
                        }
                    }
                    @if let Some(signature) = letter.signature {
                        p style="margin:32px 0 0;padding-top:12px;border-top:1px solid #999999;font-size:14px;" {
                            (signature)
                        }
                    }
                }
            }
        }
    };
    markup.into_string()
}

/// Black or white, whichever reads better on `background` (a `#rrggbb` colour), by the
/// contrast ratio of WCAG; white when the colour does not parse.
fn readable_on(background: &str) -> &'static str {
    let Some(luminance) = relative_luminance(background) else {
        return "#ffffff";
    };
    let with_white = 1.05 / (luminance + 0.05);
    let with_black = (luminance + 0.05) / 0.05;
    if with_black > with_white {
        "#111111"
    } else {
        "#ffffff"
    }
}

fn relative_luminance(colour: &str) -> Option<f64> {
    let hex = colour.strip_prefix('#').filter(|h| h.len() == 6)?;
    let channel = |i: usize| -> Option<f64> {
        let c = f64::from(u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brand() -> Brand {
        Brand {
            name: "Acme <Cleaning>".into(),
            accent: "#c27c0e".into(),
            logo: None,
        }
    }

    #[test]
    fn user_text_is_shown_literally_not_as_markup() {
        let page = html(
            &brand(),
            &Letter {
                lang: Lang::Ru,
                subject: "Заказ <i>1</i>",
                greeting: Some("Здравствуйте, <b>x</b>!"),
                body: "Клиент <script>alert(1)</script> & co",
                button: Some(Button {
                    url: "https://example.com/orders/1?a=1&b=\"2\"",
                    label: "Открыть",
                    fallback: "Адрес:",
                }),
                signature: Some("Acme <Cleaning>"),
            },
        );
        assert!(
            page.contains("Здравствуйте, &lt;b&gt;x&lt;/b&gt;!"),
            "{page}"
        );
        assert!(!page.contains("<b>x</b>") && !page.contains("<script>"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
        assert!(page.contains("Acme &lt;Cleaning&gt;"));
        assert!(page.contains("href=\"https://example.com/orders/1?a=1&amp;b=&quot;2&quot;\""));
        assert!(page.contains("<html lang=\"ru\">"));
    }

    #[test]
    fn a_logo_is_an_image_with_the_company_as_its_alt_text_beside_the_name() {
        let mut brand = brand();
        let letter = Letter {
            lang: Lang::En,
            subject: "Hello",
            greeting: None,
            body: "Body",
            button: None,
            signature: None,
        };
        assert!(!html(&brand, &letter).contains("<img"));
        brand.logo = Some(crate::config::LogoImage {
            url: "https://acme.example/brand/logo?v=1".into(),
            width: 80,
            height: 40,
        });
        let page = html(&brand, &letter);
        assert!(
            page.contains(
                "src=\"https://acme.example/brand/logo?v=1\" alt=\"Acme &lt;Cleaning&gt;\""
            ),
            "{page}"
        );
        assert!(page.contains("Acme &lt;Cleaning&gt;</span>"), "{page}");
    }

    #[test]
    fn text_on_the_accent_is_whichever_of_black_and_white_reads_better() {
        assert_eq!(readable_on("#c27c0e"), "#111111");
        assert_eq!(readable_on("#1d3557"), "#ffffff");
        assert_eq!(readable_on("#ffe066"), "#111111");
        assert_eq!(readable_on("not a colour"), "#ffffff");
    }
}
