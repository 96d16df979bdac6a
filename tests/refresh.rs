//! Refresh as the loop and `update` see it: ordering of replies, abandoned fetches, backoff,
//! watched files, the endpoint prompt, and frames drawn only when something visible changed.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent};
use jiff::{SignedDuration, ZonedDateTime};
use pinview::app::{Action, Effect, Fetch, FetchError, Mark, Pane, State, start, update};
use pinview::config::Settings;
use pinview::effects::initial_state;
use pinview::model::input::parse_campaigns;
use pinview::render::to_text;
use pinview::source::{Source, Target};
use pinview::tui::{LoopConfig, run_loop};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::now;

pub(crate) fn key(state: &mut State, c: char) -> Vec<Effect> {
    update(state, Action::Key(KeyEvent::from(KeyCode::Char(c)))).effects
}

pub(crate) fn reply(target: &Target, request: u64, ids: &[&str]) -> Action {
    let list: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"CampaignId":"{id}"}}"#))
        .collect();
    let campaigns =
        pinview::model::input::parse_campaigns(format!("[{}]", list.join(",")).as_bytes()).unwrap();
    Action::Fetched {
        target: target.clone(),
        request,
        at: now().timestamp(),
        result: Ok(campaigns),
        reviewed: None,
    }
}

pub(crate) fn three() -> (State, Vec<Target>) {
    let targets: Vec<Target> = ["a", "b", "c"].map(|e| Target::new("app", e)).to_vec();
    let mut state = State::new("live", targets.clone(), now());
    state.size = (120, 40);
    (state, targets)
}

fn ids(state: &State) -> Vec<String> {
    state
        .visible
        .iter()
        .map(|&i| state.campaigns()[i].id().to_string())
        .collect()
}

