//! Key-driven behaviour: actions fed to `update`, state and frame checked after each.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use pinview::app::{Action, Effect, FetchError, Pane, State, update};
use pinview::render::to_text;
use pinview::rules::platform::Platform;
use pinview::source::{Source, Target};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::driver::App;
use crate::support::now;

#[test]
fn j_k_g_and_arrows_move_the_selection_in_device_order() {
    let mut app = App::demo();
    assert_eq!(app.selected(), "winter-sale-2026");
    app.key(KeyCode::Char('j'));
    assert_eq!(app.selected(), "onboarding-tour");
    assert!(app.screen().contains("▶  2  onboarding-tour"));
    app.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Down);
    assert_eq!(app.selected(), "spring-teaser", "stops at the last");
    app.key(KeyCode::Up);
    assert_eq!(app.selected(), "rate-us");
    app.key(KeyCode::Char('g'));
    assert_eq!(app.selected(), "winter-sale-2026");
    app.key(KeyCode::Char('G'));
    assert_eq!(app.selected(), "spring-teaser");
    app.key(KeyCode::PageUp);
    assert_eq!(app.selected(), "winter-sale-2026");
    app.key(KeyCode::PageDown);
    assert_eq!(app.selected(), "spring-teaser");
}

#[test]
fn tab_cycles_focus_and_j_then_scrolls_details() {
    let mut app = App::demo();
    assert_eq!(app.state.focus, Pane::List);
    app.key(KeyCode::Tab);
    assert_eq!(app.state.focus, Pane::Preview);
    app.key(KeyCode::Tab);
    assert_eq!(app.state.focus, Pane::Details);
    let before = app.screen();
    app.key(KeyCode::Char('j')).key(KeyCode::Char('j'));
    assert_eq!(app.selected(), "winter-sale-2026", "selection stays");
    assert_eq!(app.state.details_scroll, 2);
    assert_ne!(app.screen(), before, "details scrolled");
    app.key(KeyCode::BackTab).key(KeyCode::BackTab);
    assert_eq!(app.state.focus, Pane::List);
    app.key(KeyCode::BackTab);
    assert_eq!(
        app.state.focus,
        Pane::Endpoints,
        "the endpoints pane is first"
    );
    app.key(KeyCode::BackTab);
    assert_eq!(app.state.focus, Pane::Details, "wraps around");
}

/// The details scroll stops at its last line, so one key press always moves it back.
#[test]
fn the_details_scroll_stops_at_the_end() {
    let mut app = App::demo();
    app.key(KeyCode::Tab).key(KeyCode::Tab);
    for _ in 0..200 {
        app.key(KeyCode::Char('j'));
    }
    let end = app.state.details_scroll;
    assert!(end > 0 && end < 100, "stopped at {end}");
    let bottom = app.screen();
    assert!(
        bottom.contains("Colours"),
        "the last rows are shown:\n{bottom}"
    );
    app.key(KeyCode::PageDown);
    assert_eq!(app.state.details_scroll, end);
    app.key(KeyCode::Char('k'));
    assert_eq!(app.state.details_scroll, end - 1, "one key moves it back");
    // A taller window needs less scroll: a resize clamps it again.
    update(&mut app.state, Action::Resize(200, 60));
    assert!(app.state.details_scroll < end);
}

#[test]
fn brackets_switch_endpoint_and_fetch_it_once() {
    let mut app = App::demo();
    // Every endpoint was asked for at start, so the endpoints pane has counts.
    let screen = app.screen();
    assert!(screen.contains("▶ android-pixel"), "{screen}");
    assert!(screen.contains("iphone-15"), "{screen}");
    let out = update(
        &mut app.state,
        Action::Key(KeyEvent::from(KeyCode::Char(']'))),
    );
    assert!(out.effects.is_empty(), "loaded at start: {:?}", out.effects);
    assert!(app.screen().contains("demo-app › iphone-15  [2/3]"));
    assert_eq!(app.selected(), "dark-mode-launch");
    app.key(KeyCode::Char('['));
    assert!(app.screen().contains("demo-app › android-pixel  [1/3]"));
    // Already loaded: no second fetch.
    let out = update(
        &mut app.state,
        Action::Key(KeyEvent::from(KeyCode::Char(']'))),
    );
    assert!(out.effects.is_empty());
    app.key(KeyCode::Char('[')).key(KeyCode::Char('['));
    assert!(
        app.screen().contains("demo-app › web-chrome  [3/3]"),
        "wraps backwards"
    );
}

