//! The native format, byte for byte what `Corpus::to_json` gives for
//! `generator::papers`, serialized as the papers are generated.

use std::io::{self, Write};

use paperboat::corpus::{FORMAT, VERSION};
use serde::{Serialize, Serializer};

use crate::generator::Papers;

#[derive(Serialize)]
struct Native {
    format: &'static str,
    version: u32,
    name: String,
    papers: Lazy,
}

/// The papers, generated while the array is written.
struct Lazy {
    count: usize,
    seed: u64,
}

impl Serialize for Lazy {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(Papers::new(self.count, self.seed))
    }
}

pub fn write(out: &mut impl Write, count: usize, seed: u64) -> io::Result<()> {
    let corpus = Native {
        format: FORMAT,
        version: VERSION,
        name: format!("Synthetic corpus ({count} papers, seed {seed})"),
        papers: Lazy { count, seed },
    };
    serde_json::to_writer_pretty(&mut *out, &corpus)?;
    out.write_all(b"\n")
}