#[test]
fn start_asks_for_every_endpoint_once() {
    let (mut state, targets) = three();
    let out = start(&mut state);
    let asked: Vec<Target> = out
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::Fetch { target, .. } => Some(target.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(asked, targets);
    assert!(state.endpoints.iter().all(|e| e.in_flight));
}

#[test]
fn replies_out_of_order_and_for_a_left_endpoint_are_dropped() {
    let (mut state, targets) = three();
    start(&mut state);
    update(&mut state, reply(&targets[0], 1, &["first"]));
    // Two refreshes in flight; the older answers last and is dropped.
    let Effect::Fetch { request: r2, .. } = key(&mut state, 'r')[0].clone() else {
        panic!("r fetches");
    };
    let Effect::Fetch { request: r3, .. } = key(&mut state, 'r')[0].clone() else {
        panic!("r fetches");
    };
    assert!(update(&mut state, reply(&targets[0], r3, &["newest"])).redraw);
    assert!(!update(&mut state, reply(&targets[0], r2, &["older"])).redraw);
    assert_eq!(
        ids(&state),
        ["newest", "first"],
        "first is listed as removed"
    );
    assert_eq!(state.endpoints[0].live_count(), 1);
    // Leave a while its refresh is in flight: that reply is dropped, not shown later.
    let Effect::Fetch { request: r4, .. } = key(&mut state, 'r')[0].clone() else {
        panic!("r fetches");
    };
    key(&mut state, ']');
    assert_eq!(state.current, 1);
    assert!(!update(&mut state, reply(&targets[0], r4, &["late"])).redraw);
    assert_eq!(state.endpoints[0].campaigns[0].id(), "newest");
    assert!(!state.endpoints[0].in_flight);
    // b's own start-up reply still lands on b, and never on the screen of another endpoint.
    update(&mut state, reply(&targets[1], 1, &["bee"]));
    assert_eq!(ids(&state), ["bee"]);
    update(&mut state, reply(&targets[2], 1, &["sea"]));
    assert_eq!(ids(&state), ["bee"], "c's reply does not show on b");
    // Coming back to a fetches again, since its refresh was abandoned.
    let back = key(&mut state, '[');
    assert_eq!(back.len(), 1, "{back:?}");
    // A reply for an endpoint pinview does not list is ignored.
    assert!(!update(&mut state, reply(&Target::new("x", "y"), 1, &["z"])).redraw);
}

#[test]
fn selection_is_kept_by_campaign_id_across_a_refresh() {
    let (mut state, targets) = three();
    start(&mut state);
    update(&mut state, reply(&targets[0], 1, &["p", "q", "r"]));
    key(&mut state, 'j');
    assert_eq!(state.selected_id().as_deref(), Some("q"));
    let Effect::Fetch { request, .. } = key(&mut state, 'r')[0].clone() else {
        panic!("r fetches");
    };
    update(&mut state, reply(&targets[0], request, &["new", "r", "q"]));
    assert_eq!(state.selected_id().as_deref(), Some("q"));
    let screen = screen(&state);
    assert!(screen.contains("new"), "{screen}");
    assert!(screen.contains('+'), "new is marked: {screen}");
    assert!(screen.contains('−'), "p is marked removed: {screen}");
}

#[test]
fn refresh_interval_and_backoff_are_driven_by_ticks() {
    let (mut state, targets) = three();
    state.refresh = Some(Duration::from_secs(30));
    state.retry = true;
    start(&mut state);
    update(&mut state, reply(&targets[0], 1, &["one"]));
    let at = |secs: i64| Action::Tick(now().checked_add(SignedDuration::from_secs(secs)).unwrap());
    assert!(update(&mut state, at(29)).effects.is_empty());
    let out = update(&mut state, at(30));
    let [Effect::Fetch { request, .. }] = out.effects.as_slice() else {
        panic!("refresh due at 30s: {:?}", out.effects);
    };
    // Not asked again while that one is in flight.
    assert!(update(&mut state, at(31)).effects.is_empty());
    let failed = Action::Fetched {
        target: targets[0].clone(),
        request: *request,
        at: now().timestamp(),
        result: Err(FetchError::Transient("cannot connect".into())),
        reviewed: None,
    };
    update(&mut state, failed);
    assert_eq!(state.endpoints[0].failures, 1);
    // Retried after 2 s, then 4 s, 8 s … not every tick.
    let mut retries = Vec::new();
    for second in 1..=40 {
        let out = update(
            &mut state,
            Action::Tick(
                now()
                    .checked_add(SignedDuration::from_secs(second))
                    .unwrap(),
            ),
        );
        if let [Effect::Fetch { request, .. }] = out.effects.as_slice() {
            retries.push(second);
            update(
                &mut state,
                Action::Fetched {
                    target: targets[0].clone(),
                    request: *request,
                    at: now()
                        .checked_add(SignedDuration::from_secs(second))
                        .unwrap()
                        .timestamp(),
                    result: Err(FetchError::Transient("cannot connect".into())),
                    reviewed: None,
                },
            );
        }
    }
    assert_eq!(retries, [2, 6, 14, 30], "2 s, 4 s, 8 s, 16 s apart");
}

#[test]
fn e_adds_an_endpoint_typed_at_the_prompt_and_fetches_it() {
    let (mut state, targets) = three();
    start(&mut state);
    update(&mut state, reply(&targets[0], 1, &["one"]));
    assert!(key(&mut state, 'e').is_empty());
    for c in "user-42".chars() {
        key(&mut state, c);
    }
    assert!(
        screen(&state).contains("endpoint id in app: user-42"),
        "{}",
        screen(&state)
    );
    let out = update(&mut state, Action::Key(KeyEvent::from(KeyCode::Enter)));
    assert_eq!(
        out.effects,
        [Effect::Fetch {
            target: Target::new("app", "user-42"),
            request: 1
        }]
    );
    assert_eq!(state.endpoints.len(), 4);
    assert_eq!(state.current, 3);
    assert!(screen(&state).contains("▶ user-42"));
    // Esc cancels; an id already listed is switched to, not added twice.
    key(&mut state, 'e');
    update(&mut state, Action::Key(KeyEvent::from(KeyCode::Esc)));
    assert_eq!(state.mode, pinview::app::keys::Mode::Normal);
    assert!(state.prompt.is_empty());
    assert!(!state.quit);
    key(&mut state, 'e');
    key(&mut state, 'a');
    update(&mut state, Action::Key(KeyEvent::from(KeyCode::Enter)));
    assert_eq!((state.endpoints.len(), state.current), (4, 0));
}

#[test]
fn the_endpoints_pane_moves_with_j_and_k_when_focused() {
    let (mut state, targets) = three();
    start(&mut state);
    for (i, t) in targets.iter().enumerate() {
        update(&mut state, reply(t, 1, &vec!["x"; i + 1]));
    }
    update(&mut state, Action::Key(KeyEvent::from(KeyCode::BackTab)));
    assert_eq!(state.focus, Pane::Endpoints);
    key(&mut state, 'j');
    key(&mut state, 'j');
    key(&mut state, 'j');
    assert_eq!(state.current, 2, "stops at the last");
    let text = screen(&state);
    assert!(text.contains("▶ c"), "{text}");
    assert!(text.contains("Campaigns 3"), "{text}");
}

#[test]
fn a_failed_first_fetch_says_why_and_offers_a_retry() {
    let (mut state, targets) = three();
    start(&mut state);
    update(
        &mut state,
        Action::Fetched {
            target: targets[0].clone(),
            request: 1,
            at: now().timestamp(),
            result: Err(FetchError::Lasting(
                "no AWS credentials found: pass --profile".into(),
            )),
            reviewed: None,
        },
    );
    assert!(matches!(state.endpoints[0].fetch, Fetch::Failed { .. }));
    let text = screen(&state);
    assert!(
        text.contains("✕ no AWS credentials found: pass --profile  r retry"),
        "{text}"
    );
    // Details holds the whole reason, wrapped, however narrow the footer cuts it.
    state.size = (60, 30);
    let text = screen(&state);
    let details: String = text
        .lines()
        .filter_map(|l| l.rsplit('│').nth(1))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        details.contains("a could not be fetched: no AWS credentials found: pass --profile"),
        "{text}"
    );
}

