//! `update(state, action) -> Outcome`: every behaviour of the TUI, testable without a terminal.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp, ZonedDateTime};
use ratatui::layout::{Position, Rect};

use super::clock::ClockFacts;
use super::geometry::endpoint_offset;
use super::images;
use super::keys::{Command, command_for};
use super::state::{Endpoint, Fetch, FetchError, Pane, State};
use crate::images::{Frame, FrameKey, Loaded, Location, Want};
use crate::model::Campaign;
use crate::model::Target;

#[derive(Clone, Debug)]
pub enum Action {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// The clock moved; drawn only if something on screen depends on it.
    Tick(ZonedDateTime),
    /// A source answered a fetch.
    Fetched {
        target: Target,
        request: u64,
        at: Timestamp,
        result: Result<Vec<Campaign>, FetchError>,
    },
    /// Watched files of these endpoints changed on disk.
    FilesChanged(Vec<Target>),
    /// An image load ended; the error in words.
    ImageLoaded {
        key: String,
        result: Result<Arc<Loaded>, String>,
    },
    /// The last frame drew these images without an encoding for their slot.
    FramesWanted(Vec<Want>),
    /// An image was encoded for a slot.
    FrameReady {
        key: FrameKey,
        frame: Result<Frame, String>,
    },
}

/// Work for the event loop, which sends the answers back as actions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Fetch {
        target: Target,
        request: u64,
    },
    /// Fetch and decode an image; answered with `Action::ImageLoaded`.
    LoadImage {
        key: String,
        location: Location,
    },
    /// Fit and encode an image for a slot; answered with `Action::FrameReady`.
    EncodeFrame(Want),
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub redraw: bool,
    pub effects: Vec<Effect>,
}

impl Outcome {
    fn redraw() -> Self {
        Self {
            redraw: true,
            effects: Vec::new(),
        }
    }

    fn none() -> Self {
        Self::default()
    }
}

/// Asks for every endpoint once, so the endpoints pane has counts from the start.
pub fn start(state: &mut State) -> Outcome {
    let mut out = Outcome::redraw();
    for index in 0..state.endpoints.len() {
        out.effects.extend(fetch(state, index));
    }
    out
}

/// Asks for the endpoint on screen only: a headless frame needs no other.
pub fn fetch_shown(state: &mut State) -> Vec<Effect> {
    fetch(state, state.current)
}

/// The longest wait between retries of a failing fetch.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// 2 s, 4 s, 8 s … up to `MAX_BACKOFF`.
fn backoff(failures: u32) -> Duration {
    let exp = failures.saturating_sub(1).min(6);
    (Duration::from_secs(2) * (1 << exp)).min(MAX_BACKOFF)
}

fn after(at: Timestamp, wait: Duration) -> Option<Timestamp> {
    at.checked_add(SignedDuration::try_from(wait).ok()?).ok()
}

pub fn update(state: &mut State, action: Action) -> Outcome {
    let mut out = step(state, action);
    out.effects.extend(images::load_needed(state));
    out
}

fn step(state: &mut State, action: Action) -> Outcome {
    match action {
        Action::Key(key) if key.kind != KeyEventKind::Release => on_key(state, key),
        Action::Key(_) => Outcome::none(),
        Action::Mouse(mouse) => on_mouse(state, mouse),
        Action::Resize(w, h) => {
            state.size = (w, h);
            keep_selection_visible(state);
            Outcome::redraw()
        }
        Action::Tick(now) => {
            let before = ClockFacts::of(state);
            state.now = now;
            let effects = fetch_current_if_due(state);
            Outcome {
                redraw: !effects.is_empty() || ClockFacts::of(state) != before,
                effects,
            }
        }
        Action::FilesChanged(targets) => on_files_changed(state, &targets),
        Action::Fetched {
            target,
            request,
            at,
            result,
        } => on_fetched(state, target, request, at, result),
        Action::ImageLoaded { key, result } => images::on_loaded(state, &key, result),
        Action::FramesWanted(wants) => images::on_frames_wanted(state, wants),
        Action::FrameReady { key, frame } => images::on_frame(state, key, frame),
    }
}

