//! What the screen shows, as data: endpoints and their campaigns, selection, focus, platform,
//! filter. Derived lists are kept here, updated by `update`, so drawing only reads.

use std::time::Duration;

use jiff::ZonedDateTime;

use ratatui::layout::Rect;

use super::details::{detail_rows, wrapped_height};
pub use super::endpoint::{Endpoint, Fetch, FetchError, Findings, Mark, Reviewed};
use super::geometry::{Screen, help_rect};
use super::help::help_rows;
use super::input::LineInput;
use super::keys::Mode;
use super::trigger::Trigger;
use crate::images::Board;
use crate::model::Campaign;
use crate::model::Target;
use crate::rules::caps::{CapHit, cap_reached};
use crate::rules::platform::Platform;
use crate::rules::schedule::end_status;
use crate::rules::select::{Counts, Selection, device_rank};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    Endpoints,
    #[default]
    List,
    Preview,
    Details,
}

impl Pane {
    pub const ORDER: [Pane; 4] = [Pane::Endpoints, Pane::List, Pane::Preview, Pane::Details];
}

/// Badges a campaign row carries, each explained in the details pane and the help.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Badges {
    /// Past its end date, or an end date the device cannot read: never shown again.
    pub expired: bool,
    pub capped: Option<CapHit>,
    pub problem: bool,
    pub change: Mark,
}

impl Badges {
    pub fn of(campaign: &Campaign, problem: bool, counts: &Counts, now: &ZonedDateTime) -> Self {
        Self {
            expired: end_status(campaign.end_date(), now).never_shown(),
            capped: cap_reached(campaign, counts, now).map(|r| r.hit),
            problem,
            change: Mark::Same,
        }
    }
}

#[derive(Clone, Debug)]
pub struct State {
    pub source: String,
    /// How often the current endpoint is fetched again; `None` when off.
    pub refresh: Option<Duration>,
    /// Whether a failed fetch is retried with backoff (remote sources).
    pub retry: bool,
    /// What keys mean now.
    pub mode: Mode,
    /// The endpoint id being typed at the `e` prompt.
    pub prompt: LineInput,
    pub endpoints: Vec<Endpoint>,
    pub current: usize,
    /// Indexes into the current endpoint's campaigns, in device order, after the filter.
    pub visible: Vec<usize>,
    /// Position in `visible`.
    pub selected: usize,
    /// First visible row of the list, kept so the selection stays on screen.
    pub list_offset: usize,
    pub focus: Pane,
    pub platform: Platform,
    /// Carousel card shown, 0-based.
    pub page: usize,
    /// Campaigns whose id, header or body contain this are listed; typed after `/`.
    pub filter: LineInput,
    /// First row of the help shown.
    pub help_scroll: u16,
    pub details_scroll: u16,
    /// Displays so far, as a device counts them: `s` records one, `n` starts a session.
    pub counts: Counts,
    /// The event set at the `t` prompt, and what the device shows for it.
    pub trigger: Option<Trigger>,
    pub selection: Option<Selection>,
    /// The event being typed at the `t` prompt.
    pub trigger_input: LineInput,
    /// Why the text at a prompt cannot be used, shown until it changes.
    pub prompt_error: Option<String>,
    pub now: ZonedDateTime,
    /// Terminal size, for mouse hits and page lengths.
    pub size: (u16, u16),
    /// The images of the messages shown, and how they are drawn.
    pub images: Board,
    /// The campaign to select when the shown endpoint's campaigns first arrive.
    pub select_on_load: Option<String>,
    /// What the terminal shows; the details say when campaign colours are approximate.
    pub palette: super::terminal::Palette,
    /// The terminal shows real images (kitty, iTerm2, sixel), so the preview can be pixels.
    pub graphics: bool,
    /// The user's choice (`v`): the pixel preview where `graphics` allows it.
    pub pixels: bool,
    pub quit: bool,
}

impl State {
    pub fn new(source: &str, targets: Vec<Target>, now: ZonedDateTime) -> Self {
        Self {
            source: source.to_string(),
            refresh: None,
            retry: false,
            mode: Mode::Normal,
            prompt: LineInput::default(),
            endpoints: targets.into_iter().map(Endpoint::new).collect(),
            current: 0,
            visible: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Pane::List,
            platform: Platform::Default,
            page: 0,
            filter: LineInput::default(),
            help_scroll: 0,
            details_scroll: 0,
            counts: Counts::new(),
            trigger: None,
            selection: None,
            trigger_input: LineInput::default(),
            prompt_error: None,
            now,
            size: (80, 24),
            images: Board::default(),
            select_on_load: None,
            palette: Default::default(),
            graphics: false,
            pixels: true,
            quit: false,
        }
    }

