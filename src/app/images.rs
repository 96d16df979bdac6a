//! Which images the screen needs, and what to do with their answers: loads and frame encodings
//! go out as effects, results come back as actions.

use std::sync::Arc;

use super::state::State;
use super::update::{Effect, Outcome};
use std::path::Path;

use crate::images::board::{Board, Entry, Frame, FrameKey, Mode, Want};
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
                .filter_map(|card| card.image_url.as_deref().map(str::to_owned))
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

/// Where an image is, as far as the screen knows: by its key when ready.
pub enum Status {
    Off,
    Loading,
    Failed(String),
    Ready(String, Arc<Loaded>),
}

/// What the screen knows of the image `url` names.
pub fn image_status(board: &Board, base: Option<&Path>, url: &str) -> Status {
    if board.mode == Mode::Off {
        return Status::Off;
    }
    let location = match resolve(url, base) {
        Ok(l) => l,
        Err(e) => return Status::Failed(e.to_string()),
    };
    let key = location.key();
    match board.entry(&key) {
        Some(Entry::Ready(image)) => Status::Ready(key, Arc::clone(image)),
        Some(Entry::Failed(why)) => Status::Failed(why.clone()),
        Some(Entry::Loading) | None => Status::Loading,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{demo, key};
    use crate::app::{Action, update};

    fn demo_in(mode: Mode) -> State {
        demo(mode, |_| {})
    }

    fn loads(effects: &[Effect]) -> Vec<String> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::LoadImage { key, .. } => Some(key.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn off_loads_nothing() {
        let mut state = demo_in(Mode::Off);
        assert!(loads(&key(&mut state, 'j')).is_empty());
    }

    #[test]
    fn a_carousel_loads_every_card_once_and_a_banner_its_own() {
        let mut state = demo_in(Mode::Pixels);
        assert_eq!(
            loads(&load_needed(&mut state)),
            Vec::<String>::new(),
            "the banner's image was asked for when it was selected"
        );
        assert!(matches!(
            state.images.entry("demo:winter-sale.png"),
            Some(crate::images::Entry::Loading)
        ));
        let tour = loads(&key(&mut state, 'j'));
        assert_eq!(
            tour,
            ["tour-1", "tour-2", "tour-3", "tour-4"].map(|n| format!("demo:{n}.png"))
        );
        assert!(
            loads(&key(&mut state, 'l')).is_empty(),
            "paging reloads nothing"
        );
    }

    #[test]
    fn answers_are_stored_and_r_retries_failures() {
        let mut state = demo_in(Mode::Pixels);
        let out = update(
            &mut state,
            Action::ImageLoaded {
                key: "demo:winter-sale.png".into(),
                result: Err("timed out".into()),
            },
        );
        assert!(out.redraw);
        assert!(loads(&key(&mut state, 'j')).len() == 4);
        assert!(
            loads(&key(&mut state, 'k')).is_empty(),
            "a failure is remembered"
        );
        assert_eq!(loads(&key(&mut state, 'r')), ["demo:winter-sale.png"]);
    }

    #[test]
    fn each_wanted_frame_is_encoded_once() {
        let mut state = demo_in(Mode::Pixels);
        let bytes = crate::images::resolve::embedded_bytes("winter-sale.png").unwrap();
        let image = Arc::new(crate::images::decode(bytes, &Default::default()).unwrap());
        let want = Want {
            key: FrameKey {
                image: "demo:winter-sale.png".into(),
                cells: (6, 3),
                background: [0, 0, 0],
            },
            image,
        };
        let first = update(&mut state, Action::FramesWanted(vec![want.clone()]));
        assert_eq!(first.effects, vec![Effect::EncodeFrame(want.clone())]);
        let again = update(&mut state, Action::FramesWanted(vec![want]));
        assert!(again.effects.is_empty());
    }

    #[test]
    fn the_slot_spinner_turns_only_while_an_image_loads() {
        let mut state = demo_in(Mode::Pixels);
        let later = |state: &State| {
            let at = state
                .now
                .checked_add(jiff::SignedDuration::from_millis(100));
            Action::Tick(at.unwrap())
        };
        let tick = later(&state);
        assert!(
            update(&mut state, tick).redraw,
            "loading: the spinner turns"
        );
        let bytes = crate::images::resolve::embedded_bytes("winter-sale.png").unwrap();
        let image = crate::images::decode(bytes, &Default::default()).unwrap();
        let done = Action::ImageLoaded {
            key: "demo:winter-sale.png".into(),
            result: Ok(Arc::new(image)),
        };
        update(&mut state, done);
        let tick = later(&state);
        assert!(!update(&mut state, tick).redraw, "loaded: nothing ticks");
    }
}
