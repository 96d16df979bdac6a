//! `pinview serve` on loopback: the latency of one demo request (criterion), then a paced load
//! of 1,000 requests/s for 10 s, reporting errors, latency and the process's memory.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use pinview::server::{Catalog, Server};

const PATH: &str = "/v1/apps/demo-app/endpoints/android-pixel/inappmessages";

/// A keep-alive HTTP/1.1 client: the server's cost, not a client library's, is measured.
struct Client {
    reader: BufReader<TcpStream>,
    request: Vec<u8>,
}

impl Client {
    fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        let request = format!(
            "GET {PATH} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: AWS4-HMAC-SHA256 Credential=test\r\n\r\n"
        )
        .into_bytes();
        Client {
            reader: BufReader::new(stream),
            request,
        }
    }

    /// Sends one request and reads the whole reply; returns the status code.
    fn get(&mut self) -> u16 {
        self.reader
            .get_mut()
            .write_all(&self.request)
            .expect("send");
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("status line");
        let status: u16 = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut length = 0usize;
        loop {
            line.clear();
            self.reader.read_line(&mut line).expect("header");
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).expect("body");
        status
    }
}

fn start_server(runtime: &tokio::runtime::Runtime) -> Server {
    runtime
        .block_on(Server::start(
            Catalog::demo(),
            "127.0.0.1:0".parse().expect("addr"),
        ))
        .expect("server")
}

fn request_latency(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = start_server(&runtime);
    let mut client = Client::connect(server.addr());
    c.bench_function("serve demo request (loopback, keep-alive)", |b| {
        b.iter(|| assert_eq!(client.get(), 200))
    });
}

/// Resident memory of this process (server and client), in KiB.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// 1,000 requests a second for ten seconds, paced rather than flat out, as a fleet of devices
/// asks: every request must succeed and memory must not grow.
fn sustained_load() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = start_server(&runtime);
    let mut client = Client::connect(server.addr());
    let rate = 1000u32;
    let seconds = 10u32;
    let interval = Duration::from_secs(1) / rate;
    let start = Instant::now();
    let mut latencies = Vec::with_capacity((rate * seconds) as usize);
    let mut errors = 0;
    let mut rss = Vec::new();
    for i in 0..rate * seconds {
        let due = start + interval * i;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let sent = Instant::now();
        if client.get() != 200 {
            errors += 1;
        }
        latencies.push(sent.elapsed());
        if i % rate == rate - 1 {
            rss.push(rss_kib());
        }
    }
    let elapsed = start.elapsed();
    latencies.sort();
    let pct = |p: usize| latencies[latencies.len() * p / 100 - 1];
    println!(
        "sustained load: {} requests in {:.2} s ({:.0}/s), {errors} errors; latency p50 {:?}, p99 {:?}, max {:?}",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        pct(50),
        pct(99),
        latencies[latencies.len() - 1],
    );
    println!("resident memory each second (KiB): {rss:?}");
    assert_eq!(errors, 0, "every request answered");
}

criterion_group!(benches, request_latency);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // `cargo bench -- <filter>` runs only criterion's benchmarks that match; the load runs
    // with no filter, or with `load`.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if filter.is_empty() || filter.iter().any(|f| f == "load") {
        sustained_load();
    }
}
