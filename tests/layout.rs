//! The source's shape: no file of any crate (`src/`, `crates/*/src/`) uses
//! a file that uses it back (directly or round a loop), and none is over
//! 700 lines before its tests. That the crates stay apart is Cargo's job.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a file may be before its `#[cfg(test)]` module.
const MAX_LINES: usize = 700;

/// Where the crates' sources are: the program's, and the libraries under
/// `crates/` whose modules it re-exports under their own names.
fn source_roots() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut roots = vec![manifest.join("src")];
    let mut crates: Vec<PathBuf> = std::fs::read_dir(manifest.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    crates.sort();
    roots.extend(crates);
    roots
}

/// Every `.rs` file of every crate, by module path (`crate::tui::state`).
/// The crates' modules share one namespace, as the program re-exports
/// them (`crate::corpus` is `paperboat_core::corpus`); only the program's
/// `lib.rs` stands for `crate` (the others only declare their modules).
fn modules() -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    for (n, root) in source_roots().into_iter().enumerate() {
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let relative = path.strip_prefix(&root).unwrap().with_extension("");
                    let mut parts: Vec<String> = relative
                        .iter()
                        .map(|p| p.to_string_lossy().into_owned())
                        .collect();
                    if parts == ["lib"] && n > 0 {
                        continue;
                    }
                    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                        parts.pop();
                    }
                    if parts == ["main"] {
                        continue;
                    }
                    let name = std::iter::once("crate".to_string())
                        .chain(parts)
                        .collect::<Vec<_>>();
                    let clash = found.insert(name.join("::"), path.clone());
                    assert!(clash.is_none(), "two crates have {}", name.join("::"));
                }
            }
        }
    }
    found
}

/// Every `.rs` file of every crate.
fn files() -> Vec<PathBuf> {
    source_roots()
        .iter()
        .flat_map(|root| common::rust_files(root))
        .collect()
}

/// The file's code before its inline test module, without comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let before_tests = match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    before_tests
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `use` statements of the code (a statement may span lines): whether
/// each is public (a re-export), and its tree.
fn use_statements(code: &str) -> Vec<(bool, String)> {
    let mut found = Vec::new();
    let lines: Vec<&str> = code.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_start();
        let statement = [
            ("use ", false),
            ("pub use ", true),
            ("pub(crate) use ", true),
            ("pub(super) use ", true),
        ]
        .iter()
        .find_map(|(p, public)| line.strip_prefix(p).map(|rest| (rest, *public)));
        if let Some((first, public)) = statement {
            let mut text = first.to_string();
            while !text.contains(';') && i + 1 < lines.len() {
                i += 1;
                text.push(' ');
                text.push_str(lines[i].trim());
            }
            found.push((public, text.split(';').next().unwrap_or("").to_string()));
        }
        i += 1;
    }
    found
}

/// Every path `crate::…`, `super::…`, `self::…` or to a child module the
/// code names, with the braces of `use` groups spread out.
fn paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (_, tree) in use_statements(code) {
        expand("", &tree, &mut found);
    }
    // Paths written in the code itself.
    for start in ["crate::", "super::", "self::"] {
        let mut at = 0;
        while let Some(i) = code[at..].find(start) {
            let begin = at + i;
            let before = code[..begin].chars().last();
            let end = code[begin..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| begin + e);
            let path = code[begin..end].trim_end_matches(':');
            // `super::{a, b}` is a `use` group, read above.
            let grouped = path
                .split("::")
                .all(|s| matches!(s, "crate" | "super" | "self"));
            if !grouped && !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                found.push(path.to_string());
            }
            at = end.max(begin + 1);
        }
    }
    found
}

/// What a module re-exports (`pub use x::Item;`): each item's name and
/// the path it comes from.
fn reexports(code: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (_, tree) in use_statements(code)
        .into_iter()
        .filter(|(public, _)| *public)
    {
        let mut paths = Vec::new();
        expand("", &tree, &mut paths);
        for path in paths {
            let name = path.rsplit("::").next().unwrap_or(&path).to_string();
            found.push((name, path));
        }
    }
    found
}

/// `a::{b, c::{d}}` as `a::b`, `a::c::d`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let name = tree.split(" as ").next().unwrap_or(tree).trim();
        let path = format!("{prefix}{name}");
        out.push(path.trim_end_matches("::").to_string());
        return;
    };
    let head = format!("{prefix}{}", tree[..open].trim());
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand(&head, &inner[start..i], out);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !inner[start..].trim().is_empty() {
        expand(&head, &inner[start..], out);
    }
}

