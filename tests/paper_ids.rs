//! Papers named as people paste them: arXiv ids with or without `arXiv:`
//! and a version, arxiv.org and Hugging Face URLs, DOIs and doi.org URLs,
//! in `show`, `similar`, `open`, `bookmarks add` and queries.

mod common;

use std::path::{Path, PathBuf};

use common::{paperboat, write};
use serde_json::Value;
use tempfile::TempDir;

/// An arXiv paper (its journal DOI only in `doi`), a medRxiv paper, a
/// paper with a slug id known only by its links, and one more.
const CORPUS: &str = r#"{"format":"paperboat-corpus","version":1,"name":"ids","papers":[
{"id":"arXiv:2505.47796","title":"Mamba Segmentation of Liver CT","abstract":"A state space model segments the liver in CT.","tags":["method/mamba","modality/ct"],"links":[{"kind":"paper","url":"https://arxiv.org/abs/2505.47796"},{"kind":"code","url":"https://github.com/x/mamba-liver"}],"arxiv_id":"2505.47796","doi":"10.1234/Journal.5678"},
{"id":"doi:10.1101/2025.11.28.25341234","title":"Long COVID in Children","abstract":"A cohort study of children after infection.","links":[{"kind":"paper","url":"https://www.medrxiv.org/content/10.1101/2025.11.28.25341234v3"}]},
{"id":"vision-transformer-for-chest-x-rays","title":"Vision Transformer for Chest X-rays","abstract":"A transformer reads chest radiographs.","tags":["modality/x-ray"],"links":[{"kind":"paper","url":"https://arxiv.org/pdf/2401.01234v2"},{"kind":"paper","url":"https://doi.org/10.5555/XRAY.2024"}]},
{"id":"liver-lesions-in-ct","title":"Liver Lesions in CT","abstract":"Liver lesion detection in abdominal CT with a state space model.","tags":["method/mamba","modality/ct"]}
]}"#;

const ARXIV_FORMS: &[&str] = &[
    "arXiv:2505.47796",
    "2505.47796",
    "2505.47796v2",
    "arxiv:2505.47796v2",
    "https://arxiv.org/abs/2505.47796",
    "https://arxiv.org/abs/2505.47796v2",
    "arxiv.org/abs/2505.47796",
    "http://www.arxiv.org/abs/2505.47796v1",
    "https://export.arxiv.org/abs/2505.47796",
    "https://arxiv.org/pdf/2505.47796",
    "https://arxiv.org/pdf/2505.47796v2.pdf",
    "https://huggingface.co/papers/2505.47796",
    "https://doi.org/10.48550/arXiv.2505.47796",
    // Its journal's DOI, which only its record holds.
    "10.1234/journal.5678",
    "https://doi.org/10.1234/JOURNAL.5678",
];

const MEDRXIV_FORMS: &[&str] = &[
    "doi:10.1101/2025.11.28.25341234",
    "10.1101/2025.11.28.25341234",
    "https://doi.org/10.1101/2025.11.28.25341234",
    "https://dx.doi.org/10.1101/2025.11.28.25341234",
    "https://www.medrxiv.org/content/10.1101/2025.11.28.25341234v2",
];

const SLUG_FORMS: &[&str] = &[
    "vision-transformer-for-chest-x-rays",
    "2401.01234",
    "arXiv:2401.01234v2",
    "https://arxiv.org/abs/2401.01234",
    "https://huggingface.co/papers/2401.01234",
    "10.5555/xray.2024",
    "https://doi.org/10.5555/xray.2024",
];

/// Each paper's id with the forms that name it.
fn every_form() -> Vec<(&'static str, &'static str)> {
    let named = [
        ("arXiv:2505.47796", ARXIV_FORMS),
        ("doi:10.1101/2025.11.28.25341234", MEDRXIV_FORMS),
        ("vision-transformer-for-chest-x-rays", SLUG_FORMS),
    ];
    named
        .iter()
        .flat_map(|(id, forms)| forms.iter().map(move |f| (*id, *f)))
        .collect()
}

fn corpus(dir: &Path) -> PathBuf {
    write(dir, "ids.json", CORPUS)
}

