//! The list of actions waiting on a manager's phone for a signal (check-ins, inspections),
//! filled by `assets/offline.js`, and the script. Without JavaScript it says nothing is
//! waiting and the forms post as before.

use crate::i18n::T;
use crate::i18n::texts::power as t;
use crate::views::PageCtx;
use maud::{Markup, html};

/// The words of one page's queue: its heading, the hint, and the line when nothing waits.
#[derive(Debug, Clone, Copy)]
pub struct QueueWords {
    /// The heading.
    pub title: T,
    /// What the queue does.
    pub hint: T,
    /// Nothing waiting.
    pub none: T,
}

/// The queue's section: heading, hint, the list, and the script.
pub fn queue_section(ctx: &PageCtx, words: QueueWords) -> Markup {
    html! {
        section.offline-queue aria-labelledby="offline-h" {
            h2 #offline-h { (ctx.t(words.title)) }
            p.hint { (ctx.t(words.hint)) }
            ul #offline-queue aria-live="polite" data-waiting="0"
                data-none=(ctx.t(words.none)) data-queued=(ctx.t(t::OFFLINE_QUEUED)) data-sent=(ctx.t(t::OFFLINE_SENT))
                data-checked=(ctx.t(crate::i18n::texts::bookings::CHECKED_IN))
                data-recorded=(ctx.t(t::OFFLINE_RECORDED)) {
                li.empty { (ctx.t(words.none)) }
            }
        }
        script src="/assets/offline.js" defer {}
    }
}
