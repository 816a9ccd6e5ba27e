//! Where a paper matches a query, for highlighting: positions in the title
//! and byte ranges in the abstract. Asked for the few papers on screen,
//! never during a search.

use std::ops::Range;

use crate::query::ast::{ClauseKind, Field, Query};
use crate::query::index::Index;
use crate::query::papers::Papers;
use crate::query::snippet::{Snippet, snippet};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::query::text::forgive::Meant;
use crate::query::text::fuzzy::{LEVEL, Prepared, Term, find_word, level};
use crate::query::text::hyphen::Sequence;
use crate::query::text::needle::Needle;

impl Index {
    /// Character positions in a paper's title matched by the query's
    /// positive text clauses, sorted and without duplicates.
    pub fn title_positions<P: Papers + ?Sized>(
        &self,
        papers: &P,
        index: usize,
        query: &Query,
    ) -> Vec<usize> {
        self.title_positions_within(papers, index, query, usize::MAX)
    }

    /// [`Index::title_positions`] among the first `max_chars` characters
    /// of the title only: what a list row can show, at a cost that does not
    /// grow with the title.
    pub fn title_positions_within<P: Papers + ?Sized>(
        &self,
        papers: &P,
        index: usize,
        query: &Query,
        max_chars: usize,
    ) -> Vec<usize> {
        let whole = papers.title(index);
        let title = match whole.char_indices().nth(max_chars) {
            Some((end, _)) => &whole[..end],
            None => whole,
        };
        let cut = title.len() < whole.len();
        let mut folded: Option<Prepared> = None;
        let mut original: Option<Prepared> = None;
        let mut positions = Vec::new();
        for clause in query.clauses().filter(|c| !c.negated) {
            match &clause.kind {
                ClauseKind::Fuzzy(t) | ClauseKind::Field(Field::Title, t) => {
                    let term = Term::new(t);
                    let prepared = if term.case_sensitive() {
                        original.get_or_insert_with(|| Prepared::original(title))
                    } else {
                        folded.get_or_insert_with(|| Prepared::folded(title))
                    };
                    positions.extend(self.term_positions(&term, prepared, false));
                }
                ClauseKind::Exact(t) => {
                    positions.extend(Needle::new(t).char_ranges(title).into_iter().flatten())
                }
                ClauseKind::Prefix(t) if Needle::new(t).starts(title) => {
                    positions.extend(0..t.chars().count())
                }
                // The end of a cut title is not the title's end.
                ClauseKind::Suffix(t) if !cut && Needle::new(t).ends(title) => {
                    let n = title.chars().count();
                    positions.extend(n - t.chars().count()..n)
                }
                _ => {}
            }
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }

    /// Byte ranges of `parts` joined by `separator` (a paper's authors,
    /// or its tags) matched by the query's positive bare words and the
    /// words of `field:` clauses: each part on its own, from its byte
    /// `from` on (a tag's name, after its namespace). Sorted and merged.
    pub fn parts_marks(
        &self,
        query: &Query,
        parts: &[(&str, usize)],
        separator: &str,
        field: Option<Field>,
    ) -> Vec<Range<usize>> {
        let terms: Vec<Term> = query
            .clauses()
            .filter(|c| !c.negated)
            .filter_map(|c| match &c.kind {
                ClauseKind::Fuzzy(t) => Some(Term::new(t)),
                ClauseKind::Field(f, t) if Some(*f) == field => Some(Term::new(t)),
                _ => None,
            })
            .collect();
        let mut marks: Vec<Range<usize>> = Vec::new();
        let mut offset = 0;
        for &(part, from) in parts {
            let matched = part.get(from..).unwrap_or("");
            let mut positions = Vec::new();
            for term in &terms {
                let prepared = if term.case_sensitive() {
                    Prepared::original(matched)
                } else {
                    Prepared::folded(matched)
                };
                positions.extend(self.term_positions(term, &prepared, true));
            }
            positions.sort_unstable();
            let start = offset + from;
            let mut wanted = positions.into_iter().peekable();
            for (i, (byte, c)) in matched.char_indices().enumerate() {
                if wanted.peek().is_none() {
                    break;
                }
                if wanted.next_if_eq(&i).is_some() {
                    while wanted.next_if_eq(&i).is_some() {}
                    let at = start + byte;
                    match marks.last_mut() {
                        Some(last) if last.end == at => last.end = at + c.len_utf8(),
                        _ => marks.push(at..at + c.len_utf8()),
                    }
                }
            }
            offset += part.len() + separator.len();
        }
        marks
    }

    /// Character positions of `term` in a prepared text: where it matches
    /// exactly, else in the word it means with letters dropped or typos.
    /// `fields`: commas part names in the text.
    fn term_positions(&self, term: &Term, prepared: &Prepared, fields: bool) -> Vec<usize> {
        let text = if fields {
            prepared.text().with_fields()
        } else {
            prepared.text()
        };
        match term.positions(text) {
            Some(found) => found,
            None if !term.case_sensitive() => {
                let meant = self.vocabulary.meant(term.folded());
                meant_positions(&meant, text.as_str(), term.folded())
            }
            None => Vec::new(),
        }
    }

    /// Byte ranges of a paper's abstract matched by the query's positive
    /// exact terms, phrases and `abstract:` clauses, and the words its bare
    /// words found there (forgiven words included): sorted, merged, and at
    /// most [`MARKS`] of them, however long the abstract.
    pub fn abstract_marks<P: Papers + ?Sized>(
        &self,
        papers: &P,
        index: usize,
        query: &Query,
    ) -> Vec<Range<usize>> {
        let paper = papers.paper(index);
        text_marks(&paper.abstract_text, query, Field::Abstract)
    }
}

/// How much of a PDF's text a snippet looks through for a match.
const BODY_SCANNED: usize = 2 << 20;

/// Byte ranges of `text` (an abstract, or a page of a PDF's text for
/// `field` [`Field::Body`]) matched by the query's positive exact terms,
/// phrases and `field:` clauses, and the words its bare words find there:
/// sorted, merged, at most [`MARKS`].
fn text_marks(text: &str, query: &Query, field: Field) -> Vec<Range<usize>> {
    let mut marks: Vec<Range<usize>> = query
        .clauses()
        .filter(|c| !c.negated)
        .filter_map(|c| match &c.kind {
            ClauseKind::Exact(t) => Some(t),
            ClauseKind::Field(f, t) if *f == field => Some(t),
            _ => None,
        })
        .flat_map(|t| Needle::new(t).byte_ranges(text, MARKS))
        .collect();
    for clause in query.clauses().filter(|c| !c.negated) {
        if let ClauseKind::Fuzzy(t) = &clause.kind {
            marks.extend(word_marks(text, &Term::new(t)));
        }
    }
    marks.sort_unstable_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(marks.len());
    for mark in marks {
        match merged.last_mut() {
            Some(last) if mark.start <= last.end => last.end = last.end.max(mark.end),
            _ => merged.push(mark),
        }
    }
    merged.truncate(MARKS);
    merged
}

impl Index {
    /// Whether every positive text clause of `query` is a bare word that
    /// paper `index`'s headline (title, authors, organization, tags)
    /// holds: then its abstract is not why it matched.
    fn headline_holds_every_word(&self, index: usize, query: &Query) -> bool {
        query
            .clauses()
            .filter(|c| !c.negated)
            .all(|c| match &c.kind {
                ClauseKind::Fuzzy(t) => {
                    let (title, rest) = (self.headlines.title(index), self.headlines.rest(index));
                    match Sequence::of(t) {
                        // As the search finds a hyphenated word: its words
                        // in sequence, or joined.
                        Some(words) => {
                            words.score_in(title.as_str()).is_some()
                                || words.score_in(rest.as_str()).is_some()
                                || Term::new(&words.joined()).score(title).is_some()
                        }
                        None => {
                            let term = Term::new(t);
                            term.score(title).is_some() || term.score(rest).is_some()
                        }
                    }
                }
                ClauseKind::Exact(_) | ClauseKind::Field(Field::Abstract | Field::Body, _) => false,
                _ => true,
            })
    }

