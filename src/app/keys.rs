//! The key tables, one per input mode: each both dispatches keys and writes the help, so `?`
//! never lies.

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
    /// Filter mode: keep the filter and go back to the list.
    KeepFilter,
    /// Filter mode: clear the filter and go back.
    ClearFilter,
    /// Prompt mode: add the endpoint typed.
    SubmitPrompt,
    CancelPrompt,
    CloseHelp,
}

/// What keys mean now: browsing, typing a filter, typing an endpoint id, or reading the help.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Normal,
    Filter,
    Prompt,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 4] = [Mode::Normal, Mode::Filter, Mode::Prompt, Mode::Help];

    pub fn bindings(self) -> &'static [Binding] {
        match self {
            Mode::Normal => BINDINGS,
            Mode::Filter => FILTER,
            Mode::Prompt => PROMPT,
            Mode::Help => HELP,
        }
    }

    /// The help's heading for this mode's keys.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "Browsing",
            Mode::Filter => "Filter (after /)",
            Mode::Prompt => "Endpoint prompt (after e)",
            Mode::Help => "This help",
        }
    }

    /// Whether other keys go to the line editor.
    pub fn edits_text(self) -> bool {
        matches!(self, Mode::Filter | Mode::Prompt)
    }

    /// The command a key press means in this mode, if any.
    pub fn command_for(self, key: &KeyEvent) -> Option<Command> {
        let ctrl_held = key.modifiers.contains(KeyModifiers::CONTROL);
        self.bindings()
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(key.code, ctrl_held)))
            .map(|b| b.command)
    }
}

/// A key as the table writes it.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub fn matches(&self, code: KeyCode, ctrl_held: bool) -> bool {
        self.code == code && self.ctrl == ctrl_held
    }
}

pub(crate) const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

pub(crate) const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub(crate) const fn ctrl(c: char) -> Key {
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

pub const FILTER: &[Binding] = &[
    Binding {
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        help: "keep the filter and go back to the list",
        footer: Some("Enter keep"),
        command: Command::KeepFilter,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        help: "clear the filter",
        footer: Some("Esc clear"),
        command: Command::ClearFilter,
    },
    Binding {
        keys: &[code(KeyCode::Down)],
        label: "↓",
        help: "next campaign while typing",
        footer: None,
        command: Command::Down,
    },
    Binding {
        keys: &[code(KeyCode::Up)],
        label: "↑",
        help: "previous campaign while typing",
        footer: None,
        command: Command::Up,
    },
    Binding {
        keys: &[ctrl('c')],
        label: "^C",
        help: "quit",
        footer: None,
        command: Command::Quit,
    },
];

pub const PROMPT: &[Binding] = &[
    Binding {
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        help: "add the endpoint id and show it",
        footer: Some("Enter add"),
        command: Command::SubmitPrompt,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        help: "cancel",
        footer: Some("Esc cancel"),
        command: Command::CancelPrompt,
    },
    Binding {
        keys: &[ctrl('c')],
        label: "^C",
        help: "quit",
        footer: None,
        command: Command::Quit,
    },
];

pub const HELP: &[Binding] = &[
    Binding {
        keys: &[k('j'), code(KeyCode::Down)],
        label: "j/k ↓/↑",
        help: "scroll a line",
        footer: None,
        command: Command::Down,
    },
    Binding {
        keys: &[k('k'), code(KeyCode::Up)],
        label: "",
        help: "",
        footer: None,
        command: Command::Up,
    },
    Binding {
        keys: &[code(KeyCode::PageDown), ctrl('d'), k(' ')],
        label: "PgDn/PgUp",
        help: "scroll a page",
        footer: None,
        command: Command::PageDown,
    },
    Binding {
        keys: &[code(KeyCode::PageUp), ctrl('u')],
        label: "",
        help: "",
        footer: None,
        command: Command::PageUp,
    },
    Binding {
        keys: &[k('g'), code(KeyCode::Home)],
        label: "g/G",
        help: "top / bottom",
        footer: None,
        command: Command::First,
    },
    Binding {
        keys: &[k('G'), code(KeyCode::End)],
        label: "",
        help: "",
        footer: None,
        command: Command::Last,
    },
    Binding {
        keys: &[
            code(KeyCode::Esc),
            k('?'),
            code(KeyCode::Enter),
            code(KeyCode::F(1)),
        ],
        label: "Esc/?",
        help: "close the help (so does any other key)",
        footer: None,
        command: Command::CloseHelp,
    },
    Binding {
        keys: &[k('q'), ctrl('c')],
        label: "q/^C",
        help: "quit",
        footer: None,
        command: Command::Quit,
    },
];

/// The command a key press means while browsing, if any.
pub fn command_for(key: &KeyEvent) -> Option<Command> {
    Mode::Normal.command_for(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_dispatches_to_its_own_binding() {
        for b in Mode::ALL.iter().flat_map(|m| m.bindings()) {
            for key in b.keys {
                let mods = if key.ctrl {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::NONE
                };
                let event = KeyEvent::new(key.code, mods);
                let mode = Mode::ALL
                    .into_iter()
                    .find(|m| m.bindings().iter().any(|x| std::ptr::eq(x, b)))
                    .unwrap();
                assert_eq!(mode.command_for(&event), Some(b.command), "{}", b.label);
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
