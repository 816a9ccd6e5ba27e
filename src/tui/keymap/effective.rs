//! The keymap in effect: the default tables, with what the config file
//! rebinds. The help, the status-line hints and the tables of
//! `docs/keys.md` are made from it.

use super::binding::{Binding, Key};
use super::commands;
use super::key_names;
use super::sections::{Context, Section};
use crate::config::{Config, ConfigError};
use crate::tui::action::Command;

/// Tables looked at while text is typed: a printable key bound there
/// would never reach the line.
const TYPED_IN: [Section; 6] = [
    Section::Anywhere,
    Section::Query,
    Section::Line,
    Section::Note,
    Section::Name,
    Section::Export,
];

/// A key that types a character: no Ctrl or Alt.
fn is_typed(key: &Key) -> bool {
    use crossterm::event::KeyCode;
    matches!(key, Key::Code(KeyCode::Char(c), mods) if mods.is_empty() && !c.is_control())
}

/// Whether `keys` take `key`: the same key, or a digit that `1-9` takes.
fn takes(keys: &[Key], key: &Key) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    let digit = matches!(key, Key::Code(KeyCode::Char('1'..='9'), m) if *m == KeyModifiers::NONE);
    keys.contains(key) || (digit && keys.contains(&Key::Digit))
}

/// The keys of hint `short` (`j/k`, `Enter/Esc`, `/`) of a table whose
/// bindings were `before` and are `now`: see [`Keymap::rehint`].
fn hint_keys(short: &str, before: &[Bound], now: &[Bound]) -> String {
    let parts: Vec<&str> = if short == "/" {
        vec![short]
    } else {
        short.split('/').collect()
    };
    let mut keys: Vec<String> = Vec::new();
    for part in parts {
        let place = before.iter().enumerate().find_map(|(b, bound)| {
            let k = bound.keys.iter().position(|k| k.name() == part)?;
            Some((b, k))
        });
        let name = match place {
            // The shorthand as written while the binding is as it was.
            Some((b, _)) if now[b].keys == before[b].keys => Some(part.to_string()),
            Some((b, k)) => now[b].keys.get(k).map(|key| key.name()),
            None => Some(part.to_string()),
        };
        if let Some(name) = name.filter(|n| !keys.contains(n)) {
            keys.push(name);
        }
    }
    keys.join("/")
}

/// Why `action`, a command of another table, cannot be bound in table
/// `section`: where it does apply.
fn applies_elsewhere(action: &str, section: &str) -> Option<String> {
    commands::ALL.iter().find(|c| c.name == action)?;
    let tables: Vec<String> = Section::ALL
        .iter()
        .filter(|s| s.defaults().iter().any(|b| b.named.name == action))
        .map(|s| format!("[keys.{}]", s.config_name()))
        .collect();
    Some(format!(
        "`{action}` does not apply in [keys.{section}]: bind it in {}",
        tables.join(" or ")
    ))
}

/// One binding in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    /// Keys that give the command.
    pub keys: Vec<Key>,
    /// The command's name in the config file.
    pub name: &'static str,
    /// What they give.
    pub command: Command,
    /// What the help says they do.
    pub help: &'static str,
    /// The status line's hint: keys as shown there, and what they do.
    pub hint: Option<(String, &'static str)>,
}

impl Bound {
    fn of(binding: &Binding) -> Bound {
        Bound {
            keys: binding.keys.to_vec(),
            name: binding.named.name,
            command: binding.named.command.clone(),
            help: binding.help,
            hint: binding.hint.map(|(keys, what)| (keys.to_string(), what)),
        }
    }

    /// The keys, named, as the help shows them.
    pub fn label(&self) -> String {
        let names: Vec<String> = self.keys.iter().map(|k| k.name()).collect();
        names.join(" ")
    }

    /// The action's name in the config file.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

/// Every table in effect, by [`Section`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    tables: Vec<Vec<Bound>>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            tables: Section::ALL
                .iter()
                .map(|s| s.defaults().iter().map(Bound::of).collect())
                .collect(),
        }
    }
}

impl Keymap {
    /// The bindings of one table.
    pub fn table(&self, section: Section) -> &[Bound] {
        &self.tables[section.index()]
    }

