//! A query prepared for matching: each clause turned into a matcher once
//! per query, so that scoring a paper prepares nothing.

use std::sync::Arc;

use crate::fulltext::PaperSet;
use crate::query::ast::{Clause, ClauseKind, Field, Query};
use crate::query::index::Index;
use crate::query::index::headlines::{FIRST_WORD_ALONE, byte_bit, mask};
use crate::query::index::{HeadlineWords, RunScores, Vocabulary};
use crate::query::papers::Papers;
use crate::query::text::forgive::Meant;
use crate::query::text::fuzzy::{LEVEL, Prepared, Term, Text, holds_word, level, leveled};
use crate::query::text::hyphen::Sequence;
use crate::query::text::needle::Needle;

/// A query compiled against an index: terms prepared, tags resolved,
/// groups in the order that rules papers out soonest.
pub(super) struct Compiled<'q> {
    /// The AND of these groups, each an OR of clauses with their matchers.
    pub(super) groups: Vec<Vec<(&'q Clause, Matcher)>>,
    /// Whether scoring looks at the headline text at all (not for facts,
    /// tags and one-letter terms, which the index's columns answer).
    pub(super) reads_text: bool,
}

/// How one clause is matched, prepared once per query.
pub(super) enum Matcher {
    /// A fuzzy term, on the title and then the rest of the headline.
    Fuzzy(Box<Fuzzy>),
    /// A hyphenated bare word: its words in sequence, or joined as one
    /// fuzzy term.
    Hyphenated(Box<Hyphenated>),
    /// A substring anywhere, abstract included.
    Exact(InAbstract),
    /// The start of the title.
    Prefix(Needle),
    /// The end of the title.
    Suffix(Needle),
    /// A field: fuzzy on names, a substring in the abstract.
    Field(Field, Box<(Fuzzy, InAbstract)>),
    /// Which tag ids satisfy the clause.
    Tags(Vec<bool>),
    /// The papers most like something, with their similarity.
    Similar(crate::query::similar::Similar),
    /// Where the paper a pasted id names is, when the corpus has it.
    Paper(Option<usize>),
    /// Numbers and flags: the clause itself is all that is needed.
    AsParsed,
}

/// A substring, with the papers whose abstract may hold it when the
/// abstracts are indexed (the others are not read).
pub(super) struct InAbstract {
    pub(super) needle: Needle,
    candidates: Option<PaperSet>,
}

impl InAbstract {
    fn new<P: Papers + ?Sized>(text: &str, papers: &P) -> InAbstract {
        // The longest run of word characters: every abstract holding the
        // text has a word holding the run.
        let longest = text
            .split(|c: char| !c.is_alphanumeric())
            .max_by_key(|run| run.len())
            .unwrap_or("");
        let candidates = (!longest.is_empty())
            .then(|| papers.abstract_containing(&longest.to_lowercase()))
            .flatten();
        InAbstract {
            needle: Needle::new(text),
            candidates,
        }
    }

    /// A substring of a PDF's text: only papers whose text has a word
    /// holding its longest run are read (none, without such PDFs).
    fn in_body<P: Papers + ?Sized>(text: &str, papers: &P) -> InAbstract {
        let longest = text
            .split(|c: char| !c.is_alphanumeric())
            .max_by_key(|run| run.len())
            .unwrap_or("");
        let none = || std::sync::Arc::new(vec![0u64; papers.count().div_ceil(64)]);
        let candidates = match longest.is_empty() {
            true => papers.body_containing("").map(|_| none()),
            false => papers.body_containing(&longest.to_lowercase()),
        };
        InAbstract {
            needle: Needle::new(text),
            candidates: Some(candidates.unwrap_or_else(none)),
        }
    }

    /// Whether paper `i`'s abstract may hold the text.
    #[inline]
    pub(super) fn may_hold(&self, i: usize) -> bool {
        self.candidates
            .as_ref()
            .is_none_or(|set| crate::fulltext::holds(set, i))
    }
}

/// A hyphenated bare word (`zero-shot`): its words in sequence in the
/// headline or the abstract, or written as one word (`zeroshot`), which
/// is matched as a bare word is, in every tier.
pub(super) struct Hyphenated {
    pub(super) joined: Fuzzy,
    pub(super) sequence: Sequence,
    /// The papers whose abstract may hold the words, when the abstracts
    /// are indexed (else abstracts are not looked at, as for bare words).
    abstracts: Option<PaperSet>,
}

impl Hyphenated {
    fn new<P: Papers + ?Sized>(index: &Index, papers: &P, sequence: Sequence) -> Hyphenated {
        Hyphenated {
            joined: Fuzzy::bare(index, papers, &sequence.joined()),
            abstracts: abstracts_holding_each(papers, &sequence),
            sequence,
        }
    }

