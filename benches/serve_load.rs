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

#[path = "serve_load/clients.rs"]
mod clients;
#[path = "serve_load/report.rs"]
mod report;

use clients::*;
use report::*;

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
