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

/// Hands out unique ids: the wanted id if free, else `-2`, `-3`, ... appended.
#[derive(Default)]
pub struct IdAssigner {
    taken: HashSet<String>,
    // The next suffix to try per base, so 100,000 equal titles stay linear.
    next_suffix: HashMap<String, u64>,
}

impl IdAssigner {
    /// [`IdAssigner::assign`] for an owned id, which is returned as it is
    /// when free.
    pub fn assign_owned(&mut self, wanted: String) -> String {
        if self.taken.contains(&wanted) {
            return self.assign(&wanted);
        }
        self.taken.insert(wanted.clone());
        wanted
    }

    /// Returns `wanted`, or the first free suffixed form of it.
    pub fn assign(&mut self, wanted: &str) -> String {
        if self.taken.insert(wanted.to_string()) {
            return wanted.to_string();
        }
        let n = self.next_suffix.entry(wanted.to_string()).or_insert(2);
        loop {
            let candidate = format!("{wanted}-{n}");
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
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
}
