//! `--since`: the point in time after which a paper that entered the
//! library is new to a digest.

use crate::corpus::{Date, Instant};

/// Where a digest starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// After the papers of the last digest (`last`, the default).
    Last,
    /// After the last visit to the reader, as `is:new`.
    Visit,
    /// From the start of this day (UTC).
    Day(Date),
    /// The last N days, counted back from now.
    Days(u32),
}

/// What the papers are new after: the last digest's newest paper and the
/// last visit, when there were any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    /// The newest paper the last digest of the same queries showed.
    pub last_digest: Option<Instant>,
    /// The last visit to the reader.
    pub last_visit: Option<Instant>,
}

impl Since {
    /// `last`, `visit`, `YYYY-MM-DD` or `Nd` (days).
    pub fn parse(text: &str) -> Result<Since, String> {
        match text {
            "last" => return Ok(Since::Last),
            "visit" => return Ok(Since::Visit),
            _ => {}
        }
        if let Some(n) = text.strip_suffix('d')
            && !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
        {
            return n
                .parse()
                .ok()
                .filter(|&n| n <= 100_000)
                .map(Since::Days)
                .ok_or_else(|| format!("too many days: `{text}`"));
        }
        Date::parse(text).map(Since::Day).ok_or_else(|| {
            format!("expected last, visit, a date YYYY-MM-DD or days such as 7d, found `{text}`")
        })
    }

    /// The instant after which papers are new (`None`: every paper), and
    /// how headings say it.
    pub fn cutoff(self, marks: Marks, now: Instant) -> (Option<Instant>, String) {
        match self {
            Since::Last => match (marks.last_digest, marks.last_visit) {
                (Some(t), _) => (Some(t), "since the last digest".into()),
                (None, Some(t)) => (Some(t), "since your last visit".into()),
                (None, None) => (None, "in the library".into()),
            },
            Since::Visit => match marks.last_visit {
                Some(t) => (Some(t), "since your last visit".into()),
                None => (None, "in the library".into()),
            },
            Since::Day(day) => {
                let start = Instant::parse(&format!("{day}T00:00:00Z"));
                let cutoff = start.and_then(|s| s.secs.checked_sub(1));
                (cutoff.map(|secs| Instant { secs }), format!("since {day}"))
            }
            Since::Days(n) => {
                let secs = now.secs.saturating_sub(u64::from(n) * 86_400);
                let days = if n == 1 { "day" } else { "days" };
                (Some(Instant { secs }), format!("in the last {n} {days}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_reads_last_visit_days_and_dates() {
        assert_eq!(Since::parse("last"), Ok(Since::Last));
        assert_eq!(Since::parse("visit"), Ok(Since::Visit));
        assert_eq!(Since::parse("7d"), Ok(Since::Days(7)));
        assert_eq!(
            Since::parse("2025-12-01"),
            Ok(Since::Day(Date::new(2025, 12, 1).unwrap()))
        );
        for bad in ["d", "yesterday", "2025-13-01", "99999999999d", "-1d"] {
            assert!(Since::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn last_falls_back_to_the_visit_then_to_everything() {
        let t = |secs| Some(Instant { secs });
        let now = Instant { secs: 1_000_000 };
        let marks = Marks {
            last_digest: t(50),
            last_visit: t(40),
        };
        assert_eq!(Since::Last.cutoff(marks, now).0, t(50));
        let no_digest = Marks {
            last_digest: None,
            ..marks
        };
        assert_eq!(Since::Last.cutoff(no_digest, now).0, t(40));
        assert_eq!(Since::Last.cutoff(Marks::default(), now).0, None);
        assert_eq!(Since::Visit.cutoff(marks, now).0, t(40));
        assert_eq!(Since::Days(1).cutoff(marks, now).0, t(1_000_000 - 86_400));
        let day = Since::Day(Date::new(1970, 1, 2).unwrap());
        assert_eq!(
            day.cutoff(marks, now),
            (t(86_399), "since 1970-01-02".into())
        );
    }
}
