//! Substring search with smart case, for exact terms, phrases, prefixes,
//! suffixes and `abstract:`.

use std::ops::Range;

use super::fold::fold;

/// A substring to find, with smart case: no capital letter ignores case.
/// Fuzzy terms are prepared the same way (see `fuzzy::Term`).
#[derive(Debug, Clone)]
pub struct Needle {
    pub(super) text: String,
    /// Folded the way the index folds headlines, so a folded headline can be
    /// searched directly.
    pub(super) lower: String,
    /// Length in characters.
    pub len: usize,
    pub(super) case_sensitive: bool,
    /// Searches for the text as typed (case-sensitive) or folded.
    pub(super) finder: memchr::memmem::Finder<'static>,
}

impl Needle {
    /// Prepares `text` once per query.
    pub fn new(text: &str) -> Needle {
        let case_sensitive = text.chars().any(char::is_uppercase);
        let lower: String = text.chars().map(fold).collect();
        let exact = if case_sensitive { text } else { &lower };
        Needle {
            finder: memchr::memmem::Finder::new(exact.as_bytes()).into_owned(),
            text: text.to_string(),
            lower,
            len: text.chars().count(),
            case_sensitive,
        }
    }

    /// Whether the needle has a capital letter.
    pub fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// Found in text that is already folded (a case-insensitive needle only).
    pub fn in_folded(&self, folded: &str) -> bool {
        self.finder.find(folded.as_bytes()).is_some()
    }

    /// Whether folded text holds the needle folded: true wherever the
    /// text before folding holds the needle, whatever its case.
    pub fn in_folded_any_case(&self, folded: &str) -> bool {
        if self.case_sensitive {
            memchr::memmem::find(folded.as_bytes(), self.lower.as_bytes()).is_some()
        } else {
            self.in_folded(folded)
        }
    }

    /// Whether folded text starts with the needle (case-insensitive only).
    pub fn starts_folded(&self, folded: &str) -> bool {
        folded.starts_with(&self.lower)
    }

    /// Whether folded text ends with the needle (case-insensitive only).
    pub fn ends_folded(&self, folded: &str) -> bool {
        folded.ends_with(&self.lower)
    }

    /// The byte offset of the first occurrence in `haystack`.
    pub fn find(&self, haystack: &str) -> Option<usize> {
        self.find_from(haystack, 0)
    }

    fn find_from(&self, haystack: &str, from: usize) -> Option<usize> {
        self.find_in(haystack, from, self.bytewise(haystack))
    }

    /// Whether a caseless search of `haystack` may compare bytes: the
    /// needle is ASCII and no character of the haystack folds into it.
    /// Asked once per haystack, not once per occurrence.
    fn bytewise(&self, haystack: &str) -> bool {
        self.lower.is_ascii() && !folds_into(haystack, &self.lower)
    }

    fn find_in(&self, haystack: &str, from: usize, bytewise: bool) -> Option<usize> {
        let hay = &haystack[from..];
        let found = if self.case_sensitive {
            self.finder.find(hay.as_bytes())
        } else if bytewise {
            find_ascii_caseless(hay.as_bytes(), self.lower.as_bytes())
        } else {
            // Rare: a non-ASCII term. Folding may change byte lengths, so
            // compare character by character.
            find_caseless(hay, &self.lower)
        };
        found.map(|i| i + from)
    }

    /// Whether `haystack` starts with the needle.
    pub fn starts(&self, haystack: &str) -> bool {
        let mut hay = haystack.chars();
        if self.case_sensitive {
            haystack.starts_with(&self.text)
        } else {
            self.lower.chars().all(|n| hay.next().map(fold) == Some(n))
        }
    }

    /// Whether `haystack` ends with the needle.
    pub fn ends(&self, haystack: &str) -> bool {
        let mut hay = haystack.chars().rev();
        if self.case_sensitive {
            haystack.ends_with(&self.text)
        } else {
            self.lower
                .chars()
                .rev()
                .all(|n| hay.next().map(fold) == Some(n))
        }
    }

    /// Character ranges of every occurrence (the first thousand), for
    /// highlighting; characters are counted once, from one occurrence to
    /// the next.
    pub fn char_ranges(&self, haystack: &str) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        let (mut counted_to, mut chars) = (0, 0);
        for bytes in self.byte_ranges(haystack, 1000) {
            chars += haystack[counted_to..bytes.start].chars().count();
            counted_to = bytes.start;
            ranges.push(chars..chars + self.len);
        }
        ranges
    }

    /// Byte ranges of the first `limit` occurrences, for highlighting.
    pub fn byte_ranges(&self, haystack: &str, limit: usize) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        let mut from = 0;
        let bytewise = self.bytewise(haystack);
        while ranges.len() < limit
            && let Some(byte) = self.find_in(haystack, from, bytewise)
        {
            // The match's length in the haystack, which folding may make
            // differ from the needle's (`İ` is two bytes, `i` one).
            let len: usize = haystack[byte..]
                .chars()
                .take(self.len)
                .map(char::len_utf8)
                .sum();
            ranges.push(byte..byte + len);
            let step = haystack[byte..].chars().next().map_or(1, char::len_utf8);
            from = byte + step;
        }
        ranges
    }
}

/// Whether `hay` may hold a non-ASCII character that folds to a letter of
/// the ASCII needle `lower`: `İ` (to `i`, lead byte 0xC4) and the Kelvin
/// sign (to `k`, lead byte 0xE2). Rare: one quick scan rules it out.
fn folds_into(hay: &str, lower: &str) -> bool {
    let bytes = lower.as_bytes();
    (bytes.contains(&b'i') || bytes.contains(&b'k'))
        && memchr::memchr2(0xC4, 0xE2, hay.as_bytes()).is_some()
}

/// ASCII case-insensitive substring search: memchr finds candidates for the
/// first byte in either case.
fn find_ascii_caseless(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let upper = first.to_ascii_uppercase();
    let mut from = 0;
    while let Some(i) = memchr::memchr2(first, upper, &hay[from..]) {
        let at = from + i;
        let candidate = hay.get(at + 1..at + 1 + rest.len())?;
        if candidate.eq_ignore_ascii_case(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Case-insensitive search for a folded needle in non-ASCII text.
fn find_caseless(hay: &str, folded_needle: &str) -> Option<usize> {
    hay.char_indices().map(|(i, _)| i).find(|&i| {
        let mut rest = hay[i..].chars().map(fold);
        folded_needle.chars().all(|n| rest.next() == Some(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_search() {
        assert_eq!(find_ascii_caseless(b"a MRI scan", b"mri"), Some(2));
        assert_eq!(find_ascii_caseless(b"mr", b"mri"), None);
        assert_eq!(find_caseless("Über Straße", "straße"), Some(6));
    }

    #[test]
    fn ranges_in_bytes_and_characters() {
        let n = Needle::new("état");
        let text = "État de l'art, état";
        assert_eq!(n.byte_ranges(text, 10), [0..5, 16..21]);
        assert_eq!(n.char_ranges(text), [0..4, 15..19]);
        assert_eq!(n.byte_ranges(text, 1), [Range { start: 0, end: 5 }]);
        assert_eq!(
            Needle::new("istanbul").byte_ranges("İstanbul", 9),
            [Range { start: 0, end: 9 }]
        );
    }

    #[test]
    fn starts_and_ends_with_smart_case() {
        assert!(Needle::new("über").starts("ÜBER alles"));
        assert!(!Needle::new("Über").starts("über alles"));
        assert!(Needle::new("alles").ends("ÜBER ALLES"));
        assert!(!Needle::new("alles!").ends("es"));
    }
}
