//! React Native's layouts, portrait, with amplify-ui's measures (`InAppMessaging/constants.ts`
//! and each component's `styles.ts`): spacing 4/8/12/16, header 18 semibold and body 16 on
//! 1.5 line heights, buttons `flex: 1` with margin 8 and padding 12, a 20 pt close icon, images
//! 0.2 (banners) or 0.6 (the rest) of the screen's short side, carousel dots 12 pt.

use std::sync::Arc;

use super::Scene;
use super::list::{Canvas, Item, Rect};
use super::parts::{
    Block, Button, Font, Look, button_row, buttons, close_mark, image_size, picture, place_text,
    text_blocks, text_height,
};
use crate::images::Loaded;
use crate::model::colour::Rgba;
use crate::model::{Content, Layout};
use crate::rules::contrast::TEXT;

const SMALL: f32 = 4.0;
const MEDIUM: f32 = 8.0;
const LARGE: f32 = 12.0;
const EXTRA_LARGE: f32 = 16.0;
const HEADER: Font = Font {
    size: 18.0,
    line: 27.0,
    weight: 600,
};
const BODY: Font = Font {
    size: 16.0,
    line: 24.0,
    weight: 400,
};
/// Padding 12 above and below a 24 pt line, inside a 1 pt border.
const BUTTON_HEIGHT: f32 = 50.0;
/// The theme's `border.primary`, hsl(210, 10%, 58%), around the default button.
const BUTTON_BORDER: Rgba = Rgba::opaque(0x89, 0x94, 0x9F);
const ICON: f32 = 20.0;
/// The close icon's own colour: the asset is black and nothing tints it.
const ICON_COLOUR: Rgba = TEXT;
const DOT: f32 = 12.0;
const DOT_ACTIVE: Rgba = Rgba::opaque(0xA1, 0xA1, 0xA1);
const DOT_INACTIVE: Rgba = Rgba::opaque(0xD8, 0xD8, 0xD8);
/// The room a carousel card keeps at its bottom for the dots: 12 × 5 / 3.
const DOT_PADDING: f32 = DOT * 5.0 / 3.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Top,
    Middle,
    Bottom,
}

/// Draws `card` as `layout`; a carousel passes (card, cards) for its dots.
pub fn draw(
    canvas: &mut Canvas,
    card: &Content,
    layout: &Layout,
    carousel: Option<(usize, usize)>,
    scene: &Scene<'_>,
) {
    match layout {
        Layout::MiddleBanner => banner(canvas, card, Place::Middle, scene),
        Layout::BottomBanner => banner(canvas, card, Place::Bottom, scene),
        Layout::MobileFeed => modal(canvas, card, scene),
        Layout::Overlays | Layout::Carousel => full_screen(canvas, card, carousel, scene),
        _ => banner(canvas, card, Place::Top, scene),
    }
}

/// Header and body wrapped to `width`.
fn blocks(look: &Look, width: f32, canvas: &mut Canvas) -> (Option<Block>, Option<Block>) {
    text_blocks(look, (HEADER, BODY), width, false, canvas)
}

fn short_side(scene: &Scene<'_>) -> f32 {
    scene.screen.w.min(scene.screen.h)
}

/// A banner's or the modal's card: 16 from the safe area's sides and padded 12, with its image
/// sized to a share of the screen's short side.
struct Card {
    look: Look,
    x: f32,
    w: f32,
    inner_x: f32,
    inner_w: f32,
    image: Option<Arc<Loaded>>,
    iw: f32,
    ih: f32,
}

impl Card {
    fn of(card: &Content, scene: &Scene<'_>, share: f32, canvas: &mut Canvas) -> Card {
        let look = Look::of(card, false);
        let region = scene.safe;
        let (x, w) = (region.x + EXTRA_LARGE, region.w - 2.0 * EXTRA_LARGE);
        let image = picture(card, scene, canvas);
        let (iw, ih) = image
            .as_ref()
            .map_or((0.0, 0.0), |i| image_size(i, share * short_side(scene)));
        Card {
            look,
            x,
            w,
            inner_x: x + LARGE,
            inner_w: w - 2.0 * LARGE,
            image,
            iw,
            ih,
        }
    }
}

