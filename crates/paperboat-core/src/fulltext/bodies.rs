//! The full text of the papers whose PDF is on disk: one document per
//! page in an index built in memory (a few thousand papers at most, built
//! in a moment beside the reader) whose words searches ask for as they
//! ask the abstracts', and the pages themselves, for `body:` to verify a
//! phrase and for snippets to quote with their page number.

use rustc_hash::FxHashMap;
use std::sync::Arc;

use super::{Abstracts, AbstractsWriter, Error, PaperSet};

/// The bodies of a catalog's papers, by corpus position.
pub struct Bodies {
    words: Abstracts,
    pages: FxHashMap<usize, Arc<Vec<String>>>,
}

impl std::fmt::Debug for Bodies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Bodies({} papers)", self.pages.len())
    }
}

impl Bodies {
    /// The bodies of `texts` (each a paper's corpus position and its
    /// pages), for a catalog of `papers` papers.
    pub fn build(texts: Vec<(usize, Vec<String>)>, papers: usize) -> Result<Bodies, Error> {
        let mut writer = AbstractsWriter::new(None, texts.len())?;
        let mut pages = FxHashMap::default();
        for (position, text) in texts {
            if position >= papers {
                continue;
            }
            for page in &text {
                writer.add(position, "", page)?;
            }
            pages.insert(position, Arc::new(text));
        }
        Ok(Bodies {
            words: writer.finish("", papers)?,
            pages,
        })
    }

    /// How many papers have a body.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether no paper has one.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// The papers with a word of their body starting with `prefix`
    /// (lowercase).
    pub fn words_starting(&self, prefix: &str) -> PaperSet {
        self.words.words_starting(prefix)
    }

    /// A superset of the papers whose body holds `part` (lowercase, one
    /// word) within a word.
    pub fn words_containing(&self, part: &str) -> PaperSet {
        self.words.words_containing(part)
    }

    /// Paper `i`'s pages, when it has a body.
    pub fn pages(&self, i: usize) -> Option<&Arc<Vec<String>>> {
        self.pages.get(&i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fulltext::holds;

    #[test]
    fn words_of_any_page_find_their_paper() {
        let bodies = Bodies::build(
            vec![
                (
                    1,
                    vec!["Intro".into(), "choroidal neovascularization".into()],
                ),
                (3, vec!["Nothing here but retina".into()]),
                (9, vec!["beyond the catalog".into()]),
            ],
            5,
        )
        .unwrap();
        assert_eq!(bodies.len(), 2);
        let set = bodies.words_starting("neovasc");
        assert!(holds(&set, 1) && !holds(&set, 3));
        assert!(holds(&bodies.words_starting("retina"), 3));
        assert!(holds(&bodies.words_containing("vascular"), 1));
        assert!(!holds(&bodies.words_starting("beyond"), 4));
        assert_eq!(bodies.pages(1).map(|p| p.len()), Some(2));
        assert!(bodies.pages(9).is_none());
    }
}
