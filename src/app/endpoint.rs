//! One endpoint as the app keeps it: its campaigns, how they changed since the last fetch, and
//! how its fetches stand.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use jiff::{Timestamp, ZonedDateTime};

use super::update::Garbage;
use crate::model::{Campaign, Target};
use crate::rules::check::catalog::{END_DATE_PAST, END_DATE_UNREADABLE};
use crate::rules::check::{Finding, Options, Platforms, Severity, review};
use crate::rules::platform::Platform;

/// How a campaign differs from the previous fetch; shown until the next one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mark {
    #[default]
    Same,
    New,
    Changed,
    /// Gone from the latest fetch; kept, last in the list, so the user sees what went.
    Removed,
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
        error: FetchError,
    },
}

/// Why a fetch failed, as the app needs it: the words to show, and whether waiting can mend it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// Waiting can mend it (a timeout, throttling, a 5xx, a refused connection): retried with
    /// backoff.
    Transient(String),
    /// Only a person can (no credentials, access denied, an unknown application or endpoint,
    /// a bad file, no region): shown, and not fetched again until `r` or a file change.
    Lasting(String),
}

impl FetchError {
    pub fn message(&self) -> &str {
        match self {
            Self::Transient(m) | Self::Lasting(m) => m,
        }
    }

    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Transient(_))
    }
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

/// One endpoint and what was last fetched for it.
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub target: Target,
    /// A name from the config file.
    pub label: Option<String>,
    /// The latest good campaigns, then those removed since the fetch before (see `marks`).
    pub campaigns: Vec<Campaign>,
    /// Per campaign, what `pinview check` finds, worst first; reviewed once per fetch.
    pub findings: Findings,
    /// Per campaign, `Campaign::fingerprint`: what the next fetch is marked against.
    pub fingerprints: Vec<u64>,
    /// Per campaign, how it changed since the previous fetch; empty after the first one.
    pub marks: Vec<Mark>,
    pub fetch: Fetch,
    /// The newest request sent; replies to older ones are dropped.
    pub request: u64,
    pub in_flight: bool,
    /// When the shown campaigns were fetched.
    pub loaded_at: Option<Timestamp>,
    /// Failed fetches in a row, for the retry backoff.
    pub failures: u32,
    /// When to fetch again on its own.
    pub due: Option<Timestamp>,
    /// The folder relative ImageUrls are resolved from: the endpoint's JSON file's.
    pub image_base: Option<PathBuf>,
}

impl Endpoint {
    pub fn new(target: Target) -> Self {
        Self {
            target,
            label: None,
            campaigns: Vec::new(),
            findings: Findings::default(),
            fingerprints: Vec::new(),
            marks: Vec::new(),
            fetch: Fetch::Idle,
            image_base: None,
            request: 0,
            in_flight: false,
            loaded_at: None,
            failures: 0,
            due: None,
        }
    }

    pub fn mark(&self, index: usize) -> Mark {
        self.marks.get(index).copied().unwrap_or_default()
    }

    /// Campaigns the endpoint is eligible for now, without those shown as removed.
    pub fn live_count(&self) -> usize {
        self.campaigns.len() - self.marks.iter().filter(|m| **m == Mark::Removed).count()
    }

    /// Whether the campaigns shown are older than the latest attempt, which failed.
    pub fn is_stale(&self) -> bool {
        matches!(self.fetch, Fetch::Failed { .. }) && self.loaded_at.is_some()
    }

    /// Replaces the campaigns with a fetch's, marking what changed since the one before.
    /// `now` is the fetch's instant in the device's zone. Returns what was replaced, to be
    /// freed elsewhere; `None` when there was nothing.
    pub(crate) fn apply(
        &mut self,
        fresh: Vec<Campaign>,
        now: &ZonedDateTime,
        reviewed: Option<Reviewed>,
    ) -> Option<Garbage> {
        let at = now.timestamp();
        let first = self.loaded_at.is_none();
        let live_before = self.marks.iter().filter(|m| **m != Mark::Removed).count();
        let mut old = std::mem::take(&mut self.campaigns);
        let mut old_prints = std::mem::take(&mut self.fingerprints);
        // Those shown as removed come last; they are not carried again.
        let live_before = if self.marks.is_empty() {
            old.len()
        } else {
            live_before
        };
        old.truncate(live_before);
        old_prints.truncate(live_before);
        let Reviewed {
            findings,
            fingerprints,
        } = match reviewed.filter(|r| r.findings.campaigns() == fresh.len()) {
            Some(reviewed) => reviewed,
            None => Reviewed::of(&fresh, now),
        };
        let (campaigns, marks, fingerprints) = if first {
            (fresh, Vec::new(), fingerprints)
        } else {
            diff((&old, &old_prints), (fresh, fingerprints))
        };
        self.campaigns = campaigns;
        self.marks = marks;
        self.fingerprints = fingerprints;
        let replaced = std::mem::replace(&mut self.findings, findings);
        self.loaded_at = Some(at);
        self.fetch = Fetch::Loaded { at };
        self.failures = 0;
        (!old.is_empty() || replaced.campaigns() > 0).then(|| Garbage(Box::new((old, replaced))))
    }
}

