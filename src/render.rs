//! Headless frames: the app run until no effect is pending, then the same `ui` drawing once
//! into a buffer, printed as plain text or ANSI.
//!
//! ```
//! use pinview::render::{Options, render, to_text};
//! let campaigns = pinview::model::input::parse_campaigns(br#"{"InAppMessageCampaigns":[
//!     {"CampaignId":"hello","InAppMessage":{"Layout":"TOP_BANNER",
//!      "Content":[{"HeaderConfig":{"Header":"Hello"}}]}}]}"#).unwrap();
//! let now = pinview::text::parse_now("2026-11-24T12:00:00Z").unwrap();
//! let frame = render(&campaigns, &Options::new(100, 30, now)).unwrap();
//! assert!(to_text(&frame).contains("Hello"));
//! ```

use std::path::PathBuf;
use std::sync::Arc;

use jiff::{Timestamp, ZonedDateTime};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_image::picker::Picker;

use crate::app::{self, Action, Fetch, State, update};
use crate::config::Settings;
use crate::effects::{Clock, Imaging, Runner, initial_state};
use crate::images::{Board, Loader};
use crate::model::{Campaign, Target};
pub use crate::pixels::{Canvas, Device, Pictures, PixelOptions};
use crate::rules::platform::Platform;
use crate::source::Source;
use crate::ui;
pub use crate::ui::frame_text::{to_ansi, to_text};

/// Which part of the screen to draw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    All,
    Preview,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub width: u16,
    pub height: u16,
    pub platform: Platform,
    /// Carousel card, 0-based.
    pub page: usize,
    pub pane: Pane,
    /// The campaign to select; the first in device order when `None`.
    pub campaign: Option<String>,
    /// The clock the frame is drawn at; its offset stands in for the device's time zone.
    pub now: ZonedDateTime,
    /// When the data was fetched, for the header; `now` when `None`.
    pub loaded_at: Option<Timestamp>,
    /// Where the data came from, for the header, e.g. `demo` or `files`.
    pub source: String,
    /// Names for endpoints, as the config file gives them.
    pub labels: Vec<(Target, String)>,
    /// How images are drawn, and any already loaded; off by default.
    pub images: Board,
    /// The folder relative ImageUrls start from: the JSON file's.
    pub image_base: Option<PathBuf>,
}

impl Options {
    pub fn new(width: u16, height: u16, now: ZonedDateTime) -> Self {
        Self {
            width,
            height,
            platform: Platform::Default,
            page: 0,
            pane: Pane::All,
            campaign: None,
            now,
            loaded_at: None,
            source: "headless".into(),
            labels: Vec::new(),
            images: Board::default(),
            image_base: None,
        }
    }
}

