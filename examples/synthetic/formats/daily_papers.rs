//! The Hugging Face Daily Papers API: one JSON array, an entry per paper
//! with the paper's own record inside it. Entries are written one a line.

use std::io::{self, Write};

use serde::Serialize;

use crate::record;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry<'a> {
    paper: PaperEntry<'a>,
    published_at: &'a str,
    title: &'a str,
    summary: &'a str,
    thumbnail: String,
    num_comments: u32,
    submitted_by: User<'a>,
    is_author_participating: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PaperEntry<'a> {
    id: &'a str,
    authors: Vec<Author<'a>>,
    published_at: &'a str,
    title: &'a str,
    summary: &'a str,
    upvotes: u32,
    discussion_id: String,
    github_repo: Option<&'a str>,
    project_page: Option<&'a str>,
    #[serde(rename = "ai_keywords")]
    ai_keywords: &'a [&'a str],
    #[serde(skip_serializing_if = "Option::is_none")]
    organization: Option<Organization<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    #[serde(rename = "_id")]
    id: String,
    name: &'a str,
    hidden: bool,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "_id")]
    id: String,
    name: &'a str,
    fullname: &'a str,
    avatar: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct User<'a> {
    #[serde(rename = "_id")]
    id: String,
    avatar_url: String,
    fullname: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    is_pro: bool,
    follower_count: u32,
}

/// A 24-digit hex object id: creation time, then random-looking bits.
fn object_id(unix: i64, bits: u64) -> String {
    format!("{:08x}{:016x}", unix as u32, mix(bits))
}

/// splitmix64's finalizer: distinct inputs give unrelated outputs.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Stable bits for a name, so a user or organization keeps its id.
fn name_bits(name: &str) -> u64 {
    name.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

pub fn write(out: &mut impl Write, count: usize, seed: u64) -> io::Result<()> {
    out.write_all(b"[")?;
    let mut first_entry = true;
    record::for_each(
        count,
        seed,
        |r| r,
        |r| {
            let first = r.versions[0];
            let published_at = first.iso8601();
            let code = r.paper.code_link().map(|l| l.url.as_str());
            let (posted_handle, posted_name) = r.posted_by;
            let entry = Entry {
                paper: PaperEntry {
                    id: &r.arxiv_id,
                    authors: (r.paper.authors.iter().enumerate())
                        .map(|(k, name)| Author {
                            id: object_id(first.unix(), r.style.wrapping_add(k as u64)),
                            name,
                            hidden: false,
                        })
                        .collect(),
                    published_at: &published_at,
                    title: &r.paper.title,
                    summary: &r.summary,
                    upvotes: r.paper.upvotes_or_zero(),
                    discussion_id: object_id(first.unix() + 3600, !r.style),
                    github_repo: code,
                    project_page: r.project_page.as_deref(),
                    ai_keywords: &r.keywords,
                    organization: r.organization.map(|(handle, fullname)| Organization {
                        id: object_id(1_600_000_000, name_bits(handle)),
                        name: handle,
                        fullname,
                        avatar: format!("/avatars/{:016x}.svg", mix(name_bits(fullname))),
                    }),
                },
                published_at: &published_at,
                title: &r.paper.title,
                summary: &r.summary,
                thumbnail: format!(
                    "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{}.png",
                    r.arxiv_id
                ),
                num_comments: r.num_comments,
                submitted_by: User {
                    id: object_id(1_650_000_000, name_bits(posted_handle)),
                    avatar_url: format!("/avatars/{:016x}.svg", mix(name_bits(posted_name))),
                    fullname: posted_name,
                    name: posted_handle,
                    kind: "user",
                    is_pro: false,
                    follower_count: (mix(name_bits(posted_handle)) % 5000) as u32,
                },
                is_author_participating: r.style & 2 == 0,
            };
            out.write_all(if first_entry { b"\n" } else { b",\n" })?;
            first_entry = false;
            serde_json::to_writer(&mut *out, &entry).map_err(io::Error::from)
        },
    )?;
    out.write_all(b"\n]\n")
}
