//! The native format read paper by paper from its text: the papers are
//! handed over a part at a time, so that a large file never has all of
//! them in memory at once beside its text. Every id the papers ask for is
//! read first (ids are assigned as for a file parsed whole). Any fault
//! sends the text through the whole-file parser instead, so that errors
//! read exactly as they always have.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::LoadError;
use super::fields::{RefusedLink, Title};
use super::native::{self, FORMAT, Native, PaperObject, VERSION};
use super::paper::Paper;
use super::sanitize::clean_line;
use super::slug::slug;
use super::span::RecordSpan;

/// Papers handed over at once.
const PART: usize = 4096;

/// A native corpus to be read paper by paper.
pub(crate) enum Parts<'a> {
    /// Its papers, one element each, with the ids they ask for.
    Elements {
        /// The `name` field, cleaned.
        name: String,
        /// The id each paper asks for, in order.
        wanted: Vec<String>,
        /// Each paper's text.
        elements: Vec<&'a RawValue>,
        /// Where the text starts in memory, for spans.
        base: usize,
    },
    /// Parsed whole (the text had a fault somewhere, or an unusual shape).
    Whole(Native),
}

/// One part of the papers: each with its span in the text, and the links
/// left out (with their paper's index in the corpus).
pub(crate) type Part = (Vec<(Paper, RecordSpan)>, Vec<(usize, RefusedLink)>);

#[derive(Deserialize)]
struct Holder<'a> {
    format: Option<String>,
    version: Option<u32>,
    name: Option<String>,
    #[serde(borrow)]
    papers: Vec<&'a RawValue>,
}

/// What a paper asks to be called.
#[derive(Deserialize)]
struct Wanted {
    id: Option<String>,
    title: Title,
}

/// Prepares native corpus text (without a BOM) to be read paper by paper;
/// the error is the whole-file parser's.
pub(crate) fn parts<'a>(bytes: &'a [u8], file: &str) -> Result<Parts<'a>, LoadError> {
    match elements(bytes) {
        Some(parts) => Ok(parts),
        None => native::parse(bytes, file).map(Parts::Whole),
    }
}

/// The elements, when the text is a well-formed corpus of this version
/// whose every paper has a title.
fn elements(bytes: &[u8]) -> Option<Parts<'_>> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
    let holder = if *first == b'[' {
        Holder {
            format: None,
            version: None,
            name: None,
            papers: serde_json::from_slice(bytes).ok()?,
        }
    } else {
        serde_json::from_slice::<Holder>(bytes).ok()?
    };
    if holder.format.as_deref().is_some_and(|f| f != FORMAT)
        || holder.version.is_some_and(|v| v > VERSION)
    {
        return None;
    }
    let wanted = holder
        .papers
        .iter()
        .map(|raw| {
            let Wanted { id, title } = serde_json::from_str(raw.get()).ok()?;
            Some(match id.as_deref().map(clean_line) {
                Some(id) if !id.is_empty() => id,
                _ => slug(&title.0),
            })
        })
        .collect::<Option<Vec<String>>>()?;
    Some(Parts::Elements {
        name: holder.name.as_deref().map(clean_line).unwrap_or_default(),
        wanted,
        elements: holder.papers,
        base: bytes.as_ptr() as usize,
    })
}

impl Parts<'_> {
    /// How many papers there are.
    pub(crate) fn len(&self) -> usize {
        match self {
            Parts::Elements { elements, .. } => elements.len(),
            Parts::Whole(native) => native.papers.len(),
        }
    }

    /// Papers `from..` (at most a part's worth), or `None` when one of
    /// them has a fault (the whole-file parser then says which).
    pub(crate) fn part(&self, from: usize) -> Option<Part> {
        let Parts::Elements { elements, base, .. } = self else {
            return None;
        };
        let to = (from + PART).min(elements.len());
        let mut objects = Vec::with_capacity(to - from);
        let mut spans = Vec::with_capacity(to - from);
        for raw in &elements[from..to] {
            objects.push(serde_json::from_str::<PaperObject>(raw.get()).ok()?);
            spans.push(RecordSpan {
                at: (raw.get().as_ptr() as usize - base) as u64,
                len: raw.get().len() as u64,
            });
        }
        let (papers, refused) = native::finish(objects, from);
        Some((papers.into_iter().zip(spans).collect(), refused))
    }
}
