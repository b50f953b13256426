//! The plan on the manager's session page: every booked stall filled with its category's
//! colour AND marked with the category's first character under its code, with a legend that
//! names each colour and mark (colour is never the only cue), and the free and disabled
//! stalls as on every plan.

use super::queries::BookingItem;
use crate::error::AppResult;
use crate::i18n::texts::{documents as t, vendorui as tv};
use crate::sites::drawing::SiteDrawing;
use crate::sites::shape::stall_label;
use crate::views::PageCtx;
use crate::views::plan::{self, StallLook};
use entity::stalls::StallStatus;
use entity::{market_sessions, markets};
use maud::{Markup, html};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// A category's look on the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryMark {
    /// The category name as stored.
    pub name: String,
    /// The text drawn on its stalls: its first character (two when another category shares it).
    pub mark: String,
    /// Its colour: the n-th of [`plan::CATEGORY_CLASSES`].
    pub colour: u8,
}

/// Marks and colours for categories in a stable order (the market's own order first).
pub fn category_marks(names: &[String]) -> Vec<CategoryMark> {
    let mut out: Vec<CategoryMark> = Vec::new();
    for name in names {
        if out.iter().any(|c| &c.name == name) {
            continue;
        }
        let chars: Vec<char> = name.chars().collect();
        let mut mark: String = chars.iter().take(1).collect();
        if out.iter().any(|c| c.mark == mark) {
            mark = chars.iter().take(2).collect();
        }
        if mark.is_empty() || out.iter().any(|c| c.mark == mark) {
            mark = (out.len() + 1).to_string();
        }
        out.push(CategoryMark {
            name: name.clone(),
            mark,
            colour: u8::try_from(out.len() % plan::CATEGORY_CLASSES.len()).unwrap_or(0),
        });
    }
    out
}

/// The plan figure and its legend for one session.
pub async fn render(
    db: &impl ConnectionTrait,
    ctx: &PageCtx,
    session: &market_sessions::Model,
    market: &markets::Model,
    drawing: &SiteDrawing,
    bookings: &[BookingItem],
) -> AppResult<Markup> {
    let mut names: Vec<String> = crate::markets::queries::categories_of(db, market.id)
        .await?
        .into_iter()
        .map(|c| c.name)
        .collect();
    names.extend(bookings.iter().map(|b| b.category.clone()));
    let marks = category_marks(&names);
    let by_name: HashMap<&str, &CategoryMark> =
        marks.iter().map(|m| (m.name.as_str(), m)).collect();
    let by_stall: HashMap<i32, &CategoryMark> = bookings
        .iter()
        .filter_map(|b| Some((b.stall_id, *by_name.get(b.category.as_str())?)))
        .collect();
    let title = format!(
        "{} · {} {}",
        market.name, session.business_date, session.segment
    );
    let find = plan::find_param(&ctx.path);
    let options = plan::PlanOptions {
        find: find.as_deref(),
    };
    let svg =
        drawing.render_labelled_with(&title, ctx.lang, &options, |s| match by_stall.get(&s.id) {
            Some(m) => (
                format!("{}\n{}", stall_label(&s.code), m.mark),
                StallLook::Category(m.colour),
            ),
            None if s.status == StallStatus::Active => {
                (stall_label(&s.code).to_owned(), StallLook::Active)
            }
            None => (stall_label(&s.code).to_owned(), StallLook::Disabled),
        });
    let used: Vec<&CategoryMark> = marks
        .iter()
        .filter(|m| by_stall.values().any(|u| u.name == m.name))
        .collect();
    Ok(html! {
        (plan::find_form(ctx.lang, find.as_deref()))
        figure.plan-figure.session-plan {
            (svg)
            figcaption {
                (plan::legend(ctx.lang))
                @if !used.is_empty() {
                    p.legend-intro { (ctx.t(t::LEGEND_CATEGORIES)) }
                    ul.legend.categories {
                        @for m in &used {
                            li data-category=(m.name) {
                                span class=(format!("swatch {}", StallLook::Category(m.colour).class())) { span.mark { (m.mark) } }
                                (m.name) " (" (ctx.t(tv::TAKEN)) ")"
                            }
                        }
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn each_category_gets_its_own_mark_and_colour() {
        let marks = category_marks(&names(&["小吃餐饮", "农副产品", "服装百货", "小吃餐饮"]));
        let got: Vec<(&str, u8)> = marks.iter().map(|m| (m.mark.as_str(), m.colour)).collect();
        assert_eq!(got, vec![("小", 0), ("农", 1), ("服", 2)]);
    }

    #[test]
    fn categories_that_start_alike_are_told_apart_by_two_characters() {
        let marks = category_marks(&names(&["手工文创", "手机维修"]));
        assert_eq!(marks[0].mark, "手");
        assert_eq!(marks[1].mark, "手机");
    }
}
