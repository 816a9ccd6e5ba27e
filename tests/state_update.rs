//! The reader's state changes only through `App::update`: the one method
//! of `App` that takes `&mut self` and is seen outside `src/tui/state` is
//! `update`, and no file outside calls another. And the state is pure: it
//! never reads the keymap in effect (its messages name commands).

mod common;

use std::path::Path;

/// The methods of `App` in `code` that take `&mut self` and are seen
/// outside the state (`pub` or `pub(crate)`).
fn mutating_methods(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_app = false;
    for line in code.lines() {
        if line.starts_with("impl App {") {
            in_app = true;
        } else if line.starts_with('}') {
            in_app = false;
        }
        let trimmed = line.trim_start();
        let seen = trimmed.starts_with("pub fn ") || trimmed.starts_with("pub(crate) fn ");
        if in_app && seen && trimmed.contains("(&mut self") {
            let after = trimmed.split("fn ").nth(1).unwrap_or("");
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

#[test]
fn nothing_outside_the_state_changes_it_but_update() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let state = root.join("src/tui/state");
    let mut methods: Vec<String> = common::rust_files(&state)
        .iter()
        .filter(|p| !p.starts_with(state.join("tests")))
        .flat_map(|p| mutating_methods(&std::fs::read_to_string(p).unwrap()))
        .collect();
    methods.sort();
    assert_eq!(methods, ["update"], "methods of App that change it");
    // Should one come back: no call to it from outside.
    let mut calls = Vec::new();
    for dir in ["src", "tests", "crates"] {
        for path in common::rust_files(&root.join(dir)) {
            if path.starts_with(&state) {
                continue;
            }
            let code = std::fs::read_to_string(&path).unwrap();
            for name in methods.iter().filter(|m| *m != "update") {
                if code.contains(&format!(".{name}(")) {
                    calls.push(format!("{}: {name}", path.display()));
                }
            }
        }
    }
    assert!(
        calls.is_empty(),
        "calls around update:\n{}",
        calls.join("\n")
    );
}

#[test]
fn the_state_never_reads_the_keymap_in_effect() {
    let state = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/state");
    let mut reads = Vec::new();
    for path in common::rust_files(&state) {
        if path.starts_with(state.join("tests")) {
            continue;
        }
        let code = std::fs::read_to_string(&path).unwrap();
        for global in [
            "browsing_keys",
            "first_key",
            "command_for",
            "keymap::current",
            "keymap::sections",
        ] {
            if code.contains(global) {
                reads.push(format!("{}: {global}", path.display()));
            }
        }
    }
    assert!(reads.is_empty(), "the keymap read:\n{}", reads.join("\n"));
}

#[test]
fn the_checker_finds_methods_that_change_the_app() {
    let code = "impl App {\n    pub fn update(&mut self) {}\n    pub fn size(&self) {}\n    \
                pub(super) fn inner(&mut self) {}\n    pub fn start_with(&mut self, a: u8) {}\n}\n\
                impl Other {\n    pub fn set(&mut self) {}\n}\n";
    assert_eq!(mutating_methods(code), ["update", "start_with"]);
}