#[test]
fn h_l_page_the_carousel_within_its_cards() {
    let mut app = App::demo();
    app.key(KeyCode::Char('j'));
    assert!(app.screen().contains("Preview · CAROUSEL 1/4"));
    app.key(KeyCode::Char('l')).key(KeyCode::Right);
    assert!(app.screen().contains("CAROUSEL 3/4"));
    app.key(KeyCode::Char('l')).key(KeyCode::Char('l'));
    assert_eq!(app.state.page, 3, "stops at the last card");
    app.key(KeyCode::Char('h'));
    assert!(app.screen().contains("CAROUSEL 3/4"));
    app.key(KeyCode::Char('j'));
    assert_eq!(app.state.page, 0, "a new campaign starts at its first card");
}

#[test]
fn p_cycles_platforms_and_web_draws_a_browser() {
    let mut app = App::demo();
    assert!(app.screen().contains("platform: Default"));
    app.key(KeyCode::Char('p'));
    assert_eq!(app.state.platform, Platform::Android);
    let screen = app.screen();
    assert!(screen.contains("platform: Android"));
    assert!(
        screen.contains("▸Android"),
        "details mark the platform in use"
    );
    app.keys("pp");
    let screen = app.screen();
    assert!(screen.contains("platform: Web"));
    assert!(
        screen.contains("https://app.example/"),
        "browser window: {screen}"
    );
    app.key(KeyCode::Char('p'));
    assert_eq!(app.state.platform, Platform::Default);
}

#[test]
fn quit_keys() {
    for (code, mods) in [
        (KeyCode::Char('q'), KeyModifiers::NONE),
        (KeyCode::Esc, KeyModifiers::NONE),
        (KeyCode::Char('c'), KeyModifiers::CONTROL),
    ] {
        let mut app = App::demo();
        app.key_with(code, mods);
        assert!(app.state.quit, "{code:?}");
    }
}

#[test]
fn recording_displays_reaches_caps() {
    let mut app = App::demo();
    assert!(!app.screen().contains('⊘'));
    app.key(KeyCode::Char('s'));
    let screen = app.screen();
    assert!(screen.contains("⊘ session cap reached"), "{screen}");
    let row = screen
        .lines()
        .find(|l| l.contains("▶  1  winter-sale-2026"))
        .unwrap();
    let list_row = row.split("││").next().unwrap_or_default();
    assert!(list_row.contains('⊘'), "{screen}");
    app.key(KeyCode::Char('S'));
    assert!(!app.screen().contains('⊘'));
}

#[test]
fn mouse_click_selects_a_row_and_wheel_scrolls() {
    let mut app = App::demo();
    // Row 0 is the header, rows 1-5 the endpoints pane, row 6 the list border; campaigns
    // start on row 7.
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 10,
        row: 9,
        modifiers: KeyModifiers::NONE,
    };
    update(&mut app.state, Action::Mouse(click));
    assert_eq!(app.selected(), "rate-us");
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollUp,
        ..click
    };
    update(&mut app.state, Action::Mouse(wheel));
    assert_eq!(app.selected(), "onboarding-tour");
    let on_details = MouseEvent {
        column: 100,
        ..click
    };
    update(&mut app.state, Action::Mouse(on_details));
    assert_eq!(app.state.focus, Pane::Details);
    let on_endpoint = MouseEvent { row: 3, ..click };
    update(&mut app.state, Action::Mouse(on_endpoint));
    assert_eq!(app.state.focus, Pane::Endpoints);
    assert_eq!(app.state.current, 1, "second endpoint row");
    assert!(app.screen().contains("demo-app › iphone-15"));
}

#[test]
fn resize_redraws_in_the_new_layout() {
    let mut app = App::demo();
    let out = update(&mut app.state, Action::Resize(80, 24));
    assert!(out.redraw);
    let screen = app.screen();
    assert_eq!(screen.lines().count(), 24);
    assert!(
        screen
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) == 80)
    );
}

