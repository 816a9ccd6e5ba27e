//! Case folding shared by every kind of text matching, so that the index,
//! substring search and fuzzy terms agree on what a lowercase letter is.

/// Lowercase without changing the number of characters: a character whose
/// lowercase is longer than one character stays as it is, except `İ`,
/// which is `i`; the final sigma `ς` folds with `σ` and `Σ`.
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        // Lowercases to `i` and a combining dot: `İstanbul` is `istanbul`.
        'İ' => 'i',
        // The final form of sigma is the same letter.
        'ς' => 'σ',
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}
