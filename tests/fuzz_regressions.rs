//! Inputs the fuzzers found (and a few seeds), replayed through the same
//! checks as the fuzz targets in `fuzz/`, so that what was fixed stays fixed.

use std::collections::HashSet;
use std::path::Path;

use paperboat::corpus::sanitize::is_unsafe;
use paperboat::corpus::taxonomy::Taxonomy;
use paperboat::corpus::{Corpus, load_bytes};
use paperboat::import::import_pages;
use paperboat::query::{Index, parse};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

#[test]
fn load_corpus_inputs() {
    let inputs = inputs("load_corpus");
    assert!(!inputs.is_empty());
    for (name, data) in inputs {
        if let Ok(corpus) = load_bytes(&data, "fuzz.json") {
            let mut ids = HashSet::new();
            for p in &corpus.papers {
                assert!(ids.insert(p.id.clone()), "{name}: duplicate id");
                assert!(!p.title.chars().any(is_unsafe), "{name}");
            }
            load_bytes(corpus.to_json().as_bytes(), "again.json")
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

#[test]
fn import_page_inputs() {
    let taxonomy = Taxonomy::bundled().unwrap();
    let inputs = inputs("import_page");
    assert!(!inputs.is_empty());
    for (name, data) in inputs {
        let Ok(text) = String::from_utf8(data) else {
            continue;
        };
        let pages = vec![("page.txt".to_string(), text)];
        if let Ok(corpus) = import_pages(&pages, 2025, "fuzz", &taxonomy) {
            let json = corpus.to_json();
            assert_eq!(
                import_pages(&pages, 2025, "fuzz", &taxonomy)
                    .unwrap()
                    .to_json(),
                json,
                "{name}"
            );
            load_bytes(json.as_bytes(), "out.json").unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

#[test]
fn parse_query_inputs() {
    let mut corpus = Corpus::bundled().unwrap();
    corpus.papers.truncate(40);
    let index = Index::new(&corpus.papers);
    let inputs = inputs("parse_query");
    assert!(!inputs.is_empty());
    for (name, data) in inputs {
        let Ok(text) = String::from_utf8(data) else {
            continue;
        };
        match parse(&text) {
            Ok(query) => {
                for hit in index.search(&corpus.papers, &query).iter().take(5) {
                    index.title_positions(&corpus.papers, hit.index, &query);
                    index.abstract_marks(&corpus.papers, hit.index, &query);
                }
            }
            Err(e) => assert!(
                e.end <= text.len()
                    && text.is_char_boundary(e.start)
                    && text.is_char_boundary(e.end),
                "{name}"
            ),
        }
    }
}

/// A cache entry file, damaged in every way the fuzzer tried (and, from a
/// whole entry, byte by byte with its hash made to match), is refused or
/// answers: never a panic.
#[test]
fn open_cache_entry_inputs() {
    use paperboat::cache::reseal;
    use paperboat::catalog::try_entry;
    let queries: Vec<_> = ["", "mamba seg", "tag:ct sort:date", "'MIMIC sort:upvotes"]
        .iter()
        .map(|q| parse(q).unwrap())
        .collect();
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("index");
    let inputs = inputs("open_cache_entry");
    assert!(!inputs.is_empty());
    let mut whole = None;
    for (name, data) in inputs {
        let mut bytes = data.clone();
        // The seeds were written by an earlier format version whose entry
        // layout is this one's (the version moved on for the abstracts
        // index beside it): they are entries of this version but for
        // the number.
        if bytes.len() >= 20 {
            bytes[16..20].copy_from_slice(&paperboat::cache::FORMAT_VERSION.to_le_bytes());
        }
        reseal(&mut bytes);
        std::fs::write(&path, &bytes).unwrap();
        if let Ok(hits) = try_entry(&path, &queries) {
            whole.get_or_insert((name, bytes, hits));
        }
    }
    let (name, bytes, hits) = whole.expect("a seed is a whole entry");
    assert!(hits[0] > 0, "{name}: the empty query lists every paper");
    for at in (0..bytes.len()).step_by(7) {
        for flip in [0x01, 0x80, 0xff] {
            let mut damaged = bytes.clone();
            damaged[at] ^= flip;
            reseal(&mut damaged);
            std::fs::write(&path, &damaged).unwrap();
            let _ = try_entry(&path, &queries);
        }
    }
}

/// An abstracts index with bytes written over its files, all through it,
/// behind a seal made to match (as the fuzz target does): searched every
/// way, it answers or is refused, and tantivy's panics stay contained.
#[test]
fn damaged_abstracts_index_inputs() {
    use paperboat::fulltext::try_damaged;
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !paperboat::contain::is_contained() {
            quiet(info);
        }
    }));
    let mut opened = 0;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for offset in (0..6000).step_by(199) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let noise = state.to_le_bytes();
        for bytes in [&[0xffu8; 16][..], &[0u8; 16][..], &noise[..]] {
            let dir = tempfile::TempDir::new().unwrap();
            if try_damaged(dir.path(), offset, bytes).unwrap() {
                opened += 1;
            }
        }
    }
    assert!(opened > 0, "some damage leaves an index that opens");
}

/// PDFs that are not what they claim, and made ones cut anywhere: the
/// text comes back as clean pages or one reason, as the fuzz target
/// `extract_pdf_text` checks.
#[test]
fn extract_pdf_text_inputs() {
    use paperboat::pdftext::extract::{MAX_PAGE_CHARS, extract};
    use paperboat::pdftext::sample_pdf;
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !paperboat::contain::is_contained() {
            quiet(info);
        }
    }));
    let mut inputs = inputs("extract_pdf_text");
    let made = sample_pdf(&[
        "Retina \u{202e}segmentation",
        "",
        "(nested (parens)) \\ back",
    ]);
    for cut in (0..made.len()).step_by(37) {
        inputs.push((format!("made, cut at {cut}"), made[..cut].to_vec()));
    }
    let mut read = 0;
    for (name, data) in inputs {
        if let Ok(text) = extract(&data) {
            read += 1;
            assert!(text.failed_pages <= text.pages.len(), "{name}");
            for page in &text.pages {
                assert!(page.chars().count() <= MAX_PAGE_CHARS, "{name}");
                assert!(!page.chars().any(is_unsafe), "{name}: {page:?}");
            }
        }
    }
    assert!(read > 0, "the whole PDFs read");
}
