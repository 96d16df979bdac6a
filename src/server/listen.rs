//! The accept loop `pinview serve` runs itself, rather than `axum::serve`, so that no one client
//! can hold it up: a request's headers must arrive in time, idle connections are closed, and past
//! a cap a new connection gets a 503 at once instead of a wait.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::Response;
use hyper::server::conn::http1;
use hyper::service::Service as _;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, oneshot, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;

use super::{Shared, error, log};
use crate::text::clean;

/// Connections past the cap that are answered with a 503 at the same time; any more are closed
/// unanswered, so a flood cannot make the refusals themselves a burden.
const TURNED_AWAY: usize = 64;

/// The least time between two warnings that the cap is turning connections away.
const CAP_WARNING_EVERY: Duration = Duration::from_secs(10);

/// Connections served at once unless told otherwise.
pub const MAX_CONNECTIONS: u32 = 512;

/// How the server treats its clients and its log; the default is what `pinview serve` does.
#[derive(Clone, Debug)]
pub struct Options {
    /// A log line per request (`pinview serve --quiet` turns it off).
    pub log_requests: bool,
    /// A request's headers must be complete this long after its first byte arrives (for a new
    /// connection: after it opens), or the connection is closed.
    pub header_timeout: Duration,
    /// A keep-alive connection that neither sends a request nor takes response bytes for this
    /// long is closed.
    pub idle_timeout: Duration,
    /// Connections served at once; more get a 503 and are closed.
    pub max_connections: usize,
    /// How long stopping waits for requests in flight before closing their connections.
    pub shutdown_grace: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            log_requests: true,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            max_connections: MAX_CONNECTIONS as usize,
            shutdown_grace: Duration::from_secs(1),
        }
    }
}

/// Accepts until `stopped` resolves (or its sender is dropped), then gives connections
/// `shutdown_grace` to finish. `busy` answers connections past the cap.
pub(super) async fn serve(
    listener: TcpListener,
    app: Router,
    busy: Router,
    options: Options,
    mut stopped: oneshot::Receiver<()>,
) -> io::Result<()> {
    let options = Arc::new(options);
    let serving = Arc::new(Semaphore::new(options.max_connections));
    let turning_away = Arc::new(Semaphore::new(TURNED_AWAY));
    let (stop, stopping) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut refusals = Refusals::default();
    loop {
        tokio::select! {
            _ = &mut stopped => break,
            // Reaps finished connections; when there are none the branch sits this round out.
            Some(_) = connections.join_next() => {}
            () = tokio::time::sleep_until(refusals.next().unwrap_or_else(Instant::now)),
                if refusals.unsaid > 0 => refusals.say(options.max_connections),
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        pause_after(e).await;
                        continue;
                    }
                };
                let (permit, router, keep_alive) =
                    if let Ok(p) = Arc::clone(&serving).try_acquire_owned() {
                        (p, app.clone(), true)
                    } else if let Ok(p) = Arc::clone(&turning_away).try_acquire_owned() {
                        refusals.count(options.max_connections);
                        (p, busy.clone(), false)
                    } else {
                        refusals.count(options.max_connections);
                        continue;
                    };
                let watch = Watch {
                    options: Arc::clone(&options),
                    stopping: stopping.clone(),
                    peer,
                    _permit: permit,
                };
                connections.spawn(connection(stream, router, keep_alive, watch));
            }
        }
    }
    drop(listener);
    let _ = stop.send(true);
    let drained = async { while connections.join_next().await.is_some() {} };
    // What is still open after the grace is cut when `connections` drops.
    let _ = tokio::time::timeout(options.shutdown_grace, drained).await;
    Ok(())
}

/// Connections turned away at the cap, said at most every [`CAP_WARNING_EVERY`] (and even with
/// `--quiet`: an operator needs to know) rather than once per connection.
#[derive(Default)]
struct Refusals {
    unsaid: u64,
    said: Option<Instant>,
}

impl Refusals {
    fn count(&mut self, max: usize) {
        self.unsaid += 1;
        if self.next().is_none_or(|at| at <= Instant::now()) {
            self.say(max);
        }
    }

    /// When those held back are to be said: at the end of the window, whether or not another
    /// connection is turned away by then.
    fn next(&self) -> Option<Instant> {
        self.said.map(|t| t + CAP_WARNING_EVERY)
    }

    fn say(&mut self, max: usize) {
        if self.unsaid == 0 {
            return;
        }
        let n = self.unsaid;
        let s = if n == 1 { "" } else { "s" };
        tracing::warn!(
            "pinview serve: connection limit reached (--max-connections {max}): turned away {n} new connection{s}"
        );
        self.unsaid = 0;
        self.said = Some(Instant::now());
    }
}

/// An accept error. A peer that gave up first is its own business; anything else (out of file
/// descriptors) is said and waited out briefly, so the loop does not spin on it.
async fn pause_after(e: io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset, Interrupted};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset | Interrupted
    ) {
        return;
    }
    tracing::warn!("pinview serve: cannot accept a connection: {e}");
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// What a connection's task needs besides its stream; the permit is its place under the cap.
struct Watch {
    options: Arc<Options>,
    stopping: watch::Receiver<bool>,
    peer: SocketAddr,
    _permit: OwnedSemaphorePermit,
}

