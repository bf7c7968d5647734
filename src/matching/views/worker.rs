//! The worker's availability page (phone first): on duty, weekly hours, days off.

use chrono::NaiveDate;
use maud::{Markup, html};

use crate::matching::store::availability::{self, format_minutes};
use crate::web::components::{csrf_field, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn page(
    ctx: &Ctx,
    a: &availability::Availability,
    skills: &crate::catalogue::model::skills::Skills,
    today: NaiveDate,
) -> Markup {
    let title = ctx.t("availability-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            article.duty.on[a.on_duty] {
                p { strong { (if a.on_duty { ctx.t("availability-on-duty") } else { ctx.t("availability-off-duty") }) } }
                form method="post" action="/worker/availability/duty" {
                    (csrf_field(ctx))
                    input type="hidden" name="on" value=(if a.on_duty { "0" } else { "1" });
                    button type="submit" class=(if a.on_duty { "secondary" } else { "" }) {
                        (if a.on_duty { ctx.t("availability-go-off") } else { ctx.t("availability-go-on") })
                    }
                }
            }
            article {
                h2 { (ctx.t("availability-hours")) }
                form method="post" action="/worker/availability/hours" {
                    (csrf_field(ctx))
                    @for day in 1..=7u32 {
                        @let hours = a.hours.iter().find(|(d, _, _)| *d == day);
                        div.hours-row {
                            label { input type="checkbox" name={ "day" (day) } value="on" checked[hours.is_some()]; (ctx.t(&format!("weekday-{day}"))) }
                            label.inline-field { span { (ctx.t("availability-from")) } input type="time" name={ "start" (day) } value=(hours.map(|h| format_minutes(h.1)).unwrap_or_else(|| "09:00".into())); }
                            label.inline-field { span { (ctx.t("availability-to")) } input type="time" name={ "end" (day) } value=(hours.map(|h| format_minutes(h.2)).unwrap_or_else(|| "18:00".into())); }
                        }
                    }
                    button.secondary type="submit" { (ctx.t("save")) }
                }
            }
            article {
                h2 { (ctx.t("availability-days-off")) }
                ul { @for day in &a.days_off {
                    li { (day.format("%d.%m.%Y")) " " (post_button(ctx, &format!("/worker/availability/days-off/{day}/remove"), &ctx.t("remove"), "secondary outline small", None)) }
                } }
                form method="post" action="/worker/availability/days-off" {
                    (csrf_field(ctx))
                    label.inline-field { span { (ctx.t("availability-days-off")) } input type="date" name="day" min=(today.to_string()) required; }
                    button.secondary type="submit" { (ctx.t("availability-add-day-off")) }
                }
            }
            @if !a.skills.is_empty() { p.muted { (ctx.t("availability-skills")) ": " (skills.names(&a.skills, ctx.tr.lang)) } }
        },
    )
}
