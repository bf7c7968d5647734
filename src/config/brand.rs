//! The company as its pages and mail present it: the name, the accent colour and the logo an
//! admin uploaded, taken from one place.

use super::Settings;

/// The company's name, colour and logo. Every mail takes them from here, so when the
/// business names itself in its settings, mail follows without another change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brand {
    /// Shown in the mail's header, subjects, texts and signature.
    pub name: String,
    /// A `#rrggbb` colour for the header and the button; the app's own accent (`app.css`).
    pub accent: String,
    /// The uploaded logo's full address, when there is one; mail shows it only as an extra,
    /// so it reads the same with images blocked.
    pub logo: Option<LogoImage>,
}

/// A logo as mail links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoImage {
    pub url: String,
    pub width: i64,
    pub height: i64,
}

/// The uploaded logo as everything but its bytes knows it (the bytes stay in the database
/// and are served by `GET /brand/logo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoInfo {
    /// `image/png` or `image/jpeg`.
    pub content_type: String,
    pub width: i64,
    pub height: i64,
    pub size_bytes: i64,
    /// A hash of the bytes: a new logo gets a new address, so caches never show the old one.
    pub version: String,
}

impl LogoInfo {
    /// Where the logo is served; the version lets it be cached for good.
    pub fn path(&self) -> String {
        format!("/brand/logo?v={}", self.version)
    }
}

/// The colour the app ships with (its name is the `company_name` setting).
const ACCENT: &str = "#c27c0e";

/// The tallest a logo is drawn in a mail's header band, in CSS pixels.
const MAIL_LOGO_HEIGHT: i64 = 40;

impl Brand {
    /// The company as configured now.
    pub fn of(settings: &Settings) -> Brand {
        Brand {
            name: settings.business.company_name.clone(),
            accent: ACCENT.to_string(),
            logo: settings.logo.as_ref().map(|logo| {
                let height = logo.height.min(MAIL_LOGO_HEIGHT);
                LogoImage {
                    url: format!("{}{}", settings.base_url.trim_end_matches('/'), logo.path()),
                    width: (logo.width * height / logo.height).max(1),
                    height,
                }
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mail_accent_is_the_apps_accent() {
        let css = include_str!("../../assets/app.css");
        assert!(
            css.contains(&format!("--ww-accent: {ACCENT};")),
            "app.css no longer has the accent {ACCENT}: update the brand with it"
        );
        let brand = Brand::of(&Settings::defaults(std::path::Path::new("unused")));
        assert_eq!(brand.accent, ACCENT);
        assert!(!brand.name.is_empty());
        assert_eq!(brand.logo, None);
    }

    #[test]
    fn a_logo_is_linked_in_full_and_scaled_to_the_mail_band() {
        let mut settings = Settings::defaults(std::path::Path::new("unused"));
        settings.logo = Some(LogoInfo {
            content_type: "image/png".into(),
            width: 300,
            height: 100,
            size_bytes: 10,
            version: "abc".into(),
        });
        let logo = Brand::of(&settings).logo.expect("a logo");
        assert_eq!(
            logo.url,
            format!(
                "{}/brand/logo?v=abc",
                settings.base_url.trim_end_matches('/')
            )
        );
        assert_eq!((logo.width, logo.height), (120, 40));
    }
}
