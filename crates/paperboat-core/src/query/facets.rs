//! Facet counts over a set of results: how many hits carry each tag, fall
//! in each year, have code.

use std::collections::BTreeMap;

use super::bitmap::{bitmap, each_marked};
use super::hit::Hit;
use super::index::Index;

/// The facet groups, in the order they are shown, with the tag namespace
/// each draws from (`None` for the year and code groups). A group with no
/// tags in the corpus shows nothing: arXiv corpora have categories, the
/// bundled one has the taxonomy's namespaces.
pub const GROUPS: [(&str, Option<&str>); 8] = [
    ("Type", Some("type")),
    ("Task", Some("task")),
    ("Modality", Some("modality")),
    ("Method", Some("method")),
    ("Category", Some("arxiv")),
    ("Year", None),
    ("Code", None),
    ("Read", None),
];

/// The clause of the Year group's entry for papers with no date.
pub const UNDATED: &str = "!has:date";

/// Counts over the current results.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Hits per tag id (see [`Index::tag_names`]).
    pub tags: Vec<usize>,
    /// Hits per publication year.
    pub years: BTreeMap<u16, usize>,
    /// Hits per month (`YYYYMM`), over the results themselves: the
    /// timeline's counts (a picked year does not widen them).
    pub months: BTreeMap<u32, usize>,
    /// Hits with a code link.
    pub code: usize,
    /// Hits with no publication date.
    pub undated: usize,
    /// Hits counted, and those read (`is:read`).
    pub total: usize,
    pub read: usize,
}

impl Counts {
    /// Counts `hits`; linear in the number of hits and their tags.
    pub fn over(index: &Index, hits: &[Hit]) -> Counts {
        let mut counts = Counts::default();
        counts.add(index, hits);
        counts
    }

    /// Adds `hits` (not counted before) to the counts.
    pub fn add(&mut self, index: &Index, hits: &[Hit]) {
        self.tags.resize(index.tag_names().len(), 0);
        if hits.len() < 4096 {
            let mut months = Months::new();
            for hit in hits {
                self.count(index, hit.index, &mut months);
            }
            self.add_months(&months);
            return;
        }
        // Hits come in rank order; counting them in corpus order reads the
        // index in sequence, many times faster on a large corpus, and on
        // every core: the counts of the parts add up.
        let marks = bitmap(hits.iter().map(|h| h.index), index.len());
        let threads = if hits.len() >= PARALLEL_FROM {
            crate::parallel::threads()
        } else {
            1
        };
        let parts = crate::parallel::map_ranges(index.len(), threads, |range| {
            let mut part = Counts {
                tags: vec![0; index.tag_names().len()],
                ..Counts::default()
            };
            let mut months = Months::new();
            each_marked(&marks, range, |i| part.count(index, i, &mut months));
            part.add_months(&months);
            part
        });
        for part in parts {
            self.merge(part);
        }
    }

    /// Counts paper `i`, its month into `months`.
    #[inline]
    fn count(&mut self, index: &Index, i: usize, months: &mut Months) {
        for &tag in index.tag_ids(i) {
            self.tags[tag as usize] += 1;
        }
        let (year, has_code) = index.facts(i);
        let month = index.month(i);
        match (year as usize).checked_sub(Months::FIRST_YEAR) {
            Some(y) if y < Months::YEARS && (1..=12).contains(&month) => {
                months.0[y * 12 + usize::from(month) - 1] += 1;
            }
            _ if year > 0 => {
                *self.years.entry(year).or_default() += 1;
                *self
                    .months
                    .entry(u32::from(year) * 100 + u32::from(month))
                    .or_default() += 1;
            }
            _ => self.undated += 1,
        }
        self.code += has_code as usize;
        self.total += 1;
        self.read += index.is_marked(super::index::Mark::Read, i) as usize;
    }