/// Runs `paperboat --corpus CORPUS ARGS`, expecting success.
fn run(dir: &Path, corpus: &Path, args: &[&str]) -> String {
    let out = paperboat(dir)
        .arg("--corpus")
        .arg(corpus)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn ids_of(json: &str) -> Vec<String> {
    let found: Vec<Value> = serde_json::from_str(json).unwrap();
    found
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn show_takes_every_pasted_form_of_a_papers_id() {
    let dir = TempDir::new().unwrap();
    let corpus = corpus(dir.path());
    // Twice: first the file is read whole, then its cached index is
    // opened and records are read from the file when needed.
    for round in 0..2 {
        for (id, form) in every_form() {
            let shown: Value = serde_json::from_str(&run(
                dir.path(),
                &corpus,
                &["show", form, "--format", "json"],
            ))
            .unwrap();
            assert_eq!(shown["id"], id, "round {round}: {form}");
        }
    }
}

#[test]
fn an_id_naming_no_paper_is_one_line_and_exit_2() {
    let dir = TempDir::new().unwrap();
    let corpus = corpus(dir.path());
    for form in [
        "2505.47797",
        "https://arxiv.org/abs/2505.47797v1",
        "10.1101/nothing",
    ] {
        let out = paperboat(dir.path())
            .arg("--corpus")
            .arg(&corpus)
            .args(["show", form])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{form}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("no paper with id"), "{stderr}");
    }
}

#[test]
fn similar_takes_pasted_forms_as_command_and_clause() {
    let dir = TempDir::new().unwrap();
    let corpus = corpus(dir.path());
    let by_id = run(
        dir.path(),
        &corpus,
        &["similar", "arXiv:2505.47796", "--format", "json"],
    );
    let expected = ids_of(&by_id);
    assert_eq!(
        expected.first().map(String::as_str),
        Some("liver-lesions-in-ct")
    );
    for form in ARXIV_FORMS {
        let found = run(dir.path(), &corpus, &["similar", form, "--format", "json"]);
        assert_eq!(ids_of(&found), expected, "{form}");
        let clause = format!("similar:{form}");
        let found = run(
            dir.path(),
            &corpus,
            &["search", &clause, "--format", "json"],
        );
        assert_eq!(ids_of(&found), expected, "{clause}");
    }
}

#[test]
fn open_print_takes_pasted_forms() {
    let dir = TempDir::new().unwrap();
    let corpus = corpus(dir.path());
    for form in ["https://arxiv.org/abs/2505.47796v2", "arxiv:2505.47796"] {
        let url = run(dir.path(), &corpus, &["open", form, "--print"]);
        assert_eq!(url, "https://github.com/x/mamba-liver\n", "{form}");
    }
    let url = run(
        dir.path(),
        &corpus,
        &[
            "open",
            "https://doi.org/10.1101/2025.11.28.25341234",
            "--print",
        ],
    );
    assert_eq!(
        url,
        "https://www.medrxiv.org/content/10.1101/2025.11.28.25341234v3\n"
    );
    let url = run(
        dir.path(),
        &corpus,
        &["open", "huggingface.co/papers/2401.01234", "--print"],
    );
    assert_eq!(url, "https://arxiv.org/pdf/2401.01234v2\n");
}

#[test]
fn a_pasted_form_as_a_query_finds_its_paper_first() {
    let dir = TempDir::new().unwrap();
    let corpus = corpus(dir.path());
    for round in 0..2 {
        for (id, form) in every_form() {
            let found = run(dir.path(), &corpus, &["search", form, "--format", "json"]);
            assert_eq!(ids_of(&found), [id], "round {round}: {form}");
        }
    }
    // Beside other words: the named paper first, then what they find.
    let found = run(
        dir.path(),
        &corpus,
        &["search", "liver | 2401.01234", "--format", "json"],
    );
    let ids = ids_of(&found);
    assert_eq!(ids[0], "vision-transformer-for-chest-x-rays", "{ids:?}");
    assert_eq!(ids.len(), 3, "{ids:?}");
    let found = run(
        dir.path(),
        &corpus,
        &[
            "search",
            "!https://arxiv.org/abs/2505.47796",
            "--format",
            "json",
        ],
    );
    assert_eq!(ids_of(&found).len(), 3);
}

#[test]
fn bookmarks_add_takes_a_pasted_url() {
    let dir = TempDir::new().unwrap();
    let corpus = corpus(dir.path());
    run(
        dir.path(),
        &corpus,
        &["bookmarks", "add", "https://arxiv.org/abs/2505.47796v2"],
    );
    let listed = run(
        dir.path(),
        &corpus,
        &["bookmarks", "list", "--format", "json"],
    );
    assert!(listed.contains("arXiv:2505.47796"), "{listed}");
}

#[test]
fn a_query_naming_a_paper_not_here_says_so() {
    let dir = TempDir::new().unwrap();
    let corpus = corpus(dir.path());
    let out = paperboat(dir.path())
        .arg("--corpus")
        .arg(&corpus)
        .args(["search", "https://arxiv.org/abs/2505.47797v2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "paperboat: arXiv:2505.47797 is not in this corpus\n"
    );
}
