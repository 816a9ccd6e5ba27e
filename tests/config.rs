//! `<config dir>/config.toml` through the real binary: every bad file is
//! one line with its place and exit 2 before the terminal is touched; a
//! rebinding changes what the key does and what the help says; the
//! completion script completes in bash.

mod common;

use common::paperboat;
use common::pty::Reader;
use tempfile::TempDir;

/// The reader started with `text` as the config file: its exit status
/// and standard error.
fn start_with(text: &str) -> (Option<i32>, String) {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("config.toml"), text).unwrap();
    let out = paperboat(dir.path()).output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn every_bad_file_is_one_line_with_file_line_and_column_and_exit_2() {
    let cases = [
        ("syntax error", "[keys.list\n", "1:11: unclosed table"),
        (
            "unknown section",
            "[colours]\nx = 1\n",
            "1:2: unknown field `colours`",
        ),
        (
            "unknown table",
            "[keys.lists]\nquit = \"x\"\n",
            "2:8: unknown key table `[keys.lists]`",
        ),
        (
            "unknown action",
            "[keys.list]\nbokmark = \"x\"\n",
            "2:11: unknown action `bokmark` in [keys.list]",
        ),
        (
            "unknown key name",
            "[keys.list]\nbookmark = \"ctrl-shift-hyper\"\n",
            "2:12: unknown key `ctrl-shift-hyper`",
        ),
        (
            "duplicate binding",
            "[keys.list]\n\nquit = [\"q\", \"o\"]\n",
            "3:8: `o` is bound twice: to `quit` in [keys.list] and to `open` in [keys.list]",
        ),
        (
            "bad colour",
            "[theme]\nmatch = \"#12345\"\n",
            "2:9: `#12345` is not a colour",
        ),
        (
            "bad colour number",
            "[theme]\ntag = 300\n",
            "2:7: `300` is not a colour",
        ),
        (
            "bad preset",
            "[theme]\npreset = \"sepia\"\n",
            "2:10: unknown preset `sepia`",
        ),
        (
            "unknown reader key",
            "[reader]\nfacet = true\n",
            "2:1: unknown field `facet`",
        ),
    ];
    for (what, text, expected) in cases {
        let (code, stderr) = start_with(text);
        assert_eq!(code, Some(2), "{what}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{what}: {stderr}");
        assert!(
            stderr.starts_with("paperboat: ") && stderr.contains("config.toml:"),
            "{what}: {stderr}"
        );
        let place = stderr.split("config.toml:").nth(1).unwrap();
        assert!(place.starts_with(expected), "{what}: {stderr}");
    }
}

#[test]
fn config_check_path_and_default() {
    let dir = TempDir::new().unwrap();
    let run = |args: &[&str]| paperboat(dir.path()).args(args).output().unwrap();
    let out = run(&["config", "path"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        dir.path().join("config.toml").display().to_string()
    );
    let default = String::from_utf8(run(&["config", "default"]).stdout).unwrap();
    assert!(default.contains("[keys.list]") && default.contains("bookmark = [\"b\"]"));
    // The default file, written as the config, is good and changes nothing.
    std::fs::write(dir.path().join("config.toml"), &default).unwrap();
    let out = run(&["config", "check"]);
    assert!(out.status.success(), "{out:?}");
    std::fs::write(
        dir.path().join("config.toml"),
        "[keys.list]\nquit = \"zz\"\n",
    )
    .unwrap();
    let out = run(&["config", "check"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_rebinding_changes_what_the_key_does_and_what_help_shows() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "[keys.list]\nbookmark = [\"x\", \"ctrl-d\"]\nhalf-page-down = \"ctrl-j\"\n",
    )
    .unwrap();
    let mut reader = Reader::start(&[], dir.path(), 120, 40);
    reader.wait_for("the list", |s| s.contains("192 / 192"));
    // The status line names the key in effect.
    reader.wait_for("the hint", |s| s.contains("x bookmark"));
    reader.send("b");
    reader.wait_for("b does nothing now", |s| {
        s.contains("`b` does nothing here")
    });
    reader.send("x");
    reader.wait_for("bookmarked with x", |s| s.contains("bookmarked"));
    reader.send("?");
    let help = reader.wait_for("the help", |s| s.contains("x Ctrl-d"));
    assert!(help.contains("bookmark or unbookmark the paper"), "{help}");
    reader.send("q");
    reader.send("q");
    reader.wait_exit();
}

#[test]
fn the_bash_completion_completes_subcommands_and_format_values() {
    let dir = TempDir::new().unwrap();
    let out = paperboat(dir.path())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let script = dir.path().join("paperboat.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    let complete = |words: &str, cword: usize| {
        let line = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD={cword}; _paperboat paperboat \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$COMP_CWORD-1]}}\"; echo \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = std::process::Command::new("bash")
            .args(["--norc", "--noprofile", "-c", &line])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    assert_eq!(complete("paperboat se", 1), "search");
    assert_eq!(
        complete("paperboat search --format ''", 3),
        "text json tsv bibtex md"
    );
    assert_eq!(
        complete("paperboat --theme ''", 2),
        "dark light high-contrast none"
    );
}

