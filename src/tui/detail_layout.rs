//! The detail pane's lines for one paper at one width, wrapped once and
//! kept: a frame then builds only the lines it shows, so drawing the pane
//! costs the same for a 1 KB abstract as for a 100 MB one, and scrolling
//! is bounded by a count rather than by laying the text out again.

use std::ops::Range;
use std::sync::Arc;

use crate::corpus::Paper;
use crate::store::bookmarks::Bookmark;
use crate::store::bookmarks::versions::VersionChange;

use super::wrap::wrap;

/// What the pane shows, line by line, as ranges of the paper's text (or of
/// the few texts made for it), with the ranges to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailLayout {
    /// What the layout was made for; another key means another layout.
    pub key: LayoutKey,
    /// The lines, top to bottom.
    pub lines: Vec<DetailLine>,
    /// Texts made for the pane (facts, the bookmark, authors, tags).
    pub texts: Vec<String>,
    /// Byte ranges of each text matched by the query (authors and tags).
    pub text_marks: Vec<Vec<Range<usize>>>,
    /// Byte ranges of the title matched by the query.
    pub title_marks: Vec<Range<usize>>,
    /// Byte ranges of the abstract matched by the query.
    pub abstract_marks: Vec<Range<usize>>,
    /// The paper laid out: kept with its layout, so that drawing a frame
    /// never reads a record from the corpus file again.
    pub paper: Arc<Paper>,
}

impl DetailLayout {
    /// The line that holds the abstract's first match, if any.
    pub fn first_mark_line(&self) -> Option<usize> {
        let first = self.abstract_marks.first()?.start;
        self.lines.iter().position(|line| match line {
            DetailLine::Abstract(range) => range.end > first,
            _ => false,
        })
    }
}

/// Everything a layout depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutKey {
    /// The paper's index in the corpus (or among the bookmarks not in it).
    pub paper: usize,
    /// The paper is known only from a bookmark.
    pub orphan: bool,
    /// The pane's inner width.
    pub width: u16,
    /// Changes whenever the query whose matches are highlighted does.
    pub query: u64,
    /// Changes whenever the bookmarks do.
    pub bookmarks: u64,
    /// Changes whenever the PDFs' text is indexed again.
    pub bodies: usize,
    /// Laid out for the reading view: the abstract right under the title
    /// and the facts, then authors, tags and links.
    pub reading: bool,
}

/// One line of the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailLine {
    /// Nothing: a gap between sections.
    Blank,
    /// Bytes of the title.
    Title(Range<usize>),
    /// Bytes of one of the layout's texts, drawn as `kind`.
    Text {
        /// Index into [`DetailLayout::texts`].
        text: usize,
        /// Bytes of that text.
        range: Range<usize>,
        /// How it is drawn.
        kind: TextKind,
    },
    /// The paper's link with this index.
    Link(usize),
    /// Bytes of the abstract.
    Abstract(Range<usize>),
}

/// How a text line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// Date, authors or organization, upvotes.
    Facts,
    /// The note on a paper known only from a bookmark.
    Orphan,
    /// When it was bookmarked.
    Bookmarked,
    /// The bookmark's note.
    Note,
    /// Author names.
    Authors,
    /// Tags.
    Tags,
    /// Hugging Face's AI-written summary, labelled as such.
    Summary,
    /// Words of the paper's PDF around a match, with the page.
    Body,
}

/// What a layout is made of, besides the paper.
pub struct Parts<'a> {
    /// Character positions of the title to highlight.
    pub title_positions: &'a [usize],
    /// Byte ranges of the abstract to highlight.
    pub abstract_marks: Vec<Range<usize>>,
    /// Byte ranges of the authors, joined by `, `, to highlight.
    pub author_marks: Vec<Range<usize>>,
    /// Byte ranges of the tags, joined by two spaces, to highlight.
    pub tag_marks: Vec<Range<usize>>,
    /// The paper is known only from a bookmark.
    pub orphan: bool,
    /// Its bookmark, if any.
    pub bookmark: Option<&'a Bookmark>,
    /// The newer version of the bookmarked paper, when it has one.
    pub version_change: Option<VersionChange>,
    /// The words of its PDF around the query's first match there
    /// (`p. 3: …`), when the query matched its PDF's text.
    pub body: Option<crate::query::snippet::Snippet>,
}

impl DetailLayout {
    /// Lays `paper` out for `key.width` columns: one pass over its text.
    pub fn new(key: LayoutKey, paper: &Paper, mut parts: Parts) -> DetailLayout {
        let width = usize::from(key.width.max(1));
        let abstract_marks = std::mem::take(&mut parts.abstract_marks);
        let mut layout = DetailLayout {
            key,
            lines: Vec::new(),
            texts: Vec::new(),
            text_marks: Vec::new(),
            title_marks: char_marks(&paper.title, parts.title_positions),
            abstract_marks,
            paper: Arc::new(paper.clone()),
        };
        let lines = &mut layout.lines;
        lines.extend(wrap(&paper.title, width).into_iter().map(DetailLine::Title));
        lines.push(DetailLine::Blank);
        layout.push_text(facts(paper, parts.version_change), TextKind::Facts, width);
        if key.reading {
            // Reading: the abstract first, as a page would have it.
            layout.push_abstract(width);
            if !paper.abstract_text.is_empty() {
                layout.lines.push(DetailLine::Blank);
            }
            layout.push_about(paper, parts, width);
            layout.push_links();
        } else {
            layout.push_about(paper, parts, width);
            layout.push_links();
            layout.push_abstract(width);
        }
        layout
    }

