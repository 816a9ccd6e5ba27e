//! The result list's selection and scroll.

/// Which row is selected and which is at the top.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct List {
    selected: usize,
    offset: usize,
}

impl List {
    /// The selected row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Selects `position` (bounded by `len`) and scrolls it into a page of
    /// `page` rows; true when the selection moved.
    pub fn select(&mut self, position: usize, len: usize, page: usize) -> bool {
        let position = position.min(len.saturating_sub(1));
        let moved = position != self.selected;
        self.selected = position;
        self.keep_visible(len, page);
        moved
    }

    /// Back to the first row, scrolled to the top.
    pub fn reset(&mut self) {
        *self = List::default();
    }

    /// Scrolls so that the selection is within a page of `page` rows.
    pub fn keep_visible(&mut self, len: usize, page: usize) {
        let page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(len.saturating_sub(page));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_in_the_page_and_the_list() {
        let mut list = List::default();
        assert!(list.select(25, 100, 10));
        assert_eq!((list.selected(), list.offset()), (25, 16));
        list.select(3, 100, 10);
        assert_eq!(list.offset(), 3);
        list.select(500, 100, 10);
        assert_eq!((list.selected(), list.offset()), (99, 90));
        list.keep_visible(5, 10);
        assert_eq!(list.offset(), 0);
        assert!(!list.select(99, 100, 10));
    }
}
