//! Places a message on the device screen as Amplify's renderers do: banners, the modal
//! (MOBILE_FEED), full screen (OVERLAYS) and the carousel.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::device::{APP_BACKGROUND, Device};
use super::parts::{CardLook, button_row, close_mark, draw_aligned, fill};
use super::picture::Pictures;
use crate::model::colour::Rgba;
use crate::model::{Alignment, Campaign, Content, Layout};
use crate::rules::layout::shown_card;
use crate::rules::platform::{Platform, ResolvedButton, card_buttons};
use crate::ui::theme::rgb;

const DOT_ACTIVE: Rgba = Rgba::opaque(0xA1, 0xA1, 0xA1);
const DOT_INACTIVE: Rgba = Rgba::opaque(0xD8, 0xD8, 0xD8);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Top,
    Middle,
    Bottom,
}

/// How a message is drawn: for which platform, in a phone or a browser, with which pictures.
pub struct Scene<'a> {
    pub platform: Platform,
    pub device: Device,
    pub pictures: &'a Pictures<'a>,
}

impl Scene<'_> {
    fn web(&self) -> bool {
        self.device == Device::Browser
    }
}

/// Draws `campaign` as `layout` on `screen`. `page` picks the carousel card.
pub fn draw(
    campaign: &Campaign,
    layout: &Layout,
    page: usize,
    scene: &Scene,
    screen: Rect,
    buf: &mut Buffer,
) {
    let cards = campaign.cards();
    let Some(first) = cards.first() else {
        centred_note(screen, "no content to draw", buf);
        return;
    };
    match layout {
        Layout::BottomBanner => banner(first, Place::Bottom, scene, screen, buf),
        Layout::MiddleBanner => banner(first, Place::Middle, scene, screen, buf),
        Layout::MobileFeed => modal(first, scene, screen, buf),
        Layout::Overlays => full_screen(first, scene, screen, None, buf),
        Layout::Carousel if scene.web() => {
            centred_note(screen, "carousel: not drawn by the web renderer", buf)
        }
        Layout::Carousel => {
            let page = shown_card(campaign, page).unwrap_or(0);
            full_screen(&cards[page], scene, screen, Some((page, cards.len())), buf);
        }
        Layout::TopBanner => banner(first, Place::Top, scene, screen, buf),
        // Selected, then drawn by no component: lower-priority messages stay hidden too.
        Layout::Unknown(name) => centred_note(
            screen,
            &format!("layout {}: devices draw nothing", crate::text::clean(name)),
            buf,
        ),
    }
}

/// One row: image square at the left, text, close mark; buttons below.
fn banner(card: &Content, place: Place, scene: &Scene, screen: Rect, buf: &mut Buffer) {
    let web = scene.web();
    // The web renderer draws banners as a panel at the right, not across the page.
    let width = if web {
        (screen.width * 45 / 100).clamp(30.min(screen.width), screen.width)
    } else {
        screen.width.saturating_sub(2)
    };
    let inner_w = width.saturating_sub(2);
    let image_w = if card.image_url.is_some() {
        (inner_w / 5).max(4)
    } else {
        0
    };
    let image_h = if image_w > 0 { (image_w / 2).max(2) } else { 0 };
    let text_x_offset = if image_w > 0 { image_w + 1 } else { 0 };
    let text_w = inner_w.saturating_sub(text_x_offset + 2).max(1);
    let look = CardLook::new(card, text_w, APP_BACKGROUND);
    let buttons = card_buttons(card, scene.platform);
    let content_h = look.text_rows().max(image_h).max(1);
    let buttons_h = if buttons.is_empty() { 0 } else { 2 };
    let height = (content_h + buttons_h + 2).min(screen.height);
    let x = if web {
        screen.right().saturating_sub(width + 1).max(screen.x)
    } else {
        screen.x + 1
    };
    let y = match place {
        Place::Top => screen.y + 1.min(screen.height - height),
        Place::Middle => screen.y + (screen.height - height) / 2,
        Place::Bottom => screen.bottom() - height - 1.min(screen.height - height),
    };
    let rect = Rect::new(x, y, width, height).intersection(screen);
    fill(buf, rect, look.background);
    if rect.width < 3 || rect.height < 3 {
        return;
    }
    let inner = Rect::new(rect.x + 1, rect.y + 1, rect.width - 2, rect.height - 2);
    if let (true, Some(url)) = (image_w > 0, &card.image_url) {
        let slot = Rect::new(inner.x, inner.y, image_w, image_h).intersection(inner);
        scene.pictures.draw(buf, slot, url, look.background);
    }
    let text_h = inner.height.saturating_sub(buttons_h);
    // Tiny screens: nothing may spill past the banner.
    let text = Rect::new(inner.x + text_x_offset, inner.y, text_w, text_h).intersection(inner);
    look.draw_text(text, buf);
    close_mark(
        buf,
        inner.right() - 1,
        inner.y,
        look.header.colour,
        look.background,
    );
    if buttons_h > 0 && inner.height > buttons_h {
        let row = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        button_row(buf, row, &buttons, look.background);
    }
}