    /// The defaults with `config`'s `[keys]` applied: an unknown table,
    /// action or key name, or a key bound twice where one context would
    /// see both, is an error at its place in the file.
    pub fn with_config(config: &Config) -> Result<Keymap, ConfigError> {
        let mut keymap = Keymap::default();
        // (table, binding, where) of each rebinding, for the clash check.
        let mut rebound: Vec<(Section, usize, std::ops::Range<usize>)> = Vec::new();
        for asked in &config.keys {
            let err = |message: String| config.error(asked.at.clone(), &message);
            let section = Section::from_config_name(&asked.section).ok_or_else(|| {
                let names: Vec<&str> = Section::ALL.iter().map(|s| s.config_name()).collect();
                err(format!(
                    "unknown key table `[keys.{}]`: use {}",
                    asked.section,
                    names.join(", ")
                ))
            })?;
            let table = &mut keymap.tables[section.index()];
            let Some(at) = table.iter().position(|b| b.name() == asked.action) else {
                if let Some(message) = applies_elsewhere(&asked.action, &asked.section) {
                    return Err(err(message));
                }
                let actions: Vec<&str> = table.iter().map(Bound::name).collect();
                return Err(err(format!(
                    "unknown action `{}` in [keys.{}]: its actions are {}",
                    asked.action,
                    asked.section,
                    actions.join(", ")
                )));
            };
            if table[at].keys.contains(&Key::Digit) {
                return Err(err(format!(
                    "`{}` takes the digits 1-9 and cannot be rebound",
                    asked.action
                )));
            }
            let mut keys = Vec::with_capacity(asked.keys.len());
            for name in &asked.keys {
                let key = key_names::parse(name).map_err(&err)?;
                if TYPED_IN.contains(&section) && is_typed(&key) {
                    return Err(err(format!(
                        "`{name}` is typed as text where [keys.{}] is looked at (the query line, notes, names): use a key with ctrl- or alt-, or a named key",
                        section.config_name()
                    )));
                }
                if key == super::binding::ctrl('c') && table[at].command != Command::Quit {
                    return Err(err(format!(
                        "`{name}` always quits and cannot be bound to `{}`",
                        asked.action
                    )));
                }
                if keys.contains(&key) {
                    return Err(err(format!("`{name}` is given twice")));
                }
                keys.push(key);
            }
            table[at].keys = keys;
            rebound.retain(|(s, i, _)| !(*s == section && *i == at));
            rebound.push((section, at, asked.at.clone()));
        }
        for (section, at, place) in &rebound {
            if let Some(message) = keymap.clash(*section, *at) {
                return Err(config.error(place.clone(), &message));
            }
        }
        keymap.rehint();
        Ok(keymap)
    }

    /// The status line names the keys in effect. A hint may name the keys
    /// of the binding after it too (`j/k` is `j` of down and `k` of up):
    /// each key it names is replaced by the key now in its place in the
    /// binding that had it, so that rebinding one binding leaves the other
    /// half of the hint as it is; a key with no key in its place any more
    /// is left out.
    fn rehint(&mut self) {
        let defaults = Keymap::default();
        for section in Section::ALL {
            let before = defaults.table(section);
            let table = &mut self.tables[section.index()];
            for at in 0..table.len() {
                let Some((short, what)) = &before[at].hint else {
                    continue;
                };
                let keys = hint_keys(short, before, table);
                table[at].hint = Some((keys, what));
            }
        }
    }

