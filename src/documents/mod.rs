//! Vendors' documents: priority-group proofs and health-certificate images. Type by content,
//! a size limit, images re-encoded without EXIF, random ids, served as attachments only to
//! those DESIGN.md §4 names: the vendor, managers of markets the vendor applied to or was
//! placed in, and admins. The bureau reads statistics, not these papers: it gets a 404 too.

mod api;
pub mod content;
pub mod limit;
mod pages;
pub mod profile;
pub mod store;
pub mod upload;
pub mod views;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::routes as api_routes;
pub use pages::routes as page_routes;

use crate::i18n::{T, texts::documents as t};

/// Largest request body on an upload route: an 8 MiB file as Base64 in JSON (≈ 10.7 MiB), or
/// in a multipart form, with room for the other fields.
pub const UPLOAD_BODY_BYTES: usize = 12 * 1024 * 1024;

/// Most photos one form or API call carries (an inspection's photos, taken on a phone).
pub const PHOTOS_PER_FORM: usize = 3;

/// Largest request body of a form with photos: three 8 MiB files as Base64 in JSON
/// (≈ 32 MiB), or in a multipart form, with room for the other fields.
pub const PHOTO_FORM_BODY_BYTES: usize = crate::config::LARGEST_BODY_BYTES;

/// Most documents one vendor keeps (each ≤ 8 MiB): enough for every kind with a spare.
pub const MAX_PER_VENDOR: u64 = 20;

/// What a document proves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kind {
    /// Code in data and the API.
    pub code: &'static str,
    /// The name for people.
    pub label: T,
}

/// Every kind: the health certificate and one proof per priority group.
pub const KINDS: [Kind; 6] = [
    Kind {
        code: "health_cert",
        label: t::KIND_HEALTH_CERT,
    },
    Kind {
        code: "dibao",
        label: t::KIND_DIBAO,
    },
    Kind {
        code: "disabled",
        label: t::KIND_DISABLED,
    },
    Kind {
        code: "veteran",
        label: t::KIND_VETERAN,
    },
    Kind {
        code: "returnee",
        label: t::KIND_RETURNEE,
    },
    Kind {
        code: "local",
        label: t::KIND_LOCAL,
    },
];

/// The kind with this code.
pub fn find_kind(code: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.code == code.trim())
}

/// Whether a request path is an upload route, which gets the larger body limit.
pub fn is_upload_path(path: &str) -> bool {
    path == "/me/documents"
        || (path.starts_with("/api/v1/vendors/") && path.ends_with("/documents"))
}

/// Whether a request path takes a form with photos under these upload rules, which gets the
/// largest body limit: an inspection (`POST /api/v1/inspections`, the manager's
/// `/sessions/{id}/inspect` page). Named here because the body limit is decided before
/// routing, by this feature's middleware.
pub fn is_photo_form_path(path: &str) -> bool {
    path == "/api/v1/inspections" || (path.starts_with("/sessions/") && path.ends_with("/inspect"))
}

/// This feature's entry in the page header's navigation: the vendor's documents.
pub fn nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/me/profile",
        label: crate::i18n::texts::documents::PROFILE_LINK,
        order: 80,
        shown_to: |r| r == Some(crate::identity::Role::Vendor),
    }
}