    fn add_months(&mut self, months: &Months) {
        for (m, &n) in months.0.iter().enumerate().filter(|(_, n)| **n > 0) {
            let year = (m / 12 + Months::FIRST_YEAR) as u16;
            *self.years.entry(year).or_default() += n;
            let key = u32::from(year) * 100 + (m % 12 + 1) as u32;
            *self.months.entry(key).or_default() += n;
        }
    }

    /// Adds the counts of other papers.
    fn merge(&mut self, other: Counts) {
        for (mine, theirs) in self.tags.iter_mut().zip(&other.tags) {
            *mine += theirs;
        }
        for (year, n) in other.years {
            *self.years.entry(year).or_default() += n;
        }
        for (month, n) in other.months {
            *self.months.entry(month).or_default() += n;
        }
        self.code += other.code;
        self.undated += other.undated;
        self.total += other.total;
        self.read += other.read;
    }
}

/// From this many hits on, counting is split across the cores.
const PARALLEL_FROM: usize = 100_000;

/// Hits per month of the years most papers fall in, counted in an array
/// (this runs on every search) and added to the maps at the end.
struct Months(Box<[usize]>);

impl Months {
    const FIRST_YEAR: usize = 1900;
    const YEARS: usize = 256;

    fn new() -> Months {
        Months(vec![0; Months::YEARS * 12].into_boxed_slice())
    }
}

/// One facet entry: what it shows and the clause it toggles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The group's name (`Task`).
    pub group: &'static str,
    /// The label (`segmentation`, `2024`, `has code`).
    pub label: String,
    /// The clause toggled in the query (`tag:task/segmentation`).
    pub clause: String,
    /// Hits carrying it.
    pub count: usize,
}

/// Every facet entry with its count, grouped as [`GROUPS`], each group by
/// count (years newest first). Entries with no hits are included; the
/// caller hides them unless selected.
pub fn entries(index: &Index, counts: &Counts) -> Vec<Entry> {
    let mut out = Vec::new();
    for (group, namespace) in GROUPS {
        match (group, namespace) {
            (_, Some(ns)) => {
                let mut tags: Vec<(usize, &str)> = index
                    .tag_names()
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.split_once('/').is_some_and(|(n, _)| n == ns))
                    .map(|(id, t)| (counts.tags.get(id).copied().unwrap_or(0), t.as_str()))
                    .collect();
                tags.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
                out.extend(tags.into_iter().map(|(count, tag)| Entry {
                    group,
                    label: tag.split_once('/').map_or(tag, |(_, n)| n).to_string(),
                    clause: super::tokens::field_clause("tag", tag),
                    count,
                }));
            }
            ("Year", None) => {
                out.extend(counts.years.iter().rev().map(|(year, &count)| Entry {
                    group,
                    label: year.to_string(),
                    clause: format!("year:{year}"),
                    count,
                }));
                out.push(Entry {
                    group,
                    label: "undated".into(),
                    clause: UNDATED.into(),
                    count: counts.undated,
                });
            }
            ("Read", None) => {
                out.push(Entry {
                    group,
                    label: "unread".into(),
                    clause: "!is:read".into(),
                    count: counts.total - counts.read,
                });
                out.push(Entry {
                    group,
                    label: "read".into(),
                    clause: "is:read".into(),
                    count: counts.read,
                });
            }
            _ => out.push(Entry {
                group,
                label: "has code".into(),
                clause: "has:code".into(),
                count: counts.code,
            }),
        }
    }
    out
}

impl Counts {
    /// Takes `group`'s counts from `other`: counts over the results of
    /// the query without that group's clauses, so that a group's entries
    /// show what picking them too (OR) would add.
    pub fn take_group(&mut self, index: &Index, group: &str, other: &Counts) {
        match GROUPS.iter().find(|(g, _)| *g == group) {
            Some((_, Some(ns))) => {
                for (id, tag) in index.tag_names().iter().enumerate() {
                    if tag.split_once('/').is_some_and(|(n, _)| n == *ns)
                        && let (Some(mine), Some(theirs)) =
                            (self.tags.get_mut(id), other.tags.get(id))
                    {
                        *mine = *theirs;
                    }
                }
            }
            Some(("Year", None)) => {
                self.years = other.years.clone();
                self.undated = other.undated;
            }
            Some(("Code", None)) => self.code = other.code,
            Some(("Read", None)) => {
                self.total = other.total;
                self.read = other.read;
            }
            _ => {}
        }
    }
}

