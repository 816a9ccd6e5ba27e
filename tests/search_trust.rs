//! Search results never depend on how fast the query is typed: whatever
//! the order of keys, backspaces and cancelled searches, the reader's list
//! settles on exactly the papers, in exactly the order, that one search
//! from scratch gives.

mod common;

#[path = "../examples/synthetic/generator.rs"]
#[allow(dead_code)]
mod generator;

use std::cell::RefCell;
use std::sync::atomic::AtomicBool;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use paperboat::catalog::Catalog;
use paperboat::corpus::Paper;
use paperboat::query::{Hit, parse};
use paperboat::tui::action::{Action, Command, Settings};
use paperboat::tui::line_edit::Edit;
use paperboat::tui::state::App;

/// The bundled corpus, its abstracts indexed.
fn bundled() -> App {
    App::new(Catalog::bundled().unwrap(), (120, 40))
}

/// `count` synthetic papers, their abstracts indexed.
fn synthetic(count: usize) -> App {
    let mut catalog = Catalog::loaded("synthetic".into(), generator::papers(count, 27));
    catalog.index_abstracts_in_memory();
    App::new(catalog, (120, 40))
}

/// Runs the waiting search to its end, as the event loop does when no key
/// comes meanwhile.
fn pause(app: &mut App) {
    if let Some(searched) = app.run_search(&AtomicBool::new(false)) {
        app.update(Action::Searched(searched));
    }
}

/// Types `text` one key at a time, each search finishing before the next key.
fn type_slowly(app: &mut App, text: &str) {
    app.update(Command::EditQuery);
    for c in text.chars() {
        app.update(Command::Edit(Edit::Insert(c)));
        pause(app);
    }
}

/// What one search from scratch finds for the query line's text.
fn from_scratch(app: &App) -> Vec<Hit> {
    let query = parse(app.search().line().text()).unwrap();
    app.catalog().index.search(app.catalog(), &query)
}

#[test]
fn a_typo_typed_key_by_key_finds_what_it_finds_pasted() {
    let mut app = bundled();
    for word in ["reasonign", "segmnetation"] {
        app.update(Command::EditQuery);
        app.update(Command::Edit(Edit::Clear));
        type_slowly(&mut app, word);
        assert!(!app.search_pending());
        let scratch = from_scratch(&app);
        assert!(!scratch.is_empty(), "{word}");
        assert_eq!(app.search().hits(), scratch, "{word}");
    }
}

/// What a user does at the query line.
#[derive(Debug, Clone)]
enum Step {
    /// One key typed.
    Key(char),
    /// A word typed key by key, no search finishing in between.
    Word(&'static str),
    /// A word typed key by key, each search finishing before the next key.
    Slowly(&'static str),
    Backspace,
    /// No key for a while: the waiting search runs to its end.
    Pause,
    /// A key arrives while the search runs: it gives up.
    Cancelled,
}

/// Words whose forgiving matches change as they grow, and their parts.
const WORDS: &[&str] = &[
    "reasonign",
    "reasonig",
    "segmnetation",
    "segmentaion",
    "transfrmr",
    "mamba",
    "medsam",
    "vision",
    "llm",
    "zero-shot",
    "u-net",
    "diffusion",
];

/// Keys typed one by one: the letters of the words, a hyphen, a quote
/// and a space.
const KEYS: &[char] = &[
    'r', 'e', 'a', 's', 'o', 'n', 'i', 'g', 't', 'm', 'd', 'l', 'v', 'u', 'c', 'f', 'z', 'h', '-',
    '\'', ' ',
];

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => proptest::sample::select(KEYS).prop_map(Step::Key),
        2 => proptest::sample::select(WORDS).prop_map(Step::Word),
        2 => proptest::sample::select(WORDS).prop_map(Step::Slowly),
        2 => Just(Step::Backspace),
        2 => Just(Step::Pause),
        2 => Just(Step::Cancelled),
    ]
}

/// Plays `steps` from an empty query line, then waits for the search to
/// end: the list must be what one search from scratch gives.
fn settles_as_from_scratch(app: &mut App, steps: &[Step]) -> Result<(), TestCaseError> {
    app.update(Command::EditQuery);
    app.update(Command::Edit(Edit::Clear));
    pause(app);
    for step in steps {
        match step {
            Step::Key(c) => drop(app.update(Command::Edit(Edit::Insert(*c)))),
            Step::Word(word) => {
                for c in word.chars() {
                    app.update(Command::Edit(Edit::Insert(c)));
                }
            }
            Step::Slowly(word) => {
                for c in word.chars() {
                    app.update(Command::Edit(Edit::Insert(c)));
                    pause(app);
                }
            }
            Step::Backspace => drop(app.update(Command::Edit(Edit::Backspace))),
            Step::Pause => pause(app),
            Step::Cancelled => {
                prop_assert!(app.run_search(&AtomicBool::new(true)).is_none());
            }
        }
    }
    pause(app);
    prop_assert!(!app.search_pending());
    let text = app.search().line().text().to_string();
    if parse(&text).is_ok() {
        prop_assert_eq!(app.search().query_text(), text.as_str());
        prop_assert_eq!(app.search().hits(), &from_scratch(app)[..], "{:?}", text);
    }
    Ok(())
}

