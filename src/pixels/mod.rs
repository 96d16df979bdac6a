//! The message in real pixels: a display list computed from (campaign, card, platform, device,
//! scale, images) with Amplify's own measures, then written as SVG or rasterised to PNG with the
//! bundled fonts, and a system font only for characters they lack (`fallback`). With that off
//! (`PixelOptions::system_fonts`), the same input gives the same bytes on every machine.
//!
//! React Native (default, Android, iOS) places banners, the modal (`MOBILE_FEED`), full screen
//! (`OVERLAYS`) and the carousel on a phone or tablet; the web renderer places banners at the
//! right, and the modal and full screen as dialogs, on a browser viewport.

mod device;
mod fallback;
mod fonts;
pub mod list;
mod native;
mod panel;
mod parts;
mod png;
mod svg;
mod web;
mod wrap;

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::ZonedDateTime;

pub use list::{Anchor, Canvas, Item, Rect, SystemFont, SystemRun};
pub use png::to_png;
pub use svg::to_svg;

use crate::images::Loaded;
use crate::model::{Campaign, Content, Layout};
use crate::rules::check::Finding;
use crate::rules::layout::{effective_layout, shown_card};
use crate::rules::platform::Platform;

/// The screens pinview draws on, in points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Device {
    /// 390x844, an iPhone 14's screen.
    #[default]
    Phone,
    /// 820x1180, an iPad Air's.
    Tablet,
    /// A 1280x800 browser viewport.
    Desktop,
}

impl Device {
    /// The device a platform is drawn on unless told otherwise.
    pub fn for_platform(platform: Platform) -> Device {
        if platform == Platform::Web {
            Device::Desktop
        } else {
            Device::Phone
        }
    }

    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Device::Phone => (390.0, 844.0),
            Device::Tablet => (820.0, 1180.0),
            Device::Desktop => (1280.0, 800.0),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Device::Phone => "phone",
            Device::Tablet => "tablet",
            Device::Desktop => "desktop",
        }
    }

    /// The status bar and home indicator an app keeps clear of (top, bottom); a browser
    /// viewport has none.
    fn insets(self, web: bool) -> (f32, f32) {
        match (self, web) {
            (_, true) | (Device::Desktop, _) => (0.0, 0.0),
            (Device::Phone, false) => (47.0, 34.0),
            (Device::Tablet, false) => (24.0, 20.0),
        }
    }
}

/// Images by `ImageUrl` as the campaign writes it: loaded, or why not. One that is absent or
/// failed is left out of the picture, as devices leave it out.
pub type Pictures = BTreeMap<String, Result<Arc<Loaded>, String>>;

/// What to draw, besides the campaigns.
#[derive(Clone, Debug)]
pub struct PixelOptions {
    pub platform: Platform,
    /// `None`: a phone, or a desktop browser for `Platform::Web`.
    pub device: Option<Device>,
    /// Pixels per point, from 0.25 to 4; 2 by default.
    pub scale: f32,
    /// A panel beside the device with the campaign's id, platform, trigger and findings.
    pub side_panel: bool,
    /// Carousel card, 0-based.
    pub page: usize,
    /// The campaign to draw; the first in device order when `None`.
    pub campaign: Option<String>,
    /// The clock findings (end dates) are judged at.
    pub now: ZonedDateTime,
    pub images: Pictures,
    /// Whether characters no bundled font has are drawn with a system font. From
    /// `PINVIEW_SYSTEM_FONTS` (`0` turns it off, for the same bytes on every machine).
    pub system_fonts: bool,
}

impl PixelOptions {
    pub fn new(platform: Platform, now: ZonedDateTime) -> PixelOptions {
        PixelOptions {
            platform,
            device: None,
            scale: 2.0,
            side_panel: false,
            page: 0,
            campaign: None,
            now,
            images: Pictures::new(),
            system_fonts: fallback::allowed_by_env(),
        }
    }

    pub fn device(&self) -> Device {
        self.device
            .unwrap_or_else(|| Device::for_platform(self.platform))
    }
}

/// The message drawn: a campaign, the card asked for, and its findings.
pub struct Message<'a> {
    pub campaign: &'a Campaign,
    /// Carousel card, 0-based; clamped to the cards there are.
    pub page: usize,
    pub findings: &'a [Finding],
}

/// What a layout draws with.
pub(crate) struct Scene<'a> {
    pub platform: Platform,
    pub web: bool,
    pub screen: Rect,
    /// The screen less the status bar and home indicator.
    pub safe: Rect,
    pub images: &'a Pictures,
}

/// Width of the side panel, in points.
const PANEL_WIDTH: f32 = 400.0;

/// The picture of `message` (or of an empty device) as the options ask.
pub fn draw(message: Option<&Message<'_>>, options: &PixelOptions) -> Canvas {
    let device = options.device();
    let web = options.platform == Platform::Web;
    let (w, h) = device.size();
    let panel = if options.side_panel { PANEL_WIDTH } else { 0.0 };
    let scale = if options.scale.is_finite() {
        options.scale.clamp(0.25, 4.0)
    } else {
        2.0
    };
    let mut canvas = Canvas::new(w + panel, h, scale);
    canvas.system_fonts = options.system_fonts;
    let screen = Rect::new(0.0, 0.0, w, h);
    let (top, bottom) = device.insets(web);
    let scene = Scene {
        platform: options.platform,
        web,
        screen,
        safe: Rect::new(0.0, top, w, h - top - bottom),
        images: &options.images,
    };
    device::draw(&mut canvas, &scene);
    match message {
        Some(m) => draw_message(&mut canvas, m, &scene),
        None => device::centred_words(&mut canvas, screen, "no campaign to preview"),
    }
    if options.side_panel {
        let area = Rect::new(w, 0.0, panel, h);
        panel::draw(&mut canvas, area, message, options);
    }
    canvas
}

fn draw_message(canvas: &mut Canvas, message: &Message<'_>, scene: &Scene<'_>) {
    let campaign = message.campaign;
    let layout = effective_layout(campaign);
    let cards = campaign.cards();
    let empty = Content::default();
    // No content: devices draw an empty card with its close mark.
    let index = shown_card(campaign, message.page).unwrap_or(0);
    let card = cards.get(index).unwrap_or(&empty);
    if let Layout::Unknown(name) = &layout {
        let name = crate::text::clean(name);
        canvas.note(format!("layout {name}: devices draw nothing for it"));
        return;
    }
    if scene.web {
        if layout == Layout::Carousel {
            canvas.note("CAROUSEL: the web renderer draws nothing for it".into());
        } else {
            web::draw(canvas, card, &layout, scene);
        }
    } else {
        let carousel = (layout == Layout::Carousel).then_some((index, cards.len().max(1)));
        native::draw(canvas, card, &layout, carousel, scene);
    }
    if let Some(card) = canvas.find("card")
        && (card.y < scene.screen.y - 0.5 || card.bottom() > scene.screen.bottom() + 0.5)
    {
        canvas.note("the message is taller than the screen: part of it is off the edge".into());
    }
}
