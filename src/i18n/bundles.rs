//! The Fluent bundles: every `.ftl` file of every language, embedded in the binary (so the
//! server runs from any directory) and parsed once per process.

use super::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The `.ftl` files of one language as `(area, source)`, one per area of the application.
/// A new area is a file in every language's folder and a line here.
macro_rules! ftl_files {
    ($locale:literal) => {
        ftl_files!(@ $locale;
            "errors", "layout", "flash", "roles", "auth", "home", "vendor", "admin", "sites",
            "markets", "applications", "bookings", "notices", "vendorui", "allocation", "reports",
            "documents", "totp", "panics", "vendor-journey", "audit", "geometry", "relayout",
            "editor", "workbench", "power", "night", "scheduling", "figures",
        )
    };
    (@ $locale:literal; $($area:literal),* $(,)?) => {
        &[$((
            $area,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/", $locale, "/", $area, ".ftl")),
        )),*]
    };
}

/// The files of `lang`; a new language is a folder of the same files and an arm here.
pub(super) fn sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Zh => ftl_files!("zh-CN"),
        Lang::En => ftl_files!("en"),
    }
}

/// One language: its bundle, and its messages without arguments formatted once.
struct Locale {
    bundle: FluentBundle<FluentResource>,
    fixed: HashMap<String, String>,
}

static LOCALES: LazyLock<Vec<Locale>> =
    LazyLock::new(|| Lang::ALL.iter().map(|&lang| load(lang)).collect());

fn load(lang: Lang) -> Locale {
    let tag: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // Isolation marks (U+2068 … U+2069) around arguments break HTML, CSV and exact texts.
    bundle.set_use_isolating(false);
    let mut ids = Vec::new();
    for (area, source) in sources(lang) {
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, e)| {
            tracing::error!(lang = lang.tag(), area, errors = ?e, "an .ftl file does not parse");
            r
        });
        for entry in resource.entries() {
            if let ast::Entry::Message(m) = entry {
                ids.push(m.id.name.to_owned());
            }
        }
        if let Err(e) = bundle.add_resource(resource) {
            tracing::error!(lang = lang.tag(), area, errors = ?e, "an .ftl file repeats an id");
        }
    }
    let mut fixed = HashMap::with_capacity(ids.len());
    for id in ids {
        // Messages with arguments are formatted when shown, by [`format`].
        if let Ok(text) = try_format(&bundle, &id, None) {
            fixed.insert(id, text);
        }
    }
    Locale { bundle, fixed }
}

fn locale(lang: Lang) -> &'static Locale {
    let index = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0);
    &LOCALES[index]
}

/// The message `id` without arguments, formatted once per process.
pub(super) fn fixed(lang: Lang, id: &'static str) -> &'static str {
    locale(lang).fixed.get(id).map_or(id, String::as_str)
}

/// Formats the message `id` with `args` in `lang`.
pub(super) fn format(lang: Lang, id: &str, args: &FluentArgs) -> String {
    try_format(&locale(lang).bundle, id, Some(args)).unwrap_or_else(|(text, errors)| {
        tracing::error!(
            lang = lang.tag(),
            id,
            errors,
            "a message did not format cleanly"
        );
        text
    })
}

/// The formatted message, or what Fluent made of it and why it is wrong (no such id, an
/// argument missing).
fn try_format(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: Option<&FluentArgs>,
) -> Result<String, (String, String)> {
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return Err((id.to_owned(), "no such message".to_owned()));
    };
    let mut errors = Vec::new();
    let text = bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned();
    if errors.is_empty() {
        Ok(text)
    } else {
        Err((text, format!("{errors:?}")))
    }
}

/// Formats `id` with `args` in `lang`, or says why it does not format cleanly.
#[cfg(test)]
pub(super) fn check(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Result<String, String> {
    try_format(&locale(lang).bundle, id, args).map_err(|(_, e)| e)
}
