//! What a paper is cited as: the part of a citation a bookmark keeps.

use serde::{Deserialize, Serialize};

use super::{ids, key};
use crate::corpus::Paper;
use crate::corpus::sanitize::clean_line_owned;

/// What a paper is cited as, apart from its title and links: what a
/// bookmark keeps, so that its export reads the same from any corpus.
/// A `cite` with fields this version does not know (a newer one's) is
/// not read as one: the store keeps it as written instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cited {
    /// The citation key, before clashes within one listing are settled.
    pub key: String,
    /// Author names, as the corpus gives them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// 1..=12.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// The arXiv id, without version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arxiv: Option<String>,
    /// arXiv's primary category (`cs.CV`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_class: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
}

impl Cited {
    /// What `paper` is cited as.
    pub fn of(paper: &Paper) -> Cited {
        let arxiv = ids::arxiv_id(&paper.id, &paper.links);
        // Without a date, an arXiv id still says the month it was issued.
        let (year, month) = match paper.published {
            Some(d) => (Some(d.year), Some(d.month)),
            None => arxiv
                .as_deref()
                .and_then(ids::arxiv_month)
                .map_or((None, None), |(y, m)| (Some(y), Some(m))),
        };
        Cited {
            key: key::base(&paper.authors, &paper.title, year),
            authors: paper.authors.clone(),
            year,
            month,
            arxiv,
            primary_class: ids::primary_class(&paper.tags),
            doi: ids::doi(&paper.links),
        }
    }

    /// As read from a file a hostile hand may have written: text fields
    /// cleaned as corpus text is, a key of key characters only (none at
    /// all when nothing is left), and dates that exist.
    pub fn cleaned(self) -> Option<Cited> {
        let key: String = self
            .key
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        if key.is_empty() {
            return None;
        }
        let line =
            |text: Option<String>| text.map(clean_line_owned).filter(|t| !t.trim().is_empty());
        Some(Cited {
            key,
            authors: self
                .authors
                .into_iter()
                .map(clean_line_owned)
                .filter(|a| !a.trim().is_empty())
                .collect(),
            year: self.year.filter(|y| (1000..=9999).contains(y)),
            month: self.month.filter(|m| (1..=12).contains(m)),
            arxiv: line(self.arxiv),
            primary_class: line(self.primary_class),
            doi: line(self.doi),
        })
    }
}
