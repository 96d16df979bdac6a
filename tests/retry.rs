//! Failed fetches: what waiting can mend is retried with backoff, what a person must mend
//! waits for `r` or a file change, and changed files are read wherever their endpoint is.

use std::time::Duration;

use jiff::SignedDuration;
use pinview::app::{Action, Effect, FetchError, State, start, update};
use pinview::source::Target;

use crate::refresh::{key, reply, screen, three};
use crate::support::now;

/// Fails the first fetch of endpoint `a` with `error`, then lets ten minutes of ticks pass;
/// returns how many fetches those ticks asked for.
fn fetches_after_failing_with(error: FetchError) -> (State, Vec<Target>, usize) {
    let (mut state, targets) = three();
    state.retry = true;
    state.refresh = Some(Duration::from_secs(30));
    start(&mut state);
    let failed = Action::Fetched {
        target: targets[0].clone(),
        request: 1,
        at: now().timestamp(),
        result: Err(error),
        reviewed: None,
    };
    update(&mut state, failed);
    let mut fetches = 0;
    for second in 1..=600 {
        let at = now()
            .checked_add(SignedDuration::from_secs(second))
            .unwrap();
        let out = update(&mut state, Action::Tick(at.clone()));
        for effect in out.effects {
            if let Effect::Fetch { target, request } = effect {
                fetches += 1;
                let again = Action::Fetched {
                    target,
                    request,
                    at: at.timestamp(),
                    result: Err(FetchError::Transient("still down".into())),
                    reviewed: None,
                };
                update(&mut state, again);
            }
        }
    }
    (state, targets, fetches)
}

/// Access denied, not found, no credentials: waiting cannot mend them, so they are shown and
/// not fetched again, neither by the backoff nor by the refresh interval, until `r`.
#[test]
fn a_lasting_error_is_not_retried_until_r() {
    let lasting = FetchError::Lasting("access denied to application app".into());
    let (mut state, targets, fetches) = fetches_after_failing_with(lasting);
    assert_eq!(fetches, 0, "ten minutes without a retry");
    assert_eq!(state.endpoints[0].due, None);
    assert!(screen(&state).contains("access denied to application app"));
    assert_eq!(
        key(&mut state, 'r'),
        [Effect::Fetch {
            target: targets[0].clone(),
            request: 2
        }]
    );
}

/// A watched file that was bad is read again when it changes, without `r`.
#[test]
fn a_lasting_error_is_fetched_again_when_its_file_changes() {
    let lasting = FetchError::Lasting("phone.json:1:2: expected value".into());
    let (mut state, targets, _) = fetches_after_failing_with(lasting);
    let out = update(&mut state, Action::FilesChanged(vec![targets[0].clone()]));
    assert_eq!(out.effects.len(), 1, "{:?}", out.effects);
}

/// Another endpoint's file is read when it changes too: its count in the endpoints pane is
/// kept true, and its reply does not move the screen.
#[test]
fn a_changed_file_of_another_endpoint_is_read_at_once() {
    let (mut state, targets) = three();
    start(&mut state);
    let out = update(&mut state, Action::FilesChanged(vec![targets[2].clone()]));
    let [Effect::Fetch { target, request }] = out.effects.as_slice() else {
        panic!("one read: {:?}", out.effects);
    };
    assert_eq!(target, &targets[2]);
    update(&mut state, reply(&targets[2], *request, &["x", "y"]));
    assert_eq!(state.current, 0);
    assert_eq!(state.endpoints[2].live_count(), 2);
}

/// Endpoints whose files appeared are listed after the others and read; the screen stays.
#[test]
fn endpoints_found_on_disk_are_listed_and_read() {
    let (mut state, targets) = three();
    start(&mut state);
    let new = Target::new("app", "d");
    let found = vec![(targets[1].clone(), None), (new.clone(), None)];
    let out = update(&mut state, Action::EndpointsFound(found));
    // Both are read: one listed already may have been added with `e` before its file was there.
    let read: Vec<&Target> = out
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::Fetch { target, .. } => Some(target),
            _ => None,
        })
        .collect();
    assert_eq!(read, [&targets[1], &new]);
    assert_eq!(state.endpoints.len(), 4);
    assert_eq!(state.endpoints[3].target, new);
    assert_eq!(state.current, 0);
}

/// Timeouts, throttling, 5xx and refused connections back off: 2 s, 4 s, 8 s … a minute.
#[test]
fn a_transient_error_is_retried_with_backoff() {
    let transient = FetchError::Transient("timed out after 10s".into());
    let (state, _, fetches) = fetches_after_failing_with(transient);
    // 2+4+8+16+32 s, then once a minute: 5 + 9 in ten minutes.
    assert!((12..=15).contains(&fetches), "{fetches} retries");
    assert!(state.endpoints[0].due.is_some());
}
