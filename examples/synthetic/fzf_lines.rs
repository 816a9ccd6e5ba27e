//! The same papers as lines for `fzf --filter`: title, authors and tags,
//! tab-separated. Plain ASCII separators keep fzf on its fast path, as
//! `·` would not.

use std::io::{self, Write};

use crate::generator::Papers;

pub fn write(out: &mut impl Write, count: usize, seed: u64) -> io::Result<()> {
    for paper in Papers::new(count, seed) {
        write!(out, "{}\t{}\t", paper.title, paper.authors.join(", "))?;
        for (i, tag) in paper.tags.iter().enumerate() {
            if i > 0 {
                out.write_all(b" ")?;
            }
            out.write_all(tag.as_str().as_bytes())?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}