/// Serves one connection with hyper, closing it when its [`Clock`] runs out. hyper's own header
/// timeout is not used: it also runs while a keep-alive connection waits for its next request,
/// so it could not allow idle connections longer than slow headers.
async fn connection(stream: TcpStream, router: Router, keep_alive: bool, mut watch: Watch) {
    let _ = stream.set_nodelay(true);
    let clock = Arc::new(Clock::new());
    let io = TokioIo::new(Watched {
        stream,
        clock: Arc::clone(&clock),
    });
    let app = TowerToHyperService::new(router);
    let on_request = Arc::clone(&clock);
    let service = hyper::service::service_fn(move |request| {
        on_request.set(Phase::Busy);
        let answer = app.call(request);
        let clock = Arc::clone(&on_request);
        async move {
            let response = answer.await;
            clock.set(Phase::Idle);
            response
        }
    });
    let mut http = http1::Builder::new();
    http.keep_alive(keep_alive)
        .header_read_timeout(None::<Duration>);
    let conn = http.serve_connection(io, service);
    tokio::pin!(conn);
    let options = Arc::clone(&watch.options);
    let mut closing = false;
    loop {
        let deadline = clock.deadline(&options);
        tokio::select! {
            _ = conn.as_mut() => return,
            () = clock.changed.notified() => {}
            () = tokio::time::sleep_until(deadline) => {
                let (phase, _) = *clock.lock();
                if clock.deadline(&options) <= Instant::now() {
                    if phase == Phase::Head && options.log_requests {
                        tracing::info!(
                            "{}: no complete request headers within {:?}: connection closed",
                            watch.peer,
                            options.header_timeout
                        );
                    }
                    // Dropping the connection closes the socket.
                    return;
                }
            }
            _ = watch.stopping.changed(), if !closing => {
                closing = true;
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}

/// Where a connection is between requests.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    /// Reading a request's headers: from the connection's start, or the next request's first byte.
    Head,
    /// A handler is answering; no deadline (a delay fault may hold it on purpose).
    Busy,
    /// Between requests, or sending a response's body.
    Idle,
}

/// A connection's phase and since when, set by its stream and its service, read by its task.
struct Clock {
    state: Mutex<(Phase, Instant)>,
    /// Wakes the task when the phase changes, as the deadline may come sooner.
    changed: Notify,
}

impl Clock {
    fn new() -> Clock {
        Clock {
            state: Mutex::new((Phase::Head, Instant::now())),
            changed: Notify::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, (Phase, Instant)> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set(&self, phase: Phase) {
        *self.lock() = (phase, Instant::now());
        self.changed.notify_one();
    }

    /// Bytes came in: between requests, that starts the next request's header clock.
    fn read(&self) {
        let mut state = self.lock();
        if state.0 == Phase::Idle {
            *state = (Phase::Head, Instant::now());
            drop(state);
            self.changed.notify_one();
        }
    }

    /// Bytes went out: a client still taking a response is not idle.
    fn wrote(&self) {
        let mut state = self.lock();
        if state.0 == Phase::Idle {
            state.1 = Instant::now();
        }
    }

    /// When the connection is to be closed, as things stand; while busy, a time to look again.
    fn deadline(&self, options: &Options) -> Instant {
        let (phase, since) = *self.lock();
        match phase {
            Phase::Head => since + options.header_timeout,
            Phase::Idle => since + options.idle_timeout,
            Phase::Busy => Instant::now() + options.idle_timeout,
        }
    }
}

/// A TCP stream that tells its [`Clock`] when bytes move.
struct Watched {
    stream: TcpStream,
    clock: Arc<Clock>,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.stream).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.clock.read();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = polled
            && n > 0
        {
            this.clock.wrote();
        }
        polled
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        if let Poll::Ready(Ok(n)) = polled
            && n > 0
        {
            this.clock.wrote();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// The router for connections past the cap: every request gets a 503 in Pinpoint's error shape,
/// which the AWS SDKs retry, and the connection is closed.
pub(super) fn turned_away(shared: Arc<Shared>, options: &Options) -> Router {
    let max = options.max_connections;
    let router = Router::new().fallback(
        move |State(shared): State<Arc<Shared>>, uri: Uri| async move { busy(&shared, &uri, max) },
    );
    log::layer(router, options.log_requests).with_state(shared)
}

fn busy(shared: &Shared, uri: &Uri, max: usize) -> Response {
    let mut response = error(
        StatusCode::SERVICE_UNAVAILABLE,
        "ServiceUnavailableException",
        &format!(
            "pinview serve has reached its connection limit (--max-connections {max}); try again shortly"
        ),
        &shared.request_id(),
    );
    let headers = response.headers_mut();
    headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    let what = format!("{}: turned away at the connection limit", clean(uri.path()));
    log::noted(response, what, None)
}
