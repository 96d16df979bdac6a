//! The pixel preview: in a terminal that shows images, the selected message drawn as a device
//! draws it, off the UI thread, and shown in the preview pane like any other image.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::state::State;
use super::update::Effect;
use crate::images::board::{Entry, Mode};
use crate::images::{Loaded, resolve};
use crate::model::Campaign;
use crate::rules::check::Finding;
use crate::rules::platform::Platform;

/// Loaded images by `ImageUrl` as the campaign writes it.
pub type Images = BTreeMap<String, Arc<Loaded>>;

/// What a picture of the selected message is drawn from: everything it depends on, so a
/// drawing never waits on the state.
#[derive(Clone, Debug, PartialEq)]
pub struct PixelJob {
    pub campaign: Campaign,
    pub page: usize,
    pub platform: Platform,
    pub findings: Vec<Finding>,
    /// The message's images that have loaded, by `ImageUrl` as written.
    pub images: Images,
    /// The picture's size in pixels: the preview pane's cells times the font's.
    pub size: (u32, u32),
}

// Numbers read from JSON are never NaN, so equality is total.
impl Eq for PixelJob {}

/// Whether the preview pane shows pixels now.
pub fn showing_pixels(state: &State) -> bool {
    state.graphics && state.pixels && state.images.mode == Mode::Pixels
}

/// The board key of the picture the preview shows now, or `None` when it shows cells. The key
/// names all the picture depends on, so a change of selection, card, platform, size or a newly
/// loaded image draws it again.
pub fn wanted(state: &State) -> Option<String> {
    let (size, images) = inputs(state)?;
    let index = *state.visible.get(state.selected)?;
    let print = state.endpoint()?.fingerprints.get(index).copied()?;
    Some(format!(
        "pixels:{print:016x}:{}:{:?}:{}x{}:{}",
        state.page,
        state.platform,
        size.0,
        size.1,
        images.len()
    ))
}

/// What earlier drawings of `key`'s picture share: the key but its last field, the count of
/// images loaded when it was drawn. While a newer drawing (an image has come in) is on its way,
/// the preview keeps showing an earlier one instead of falling back to cells and back.
pub fn same_picture(key: &str) -> Option<&str> {
    key.strip_prefix("pixels:")?;
    key.rfind(':').map(|end| &key[..=end])
}

/// The picture's size in pixels and the message's images loaded so far.
fn inputs(state: &State) -> Option<((u32, u32), Images)> {
    if !showing_pixels(state) {
        return None;
    }
    let campaign = state.selected_campaign()?;
    let pane = state.screen().preview?;
    let font = state.images.font();
    let (cols, rows) = (pane.width.saturating_sub(2), pane.height.saturating_sub(2));
    let size = (
        u32::from(cols) * u32::from(font.width.max(1)),
        u32::from(rows) * u32::from(font.height.max(1)),
    );
    if size.0 < 40 || size.1 < 40 {
        return None;
    }
    let base = state.endpoint().and_then(|e| e.image_base.as_deref());
    let mut images = BTreeMap::new();
    for url in campaign
        .cards()
        .iter()
        .filter_map(|c| c.image_url.as_deref())
    {
        let Ok(location) = resolve(url, base) else {
            continue;
        };
        if let Some(Entry::Ready(image)) = state.images.entry(&location.key()) {
            images.insert(url.to_string(), Arc::clone(image));
        }
    }
    Some((size, images))
}

/// The drawing the preview needs, if it is not on the board yet.
pub fn draw_needed(state: &mut State) -> Vec<Effect> {
    let Some(key) = wanted(state) else {
        return Vec::new();
    };
    if !state.images.request(&key) {
        return Vec::new();
    }
    let (Some((size, images)), Some(campaign)) = (inputs(state), state.selected_campaign()) else {
        return Vec::new();
    };
    let job = PixelJob {
        campaign: campaign.clone(),
        page: state.page,
        platform: state.platform,
        findings: state.selected_findings().to_vec(),
        images,
        size,
    };
    vec![Effect::DrawPixels {
        key,
        job: Box::new(job),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{self, key};

    fn demo(graphics: bool) -> State {
        testing::demo(Mode::Pixels, |state| {
            state.graphics = graphics;
            state.size = (120, 40);
        })
    }

    fn drawings(effects: &[Effect]) -> Vec<String> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::DrawPixels { key, job } => {
                    assert_eq!(
                        job.size,
                        (48 * 10, 36 * 20),
                        "the preview pane's inner cells in pixels"
                    );
                    Some(key.clone())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_newer_drawing_of_the_same_picture_shares_all_but_its_image_count() {
        let mut state = demo(true);
        let banner = wanted(&state).unwrap();
        let prefix = same_picture(&banner).unwrap();
        assert!(banner.starts_with(prefix) && banner.ends_with(":0"));
        // The banner's image arrives: a new drawing, of the same picture.
        let bytes = crate::images::resolve::embedded_bytes("winter-sale.png").unwrap();
        let image = crate::images::decode(bytes, &Default::default()).unwrap();
        let loaded = crate::app::Action::ImageLoaded {
            key: "demo:winter-sale.png".into(),
            result: Ok(Arc::new(image)),
        };
        crate::app::update(&mut state, loaded);
        let with_image = wanted(&state).unwrap();
        assert_ne!(with_image, banner);
        assert_eq!(same_picture(&with_image), Some(prefix));
        // Another message, card or platform is another picture.
        key(&mut state, 'j');
        assert!(!wanted(&state).unwrap().starts_with(prefix));
        assert_eq!(same_picture("demo:winter-sale.png"), None);
    }

    #[test]
    fn half_blocks_keep_the_cell_preview() {
        let mut state = demo(false);
        assert!(wanted(&state).is_none());
        assert!(drawings(&key(&mut state, 'j')).is_empty());
    }

    /// A drawing is asked for once per picture; keys go on being handled while it is drawn, and
    /// each one that changes the picture asks for its own.
    #[test]
    fn keys_never_wait_for_a_drawing_and_each_change_asks_for_one() {
        let mut state = demo(true);
        let first = wanted(&state).expect("a picture for the selected message");
        // The fetch's update asked for it; it is not asked for twice.
        assert!(state.images.entry(&first).is_some());
        assert!(draw_needed(&mut state).is_empty(), "asked for once");
        // No answer has come, yet `j` moves on and asks for the next message's picture.
        let next = drawings(&key(&mut state, 'j'));
        assert_eq!(state.selected, 1);
        assert_eq!(next.len(), 1);
        assert_ne!(next[0], first);
        let on_web = drawings(&key(&mut state, 'p'));
        assert_eq!(on_web.len(), 1, "a platform change draws again");
        // `v` shows cells: nothing more is drawn, and the preview draws no picture.
        assert!(drawings(&key(&mut state, 'v')).is_empty());
        assert!(wanted(&state).is_none());
        assert_eq!(
            drawings(&key(&mut state, 'v')).len(),
            0,
            "already on the board"
        );
        assert!(wanted(&state).is_some());
    }
}
