//! Sets of corpus indices as bitmaps. Hits come in rank order, scattered
//! over memory; marking them in a bitmap and reading it back gives corpus
//! order, in which the index is read in sequence.

use std::ops::Range;

/// A bitmap of `len` bits with the bits of `indices` set.
pub fn bitmap(indices: impl Iterator<Item = usize>, len: usize) -> Vec<u64> {
    let mut bits = vec![0u64; len.div_ceil(64)];
    for i in indices {
        bits[i / 64] |= 1 << (i % 64);
    }
    bits
}

/// Calls `f` with every set bit of `bits` within `range`, in order.
pub fn each_marked(bits: &[u64], range: Range<usize>, mut f: impl FnMut(usize)) {
    let mut at = range.start;
    while at < range.end {
        let word = bits[at / 64] >> (at % 64);
        if word == 0 {
            at = (at / 64 + 1) * 64;
            continue;
        }
        at += word.trailing_zeros() as usize;
        if at < range.end {
            f(at);
        }
        at += 1;
    }
}
