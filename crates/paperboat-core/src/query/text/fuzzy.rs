//! Fuzzy matching of one term against one text, fast enough to run over a
//! large corpus on every keystroke.
//!
//! A term matches when its characters occur either as one contiguous run
//! (`amba` in `Mamba`) or as prefixes of consecutive words (`llm` in `Large
//! Language Models`, `msam` in `MedSAM`, `seganything` in `Segment
//! Anything`). Letters scattered over unrelated words do not match, so that
//! `mamba` does not find `Model Breadcrumbs: Scaling Multi-Task Model
//! Merging`. Smart case: a term with a capital letter is case-sensitive.
//!
//! A match has a level, and every match of a better level scores above
//! every match of a worse one: the term as a whole word, then as the start
//! of a word, then as prefixes of consecutive words within one field, then
//! inside a word. Within a level, longer terms and matches at the start of
//! the text score higher; where in the text a match lies otherwise does not
//! count, so that ties fall to upvotes and date.

// Public here as well: whoever prepares text for a term folds it as terms do.
pub use super::fold::fold;
use super::needle::Needle;

/// The score step between levels: a level adds this many times its rank,
/// and what a match scores within its level stays below [`WITHIN`].
pub const LEVEL: i64 = 100_000;
/// What a match scores within its level is less than this.
pub const WITHIN: i64 = 10_000;

/// The levels of a match, best last (see the module's documentation). The
/// two below `INSIDE` are found through the corpus's words, not here.
pub mod level {
    /// A word within a few typos of the term.
    pub const TYPO: i64 = 1;
    /// A word holding the term's letters in order, a few dropped.
    pub const DROPPED: i64 = 2;
    /// Inside a word.
    pub const INSIDE: i64 = 3;
    /// Prefixes of consecutive words in one field.
    pub const INITIALS: i64 = 4;
    /// The start of a word.
    pub const START: i64 = 5;
    /// A whole word.
    pub const WHOLE: i64 = 6;
}

/// The score of a match of `level` scoring `within` inside it.
pub fn leveled(level: i64, within: i64) -> i64 {
    level * LEVEL + within.clamp(0, WITHIN - 1)
}

/// A text to match in, with a bitmap of the bytes where a word starts.
/// The index keeps one bitmap for all its text; `base` is where this text
/// begins in it, so that no per-paper structure is needed.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    hay: &'a str,
    starts: &'a [u64],
    base: usize,
    /// A comma separates fields (names in a list): prefixes of words on
    /// either side of it are not consecutive.
    commas_part: bool,
}

impl<'a> Text<'a> {
    /// `hay` begins at bit `base` of `starts`.
    pub fn new(hay: &'a str, starts: &'a [u64], base: usize) -> Text<'a> {
        Text {
            hay,
            starts,
            base,
            commas_part: false,
        }
    }

    /// The same text, its commas separating fields (`Ada Li, Bo Wu`).
    pub fn with_fields(self) -> Text<'a> {
        Text {
            commas_part: true,
            ..self
        }
    }

    /// Whether the bytes between two words part two fields: a line
    /// break, a `·` between headline parts, or a comma in a list.
    fn parts_fields(&self, between: &[u8]) -> bool {
        between
            .iter()
            .any(|&b| b == b'\n' || b == 0xB7 || (self.commas_part && b == b','))
    }

    /// Whether the words starting at bytes `first` and `next` lie in
    /// different fields, so that prefixes of the two never match as one.
    pub fn parts_fields_between(&self, first: usize, next: usize) -> bool {
        self.hay
            .as_bytes()
            .get(first..next)
            .is_some_and(|between| self.parts_fields(between))
    }

    /// Whether the `len` bytes at `at` (a word start) are a whole word,
    /// as matching judges it (a plural ending counts as the end).
    pub fn is_whole_word(&self, at: usize, len: usize) -> bool {
        at + len <= self.hay.len() && ends_word(*self, at + len)
    }

    /// The text matched in.
    pub fn as_str(&self) -> &'a str {
        self.hay
    }

    /// Whether a word starts at `byte`.
    pub fn is_word_start(&self, byte: usize) -> bool {
        self.is_start(byte)
    }

    fn is_start(&self, byte: usize) -> bool {
        byte < self.hay.len() && bit(self.starts, self.base + byte)
    }

    /// The first word start at or after `byte`, if any.
    fn next_start(&self, byte: usize) -> Option<usize> {
        let end = self.base + self.hay.len();
        let mut at = self.base + byte;
        while at < end {
            let word = self.starts[at / 64] >> (at % 64);
            if word != 0 {
                let found = at + word.trailing_zeros() as usize;
                return (found < end).then(|| found - self.base);
            }
            at = (at / 64 + 1) * 64;
        }
        None
    }
}

