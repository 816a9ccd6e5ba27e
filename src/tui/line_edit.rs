//! One-line text editing shared by the query line and the note popup.

/// An edit of a one-line text at a cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Insert a character at the cursor.
    Insert(char),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Delete everything.
    Clear,
    /// Cursor one character left.
    Left,
    /// Cursor one character right.
    Right,
    /// Cursor to the start.
    Home,
    /// Cursor to the end.
    End,
}

/// A line being edited: its text and the cursor's byte offset in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    cursor: usize,
}

impl LineEdit {
    /// A line holding `text`, the cursor at its end.
    pub fn new(text: String) -> LineEdit {
        let cursor = text.len();
        LineEdit { text, cursor }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's byte offset in the text.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Applies one edit; true when the text changed.
    pub fn apply(&mut self, edit: Edit) -> bool {
        apply(&mut self.text, &mut self.cursor, edit)
    }

    /// Replaces the text, the cursor at its end.
    pub fn set(&mut self, text: String) {
        *self = LineEdit::new(text);
    }

    /// Inserts `text` at the cursor, which moves past it.
    pub fn insert(&mut self, text: &str) {
        self.cursor = self.cursor.min(self.text.len());
        self.text.insert_str(self.cursor, text);
        self.cursor += text.len();
    }

    /// Appends a space unless the text is empty or ends with one, and puts
    /// the cursor at the end: what is typed next is a word of its own.
    pub fn start_word(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
        self.cursor = self.text.len();
    }

    /// Puts the cursor at the end.
    pub fn cursor_to_end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Length in characters.
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }
}

/// Applies `edit` to `text` with the cursor at byte offset `cursor`;
/// returns true when the text changed.
pub fn apply(text: &mut String, cursor: &mut usize, edit: Edit) -> bool {
    *cursor = (*cursor).min(text.len());
    match edit {
        Edit::Insert(c) => {
            text.insert(*cursor, c);
            *cursor += c.len_utf8();
            true
        }
        Edit::Backspace => match text[..*cursor].chars().next_back() {
            Some(c) => {
                *cursor -= c.len_utf8();
                text.remove(*cursor);
                true
            }
            None => false,
        },
        Edit::Delete => {
            let changed = *cursor < text.len();
            if changed {
                text.remove(*cursor);
            }
            changed
        }
        Edit::DeleteWord => {
            let start = text[..*cursor].trim_end().rfind(' ').map_or(0, |i| i + 1);
            let changed = start < *cursor;
            text.replace_range(start..*cursor, "");
            *cursor = start;
            changed
        }
        Edit::Clear => {
            let changed = !text.is_empty();
            text.clear();
            *cursor = 0;
            changed
        }
        Edit::Left => {
            if let Some(c) = text[..*cursor].chars().next_back() {
                *cursor -= c.len_utf8();
            }
            false
        }
        Edit::Right => {
            if let Some(c) = text[*cursor..].chars().next() {
                *cursor += c.len_utf8();
            }
            false
        }
        Edit::Home => {
            *cursor = 0;
            false
        }
        Edit::End => {
            *cursor = text.len();
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_keeps_the_cursor_on_character_boundaries() {
        let (mut text, mut cursor) = (String::new(), 0);
        for c in "ab".chars() {
            apply(&mut text, &mut cursor, Edit::Insert(c));
        }
        apply(&mut text, &mut cursor, Edit::Left);
        assert!(apply(&mut text, &mut cursor, Edit::Insert('é')));
        assert_eq!((text.as_str(), cursor), ("aéb", 3));
        apply(&mut text, &mut cursor, Edit::Home);
        assert!(apply(&mut text, &mut cursor, Edit::Delete));
        assert_eq!(text, "éb");
        apply(&mut text, &mut cursor, Edit::End);
        assert!(apply(&mut text, &mut cursor, Edit::Backspace));
        assert!(apply(&mut text, &mut cursor, Edit::Backspace));
        assert!(!apply(&mut text, &mut cursor, Edit::Backspace));
        assert_eq!((text.as_str(), cursor), ("", 0));
        let (mut text, mut cursor) = ("one two  ".to_string(), 9);
        assert!(apply(&mut text, &mut cursor, Edit::DeleteWord));
        assert_eq!((text.as_str(), cursor), ("one ", 4));
        assert!(apply(&mut text, &mut cursor, Edit::Clear));
        assert!(!apply(&mut text, &mut cursor, Edit::Clear));
    }
}
