//! `pinview serve`, `get` and the live flags as a user runs them: real processes on 127.0.0.1,
//! isolated from the user's own AWS and pinview configuration.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

/// The binary with a clean environment: no real config, no real AWS credentials.
fn pinview(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pinview"));
    cmd.env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("AWS_CONFIG_FILE", home.join("no-aws-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            home.join("no-aws-credentials"),
        )
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run pinview")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The process said `words` on standard error.
#[track_caller]
fn assert_stderr(out: &Output, words: &str) {
    let stderr = text(&out.stderr);
    assert!(stderr.contains(words), "{stderr}");
}

/// A running `pinview serve` and the URL it printed.
pub(crate) struct Served {
    pub(crate) child: Child,
    pub(crate) url: String,
    banner: String,
}

impl Served {
    pub(crate) fn start(home: &Path, args: &[&str]) -> Served {
        let mut child = pinview(home)
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut banner = String::new();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let url = loop {
            let line = lines.next().expect("banner").unwrap();
            banner.push_str(&line);
            banner.push('\n');
            if let Some(url) = line.strip_prefix("listening on ") {
                break url.to_string();
            }
        };
        for line in lines.by_ref() {
            let line = line.unwrap();
            banner.push_str(&line);
            banner.push('\n');
            if line == "Ctrl-C stops." {
                break;
            }
        }
        Served { child, url, banner }
    }

    /// Ctrl-C, as a user stops it; returns its exit status and log.
    pub(crate) fn interrupt(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-INT", &pid]).status().unwrap();
        let status = self.child.wait().unwrap();
        let mut log = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            stderr.read_to_string(&mut log).unwrap();
        }
        (status, log)
    }

    /// SIGTERM, as a service manager stops it; fails unless it exits within `limit`. Returns
    /// its exit status and log.
    pub(crate) fn terminate(mut self, limit: Duration) -> (ExitStatus, String) {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        let asked = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                asked.elapsed() < limit,
                "still running {limit:?} after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut log = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            stderr.read_to_string(&mut log).unwrap();
        }
        (status, log)
    }
}

/// GETs the demo's iphone-15 `n` times, each within a short timeout, so a stalled server fails
/// the test instead of hanging it.
pub(crate) fn hammer(url: &str, n: usize) {
    let url = format!("{url}/v1/apps/demo-app/endpoints/iphone-15/inappmessages");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(2))
            .build()
            .unwrap();
        for i in 0..n {
            let reply = client.get(&url).send().await;
            let reply = reply.unwrap_or_else(|e| panic!("request {i}: {e}"));
            assert_eq!(reply.status(), 200, "request {i}");
            reply
                .bytes()
                .await
                .unwrap_or_else(|e| panic!("request {i}: {e}"));
        }
    });
}

