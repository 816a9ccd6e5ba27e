//! Any bytes in a cache entry file are refused or give answers: never a
//! panic, whatever the hash says (it is made to match, so that changes
//! reach the checks behind it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use paperboat::cache::reseal;
use paperboat::catalog::try_entry;
use paperboat::query::parse;

fuzz_target!(|data: &[u8]| {
    let mut bytes = data.to_vec();
    reseal(&mut bytes);
    let dir = tempfile::TempDir::new().expect("a temporary dir");
    let path = dir.path().join("index");
    std::fs::write(&path, &bytes).expect("the entry is written");
    let queries = ["", "mamba seg", "tag:ct sort:date", "'MIMIC sort:upvotes"].map(|q| parse(q).unwrap());
    let _ = try_entry(&path, &queries);
});
