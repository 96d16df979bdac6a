//! The key tables, one per input mode: each both dispatches keys and writes the help, so `?`
//! never lies.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use super::tables::{BINDINGS, FILTER, HELP, PROMPT, TRIGGER};

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
    /// The preview in pixels, where the terminal shows images, or in cells.
    TogglePixels,
    Filter,
    RecordDisplay,
    ResetDisplays,
    NewSession,
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
    /// Open the `t` prompt.
    Trigger,
    SetTrigger,
    CancelTrigger,
}

/// What keys mean now: browsing, typing a filter, typing an endpoint id, or reading the help.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Normal,
    Filter,
    Prompt,
    Trigger,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 5] = [
        Mode::Normal,
        Mode::Filter,
        Mode::Prompt,
        Mode::Trigger,
        Mode::Help,
    ];

    pub fn bindings(self) -> &'static [Binding] {
        match self {
            Mode::Normal => BINDINGS,
            Mode::Filter => FILTER,
            Mode::Prompt => PROMPT,
            Mode::Trigger => TRIGGER,
            Mode::Help => HELP,
        }
    }

    /// The help's heading for this mode's keys.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "Browsing",
            Mode::Filter => "Filter (after /)",
            Mode::Prompt => "Endpoint prompt (after e)",
            Mode::Trigger => "Trigger prompt (after t): event key=value key:number",
            Mode::Help => "This help",
        }
    }

    /// Whether other keys go to the line editor.
    pub fn edits_text(self) -> bool {
        matches!(self, Mode::Filter | Mode::Prompt | Mode::Trigger)
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
