//! The app behind the message: a dark screen with faint placeholder content, so the message
//! reads as laid over an app, in the terminal preview's colours. A phone or tablet has its
//! status bar; a browser viewport has a page's top bar.

use super::Scene;
use super::list::{Anchor, Canvas, Item, Rect};
use crate::model::colour::Rgba;

/// The app's background and its placeholder content: the terminal preview's colours.
pub const APP_BACKGROUND: Rgba = Rgba::opaque(0x2B, 0x2F, 0x36);
const APP_PLACEHOLDER: Rgba = Rgba::opaque(0x3A, 0x40, 0x48);
const APP_FAINT: Rgba = Rgba::opaque(0x33, 0x38, 0x40);
const CHROME_TEXT: Rgba = Rgba::opaque(0xC8, 0xCC, 0xD2);

/// Draws the screen and what stands for the app on it.
pub fn draw(canvas: &mut Canvas, scene: &Scene<'_>) {
    let screen = scene.screen;
    canvas.fill(Some("screen"), screen, APP_BACKGROUND);
    let top = scene.safe.y;
    if top > 0.0 {
        status_bar(canvas, screen, top);
    }
    // A top bar, then rows of content of varied widths.
    let bar_h = if scene.web { 56.0 } else { 52.0 };
    canvas.fill(None, Rect::new(0.0, top, screen.w, bar_h), APP_PLACEHOLDER);
    canvas.boxed(
        None,
        Rect::new(16.0, top + bar_h / 2.0 - 8.0, 96.0, 16.0),
        4.0,
        APP_FAINT,
        None,
    );
    let margin = if scene.web { 48.0 } else { 16.0 };
    let room = screen.w - 2.0 * margin;
    let mut y = top + bar_h + 24.0;
    let widths = [1.0, 0.85, 0.6, 1.0, 0.75, 0.4];
    for (i, share) in widths.iter().cycle().enumerate() {
        let tall = i % 3 == 0;
        let h = if tall { 120.0 } else { 18.0 };
        if y + h > scene.safe.bottom() - 16.0 {
            break;
        }
        let colour = if tall { APP_PLACEHOLDER } else { APP_FAINT };
        canvas.boxed(
            None,
            Rect::new(margin, y, room * share, h),
            8.0,
            colour,
            None,
        );
        y += h + if tall { 20.0 } else { 14.0 };
    }
}

/// The clock at the left and a battery at the right, in the status bar's height.
fn status_bar(canvas: &mut Canvas, screen: Rect, height: f32) {
    let size = (height * 0.33).clamp(11.0, 16.0);
    let baseline = height * 0.62;
    canvas.items.push(Item::Text {
        class: "chrome",
        x: 32.0,
        y: baseline,
        anchor: Anchor::Start,
        size,
        weight: 600,
        colour: CHROME_TEXT,
        text: "9:41".into(),
        fonts: Vec::new(),
    });
    let battery = Rect::new(
        screen.w - 32.0 - 26.0,
        baseline - size * 0.75,
        26.0,
        size * 0.8,
    );
    canvas.boxed(None, battery, 3.0, APP_BACKGROUND, Some((CHROME_TEXT, 1.0)));
    canvas.fill(None, battery.inset(2.0), CHROME_TEXT);
}

/// Words centred on `area`, for a screen with nothing to show.
pub fn centred_words(canvas: &mut Canvas, area: Rect, words: &str) {
    let (x, y) = area.centre();
    canvas.items.push(Item::Text {
        class: "note",
        x,
        y,
        anchor: Anchor::Middle,
        size: 16.0,
        weight: 400,
        colour: CHROME_TEXT,
        text: words.to_string(),
        fonts: Vec::new(),
    });
}
