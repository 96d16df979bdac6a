//! The web renderer's layouts, with amplify-ui's CSS and tokens (`inAppMessaging/*.scss`,
//! `tokens/components/inAppMessaging.ts`): a banner 400x150 with a 12 px margin, at most half
//! the viewport wide and at its right; the modal and full screen as a dialog 30vw x 50vh (at
//! least 400x400), full screen over a backdrop of 50% black. Below 768 px banners and the modal
//! take the width less the margins and full screen the whole viewport. Inside: padding 16, the
//! header 16 px extra bold on one line cut with an ellipsis, body 16 px, buttons 5 px round.

use super::Scene;
use super::list::{Canvas, Item, Rect};
use super::parts::{
    Block, Font, Look, button_row, buttons, close_mark, contain, picture, place_text, text_blocks,
    text_height,
};
use crate::model::colour::Rgba;
use crate::model::{Content, Layout};

const MARGIN: f32 = 12.0;
const PADDING: f32 = 16.0;
/// The gap between the layout's rows, and between header and body (`space.xxxs`).
const GAP: f32 = 4.0;
/// Amplify's `Flex` gap: between image, text and close mark, and between buttons.
const FLEX_GAP: f32 = 16.0;
/// The breakpoint below which messages take the full width (`useBreakpointValue`, medium).
const WIDE: f32 = 768.0;
const BANNER: (f32, f32) = (400.0, 150.0);
const DIALOG_MIN: f32 = 400.0;
/// `extrabold`, 800: drawn with Inter ExtraBold, buttons (`bold`, 700) with Inter Bold.
const HEADER: Font = Font {
    size: 16.0,
    line: 24.0,
    weight: 800,
};
const BODY: Font = Font {
    size: 16.0,
    line: 24.0,
    weight: 400,
};
/// Buttons in dialogs: 16 px bold, padded 8 above and below a 24 px line.
const BUTTON: (Font, f32) = (
    Font {
        size: 16.0,
        line: 24.0,
        weight: 700,
    },
    40.0,
);
/// Banners use the small button: 14 px, padded 6 above and below a 21 px line.
const BUTTON_SMALL: (Font, f32) = (
    Font {
        size: 14.0,
        line: 21.0,
        weight: 700,
    },
    33.0,
);
const CLOSE: f32 = 20.0;
/// `colors.neutral.80`, hsl(210, 10%, 40%).
const CLOSE_COLOUR: Rgba = Rgba::opaque(0x5C, 0x66, 0x70);
/// `colors.overlay.50`.
const BACKDROP: Rgba = Rgba {
    r: 0,
    g: 0,
    b: 0,
    a: 128,
};

/// Draws `card` as `layout` in the viewport.
pub fn draw(canvas: &mut Canvas, card: &Content, layout: &Layout, scene: &Scene<'_>) {
    match layout {
        Layout::MobileFeed => dialog(canvas, card, false, scene),
        Layout::Overlays => dialog(canvas, card, true, scene),
        _ => banner(canvas, card, layout, scene),
    }
}

/// Header (one line) and body in a column `width` wide.
fn text(look: &Look, width: f32, canvas: &mut Canvas) -> (Option<Block>, Option<Block>) {
    text_blocks(look, (HEADER, BODY), width, true, canvas)
}