/// A centred card, at least 40% of the screen's height: close mark, image, text, buttons.
fn modal(card: &Content, scene: &Scene, screen: Rect, buf: &mut Buffer) {
    let width = if scene.web() {
        screen.width.saturating_sub(4).min(56)
    } else {
        screen.width.saturating_sub(4)
    };
    let inner_w = width.saturating_sub(4);
    let look = CardLook::new(card, inner_w.max(1), APP_BACKGROUND);
    let buttons = card_buttons(card, scene.platform);
    // About the card's width at 3:2 in half-height cells, without crowding out the text.
    let image_h = if card.image_url.is_some() {
        (inner_w / 3).min(screen.height / 3).clamp(2, 10)
    } else {
        0
    };
    let buttons_h = button_height(&buttons, screen.height);
    let wanted = 1 + image_h + u16::from(image_h > 0) + look.text_rows() + 1 + buttons_h + 1;
    let height = wanted.max(screen.height * 2 / 5).min(screen.height);
    let rect = Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    );
    stack(
        &look,
        card,
        &buttons,
        (image_h, buttons_h),
        scene,
        rect,
        buf,
    );
}

/// The whole screen in the card's colour: close mark, image at the top, text, buttons at the
/// bottom. A carousel passes `(page, pages)` and gets its page dots on the last row.
fn full_screen(
    card: &Content,
    scene: &Scene,
    screen: Rect,
    carousel: Option<(usize, usize)>,
    buf: &mut Buffer,
) {
    let inner_w = screen.width.saturating_sub(4);
    let look = CardLook::new(card, inner_w.max(1), APP_BACKGROUND);
    let buttons = card_buttons(card, scene.platform);
    let image_h = if card.image_url.is_some() {
        (screen.height * 2 / 5).clamp(2, 16)
    } else {
        0
    };
    let buttons_h = button_height(&buttons, screen.height);
    let pages = carousel.map_or(0, |(_, pages)| pages);
    let area = if pages > 1 {
        Rect::new(
            screen.x,
            screen.y,
            screen.width,
            screen.height.saturating_sub(1),
        )
    } else {
        screen
    };
    fill(buf, screen, look.background);
    stack(
        &look,
        card,
        &buttons,
        (image_h, buttons_h),
        scene,
        area,
        buf,
    );
    if let Some((page, pages)) = carousel {
        dots(screen, page, pages, look.background, buf);
    }
}

fn button_height(buttons: &[ResolvedButton], room: u16) -> u16 {
    match (buttons.is_empty(), room >= 16) {
        (true, _) => 0,
        (false, true) => 3,
        (false, false) => 1,
    }
}

/// Close row, image, text and buttons pinned to the bottom, inside `rect` filled in the card's
/// background.
/// `heights` are the image's and the buttons' rows.
fn stack(
    look: &CardLook,
    card: &Content,
    buttons: &[ResolvedButton],
    (image_h, buttons_h): (u16, u16),
    scene: &Scene,
    rect: Rect,
    buf: &mut Buffer,
) {
    fill(buf, rect, look.background);
    if rect.width < 5 || rect.height < 3 {
        return;
    }
    let inner = Rect::new(rect.x + 2, rect.y, rect.width - 4, rect.height);
    close_mark(
        buf,
        rect.right() - 2,
        rect.y,
        look.header.colour,
        look.background,
    );
    let mut y = inner.y + 1;
    let bottom = inner.bottom().saturating_sub(1 + buttons_h);
    // Text matters more than the picture: the image gives up rows first.
    let spare = bottom.saturating_sub(y + look.text_rows() + 1);
    let image_h = image_h.min(spare);
    if let (true, Some(url)) = (image_h >= 2, &card.image_url) {
        let slot = Rect::new(inner.x, y, inner.width, image_h);
        scene.pictures.draw(buf, slot, url, look.background);
        y += image_h + 1;
    }
    if y < bottom {
        look.draw_text(Rect::new(inner.x, y, inner.width, bottom - y), buf);
    }
    if buttons_h > 0 && inner.height > buttons_h + 1 {
        let row = Rect::new(
            inner.x,
            inner.bottom() - 1 - buttons_h,
            inner.width,
            buttons_h,
        );
        button_row(buf, row, buttons, look.background);
    }
}

/// Carousel page dots, centred on the last row.
fn dots(screen: Rect, page: usize, pages: usize, background: Rgba, buf: &mut Buffer) {
    if screen.height == 0 {
        return;
    }
    let y = screen.bottom() - 1;
    let width = (pages * 2).saturating_sub(1) as u16;
    let mut x = screen.x + screen.width.saturating_sub(width) / 2;
    for i in 0..pages {
        let colour = if i == page { DOT_ACTIVE } else { DOT_INACTIVE };
        if x < screen.right() {
            buf.set_string(x, y, "●", Style::new().fg(rgb(colour)).bg(rgb(background)));
        }
        x += 2;
    }
}

fn centred_note(screen: Rect, text: &str, buf: &mut Buffer) {
    if screen.is_empty() {
        return;
    }
    let row = Rect::new(screen.x, screen.y + screen.height / 2, screen.width, 1);
    fill(buf, row, APP_BACKGROUND);
    let style = Style::new().fg(rgb(Rgba::WHITE)).bg(rgb(APP_BACKGROUND));
    draw_aligned(
        buf,
        row,
        &crate::text::fit(text, row.width),
        style,
        &Alignment::Center,
    );
}
