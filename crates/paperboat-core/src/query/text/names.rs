//! The name nearest to one typed wrong, for a "did you mean" in errors:
//! subcommands, query fields.

/// The name of `names` fewest edits from `typed` (a swap of neighbours
/// counting as one), if it is at most `most` edits away; the first in
/// order among equals.
pub fn nearest_name<'a>(typed: &str, names: &[&'a str], most: usize) -> Option<&'a str> {
    let (distance, nearest) = names
        .iter()
        .enumerate()
        .map(|(at, name)| (strsim::osa_distance(typed, name), at, *name))
        .min()
        .map(|(distance, _, name)| (distance, name))?;
    (distance <= most).then_some(nearest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_name_within_a_few_edits() {
        let names = ["year", "date", "tag"];
        assert_eq!(nearest_name("yaer", &names, 1), Some("year"));
        assert_eq!(nearest_name("dat", &names, 1), Some("date"));
        assert_eq!(nearest_name("colour", &names, 2), None);
        assert_eq!(nearest_name("tga", &names, 0), None);
    }
}