fn on_fetched(
    state: &mut State,
    target: Target,
    request: u64,
    at: Timestamp,
    result: Result<Vec<Campaign>, FetchError>,
) -> Outcome {
    let Some(index) = state.endpoints.iter().position(|e| e.target == target) else {
        return Outcome::none();
    };
    let keep = match (&state.select_on_load, &result) {
        (Some(_), Ok(_)) if index == state.current => state.select_on_load.take(),
        _ => state.selected_id(),
    };
    let (refresh, retry) = (state.refresh, state.retry);
    let endpoint = &mut state.endpoints[index];
    // An answer to a request since replaced, or abandoned when the user left the endpoint.
    if request != endpoint.request {
        return Outcome::none();
    }
    endpoint.in_flight = false;
    match result {
        Ok(campaigns) => {
            endpoint.apply(campaigns, at);
            endpoint.due = refresh.and_then(|r| after(at, r));
        }
        // The last good campaigns stay on screen; the error says why they may be stale.
        Err(error) => {
            let transient = error.is_transient();
            endpoint.fetch = Fetch::Failed { at, error };
            endpoint.failures = endpoint.failures.saturating_add(1);
            endpoint.due = if retry && transient {
                after(at, backoff(endpoint.failures))
            } else {
                None
            };
        }
    }
    if index == state.current {
        state.refresh_visible(keep);
        keep_selection_visible(state);
    }
    Outcome::redraw()
}

fn on_files_changed(state: &mut State, targets: &[Target]) -> Outcome {
    let mut out = Outcome::none();
    for target in targets {
        let Some(index) = state.endpoints.iter().position(|e| &e.target == target) else {
            continue;
        };
        if index == state.current {
            out.effects.extend(fetch(state, index));
            out.redraw = true;
        } else {
            // Read when the user comes back to it.
            state.endpoints[index].due = Some(state.now.timestamp());
        }
    }
    out
}

fn on_key(state: &mut State, key: KeyEvent) -> Outcome {
    if state.filter.editing {
        return on_filter_key(state, key);
    }
    if state.help {
        // Any key closes the help; quitting still works from it.
        state.help = false;
        if command_for(&key) == Some(Command::Quit) && key.code != KeyCode::Esc {
            state.quit = true;
        }
        return Outcome::redraw();
    }
    if state.prompt.is_some() {
        return on_prompt_key(state, key);
    }
    let Some(command) = command_for(&key) else {
        return Outcome::none();
    };
    run(state, command)
}

/// Keys at the `e` prompt: the text is an endpoint id of the current application.
fn on_prompt_key(state: &mut State, key: KeyEvent) -> Outcome {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let Some(text) = state.prompt.as_mut() else {
        return Outcome::none();
    };
    match key.code {
        KeyCode::Char('c') if ctrl => state.quit = true,
        KeyCode::Esc => state.prompt = None,
        KeyCode::Backspace => {
            text.pop();
        }
        KeyCode::Char('u') if ctrl => text.clear(),
        // Ids are short; the cap keeps a paste of a whole file out of the state.
        KeyCode::Char(c) if !ctrl && !c.is_control() && text.chars().count() < 200 => text.push(c),
        KeyCode::Enter => {
            let id = text.trim().to_string();
            state.prompt = None;
            if !id.is_empty() {
                return Outcome {
                    redraw: true,
                    effects: add_endpoint(state, id),
                };
            }
        }
        _ => return Outcome::none(),
    }
    Outcome::redraw()
}

/// Adds an endpoint of the current application and shows it; an id already listed is shown.
fn add_endpoint(state: &mut State, id: String) -> Vec<Effect> {
    let app = state
        .endpoint()
        .map(|e| e.target.app.clone())
        .unwrap_or_default();
    let target = Target::new(app, id);
    let index = match state.endpoints.iter().position(|e| e.target == target) {
        Some(i) => i,
        None => {
            state.endpoints.push(Endpoint::new(target));
            state.endpoints.len() - 1
        }
    };
    go_to_endpoint(state, index)
}