    /// Names endpoints, as the config file does.
    pub fn label_endpoints(&mut self, label: impl Fn(&Target) -> Option<String>) {
        for endpoint in &mut self.endpoints {
            endpoint.label = label(&endpoint.target);
        }
    }

    /// Shows `target` first, when it is listed.
    pub fn start_at(&mut self, target: &Target) {
        if let Some(index) = self.endpoints.iter().position(|e| &e.target == target) {
            self.current = index;
        }
    }

    pub fn endpoint(&self) -> Option<&Endpoint> {
        self.endpoints.get(self.current)
    }

    pub fn campaigns(&self) -> &[Campaign] {
        self.endpoint().map_or(&[], |e| &e.campaigns)
    }

    pub fn selected_campaign(&self) -> Option<&Campaign> {
        let index = *self.visible.get(self.selected)?;
        self.campaigns().get(index)
    }

    /// The selected campaign's findings, worst first, as `pinview check` reports them.
    pub fn selected_findings(&self) -> &[crate::rules::check::Finding] {
        let index = self.visible.get(self.selected).copied();
        match (index, self.endpoint()) {
            (Some(i), Some(endpoint)) => endpoint.findings.of(i),
            _ => &[],
        }
    }

    /// The badges of the campaign at `index` in the current endpoint.
    pub fn badges(&self, index: usize) -> Badges {
        let Some(endpoint) = self.endpoint() else {
            return Badges::default();
        };
        let problem = endpoint.flagged(index, self.platform);
        Badges {
            change: endpoint.mark(index),
            ..Badges::of(&endpoint.campaigns[index], problem, &self.counts, &self.now)
        }
    }

    /// The panes at the current size.
    pub fn screen(&self) -> Screen {
        Screen::compute(
            Rect::new(0, 0, self.size.0, self.size.1),
            self.endpoints.len(),
        )
    }

    /// Rows the help shows at once.
    pub fn help_page(&self) -> u16 {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        help_rect(area, help_rows().len()).height.saturating_sub(2)
    }

    /// How far the help scrolls: its last row at the bottom.
    pub fn help_max_scroll(&self) -> u16 {
        let rows = u16::try_from(help_rows().len()).unwrap_or(u16::MAX);
        rows.saturating_sub(self.help_page())
    }

    /// How far the details pane scrolls: its last line at the bottom.
    pub fn details_max_scroll(&self) -> u16 {
        let Some(pane) = self.screen().details else {
            return 0;
        };
        let inner = (pane.width.saturating_sub(2), pane.height.saturating_sub(2));
        let height = wrapped_height(&detail_rows(self), usize::from(inner.0));
        u16::try_from(height)
            .unwrap_or(u16::MAX)
            .saturating_sub(inner.1)
    }

    /// Whether a spinner turns somewhere: a fetch or an image on its way.
    pub fn spinning(&self) -> bool {
        self.endpoints.iter().any(|e| e.in_flight) || self.images.busy()
    }

    pub fn selected_id(&self) -> Option<String> {
        self.selected_campaign()
            .and_then(|c| c.campaign_id.as_deref().map(str::to_owned))
    }

    /// Recomputes the visible rows after data or the filter changed, keeping the selection on
    /// campaign `keep` when it is still there, else on the same row.
    pub(crate) fn refresh_visible(&mut self, keep: Option<String>) {
        let needle = self.filter.text().to_lowercase();
        let campaigns = self.campaigns();
        let mut visible: Vec<usize> = (0..campaigns.len())
            .filter(|&i| needle.is_empty() || matches_filter(&campaigns[i], &needle))
            .collect();
        let endpoint = self.endpoint();
        let removed = |i: usize| endpoint.is_some_and(|e| e.mark(i) == Mark::Removed);
        let now = &self.now;
        visible.sort_by_cached_key(|&i| (removed(i), device_rank(&campaigns[i], now), i));
        let selected = keep
            .and_then(|id| {
                visible
                    .iter()
                    .position(|&i| campaigns[i].campaign_id.as_deref() == Some(&id))
            })
            .unwrap_or_else(|| self.selected.min(visible.len().saturating_sub(1)));
        self.visible = visible;
        self.selected = selected;
        self.clamp_page();
    }

    /// Keeps the carousel page within the selected campaign's cards.
    pub fn clamp_page(&mut self) {
        let cards = self.selected_campaign().map_or(0, |c| c.cards().len());
        self.page = self.page.min(cards.saturating_sub(1));
    }
}

fn matches_filter(c: &Campaign, needle: &str) -> bool {
    let hay = [c.campaign_id.as_deref(), c.header(), c.body()];
    hay.into_iter()
        .flatten()
        .any(|text| text.to_lowercase().contains(needle))
}