    /// Whether a headline part whose characters are `chars` may hold the
    /// words.
    #[inline]
    pub(super) fn may_be_in(&self, chars: u64) -> bool {
        self.joined.mask & !chars == 0
    }

    /// Whether paper `i`'s abstract may hold the words.
    #[inline]
    pub(super) fn may_be_in_abstract(&self, i: usize) -> bool {
        self.abstracts
            .as_ref()
            .is_some_and(|set| crate::fulltext::holds(set, i))
    }
}

/// The papers whose abstract has, for each word of the sequence (of
/// three letters or more; the longest if none is), a word holding it:
/// written apart or joined, the words lie in words of the abstract.
fn abstracts_holding_each<P: Papers + ?Sized>(papers: &P, sequence: &Sequence) -> Option<PaperSet> {
    let mut words: Vec<String> = sequence
        .words()
        .iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| w.to_lowercase())
        .collect();
    if words.is_empty() {
        words.push(sequence.longest().to_lowercase());
    }
    let mut sets = words.iter().map(|w| papers.abstract_containing(w));
    let mut all: Vec<u64> = sets.next()??.as_ref().clone();
    for set in sets {
        let set = set?;
        all.iter_mut().zip(set.iter()).for_each(|(a, b)| *a &= b);
    }
    Some(std::sync::Arc::new(all))
}

/// A fuzzy term. A case-sensitive one is first matched folded, which any
/// exact-case match also passes, so that the original text is looked at
/// only for the few papers that pass.
pub(super) struct Fuzzy {
    term: Term,
    folded: Option<Term>,
    /// The characters the term needs (see `headlines::mask`).
    mask: u64,
    /// The mask bit of a term that is one letter or digit, matched
    /// without case: such a term is scored from the headline masks alone.
    letter: Option<u64>,
    /// The mask bit of its first character.
    first: u64,
    /// For a two-letter term, its second letter's mask bit, else 0: a
    /// match by word prefixes that is not the term starting one word
    /// (which the contiguous run finds) is a word starting with the first
    /// letter and the next with the second, so the second must start a
    /// word too.
    second: u64,
    /// The papers with an abstract word starting with the term, for a bare
    /// word of three letters or more when the abstracts are indexed.
    abstract_words: Option<PaperSet>,
    /// The papers with an abstract word the term means with letters
    /// dropped or typos (a bare word of four letters or more).
    abstract_meant: Option<PaperSet>,
    /// The papers with a word of their PDF's text starting with the term,
    /// for a bare word of three letters or more when there are such PDFs.
    body_words: Option<PaperSet>,
    /// The headline words the term means below its exact levels (letters
    /// dropped, typos), best first.
    meant: Arc<[Meant]>,
    /// Whether the term may occur as one run in a headline: false when no
    /// word of the vocabulary holds it, so that only prefixes of words are
    /// looked for.
    runs_possible: bool,
    /// The best run in every headline part, from the words index, when
    /// scoring from it is less work than reading every headline.
    runs: Option<Arc<RunScores>>,
}

/// Below this many candidates, reading their headlines is as quick as
/// looking the term up in the words index.
const WORDS_FROM: usize = 20_000;
/// The words index is used when its postings to walk are fewer than this
/// many per candidate: a posting costs a few nanoseconds, a headline read
/// and matched a few hundred.
const POSTINGS_PER_CANDIDATE: usize = 16;

impl Fuzzy {
    fn new(text: &str) -> Fuzzy {
        let term = Term::new(text);
        let folded = term.case_sensitive().then(|| Term::new(term.folded()));
        Fuzzy {
            mask: mask(term.folded()),
            first: term.folded().bytes().next().map_or(0, byte_bit),
            second: match term.folded().as_bytes() {
                [_, b] => byte_bit(*b),
                _ => 0,
            },
            letter: match term.folded().as_bytes() {
                [b] if b.is_ascii_alphanumeric() && !term.case_sensitive() => Some(byte_bit(*b)),
                _ => None,
            },
            term,
            folded,
            abstract_words: None,
            abstract_meant: None,
            body_words: None,
            meant: Arc::from([]),
            runs_possible: true,
            runs: None,
        }
    }