fn run(state: &mut State, command: Command) -> Outcome {
    let mut out = Outcome::redraw();
    let endpoints_focused = state.focus == Pane::Endpoints;
    match command {
        Command::Down | Command::PageDown if endpoints_focused => {
            out.effects = step_endpoint(state, 1, false)
        }
        Command::Up | Command::PageUp if endpoints_focused => {
            out.effects = step_endpoint(state, -1, false)
        }
        Command::First if endpoints_focused => out.effects = go_to_endpoint(state, 0),
        Command::Last if endpoints_focused => {
            out.effects = go_to_endpoint(state, state.endpoints.len().saturating_sub(1))
        }
        Command::Down if state.focus == Pane::Details => {
            state.details_scroll = state.details_scroll.saturating_add(1)
        }
        Command::Up if state.focus == Pane::Details => {
            state.details_scroll = state.details_scroll.saturating_sub(1)
        }
        Command::Down => move_selection(state, 1),
        Command::Up => move_selection(state, -1),
        Command::First => select(state, 0),
        Command::Last => select(state, state.visible.len().saturating_sub(1)),
        Command::PageDown if state.focus == Pane::Details => {
            state.details_scroll = state.details_scroll.saturating_add(page_len(state) as u16)
        }
        Command::PageUp if state.focus == Pane::Details => {
            state.details_scroll = state.details_scroll.saturating_sub(page_len(state) as u16)
        }
        Command::PageDown => move_selection(state, page_len(state) as isize),
        Command::PageUp => move_selection(state, -(page_len(state) as isize)),
        Command::FocusNext => state.focus = cycle_focus(state, 1),
        Command::FocusPrev => state.focus = cycle_focus(state, -1),
        Command::NextEndpoint => out.effects = step_endpoint(state, 1, true),
        Command::PrevEndpoint => out.effects = step_endpoint(state, -1, true),
        Command::AddEndpoint => state.prompt = Some(String::new()),
        Command::NextCard => {
            let cards = state.selected_campaign().map_or(0, |c| c.cards().len());
            if state.page + 1 < cards {
                state.page += 1;
            } else {
                return Outcome::none();
            }
        }
        Command::PrevCard => {
            if state.page == 0 {
                return Outcome::none();
            }
            state.page -= 1;
        }
        Command::CyclePlatform => state.platform = state.platform.next(),
        Command::Filter => state.filter.editing = true,
        Command::RecordDisplay => {
            let Some(id) = state.selected_campaign().map(|c| c.id().to_string()) else {
                return Outcome::none();
            };
            state.displays.record(&id);
        }
        Command::ResetDisplays => state.displays = Default::default(),
        Command::Refresh => {
            state.images.forget_failures();
            out.effects.extend(fetch(state, state.current));
        }
        Command::Help => state.help = true,
        Command::Quit if !state.filter.text.is_empty() => {
            let keep = state.selected_id();
            state.filter.text.clear();
            state.refresh_visible(keep);
            keep_selection_visible(state);
        }
        Command::Quit => state.quit = true,
    }
    out
}

fn on_filter_key(state: &mut State, key: KeyEvent) -> Outcome {
    let keep = state.selected_id();
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c') if ctrl => state.quit = true,
        KeyCode::Esc => {
            state.filter.editing = false;
            state.filter.text.clear();
        }
        KeyCode::Enter => state.filter.editing = false,
        KeyCode::Backspace => {
            state.filter.text.pop();
        }
        KeyCode::Char('u') if ctrl => state.filter.text.clear(),
        KeyCode::Char(c) if !ctrl && !c.is_control() => state.filter.text.push(c),
        KeyCode::Down => move_selection(state, 1),
        KeyCode::Up => move_selection(state, -1),
        _ => return Outcome::none(),
    }
    state.refresh_visible(keep);
    keep_selection_visible(state);
    Outcome::redraw()
}

