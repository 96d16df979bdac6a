//! Rules about one campaign among the endpoint's others: ids shared with another, and
//! campaigns another always beats for the same trigger (decided by `rules::select` itself).

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};

use super::catalog::{DUPLICATE_ID, NEVER_WINS};
use super::{Finding, Options, Platforms, quote};
use crate::model::map::Map;
use crate::model::{Campaign, EventDimensions};
use crate::rules::end_date::{end_instant, is_device_local};
use crate::rules::select::{Counts, Event, device_rank, operator_symbol, select};

pub(super) fn check(campaigns: &[Campaign], options: &Options, out: &mut Vec<Finding>) {
    duplicates(campaigns, out);
    // An EndDate without an offset is each device's own local time, and a tie goes to the
    // sooner end: "never" must hold in the zones furthest apart (and so in all between, as an
    // end moves one way with the offset).
    if !campaigns
        .iter()
        .any(|c| c.end_date().is_some_and(is_device_local))
    {
        never_wins(campaigns, options, out);
        return;
    }
    let [west, east] = [WEST, EAST].map(|offset| {
        let mut zoned = options.clone();
        zoned.now = options.now.with_time_zone(TimeZone::fixed(offset));
        let mut found = Vec::new();
        never_wins(campaigns, &zoned, &mut found);
        found
    });
    out.extend(
        west.into_iter()
            .filter(|w| east.iter().any(|e| e.campaign == w.campaign)),
    );
}

/// The furthest offsets devices keep: Baker Island and the Line Islands.
const WEST: Offset = Offset::constant(-12);
const EAST: Offset = Offset::constant(14);

fn finding(rule: &'static super::Rule, campaign: usize, path: &str, message: String) -> Finding {
    Finding {
        rule,
        campaign,
        card: None,
        path: path.into(),
        message: message.into_boxed_str(),
        platforms: Platforms::ALL,
    }
}

fn duplicates(campaigns: &[Campaign], out: &mut Vec<Finding>) {
    let mut first: HashMap<Option<&str>, usize> = HashMap::new();
    for (i, campaign) in campaigns.iter().enumerate() {
        let id = campaign.campaign_id.as_deref();
        let Some(&earlier) = first.get(&id) else {
            first.insert(id, i);
            continue;
        };
        // Without an id, counts stay at zero for both (getMessageCounts); answers are shared.
        let message = match id {
            Some(id) => format!(
                "CampaignId {} is also campaign #{}'s; devices give it that campaign's event \
                 answers and display counts",
                quote(id),
                earlier + 1
            ),
            None => format!(
                "no CampaignId, like campaign #{}; devices give it that campaign's event answers",
                earlier + 1
            ),
        };
        out.push(finding(DUPLICATE_ID, i, "CampaignId", message));
    }
}

/// How many better-placed campaigns are tried against each one: enough for any real endpoint,
/// and a bound on the work for a generated one with thousands on one event.
const CANDIDATES: usize = 64;

/// A campaign `a` always beats `b` when every event that shows `b` also makes `a` eligible, `a`
/// has no caps and ends no sooner, and the device ranks `a` first. Candidates are narrowed by
/// these facts; the ranking is left to `select` on the pair, for each of `b`'s events.
fn never_wins(campaigns: &[Campaign], options: &Options, out: &mut Vec<Finding>) {
    let now = &options.now;
    let zone = now.time_zone();
    // Per campaign: its end (`None` when it never shows for its date), its events, its caps.
    let ends: Vec<Option<Option<Timestamp>>> = campaigns
        .iter()
        .map(|c| match c.end_date().filter(|e| !e.is_empty()) {
            None => Some(None),
            Some(text) => end_instant(text, zone)
                .filter(|t| *t > now.timestamp())
                .map(Some),
        })
        .collect();
    let names: Vec<Vec<&str>> = campaigns.iter().map(event_names).collect();
    let ranks: Vec<_> = campaigns
        .iter()
        .enumerate()
        .map(|(i, c)| (device_rank(c, now), i))
        .collect();
    // The uncapped campaigns on each event, best placed first.
    let mut by_event: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in campaigns.iter().enumerate() {
        if uncapped(c) && ends[i].is_some() {
            for name in &names[i] {
                by_event.entry(name).or_default().push(i);
            }
        }
    }
    for list in by_event.values_mut() {
        list.sort_by_key(|&i| ranks[i]);
    }
    for (b, campaign) in campaigns.iter().enumerate() {
        let (Some(first), Some(b_end)) = (names[b].first(), ends[b]) else {
            continue;
        };
        let Some(events) = events_for(campaign) else {
            continue;
        };
        let winner = by_event
            .get(first)
            .into_iter()
            .flatten()
            .copied()
            .take_while(|&a| ranks[a] < ranks[b])
            .take(CANDIDATES)
            .find(|&a| {
                let other = &campaigns[a];
                other.campaign_id != campaign.campaign_id
                    && ends[a].is_some_and(|a_end| covers(a_end, b_end))
                    && names[b].iter().all(|n| names[a].contains(n))
                    && weaker_or_same(dims(other), dims(campaign))
                    && events
                        .iter()
                        .all(|event| beats(campaigns, a, b, event, options))
            });
        if let Some(a) = winner {
            out.push(finding(
                NEVER_WINS,
                b,
                "Schedule.EventFilter",
                format!(
                    "campaign {} (#{}) has the same trigger, no caps and ranks first; devices never show this one",
                    quote(campaigns[a].id()),
                    a + 1
                ),
            ));
        }
    }
}