/// A test that fails half-way leaves no server behind.
impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_prints_a_pasteable_example_and_get_saves_what_it_serves() {
    let home = tempfile::tempdir().unwrap();
    let served = Served::start(home.path(), &["--demo"]);
    assert!(
        served.url.starts_with("http://127.0.0.1:"),
        "{}",
        served.url
    );
    let banner = &served.banner;
    assert!(
        banner.contains("demo-app: android-pixel, iphone-15, web-chrome"),
        "{banner}"
    );
    assert!(
        banner.contains("Any SigV4 signature is accepted"),
        "{banner}"
    );
    assert!(
        banner.contains(&format!(
            "Images: the demo's pictures under {}/images/",
            served.url
        )),
        "{banner}"
    );
    assert!(
        banner.contains(&format!(
            "aws pinpoint get-in-app-messages --region us-east-1 \\\n      --application-id demo-app --endpoint-id android-pixel --endpoint-url {}",
            served.url
        )),
        "{banner}"
    );
    // `get` through the SDK, no AWS account: the same JSON as the bundled demo gives offline.
    let live = run(pinview(home.path()).args([
        "get",
        "--endpoint-url",
        &served.url,
        "--app",
        "demo-app",
        "--endpoint",
        "iphone-15",
    ]));
    assert!(live.status.success(), "{}", text(&live.stderr));
    let offline = run(pinview(home.path()).args(["get", "--demo", "--endpoint", "iphone-15"]));
    // Apart from the demo's image URLs, which name the server that serves them.
    let offline = text(&offline.stdout);
    assert!(offline.contains("https://demo.pinview.invalid/images/"));
    let served_images = format!("{}/images/", served.url);
    assert_eq!(
        text(&live.stdout),
        offline.replace("https://demo.pinview.invalid/images/", &served_images)
    );
    let json: serde_json::Value = serde_json::from_slice(&live.stdout).unwrap();
    let campaigns = &json["InAppMessagesResponse"]["InAppMessageCampaigns"];
    assert_eq!(campaigns.as_array().unwrap().len(), 3);
    // Several endpoints are saved as a tree that --file reads back.
    let saved = home.path().join("saved");
    let out = run(pinview(home.path()).args([
        "get",
        "--endpoint-url",
        &served.url,
        "--app",
        "demo-app",
        "--endpoint",
        "iphone-15",
        "--endpoint",
        "web-chrome",
        "--out",
        saved.to_str().unwrap(),
    ]));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let frame = run(pinview(home.path()).args([
        "render",
        "--file",
        saved.to_str().unwrap(),
        "--endpoint",
        "web-chrome",
        "--now",
        "2026-11-24T12:00:00Z",
    ]));
    assert!(frame.status.success(), "{}", text(&frame.stderr));
    assert!(text(&frame.stdout).contains("demo-app › web-chrome"));
    // An unknown endpoint: exit 1 and a sentence.
    let missing = run(pinview(home.path()).args([
        "get",
        "--endpoint-url",
        &served.url,
        "--app",
        "demo-app",
        "--endpoint",
        "nokia",
    ]));
    assert_eq!(missing.status.code(), Some(1));
    assert_stderr(&missing, "endpoint nokia not found");
    let (status, log) = served.interrupt();
    assert!(
        status.success(),
        "Ctrl-C stops it cleanly: {status:?} {log}"
    );
    assert!(log.contains("demo-app › iphone-15: 3 campaigns"), "{log}");
}

/// `--file shop/` reads shop/phone.json as application shop; serving shop/ itself would leave
/// it unanswered, so the banner says how to serve it.
#[test]
fn serve_names_files_it_does_not_answer_for() {
    let home = tempfile::tempdir().unwrap();
    let shop = home.path().join("served").join("shop");
    std::fs::create_dir_all(&shop).unwrap();
    std::fs::write(shop.join("phone.json"), "[]").unwrap();
    std::fs::write(shop.join("tablet.json"), "[]").unwrap();
    let served = Served::start(home.path(), &[shop.to_str().unwrap()]);
    let above = home.path().join("served").canonicalize().unwrap();
    let expected = format!(
        "warning: not served: phone.json and 1 more, at the top of the folder. Requests name an \
         application, so serve reads <app-id>/<endpoint-id>.json: `pinview serve {}` answers \
         these as application shop.",
        above.display()
    );
    assert!(served.banner.contains(&expected), "{}", served.banner);
    served.interrupt();
}

#[test]
fn serve_logs_a_broken_file_with_its_position_at_start() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("served");
    std::fs::create_dir_all(dir.join("shop")).unwrap();
    std::fs::write(dir.join("shop/good.json"), "[]").unwrap();
    std::fs::write(dir.join("shop/bad.json"), "[\n  {,}\n]").unwrap();
    let served = Served::start(home.path(), &[dir.to_str().unwrap()]);
    assert!(
        served.banner.contains("shop: bad, good"),
        "{}",
        served.banner
    );
    let (status, log) = served.interrupt();
    assert!(status.success());
    assert!(log.contains("bad.json:2:4:"), "{log}");
}