    /// Whether paper `index` is a result for `query` without its title
    /// showing why, nor its headline holding every word: then its
    /// abstract says why (see [`Index::abstract_snippet`]).
    pub fn shows_why_elsewhere<P: Papers + ?Sized>(
        &self,
        papers: &P,
        index: usize,
        query: &Query,
    ) -> bool {
        self.title_positions(papers, index, query).is_empty()
            && !self.headline_holds_every_word(index, query)
    }

    /// Why paper `index` is a result when its title does not show it: at
    /// most `width` characters of its abstract around the first match;
    /// `None` when the title shows a match or the abstract holds none.
    pub fn abstract_snippet<P: Papers + ?Sized>(
        &self,
        papers: &P,
        index: usize,
        query: &Query,
        width: usize,
    ) -> Option<Snippet> {
        if !self.shows_why_elsewhere(papers, index, query) {
            return None;
        }
        let marks = self.abstract_marks(papers, index, query);
        snippet(&papers.paper(index).abstract_text, &marks, width)
            .or_else(|| self.body_snippet(papers, index, query, width))
    }

    /// At most `width` characters of the text of paper `index`'s PDF
    /// around the first page's first match, after that page's number
    /// (`p. 3: …`); `None` without a PDF text or a match in it.
    pub fn body_snippet<P: Papers + ?Sized>(
        &self,
        papers: &P,
        index: usize,
        query: &Query,
        width: usize,
    ) -> Option<Snippet> {
        let pages = papers.body_pages(index)?;
        // A row's snippet is worked out as it is drawn: a PDF of
        // thousands of pages is looked at as far as this.
        let mut scanned = 0;
        pages.iter().enumerate().find_map(|(k, page)| {
            scanned += page.len();
            if scanned > BODY_SCANNED {
                return None;
            }
            let marks = text_marks(page, query, Field::Body);
            let label = format!("p. {}: ", k + 1);
            let found = snippet(page, &marks, width.checked_sub(label.len())?)?;
            Some(Snippet {
                marks: found
                    .marks
                    .iter()
                    .map(|m| m.start + label.len()..m.end + label.len())
                    .collect(),
                text: label + &found.text,
            })
        })
    }
}

/// Byte ranges of the words of `text` that a bare word's `term` finds in
/// an abstract, as the abstracts index does: the words starting with it,
/// else the words it means with letters dropped or typos.
fn word_marks(text: &str, term: &Term) -> Vec<Range<usize>> {
    // Words past this are not looked at: an abstract is a few KB, and a
    // huge one must cost no more than a long one to show.
    let mut scanned = text.len().min(WORDS_SCANNED);
    while !text.is_char_boundary(scanned) {
        scanned -= 1;
    }
    let text = &text[..scanned];
    let fold = |w: &str| -> String {
        if term.case_sensitive() {
            w.to_string()
        } else {
            w.chars().map(crate::query::text::fold::fold).collect()
        }
    };
    let words: Vec<(Range<usize>, String)> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            // `split` hands out subslices of `text`: their offsets.
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            (start..start + w.len(), fold(w))
        })
        .collect();
    let wanted = if term.case_sensitive() {
        term.as_str()
    } else {
        term.folded()
    };
    if wanted.contains('-') {
        return hyphenated_marks(&words, wanted);
    }
    let starting: Vec<Range<usize>> = words
        .iter()
        .filter(|(_, w)| w.starts_with(wanted))
        .map(|(r, _)| r.clone())
        .take(MARKS)
        .collect();
    if !starting.is_empty() || term.case_sensitive() {
        return starting;
    }
    let mut distinct: Vec<String> = words.iter().map(|(_, w)| w.clone()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let meant = crate::query::index::Vocabulary::meant_among(wanted, &distinct);
    words
        .into_iter()
        .filter(|(_, w)| meant.contains(w))
        .map(|(r, _)| r)
        .take(MARKS)
        .collect()
}

