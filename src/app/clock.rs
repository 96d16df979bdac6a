//! The clock facts a frame depends on, as data: a tick redraws only when one of them changes,
//! and `ui` formats them without deciding anything about time.

use jiff::{Timestamp, ZonedDateTime};

use super::state::{Badges, Fetch, State};
use crate::rules::schedule::{EndStatus, Span, end_status};

/// The spinner turns one frame this often while something is on its way.
pub const SPIN_MS: i64 = 100;
/// Frames in one turn of the spinner.
pub const SPIN_FRAMES: usize = 10;

/// The spinner's frame at `now`, so it turns only when the clock does.
pub fn spinner_frame(now: &ZonedDateTime) -> usize {
    let step = now.timestamp().as_millisecond().div_euclid(SPIN_MS);
    step.rem_euclid(SPIN_FRAMES as i64) as usize
}

/// How long ago something happened, in the unit the header shows: "12s", "3m", "5h", "2d".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Age {
    Seconds(i64),
    Minutes(i64),
    Hours(i64),
    Days(i64),
}

impl Age {
    pub fn between(at: Timestamp, now: Timestamp) -> Self {
        let secs = now.as_second().saturating_sub(at.as_second()).max(0);
        match secs {
            0..60 => Self::Seconds(secs),
            60..3600 => Self::Minutes(secs / 60),
            3600..86400 => Self::Hours(secs / 3600),
            _ => Self::Days(secs / 86400),
        }
    }
}

/// Everything on screen that moves with the clock.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClockFacts {
    /// Per visible row: its badges (an end date passes, a daily cap resets at midnight).
    rows: Vec<Badges>,
    /// How far the selected campaign's end date is.
    ends: Option<Span>,
    /// How long ago the data on screen was fetched, when the header says it relatively.
    fetched: Option<Age>,
    spinner: Option<usize>,
    /// With a trigger: each campaign's rule and the one shown, as end dates pass.
    selection: Option<(Option<usize>, Vec<Option<&'static str>>)>,
}

impl ClockFacts {
    pub fn of(state: &State) -> Self {
        let now = &state.now;
        let rows = state.visible.iter().map(|&i| state.badges(i)).collect();
        let selected = state.selected_campaign();
        let ends = selected.and_then(|c| match end_status(c.end_date(), now) {
            EndStatus::Active { ends } => Some(Span::between(now.timestamp(), ends)),
            EndStatus::Expired { ended } => Some(Span::between(now.timestamp(), ended)),
            _ => None,
        });
        Self {
            rows,
            ends,
            fetched: fetched_age(state),
            spinner: state.spinning().then(|| spinner_frame(now)),
            selection: state.selection.as_ref().map(|s| {
                let rules = s
                    .verdicts
                    .iter()
                    .map(|v| v.excluded_by.as_ref().map(|e| e.rule()))
                    .collect();
                (s.shown, rules)
            }),
        }
    }
}

/// The age the header shows: relative only while refreshing, so an idle screen with refresh
/// off has nothing that ticks.
pub fn fetched_age(state: &State) -> Option<Age> {
    state.refresh?;
    let e = state.endpoint()?;
    let at = match (&e.fetch, e.loaded_at) {
        (Fetch::Loaded { at }, _) => *at,
        (Fetch::Failed { .. }, Some(good)) => good,
        (Fetch::Failed { at, .. }, None) => *at,
        _ => return None,
    };
    Some(Age::between(at, state.now.timestamp()))
}
