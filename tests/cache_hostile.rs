//! The cache dir as another program may leave it: a link planted as an
//! entry, FIFOs in a file's place, a damaged abstracts index, files
//! rewritten in place under an open catalog, builds cut short, entries
//! whose corpus is gone. Each is refused, rebuilt or swept; nothing outside
//! the cache is touched, nothing hangs, nothing panics.

mod common;

#[path = "../examples/synthetic/formats/mod.rs"]
#[allow(dead_code)]
mod formats;
#[path = "../examples/synthetic/generator.rs"]
#[allow(dead_code)]
mod generator;
#[path = "../examples/synthetic/record.rs"]
#[allow(dead_code)]
mod record;

use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

use common::paperboat;
use paperboat::catalog::open_file;
use paperboat::corpus::LoadOptions;
use paperboat::query::facets::Counts;
use paperboat::query::{Papers, parse};
use tempfile::TempDir;

fn synthetic(dir: &Path, count: usize) -> PathBuf {
    let mut out = Vec::new();
    formats::Format::Native.write(&mut out, count, 5).unwrap();
    common::write(dir, "corpus.json", out)
}

/// `paperboat ARGS --corpus CORPUS`, stopped if it takes longer than a
/// few seconds (a FIFO that hangs it fails the test instead of hanging it).
fn run(dir: &Path, corpus: &Path, args: &[&str]) -> Output {
    paperboat(dir)
        .args(args)
        .arg("--corpus")
        .arg(corpus)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap()
}

