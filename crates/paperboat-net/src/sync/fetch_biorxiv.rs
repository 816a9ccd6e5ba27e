//! medRxiv and bioRxiv: `GET {api}/details/SERVER/FROM/TO/CURSOR/json`,
//! 100 records a page, the cursor walked to the total.

use rustc_hash::FxHashMap;

use super::report::Fetched;
use crate::corpus::Date;
use crate::library::SourceKind;
use crate::net::{Client, Request};
use crate::sources::biorxiv::{Server, parse_details};

/// Pages at most: a week of medRxiv is a few dozen.
const MOST_PAGES: usize = 5_000;
/// The largest page taken.
const PAGE_CAP: u64 = 32 << 20;

/// Fetches the days `from..=to` of `kind`'s server from the API at
/// `base`, keeping the papers of `categories` (all when none).
pub fn fetch(
    client: &Client,
    base: &str,
    kind: SourceKind,
    categories: &[String],
    from: Date,
    to: Date,
    tell: &dyn Fn(String, usize),
) -> Fetched {
    let server = match kind {
        SourceKind::Biorxiv => Server::Biorxiv,
        _ => Server::Medrxiv,
    };
    let asked: Vec<String> = categories.iter().map(|c| folded(c)).collect();
    let mut fetched = Fetched::default();
    let mut seen = FxHashMap::default();
    let request = Request::default().capped(PAGE_CAP);
    let mut cursor = 0u64;
    for page in 0..MOST_PAGES {
        let at = format!("{from}..{to} page {}", page + 1);
        tell(at.clone(), fetched.papers.len());
        let url = format!("{base}/details/{}/{from}/{to}/{cursor}/json", server.name());
        let read = |body: &[u8]| parse_details(body, server);
        let Some(parsed) = fetched.page(client, (base, &url), &request, &at, read) else {
            return fetched;
        };
        for paper in parsed.papers {
            let own = paper
                .meta
                .as_ref()
                .map_or(&[][..], |m| m.categories.as_slice());
            if asked.is_empty() || own.iter().any(|c| asked.contains(&folded(c))) {
                fetched.add(paper, &mut seen);
            }
        }
        cursor += parsed.count;
        if parsed.count == 0 || cursor >= parsed.total {
            fetched.reached = Some(to);
            return fetched;
        }
    }
    fetched.failure = Some(format!(
        "{}: more than {MOST_PAGES} pages",
        super::report::host_of(base)
    ));
    fetched
}

/// A category as compared: lowercase, `_` and `-` as spaces
/// (`infectious_diseases` is `Infectious Diseases`).
fn folded(category: &str) -> String {
    category.trim().to_lowercase().replace(['_', '-'], " ")
}
