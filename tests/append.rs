//! A JSON Lines corpus that only grew at its end: the lines added are
//! indexed on their own, beside the entry for what the file was, and the
//! two answer exactly as the whole file indexed afresh.

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

use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use common::paperboat;
use paperboat::catalog::{CacheUse, Catalog, Opened, open_file};
use paperboat::corpus::{LoadOptions, load_file};
use paperboat::query::{Papers, parse};
use predicates::prelude::*;
use tempfile::TempDir;

/// Queries over every part of the index, the abstracts included.
const QUERIES: &[&str] = &[
    "",
    "mamba",
    "seg tag:ct",
    "'MIMIC",
    "\"state space\"",
    "year:2024 sort:upvotes",
    "author:li",
    "abstract:segment !tag:mri",
    "Transformer sort:title",
];

/// `count` synthetic arXiv records, one line each.
fn lines(count: usize) -> Vec<String> {
    let mut out = Vec::new();
    formats::Format::Arxiv.write(&mut out, count, 11).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|line| format!("{line}\n"))
        .collect()
}

fn append(path: &Path, text: &str) {
    let mut file = std::fs::File::options().append(true).open(path).unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

/// The entry directory of the one corpus file in `cache`.
fn entry_dir(cache: &Path) -> PathBuf {
    let dirs: Vec<PathBuf> = std::fs::read_dir(cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    dirs[0].clone()
}

/// The inode and modification time of the whole file's entry: unchanged
/// when only the lines added were read.
fn stamp(cache: &Path) -> (u64, i64, i64) {
    let meta = std::fs::metadata(entry_dir(cache).join("index")).unwrap();
    (meta.ino(), meta.mtime(), meta.mtime_nsec())
}

fn has_tail(cache: &Path) -> bool {
    entry_dir(cache).join("tail").join("index").is_file()
}

fn open(corpus: &Path, cache: &Path) -> Opened {
    open_file(corpus, LoadOptions::default(), Some(cache)).unwrap()
}

/// Every query finds the same hits, scores and papers in `opened` as in
/// the file read into memory afresh.
fn answers_as_afresh(corpus: &Path, opened: &Catalog) {
    let mut memory = Catalog::from_corpus(load_file(corpus).unwrap());
    memory.index_abstracts_in_memory();
    assert_eq!(opened.len(), memory.len());
    for text in QUERIES {
        let query = parse(text).unwrap();
        let expected = memory.index.search(&memory, &query);
        let hits = opened.index.search(opened, &query);
        assert_eq!(hits.len(), expected.len(), "{text}");
        for (hit, want) in hits.iter().zip(&expected) {
            assert_eq!((hit.index, hit.score), (want.index, want.score), "{text}");
            assert_eq!(opened.paper(hit.index), memory.paper(want.index), "{text}");
            assert_eq!(opened.title(hit.index), memory.title(want.index));
        }
    }
}

/// `paperboat search` answers, in TSV, for a few queries.
fn searched(dir: &Path, corpus: &Path, flags: &[&str]) -> String {
    let mut all = String::new();
    for query in [
        "",
        "mamba seg",
        "abstract:segment",
        "year:2024 sort:upvotes",
    ] {
        let out = paperboat(dir)
            .args(["search", query, "--format", "tsv", "--corpus"])
            .arg(corpus)
            .args(flags)
            .output()
            .unwrap();
        assert!(out.status.code().unwrap() < 2, "{query}: {out:?}");
        all.push_str(&String::from_utf8(out.stdout).unwrap());
    }
    all
}

#[test]
fn lines_added_at_the_end_are_all_that_is_read() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    let all = lines(2300);
    let corpus = common::write(dir.path(), "a.jsonl", all[..2000].concat());
    assert_eq!(open(&corpus, &cache).cache, CacheUse::Kept);
    let before = stamp(&cache);

    append(&corpus, &all[2000..2200].concat());
    let grown = open(&corpus, &cache);
    assert_eq!(grown.cache, CacheUse::Kept, "the tail was read and kept");
    assert_eq!(stamp(&cache), before, "the whole file's entry untouched");
    assert!(has_tail(&cache));
    answers_as_afresh(&corpus, &grown.catalog);
    let again = open(&corpus, &cache);
    assert_eq!(again.cache, CacheUse::Used, "both from the cache");
    answers_as_afresh(&corpus, &again.catalog);
    assert_eq!(
        searched(dir.path(), &corpus, &[]),
        searched(dir.path(), &corpus, &["--no-cache"])
    );

    // Grown again: the tail is read again from the same place.
    append(&corpus, &all[2200..].concat());
    let twice = open(&corpus, &cache);
    assert_eq!(twice.cache, CacheUse::Kept);
    assert_eq!(stamp(&cache), before);
    answers_as_afresh(&corpus, &twice.catalog);
    assert_eq!(
        searched(dir.path(), &corpus, &[]),
        searched(dir.path(), &corpus, &["--no-cache"])
    );
    paperboat(dir.path())
        .args(["cache", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2,300"))
        .stdout(predicate::str::contains("[300 of lines added since]"));
    paperboat(dir.path())
        .args(["cache", "clear"])
        .assert()
        .success();
    assert!(std::fs::read_dir(&cache).unwrap().next().is_none());
}

#[test]
fn a_file_changed_otherwise_is_read_whole() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    let all = lines(2100);
    let text = all[..2000].concat();
    let corpus = common::write(dir.path(), "a.jsonl", &text);
    open(&corpus, &cache);

    // A record rewritten, lines added after it.
    let rewritten = text.replacen("\"title\":\"", "\"title\":\"Rewritten ", 1);
    assert_ne!(rewritten, text);
    std::fs::write(&corpus, rewritten + &all[2000..].concat()).unwrap();
    let opened = open(&corpus, &cache);
    assert_eq!(opened.cache, CacheUse::Kept);
    assert!(!has_tail(&cache), "indexed whole");
    answers_as_afresh(&corpus, &opened.catalog);

    // The file cut shorter than it was indexed.
    std::fs::write(&corpus, all[..1500].concat()).unwrap();
    let cut = open(&corpus, &cache);
    assert!(!has_tail(&cache));
    answers_as_afresh(&corpus, &cut.catalog);
}

#[test]
fn an_id_the_file_has_already_reads_it_whole() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    let all = lines(2000);
    let corpus = common::write(dir.path(), "a.jsonl", all.concat());
    open(&corpus, &cache);
    let before = stamp(&cache);
    // The first record again: read whole, its id made unique as always.
    append(&corpus, &all[0]);
    let opened = open(&corpus, &cache);
    assert_ne!(stamp(&cache), before);
    assert!(!has_tail(&cache));
    answers_as_afresh(&corpus, &opened.catalog);
}

#[test]
fn a_line_cut_short_is_a_bad_record_until_it_is_whole() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    let all = lines(2010);
    let corpus = common::write(dir.path(), "a.jsonl", all[..2000].concat());
    open(&corpus, &cache);
    let before = stamp(&cache);

    let last = &all[2009];
    let (half, rest) = last.split_at(last.len() / 2);
    append(&corpus, &(all[2000..2009].concat() + half));
    let cut = open(&corpus, &cache);
    assert_eq!(stamp(&cache), before);
    assert!(has_tail(&cache));
    assert_eq!(cut.catalog.len(), 2009);
    assert_eq!(cut.kept.skipped, 1);
    let told = cut.kept.first_skipped.clone().unwrap();
    assert!(told.contains("a.jsonl:2010:"), "{told}");
    answers_as_afresh(&corpus, &cut.catalog);
    // Strict: the bad record fails the load, as for the whole file.
    let strict = LoadOptions {
        strict: true,
        ..Default::default()
    };
    let e = open_file(&corpus, strict, Some(&cache)).err().unwrap();
    assert!(e.to_string().contains("a.jsonl:2010:"), "{e}");

    append(&corpus, rest);
    let whole = open(&corpus, &cache);
    assert_eq!(stamp(&cache), before);
    assert_eq!(whole.catalog.len(), 2010);
    assert_eq!(whole.kept.skipped, 0);
    answers_as_afresh(&corpus, &whole.catalog);
}
