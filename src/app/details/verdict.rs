//! The trigger's verdict on the selected campaign, check by check in the device's order.

use super::super::state::State;
use super::super::trigger::Verdict;
use std::cmp::Ordering;

use super::{Rows, Tone};
use crate::rules::select::Check;

/// What a device does with the selected campaign for the trigger, check by check.
pub(super) fn verdict_rows(r: &mut Rows, state: &State, decided: &Verdict<'_>) {
    let event = state.trigger.as_ref().map_or("", |t| t.text.as_str());
    r.row("For event", event);
    let (failed_at, last) = match decided {
        Verdict::Shown => {
            let reason = state.selection.as_ref().map_or("", |s| s.reason.as_str());
            (None, (format!("★ shown: {reason}"), Tone::Strong))
        }
        Verdict::Excluded(why) => (Some(why.check()), (format!("✕ {why}"), Tone::Warn)),
    };
    for (i, check) in Check::ORDER.into_iter().enumerate() {
        let name = check.name();
        let (text, tone) = match failed_at.map(|f| check.cmp(&f)) {
            None | Some(Ordering::Less) => (format!("✓ {name}"), Tone::Plain),
            Some(Ordering::Equal) => last.clone(),
            Some(Ordering::Greater) => (format!("· {name}: not checked"), Tone::Label),
        };
        r.styled(if i == 0 { "Device" } else { "" }, &text, tone);
    }
    if failed_at.is_none() {
        r.styled("", &last.0, last.1);
    }
}
