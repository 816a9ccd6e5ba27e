//! What a library knows of a paper beyond the corpus fields of PRODUCT.md
//! section 2: where it came from and when it entered, its arXiv and DOI
//! identity and versions, and what Hugging Face adds (AI summary, stars,
//! comments). Every field is optional, written only when known, and read
//! from any native corpus, so a library segment is a plain corpus file.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::date::Date;
use super::sanitize::{clean_line, clean_text};

/// The library fields of a paper (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    /// The arXiv id without its version (`2505.47796`, `hep-th/9901001`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arxiv_id: Option<String>,
    /// The DOI, without `https://doi.org/`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// The newest version known (arXiv `vN`, medRxiv's version).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    /// Each version with the day it appeared, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<Version>,
    /// arXiv categories (`cs.CV`), or the medRxiv/bioRxiv category.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// arXiv's journal reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal_ref: Option<String>,
    /// The licence, as the source names it (usually a URL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The authors' comments on arXiv (`12 pages, 4 figures`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    /// Hugging Face's AI-written summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai_summary: Option<String>,
    /// Hugging Face's AI-chosen keywords.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ai_keywords: Vec<String>,
    /// Stars of the paper's GitHub repository, as Hugging Face counts them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stars: Option<u32>,
    /// Comments on the paper's Hugging Face page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub num_comments: Option<u32>,
    /// The day the paper was on the Daily Papers feed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feed_day: Option<Date>,
    /// The sources it came from (`hf`, `arxiv`, `medrxiv`, `biorxiv`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// When it entered the library.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added: Option<Instant>,
    /// Withdrawn: this record removes the paper from a library.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

/// One version of a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// Its number, from 1.
    pub version: u32,
    /// The day it appeared.
    pub date: Option<Date>,
}

impl Meta {
    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        *self == Meta::default()
    }

    /// The newest version known, from `version` or the version history.
    pub fn newest_version(&self) -> Option<u32> {
        let listed = self.versions.iter().map(|v| v.version);
        listed.chain(self.version).max()
    }

    /// Every text made safe to show and search, as corpus text is (PRODUCT.md
    /// section 2), empty texts dropped: whatever a file or a service wrote.
    pub fn cleaned(mut self) -> Meta {
        let line = |text: &mut Option<String>| {
            *text = text.as_deref().map(clean_line).filter(|t| !t.is_empty());
        };
        line(&mut self.arxiv_id);
        line(&mut self.doi);
        line(&mut self.journal_ref);
        line(&mut self.license);
        line(&mut self.comments);
        self.ai_summary = self
            .ai_summary
            .as_deref()
            .map(clean_text)
            .filter(|t| !t.is_empty());
        for list in [
            &mut self.categories,
            &mut self.ai_keywords,
            &mut self.sources,
        ] {
            let mut cleaned: Vec<String> = Vec::with_capacity(list.len());
            for text in list.iter().map(|t| clean_line(t)) {
                if !text.is_empty() && !cleaned.contains(&text) {
                    cleaned.push(text);
                }
            }
            *list = cleaned;
        }
        self.versions.sort_by_key(|v| v.version);
        self.versions.dedup_by_key(|v| v.version);
        if self.version.is_none() {
            self.version = self.versions.last().map(|v| v.version);
        }
        self
    }

    /// Adds a source, once.
    pub fn add_source(&mut self, source: &str) {
        if !self.sources.iter().any(|s| s == source) {
            self.sources.push(source.to_string());
        }
    }
}

/// A moment, to the second, written as RFC 3339 in UTC
/// (`2025-12-06T07:12:03Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant {
    /// Seconds since the Unix epoch.
    pub secs: u64,
}

impl Instant {
    /// Now.
    pub fn now() -> Instant {
        Instant::of(SystemTime::now())
    }

    /// `time`, to the second (the epoch for times before it).
    pub fn of(time: SystemTime) -> Instant {
        let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Instant { secs }
    }

    /// Parses RFC 3339 (`2025-12-06T07:12:03Z`; a fraction and an offset
    /// such as `+01:00` allowed).
    pub fn parse(text: &str) -> Option<Instant> {
        let date = Date::parse(text.get(..10)?)?;
        let rest = text.get(10..)?.strip_prefix(['T', 't', ' '])?;
        let number = |at: usize| -> Option<u64> {
            let s = rest.get(at..at + 2)?;
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())?
        };
        let (h, m, s) = (number(0)?, number(3)?, number(6)?);
        if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" || h > 23 || m > 59 || s > 60 {
            return None;
        }
        let mut zone = rest.get(8..)?;
        if let Some(fraction) = zone.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            zone = fraction.get(digits.max(1)..)?;
        }
        let offset: i64 = match zone {
            "Z" | "z" => 0,
            _ => {
                let sign = match zone.get(..1)? {
                    "+" => 1,
                    "-" => -1,
                    _ => return None,
                };
                let (oh, om) = (zone.get(1..3)?, zone.get(4..6)?);
                if zone.len() != 6 || zone.get(3..4)? != ":" {
                    return None;
                }
                sign * (oh.parse::<i64>().ok()? * 3600 + om.parse::<i64>().ok()? * 60)
            }
        };
        let days = date.days();
        let secs = days * 86_400 + (h * 3600 + m * 60 + s) as i64 - offset;
        u64::try_from(secs).ok().map(|secs| Instant { secs })
    }

    /// The time it names.
    pub fn time(self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.secs)
    }

    /// The calendar day, in UTC.
    pub fn date(self) -> Option<Date> {
        let text = self.to_string();
        Date::parse(text.get(..10)?)
    }
}

impl std::fmt::Display for Instant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", humantime::format_rfc3339_seconds(self.time()))
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Instant::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "expected a time like `2025-12-06T07:12:03Z`, found `{}`",
                clean_line(&text)
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_round_trip_as_rfc3339() {
        let t = Instant::parse("2025-12-06T07:12:03Z").unwrap();
        assert_eq!(t.to_string(), "2025-12-06T07:12:03Z");
        assert_eq!(t.date(), Date::parse("2025-12-06"));
        let with_offset = Instant::parse("2025-12-06T08:12:03+01:00").unwrap();
        assert_eq!(with_offset, t);
        assert_eq!(
            Instant::parse("2025-12-06T07:12:03.250Z").unwrap().secs,
            t.secs
        );
        assert_eq!(Instant::parse("yesterday"), None);
        assert_eq!(Instant::parse("2025-12-06"), None);
    }

    #[test]
    fn cleaning_makes_text_safe_and_drops_the_empty() {
        let meta = Meta {
            comments: Some("12 pages\u{1b}[31m".into()),
            ai_summary: Some("  ".into()),
            categories: vec!["cs.CV".into(), "cs.CV".into(), "\u{202e}x".into()],
            versions: vec![
                Version {
                    version: 2,
                    date: None,
                },
                Version {
                    version: 1,
                    date: None,
                },
            ],
            ..Meta::default()
        }
        .cleaned();
        assert_eq!(meta.comments.as_deref(), Some("12 pages\u{fffd}[31m"));
        assert_eq!(meta.ai_summary, None);
        assert_eq!(meta.categories, ["cs.CV", "\u{fffd}x"]);
        assert_eq!(meta.version, Some(2));
        assert_eq!(meta.versions[0].version, 1);
    }
}
