//! The detail pane's scroll and the selected paper's layout, made once
//! per paper, width, query and bookmarks (see `detail_layout`).

use std::sync::{Arc, Mutex, PoisonError};

use crate::tui::detail_layout::{DetailLayout, LayoutKey};

/// The pane's state.
#[derive(Default)]
pub struct Detail {
    scroll: usize,
    /// Made when first asked for after what it shows changed, then drawn
    /// from every frame. Behind a lock so that `&App` can fill it: the
    /// state is shared with a search thread, and a view asks for it.
    cache: Mutex<Option<Arc<DetailLayout>>>,
}

impl Detail {
    /// The first line shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Scrolls by `delta` lines, within `lines` lines of text shown `height`
    /// at a time.
    pub fn scroll_by(&mut self, delta: isize, lines: usize, height: usize) {
        self.scroll = self.scroll.saturating_add_signed(delta);
        self.clamp(lines, height);
    }

    /// Keeps the scroll within the text.
    pub fn clamp(&mut self, lines: usize, height: usize) {
        self.scroll = self.scroll.min(lines.saturating_sub(height));
    }

    /// Back to the top (another paper).
    pub fn scroll_to_top(&mut self) {
        self.scroll = 0;
    }

    /// The paper of the layout kept, if it was made for this row's paper.
    pub fn kept_paper(&self, paper: usize, orphan: bool) -> Option<Arc<crate::corpus::Paper>> {
        let cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        cache
            .as_ref()
            .filter(|l| l.key.paper == paper && l.key.orphan == orphan)
            .map(|l| Arc::clone(&l.paper))
    }

    /// The layout for `key`, made by `make` unless the one kept fits.
    pub fn layout(&self, key: LayoutKey, make: impl FnOnce() -> DetailLayout) -> Arc<DetailLayout> {
        // A poisoned lock only means a panic elsewhere: the cache is rebuilt.
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(layout) = cache.as_ref().filter(|l| l.key == key) {
            return Arc::clone(layout);
        }
        let layout = Arc::new(make());
        *cache = Some(Arc::clone(&layout));
        layout
    }
}