/// A card across the screen, 16 from its edges: image, text and close mark in a row, buttons
/// below. Placed at the top, middle or bottom of the safe area.
fn banner(canvas: &mut Canvas, card: &Content, place: Place, scene: &Scene<'_>) {
    let Card {
        look,
        x,
        w,
        inner_x,
        inner_w,
        image,
        iw,
        ih,
    } = Card::of(card, scene, 0.2, canvas);
    let region = scene.safe;
    // The text column: padded 8 each side, between the image and the close icon.
    let text_x = inner_x + iw + MEDIUM;
    let text_w = (inner_w - iw - 2.0 * MEDIUM - ICON).max(1.0);
    let text = blocks(&look, text_w, canvas);
    let row_h = ih.max(text_height(0.0, &text)).max(ICON);
    let content_h = 2.0 * LARGE + row_h;
    let buttons = buttons(card, scene);
    let buttons_h = if buttons.is_empty() {
        0.0
    } else {
        2.0 * SMALL + 2.0 * MEDIUM + BUTTON_HEIGHT
    };
    let h = content_h + buttons_h;
    let y = match place {
        Place::Top => region.y + EXTRA_LARGE,
        Place::Middle => region.y + (region.h - h) / 2.0,
        Place::Bottom => region.bottom() - EXTRA_LARGE - h,
    };
    canvas.fill(Some("card"), Rect::new(x, y, w, h), look.background);
    if let Some(image) = image {
        let rect = Rect::new(inner_x, y + LARGE + (row_h - ih) / 2.0, iw, ih);
        canvas.items.push(Item::Image { rect, image });
    }
    place_text(
        canvas,
        &text,
        (text_x, y + LARGE),
        text_w,
        y + content_h,
        0.0,
    );
    close_mark(
        canvas,
        inner_x + inner_w - ICON,
        y + LARGE,
        ICON,
        ICON_COLOUR,
    );
    phone_buttons(canvas, &buttons, x, w, y + content_h + SMALL + MEDIUM);
}

/// A card centred in the safe area, at least 40% of its height: close mark, image, text, and
/// the buttons pinned to its bottom.
fn modal(canvas: &mut Canvas, card: &Content, scene: &Scene<'_>) {
    let Card {
        look,
        x,
        w,
        inner_x,
        inner_w,
        image,
        iw,
        ih,
    } = Card::of(card, scene, 0.6, canvas);
    let region = scene.safe;
    let text = blocks(&look, inner_w, canvas);
    let mut cursor = LARGE + ICON;
    let image_top = cursor + LARGE;
    if image.is_some() {
        cursor += 2.0 * LARGE + ih;
    }
    let text_top = cursor + LARGE;
    cursor = text_top + text_height(0.0, &text) + LARGE;
    let buttons = buttons(card, scene);
    let buttons_h = if buttons.is_empty() {
        0.0
    } else {
        2.0 * MEDIUM + BUTTON_HEIGHT + SMALL
    };
    let h = (cursor + buttons_h).max(0.4 * region.h);
    let y = region.y + (region.h - h) / 2.0;
    canvas.fill(Some("card"), Rect::new(x, y, w, h), look.background);
    close_mark(
        canvas,
        inner_x + inner_w - ICON,
        y + LARGE,
        ICON,
        ICON_COLOUR,
    );
    if let Some(image) = image {
        let rect = Rect::new(inner_x + (inner_w - iw) / 2.0, y + image_top, iw, ih);
        canvas.items.push(Item::Image { rect, image });
    }
    let buttons_top = y + h - buttons_h;
    place_text(
        canvas,
        &text,
        (inner_x, y + text_top),
        inner_w,
        buttons_top,
        0.0,
    );
    phone_buttons(
        canvas,
        &buttons,
        x,
        w,
        y + h - SMALL - MEDIUM - BUTTON_HEIGHT,
    );
}

