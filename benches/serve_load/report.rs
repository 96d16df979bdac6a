//! What the run measured: the server's memory each second, and the summary with its verdict.

use super::*;

/// The server at one second of the load.
pub(crate) struct Sample {
    pub(crate) rss_kib: Option<u64>,
    pub(crate) fds: Option<usize>,
    pub(crate) slow_open: usize,
}

/// One sample at `start` and each second after, to the end of the load.
pub(crate) async fn sample(pid: u32, start: Instant, slow: Arc<Slow>) -> Vec<Sample> {
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
pub(crate) fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Prints the summary and each check; true if all passed.
pub(crate) fn report(run: &Run, stopped: Option<Duration>) -> bool {
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
pub(crate) fn slope_kib_per_min(samples: &[u64]) -> f64 {
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

pub(crate) fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

pub(crate) fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

pub(crate) fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}
