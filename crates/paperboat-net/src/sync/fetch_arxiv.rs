//! arXiv through OAI-PMH: `ListRecords` in the `arXivRaw` format, one set
//! per archive asked for, then its resumption tokens, one request at a
//! time and at least 3 s apart (arXiv's terms).

use rustc_hash::FxHashMap;

use super::report::Fetched;
use crate::corpus::Date;
use crate::net::pace::ARXIV_SPACING;
use crate::net::{Client, Request};
use crate::sources::oai::{parse_page, set_of, wanted};

/// Pages of one set at most: a week of a whole archive is a few dozen.
const MOST_PAGES: usize = 5_000;
/// The largest page taken (1,000 records are a few MB).
const PAGE_CAP: u64 = 64 << 20;

/// Fetches the records of `categories` (or whole archives) from `from`
/// (and up to `until`, when given) from the OAI-PMH endpoint `base`.
pub fn fetch(
    client: &Client,
    base: &str,
    categories: &[String],
    from: Date,
    until: Option<Date>,
    tell: &dyn Fn(String, usize),
) -> Fetched {
    let mut fetched = Fetched::default();
    let mut sets: Vec<String> = Vec::new();
    for category in categories {
        match set_of(category) {
            Some(set) if !sets.contains(&set) => sets.push(set),
            Some(_) => {}
            None => {
                fetched.failure = Some(format!(
                    "`{}` is not an arXiv category or archive (cs.CV, eess.IV, cs, math, physics:hep-th...)",
                    crate::corpus::sanitize::clean_line(category)
                ));
                return fetched;
            }
        }
    }
    if let Err(e) = client.space_host(base, ARXIV_SPACING) {
        fetched.failure = Some(e.to_string());
        return fetched;
    }
    let request = Request::default().capped(PAGE_CAP).spaced(ARXIV_SPACING);
    let mut seen = FxHashMap::default();
    let mut last_date = None;
    for set in &sets {
        let mut url = format!(
            "{base}?verb=ListRecords&metadataPrefix=arXivRaw&set={}&from={from}",
            encode(set)
        );
        if let Some(until) = until {
            url.push_str(&format!("&until={until}"));
        }
        for page in 0..MOST_PAGES {
            let at = format!("{set} page {}", page + 1);
            tell(at.clone(), fetched.papers.len());
            let Some(parsed) = fetched.page(client, (base, &url), &request, &at, parse_page) else {
                return fetched;
            };
            for paper in parsed.papers {
                // A set is a whole archive: only the papers of the
                // categories asked for are kept; a cross-list once.
                let own = paper
                    .meta
                    .as_ref()
                    .map_or(&[][..], |m| m.categories.as_slice());
                if wanted(own, categories) {
                    fetched.add(paper, &mut seen);
                }
            }
            fetched.deleted.extend(parsed.deleted);
            if let Some(date) = parsed
                .response_date
                .as_deref()
                .and_then(|d| d.get(..10))
                .and_then(Date::parse)
            {
                last_date = Some(date);
            }
            match parsed.token {
                Some(token) if !token.is_empty() => {
                    url = format!("{base}?verb=ListRecords&resumptionToken={}", encode(&token));
                }
                _ => break,
            }
        }
    }
    fetched.reached = last_date.or(Some(from));
    fetched
}

/// `text` with everything but unreserved characters percent-encoded.
fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
