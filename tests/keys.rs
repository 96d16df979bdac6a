//! Key-driven behaviour: actions fed to `update`, state and frame checked after each.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use pinview::app::keys::Mode;
use pinview::app::{Action, Effect, FetchError, Pane, State, start, update};
use pinview::config::Settings;
use pinview::effects::{Runner, initial_state};
use pinview::render::to_text;
use pinview::rules::platform::Platform;
use pinview::source::{Source, Target};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tokio::sync::mpsc::UnboundedReceiver;

use crate::support::now;

struct App {
    state: State,
    runner: Runner,
    replies: UnboundedReceiver<Action>,
    runtime: tokio::runtime::Runtime,
}

impl App {
    /// The demo at 120x40, its first endpoint loaded, as the TUI starts.
    fn demo() -> Self {
        let source = Source::Demo;
        let mut state = initial_state(&source, &Settings::default(), None, now());
        state.size = (120, 40);
        let mut app = App::new(source, state);
        let out = start(&mut app.state);
        app.answer(out.effects);
        app
    }

    fn new(source: Source, state: State) -> Self {
        let (runner, replies) = Runner::new(Arc::new(source), Arc::new(now), None);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        App {
            state,
            runner,
            replies,
            runtime,
        }
    }

    /// Runs effects through the app's runner until every reply is in, as the event loop would
    /// a moment later.
    fn answer(&mut self, effects: Vec<Effect>) {
        let settle = self
            .runner
            .settle(&mut self.state, &mut self.replies, effects);
        self.runtime.block_on(settle);
    }

    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.key_with(code, KeyModifiers::NONE)
    }

    fn key_with(&mut self, code: KeyCode, mods: KeyModifiers) -> &mut Self {
        let out = update(&mut self.state, Action::Key(KeyEvent::new(code, mods)));
        self.answer(out.effects);
        self
    }

    fn keys(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    fn selected(&self) -> &str {
        self.state.selected_campaign().map_or("", |c| c.id())
    }

    fn screen(&self) -> String {
        let area = Rect::new(0, 0, self.state.size.0, self.state.size.1);
        let mut buf = Buffer::empty(area);
        pinview::ui::draw_buffer(&self.state, area, &mut buf);
        to_text(&buf)
    }
}

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
fn slash_filters_by_id_header_and_body_and_esc_clears() {
    let mut app = App::demo();
    app.key(KeyCode::Char('/')).keys("TOUR");
    assert_eq!(app.state.mode, Mode::Filter);
    assert_eq!(app.state.visible.len(), 1);
    assert_eq!(app.selected(), "onboarding-tour");
    let screen = app.screen();
    assert!(screen.contains("Campaigns 1 of 4"), "{screen}");
    assert!(screen.contains("/ TOUR▏"));
    app.key(KeyCode::Enter);
    assert_eq!(app.state.mode, Mode::Normal);
    assert!(app.screen().contains("filter \"TOUR\" (Esc clears)"));
    // A body match: "Lighter layers" is in spring-teaser's body only.
    app.key(KeyCode::Char('/'))
        .key_with(KeyCode::Char('u'), KeyModifiers::CONTROL)
        .keys("lighter");
    assert_eq!(app.selected(), "spring-teaser");
    app.key(KeyCode::Backspace).keys("zzz");
    assert!(app.screen().contains("no campaign matches \"lightezzz\""));
    app.key(KeyCode::Esc);
    assert_eq!(app.state.visible.len(), 4);
    assert!(!app.state.quit, "Esc in the filter does not quit");
}

#[test]
fn esc_clears_a_kept_filter_before_it_quits() {
    let mut app = App::demo();
    app.key(KeyCode::Char('/')).keys("rate").key(KeyCode::Enter);
    app.key(KeyCode::Esc);
    assert!(!app.state.quit);
    assert_eq!(app.state.visible.len(), 4);
    app.key(KeyCode::Esc);
    assert!(app.state.quit);
}

#[test]
fn question_mark_shows_help_from_the_key_table() {
    let mut app = App::demo();
    app.key(KeyCode::Char('?'));
    let screen = app.screen();
    assert!(screen.contains(" Browsing"), "{screen}");
    for b in pinview::app::keys::BINDINGS.iter().take(10) {
        assert!(screen.contains(b.help), "help lacks {:?}", b.help);
    }
    app.key(KeyCode::Char('x'));
    assert_eq!(
        app.state.mode,
        Mode::Normal,
        "any other key closes the help"
    );
    assert!(!app.state.quit);
}

/// At 80x20 the help is longer than the window: j/k and PgDn/PgUp scroll it, and every key of
/// every mode, the line editor's keys and every badge can be reached.
#[test]
fn help_scrolls_so_every_key_is_reached_in_a_short_window() {
    let mut app = App::demo();
    update(&mut app.state, Action::Resize(80, 20));
    app.key(KeyCode::Char('?'));
    let mut seen = app.screen();
    let top = seen.clone();
    for _ in 0..30 {
        app.key(KeyCode::PageDown);
        seen.push_str(&app.screen());
    }
    let bottom = app.state.help_scroll;
    assert!(bottom > 0, "the help scrolled");
    let mut wanted: Vec<&str> = Mode::ALL
        .iter()
        .flat_map(|m| m.bindings())
        .map(|b| b.help)
        .filter(|h| !h.is_empty())
        .collect();
    wanted.extend(pinview::app::input::EDITING.iter().map(|b| b.help));
    wanted.extend(pinview::app::help::LEGEND.iter().map(|(_, m)| *m));
    for help in wanted {
        assert!(seen.contains(help), "never shown: {help:?}");
    }
    app.key(KeyCode::PageDown);
    assert_eq!(app.state.help_scroll, bottom, "no scrolling past the end");
    app.key(KeyCode::Char('k'));
    assert_eq!(app.state.help_scroll, bottom - 1);
    app.key(KeyCode::Char('g'));
    assert_eq!(app.screen(), top);
    app.key(KeyCode::Esc);
    assert_eq!(app.state.mode, Mode::Normal);
    assert!(!app.state.quit, "Esc closes the help, it does not quit");
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
    assert!(row.contains("BOTTOM_BANNER ⊘"), "{screen}");
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
    };
    assert!(!update(&mut app.state, stale).redraw);
    assert_eq!(app.state.campaigns().len(), 4, "older reply ignored");
    // A failure keeps the last good campaigns and says why.
    let failed = Action::Fetched {
        target,
        request: *second,
        at: now().timestamp(),
        result: Err(FetchError::Transient("disk on fire".into())),
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
        depth: pinview::ui::theme::ColorDepth::TrueColor,
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
fn esc_clearing_a_filter_keeps_the_selection_on_screen() {
    let list: Vec<String> = (0..30)
        .map(|i| format!(r#"{{"CampaignId":"c{i:02}","Priority":{i}}}"#))
        .collect();
    let campaigns =
        pinview::model::input::parse_campaigns(format!("[{}]", list.join(",")).as_bytes()).unwrap();
    let target = Target::new("app", "one");
    let mut state = State::new("files", vec![target.clone()], now());
    state.size = (80, 24);
    let action = Action::Fetched {
        target,
        request: 0,
        at: now().timestamp(),
        result: Ok(campaigns),
    };
    update(&mut state, action);
    let mut app = App::new(Source::Demo, state);
    app.key(KeyCode::Char('/')).keys("c29").key(KeyCode::Enter);
    app.key(KeyCode::Esc);
    assert_eq!(app.selected(), "c29");
    assert!(app.screen().contains("▶ 29  c29"), "{}", app.screen());
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