fn bit(bits: &[u64], at: usize) -> bool {
    bits.get(at / 64).is_some_and(|w| w >> (at % 64) & 1 == 1)
}

/// An owned text with its word starts, for matching one text on its own
/// (highlighting, case-sensitive terms, tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    hay: String,
    starts: Vec<u64>,
}

impl Prepared {
    /// `text` folded to lowercase, for case-insensitive terms.
    pub fn folded(text: &str) -> Prepared {
        let mut hay = String::with_capacity(text.len());
        let mut starts = Vec::new();
        push_folded(text, &mut hay, &mut starts);
        Prepared { hay, starts }
    }

    /// `text` as it is, for case-sensitive terms.
    pub fn original(text: &str) -> Prepared {
        let mut starts = vec![0u64; text.len().div_ceil(64)];
        for_each_word_start(text, |byte, _| starts[byte / 64] |= 1 << (byte % 64));
        Prepared {
            hay: text.to_string(),
            starts,
        }
    }

    /// The view matching works on.
    pub fn text(&self) -> Text<'_> {
        Text::new(&self.hay, &self.starts, 0)
    }
}

/// Appends `text` folded to `hay` and marks its word starts in `starts`
/// (a bitmap over the bytes of `hay`, grown as needed).
pub fn push_folded(text: &str, hay: &mut String, starts: &mut Vec<u64>) {
    let base = hay.len();
    if text.is_ascii() {
        // The common case: bytes are characters, lowercase in place, and
        // word starts from a table of (previous, this, next) byte classes,
        // without a branch per byte: this runs over every headline byte
        // of a corpus as it loads.
        hay.push_str(text);
        hay[base..].make_ascii_lowercase();
        starts.resize((base + text.len()).div_ceil(64), 0);
        let bytes = text.as_bytes();
        let mut prev = OTHER;
        let mut this = bytes.first().map_or(OTHER, |&b| CLASS[b as usize]);
        for i in 0..bytes.len() {
            let next = bytes.get(i + 1).map_or(OTHER, |&b| CLASS[b as usize]);
            let start = START[(prev << 4 | this << 2 | next) as usize] as u64;
            let at = base + i;
            starts[at / 64] |= start << (at % 64);
            prev = this;
            this = next;
        }
        return;
    }
    let mut marks = Vec::new();
    let mut folded_at = base;
    let mut chars = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((_, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c.is_alphanumeric() && starts_word(prev, c, next) {
            marks.push(folded_at);
        }
        let f = fold(c);
        hay.push(f);
        folded_at += f.len_utf8();
        prev = Some(c);
    }
    starts.resize(hay.len().div_ceil(64), 0);
    for at in marks {
        starts[at / 64] |= 1 << (at % 64);
    }
}

/// Calls `mark` with the byte offset of every word start in `text`.
fn for_each_word_start(text: &str, mut mark: impl FnMut(usize, char)) {
    if text.is_ascii() {
        // The same rule as `starts_word`, on byte classes: this runs for
        // every byte of every headline when a corpus loads.
        let bytes = text.as_bytes();
        let class = |i: usize| bytes.get(i).map_or(OTHER, |&b| CLASS[b as usize]);
        let mut prev = OTHER;
        for i in 0..bytes.len() {
            let c = CLASS[bytes[i] as usize];
            let start = c != OTHER
                && (prev == OTHER
                    || (prev == LOWER && c == UPPER)
                    || (prev == UPPER && c == UPPER && class(i + 1) == LOWER)
                    || (prev != DIGIT && c == DIGIT));
            if start {
                mark(i, bytes[i] as char);
            }
            prev = c;
        }
        return;
    }
    let mut chars = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c.is_alphanumeric() && starts_word(prev, c, next) {
            mark(i, c);
        }
        prev = Some(c);
    }
}

const OTHER: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 3;

