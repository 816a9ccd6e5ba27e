//! The bookmarks as the reader knows them: the ones read or saved last,
//! whether bookmarking works at all, and the bookmarks whose paper is not
//! in the open corpus, kept apart from it (listed under `is:bookmarked`
//! only, never counted among the corpus's papers).

use std::collections::{HashMap, HashSet};

use crate::catalog::Catalog;
use crate::corpus::Paper;
use crate::query::{ClauseKind, Hit, Index, Query};
use crate::store::bookmarks::versions::VersionChange;
use crate::store::bookmarks::{Bookmark, Change};

/// The bookmarks and what follows from them.
#[derive(Default)]
pub struct Bookmarks {
    list: Vec<Bookmark>,
    ids: HashSet<String>,
    /// Why bookmarking is off, when it is.
    disabled: Option<String>,
    /// Counts changes of the bookmarks.
    generation: u64,
    /// Papers made of the bookmarks whose paper is not in the corpus.
    orphans: Vec<Paper>,
    orphan_index: Index,
    /// The orphans the current query lists.
    orphan_hits: Vec<Hit>,
    /// The bookmarks whose paper has a newer version than the one kept,
    /// by id.
    updated: HashMap<String, VersionChange>,
}

impl Bookmarks {
    /// Takes in the bookmarks as read or saved. `corpus`: the papers of
    /// the corpus, or `None` while it loads (a bookmarked paper may still
    /// be on its way, so orphans wait).
    pub fn set(&mut self, list: Vec<Bookmark>, corpus: Option<&Catalog>) {
        self.ids = list.iter().map(|b| b.id.clone()).collect();
        self.list = list;
        self.generation += 1;
        let Some(catalog) = corpus else {
            return;
        };
        // One pass over the corpus's ids, looking each up among the few
        // bookmarked ones.
        let in_corpus: HashSet<&str> = catalog.ids().filter(|id| self.ids.contains(*id)).collect();
        let orphans: Vec<Paper> = self
            .list
            .iter()
            .filter(|b| !in_corpus.contains(b.id.as_str()))
            .map(|b| Paper {
                id: b.id.clone(),
                links: b.links.clone(),
                ..Paper::titled(b.title.clone())
            })
            .collect();
        if orphans != self.orphans {
            self.orphan_index = Index::new(&orphans);
            self.orphan_index.set_bookmarked(|_| true, &orphans);
            self.orphans = orphans;
        }
    }

    /// The bookmarks, oldest first.
    pub fn list(&self) -> &[Bookmark] {
        &self.list
    }

    /// Whether the paper with this id is bookmarked.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// The bookmark of the paper with this id.
    pub fn of(&self, id: &str) -> Option<&Bookmark> {
        if !self.ids.contains(id) {
            return None;
        }
        self.list.iter().find(|b| b.id == id)
    }

    /// What undoes `change`, about to be made to the bookmarks as they
    /// are now.
    pub fn inverse(&self, change: &Change) -> Option<Change> {
        Some(match change {
            Change::Add(b) => match self.of(&b.id) {
                // Adding again only refreshes title and links.
                Some(old) => Change::Add(old.clone()),
                None => Change::Remove(b.id.clone()),
            },
            Change::Remove(id) => match self.of(id) {
                // Added back whole: its date, note and links.
                Some(old) => Change::Add(old.clone()),
                None => return None,
            },
            Change::SetNote(b) => match self.of(&b.id) {
                Some(old) => Change::SetNote(old.clone()),
                None => Change::Remove(b.id.clone()),
            },
            // A version seen stays seen.
            Change::SeeVersion { .. } => return None,
        })
    }

    /// The newer version of the bookmarked paper with this id, if it has
    /// one the bookmark has not seen.
    pub fn updated(&self, id: &str) -> Option<VersionChange> {
        self.updated.get(id).copied()
    }

    /// Takes in which bookmarks have a newer version (see
    /// [`crate::store::bookmarks::versions`]); what the pane shows changes with it.
    pub fn set_updated(&mut self, updated: HashMap<String, VersionChange>) {
        if updated != self.updated {
            self.updated = updated;
            self.generation += 1;
        }
    }

    /// Why bookmarking is off, when it is.
    pub fn disabled(&self) -> Option<&str> {
        self.disabled.as_deref()
    }

    /// Turns bookmarking off, saying why.
    pub fn disable(&mut self, reason: String) {
        self.disabled = Some(reason);
    }

    /// Changes whenever the bookmarks do.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The papers known only from a bookmark.
    pub fn orphans(&self) -> &[Paper] {
        &self.orphans
    }

    /// The orphans the current query lists, best first.
    pub fn orphan_hits(&self) -> &[Hit] {
        &self.orphan_hits
    }

    /// Finds the orphans `query` lists: only a query asking for
    /// `is:bookmarked` lists any, since they are not corpus papers.
    pub fn match_query(&mut self, query: &Query) {
        let asks = query
            .clauses()
            .any(|c| !c.negated && c.kind == ClauseKind::Bookmarked);
        self.orphan_hits = if asks && !self.orphans.is_empty() {
            self.orphan_index.search(&self.orphans, query)
        } else {
            Vec::new()
        };
    }
}