    /// Also matches the headline words of `vocabulary` that the term means
    /// with letters dropped or typos (a term typed without capitals).
    fn forgiving(mut self, vocabulary: &Vocabulary) -> Fuzzy {
        if !self.term.case_sensitive() {
            let folded = self.term.folded();
            self.meant = vocabulary.meant(folded);
            // A run of three letters or digits or more lies in a word of
            // the vocabulary, which keeps every such word.
            if folded.chars().count() >= 3 && folded.chars().all(char::is_alphanumeric) {
                self.runs_possible = vocabulary.any_holds(folded);
            }
        }
        self
    }

    /// For a one-letter term, its score in a headline part from the
    /// part's masks (characters, word starts, one-letter words) and
    /// whether the part begins with the letter; `None` for longer terms.
    /// The same scores as [`Term::score`] gives, without the text: the
    /// letter as a word of its own, else starting a word, else inside one,
    /// the first place in the part earning a little more.
    #[inline]
    pub(super) fn letter_score(
        &self,
        (chars, starts): (u64, u64),
        words: u64,
        begins: bool,
    ) -> Option<Option<i64>> {
        let bit = self.letter?;
        let within = |first: bool| 16 + if first { 6 } else { 0 };
        Some(if words & bit != 0 {
            let alone_first = begins && words & FIRST_WORD_ALONE != 0;
            Some(leveled(level::WHOLE, within(alone_first)))
        } else if starts & bit != 0 {
            Some(leveled(level::START, within(begins)))
        } else if chars & bit != 0 {
            Some(leveled(level::INSIDE, within(false)))
        } else {
            None
        })
    }

    /// The mask bit of a one-letter term.
    pub(super) fn letter_bit(&self) -> Option<u64> {
        self.letter
    }

    /// The term twice: as compiled, and with its one-letter path off,
    /// so that tests can hold one to the other.
    #[cfg(test)]
    pub(super) fn both_ways(text: &str, vocabulary: &Vocabulary) -> (Fuzzy, Fuzzy) {
        let fast = Fuzzy::new(text).forgiving(vocabulary);
        let mut slow = Fuzzy::new(text).forgiving(vocabulary);
        slow.letter = None;
        (fast, slow)
    }

    /// Whether the term means any headline word with letters dropped or
    /// typos.
    #[inline]
    pub(super) fn means_words(&self) -> bool {
        !self.meant.is_empty()
    }

    /// The score in a headline part (whose characters are `chars`) of the
    /// best word the term means that it holds.
    #[inline]
    pub(super) fn meant_score(&self, chars: u64, text: Text) -> Option<i64> {
        self.meant
            .iter()
            .find(|m| m.mask & !chars == 0 && holds_word(text.as_str(), &m.word))
            .map(|m| m.score)
    }

    /// Scores this term's runs from the index's words, when the term is
    /// letters and digits without capitals, at least two of them, and the
    /// words holding it have fewer postings than reading `candidates`
    /// headlines would cost.
    fn use_words(&mut self, words: &Arc<HeadlineWords>, candidates: usize) {
        let folded = self.term.folded();
        if self.folded.is_some()
            || self.letter.is_some()
            || folded.chars().count() < 2
            || !folded.chars().all(char::is_alphanumeric)
        {
            return;
        }
        let holding = words.holding(folded);
        if holding.postings < candidates.saturating_mul(POSTINGS_PER_CANDIDATE) {
            self.runs = words.scores(&self.term, &holding).map(Arc::new);
        }
    }

    /// For paper `i`'s title and rest, the best run, when the words index
    /// covers the paper.
    #[inline]
    pub(super) fn runs_of(&self, i: usize) -> Option<[Option<i64>; 2]> {
        self.runs.as_ref()?.of(i)
    }

