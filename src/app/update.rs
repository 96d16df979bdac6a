//! `update(state, action) -> Outcome`: every behaviour of the TUI, testable without a terminal.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::{KeyEvent, KeyEventKind, MouseEvent};

use jiff::{Timestamp, ZonedDateTime};

use super::clock::ClockFacts;
use super::endpoint::Reviewed;
use super::fetching::{
    fetch, fetch_current_if_due, on_endpoints_found, on_fetched, on_files_changed,
};
use super::images;
use super::modes::on_key;
use super::navigate::{keep_focus_shown, keep_selection_visible, on_mouse};
use super::state::{FetchError, State};
use super::trigger::refresh_selection;
use crate::images::{Frame, FrameKey, Loaded, Location, Want};
use crate::model::{Campaign, Target};

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
        /// The campaigns' findings when the fetch already reviewed them off the UI thread;
        /// `None` has `update` review them.
        reviewed: Option<Reviewed>,
    },
    /// Watched files of these endpoints changed on disk.
    FilesChanged(Vec<Target>),
    /// Files for these endpoints appeared in a watched directory, with the folders their
    /// relative ImageUrls are resolved from.
    EndpointsFound(Vec<(Target, Option<PathBuf>)>),
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
    /// Draw the selected message in pixels; answered with `Action::ImageLoaded` under `key`.
    DrawPixels {
        key: String,
        job: Box<super::pixels::PixelJob>,
    },
    /// Data the state no longer holds, to be freed off the UI thread: ten thousand replaced
    /// campaigns take longer to free than a frame may take.
    Release(Garbage),
}

/// Whatever is to be freed; all garbage is alike.
pub struct Garbage(pub Box<dyn std::any::Any + Send>);

impl std::fmt::Debug for Garbage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Garbage")
    }
}

/// A copy frees nothing: the data stays with the original.
impl Clone for Garbage {
    fn clone(&self) -> Self {
        Garbage(Box::new(()))
    }
}

impl PartialEq for Garbage {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Garbage {}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub redraw: bool,
    pub effects: Vec<Effect>,
}

impl Outcome {
    pub(super) fn redraw() -> Self {
        Self {
            redraw: true,
            effects: Vec::new(),
        }
    }

    pub(super) fn none() -> Self {
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

pub fn update(state: &mut State, action: Action) -> Outcome {
    // Only these can change the campaigns, the counts, the trigger or the endpoint; a tick
    // decides again on its own.
    let decides = matches!(
        action,
        Action::Key(_) | Action::Mouse(_) | Action::Fetched { .. }
    );
    let mut out = step(state, action);
    if decides {
        refresh_selection(state);
    }
    out.effects.extend(images::load_needed(state));
    out.effects.extend(super::pixels::draw_needed(state));
    out
}

fn step(state: &mut State, action: Action) -> Outcome {
    match action {
        Action::Key(key) if key.kind != KeyEventKind::Release => on_key(state, key),
        Action::Key(_) => Outcome::none(),
        Action::Mouse(mouse) => on_mouse(state, mouse),
        Action::Resize(w, h) => {
            state.size = (w, h);
            keep_focus_shown(state);
            keep_selection_visible(state);
            state.details_scroll = state.details_scroll.min(state.details_max_scroll());
            state.help_scroll = state.help_scroll.min(state.help_max_scroll());
            Outcome::redraw()
        }
        Action::Tick(now) => {
            let before = ClockFacts::of(state);
            state.now = now;
            refresh_selection(state);
            let effects = fetch_current_if_due(state);
            Outcome {
                redraw: !effects.is_empty() || ClockFacts::of(state) != before,
                effects,
            }
        }
        Action::FilesChanged(targets) => on_files_changed(state, &targets),
        Action::EndpointsFound(targets) => on_endpoints_found(state, targets),
        Action::Fetched {
            target,
            request,
            at,
            result,
            reviewed,
        } => on_fetched(state, target, request, at, result, reviewed),
        Action::ImageLoaded { key, result } => images::on_loaded(state, &key, result),
        Action::FramesWanted(wants) => images::on_frames_wanted(state, wants),
        Action::FrameReady { key, frame } => images::on_frame(state, key, frame),
    }
}