/// Why a frame could not be drawn as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenderError {
    NoSuchCampaign {
        wanted: String,
        have: Vec<String>,
    },
    /// `page` (0-based) is past the campaign's cards.
    NoSuchPage {
        campaign: String,
        page: usize,
        cards: usize,
    },
    /// The endpoint drawn could not be fetched; the reason in words.
    Fetch(String),
    /// A picture could not be drawn or encoded; the reason in words.
    Pixels(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // Ids are one line each: a line break in one must not end the message.
            Self::NoSuchCampaign { wanted, have } => write!(
                f,
                "no campaign \"{}\" here; campaigns: {}",
                crate::text::clean(wanted),
                have.iter()
                    .map(|id| crate::text::clean(id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::NoSuchPage {
                campaign,
                page,
                cards,
            } => {
                let has = match cards {
                    1 => "it draws one card, shown without --page (only a CAROUSEL pages)"
                        .to_string(),
                    n => format!("it has {n}, so --page goes from 1 to {n}"),
                };
                let id = crate::text::clean(campaign);
                write!(f, "no card {} in campaign \"{id}\": {has}", page + 1)
            }
            Self::Fetch(why) | Self::Pixels(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for RenderError {}

/// Draws campaigns as one endpoint of a demo-like app, with the images `options.images`
/// already holds (none by default).
pub fn render(campaigns: &[Campaign], options: &Options) -> Result<Buffer, RenderError> {
    let target = Target::new("app", "endpoint");
    render_target(std::slice::from_ref(&target), &target, campaigns, options)
}

/// Draws one target's campaigns with every target of the source in the header's count.
pub fn render_target(
    targets: &[Target],
    target: &Target,
    campaigns: &[Campaign],
    options: &Options,
) -> Result<Buffer, RenderError> {
    let state = state_for(targets, target, campaigns, options)?;
    Ok(draw(&state, options))
}

/// Draws `target` of a source as the TUI would show it: fetches it, loads the images of the
/// message drawn (and only those), then draws once. `images` loads them; `None` leaves the
/// slots as `options.images` says.
pub async fn render_source(
    source: Source,
    settings: &Settings,
    target: &Target,
    options: &Options,
    images: Option<Loader>,
) -> Result<Buffer, RenderError> {
    let mut state = initial_state(&source, settings, Some(target), options.now.clone());
    prepare(&mut state, options);
    let at = options.loaded_at.unwrap_or(options.now.timestamp());
    let zone = options.now.time_zone().clone();
    let clock: Clock = Arc::new(move || at.to_zoned_datetime(zone.clone()));
    let imaging = images.map(|loader| Imaging {
        loader,
        picker: Picker::halfblocks(),
    });
    let (runner, mut rx) = Runner::new(Arc::new(source), clock, imaging);
    let effects = app::fetch_shown(&mut state);
    runner.settle(&mut state, &mut rx, effects).await;
    if let Some(Fetch::Failed { error, .. }) = state.endpoint().map(|e| &e.fetch) {
        return Err(RenderError::Fetch(error.message().to_string()));
    }
    finish(&mut state, options)?;
    Ok(draw(&state, options))
}

/// The state a TUI would be in after loading `campaigns` and selecting as the options say.
pub fn state_for(
    targets: &[Target],
    target: &Target,
    campaigns: &[Campaign],
    options: &Options,
) -> Result<State, RenderError> {
    let mut targets = targets.to_vec();
    if !targets.contains(target) {
        targets.push(target.clone());
    }
    let mut state = State::new(&options.source, targets, options.now.clone());
    state.start_at(target);
    for endpoint in &mut state.endpoints {
        endpoint.image_base.clone_from(&options.image_base);
    }
    prepare(&mut state, options);
    // No loop runs here: images are those the options' board already holds.
    let _ = update(
        &mut state,
        Action::Fetched {
            target: target.clone(),
            request: 0,
            at: options.loaded_at.unwrap_or(options.now.timestamp()),
            result: Ok(campaigns.to_vec()),
            reviewed: None,
        },
    );
    finish(&mut state, options)?;
    Ok(state)
}

/// What the options say before data arrives: size, board, and the campaign to select.
fn prepare(state: &mut State, options: &Options) {
    state.size = (options.width, options.height);
    state.images = options.images.clone();
    state.images.headless = true;
    state.platform = options.platform;
    if !options.labels.is_empty() {
        state.label_endpoints(|target| {
            let (_, label) = options.labels.iter().find(|(t, _)| t == target)?;
            Some(label.clone())
        });
    }
    state.select_on_load.clone_from(&options.campaign);
}

/// Checks the wanted campaign was found, and turns to the wanted card.
fn finish(state: &mut State, options: &Options) -> Result<(), RenderError> {
    if let Some(wanted) = &options.campaign
        && state.selected_id().as_deref() != Some(wanted.as_str())
    {
        let campaigns = state.campaigns();
        return Err(RenderError::NoSuchCampaign {
            wanted: wanted.clone(),
            have: state
                .visible
                .iter()
                .map(|&i| campaigns[i].id().to_string())
                .collect(),
        });
    }
    if let Some(campaign) = state.selected_campaign() {
        // Only a carousel pages through its cards; the other layouts draw the first.
        let cards = match crate::rules::layout::effective_layout(campaign) {
            crate::model::Layout::Carousel => campaign.cards().len().max(1),
            _ => 1,
        };
        if options.page >= cards {
            return Err(RenderError::NoSuchPage {
                campaign: campaign.id().to_string(),
                page: options.page,
                cards,
            });
        }
    }
    state.page = options.page;
    state.clamp_page();
    Ok(())
}

/// One frame of the state, as the options frame it.
fn draw(state: &State, options: &Options) -> Buffer {
    let area = Rect::new(0, 0, options.width, options.height);
    let mut buf = Buffer::empty(area);
    if area.is_empty() {
        return buf;
    }
    match options.pane {
        Pane::All => ui::draw_buffer(state, area, &mut buf),
        Pane::Preview => {
            let empty = "no campaign to preview";
            ui::preview_widget(state, false, empty).render(area, &mut buf);
        }
    }
    buf
}

/// The picture of the message a device would show, as a display list: the campaign selected
/// as the TUI selects it (`options.campaign`, else the first in device order), its card, and its
/// findings for the side panel.
pub fn render_pixels(
    campaigns: &[Campaign],
    options: &PixelOptions,
) -> Result<Canvas, RenderError> {
    let state = pixel_state(campaigns, options)?;
    let message = state
        .selected_campaign()
        .map(|campaign| crate::pixels::Message {
            campaign,
            page: state.page,
            findings: state.selected_findings(),
        });
    Ok(crate::pixels::draw(message.as_ref(), options))
}

/// The `ImageUrl`s the picture draws, as the campaign writes them: load these into
/// `options.images` first, or the picture is drawn without them.
pub fn pixel_images(
    campaigns: &[Campaign],
    options: &PixelOptions,
) -> Result<Vec<String>, RenderError> {
    let state = pixel_state(campaigns, options)?;
    let Some(campaign) = state.selected_campaign() else {
        return Ok(Vec::new());
    };
    let card = crate::rules::layout::shown_card(campaign, state.page);
    Ok(card
        .and_then(|i| {
            campaign
                .cards()
                .get(i)?
                .image_url
                .as_deref()
                .map(str::to_owned)
        })
        .into_iter()
        .collect())
}

/// The state a TUI would be in for a picture's options.
fn pixel_state(campaigns: &[Campaign], options: &PixelOptions) -> Result<State, RenderError> {
    let target = Target::new("app", "endpoint");
    let mut frame = Options::new(100, 30, options.now.clone());
    frame.platform = options.platform;
    frame.page = options.page;
    frame.campaign.clone_from(&options.campaign);
    state_for(std::slice::from_ref(&target), &target, campaigns, &frame)
}

/// The message as a PNG image, the same bytes on every machine for the same input.
///
/// ```
/// use pinview::render::{PixelOptions, render_png};
/// use pinview::rules::platform::Platform;
/// let campaigns = pinview::model::input::parse_campaigns(br##"{"InAppMessageCampaigns":[
///     {"CampaignId":"hello","InAppMessage":{"Layout":"MOBILE_FEED",
///      "Content":[{"HeaderConfig":{"Header":"Hello"},"BackgroundColor":"#1A73E8"}]}}]}"##).unwrap();
/// let now = pinview::text::parse_now("2026-11-24T12:00:00Z").unwrap();
/// let mut options = PixelOptions::new(Platform::Ios, now);
/// options.scale = 1.0;
/// let png = render_png(&campaigns, &options).unwrap();
/// assert!(png.starts_with(b"\x89PNG"));
/// // The SVG has the same geometry: the modal's card, 16 points from the screen's edges.
/// let svg = pinview::render::render_svg(&campaigns, &options).unwrap();
/// assert!(svg.contains(r##"<rect id="card" x="16""##) && svg.contains("#1A73E8"));
/// ```
pub fn render_png(campaigns: &[Campaign], options: &PixelOptions) -> Result<Vec<u8>, RenderError> {
    let canvas = render_pixels(campaigns, options)?;
    crate::pixels::to_png(&canvas).map_err(RenderError::Pixels)
}

/// The message as an SVG document, with the same geometry as [`render_png`].
pub fn render_svg(campaigns: &[Campaign], options: &PixelOptions) -> Result<String, RenderError> {
    Ok(crate::pixels::to_svg(&render_pixels(campaigns, options)?))
}
