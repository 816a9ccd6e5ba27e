//! The index cache from the command line: `cache list|clear`, and that a
//! cached corpus answers exactly as the file read afresh.

mod common;

use common::paperboat;
use predicates::prelude::*;

#[test]
fn cache_list_and_clear_on_an_empty_cache() {
    let dir = tempfile::TempDir::new().unwrap();
    let cache = dir.path().join("elsewhere");
    paperboat(dir.path())
        .args(["cache", "list", "--cache-dir"])
        .arg(&cache)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("no corpus indexes in "));
    paperboat(dir.path())
        .args(["cache", "clear"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "removed 0 corpus indexes (0 B) from ",
        ));
    paperboat(dir.path())
        .args(["cache", "list", "--no-cache"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no cache dir"));
}

#[path = "../examples/synthetic/formats/mod.rs"]
#[allow(dead_code)]
mod formats;
#[path = "../examples/synthetic/generator.rs"]
#[allow(dead_code)]
mod generator;
#[path = "../examples/synthetic/record.rs"]
#[allow(dead_code)]
mod record;

use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// Queries that use every part of the index: fuzzy words, fields, tags,
/// facts, orders, exact text in abstracts, negation.
const QUERIES: &[&str] = &[
    "",
    "mamba",
    "seg tag:ct",
    "'MIMIC",
    "\"state space\"",
    "year:2024 sort:upvotes",
    "^A",
    "author:li",
    "org:univ",
    "has:code sort:-date",
    "abstract:segment !tag:mri",
    "Transformer sort:title",
    "upvotes:>=3 | authors:<=2",
    "nothing-matches-this",
];

/// The queries run through the command line (every process costs a
/// moment; the library test below runs them all).
const CLI_QUERIES: &[&str] = &["", "mamba seg", "'MIMIC", "year:2024 sort:upvotes"];

/// `paperboat search` of a few queries in text and JSON, as one text.
fn answers(dir: &Path, corpus: &Path, flags: &[&str]) -> String {
    let mut all = String::new();
    for query in CLI_QUERIES {
        for format in ["text", "json"] {
            let out = paperboat(dir)
                .args(["search", query, "--format", format, "--corpus"])
                .arg(corpus)
                .args(flags)
                .output()
                .unwrap();
            assert!(out.status.code().unwrap() < 2, "{query}: {out:?}");
            all.push_str(&format!("== {query} {format} {:?}\n", out.status.code()));
            all.push_str(&String::from_utf8(out.stdout).unwrap());
        }
    }
    all
}

/// The one entry directory's index file in `cache`.
fn entry_file(cache: &Path) -> PathBuf {
    let dirs: Vec<PathBuf> = std::fs::read_dir(cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    dirs[0].join("index")
}

fn synthetic(dir: &Path, format: formats::Format, count: usize) -> PathBuf {
    let name = format!(
        "synthetic-{}.json{}",
        format.name(),
        if format == formats::Format::Arxiv {
            "l"
        } else {
            ""
        }
    );
    let mut out = Vec::new();
    format.write(&mut out, count, 11).unwrap();
    common::write(dir, &name, out)
}

#[test]
fn search_answers_the_same_from_the_cache_as_from_the_file() {
    let dir = TempDir::new().unwrap();
    let mut corpora = vec![common::write(
        dir.path(),
        "bundled.json",
        paperboat::corpus::BUNDLED_JSON,
    )];
    for format in formats::Format::ALL {
        corpora.push(synthetic(dir.path(), format, 2000));
    }
    for corpus in &corpora {
        let fresh = answers(dir.path(), corpus, &["--no-cache"]);
        assert!(fresh.lines().count() > 100, "{fresh}");
        // The first run fills the cache, the others use it.
        let cached = answers(dir.path(), corpus, &[]);
        assert_eq!(cached, fresh, "{}", corpus.display());
        same_hits_and_papers(corpus, &dir.path().join("cache"));
    }
    paperboat(dir.path())
        .args(["cache", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("bundled.json"))
        .stdout(predicate::str::contains("synthetic-arxiv.jsonl"))
        .stdout(predicate::str::contains("2,000"))
        .stdout(predicate::str::contains("unusable").not());
}

/// Every query finds the same hits, with the same scores and the same
/// papers behind them, in a corpus read into memory, read into a catalog
/// and opened from the cache.
fn same_hits_and_papers(corpus: &Path, cache: &Path) {
    use paperboat::catalog::{CacheUse, Catalog, open_file};
    use paperboat::corpus::{LoadOptions, load_file};
    use paperboat::query::{Papers, parse};
    let options = LoadOptions::default();
    let mut memory = Catalog::from_corpus(load_file(corpus).unwrap());
    memory.index_abstracts_in_memory();
    let read = open_file(corpus, options, None).unwrap();
    let cached = open_file(corpus, options, Some(cache)).unwrap();
    assert_eq!(cached.cache, CacheUse::Used);
    assert!(read.catalog.is_shelved() && cached.catalog.is_shelved());
    for text in QUERIES {
        let query = parse(text).unwrap();
        let expected = memory.index.search(&memory, &query);
        for catalog in [&read.catalog, &cached.catalog] {
            let hits = catalog.index.search(catalog, &query);
            assert_eq!(hits.len(), expected.len(), "{text}");
            for (hit, want) in hits.iter().zip(&expected).take(50) {
                assert_eq!((hit.index, hit.score), (want.index, want.score), "{text}");
                assert_eq!(catalog.paper(hit.index), memory.paper(want.index), "{text}");
                assert_eq!(catalog.title(hit.index), memory.title(want.index));
            }
        }
    }
}

#[test]
fn a_corpus_changed_after_indexing_is_read_again() {
    let dir = TempDir::new().unwrap();
    let line = |id: &str, title: &str| format!("{{\"id\":\"{id}\",\"title\":\"{title}\"}}\n");
    let text = line("2401.00001", "Alpha Mamba") + &line("2401.00002", "Beta Mamba");
    let corpus = common::write(dir.path(), "c.jsonl", &text);
    let search = || {
        let out = paperboat(dir.path())
            .args(["search", "mamba", "--format", "tsv", "--corpus"])
            .arg(&corpus)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(search().lines().count(), 2);
    assert_eq!(search().lines().count(), 2, "from the cache");

    // A line appended.
    let mut grown = text.clone() + &line("2401.00003", "Gamma Mamba");
    std::fs::write(&corpus, &grown).unwrap();
    assert_eq!(search().lines().count(), 3);

    // The same size, one byte changed, the time put back.
    let time = std::fs::metadata(&corpus).unwrap().modified().unwrap();
    grown = grown.replacen("Gamma", "Gamba", 1);
    std::fs::write(&corpus, &grown).unwrap();
    let file = std::fs::File::options().write(true).open(&corpus).unwrap();
    file.set_modified(time).unwrap();
    drop(file);
    assert!(
        search().contains("Gamba Mamba"),
        "re-read, not answered from the cache"
    );
}

#[test]
fn damaged_cache_entries_are_rebuilt_with_the_right_answer() {
    let dir = TempDir::new().unwrap();
    let corpus = synthetic(dir.path(), formats::Format::Arxiv, 300);
    let cache = dir.path().join("cache");
    let expected = answers(dir.path(), &corpus, &["--no-cache"]);
    assert_eq!(answers(dir.path(), &corpus, &[]), expected);
    let entry = entry_file(&cache);
    let whole = std::fs::read(&entry).unwrap();
    let mut other_version = whole.clone();
    other_version[16] ^= 0xff;
    let mut garbled = whole.clone();
    let middle = garbled.len() / 2;
    garbled[middle] ^= 0x55;
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", whole[..whole.len() / 3].to_vec()),
        ("garbled", garbled),
        ("another version", other_version),
        ("not an entry", b"hello".to_vec()),
    ];
    for (what, bytes) in damages {
        std::fs::write(&entry, &bytes).unwrap();
        let out = paperboat(dir.path())
            .args(["search", "mamba seg", "--format", "tsv", "--corpus"])
            .arg(&corpus)
            .output()
            .unwrap();
        assert!(
            out.stderr.is_empty(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let again = answers(dir.path(), &corpus, &[]);
        assert_eq!(again, expected, "{what}");
        assert_eq!(
            std::fs::read(&entry).unwrap().len(),
            whole.len(),
            "{what}: rebuilt whole"
        );
    }
}

#[test]
fn two_processes_indexing_one_new_file_both_answer_and_leave_one_whole_entry() {
    let dir = TempDir::new().unwrap();
    let corpus = synthetic(dir.path(), formats::Format::Arxiv, 20_000);
    let expected = paperboat(dir.path())
        .args([
            "search",
            "mamba",
            "--format",
            "tsv",
            "--no-cache",
            "--corpus",
        ])
        .arg(&corpus)
        .output()
        .unwrap()
        .stdout;
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_paperboat"))
            .args(["--config-dir"])
            .arg(dir.path())
            .env("PAPERBOAT_CACHE_DIR", dir.path().join("cache"))
            .env("PAPERBOAT_DATA_DIR", dir.path().join("data"))
            .args(["search", "mamba", "--format", "tsv", "--corpus"])
            .arg(&corpus)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, expected);
    }
    let entry = entry_file(&dir.path().join("cache"));
    let mut left: Vec<String> = std::fs::read_dir(entry.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["abstracts", "index"], "no temporary file left");
    paperboat(dir.path())
        .args(["cache", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("20,000"))
        .stdout(predicate::str::contains("unusable").not());
}

#[test]
fn a_cache_dir_that_cannot_be_written_means_no_cache_and_one_line() {
    let dir = TempDir::new().unwrap();
    let corpus = synthetic(dir.path(), formats::Format::Native, 300);
    let expected = answers(dir.path(), &corpus, &["--no-cache"]);
    // A file where the cache dir should be: nothing can be made in it,
    // whoever runs the test.
    let blocked = common::write(dir.path(), "blocked", "a file");
    let out = paperboat(dir.path())
        .args(["search", "mamba", "--cache-dir"])
        .arg(&blocked)
        .arg("--corpus")
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("cache:") && stderr.contains("not kept"),
        "{stderr}"
    );
    let flags = ["--cache-dir", blocked.to_str().unwrap()];
    let answered = answers(dir.path(), &corpus, &flags);
    assert_eq!(answered, expected);
    assert_eq!(std::fs::read_to_string(&blocked).unwrap(), "a file");

    // A directory without write permission (root may write anyway).
    let read_only = dir.path().join("read-only");
    std::fs::create_dir(&read_only).unwrap();
    let mut perms = std::fs::metadata(&read_only).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
    std::fs::set_permissions(&read_only, perms).unwrap();
    let flags = ["--cache-dir", read_only.to_str().unwrap()];
    assert_eq!(answers(dir.path(), &corpus, &flags), expected);
}

#[test]
fn no_cache_reads_and_writes_no_index() {
    let dir = TempDir::new().unwrap();
    let corpus = synthetic(dir.path(), formats::Format::DailyPapers, 200);
    answers(dir.path(), &corpus, &["--no-cache"]);
    assert!(!dir.path().join("cache").exists());
    // Nor reads one: a cached run, then the file changes, and --no-cache
    // sees the change even if the entry were trusted.
    answers(dir.path(), &corpus, &[]);
    assert!(dir.path().join("cache").exists());
}

/// The reader keeps what it read in the cache (index and abstracts) and
/// opens from it the next time, with what `search` finds; with a cache dir
/// it cannot write, it says so in one status line and works on.
#[test]
fn the_reader_keeps_the_index_and_opens_from_it() {
    use common::pty::Reader;
    let dir = TempDir::new().unwrap();
    let corpus = synthetic(dir.path(), formats::Format::Arxiv, 400);
    let file = corpus.to_str().unwrap();
    let blocked = common::write(dir.path(), "blocked", "a file");
    let mut reader = Reader::start(
        &["--cache-dir", blocked.to_str().unwrap(), file],
        dir.path(),
        120,
        40,
    );
    reader.wait_for("the cache told", |s| s.contains("the index is not kept"));
    reader.send("q");
    reader.wait_exit();

    let mut reader = Reader::start(&[file], dir.path(), 120, 40);
    reader.wait_for("every paper", |s| s.contains("400 / 400"));
    let cache = dir.path().join("cache");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !(cache.exists() && entry_file(&cache).with_file_name("abstracts").exists()) {
        assert!(std::time::Instant::now() < deadline, "the index is kept");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    reader.send("q");
    reader.wait_exit();

    let expected = paperboat(dir.path())
        .args(["search", "segment", "--format", "tsv", "--corpus", file])
        .output()
        .unwrap();
    let matches = String::from_utf8(expected.stdout).unwrap().lines().count();
    let mut reader = Reader::start(&[file], dir.path(), 120, 40);
    reader.wait_for("opened from the cache", |s| s.contains("400 / 400"));
    reader.send("/segment");
    let count = format!("{matches} / 400");
    reader.wait_for("what search finds", |s| s.contains(&count));
    reader.send("\x1bq");
}
