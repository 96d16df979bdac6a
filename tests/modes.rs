//! Input modes: the filter and its line editor, the endpoint prompt's keys, and the help that
//! lists every mode and scrolls.

use crossterm::event::{KeyCode, KeyModifiers};
use pinview::app::keys::Mode;
use pinview::app::{Action, State, update};
use pinview::source::{Source, Target};

use crate::driver::App;
use crate::support::now;

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

/// Text longer than the footer scrolls: the cursor and what was typed last stay in sight.
#[test]
fn long_prompt_text_keeps_the_cursor_in_sight() {
    let mut app = App::demo();
    app.state.size = (40, 12);
    let long = format!("{}-ENDMARK", "abcdefghij".repeat(6));
    app.key(KeyCode::Char('/')).keys(&long);
    let screen = app.screen();
    let footer = screen.lines().last().unwrap();
    assert!(footer.starts_with(" / …"), "{footer:?}");
    assert!(footer.contains("-ENDMARK▏"), "{footer:?}");
    // One step left, the character passed stays in sight after the cursor.
    app.key(KeyCode::Left);
    let screen = app.screen();
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("-ENDMAR▏K"), "{footer:?}");
    // Back at the start, the start shows and the rest is cut after the cursor.
    app.key(KeyCode::Home);
    let screen = app.screen();
    let footer = screen.lines().last().unwrap();
    assert!(footer.starts_with(" / ▏abcdefghij"), "{footer:?}");
    assert!(footer.trim_end().ends_with('…'), "{footer:?}");
    // Short text keeps the keys.
    app.key(KeyCode::Esc).key(KeyCode::Char('/')).keys("ab");
    assert!(app.screen().lines().last().unwrap().contains("ab▏  "));
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
        reviewed: None,
    };
    update(&mut state, action);
    let mut app = App::new(Source::Demo, state);
    app.key(KeyCode::Char('/')).keys("c29").key(KeyCode::Enter);
    app.key(KeyCode::Esc);
    assert_eq!(app.selected(), "c29");
    assert!(app.screen().contains("▶ 29  c29"), "{}", app.screen());
}

fn type_trigger(app: &mut App, text: &str) {
    app.key(KeyCode::Char('t'));
    app.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    app.keys(text).key(KeyCode::Enter);
}

fn shown(app: &App) -> Option<String> {
    let selection = app.state.selection.as_ref()?;
    let index = selection.shown?;
    Some(app.state.campaigns()[index].id().to_string())
}

/// `t` sets an event; the list marks what a device shows and why the others do not, the details
/// go rule by rule, and `s`/`n` move the device's counts so caps bite; Esc clears it.
#[test]
fn a_trigger_marks_the_message_shown_and_caps_bite() {
    let mut app = App::demo();
    type_trigger(&mut app, "_session.start plan=pro");
    assert_eq!(app.state.mode, Mode::Normal);
    assert_eq!(shown(&app).as_deref(), Some("onboarding-tour"));
    let screen = app.screen();
    assert!(screen.contains("★ _session.start plan=pro"), "{screen}");
    assert!(screen.contains("★ shown"), "{screen}");
    assert!(screen.contains("· metric"), "{screen}");
    assert!(screen.contains("✕ metric score: event"), "{screen}");
    insta::assert_snapshot!("trigger_set_120x40", screen);

    // With the metric, winter-sale (priority 1) wins; one display reaches its session cap.
    type_trigger(&mut app, "_session.start plan=pro score:12");
    assert_eq!(shown(&app).as_deref(), Some("winter-sale-2026"));
    assert_eq!(app.selected(), "winter-sale-2026");
    app.key(KeyCode::Char('s'));
    assert_eq!(
        shown(&app).as_deref(),
        Some("onboarding-tour"),
        "session cap 1"
    );
    assert!(app.screen().contains("· capped"), "{}", app.screen());
    app.key(KeyCode::Char('n'));
    assert_eq!(
        shown(&app).as_deref(),
        Some("winter-sale-2026"),
        "a new session"
    );
    app.key(KeyCode::Char('s')).key(KeyCode::Char('n'));
    assert_eq!(
        shown(&app).as_deref(),
        Some("onboarding-tour"),
        "daily cap 2, one counter for the day"
    );

    app.key(KeyCode::Esc);
    assert!(app.state.trigger.is_none() && app.state.selection.is_none());
    assert!(!app.state.quit, "Esc clears the trigger before it quits");
    assert!(!app.screen().contains("★ shown"));
}

#[test]
fn a_bad_trigger_keeps_the_prompt_open_and_says_why() {
    let mut app = App::demo();
    type_trigger(&mut app, "purchase cart:lots");
    assert_eq!(app.state.mode, Mode::Trigger);
    let screen = app.screen();
    assert!(screen.contains("\"lots\" is not a number"), "{screen}");
    app.key(KeyCode::Esc);
    assert_eq!(app.state.mode, Mode::Normal);
    assert!(app.state.trigger.is_none());
}