/// The words a hyphenated term (`u-net`) finds: its parts as words in
/// sequence (`U-Net`, `U Net`; the last part may start a word), or one word
/// starting with them joined (`UNet`).
fn hyphenated_marks(words: &[(Range<usize>, String)], term: &str) -> Vec<Range<usize>> {
    let parts: Vec<&str> = term.split('-').filter(|p| !p.is_empty()).collect();
    let joined = parts.concat();
    let mut marks = Vec::new();
    for (i, (range, word)) in words.iter().enumerate() {
        if !joined.is_empty() && word.starts_with(&joined) {
            marks.push(range.clone());
            continue;
        }
        let Some(run) = words.get(i..i + parts.len()) else {
            continue;
        };
        let last = parts.len().saturating_sub(1);
        let in_sequence = parts
            .iter()
            .zip(run)
            .enumerate()
            .all(|(k, (part, (_, w)))| {
                if k == last {
                    w.starts_with(part)
                } else {
                    w == part
                }
            });
        if in_sequence && let (Some(first), Some(end)) = (run.first(), run.last()) {
            marks.push(first.0.start..end.0.end);
        }
        if marks.len() >= MARKS {
            break;
        }
    }
    marks
}

/// Character positions in `folded` text of the best word of `meant` that
/// it holds: the letters of the term within the word for dropped letters,
/// the whole word for a typo.
fn meant_positions(meant: &[Meant], folded: &str, term: &str) -> Vec<usize> {
    for m in meant {
        let Some(at) = find_word(folded, &m.word) else {
            continue;
        };
        let start = folded[..at].chars().count();
        let within = if m.score / LEVEL == level::DROPPED {
            SkimMatcherV2::default()
                .fuzzy_indices(&m.word, term)
                .map(|(_, at)| at)
        } else {
            None
        };
        let within = within.unwrap_or_else(|| (0..m.word.chars().count()).collect());
        return within.into_iter().map(|i| start + i).collect();
    }
    Vec::new()
}

