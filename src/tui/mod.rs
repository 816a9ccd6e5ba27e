//! The reader: keys become actions, `App::update` changes the state, views
//! draw it. This module owns the terminal and the event loop.

pub mod action;
pub mod app;
pub mod keymap;
pub mod line_edit;
mod terminal;
pub mod theme;
pub mod view;
pub mod wrap;

use std::time::Duration;

use crossterm::event;

use crate::corpus::Corpus;
use action::Effect;
use app::App;
use theme::Theme;

/// How often the loop looks for a termination signal between events.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// Runs the reader until the user quits; returns the exit status (0, or
/// 128+N after signal N).
pub fn run(corpus: Corpus) -> std::io::Result<u8> {
    let signals = terminal::Signals::register()?;
    let mut session = terminal::Session::start()?;
    let size = session.size()?;
    let mut app = App::new(corpus, size, Theme::from_env());
    let mut dirty = true;
    loop {
        if dirty {
            session.draw(|frame| view::draw(frame, &app))?;
            dirty = false;
        }
        if let Some(signal) = signals.received() {
            drop(session);
            return Ok(128 + signal as u8);
        }
        if !event::poll(SIGNAL_POLL)? {
            continue;
        }
        // Handle everything already queued before drawing again, so a burst
        // of keys or resizes costs one frame.
        loop {
            let event = event::read()?;
            if let Some(action) = keymap::action_for(app.mode, app.focus, &event) {
                if app.update(action).contains(&Effect::Quit) {
                    return Ok(0);
                }
                dirty = true;
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
}