pub(crate) fn screen(state: &State) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| pinview::ui::draw(state, f)).unwrap();
    to_text(terminal.backend().buffer())
}

/// The clock follows tokio's paused time, as the wall clock follows real time.
fn paused_clock() -> Arc<dyn Fn() -> ZonedDateTime + Send + Sync> {
    let base = tokio::time::Instant::now();
    Arc::new(move || {
        let elapsed = SignedDuration::try_from(base.elapsed()).unwrap();
        now().checked_add(elapsed).unwrap()
    })
}

struct Run {
    frames: Arc<AtomicUsize>,
}

/// Runs the loop on `source` while `drive` runs; returns the final state and screen.
async fn run_with<F: std::future::Future<Output = ()>>(
    source: Source,
    refresh: Option<Duration>,
    drive: impl FnOnce(Run) -> F,
) -> (State, String) {
    let mut state = initial_state(&source, &Settings::default(), None, now());
    state.refresh = refresh;
    state.size = (100, 30);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Event>();
    let events = Box::pin(futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx)));
    let frames = Arc::new(AtomicUsize::new(0));
    let config = LoopConfig {
        clock: paused_clock(),
        synchronized: false,
        frames: Arc::clone(&frames),
        imaging: None,
    };
    let driver = async move {
        drive(Run { frames }).await;
        tx.send(Event::Key(KeyEvent::from(KeyCode::Char('q'))))
            .unwrap();
    };
    let (state, ()) = tokio::join!(
        run_loop(&mut terminal, events, Arc::new(source), state, config),
        driver
    );
    (state.unwrap(), to_text(terminal.backend().buffer()))
}

