//! Sorting 64-bit keys in linear time.

/// Least-significant-digit radix sort, 11 bits at a time, skipping digits
/// that every key shares (most of them, for rank keys).
pub(super) fn radix_sort(keys: &mut Vec<u64>) {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    if keys.len() < 2048 {
        keys.sort_unstable();
        return;
    }
    let mut counts = vec![[0usize; BUCKETS]; 64usize.div_ceil(BITS as usize)];
    for &k in keys.iter() {
        for (digit, count) in counts.iter_mut().enumerate() {
            count[((k >> (digit as u32 * BITS)) as usize) & (BUCKETS - 1)] += 1;
        }
    }
    let mut other = vec![0u64; keys.len()];
    let n = keys.len();
    for (digit, count) in counts.iter().enumerate() {
        if count.contains(&n) {
            continue;
        }
        let mut offsets = [0usize; BUCKETS];
        let mut sum = 0;
        for (o, c) in offsets.iter_mut().zip(count) {
            *o = sum;
            sum += c;
        }
        let shift = digit as u32 * BITS;
        for &k in keys.iter() {
            let d = ((k >> shift) as usize) & (BUCKETS - 1);
            other[offsets[d]] = k;
            offsets[d] += 1;
        }
        std::mem::swap(keys, &mut other);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_sorts() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut keys: Vec<u64> = (0..10_000)
            .map(|i| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                if i % 3 == 0 { state & 0xFFFF } else { state }
            })
            .collect();
        let mut expected = keys.clone();
        expected.sort_unstable();
        radix_sort(&mut keys);
        assert_eq!(keys, expected);
    }
}
