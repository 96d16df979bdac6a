//! Which message a device shows for an event, and why each other campaign does not: the rules of
//! AWS Amplify's in-app messaging, as a pure function of (campaigns, event, counts, now).
//!
//! The device (amplify-js `inAppMessaging/providers/pinpoint`) runs, for each campaign in the
//! order the API sent them, the checks in [`checks`] (event name, attributes, metrics, end date,
//! caps), keeps the eligible campaigns of the best priority (`processInAppMessages`), and hands
//! them to the default conflict handler (`conflictHandlerManager.ts`), which takes the one that
//! ends soonest, keeping the list's order among equals. Quiet time is never enforced.

mod checks;
mod counts;
mod exclusion;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use jiff::{Timestamp, ZonedDateTime};

pub use counts::{Counts, Shown};
pub use exclusion::{Check, Exclusion, TieBreak, operator_symbol};

use crate::model::Campaign;
use crate::rules::end_date::end_instant;
use crate::rules::schedule::short_utc;

/// An event the app records, as Amplify's `dispatchEvent` receives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Event {
    pub name: String,
    pub attributes: BTreeMap<String, String>,
    pub metrics: BTreeMap<String, f64>,
}

impl Event {
    /// An event with a name and no attributes or metrics.
    pub fn named(name: &str) -> Event {
        Event {
            name: name.to_string(),
            ..Event::default()
        }
    }
}

/// What the device decided for one campaign.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The campaign's position in the input list (the device's order).
    pub index: usize,
    /// Why it did not show; `None` only for the campaign shown.
    pub excluded_by: Option<Exclusion>,
    /// Set when the device reused an answer first given for the campaign at this index (same
    /// `CampaignId`, or both without one) and that answer differs from this campaign's own.
    pub memo_from: Option<usize>,
}

/// The device's choice for one event.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    /// One per campaign, in the input order.
    pub verdicts: Vec<Verdict>,
    /// The index of the campaign shown, if any.
    pub shown: Option<usize>,
    /// Why the shown campaign beat the other eligible ones, or why nothing shows.
    pub reason: String,
}

/// The campaign a device shows for `event` at `now`, given its display `counts`, and why every
/// other campaign does not show.
///
/// `now`'s time zone stands for the device's: it reads end dates without an offset and decides
/// when the daily count starts again.
///
/// The layout is not looked at: a campaign with a layout the device does not know is still
/// selected, and then draws nothing (amplify-ui's `useMessage` renders no component for it), so it
/// blocks every other message for that event.
pub fn select(
    campaigns: &[Campaign],
    event: &Event,
    counts: &Counts,
    now: &ZonedDateTime,
) -> Selection {
    let mut memo = checks::Memo::default();
    let mut verdicts: Vec<Verdict> = campaigns
        .iter()
        .enumerate()
        .map(|(index, campaign)| {
            let checked = checks::check(index, campaign, event, counts, now, &mut memo);
            Verdict {
                index,
                excluded_by: checked.excluded_by,
                memo_from: checked.memo_from,
            }
        })
        .collect();
    let eligible: Vec<usize> = verdicts
        .iter()
        .filter(|v| v.excluded_by.is_none())
        .map(|v| v.index)
        .collect();
    if eligible.is_empty() {
        let reason = if campaigns.is_empty() {
            "no campaigns to choose from".to_string()
        } else {
            format!("no campaign is eligible for {}", event.name)
        };
        return Selection {
            verdicts,
            shown: None,
            reason,
        };
    }

    // processInAppMessages: the best priority among the eligible (lowest number; any beats none;
    // 0 is none), all of them in list order.
    let best = eligible
        .iter()
        .filter_map(|&i| priority(&campaigns[i]))
        .min();
    let (group, outranked): (Vec<usize>, Vec<usize>) = eligible
        .iter()
        .partition(|&&i| priority(&campaigns[i]) == best);

    // The default conflict handler: dated before undated, earlier end first, a stable sort.
    let end = |i: usize| end_of(&campaigns[i], now);
    let mut ranked = group;
    ranked.sort_by_key(|&i| end(i).map_or((1, Timestamp::MAX), |t| (0, t)));
    let winner = ranked[0];

    for &i in &outranked {
        verdicts[i].excluded_by = Some(Exclusion::Outranked {
            priority: campaigns[i].priority,
            winner,
            winner_priority: best.unwrap_or_default(),
        });
    }
    for &i in &ranked[1..] {
        verdicts[i].excluded_by = Some(Exclusion::Tie {
            winner,
            why: tie_break(end(winner), end(i)),
        });
    }

    let reason = reason(campaigns, best, &outranked, &ranked, now);
    Selection {
        verdicts,
        shown: Some(winner),
        reason,
    }
}