    /// Adds what is known about the paper besides its facts: a bookmark
    /// and its note, the authors, the tags.
    fn push_about(&mut self, paper: &Paper, parts: Parts, width: usize) {
        if parts.orphan {
            let orphan = "not in this corpus: title and links kept by your bookmark";
            self.push_text(orphan.into(), TextKind::Orphan, width);
        }
        if let Some(bookmark) = parts.bookmark {
            let added = bookmark.added.get(..10).unwrap_or(&bookmark.added);
            self.push_text(format!("★ bookmarked {added}"), TextKind::Bookmarked, width);
            // A note keeps its line breaks: each line on its own, under `✎`.
            for (i, line) in bookmark.note.split('\n').enumerate() {
                if !bookmark.note.is_empty() {
                    let mark = if i == 0 { "✎ " } else { "  " };
                    self.push_text(format!("{mark}{line}"), TextKind::Note, width);
                }
            }
        }
        if !paper.authors.is_empty() {
            let authors = paper.authors.join(AUTHORS_SEPARATOR);
            self.push_marked(authors, TextKind::Authors, width, parts.author_marks);
        }
        if !paper.tags.is_empty() {
            let tags: Vec<&str> = paper.tags.iter().map(|t| t.as_str()).collect();
            self.push_marked(
                tags.join(TAGS_SEPARATOR),
                TextKind::Tags,
                width,
                parts.tag_marks,
            );
        }
        if let Some(body) = parts.body {
            let label = "in its PDF, ";
            let marks = body
                .marks
                .iter()
                .map(|m| m.start + label.len()..m.end + label.len())
                .collect();
            self.push_marked(
                format!("{label}{}", body.text),
                TextKind::Body,
                width,
                marks,
            );
        }
        if let Some(summary) = paper.meta.as_ref().and_then(|m| m.ai_summary.as_deref()) {
            // One paragraph: the summary is a line or two.
            let summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
            self.push_text(
                format!("AI summary (Hugging Face): {summary}"),
                TextKind::Summary,
                width,
            );
        }
    }

    /// Adds the numbered links, after a blank line.
    fn push_links(&mut self) {
        let count = self.paper.links.len();
        if count > 0 {
            self.lines.push(DetailLine::Blank);
            self.lines.extend((0..count).map(DetailLine::Link));
        }
    }

    /// Adds the abstract, each paragraph after a blank line.
    fn push_abstract(&mut self, width: usize) {
        let paper = Arc::clone(&self.paper);
        let text = &paper.abstract_text;
        let mut start = 0;
        while start < text.len() {
            let end = text[start..].find("\n\n").map_or(text.len(), |i| start + i);
            self.lines.push(DetailLine::Blank);
            let paragraph = wrap(&text[start..end], width);
            self.lines.extend(
                paragraph
                    .into_iter()
                    .map(|r| DetailLine::Abstract(start + r.start..start + r.end)),
            );
            start = end + 2;
        }
    }

    /// Adds `text`, wrapped, as lines of `kind`.
    fn push_text(&mut self, text: String, kind: TextKind, width: usize) {
        self.push_marked(text, kind, width, Vec::new());
    }

    /// Adds `text`, wrapped, as lines of `kind`, with the byte ranges
    /// `marks` of it highlighted.
    fn push_marked(
        &mut self,
        text: String,
        kind: TextKind,
        width: usize,
        marks: Vec<Range<usize>>,
    ) {
        let index = self.texts.len();
        self.lines.extend(
            wrap(&text, width)
                .into_iter()
                .map(|range| DetailLine::Text {
                    text: index,
                    range,
                    kind,
                }),
        );
        self.texts.push(text);
        self.text_marks.push(marks);
    }
}

/// Between authors in the pane.
pub const AUTHORS_SEPARATOR: &str = ", ";
/// Between tags in the pane.
pub const TAGS_SEPARATOR: &str = "  ";

