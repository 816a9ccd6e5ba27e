//! What the Daily Papers and arXiv formats carry beyond a [`Paper`]: an arXiv
//! id, an abstract of a real paper's length, categories, versions, a DOI...
//! These come from a second random stream, so the papers themselves (titles,
//! authors, dates, upvotes, tags) are exactly those of the native format.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use paperboat::corpus::{Date, LinkKind, Paper};

use crate::generator::{self, Papers, Rng};

/// One paper with the fields of the richer formats.
pub struct Record {
    /// The paper as the native format has it.
    pub paper: Paper,
    /// `YYMM.NNNNN`, numbered in order within the month of the first version.
    pub arxiv_id: String,
    /// The abstract at a real paper's length (about 800–1200 bytes), one paragraph.
    pub summary: String,
    /// arXiv categories, the primary one first.
    pub categories: Vec<&'static str>,
    pub doi: Option<String>,
    pub journal_ref: Option<String>,
    pub comments: Option<String>,
    pub report_no: Option<String>,
    pub license: Option<&'static str>,
    /// The name of whoever submitted it, usually the first author.
    pub submitter: String,
    /// When each version was submitted, oldest first; never empty.
    pub versions: Vec<Timestamp>,
    /// The submitting organization as (handle, full name).
    pub organization: Option<(&'static str, &'static str)>,
    pub project_page: Option<String>,
    /// Keyword phrases as the Daily Papers listing shows them.
    pub keywords: Vec<&'static str>,
    pub num_comments: u32,
    /// Who posted it to the listing, as (handle, full name).
    pub posted_by: (&'static str, &'static str),
    /// Random bits for the writers' small choices (object ids, separators).
    pub style: u64,
}

/// The records of [`generator::papers`]`(count, seed)`, one at a time.
pub struct Records {
    papers: Papers,
    rng: Rng,
    /// Papers numbered so far in each month, for arXiv ids.
    numbered: HashMap<(u16, u8), u32>,
}

impl Records {
    pub fn new(count: usize, seed: u64) -> Records {
        Records {
            papers: Papers::new(count, seed),
            rng: Rng::new(seed ^ 0x9E37_79B9_7F4A_7C15),
            numbered: HashMap::new(),
        }
    }
}

impl Iterator for Records {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let paper = self.papers.next()?;
        Some(record(&mut self.rng, &mut self.numbered, paper))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.papers.size_hint()
    }
}

/// Calls `each` on the records of `Records::new(count, seed)` in order, each
/// first turned into what `each` needs by `prepare`. Generating and preparing
/// run on a second thread, so they overlap with writing; the first error
/// stops both.
pub fn for_each<T: Send, E>(
    count: usize,
    seed: u64,
    prepare: impl Fn(Record) -> T + Send,
    mut each: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    const BATCH: usize = 256;
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<T>>(8);
        scope.spawn(move || {
            let mut records = Records::new(count, seed);
            loop {
                let batch: Vec<T> = records.by_ref().take(BATCH).map(&prepare).collect();
                // An empty batch ends the corpus; a send fails when the writer stopped.
                if batch.is_empty() || sender.send(batch).is_err() {
                    return;
                }
            }
        });
        for batch in receiver {
            for item in batch {
                each(item)?;
            }
        }
        Ok(())
    })
}

