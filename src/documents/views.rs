//! The list of a vendor's documents with download links (and delete buttons for the owner),
//! shared by the vendor's profile page and the manager's application page.

use super::find_kind;
use super::store::DocumentInfo;
use crate::i18n::texts::documents as t;
use crate::views::{PageCtx, forms::csrf_field};
use maud::{Markup, html};

/// `1.2 MB`, `340 KB`: sizes for people.
pub fn human_size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

/// The table of documents; `can_delete` adds a delete button to each row.
pub fn document_table(ctx: &PageCtx, docs: &[DocumentInfo], can_delete: bool) -> Markup {
    html! {
        @if docs.is_empty() { p.documents-none { (ctx.t(t::NO_DOCUMENTS)) } } @else {
            div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::DOCUMENTS)) { table.documents {
                thead { tr {
                    th scope="col" { (ctx.t(t::KIND)) }
                    th scope="col" { (ctx.t(t::FILE)) }
                    th scope="col" { (ctx.t(t::UPLOADED_AT)) }
                    th scope="col" { (ctx.t(t::SIZE)) }
                    th scope="col" { span.visually-hidden { (ctx.t(crate::i18n::texts::layout::ACTIONS)) } }
                } }
                tbody { @for d in docs { tr data-document=(d.id) {
                    td data-label=(ctx.t(t::KIND)) { (find_kind(&d.kind).map_or(d.kind.as_str(), |k| ctx.t(k.label))) }
                    td data-label=(ctx.t(t::FILE)) { (d.original_name.as_deref().unwrap_or(d.content_type.as_str())) }
                    td data-label=(ctx.t(t::UPLOADED_AT)) { (crate::clock::local_minute(d.uploaded_at)) }
                    td data-label=(ctx.t(t::SIZE)) { (human_size(d.size_bytes)) }
                    td {
                        a.button.small href=(format!("/documents/{}", d.id)) download { (ctx.t(t::DOWNLOAD)) }
                        @if can_delete {
                            " "
                            form.inline method="post" action=(format!("/documents/{}/delete", d.id)) {
                                (csrf_field(ctx))
                                button.small type="submit" { (ctx.t(t::DELETE)) }
                            }
                        }
                    }
                } } }
            } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_read_as_kilobytes_or_megabytes() {
        assert_eq!(human_size(1), "1 KB");
        assert_eq!(human_size(340 * 1024), "340 KB");
        assert_eq!(human_size(5 * 1024 * 1024), "5.0 MB");
    }
}
