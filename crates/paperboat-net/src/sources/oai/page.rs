//! One OAI-PMH `ListRecords` response of `arXivRaw` records, read as it
//! streams by (a page holds up to a few thousand records): the papers, the
//! ids of deleted records, the resumption token and the response's date.
//!
//! A response that is not OAI-PMH XML, or is cut short, is an error with
//! its line and column; a record without an id or a title among good ones
//! is left out and said. `noRecordsMatch` is an empty page; any other OAI
//! error is the service's error, with its code.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::record::{RawRecord, SOURCE};
use crate::corpus::Paper;
use crate::corpus::daily_papers::valid_utf8;
use crate::corpus::error::Positions;
use crate::corpus::sanitize::{QUOTED, clean_line, clip};
use crate::sources::SourceError;

/// What one page of `ListRecords` holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OaiPage {
    /// The papers of the page, each id once (a later record of an id
    /// replaces an earlier one).
    pub papers: Vec<Paper>,
    /// The ids (`arXiv:…`) of the records marked deleted.
    pub deleted: Vec<String>,
    /// The token to ask for the next page; `None` on the last.
    pub token: Option<String>,
    /// The number of records of the whole list, when the server says.
    pub complete_list_size: Option<u64>,
    /// `responseDate`, as the server wrote it (`2025-12-06T07:12:03Z`).
    pub response_date: Option<String>,
    /// One line per record left out: where it is and what is wrong.
    pub skipped: Vec<String>,
    /// One line per link left out because it may not be opened.
    pub refused: Vec<String>,
}

/// The path of the elements whose text is kept, below `OAI-PMH`.
const RESPONSE_DATE: &[&str] = &["responseDate"];
const ERROR: &[&str] = &["error"];
const LIST: &[&str] = &["ListRecords"];
const RECORD: &[&str] = &["ListRecords", "record"];
const HEADER: &[&str] = &["ListRecords", "record", "header"];
const IDENTIFIER: &[&str] = &["ListRecords", "record", "header", "identifier"];
const RAW: &[&str] = &["ListRecords", "record", "metadata", "arXivRaw"];
const VERSION: &[&str] = &["ListRecords", "record", "metadata", "arXivRaw", "version"];
const TOKEN: &[&str] = &["ListRecords", "resumptionToken"];
/// The depth of the deepest of them (a version's `date`).
const DEEPEST: usize = VERSION.len() + 1;

/// Reads one `ListRecords` response.
pub fn parse_page(bytes: &[u8]) -> Result<OaiPage, SourceError> {
    // A byte that is not UTF-8 reads as `?`, so that positions hold.
    let (text, _) = valid_utf8(bytes);
    let text = std::str::from_utf8(&text).unwrap_or_default();
    let mut reader = Reader::from_str(text);
    let mut state = State::default();
    let mut positions = Positions::new(text.as_bytes());
    let mut at = |offset: u64| positions.at(usize::try_from(offset).unwrap_or(usize::MAX));
    loop {
        let before = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let (line, column) = at(reader.error_position());
                return Err(SourceError::invalid(
                    line,
                    column,
                    &state.path(),
                    &e.to_string(),
                ));
            }
        };
        let step = match event {
            Event::Start(e) => state.start(&e, before, &mut at),
            Event::Empty(e) => state.start(&e, before, &mut at).and_then(|()| state.end()),
            Event::End(_) => state.end(),
            Event::Text(t) => state.text(&t.xml10_content()),
            Event::CData(t) => state.text(&t.xml10_content()),
            Event::GeneralRef(r) => state.text(&reference(&r)),
            Event::Eof => break,
            _ => Ok(()),
        };
        if let Err(message) = step {
            let (line, column) = at(before);
            return Err(SourceError::invalid(line, column, &state.path(), &message));
        }
    }
    if !state.closed {
        let (line, column) = at(text.len() as u64);
        return Err(SourceError::invalid(
            line,
            column,
            &state.path(),
            "unexpected end of file",
        ));
    }
    state.finish()
}

/// `&amp;`, `&#233;` as the text they stand for; an entity XML does not
/// define stays as written.
fn reference(r: &BytesRef) -> String {
    match r.resolve_char_ref() {
        Ok(Some(c)) => c.to_string(),
        Ok(None) => {
            let name = r.xml10_content();
            match quick_xml::escape::resolve_predefined_entity(&name) {
                Some(text) => text.to_string(),
                None => format!("&{name};"),
            }
        }
        Err(_) => crate::corpus::sanitize::REPLACEMENT.to_string(),
    }
}

