//! "More like this": the papers whose titles and abstracts share the most
//! telling words with a paper's (or several's).

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use super::search::{Abstracts, PAPER_FIELD};

impl Abstracts {
    /// The papers whose titles and abstracts are most like `title` and
    /// `text` (one paper's, or several's), best first with their scores:
    /// tantivy's more-like-this, which keeps their most telling words (by
    /// tf-idf over the corpus) and scores every paper by them.
    pub fn more_like(&self, title: &str, text: &str, limit: usize) -> Vec<(usize, f32)> {
        if (text.trim().is_empty() && title.trim().is_empty()) || limit == 0 {
            return Vec::new();
        }
        self.guarded(|| self.more_like_unguarded(title, text, limit))
            .unwrap_or_default()
    }

    fn more_like_unguarded(&self, title: &str, text: &str, limit: usize) -> Vec<(usize, f32)> {
        let searcher = self.reader.searcher();
        let terms = self.telling_terms(&searcher, &[(self.title, title), (self.text, text)]);
        if terms.is_empty() {
            return Vec::new();
        }
        let clauses: Vec<(Occur, Box<dyn tantivy::query::Query>)> = terms
            .into_iter()
            .map(|(weight, term)| {
                let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                let boosted: Box<dyn tantivy::query::Query> =
                    Box::new(BoostQuery::new(Box::new(query), weight as f32));
                (Occur::Should, boosted)
            })
            .collect();
        let Ok(top) = searcher.search(
            &BooleanQuery::new(clauses),
            &tantivy::collector::TopDocs::with_limit(limit).order_by_score(),
        ) else {
            return Vec::new();
        };
        let columns: Vec<_> = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().u64(PAPER_FIELD).ok())
            .collect();
        top.into_iter()
            .filter_map(|(score, address)| {
                let column = columns.get(address.segment_ord as usize)?.as_ref()?;
                let paper = column.first(address.doc_id)?;
                Some((usize::try_from(paper).ok()?, score))
            })
            .collect()
    }

    /// The most telling words of `texts` (each in its field): tf-idf over
    /// the corpus, words in more than a tenth of the papers left out as
    /// telling nothing, ties broken by the word so that the answer is the
    /// same every time.
    fn telling_terms(
        &self,
        searcher: &tantivy::Searcher,
        texts: &[(Field, &str)],
    ) -> Vec<(f64, Term)> {
        const MAX_TERMS: usize = 30;
        let papers = self.papers.max(1) as f64;
        let common = (self.papers as u64 / 10).max(2);
        let mut weighted: Vec<(f64, String, Term)> = Vec::new();
        for &(field, text) in texts {
            let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
            for word in text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| (3..=40).contains(&w.chars().count()))
                .map(str::to_lowercase)
                .filter(|w| {
                    !STOP_WORDS.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit())
                })
            {
                *counts.entry(word).or_default() += 1;
            }
            for (word, tf) in counts {
                let term = Term::from_field_text(field, &word);
                let df = searcher.doc_freq(&term).unwrap_or(0);
                if df == 0 || df > common {
                    continue;
                }
                let idf = (1.0 + papers / df as f64).ln();
                weighted.push((tf as f64 * idf, word, term));
            }
        }
        weighted.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        weighted.truncate(MAX_TERMS);
        weighted.into_iter().map(|(w, _, term)| (w, term)).collect()
    }
}

/// English words too common to say what a paper is about.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "with", "that", "this", "are", "from", "our", "can", "which", "has",
    "have", "been", "was", "were", "its", "their", "these", "such", "into", "than", "also", "more",
    "not", "but", "all", "both", "while", "over", "using", "based", "propose", "proposed",
    "present", "show", "results", "paper", "approach", "method", "methods", "model", "models",
    "new", "however", "via", "across", "each", "two", "one", "may", "well", "between", "through",
];