/// `2024-10-16 · 9 authors · ▲ 3 · v2`; a bookmark's paper with a newer
/// version than the one kept says so: `v1 → v3 (2025-11-06)`.
fn facts(paper: &Paper, change: Option<VersionChange>) -> String {
    let mut facts = vec![
        paper
            .published
            .map_or("date unknown".to_string(), |d| d.to_string()),
    ];
    match (&paper.organization, paper.display_author_count()) {
        (Some(org), _) => facts.push(org.clone()),
        (None, 0) => {}
        (None, 1) => facts.push("1 author".into()),
        (None, n) => facts.push(format!("{n} authors")),
    }
    if let Some(n) = paper.upvotes {
        facts.push(format!("▲ {n}"));
    }
    if let Some(change) = change {
        facts.push(change.to_string());
    }
    if let Some(meta) = &paper.meta {
        if let Some(version) = meta.version.filter(|_| change.is_none()) {
            facts.push(format!("v{version}"));
        }
        let count = |n: u32, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{} {many}", crate::units::thousands(n as usize)),
        };
        if let Some(stars) = meta.stars {
            facts.push(count(stars, "star", "stars"));
        }
        if let Some(comments) = meta.num_comments {
            facts.push(count(comments, "comment", "comments"));
        }
    }
    facts.join(" · ")
}

/// Sorted character positions of `text` as byte ranges, runs merged.
/// Only the text up to the last position is looked at.
fn char_marks(text: &str, positions: &[usize]) -> Vec<Range<usize>> {
    let mut marks: Vec<Range<usize>> = Vec::new();
    let mut next = positions.iter().copied().peekable();
    for (i, (byte, c)) in text.char_indices().enumerate() {
        let Some(&p) = next.peek() else {
            break;
        };
        if p != i {
            continue;
        }
        next.next();
        let end = byte + c.len_utf8();
        match marks.last_mut() {
            Some(last) if last.end == byte => last.end = end,
            _ => marks.push(byte..end),
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(width: u16) -> LayoutKey {
        LayoutKey {
            paper: 0,
            orphan: false,
            width,
            query: 0,
            bookmarks: 0,
            bodies: 0,
            reading: false,
        }
    }

    fn parts() -> Parts<'static> {
        Parts {
            title_positions: &[],
            abstract_marks: Vec::new(),
            author_marks: Vec::new(),
            tag_marks: Vec::new(),
            orphan: false,
            bookmark: None,
            version_change: None,
            body: None,
        }
    }

    #[test]
    fn paragraphs_links_and_a_note_with_line_breaks() {
        let mut paper = Paper::titled("A Title That Wraps");
        paper.abstract_text = "First paragraph here.\n\nSecond one.".into();
        paper.links = vec![crate::corpus::Link::classified("https://github.com/a/b")];
        let bookmark = Bookmark {
            id: String::new(),
            title: String::new(),
            added: "2026-01-02T03:04:05Z".into(),
            note: "line one\nline two".into(),
            links: Vec::new(),
            cite: None,
            version: None,
        };
        let layout = DetailLayout::new(
            key(12),
            &paper,
            Parts {
                bookmark: Some(&bookmark),
                ..parts()
            },
        );
        assert_eq!(
            shown(&layout),
            [
                "A Title That",
                "Wraps",
                "",
                "date unknown",
                "★ bookmarked",
                "2026-01-02",
                "✎ line one",
                "  line two",
                "",
                "[0]",
                "",
                "First",
                "paragraph",
                "here.",
                "",
                "Second one."
            ]
        );
    }

    /// The layout's lines as text, links as `[i]`.
    fn shown(layout: &DetailLayout) -> Vec<String> {
        let paper = &layout.paper;
        layout
            .lines
            .iter()
            .map(|line| match line {
                DetailLine::Blank => String::new(),
                DetailLine::Title(r) => paper.title[r.clone()].to_string(),
                DetailLine::Text { text, range, .. } => layout.texts[*text][range.clone()].into(),
                DetailLine::Link(i) => format!("[{i}]"),
                DetailLine::Abstract(r) => paper.abstract_text[r.clone()].to_string(),
            })
            .collect()
    }

    #[test]
    fn the_reading_view_puts_the_abstract_under_the_facts() {
        let mut paper = Paper::titled("A Title");
        paper.abstract_text = "The abstract.".into();
        paper.authors = vec!["Ada".into(), "Bob".into()];
        paper.links = vec![crate::corpus::Link::classified("https://github.com/a/b")];
        let key = LayoutKey {
            reading: true,
            ..key(40)
        };
        let layout = DetailLayout::new(key, &paper, parts());
        assert_eq!(
            shown(&layout),
            [
                "A Title",
                "",
                "date unknown · 2 authors",
                "",
                "The abstract.",
                "",
                "Ada, Bob",
                "",
                "[0]"
            ]
        );
    }

    #[test]
    fn title_positions_become_byte_ranges() {
        assert_eq!(char_marks("état de", &[0, 1, 2, 5, 6]), [0..4, 6..8]);
        assert_eq!(char_marks("abc", &[]), Vec::<Range<usize>>::new());
    }

    #[test]
    fn a_huge_abstract_is_laid_out_in_one_pass() {
        let mut paper = Paper::titled("Big");
        paper.abstract_text = "word ".repeat(600_000).trim_end().to_string();
        let layout = DetailLayout::new(key(80), &paper, parts());
        let abstract_lines = layout
            .lines
            .iter()
            .filter(|l| matches!(l, DetailLine::Abstract(_)))
            .count();
        assert!(abstract_lines > 30_000, "{abstract_lines}");
    }
}
