//! `pinview check` as CI runs it, a whole process: 1,000 endpoint files of 10 campaigns each
//! (the demo's, with unique ids, some grown past the limits), `--format json`. Reports the
//! median time (criterion), then the child's peak resident memory once.
//!
//! Linux only for the memory: getrusage's ru_maxrss, in KiB.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "common/peak.rs"]
mod peak;

use criterion::{Criterion, criterion_group};
use pinview::model::Campaign;
use pinview::source::{Source, Target};

const FILES: usize = 1_000;
const PER_FILE: usize = 10;
const NOW: &str = "2026-11-24T12:00:00Z";
/// What the check should stay under.
const TARGET_TIME: Duration = Duration::from_secs(1);
const TARGET_KIB: i64 = 100 * 1024;

/// The demo's campaigns, every endpoint's.
fn templates() -> Vec<Campaign> {
    let source = Source::Demo;
    source
        .targets()
        .iter()
        .flat_map(|t| {
            source
                .fetch_local(&Target::new(t.app.clone(), t.endpoint.clone()))
                .expect("demo endpoint")
        })
        .collect()
}

/// Writes `FILES` files under `dir`, ten applications of a hundred endpoints, in the three
/// list shapes in turn; one campaign in seven has a body over 150 characters.
fn write_files(dir: &Path) {
    let templates = templates();
    for file in 0..FILES {
        let campaigns: Vec<Campaign> = (0..PER_FILE)
            .map(|j| {
                let n = file * PER_FILE + j;
                let mut c = templates[n % templates.len()].clone();
                c.campaign_id = Some(format!("{}-{n:05}", c.id()).into());
                let cards = c.in_app_message.as_mut().and_then(|m| m.content.as_mut());
                for card in cards.into_iter().flatten() {
                    if let Some(b) = card.body_config.as_mut().and_then(|b| b.body.as_mut()) {
                        b.push_str(&format!(" (variant {n})"));
                        if n.is_multiple_of(7) {
                            b.push_str(&" Members save more on selected lines.".repeat(4));
                        }
                    }
                }
                c
            })
            .collect();
        let list = serde_json::to_value(&campaigns).expect("campaigns as JSON");
        let doc = match file % 3 {
            0 => serde_json::json!({ "InAppMessageCampaigns": list }),
            1 => serde_json::json!({ "InAppMessagesResponse": { "InAppMessageCampaigns": list } }),
            _ => list,
        };
        let app = dir.join(format!("app-{}", file / 100));
        std::fs::create_dir_all(&app).expect("app folder");
        let text = serde_json::to_string_pretty(&doc).expect("serialize");
        std::fs::write(app.join(format!("endpoint-{file:04}.json")), text).expect("write");
    }
}

fn check(dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pinview"))
        .args(["check", "--format", "json", "--now", NOW, "--file"])
        .arg(dir)
        .env_remove("PINVIEW_CONFIG")
        .env("XDG_CONFIG_HOME", dir)
        .stdin(Stdio::null())
        .output()
        .expect("run pinview check")
}

fn check_10k(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    write_files(dir.path());
    let out = check(dir.path());
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("check prints a JSON list");
    println!("check: {FILES} files, {} findings", findings.len());

    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.bench_function("10k campaigns in 1k files, json (whole process)", |b| {
        b.iter(|| check(dir.path()))
    });
    group.finish();

    // Median of our own runs too, printed beside the peak so the two read together.
    let mut times: Vec<Duration> = (0..9)
        .map(|_| {
            let start = Instant::now();
            check(dir.path());
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let peak = peak::peak_kib(dir.path());
    println!(
        "check: median {:.0} ms, peak resident memory {:.1} MB (targets: under {} ms and {} MB): {}",
        median.as_secs_f64() * 1000.0,
        peak as f64 / 1024.0,
        TARGET_TIME.as_millis(),
        TARGET_KIB / 1024,
        if median < TARGET_TIME && peak < TARGET_KIB {
            "met"
        } else {
            "MISSED"
        }
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(30));
    targets = check_10k
}

fn main() {
    // The measuring copy runs one check while it is still small, and prints the peak.
    if let Some(dir) = std::env::var_os(peak::MEASURE) {
        check(Path::new(&dir));
        println!("{}", peak::children_peak_kib());
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
