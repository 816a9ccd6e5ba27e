//! The command line as users of grep and fzf expect it: unquoted words,
//! an id to pass on, unknown counts that do not read as zero.

mod common;

use common::{fixture, paperboat};
use tempfile::TempDir;

fn stdout_of(args: &[&str]) -> String {
    let dir = TempDir::new().unwrap();
    let out = paperboat(dir.path()).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn unquoted_words_are_one_query() {
    assert_eq!(
        stdout_of(&["search", "mamba", "seg"]),
        stdout_of(&["search", "mamba seg"])
    );
    assert_eq!(
        stdout_of(&["search", "mamba", "seg", "--limit", "2"])
            .lines()
            .count(),
        2,
        "options still count after the words"
    );
    assert_eq!(
        stdout_of(&["tags", "mamba", "seg"]),
        stdout_of(&["tags", "mamba seg"])
    );
}

#[test]
fn search_text_shows_the_id_to_pass_to_show_and_open() {
    let out = stdout_of(&["search", "mamba seg", "--limit", "3"]);
    let first = out.lines().next().unwrap();
    let id = first.split_whitespace().nth(2).unwrap();
    let shown = stdout_of(&["show", id]);
    let title = first.split("  ").last().unwrap().trim();
    assert!(shown.contains(title), "{first}\n{shown}");
    // The titles line up whatever the ids' lengths.
    let starts: Vec<usize> = out
        .lines()
        .map(|l| l.find(l.split("  ").last().unwrap().trim()).unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{out}");
}

#[test]
fn unknown_upvotes_print_as_a_dash_not_zero() {
    let file = fixture("formats/arxiv-metadata.json");
    let file = file.to_str().unwrap();
    let text = stdout_of(&["search", "segment", "--corpus", file]);
    let line = text.lines().next().unwrap();
    assert_eq!(line.split_whitespace().nth(1), Some("-"), "{text}");
    let tsv = stdout_of(&["search", "segment", "--corpus", file, "--format", "tsv"]);
    let fields: Vec<&str> = tsv.lines().next().unwrap().split('\t').collect();
    assert_eq!(fields[2], "-", "{tsv}");
    // A known count of zero stays 0.
    let bundled = stdout_of(&["search", "fs-rwkv", "--format", "tsv"]);
    assert_eq!(
        bundled.lines().next().unwrap().split('\t').nth(2),
        Some("0")
    );
}

#[test]
fn search_help_has_the_query_syntax() {
    let help = stdout_of(&["search", "--help"]);
    assert!(help.contains("Query syntax:"), "{help}");
    for example in [
        "tag:ct",
        "year:>=2023",
        "'exact",
        "sort:-upvotes",
        "has:code",
    ] {
        assert!(help.contains(example), "{example} in {help}");
    }
}

/// A corpus of one paper with twelve links.
fn many_links(dir: &std::path::Path) -> std::path::PathBuf {
    let links: Vec<String> = (1..=12)
        .map(|i| format!(r#"{{"kind": "project", "url": "https://example.org/{i}"}}"#))
        .collect();
    let file = dir.join("links.json");
    std::fs::write(
        &file,
        format!(
            r#"[{{"id": "many", "title": "Many links", "links": [{}]}}]"#,
            links.join(",")
        ),
    )
    .unwrap();
    file
}

#[test]
fn show_keeps_link_kinds_aligned_past_nine() {
    let dir = TempDir::new().unwrap();
    let file = many_links(dir.path());
    let out = stdout_of(&["show", "many", "--corpus", file.to_str().unwrap()]);
    let columns: Vec<usize> = out
        .lines()
        .filter(|l| l.contains("https://"))
        .map(|l| l.find("project").unwrap())
        .collect();
    assert_eq!(columns.len(), 12, "{out}");
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{out}");
    assert!(
        out.contains(" 9. project") && out.contains("10. project"),
        "{out}"
    );
}

#[test]
fn arxiv_categories_keep_their_case_and_match_in_any_case() {
    let file = fixture("formats/arxiv-metadata.json");
    let file = file.to_str().unwrap();
    let shown = stdout_of(&["show", "arXiv:2410.00001", "--corpus", file]);
    assert!(shown.contains("arxiv/cs.CV arxiv/eess.IV"), "{shown}");
    let tags = stdout_of(&["tags", "--corpus", file]);
    assert!(tags.contains("cs.CV"), "{tags}");
    for query in ["tag:cs.cv", "tag:CS.CV", "tag:arxiv/cs.CV", "tag:eess.iv"] {
        let found = stdout_of(&["search", query, "--corpus", file, "--format", "tsv"]);
        assert!(found.contains("arXiv:2410.00001\t"), "{query}: {found}");
    }
}

#[test]
fn check_exits_1_when_records_were_skipped_and_speaks_in_words() {
    let dir = TempDir::new().unwrap();
    let clean = dir.path().join("clean.jsonl");
    std::fs::write(&clean, "{\"id\":\"1\",\"title\":\"A\"}\n").unwrap();
    paperboat(dir.path())
        .arg("check")
        .arg(&clean)
        .assert()
        .code(0);
    let skipping = dir.path().join("skipping.jsonl");
    std::fs::write(
        &skipping,
        "{\"id\":\"1\",\"title\":\"A\"}\n{\"id\": 5}\n{\"id\":\"3\",\"title\":\"C\"}\n{\"id\": 6}\n",
    )
    .unwrap();
    let out = paperboat(dir.path())
        .arg("check")
        .arg(&skipping)
        .assert()
        .code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("2 papers") && stdout.contains("2 bad records skipped"),
        "{stdout}"
    );
    assert!(!stdout.contains(": ok"), "{stdout}");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "[{\"title\": nul}]").unwrap();
    let out = paperboat(dir.path())
        .arg("check")
        .arg(&broken)
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("expected true, false or null"), "{stderr}");
    assert!(!stderr.contains("ident"), "{stderr}");
}

#[test]
fn a_misspelt_subcommand_is_named_and_a_file_before_one_is_its_corpus() {
    let dir = TempDir::new().unwrap();
    for (args, said) in [
        (
            vec!["serach", "mamba"],
            "no such file 'serach'; did you mean 'paperboat search'?",
        ),
        (
            vec!["bookmark", "list"],
            "no such file 'bookmark'; did you mean 'paperboat bookmarks'?",
        ),
    ] {
        let out = paperboat(dir.path()).args(&args).assert().code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr, format!("paperboat: {said}\n"));
    }
    let file = fixture("formats/arxiv-metadata.json");
    let out = stdout_of(&[file.to_str().unwrap(), "search", "segment"]);
    assert!(out.contains("arXiv:2410.00001"), "{out}");
}

#[test]
fn a_subcommand_help_offers_only_the_options_it_uses() {
    let check = stdout_of(&["check", "--help"]);
    assert!(check.contains("--strict"), "{check}");
    for unused in ["--corpus", "--config-dir", "--cache-dir", "--no-cache"] {
        assert!(!check.contains(unused), "check offers {unused}:\n{check}");
    }
    for help in [
        stdout_of(&["import", "--help"]),
        stdout_of(&["import", "hf-page", "--help"]),
    ] {
        for unused in [
            "--corpus",
            "--config-dir",
            "--cache-dir",
            "--no-cache",
            "--strict",
        ] {
            assert!(!help.contains(unused), "import offers {unused}:\n{help}");
        }
    }
    let cache = stdout_of(&["cache", "list", "--help"]);
    assert!(cache.contains("--cache-dir"), "{cache}");
    let search = stdout_of(&["search", "--help"]);
    for used in ["--corpus", "--config-dir", "--cache-dir", "--strict"] {
        assert!(search.contains(used), "search lacks {used}");
    }
}
