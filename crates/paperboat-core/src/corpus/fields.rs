//! Field types shared by the format readers: each validates while it is
//! deserialized, so a failing record's error carries the field's path.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer};

use super::paper::{Link, LinkKind};
use super::sanitize::{clean_line, clean_text};

/// A string borrowed from the input when it has no escapes, owned otherwise
/// (serde's own `Cow` inside an `Option` always copies).
pub struct Text<'a>(pub Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// A one-line text field, cleaned as it is read ([`clean_line`]): escaped
/// text is cleaned straight from serde's buffer, without a copy first.
pub struct Line(pub String);

impl<'de> Deserialize<'de> for Line {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(CleanVisitor(clean_line)).map(Line)
    }
}

/// A multi-paragraph text field, cleaned as it is read ([`clean_text`]).
pub struct Paragraphs(pub String);

/// A text field that must be a string, as [`Paragraphs`] must, but whose
/// text is not kept: a first read that keeps only the headlines skips
/// the cleaning and the copy of the abstracts, most of a corpus's bytes.
pub struct Unread;

impl<'de> Deserialize<'de> for Unread {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Unread;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Unread, E> {
                Ok(Unread)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// An abstract as a record type reads it: kept, or checked only.
pub trait AbstractText {
    /// The text kept (empty when only checked).
    fn into_text(self) -> String;
}

impl AbstractText for Paragraphs {
    fn into_text(self) -> String {
        self.0
    }
}

impl AbstractText for Unread {
    fn into_text(self) -> String {
        String::new()
    }
}

impl<'de> Deserialize<'de> for Paragraphs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(CleanVisitor(clean_text)).map(Paragraphs)
    }
}

struct CleanVisitor(fn(&str) -> String);

impl serde::de::Visitor<'_> for CleanVisitor {
    type Value = String;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        Ok((self.0)(v))
    }
}

/// A title, cleaned as it is read: a string with something other than
/// white space in it.
pub struct Title(pub String);

impl<'de> Deserialize<'de> for Title {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let Line(text) = Line::deserialize(d)?;
        if text.is_empty() {
            return Err(serde::de::Error::custom("expected a non-empty title"));
        }
        Ok(Title(text))
    }
}

/// A non-negative integer that fits in `u32`.
pub struct Count(pub u32);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a non-negative integer")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Count, E> {
                u32::try_from(v).map(Count).map_err(|_| {
                    E::custom(format!(
                        "expected a non-negative integer below 2^32, found {v}"
                    ))
                })
            }
        }
        d.deserialize_u64(Visitor)
    }
}

/// Keeps the first of equal items, in order.
pub fn dedup<T: Eq + std::hash::Hash + Clone>(items: &mut Vec<T>) {
    if items.len() < 2 {
        return;
    }
    // Most lists are short: comparing beats hashing and allocating.
    if items.len() <= 16 {
        let mut kept = 1;
        for i in 1..items.len() {
            if !items[..kept].contains(&items[i]) {
                items.swap(kept, i);
                kept += 1;
            }
        }
        items.truncate(kept);
        return;
    }
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    items.retain(|t| seen.insert(t.clone()));
}

/// A JSON object deserialized as `T`: serde's derive would also take an
/// array positionally, which gives confusing errors for a plainly wrong record.
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = Object<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Object<T>, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Object)
            }
        }
        d.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

/// A paper with the links that had to be left out of it.
pub struct Checked {
    /// The paper.
    pub paper: super::paper::Paper,
    /// Links of the record that may not be opened.
    pub refused: Vec<RefusedLink>,
}

/// A link left out of a paper because it may not be opened (PRODUCT.md
/// section 6): a corpus never carries a link the reader would refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedLink {
    /// The field it came from within the record (`links[2]`, `doi`).
    pub field: String,
    /// The URL, cleaned and clipped, for the message.
    pub url: String,
    /// Why it was refused.
    pub reason: crate::corpus::links::Refusal,
}

impl RefusedLink {
    /// `FILE: WHERE.FIELD: refused `URL`: REASON`, where `at` locates the
    /// record (`papers[3]`, `12` for a line).
    pub fn message(&self, file: &str, at: &str) -> String {
        clean_line(&format!(
            "{file}: {at}.{}: refused `{}`: {}",
            self.field, self.url, self.reason
        ))
    }
}

/// The link to `url` (with `kind`, or classified from the URL) when it may
/// be opened; otherwise it is added to `refused`, with the field that
/// `field` names. Empty text is no link at all, and not counted.
pub fn link(
    url: &str,
    kind: Option<LinkKind>,
    field: impl FnOnce() -> String,
    refused: &mut Vec<RefusedLink>,
) -> Option<Link> {
    let url = clean_line(url);
    if url.is_empty() {
        return None;
    }
    match crate::corpus::links::validate(&url) {
        Ok(_) => Some(match kind {
            Some(kind) => Link { kind, url },
            None => Link::classified(url),
        }),
        Err(reason) => {
            // Shown with its invisible characters made visible: the
            // message must not show the link as the one it pretends to be.
            let shown: String = url
                .chars()
                .map(|c| {
                    if crate::corpus::links::is_invisible(c) {
                        super::sanitize::REPLACEMENT
                    } else {
                        c
                    }
                })
                .collect();
            refused.push(RefusedLink {
                field: field(),
                url: super::sanitize::clip(&shown, super::sanitize::QUOTED).into_owned(),
                reason,
            });
            None
        }
    }
}
