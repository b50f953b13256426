//! The page header's navigation: the entries features contribute (each feature's registry entry),
//! filtered by who is looking.

use crate::i18n::T;
use crate::identity::Role;

/// A link in the page header's navigation.
#[derive(Clone, Copy, Debug)]
pub struct NavEntry {
    /// Where it leads.
    pub href: &'static str,
    /// Its text.
    pub label: T,
    /// Position, smallest first.
    pub order: u16,
    /// Who sees it (`None`: nobody logged in).
    pub shown_to: fn(Option<Role>) -> bool,
}

/// Every entry, in order.
#[derive(Clone, Debug, Default)]
pub struct Nav(Vec<NavEntry>);

impl Nav {
    /// The entries, sorted by their order.
    pub fn new(mut entries: Vec<NavEntry>) -> Self {
        entries.sort_by_key(|e| e.order);
        Nav(entries)
    }

    /// The links `role` sees, in order.
    pub fn for_role(&self, role: Option<Role>) -> impl Iterator<Item = &NavEntry> {
        self.0.iter().filter(move |e| (e.shown_to)(role))
    }
}
