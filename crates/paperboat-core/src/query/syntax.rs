//! The query language in brief, for `search --help` and the reader's help
//! overlay: one table, so that the two never differ. `docs/queries.md` has the
//! long form.

/// Each kind of clause with an example, and what it means.
pub const SYNTAX: &[(&str, &str)] = &[
    ("mamba seg", "all must match (fuzzy, typos forgiven)"),
    ("a | b", "either"),
    ("!word  !tag:ct", "not"),
    ("'exact  \"a phrase\"", "exact, abstract included"),
    ("^start  end$", "title starts / ends with"),
    ("title: author: org:", "fuzzy within that field"),
    ("abstract:word", "substring of the abstract"),
    ("tag:ct  tag:modality/ct", "has that tag"),
    (
        "year:2024  year:>=2023",
        "published year (also date:2024-06)",
    ),
    ("upvotes:>=3  authors:<=5", "counts: N >N >=N <N <=N N..M"),
    (
        "has:code  is:read",
        "flags (has:links has:date is:bookmarked)",
    ),
    (
        "is:new  added:>=2025-12",
        "new since the last visit; entered then",
    ),
    ("is:updated", "bookmarked, with a newer version"),
    ("has:pdf  body:word", "PDF on disk; a word of its full text"),
    ("similar:ID", "most like paper ID (or similar:bookmarks)"),
    ("sort:date  sort:-upvotes", "order; - reverses"),
];

/// The table as plain text lines, examples in one column.
pub fn lines() -> Vec<String> {
    let width = SYNTAX
        .iter()
        .map(|(e, _)| e.chars().count())
        .max()
        .unwrap_or(0);
    SYNTAX
        .iter()
        .map(|(example, meaning)| format!("{example:<width$}  {meaning}"))
        .collect()
}

/// The text `search --help` ends with.
pub fn help() -> String {
    let mut text = String::from("Query syntax:\n");
    for line in lines() {
        text.push_str("  ");
        text.push_str(&line);
        text.push('\n');
    }
    text
}
