//! Slug ids: `MMed-RAG: A System` becomes `mmed-rag-a-system`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The longest slug, before any collision suffix.
pub const MAX_SLUG_LEN: usize = 80;

/// Lowercase ASCII letters and digits; every run of anything else becomes one
/// `-`; trimmed; at most [`MAX_SLUG_LEN`] characters. Never empty.
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len().min(MAX_SLUG_LEN));
    let mut dash = false;
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            if out.len() >= MAX_SLUG_LEN {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    while out.len() > MAX_SLUG_LEN || out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("paper");
    }
    out
}

/// Hands out unique ids: the wanted id if free, else `-2`, `-3`, ...
/// appended. An id some paper asks for is never handed out as another
/// paper's suffix (see [`IdAssigner::reserve`]): only generated suffixes
/// move.
#[derive(Default)]
pub struct IdAssigner {
    taken: HashSet<String>,
    // The next suffix to try per base, so 100,000 equal titles stay linear.
    next_suffix: HashMap<String, u64>,
    /// Hashes of the ids papers ask for. A hash, not the id: a million ids
    /// cost 8 MB, and a collision only skips a suffix that was free.
    wanted: HashSet<u64>,
}

impl IdAssigner {
    /// Notes that a paper asks for `id`, so that no suffix takes it.
    pub fn reserve(&mut self, id: &str) {
        self.wanted.insert(hash(id));
    }

    /// Hands out `id` itself if it is free; false when it was taken.
    pub fn take(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_owned())
    }

    /// [`IdAssigner::assign`] for an owned id, which is returned as it is
    /// when free.
    pub fn assign_owned(&mut self, wanted: String) -> String {
        if self.taken.contains(&wanted) {
            return self.assign(&wanted);
        }
        self.taken.insert(wanted.clone());
        wanted
    }

    /// Returns `wanted`, or the first free suffixed form of it that no
    /// paper asks for.
    pub fn assign(&mut self, wanted: &str) -> String {
        if self.taken.insert(wanted.to_string()) {
            return wanted.to_string();
        }
        let n = self.next_suffix.entry(wanted.to_string()).or_insert(2);
        loop {
            let candidate = format!("{wanted}-{n}");
            *n += 1;
            if !self.wanted.contains(&hash(&candidate)) && self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

fn hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_rule() {
        assert_eq!(
            slug("MMed-RAG: Versatile Multimodal RAG System"),
            "mmed-rag-versatile-multimodal-rag-system"
        );
        assert_eq!(slug("  --Hello,  World!--  "), "hello-world");
        assert_eq!(slug("μ-Bench: über 2D & 3D"), "bench-ber-2d-3d");
        assert_eq!(slug("日本語"), "paper");
        let long = slug(&"abcdefghi ".repeat(20));
        assert!(long.len() <= MAX_SLUG_LEN && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn collisions_get_numbered_suffixes() {
        let mut ids = IdAssigner::default();
        assert_eq!(ids.assign("a"), "a");
        assert_eq!(ids.assign("a-2"), "a-2");
        assert_eq!(ids.assign("a"), "a-3");
        assert_eq!(ids.assign("a"), "a-4");
        assert_eq!(ids.assign("b"), "b");
        assert_eq!(ids.assign_owned("b".into()), "b-2");
        assert_eq!(ids.assign_owned("c".into()), "c");
    }

    #[test]
    fn a_suffix_never_takes_an_id_a_paper_asks_for() {
        let wanted = ["same", "same", "same-2", "same", "same-3", "same-3"];
        let mut ids = IdAssigner::default();
        for id in wanted {
            ids.reserve(id);
        }
        let given: Vec<String> = wanted.iter().map(|id| ids.assign(id)).collect();
        assert_eq!(
            given,
            ["same", "same-4", "same-2", "same-5", "same-3", "same-3-2"]
        );
    }
}