    /// [`Fuzzy::score`] of paper `i`'s title (`part` 0) or rest (1), with
    /// the best run known (see [`Fuzzy::runs_of`]). The part's masks are
    /// not needed: a run is found only where the part has the term's
    /// characters, and the mask of consecutive word starts rules out
    /// matches by prefixes as the masks would, and more.
    #[inline]
    pub(super) fn score_given_run<'t>(
        &self,
        folded: impl FnOnce() -> Text<'t>,
        run: Option<i64>,
        (i, part): (usize, usize),
    ) -> Option<i64> {
        if run.is_some_and(|s| s >= level::START * LEVEL) {
            return run;
        }
        let prefixes = self
            .runs
            .as_ref()
            .is_none_or(|r| r.prefixes_may_match(i, part));
        if !prefixes {
            return run;
        }
        self.term.score_given_run(folded(), run, prefixes)
    }

    /// A bare word as a query compiles it: on the headline, its letters
    /// dropped or typos, and on the words of the abstract.
    pub(super) fn bare<P: Papers + ?Sized>(index: &Index, papers: &P, text: &str) -> Fuzzy {
        Fuzzy::new(text)
            .with_abstract(papers)
            .forgiving(&index.vocabulary)
    }

    /// Whether every paper this term matches is matched by `shorter`, a
    /// word it grew from. Exact matches only narrow as a word grows, but
    /// forgiven words need not: `reasonign` means "reasoning" where
    /// `reasonig` meant other words, and a term of three letters looks in
    /// the abstracts where one of two does not. So each word this term
    /// forgives must be one `shorter` holds or forgives too, and each
    /// abstract it finds one `shorter` finds.
    pub(super) fn finds_within(&self, shorter: &Fuzzy) -> bool {
        let folded = self.term.folded();
        if !folded.chars().all(char::is_alphanumeric)
            || !folded.starts_with(shorter.term.folded())
            || (self.abstract_words.is_some() && shorter.abstract_words.is_none())
            || (self.body_words.is_some() && shorter.body_words.is_none())
        {
            return false;
        }
        let held = |word: &str| {
            word.contains(shorter.term.folded()) || shorter.meant.iter().any(|m| m.word == word)
        };
        if !self.meant.iter().all(|m| held(&m.word)) {
            return false;
        }
        match &self.abstract_meant {
            None => true,
            Some(set) => {
                let none = Vec::new();
                let words = shorter.abstract_words.as_deref().unwrap_or(&none);
                let meant = shorter.abstract_meant.as_deref().unwrap_or(&none);
                set.iter().enumerate().all(|(k, &bits)| {
                    let within =
                        words.get(k).copied().unwrap_or(0) | meant.get(k).copied().unwrap_or(0);
                    bits & !within == 0
                })
            }
        }
    }

    /// Also matches words of the abstract that start with the term.
    fn with_abstract<P: Papers + ?Sized>(mut self, papers: &P) -> Fuzzy {
        let folded = self.term.folded();
        if folded.chars().count() >= 3 && folded.chars().all(char::is_alphanumeric) {
            self.abstract_words = papers.abstract_words(folded);
            self.body_words = papers.body_words(folded);
        }
        if !self.term.case_sensitive()
            && folded.chars().count() >= 4
            && folded.chars().all(char::is_alphanumeric)
        {
            self.abstract_meant = papers.abstract_meant(folded);
        }
        self
    }

    /// Whether paper `i` has an abstract word the term means with letters
    /// dropped or typos.
    #[inline]
    pub(super) fn in_abstract_meant(&self, i: usize) -> bool {
        self.abstract_meant
            .as_ref()
            .is_some_and(|set| crate::fulltext::holds(set, i))
    }

    /// Whether paper `i`'s PDF text has a word starting with the term.
    #[inline]
    pub(super) fn in_body(&self, i: usize) -> bool {
        self.body_words
            .as_ref()
            .is_some_and(|set| crate::fulltext::holds(set, i))
    }

    /// Whether paper `i` has an abstract word starting with the term.
    #[inline]
    pub(super) fn in_abstract(&self, i: usize) -> bool {
        self.abstract_words
            .as_ref()
            .is_some_and(|set| crate::fulltext::holds(set, i))
    }

    /// The score in a headline part whose characters are `chars` and whose
    /// word-start characters are `starts`: `folded` from the index,
    /// `original` built only when the case must be checked.
    // Inline: called for each candidate from `score`, in another module.
    #[inline]
    pub(super) fn score(
        &self,
        (chars, starts): (u64, u64),
        folded: Text,
        original: impl FnOnce() -> String,
    ) -> Option<i64> {
        if self.mask & !chars != 0 {
            return None;
        }
        let prefixes_possible = self.first & starts != 0 && self.second & !starts == 0;
        match &self.folded {
            None if !self.runs_possible => self.term.score_by_prefixes(folded, prefixes_possible),
            None => self.term.score_knowing(folded, prefixes_possible),
            Some(f) => {
                f.score_knowing(folded, prefixes_possible)?;
                self.term.score(Prepared::original(&original()).text())
            }
        }
    }
}

/// A rough cost of evaluating a clause for one paper, lower first: flags
/// and numbers, then tags, then title prefixes, then fuzzy terms (longer
/// terms fail sooner), then substrings that may scan the abstract.
fn cost(kind: &ClauseKind) -> usize {
    match kind {
        ClauseKind::Tag(_) => 1,
        ClauseKind::Prefix(_) | ClauseKind::Suffix(_) => 2,
        ClauseKind::Fuzzy(t) | ClauseKind::Field(Field::Title | Field::Author | Field::Org, t) => {
            20 - t.len().min(16)
        }
        ClauseKind::Exact(_) | ClauseKind::Field(Field::Abstract | Field::Body, _) => 30,
        _ => 0,
    }
}

