//! The one place an `Effect` is carried out and its reply turned into an `Action`: the TUI's
//! loop, `render` and the tests all run effects through a [`Runner`], and all start from
//! [`initial_state`].

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use jiff::ZonedDateTime;
use ratatui_image::picker::Picker;
use tokio::sync::{Notify, mpsc};

use crate::app::pixels::PixelJob;
use crate::app::{self, Action, Effect, FetchError, Reviewed, State};
use crate::config::Settings;
use crate::images::{Loaded, Loader};
use crate::model::Target;
use crate::pixels::PixelOptions;
use crate::source::{Source, SourceError};

/// The wall clock, injected so tests can pin it.
pub type Clock = Arc<dyn Fn() -> ZonedDateTime + Send + Sync>;

/// What image work needs: where bytes come from, and how pixels become cells.
#[derive(Clone, Debug)]
pub struct Imaging {
    pub loader: Loader,
    pub picker: Picker,
}

/// The state a run starts in: the source's endpoints, named and with their image folders, the
/// settings' platform and refresh, and `start` shown first when it is listed.
pub fn initial_state(
    source: &Source,
    settings: &Settings,
    start: Option<&Target>,
    now: ZonedDateTime,
) -> State {
    let mut state = State::new(&source.label(), source.targets(), now);
    state.label_endpoints(|t| source.endpoint_label(t).map(str::to_string));
    state.platform = settings.platform;
    state.refresh = settings.refresh(source.is_remote());
    state.retry = source.is_remote();
    if let Some(start) = start {
        state.start_at(start);
    }
    for endpoint in &mut state.endpoints {
        endpoint.image_base = source.image_base(&endpoint.target);
    }
    state
}

/// Counts an effect's reply as arrived when its task ends, however it ends.
struct Done {
    pending: Arc<AtomicUsize>,
    dropped: Arc<Notify>,
}

impl Drop for Done {
    fn drop(&mut self) {
        self.pending.fetch_sub(1, Ordering::AcqRel);
        self.dropped.notify_one();
    }
}

/// A source's failure as the app keeps it: the words, and whether waiting can mend it.
pub fn fetch_error(error: &SourceError) -> FetchError {
    let message = error.to_string();
    if error.retry_can_help() {
        FetchError::Transient(message)
    } else {
        FetchError::Lasting(message)
    }
}

/// Carries out effects off the caller's task; each reply comes back on the channel as an
/// action, and the runner counts those still on their way.
pub struct Runner {
    source: Arc<Source>,
    clock: Clock,
    imaging: Option<Imaging>,
    tx: mpsc::UnboundedSender<Action>,
    pending: Arc<AtomicUsize>,
    /// Told each time a reply's count drops, so `settle` never waits on a channel that will
    /// stay quiet.
    dropped: Arc<Notify>,
}

impl Runner {
    /// A runner and the channel its replies arrive on.
    pub fn new(
        source: Arc<Source>,
        clock: Clock,
        imaging: Option<Imaging>,
    ) -> (Self, mpsc::UnboundedReceiver<Action>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let runner = Self {
            source,
            clock,
            imaging,
            tx,
            pending: Arc::default(),
            dropped: Arc::default(),
        };
        (runner, rx)
    }

    pub fn source(&self) -> &Arc<Source> {
        &self.source
    }

    /// For replies that do not come from an effect, such as watched files.
    pub fn sender(&self) -> mpsc::UnboundedSender<Action> {
        self.tx.clone()
    }

    /// Effects started whose reply has not been sent yet.
    pub fn pending(&self) -> usize {
        self.pending.load(Ordering::Acquire)
    }

