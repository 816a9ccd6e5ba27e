//! The facet clauses of a query's text as the facets panel reads and
//! writes them. Within one group entries combine with OR, across groups
//! with AND: picking 2024 and 2025 writes `year:2024..2025`, picking two
//! tasks `tag:task/a | tag:task/b`. A group's clauses are one *unit*: a
//! word, or words joined by `|`, each a facet clause of that group. A
//! clause typed by hand counts as well (`tag:mri` selects
//! `modality/mri`), and toggling its entry edits it rather than adding
//! another.

pub use super::facets::UNDATED;
use super::facets::{Entry, GROUPS};
use super::tokens::tokens;
/// The most years a typed range is spelled out into when it is edited.
const LONGEST_RANGE: u16 = 500;

/// What one facet clause names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    /// A tag, lowercase; without a namespace it names every namespace's.
    Tag {
        namespace: Option<String>,
        name: String,
    },
    /// The years from the first to the second, both in.
    Years(u16, u16),
    Undated,
    Code,
    /// `is:read` (true) or `!is:read`.
    Read(bool),
}

fn named(word: &str) -> Option<Named> {
    if let Some(tag) = word.strip_prefix("tag:") {
        let tag = tag.to_lowercase();
        return match tag.split_once('/') {
            Some((ns, name)) if !ns.is_empty() && !name.is_empty() => Some(Named::Tag {
                namespace: Some(ns.to_string()),
                name: name.to_string(),
            }),
            None if !tag.is_empty() => Some(Named::Tag {
                namespace: None,
                name: tag,
            }),
            _ => None,
        };
    }
    if let Some(years) = word.strip_prefix("year:") {
        let year = |s: &str| {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        return match years.split_once("..") {
            Some((a, b)) => Some(Named::Years(year(a)?, year(b)?))
                .filter(|n| matches!(n, Named::Years(a, b) if a <= b && b - a <= LONGEST_RANGE)),
            None => year(years).map(|y| Named::Years(y, y)),
        };
    }
    match word {
        UNDATED => Some(Named::Undated),
        "has:code" => Some(Named::Code),
        "is:read" => Some(Named::Read(true)),
        "!is:read" => Some(Named::Read(false)),
        _ => None,
    }
}

/// Whether `named` covers `entry`.
fn covers(named: &Named, entry: &Entry) -> bool {
    match named {
        Named::Tag { namespace, name } => {
            let Some(tag) = entry.clause.strip_prefix("tag:") else {
                return false;
            };
            let tag = tag.to_lowercase();
            let (ns, n) = tag.split_once('/').unwrap_or(("", &tag));
            n == name && namespace.as_deref().is_none_or(|want| want == ns)
        }
        Named::Years(a, b) => entry
            .clause
            .strip_prefix("year:")
            .and_then(|y| y.parse::<u16>().ok())
            .is_some_and(|y| (*a..=*b).contains(&y)),
        Named::Undated => entry.clause == UNDATED,
        Named::Code => entry.clause == "has:code",
        Named::Read(true) => entry.clause == "is:read",
        Named::Read(false) => entry.clause == "!is:read",
    }
}

/// The group a clause belongs to, given every entry of the panel.
fn group_of(named: &Named, entries: &[Entry]) -> Option<&'static str> {
    match named {
        Named::Years(..) | Named::Undated => Some("Year"),
        Named::Code => Some("Code"),
        Named::Read(_) => Some("Read"),
        Named::Tag {
            namespace: Some(ns),
            ..
        } => GROUPS
            .iter()
            .find(|(_, n)| *n == Some(ns.as_str()))
            .map(|(g, _)| *g),
        Named::Tag {
            namespace: None, ..
        } => {
            let mut groups = entries.iter().filter(|e| covers(named, e)).map(|e| e.group);
            let first = groups.next()?;
            groups.all(|g| g == first).then_some(first)
        }
    }
}

/// One group's clauses in the text: where they lie and what they name.
#[derive(Debug)]
struct Unit {
    group: &'static str,
    /// Byte range in the text, from the first clause to the last.
    span: std::ops::Range<usize>,
    members: Vec<Named>,
}

/// Every unit of `text`: each word, or words joined by `|`, whose every
/// clause is a facet clause of one group.
fn units(text: &str, entries: &[Entry]) -> Vec<Unit> {
    let tokens = tokens(text);
    let mut units = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // The chain `a | b | c` from token i.
        let mut end = i;
        while end + 2 < tokens.len() && &text[tokens[end + 1].clone()] == "|" {
            end += 2;
        }
        let members: Option<Vec<Named>> = (i..=end)
            .step_by(2)
            .map(|t| named(&text[tokens[t].clone()]))
            .collect();
        let group = members.as_ref().and_then(|members| {
            let mut groups = members.iter().map(|m| group_of(m, entries));
            let first = groups.next()??;
            groups.all(|g| g == Some(first)).then_some(first)
        });
        if let (Some(group), Some(members)) = (group, members) {
            units.push(Unit {
                group,
                span: tokens[i].start..tokens[end].end,
                members,
            });
        }
        i = end + 1;
    }
    units
}