impl<'q> Compiled<'q> {
    /// Prepares `query` for matching against `index` and `papers`.
    pub(super) fn new<P: Papers + ?Sized>(
        index: &Index,
        papers: &P,
        query: &'q Query,
    ) -> Compiled<'q> {
        let mut groups: Vec<Vec<(&Clause, Matcher)>> = query
            .groups
            .iter()
            .map(|g| {
                g.alternatives
                    .iter()
                    .map(|c| (c, matcher(index, papers, &c.kind)))
                    .collect()
            })
            .collect();
        // A paper fails at its first failing group: cheap and selective
        // groups first. The score is a sum, so the order does not change it.
        groups.sort_by_key(|g| g.iter().map(|(c, _)| cost(&c.kind)).max().unwrap_or(0));
        let mut compiled = Compiled {
            groups,
            reads_text: true,
        };
        compiled.reads_text = compiled.reads_text();
        compiled
    }
}

impl Compiled<'_> {
    /// Lets bare words score their runs from the index's words where that
    /// is less work than reading the headlines of `candidates` papers.
    pub(super) fn use_words(&mut self, index: &Index, candidates: usize) {
        let Some(words) = index.words() else {
            return;
        };
        if candidates < WORDS_FROM {
            return;
        }
        for (_, m) in self.groups.iter_mut().flatten() {
            match m {
                Matcher::Fuzzy(term) => term.use_words(words, candidates),
                Matcher::Hyphenated(h) => h.joined.use_words(words, candidates),
                _ => {}
            }
        }
        self.reads_text = self.reads_text();
    }

    /// Whether matching reads most candidates' headline text, which is
    /// then fetched from memory ahead of scoring.
    fn reads_text(&self) -> bool {
        self.groups.iter().flatten().any(|(_, m)| match m {
            Matcher::Fuzzy(term) => term.letter_bit().is_none() && term.runs.is_none(),
            Matcher::Tags(_) | Matcher::AsParsed | Matcher::Similar(_) | Matcher::Paper(_) => false,
            _ => true,
        })
    }

    /// The similarity of a `similar:` clause that is a group of its own
    /// and not negated: every hit is among its papers.
    pub(super) fn required_similar(&self) -> Option<&crate::query::similar::Similar> {
        self.groups.iter().find_map(|group| match group.as_slice() {
            [(clause, Matcher::Similar(similar))] if !clause.negated => Some(similar),
            _ => None,
        })
    }
}

/// The matcher of one clause.
fn matcher<P: Papers + ?Sized>(index: &Index, papers: &P, kind: &ClauseKind) -> Matcher {
    match kind {
        ClauseKind::Fuzzy(t) => match Sequence::of(t) {
            Some(sequence) => {
                Matcher::Hyphenated(Box::new(Hyphenated::new(index, papers, sequence)))
            }
            None => Matcher::Fuzzy(Box::new(Fuzzy::bare(index, papers, t))),
        },
        ClauseKind::Exact(t) => Matcher::Exact(InAbstract::new(t, papers)),
        ClauseKind::Prefix(t) => Matcher::Prefix(Needle::new(t)),
        ClauseKind::Suffix(t) => Matcher::Suffix(Needle::new(t)),
        ClauseKind::Field(f, t) => {
            let in_abstract = match f {
                Field::Abstract => InAbstract::new(t, papers),
                Field::Body => InAbstract::in_body(t, papers),
                _ => InAbstract {
                    needle: Needle::new(t),
                    candidates: None,
                },
            };
            let term = Fuzzy::new(t).forgiving(&index.vocabulary);
            Matcher::Field(*f, Box::new((term, in_abstract)))
        }
        // `wanted` is lowercase; tags keep their case (`arxiv/cs.LG`).
        ClauseKind::Tag(wanted) => Matcher::Tags(
            index
                .tag_names()
                .iter()
                .map(|tag| {
                    tag.eq_ignore_ascii_case(wanted)
                        || tag.to_lowercase() == *wanted
                        || (!wanted.contains('/')
                            && tag.split_once('/').is_some_and(|(_, name)| {
                                name.eq_ignore_ascii_case(wanted) || name.to_lowercase() == *wanted
                            }))
                })
                .collect(),
        ),
        ClauseKind::Similar(to) => {
            Matcher::Similar(crate::query::similar::similar(index, papers, to))
        }
        // Looked up once per query: one pass over the ids.
        ClauseKind::Paper(named) => Matcher::Paper(papers.position_of_paper(named)),
        _ => Matcher::AsParsed,
    }
}
