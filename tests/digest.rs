//! `paperboat digest` on a library built by `paperboat sync` from the
//! fixture server: groups under the saved queries then the other new
//! papers, `--since last` never showing a paper twice, `--query`, and
//! each format (the Atom feed read back by an XML parser, the HTML page
//! holding no script and no unescaped text of a paper).

mod common;
mod support;

use std::collections::HashSet;
use std::path::Path;
use std::process::Output;

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use serde_json::{Value, json};
use support::fixture_server::{FixtureServer, Reply};
use support::run;
use tempfile::TempDir;

/// A title a page or a feed must show only escaped.
const HOSTILE: &str = "<script>alert(1)</script> & \"q\" 'a' \u{1b}[31m red";

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A Daily Papers entry: `id`, `title`, four authors, an abstract of two
/// sentences, and an AI summary and a code repository when given.
fn paper(id: &str, title: &str, ai_summary: Option<&str>, code: Option<&str>) -> Value {
    let mut paper = json!({
        "id": id,
        "title": title,
        "summary": format!("First sentence of {id}, e.g. this one. Second sentence."),
        "authors": [{"name": "Ada Lovelace"}, {"name": "Grace Hopper"},
                    {"name": "Alan Turing"}, {"name": "Edsger Dijkstra"}],
        "publishedAt": "2025-12-01T00:00:00.000Z",
        "upvotes": 3,
    });
    if let Some(s) = ai_summary {
        paper["ai_summary"] = json!(s);
    }
    if let Some(c) = code {
        paper["githubRepo"] = json!(c);
    }
    json!({"paper": paper, "publishedAt": "2025-12-01T08:00:00.000Z", "title": title})
}

