//! Shared maud views: the page frame, the request's page context, forms, flash, error pages.

pub mod flash;
pub mod forms;
mod layout;
mod nav;
pub mod offline;
pub mod plan;
pub mod plan_frame;
pub mod qr;

pub use flash::Flash;
pub use layout::{error_page, error_page_with_id, page};
pub use nav::{Nav, NavEntry};

use crate::i18n::Lang;
use crate::identity::{CurrentUser, Role, csrf::CsrfToken};
use axum::extract::FromRequestParts;
use http::request::Parts;
use std::sync::Arc;

/// What every page needs to draw its frame: language, who is looking, the CSRF token for
/// forms, a flash message, and the current path (for the language switch).
#[derive(Clone, Debug)]
pub struct PageCtx {
    /// Language of the page.
    pub lang: Lang,
    /// The logged-in user, if any.
    pub user: Option<Arc<CurrentUser>>,
    /// Token for the `_csrf` field of forms.
    pub csrf: String,
    /// A message from the previous request.
    pub flash: Option<Flash>,
    /// Path and query of this page.
    pub path: String,
    /// The header's navigation, as the features contributed it.
    pub nav: Arc<Nav>,
}

impl PageCtx {
    /// Context for an error page rendered by the error layer.
    pub fn for_error(
        lang: Lang,
        user: Option<Arc<CurrentUser>>,
        csrf: Option<String>,
        nav: Option<Arc<Nav>>,
    ) -> Self {
        Self {
            lang,
            user,
            csrf: csrf.unwrap_or_default(),
            flash: None,
            path: "/".into(),
            nav: nav.unwrap_or_default(),
        }
    }

    /// The role of the viewer, if logged in.
    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(|u| u.role)
    }

    /// Shorthand for a fixed string in the page's language.
    pub fn t(&self, text: crate::i18n::T) -> &'static str {
        text.get(self.lang)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageCtx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(PageCtx {
            lang: Lang::from_headers(&parts.headers),
            user: parts.extensions.get::<Arc<CurrentUser>>().cloned(),
            csrf: parts
                .extensions
                .get::<CsrfToken>()
                .map(|t| t.0.clone())
                .unwrap_or_default(),
            flash: Flash::from_request(&parts.headers),
            path: parts
                .uri
                .path_and_query()
                .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned()),
            nav: parts
                .extensions
                .get::<Arc<Nav>>()
                .cloned()
                .unwrap_or_default(),
        })
    }
}
