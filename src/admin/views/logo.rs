//! The company logo's part of the settings page: the logo now (or the shipped one), the
//! upload form and the button that returns to the shipped logo.

use maud::{Markup, html};

use crate::config::LogoInfo;
use crate::i18n::Arg;
use crate::web::assets;
use crate::web::components::{csrf_field, post_button};
use crate::web::ctx::Ctx;

/// The section as the settings page shows it; `logo` is the uploaded one, if any.
pub fn section(ctx: &Ctx, logo: Option<&LogoInfo>) -> Markup {
    html! {
        section #logo.logo-settings {
            h2 { (ctx.t("logo-title")) }
            div.logo-now {
                @match logo {
                    Some(logo) => {
                        img.logo-preview src=(logo.path()) alt=(ctx.t("logo-current")) height="64"
                            width=((logo.width * 64 / logo.height).max(1));
                        p.muted { (ctx.tr.t_args("logo-facts", &[
                            ("width", Arg::from(logo.width)),
                            ("height", Arg::from(logo.height)),
                            ("size", Arg::Str(ctx.tr.file_size(logo.size_bytes))),
                        ])) }
                    }
                    None => {
                        img.logo-preview src=(assets::url("favicon.svg")) alt=(ctx.t("logo-shipped")) width="64" height="64";
                        p.muted { (ctx.t("logo-shipped-lead")) }
                    }
                }
            }
            form method="post" action="/admin/settings/logo" enctype="multipart/form-data" {
                (csrf_field(ctx))
                label for="logo-file" { (ctx.t("logo-choose")) }
                input #logo-file type="file" name="logo" accept="image/png,image/jpeg" required aria-describedby="logo-help";
                small #logo-help { (ctx.t("logo-help")) }
                button type="submit" { (ctx.t("logo-upload")) }
            }
            @if logo.is_some() {
                (post_button(ctx, "/admin/settings/logo/remove", &ctx.t("logo-remove"), "secondary outline", Some(&ctx.t("logo-remove-confirm"))))
            }
        }
    }
}