/// The module a path names from `module` (a file's module path), as the
/// deepest module that exists.
fn resolve(module: &str, path: &str, modules: &BTreeMap<String, PathBuf>) -> Option<String> {
    let mut parts: Vec<&str> = module.split("::").collect();
    let mut segments = path.split("::").filter(|s| !s.is_empty()).peekable();
    match segments.peek().copied() {
        Some("crate") => {
            parts = vec!["crate"];
            segments.next();
        }
        Some("self") => {
            segments.next();
        }
        Some("super") => {
            while segments.next_if(|s| *s == "super").is_some() {
                parts.pop();
            }
        }
        // A child module, named from its parent (`use state::App;`).
        Some(first) if modules.contains_key(&format!("{module}::{first}")) => {}
        _ => return None,
    }
    let base = parts.join("::");
    let mut deepest = modules.contains_key(&base).then_some(base);
    for segment in segments {
        parts.push(segment);
        let name = parts.join("::");
        if modules.contains_key(&name) {
            deepest = Some(name);
        } else {
            break;
        }
    }
    deepest
}

/// Which files each file uses. A path to an item that a module only
/// re-exports counts as a use of the file the item comes from.
fn graph(modules: &BTreeMap<String, PathBuf>) -> BTreeMap<String, BTreeSet<String>> {
    let codes: BTreeMap<&String, String> = modules.iter().map(|(m, p)| (m, code(p))).collect();
    let mut forwards: BTreeMap<(String, String), String> = BTreeMap::new();
    for (module, code) in &codes {
        for (name, path) in reexports(code) {
            if let Some(target) = resolve(module, &path, modules) {
                forwards.insert((module.to_string(), name), target);
            }
        }
    }
    let mut uses = BTreeMap::new();
    for (module, code) in &codes {
        let mut to = BTreeSet::new();
        for named in paths(code) {
            let Some(mut target) = resolve(module, &named, modules) else {
                continue;
            };
            // Follow re-exports: `crate::corpus::Paper` is `corpus/paper.rs`.
            let item = named.rsplit("::").next().unwrap_or("").to_string();
            for _ in 0..4 {
                match forwards.get(&(target.clone(), item.clone())) {
                    Some(next) if *next != target => target = next.clone(),
                    _ => break,
                }
            }
            if target != **module {
                to.insert(target);
            }
        }
        uses.insert(module.to_string(), to);
    }
    uses
}

/// The groups of files that use each other round a loop (strongly
/// connected components of more than one file), each sorted.
fn loops(uses: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Kosaraju: finish order on the graph, then components on its reverse.
    fn finish<'a>(
        node: &'a str,
        uses: &'a BTreeMap<String, BTreeSet<String>>,
        seen: &mut BTreeSet<&'a str>,
        order: &mut Vec<&'a str>,
    ) {
        if !seen.insert(node) {
            return;
        }
        for next in uses.get(node).into_iter().flatten() {
            finish(next, uses, seen, order);
        }
        order.push(node);
    }
    let mut seen = BTreeSet::new();
    let mut order = Vec::new();
    for node in uses.keys() {
        finish(node, uses, &mut seen, &mut order);
    }
    let mut reverse: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, tos) in uses {
        for to in tos {
            reverse.entry(to.as_str()).or_default().push(from.as_str());
        }
    }
    let mut assigned = BTreeSet::new();
    let mut groups = Vec::new();
    for node in order.into_iter().rev() {
        if assigned.contains(node) {
            continue;
        }
        let mut group = Vec::new();
        let mut todo = vec![node];
        assigned.insert(node);
        while let Some(n) = todo.pop() {
            group.push(n.to_string());
            for &m in reverse.get(n).into_iter().flatten() {
                if assigned.insert(m) {
                    todo.push(m);
                }
            }
        }
        if group.len() > 1 {
            group.sort();
            groups.push(group);
        }
    }
    groups
}

#[test]
fn no_file_uses_a_file_that_uses_it_back() {
    let modules = modules();
    for layer in ["crate::corpus::paper", "crate::sync", "crate::tui::state"] {
        assert!(modules.contains_key(layer), "{layer} is found");
    }
    let uses = graph(&modules);
    let loops = loops(&uses);
    let described: Vec<String> = loops.iter().map(|g| g.join(" <-> ")).collect();
    assert!(loops.is_empty(), "import cycles:\n{}", described.join("\n"));
}

