//! A large file, whole processes: 10,000 campaigns (about 14 MB) rendered by `pinview render`
//! and served by `pinview serve`. Reports the median render time (criterion), then each
//! process's peak resident memory beside the file's size, against the target of 2.5 times.
//!
//! Linux only for the memory: the render's getrusage ru_maxrss, the server's VmHWM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group};

#[allow(dead_code)] // Shared with the parse and draw benches; this one needs only the large body.
mod common;
#[path = "common/peak.rs"]
mod peak;

const NOW: &str = "2026-11-24T12:00:00Z";
const TARGET_RATIO: f64 = 2.5;

fn pinview(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pinview"));
    command
        .env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stdin(Stdio::null());
    command
}

fn render(file: &Path) -> std::process::Output {
    let home = file
        .parent()
        .and_then(Path::parent)
        .expect("the data folder");
    pinview(home)
        .args(["render", "--now", NOW, "--file"])
        .arg(file)
        .output()
        .expect("run pinview render")
}

/// Starts `pinview serve` on the folder, fetches the endpoint `requests` times, four at a
/// time, and returns the server's peak resident memory in KiB and the reply's size.
fn serve_peak_kib(dir: &Path, requests: usize) -> (i64, usize) {
    let mut child = pinview(dir)
        .args(["serve", "--quiet", "--port", "0"])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start pinview serve");
    let mut banner = BufReader::new(child.stdout.take().expect("stdout"));
    let mut addr: Option<SocketAddr> = None;
    let mut line = String::new();
    while banner.read_line(&mut line).unwrap_or(0) > 0 {
        if let Some(url) = line.trim_end().strip_prefix("listening on http://") {
            addr = url.parse().ok();
        }
        if line.trim_end() == "Ctrl-C stops." {
            break;
        }
        line.clear();
    }
    let addr = addr.expect("a `listening on` line");
    let fetch = move || {
        let mut stream = TcpStream::connect(addr).expect("connect");
        write!(
            stream,
            "GET /v1/apps/local/endpoints/big/inappmessages HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut reply = Vec::new();
        stream.read_to_end(&mut reply).expect("read");
        assert!(
            reply.starts_with(b"HTTP/1.1 200"),
            "the large file is served"
        );
        reply.len()
    };
    let mut size = 0;
    for _ in 0..requests.div_ceil(4) {
        let batch: Vec<_> = (0..4).map(|_| std::thread::spawn(fetch)).collect();
        size = batch
            .into_iter()
            .map(|t| t.join().expect("a request"))
            .max()
            .unwrap_or(0);
    }
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(-1);
    let _ = child.kill();
    let _ = child.wait();
    (peak, size)
}

fn verdict(what: &str, peak_kib: i64, file_bytes: usize) {
    let ratio = peak_kib as f64 * 1024.0 / file_bytes as f64;
    println!(
        "large_file: {what} peaks at {:.1} MB for a {:.1} MB file: {ratio:.2}x (target under {TARGET_RATIO}x): {}",
        peak_kib as f64 * 1024.0 / 1e6,
        file_bytes as f64 / 1e6,
        if ratio < TARGET_RATIO {
            "met"
        } else {
            "MISSED"
        }
    );
}

fn large_file(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let body = common::large_body();
    std::fs::create_dir_all(dir.path().join("local")).expect("app folder");
    let file = dir.path().join("local").join("big.json");
    std::fs::write(&file, &body).expect("write the large file");
    let out = render(&file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut group = c.benchmark_group("large_file");
    group.sample_size(10);
    group.bench_function("render 10k campaigns (whole process)", |b| {
        b.iter(|| render(&file))
    });
    group.finish();

    verdict("render", peak::peak_kib(&file), body.len());
    let (peak, size) = serve_peak_kib(dir.path(), 20);
    assert!(size > body.len() / 2, "a whole reply of {size} bytes");
    verdict("serve (20 requests, 4 at a time)", peak, body.len());
}

criterion_group!(benches, large_file);

fn main() {
    if let Some(file) = std::env::var_os(peak::MEASURE) {
        render(Path::new(&file));
        println!("{}", peak::children_peak_kib());
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
