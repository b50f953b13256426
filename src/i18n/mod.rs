//! The one i18n layer: Simplified Chinese by default, English complete as the second language.
//!
//! Every user-facing text is a Fluent message in `locales/<language>/<area>.ftl` (embedded in
//! the binary): a fixed text is a [`T`] (its id), a text with values is a [`Msg`] (an id and
//! arguments) formatted when it is shown, in the reader's language. A test keeps the locales'
//! ids and arguments equal. The language comes from the `lang` cookie, then `Accept-Language`.

mod bundles;
mod msg;
#[cfg(test)]
mod tests;
pub mod texts;

pub use msg::{Arg, Msg};

use axum::extract::FromRequestParts;
use http::request::Parts;

/// The language a response is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 简体中文.
    #[default]
    Zh,
    /// English.
    En,
}

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The BCP 47 tag for `<html lang>`, also the name of its folder under `locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The short code used in the cookie and the switch link.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// What follows a label before its value: "备注：…", "Note: …".
    pub fn colon(self) -> &'static str {
        match self {
            Lang::Zh => "：",
            Lang::En => ": ",
        }
    }

    /// What joins two clauses of one sentence: "欢迎，…", "Welcome, …".
    pub fn comma(self) -> &'static str {
        match self {
            Lang::Zh => "，",
            Lang::En => ", ",
        }
    }

    /// Parses the cookie value.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the language of a request: the cookie first, then `Accept-Language`, then Chinese.
    pub fn from_headers(headers: &http::HeaderMap) -> Lang {
        if let Some(lang) =
            crate::web::cookie(headers, LANG_COOKIE).and_then(|c| Lang::from_code(&c))
        {
            return lang;
        }
        headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(from_accept_language)
            .unwrap_or_default()
    }

    /// The other language, for the switch on every page.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// The first of `zh` or `en` in the header's preference order (q-values honoured).
fn from_accept_language(header: &str) -> Lang {
    let mut best: Option<(f32, Lang)> = None;
    for part in header.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = pieces
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let lang = if tag.starts_with("zh") {
            Lang::Zh
        } else if tag.starts_with("en") {
            Lang::En
        } else {
            continue;
        };
        if best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l).unwrap_or_default()
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::from_headers(&parts.headers))
    }
}

/// A fixed text: the id of a Fluent message without arguments.
///
/// Its words are formatted once per process; [`T::get`] hands out the same `&'static str`
/// every time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct T(pub &'static str);

impl T {
    /// The text in `lang` (the id itself if no locale holds it, so a gap shows rather than
    /// hides; a test keeps every id present).
    pub fn get(self, lang: Lang) -> &'static str {
        bundles::fixed(lang, self.0)
    }

    /// The message id.
    pub fn id(self) -> &'static str {
        self.0
    }
}
