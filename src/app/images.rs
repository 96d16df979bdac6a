//! Which images the screen needs, and what to do with their answers: loads and frame encodings
//! go out as effects, results come back as actions.

use std::sync::Arc;

use super::state::State;
use super::update::{Effect, Outcome};
use crate::images::board::{Frame, FrameKey, Mode, Want};
use crate::images::{Loaded, resolve};
use crate::model::Layout;
use crate::rules::layout::effective_layout;

/// Loads for the selected message's images not yet on the board: the shown card's, and for a
/// carousel every card's, so paging does not wait.
pub fn load_needed(state: &mut State) -> Vec<Effect> {
    if state.images.mode == Mode::Off {
        return Vec::new();
    }
    let base = state.endpoint().and_then(|e| e.image_base.clone());
    let urls: Vec<String> = match state.selected_campaign() {
        Some(c) => {
            let cards = c.cards();
            let take = if effective_layout(c) == Layout::Carousel {
                cards.len()
            } else {
                1
            };
            cards
                .iter()
                .take(take)
                .filter_map(|card| card.image_url.clone())
                .collect()
        }
        None => Vec::new(),
    };
    let mut effects = Vec::new();
    for url in urls {
        // A URL that cannot be resolved is drawn with its reason; there is nothing to load.
        let Ok(location) = resolve(&url, base.as_deref()) else {
            continue;
        };
        let key = location.key();
        if state.images.request(&key) {
            effects.push(Effect::LoadImage { key, location });
        }
    }
    effects
}

pub fn on_loaded(state: &mut State, key: &str, result: Result<Arc<Loaded>, String>) -> Outcome {
    state.images.finish(key, result);
    Outcome {
        redraw: true,
        effects: Vec::new(),
    }
}

/// The last frame needed these encodings; each starts once.
pub fn on_frames_wanted(state: &mut State, wants: Vec<Want>) -> Outcome {
    let effects = wants
        .into_iter()
        .filter(|w| state.images.start_frame(&w.key))
        .map(Effect::EncodeFrame)
        .collect();
    Outcome {
        redraw: false,
        effects,
    }
}

pub fn on_frame(state: &mut State, key: FrameKey, frame: Result<Frame, String>) -> Outcome {
    state.images.finish_frame(key, frame);
    Outcome {
        redraw: true,
        effects: Vec::new(),
    }
}
