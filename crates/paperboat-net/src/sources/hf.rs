//! One page of Hugging Face Daily Papers, as `GET
//! {hf}/daily_papers?date=YYYY-MM-DD&limit=100&p=N` returns it: a JSON
//! array of entries, each read by the corpus reader of the API's export
//! (so a page and a saved export give the same papers, with the same
//! [`Meta`](crate::corpus::Meta): arXiv id, AI summary and keywords, stars,
//! comments, the day on the feed, source `hf`).
//!
//! A page that is not a JSON array is an error; an entry that is bad among
//! good ones is left out and said, as the corpus reader does, so that one
//! odd paper does not cost the day.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::SourceError;
use crate::corpus::Date;
use crate::corpus::Paper;
use crate::corpus::daily_papers::{check, read_entry, valid_utf8};
use crate::corpus::error::Positions;
use crate::corpus::fields::RefusedLink;
use crate::corpus::sanitize::clean_line;

/// The name of the source in a paper's `sources`.
pub const SOURCE: &str = crate::corpus::daily_papers::SOURCE;

/// The papers of one page of a day, and what was left out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPage {
    /// The papers of the good entries, in the feed's order.
    pub papers: Vec<Paper>,
    /// The entries the page held, good and bad: a page with fewer than
    /// were asked for is the day's last (counting papers would end the day
    /// early at a bad entry).
    pub entries: usize,
    /// One line per entry left out: where it is and what is wrong.
    pub skipped: Vec<String>,
    /// One line per link left out because it may not be opened.
    pub refused: Vec<String>,
}

/// Reads one page of the feed of `day`. A paper whose entry does not say
/// when it was on the feed is given `day`.
pub fn parse_day(bytes: &[u8], day: Date) -> Result<DayPage, SourceError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Some(e) = service_error(bytes) {
        return Err(e);
    }
    check(bytes, "").map_err(SourceError::from_load)?;
    let (text, _) = valid_utf8(bytes);
    let raw: Vec<&RawValue> = serde_json::from_slice(&text)
        .map_err(|e| SourceError::invalid(e.line(), e.column(), "", &e.to_string()))?;
    let mut page = DayPage {
        papers: Vec::with_capacity(raw.len()),
        entries: raw.len(),
        skipped: Vec::new(),
        refused: Vec::new(),
    };
    let mut positions = Positions::new(&text);
    for (i, entry) in raw.iter().enumerate() {
        // Each entry is read from the bytes as they came, so that bytes
        // that are not UTF-8 make that entry bad, not the page.
        let start = entry.get().as_ptr() as usize - text.as_ptr() as usize;
        let own = &bytes[start..start + entry.get().len()];
        match read_entry(own) {
            Some(Ok(checked)) => {
                let mut paper = checked.paper;
                if let Some(meta) = paper.meta.as_mut() {
                    meta.feed_day.get_or_insert(day);
                }
                page.refused
                    .extend(checked.refused.iter().map(|r| refused(i, r)));
                page.papers.push(paper);
            }
            Some(Err(fault)) => {
                let (line, column) = positions.at(start);
                let (line, column) = fault.position_from(line, column);
                let path = join_path(i, &fault.path);
                let e = SourceError::invalid(line, column, &path, &fault.message);
                page.skipped.push(e.to_string());
            }
            None => {
                let (line, column) = positions.at(start);
                let e = SourceError::invalid(line, column, &format!("[{i}]"), "not JSON");
                page.skipped.push(e.to_string());
            }
        }
    }
    Ok(page)
}

/// `[3].paper.title` for the field `paper.title` of entry 3.
fn join_path(entry: usize, field: &str) -> String {
    if field.is_empty() {
        format!("[{entry}]")
    } else {
        format!("[{entry}].{field}")
    }
}

fn refused(entry: usize, r: &RefusedLink) -> String {
    clean_line(&format!(
        "{}: refused `{}`: {}",
        join_path(entry, &r.field),
        r.url,
        r.reason
    ))
}

