//! The page frame every HTML page shares, and the error page.

use super::{PageCtx, forms::csrf_field};
use crate::error::AppError;
use crate::i18n::{texts::errors as e, texts::layout as t};
use crate::web::encode_query;
use maud::{DOCTYPE, Markup, html};

/// A full HTML page: header with navigation by role, language switch, flash, content.
pub fn page(ctx: &PageCtx, title: &str, content: Markup) -> Markup {
    let app_name = ctx.t(t::APP_NAME);
    let switch_href = format!(
        "/lang/{}?next={}",
        ctx.lang.other().code(),
        encode_query(&ctx.path)
    );
    let current = ctx.path.split('?').next().unwrap_or("/");
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="format-detection" content="telephone=no";
                // The home page's title is the app's name: once, not "X · X".
                title { @if title == app_name { (title) } @else { (title) " · " (app_name) } }
                link rel="stylesheet" href="/assets/app.css";
                link rel="icon" href="/assets/favicon.svg" type="image/svg+xml";
            }
            body {
                a.skip href="#main" { (ctx.t(t::SKIP)) }
                header.top {
                    a.brand href="/" { (app_name) }
                    nav aria-label=(ctx.t(t::HOME)) {
                        ul {
                            @for entry in ctx.nav.for_role(ctx.role()) {
                                li { a href=(entry.href) aria-current=[(entry.href == current).then_some("page")] { (entry.label.get(ctx.lang)) } }
                            }
                        }
                    }
                    div.account {
                        a.lang href=(switch_href) lang=(ctx.lang.other().tag()) { (ctx.t(t::SWITCH_LANGUAGE)) }
                        @if let Some(user) = &ctx.user {
                            span.who { (user.name) " · " (user.role.label().get(ctx.lang)) }
                            form.inline method="post" action="/logout" {
                                (csrf_field(ctx))
                                button.link type="submit" { (ctx.t(t::LOGOUT)) }
                            }
                        } @else {
                            a.button.small href="/login" { (ctx.t(t::LOGIN)) }
                        }
                    }
                }
                main #main {
                    @if let Some(flash) = ctx.flash {
                        p.flash role="status" { (flash.mark()) (flash.text().get(ctx.lang)) }
                    }
                    h1 { (title) }
                    (content)
                }
                footer { p { (ctx.t(t::FOOTER)) } }
            }
        }
    }
}

/// The HTML page for an error, in the request's language, with no internal detail.
pub fn error_page(ctx: &PageCtx, error: &AppError) -> Markup {
    error_page_with_id(ctx, error, None)
}

/// The error page naming the request id (for a 5xx: what to quote when reporting it; the
/// same id is in the `x-request-id` header and the log line).
pub fn error_page_with_id(ctx: &PageCtx, error: &AppError, request_id: Option<&str>) -> Markup {
    let status = error.status();
    let title = format!("{} · {}", status.as_u16(), ctx.t(e::ERROR_TITLE));
    page(
        ctx,
        &title,
        html! {
            p.error-message role="alert" { (error.message(ctx.lang)) }
            @if let Some(id) = request_id {
                p.request-id { (ctx.t(crate::i18n::texts::panics::REQUEST_ID)) (ctx.lang.colon()) code { (id) } }
            }
            p { a.button href="/" { (ctx.t(e::BACK_HOME)) } }
        },
    )
}
