//! `pinview serve`'s log: never in the way of a request, however slowly it is read, in text
//! or JSON, and quiet on request.

use std::io::Read;
use std::time::Duration;

use crate::serve::*;

#[test]
fn serve_keeps_answering_when_no_one_reads_its_log_and_sigterm_still_stops_it() {
    let home = tempfile::tempdir().unwrap();
    // Standard error is a pipe that is never read: it fills after a few hundred lines.
    let served = Served::start(home.path(), &["--demo"]);
    hammer(&served.url, 3000);
    let (status, log) = served.terminate(Duration::from_secs(3));
    assert!(status.success(), "{status:?}");
    assert!(log.contains("demo-app › iphone-15: 3 campaigns"), "{log}");
}

#[test]
fn serve_says_how_many_log_lines_a_slow_reader_missed() {
    let home = tempfile::tempdir().unwrap();
    let mut served = Served::start(home.path(), &["--demo"]);
    hammer(&served.url, 3000);
    // The reader catches up: the lines dropped meanwhile are counted in one line.
    let mut stderr = served.child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut log = String::new();
        stderr.read_to_string(&mut log).unwrap();
        log
    });
    let (status, _) = served.terminate(Duration::from_secs(3));
    assert!(status.success(), "{status:?}");
    let log = reader.join().unwrap();
    let notes: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("log lines dropped: the log reader was slow"))
        .collect();
    assert!(
        !notes.is_empty(),
        "no drop count in {} lines",
        log.lines().count()
    );
    let dropped: u64 = notes
        .iter()
        .map(|l| l.split_whitespace().nth(2).unwrap().parse::<u64>().unwrap())
        .sum();
    // Every line is written or counted; the last may be either, as the reader races SIGTERM.
    let written = log.matches("3 campaigns").count() as u64;
    let stopping = u64::from(log.contains("pinview serve: stopping"));
    assert_eq!(dropped + written + stopping, 3001, "{notes:?}");
}

#[test]
fn serve_log_format_json_writes_one_object_a_line_with_the_requests_fields() {
    let home = tempfile::tempdir().unwrap();
    let served = Served::start(home.path(), &["--demo", "--log-format", "json"]);
    let path = "/v1/apps/demo-app/endpoints/iphone-15/inappmessages";
    let reply = raw_get(&served.url, path);
    let id = reply
        .lines()
        .find_map(|l| l.strip_prefix("x-amzn-requestid: "))
        .unwrap_or_else(|| panic!("{reply}"))
        .to_string();
    let missing = raw_get(
        &served.url,
        "/v1/apps/demo-app/endpoints/nokia/inappmessages",
    );
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
    let (status, log) = served.interrupt();
    assert!(status.success());
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let found = lines
        .iter()
        .find(|l| l["request_id"] == id.as_str())
        .unwrap_or_else(|| panic!("{log}"));
    assert_eq!(found["method"], "GET");
    assert_eq!(found["path"], path);
    assert_eq!(found["status"], 200);
    assert_eq!(found["campaigns"], 3);
    assert_eq!(found["level"], "INFO");
    assert!(found["latency_ms"].as_f64().is_some(), "{found}");
    assert!(found["time"].as_str().is_some(), "{found}");
    assert!(lines.iter().any(|l| l["status"] == 404), "{log}");
    assert_eq!(lines.last().unwrap()["message"], "pinview serve: stopping");
}

#[test]
fn serve_quiet_logs_no_requests_but_still_warns() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("served");
    std::fs::create_dir_all(dir.join("shop")).unwrap();
    std::fs::write(dir.join("shop/good.json"), "[]").unwrap();
    std::fs::write(dir.join("shop/bad.json"), "[\n  {,}\n]").unwrap();
    let served = Served::start(home.path(), &[dir.to_str().unwrap(), "--quiet"]);
    let reply = raw_get(&served.url, "/v1/apps/shop/endpoints/good/inappmessages");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    let reply = raw_get(&served.url, "/nowhere");
    assert!(reply.starts_with("HTTP/1.1 404"), "{reply}");
    let (status, log) = served.interrupt();
    assert!(status.success());
    assert!(log.contains("bad.json:2:4:"), "{log}");
    assert!(log.contains("pinview serve: stopping"), "{log}");
    assert!(!log.contains("GET"), "{log}");
}
