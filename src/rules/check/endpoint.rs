//! Rules about one campaign among the endpoint's others: ids shared with another, and
//! campaigns another always beats for the same trigger (decided by `rules::select` itself).

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;

use super::catalog::{DUPLICATE_ID, NEVER_WINS};
use super::{Finding, Options, Platforms, quote};
use crate::model::{Campaign, EventDimensions};
use crate::rules::end_date::end_instant;
use crate::rules::select::{Counts, Event, operator_symbol, select};

pub(super) fn check(campaigns: &[Campaign], options: &Options, out: &mut Vec<Finding>) {
    duplicates(campaigns, out);
    never_wins(campaigns, options, out);
}

fn finding(rule: &'static super::Rule, campaign: usize, path: &str, message: String) -> Finding {
    Finding {
        rule,
        campaign,
        card: None,
        path: path.to_string(),
        message,
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
        let what = match id {
            Some(id) => format!(
                "CampaignId {} is also campaign #{}'s",
                quote(id),
                earlier + 1
            ),
            None => format!("no CampaignId, like campaign #{}", earlier + 1),
        };
        out.push(finding(
            DUPLICATE_ID,
            i,
            "CampaignId",
            format!("{what}; devices give it that campaign's event answers and display counts"),
        ));
    }
}

/// A campaign `a` always beats `b` when every event that shows `b` also makes `a` eligible, `a`
/// has no caps and ends no sooner, and the device ranks `a` first. Candidates are narrowed by
/// these facts; the ranking is left to `select` on the pair, for each of `b`'s events.
fn never_wins(campaigns: &[Campaign], options: &Options, out: &mut Vec<Finding>) {
    let now = &options.now;
    let zone = now.time_zone();
    let end = |c: &Campaign| -> Option<Option<Timestamp>> {
        match c.end_date().filter(|e| !e.is_empty()) {
            None => Some(None),
            Some(text) => end_instant(text, zone)
                .filter(|t| *t > now.timestamp())
                .map(Some),
        }
    };
    let mut by_event: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in campaigns.iter().enumerate() {
        for name in event_names(c) {
            by_event.entry(name).or_default().push(i);
        }
    }
    for (b, campaign) in campaigns.iter().enumerate() {
        let names = event_names(campaign);
        let (Some(first), Some(b_end)) = (names.first(), end(campaign)) else {
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
            .find(|&a| {
                let other = &campaigns[a];
                a != b
                    && other.campaign_id != campaign.campaign_id
                    && uncapped(other)
                    && end(other).is_some_and(|a_end| covers(a_end, b_end))
                    && names.iter().all(|n| event_names(other).contains(n))
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
        .map(|v| v.iter().map(String::as_str).collect())
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
    let attrs =
        |d: Option<&EventDimensions>| d.and_then(|d| d.attributes.clone()).unwrap_or_default();
    let metrics =
        |d: Option<&EventDimensions>| d.and_then(|d| d.metrics.clone()).unwrap_or_default();
    (attrs(a).is_empty() || attrs(a) == attrs(b))
        && (metrics(a).is_empty() || metrics(a) == metrics(b))
}

/// One event per event name that `c`'s own filter lets through; `None` when no event can.
fn events_for(c: &Campaign) -> Option<Vec<Event>> {
    let dims = dims(c)?;
    let mut attributes = BTreeMap::new();
    for (key, attr) in dims.attributes.iter().flatten() {
        attributes.insert(key.clone(), attr.values.as_ref()?.first()?.clone());
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
        metrics.insert(key.clone(), passing);
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
