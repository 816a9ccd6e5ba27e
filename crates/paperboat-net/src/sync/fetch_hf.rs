//! Hugging Face Daily Papers, day by day:
//! `GET {hf}/daily_papers?date=YYYY-MM-DD&limit=100&p=N`, pages from 0
//! until one comes back short.

use rustc_hash::FxHashMap;

use super::days::each;
use super::report::Fetched;
use crate::corpus::Date;
use crate::net::{Client, Request};
use crate::sources::hf::parse_day;

/// Papers asked for per page.
const PAGE: usize = 100;
/// Pages of one day at most: a feed has a few dozen papers a day, so a
/// server that never ends a day is not followed for ever.
const MOST_PAGES: usize = 50;
/// The largest page taken.
const PAGE_CAP: u64 = 16 << 20;

/// Fetches the days `from..=to` from the API at `base`; `tell` hears where
/// it is and the papers so far.
pub fn fetch(
    client: &Client,
    base: &str,
    from: Date,
    to: Date,
    tell: &dyn Fn(String, usize),
) -> Fetched {
    let mut fetched = Fetched::default();
    let mut seen = FxHashMap::default();
    let request = Request::default().capped(PAGE_CAP);
    for day in each(from, to) {
        for page in 0..MOST_PAGES {
            let at = format!("{day} page {}", page + 1);
            tell(at.clone(), fetched.papers.len());
            let url = format!("{base}/daily_papers?date={day}&limit={PAGE}&p={page}");
            let read = |body: &[u8]| parse_day(body, day);
            let Some(parsed) = fetched.page(client, (base, &url), &request, &at, read) else {
                return fetched;
            };
            for paper in parsed.papers {
                fetched.add(paper, &mut seen);
            }
            if parsed.entries < PAGE {
                break;
            }
        }
        fetched.reached = Some(day);
    }
    fetched
}
