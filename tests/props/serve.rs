//! The server: any raw request to a `pinview serve` of a temp folder never panics or stops it,
//! is answered in Pinpoint's error format, with a 404, with a 200 for what it serves, or with
//! the HTTP layer's own 400, 414 or 431, and never with a byte of the secret file beside it.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use pinview::images::resolve::embedded_bytes;
use pinview::server::{Catalog, Options, Server};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use super::serve_requests::{H2_PREFACE, Reply, Request, exchange, request};
use super::{Budget, run};

const CASES: u32 = 1000;

/// In both secret files, outside the served folder; no answer may contain it.
const SECRET: &str = "SECRET-5c1f0e-do-not-serve";

/// The served endpoint every normal request asks for, and its campaign.
const NORMAL: &str = "/v1/apps/app-one/endpoints/phone/inappmessages";
const CAMPAIGN: &str = "phone-campaign";

/// Server threads are named so a panic on one of them is counted.
const THREADS: &str = "props-serve";

/// Panics on the server's threads so far.
static PANICS: AtomicUsize = AtomicUsize::new(0);

/// Counts panics on the server's threads, then reports them as before.
fn count_server_panics() {
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with(THREADS))
            {
                PANICS.fetch_add(1, Ordering::SeqCst);
            }
            previous(info);
        }));
    });
}

/// A PNG's signature and a little more: `sniff` reads only the start.
fn png(extra: &str) -> Vec<u8> {
    let mut bytes = embedded_bytes("gift-1.png").expect("a demo image").to_vec();
    bytes.extend_from_slice(extra.as_bytes());
    bytes
}

/// `<tmp>/served/app-one/{phone,broken}.json` and `pic.png` are served; `<tmp>/secret.json` and
/// `<tmp>/secret.png` are not.
fn folder(tmp: &Path) -> std::path::PathBuf {
    let served = tmp.join("served");
    let app = served.join("app-one");
    std::fs::create_dir_all(&app).unwrap();
    std::fs::create_dir_all(served.join(".hidden")).unwrap();
    let phone = format!(
        r#"{{"InAppMessageCampaigns":[{{"CampaignId":"{CAMPAIGN}","InAppMessage":{{"Layout":"TOP_BANNER","Content":[{{"ImageUrl":"pic.png","HeaderConfig":{{"Header":"Hi"}}}}]}}}}]}}"#
    );
    std::fs::write(app.join("phone.json"), phone).unwrap();
    std::fs::write(
        app.join("broken.json"),
        "{\"InAppMessageCampaigns\": [\n  {,]}",
    )
    .unwrap();
    std::fs::write(app.join("pic.png"), png("")).unwrap();
    let secret = format!(r#"{{"InAppMessageCampaigns":[{{"CampaignId":"{SECRET}"}}]}}"#);
    std::fs::write(tmp.join("secret.json"), &secret).unwrap();
    std::fs::write(served.join(".hidden").join("secret.json"), &secret).unwrap();
    std::fs::write(tmp.join("secret.png"), png(SECRET)).unwrap();
    std::fs::write(tmp.join("secret"), SECRET).unwrap();
    served
}

/// A server over a fresh folder, on its own runtime, while the value lives.
struct Fixture {
    _tmp: tempfile::TempDir,
    outside: String,
    addr: SocketAddr,
    server: Option<Server>,
    runtime: tokio::runtime::Runtime,
}

impl Fixture {
    fn start() -> Fixture {
        count_server_panics();
        let tmp = tempfile::tempdir().unwrap();
        let served = folder(tmp.path());
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name(THREADS)
            .enable_all()
            .build()
            .unwrap();
        let options = Options {
            log_requests: false,
            // A head that never ends is closed soon, so a stuck case shows as a failure.
            header_timeout: Duration::from_secs(2),
            ..Options::default()
        };
        let catalog = Catalog::dir(&served).unwrap();
        let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let server = runtime
            .block_on(Server::start_with(catalog, addr, options))
            .unwrap();
        Fixture {
            outside: tmp.path().display().to_string(),
            _tmp: tmp,
            addr: server.addr(),
            server: Some(server),
            runtime,
        }
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            let _ = self.runtime.block_on(server.stop());
        }
    }
}

const WAIT: Duration = Duration::from_secs(10);

/// The images the server may send: the served folder's and the demo's.
fn servable_image(body: &[u8]) -> bool {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/images");
    body == png("").as_slice()
        || std::fs::read_dir(demo).unwrap().flatten().any(|entry| {
            let name = entry.file_name();
            embedded_bytes(&name.to_string_lossy()) == Some(body)
        })
}

