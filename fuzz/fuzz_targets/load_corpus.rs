//! Any bytes given to the corpus loader load or are refused; a loaded
//! corpus carries no control or bidi characters and has unique ids.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paperboat::corpus::{load_bytes, sanitize::is_unsafe};

fuzz_target!(|data: &[u8]| {
    if let Ok(corpus) = load_bytes(data, "fuzz.json") {
        let mut ids = std::collections::HashSet::new();
        for p in &corpus.papers {
            assert!(ids.insert(p.id.clone()), "duplicate id {}", p.id);
            assert!(!p.title.is_empty());
            for text in [&p.title, &p.id].into_iter().chain(&p.authors) {
                assert!(!text.chars().any(is_unsafe), "unsafe character in {text:?}");
            }
            assert!(!p.abstract_text.chars().any(|c| c != '\n' && is_unsafe(c)));
        }
        // What was loaded can be written and read back as the same corpus.
        let again = load_bytes(corpus.to_json().as_bytes(), "again.json").expect("round trip");
        assert_eq!(again.papers.len(), corpus.papers.len());
    }
});
