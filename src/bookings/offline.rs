//! Check-in that survives a poor signal (issue 18, point 7): the session page's queue of
//! check-ins waiting on the phone (filled by `assets/offline.js`) and the service worker that
//! keeps the page for a reload without signal. Each queued check-in is sent to the API with an
//! `Idempotency-Key`, so a retry never checks in twice (see `crate::idempotency`).

use crate::i18n::texts::power as t;
use crate::views::PageCtx;
use axum::response::IntoResponse;
use http::header;
use maud::Markup;

/// The service worker's script.
const SERVICE_WORKER: &str = include_str!("../../assets/offline-sw.js");

/// GET /offline-sw.js: served from the root so that its scope covers the session pages.
pub async fn service_worker() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SERVICE_WORKER,
    )
}

/// The list of check-ins waiting on this phone, with the words the script needs, and the
/// script. Without JavaScript it says there is nothing waiting (the forms post as before).
pub fn queue_section(ctx: &PageCtx) -> Markup {
    crate::views::offline::queue_section(
        ctx,
        crate::views::offline::QueueWords {
            title: t::OFFLINE_TITLE,
            hint: t::OFFLINE_HINT,
            none: t::OFFLINE_NONE,
        },
    )
}
