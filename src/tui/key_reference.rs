//! The key tables of `docs/keys.md`, made from the keymap's, so that the
//! two never disagree: a test compares them.

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
            // `[title](URL)` in a help text is an example, not a link.
            let help = binding.help.replace('[', "\\[").replace(']', "\\]");
            out.push_str(&format!("| {} | {help} |\n", keys.join(" ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// Where the tables of `docs/keys.md` start and end.
    const START: &str = "<!-- keys: made from src/tui/keymap.rs, checked by `cargo test` -->\n";
    const END: &str = "<!-- /keys -->";

    /// With `PAPERBOAT_UPDATE_README=1`, the page's tables are rewritten
    /// instead (the test's name says `readme` so that the README's
    /// `cargo test --lib readme` runs it).
    #[test]
    fn readme_docs_keys_lists_every_key_as_the_keymap_has_it() {
        crate::readme_section::check("docs/keys.md", START, END, &super::markdown(), "key tables");
    }
}
