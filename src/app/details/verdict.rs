//! The trigger's verdict on the selected campaign, check by check in the device's order.

use super::super::state::State;
use super::super::trigger::Verdict;
use super::{Rows, Tone};

/// The checks a device runs, in its order (amplify-js `processInAppMessages`), for the
/// trigger's verdict rule by rule.
const CHECKS: [&str; 6] = [
    "event",
    "attributes",
    "metrics",
    "end date",
    "caps",
    "priority",
];

fn check_position(rule: &str) -> usize {
    match rule {
        "attribute" => 1,
        "metric" => 2,
        "end_date" => 3,
        "session_cap" | "daily_cap" | "total_cap" => 4,
        "priority" | "tie" => 5,
        _ => 0,
    }
}

/// What a device does with the selected campaign for the trigger, check by check.
pub(super) fn verdict_rows(r: &mut Rows, state: &State, decided: &Verdict<'_>) {
    let event = state.trigger.as_ref().map_or("", |t| t.text.as_str());
    r.row("For event", event);
    let (failed_at, last) = match decided {
        Verdict::Shown => {
            let reason = state.selection.as_ref().map_or("", |s| s.reason.as_str());
            (CHECKS.len(), (format!("★ shown: {reason}"), Tone::Strong))
        }
        Verdict::Excluded(why) => (check_position(why.rule()), (format!("✕ {why}"), Tone::Warn)),
    };
    for (i, check) in CHECKS.iter().enumerate() {
        let (text, tone) = match i.cmp(&failed_at) {
            std::cmp::Ordering::Less => (format!("✓ {check}"), Tone::Plain),
            std::cmp::Ordering::Equal => last.clone(),
            std::cmp::Ordering::Greater => (format!("· {check}: not checked"), Tone::Label),
        };
        r.styled(if i == 0 { "Device" } else { "" }, &text, tone);
    }
    if failed_at == CHECKS.len() {
        r.styled("", &last.0, last.1);
    }
}
