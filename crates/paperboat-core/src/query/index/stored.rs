//! The index written into a cache entry, and mapped back from one: every
//! column as a section, checked once when mapped so that searching never
//! meets an offset outside its text.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::Index;
use super::headlines::Headlines;
use super::orders::{Orders, Ranking};
use super::vocabulary::Vocabulary;
use crate::cache::{Column, Entry, EntryError, EntryWriter, TextColumn};

impl Index {
    /// Adds the index's sections to `writer`; orders are built first if
    /// they are not yet.
    pub fn write_into<'a>(&'a mut self, writer: &mut EntryWriter<'a>) {
        if self.orders.is_none() {
            self.finish();
        }
        let this: &'a Index = self;
        let h = &this.headlines;
        writer.section("headlines.text", h.text.as_bytes());
        writer.section("headlines.starts", &h.starts);
        writer.section("headlines.spans", &h.spans);
        writer.section("headlines.masks", &h.masks);
        writer.section("headlines.start_masks", &h.start_masks);
        writer.section("headlines.letter_words", &h.letter_words);
        writer.section("vocabulary.text", this.vocabulary.text.as_bytes());
        writer.section("vocabulary.ends", &this.vocabulary.ends);
        writer.section("vocabulary.masks", &this.vocabulary.masks);
        writer.section_owned("tags", this.tags.join("\n").into_bytes());
        writer.section("tag_flat", &this.tag_flat);
        writer.section("tag_offsets", &this.tag_offsets);
        writer.section("day", &this.day);
        writer.section("upvotes", &this.upvotes);
        writer.section("authors", &this.authors);
        writer.section("flags", &this.flags);
        writer.section("added", &this.added);
        if let Some(orders) = &this.orders {
            writer.section("relevance.rank", &orders.relevance.rank);
            writer.section("relevance.by", &orders.relevance.by);
            writer.section("newest.rank", &orders.newest.rank);
            writer.section("newest.by", &orders.newest.by);
        }
    }

    /// The index kept in `entry`, used where it lies.
    pub fn mapped(entry: &Arc<Entry>) -> Result<Index, EntryError> {
        let headlines = Headlines {
            text: TextColumn::mapped(entry, "headlines.text")?,
            starts: Column::mapped(entry, "headlines.starts")?,
            spans: Column::mapped(entry, "headlines.spans")?,
            masks: Column::mapped(entry, "headlines.masks")?,
            start_masks: Column::mapped(entry, "headlines.start_masks")?,
            letter_words: Column::mapped(entry, "headlines.letter_words")?,
        };
        headlines.check().map_err(EntryError::Stale)?;
        let vocabulary = Vocabulary::mapped(entry)?;
        let tag_text = TextColumn::mapped(entry, "tags")?;
        let tags: Vec<String> = match tag_text.as_str() {
            "" => Vec::new(),
            text => text.split('\n').map(str::to_string).collect(),
        };
        let tag_table: FxHashMap<String, u32> = tags
            .iter()
            .enumerate()
            .flat_map(|(id, tag)| [(tag.to_lowercase(), id as u32), (tag.clone(), id as u32)])
            .collect();
        let ranking = |name: &str| -> Result<Ranking, EntryError> {
            Ok(Ranking {
                rank: Column::mapped(entry, &format!("{name}.rank"))?,
                by: Column::mapped(entry, &format!("{name}.by"))?,
            })
        };
        let index = Index {
            headlines,
            vocabulary,
            tag_flat: Column::mapped(entry, "tag_flat")?,
            tag_offsets: Column::mapped(entry, "tag_offsets")?,
            day: Column::mapped(entry, "day")?,
            upvotes: Column::mapped(entry, "upvotes")?,
            authors: Column::mapped(entry, "authors")?,
            flags: Column::mapped(entry, "flags")?,
            // Entries of papers that never were in a library may lack it.
            added: Column::mapped(entry, "added").unwrap_or_else(|_| {
                let mut none = Column::default();
                none.to_mut().resize(entry.header().papers as usize, 0);
                none
            }),
            new_since: None,
            new_count: 0,
            marks: Default::default(),
            orders: Some(Orders {
                relevance: ranking("relevance")?,
                newest: ranking("newest")?,
            }),
            tags,
            tag_table,
            shadowed: None,
            shadowed_count: 0,
            words: None,
        };
        index.check().map_err(EntryError::Stale)?;
        let n = index.len();
        Ok(Index {
            marks: std::array::from_fn(|_| vec![false; n]),
            ..index
        })
    }

    /// Whether the columns of a mapped index agree with each other: one
    /// value per paper, tag lists within the tags, orders that are orders.
    fn check(&self) -> Result<(), &'static str> {
        let n = self.day.len();
        let per_paper = [
            self.upvotes.len(),
            self.authors.len(),
            self.flags.len(),
            self.added.len(),
            self.headlines.spans.len(),
        ];
        if per_paper.iter().any(|&len| len != n) || self.tag_offsets.len() != n + 1 {
            return Err("the index columns differ in length");
        }
        let offsets_in_order = self.tag_offsets.first() == Some(&0)
            && self.tag_offsets.windows(2).all(|w| w[0] <= w[1])
            && self.tag_offsets[n] as usize == self.tag_flat.len();
        let tags = self.tags.len() as u32;
        if !offsets_in_order || self.tag_flat.iter().any(|&t| t >= tags) {
            return Err("the tag lists are damaged");
        }
        let orders = self.orders.as_ref().ok_or("the orders are missing")?;
        for ranking in [&orders.relevance, &orders.newest] {
            let whole = ranking.rank.len() == n
                && ranking.by.len() == n
                && ranking
                    .by
                    .iter()
                    .enumerate()
                    .all(|(at, &i)| ranking.rank.get(i as usize) == Some(&(at as u32)));
            if !whole {
                return Err("an order is damaged");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::{FileKey, entry_path};
    use crate::corpus::Corpus;
    use crate::query::parse;

    #[test]
    fn a_mapped_index_answers_as_the_one_it_was_written_from() {
        let corpus = Corpus::bundled().unwrap();
        let mut built = Index::new(&corpus.papers);
        let dir = tempfile::TempDir::new().unwrap();
        let key = FileKey::sample();
        let path = entry_path(dir.path(), "e");
        let mut writer = EntryWriter::new(key.clone(), 0, serde_json::Value::Null);
        built.write_into(&mut writer);
        writer.write(&path).unwrap();
        let entry = Arc::new(Entry::open(&path, &key).unwrap());
        let mapped = Index::mapped(&entry).unwrap();
        assert!(mapped.headlines.text.is_mapped());
        assert_eq!(mapped.len(), corpus.papers.len());
        assert_eq!(mapped.tag_names(), built.tag_names());
        for text in [
            "",
            "mamba",
            "seg tag:ct",
            "'MIMIC",
            "year:2024 sort:upvotes",
            "^A",
        ] {
            let query = parse(text).unwrap();
            let hits = |index: &Index| -> Vec<(usize, i64)> {
                let hits = index.search(&corpus.papers, &query);
                hits.iter().map(|h| (h.index, h.score)).collect()
            };
            assert_eq!(hits(&mapped), hits(&built), "{text}");
        }
    }
}