#[test]
fn man_prints_a_roff_page() {
    let dir = TempDir::new().unwrap();
    let out = paperboat(dir.path()).arg("man").output().unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.contains(".TH paperboat 1") && page.contains("completions"),
        "{page}"
    );
}

/// A pale colour: white, greys, yellows, bright cyan or green.
fn pale(color: vt100::Color) -> bool {
    match color {
        vt100::Color::Idx(n) => matches!(n, 3 | 6 | 7 | 10 | 11 | 14 | 15) || n >= 250,
        vt100::Color::Rgb(r, g, b) => u32::from(r) + u32::from(g) + u32::from(b) > 600,
        vt100::Color::Default => false,
    }
}

#[test]
fn with_the_light_preset_no_text_is_pale_on_the_terminal_background() {
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&["--theme", "light"], dir.path(), 120, 40);
    reader.wait_for("the list", |s| s.contains("192 / 192"));
    // The list, the timeline, a query, the facets and the help; Esc sent
    // alone, or it would read as Alt with the next key.
    let steps: [&[&str]; 5] = [&[], &["t"], &["\x1b", "/seg"], &["\x1b", "f"], &["?"]];
    for keys in steps {
        for key in keys {
            reader.send_settled(key);
        }
        let parser = reader.screen();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        for row in 0..rows {
            for col in 0..cols {
                let Some(cell) = screen.cell(row, col) else {
                    continue;
                };
                let on_background = cell.bgcolor() == vt100::Color::Default && !cell.inverse();
                assert!(
                    !(on_background && pale(cell.fgcolor()) && cell.contents().trim() != ""),
                    "after {keys:?}: `{}` at {row},{col} in {:?}",
                    cell.contents(),
                    cell.fgcolor()
                );
            }
        }
    }
    // Esc alone, then q: together they would read as Alt-q.
    reader.send_settled("\x1b");
    reader.send("q");
    reader.wait_exit();
}

#[test]
fn keys_that_would_type_text_or_take_a_digit_are_refused_where_they_clash() {
    let cases = [
        (
            "[keys.anywhere]\nsuspend = \"s\"\n",
            "2:11: `s` is typed as text where [keys.anywhere] is looked at",
        ),
        (
            "[keys.query]\nsave-query = \"x\"\n",
            "2:14: `x` is typed as text where [keys.query] is looked at",
        ),
        (
            "[keys.links]\nback = [\"esc\", \"2\"]\n",
            "2:8: `2` is bound twice: to `back` in [keys.links] and to `open-link` in [keys.links]",
        ),
    ];
    for (text, expected) in cases {
        let (code, stderr) = start_with(text);
        assert_eq!(code, Some(2), "{stderr}");
        let place = stderr.split("config.toml:").nth(1).unwrap();
        assert!(place.starts_with(expected), "{stderr}");
    }
}
