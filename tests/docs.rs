//! The README stays a short front page that leads to every page under
//! `docs/`, and no relative link in them leads nowhere: a file that is not
//! there, or a heading that is not in it.

use std::path::{Path, PathBuf};

/// The README's most lines: what paperboat is, install, the tour, links.
const README_MOST_LINES: usize = 250;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every Markdown page under `docs/`, sorted.
fn doc_pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    pages
}

/// The text outside code: fenced blocks and inline code spans left out,
/// so that `[title](URL)` written as an example is not taken for a link.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            // `\[` and `\]` are brackets, never part of a link.
            let line = without_code_spans(line);
            out.push_str(&line.replace("\\[", "").replace("\\]", ""));
            out.push('\n');
        }
    }
    out
}

/// A line without its code spans: a run of backticks opens one, and the
/// next run of the same length closes it.
fn without_code_spans(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find('`') {
        out.push_str(&rest[..at]);
        let run = rest[at..].len() - rest[at..].trim_start_matches('`').len();
        let fence = &rest[at..at + run];
        let after = &rest[at + run..];
        match after.find(fence) {
            Some(end) => rest = &after[end + run..],
            // An unclosed backtick is text.
            None => {
                out.push_str(fence);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The targets of the Markdown links `[text](target)` in `text`.
fn link_targets(text: &str) -> Vec<String> {
    let prose = prose(text);
    let mut targets = Vec::new();
    let mut rest = prose.as_str();
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        match after.find(')') {
            Some(end) => {
                targets.push(after[..end].to_string());
                rest = &after[end..];
            }
            None => break,
        }
    }
    targets
}

/// The anchor a heading gets, as GitHub makes it: lowercase, spaces to
/// hyphens, punctuation other than `-` and `_` left out.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a page's headings.
fn anchors(text: &str) -> Vec<String> {
    prose(text)
        .lines()
        .filter(|line| line.starts_with('#'))
        .map(|line| anchor(line.trim_start_matches('#')))
        .collect()
}

/// What is wrong with the relative links of the page at `path`, one line each.
fn broken_links(path: &Path) -> Vec<String> {
    let text = read(path);
    let mut broken = Vec::new();
    for target in link_targets(&text) {
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let (file, heading) = match target.split_once('#') {
            Some((file, heading)) => (file, Some(heading)),
            None => (target.as_str(), None),
        };
        let linked = if file.is_empty() {
            path.to_path_buf()
        } else {
            path.parent().unwrap().join(file)
        };
        if !linked.exists() {
            broken.push(format!("{}: `{target}`: no such file", path.display()));
            continue;
        }
        if let Some(heading) = heading
            && !anchors(&read(&linked)).iter().any(|a| a == heading)
        {
            broken.push(format!(
                "{}: `{target}`: no heading `#{heading}` in {}",
                path.display(),
                linked.display()
            ));
        }
    }
    broken
}

#[test]
fn the_readme_is_at_most_250_lines() {
    let lines = read(&root().join("README.md")).lines().count();
    assert!(
        lines <= README_MOST_LINES,
        "README.md has {lines} lines; at most {README_MOST_LINES} (the rest goes under docs/)"
    );
}

#[test]
fn the_readme_links_every_page_under_docs() {
    let targets = link_targets(&read(&root().join("README.md")));
    let pages = doc_pages();
    assert!(pages.len() >= 9, "docs/ has its pages: {pages:?}");
    for page in pages {
        let name = format!("docs/{}", page.file_name().unwrap().to_str().unwrap());
        assert!(
            targets
                .iter()
                .any(|t| t.split('#').next() == Some(name.as_str())),
            "README.md does not link {name}"
        );
    }
}

#[test]
fn every_relative_link_in_the_readme_and_the_docs_resolves() {
    let mut pages = vec![root().join("README.md")];
    pages.extend(doc_pages());
    let broken: Vec<String> = pages.iter().flat_map(|p| broken_links(p)).collect();
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn links_are_found_outside_code_only() {
    let text = "see [keys](keys.md) and `[title](URL)`\n```\n[x](nowhere.md)\n```\n``a ` [y](z.md)`` \\[t\\](u) end";
    assert_eq!(link_targets(text), ["keys.md"]);
    assert_eq!(
        anchor("Saved queries and the inbox"),
        "saved-queries-and-the-inbox"
    );
    assert_eq!(anchor("`U`: sync, in the reader!"), "u-sync-in-the-reader");
}
