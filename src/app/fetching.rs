//! Fetch scheduling: when each endpoint is asked for, what a reply does to it (kept, marked,
//! or failed and retried or not), and moving between endpoints.

use std::path::PathBuf;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use super::endpoint::Reviewed;
use super::navigate::keep_selection_visible;
use super::state::{Endpoint, Fetch, FetchError, State};
use super::update::{Effect, Outcome};
use crate::model::{Campaign, Target};

/// The longest wait between retries of a failing fetch.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// 2 s, 4 s, 8 s … up to `MAX_BACKOFF`.
fn backoff(failures: u32) -> Duration {
    let exp = failures.saturating_sub(1).min(6);
    (Duration::from_secs(2) * (1 << exp)).min(MAX_BACKOFF)
}

fn after(at: Timestamp, wait: Duration) -> Option<Timestamp> {
    at.checked_add(SignedDuration::try_from(wait).ok()?).ok()
}

pub fn on_fetched(
    state: &mut State,
    target: Target,
    request: u64,
    at: Timestamp,
    result: Result<Vec<Campaign>, FetchError>,
    reviewed: Option<Reviewed>,
) -> Outcome {
    let Some(index) = state.endpoints.iter().position(|e| e.target == target) else {
        return Outcome::none();
    };
    // An answer to a request since replaced, or abandoned when the user left the endpoint.
    if request != state.endpoints[index].request {
        return Outcome::none();
    }
    let keep = match (&state.select_on_load, &result) {
        (Some(_), Ok(_)) if index == state.current => state.select_on_load.take(),
        _ => state.selected_id(),
    };
    let (refresh, retry) = (state.refresh, state.retry);
    let fetched = at.to_zoned_datetime(state.now.time_zone().clone());
    let mut garbage = None;
    let endpoint = &mut state.endpoints[index];
    endpoint.in_flight = false;
    match result {
        Ok(campaigns) => {
            garbage = endpoint.apply(campaigns, &fetched, reviewed);
            endpoint.due = refresh.and_then(|r| after(at, r));
        }
        // The last good campaigns stay on screen; the error says why they may be stale.
        Err(error) => {
            let transient = error.is_transient();
            endpoint.fetch = Fetch::Failed { at, error };
            endpoint.failures = endpoint.failures.saturating_add(1);
            endpoint.due = if retry && transient {
                after(at, backoff(endpoint.failures))
            } else {
                None
            };
        }
    }
    if index == state.current {
        state.refresh_visible(keep);
        keep_selection_visible(state);
    }
    let mut out = Outcome::redraw();
    out.effects.extend(garbage.map(Effect::Release));
    out
}

pub fn on_files_changed(state: &mut State, targets: &[Target]) -> Outcome {
    let mut out = Outcome::none();
    for target in targets {
        let Some(index) = state.endpoints.iter().position(|e| &e.target == target) else {
            continue;
        };
        // Every changed file is read, as all are at the start: the endpoints pane shows each
        // one's count and state, which would otherwise go stale without a sign.
        out.effects.extend(fetch(state, index));
        out.redraw = true;
    }
    out
}

/// Lists endpoints whose files appeared, after the others, and reads them (those already
/// listed too); the screen stays where it is.
pub fn on_endpoints_found(state: &mut State, found: Vec<(Target, Option<PathBuf>)>) -> Outcome {
    let mut out = Outcome::none();
    for (target, image_base) in found {
        // One added with `e` before its file existed is read now that it does.
        let index = match state.endpoints.iter().position(|e| e.target == target) {
            Some(i) => i,
            None => {
                state.endpoints.push(Endpoint::new(target));
                state.endpoints.len() - 1
            }
        };
        state.endpoints[index].image_base = image_base;
        out.effects.extend(fetch(state, index));
        out.redraw = true;
    }
    out
}

/// Adds an endpoint of the current application and shows it; an id already listed is shown.
pub fn add_endpoint(state: &mut State, id: String) -> Vec<Effect> {
    let app = state
        .endpoint()
        .map(|e| e.target.app.clone())
        .unwrap_or_default();
    let target = Target::new(app, id);
    let index = match state.endpoints.iter().position(|e| e.target == target) {
        Some(i) => i,
        None => {
            state.endpoints.push(Endpoint::new(target));
            state.endpoints.len() - 1
        }
    };
    go_to_endpoint(state, index)
}

pub fn step_endpoint(state: &mut State, by: isize, wrap: bool) -> Vec<Effect> {
    let n = state.endpoints.len() as isize;
    if n == 0 {
        return Vec::new();
    }
    let next = state.current as isize + by;
    let index = if wrap {
        next.rem_euclid(n)
    } else {
        next.clamp(0, n - 1)
    };
    go_to_endpoint(state, index as usize)
}

/// Shows endpoint `index`. A fetch in flight for the endpoint left is abandoned, so its reply
/// is dropped; the one shown is fetched if it never was, or is due.
pub fn go_to_endpoint(state: &mut State, index: usize) -> Vec<Effect> {
    if index == state.current || index >= state.endpoints.len() {
        return Vec::new();
    }
    if let Some(left) = state.endpoints.get_mut(state.current)
        && left.in_flight
    {
        // Its reply will not match and is dropped; it is fetched again on coming back.
        left.request += 1;
        left.in_flight = false;
        left.due = Some(state.now.timestamp());
        if left.fetch == Fetch::Loading {
            left.fetch = Fetch::Idle;
        }
    }
    state.current = index;
    state.selected = 0;
    state.list_offset = 0;
    state.page = 0;
    state.details_scroll = 0;
    state.visible.clear();
    state.refresh_visible(None);
    let endpoint = &state.endpoints[index];
    if endpoint.fetch == Fetch::Idle || is_due(endpoint, state) {
        fetch(state, index)
    } else {
        Vec::new()
    }
}

pub fn fetch_current_if_due(state: &mut State) -> Vec<Effect> {
    match state.endpoint() {
        Some(e) if !e.in_flight && is_due(e, state) => fetch(state, state.current),
        _ => Vec::new(),
    }
}

/// Whether the endpoint's refresh or retry time has come.
fn is_due(endpoint: &Endpoint, state: &State) -> bool {
    endpoint.due.is_some_and(|d| d <= state.now.timestamp())
}

/// Sends a new request for endpoint `index`; any older one in flight is superseded.
pub fn fetch(state: &mut State, index: usize) -> Vec<Effect> {
    let Some(endpoint) = state.endpoints.get_mut(index) else {
        return Vec::new();
    };
    endpoint.request += 1;
    endpoint.in_flight = true;
    endpoint.due = None;
    if endpoint.fetch == Fetch::Idle {
        endpoint.fetch = Fetch::Loading;
    }
    vec![Effect::Fetch {
        target: endpoint.target.clone(),
        request: endpoint.request,
    }]
}
