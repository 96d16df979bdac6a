//! The key table: one list that both dispatches keys and writes the help, so `?` never lies.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Down,
    Up,
    First,
    Last,
    PageDown,
    PageUp,
    FocusNext,
    FocusPrev,
    NextEndpoint,
    PrevEndpoint,
    AddEndpoint,
    NextCard,
    PrevCard,
    CyclePlatform,
    Filter,
    RecordDisplay,
    ResetDisplays,
    Refresh,
    Help,
    Quit,
}

/// A key as the table writes it.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the footer and the help.
    pub label: &'static str,
    pub help: &'static str,
    /// A shorter word for the footer; `None` keeps the binding out of the footer.
    pub footer: Option<&'static str>,
    pub command: Command,
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[k('j'), code(KeyCode::Down)],
        label: "j/↓",
        help: "next campaign (scrolls details when focused)",
        footer: None,
        command: Command::Down,
    },
    Binding {
        keys: &[k('k'), code(KeyCode::Up)],
        label: "k/↑",
        help: "previous campaign (scrolls details when focused)",
        footer: Some("j/k move"),
        command: Command::Up,
    },
    Binding {
        keys: &[k('g'), code(KeyCode::Home)],
        label: "g/Home",
        help: "first campaign",
        footer: None,
        command: Command::First,
    },
    Binding {
        keys: &[k('G'), code(KeyCode::End)],
        label: "G/End",
        help: "last campaign",
        footer: None,
        command: Command::Last,
    },
    Binding {
        keys: &[code(KeyCode::PageDown), ctrl('d')],
        label: "PgDn/^D",
        help: "a page down",
        footer: None,
        command: Command::PageDown,
    },
    Binding {
        keys: &[code(KeyCode::PageUp), ctrl('u')],
        label: "PgUp/^U",
        help: "a page up",
        footer: None,
        command: Command::PageUp,
    },
    Binding {
        keys: &[code(KeyCode::Tab)],
        label: "Tab",
        help: "focus the next pane",
        footer: Some("Tab focus"),
        command: Command::FocusNext,
    },
    Binding {
        keys: &[code(KeyCode::BackTab)],
        label: "S-Tab",
        help: "focus the previous pane",
        footer: None,
        command: Command::FocusPrev,
    },
    Binding {
        keys: &[k(']')],
        label: "]",
        help: "next endpoint",
        footer: None,
        command: Command::NextEndpoint,
    },
    Binding {
        keys: &[k('[')],
        label: "[",
        help: "previous endpoint",
        footer: Some("[/] endpoint"),
        command: Command::PrevEndpoint,
    },
    Binding {
        keys: &[k('e')],
        label: "e",
        help: "add an endpoint id of this application",
        footer: None,
        command: Command::AddEndpoint,
    },
    Binding {
        keys: &[k('l'), code(KeyCode::Right)],
        label: "l/→",
        help: "next carousel card",
        footer: None,
        command: Command::NextCard,
    },
    Binding {
        keys: &[k('h'), code(KeyCode::Left)],
        label: "h/←",
        help: "previous carousel card",
        footer: Some("h/l card"),
        command: Command::PrevCard,
    },
    Binding {
        keys: &[k('p')],
        label: "p",
        help: "cycle platform: Default, Android, iOS, Web",
        footer: Some("p platform"),
        command: Command::CyclePlatform,
    },
    Binding {
        keys: &[k('/')],
        label: "/",
        help: "filter by id, header or body (Enter keeps, Esc clears)",
        footer: Some("/ filter"),
        command: Command::Filter,
    },
    Binding {
        keys: &[k('s')],
        label: "s",
        help: "record one display of the selected message (for caps)",
        footer: None,
        command: Command::RecordDisplay,
    },
    Binding {
        keys: &[k('S')],
        label: "S",
        help: "forget recorded displays",
        footer: None,
        command: Command::ResetDisplays,
    },
    Binding {
        keys: &[k('r'), code(KeyCode::F(5))],
        label: "r",
        help: "fetch the endpoint and failed images again now",
        footer: Some("r refresh"),
        command: Command::Refresh,
    },
    Binding {
        keys: &[k('?'), code(KeyCode::F(1))],
        label: "?",
        help: "this help",
        footer: Some("? help"),
        command: Command::Help,
    },
    Binding {
        keys: &[k('q'), code(KeyCode::Esc), ctrl('c')],
        label: "q/Esc/^C",
        help: "quit (Esc first clears a filter)",
        footer: Some("q quit"),
        command: Command::Quit,
    },
];

/// The command a key press means, if any.
pub fn command_for(key: &KeyEvent) -> Option<Command> {
    let ctrl_held = key.modifiers.contains(KeyModifiers::CONTROL);
    BINDINGS
        .iter()
        .find(|b| {
            b.keys
                .iter()
                .any(|k| k.code == key.code && k.ctrl == ctrl_held)
        })
        .map(|b| b.command)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_dispatches_to_its_own_binding() {
        for b in BINDINGS {
            for key in b.keys {
                let mods = if key.ctrl {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::NONE
                };
                let event = KeyEvent::new(key.code, mods);
                assert_eq!(command_for(&event), Some(b.command), "{}", b.label);
            }
        }
    }

    #[test]
    fn shifted_letters_and_ctrl_are_told_apart() {
        let g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(command_for(&g), Some(Command::Last));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(command_for(&ctrl_c), Some(Command::Quit));
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(command_for(&c), None);
    }
}