/// Whether a byte starts a word, by the classes of the byte before it, the
/// byte itself and the byte after it (`prev << 4 | this << 2 | next`): the
/// rule of `starts_word` as a table.
const START: [bool; 64] = {
    let mut table = [false; 64];
    let mut i = 0;
    while i < 64 {
        let (p, c, n) = ((i >> 4) as u8, ((i >> 2) & 3) as u8, (i & 3) as u8);
        table[i] = c != OTHER
            && (p == OTHER
                || (p == LOWER && c == UPPER)
                || (p == UPPER && c == UPPER && n == LOWER)
                || (p != DIGIT && c == DIGIT));
        i += 1;
    }
    table
};

/// The class of each ASCII byte.
const CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            _ => OTHER,
        };
        b += 1;
    }
    table
};

/// A search term prepared once per query: folded and with a substring
/// searcher, as an exact term is.
#[derive(Debug, Clone)]
pub struct Term {
    needle: Needle,
}

/// After a non-alphanumeric character, at a lowercase-to-uppercase step
/// (`MedSAM`), where an acronym meets a word (`EHRMamba`), or at a
/// letter-to-digit step (`SAM2`).
fn starts_word(prev: Option<char>, c: char, next: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            !p.is_alphanumeric()
                || (p.is_lowercase() && c.is_uppercase())
                || (p.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase))
                || (p.is_alphabetic() && c.is_numeric())
        }
    }
}

impl Term {
    /// Prepares a term; smart case decides case sensitivity.
    pub fn new(text: &str) -> Term {
        Term {
            needle: Needle::new(text),
        }
    }

    /// The term as typed.
    pub fn as_str(&self) -> &str {
        &self.needle.text
    }

    /// The term folded to lowercase.
    pub fn folded(&self) -> &str {
        &self.needle.lower
    }

    /// Whether the term has a capital letter and so must match exactly that
    /// case: it is then matched against original text, not folded text.
    pub fn case_sensitive(&self) -> bool {
        self.needle.case_sensitive
    }

    /// The score of this term in `text`, if it matches. `text` is folded
    /// for a case-insensitive term and original for a case-sensitive one.
    pub fn score(&self, text: Text) -> Option<i64> {
        self.find(text, false, true).map(|m| m.score)
    }

    /// Like [`Term::score`], with the caller's knowledge of whether a match
    /// by word prefixes is possible at all (the term's first character
    /// starts a word of the text), which spares looking for one.
    pub fn score_knowing(&self, text: Text, prefixes_possible: bool) -> Option<i64> {
        self.find(text, false, prefixes_possible).map(|m| m.score)
    }

    /// Like [`Term::score_knowing`], for a term known to occur nowhere as
    /// one run (no word of the corpus holds it): only prefixes of words
    /// are looked for.
    pub fn score_by_prefixes(&self, text: Text, prefixes_possible: bool) -> Option<i64> {
        let needle = self.needle.lower.as_bytes();
        if self.needle.case_sensitive || !prefixes_possible || self.needle.len < 2 {
            return None;
        }
        if !is_subsequence(text.hay.as_bytes(), needle) {
            return None;
        }
        self.initials(text, needle, false).map(|m| m.score)
    }

    /// The score of the term's best run in `text` (the level of
    /// [`Term::score`] before prefixes of words are looked for), for a
    /// term without capitals.
    pub fn contiguous_score(&self, text: Text) -> Option<i64> {
        let needle = self.needle.lower.as_bytes();
        if needle.is_empty() {
            return None;
        }
        self.contiguous(text, needle, false).map(|m| m.score)
    }

    /// The score of [`Term::score_knowing`] given the best run's score
    /// `run` from elsewhere (see [`Term::contiguous_score`]): prefixes of
    /// consecutive words are looked for in `text` only when the run is
    /// below the start of a word and `prefixes` allows them.
    pub fn score_given_run(&self, text: Text, run: Option<i64>, prefixes: bool) -> Option<i64> {
        if run.is_some_and(|s| s >= level::START * LEVEL) {
            return run;
        }
        let needle = self.needle.lower.as_bytes();
        let initials =
            if prefixes && self.needle.len >= 2 && is_subsequence(text.hay.as_bytes(), needle) {
                self.initials(text, needle, false).map(|m| m.score)
            } else {
                None
            };
        run.max(initials)
    }

    /// The matched character positions, for highlighting.
    pub fn positions(&self, text: Text) -> Option<Vec<usize>> {
        self.find(text, true, true).map(|m| {
            let hay = text.as_str();
            // Byte offsets to character indices, in one pass.
            let mut out = Vec::with_capacity(m.bytes.len());
            let (mut chars, mut counted) = (0, 0);
            for byte in m.bytes {
                chars += hay[counted..byte].chars().count();
                counted = byte;
                out.push(chars);
            }
            out
        })
    }