/// A fixed 150 px card: image (15% of the row), text and close mark in a row; small buttons
/// below; text that does not fit is hidden, as the CSS hides it.
fn banner(canvas: &mut Canvas, card: &Content, layout: &Layout, scene: &Scene<'_>) {
    let look = Look::of(card, true);
    let view = scene.screen;
    let (w, h) = if view.w >= WIDE {
        (BANNER.0.min(view.w / 2.0), BANNER.1)
    } else {
        (view.w - 2.0 * MARGIN, BANNER.1)
    };
    let x = if view.w >= WIDE {
        view.right() - MARGIN - w
    } else {
        view.x + MARGIN
    };
    let y = match layout {
        Layout::MiddleBanner => view.y + (view.h - h) / 2.0,
        Layout::BottomBanner => view.bottom() - MARGIN - h,
        _ => view.y + MARGIN,
    };
    let rect = Rect::new(x, y, w, h);
    canvas.fill(Some("card"), rect, look.background);
    let inner = rect.inset(PADDING);
    let buttons = buttons(card, scene);
    let (font, button_h) = BUTTON_SMALL;
    let content_h = if buttons.is_empty() {
        inner.h
    } else {
        (inner.h - button_h - GAP).max(0.0)
    };
    let mut text_x = inner.x;
    if let Some(image) = picture(card, scene, canvas) {
        let column = Rect::new(inner.x, inner.y, 0.15 * inner.w, content_h);
        let rect = contain(column, &image);
        canvas.items.push(Item::Image { rect, image });
        text_x += column.w + FLEX_GAP;
    }
    let text_w = (inner.right() - CLOSE - FLEX_GAP - text_x).max(1.0);
    let blocks = text(&look, text_w, canvas);
    place_text(
        canvas,
        &blocks,
        (text_x, inner.y),
        text_w,
        inner.y + content_h,
        GAP,
    );
    close_mark(canvas, inner.right() - CLOSE, inner.y, CLOSE, CLOSE_COLOUR);
    if !buttons.is_empty() {
        let row = Rect::new(inner.x, inner.bottom() - button_h, inner.w, button_h);
        button_row(canvas, row, &buttons, (FLEX_GAP, font), None);
    }
}

/// The modal, or full screen (`full`): a dialog with the close mark at the top, image (40% of
/// the content's height) and text centred in the middle, buttons at the bottom.
fn dialog(canvas: &mut Canvas, card: &Content, full: bool, scene: &Scene<'_>) {
    let look = Look::of(card, true);
    let view = scene.screen;
    let wide = view.w >= WIDE;
    let rect = if full && !wide {
        view
    } else {
        let w = if wide {
            (0.3 * view.w).max(DIALOG_MIN).min(view.w)
        } else {
            view.w - 2.0 * MARGIN
        };
        let h = (0.5 * view.h).max(DIALOG_MIN).min(view.h);
        Rect::new(
            view.x + (view.w - w) / 2.0,
            view.y + (view.h - h) / 2.0,
            w,
            h,
        )
    };
    if full && wide {
        canvas.fill(Some("backdrop"), view, BACKDROP);
    }
    canvas.fill(Some("card"), rect, look.background);
    let inner = rect.inset(PADDING);
    close_mark(canvas, inner.right() - CLOSE, inner.y, CLOSE, CLOSE_COLOUR);
    let buttons = buttons(card, scene);
    let (font, button_h) = BUTTON;
    let top = inner.y + CLOSE + GAP;
    let bottom = if buttons.is_empty() {
        inner.bottom()
    } else {
        inner.bottom() - button_h - GAP
    };
    let content_h = (bottom - top).max(0.0);
    let image = picture(card, scene, canvas);
    let image_h = if image.is_some() {
        0.4 * content_h
    } else {
        0.0
    };
    let blocks = text(&look, inner.w, canvas);
    let total = image_h + if image.is_some() { FLEX_GAP } else { 0.0 } + text_height(GAP, &blocks);
    let mut y = top + ((content_h - total) / 2.0).max(0.0);
    if let Some(image) = image {
        let rect = contain(Rect::new(inner.x, y, inner.w, image_h), &image);
        canvas.items.push(Item::Image { rect, image });
        y += image_h + FLEX_GAP;
    }
    place_text(canvas, &blocks, (inner.x, y), inner.w, bottom, GAP);
    if !buttons.is_empty() {
        let row = Rect::new(inner.x, inner.bottom() - button_h, inner.w, button_h);
        button_row(canvas, row, &buttons, (FLEX_GAP, font), None);
    }
}
