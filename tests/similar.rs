//! `similar:ID`, `similar:bookmarks` and `paperboat similar`, on the
//! bundled corpus with expectations checked by hand, and on small corpora
//! made for the edge cases.

mod common;

use common::{paperboat, write};
use serde_json::Value;
use tempfile::TempDir;

/// A Mamba segmentation paper of the bundled corpus.
const MAMBA_SEG: &str = "msvm-unet-multi-scale-vision-mamba-unet-for-medical-image-segmentation";

fn json(dir: &std::path::Path, args: &[&str]) -> Vec<Value> {
    let out = paperboat(dir).args(args).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Whether a paper is about Mamba or segmentation: its title, abstract
/// or tags say so.
fn mamba_or_segmentation(paper: &Value) -> bool {
    let text = format!("{} {} {}", paper["title"], paper["abstract"], paper["tags"]).to_lowercase();
    text.contains("mamba") || text.contains("segment") || text.contains("state space")
}

#[test]
fn the_papers_most_like_a_mamba_segmentation_paper_share_its_topics() {
    let dir = TempDir::new().unwrap();
    let top = json(
        dir.path(),
        &["similar", MAMBA_SEG, "--limit", "5", "--format", "json"],
    );
    assert_eq!(top.len(), 5);
    let ids: Vec<&str> = top.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert!(!ids.contains(&MAMBA_SEG), "not in its own list: {ids:?}");
    // Checked by hand: the other Mamba U-Net for segmentation, the xLSTM
    // U-Net that measures itself against Mamba, and the Mamba survey
    // come first.
    let mut first: Vec<&str> = ids[..3].to_vec();
    first.sort();
    assert_eq!(
        first,
        [
            "a-comprehensive-survey-of-mamba-architectures-for-medical-image-analysis-classif",
            "lightm-unet-mamba-assists-in-lightweight-unet-for-medical-image-segmentation",
            "xlstm-unet-can-be-an-effective-2d-3d-medical-image-segmentation-backbone-with-vi",
        ]
    );
    for paper in &top {
        assert!(mamba_or_segmentation(paper), "{}", paper["title"]);
    }
    // Best first: the scores fall.
    let scores: Vec<i64> = top.iter().map(|p| p["score"].as_i64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn similar_combines_with_every_other_clause_and_a_unique_prefix_is_enough() {
    let dir = TempDir::new().unwrap();
    let all = json(
        dir.path(),
        &["search", "similar:msvm-unet", "--format", "json"],
    );
    let recent = json(
        dir.path(),
        &[
            "search",
            "similar:msvm-unet year:>=2025 has:code",
            "--format",
            "json",
        ],
    );
    assert!(!recent.is_empty() && recent.len() < all.len());
    for paper in &recent {
        assert!(paper["published"].as_str().unwrap() >= "2025");
        assert!(
            paper["links"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["kind"] == "code")
        );
    }
    // In the order of the whole list.
    let order: Vec<&Value> = all.iter().map(|p| &p["id"]).collect();
    let positions: Vec<usize> = recent
        .iter()
        .map(|p| order.iter().position(|id| **id == p["id"]).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn an_unknown_id_is_an_error_naming_it() {
    let dir = TempDir::new().unwrap();
    for args in [
        &["search", "similar:no-such-paper"][..],
        &["similar", "no-such-paper"],
    ] {
        let out = paperboat(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains("similar:no-such-paper")
                && stderr.contains("no paper with id `no-such-paper`"),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1);
    }
}

/// Four papers: one with an empty abstract, one with no words at all.
const SMALL: &str = r#"{"format":"paperboat-corpus","version":1,"name":"s","papers":[
{"id":"bare","title":"Mamba Segmentation of Liver CT","tags":["method/mamba","task/segmentation","modality/ct"]},
{"id":"a","title":"Vision Mamba for Organ Segmentation","abstract":"A state space model segments organs in CT.","tags":["method/mamba","task/segmentation"]},
{"id":"b","title":"Report Generation for Chest X-rays","abstract":"Language models write radiology reports.","tags":["task/report-generation","modality/x-ray"]},
{"id":"c","title":"Liver Lesions in CT","abstract":"Liver lesion detection in abdominal CT scans.","tags":["modality/ct","task/detection"]},
{"id":"nothing","title":"?!"}
]}"#;

#[test]
fn a_paper_with_an_empty_abstract_is_compared_by_its_title_and_tags() {
    let dir = TempDir::new().unwrap();
    let corpus = write(dir.path(), "s.json", SMALL);
    let corpus = corpus.to_str().unwrap();
    let found = json(
        dir.path(),
        &["--corpus", corpus, "similar", "bare", "--format", "json"],
    );
    let ids: Vec<&str> = found.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids.first(), Some(&"a"), "{ids:?}");
    assert!(!ids.contains(&"b") && !ids.contains(&"bare"), "{ids:?}");
}

#[test]
fn a_paper_with_no_words_gets_an_empty_list_with_a_reason() {
    let dir = TempDir::new().unwrap();
    let corpus = write(dir.path(), "s.json", SMALL);
    let out = paperboat(dir.path())
        .args(["--corpus", corpus.to_str().unwrap(), "similar", "nothing"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "paperboat: similar:nothing: the paper has no words or tags to compare\n"
    );
}

#[test]
fn similar_bookmarks_finds_papers_like_the_bookmarks_that_are_not_bookmarked() {
    let dir = TempDir::new().unwrap();
    let out = paperboat(dir.path())
        .args(["similar", "bookmarks"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("no bookmarks")
    );
    paperboat(dir.path())
        .args(["bookmarks", "add", MAMBA_SEG])
        .assert()
        .success();
    let found = json(dir.path(), &["similar", "bookmarks", "--format", "json"]);
    assert!(!found.iter().any(|p| p["id"] == MAMBA_SEG));
    for paper in &found[..5] {
        assert!(mamba_or_segmentation(paper), "{}", paper["title"]);
    }
    // With `!is:read` it is a reading list: the same papers, minus those read.
    std::fs::write(
        dir.path().join("read.json"),
        format!(r#"{{"version": 1, "read": [{}]}}"#, found[0]["id"]),
    )
    .unwrap();
    let all = json(
        dir.path(),
        &["search", "similar:bookmarks", "--format", "json"],
    );
    let unread = json(
        dir.path(),
        &["search", "similar:bookmarks !is:read", "--format", "json"],
    );
    assert_eq!(unread.len(), all.len() - 1);
    assert!(!unread.iter().any(|p| p["id"] == found[0]["id"]));
    assert_eq!(unread[0]["id"], all[1]["id"]);
}
