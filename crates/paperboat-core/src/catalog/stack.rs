//! Several corpus files opened as one catalog: each keeps its own cache
//! entry (so a new file indexes only itself), their indexes are joined one
//! after another, and a paper whose id a later file has again is hidden
//! behind that later record, as the library's newest record wins.

use rustc_hash::FxHashSet;

use super::papers::Catalog;
use super::store::{Part, Stack, Store};
use crate::query::Index;

impl Catalog {
    /// One catalog of `catalogs`, in order: their indexes joined, their
    /// abstracts indexes kept each for its own papers (when every one
    /// has them), and each paper whose id a later one has hidden.
    pub fn stacked(name: String, catalogs: Vec<Catalog>) -> Catalog {
        let mut index = Index::default();
        let mut known = None;
        let mut parts = Vec::with_capacity(catalogs.len());
        let mut words = Vec::with_capacity(catalogs.len());
        let mut every_part_has_words = true;
        let mut start = 0;
        for catalog in catalogs {
            let len = catalog.len();
            match catalog.abstracts {
                Some(super::words::AbstractWords::One(abstracts)) => words.push((start, abstracts)),
                Some(super::words::AbstractWords::Parts(inner, _)) => {
                    words.extend(inner.into_iter().map(|(s, a)| (start + s, a)));
                }
                None => every_part_has_words = false,
            }
            if parts.is_empty() {
                // The first part as it is (mapped from its entry): the
                // others are appended to it, copying it once.
                index = catalog.index;
                known = index.take_orders();
            } else {
                index.reserve_like(&catalog.index, 1.0);
                index.append(catalog.index);
            }
            parts.push(Part {
                start,
                store: catalog.store,
            });
            start += len;
        }
        index.finish_after(known);
        let mut stacked = Catalog::new(name, index, Store::Stacked(Stack { parts }));
        if every_part_has_words && !words.is_empty() {
            stacked.set_abstract_parts(words);
        }
        let replaced = stacked.replaced();
        stacked.index.shadow(&replaced);
        stacked
    }

    /// The papers a later part has again, by id: the parts are gone
    /// through from the last, so only the later parts' ids are hashed
    /// (the first part, usually most of the papers, is only looked up).
    fn replaced(&self) -> Vec<usize> {
        let Store::Stacked(stack) = &self.store else {
            return Vec::new();
        };
        let mut later: FxHashSet<&str> = FxHashSet::default();
        let mut replaced = Vec::new();
        let ends: Vec<usize> = stack
            .parts
            .iter()
            .skip(1)
            .map(|p| p.start)
            .chain([self.len()])
            .collect();
        for (k, part) in stack.parts.iter().enumerate().rev() {
            let range = part.start..ends[k];
            let mut own = Vec::new();
            for i in range {
                let id = self.id(i);
                let seen_later = later.contains(id);
                if seen_later || self.index.is_deleted(i) {
                    replaced.push(i);
                }
                // A withdrawal hides the earlier records of its id too.
                if !seen_later && k > 0 {
                    own.push(id);
                }
            }
            later.extend(own);
        }
        replaced.sort_unstable();
        replaced
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Paper;
    use crate::query::{Papers, parse};

    fn catalog(papers: &[(&str, &str)]) -> Catalog {
        let papers = papers
            .iter()
            .map(|(id, title)| Paper {
                id: id.to_string(),
                ..Paper::titled(*title)
            })
            .collect();
        Catalog::loaded("part".into(), papers)
    }

    #[test]
    fn a_later_record_of_an_id_wins() {
        let old = catalog(&[("a", "Alpha segmentation"), ("b", "Beta segmentation")]);
        let new = catalog(&[("b", "Beta segmentation v2"), ("c", "Gamma segmentation")]);
        let newer = catalog(&[("c", "Gamma segmentation v3")]);
        let stacked = Catalog::stacked("all".into(), vec![old, new, newer]);
        assert_eq!(stacked.len(), 5);
        assert_eq!(stacked.distinct_len(), 3);
        let hits = stacked
            .index
            .search(&stacked, &parse("segmentation").unwrap());
        let mut titles: Vec<&str> = hits.iter().map(|h| stacked.title(h.index)).collect();
        titles.sort();
        assert_eq!(
            titles,
            [
                "Alpha segmentation",
                "Beta segmentation v2",
                "Gamma segmentation v3"
            ]
        );
        assert_eq!(
            stacked.paper(stacked.find("c").unwrap()).title,
            "Gamma segmentation v3"
        );
        assert_eq!(stacked.position("b"), Some(2));
        assert_eq!(stacked.id(4), "c");
    }
}