/// Where a campaign stands in the device's order when every campaign is eligible: the best
/// priority first (any before none, 0 counting as none), then the earliest end (dated before
/// undated); sort by this and the list's position for the order `select` picks in.
pub fn device_rank(campaign: &Campaign, now: &ZonedDateTime) -> (Option<i32>, Option<Timestamp>) {
    // `None` sorts first in an `Option`, so both are flipped to sort last.
    let priority = priority(campaign).map_or(Some(i32::MAX), |p| Some(p.min(i32::MAX - 1)));
    let end = end_of(campaign, now).map_or(Some(Timestamp::MAX), Some);
    (priority, end)
}

/// The priority a device acts on: `None` for none and for 0.
fn priority(campaign: &Campaign) -> Option<i32> {
    campaign.priority.filter(|p| *p != 0)
}

/// The end instant the conflict handler compares; an empty `EndDate` counts as none. Every
/// eligible campaign's end date is readable, or it would have been excluded.
fn end_of(campaign: &Campaign, now: &ZonedDateTime) -> Option<Timestamp> {
    let end = campaign.end_date().filter(|e| !e.is_empty())?;
    end_instant(end, now.time_zone())
}

fn tie_break(winner: Option<Timestamp>, other: Option<Timestamp>) -> TieBreak {
    match (winner, other) {
        (Some(w), Some(o)) if w < o => TieBreak::EndsSooner { ends: short_end(w) },
        (Some(w), None) => TieBreak::EndsSooner { ends: short_end(w) },
        _ => TieBreak::EarlierInList,
    }
}

/// `2027-01-15` for a UTC midnight, else `2027-01-15 09:30Z`.
fn short_end(ends: Timestamp) -> String {
    let utc = ends.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    if utc.time() == jiff::civil::Time::midnight() {
        utc.date().to_string()
    } else {
        short_utc(ends)
    }
}

fn reason(
    campaigns: &[Campaign],
    best: Option<i32>,
    outranked: &[usize],
    ranked: &[usize],
    now: &ZonedDateTime,
) -> String {
    let end = |i: usize| end_of(&campaigns[i], now);
    let tie = (ranked.len() > 1).then(|| tie_break(end(ranked[0]), end(ranked[1])));
    let beats = best.filter(|_| !outranked.is_empty()).map(|best| {
        let runner_up = outranked
            .iter()
            .filter_map(|&i| priority(&campaigns[i]))
            .min();
        match runner_up {
            Some(p) => format!("priority {best} beats {p}"),
            None => format!("priority {best} beats campaigns without one"),
        }
    });
    match (beats, tie) {
        (None, None) => "the only eligible campaign".to_string(),
        (None, Some(TieBreak::EndsSooner { ends })) => {
            format!("same priority; ends sooner ({ends})")
        }
        (None, Some(TieBreak::EarlierInList)) => {
            "same priority and end; earlier in the list".to_string()
        }
        (Some(beats), None) => beats,
        (Some(beats), Some(TieBreak::EndsSooner { ends })) => {
            format!(
                "{beats}; among priority {}, ends sooner ({ends})",
                best.unwrap_or_default()
            )
        }
        (Some(beats), Some(TieBreak::EarlierInList)) => format!(
            "{beats}; among priority {}, same end; earlier in the list",
            best.unwrap_or_default()
        ),
    }
}
