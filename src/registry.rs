//! What features contribute to pages that the shell or a lower feature draws — navigation
//! entries, the vendor's home sections, sections of a market's page — so that the page that
//! shows them never imports the feature that fills them (the declared order in
//! ARCHITECTURE.md stays a line, not a circle). `app.rs` collects the contributions and puts
//! them into every request's extensions: handlers take `Extension<Arc<Registry>>`, pages the
//! navigation through `PageCtx`.

use crate::error::AppResult;
use crate::identity::{CurrentUser, Role};
use crate::state::AppState;
pub use crate::views::NavEntry;
use crate::views::{Nav, PageCtx};
use futures_util::future::BoxFuture;
use http::HeaderMap;
use maud::Markup;
use std::sync::Arc;

/// A section of a role's home page, drawn by the feature that owns its data.
pub type HomeSection = for<'a> fn(
    &'a AppState,
    &'a PageCtx,
    &'a CurrentUser,
    &'a HeaderMap,
) -> BoxFuture<'a, AppResult<Markup>>;

/// A section of a market's page (below its calendar), drawn by a feature above markets.
pub type MarketSection = for<'a> fn(
    &'a AppState,
    &'a PageCtx,
    &'a entity::markets::Model,
) -> BoxFuture<'a, AppResult<Markup>>;

/// Every contribution, collected once when the router is built.
#[derive(Clone, Default)]
pub struct Registry {
    nav: Arc<Nav>,
    home: Vec<(Role, HomeSection)>,
    market: Vec<MarketSection>,
}

impl Registry {
    /// Sets the navigation entries (put in order).
    pub fn nav(mut self, entries: impl IntoIterator<Item = NavEntry>) -> Self {
        self.nav = Arc::new(Nav::new(entries.into_iter().collect()));
        self
    }

    /// Adds a section to `role`'s home page.
    pub fn home(mut self, role: Role, section: HomeSection) -> Self {
        self.home.push((role, section));
        self
    }

    /// Adds a section to every market's page.
    pub fn market(mut self, section: MarketSection) -> Self {
        self.market.push(section);
        self
    }

    /// The navigation, for every page's header (a request extension).
    pub fn navigation(&self) -> Arc<Nav> {
        Arc::clone(&self.nav)
    }

    /// `role`'s home sections, drawn in the order they were added.
    pub async fn render_home(
        &self,
        state: &AppState,
        ctx: &PageCtx,
        user: &CurrentUser,
        headers: &HeaderMap,
    ) -> AppResult<Vec<Markup>> {
        let mut out = Vec::new();
        for (_, section) in self.home.iter().filter(|(r, _)| *r == user.role) {
            out.push(section(state, ctx, user, headers).await?);
        }
        Ok(out)
    }

    /// A market page's contributed sections.
    pub async fn render_market(
        &self,
        state: &AppState,
        ctx: &PageCtx,
        market: &entity::markets::Model,
    ) -> AppResult<Vec<Markup>> {
        let mut out = Vec::new();
        for section in &self.market {
            out.push(section(state, ctx, market).await?);
        }
        Ok(out)
    }
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("nav", &self.nav)
            .field("home", &self.home.len())
            .field("market", &self.market.len())
            .finish()
    }
}