/// Where the reader is and what it has gathered.
#[derive(Default)]
struct State {
    /// The elements open below the root, by local name.
    stack: Vec<String>,
    /// Whether the root `OAI-PMH` element was seen, and closed.
    rooted: bool,
    closed: bool,
    /// The depth of the element whose text is being gathered, if any.
    capture: Option<usize>,
    text: String,
    record: RawRecord,
    /// Records seen, and where the current one starts (line, column).
    records: usize,
    record_at: (usize, usize),
    saw_list: bool,
    error: Option<(String, String)>,
    page: OaiPage,
    /// Where each id's paper is in `papers` (`None` once deleted).
    papers: Vec<Option<Paper>>,
    index: HashMap<String, usize>,
}

impl State {
    fn start(
        &mut self,
        e: &BytesStart,
        offset: u64,
        at: &mut impl FnMut(u64) -> (usize, usize),
    ) -> Result<(), String> {
        let local = e.local_name();
        let name: &str = local.as_ref();
        let name = name.to_string();
        if !self.rooted {
            if name != "OAI-PMH" {
                let found = clip(&clean_line(&name), QUOTED).into_owned();
                return Err(format!("expected an OAI-PMH response, found `<{found}>`"));
            }
            self.rooted = true;
            return Ok(());
        }
        self.stack.push(name);
        let path = known_path(&self.stack);
        match path.as_slice() {
            p if p == LIST => self.saw_list = true,
            p if p == RECORD => {
                self.record = RawRecord::default();
                // Found now, as the reader moves on: positions only go forward.
                self.record_at = at(offset);
            }
            p if p == HEADER => {
                self.record.deleted = attribute(e, "status").is_some_and(|s| s == "deleted");
            }
            p if p == VERSION => {
                let number = attribute(e, "version").unwrap_or_default();
                self.record.versions.push((number, String::new()));
            }
            p if p == TOKEN => {
                self.page.complete_list_size =
                    attribute(e, "completeListSize").and_then(|n| n.trim().parse().ok());
            }
            p if p == ERROR => {
                let code = attribute(e, "code").unwrap_or_default();
                self.error.get_or_insert((code, String::new()));
            }
            _ => {}
        }
        if self.capture.is_none() && kept(&path) {
            self.capture = Some(self.stack.len());
            self.text.clear();
        }
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<(), String> {
        if self.capture.is_some() {
            self.text.push_str(text);
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), String> {
        if self.capture == Some(self.stack.len()) {
            self.capture = None;
            let text = std::mem::take(&mut self.text);
            self.keep(text);
        }
        let path = known_path(&self.stack);
        if path.as_slice() == RECORD {
            let record = std::mem::take(&mut self.record);
            self.finish_record(record);
        }
        if self.stack.pop().is_none() {
            self.closed = true;
        }
        Ok(())
    }

    /// Puts the text of the element just closed where it belongs.
    fn keep(&mut self, text: String) {
        let path = known_path(&self.stack);
        match path.as_slice() {
            p if p == RESPONSE_DATE => {
                self.page.response_date = Some(clean_line(&text)).filter(|d| !d.is_empty());
            }
            p if p == ERROR => {
                if let Some((_, message)) = self.error.as_mut().filter(|e| e.1.is_empty()) {
                    *message = text;
                }
            }
            p if p == IDENTIFIER => self.record.identifier = text,
            p if p == TOKEN => {
                let token = clean_line(&text);
                self.page.token = (!token.is_empty()).then_some(token);
            }
            [raw @ .., "date"] if raw == VERSION => {
                if let Some(version) = self.record.versions.last_mut() {
                    version.1 = text;
                }
            }
            [raw @ .., field] if raw == RAW => {
                if let Some(buffer) = self.record.field(field) {
                    *buffer = text;
                }
            }
            _ => {}
        }
    }

    fn finish_record(&mut self, record: RawRecord) {
        let index = self.records;
        self.records += 1;
        let place = format!("ListRecords.record[{index}]");
        if record.deleted {
            match record.header_id() {
                Some(id) => self.delete(id),
                None => self.skip(&place, "header.identifier", "expected an identifier"),
            }
            return;
        }
        match record.into_paper(SOURCE) {
            Ok((paper, refused)) => {
                for r in refused {
                    let line = format!("{place}.{}: refused `{}`: {}", r.field, r.url, r.reason);
                    self.page.refused.push(clean_line(&line));
                }
                self.add(paper);
            }
            Err((field, message)) => self.skip(&place, field, message),
        }
    }

    fn skip(&mut self, place: &str, field: &str, message: &str) {
        let (line, column) = self.record_at;
        let e = SourceError::invalid(line, column, &format!("{place}.{field}"), message);
        self.page.skipped.push(e.to_string());
    }

    /// A paper, once per id: a later record replaces an earlier one.
    fn add(&mut self, paper: Paper) {
        self.page.deleted.retain(|d| *d != paper.id);
        match self.index.get(&paper.id) {
            Some(&i) => self.papers[i] = Some(paper),
            None => {
                self.index.insert(paper.id.clone(), self.papers.len());
                self.papers.push(Some(paper));
            }
        }
    }

    fn delete(&mut self, id: String) {
        if let Some(i) = self.index.remove(&id) {
            self.papers[i] = None;
        }
        if !self.page.deleted.contains(&id) {
            self.page.deleted.push(id);
        }
    }

    /// `ListRecords.record[3].metadata`: where the reader is, for errors.
    fn path(&self) -> String {
        let mut path = String::new();
        for (depth, name) in self.stack.iter().enumerate() {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(name);
            if depth == 1 && name == "record" {
                path.push_str(&format!("[{}]", self.records));
            }
        }
        path
    }

    fn finish(mut self) -> Result<OaiPage, SourceError> {
        if let Some((code, message)) = self.error {
            if code == "noRecordsMatch" {
                return Ok(OaiPage {
                    response_date: self.page.response_date,
                    ..OaiPage::default()
                });
            }
            return Err(SourceError::service(&code, &message));
        }
        if !self.saw_list {
            return Err(SourceError::invalid(
                1,
                1,
                "",
                "expected `ListRecords` or `error` in the OAI-PMH response",
            ));
        }
        self.page.papers = self.papers.into_iter().flatten().collect();
        Ok(self.page)
    }
}

/// The open elements' names when the reader is no deeper than any
/// element it keeps, else nothing: so that a document nested a million
/// deep costs no more per element than a real one.
fn known_path(stack: &[String]) -> Vec<&str> {
    if stack.len() > DEEPEST {
        return Vec::new();
    }
    stack.iter().map(String::as_str).collect()
}

/// Whether the text of the element at `path` is kept.
fn kept(path: &[&str]) -> bool {
    match path {
        p if p == RESPONSE_DATE || p == ERROR || p == IDENTIFIER || p == TOKEN => true,
        [raw @ .., "date"] if raw == VERSION => true,
        [raw @ .., field] if raw == RAW => RawRecord::FIELDS.contains(field),
        _ => false,
    }
}

/// The value of the attribute `name`, with its references resolved.
fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    let attr = e.try_get_attribute(name).ok()??;
    let value = attr
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()?;
    Some(clean_line(&value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, title: &str) -> String {
        format!(
            "<record><header><identifier>oai:arXiv.org:{id}</identifier></header><metadata>\
             <arXivRaw xmlns=\"http://arxiv.org/OAI/arXivRaw/\"><id>{id}</id><title>{title}</title>\
             <version version=\"v1\"><date>Mon, 2 Apr 2007 19:18:42 GMT</date></version>\
             </arXivRaw></metadata></record>"
        )
    }

    fn deleted(id: &str) -> String {
        format!(
            "<record><header status=\"deleted\"><identifier>oai:arXiv.org:{id}</identifier></header></record>"
        )
    }

    fn page(records: &[String], token: &str) -> Result<OaiPage, SourceError> {
        let xml = format!(
            "<?xml version=\"1.0\"?><OAI-PMH><responseDate>2025-12-06T07:12:03Z</responseDate>\
             <ListRecords>{}{token}</ListRecords></OAI-PMH>",
            records.concat()
        );
        parse_page(xml.as_bytes())
    }

    fn ids(page: &OaiPage) -> Vec<&str> {
        page.papers.iter().map(|p| p.id.as_str()).collect()
    }

    #[test]
    fn an_id_is_kept_once_and_the_later_record_wins() {
        let p = page(
            &[record("1", "Old"), record("2", "B"), record("1", "New")],
            "",
        )
        .unwrap();
        assert_eq!(ids(&p), ["arXiv:1", "arXiv:2"]);
        assert_eq!(p.papers[0].title, "New");
    }

    #[test]
    fn a_deleted_record_removes_an_earlier_one_and_a_later_one_restores() {
        let p = page(&[record("1", "A"), deleted("1"), deleted("2")], "").unwrap();
        assert_eq!(ids(&p), Vec::<&str>::new());
        assert_eq!(p.deleted, ["arXiv:1", "arXiv:2"]);
        let p = page(&[deleted("1"), record("1", "Back")], "").unwrap();
        assert_eq!(ids(&p), ["arXiv:1"]);
        assert!(p.deleted.is_empty());
        let p = page(&[deleted("oai-less")], "").unwrap();
        assert_eq!(p.deleted, ["arXiv:oai-less"]);
    }

    #[test]
    fn each_record_left_out_is_said_where_it_starts() {
        let records = [
            record("1", " "),
            "\n".into(),
            record("2", "Fine"),
            "\n  ".into(),
            record("3", ""),
        ];
        let p = page(&records, "").unwrap();
        assert_eq!(ids(&p), ["arXiv:2"]);
        let at: Vec<&str> = p
            .skipped
            .iter()
            .map(|s| &s[..s.find(": ").unwrap()])
            .collect();
        assert_eq!(at, ["line 1, column 93", "line 3, column 3"]);
        assert!(p.skipped[1].contains("ListRecords.record[2].metadata.arXivRaw.title"));
    }

    #[test]
    fn the_token_may_be_empty_in_any_form() {
        for token in [
            "<resumptionToken/>",
            "<resumptionToken cursor=\"9\" completeListSize=\"10\"></resumptionToken>",
            "<resumptionToken> </resumptionToken>",
            "",
        ] {
            assert_eq!(page(&[], token).unwrap().token, None, "{token}");
        }
        let p = page(
            &[],
            "<resumptionToken expires='2025-12-07T00:00:00Z'>a&amp;b</resumptionToken>",
        );
        assert_eq!(p.unwrap().token.as_deref(), Some("a&b"));
    }

    #[test]
    fn prefixes_and_unknown_elements_are_read_through() {
        let xml = "<oai:OAI-PMH xmlns:oai=\"http://www.openarchives.org/OAI/2.0/\"><oai:ListRecords>\
                   <oai:record><oai:header><oai:identifier>oai:arXiv.org:7</oai:identifier><extra/></oai:header>\
                   <oai:metadata><r:arXivRaw xmlns:r=\"http://arxiv.org/OAI/arXivRaw/\"><r:id>7</r:id>\
                   <r:title>T <i>in</i> it</r:title><r:proxy>x</r:proxy></r:arXivRaw></oai:metadata></oai:record>\
                   </oai:ListRecords></oai:OAI-PMH>";
        let p = parse_page(xml.as_bytes()).unwrap();
        assert_eq!(p.papers[0].title, "T in it");
    }

    #[test]
    fn entities_declared_in_the_document_are_not_expanded() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\
                   <OAI-PMH><ListRecords><record><header><identifier>x:1</identifier></header><metadata><arXivRaw>\
                   <id>1</id><title>&lol2;</title></arXivRaw></metadata></record></ListRecords></OAI-PMH>";
        let p = parse_page(xml.as_bytes()).unwrap();
        assert_eq!(p.papers[0].title, "&lol2;");
    }

    #[test]
    fn a_response_without_records_or_error_is_an_error() {
        let e = parse_page(b"<OAI-PMH><responseDate>x</responseDate></OAI-PMH>").unwrap_err();
        assert!(
            e.to_string().contains("expected `ListRecords` or `error`"),
            "{e}"
        );
        let e = parse_page(b"<OAI-PMH/>").unwrap_err();
        assert!(e.to_string().contains("expected `ListRecords`"), "{e}");
        let e = parse_page(b"<OAI-PMH><ListRecords></ListRecords>").unwrap_err();
        assert!(e.to_string().contains("unexpected end of file"), "{e}");
    }
}
