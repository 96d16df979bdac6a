//! When a campaign can show: its event filter as devices read it, quiet time, priority, end
//! date and caps (amplify-js `matchesEventType`, `matchesAttributes`, `matchesMetrics`,
//! `isBeforeEndDate`, `isBelowCap`, `processInAppMessages`).

use super::catalog::{
    ATTRIBUTE_NEVER_MATCHES, ATTRIBUTE_TYPE_IGNORED, CAPS_CONTRADICT, CAPS_WITHOUT_ID,
    END_DATE_LOCAL, END_DATE_PAST, END_DATE_UNREADABLE, EXCLUSIVE_IGNORED, METRIC_NEVER_MATCHES,
    NEGATIVE_CAP, NO_EVENT_FILTER, PRIORITY_ZERO, QUIET_TIME_IGNORED,
};
use super::{Found, Options, Platforms, quote};
use crate::model::Campaign;
use crate::rules::caps::cap_limit;
use crate::rules::end_date::{end_instant, is_device_local};
use crate::rules::schedule::{QuietWindow, relative};
use crate::rules::select::operator_symbol;

const DIMENSIONS: &str = "Schedule.EventFilter.Dimensions";

pub(super) fn check(campaign: &Campaign, options: &Options, found: &mut Found) {
    let mut add = |rule, path: String, message: String| {
        found.add(rule, None, path, message, Platforms::ALL);
    };
    event_filter(campaign, &mut add);
    if let Some(q) = campaign.quiet_time() {
        let words = match QuietWindow::parse(q) {
            Err(why) => Some(format!(
                "QuietTime is unreadable ({why}) and not enforced by devices anyway"
            )),
            Ok(Some(w)) => Some(format!(
                "QuietTime {} is not enforced by devices; they show the message then too",
                w.label()
            )),
            Ok(None) => None,
        };
        if let Some(words) = words {
            add(QUIET_TIME_IGNORED, "Schedule.QuietTime".into(), words);
        }
    }
    if campaign.priority == Some(0) {
        add(
            PRIORITY_ZERO,
            "Priority".into(),
            "Priority 0 is no priority on devices; any campaign with a priority beats it".into(),
        );
    }
    end_date(campaign, options, &mut add);
    caps(campaign, &mut add);
}

type Add<'a> = dyn FnMut(&'static super::Rule, String, String) + 'a;

fn event_filter(campaign: &Campaign, add: &mut Add) {
    let dims = campaign.event_filter().and_then(|f| f.dimensions.as_ref());
    let Some(event) = dims.and_then(|d| d.event_type.as_ref()) else {
        let (path, missing) = match (campaign.event_filter(), dims) {
            (None, _) => ("Schedule.EventFilter".to_string(), "no EventFilter"),
            (Some(_), None) => (DIMENSIONS.to_string(), "no Dimensions in the EventFilter"),
            (Some(_), Some(_)) => (format!("{DIMENSIONS}.EventType"), "no EventType"),
        };
        add(
            NO_EVENT_FILTER,
            path,
            format!("{missing}; devices never show it"),
        );
        return;
    };
    if event.values.as_ref().is_none_or(Vec::is_empty) {
        add(
            NO_EVENT_FILTER,
            format!("{DIMENSIONS}.EventType.Values"),
            "EventType lists no events; devices never show it".into(),
        );
    }
    if event
        .dimension_type
        .as_ref()
        .is_some_and(|t| t.as_str() == "EXCLUSIVE")
    {
        add(
            EXCLUSIVE_IGNORED,
            format!("{DIMENSIONS}.EventType.DimensionType"),
            "EXCLUSIVE is ignored; devices show it on exactly these events, not on all others"
                .into(),
        );
    }
    let Some(dims) = dims else { return };
    for (name, attr) in dims.attributes.iter().flatten() {
        if attr.values.as_ref().is_none_or(Vec::is_empty) {
            add(
                ATTRIBUTE_NEVER_MATCHES,
                format!("{DIMENSIONS}.Attributes.{name}.Values"),
                format!(
                    "attribute {} lists no values; no event matches it, so devices never show it",
                    quote(name)
                ),
            );
        }
        if let Some(kind) = attr
            .attribute_type
            .as_ref()
            .filter(|t| t.as_str() != "INCLUSIVE")
        {
            add(
                ATTRIBUTE_TYPE_IGNORED,
                format!("{DIMENSIONS}.Attributes.{name}.AttributeType"),
                format!(
                    "attribute {}: AttributeType {} is ignored; devices match the values exactly",
                    quote(name),
                    quote(kind.as_str())
                ),
            );
        }
    }
    for (name, metric) in dims.metrics.iter().flatten() {
        let at = format!("{DIMENSIONS}.Metrics.{name}");
        let op = metric.comparison_operator.as_deref().unwrap_or("");
        if operator_symbol(op).is_none() {
            let why = match op {
                "" => "has no ComparisonOperator".to_string(),
                op => format!("operator \"{}\" is unknown to devices", quote(op)),
            };
            add(
                METRIC_NEVER_MATCHES,
                format!("{at}.ComparisonOperator"),
                format!("metric {}: {why}; it never matches", quote(name)),
            );
        } else if metric.value.is_none_or(|v| v == 0.0) {
            add(
                METRIC_NEVER_MATCHES,
                format!("{at}.Value"),
                format!(
                    "metric {}: Value 0 (or none) never matches on devices",
                    quote(name)
                ),
            );
        }
    }
}

