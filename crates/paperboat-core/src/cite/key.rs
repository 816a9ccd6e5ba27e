//! Citation keys: `surname` `year` `word` (`xia2024mmed`), the same for a
//! paper whichever corpus it was read from, and `a`, `b`, ... suffixes
//! when two papers would share one.

use std::collections::{HashMap, HashSet};

/// Words that make poor key words.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "on", "of", "for", "to", "towards", "in", "and", "with", "is", "are", "via",
    "from", "by", "at", "as",
];

/// Name suffixes that are not surnames.
const GENERATIONS: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Longest word a key takes from a name or a title: enough to tell papers
/// apart, short enough to type.
const MAX_WORD: usize = 20;

/// The key before clashes are settled: the first author's surname, the
/// year (`nd` without one) and the title's first word; without authors,
/// the title's first word, the year and its second word (`mamba2024unet`),
/// so that no word is said twice.
pub fn base(authors: &[String], title: &str, year: Option<u16>) -> String {
    let year = year.map_or_else(|| "nd".to_string(), |y| y.to_string());
    let words = title_words(title);
    let mut words = words.iter().map(String::as_str);
    let first = words.next().unwrap_or("paper");
    match authors.first().and_then(|a| surname(a)) {
        Some(surname) => format!("{surname}{year}{first}"),
        None => format!("{first}{year}{}", words.next().unwrap_or("")),
    }
}

/// The surname of a name written `First Last` or `Last, First`, in
/// lowercase ASCII letters (`Müller` gives `muller`).
fn surname(name: &str) -> Option<String> {
    let last = match name.split_once(',') {
        Some((last, _)) => last.trim(),
        // `Bo Wang Jr.` is a Wang.
        None => name.split_whitespace().rev().find(|w| {
            !GENERATIONS.contains(&w.trim_end_matches('.').to_ascii_lowercase().as_str())
        })?,
    };
    let folded = key_word(last);
    (!folded.is_empty()).then_some(folded)
}

/// The title's words that make keys, folded to lowercase ASCII.
fn title_words(title: &str) -> Vec<String> {
    deunicode::deunicode(title)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::to_ascii_lowercase)
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .take(2)
        .map(|w| w.chars().take(MAX_WORD).collect())
        .collect()
}

/// `text` folded to lowercase ASCII letters and digits only.
fn key_word(text: &str) -> String {
    deunicode::deunicode(text)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .take(MAX_WORD)
        .collect()
}

/// `base` when `taken` says it is free, else `base` with the first free
/// suffix of `a`, `b`, ... `z`, `aa`, `ab`, ...
pub fn first_free(base: &str, mut taken: impl FnMut(&str) -> bool) -> String {
    (0u64..)
        .map(|n| suffixed(base, n))
        .find(|key| !taken(key))
        .unwrap_or_else(|| base.to_string())
}

/// `base` for 0, else `base` with `n` in bijective base 26 (1 is `a`).
fn suffixed(base: &str, n: u64) -> String {
    let mut letters = Vec::new();
    let mut n = n;
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    let mut key = base.to_string();
    key.extend(letters.iter().rev());
    key
}

/// Keys handed out so far in one listing, so that none is handed out
/// twice, with the suffix to try next per base so that a thousand clashes
/// are not counted again from the start each time.
#[derive(Default)]
pub struct Keys {
    used: HashSet<String>,
    next: HashMap<String, u64>,
}

impl Keys {
    /// `wanted` when unused so far, else its first unused suffixed form.
    pub fn unique(&mut self, wanted: &str) -> String {
        let n = self.next.entry(wanted.to_string()).or_insert(0);
        loop {
            let key = suffixed(wanted, *n);
            *n += 1;
            if self.used.insert(key.clone()) {
                return key;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_surname_year_word() {
        let authors = ["Peng Xia".to_string(), "Kangyu Zhu".to_string()];
        assert_eq!(
            base(&authors, "MMed-RAG: Versatile Multimodal RAG", Some(2024)),
            "xia2024mmed"
        );
        assert_eq!(
            base(&["Müller, Jörg".into()], "Über alles", Some(2023)),
            "muller2023uber"
        );
        assert_eq!(base(&[], "A Survey of Mamba", None), "surveyndmamba");
        assert_eq!(base(&[], "The", Some(2020)), "paper2020");
        assert_eq!(base(&["  ".into()], "Mamba", Some(2024)), "mamba2024");
        // Whatever the name and title hold, the key is plain ASCII.
        let hostile = base(
            &["{\\}%&#_$ ~^ 李".into()],
            "\u{202e}{}\\ ~^ ☃ x",
            Some(2024),
        );
        assert!(
            hostile.bytes().all(|b| b.is_ascii_alphanumeric()),
            "{hostile}"
        );
    }

    #[test]
    fn clashes_take_a_then_b_and_never_repeat() {
        let mut keys = Keys::default();
        let got: Vec<String> = (0..30).map(|_| keys.unique("x2024y")).collect();
        assert_eq!(got[..3], ["x2024y", "x2024ya", "x2024yb"]);
        assert_eq!(got[26..29], ["x2024yz", "x2024yaa", "x2024yab"]);
        // A key built from another base is never handed out again.
        assert_eq!(keys.unique("x2024ya"), "x2024yad");
    }

    #[test]
    fn first_free_skips_taken_keys() {
        let taken = ["k", "ka"];
        assert_eq!(first_free("k", |k| taken.contains(&k)), "kb");
        assert_eq!(first_free("j", |k| taken.contains(&k)), "j");
    }
}