/// The whole screen in the card's colour; inside the safe area, padded 16: close mark, image,
/// text, and buttons at the bottom. A carousel keeps room for its dots.
fn full_screen(
    canvas: &mut Canvas,
    card: &Content,
    carousel: Option<(usize, usize)>,
    scene: &Scene<'_>,
) {
    let look = Look::of(card, false);
    canvas.fill(Some("card"), scene.screen, look.background);
    let mut inner = scene.safe.inset(EXTRA_LARGE);
    if carousel.is_some() {
        inner.h = (inner.h - DOT_PADDING).max(0.0);
    }
    close_mark(
        canvas,
        inner.right() - MEDIUM - ICON,
        inner.y,
        ICON,
        ICON_COLOUR,
    );
    let mut y = inner.y + ICON + MEDIUM;
    if let Some(image) = picture(card, scene, canvas) {
        let (iw, ih) = image_size(&image, 0.6 * short_side(scene));
        let rect = Rect::new(inner.x + (inner.w - iw) / 2.0, y + LARGE, iw, ih);
        canvas.items.push(Item::Image { rect, image });
        y += 2.0 * LARGE + ih;
    }
    let (text_x, text_w) = (inner.x + MEDIUM, (inner.w - 2.0 * MEDIUM).max(1.0));
    let text = blocks(&look, text_w, canvas);
    let buttons = buttons(card, scene);
    let buttons_top = inner.bottom() - MEDIUM - BUTTON_HEIGHT;
    let limit = if buttons.is_empty() {
        inner.bottom()
    } else {
        buttons_top - MEDIUM
    };
    place_text(canvas, &text, (text_x, y + LARGE), text_w, limit, 0.0);
    if !buttons.is_empty() {
        let row = Rect::new(
            inner.x + MEDIUM,
            buttons_top,
            inner.w - 2.0 * MEDIUM,
            BUTTON_HEIGHT,
        );
        button_row(
            canvas,
            row,
            &buttons,
            (2.0 * MEDIUM, BODY),
            Some((BUTTON_BORDER, 1.0)),
        );
    }
    if let Some((page, pages)) = carousel {
        dots(canvas, scene, page, pages);
    }
}

/// One 12 pt dot per card, 4 apart from each, centred just above the home indicator.
fn dots(canvas: &mut Canvas, scene: &Scene<'_>, page: usize, pages: usize) {
    let screen = scene.screen;
    let step = DOT + 2.0 * SMALL;
    // Thousands of cards would draw thousands of dots off the screen.
    let pages = pages.min((screen.w / step) as usize + 1);
    let first = screen.x + (screen.w - pages as f32 * step) / 2.0 + SMALL;
    let y = scene.safe.bottom() - SMALL - DOT;
    for i in 0..pages {
        let colour = if i == page { DOT_ACTIVE } else { DOT_INACTIVE };
        let rect = Rect::new(first + i as f32 * step, y, DOT, DOT);
        canvas.boxed(Some(&format!("dot-{i}")), rect, DOT / 2.0, colour, None);
    }
}

/// The card's buttons in one row at `top`, inset from the card's sides as React Native insets
/// them; nothing when the card has none.
fn phone_buttons(canvas: &mut Canvas, buttons: &[Button], x: f32, w: f32, top: f32) {
    if buttons.is_empty() {
        return;
    }
    let row = Rect::new(
        x + SMALL + MEDIUM,
        top,
        w - 2.0 * (SMALL + MEDIUM),
        BUTTON_HEIGHT,
    );
    button_row(
        canvas,
        row,
        buttons,
        (2.0 * MEDIUM, BODY),
        Some((BUTTON_BORDER, 1.0)),
    );
}