#[test]
fn stale_replies_and_replies_for_other_endpoints_are_dropped() {
    let mut app = App::demo();
    let target = Target::new("demo-app", "android-pixel");
    let r1 = update(
        &mut app.state,
        Action::Key(KeyEvent::from(KeyCode::Char('r'))),
    );
    let r2 = update(
        &mut app.state,
        Action::Key(KeyEvent::from(KeyCode::Char('r'))),
    );
    let (
        Effect::Fetch { request: first, .. },
        Effect::Fetch {
            request: second, ..
        },
    ) = (&r1.effects[0], &r2.effects[0])
    else {
        panic!("r fetches: {:?} {:?}", r1.effects, r2.effects);
    };
    assert!(second > first);
    let stale = Action::Fetched {
        target: target.clone(),
        request: *first,
        at: now().timestamp(),
        result: Ok(Vec::new()),
        reviewed: None,
    };
    assert!(!update(&mut app.state, stale).redraw);
    assert_eq!(app.state.campaigns().len(), 4, "older reply ignored");
    // A failure keeps the last good campaigns and says why.
    let failed = Action::Fetched {
        target,
        request: *second,
        at: now().timestamp(),
        result: Err(FetchError::Transient("disk on fire".into())),
        reviewed: None,
    };
    update(&mut app.state, failed);
    assert_eq!(app.state.campaigns().len(), 4);
    let screen = app.screen();
    assert!(screen.contains("stale: fetched at 12:00:00"), "{screen}");
    assert!(screen.contains("✕ disk on fire  r retry"), "{screen}");
}

#[test]
fn selection_survives_a_refresh_by_campaign_id() {
    let mut app = App::demo();
    app.keys("jj");
    assert_eq!(app.selected(), "rate-us");
    let mut campaigns = Source::Demo
        .fetch_local(&Target::new("demo-app", "android-pixel"))
        .unwrap();
    campaigns.remove(0);
    campaigns.reverse();
    let out = update(
        &mut app.state,
        Action::Key(KeyEvent::from(KeyCode::Char('r'))),
    );
    let Effect::Fetch { target, request } = out.effects[0].clone() else {
        panic!("r fetches: {:?}", out.effects);
    };
    update(
        &mut app.state,
        Action::Fetched {
            target,
            request,
            at: now().timestamp(),
            result: Ok(campaigns),
            reviewed: None,
        },
    );
    assert_eq!(app.selected(), "rate-us");
}

/// The idle TUI draws nothing: the loop is run on a paused clock for ten minutes with no
/// input, and only the start-up frames are drawn.
#[tokio::test(start_paused = true)]
async fn idle_tui_draws_no_frames() {
    let source = Arc::new(Source::Demo);
    let mut state = State::new("demo", source.targets(), now());
    state.size = (100, 30);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<Event>();
    let events = tokio_stream_from(rx);
    let frames = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let config = pinview::tui::LoopConfig {
        clock: Arc::new(now),
        synchronized: false,
        frames: Arc::clone(&frames),
        imaging: None,
    };
    let driver = async {
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
        let settled = frames.load(Ordering::Relaxed);
        assert!(settled >= 1, "the first frame is drawn");
        tokio::time::sleep(std::time::Duration::from_secs(600)).await;
        assert_eq!(
            frames.load(Ordering::Relaxed),
            settled,
            "frames drawn while idle"
        );
        tx.send(Event::Key(KeyEvent::from(KeyCode::Char('j'))))
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        assert_eq!(
            frames.load(Ordering::Relaxed),
            settled + 1,
            "one key, one frame"
        );
        tx.send(Event::Key(KeyEvent::from(KeyCode::Char('q'))))
            .unwrap();
    };
    let (state, ()) = tokio::join!(
        pinview::tui::run_loop(&mut terminal, events, source, state, config),
        driver
    );
    let state = state.unwrap();
    assert!(state.quit);
    assert!(to_text(terminal.backend().buffer()).contains("onboarding-tour"));
}

fn tokio_stream_from(
    mut rx: tokio::sync::mpsc::UnboundedReceiver<Event>,
) -> std::pin::Pin<Box<dyn futures_util::Stream<Item = Event> + Send>> {
    Box::pin(futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx)))
}

#[test]
fn zero_sized_windows_draw_nothing_and_do_not_panic() {
    let mut app = App::demo();
    for (w, h) in [(0, 0), (100, 0), (0, 30)] {
        update(&mut app.state, Action::Resize(w, h));
        let _ = app.screen();
        let mut options = pinview::render::Options::new(w, h, now());
        options.campaign = None;
        let buf = pinview::render::render(app.state.campaigns(), &options).unwrap();
        assert_eq!(buf.area.area(), u32::from(w) * u32::from(h));
    }
}