#[test]
fn no_file_is_over_700_lines_before_its_tests() {
    let files = files();
    assert!(files.len() > 100, "the crates' files are found");
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let before = match text.find("#[cfg(test)]\nmod tests {") {
            Some(i) => &text[..i],
            None => &text[..],
        };
        let lines = before.lines().count();
        assert!(lines <= MAX_LINES, "{}: {lines} lines", path.display());
    }
}

#[test]
fn the_checker_sees_cycles_and_groups() {
    let mut out = Vec::new();
    expand("", "super::{a, b::{c, d}, e as f}", &mut out);
    assert_eq!(out, ["super::a", "super::b::c", "super::b::d", "super::e"]);
    let modules: BTreeMap<String, PathBuf> = ["crate", "crate::x", "crate::x::y", "crate::z"]
        .iter()
        .map(|m| (m.to_string(), PathBuf::new()))
        .collect();
    assert_eq!(
        resolve("crate::x::y", "super::Thing", &modules).as_deref(),
        Some("crate::x")
    );
    assert_eq!(
        resolve("crate::x::y", "crate::z::f", &modules).as_deref(),
        Some("crate::z")
    );
    assert_eq!(
        resolve("crate::x", "self::y::T", &modules).as_deref(),
        Some("crate::x::y")
    );
    assert_eq!(resolve("crate::x", "std::io", &modules), None);
    assert_eq!(
        resolve("crate::x", "y::T", &modules).as_deref(),
        Some("crate::x::y")
    );
    let uses: BTreeMap<String, BTreeSet<String>> = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
        .iter()
        .fold(BTreeMap::new(), |mut m, (from, to)| {
            m.entry(from.to_string())
                .or_insert_with(BTreeSet::new)
                .insert(to.to_string());
            m.entry(to.to_string()).or_insert_with(BTreeSet::new);
            m
        });
    assert_eq!(loops(&uses), [["a", "b", "c"]]);
}

#[test]
fn no_folder_of_the_reader_uses_one_that_uses_it_back() {
    let loops = loops(&parts_of("crate::tui", &graph(&modules())));
    let described: Vec<String> = loops.iter().map(|g| g.join(" <-> ")).collect();
    assert!(loops.is_empty(), "import cycles:\n{}", described.join("\n"));
}

/// The modules directly under `folder` (`crate` for the crates' top
/// level) that use each other, each module inside one counted as it
/// (`crate::corpus::paper` is `crate::corpus` at the top level); the
/// folder's own file and test modules are left out.
fn parts_of(
    folder: &str,
    uses: &BTreeMap<String, BTreeSet<String>>,
) -> BTreeMap<String, BTreeSet<String>> {
    let prefix = format!("{folder}::");
    let part = |module: &str| {
        let rest = module.strip_prefix(&prefix)?;
        if rest.split("::").any(|s| s == "tests") {
            return None;
        }
        Some(format!("{prefix}{}", rest.split("::").next()?))
    };
    let mut parts: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in uses {
        let Some(from) = part(from) else { continue };
        let to: BTreeSet<String> = tos.iter().filter_map(|t| part(t)).collect();
        let entry = parts.entry(from.clone()).or_default();
        entry.extend(to.into_iter().filter(|t| *t != from));
    }
    parts
}

/// Every folder of every crate, as its module (`crate::tui::state`).
fn folders(modules: &BTreeMap<String, PathBuf>) -> BTreeSet<String> {
    let mut found: BTreeSet<String> = BTreeSet::from(["crate".to_string()]);
    for module in modules.keys() {
        let mut parts: Vec<&str> = module.split("::").collect();
        parts.pop();
        while parts.len() > 1 {
            found.insert(parts.join("::"));
            parts.pop();
        }
    }
    found
}

#[test]
fn no_folder_uses_a_folder_beside_it_that_uses_it_back() {
    let modules = modules();
    let uses = graph(&modules);
    let mut described = Vec::new();
    for folder in folders(&modules) {
        for group in loops(&parts_of(&folder, &uses)) {
            described.push(group.join(" <-> "));
        }
    }
    assert!(
        described.is_empty(),
        "folders that use each other:\n{}",
        described.join("\n")
    );
}