/// `{"error": "..."}`, which the API sends instead of a page for a request
/// it refuses (a date in the future, a bad parameter).
fn service_error(bytes: &[u8]) -> Option<SourceError> {
    #[derive(Deserialize)]
    struct Refusal {
        error: String,
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
    if *first != b'{' {
        return None;
    }
    let Refusal { error } = serde_json::from_slice(bytes).ok()?;
    Some(SourceError::service("error", &error))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::LinkKind;

    fn day() -> Date {
        Date::new(2025, 12, 1).unwrap()
    }

    const FULL: &str = r#"[{"paper": {"id": "2512.01234", "authors": [{"_id": "a1", "name": "Ada Lovelace", "hidden": false},
        {"_id": "a2", "name": "Alan Turing", "hidden": true}], "mediaUrls": ["https://cdn/x.png"],
        "publishedAt": "2025-11-28T18:59:59.000Z", "submittedOnDailyAt": "2025-12-01T02:11:09.000Z",
        "title": "Seeing\n  Far", "summary": "One.\n\nTwo.", "upvotes": 42, "discussionId": "d",
        "projectPage": "https://see.github.io", "githubRepo": "https://github.com/a/see",
        "ai_summary": "A model sees\nfar.", "ai_keywords": ["vision", "Vision", "far sight"], "githubStars": 1234,
        "organization": {"_id": "o", "name": "acme", "fullname": "Acme Labs", "avatar": "x"}},
      "publishedAt": "2025-12-01T02:11:09.000Z", "title": "Seeing Far", "thumbnail": "https://cdn/t.png",
      "numComments": 7, "submittedBy": {"name": "ak"}, "isAuthorParticipating": true}]"#;

    #[test]
    fn an_entry_maps_to_a_paper_and_its_meta() {
        let page = parse_day(FULL.as_bytes(), day()).unwrap();
        assert_eq!((page.entries, page.skipped.len()), (1, 0));
        let p = &page.papers[0];
        assert_eq!(p.id, "arXiv:2512.01234");
        assert_eq!(p.title, "Seeing Far");
        assert_eq!(p.authors, ["Ada Lovelace", "Alan Turing"]);
        assert_eq!(p.published, Date::new(2025, 11, 28));
        assert_eq!(p.upvotes, Some(42));
        assert_eq!(p.organization.as_deref(), Some("acme"));
        assert_eq!(p.links[0].kind, LinkKind::Code);
        let m = p.meta.as_deref().unwrap();
        assert_eq!(m.arxiv_id.as_deref(), Some("2512.01234"));
        assert_eq!(m.ai_summary.as_deref(), Some("A model sees far."));
        assert_eq!(m.ai_keywords, ["vision", "Vision", "far sight"]);
        assert_eq!(m.stars, Some(1234));
        assert_eq!(m.num_comments, Some(7));
        assert_eq!(m.feed_day, Date::new(2025, 12, 1));
        assert_eq!(m.sources, ["hf"]);
    }

    #[test]
    fn the_day_asked_for_is_the_feed_day_when_the_entry_has_none() {
        let page = parse_day(br#"[{"paper": {"id": "1", "title": "T"}}]"#, day()).unwrap();
        let meta = page.papers[0].meta.as_deref().unwrap();
        assert_eq!(meta.feed_day, Some(day()));
    }

    #[test]
    fn a_bad_entry_is_left_out_and_said_and_still_counted() {
        let text = "[{\"paper\": {\"id\": \"1\", \"title\": \"A\"}},\n {\"paper\": {\"id\": \"2\", \"title\": \"B\", \"githubStars\": -3}},\n {\"paper\": {\"id\": \"3\", \"title\": \"C\", \"githubRepo\": \"javascript:alert(1)\"}}]";
        let page = parse_day(text.as_bytes(), day()).unwrap();
        assert_eq!(page.entries, 3);
        let ids: Vec<&str> = page.papers.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["arXiv:1", "arXiv:3"]);
        assert_eq!(
            page.skipped,
            [
                "line 2, column 54: [1].paper.githubStars: expected a non-negative integer, found integer `-3`"
            ]
        );
        assert_eq!(page.refused.len(), 1);
        assert!(
            page.refused[0].starts_with("[2].paper.githubRepo: refused `javascript:alert(1)`"),
            "{}",
            page.refused[0]
        );
        assert_eq!(page.papers[1].links.len(), 1, "only its own page");
    }

    #[test]
    fn a_page_that_is_not_an_array_is_an_error_naming_where() {
        let e = parse_day(b"[{\"paper\": {\"title\": \"a\"}", day()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("line 1, column 25: [0]: unexpected end of file"),
            "{e}"
        );
        let e = parse_day(b"{\"papers\": []}", day()).unwrap_err();
        assert!(e.to_string().contains("expected"), "{e}");
        let e = parse_day(b"", day()).unwrap_err();
        assert!(e.to_string().starts_with("line 1, column 1"), "{e}");
        let e = parse_day(br#"{"error": "Invalid \u001b[2J date"}"#, day()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the service says error: Invalid \u{fffd}[2J date"
        );
    }

    #[test]
    fn an_empty_day_is_an_empty_page() {
        let page = parse_day(b"[]", day()).unwrap();
        assert_eq!((page.papers.len(), page.entries), (0, 0));
    }

    #[test]
    fn bytes_that_are_not_utf8_cost_only_their_entry() {
        let mut text = b"[{\"paper\": {\"id\": \"1\", \"title\": \"A\"}}, {\"paper\": {\"id\": \"2\", \"title\": \"B".to_vec();
        text.extend_from_slice(b"\xff\"}}]");
        let page = parse_day(&text, day()).unwrap();
        assert_eq!(page.papers.len(), 1);
        assert_eq!(page.entries, 2);
        assert!(
            page.skipped[0].contains("[1]: invalid UTF-8"),
            "{:?}",
            page.skipped
        );
    }
}