fn end_date(campaign: &Campaign, options: &Options, add: &mut Add) {
    let Some(text) = campaign.end_date().filter(|t| !t.is_empty()) else {
        return;
    };
    let path = "Schedule.EndDate".to_string();
    let Some(ends) = end_instant(text, options.now.time_zone()) else {
        add(
            END_DATE_UNREADABLE,
            path,
            format!(
                "EndDate \"{}\" is not an ISO 8601 date; devices never show it",
                quote(text)
            ),
        );
        return;
    };
    let now = options.now.timestamp();
    if ends <= now {
        add(
            END_DATE_PAST,
            path.clone(),
            format!(
                "EndDate {} ended {}; devices no longer show it",
                quote(text),
                relative(now, ends)
            ),
        );
    }
    if is_device_local(text) {
        add(
            END_DATE_LOCAL,
            path,
            format!(
                "EndDate {} has no offset; each device ends it at its own local time",
                quote(text)
            ),
        );
    }
}

fn caps(campaign: &Campaign, add: &mut Add) {
    let caps = [
        ("SessionCap", campaign.session_cap),
        ("DailyCap", campaign.daily_cap),
        ("TotalCap", campaign.total_cap),
    ];
    for (name, cap) in caps {
        if let Some(cap) = cap.filter(|c| *c < 0) {
            add(
                NEGATIVE_CAP,
                name.into(),
                format!("{name} {cap} is negative: devices count up to it, so they never show it"),
            );
        }
    }
    let set: Vec<&str> = caps
        .iter()
        .filter(|(_, cap)| cap_limit(*cap).is_some())
        .map(|(name, _)| *name)
        .collect();
    if campaign.campaign_id.is_none()
        && let Some(first) = set.first()
    {
        add(
            CAPS_WITHOUT_ID,
            (*first).into(),
            format!(
                "{} set, but no CampaignId: devices count displays by id, so no cap ever stops it",
                set.join(", ")
            ),
        );
    }
    // Session and total both count this campaign's displays; the daily count is every
    // campaign's, so a DailyCap above TotalCap can still act.
    if let (Some(total), Some(session)) = (
        cap_limit(campaign.total_cap),
        cap_limit(campaign.session_cap),
    ) && session > total
    {
        add(
            CAPS_CONTRADICT,
            "TotalCap".into(),
            format!(
                "TotalCap {total} is below SessionCap {session}; the SessionCap is never reached"
            ),
        );
    }
}
