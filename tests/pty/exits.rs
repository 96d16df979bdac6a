//! Every way out of the TUI leaves the terminal as it was found (signals, panics on any
//! thread), and terminals that cannot draw it, or draw fewer colours, are served as they can be.

use super::*;

/// The demo's first endpoint is on screen.
fn started(session: &mut Session) {
    session.wait_for("the demo's first endpoint", |s| {
        s.contents().contains("winter-sale-2026")
    });
}

fn assert_restored(session: &Session, how: &str) {
    let screen = session.parser.screen();
    assert!(
        !screen.alternate_screen(),
        "{how}: still on the alternate screen"
    );
    assert!(!screen.hide_cursor(), "{how}: the cursor was left hidden");
    let raw = &session.raw;
    let entered = find_last(raw, ENTER_ALT_SCREEN).expect("never entered the alternate screen");
    let left = find_last(raw, LEAVE_ALT_SCREEN).unwrap_or_else(|| panic!("{how}: never left"));
    assert!(
        left > entered,
        "{how}: the last switch was into the alternate screen"
    );
    assert!(
        find_last(raw, DISABLE_MOUSE).is_some(),
        "{how}: mouse capture left on"
    );
}

#[test]
fn signals_end_the_tui_and_restore_the_terminal() {
    // SIGHUP is the SSH session that drops; SIGTERM a supervisor; SIGINT a `kill -INT`.
    for signal in ["HUP", "TERM", "INT"] {
        let mut session = Session::spawn(&["--demo"]);
        started(&mut session);
        let pid = session.child.0.process_id().expect("the child's pid");
        let sent = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(sent.success());
        session.wait_exit();
        assert_restored(&session, &format!("SIG{signal}"));
    }
}

#[test]
fn a_panic_on_any_thread_restores_the_terminal_and_says_why() {
    for thread in ["main", "thread"] {
        let mut session = Session::spawn_env(&["--demo"], &[("PINVIEW_TEST_PANIC", Some(thread))]);
        let status = session.wait_exit();
        assert!(!status.success(), "{thread}: a panic must not exit 0");
        assert_restored(&session, &format!("a panic on {thread}"));
        let said = String::from_utf8_lossy(&session.raw).into_owned();
        let left = said.rfind("\u{1b}[?1049l").unwrap();
        assert!(
            said[left..].contains(&format!("PINVIEW_TEST_PANIC={thread}")),
            "{thread}: the panic message should follow the restore"
        );
    }
}

#[test]
fn a_dumb_terminal_is_pointed_to_render() {
    let mut session = Session::spawn_env(&["--demo"], &[("TERM", Some("dumb"))]);
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 2);
    assert!(
        find_last(&session.raw, ENTER_ALT_SCREEN).is_none(),
        "no full screen"
    );
    let said = String::from_utf8_lossy(&session.raw);
    assert!(said.contains("pinview render --format text"), "{said}");
}

/// The colours used on screen, fore- and background.
fn colours(screen: &vt100::Screen) -> Vec<vt100::Color> {
    let mut out = Vec::new();
    for row in 0..ROWS {
        for col in 0..COLS {
            if let Some(cell) = screen.cell(row, col) {
                out.extend([cell.fgcolor(), cell.bgcolor()]);
            }
        }
    }
    out
}

#[test]
fn no_color_keeps_the_messages_colours_and_drops_pinviews() {
    let mut session = Session::spawn_env(&["--demo"], &[("NO_COLOR", Some("1"))]);
    started(&mut session);
    let used = colours(session.parser.screen());
    assert!(
        used.iter().any(|c| matches!(c, vt100::Color::Rgb(..))),
        "the message keeps its colours"
    );
    let named: Vec<_> = used
        .iter()
        .filter(|c| matches!(c, vt100::Color::Idx(_)))
        .collect();
    assert!(
        named.is_empty(),
        "pinview's own colours should be gone: {named:?}"
    );

    let mut plain = Session::spawn(&["--demo"]);
    started(&mut plain);
    assert!(
        colours(plain.parser.screen())
            .iter()
            .any(|c| matches!(c, vt100::Color::Idx(_))),
        "without NO_COLOR the chrome is coloured, or this test proves nothing"
    );
}

#[test]
fn a_sixteen_colour_terminal_gets_only_the_sixteen() {
    let mut session =
        Session::spawn_env(&["--demo"], &[("TERM", Some("xterm")), ("COLORTERM", None)]);
    started(&mut session);
    let used = colours(session.parser.screen());
    assert!(used.iter().any(|c| matches!(c, vt100::Color::Idx(_))));
    let beyond: Vec<_> = used
        .iter()
        .filter(|c| match c {
            vt100::Color::Default => false,
            vt100::Color::Idx(i) => *i >= 16,
            vt100::Color::Rgb(..) => true,
        })
        .collect();
    assert!(beyond.is_empty(), "colours beyond the 16: {beyond:?}");
}