/// With refresh on, frames follow the "ago" label: every second for a minute, then every
/// minute; never once per clock tick.
#[tokio::test(start_paused = true)]
async fn with_refresh_on_frames_follow_the_ago_label() {
    let day = Duration::from_secs(24 * 3600);
    let (_, screen) = run_with(Source::Demo, Some(day), |run| async move {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let settled = run.frames.load(Ordering::Relaxed);
        tokio::time::sleep(Duration::from_secs(600)).await;
        let drawn = run.frames.load(Ordering::Relaxed) - settled;
        // 59 one-second steps, then 9 minute steps.
        assert!((60..=75).contains(&drawn), "{drawn} frames in 10 minutes");
    })
    .await;
    assert!(screen.contains("fetched 10m ago"), "{screen}");
}

/// With refresh off and nothing on screen that depends on the clock (no quiet time, no end
/// date), a whole idle hour draws nothing.
#[tokio::test(start_paused = true)]
async fn with_refresh_off_an_idle_hour_draws_nothing() {
    // In memory: a file read would take real time while the paused clock runs ahead.
    let campaigns = parse_campaigns(br#"[{"CampaignId":"steady","Priority":1}]"#).unwrap();
    let source = Source::Memory(vec![(Target::new("app", "phone"), campaigns)]);
    let (_, screen) = run_with(source, None, |run| async move {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let settled = run.frames.load(Ordering::Relaxed);
        tokio::time::sleep(Duration::from_secs(3600)).await;
        assert_eq!(run.frames.load(Ordering::Relaxed), settled);
    })
    .await;
    assert!(screen.contains("fetched at 12:00:00"), "{screen}");
}

/// A watched file reloads on its own when it changes on disk.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_watched_file_reloads_when_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("phone.json");
    std::fs::write(&file, r#"[{"CampaignId":"before"}]"#).unwrap();
    let source = Source::open_files(std::slice::from_ref(&file)).unwrap();
    let path = file.clone();
    let (state, screen) = run_with(source, None, |_run| async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        std::fs::write(&path, r#"[{"CampaignId":"after"},{"CampaignId":"also"}]"#).unwrap();
        // The debounce is 200 ms; a slow machine gets ample room.
        tokio::time::sleep(Duration::from_secs(3)).await;
    })
    .await;
    // "before" may stay a while, marked as gone: a reload diffs against what was shown.
    let endpoint = &state.endpoints[0];
    let live: Vec<&str> = endpoint
        .campaigns
        .iter()
        .zip(endpoint.marks.iter().chain(std::iter::repeat(&Mark::Same)))
        .filter(|(_, mark)| **mark != Mark::Removed)
        .map(|(c, _)| c.id())
        .collect();
    assert_eq!(live, ["after", "also"], "{screen}");
}

/// The campaign `render --campaign` asks for is chosen by the reply that is kept, not by an
/// older one that is dropped.
#[test]
fn the_campaign_to_select_waits_for_the_reply_that_counts() {
    let (mut state, targets) = three();
    state.select_on_load = Some("second".into());
    let first = key(&mut state, 'r');
    let Some(Effect::Fetch { request, .. }) = first.first() else {
        panic!("r fetches: {first:?}");
    };
    let second = key(&mut state, 'r');
    assert_eq!(second.len(), 1);
    update(
        &mut state,
        reply(&targets[0], *request, &["first", "second"]),
    );
    assert_eq!(
        state.select_on_load.as_deref(),
        Some("second"),
        "dropped reply"
    );
    update(
        &mut state,
        reply(&targets[0], request + 1, &["first", "second"]),
    );
    assert_eq!(state.selected_id().as_deref(), Some("second"));
    assert_eq!(state.select_on_load, None);
}

/// Typing at a prompt shows what is typed even while the endpoint's last fetch failed.
#[test]
fn prompts_show_their_text_over_a_failed_fetch() {
    let (mut state, targets) = three();
    start(&mut state);
    let failed = Action::Fetched {
        target: targets[0].clone(),
        request: 1,
        at: now().timestamp(),
        result: Err(FetchError::Lasting("access denied".into())),
        reviewed: None,
    };
    update(&mut state, failed);
    key(&mut state, 't');
    key(&mut state, 'x');
    assert!(
        screen(&state).contains(" trigger: x▏"),
        "{}",
        screen(&state)
    );
}
