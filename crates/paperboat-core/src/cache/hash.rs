//! The hash that tells a whole entry from a damaged one: xxh3 of every
//! 32 MiB chunk, then xxh3 of those hashes, so that checking a large entry
//! runs on every core, and writing one hashes it as it streams out.

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// Bytes hashed on their own.
const CHUNK: usize = 32 << 20;

/// The hash of `bytes`, on every core.
pub fn of(bytes: &[u8]) -> u64 {
    of_then(bytes, &|_| {})
}

/// The hash of `bytes`, on every core; `done` is told the range of each
/// chunk once it is hashed.
pub fn of_then(bytes: &[u8], done: &(dyn Fn(std::ops::Range<usize>) + Sync)) -> u64 {
    let chunks = bytes.len().div_ceil(CHUNK).max(1);
    let threads = crate::parallel::threads().min(chunks);
    let parts = crate::parallel::map_ranges(chunks, threads, |range| {
        range
            .map(|c| {
                let chunk = c * CHUNK..((c + 1) * CHUNK).min(bytes.len());
                let hash = xxh3_64(&bytes[chunk.clone()]);
                done(chunk);
                hash
            })
            .collect::<Vec<u64>>()
    });
    let hashes: Vec<u64> = parts.concat();
    xxh3_64(bytemuck::cast_slice(&hashes))
}

/// The same hash, of bytes given piece by piece.
pub struct Hasher {
    chunk: Xxh3,
    in_chunk: usize,
    hashes: Vec<u64>,
}

impl Hasher {
    /// Nothing hashed yet.
    pub fn new() -> Hasher {
        Hasher {
            chunk: Xxh3::new(),
            in_chunk: 0,
            hashes: Vec::new(),
        }
    }

    /// Hashes the bytes that follow those given so far.
    pub fn update(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let take = (CHUNK - self.in_chunk).min(bytes.len());
            self.chunk.update(&bytes[..take]);
            self.in_chunk += take;
            bytes = &bytes[take..];
            if self.in_chunk == CHUNK {
                self.hashes.push(self.chunk.digest());
                self.chunk.reset();
                self.in_chunk = 0;
            }
        }
    }

    /// The hash of everything given.
    pub fn finish(mut self) -> u64 {
        if self.in_chunk > 0 || self.hashes.is_empty() {
            self.hashes.push(self.chunk.digest());
        }
        xxh3_64(bytemuck::cast_slice(&self.hashes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_hash_as_the_whole() {
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 17] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            let mut hasher = Hasher::new();
            for piece in bytes.chunks(7_000_001) {
                hasher.update(piece);
            }
            assert_eq!(hasher.finish(), of(&bytes), "{len}");
        }
        assert_ne!(of(b"a"), of(b"b"));
    }
}
