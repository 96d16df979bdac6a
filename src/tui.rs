//! The terminal's life: set up, restored on every exit path (panics included), and the event
//! loop that feeds actions to `app::update` and draws only when something changed.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{EnableMouseCapture, Event, EventStream};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, enable_raw_mode,
};
use futures_util::{Stream, StreamExt};
use jiff::ZonedDateTime;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use tokio::sync::mpsc;
use tokio::time::{Instant, MissedTickBehavior, interval, sleep_until};

mod exits;
mod graphics;

use crate::app::clock::SPIN_MS;
use crate::app::{self, Action, State};
use crate::config::Settings;
use crate::effects::{Clock, Imaging, Runner, initial_state};
use crate::images::board::Mode;
use crate::images::{Board, Loader};
use crate::model::Target;
use crate::source::Source;
use crate::source::watch::{FileWatch, watch_files};
use crate::ui::{self, theme::Palette};
#[cfg(unix)]
use exits::Signals;
pub use exits::restore;
use exits::{DRAWING, PANICKED, install_panic_hook, panic_on_request, terminate_signal};
use graphics::{adapt, pick_protocol};

/// At most one frame per this long, however fast actions arrive.
const FRAME_INTERVAL: Duration = Duration::from_millis(10);
/// How often the clock is read; a tick draws only if a label or badge changed.
const CLOCK_INTERVAL: Duration = Duration::from_secs(1);
/// How often the spinner turns while a fetch is in flight.
const SPIN_INTERVAL: Duration = Duration::from_millis(SPIN_MS as u64);

/// What the loop needs from outside: the clock and how to draw. Tests pin both.
pub struct LoopConfig {
    pub clock: Clock,
    /// Wraps frames in synchronized-update brackets so terminals never show half a frame.
    pub synchronized: bool,
    /// Frames drawn so far, readable while the loop runs.
    pub frames: Arc<AtomicUsize>,
    /// `None` when images are off.
    pub imaging: Option<Imaging>,
}

/// Why the TUI could not run.
#[derive(Debug)]
pub enum TuiError {
    /// Standard input or output is not a terminal.
    NoTerminal,
    /// The terminal cannot draw a full screen (`TERM=dumb`, or no alternate screen).
    Dumb(String),
    Terminal(io::Error),
}

impl std::fmt::Display for TuiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoTerminal => f.write_str(
                "the TUI needs a terminal; for a frame without one use `pinview render` (see `pinview render --help`)",
            ),
            Self::Dumb(why) => write!(
                f,
                "{why}: this terminal cannot draw pinview's screen; use `pinview render --format text` for a frame (see `pinview render --help`), or run in a terminal with TERM set, e.g. TERM=xterm-256color"
            ),
            Self::Terminal(e) => write!(f, "terminal error: {e}"),
        }
    }
}

/// Runs the TUI until the user quits.
pub async fn run(
    source: Source,
    settings: Settings,
    start: Option<Target>,
) -> Result<(), TuiError> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(TuiError::NoTerminal);
    }
    if std::env::var("TERM").is_ok_and(|t| t.trim().eq_ignore_ascii_case("dumb")) {
        return Err(TuiError::Dumb("TERM=dumb".into()));
    }
    let _log = crate::logging::to_file_from_env();
    let terminal = init().map_err(|e| TuiError::Dumb(format!("no full screen ({e})")))?;
    run_terminal(terminal, source, settings, start)
        .await
        .map_err(TuiError::Terminal)
}

async fn run_terminal(
    mut terminal: Terminal<CrosstermBackend<io::Stdout>>,
    source: Source,
    settings: Settings,
    start: Option<Target>,
) -> io::Result<()> {
    let mut state = initial_state(&source, &settings, start.as_ref(), ZonedDateTime::now());
    // crossterm drops every colour under NO_COLOR; pinview drops only its own (the message's
    // colours are its content), in `theme::adapt`.
    crossterm::style::force_color_output(true);
    let var = |name| std::env::var(name).ok();
    state.palette = Palette::from_env(
        var("TERM").as_deref(),
        var("COLORTERM").as_deref(),
        var("NO_COLOR").as_deref(),
    );
    let size = terminal.size()?;
    state.size = (size.width, size.height);
    // A first frame before the terminal is asked what it can draw: a terminal that never
    // answers costs the query's timeout, and that wait must not be a blank screen.
    terminal.draw(|frame| paint(&state, frame))?;
    panic_on_request();
    // The query waits on the terminal for up to a second: off the runtime's threads.
    let protocols = settings.images;
    let picker = tokio::task::spawn_blocking(move || pick_protocol(protocols))
        .await
        .map_err(io::Error::other)?;
    let imaging = picker.map(|picker| {
        state.images = Board::new(Mode::Pixels, picker.font_size());
        // Half blocks are cells too: only a terminal that shows images gets the pixel preview.
        state.graphics = !matches!(
            picker.protocol_type(),
            ratatui_image::picker::ProtocolType::Halfblocks
        );
        let cache = crate::config::cache_dir().map(|d| d.join("images"));
        // The TUI downloads unless told not to.
        let remote = settings.remote_images.unwrap_or(true);
        Imaging {
            loader: Loader::new(settings.limits, remote, cache),
            picker,
        }
    });
    let config = LoopConfig {
        clock: Arc::new(ZonedDateTime::now),
        synchronized: true,
        frames: Arc::default(),
        imaging,
    };
    let events = EventStream::new().filter_map(|e| async move { e.ok() });
    let result = run_loop(
        &mut terminal,
        Box::pin(events),
        Arc::new(source),
        state,
        config,
    )
    .await;
    restore();
    result.map(|_| ())
}

