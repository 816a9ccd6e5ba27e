//! Synthetic service responses in the real shapes, for the parse
//! benchmark and the tests: an arXiv OAI-PMH `ListRecords` page of
//! `arXivRaw` records, and a Hugging Face Daily Papers day. Each record
//! carries what real ones do: line-wrapped titles, abstracts of several
//! paragraphs with entities, two or three versions, cross-lists, a DOI or
//! not, and now and then a deleted record.

use std::fmt::Write;

/// Words the titles and abstracts are made of.
const WORDS: &[&str] = &[
    "vision",
    "transformer",
    "diffusion",
    "medical",
    "segmentation",
    "language",
    "model",
    "reasoning",
    "retrieval",
    "benchmark",
    "robust",
    "efficient",
    "sparse",
    "graph",
    "agent",
    "alignment",
    "multimodal",
    "3D",
    "video",
    "scaling",
];

/// `count` words from `seed`, spaces between.
fn words(seed: usize, count: usize) -> String {
    (0..count)
        .map(|i| WORDS[(seed * 7 + i * 13 + i * i) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// An OAI-PMH page of `records` records (every 50th deleted), ending with
/// a resumption token.
pub fn oai_page(records: usize) -> String {
    let mut out = String::with_capacity(records * 2_000);
    out.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n",
        "<responseDate>2025-12-06T07:12:03Z</responseDate>\n",
        "<request verb=\"ListRecords\" metadataPrefix=\"arXivRaw\" set=\"cs\">",
        "https://oaipmh.arxiv.org/oai</request>\n<ListRecords>\n"
    ));
    for i in 0..records {
        let id = format!("2512.{:05}", i);
        if i % 50 == 49 {
            let _ = writeln!(
                out,
                "<record><header status=\"deleted\"><identifier>oai:arXiv.org:{id}</identifier>\
                 <datestamp>2025-12-05</datestamp><setSpec>cs</setSpec></header></record>"
            );
            continue;
        }
        oai_record(&mut out, i, &id);
    }
    let _ = write!(
        out,
        "<resumptionToken cursor=\"0\" completeListSize=\"{}\">9123456|{records}</resumptionToken>\n\
         </ListRecords>\n</OAI-PMH>\n",
        records * 3
    );
    out
}

fn oai_record(out: &mut String, i: usize, id: &str) {
    let _ = write!(
        out,
        "<record>\n<header>\n <identifier>oai:arXiv.org:{id}</identifier>\n \
         <datestamp>2025-12-0{}</datestamp>\n <setSpec>cs</setSpec>\n</header>\n<metadata>\n \
         <arXivRaw xmlns=\"http://arxiv.org/OAI/arXivRaw/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n <id>{id}</id>\n \
         <submitter>Author {i}</submitter>\n",
        1 + i % 5
    );
    for v in 1..=1 + i % 3 {
        let _ = write!(
            out,
            " <version version=\"v{v}\">\n <date>Mon, 0{v} Dec 2025 1{v}:00:00 GMT</date>\n \
             <size>{}kb</size>\n <source_type>D</source_type>\n </version>\n",
            100 + i
        );
    }
    let cross = ["", " eess.IV", " cs.LG stat.ML", " physics.med-ph"][i % 4];
    let _ = write!(
        out,
        " <title>{}:\n  {}</title>\n <authors>{}</authors>\n <categories>cs.CV{cross}</categories>\n \
         <comments>{} pages, {} figures</comments>\n",
        words(i, 4),
        words(i + 1, 6),
        (0..1 + i % 8)
            .map(|a| format!("F. Author{a} Name{i}"))
            .collect::<Vec<_>>()
            .join(", "),
        8 + i % 20,
        i % 9
    );
    if i.is_multiple_of(3) {
        let _ = write!(
            out,
            " <doi>10.1000/synthetic.{i}</doi>\n <journal-ref>J. Synth. {i} (2025)</journal-ref>\n"
        );
    }
    let _ = write!(
        out,
        " <license>http://creativecommons.org/licenses/by/4.0/</license>\n \
         <abstract>  {} &amp; {}, with &lt;1% error.\n{}.\n\n  {}.\n</abstract>\n \
         </arXivRaw>\n</metadata>\n</record>\n",
        words(i + 2, 30),
        words(i + 3, 25),
        words(i + 4, 40),
        words(i + 5, 35)
    );
}

/// A Daily Papers day of `papers` entries, as the API returns it.
pub fn hf_day(papers: usize) -> String {
    let mut out = String::with_capacity(papers * 3_000);
    out.push('[');
    for i in 0..papers {
        if i > 0 {
            out.push(',');
        }
        let id = format!("2512.{:05}", i);
        let authors = (0..1 + i % 12)
            .map(|a| {
                format!("{{\"_id\":\"a{i}x{a}\",\"name\":\"Author{a} Name{i}\",\"hidden\":false}}")
            })
            .collect::<Vec<_>>()
            .join(",");
        let code = if i % 2 == 0 {
            format!(
                "\"githubRepo\":\"https://github.com/lab{i}/repo\",\"githubStars\":{},",
                i * 17
            )
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "{{\"paper\":{{\"id\":\"{id}\",\"authors\":[{authors}],\
             \"publishedAt\":\"2025-11-28T18:59:59.000Z\",\"submittedOnDailyAt\":\"2025-12-01T0{}:11:09.000Z\",\
             \"title\":\"{}: {}\",\"summary\":\"{}.\\n{}.\\n\\n{}.\",\"upvotes\":{},\
             \"discussionId\":\"d{i}\",\"projectPage\":\"https://lab{i}.github.io\",{code}\
             \"ai_summary\":\"{}.\",\"ai_keywords\":[\"{}\",\"{}\",\"{}\"],\
             \"organization\":{{\"_id\":\"o{i}\",\"name\":\"lab{i}\",\"fullname\":\"Lab {i}\"}}}},\
             \"publishedAt\":\"2025-12-01T02:11:09.819Z\",\"title\":\"{}\",\
             \"thumbnail\":\"https://cdn-thumbnails.huggingface.co/{id}.png\",\"numComments\":{},\
             \"submittedBy\":{{\"_id\":\"s\",\"fullname\":\"AK\",\"name\":\"akhaliq\",\"type\":\"user\"}},\
             \"isAuthorParticipating\":false}}",
            i % 10,
            words(i, 3),
            words(i + 1, 6),
            words(i + 2, 40),
            words(i + 3, 30),
            words(i + 4, 50),
            (i * 31) % 400,
            words(i + 5, 20),
            WORDS[i % WORDS.len()],
            WORDS[(i + 3) % WORDS.len()],
            words(i, 2),
            words(i, 3),
            i % 7
        );
    }
    out.push(']');
    out
}