/// True for a query word that a facet could have added.
pub fn is_facet_clause(word: &str) -> bool {
    word.starts_with("tag:") || word.starts_with("year:") || word == "has:code"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Date, Link, Paper, Tag};
    use crate::query::parse;

    #[test]
    fn counts_on_every_core_add_up_to_counting_one_by_one() {
        let papers: Vec<Paper> = (0..PARALLEL_FROM + 5_000)
            .map(|k| {
                let mut p = Paper::titled(format!("paper {k}"));
                p.tags = vec![Tag::parse(["task/a", "task/b", "modality/ct"][k % 3]).unwrap()];
                p.published = match k % 7 {
                    0 => None,
                    1 => Date::new(1850, 1, 1),
                    n => Date::new(2000 + n as u16, 1 + (k % 12) as u8, 1),
                };
                p
            })
            .collect();
        let index = Index::new(&papers);
        // Every third paper, in a shuffled order, as hits come.
        let mut hits: Vec<Hit> = (0..papers.len())
            .step_by(3)
            .map(|index| Hit { index, score: 0 })
            .collect();
        hits.reverse();
        assert!(hits.len() < PARALLEL_FROM && papers.len() > PARALLEL_FROM);
        let all: Vec<Hit> = (0..papers.len())
            .map(|index| Hit { index, score: 0 })
            .collect();
        for hits in [&hits[..], &all[..]] {
            let mut one_by_one = Counts {
                tags: vec![0; index.tag_names().len()],
                ..Counts::default()
            };
            for chunk in hits.chunks(1000) {
                one_by_one.add(&index, chunk);
            }
            assert_eq!(Counts::over(&index, hits), one_by_one);
        }
    }

    #[test]
    fn counts_follow_the_hits() {
        let mut a = Paper::titled("a");
        a.tags = vec![
            Tag::parse("task/segmentation").unwrap(),
            Tag::parse("modality/ct").unwrap(),
        ];
        a.published = Date::new(2024, 1, 1);
        a.links = vec![Link::classified("https://github.com/x/y")];
        let mut b = Paper::titled("b");
        b.tags = vec![Tag::parse("task/segmentation").unwrap()];
        b.published = Date::new(2023, 1, 1);
        let papers = vec![a, b];
        let index = Index::new(&papers);
        let all = index.search(&papers, &parse("").unwrap());
        let counts = Counts::over(&index, &all);
        let e = entries(&index, &counts);
        let find = |clause: &str| e.iter().find(|x| x.clause == clause).unwrap().count;
        assert_eq!(find("tag:task/segmentation"), 2);
        assert_eq!(find("tag:modality/ct"), 1);
        assert_eq!(find("year:2024"), 1);
        assert_eq!(find("has:code"), 1);
        let groups: Vec<&str> = e.iter().map(|x| x.group).collect();
        assert_eq!(
            groups,
            [
                "Task", "Modality", "Year", "Year", "Year", "Code", "Read", "Read"
            ]
        );
        assert_eq!(find("!has:date"), 0, "undated: none here");
        let only_b = index.search(&papers, &parse("^b").unwrap());
        let counts = Counts::over(&index, &only_b);
        let e = entries(&index, &counts);
        assert_eq!(
            e.iter()
                .find(|x| x.clause == "tag:modality/ct")
                .unwrap()
                .count,
            0
        );
        assert_eq!(e.iter().find(|x| x.clause == "has:code").unwrap().count, 0);
    }

    #[test]
    fn facet_clauses() {
        assert!(
            is_facet_clause("tag:ct")
                && is_facet_clause("year:2024")
                && is_facet_clause("has:code")
        );
        assert!(!is_facet_clause("mamba") && !is_facet_clause("has:links"));
    }
}
