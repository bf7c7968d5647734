//! The new-order form's repeat choice (the schedule turns it into a series), and the note on
//! an order that is a visit of one.

use maud::{Markup, html};

use crate::orders::service::create::OrderForm;
use crate::web::components::{FormErrors, field_error};
use crate::web::ctx::Ctx;

/// Once, or weekly, every two weeks, monthly until a date or for a number of visits.
pub fn fieldset(ctx: &Ctx, f: &OrderForm, e: &FormErrors) -> Markup {
    let chosen = |v: &str| f.repeat == v || (v == "once" && f.repeat.is_empty());
    let by_date = f.repeat_end == "until";
    let visits = if f.repeat_visits.is_empty() {
        "4"
    } else {
        f.repeat_visits.as_str()
    };
    html! {
        fieldset.repeat {
            legend { (ctx.t("series-repeat")) }
            select name="repeat" aria-label=(ctx.t("series-repeat")) aria-invalid=[e.invalid("repeat")] {
                @for (v, key) in [("once", "series-once"), ("weekly", "series-weekly"), ("biweekly", "series-biweekly"), ("monthly", "series-monthly")] {
                    option value=(v) selected[chosen(v)] { (ctx.t(key)) }
                }
            }
            div.grid {
                label { input type="radio" name="repeat_end" value="visits" checked[!by_date]; (ctx.t("series-end-visits")) }
                label { (ctx.t("series-visits")) input type="number" name="repeat_visits" min="1" max="104" value=(visits); }
            }
            div.grid {
                label { input type="radio" name="repeat_end" value="until" checked[by_date]; (ctx.t("series-end-until")) }
                label { (ctx.t("series-until")) input type="date" name="repeat_until" value=(f.repeat_until); }
            }
            (field_error(ctx, e, "repeat"))
            small.muted { (ctx.t("series-repeat-hint")) }
        }
    }
}

/// "Part of a repeating booking", linking to it.
pub fn part_of_series(ctx: &Ctx, series_id: Option<i64>) -> Markup {
    series_link(ctx, "/client/series", series_id)
}

/// The same link on a manager's order page.
pub fn part_of_series_staff(ctx: &Ctx, series_id: Option<i64>) -> Markup {
    series_link(ctx, "/manage/series", series_id)
}

fn series_link(ctx: &Ctx, base: &str, series_id: Option<i64>) -> Markup {
    html! {
        @if let Some(id) = series_id {
            p.series-note { a href={ (base) "/" (id) } { (ctx.t("series-part-of")) } }
        }
    }
}
