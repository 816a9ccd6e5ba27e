//! End to end: the real binary in a real pseudo-terminal.

mod common;

use common::pty::Reader;
use tempfile::TempDir;

fn contains(needle: &'static str) -> impl Fn(&str) -> bool {
    move |screen| screen.contains(needle)
}

#[test]
fn typing_a_query_narrows_the_list_and_shows_the_abstract() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&[], dir.path(), 150, 40);
    reader.wait_for("the start screen", contains("192 / 192"));
    reader.send("/mamba");
    let screen = reader.wait_for("the filtered list", contains("/ mamba"));
    let screen = if screen.contains("9 / 192") {
        screen
    } else {
        reader.wait_for("9 results", contains("9 / 192"))
    };
    assert!(
        screen.contains("A Comprehensive Survey of Mamba Architectu"),
        "{screen}"
    );
    assert!(
        !screen.contains("FS-RWKV"),
        "unmatched papers are gone:\n{screen}"
    );
    // The detail pane shows the selected paper's abstract.
    assert!(
        screen.contains("Mamba, a special case of the State Space Model"),
        "{screen}"
    );
    // The matched letters are drawn bold.
    let parser = reader.screen();
    let row = 2;
    let line = parser.screen().contents_between(row, 0, row, 150);
    let col = line
        .find("Mamba")
        .map(|b| line[..b].chars().count() as u16)
        .unwrap();
    assert!(
        parser.screen().cell(row, col).unwrap().bold(),
        "M of Mamba is highlighted"
    );
    // Esc and q in one write would read as Alt-q, as in any terminal.
    reader.send("\x1b");
    reader.wait_for("the list focused again", contains("Tab pane"));
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

#[test]
fn quitting_restores_the_terminal() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&[], dir.path(), 80, 24);
    reader.wait_for("the start screen", contains("/ 192"));
    assert!(
        reader.screen().screen().alternate_screen(),
        "the reader uses the alternate screen"
    );
    reader.send("jjq");
    assert_eq!(reader.wait_exit(), 0);
    common::pty::assert_restored(&reader);
}

#[test]
fn ctrl_c_quits_too_even_while_typing() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&[], dir.path(), 80, 24);
    reader.wait_for("the start screen", contains("/ 192"));
    reader.send("/seg\x03");
    assert_eq!(reader.wait_exit(), 0);
    assert!(!reader.screen().screen().alternate_screen());
}

/// Ctrl-j is a line feed, which a terminal also sends for Enter in some
/// modes: in the raw reader it moves the selection, as the keys say.
#[test]
fn ctrl_j_and_ctrl_k_move_while_typing() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&[], dir.path(), 160, 48);
    reader.wait_for("the start screen", contains("/ 192"));
    reader.send("/mamba");
    reader.wait_for("the results", contains("9 / 192"));
    reader.send("\n\n");
    reader.wait_for(
        "the third paper",
        contains("xLSTM-UNet can be an Effective 2D & 3D Medical Image"),
    );
    reader.send("\x0b");
    reader.wait_for(
        "the second paper",
        contains("MSVM-UNet: Multi-Scale Vision Mamba UNet for Medical Image"),
    );
    reader.wait_for("still typing", contains("Enter/Esc list"));
    reader.send("\x03");
    assert_eq!(reader.wait_exit(), 0);
}

#[test]
fn a_narrow_terminal_stacks_list_above_detail() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&[], dir.path(), 60, 20);
    let screen = reader.wait_for("the start screen", contains("/ 192"));
    let lines: Vec<&str> = screen.lines().collect();
    let list = lines.iter().position(|l| l.contains("papers")).unwrap();
    let detail = lines.iter().position(|l| l.contains("detail")).unwrap();
    assert!(list < detail, "{screen}");
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

