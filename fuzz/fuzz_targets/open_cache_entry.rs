//! Any bytes in a cache entry file, or written over the files of an
//! abstracts index, are refused or give answers: never a panic that gets
//! out, whatever the hash says (it is made to match, so that changes
//! reach the checks behind it, and tantivy itself).
#![no_main]

use libfuzzer_sys::fuzz_target;
use paperboat::cache::reseal;
use paperboat::catalog::try_entry;
use paperboat::fulltext::try_damaged;
use paperboat::query::parse;

fuzz_target!(
    init: {
        // tantivy's panics on a damaged index are contained and answered
        // (the index is built again): only a panic that gets out is a find.
        let found = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !paperboat::contain::is_contained() {
                found(info);
            }
        }));
    },
    |data: &[u8]| {
        let dir = tempfile::TempDir::new().expect("a temporary dir");
        // An odd first byte: the next four are where in the abstracts
        // index the rest is written.
        if let [first, a, b, c, d, rest @ ..] = data
            && first & 1 == 1
        {
            let offset = u32::from_le_bytes([*a, *b, *c, *d]) as u64 % 400_000;
            let _ = try_damaged(dir.path(), offset, rest);
            return;
        }
        let mut bytes = data.to_vec();
        reseal(&mut bytes);
        let path = dir.path().join("index");
        std::fs::write(&path, &bytes).expect("the entry is written");
        let queries = ["", "mamba seg", "tag:ct sort:date", "'MIMIC sort:upvotes"].map(|q| parse(q).unwrap());
        let _ = try_entry(&path, &queries);
    }
);