/// Whether `entry`'s clause is in `text`, typed or toggled, within a unit
/// of its group.
pub fn selected(text: &str, entry: &Entry, entries: &[Entry]) -> bool {
    is_picked(&units(text, entries), entry)
}

/// For each of `entries`, whether `text` selects it: the text read once
/// for the whole panel.
pub fn picked(text: &str, entries: &[Entry]) -> Vec<bool> {
    let units = units(text, entries);
    entries.iter().map(|e| is_picked(&units, e)).collect()
}

fn is_picked(units: &[Unit], entry: &Entry) -> bool {
    units
        .iter()
        .any(|u| u.group == entry.group && u.members.iter().any(|m| covers(m, entry)))
}

/// The groups that have a unit in `text`.
pub fn groups_in(text: &str, entries: &[Entry]) -> Vec<&'static str> {
    let mut groups: Vec<&'static str> = units(text, entries).iter().map(|u| u.group).collect();
    groups.dedup();
    groups
}

/// `text` without the units of `group` (all groups when `None`), the rest
/// as typed.
pub fn without_group(text: &str, group: Option<&str>, entries: &[Entry]) -> String {
    let spans: Vec<_> = units(text, entries)
        .into_iter()
        .filter(|u| group.is_none_or(|g| g == u.group))
        .map(|u| u.span)
        .collect();
    splice(text, &spans, |_| String::new())
}

/// `text` with `entry` toggled: taken out of the unit that selects it
/// (its other clauses kept), else put into its group's unit (OR), else
/// appended as a unit of its own.
pub fn toggle(text: &str, entry: &Entry, entries: &[Entry]) -> String {
    let units = units(text, entries);
    let own: Vec<&Unit> = units.iter().filter(|u| u.group == entry.group).collect();
    let holding = own
        .iter()
        .find(|u| u.members.iter().any(|m| covers(m, entry)));
    let Some(unit) = holding.or(own.first()) else {
        let mut out = text.trim_end().to_string();
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&entry.clause);
        return out;
    };
    let mut atoms = atoms(&unit.members, entries);
    let atom = atom_of(entry);
    if holding.is_some() {
        atoms.retain(|a| *a != atom);
    } else {
        atoms.push(atom);
    }
    let written = write(&atoms);
    splice(text, std::slice::from_ref(&unit.span), |_| written.clone())
}

/// One selected entry, as a unit holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Atom {
    /// A tag's clause as the panel writes it (`tag:task/vqa`).
    Tag(String),
    Year(u16),
    Undated,
    Code,
    /// A clause kept as written (`is:read`).
    Clause(String),
}

fn atom_of(entry: &Entry) -> Atom {
    match named(&entry.clause) {
        Some(Named::Years(y, _)) => Atom::Year(y),
        Some(Named::Undated) => Atom::Undated,
        Some(Named::Code) => Atom::Code,
        Some(Named::Read(_)) => Atom::Clause(entry.clause.clone()),
        _ => Atom::Tag(entry.clause.clone()),
    }
}

/// The entries a unit's clauses select, spelled out: a bare tag name
/// becomes the tags it names, a range its years.
fn atoms(members: &[Named], entries: &[Entry]) -> Vec<Atom> {
    let mut atoms = Vec::new();
    let mut add = |atom: Atom| {
        if !atoms.contains(&atom) {
            atoms.push(atom);
        }
    };
    for member in members {
        match member {
            Named::Years(a, b) => (*a..=*b).for_each(|y| add(Atom::Year(y))),
            Named::Undated => add(Atom::Undated),
            Named::Code => add(Atom::Code),
            Named::Read(true) => add(Atom::Clause("is:read".into())),
            Named::Read(false) => add(Atom::Clause("!is:read".into())),
            Named::Tag { .. } => entries
                .iter()
                .filter(|e| covers(member, e))
                .for_each(|e| add(Atom::Tag(e.clause.clone()))),
        }
    }
    atoms
}

/// A unit's text: tags in their order, then years ascending with runs as
/// ranges, then the undated entry, joined by ` | `.
fn write(atoms: &[Atom]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for atom in atoms {
        match atom {
            Atom::Tag(clause) => parts.push(clause.clone()),
            Atom::Code => parts.push("has:code".into()),
            Atom::Clause(clause) => parts.push(clause.clone()),
            _ => {}
        }
    }
    let mut years: Vec<u16> = atoms
        .iter()
        .filter_map(|a| match a {
            Atom::Year(y) => Some(*y),
            _ => None,
        })
        .collect();
    years.sort_unstable();
    let mut i = 0;
    while i < years.len() {
        let mut j = i;
        while j + 1 < years.len() && years[j + 1] == years[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            format!("year:{}", years[i])
        } else {
            format!("year:{}..{}", years[i], years[j])
        });
        i = j + 1;
    }
    if atoms.contains(&Atom::Undated) {
        parts.push(UNDATED.into());
    }
    parts.join(" | ")
}

