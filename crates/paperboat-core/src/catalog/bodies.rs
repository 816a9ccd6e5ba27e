//! The full text of a catalog's papers whose PDF is on disk (see
//! [`crate::library::pdfs`]), indexed for searches by corpus position.

use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::Catalog;
use crate::fulltext::Bodies;
use crate::library::Pdfs;

impl Catalog {
    /// The bodies the searches read, if any.
    pub fn bodies(&self) -> Option<&Arc<Bodies>> {
        self.bodies.as_ref()
    }

    /// Searches read these bodies from now on (none: no PDF text).
    pub fn set_bodies(&mut self, bodies: Option<Arc<Bodies>>) {
        self.bodies = bodies.filter(|b| !b.is_empty());
    }

    /// The text of each PDF in `pdfs` whose paper this catalog holds, by
    /// corpus position; found in one pass over the ids.
    pub fn body_texts(&self, pdfs: &Pdfs) -> Vec<(usize, Vec<String>)> {
        let with_text: FxHashSet<String> = pdfs.ids_with_text().into_iter().collect();
        if with_text.is_empty() {
            return Vec::new();
        }
        let positions: Vec<(usize, String)> = (0..self.len())
            .filter(|&i| !self.index.is_shadowed(i))
            .filter_map(|i| {
                let id = self.id(i);
                with_text.contains(id).then(|| (i, id.to_string()))
            })
            .collect();
        positions
            .into_iter()
            .filter_map(|(i, id)| Some((i, pdfs.text(&id)?)))
            .collect()
    }

    /// The bodies of this catalog's papers whose PDF text is kept in
    /// `pdfs`; `None` when there are none (or they cannot be indexed).
    pub fn index_bodies(&self, pdfs: &Pdfs) -> Option<Arc<Bodies>> {
        let texts = self.body_texts(pdfs);
        if texts.is_empty() {
            return None;
        }
        Bodies::build(texts, self.len()).ok().map(Arc::new)
    }
}
