//! Where each record lies in its corpus file: a JSON Lines line, or an
//! element of a JSON array.

use serde::Deserialize;

/// The bytes of one record in its file: a JSON Lines line (without its
/// line break), or one element of a JSON array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
pub struct RecordSpan {
    /// Offset of the record's first byte.
    pub at: u64,
    /// Its length in bytes.
    pub len: u64,
}

impl RecordSpan {
    /// The record's bytes in `file`, if they lie within it.
    pub fn of<'a>(&self, file: &'a [u8]) -> Option<&'a [u8]> {
        let start = usize::try_from(self.at).ok()?;
        let len = usize::try_from(self.len).ok()?;
        file.get(start..start.checked_add(len)?)
    }
}

/// The spans of the elements of the JSON array that `bytes` is (or holds
/// under `papers`, for the native format), relative to `bytes`.
pub(crate) fn element_spans(bytes: &[u8]) -> Vec<RecordSpan> {
    #[derive(Deserialize)]
    struct Holder<'a> {
        #[serde(borrow)]
        papers: Vec<&'a serde_json::value::RawValue>,
    }
    let bare = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let elements = if bare {
        serde_json::from_slice::<Vec<&serde_json::value::RawValue>>(bytes).ok()
    } else {
        serde_json::from_slice::<Holder>(bytes)
            .ok()
            .map(|h| h.papers)
    };
    let Some(elements) = elements else {
        return Vec::new();
    };
    let base = bytes.as_ptr() as usize;
    elements
        .iter()
        .map(|raw| RecordSpan {
            at: (raw.get().as_ptr() as usize - base) as u64,
            len: raw.get().len() as u64,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_array_elements() {
        let text = br#"{"name": "n", "papers": [ {"a": 1} , {"b": [2]}]}"#;
        let spans = element_spans(text);
        let got: Vec<&[u8]> = spans.iter().map(|s| s.of(text).unwrap()).collect();
        assert_eq!(got, [&br#"{"a": 1}"#[..], br#"{"b": [2]}"#]);
        let bare = br#"[{"a":1}]"#;
        assert_eq!(element_spans(bare), [RecordSpan { at: 1, len: 7 }]);
        assert!(RecordSpan { at: 5, len: 9 }.of(bare).is_none());
        assert!(
            RecordSpan {
                at: u64::MAX,
                len: 9
            }
            .of(bare)
            .is_none()
        );
    }
}