const PRIMARY: &[&str] = &[
    "cs.CV",
    "cs.CV",
    "cs.CV",
    "cs.CV",
    "eess.IV",
    "eess.IV",
    "cs.LG",
    "cs.LG",
    "cs.CL",
    "cs.AI",
    "q-bio.QM",
    "physics.med-ph",
    "stat.ML",
];
const CROSS_LISTED: &[&str] = &[
    "cs.LG",
    "cs.AI",
    "eess.IV",
    "cs.CV",
    "stat.ML",
    "q-bio.QM",
    "physics.med-ph",
    "cs.CL",
    "q-bio.TO",
    "eess.SP",
    "cs.IR",
    "q-bio.NC",
    "cs.HC",
];
const LICENSES: &[&str] = &[
    "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
    "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
    "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
    "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
    "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
    "http://creativecommons.org/licenses/by/4.0/",
    "http://creativecommons.org/licenses/by/4.0/",
    "http://creativecommons.org/licenses/by/4.0/",
    "http://creativecommons.org/licenses/by-nc-sa/4.0/",
    "http://creativecommons.org/licenses/by-nc-nd/4.0/",
    "http://creativecommons.org/publicdomain/zero/1.0/",
];
const VENUES: &[&str] = &[
    "MICCAI", "MIDL", "ISBI", "CVPR", "NeurIPS", "ICCV", "ECCV", "ML4H", "IPMI", "WACV",
];
const ORGANIZATIONS: &[(&str, &str)] = &[
    ("stanford", "Stanford University"),
    ("microsoft", "Microsoft"),
    ("google", "Google"),
    ("nvidia", "NVIDIA"),
    ("tsinghua", "Tsinghua University"),
    ("ethz", "ETH Zurich"),
    ("mit", "Massachusetts Institute of Technology"),
    ("shlab", "Shanghai AI Laboratory"),
    ("jhu", "Johns Hopkins University"),
    ("tum", "Technical University of Munich"),
];
const POSTERS: &[(&str, &str)] = &[
    ("paperscout", "Paper Scout"),
    ("mira-k", "Mira K"),
    ("dlreader", "Deep Learning Reader"),
    ("tom-h", "Tom H"),
];
const GENERAL_KEYWORDS: &[&str] = &[
    "zero-shot",
    "few-shot learning",
    "foundation model",
    "Dice score",
    "contrastive learning",
    "domain adaptation",
    "cross-attention",
    "knowledge distillation",
    "data augmentation",
    "instruction tuning",
    "multi-task learning",
    "uncertainty estimation",
];

fn chance(rng: &mut Rng, percent: usize) -> bool {
    rng.below(100) < percent
}

fn record(rng: &mut Rng, numbered: &mut HashMap<(u16, u8), u32>, paper: Paper) -> Record {
    let published = paper.published.unwrap_or(Date {
        year: 2024,
        month: 1,
        day: 1,
    });
    let first = Timestamp::at(published, rng.below(86_400) as u32);
    let mut versions = vec![first];
    for _ in 0..[0, 0, 0, 0, 0, 0, 1, 1, 1, 2][rng.below(10)] {
        let last = versions[versions.len() - 1];
        versions.push(Timestamp {
            days: last.days + 1 + rng.below(180) as i64,
            seconds: rng.below(86_400) as u32,
        });
    }
    let number = numbered
        .entry((published.year, published.month))
        .or_insert(0);
    *number += 1;
    let arxiv_id = format!(
        "{:02}{:02}.{:05}",
        published.year % 100,
        published.month,
        number
    );

    let mut categories = vec![rng.pick(PRIMARY)];
    for _ in 0..rng.below(3) {
        let more = rng.pick(CROSS_LISTED);
        if !categories.contains(&more) {
            categories.push(more);
        }
    }

    let year = published.year;
    let (doi, journal_ref) = if chance(rng, 30) {
        let (doi, journal) = match rng.below(4) {
            0 => (
                format!("10.1109/TMI.{year}.{}", 3_000_000 + rng.below(600_000)),
                format!("IEEE Transactions on Medical Imaging {}", year - 1981),
            ),
            1 => (
                format!("10.1016/j.media.{year}.{}", 102_000 + rng.below(9_000)),
                format!(
                    "Medical Image Analysis {} ({year})",
                    i32::from(year) * 12 - 24_180
                ),
            ),
            2 => (
                format!(
                    "10.1007/978-3-031-{}-{}_{}",
                    43_000 + rng.below(9_000),
                    rng.below(10),
                    1 + rng.below(70)
                ),
                format!("{} {year}", rng.pick(VENUES)),
            ),
            _ => (
                format!(
                    "10.1038/s41591-{:02}-{:05}-{}",
                    year % 100,
                    rng.below(100_000),
                    rng.below(10)
                ),
                format!("Nat Med {} ({year})", 25 + (year - 2019)),
            ),
        };
        (Some(doi), chance(rng, 60).then_some(journal))
    } else {
        (None, None)
    };
    let comments = chance(rng, 65).then(|| match rng.below(5) {
        0 => format!("{} pages, {} figures", 8 + rng.below(20), 2 + rng.below(9)),
        1 => format!(
            "{} pages, {} figures, {} tables",
            8 + rng.below(20),
            2 + rng.below(9),
            1 + rng.below(6)
        ),
        2 => format!("Accepted at {} {year}", rng.pick(VENUES)),
        3 => "Under review".to_string(),
        _ => "Technical report; code and models will be released".to_string(),
    });
    let report_no = chance(rng, 2).then(|| format!("TR-{year}-{:03}", rng.below(1000)));
    let license = (!chance(rng, 5)).then(|| rng.pick(LICENSES));
    let submitter = if paper.authors.is_empty() || chance(rng, 15) {
        format!(
            "{} {}",
            rng.pick(&["Alex", "Sam", "Noor", "Jun"]),
            rng.pick(&["Berg", "Ito", "Moreau", "Osei"])
        )
    } else {
        paper.authors[0].clone()
    };

    let name = model_name(&paper.title);
    let summary = summary(rng, &paper, name);
    let organization = chance(rng, 25).then(|| ORGANIZATIONS[rng.below(ORGANIZATIONS.len())]);
    let project_page =
        chance(rng, 12).then(|| format!("https://{}.github.io/", name.to_ascii_lowercase()));
    let mut keywords: Vec<&'static str> = paper
        .tags
        .iter()
        .filter_map(|t| keyword(t.as_str()))
        .collect();
    for _ in 0..1 + rng.below(3) {
        let more = rng.pick(GENERAL_KEYWORDS);
        if !keywords.contains(&more) {
            keywords.push(more);
        }
    }
    let num_comments = if chance(rng, 70) { 0 } else { 1 + rng.below(6) } as u32;
    let posted_by = POSTERS[rng.below(POSTERS.len())];
    let style = rng.next();
    Record {
        paper,
        arxiv_id,
        summary,
        categories,
        doi,
        journal_ref,
        comments,
        report_no,
        license,
        submitter,
        versions,
        organization,
        project_page,
        keywords,
        num_comments,
        posted_by,
        style,
    }
}