    fn find(&self, text: Text, want_positions: bool, prefixes_possible: bool) -> Option<Match> {
        if self.needle.len == 0 {
            return Some(Match {
                score: 0,
                bytes: Vec::new(),
            });
        }
        let needle = if self.needle.case_sensitive {
            self.needle.text.as_bytes()
        } else {
            self.needle.lower.as_bytes()
        };
        let contiguous = self.contiguous(text, needle, want_positions);
        if contiguous
            .as_ref()
            .is_some_and(|m| m.score >= level::START * LEVEL)
        {
            return contiguous;
        }
        // Inside a word only, or not at all: prefixes of words rank above.
        let initials = if prefixes_possible
            && self.needle.len >= 2
            && is_subsequence(text.hay.as_bytes(), needle)
        {
            self.initials(text, needle, want_positions)
        } else {
            None
        };
        match (contiguous, initials) {
            (Some(c), Some(i)) => Some(if i.score > c.score { i } else { c }),
            (c, i) => c.or(i),
        }
    }

    fn contiguous(&self, text: Text, needle: &[u8], want_positions: bool) -> Option<Match> {
        let hay = text.hay.as_bytes();
        let first = self.needle.finder.find(hay)?;
        let within = |at: usize| 16 * self.needle.len as i64 + if at == 0 { 6 } else { 0 };
        // The best level is at a word start, if the term starts one: the
        // word starts from the first occurrence on are few, and each is
        // checked, so a whole word late in the text is never missed.
        let mut best: Option<(i64, usize)> = None;
        let mut word = if text.is_start(first) {
            Some(first)
        } else {
            text.next_start(first + 1)
        };
        while let Some(at) = word {
            if starts_at(hay, at, needle) {
                let level = if ends_word(text, at + needle.len()) {
                    level::WHOLE
                } else {
                    level::START
                };
                let score = leveled(level, within(at));
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, at));
                }
                // Only the first character earns more than a whole word.
                if level == level::WHOLE && at > 0 {
                    break;
                }
            }
            word = text.next_start(at + 1);
        }
        let (score, at) = best.unwrap_or((leveled(level::INSIDE, within(first)), first));
        Some(Match {
            score,
            bytes: if want_positions {
                text.hay[at..at + needle.len()]
                    .char_indices()
                    .map(|(i, _)| at + i)
                    .collect()
            } else {
                Vec::new()
            },
        })
    }

    /// Prefixes of consecutive words: `llm` in `Large Language Models`.
    fn initials(&self, text: Text, needle: &[u8], want_positions: bool) -> Option<Match> {
        if self.needle.len < 2 {
            return None;
        }
        let hay = text.hay.as_bytes();
        let first = *needle.first()?;
        let mut word = text.next_start(0);
        while let Some(start) = word {
            if hay[start] == first && initials_from(text, start, needle, None) {
                // Found: the same search again, recording its pieces.
                let mut pieces = Vec::new();
                initials_from(text, start, needle, Some(&mut pieces));
                {
                    let runs = 1 + pieces
                        .windows(2)
                        .filter(|p| p[1].0 != p[0].0 + p[0].1)
                        .count();
                    let within = 12 * self.needle.len as i64 + if start == 0 { 6 } else { 0 }
                        - 2 * runs as i64;
                    let score = leveled(level::INITIALS, within);
                    let bytes = if want_positions {
                        pieces
                            .iter()
                            .flat_map(|&(at, take)| {
                                text.hay[at..at + take]
                                    .char_indices()
                                    .map(move |(i, _)| at + i)
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    return Some(Match { score, bytes });
                }
            }
            word = text.next_start(start + 1);
        }
        None
    }
}

/// Whether `needle` (not empty) lies in `hay` at byte `at`. Most word
/// starts differ in their first byte: that is checked inline, where a
/// slice comparison would call `memcmp` once per word of every paper.
#[inline]
fn starts_at(hay: &[u8], at: usize, needle: &[u8]) -> bool {
    hay.get(at) == needle.first()
        && hay
            .get(at + 1..at + needle.len())
            .is_some_and(|rest| rest.iter().zip(&needle[1..]).all(|(h, n)| h == n))
}

/// Whether a match ending at byte `end` ends a word: the text ends, or a
/// word starts, or what follows is no letter or digit; a plural `s` or
/// `es` after it counts as its end (`transformer` in `Transformers`).
fn ends_word(text: Text, end: usize) -> bool {
    let rest = &text.hay[end..];
    let plural = rest
        .strip_prefix("es")
        .or_else(|| rest.strip_prefix('s'))
        .filter(|after| after.len() < rest.len());
    let ends = |at: usize, after: &str| {
        text.is_start(at) || after.chars().next().is_none_or(|c| !c.is_alphanumeric())
    };
    ends(end, rest) || plural.is_some_and(|after| ends(text.hay.len() - after.len(), after))
}

/// True when `needle` is a non-empty prefix of the word at `start` followed
/// by the rest of `needle` starting the next word, recursively. `pieces`
/// collects (byte offset, length) of each matched prefix.
/// Without `pieces`, only whether there is such a match: most attempts
/// fail, and need nothing recorded.
fn initials_from(
    text: Text,
    start: usize,
    needle: &[u8],
    mut pieces: Option<&mut Vec<(usize, usize)>>,
) -> bool {
    let hay = text.hay.as_bytes();
    let following = text.next_start(start + 1);
    let word_end = following.unwrap_or(hay.len());
    let common = hay[start..word_end]
        .iter()
        .zip(needle)
        .take_while(|(h, n)| h == n)
        .count();
    // The next word counts only within the same field; looked at only
    // when the term goes on past this word.
    let mut next: Option<Option<usize>> = None;
    // Longest prefix first: `llm` prefers `LLM` inside one word to `L L M`.
    for take in (1..=common).rev() {
        if let Some(pieces) = pieces.as_deref_mut() {
            pieces.push((start, take));
        }
        if take == needle.len() {
            return true;
        }
        let next =
            *next.get_or_insert_with(|| following.filter(|&n| !text.parts_fields(&hay[start..n])));
        if next.is_some_and(|n| {
            hay[n] == needle[take] && initials_from(text, n, &needle[take..], pieces.as_deref_mut())
        }) {
            return true;
        }
        if let Some(pieces) = pieces.as_deref_mut() {
            pieces.pop();
        }
    }
    false
}

struct Match {
    score: i64,
    /// Byte offsets of the matched characters, when asked for.
    bytes: Vec<usize>,
}

/// Whether `word` (letters and digits) is a whole word of `hay`.
pub fn holds_word(hay: &str, word: &str) -> bool {
    find_word(hay, word).is_some()
}

/// Where `word` (letters and digits) first lies in `hay` as a whole word:
/// with no letter or digit right before or after it.
pub fn find_word(hay: &str, word: &str) -> Option<usize> {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    memchr::memmem::find_iter(hay.as_bytes(), word.as_bytes()).find(|&at| {
        !alnum(hay[..at].chars().next_back()) && !alnum(hay[at + word.len()..].chars().next())
    })
}

/// True when the bytes of `needle` occur in order in `haystack`: a cheap
/// test that rules out most texts before any scoring. On UTF-8 text a
/// subsequence of characters is a subsequence of bytes, so this never
/// rules out a match.
pub fn is_subsequence(haystack: &[u8], needle: &[u8]) -> bool {
    // memchr jumps from one needle byte to the next with SIMD.
    let mut hay = haystack;
    for &n in needle {
        match memchr::memchr(n, hay) {
            Some(i) => hay = &hay[i + 1..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_covers_dotted_capital_i_and_final_sigma() {
        assert!(score("İstanbul Medical Atlas", "istanbul").is_some());
        assert!(score("ISTANBUL", "istanbul").is_some());
        assert!(
            score("ΟΔΟΣ", "οδος").is_some(),
            "capital sigma, final sigma typed"
        );
        assert!(
            score("οδός λόγος", "λογοσ").is_none(),
            "accents are not folded"
        );
        assert!(score("λόγος", "λόγοσ").is_some());
        assert!(score("ΛΌΓΟΣ", "λόγος").is_some());
        assert_eq!(fold('ς'), fold('Σ'));
        assert_eq!(fold('İ'), 'i');
        assert_eq!(
            super::super::needle::Needle::new("istanbul").find("in İstanbul"),
            Some(3)
        );
    }

    fn prepared(text: &str, term: &Term) -> Prepared {
        if term.case_sensitive() {
            Prepared::original(text)
        } else {
            Prepared::folded(text)
        }
    }

    fn score(text: &str, term: &str) -> Option<i64> {
        let term = Term::new(term);
        term.score(prepared(text, &term).text())
    }

    fn positions(text: &str, term: &str) -> Option<Vec<usize>> {
        let term = Term::new(term);
        term.positions(prepared(text, &term).text())
    }

    #[test]
    fn contiguous_and_initials_match_scattered_letters_do_not() {
        assert!(score("LightM-UNet: Mamba Assists", "mamba").is_some());
        assert!(score("EHRMamba: Towards", "mamba").is_some());
        assert!(
            score(
                "Model Breadcrumbs: Scaling Multi-Task Model Merging",
                "mamba"
            )
            .is_none()
        );
        assert!(score("MedAgent-Pro: Towards Multi-modal Evidence-based", "mamba").is_none());
        assert_eq!(
            positions("Large Language Models for X", "llm").unwrap(),
            [0, 6, 15]
        );
        assert_eq!(positions("MedSAM meets", "msam").unwrap(), [0, 3, 4, 5]);
        assert_eq!(
            positions("Segment Anything", "seganything").unwrap(),
            [0, 1, 2, 8, 9, 10, 11, 12, 13, 14, 15]
        );
        assert_eq!(
            positions("MMed-RAG: a system", "mmrag").unwrap(),
            [0, 1, 5, 6, 7]
        );
    }

    #[test]
    fn better_matches_score_higher() {
        let s = |text| score(text, "seg").unwrap();
        assert!(s("Seg at the start") > s("A Seg word"));
        assert!(
            s("A Seg word") > s("A Medseg word"),
            "word start beats inside a word"
        );
        assert!(s("A MedSeg") > s("An xseg"), "a camel hump is a word start");
        assert_eq!(score("EHRMamba", "mamba"), score("Vision Mamba", "mamba"));
        assert_eq!(s("A Seg word"), s("Another long prefix, then Seg word"));
        assert!(s("A seg x") > s("A segment x"), "whole word beats prefix");
        assert!(score("x mamba", "mamba").unwrap() > score("x mam", "mam").unwrap());
        // The best occurrence counts, not the first.
        assert_eq!(positions("xsegy Seg", "seg").unwrap(), [6, 7, 8]);
    }

    #[test]
    fn every_level_outranks_the_one_below() {
        let whole = score("A CT scan", "ct").unwrap();
        let start = score("A CTscan", "ct").unwrap();
        let initials = score("Computed Tomography", "ct").unwrap();
        let inside = score("Impact", "ct").unwrap();
        assert!(whole > start && start > initials && initials > inside);
        assert_eq!(whole / LEVEL, level::WHOLE);
        assert_eq!(inside / LEVEL, level::INSIDE);
        // Found as a whole word even after many inner occurrences.
        let late = "Impact effect subject victor sector, then CT";
        assert_eq!(score(late, "ct").unwrap() / LEVEL, level::WHOLE);
        // A plural is the word itself.
        assert_eq!(
            score("Vision Transformers", "transformer").unwrap() / LEVEL,
            level::WHOLE
        );
        assert_eq!(
            score("Transformer-based", "transformer").unwrap() / LEVEL,
            level::WHOLE
        );
        assert_eq!(
            score("Transformation", "transform").unwrap() / LEVEL,
            level::START
        );
    }

    #[test]
    fn initials_stay_within_one_field() {
        let term = Term::new("ab");
        let names = Prepared::folded("Ada, Bo Wu");
        assert!(
            term.score(names.text().with_fields()).is_none(),
            "across a comma"
        );
        assert!(term.score(names.text()).is_some(), "a comma inside a title");
        assert!(score("Ada · Bo", "ab").is_none(), "across headline parts");
        assert!(score("Ada Bo", "ab").is_some());
    }

    #[test]
    fn smart_case() {
        assert!(score("Mamba", "mamba").is_some());
        assert!(score("mamba", "Mamba").is_none());
        assert!(score("EHRMamba", "Mamba").is_some());
    }

    #[test]
    fn positions_are_char_indices_and_unicode_folds() {
        assert_eq!(positions("μ-Bench", "bench").unwrap(), [2, 3, 4, 5, 6]);
        assert_eq!(positions("ÜBER alles", "über").unwrap(), [0, 1, 2, 3]);
        // A character whose lowercase is longer keeps positions aligned.
        assert_eq!(positions("İx Bench", "bench").unwrap(), [3, 4, 5, 6, 7]);
    }

    #[test]
    fn empty_and_impossible_terms() {
        assert_eq!(score("anything", ""), Some(0));
        assert!(score("", "a").is_none());
        assert!(score("ab", "abc").is_none());
    }
}