#[test]
fn a_busy_port_and_a_missing_folder_are_explained() {
    let home = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = run(pinview(home.path()).args(["serve", "--demo", "--port", &port]));
    assert_eq!(out.status.code(), Some(2));
    assert_stderr(&out, "is in use: pass another --port");
    let out = run(pinview(home.path()).args(["serve", "/no/such/folder"]));
    assert_eq!(out.status.code(), Some(2));
    assert_stderr(&out, "/no/such/folder: no such file");
}

#[test]
fn live_flags_say_what_is_missing() {
    let home = tempfile::tempdir().unwrap();
    let out = run(pinview(home.path()).args(["get", "--app", "x"]));
    assert_eq!(out.status.code(), Some(2));
    assert_stderr(&out, "give at least one --endpoint ID");
    let out = run(pinview(home.path()).args(["get"]));
    assert_stderr(&out, "say where campaigns come from");
    // No region anywhere, and not a local server: say how to give one.
    let out = run(pinview(home.path()).args(["get", "--app", "x", "--endpoint", "y"]));
    assert_eq!(out.status.code(), Some(2));
    assert_stderr(&out, "no AWS region: pass --region");
}

#[test]
fn no_credentials_is_a_sentence_that_says_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    // A documentation address: credentials are looked for before any connection is tried.
    let out = run(pinview(home.path()).args([
        "get",
        "--app",
        "a",
        "--endpoint",
        "b",
        "--region",
        "us-east-1",
        "--endpoint-url",
        "http://192.0.2.1:9",
    ]));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("no AWS credentials found: pass --profile, set AWS_PROFILE or AWS_ACCESS_KEY_ID, or run `aws sso login`"), "{err}");
}

#[test]
fn nothing_listening_is_a_connection_error_not_a_hang() {
    let home = tempfile::tempdir().unwrap();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}");
    let out = run(pinview(home.path()).args([
        "get",
        "--endpoint-url",
        &url,
        "--app",
        "a",
        "--endpoint",
        "b",
    ]));
    assert_eq!(out.status.code(), Some(1));
    assert_stderr(&out, &format!("cannot connect to {url}"));
}

#[test]
fn config_targets_name_endpoints_and_a_bad_file_names_its_position() {
    let home = tempfile::tempdir().unwrap();
    let served = Served::start(home.path(), &["--demo"]);
    let config = home.path().join("pinview.toml");
    std::fs::write(
        &config,
        format!(
            "[[target]]\nname = \"local\"\napp = \"demo-app\"\nendpoint_url = \"{}\"\nendpoints = [{{ id = \"iphone-15\", label = \"QA iPhone\" }}]\n",
            served.url
        ),
    )
    .unwrap();
    let out = run(pinview(home.path()).env("PINVIEW_CONFIG", &config).args([
        "render",
        "--target",
        "local",
        "--now",
        "2026-11-24T12:00:00Z",
        "--size",
        "120x30",
    ]));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let frame = text(&out.stdout);
    assert!(
        frame.contains("demo-app › iphone-15 (QA iPhone)"),
        "{frame}"
    );
    std::fs::write(
        &config,
        "[[target]]\nname = \"x\"\napp = \"y\"\nendpointz = []\n",
    )
    .unwrap();
    let out = run(pinview(home.path())
        .env("PINVIEW_CONFIG", &config)
        .args(["get"]));
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("pinview.toml:4:1:"), "{err}");
    assert!(err.contains("endpointz"), "{err}");
    let _ = served.interrupt();
}

/// The whole reply to `GET path` on a connection of its own, headers included.
pub(crate) fn raw_get(url: &str, path: &str) -> String {
    use std::io::Write;
    let mut conn = std::net::TcpStream::connect(url.trim_start_matches("http://")).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        conn,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    conn.read_to_string(&mut reply).unwrap();
    reply
}
