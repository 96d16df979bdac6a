//! Keys by input mode: each mode's table says what a key means; the filter and the prompt send
//! other keys to their line editor; commands change the state.

use crossterm::event::KeyEvent;

use super::fetching::{add_endpoint, fetch, step_endpoint};
use super::keys::{Command, Mode};
use super::navigate::{
    cycle_focus, go_to_first_or_last_endpoint, keep_selection_visible, move_selection, page_len,
    scroll_details, scroll_help, select,
};
use super::state::{Pane, State};
use super::trigger::parse_trigger;
use super::update::Outcome;
use crate::rules::select::Counts;

pub fn on_key(state: &mut State, key: KeyEvent) -> Outcome {
    let mode = state.mode;
    if let Some(command) = mode.command_for(&key) {
        return match mode {
            Mode::Help => run_help(state, command),
            _ => run(state, command),
        };
    }
    match mode {
        Mode::Filter => {
            let keep = state.selected_id();
            if !state.filter.handle(&key) {
                return Outcome::none();
            }
            state.refresh_visible(keep);
            keep_selection_visible(state);
            Outcome::redraw()
        }
        Mode::Prompt if state.prompt.handle(&key) => Outcome::redraw(),
        Mode::Trigger if state.trigger_input.handle(&key) => {
            state.prompt_error = None;
            Outcome::redraw()
        }
        Mode::Prompt | Mode::Trigger | Mode::Normal => Outcome::none(),
        // Any key not in the help's table closes it.
        Mode::Help => {
            state.mode = Mode::Normal;
            Outcome::redraw()
        }
    }
}

/// Keys while the help is open scroll it.
fn run_help(state: &mut State, command: Command) -> Outcome {
    let page = i32::from(state.help_page());
    match command {
        Command::Down => scroll_help(state, 1),
        Command::Up => scroll_help(state, -1),
        Command::PageDown => scroll_help(state, page),
        Command::PageUp => scroll_help(state, -page),
        Command::First => scroll_help(state, i32::MIN),
        Command::Last => scroll_help(state, i32::MAX),
        Command::Quit => state.quit = true,
        _ => state.mode = Mode::Normal,
    }
    Outcome::redraw()
}

pub fn run(state: &mut State, command: Command) -> Outcome {
    let mut out = Outcome::redraw();
    // While typing a filter the arrows move the selection, whichever pane has focus.
    let browsing = state.mode == Mode::Normal;
    let endpoints_focused = browsing && state.focus == Pane::Endpoints;
    let details_focused = browsing && state.focus == Pane::Details;
    let page = page_len(state) as isize;
    match command {
        Command::Down | Command::PageDown if endpoints_focused => {
            out.effects = step_endpoint(state, 1, false)
        }
        Command::Up | Command::PageUp if endpoints_focused => {
            out.effects = step_endpoint(state, -1, false)
        }
        Command::First | Command::Last if endpoints_focused => {
            out.effects = go_to_first_or_last_endpoint(state, command == Command::Last)
        }
        Command::Down if details_focused => scroll_details(state, 1),
        Command::Up if details_focused => scroll_details(state, -1),
        Command::PageDown if details_focused => scroll_details(state, page as i32),
        Command::PageUp if details_focused => scroll_details(state, -page as i32),
        Command::Down => move_selection(state, 1),
        Command::Up => move_selection(state, -1),
        Command::First => select(state, 0),
        Command::Last => select(state, state.visible.len().saturating_sub(1)),
        Command::PageDown => move_selection(state, page),
        Command::PageUp => move_selection(state, -page),
        Command::FocusNext => state.focus = cycle_focus(state, 1),
        Command::FocusPrev => state.focus = cycle_focus(state, -1),
        Command::NextEndpoint => out.effects = step_endpoint(state, 1, true),
        Command::PrevEndpoint => out.effects = step_endpoint(state, -1, true),
        Command::AddEndpoint => {
            state.prompt.clear();
            state.mode = Mode::Prompt;
        }
        Command::SubmitPrompt => {
            let id = state.prompt.text().trim().to_string();
            state.prompt.clear();
            state.mode = Mode::Normal;
            if !id.is_empty() {
                out.effects = add_endpoint(state, id);
            }
        }
        Command::CancelPrompt => {
            state.prompt.clear();
            state.mode = Mode::Normal;
        }
        Command::NextCard => {
            let cards = state.selected_campaign().map_or(0, |c| c.cards().len());
            if state.page + 1 >= cards {
                return Outcome::none();
            }
            state.page += 1;
        }
        Command::PrevCard => {
            if state.page == 0 {
                return Outcome::none();
            }
            state.page -= 1;
        }
        Command::CyclePlatform => state.platform = state.platform.next(),
        Command::TogglePixels => state.pixels = !state.pixels,
        Command::Filter => state.mode = Mode::Filter,
        Command::KeepFilter => state.mode = Mode::Normal,
        Command::ClearFilter => {
            state.mode = Mode::Normal;
            clear_filter(state);
        }
        Command::RecordDisplay => {
            // Counted under the id the device keys it by: none is "".
            let Some(id) = state
                .selected_campaign()
                .map(|c| c.campaign_id.clone().unwrap_or_default())
            else {
                return Outcome::none();
            };
            state.counts.record(&id, &state.now);
        }
        Command::ResetDisplays => state.counts = Counts::new(),
        Command::NewSession => state.counts.start_session(),
        Command::Refresh => {
            state.images.forget_failures();
            out.effects.extend(fetch(state, state.current));
        }
        Command::Help => {
            state.mode = Mode::Help;
            state.help_scroll = 0;
        }
        Command::CloseHelp => state.mode = Mode::Normal,
        Command::Trigger => {
            state.mode = Mode::Trigger;
            state.prompt_error = None;
        }
        Command::SetTrigger => match parse_trigger(state.trigger_input.text()) {
            Ok(trigger) => {
                state.trigger = Some(trigger);
                state.mode = Mode::Normal;
            }
            Err(why) => state.prompt_error = Some(why),
        },
        Command::CancelTrigger => {
            state.mode = Mode::Normal;
            state.prompt_error = None;
        }
        // Esc (and q) first clear a trigger, then a kept filter.
        Command::Quit if state.mode == Mode::Normal && state.trigger.is_some() => {
            state.trigger = None;
        }
        Command::Quit if state.mode == Mode::Normal && !state.filter.is_empty() => {
            clear_filter(state)
        }
        Command::Quit => state.quit = true,
    }
    out
}

fn clear_filter(state: &mut State) {
    let keep = state.selected_id();
    state.filter.clear();
    state.refresh_visible(keep);
    keep_selection_visible(state);
}