#[test]
fn toggling_a_facet_edits_the_query_and_updates_the_counts() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&[], dir.path(), 160, 48);
    let before = reader.wait_for("the start screen", contains("192 / 192"));
    assert!(before.contains("facets"), "{before}");
    // Focus the facets panel (list -> detail -> facets) and toggle its first
    // entry, the most common type.
    reader.send("\t\t ");
    let after = reader.wait_for("the facet clause", contains("/ tag:type/"));
    let header = after.lines().next().unwrap();
    assert!(!header.contains("192 / 192"), "fewer papers: {header}");
    let shown: usize = header
        .split(" / ")
        .next()
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap()
        .parse()
        .unwrap();
    // The toggled entry is marked and its count is now every result.
    let entry = after
        .lines()
        .find(|l| l.contains("✓"))
        .expect("a marked entry");
    assert!(entry.contains(&format!(" {shown}│")), "{entry}");
    // Toggling again removes the clause.
    reader.send(" ");
    reader.wait_for("the full corpus again", contains("192 / 192"));
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

#[test]
fn a_bookmark_survives_a_restart() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&[], dir.path(), 120, 30);
    reader.wait_for("the start screen", contains("192 / 192"));
    reader.send("b");
    reader.wait_for("the confirmation", contains("bookmarked"));
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
    assert!(dir.path().join("bookmarks.json").exists());

    let mut reader = Reader::start(&[], dir.path(), 120, 30);
    let screen = reader.wait_for("the start screen", contains("192 / 192"));
    let first_row = screen.lines().nth(2).unwrap();
    assert!(
        first_row.contains("│★● ") || first_row.contains("│★  "),
        "the first paper is marked: {first_row}"
    );
    assert!(
        screen.contains("★ bookmarked"),
        "and the detail says so:\n{screen}"
    );
    reader.send("B");
    reader.wait_for("the bookmarks only", contains("1 / 192"));
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

#[test]
fn o_opens_the_code_link_and_capital_o_then_2_the_second_link() {
    let dir = TempDir::new().unwrap();
    let corpus = common::write(dir.path(), "links.json", common::LINKS_CORPUS);
    let record = dir.path().join("record.txt");
    let browser = common::recording_browser(dir.path(), &record);
    let corpus = corpus.to_str().unwrap();
    let browser = browser.to_str().unwrap();
    let mut reader =
        Reader::start_with_env(&[corpus], dir.path(), 120, 30, &[("BROWSER", browser)]);
    reader.wait_for("the start screen", contains("2 / 2"));
    reader.send("o");
    reader.wait_for(
        "the confirmation",
        contains("opened the code link: https://github.com/lab/many"),
    );
    assert_eq!(
        common::recorded(&record, 1),
        ["1", "https://github.com/lab/many?tab=readme&x=1"]
    );
    reader.send("O");
    let popup = reader.wait_for("the links popup", contains("links"));
    assert!(popup.contains("1 paper"), "{popup}");
    assert!(popup.contains("3 project"), "{popup}");
    reader.send("2");
    reader.wait_for("the popup closed", |s| !s.contains("Esc close"));
    let lines = common::recorded(&record, 2);
    assert_eq!(
        lines[2..],
        ["1", "https://github.com/lab/many?tab=readme&x=1"]
    );
    reader.send("O");
    reader.wait_for("the links popup", contains("Esc close"));
    reader.send("1");
    let lines = common::recorded(&record, 3);
    assert_eq!(lines[4..], ["1", "https://arxiv.org/abs/2501.00001"]);
    // A hostile paper: its links were left out on load, so nothing is
    // launched and the status line says there is nothing to open.
    reader.send("j");
    reader.send("o");
    reader.wait_for("the answer", contains("no link for this paper"));
    // Back on the first paper, `o` launches once more: that launch is the
    // only one after the last, so the hostile paper launched nothing.
    reader.send("k");
    reader.send("o");
    let lines = common::recorded(&record, 4);
    assert_eq!(
        lines[6..],
        ["1", "https://github.com/lab/many?tab=readme&x=1"],
        "no launch for the hostile paper"
    );
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}
