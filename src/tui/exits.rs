//! Every way out of the TUI leaves the terminal as it was found: `restore`, the panic hook
//! (any thread), and the signals that end it (SIGTERM, SIGINT, SIGHUP).

use std::io;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crossterm::event::DisableMouseCapture;
use crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};

/// Set once a panic starts: no frame is drawn after it, over the restored terminal.
pub(super) static PANICKED: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);
/// Held while a frame is written, so the panic hook restores between frames.
pub(super) static DRAWING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Leaves the terminal as it was found. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = crossterm::execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Restores the terminal before the previous hook prints the panic, so the message is readable.
/// A panic on any other thread ends the program too: the screen it leaves behind can no longer
/// be trusted, and a restored terminal under a running TUI would be drawn over.
pub(super) fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        // A frame being written finishes first; a panic inside one (this thread holds the
        // lock) waits a moment only.
        let deadline = std::time::Instant::now() + Duration::from_millis(200);
        let _frame = loop {
            match DRAWING.try_lock() {
                Ok(guard) => break Some(guard),
                Err(std::sync::TryLockError::Poisoned(p)) => break Some(p.into_inner()),
                Err(_) if std::time::Instant::now() >= deadline => break None,
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        };
        restore();
        previous(info);
        if std::thread::current().name() != Some("main") {
            std::process::exit(101);
        }
    }));
}

/// `PINVIEW_TEST_PANIC=thread` (or `main`) panics once the first frame is up, so the tests can
/// show that every way out restores the terminal.
pub(super) fn panic_on_request() {
    match std::env::var("PINVIEW_TEST_PANIC").as_deref() {
        Ok("main") => panic!("PINVIEW_TEST_PANIC=main"),
        Ok("thread") => {
            std::thread::spawn(|| panic!("PINVIEW_TEST_PANIC=thread"));
        }
        _ => {}
    }
}

/// The signals that end the TUI cleanly: SIGTERM, SIGINT, and SIGHUP when the SSH session or
/// the terminal window goes away.
#[cfg(unix)]
pub(super) struct Signals([tokio::signal::unix::Signal; 3]);

#[cfg(unix)]
impl Signals {
    pub(super) fn new() -> io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self([
            signal(SignalKind::terminate())?,
            signal(SignalKind::interrupt())?,
            signal(SignalKind::hangup())?,
        ]))
    }
}

#[cfg(unix)]
pub(super) async fn terminate_signal(signals: &mut Signals) {
    let [term, int, hup] = &mut signals.0;
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
        _ = hup.recv() => {}
    }
}

#[cfg(not(unix))]
pub(super) async fn terminate_signal() {
    std::future::pending::<()>().await
}
