//! Which days a sync asks a source for: from where it last stopped (a
//! little before, for Hugging Face and bioRxiv, whose counts and versions
//! keep moving), or a week back for a new source, up to today.

use super::days::plus;
use crate::corpus::Date;
use crate::library::{SourceKind, SourceState};

/// A new source starts this many days back.
const FIRST_DAYS: i64 = 7;
/// A later Hugging Face or bioRxiv sync starts this many days before the
/// last day fetched: upvotes, comments and versions keep moving.
const OVERLAP_DAYS: i64 = 2;

/// One source to sync, as asked on the command line or remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Which service.
    pub kind: SourceKind,
    /// arXiv categories or archives; medRxiv/bioRxiv categories (none: all).
    pub categories: Vec<String>,
    /// The first day to ask for, if given.
    pub since: Option<Date>,
    /// The last day to ask for, if given.
    pub until: Option<Date>,
}

impl Job {
    /// `hf`, `arxiv cs.CV eess.IV`.
    pub fn label(&self) -> String {
        let mut label = self.kind.as_str().to_string();
        for c in &self.categories {
            label.push(' ');
            label.push_str(c);
        }
        label
    }

    /// Whether `state` is this source (the same categories in any order).
    pub fn same_categories(&self, state: &SourceState) -> bool {
        let sorted = |c: &[String]| {
            let mut c = c.to_vec();
            c.sort();
            c
        };
        sorted(&self.categories) == sorted(&state.categories)
    }
}

/// The days `job` asks for, given what is `known` of its source and
/// `today`: `--since`, else where it stopped (less the overlap), else a
/// week back; `--until`, else today. A range the wrong way round is the
/// one day `from`.
pub fn plan(job: &Job, known: Option<&SourceState>, today: Date) -> (Date, Date) {
    let to = job.until.unwrap_or(today);
    let from = job
        .since
        .unwrap_or_else(|| match known.and_then(|k| k.until) {
            Some(last) if job.kind == SourceKind::Arxiv => last,
            Some(last) => plus(last, -OVERLAP_DAYS),
            None => plus(today, -FIRST_DAYS),
        });
    (from, to.max(from))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn job(kind: SourceKind) -> Job {
        Job {
            kind,
            categories: Vec::new(),
            since: None,
            until: None,
        }
    }

    #[test]
    fn new_sources_go_a_week_back_later_ones_from_where_they_stopped() {
        let today = d("2025-12-06");
        assert_eq!(
            plan(&job(SourceKind::Hf), None, today),
            (d("2025-11-29"), today)
        );
        let known = SourceState {
            kind: SourceKind::Hf,
            categories: Vec::new(),
            since: d("2025-11-29"),
            until: Some(d("2025-12-04")),
            last_synced: None,
            papers: 10,
        };
        assert_eq!(
            plan(&job(SourceKind::Hf), Some(&known), today),
            (d("2025-12-02"), today)
        );
        let arxiv = SourceState {
            kind: SourceKind::Arxiv,
            ..known.clone()
        };
        assert_eq!(
            plan(&job(SourceKind::Arxiv), Some(&arxiv), today),
            (d("2025-12-04"), today)
        );
        let given = Job {
            since: Some(d("2025-10-01")),
            until: Some(d("2025-10-03")),
            ..job(SourceKind::Hf)
        };
        assert_eq!(
            plan(&given, Some(&known), today),
            (d("2025-10-01"), d("2025-10-03"))
        );
    }
}