fn dims(c: &Campaign) -> Option<&EventDimensions> {
    c.event_filter().and_then(|f| f.dimensions.as_ref())
}

fn event_names(c: &Campaign) -> Vec<&str> {
    dims(c)
        .and_then(|d| d.event_type.as_ref())
        .and_then(|t| t.values.as_ref())
        .map(|v| v.iter().map(|s| s.as_str()).collect())
        .unwrap_or_default()
}

fn uncapped(c: &Campaign) -> bool {
    [c.session_cap, c.daily_cap, c.total_cap]
        .iter()
        .all(|cap| cap.is_none_or(|n| n == 0))
}

/// Whether an end `a` lasts at least as long as `b`; `None` is no end.
fn covers(a: Option<Timestamp>, b: Option<Timestamp>) -> bool {
    match (a, b) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(a), Some(b)) => a >= b,
    }
}

/// Whether `a`'s attributes and metrics pass every event `b`'s pass: none at all, or the same.
fn weaker_or_same(a: Option<&EventDimensions>, b: Option<&EventDimensions>) -> bool {
    fn same_or_none<T: PartialEq>(
        a: Option<&T>,
        b: Option<&T>,
        empty: impl Fn(&T) -> bool,
    ) -> bool {
        a.is_none_or(&empty) || a == b
    }
    same_or_none(
        a.and_then(|d| d.attributes.as_ref()),
        b.and_then(|d| d.attributes.as_ref()),
        Map::is_empty,
    ) && same_or_none(
        a.and_then(|d| d.metrics.as_ref()),
        b.and_then(|d| d.metrics.as_ref()),
        Map::is_empty,
    )
}

/// One event per event name that `c`'s own filter lets through; `None` when no event can.
fn events_for(c: &Campaign) -> Option<Vec<Event>> {
    let dims = dims(c)?;
    let mut attributes = BTreeMap::new();
    for (key, attr) in dims.attributes.iter().flatten() {
        attributes.insert(key.to_string(), attr.values.as_ref()?.first()?.to_string());
    }
    let mut metrics = BTreeMap::new();
    for (key, metric) in dims.metrics.iter().flatten() {
        let op = metric.comparison_operator.as_deref().unwrap_or("");
        let value = metric.value.filter(|v| *v != 0.0)?;
        let passing = match operator_symbol(op)? {
            ">" => value + 1.0,
            "<" => value - 1.0,
            _ => value,
        };
        metrics.insert(key.to_string(), passing);
    }
    Some(
        event_names(c)
            .into_iter()
            .map(|name| Event {
                name: name.to_string(),
                attributes: attributes.clone(),
                metrics: metrics.clone(),
            })
            .collect(),
    )
}

/// Whether the device shows `a` rather than `b` for `event`, with `b` eligible, both in list order.
fn beats(campaigns: &[Campaign], a: usize, b: usize, event: &Event, options: &Options) -> bool {
    let pair = if a < b {
        [campaigns[a].clone(), campaigns[b].clone()]
    } else {
        [campaigns[b].clone(), campaigns[a].clone()]
    };
    let (a_at, b_at) = if a < b { (0, 1) } else { (1, 0) };
    let chosen = select(&pair, event, &Counts::new(), &options.now);
    chosen.shown == Some(a_at)
        && chosen.verdicts[b_at]
            .excluded_by
            .as_ref()
            .is_some_and(|e| e.passed_checks())
}
