//! Unsafe code stays where it is needed and says why it is sound: every
//! crate root denies `unsafe_code` and undocumented unsafe blocks, only the
//! modules listed here allow unsafe code (each saying why), and every unsafe
//! block or impl follows a `// SAFETY:` comment. Clippy checks the last part
//! too; this test keeps `cargo test` alone from missing it.

mod common;

use std::path::{Path, PathBuf};

/// The files that may allow unsafe code, and what for.
const ALLOWED: [(&str, &str); 7] = [
    ("cache/column.rs", "text checked once, then read unchecked"),
    ("cache/entry.rs", "mapping the cache entry"),
    ("fulltext/sealed.rs", "mapping a file to hash it"),
    ("cache/files.rs", "a FIFO made in a test"),
    ("store/file.rs", "a FIFO made in a test"),
    ("tui/terminal.rs", "the terminal's modes and signals"),
    ("main.rs", "a look at stdout before the runtime's"),
];

/// The sources of the crates: `src/` and each `crates/*/src/`.
fn source_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("src")];
    if let Ok(crates) = std::fs::read_dir(root.join("crates")) {
        dirs.extend(crates.map(|c| c.unwrap().path().join("src")));
    }
    dirs
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn every_crate_root_denies_unsafe_code_and_undocumented_unsafe_blocks() {
    for dir in source_dirs() {
        for root in ["lib.rs", "main.rs"].map(|name| dir.join(name)) {
            if !root.exists() {
                continue;
            }
            let text = text(&root);
            for lint in [
                "#![deny(unsafe_code)]",
                "#![deny(clippy::undocumented_unsafe_blocks)]",
            ] {
                assert!(text.contains(lint), "{}: no {lint}", root.display());
            }
        }
    }
}

#[test]
fn only_the_listed_modules_allow_unsafe_code_each_saying_why() {
    for dir in source_dirs() {
        for path in common::rust_files(&dir) {
            let text = text(&path);
            let lines: Vec<&str> = text.lines().map(str::trim).collect();
            for (i, line) in lines.iter().enumerate() {
                if !line.contains("allow(unsafe_code)") || line.starts_with("//") {
                    continue;
                }
                let name = path.to_string_lossy();
                assert!(
                    ALLOWED.iter().any(|(file, _)| name.ends_with(file)),
                    "{name}:{}: allows unsafe code but is not listed",
                    i + 1
                );
                let why = i > 0 && lines[i - 1].starts_with("//");
                assert!(
                    why && !lines[i - 1].starts_with("///"),
                    "{name}:{}: allows unsafe code without a comment saying why",
                    i + 1
                );
            }
        }
    }
}

/// Whether `line`, outside a comment, starts an unsafe block or impl.
fn opens_unsafe(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or_default();
    // Not in a string, as the ones on this line are.
    ["unsafe {", "unsafe impl"].iter().any(|opening| {
        code.match_indices(opening)
            .any(|(at, _)| !code[..at].ends_with('"'))
    })
}

/// Whether the comment just above line `i` (directly, or above the lines
/// of attributes between) is a `SAFETY:` one.
fn follows_safety_comment(lines: &[&str], i: usize) -> bool {
    let mut above = lines[..i].iter().rev().skip_while(|l| l.starts_with("#["));
    above
        .by_ref()
        .take_while(|l| l.starts_with("//"))
        .any(|l| l.contains("SAFETY:"))
}

#[test]
fn every_unsafe_block_follows_a_safety_comment() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut missing = Vec::new();
    for dir in source_dirs().into_iter().chain([tests]) {
        for path in common::rust_files(&dir) {
            let text = text(&path);
            let lines: Vec<&str> = text.lines().map(str::trim).collect();
            for (i, line) in lines.iter().enumerate() {
                if opens_unsafe(line) && !follows_safety_comment(&lines, i) {
                    missing.push(format!("{}:{}", path.display(), i + 1));
                }
            }
        }
    }
    assert!(missing.is_empty(), "no SAFETY comment: {missing:#?}");
}