fn on_mouse(state: &mut State, mouse: MouseEvent) -> Outcome {
    let screen = state.screen();
    let at = Position::new(mouse.column, mouse.row);
    let over = |r: Option<Rect>| r.is_some_and(|r| r.contains(at));
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(pane) = screen.endpoints.filter(|r| r.contains(at)) {
                state.focus = Pane::Endpoints;
                let row = usize::from(mouse.row.saturating_sub(pane.y + 1));
                let index = endpoint_offset(state.current, pane) + row;
                let effects = if mouse.row > pane.y && index < state.endpoints.len() {
                    go_to_endpoint(state, index)
                } else {
                    Vec::new()
                };
                return Outcome {
                    redraw: true,
                    effects,
                };
            }
            if let Some(list) = screen.list.filter(|r| r.contains(at)) {
                // Rows start one below the border.
                let row = usize::from(mouse.row.saturating_sub(list.y + 1));
                let index = state.list_offset + row;
                state.focus = Pane::List;
                if mouse.row > list.y && index < state.visible.len() {
                    select(state, index);
                }
                return Outcome::redraw();
            }
            for (pane, rect) in [
                (Pane::Preview, screen.preview),
                (Pane::Details, screen.details),
            ] {
                if over(rect) {
                    state.focus = pane;
                    return Outcome::redraw();
                }
            }
            Outcome::none()
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let step = if mouse.kind == MouseEventKind::ScrollDown {
                1
            } else {
                -1
            };
            if over(screen.details) {
                state.details_scroll = if step > 0 {
                    state.details_scroll.saturating_add(1)
                } else {
                    state.details_scroll.saturating_sub(1)
                };
            } else if over(screen.preview) {
                let command = if step > 0 {
                    Command::NextCard
                } else {
                    Command::PrevCard
                };
                return run(state, command);
            } else {
                move_selection(state, step);
            }
            Outcome::redraw()
        }
        _ => Outcome::none(),
    }
}

fn move_selection(state: &mut State, by: isize) {
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

fn page_len(state: &State) -> usize {
    list_rows(state).saturating_sub(1).max(1)
}

fn keep_selection_visible(state: &mut State) {
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

fn cycle_focus(state: &State, by: isize) -> Pane {
    let shown = state.screen().focusable();
    if shown.is_empty() {
        return state.focus;
    }
    let here = shown.iter().position(|p| *p == state.focus).unwrap_or(0);
    shown[(here as isize + by).rem_euclid(shown.len() as isize) as usize]
}

fn step_endpoint(state: &mut State, by: isize, wrap: bool) -> Vec<Effect> {
    let n = state.endpoints.len() as isize;
    if n == 0 {
        return Vec::new();
    }
    let next = state.current as isize + by;
    let index = if wrap {
        next.rem_euclid(n)
    } else {
        next.clamp(0, n - 1)
    };
    go_to_endpoint(state, index as usize)
}

/// Shows endpoint `index`. A fetch in flight for the endpoint left is abandoned, so its reply
/// is dropped; the one shown is fetched if it never was, or is due.
fn go_to_endpoint(state: &mut State, index: usize) -> Vec<Effect> {
    if index == state.current || index >= state.endpoints.len() {
        return Vec::new();
    }
    if let Some(left) = state.endpoints.get_mut(state.current)
        && left.in_flight
    {
        // Its reply will not match and is dropped; it is fetched again on coming back.
        left.request += 1;
        left.in_flight = false;
        left.due = Some(state.now.timestamp());
        if left.fetch == Fetch::Loading {
            left.fetch = Fetch::Idle;
        }
    }
    state.current = index;
    state.selected = 0;
    state.list_offset = 0;
    state.page = 0;
    state.details_scroll = 0;
    state.visible.clear();
    state.refresh_visible(None);
    let endpoint = &state.endpoints[index];
    if endpoint.fetch == Fetch::Idle || is_due(endpoint, state) {
        fetch(state, index)
    } else {
        Vec::new()
    }
}

fn fetch_current_if_due(state: &mut State) -> Vec<Effect> {
    match state.endpoint() {
        Some(e) if !e.in_flight && is_due(e, state) => fetch(state, state.current),
        _ => Vec::new(),
    }
}

/// Whether the endpoint's refresh or retry time has come.
fn is_due(endpoint: &Endpoint, state: &State) -> bool {
    endpoint.due.is_some_and(|d| d <= state.now.timestamp())
}

/// Sends a new request for endpoint `index`; any older one in flight is superseded.
fn fetch(state: &mut State, index: usize) -> Vec<Effect> {
    let Some(endpoint) = state.endpoints.get_mut(index) else {
        return Vec::new();
    };
    endpoint.request += 1;
    endpoint.in_flight = true;
    endpoint.due = None;
    if endpoint.fetch == Fetch::Idle {
        endpoint.fetch = Fetch::Loading;
    }
    vec![Effect::Fetch {
        target: endpoint.target.clone(),
        request: endpoint.request,
    }]
}
