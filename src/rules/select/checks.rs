//! The filters a device runs on one campaign for an event, in the device's order, stopping at the
//! first that fails: event name, attributes, metrics, end date, caps (session, daily, total).
//!
//! As amplify-js `processInAppMessages` (`messageProcessingHelpers.ts`) chains them:
//! `matchesEventType && matchesAttributes && matchesMetrics && isBeforeEndDate && isBelowCap`,
//! the first three from `helpers.ts`. Quiet time (`isQuietTime`) is never called by the device.

use crate::rules::caps::{CapHit, CapReached, cap_reached};
use std::collections::HashMap;

use jiff::ZonedDateTime;

use super::exclusion::operator_symbol;
use super::{Counts, Event, Exclusion};
use crate::model::{Campaign, EventDimensions, MetricDimension, Text};
use crate::rules::end_date::end_instant;

/// Answers the device remembers, keyed as Amplify keys them: `CampaignId` (or "undefined"
/// when there is none) and the check. Amplify keeps them for the life of the app; here they live
/// for one event, which matters only when campaigns share a `CampaignId`.
#[derive(Default)]
pub(super) struct Memo {
    answers: HashMap<(String, &'static str), (bool, usize)>,
}

/// A campaign's outcome: the first rule that excluded it, and the earlier campaign whose
/// remembered answer changed it, if one did.
pub(super) struct Checked {
    pub excluded_by: Option<Exclusion>,
    pub memo_from: Option<usize>,
}

pub(super) fn check(
    index: usize,
    campaign: &Campaign,
    event: &Event,
    counts: &Counts,
    now: &ZonedDateTime,
    memo: &mut Memo,
) -> Checked {
    let mut memo_from = None;
    let mut step = |check: &'static str, outcome: Outcome| match outcome {
        Outcome::Settled(result) => result,
        Outcome::Remembered(own) => {
            let (result, from) = memo.recall(memo_key(campaign), check, index, own);
            memo_from = memo_from.or(from);
            result
        }
    };
    let excluded_by = step("event", matches_event(campaign, event))
        .and_then(|()| step("attribute", matches_attributes(campaign, event)))
        .and_then(|()| step("metric", matches_metrics(campaign, event)))
        .and_then(|()| before_end_date(campaign, now))
        .and_then(|()| below_caps(campaign, counts, now))
        .err();
    Checked {
        excluded_by,
        memo_from,
    }
}

/// A check's answer: final, or open to the device's memory of an earlier answer.
enum Outcome {
    Settled(Result<(), Exclusion>),
    Remembered(Result<(), Exclusion>),
}

fn memo_key(campaign: &Campaign) -> String {
    campaign
        .campaign_id
        .as_deref()
        .unwrap_or("undefined")
        .to_string()
}

impl Memo {
    /// The device's answer: the first one remembered for this id and check, else `own`.
    fn recall(
        &mut self,
        key: String,
        check: &'static str,
        index: usize,
        own: Result<(), Exclusion>,
    ) -> (Result<(), Exclusion>, Option<usize>) {
        match self.answers.get(&(key.clone(), check)) {
            None => {
                self.answers.insert((key, check), (own.is_ok(), index));
                (own, None)
            }
            Some(&(passed, _)) if passed == own.is_ok() => (own, None),
            Some(&(true, earlier)) => (Ok(()), Some(earlier)),
            Some(&(false, earlier)) => (Err(Exclusion::SameId { earlier, check }), Some(earlier)),
        }
    }
}

fn dimensions(campaign: &Campaign) -> Option<&EventDimensions> {
    campaign.event_filter()?.dimensions.as_ref()
}

/// `matchesEventType`: the event's name is in `EventType.Values`, exactly.
fn matches_event(campaign: &Campaign, event: &Event) -> Outcome {
    let filter = campaign.event_filter();
    let event_type = dimensions(campaign).and_then(|d| d.event_type.as_ref());
    let missing = match (
        filter,
        filter.and_then(|f| f.dimensions.as_ref()),
        event_type,
    ) {
        (None, _, _) => "EventFilter",
        (Some(_), None, _) => "Dimensions",
        (Some(_), Some(_), None) => "EventType",
        (Some(_), Some(_), Some(event_type)) => {
            let wanted = event_type.values.as_deref().unwrap_or(&[]);
            let result = if wanted.iter().any(|w| *w == event.name) {
                Ok(())
            } else {
                Err(Exclusion::Event {
                    got: event.name.clone(),
                    wanted: strings(wanted),
                })
            };
            return Outcome::Remembered(result);
        }
    };
    Outcome::Remembered(Err(Exclusion::NoEventFilter { missing }))
}