/// `text` with each span replaced (an emptied span takes a space beside
/// it along, so that no double space is left).
fn splice(
    text: &str,
    spans: &[std::ops::Range<usize>],
    replace: impl Fn(&str) -> String,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        let replacement = replace(&text[span.clone()]);
        let mut start = span.start;
        let mut end = span.end;
        if replacement.is_empty() {
            if text[end..].starts_with(' ') {
                end += 1;
            } else if start > at && text[..start].ends_with(' ') {
                start -= 1;
            }
        }
        out.push_str(&text[at..start]);
        out.push_str(&replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    // Nothing left at either end that the text did not have.
    if !text.ends_with(' ') {
        out.truncate(out.trim_end().len());
    }
    if !text.starts_with(' ') {
        out = out.trim_start().to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(group: &'static str, clause: &str) -> Entry {
        Entry {
            group,
            label: clause.to_string(),
            clause: clause.to_string(),
            count: 1,
        }
    }

    fn entries() -> Vec<Entry> {
        vec![
            entry("Task", "tag:task/segmentation"),
            entry("Task", "tag:task/vqa"),
            entry("Modality", "tag:modality/mri"),
            entry("Modality", "tag:modality/ct"),
            entry("Category", "tag:arxiv/cs.LG"),
            entry("Year", "year:2025"),
            entry("Year", "year:2024"),
            entry("Year", "year:2023"),
            entry("Year", UNDATED),
            entry("Code", "has:code"),
        ]
    }

    fn toggled(text: &str, clause: &str) -> String {
        let all = entries();
        let e = all.iter().find(|e| e.clause == clause).unwrap();
        toggle(text, e, &all)
    }

    #[test]
    fn within_a_group_entries_join_with_or_across_groups_with_and() {
        let t = toggled("mamba", "year:2024");
        assert_eq!(t, "mamba year:2024");
        let t = toggled(&t, "year:2025");
        assert_eq!(t, "mamba year:2024..2025");
        let t = toggled(&t, "tag:task/vqa");
        assert_eq!(t, "mamba year:2024..2025 tag:task/vqa");
        let t = toggled(&t, "tag:task/segmentation");
        assert_eq!(
            t,
            "mamba year:2024..2025 tag:task/vqa | tag:task/segmentation"
        );
        let t = toggled(&t, "year:2024");
        assert_eq!(t, "mamba year:2025 tag:task/vqa | tag:task/segmentation");
        let t = toggled(&t, "year:2023");
        assert_eq!(
            t,
            "mamba year:2023 | year:2025 tag:task/vqa | tag:task/segmentation"
        );
        let t = toggled(&t, UNDATED);
        assert_eq!(
            t,
            "mamba year:2023 | year:2025 | !has:date tag:task/vqa | tag:task/segmentation"
        );
        let t = toggled(&t, "tag:task/vqa");
        assert_eq!(
            t,
            "mamba year:2023 | year:2025 | !has:date tag:task/segmentation"
        );
        assert_eq!(
            without_group(&t, Some("Year"), &entries()),
            "mamba tag:task/segmentation"
        );
        assert_eq!(without_group(&t, None, &entries()), "mamba");
        assert!(crate::query::parse(&t).is_ok());
    }

    #[test]
    fn typed_clauses_select_their_entries_and_toggling_edits_them() {
        let all = entries();
        let mri = all.iter().find(|e| e.clause == "tag:modality/mri").unwrap();
        for typed in ["tag:mri", "tag:modality/mri", "tag:MRI", "x tag:mri y"] {
            assert!(selected(typed, mri, &all), "{typed}");
        }
        assert!(
            !selected("!tag:mri", mri, &all),
            "a negation selects nothing"
        );
        assert!(!selected("tag:mri | mamba", mri, &all), "not a facet unit");
        assert_eq!(toggled("x tag:mri y", "tag:modality/mri"), "x y");
        assert_eq!(
            toggled("tag:mri", "tag:modality/ct"),
            "tag:modality/mri | tag:modality/ct"
        );
        let cs = all.iter().find(|e| e.clause == "tag:arxiv/cs.LG").unwrap();
        assert!(selected("tag:cs.lg", cs, &all));
        let y2024 = all.iter().find(|e| e.clause == "year:2024").unwrap();
        assert!(selected("year:2023..2025", y2024, &all));
        assert_eq!(
            toggled("year:2023..2025", "year:2024"),
            "year:2023 | year:2025"
        );
        assert!(
            !selected("year:>=2023", y2024, &all),
            "comparisons are typed text"
        );
    }
}
