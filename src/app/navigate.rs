//! Moving around: the selection and the list's scroll, focus, the details' and the help's
//! scroll, and the mouse, all against the geometry `app` owns.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::fetching::go_to_endpoint;
use super::geometry::endpoint_offset;
use super::keys::Command;
use super::modes::run;
use super::state::{Pane, State};
use super::update::{Effect, Outcome};

/// Clicks focus and select; the wheel scrolls what it is over.
pub fn on_mouse(state: &mut State, mouse: MouseEvent) -> Outcome {
    let hit = state
        .screen()
        .pane_at(Position::new(mouse.column, mouse.row));
    // Rows start one below a pane's top border.
    let row = |pane: Rect| (mouse.row > pane.y).then(|| usize::from(mouse.row - pane.y - 1));
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            let Some((pane, rect)) = hit else {
                return Outcome::none();
            };
            state.focus = pane;
            let mut out = Outcome::redraw();
            match (pane, row(rect)) {
                (Pane::Endpoints, Some(row)) => {
                    let index = endpoint_offset(state.current, rect) + row;
                    if index < state.endpoints.len() {
                        out.effects = go_to_endpoint(state, index);
                    }
                }
                (Pane::List, Some(row)) => {
                    let index = state.list_offset + row;
                    if index < state.visible.len() {
                        select(state, index);
                    }
                }
                _ => {}
            }
            out
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = mouse.kind == MouseEventKind::ScrollDown;
            match hit.map(|(pane, _)| pane) {
                Some(Pane::Details) => scroll_details(state, if down { 1 } else { -1 }),
                Some(Pane::Preview) => {
                    let card = if down {
                        Command::NextCard
                    } else {
                        Command::PrevCard
                    };
                    return run(state, card);
                }
                _ => move_selection(state, if down { 1 } else { -1 }),
            }
            Outcome::redraw()
        }
        _ => Outcome::none(),
    }
}

pub fn move_selection(state: &mut State, by: isize) {
    let target = state.selected.saturating_add_signed(by);
    select(state, target.min(state.visible.len().saturating_sub(1)));
}

/// Selects the campaign at `index` of the visible rows and scrolls it into view.
pub fn select(state: &mut State, index: usize) {
    if index != state.selected {
        state.page = 0;
        state.details_scroll = 0;
    }
    state.selected = index;
    keep_selection_visible(state);
}

/// Rows the list shows at the current size.
fn list_rows(state: &State) -> usize {
    let screen = state.screen();
    screen
        .list
        .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
}

pub fn page_len(state: &State) -> usize {
    list_rows(state).saturating_sub(1).max(1)
}

pub fn keep_selection_visible(state: &mut State) {
    let rows = list_rows(state);
    if state.selected < state.list_offset {
        state.list_offset = state.selected;
    } else if state.selected >= state.list_offset + rows {
        state.list_offset = state.selected + 1 - rows;
    }
    // No empty rows below the last campaign while there are campaigns above.
    let max_offset = state.visible.len().saturating_sub(rows);
    state.list_offset = state.list_offset.min(max_offset);
}

/// Moves focus to the list when its pane is no longer drawn at this size, so keys never act
/// on a pane the user cannot see. Too small a window draws none; focus waits there.
pub fn keep_focus_shown(state: &mut State) {
    let shown = state.screen().focusable();
    if !shown.is_empty() && !shown.contains(&state.focus) {
        state.focus = Pane::List;
    }
}

pub fn cycle_focus(state: &State, by: isize) -> Pane {
    let shown = state.screen().focusable();
    if shown.is_empty() {
        return state.focus;
    }
    let here = shown.iter().position(|p| *p == state.focus).unwrap_or(0);
    shown[(here as isize + by).rem_euclid(shown.len() as isize) as usize]
}

/// Scrolls the details by `by` lines, within its text.
pub fn scroll_details(state: &mut State, by: i32) {
    state.details_scroll = scrolled(state.details_scroll, by, state.details_max_scroll());
}

/// Scrolls the help by `by` rows, within its rows.
pub fn scroll_help(state: &mut State, by: i32) {
    state.help_scroll = scrolled(state.help_scroll, by, state.help_max_scroll());
}

fn scrolled(at: u16, by: i32, max: u16) -> u16 {
    (i32::from(at).saturating_add(by)).clamp(0, i32::from(max)) as u16
}

/// The first or the last endpoint, from the endpoints pane.
pub fn go_to_first_or_last_endpoint(state: &mut State, last: bool) -> Vec<Effect> {
    let index = if last {
        state.endpoints.len().saturating_sub(1)
    } else {
        0
    };
    go_to_endpoint(state, index)
}