/// What `search QUERY --format tsv` prints, and its status.
fn answer(dir: &Path, corpus: &Path, query: &str, flags: &[&str]) -> (Option<i32>, String) {
    let mut args = vec!["search", query, "--format", "tsv"];
    args.extend(flags);
    let out = run(dir, corpus, &args);
    assert!(
        out.stderr.is_empty() || flags.is_empty(),
        "{query}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

/// The entry directory of the one corpus in `cache`.
fn entry_dir(cache: &Path) -> PathBuf {
    let dirs: Vec<PathBuf> = std::fs::read_dir(cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().len() == 16)
        .collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    dirs[0].clone()
}

/// Words the synthetic abstracts hold, searched in them.
const ABSTRACT_QUERIES: &[&str] = &["radiolo", "'segmentation", "abstract:clinical"];

#[test]
fn a_link_planted_as_an_entry_is_never_built_in_nor_removed_through() {
    let dir = TempDir::new().unwrap();
    let corpus = synthetic(dir.path(), 200);
    let expected = answer(dir.path(), &corpus, "radiolo", &["--no-cache"]);
    answer(dir.path(), &corpus, "radiolo", &[]);
    let entry = entry_dir(&dir.path().join("cache"));
    std::fs::remove_dir_all(&entry).unwrap();
    let outside = TempDir::new().unwrap();
    std::fs::create_dir(outside.path().join("abstracts")).unwrap();
    std::fs::write(outside.path().join("abstracts/keep"), "precious").unwrap();
    std::fs::write(outside.path().join("index"), "mine").unwrap();
    std::os::unix::fs::symlink(outside.path(), &entry).unwrap();

    for query in ["radiolo", "similar:synthetic-3"] {
        let out = run(dir.path(), &corpus, &["search", query, "--format", "tsv"]);
        assert!(out.status.code().unwrap() < 2, "{query}: {out:?}");
        if query == "radiolo" {
            assert_eq!(String::from_utf8(out.stdout).unwrap(), expected.1);
        }
    }
    let out = run(dir.path(), &corpus, &["similar", "synthetic-3"]);
    assert!(out.status.code().unwrap() < 2, "{out:?}");
    paperboat(dir.path())
        .args(["cache", "clear"])
        .assert()
        .success();

    assert_eq!(
        std::fs::read_to_string(outside.path().join("abstracts/keep")).unwrap(),
        "precious"
    );
    assert_eq!(
        std::fs::read_to_string(outside.path().join("index")).unwrap(),
        "mine"
    );
    let left: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
    assert_eq!(left.len(), 2, "nothing written into the link's target");
}

/// The largest `.idx` file of the abstracts index in `entry`.
fn largest_idx(entry: &Path) -> PathBuf {
    std::fs::read_dir(entry.join("abstracts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "idx"))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .unwrap()
}

fn overwrite(path: &Path, at: u64, bytes: &[u8]) {
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(at)).unwrap();
    file.write_all(bytes).unwrap();
}

#[test]
fn a_damaged_abstracts_index_is_rebuilt_and_answers_right() {
    let dir = TempDir::new().unwrap();
    let corpus = synthetic(dir.path(), 3000);
    let expected: Vec<_> = ABSTRACT_QUERIES
        .iter()
        .map(|q| answer(dir.path(), &corpus, q, &["--no-cache"]))
        .collect();
    answer(dir.path(), &corpus, "radiolo", &[]);
    let entry = entry_dir(&dir.path().join("cache"));
    let idx = largest_idx(&entry);
    let middle = std::fs::metadata(&idx).unwrap().len() / 2;
    overwrite(&idx, middle, &[0xff; 4096]);

    for (query, expected) in ABSTRACT_QUERIES.iter().zip(&expected) {
        assert_eq!(
            &answer(dir.path(), &corpus, query, &[]),
            expected,
            "{query}"
        );
    }
    let out = run(dir.path(), &corpus, &["similar", "synthetic-3"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
    // Rebuilt: the damaged bytes are gone.
    let idx = largest_idx(&entry);
    let bytes = std::fs::read(&idx).unwrap();
    assert!(!bytes.windows(4096).any(|w| w.iter().all(|&b| b == 0xff)));
}

#[test]
fn fifos_in_place_of_cache_files_are_refused_at_once() {
    let dir = TempDir::new().unwrap();
    let corpus = synthetic(dir.path(), 300);
    let expected = answer(dir.path(), &corpus, "radiolo", &["--no-cache"]);
    answer(dir.path(), &corpus, "radiolo", &[]);
    let entry = entry_dir(&dir.path().join("cache"));
    for file in ["index", "abstracts/ready.json", "abstracts/meta.json"] {
        let path = entry.join(file);
        std::fs::remove_file(&path).unwrap();
        common::mkfifo(&path);
        paperboat(dir.path())
            .args(["cache", "list"])
            .timeout(Duration::from_secs(20))
            .assert()
            .success();
        assert_eq!(
            answer(dir.path(), &corpus, "radiolo", &[]),
            expected,
            "{file}"
        );
        let kind = std::fs::symlink_metadata(&path).unwrap().file_type();
        assert!(kind.is_file(), "{file}: built again as a regular file");
    }
}

/// Ages `path` past the time a build takes to claim what it makes.
fn age(path: &Path) {
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::open(path)
        .unwrap()
        .set_modified(long_ago)
        .unwrap();
}

#[test]
fn what_builds_cut_short_left_is_swept_by_the_next_build() {
    let dir = TempDir::new().unwrap();
    let corpus = synthetic(dir.path(), 300);
    answer(dir.path(), &corpus, "radiolo", &[]);
    let entry = entry_dir(&dir.path().join("cache"));
    // As `q` in the middle of indexing abstracts, and kill -9 in the
    // middle of writing the index, leave them.
    let abstracts = entry.join(".abstracts-Ab12Cd");
    std::fs::create_dir(&abstracts).unwrap();
    common::write(&abstracts, "seg.idx", vec![7u8; 100_000]);
    let building = common::write(&entry, ".building-Xy34Zw", vec![7u8; 100_000]);
    age(&abstracts);
    age(&building);
    let listed = paperboat(dir.path())
        .args(["cache", "list"])
        .output()
        .unwrap();
    assert!(listed.status.success());

    // The corpus changes: its entry and abstracts are built again.
    let mut text = std::fs::read(&corpus).unwrap();
    text.extend_from_slice(b"\n");
    std::fs::write(&corpus, text).unwrap();
    answer(dir.path(), &corpus, "radiolo", &[]);
    assert!(
        !abstracts.exists(),
        "the abstracts build cut short is swept"
    );
    assert!(!building.exists(), "the index write cut short is swept");
}

#[test]
fn entries_of_corpus_files_that_are_gone_are_called_orphans_and_cleared() {
    let dir = TempDir::new().unwrap();
    let kept = synthetic(dir.path(), 100);
    let gone_dir = dir.path().join("gone");
    std::fs::create_dir(&gone_dir).unwrap();
    let gone = synthetic(&gone_dir, 120);
    answer(dir.path(), &kept, "radiolo", &[]);
    answer(dir.path(), &gone, "radiolo", &[]);
    std::fs::remove_file(&gone).unwrap();

    let out = paperboat(dir.path())
        .args(["cache", "list"])
        .output()
        .unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    let orphan_line = list.lines().find(|l| l.contains("gone")).unwrap();
    assert!(
        orphan_line.contains("orphaned: the corpus file is gone")
            && orphan_line.contains("cache clear --orphans")
            && !orphan_line.contains("rebuilt when next opened"),
        "{list}"
    );
    paperboat(dir.path())
        .args(["cache", "clear", "--orphans"])
        .assert()
        .success()
        .stdout(predicates::str::starts_with(
            "removed 1 orphaned corpus index (",
        ));
    let out = paperboat(dir.path())
        .args(["cache", "list"])
        .output()
        .unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(
        list.contains("corpus.json") && !list.contains("gone"),
        "{list}"
    );
}

/// Every query, order and count an open catalog answers, for the test
/// below.
const QUERIES: &[&str] = &[
    "",
    "mamba",
    "seg tag:ct",
    "'MIMIC",
    "year:2024 sort:upvotes",
    "^A sort:title",
    "author:li sort:authors",
    "has:code sort:-date",
    "transfrmr",
    "segmnetation",
    "upvotes:>=3 | authors:<=2 sort:-upvotes",
    "date:2024-06 sort:relevance",
    "similar:synthetic-3",
];

#[test]
fn a_cache_entry_rewritten_in_place_under_an_open_catalog_never_panics() {
    let dir = TempDir::new().unwrap();
    let corpus = synthetic(dir.path(), 5000);
    let cache = dir.path().join("cache");
    drop(open_file(&corpus, LoadOptions::default(), Some(&cache)).unwrap());
    let index_file = entry_dir(&cache).join("index");
    let size = std::fs::metadata(&index_file).unwrap().len() as usize;
    let mut noise = Vec::with_capacity(size);
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    while noise.len() < size {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        noise.extend_from_slice(&state.to_le_bytes());
    }
    for fill in [vec![0xffu8; size], vec![0u8; size], noise] {
        let opened = open_file(&corpus, LoadOptions::default(), Some(&cache)).unwrap();
        // Past the header: the sections, as a program that rewrites the
        // file in place (rsync --inplace) leaves them, the size unchanged.
        overwrite(&index_file, 4096, &fill[4096..]);
        let catalog = &opened.catalog;
        let index = &catalog.index;
        for text in QUERIES {
            let query = parse(text).unwrap();
            let hits = index.search(catalog, &query);
            let counts = Counts::over(index, &hits);
            let _ = paperboat::query::facets::entries(index, &counts);
            for hit in hits.iter().take(20) {
                let _ = (catalog.id(hit.index), catalog.paper(hit.index).title.len());
                let _ = index.date(hit.index);
            }
        }
        std::fs::remove_file(&index_file).unwrap();
        drop(opened);
        drop(open_file(&corpus, LoadOptions::default(), Some(&cache)).unwrap());
    }
}
