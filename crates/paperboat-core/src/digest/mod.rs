//! The digest: the papers that entered the library since a point in
//! time, grouped under the saved queries that find them, with the new
//! versions of bookmarked papers, written as text, Markdown, an HTML page
//! or an Atom feed (`paperboat digest`).

mod atom;
mod choose;
mod entry;
mod html;
mod md;
mod model;
mod since;
mod text;
mod xml;

pub use atom::NAMESPACE;
pub use choose::{ALL, Found, OTHERS, groups, is_new};
pub use entry::{entry, first_sentence, links};
pub use model::{Digest, DigestLink, Entry, Format, Group, UPDATED_HEADING, UpdatedBookmark};
pub use since::{Marks, Since};

/// The digest written in `format`: nothing when it shows nothing, but
/// for Atom, a feed without entries.
pub fn render(digest: &Digest, format: Format) -> String {
    match format {
        Format::Text => text::render(digest),
        Format::Md => md::render(digest),
        Format::Html => html::render(digest),
        Format::Atom => atom::render(digest),
    }
}