    /// Why binding `at` of `section` cannot have its keys: another binding
    /// that a context looks at alongside it has one of them.
    fn clash(&self, section: Section, at: usize) -> Option<String> {
        let mine = &self.table(section)[at];
        let defaults = Keymap::default();
        for context in Context::ALL {
            let sections = context.sections();
            if !sections.contains(&section) {
                continue;
            }
            for &other in sections {
                for (i, binding) in self.table(other).iter().enumerate() {
                    // A table that shadows another with the same action
                    // (the detail's `j` over the list's) is no clash.
                    if (other == section && i == at) || binding.command == mine.command {
                        continue;
                    }
                    // Keys the defaults give both (the facets' Enter over
                    // the list's) were meant so.
                    let by_default = |k: &Key| {
                        defaults.table(section)[at].keys.contains(k)
                            && defaults.table(other)[i].keys.contains(k)
                    };
                    let shared = mine
                        .keys
                        .iter()
                        .find(|k| takes(&binding.keys, k) && !by_default(k));
                    if let Some(key) = shared {
                        return Some(format!(
                            "`{}` is bound twice: to `{}` in [keys.{}] and to `{}` in [keys.{}]",
                            key.name(),
                            mine.name(),
                            section.config_name(),
                            binding.name(),
                            other.config_name()
                        ));
                    }
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn configured(text: &str) -> Result<Keymap, String> {
        let config = Config::parse("c.toml", text).map_err(|e| e.to_string())?;
        Keymap::with_config(&config).map_err(|e| e.to_string())
    }

    /// The hint keys of `command` in `section`.
    fn hint(keymap: &Keymap, section: Section, command: Command) -> String {
        let bound = keymap.table(section).iter().find(|b| b.command == command);
        bound.and_then(|b| b.hint.clone()).unwrap().0
    }

    #[test]
    fn rebinding_keeps_hints_whole() {
        let down = Command::Move(1);
        let keymap = configured("[keys.list]\ndown = [\"j\", \"down\", \"ctrl-n\"]\n").unwrap();
        assert_eq!(hint(&keymap, Section::Browsing, down.clone()), "j/k");
        let keymap = configured("[keys.list]\ndown = [\"ctrl-n\"]\nup = \"ctrl-p\"\n").unwrap();
        assert_eq!(
            hint(&keymap, Section::Browsing, down.clone()),
            "Ctrl-n/Ctrl-p"
        );
        let keymap = configured("[keys.list]\nup = [\"ctrl-p\", \"up\"]\n").unwrap();
        assert_eq!(hint(&keymap, Section::Browsing, down), "j/Ctrl-p");
        // Two keys of one binding: those left stay, one for each.
        let keymap = configured("[keys.query]\nleave-query = \"ctrl-x\"\n").unwrap();
        assert_eq!(hint(&keymap, Section::Query, Command::LeaveQuery), "Ctrl-x");
        let keymap = configured("[keys.query]\nleave-query = [\"esc\", \"enter\"]\n").unwrap();
        assert_eq!(
            hint(&keymap, Section::Query, Command::LeaveQuery),
            "Esc/Enter"
        );
        // Untouched, the shorthand stays as written.
        let keymap = configured("[keys.list]\nquit = \"x\"\n").unwrap();
        assert_eq!(
            keymap.table(Section::Browsing),
            {
                let mut defaults = Keymap::default();
                let table = &mut defaults.tables[Section::Browsing.index()];
                let quit = table
                    .iter_mut()
                    .find(|b| b.command == Command::Quit)
                    .unwrap();
                quit.keys = vec![super::super::binding::ch('x')];
                quit.hint.as_mut().unwrap().0 = "x".into();
                defaults
            }
            .table(Section::Browsing)
        );
    }

    #[test]
    fn ctrl_c_quits_whatever_the_config_says() {
        // Quit moved to F10 in every table that has it.
        let mut text = String::new();
        for section in Section::ALL {
            let defaults = Keymap::default();
            if defaults
                .table(section)
                .iter()
                .any(|b| b.command == Command::Quit)
            {
                text.push_str(&format!(
                    "[keys.{}]\nquit = \"f10\"\n",
                    section.config_name()
                ));
            }
        }
        assert!(text.matches("quit").count() >= 3, "{text}");
        let keymap = configured(&text).unwrap();
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in Context::ALL {
            assert_eq!(
                keymap.command(context, &ctrl_c),
                Some(Command::Quit),
                "{context:?}"
            );
        }
        let message = configured("[keys.list]\nbookmark = [\"b\", \"ctrl-c\"]\n").unwrap_err();
        assert_eq!(
            message,
            "c.toml:2:12: `ctrl-c` always quits and cannot be bound to `bookmark`"
        );
        assert!(configured("[keys.list]\nquit = [\"x\", \"ctrl-c\"]\n").is_ok());
    }

    #[test]
    fn a_command_of_another_table_says_where_it_applies() {
        let message = configured("[keys.query]\nsync = \"ctrl-y\"\n").unwrap_err();
        assert_eq!(
            message,
            "c.toml:2:8: `sync` does not apply in [keys.query]: bind it in [keys.list]"
        );
        let message = configured("[keys.list]\nsave = \"ctrl-y\"\n").unwrap_err();
        assert!(
            message.ends_with("bind it in [keys.note] or [keys.save-query]"),
            "{message}"
        );
        let message = configured("[keys.list]\nfly = \"x\"\n").unwrap_err();
        assert!(message.contains("unknown action `fly`"), "{message}");
    }

    #[test]
    fn a_key_that_draws_nothing_is_refused_where_it_is_written() {
        let message = configured("[keys.list]\nquit = \"\u{200b}\"\n").unwrap_err();
        assert!(
            message.starts_with("c.toml:2:8: `U+200B` is not a key name"),
            "{message}"
        );
        let message = configured("[keys.list]\n\nquit = [\"q\", \"\u{202e}\"]\n").unwrap_err();
        assert!(message.starts_with("c.toml:3:8:"), "{message}");
        assert!(message.contains("draws nothing"), "{message}");
    }
}
