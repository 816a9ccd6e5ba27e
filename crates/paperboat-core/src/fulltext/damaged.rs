//! An abstracts index damaged on purpose, behind a seal made to match, so
//! that a fuzzer's bytes reach tantivy itself: how a damaged index is
//! searched without a panic escaping.

use std::path::Path;

use super::search::Abstracts;
use super::writer::AbstractsWriter;
use super::{Error, sealed};

/// The abstracts the index is built from.
const ABSTRACTS: [&str; 5] = [
    "We evaluate on MIMIC-CXR and MIMIC-IV with radiology reports.",
    "Mamba models segment tumours in CT and MRI.",
    "",
    "Mimicking radiologists with state space models for segmentation.",
    "A survey of vision language models in pathology.",
];

/// Builds a small index in `dir`, writes `bytes` over its files (taken
/// one after the other, by name) from `offset` on, seals it again and
/// searches it every way. Returns whether it opened; a panic of tantivy
/// on the damage is contained, never let out.
pub fn try_damaged(dir: &Path, offset: u64, bytes: &[u8]) -> Result<bool, Error> {
    let home = dir.join("abstracts");
    let mut writer = AbstractsWriter::new(Some(&home), ABSTRACTS.len())?;
    for (i, text) in ABSTRACTS.iter().enumerate() {
        writer.add(i, "", text)?;
    }
    drop(writer.finish("fuzz", ABSTRACTS.len())?);
    damage(&home, offset, bytes)?;
    sealed::seal(&home, "fuzz", ABSTRACTS.len())?;
    let Some(abstracts) = Abstracts::open(&home, "fuzz", ABSTRACTS.len()) else {
        return Ok(false);
    };
    for term in ["mimic", "mamba", "radiolog", "segmnetation", "zz"] {
        let _ = abstracts.words_starting(term);
        let _ = abstracts.words_containing(term);
        let _ = abstracts.words_meant(term, |words| words.to_vec());
    }
    let _ = abstracts.more_like("", ABSTRACTS[3], 3);
    Ok(true)
}

/// Writes `bytes` over the files of the index in `home`, taken one after
/// the other by name, from `offset` on (past their end, nothing).
fn damage(home: &Path, offset: u64, bytes: &[u8]) -> Result<(), Error> {
    let mut names: Vec<_> = std::fs::read_dir(home)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| !p.ends_with(sealed::READY) && p.extension().is_none_or(|e| e != "lock"))
        .collect();
    names.sort();
    let mut at = offset;
    for path in names {
        let mut content = std::fs::read(&path)?;
        let len = content.len() as u64;
        if at < len {
            let start = at as usize;
            let end = (start + bytes.len()).min(content.len());
            content[start..end].copy_from_slice(&bytes[..end - start]);
            std::fs::write(&path, content)?;
            return Ok(());
        }
        at -= len;
    }
    Ok(())
}
