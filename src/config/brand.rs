//! The company as its mail presents it: the name and the accent colour, taken from one place.

use super::Settings;

/// The company's name and colour. Every mail takes them from here, so when the business
/// names itself in its settings, mail follows without another change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brand {
    /// Shown in the mail's header, subjects, texts and signature.
    pub name: String,
    /// A `#rrggbb` colour for the header and the button; the app's own accent (`app.css`).
    pub accent: String,
}

/// The colour the app ships with (its name is the `company_name` setting).
const ACCENT: &str = "#c27c0e";

impl Brand {
    /// The company as configured now.
    pub fn of(settings: &Settings) -> Brand {
        Brand {
            name: settings.business.company_name.clone(),
            accent: ACCENT.to_string(),
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
    }
}