/// Marks each fresh campaign against the old ones by `CampaignId` (changed when its
/// fingerprint differs), and appends the old ones that are gone. Campaigns without an id cannot
/// be followed and are left unmarked.
fn diff(
    (old, old_prints): (&[Campaign], &[u64]),
    (fresh, prints): (Vec<Campaign>, Vec<u64>),
) -> (Vec<Campaign>, Vec<Mark>, Vec<u64>) {
    // By id, so a reload of thousands of campaigns costs a pass, not a pass per campaign.
    let mut before: HashMap<&str, u64> = HashMap::new();
    for (o, print) in old.iter().zip(old_prints) {
        if let Some(id) = o.campaign_id.as_deref() {
            before.entry(id).or_insert(*print);
        }
    }
    let mut marks: Vec<Mark> = fresh
        .iter()
        .zip(&prints)
        .map(|(c, print)| {
            let Some(id) = c.campaign_id.as_deref() else {
                return Mark::Same;
            };
            match before.get(id) {
                Some(o) if o == print => Mark::Same,
                Some(_) => Mark::Changed,
                None => Mark::New,
            }
        })
        .collect();
    let now: HashSet<&str> = fresh
        .iter()
        .filter_map(|c| c.campaign_id.as_deref())
        .collect();
    let gone: Vec<(Campaign, u64)> = old
        .iter()
        .zip(old_prints)
        .filter(|(o, _)| o.campaign_id.as_deref().is_some_and(|id| !now.contains(id)))
        .map(|(o, p)| (o.clone(), *p))
        .collect();
    let (mut campaigns, mut prints) = (fresh, prints);
    for (o, print) in gone {
        campaigns.push(o);
        prints.push(print);
        marks.push(Mark::Removed);
    }
    (campaigns, marks, prints)
}

/// What a fetch works out for its campaigns off the UI thread: their findings and fingerprints.
#[derive(Clone, Debug, Default)]
pub struct Reviewed {
    pub findings: Findings,
    pub fingerprints: Vec<u64>,
}

impl Reviewed {
    pub fn of(campaigns: &[Campaign], now: &ZonedDateTime) -> Reviewed {
        Reviewed {
            findings: Findings::new(
                review(
                    campaigns,
                    &Options {
                        paths: false,
                        ..Options::at(now.clone())
                    },
                ),
                campaigns.len(),
            ),
            fingerprints: campaigns.iter().map(Campaign::fingerprint).collect(),
        }
    }
}

/// Every campaign's findings in one list, in campaign order: ten thousand campaigns hold
/// thirty thousand findings, and a list per campaign would waste a third of them in spare room.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    all: Vec<Finding>,
    /// Where each campaign's findings start in `all`, and one past the last campaign's.
    starts: Vec<u32>,
}

impl Findings {
    /// `all` as `review` returns them, sorted by campaign, for `campaigns` campaigns.
    pub fn new(mut all: Vec<Finding>, campaigns: usize) -> Findings {
        all.retain(|f| f.campaign < campaigns);
        if !all.is_sorted_by_key(|f| f.campaign) {
            all.sort_by_key(|f| f.campaign);
        }
        all.shrink_to_fit();
        let mut starts = Vec::with_capacity(campaigns + 1);
        let mut at = 0;
        for campaign in 0..=campaigns {
            while at < all.len() && all[at].campaign < campaign {
                at += 1;
            }
            starts.push(at as u32);
        }
        Findings { all, starts }
    }

    /// The findings of the campaign at `index`, worst first; none for campaigns shown as
    /// removed, which are not reviewed.
    pub fn of(&self, index: usize) -> &[Finding] {
        match (self.starts.get(index), self.starts.get(index + 1)) {
            (Some(&from), Some(&to)) => &self.all[from as usize..to as usize],
            _ => &[],
        }
    }

    /// How many campaigns were reviewed.
    pub fn campaigns(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
}

impl Endpoint {
    /// Whether the campaign at `index` has a finding worth the `✕` badge on the previewed
    /// platform: an error or a warning, except an ended or unreadable end date, which `⌛` shows.
    pub fn flagged(&self, index: usize, platform: Platform) -> bool {
        let drawn = Platforms::drawn_on(platform);
        self.findings
            .of(index)
            .iter()
            .filter(|f| ![END_DATE_PAST, END_DATE_UNREADABLE].contains(&f.rule))
            .any(|f| f.severity() != Severity::Note && !f.platforms.and(drawn).is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::input::parse_campaigns;

    #[test]
    fn each_campaign_gets_its_own_findings_worst_first() {
        let campaigns = parse_campaigns(
            br##"[{"CampaignId":"a","InAppMessage":{"Layout":"CAROUSEL","Content":[{}]}},
                  {"CampaignId":"clean"},
                  {"CampaignId":"a","Priority":9}]"##,
        )
        .unwrap();
        let now = jiff::Timestamp::UNIX_EPOCH.in_tz("UTC").unwrap();
        let options = Options {
            paths: false,
            ..Options::at(now.clone())
        };
        let all = review(&campaigns, &options);
        assert!(
            all.iter().all(|f| f.path.is_empty()),
            "the TUI keeps no paths"
        );
        let findings = Reviewed::of(&campaigns, &now).findings;
        assert_eq!(findings.campaigns(), 3);
        for i in 0..3 {
            let mine: Vec<&Finding> = all.iter().filter(|f| f.campaign == i).collect();
            assert!(findings.of(i).iter().eq(mine), "campaign {i}");
        }
        assert!(!findings.of(0).is_empty() && !findings.of(2).is_empty());
        // Campaigns shown as removed, past the reviewed ones, have none.
        assert!(findings.of(3).is_empty() && findings.of(99).is_empty());
    }
}
