//! `paperboat tags`: every tag with its paper count.

use std::collections::HashMap;
use std::io::Write;

use super::{CliError, Status};
use crate::corpus::Corpus;

/// Namespaces in the order a reader scans them; others follow by name.
const NAMESPACE_ORDER: &[&str] = &["type", "task", "modality", "method"];

/// Prints `count  tag`, grouped by namespace, most used first.
pub fn run(corpus: &Corpus, out: &mut impl Write) -> Result<Status, CliError> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for paper in &corpus.papers {
        for tag in &paper.tags {
            *counts.entry(tag.as_str()).or_default() += 1;
        }
    }
    let mut rows: Vec<(&str, usize)> = counts.into_iter().collect();
    rows.sort_by_key(|&(tag, count)| {
        (
            namespace_rank(tag),
            namespace(tag),
            std::cmp::Reverse(count),
            tag,
        )
    });
    let mut last_namespace = None;
    for (tag, count) in rows {
        if last_namespace.is_some_and(|ns| ns != namespace(tag)) {
            writeln!(out)?;
        }
        last_namespace = Some(namespace(tag));
        writeln!(out, "{count:>5}  {tag}")?;
    }
    Ok(Status::Done)
}

fn namespace(tag: &str) -> &str {
    tag.split_once('/').map_or(tag, |(ns, _)| ns)
}

fn namespace_rank(tag: &str) -> usize {
    let ns = namespace(tag);
    NAMESPACE_ORDER
        .iter()
        .position(|n| *n == ns)
        .unwrap_or(NAMESPACE_ORDER.len())
}