/// Syncs the Daily Papers of `day`: `papers`.
fn sync_day(dir: &Path, server: &FixtureServer, day: &str, papers: Vec<Value>) {
    server.fallback("/api/daily_papers", Reply::ok("[]"));
    server.script(
        &format!("/api/daily_papers?date={day}&limit=100&p=0"),
        [Reply::ok(Value::Array(papers).to_string())],
    );
    let out = run(dir, server, &["sync", "hf", "--since", day, "--until", day]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

fn save_query(dir: &Path, server: &FixtureServer, name: &str, query: &str) {
    let out = run(dir, server, &["queries", "add", name, query]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A library of four papers on 2025-12-01, with the saved queries
/// `mamba` and `segs`.
fn library(dir: &Path, server: &FixtureServer) {
    save_query(dir, server, "mamba", "mamba");
    save_query(dir, server, "segs", "segmentation");
    let papers = vec![
        paper(
            "2512.00001",
            "Mamba segmentation",
            Some("An AI summary of Mamba."),
            Some("https://github.com/a/mamba"),
        ),
        paper("2512.00002", "Mamba diffusion", None, None),
        paper("2512.00003", "Vision segmentation", None, None),
        paper("2512.00004", "Unrelated things", None, None),
    ];
    sync_day(dir, server, "2025-12-01", papers);
}

/// The titles under each heading of a text digest (a heading is a line
/// without indent, a title one indented by two).
fn sections(text: &str) -> Vec<(String, Vec<String>)> {
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
        if !line.starts_with(' ') {
            sections.push((line.to_string(), Vec::new()));
        } else if !line.starts_with("    ") {
            sections.last_mut().unwrap().1.push(line.trim().to_string());
        }
    }
    sections
}

/// `sections` with the titles of each sorted: the order inside a
/// group is the saved query's.
fn sorted_sections(text: &str) -> Vec<(String, Vec<String>)> {
    let mut sections = sections(text);
    for (_, titles) in &mut sections {
        titles.sort();
    }
    sections
}

fn section(heading: &str, titles: &[&str]) -> (String, Vec<String>) {
    (
        heading.to_string(),
        titles.iter().map(|t| t.to_string()).collect(),
    )
}

#[test]
fn papers_are_grouped_under_the_first_saved_query_then_the_others() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    library(dir.path(), &server);
    let out = run(dir.path(), &server, &["digest"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("4 new papers in the library\n"), "{text}");
    assert_eq!(
        sorted_sections(&text),
        [
            section("mamba (2)", &["Mamba diffusion", "Mamba segmentation"]),
            section("segs (1)", &["Vision segmentation"]),
            section("Other new papers (1)", &["Unrelated things"]),
        ]
    );
    // Three authors then et al., the AI summary else the abstract's first
    // sentence, and the links.
    assert!(
        text.contains("    Ada Lovelace, Grace Hopper, Alan Turing et al. · 2025-12-01\n"),
        "{text}"
    );
    assert!(text.contains("    An AI summary of Mamba.\n"), "{text}");
    assert!(
        text.contains("    First sentence of 2512.00002, e.g. this one.\n"),
        "{text}"
    );
    assert!(!text.contains("Second sentence"), "{text}");
    assert!(
        text.contains("    pdf   https://arxiv.org/pdf/2512.00001\n"),
        "{text}"
    );
    assert!(
        text.contains("    code  https://github.com/a/mamba\n"),
        "{text}"
    );
}

/// The arXiv ids of the papers a text digest shows (its PDF links).
fn shown_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("pdf   https://arxiv.org/pdf/"))
        .map(str::to_string)
        .collect()
}

#[test]
fn since_last_never_shows_a_paper_twice_and_shows_the_next_sync() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    library(dir.path(), &server);
    let first = run(dir.path(), &server, &["digest", "--since", "last"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let first_ids = shown_ids(&stdout(&first));
    assert_eq!(first_ids.len(), 4, "{}", stdout(&first));
    let mark = std::fs::read_to_string(dir.path().join("data/library/digest.json")).unwrap();
    assert!(mark.contains("\"through\""), "{mark}");

    // Again: nothing new, nothing printed, exit 1, in every format but Atom.
    for format in ["text", "md", "html"] {
        let again = run(dir.path(), &server, &["digest", "--format", format]);
        assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
        assert_eq!(stdout(&again), "", "{format}");
    }
    // A date or days do not move the mark.
    let dated = run(dir.path(), &server, &["digest", "--since", "2025-01-01"]);
    assert_eq!(shown_ids(&stdout(&dated)).len(), 4);
    let days = run(dir.path(), &server, &["digest", "--since", "3650d"]);
    assert_eq!(shown_ids(&stdout(&days)).len(), 4);
    assert_eq!(run(dir.path(), &server, &["digest"]).status.code(), Some(1));

    // A later sync: the next digest shows its papers, and only those; a
    // paper it brings again, updated, is not new.
    common::wait_for_the_next_second();
    let mut again = paper("2512.00002", "Mamba diffusion", None, None);
    again["paper"]["upvotes"] = json!(30);
    let later = vec![
        paper("2512.00005", "Mamba again", None, None),
        paper("2512.00006", "Something else", None, None),
        again,
    ];
    sync_day(dir.path(), &server, "2025-12-02", later);
    let next = run(dir.path(), &server, &["digest"]);
    assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
    let text = stdout(&next);
    assert!(
        text.starts_with("2 new papers since the last digest\n"),
        "{text}"
    );
    assert_eq!(
        sorted_sections(&text),
        [
            section("mamba (1)", &["Mamba again"]),
            section("Other new papers (1)", &["Something else"]),
        ]
    );
    let all: HashSet<String> = first_ids.iter().chain(&shown_ids(&text)).cloned().collect();
    assert_eq!(all.len(), 6);
    assert_eq!(run(dir.path(), &server, &["digest"]).status.code(), Some(1));
}

#[test]
fn since_visit_is_what_is_new_and_last_starts_there_before_any_digest() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    library(dir.path(), &server);
    let visits = dir.path().join("data/library/visits.json");
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now());
    std::fs::write(&visits, format!(r#"{{"version": 1, "last": "{now}"}}"#)).unwrap();
    common::wait_for_the_next_second();
    sync_day(
        dir.path(),
        &server,
        "2025-12-02",
        vec![paper("2512.00005", "Mamba again", None, None)],
    );
    let visit = run(dir.path(), &server, &["digest", "--since", "visit"]);
    assert_eq!(shown_ids(&stdout(&visit)), ["2512.00005"]);
    let is_new = stdout(&run(
        dir.path(),
        &server,
        &["search", "is:new", "--format", "tsv"],
    ));
    assert_eq!(is_new.lines().count(), 1, "{is_new}");
    let last = run(dir.path(), &server, &["digest"]);
    assert!(stdout(&last).starts_with("1 new paper since your last visit\n"));
    assert_eq!(shown_ids(&stdout(&last)), ["2512.00005"]);
}

#[test]
fn query_limits_the_digest_and_keeps_its_own_mark() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    library(dir.path(), &server);
    assert_eq!(run(dir.path(), &server, &["digest"]).status.code(), Some(0));
    // The whole digest's mark is not that of `--query segs`.
    let out = run(dir.path(), &server, &["digest", "--query", "segs", "mamba"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        sorted_sections(&stdout(&out)),
        [
            section("segs (2)", &["Mamba segmentation", "Vision segmentation"]),
            section("mamba (1)", &["Mamba diffusion"]),
        ]
    );
    let again = run(dir.path(), &server, &["digest", "--query", "mamba", "segs"]);
    assert_eq!(again.status.code(), Some(1), "{}", stdout(&again));

    let unknown = run(dir.path(), &server, &["digest", "--query", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        stderr(&unknown),
        "paperboat: digest: no saved query named `nope` (paperboat queries lists them)\n"
    );
    assert_eq!(stdout(&unknown), "");
}

#[test]
fn no_library_and_bad_since_are_one_line() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    let out = run(dir.path(), &server, &["digest"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "paperboat: digest: the library holds no papers yet: `paperboat sync hf` brings in the latest Daily Papers\n"
    );
    let bad = run(dir.path(), &server, &["digest", "--since", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("expected last, visit, a date YYYY-MM-DD or days such as 7d"));
}

/// An element of a parsed XML document.
#[derive(Debug, Default)]
struct Node {
    namespace: String,
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn one<'a>(&'a self, name: &'a str) -> &'a Node {
        self.all(name).next().unwrap_or_else(|| panic!("no {name}"))
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses `xml` whole with quick-xml's namespace-aware reader (end tags
/// checked against their start), entities resolved.
fn parse_xml(xml: &str) -> Node {
    let mut reader = NsReader::from_str(xml);
    let mut stack = vec![Node::default()];
    let start = |ns: ResolveResult, e: &quick_xml::events::BytesStart| Node {
        namespace: match ns {
            ResolveResult::Bound(ns) => ns.0.to_string(),
            _ => String::new(),
        },
        name: e.local_name().as_ref().to_string(),
        attributes: e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                let key = a.key.as_ref().to_string();
                (
                    key,
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect(),
        ..Node::default()
    };
    loop {
        let (ns, event) = reader.read_resolved_event().expect("well-formed XML");
        match event {
            Event::Start(e) => stack.push(start(ns, &e)),
            Event::Empty(e) => {
                let node = start(ns, &e);
                stack.last_mut().unwrap().children.push(node);
            }
            Event::End(_) => {
                let node = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(node);
            }
            Event::Text(t) => stack.last_mut().unwrap().text += &t.xml10_content(),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.xml10_content();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .expect("a predefined entity")
                            .to_string()
                    }
                };
                stack.last_mut().unwrap().text += &text;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    stack.pop().unwrap().children.pop().expect("a root element")
}

/// The library, and one more paper whose title is hostile.
fn hostile_library(dir: &Path, server: &FixtureServer) {
    library(dir, server);
    common::wait_for_the_next_second();
    sync_day(
        dir,
        server,
        "2025-12-02",
        vec![paper(
            "2512.00009",
            HOSTILE,
            Some("A summary with <b>tags</b> & an \u{1b}]8;;x\u{7} escape."),
            Some("https://github.com/a/b?x=1&y=\"2\""),
        )],
    );
}

#[test]
fn the_atom_feed_reads_back_with_one_entry_per_paper_and_titles_escaped() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    hostile_library(dir.path(), &server);
    let out = run(dir.path(), &server, &["digest", "--format", "atom"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let xml = stdout(&out);
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"),
        "{xml}"
    );
    assert!(!xml.contains("<script"), "{xml}");
    assert!(!xml.contains('\u{1b}'), "{xml}");
    let feed = parse_xml(&xml);
    assert_eq!(feed.name, "feed");
    assert_eq!(feed.namespace, "http://www.w3.org/2005/Atom");
    for required in ["id", "title", "updated", "author"] {
        feed.one(required);
    }
    let entries: Vec<&Node> = feed.all("entry").collect();
    assert_eq!(entries.len(), 5);
    let ids: HashSet<&str> = entries.iter().map(|e| e.one("id").text.as_str()).collect();
    assert_eq!(ids.len(), 5);
    assert!(
        ids.contains("tag:paperboat,2025:paper:arXiv:2512.00009"),
        "{ids:?}"
    );
    for e in &entries {
        assert_eq!(e.namespace, "http://www.w3.org/2005/Atom");
        e.one("title");
        e.one("summary");
        assert!(e.one("updated").text.ends_with('Z'));
        let alternate = e
            .all("link")
            .find(|l| l.attribute("rel") == Some("alternate"));
        assert!(alternate.is_some(), "{e:?}");
    }
    let hostile = entries
        .iter()
        .find(|e| e.one("id").text.ends_with("2512.00009"))
        .unwrap();
    assert_eq!(
        hostile.one("title").text,
        "<script>alert(1)</script> & \"q\" 'a' \u{fffd}[31m red"
    );
    assert!(
        hostile
            .one("summary")
            .text
            .starts_with("A summary with <b>tags</b> & an")
    );
    // A code link holding a quote is not one that may be opened: left out.
    assert!(
        !hostile
            .all("link")
            .any(|l| l.attribute("title") == Some("code"))
    );
    // The segs and mamba papers are filed under their queries.
    let mamba = entries
        .iter()
        .find(|e| e.one("id").text.ends_with("2512.00001"))
        .unwrap();
    let terms: Vec<&str> = mamba
        .all("category")
        .filter_map(|c| c.attribute("term"))
        .collect();
    assert_eq!(terms, ["mamba", "segs"]);

    // Nothing new: a feed without entries, exit 1.
    let empty = run(dir.path(), &server, &["digest", "--format", "atom"]);
    assert_eq!(empty.status.code(), Some(1));
    let feed = parse_xml(&stdout(&empty));
    assert_eq!(feed.all("entry").count(), 0);
    feed.one("updated");
}

#[test]
fn the_html_page_holds_no_script_and_no_unescaped_text() {
    let dir = TempDir::new().unwrap();
    let server = FixtureServer::start();
    hostile_library(dir.path(), &server);
    let out = run(
        dir.path(),
        &server,
        &["digest", "--format", "html", "--since", "2025-01-01"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(!html.contains('\u{1b}'), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &apos;a&apos;"),
        "{html}"
    );
    // Nothing is loaded from elsewhere: the only URLs are links.
    assert!(!html.contains(" src="), "{html}");
    assert!(!html.contains("<link"), "{html}");
    // The page reads back as well-formed XML, every text where it was.
    let page = parse_xml(html.trim_start_matches("<!DOCTYPE html>"));
    assert_eq!(page.name, "html");

    let md = stdout(&run(
        dir.path(),
        &server,
        &["digest", "--format", "md", "--since", "2025-01-01"],
    ));
    assert!(md.contains("\\<script\\>alert\\(1\\)\\</script\\>"), "{md}");
    assert!(!md.replace("\\<", "").contains('<'), "{md}");
}
