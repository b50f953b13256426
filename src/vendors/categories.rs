//! The standard categories of 多业态融合 and the priority groups of 爱心摊位.

use crate::i18n::{Lang, T};

/// A trade category.
#[derive(Clone, Copy, Debug)]
pub struct Category {
    /// The name used in data and the API (Chinese, as the bureau writes it).
    pub name: &'static str,
    /// The name for people, in both languages.
    pub label: T,
    /// Needs an unexpired health certificate (健康证).
    pub food: bool,
    /// Makes smoke: only in zones that allow it.
    pub smoky: bool,
}

/// The standard set that applies when a market defines none.
pub const STANDARD: [Category; 5] = [
    Category {
        name: "小吃餐饮",
        label: T("vendor-category-snacks"),
        food: true,
        smoky: false,
    },
    Category {
        name: "农副产品",
        label: T("vendor-category-farm"),
        food: false,
        smoky: false,
    },
    Category {
        name: "服装百货",
        label: T("vendor-category-clothing"),
        food: false,
        smoky: false,
    },
    Category {
        name: "手工文创",
        label: T("vendor-category-crafts"),
        food: false,
        smoky: false,
    },
    Category {
        name: "便民服务",
        label: T("vendor-category-services"),
        food: false,
        smoky: false,
    },
];

/// The standard category with this name.
pub fn find(name: &str) -> Option<&'static Category> {
    STANDARD.iter().find(|c| c.name == name.trim())
}

/// A category as a reader sees it: a standard one in the page's language, any other (a
/// market's own, typed by its manager) as written.
pub fn shown(name: &str, lang: Lang) -> String {
    find(name).map_or_else(|| name.to_owned(), |c| c.label.get(lang).to_owned())
}

/// A priority group for reserved stalls (爱心摊位).
#[derive(Clone, Copy, Debug)]
pub struct PriorityGroup {
    /// Code in data and the API.
    pub code: &'static str,
    /// The name for people.
    pub label: T,
}

/// Every priority group.
pub const PRIORITY_GROUPS: [PriorityGroup; 5] = [
    PriorityGroup {
        code: "dibao",
        label: T("vendor-group-dibao"),
    },
    PriorityGroup {
        code: "disabled",
        label: T("vendor-group-disabled"),
    },
    PriorityGroup {
        code: "veteran",
        label: T("vendor-group-veteran"),
    },
    PriorityGroup {
        code: "returnee",
        label: T("vendor-group-returnee"),
    },
    PriorityGroup {
        code: "local",
        label: T("vendor-group-local"),
    },
];

/// The priority group with this code (or its name in either language).
pub fn find_priority_group(code: &str) -> Option<&'static PriorityGroup> {
    let code = code.trim();
    PRIORITY_GROUPS.iter().find(|g| {
        g.code == code
            || g.label.get(Lang::Zh) == code
            || g.label.get(Lang::En).eq_ignore_ascii_case(code)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The registration's refusal lists the standard categories in words; it must name them all.
    #[test]
    fn the_not_standard_message_names_every_standard_category() {
        let t = crate::i18n::texts::vendor::CATEGORY_NOT_STANDARD;
        for lang in [Lang::Zh, Lang::En] {
            let text = t.get(lang);
            for c in &STANDARD {
                assert!(text.contains(c.name), "{lang:?}: {text}");
            }
        }
    }
}