/// What the server answered `request` is one of the allowed answers.
fn allowed(request: &Request, reply: &Reply) -> Result<(), TestCaseError> {
    let Reply::Response {
        status, body, raw, ..
    } = reply
    else {
        // hyper closes a connection unanswered only when it opens as HTTP/2 does.
        prop_assert!(
            request.bytes().starts_with(H2_PREFACE),
            "closed without an answer"
        );
        return Ok(());
    };
    prop_assert!(
        !String::from_utf8_lossy(raw).contains(SECRET),
        "the secret was served"
    );
    prop_assert!(reply.header("transfer-encoding").is_none(), "chunked");
    let head = request.method == "HEAD";
    let pinpoint_error = reply.header("x-amzn-errortype").is_some();
    if *status == 200 {
        prop_assert!(
            request.method == "GET" || head,
            "200 for {}",
            request.method
        );
        match reply.header("content-type") {
            _ if head => {}
            Some("application/json") => {
                let json: serde_json::Value = serde_json::from_slice(body)
                    .map_err(|e| TestCaseError::fail(format!("200 body is not JSON: {e}")))?;
                prop_assert!(json["InAppMessageCampaigns"].is_array(), "{json}");
            }
            Some("image/png" | "image/jpeg") => {
                prop_assert!(servable_image(body), "an image not served on purpose")
            }
            other => return Err(TestCaseError::fail(format!("200 of type {other:?}"))),
        }
    } else if pinpoint_error {
        prop_assert!(
            [400, 404, 405, 500].contains(status),
            "Pinpoint error with status {status}"
        );
        if !head {
            let json: serde_json::Value = serde_json::from_slice(body)
                .map_err(|e| TestCaseError::fail(format!("error body is not JSON: {e}")))?;
            prop_assert!(json["Message"].is_string(), "no Message: {json}");
        }
    } else {
        // hyper's own answer to what is not HTTP it can parse: no body.
        prop_assert!(
            [400, 414, 431].contains(status),
            "status {status} from the HTTP layer"
        );
        prop_assert!(body.is_empty(), "HTTP layer error with a body");
    }
    Ok(())
}

/// The normal request still gets its 200 with the served campaign.
fn still_serving(addr: SocketAddr) -> Result<(), TestCaseError> {
    let normal = format!("GET {NORMAL} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    let reply = exchange(addr, normal.as_bytes(), false, WAIT).map_err(TestCaseError::fail)?;
    match &reply {
        Reply::Response {
            status: 200, body, ..
        } => prop_assert!(
            String::from_utf8_lossy(body).contains(CAMPAIGN),
            "normal reply without its campaign"
        ),
        other => return Err(TestCaseError::fail(format!("normal request: {other:?}"))),
    }
    Ok(())
}

fn serve(budget: Budget, name: &str) {
    let fixture = Fixture::start();
    still_serving(fixture.addr).expect("the server answers before any case");
    let addr = fixture.addr;
    // What the server answered, by status, shown with `--nocapture`.
    let tally = Mutex::new(BTreeMap::<String, usize>::new());
    run(name, budget, request(fixture.outside.clone()), |request| {
        let before = PANICS.load(Ordering::SeqCst);
        let head = request.method == "HEAD";
        let reply = exchange(addr, &request.bytes(), head, WAIT).map_err(TestCaseError::fail)?;
        let status = match &reply {
            Reply::Response { status, .. } if reply.header("x-amzn-errortype").is_some() => {
                format!("{status} Pinpoint")
            }
            Reply::Response { status, .. } => status.to_string(),
            Reply::Closed => "closed".into(),
        };
        *tally.lock().unwrap().entry(status).or_default() += 1;
        allowed(&request, &reply)?;
        still_serving(addr)?;
        let panics = PANICS.load(Ordering::SeqCst) - before;
        prop_assert_eq!(panics, 0, "the server panicked");
        Ok(())
    });
    eprintln!("props {name} answers: {:?}", tally.into_inner().unwrap());
}

#[test]
fn any_request_is_answered_safely_and_the_server_keeps_serving() {
    serve(Budget::bounded(CASES), "serve");
}

#[test]
#[ignore = "long run: PINVIEW_PROPTEST_CASES"]
fn any_request_is_answered_safely_and_the_server_keeps_serving_long() {
    serve(Budget::long(CASES), "serve (long)");
}