/// Runs `cases` random sequences of steps over `app`, searching beside the
/// keyboard as on a large corpus.
fn any_steps_settle_as_from_scratch(mut app: App, cases: u32) {
    app.update(Action::Start(Box::new(Settings {
        search_inline_up_to: Some(0),
        ..Settings::default()
    })));
    let app = RefCell::new(app);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new(config)
        .run(&proptest::collection::vec(step(), 1..24), |steps| {
            settles_as_from_scratch(&mut app.borrow_mut(), &steps)
        })
        .unwrap();
}

#[test]
fn any_keys_backspaces_and_cancels_settle_as_from_scratch_on_the_bundled_corpus() {
    any_steps_settle_as_from_scratch(bundled(), 64);
}

/// 100,000 papers: enough for the forgiven words to differ from one
/// length of a word to the next; few cases, each a full search of them all
/// in a test build.
#[test]
fn any_keys_backspaces_and_cancels_settle_as_from_scratch_on_many_papers() {
    any_steps_settle_as_from_scratch(synthetic(100_000), 16);
}

#[test]
fn a_typo_typed_key_by_key_on_many_papers_finds_what_it_finds_pasted() {
    let mut app = synthetic(20_000);
    for word in ["reasonign", "segmnetation"] {
        app.update(Command::EditQuery);
        app.update(Command::Edit(Edit::Clear));
        type_slowly(&mut app, word);
        let scratch = from_scratch(&app);
        println!("{word} {} {}", app.search().hits().len(), scratch.len());
        assert_eq!(app.search().hits().len(), scratch.len(), "{word}");
        assert_eq!(app.search().hits(), scratch, "{word}");
    }
}

/// How many papers of the bundled corpus `paperboat search QUERY` lists.
fn bundled_count(query: &str) -> usize {
    let dir = tempfile::TempDir::new().unwrap();
    let out = common::paperboat(dir.path())
        .args(["search", query, "--format", "tsv"])
        .output()
        .unwrap();
    assert!(out.status.code().unwrap() < 2, "{query}: {out:?}");
    String::from_utf8(out.stdout).unwrap().lines().count()
}

#[test]
fn hyphenated_words_find_as_many_papers_as_the_exact_text() {
    for (bare, at_least) in [
        ("zero-shot", 16),
        ("fine-tuning", 64),
        ("state-of-the-art", 66),
        ("gpt-4", 16),
        ("u-net", 8),
    ] {
        let exact = bundled_count(&format!("'{bare}"));
        assert_eq!(exact, at_least, "'{bare}");
        let found = bundled_count(bare);
        assert!(found >= exact, "{bare}: {found} < {exact}");
    }
}

/// Papers titled `titles`, the last one's abstract `abstract_text`.
fn titled(titles: &[&str], abstract_text: &str) -> Vec<Paper> {
    let mut papers: Vec<Paper> = titles
        .iter()
        .map(|t| Paper::titled(t.to_string()))
        .collect();
    if let Some(last) = papers.last_mut() {
        last.abstract_text = abstract_text.into();
    }
    papers
}

/// The titles `query` finds, best first, the abstracts indexed.
fn found(papers: &[Paper], query: &str) -> Vec<String> {
    let mut catalog = Catalog::loaded("t".into(), papers.to_vec());
    catalog.index_abstracts_in_memory();
    let hits = catalog.index.search(&catalog, &parse(query).unwrap());
    hits.iter().map(|h| papers[h.index].title.clone()).collect()
}

#[test]
fn a_hyphenated_word_finds_its_words_apart_together_and_forgiven() {
    let papers = titled(
        &[
            "A U-Net for Scans",
            "UNet Again",
            "U Net Spaced",
            "Universal Networks",
            "Zero-Shot Segmentation",
            "ZeroShot Detection",
            "Abstract Only",
        ],
        "We train a U-Net in the zero shot setting.",
    );
    let mut unet = found(&papers, "u-net");
    unet.sort();
    assert_eq!(
        unet,
        [
            "A U-Net for Scans",
            "Abstract Only",
            "U Net Spaced",
            "UNet Again",
            "Universal Networks"
        ],
        "written apart, together, or as initials as `unet` is"
    );
    assert!(found(&papers, "unet").contains(&"A U-Net for Scans".to_string()));
    assert_eq!(found(&papers, "zero-shot").len(), 3);
    // Abstract matches rank below headline matches.
    assert_eq!(found(&papers, "zero-shot").last().unwrap(), "Abstract Only");
    // A typo in the joined form is forgiven as in any word.
    assert!(found(&papers, "zero-shto").contains(&"ZeroShot Detection".to_string()));
}

#[test]
fn a_misspelt_field_is_named_with_the_field_it_likely_is() {
    let dir = tempfile::TempDir::new().unwrap();
    let out = common::paperboat(dir.path())
        .args(["search", "yaer:2024"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("unknown field `yaer:`; did you mean `year:`?"),
        "{stderr}"
    );
    // The reader says the same under its query line, the results of
    // the last query that parsed staying.
    let mut app = bundled();
    type_slowly(&mut app, "yaer:2024");
    let error = app.search().error().expect("an error on the query line");
    assert!(error.message.contains("did you mean `year:`?"), "{error:?}");
    assert_eq!(app.search().query_text(), "yaer");
}
