//! What the screen holds apart from the papers: the popup on top, the
//! pane with the keys, the terminal's size and the status line's message.

use super::overlay::Overlay;
use crate::tui::action::{Command, Said};

/// The part of the reader about the screen.
#[derive(Debug)]
pub struct Screen {
    /// The popup on top.
    pub(super) overlay: Overlay,
    /// The pane keys go to.
    pub(super) focus: Focus,
    /// The terminal's size in cells.
    pub(super) size: (u16, u16),
    /// The status line's message, until the next key.
    pub(super) message: Option<Message>,
}

impl Screen {
    /// A screen of `size` with the keys on the list.
    pub(super) fn new(size: (u16, u16)) -> Screen {
        Screen {
            overlay: Overlay::None,
            focus: Focus::List,
            size,
            message: None,
        }
    }
}

/// Which pane keys go to when no popup is open and the query line is not
/// being edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The result list.
    List,
    /// The detail pane (the abstract scrolls).
    Detail,
    /// The facets panel.
    Facets,
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text, or the words before the key it names.
    pub text: String,
    /// The command whose key the view names after `text`, and the words
    /// after it.
    pub key: Option<(Command, String)>,
    /// Errors are drawn as such.
    pub is_error: bool,
}

impl Message {
    /// A message whose text may quote anything (a path, a URL, what the
    /// system said): one clean line, of bounded length.
    pub fn new(text: String, is_error: bool) -> Message {
        Message::said(Said::from(text), is_error)
    }

    /// A message that may name a command's key, cleaned as [`Message::new`].
    pub fn said(said: Said, is_error: bool) -> Message {
        let clean = |text: String| {
            let text = crate::corpus::sanitize::clean_line_owned(text);
            crate::corpus::sanitize::clip(&text, 1000).into_owned()
        };
        // The spaces either side of the key stay.
        let mut text = clean(said.text.clone());
        let key = said.key.map(|(command, after)| {
            if said.text.ends_with(' ') {
                text.push(' ');
            }
            let space = if after.starts_with(' ') { " " } else { "" };
            (command, format!("{space}{}", clean(after)))
        });
        Message {
            text,
            key,
            is_error,
        }
    }

    /// The text with the key named by `name` (the view passes the keymap).
    pub fn shown(&self, name: impl Fn(&Command) -> String) -> String {
        match &self.key {
            Some((command, after)) => format!("{}{}{after}", self.text, name(command)),
            None => self.text.clone(),
        }
    }
}