/// `matchesAttributes`: none on the campaign passes; some on the campaign but none on the event
/// fails; else each campaign attribute's `Values` include the event's value for that key.
fn matches_attributes(campaign: &Campaign, event: &Event) -> Outcome {
    let Some(wanted) = dimensions(campaign)
        .and_then(|d| d.attributes.as_ref())
        .filter(|a| !a.is_empty())
    else {
        return Outcome::Settled(Ok(()));
    };
    let failed = wanted.iter().find_map(|(key, dimension)| {
        let values = dimension.values.as_deref().unwrap_or(&[]);
        let got = event.attributes.get(key.as_str());
        let passes = got.is_some_and(|got| values.iter().any(|v| v == got));
        (!passes).then(|| Exclusion::Attribute {
            key: key.to_string(),
            wanted: strings(values),
            got: got.cloned(),
        })
    });
    let result = failed.map_or(Ok(()), Err);
    if event.attributes.is_empty() {
        Outcome::Settled(result)
    } else {
        Outcome::Remembered(result)
    }
}

/// `matchesMetrics` and `getComparator`: none on the campaign passes; some on the campaign but
/// none on the event fails; else each campaign metric holds for the event's value.
fn matches_metrics(campaign: &Campaign, event: &Event) -> Outcome {
    let Some(wanted) = dimensions(campaign)
        .and_then(|d| d.metrics.as_ref())
        .filter(|m| !m.is_empty())
    else {
        return Outcome::Settled(Ok(()));
    };
    let failed = wanted.iter().find_map(|(key, dimension)| {
        let got = event.metrics.get(key.as_str()).copied();
        (!metric_holds(dimension, got)).then(|| Exclusion::Metric {
            key: key.to_string(),
            op: dimension.comparison_operator.as_deref().map(str::to_owned),
            value: dimension.value,
            got,
        })
    });
    let result = failed.map_or(Ok(()), Err);
    if event.metrics.is_empty() {
        Outcome::Settled(result)
    } else {
        Outcome::Remembered(result)
    }
}

/// Whether the event's value satisfies one metric. The device skips a `Value` of 0 (or none) and
/// an unknown operator as failures; a missing event value compares false.
fn metric_holds(dimension: &MetricDimension, got: Option<f64>) -> bool {
    let op = dimension.comparison_operator.as_deref().unwrap_or("");
    let (Some(value), Some(got)) = (dimension.value.filter(|v| *v != 0.0), got) else {
        return false;
    };
    match operator_symbol(op) {
        Some("=") => got == value,
        Some(">") => got > value,
        Some(">=") => got >= value,
        Some("<") => got < value,
        Some("<=") => got <= value,
        _ => false,
    }
}

/// `isBeforeEndDate`: no end date (or an empty one) passes; else now is strictly before it.
fn before_end_date(campaign: &Campaign, now: &ZonedDateTime) -> Result<(), Exclusion> {
    let Some(end) = campaign.end_date().filter(|e| !e.is_empty()) else {
        return Ok(());
    };
    match end_instant(end, now.time_zone()) {
        Some(ends) if now.timestamp() < ends => Ok(()),
        ended => Err(Exclusion::EndDate {
            end: end.to_string(),
            ended,
            now: now.timestamp(),
        }),
    }
}

/// `isBelowCap`: a cap of 0 or none is unlimited; otherwise the count must be below it (so a
/// negative cap never passes). Session, then daily, then total.
fn below_caps(campaign: &Campaign, counts: &Counts, now: &ZonedDateTime) -> Result<(), Exclusion> {
    let Some(CapReached { hit, cap, shown }) = cap_reached(campaign, counts, now) else {
        return Ok(());
    };
    Err(match hit {
        CapHit::Session => Exclusion::SessionCap { cap, shown },
        CapHit::Daily => Exclusion::DailyCap { cap, shown },
        CapHit::Total => Exclusion::TotalCap { cap, shown },
    })
}

/// The campaign's values in the words an exclusion reports them with.
fn strings(values: &[Text]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}
