//! Which papers a digest shows and under which heading: those that
//! entered the library after a point in time, under the first saved query
//! that finds each, then the others.

use std::collections::HashMap;

use super::entry::entry;
use super::model::Group;
use crate::catalog::Catalog;
use crate::corpus::Instant;
use crate::query::Papers;

/// The heading of the papers no saved query finds.
pub const OTHERS: &str = "Other new papers";
/// The heading of the papers when there is no saved query.
pub const ALL: &str = "New papers";

/// The papers one saved query finds, in its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The saved query's name.
    pub name: String,
    /// The positions in the catalog of the papers it finds.
    pub papers: Vec<usize>,
}

/// Whether paper `i` entered the library after `cutoff` (every paper
/// with a known entry when `None`) and is its newest record.
pub fn is_new(catalog: &Catalog, i: usize, cutoff: Option<Instant>) -> bool {
    !catalog.index.is_shadowed(i)
        && catalog
            .index
            .added(i)
            .is_some_and(|added| cutoff.is_none_or(|c| added > c))
}

/// The groups: each saved query's new papers in its order (a paper
/// found by several under the first, naming them all), then with `others`
/// the new papers none finds, newest first. Empty groups are left out.
pub fn groups(
    catalog: &Catalog,
    cutoff: Option<Instant>,
    found: &[Found],
    others: bool,
) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut shown: HashMap<usize, (usize, usize)> = HashMap::new();
    for query in found {
        let mut group = Group {
            name: query.name.clone(),
            saved: true,
            entries: Vec::new(),
        };
        let at = groups.len();
        for &i in query.papers.iter().filter(|&&i| is_new(catalog, i, cutoff)) {
            if let Some(&(g, e)) = shown.get(&i) {
                let queries = match g == at {
                    true => &mut group.entries[e].queries,
                    false => &mut groups[g].entries[e].queries,
                };
                if !queries.contains(&query.name) {
                    queries.push(query.name.clone());
                }
                continue;
            }
            let mut e = entry(&catalog.paper(i), catalog.index.added(i));
            e.queries.push(query.name.clone());
            shown.insert(i, (at, group.entries.len()));
            group.entries.push(e);
        }
        groups.push(group);
    }
    if others {
        let mut rest: Vec<_> = (0..catalog.len())
            .filter(|i| !shown.contains_key(i) && is_new(catalog, *i, cutoff))
            .map(|i| entry(&catalog.paper(i), catalog.index.added(i)))
            .collect();
        rest.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        groups.push(Group {
            name: if found.is_empty() { ALL } else { OTHERS }.to_string(),
            saved: false,
            entries: rest,
        });
    }
    groups.retain(|g| !g.entries.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Meta, Paper};

    fn catalog() -> Catalog {
        let papers = (0..5)
            .map(|n| {
                let mut p = Paper::titled(format!("Paper {n}"));
                p.id = format!("p{n}");
                p.published = crate::corpus::Date::new(2025, 12, 1 + n as u8);
                p.meta = Some(Box::new(Meta {
                    added: Some(Instant {
                        secs: 100 * (n + 1),
                    }),
                    ..Meta::default()
                }));
                p
            })
            .collect();
        Catalog::loaded("L".into(), papers)
    }

    fn found(name: &str, papers: &[usize]) -> Found {
        Found {
            name: name.into(),
            papers: papers.to_vec(),
        }
    }

    #[test]
    fn a_paper_shows_under_its_first_query_then_the_others_newest_first() {
        let catalog = catalog();
        let cutoff = Some(Instant { secs: 150 });
        let queries = [
            found("a", &[3, 0, 1]),
            found("b", &[1, 4]),
            found("c", &[1]),
        ];
        let groups = groups(&catalog, cutoff, &queries, true);
        let names: Vec<(&str, Vec<&str>)> = groups
            .iter()
            .map(|g| (&g.name[..], g.entries.iter().map(|e| &e.id[..]).collect()))
            .collect();
        assert_eq!(
            names,
            [
                ("a", vec!["p3", "p1"]),
                ("b", vec!["p4"]),
                (OTHERS, vec!["p2"])
            ]
        );
        assert_eq!(groups[0].entries[1].queries, ["a", "b", "c"]);
        let only = super::groups(&catalog, cutoff, &queries[1..2], false);
        assert_eq!(only.len(), 1);
        assert_eq!(super::groups(&catalog, None, &[], true)[0].name, ALL);
        assert!(super::groups(&catalog, Some(Instant { secs: 500 }), &[], true).is_empty());
    }
}
