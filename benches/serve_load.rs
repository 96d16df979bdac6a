//! `pinview serve` as a process, at its target load while slow clients hold connections: 1,000
//! requests/s for 60 s over 50 keep-alive connections, with 200 connections open throughout that
//! send one header byte a second (the server's header timeout cuts them; each is reopened at
//! once). Its standard error is a pipe never read, a log reader that has stalled. Prints a
//! summary and exits non-zero on any failed request, on memory that grows, on a rate short of
//! the target, on a slow connection held past the header timeout, or on a server that does not
//! stop.
//!
//! A plain `main`, not criterion: the one 60 s run is the measurement. It runs only under
//! `cargo bench` (which passes `--bench`), not in `cargo test --benches`. Linux only: the
//! server's memory and descriptors are read from /proc.

use std::io::{self, BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, ChildStderr, ChildStdout, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader as AsyncBufReader};
use tokio::net::TcpStream;
use tokio::time::{Instant, sleep, sleep_until, timeout};

const PATH: &str = "/v1/apps/demo-app/endpoints/iphone-15/inappmessages";
/// Requests a second, over all keep-alive connections.
const RATE: u32 = 1_000;
/// The load's length; `SERVE_LOAD_SECONDS` sets another, to see where memory levels off.
const SECONDS: u32 = 60;
const KEEP_ALIVE: u32 = 50;
const SLOW: u32 = 200;
/// A request not answered within this is an error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(1);
/// Memory is flat when the last sample is within this fraction of the one after `SETTLED` s.
const FLAT_TOLERANCE: f64 = 0.10;
const SETTLED: usize = 10;
/// The least share of `RATE` that must be answered, averaged over the run.
const RATE_FLOOR: f64 = 0.99;
/// A slow connection still open this long past the header timeout was not cut.
const CUT_SLACK: Duration = Duration::from_secs(2);
/// How long the server may take to exit after SIGINT with its log's reader stalled.
const STOP_LIMIT: Duration = Duration::from_secs(5);