/// The model's name in a generated title (`MedMamba: ...` or `...: MedMamba`).
fn model_name(title: &str) -> &str {
    match title.split_once(": ") {
        Some((head, _)) if !head.contains(' ') => head,
        Some((_, tail)) => tail,
        None => "our model",
    }
}

/// The native abstract, grown to a real abstract's length with sentences
/// about this paper; a code link, when there is one, closes it as it often
/// does on arXiv.
fn summary(rng: &mut Rng, paper: &Paper, name: &str) -> String {
    let target = 800 + rng.below(400);
    let mut text = String::with_capacity(target + 160);
    text.push_str(&paper.abstract_text);
    let code = paper
        .links
        .iter()
        .find(|l| l.kind == LinkKind::Code)
        .filter(|_| chance(rng, 70));
    let closing = code.map(|l| format!(" Code is available at {}.", l.url));
    let reserved = closing.as_ref().map_or(0, String::len);
    while text.len() + reserved < target {
        text.push(' ');
        sentence(&mut text, rng, name).expect("writing to a String cannot fail");
    }
    if let Some(closing) = closing {
        text.push_str(&closing);
    }
    text
}

/// Appends one sentence about the paper's model.
fn sentence(out: &mut String, rng: &mut Rng, name: &str) -> fmt::Result {
    let modality = rng.pick(generator::MODALITIES);
    let method = rng.pick(generator::METHODS);
    let task = Lowercase(rng.pick(generator::TASKS));
    match rng.below(10) {
        0 => write!(
            out,
            "We evaluate {name} on {} {modality} studies from {} institutions.",
            1_000 + rng.below(50_000),
            2 + rng.below(20)
        ),
        1 => write!(
            out,
            "Compared with {method}, {name} improves the Dice score by {}.{} points.",
            1 + rng.below(9),
            rng.below(10)
        ),
        2 => write!(
            out,
            "On {} public benchmarks it reaches an AUC of 0.{} with {}M parameters.",
            2 + rng.below(8),
            80 + rng.below(19),
            5 + rng.below(300)
        ),
        3 => out.write_str(
            "Ablation studies confirm that each component contributes to the final performance.",
        ),
        4 => write!(
            out,
            "A lightweight adapter aligns {modality} features with textual descriptions for {task}."
        ),
        5 => write!(
            out,
            "Training takes {} hours on {} GPUs, and inference {} ms per case.",
            2 + rng.below(90),
            1 + rng.below(8),
            5 + rng.below(400)
        ),
        6 => write!(
            out,
            "The new dataset comprises {} annotated {modality} images covering {} conditions.",
            500 + rng.below(90_000),
            3 + rng.below(40)
        ),
        7 => write!(
            out,
            "Our results suggest that {method} are a strong baseline for {task}."
        ),
        8 => out.write_str(
            "Limitations and failure cases are discussed in detail to guide future work.",
        ),
        _ => write!(
            out,
            "{name} outperforms {} competing methods in {task} while remaining interpretable.",
            3 + rng.below(12)
        ),
    }
}

