//! `is:updated` over a catalog: the bookmarks whose paper has a newer
//! version than the one kept (see `store::bookmarks::versions`), found by
//! reading only the bookmarked papers' records.

use std::collections::HashMap;

use super::Catalog;
use crate::query::{Mark, Papers};
use crate::store::bookmarks::Bookmark;
use crate::store::bookmarks::versions::{Updated, version_change};

/// The bookmarks whose paper in `catalog` has a newer version than the one
/// kept, in the bookmarks' order. One pass over the catalog's ids finds
/// the bookmarked papers; only their records are read.
pub fn updated_bookmarks<'a>(bookmarks: &'a [Bookmark], catalog: &Catalog) -> Vec<Updated<'a>> {
    if bookmarks.is_empty() {
        return Vec::new();
    }
    let wanted: HashMap<&str, usize> = bookmarks
        .iter()
        .enumerate()
        .map(|(at, b)| (b.id.as_str(), at))
        .collect();
    let mut found: Vec<(usize, usize)> = (0..catalog.len())
        .filter(|&i| !catalog.index.is_shadowed(i))
        .filter_map(|i| wanted.get(catalog.id(i)).map(|&at| (at, i)))
        .collect();
    found.sort_unstable();
    found
        .into_iter()
        .filter_map(|(at, paper)| {
            let bookmark = &bookmarks[at];
            let record = catalog.paper(paper);
            let change = version_change(bookmark, record.meta.as_deref()?)?;
            Some(Updated {
                bookmark,
                paper,
                change,
            })
        })
        .collect()
}

/// Sets `is:updated` on the papers of `updated` (and on no other).
pub fn mark_updated(catalog: &mut Catalog, updated: &[Updated]) {
    let mut flags = vec![false; catalog.len()];
    for u in updated {
        flags[u.paper] = true;
    }
    catalog.index.set_marks(Mark::Updated, flags);
}
