//! Command-line habits a new user tries first: commands without their
//! optional words, counts that read as English, output that fits.

mod common;

use common::{fixture, paperboat, write};
use predicates::prelude::*;
use tempfile::TempDir;

fn stdout_of(dir: &TempDir, args: &[&str]) -> String {
    let out = paperboat(dir.path()).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn search_without_a_query_lists_every_paper() {
    let dir = TempDir::new().unwrap();
    let bare = stdout_of(&dir, &["search"]);
    assert_eq!(bare, stdout_of(&dir, &["search", ""]));
    assert_eq!(bare.lines().count(), 192, "the bundled corpus, whole");
}

#[test]
fn queries_alone_lists_them() {
    let dir = TempDir::new().unwrap();
    stdout_of(&dir, &["queries", "add", "seg", "mamba seg"]);
    let alone = stdout_of(&dir, &["queries"]);
    assert_eq!(alone, stdout_of(&dir, &["queries", "list"]));
    assert!(alone.contains("mamba seg"), "{alone}");
}

#[test]
fn bookmarks_export_prints_bibtex_by_default() {
    let dir = TempDir::new().unwrap();
    let first = stdout_of(&dir, &["search", "--format", "tsv", "--limit", "1"]);
    let id = first.split('\t').next().unwrap().to_string();
    stdout_of(&dir, &["bookmarks", "add", &id]);
    let plain = stdout_of(&dir, &["bookmarks", "export"]);
    assert!(plain.starts_with('@'), "{plain}");
    assert_eq!(
        plain,
        stdout_of(&dir, &["bookmarks", "export", "--format", "bibtex"])
    );
}

#[test]
fn check_counts_one_paper_in_the_singular() {
    let dir = TempDir::new().unwrap();
    paperboat(dir.path())
        .arg("check")
        .arg(fixture("formats/one-record.json"))
        .assert()
        .success()
        .stdout(
            predicate::str::contains("ok, 1 paper (").and(predicate::str::contains("papers").not()),
        );
    let two = write(
        dir.path(),
        "two.jsonl",
        "{\"id\": \"a\", \"title\": \"A\"}\n{\"id\": \"b\", \"title\": \"B\"}\n",
    );
    paperboat(dir.path())
        .arg("check")
        .arg(&two)
        .assert()
        .stdout(predicate::str::contains("2 papers ("));
}

#[test]
fn search_text_keeps_the_id_column_short_and_the_id_usable() {
    let dir = TempDir::new().unwrap();
    let text = stdout_of(&dir, &["search", "mamba"]);
    let tsv = stdout_of(&dir, &["search", "mamba", "--format", "tsv"]);
    let mut cut = 0;
    for (line, row) in text.lines().zip(tsv.lines()) {
        let full_id = row.split('\t').next().unwrap();
        let title = row.split('\t').nth(3).unwrap();
        // date, upvotes, id: the title starts within the first 40 columns.
        let before_title = line.strip_suffix(title).expect("title last, whole");
        assert!(before_title.chars().count() <= 40, "{line}");
        let shown = line.split_whitespace().nth(2).unwrap();
        assert!(shown.chars().count() <= 20, "{shown}");
        if shown != full_id {
            cut += 1;
            assert!(full_id.starts_with(shown.trim_end_matches('…')), "{shown}");
            assert!(shown.ends_with('…'), "{shown}");
        }
    }
    assert!(cut > 0, "the bundled slugs are long");
    // A shortened id, as printed, is taken by `show`; json keeps it whole.
    let shown = text
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .nth(2)
        .unwrap();
    let full = tsv.lines().next().unwrap().split('\t').next().unwrap();
    assert!(full.chars().count() > 20, "{full}");
    let json = stdout_of(&dir, &["search", "mamba", "--format", "json"]);
    assert!(
        json.contains(&format!("\"id\": \"{full}\"")),
        "ids whole in json"
    );
    let paper = stdout_of(&dir, &["show", shown, "--format", "json"]);
    assert!(paper.contains(&format!("\"id\": \"{full}\"")), "{paper}");
}

const PAGES: &str = r#"{"format": "paperboat-corpus", "version": 1, "name": "Pages", "papers": [
  {"id": "page-only", "title": "A Paper With Its Page Only", "published": "2025-01-02",
   "links": [
     {"kind": "project", "url": "https://lab.github.io/page-only/"},
     {"kind": "paper", "url": "https://arxiv.org/abs/2501.00002"}
   ]},
  {"id": "code-too", "title": "A Paper With Code", "published": "2025-01-03",
   "links": [
     {"kind": "paper", "url": "https://arxiv.org/abs/2501.00003"},
     {"kind": "code", "url": "https://github.com/lab/code-too"}
   ]},
  {"id": "project-only", "title": "A Paper With A Project Page", "published": "2025-01-04",
   "links": [{"kind": "project", "url": "https://lab.github.io/project-only/"}]}
]}"#;