/// `SECONDS`, or `SERVE_LOAD_SECONDS` if it is longer than `SETTLED`.
fn seconds() -> u32 {
    static SET: OnceLock<u32> = OnceLock::new();
    *SET.get_or_init(|| {
        std::env::var("SERVE_LOAD_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .filter(|&s| s > SETTLED as u32)
            .unwrap_or(SECONDS)
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        println!("serve_load: runs only under `cargo bench` (it takes over a minute)");
        return ExitCode::SUCCESS;
    }
    // `cargo bench -- <filter>` runs this only when the filter names it, as criterion would.
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if !filters.is_empty() && !filters.iter().any(|f| "serve_load".contains(f.as_str())) {
        return ExitCode::SUCCESS;
    }
    let server = Served::start();
    println!(
        "serve_load: pinview serve (pid {}) on {}; {RATE} requests/s for {} s over \
         {KEEP_ALIVE} keep-alive connections, {SLOW} slow connections, standard error never read",
        server.child.id(),
        server.addr,
        seconds()
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let run = runtime.block_on(drive(server.addr, server.child.id()));
    let stopped = server.interrupt(STOP_LIMIT);
    if report(&run, stopped) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The `pinview serve` process and the pipes it writes to, both held open for its life.
struct Served {
    child: Child,
    addr: SocketAddr,
    /// Never read: once its pipe buffer is full, the server's log must drop lines, not wait.
    _stderr: ChildStderr,
    _stdout: BufReader<ChildStdout>,
    _home: tempfile::TempDir,
}

impl Served {
    /// Starts the release binary on a free port, read back from its banner; the environment is
    /// cleared so no user configuration or `RUST_LOG` changes what it does.
    fn start() -> Served {
        let home = tempfile::tempdir().expect("temporary home");
        let mut child = Command::new(env!("CARGO_BIN_EXE_pinview"))
            .args(["serve", "--demo", "--port", "0"])
            .env_clear()
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start pinview serve");
        let stderr = child.stderr.take().expect("stderr pipe");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout pipe"));
        let mut url = None;
        let mut line = String::new();
        loop {
            line.clear();
            let n = stdout.read_line(&mut line).expect("read the banner");
            assert!(n > 0, "pinview serve exited before its banner");
            let line = line.trim_end();
            if let Some(u) = line.strip_prefix("listening on ") {
                url = Some(u.to_string());
            }
            if line == "Ctrl-C stops." {
                break;
            }
        }
        let url = url.expect("a `listening on` line in the banner");
        let addr = url
            .strip_prefix("http://")
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("not an http://address:port URL: {url}"));
        Served {
            child,
            addr,
            _stderr: stderr,
            _stdout: stdout,
            _home: home,
        }
    }

    /// Ctrl-C, as a user stops it: how long it took to exit, or `None` if it was still
    /// running after `limit` (it is then killed).
    fn interrupt(mut self, limit: Duration) -> Option<Duration> {
        let pid = self.child.id().to_string();
        let asked = std::time::Instant::now();
        let sent = Command::new("kill").args(["-INT", &pid]).status();
        if !sent.is_ok_and(|s| s.success()) {
            return None;
        }
        while asked.elapsed() < limit {
            if let Ok(Some(_)) = self.child.try_wait() {
                return Some(asked.elapsed());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

/// A bench that fails half-way leaves no server behind.
impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Everything measured in one run.
struct Run {
    load: Load,
    slow: SlowCounts,
    samples: Vec<Sample>,
    /// From the first request's due time to the last answer.
    elapsed: Duration,
}

/// Opens the slow connections over the first second (so their cuts are spread too), starts the
/// load a second after the last has opened, and samples the server each second of the load.
async fn drive(addr: SocketAddr, pid: u32) -> Run {
    let slow = Arc::new(Slow::default());
    let opening = Instant::now();
    let start = opening + Duration::from_secs(2);
    let until = start + Duration::from_secs(seconds().into());
    let slow_tasks: Vec<_> = (0..SLOW)
        .map(|i| {
            let first = opening + Duration::from_millis(5 * u64::from(i));
            tokio::spawn(slow_client(addr, first, until, Arc::clone(&slow)))
        })
        .collect();
    let sampler = tokio::spawn(sample(pid, start, Arc::clone(&slow)));
    let loaders: Vec<_> = (0..KEEP_ALIVE)
        .map(|i| tokio::spawn(load(addr, i, start)))
        .collect();
    let mut load = Load::default();
    for loader in loaders {
        load.merge(loader.await.expect("load task"));
    }
    for task in slow_tasks {
        task.await.expect("slow connection task");
    }
    let samples = sampler.await.expect("sampler task");
    let elapsed = load.last_answer.map_or(Duration::ZERO, |t| t - start);
    Run {
        load,
        slow: slow.counts(),
        samples,
        elapsed,
    }
}

/// What the keep-alive connections saw.
#[derive(Default)]
struct Load {
    sent: u64,
    ok: u64,
    bad_status: u64,
    timeouts: u64,
    broken: u64,
    /// Connections opened, the first of each included.
    connects: u64,
    /// Times the server asked to close a keep-alive connection.
    closed_by_server: u64,
    /// Time to the whole reply, for every answered request.
    latencies: Vec<Duration>,
    /// Answers with status 200 by the second of the run they completed in.
    per_second: Vec<u64>,
    /// The latest a request was sent after its due time: the client's own lag.
    max_lag: Duration,
    last_answer: Option<Instant>,
    /// The first few failures, for the report.
    failures: Vec<String>,
}

impl Load {
    fn merge(&mut self, other: Load) {
        self.sent += other.sent;
        self.ok += other.ok;
        self.bad_status += other.bad_status;
        self.timeouts += other.timeouts;
        self.broken += other.broken;
        self.connects += other.connects;
        self.closed_by_server += other.closed_by_server;
        self.latencies.extend(other.latencies);
        if self.per_second.len() < other.per_second.len() {
            self.per_second.resize(other.per_second.len(), 0);
        }
        for (total, n) in self.per_second.iter_mut().zip(other.per_second) {
            *total += n;
        }
        self.max_lag = self.max_lag.max(other.max_lag);
        self.last_answer = self.last_answer.max(other.last_answer);
        for failure in other.failures {
            self.fail(failure);
        }
    }

    fn errors(&self) -> u64 {
        self.bad_status + self.timeouts + self.broken
    }

    fn fail(&mut self, failure: String) {
        if self.failures.len() < 5 {
            self.failures.push(failure);
        }
    }
}

/// Keep-alive connection `i` of `KEEP_ALIVE`: a request every `KEEP_ALIVE / RATE` seconds, the
/// connections' schedules staggered evenly, for [`seconds`]. A late request is sent at once, so
/// a slow answer costs rate only if the lag never catches up.
async fn load(addr: SocketAddr, i: u32, start: Instant) -> Load {
    let period = Duration::from_secs(KEEP_ALIVE.into()) / RATE;
    let offset = period * i / KEEP_ALIVE;
    let count = RATE * seconds() / KEEP_ALIVE;
    let request = format!("GET {PATH} HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: serve_load\r\n\r\n");
    let mut out = Load {
        latencies: Vec::with_capacity(count as usize),
        per_second: vec![0; seconds() as usize + 2],
        ..Load::default()
    };
    let mut conn: Option<Conn> = None;
    for k in 0..count {
        let due = start + offset + period * k;
        sleep_until(due).await;
        let sent = Instant::now();
        out.max_lag = out.max_lag.max(sent - due);
        out.sent += 1;
        if conn.is_none() {
            out.connects += 1;
        }
        let reply = timeout(
            REQUEST_TIMEOUT,
            exchange(&mut conn, addr, request.as_bytes()),
        )
        .await;
        let answered = Instant::now();
        let at = (answered - start).as_secs_f64();
        match reply {
            Ok(Ok(reply)) => {
                out.latencies.push(answered - sent);
                out.last_answer = Some(answered);
                if reply.status == 200 {
                    out.ok += 1;
                    let second = (at as usize).min(out.per_second.len() - 1);
                    out.per_second[second] += 1;
                } else {
                    out.bad_status += 1;
                    out.fail(format!("{at:.3} s: status {}", reply.status));
                }
                if reply.close {
                    out.closed_by_server += 1;
                    conn = None;
                }
            }
            Ok(Err(e)) => {
                out.broken += 1;
                out.fail(format!("{at:.3} s: connection {i}: {e}"));
                conn = None;
            }
            Err(_) => {
                out.timeouts += 1;
                out.fail(format!(
                    "{at:.3} s: connection {i}: no reply within {REQUEST_TIMEOUT:?}"
                ));
                // Its reply may still come, and would answer the next request.
                conn = None;
            }
        }
    }
    out
}

/// A raw keep-alive HTTP/1.1 connection, so the server's cost is measured, not a client
/// library's, and a closed connection is seen rather than retried.
struct Conn {
    stream: AsyncBufReader<TcpStream>,
    line: String,
    body: Vec<u8>,
}

struct Reply {
    status: u16,
    /// The server said `Connection: close`.
    close: bool,
}

/// Sends `request` on `conn`, opening it first if there is none, and reads the whole reply.
async fn exchange(conn: &mut Option<Conn>, addr: SocketAddr, request: &[u8]) -> io::Result<Reply> {
    let conn = match conn {
        Some(conn) => conn,
        None => {
            let stream = TcpStream::connect(addr).await?;
            stream.set_nodelay(true)?;
            conn.insert(Conn {
                stream: AsyncBufReader::new(stream),
                line: String::new(),
                body: Vec::new(),
            })
        }
    };
    conn.stream.get_mut().write_all(request).await?;
    let status = read_line(conn).await?;
    let status = status
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid(format!("not a status line: {status:?}")))?;
    let mut length = None;
    let mut close = false;
    loop {
        let header = read_line(conn).await?;
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(invalid(format!("not a header: {header:?}")));
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse::<usize>().map_err(|e| invalid(e.to_string()))?);
        } else if name.eq_ignore_ascii_case("connection") {
            close = value.eq_ignore_ascii_case("close");
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(invalid(format!(
                "transfer-encoding {value} is not read here"
            )));
        }
    }
    let length = length.ok_or_else(|| invalid("no content-length".into()))?;
    conn.body.resize(length, 0);
    conn.stream.read_exact(&mut conn.body).await?;
    Ok(Reply { status, close })
}

/// The next line of the reply's head, without its CRLF.
async fn read_line(conn: &mut Conn) -> io::Result<String> {
    conn.line.clear();
    if conn.stream.read_line(&mut conn.line).await? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "closed by the server",
        ));
    }
    Ok(conn.line.trim_end_matches(['\r', '\n']).to_string())
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// The slow connections' counters, shared by their tasks and the sampler.
#[derive(Default)]
struct Slow {
    open: AtomicUsize,
    opened: AtomicU64,
    cuts: AtomicU64,
    /// Still open `CUT_SLACK` past the header timeout (then closed and reopened here).
    held: AtomicU64,
    /// The server sent bytes instead of closing.
    answered: AtomicU64,
    connect_errors: AtomicU64,
    /// Time from open to cut, for each cut.
    cut_after: Mutex<Vec<Duration>>,
}

struct SlowCounts {
    opened: u64,
    cuts: u64,
    held: u64,
    answered: u64,
    connect_errors: u64,
    cut_after: Vec<Duration>,
}

impl Slow {
    fn counts(&self) -> SlowCounts {
        let mut cut_after = self
            .cut_after
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        cut_after.sort();
        SlowCounts {
            opened: self.opened.load(Ordering::Relaxed),
            cuts: self.cuts.load(Ordering::Relaxed),
            held: self.held.load(Ordering::Relaxed),
            answered: self.answered.load(Ordering::Relaxed),
            connect_errors: self.connect_errors.load(Ordering::Relaxed),
            cut_after,
        }
    }
}

/// How a slow connection ended.
enum End {
    Cut,
    Held,
    Answered,
    /// The run is over.
    Stopped,
}

/// One slow client from `first` until `until`: a connection that trickles its headers, and
/// another as soon as one ends, so `SLOW` are open at any time.
async fn slow_client(addr: SocketAddr, first: Instant, until: Instant, slow: Arc<Slow>) {
    let header_timeout = pinview::server::Options::default().header_timeout;
    sleep_until(first).await;
    while Instant::now() < until {
        let stream = match TcpStream::connect(addr).await {
            Ok(stream) => stream,
            Err(_) => {
                slow.connect_errors.fetch_add(1, Ordering::Relaxed);
                sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let opened = Instant::now();
        slow.open.fetch_add(1, Ordering::Relaxed);
        slow.opened.fetch_add(1, Ordering::Relaxed);
        let end = trickle(stream, opened + header_timeout + CUT_SLACK, until).await;
        slow.open.fetch_sub(1, Ordering::Relaxed);
        let counter = match end {
            End::Cut => {
                let after = opened.elapsed();
                slow.cut_after
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(after);
                &slow.cuts
            }
            End::Held => &slow.held,
            End::Answered => &slow.answered,
            End::Stopped => break,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// Sends a request head one byte a second, never finishing it (header lines follow forever),
/// until the server closes the connection, `held` passes, or `until`.
async fn trickle(stream: TcpStream, held: Instant, until: Instant) -> End {
    let (mut reader, mut writer) = stream.into_split();
    let head = format!("GET {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n").into_bytes();
    let mut bytes = head
        .into_iter()
        .chain(b"X-Slow: 1\r\n".iter().copied().cycle());
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let mut buf = [0; 512];
    loop {
        tokio::select! {
            read = reader.read(&mut buf) => {
                return match read {
                    Ok(0) | Err(_) => End::Cut,
                    Ok(_) => End::Answered,
                };
            }
            _ = tick.tick() => {
                let byte = bytes.next().unwrap_or(b'x');
                // A reset shows here first when the server's close raced the write.
                if writer.write_all(&[byte]).await.is_err() {
                    return End::Cut;
                }
            }
            () = sleep_until(held) => return End::Held,
            () = sleep_until(until) => return End::Stopped,
        }
    }
}

/// The server at one second of the load.
struct Sample {
    rss_kib: Option<u64>,
    fds: Option<usize>,
    slow_open: usize,
}

/// One sample at `start` and each second after, to the end of the load.
async fn sample(pid: u32, start: Instant, slow: Arc<Slow>) -> Vec<Sample> {
    let mut samples = Vec::new();
    for s in 0..=seconds() {
        sleep_until(start + Duration::from_secs(s.into())).await;
        samples.push(Sample {
            rss_kib: rss_kib(pid),
            fds: std::fs::read_dir(format!("/proc/{pid}/fd"))
                .ok()
                .map(|d| d.count()),
            slow_open: slow.open.load(Ordering::Relaxed),
        });
    }
    samples
}

/// The process's resident memory, from /proc/<pid>/status.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Prints the summary and each check; true if all passed.
fn report(run: &Run, stopped: Option<Duration>) -> bool {
    let load = &run.load;
    let slow = &run.slow;
    let mut latencies = load.latencies.clone();
    latencies.sort();
    let at = |q: f64| {
        let i = ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len().max(1));
        latencies.get(i - 1).copied().unwrap_or_default()
    };
    let rate = load.ok as f64 / run.elapsed.as_secs_f64().max(f64::EPSILON);
    let full_seconds = &load.per_second[..load.per_second.len().min(seconds() as usize)];
    let slowest_second = full_seconds.iter().min().copied().unwrap_or(0);
    let fastest_second = full_seconds.iter().max().copied().unwrap_or(0);

    let rss: Vec<u64> = run.samples.iter().filter_map(|s| s.rss_kib).collect();
    let rss_start = rss.first().copied().unwrap_or(0);
    let rss_settled = rss.get(SETTLED).copied().unwrap_or(0);
    let rss_max = rss.iter().max().copied().unwrap_or(0);
    let rss_end = rss.last().copied().unwrap_or(0);
    let growth = rss_end as f64 / rss_settled.max(1) as f64 - 1.0;
    let slope = slope_kib_per_min(rss.get(SETTLED..).unwrap_or_default());
    let fds: Vec<usize> = run.samples.iter().filter_map(|s| s.fds).collect();
    let open = run.samples.iter().map(|s| s.slow_open);
    let (open_min, open_max) = (open.clone().min().unwrap_or(0), open.max().unwrap_or(0));
    let cut_min = slow.cut_after.first().copied().unwrap_or_default();
    let cut_median = slow
        .cut_after
        .get(slow.cut_after.len() / 2)
        .copied()
        .unwrap_or_default();
    let cut_max = slow.cut_after.last().copied().unwrap_or_default();

    println!();
    println!(
        "pinview serve under load: {RATE} requests/s for {} s over {KEEP_ALIVE} keep-alive \
         connections, {SLOW} slow connections, standard error never read",
        seconds()
    );
    let row = |name: &str, value: String| println!("  {name:<14}{value}");
    row(
        "requests",
        format!(
            "{} sent, {} answered 200 in {:.2} s: {rate:.1}/s (per second: {slowest_second} to {fastest_second})",
            load.sent,
            load.ok,
            run.elapsed.as_secs_f64()
        ),
    );
    row(
        "errors",
        format!(
            "{} ({} not 200, {} over {REQUEST_TIMEOUT:?}, {} connection)",
            load.errors(),
            load.bad_status,
            load.timeouts,
            load.broken
        ),
    );
    row(
        "latency",
        format!(
            "median {}, p99 {}, max {} (request sent to whole reply read)",
            ms(at(0.5)),
            ms(at(0.99)),
            ms(at(1.0))
        ),
    );
    row(
        "client lag",
        format!(
            "{} at most (a request sent after its due time)",
            ms(load.max_lag)
        ),
    );
    row(
        "connections",
        format!(
            "{} opened for {KEEP_ALIVE} keep-alive clients; {} closed by the server",
            load.connects, load.closed_by_server
        ),
    );
    row(
        "slow conns",
        format!(
            "{open_min} to {open_max} open at each second; {} opened, {} cut by the server \
             after {} (median {}, max {}); {} held past the header timeout, {} answered, \
             {} failed to open",
            slow.opened,
            slow.cuts,
            secs(cut_min),
            secs(cut_median),
            secs(cut_max),
            slow.held,
            slow.answered,
            slow.connect_errors
        ),
    );
    row(
        "server RSS",
        format!(
            "start {}, after {SETTLED} s {}, max {}, end {} ({:+.1}% since {SETTLED} s; slope {:+.0} KiB/min)",
            mib(rss_start),
            mib(rss_settled),
            mib(rss_max),
            mib(rss_end),
            growth * 100.0,
            slope
        ),
    );
    let every_5s: Vec<String> = rss
        .iter()
        .step_by(5)
        .map(|&k| format!("{:.1}", k as f64 / 1024.0))
        .collect();
    row("RSS every 5 s", format!("{} MiB", every_5s.join(" ")));
    row(
        "server fds",
        format!(
            "start {}, max {}, end {}",
            fds.first().copied().unwrap_or(0),
            fds.iter().max().copied().unwrap_or(0),
            fds.last().copied().unwrap_or(0)
        ),
    );
    row(
        "stop",
        stopped.map_or(format!("still running {STOP_LIMIT:?} after SIGINT"), |d| {
            format!("exited {} after SIGINT", secs(d))
        }),
    );
    for failure in &load.failures {
        row("failure", failure.clone());
    }

    let expected = u64::from(RATE * seconds());
    let checks = [
        (
            load.errors() == 0 && load.sent == expected,
            format!("0 errors in {expected} requests"),
        ),
        (
            rate >= f64::from(RATE) * RATE_FLOOR,
            format!("at least {:.0} requests/s", f64::from(RATE) * RATE_FLOOR),
        ),
        (
            rss.len() == run.samples.len() && growth <= FLAT_TOLERANCE,
            format!(
                "memory flat: end within {:.0}% of the value after {SETTLED} s",
                FLAT_TOLERANCE * 100.0
            ),
        ),
        (
            slow.cuts > 0 && slow.held == 0 && slow.answered == 0,
            "slow connections cut by the header timeout, unanswered".to_string(),
        ),
        (
            stopped.is_some(),
            format!("exits within {STOP_LIMIT:?} of SIGINT"),
        ),
    ];
    println!();
    for (pass, what) in &checks {
        println!("  {} {what}", if *pass { "pass" } else { "FAIL" });
    }
    checks.iter().all(|(pass, _)| *pass)
}

/// The least-squares slope of one-second samples, in KiB a minute.
fn slope_kib_per_min(samples: &[u64]) -> f64 {
    let n = samples.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let mean_x = (n - 1.0) / 2.0;
    let mean_y = samples.iter().map(|&y| y as f64).sum::<f64>() / n;
    let (mut num, mut den) = (0.0, 0.0);
    for (x, &y) in samples.iter().enumerate() {
        let dx = x as f64 - mean_x;
        num += dx * (y as f64 - mean_y);
        den += dx * dx;
    }
    num / den * 60.0
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}
