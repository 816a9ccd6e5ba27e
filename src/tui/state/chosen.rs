//! The papers picked with `v` (as fzf's `-m` marks lines): plain data, by
//! id, so that a pick survives a changed query.

use std::collections::HashSet;

/// The picked papers, in the order picked.
#[derive(Debug, Default)]
pub struct Chosen {
    order: Vec<String>,
    ids: HashSet<String>,
}

impl Chosen {
    /// Picks `id`, or puts it back when picked.
    pub fn toggle(&mut self, id: &str) {
        if self.ids.remove(id) {
            self.order.retain(|i| i != id);
        } else {
            self.ids.insert(id.to_string());
            self.order.push(id.to_string());
        }
    }

    /// Picks every one of `ids` (already picked ones stay once).
    pub fn add_all(&mut self, ids: impl IntoIterator<Item = String>) {
        for id in ids {
            if self.ids.insert(id.clone()) {
                self.order.push(id);
            }
        }
    }

    /// Whether the paper with this id is picked.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// The picked ids, in the order picked.
    pub fn ids(&self) -> &[String] {
        &self.order
    }

    /// How many are picked.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Picks none.
    pub fn clear(&mut self) {
        self.order.clear();
        self.ids.clear();
    }
}