#[test]
fn open_opens_what_o_opens() {
    let dir = TempDir::new().unwrap();
    let corpus = write(dir.path(), "pages.json", PAGES);
    let open = |args: &[&str]| {
        paperboat(dir.path())
            .arg("open")
            .args(args)
            .args(["--print", "--corpus"])
            .arg(&corpus)
            .assert()
    };
    open(&["code-too"])
        .success()
        .stdout("https://github.com/lab/code-too\n");
    open(&["page-only"])
        .success()
        .stdout("https://arxiv.org/abs/2501.00002\n");
    open(&["page-only", "--link", "1"])
        .success()
        .stdout("https://lab.github.io/page-only/\n");
    open(&["project-only"])
        .code(2)
        .stderr(predicate::str::contains("--link N"));
}

#[test]
fn commands_open_the_configured_corpus_as_the_reader_does() {
    let dir = TempDir::new().unwrap();
    let corpus = write(dir.path(), "pages.json", PAGES);
    write(
        dir.path(),
        "config.toml",
        "[reader]\ncorpus = \"pages.json\"\n",
    );
    let listed = stdout_of(&dir, &["search", "--format", "tsv"]);
    assert_eq!(listed.lines().count(), 3, "{listed}");
    assert!(listed.contains("page-only\t"), "{listed}");
    let shown = stdout_of(&dir, &["show", "code-too"]);
    assert!(shown.contains("A Paper With Code"), "{shown}");
    // A corpus named on the command line still wins.
    let bundled = stdout_of(
        &dir,
        &[
            "search",
            "--format",
            "tsv",
            "--corpus",
            concat!(env!("CARGO_MANIFEST_DIR"), "/assets/papers.json"),
        ],
    );
    assert_eq!(bundled.lines().count(), 192);
    stdout_of(&dir, &["config", "check"]);
    // Gone: the commands and `config check` say so, exit 2.
    std::fs::remove_file(&corpus).unwrap();
    paperboat(dir.path())
        .args(["search", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pages.json"));
    paperboat(dir.path())
        .args(["config", "check"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("config.toml:2:10: `corpus` names ")
                .and(predicate::str::contains("pages.json, which does not exist")),
        );
}

#[test]
fn a_command_with_a_broken_config_says_why() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "config.toml", "[reader]\ncorpus = 5\n");
    paperboat(dir.path())
        .args(["search", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("config.toml:2:"));
}

#[test]
fn the_header_counts_with_separators_and_keeps_the_loading_name() {
    use paperboat::corpus::Corpus;
    use paperboat::tui::state::App;
    let base = Corpus::bundled().unwrap().papers;
    let papers: Vec<_> = (0..8).flat_map(|_| base.iter().cloned()).collect();
    let app = App::new(
        Corpus {
            name: "big".into(),
            papers,
        },
        (120, 40),
    );
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| {
            paperboat::tui::view::draw(frame, &app, &paperboat::tui::theme::Theme::plain())
        })
        .unwrap();
    let header: String = (0..120)
        .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    assert!(header.contains("1,536 / 1,536"), "{header}");
    // The name shown while a file loads is the one it has once loaded.
    let path = std::path::Path::new("dir/a1m.jsonl");
    let loading = App::loading(path.display().to_string(), (120, 40));
    assert_eq!(loading.catalog().name, "a1m");
    assert_eq!(paperboat::corpus::default_name(path), "a1m");
}

#[test]
fn open_on_a_paper_with_no_link_offers_a_search_for_its_title() {
    let dir = TempDir::new().unwrap();
    let corpus = write(
        dir.path(),
        "bare.json",
        r#"[{"id": "bare", "title": "A \"Quoted\" Title & More"}]"#,
    );
    let record = dir.path().join("record.txt");
    let browser = common::recording_browser(dir.path(), &record);
    paperboat(dir.path())
        .env("BROWSER", &browser)
        .args(["open", "bare", "--corpus"])
        .arg(&corpus)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "bare has no code link or paper page: it has no link; a search for its title on arXiv: https://arxiv.org/search/?query=%22A+Quoted+Title+%26+More%22&searchtype=title\n",
        ));
    assert!(!record.exists(), "nothing launched");
}

#[test]
fn the_links_popup_of_a_paper_with_no_link_offers_the_title_search() {
    use paperboat::corpus::Corpus;
    use paperboat::tui::action::Command;
    use paperboat::tui::state::App;
    let mut app = App::new(Corpus::bundled().unwrap(), (80, 24));
    while !app.selected_paper().unwrap().links.is_empty() {
        app.update(Command::Move(1));
    }
    app.update(Command::ShowLinks);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| {
            paperboat::tui::view::draw(frame, &app, &paperboat::tui::theme::Theme::plain())
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    let screen: String = (0..24)
        .map(|y| {
            let row: String = (0..80)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            row + "\n"
        })
        .collect();
    assert!(
        screen.contains("no links: search arXiv for the title"),
        "{screen}"
    );
    assert!(
        screen.contains(" 1 search   https://arxiv.org/search/?query=%22"),
        "{screen}"
    );
}