/// Bytes of an abstract whose words are marked, at most.
const WORDS_SCANNED: usize = 256 << 10;

/// Highlighted matches per abstract at most.
pub const MARKS: usize = 10_000;

#[cfg(test)]
mod tests {
    use crate::query::index::Index;
    use crate::query::parse::parse;

    use super::super::tests::papers;

    #[test]
    fn highlight_positions() {
        let papers = papers();
        let index = Index::new(&papers);
        let q = parse("mamba ^vision").unwrap();
        assert_eq!(
            index.title_positions(&papers, 2, &q),
            [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11]
        );
        // "State space models segment tumours": overlapping and touching
        // matches merge.
        let q = parse("'segment \"space models\" !state 'models").unwrap();
        assert_eq!(index.abstract_marks(&papers, 0, &q), [6..18, 19..26]);
    }

    #[test]
    fn bare_words_mark_the_abstract_words_they_find_forgiven_ones_too() {
        let papers = papers();
        let index = Index::new(&papers);
        let text = &papers[0].abstract_text;
        let marked = |query: &str| -> Vec<&str> {
            let q = parse(query).unwrap();
            index
                .abstract_marks(&papers, 0, &q)
                .into_iter()
                .map(|r| &text[r])
                .collect()
        };
        // "State space models segment tumours".
        assert_eq!(marked("segm"), ["segment"]);
        assert_eq!(marked("tumuors"), ["tumours"], "a typo");
        assert_eq!(marked("tmours"), ["tumours"], "dropped letters");
        assert_eq!(marked("State"), ["State"]);
        assert!(marked("Space").is_empty(), "smart case");
        assert!(marked("!segment").is_empty());
        assert_eq!(marked("space-mod"), ["space models"], "words in sequence");
        let why = |query: &str| index.abstract_snippet(&papers, 0, &parse(query).unwrap(), 60);
        assert_eq!(
            why("tumours").unwrap().text,
            "State space models segment tumours in MRI."
        );
        assert!(why("mamba tumours").is_none(), "the title shows why");
        assert!(why("zzz").is_none());
    }

    #[test]
    fn authors_and_tag_names_are_marked_on_their_own() {
        let papers = papers();
        let index = Index::new(&papers);
        let q = parse("mamba ct").unwrap();
        // "Ada Mamba, Bo Li": the name, never across the comma.
        let authors = [("Ada Mamba", 0), ("Bo Li", 0)];
        let only = |marks: Vec<std::ops::Range<usize>>| {
            assert_eq!(marks.len(), 1, "{marks:?}");
            marks[0].clone()
        };
        assert_eq!(only(index.parts_marks(&q, &authors, ", ", None)), 4..9);
        // "modality/ct  type/study": the name after the namespace only.
        let tags = [("modality/ct", 9), ("type/study", 5)];
        assert_eq!(only(index.parts_marks(&q, &tags, "  ", None)), 9..11);
        let q = parse("author:li").unwrap();
        let author = Some(crate::query::ast::Field::Author);
        assert_eq!(only(index.parts_marks(&q, &authors, ", ", author)), 14..16);
        assert!(index.parts_marks(&q, &tags, "  ", None).is_empty());
    }

    #[test]
    fn letters_dropped_and_typos_highlight_the_word_meant() {
        let papers = papers();
        let index = Index::new(&papers);
        // "A Transformer Study": the term's letters within Transformer.
        let q = parse("transfrmr").unwrap();
        assert_eq!(
            index.title_positions(&papers, 1, &q),
            [2, 3, 4, 5, 6, 7, 9, 10, 12]
        );
        // "Mamba for Segmentation": the whole word with the typo.
        let q = parse("segmnetation").unwrap();
        assert_eq!(
            index.title_positions(&papers, 0, &q),
            (10..22).collect::<Vec<_>>()
        );
    }
}