/// ASCII text shown in lower case, without allocating.
struct Lowercase(&'static str);

impl fmt::Display for Lowercase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0
            .bytes()
            .try_for_each(|b| f.write_char(char::from(b.to_ascii_lowercase())))
    }
}

/// The keyword phrase a Daily Papers listing would show for a tag.
fn keyword(tag: &str) -> Option<&'static str> {
    Some(match tag.split_once('/')?.1 {
        "segmentation" => "medical image segmentation",
        "classification" => "image classification",
        "detection" => "lesion detection",
        "vqa" => "Visual Question Answering",
        "report-generation" => "radiology report generation",
        "reasoning" => "clinical reasoning",
        "ct" => "computed tomography",
        "mri" => "magnetic resonance imaging",
        "x-ray" => "chest X-ray",
        "pathology" => "whole-slide images",
        "ehr" => "electronic health records",
        "llm" => "Large Language Models",
        "vlm" => "Vision-Language Models",
        "diffusion" => "diffusion models",
        "mamba" => "Mamba",
        "transformer" => "Vision Transformers",
        "sam" => "Segment Anything Model",
        "rag" => "Retrieval-Augmented Generation",
        "benchmark" => "benchmark",
        "dataset" => "dataset",
        _ => return None,
    })
}

/// A moment in UTC: days since 1970-01-01 and seconds into that day.
#[derive(Clone, Copy)]
pub struct Timestamp {
    days: i64,
    seconds: u32,
}

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Timestamp {
    fn at(date: Date, seconds: u32) -> Timestamp {
        Timestamp {
            days: date.days(),
            seconds,
        }
    }

    /// The calendar date (the inverse of [`Timestamp::at`]).
    pub fn date(self) -> Date {
        Date::from_days(self.days).expect("synthetic dates are years 1000 to 9999")
    }

    /// Seconds since the Unix epoch.
    pub fn unix(self) -> i64 {
        self.days * 86_400 + i64::from(self.seconds)
    }

    fn clock(self) -> (u32, u32, u32) {
        (
            self.seconds / 3600,
            self.seconds / 60 % 60,
            self.seconds % 60,
        )
    }

    /// `Mon, 2 Apr 2007 19:18:42 GMT`, as arXiv writes version dates.
    pub fn rfc2822(self) -> String {
        let date = self.date();
        let (h, m, s) = self.clock();
        format!(
            "{}, {} {} {} {h:02}:{m:02}:{s:02} GMT",
            WEEKDAYS[self.days.rem_euclid(7) as usize],
            date.day,
            MONTHS[usize::from(date.month) - 1],
            date.year
        )
    }

    /// `2024-10-16T14:20:00.000Z`, as the Daily Papers API writes dates.
    pub fn iso8601(self) -> String {
        let (h, m, s) = self.clock();
        format!("{}T{h:02}:{m:02}:{s:02}.000Z", self.date())
    }
}

/// Appends `text` to `out` hard-wrapped at `width` columns, breaking lines
/// with `break_with` (a newline, then the next line's indentation). Words
/// are separated by single spaces, as the generator writes them.
pub fn wrap_into(out: &mut String, text: &str, width: usize, break_with: &str) {
    let indent = break_with.trim_start_matches('\n').len();
    let bytes = text.as_bytes();
    let mut start = 0;
    loop {
        let room = if start == 0 { width } else { width - indent };
        if text.len() - start <= room {
            out.push_str(&text[start..]);
            return;
        }
        // Break at the last space that fits, or after an overlong word.
        let fits = bytes[start..=start + room].iter().rposition(|&b| b == b' ');
        let end = match fits.filter(|&p| p > 0) {
            Some(p) => start + p,
            None => match bytes[start + room..].iter().position(|&b| b == b' ') {
                Some(q) => start + room + q,
                None => {
                    out.push_str(&text[start..]);
                    return;
                }
            },
        };
        out.push_str(&text[start..end]);
        out.push_str(break_with);
        start = end + 1;
    }
}
