//! For the app's own unit tests: the demo's first endpoint loaded into a state, and keys.

use ratatui_image::FontSize;

use super::state::State;
use super::update::{Action, Effect, update};
use crate::images::Board;
use crate::images::board::Mode;
use crate::model::Target;
use crate::model::input::parse_campaigns;

/// The demo's android-pixel campaigns, fetched into a state with images in `mode` and 10x20
/// cells; `prepare` runs before the fetch arrives, so its update sees what it set.
pub fn demo(mode: Mode, prepare: impl FnOnce(&mut State)) -> State {
    let target = Target::new("demo-app", "android-pixel");
    let now = "2026-11-24T12:00:00Z[UTC]".parse().unwrap();
    let mut state = State::new("demo", vec![target.clone()], now);
    state.images = Board::new(mode, FontSize::new(10, 20));
    prepare(&mut state);
    let json = include_bytes!("../../assets/demo/demo-app/android-pixel.json");
    update(
        &mut state,
        Action::Fetched {
            target,
            request: 0,
            at: jiff::Timestamp::UNIX_EPOCH,
            result: Ok(parse_campaigns(json).unwrap()),
            reviewed: None,
        },
    );
    state
}

/// The effects of pressing `c`.
pub fn key(state: &mut State, c: char) -> Vec<Effect> {
    let event = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c));
    update(state, Action::Key(event)).effects
}
