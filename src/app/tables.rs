//! The key tables, one per input mode: browsing, the filter, the endpoint prompt and the help.

use crossterm::event::KeyCode;

use super::keys::{Binding, Command, code, ctrl, k};

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
        keys: &[k('v')],
        label: "v",
        help: "preview in pixels or in cells (where images show)",
        footer: None,
        command: Command::TogglePixels,
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
        help: "record a display of the selected message, as devices count",
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
        keys: &[k('t')],
        label: "t",
        help: "set a trigger: which message a device shows (Esc clears)",
        footer: Some("t trigger"),
        command: Command::Trigger,
    },
    Binding {
        keys: &[k('n')],
        label: "n",
        help: "start a new app session (session caps count again)",
        footer: None,
        command: Command::NewSession,
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
        help: "quit (Esc first clears a trigger, then a filter)",
        footer: Some("q quit"),
        command: Command::Quit,
    },
];

/// `^C` quits from every line editor, as from the normal mode.
const CTRL_C_QUITS: Binding = Binding {
    keys: &[ctrl('c')],
    label: "^C",
    help: "quit",
    footer: None,
    command: Command::Quit,
};

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
    CTRL_C_QUITS,
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
    CTRL_C_QUITS,
];

pub const TRIGGER: &[Binding] = &[
    Binding {
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        help: "set the trigger: the list marks what a device shows for it",
        footer: Some("Enter set"),
        command: Command::SetTrigger,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        help: "cancel",
        footer: Some("Esc cancel"),
        command: Command::CancelTrigger,
    },
    CTRL_C_QUITS,
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