    pub fn run(&self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Fetch { target, request } => {
                    let source = Arc::clone(&self.source);
                    let clock = Arc::clone(&self.clock);
                    self.spawn(async move {
                        let result = source.fetch(&target).await;
                        let now = clock();
                        // Thousands of campaigns take a tenth of a second to review: here, off
                        // the UI thread, not in `update`.
                        let (result, reviewed) = match result {
                            Ok(campaigns) => {
                                let at = now.clone();
                                tokio::task::spawn_blocking(move || {
                                    let reviewed = Reviewed::of(&campaigns, &at);
                                    (Ok(campaigns), Some(reviewed))
                                })
                                .await
                                .unwrap_or_else(|e| (Err(FetchError::Lasting(e.to_string())), None))
                            }
                            Err(e) => (Err(fetch_error(&e)), None),
                        };
                        Action::Fetched {
                            target,
                            request,
                            at: now.timestamp(),
                            result,
                            reviewed,
                        }
                    });
                }
                Effect::Release(garbage) => {
                    tokio::task::spawn_blocking(move || {
                        drop(garbage);
                        give_back_freed_memory();
                    });
                }
                Effect::LoadImage { key, location } => {
                    let Some(imaging) = &self.imaging else {
                        continue;
                    };
                    let loader = imaging.loader.clone();
                    self.spawn(async move {
                        let result = loader.load(&location).await;
                        let result = result.map(Arc::new).map_err(|e| e.to_string());
                        Action::ImageLoaded { key, result }
                    });
                }
                Effect::DrawPixels { key, job } => {
                    let clock = Arc::clone(&self.clock);
                    self.spawn(async move {
                        let now = clock();
                        let result = tokio::task::spawn_blocking(move || draw_pixels(&job, now))
                            .await
                            .unwrap_or_else(|e| Err(format!("drawing stopped: {e}")));
                        Action::ImageLoaded { key, result }
                    });
                }
                Effect::EncodeFrame(want) => {
                    let Some(imaging) = &self.imaging else {
                        continue;
                    };
                    let picker = imaging.picker.clone();
                    self.spawn(async move {
                        // Fitting and encoding is CPU work: off the runtime's threads.
                        let key = want.key.clone();
                        let frame = tokio::task::spawn_blocking(move || want.encode(&picker))
                            .await
                            .unwrap_or_else(|e| Err(format!("encoding stopped: {e}")));
                        Action::FrameReady { key, frame }
                    });
                }
            }
        }
    }

    fn spawn(&self, work: impl Future<Output = Action> + Send + 'static) {
        let tx = self.tx.clone();
        let pending = Arc::clone(&self.pending);
        let dropped = Arc::clone(&self.dropped);
        pending.fetch_add(1, Ordering::AcqRel);
        tokio::spawn(async move {
            // Drops the count even if the work panics, so `settle` never waits for it.
            let _done = Done { pending, dropped };
            let action = work.await;
            // Sent before the count drops, so a reply is never missed by `settle`.
            let _ = tx.send(action);
        });
    }

    /// Runs `effects` and every effect their replies lead to, feeding each reply to `update`,
    /// until none is on its way: a headless run's whole life before its one frame.
    pub async fn settle(
        &self,
        state: &mut State,
        rx: &mut mpsc::UnboundedReceiver<Action>,
        effects: Vec<Effect>,
    ) {
        self.run(effects);
        loop {
            let action = match rx.try_recv() {
                Ok(action) => action,
                // Every reply is sent before its count drops: with none pending, one more look
                // finds any that arrived since.
                Err(_) if self.pending() == 0 => match rx.try_recv() {
                    Ok(action) => action,
                    Err(_) => break,
                },
                // The last reply may be sent while its count has not dropped yet: wait for
                // either, and look again.
                Err(_) => tokio::select! {
                    action = rx.recv() => match action {
                        Some(action) => action,
                        None => break,
                    },
                    () = self.dropped.notified() => continue,
                },
            };
            let outcome = app::update(state, action);
            self.run(outcome.effects);
        }
    }
}

/// The selected message as a device draws it, sized to the preview pane: what the TUI's pixel
/// preview runs off the UI thread for each selection, card, platform or size.
pub fn draw_pixels(job: &PixelJob, now: ZonedDateTime) -> Result<Arc<Loaded>, String> {
    let mut options = PixelOptions::new(job.platform, now);
    options.page = job.page;
    options.images = job
        .images
        .iter()
        .map(|(url, image)| (url.clone(), Ok(Arc::clone(image))))
        .collect();
    let (points_w, points_h) = options.device().size();
    let (w, h) = (job.size.0 as f32, job.size.1 as f32);
    options.scale = (w / points_w).min(h / points_h).clamp(0.25, 4.0);
    let message = crate::pixels::Message {
        campaign: &job.campaign,
        page: job.page,
        findings: &job.findings,
    };
    let png = crate::pixels::to_png(&crate::pixels::draw(Some(&message), &options))?;
    let pixels = image::load_from_memory(&png)
        .map_err(|e| format!("the picture could not be read: {e}"))?
        .to_rgba8();
    Ok(Arc::new(Loaded::picture(pixels, png.len() as u64)))
}

/// Returns memory a replaced list freed to the system. glibc keeps freed memory in the arena of
/// the thread that allocated it, and reloads are read on the blocking pool's threads, so without
/// this each reload of a large file would keep the previous one's memory as well.
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks glibc's own heaps, under their locks, and takes no pointer.
    unsafe {
        libc::malloc_trim(0);
    }
}
