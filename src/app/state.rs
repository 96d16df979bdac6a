//! What the screen shows, as data: endpoints and their campaigns, selection, focus, platform,
//! filter. Derived lists are kept here, updated by `update`, so drawing only reads.

use jiff::{Timestamp, ZonedDateTime};

use crate::model::Campaign;
use crate::rules::caps::{CapHit, Displays, cap_reached};
use crate::rules::lint::{Severity, findings};
use crate::rules::platform::Platform;
use crate::rules::schedule::{end_status, parse_instant, quiet_time_contains};
use crate::source::Target;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    List,
    Preview,
    Details,
}

impl Pane {
    pub const ORDER: [Pane; 3] = [Pane::List, Pane::Preview, Pane::Details];
}

#[derive(Clone, Debug, PartialEq)]
pub enum Fetch {
    /// Never asked for yet.
    Idle,
    Loading,
    Loaded {
        at: Timestamp,
    },
    /// The last fetch failed; any campaigns shown are from an earlier success.
    Failed {
        at: Timestamp,
        error: String,
    },
}

/// One endpoint and what was last fetched for it.
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub target: Target,
    pub campaigns: Vec<Campaign>,
    /// Per campaign, whether `rules::lint` found a problem; kept so drawing does not re-lint.
    pub problems: Vec<bool>,
    pub fetch: Fetch,
    /// The newest request sent; replies to older ones are dropped.
    pub request: u64,
}

/// Badges a campaign row carries, each explained in the details pane and the help.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Badges {
    pub expired: bool,
    pub quiet: bool,
    pub capped: Option<CapHit>,
    pub problem: bool,
}

impl Badges {
    pub fn of(
        campaign: &Campaign,
        problem: bool,
        displays: &Displays,
        now: &ZonedDateTime,
    ) -> Self {
        Self {
            expired: end_status(campaign.end_date(), now).is_expired(),
            quiet: quiet_time_contains(campaign.quiet_time(), now) == Some(true),
            capped: cap_reached(campaign, displays),
            problem,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub text: String,
    /// Keys go to the filter text while this is set.
    pub editing: bool,
}

#[derive(Clone, Debug)]
pub struct State {
    pub source: String,
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
    pub filter: Filter,
    pub help: bool,
    pub details_scroll: u16,
    pub displays: Displays,
    pub now: ZonedDateTime,
    /// Terminal size, for mouse hits and page lengths.
    pub size: (u16, u16),
    pub quit: bool,
}

impl State {
    pub fn new(source: &str, targets: Vec<Target>, now: ZonedDateTime) -> Self {
        Self {
            source: source.to_string(),
            endpoints: targets
                .into_iter()
                .map(|target| Endpoint {
                    target,
                    campaigns: Vec::new(),
                    problems: Vec::new(),
                    fetch: Fetch::Idle,
                    request: 0,
                })
                .collect(),
            current: 0,
            visible: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Pane::List,
            platform: Platform::Default,
            page: 0,
            filter: Filter::default(),
            help: false,
            details_scroll: 0,
            displays: Displays::default(),
            now,
            size: (80, 24),
            quit: false,
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

    /// The badges of the campaign at `index` in the current endpoint.
    pub fn badges(&self, index: usize) -> Badges {
        let Some(endpoint) = self.endpoint() else {
            return Badges::default();
        };
        let problem = endpoint.problems.get(index).copied().unwrap_or(false);
        Badges::of(
            &endpoint.campaigns[index],
            problem,
            &self.displays,
            &self.now,
        )
    }

    pub fn selected_id(&self) -> Option<String> {
        self.selected_campaign().and_then(|c| c.campaign_id.clone())
    }

    /// Recomputes the visible rows after data or the filter changed, keeping the selection on
    /// campaign `keep` when it is still there, else on the same row.
    pub(crate) fn refresh_visible(&mut self, keep: Option<String>) {
        let needle = self.filter.text.to_lowercase();
        let campaigns = self.campaigns();
        let mut visible: Vec<usize> = (0..campaigns.len())
            .filter(|&i| needle.is_empty() || matches_filter(&campaigns[i], &needle))
            .collect();
        visible.sort_by_cached_key(|&i| device_order(&campaigns[i], i));
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

/// The order devices break ties in: lowest priority number, any priority before none, then
/// the earliest end date, then the order the service sent.
fn device_order(c: &Campaign, index: usize) -> (i64, i64, usize) {
    let priority = c.priority.map_or(i64::MAX, i64::from);
    let end = c
        .end_date()
        .and_then(parse_instant)
        .map_or(i64::MAX, |t| t.as_second());
    (priority, end, index)
}

fn matches_filter(c: &Campaign, needle: &str) -> bool {
    let hay = [c.campaign_id.as_deref(), c.header(), c.body()];
    hay.into_iter()
        .flatten()
        .any(|text| text.to_lowercase().contains(needle))
}

/// Whether each campaign has a finding worth the `✕` badge.
pub fn problem_flags(campaigns: &[Campaign]) -> Vec<bool> {
    campaigns
        .iter()
        .map(|c| findings(c).iter().any(|f| f.severity == Severity::Problem))
        .collect()
}
