//! The README's key tables, made from the keymap's, so that the two never
//! disagree: a test compares them.

use super::keymap::sections;

/// Every section of the help overlay as a Markdown table.
pub fn markdown() -> String {
    let mut out = String::new();
    for (i, (title, table)) in sections().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "**{title}**\n\n| keys | action |\n| --- | --- |\n"
        ));
        for binding in table.iter() {
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|k| format!("`{}`", k.name()))
                .collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), binding.help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// Where the README's tables start and end.
    const START: &str = "<!-- keys: made from src/tui/keymap.rs, checked by `cargo test` -->\n";
    const END: &str = "<!-- /keys -->";

    /// With `PAPERBOAT_UPDATE_README=1`, the README's tables are rewritten
    /// instead.
    #[test]
    fn the_readme_lists_every_key_as_the_keymap_has_it() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).unwrap();
        let start = readme.find(START).expect("the README's key tables") + START.len();
        let end = start + readme[start..].find(END).expect("their end");
        let made = super::markdown();
        if std::env::var_os("PAPERBOAT_UPDATE_README").is_some() {
            let updated = format!("{}{made}{}", &readme[..start], &readme[end..]);
            std::fs::write(path, updated).unwrap();
        } else {
            assert_eq!(
                readme[start..end],
                made,
                "the README's keys differ from the keymap (PAPERBOAT_UPDATE_README=1 cargo test readme rewrites them)"
            );
        }
    }
}