fn init() -> io::Result<Terminal<CrosstermBackend<io::Stdout>>> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut out = io::stdout();
    if let Err(e) = crossterm::execute!(out, EnterAlternateScreen, EnableMouseCapture) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(out))
}

/// The loop: events, fetch replies and clock ticks become actions; a frame is drawn when an
/// update asks for one, at most every `FRAME_INTERVAL`, and never while idle.
pub async fn run_loop<B, E>(
    terminal: &mut Terminal<B>,
    mut events: E,
    source: Arc<Source>,
    mut state: State,
    config: LoopConfig,
) -> io::Result<State>
where
    B: Backend,
    E: Stream<Item = Event> + Unpin,
{
    let (runner, mut rx) = Runner::new(source, Arc::clone(&config.clock), config.imaging.clone());
    let mut ticker = interval(CLOCK_INTERVAL);
    ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
    ticker.reset();
    let mut spin = interval(SPIN_INTERVAL);
    spin.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let _watch = watch(runner.source(), &runner.sender());
    let start = app::start(&mut state);
    let mut dirty = start.redraw;
    runner.run(start.effects);
    let mut last_frame: Option<Instant> = None;
    #[cfg(unix)]
    let mut terminate = Signals::new()?;
    while !state.quit {
        let frame_due = last_frame.map_or_else(Instant::now, |t| t + FRAME_INTERVAL);
        let action = tokio::select! {
            biased;
            () = sleep_until(frame_due), if dirty => {
                draw(terminal, &state, &config)?;
                dirty = false;
                last_frame = Some(Instant::now());
                let wants = state.images.take_wants();
                if wants.is_empty() {
                    continue;
                }
                Action::FramesWanted(wants)
            }
            event = events.next() => match event {
                Some(event) => match to_action(event) {
                    Some(action) => action,
                    None => continue,
                },
                None => break,
            },
            Some(action) = rx.recv() => action,
            _ = ticker.tick() => Action::Tick((config.clock)()),
            _ = spin.tick(), if state.spinning() => {
                Action::Tick((config.clock)())
            }
            _ = terminate_signal(
                #[cfg(unix)]
                &mut terminate,
            ) => break,
        };
        let outcome = app::update(&mut state, action);
        dirty |= outcome.redraw;
        runner.run(outcome.effects);
    }
    Ok(state)
}

/// One frame, in the colours this terminal shows.
fn paint(state: &State, frame: &mut ratatui::Frame) {
    ui::draw(state, frame);
    adapt(frame.buffer_mut(), state.palette);
}

fn draw<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &State,
    config: &LoopConfig,
) -> io::Result<()> {
    let _frame = DRAWING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if PANICKED.load(Ordering::SeqCst) {
        return Ok(());
    }
    if config.synchronized {
        let _ = crossterm::execute!(io::stdout(), BeginSynchronizedUpdate);
    }
    let result = terminal.draw(|frame| paint(state, frame));
    if config.synchronized {
        let _ = crossterm::execute!(io::stdout(), EndSynchronizedUpdate);
    }
    config.frames.fetch_add(1, Ordering::Relaxed);
    result
        .map(|_| ())
        .map_err(|e| io::Error::other(e.to_string()))
}

fn to_action(event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => Some(Action::Key(key)),
        Event::Mouse(mouse) => Some(Action::Mouse(mouse)),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}

/// Watches a file source; changes come back as actions. A watch that cannot start leaves
/// `r` to reload by hand, and says so in the log.
fn watch(source: &Source, tx: &mpsc::UnboundedSender<Action>) -> Option<FileWatch> {
    let files = source.files()?;
    let (tx, bases) = (tx.clone(), files.clone());
    match watch_files(files, move |changes| {
        if !changes.added.is_empty() {
            let found = changes.added.into_iter().map(|t| {
                let base = bases.image_base(&t);
                (t, base)
            });
            let _ = tx.send(Action::EndpointsFound(found.collect()));
        }
        if !changes.changed.is_empty() {
            let _ = tx.send(Action::FilesChanged(changes.changed));
        }
    }) {
        Ok(w) => Some(w),
        Err(e) => {
            tracing::warn!("cannot watch the files for changes: {e}");
            None
        }
    }
}
