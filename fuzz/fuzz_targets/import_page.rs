//! Any text given to the Daily Papers importer imports or is refused with a
//! line number, and the import is deterministic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use paperboat::corpus::taxonomy::Taxonomy;
use paperboat::import::import_pages;

static TAXONOMY: LazyLock<Taxonomy> = LazyLock::new(|| Taxonomy::bundled().expect("bundled taxonomy"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let taxonomy = &*TAXONOMY;
    let pages = vec![("page.txt".to_string(), text.to_string())];
    match import_pages(&pages, 2025, "fuzz", taxonomy) {
        Ok(corpus) => {
            let json = corpus.to_json();
            let again = import_pages(&pages, 2025, "fuzz", taxonomy).expect("same input");
            assert_eq!(again.to_json(), json, "deterministic");
            paperboat::corpus::load_bytes(json.as_bytes(), "out.json").expect("output loads");
        }
        Err(e) => assert!(e.line >= 1),
    }
});
