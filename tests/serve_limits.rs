//! `pinview serve` cannot be held up by one client: slow headers and idle connections are cut
//! after their timeouts (short here, through the library's options), and connections past the
//! cap get a 503 at once.

use std::net::SocketAddr;
use std::time::Duration;

use pinview::server::{Catalog, Options, Server};

use crate::serve::{Served, raw_get};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, timeout};

const PATH: &str = "/v1/apps/demo-app/endpoints/iphone-15/inappmessages";

async fn serve(options: Options) -> Server {
    let addr = "127.0.0.1:0".parse::<SocketAddr>().unwrap();
    Server::start_with(Catalog::demo(), addr, options)
        .await
        .unwrap()
}

/// A reply read off a raw connection.
struct Reply {
    status: u16,
    head: String,
    body: String,
}

/// Sends `GET path` on `conn` and reads one reply (its body by Content-Length), within 5 s.
async fn exchange(conn: &mut TcpStream, path: &str) -> Reply {
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n");
    conn.write_all(request.as_bytes()).await.unwrap();
    timeout(Duration::from_secs(5), read_reply(conn))
        .await
        .expect("a reply within 5 s")
}

async fn read_reply(conn: &mut TcpStream) -> Reply {
    let mut bytes = Vec::new();
    let mut chunk = [0; 4096];
    let end = loop {
        if let Some(i) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = conn.read(&mut chunk).await.unwrap();
        assert!(
            n > 0,
            "closed mid-reply: {}",
            String::from_utf8_lossy(&bytes)
        );
        bytes.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&bytes[..end]).to_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .map_or(0, |v| v.trim().parse().unwrap());
    while bytes.len() < end + length {
        let n = conn.read(&mut chunk).await.unwrap();
        assert!(n > 0, "closed mid-body");
        bytes.extend_from_slice(&chunk[..n]);
    }
    let status = head[9..12].parse().unwrap();
    let body = String::from_utf8_lossy(&bytes[end..end + length]).into_owned();
    Reply { status, head, body }
}

/// How long until the server closes `conn`, which must send nothing more; at most `limit`.
async fn closed_after(conn: &mut (impl AsyncRead + Unpin), limit: Duration) -> Duration {
    let started = Instant::now();
    let mut byte = [0; 1];
    match timeout(limit, conn.read(&mut byte)).await {
        Ok(Ok(0) | Err(_)) => started.elapsed(),
        Ok(Ok(_)) => panic!("the server sent something unasked"),
        Err(_) => panic!("still open after {limit:?}"),
    }
}

#[tokio::test]
async fn a_client_trickling_its_headers_is_cut_while_another_is_served_at_once() {
    let options = Options {
        header_timeout: Duration::from_secs(1),
        ..Options::default()
    };
    let server = serve(options).await;
    let mut slow = TcpStream::connect(server.addr()).await.unwrap();
    let request = format!("GET {PATH} HTTP/1.1\r\nHost: x\r\n\r\n");
    // A byte every 200 ms: each arrives in time, the whole head never does.
    let trickle = async {
        let (mut reader, mut writer) = slow.split();
        let write = async {
            for byte in request.bytes() {
                if writer.write_all(&[byte]).await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            std::future::pending::<()>().await;
        };
        tokio::select! {
            cut = closed_after(&mut reader, Duration::from_secs(5)) => cut,
            () = write => unreachable!(),
        }
    };
    let other = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let mut fast = TcpStream::connect(server.addr()).await.unwrap();
        let reply = exchange(&mut fast, PATH).await;
        (reply.status, Instant::now())
    };
    let started = Instant::now();
    let (cut, (status, served)) = tokio::join!(trickle, other);
    assert_eq!(status, 200);
    // Served while the slow client still held its connection, not after it was cut.
    assert!(
        served < started + cut,
        "the other client waited for the cut"
    );
    assert!(
        cut >= Duration::from_millis(900) && cut < Duration::from_secs(3),
        "cut after {cut:?}"
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn an_idle_keep_alive_connection_outlives_the_header_timeout_then_is_closed() {
    let options = Options {
        header_timeout: Duration::from_millis(500),
        idle_timeout: Duration::from_millis(1500),
        ..Options::default()
    };
    let server = serve(options).await;
    let mut conn = TcpStream::connect(server.addr()).await.unwrap();
    assert_eq!(exchange(&mut conn, PATH).await.status, 200);
    // Idle for longer than headers may take: still open, as the header clock waits for a byte.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(exchange(&mut conn, PATH).await.status, 200);
    let idle = closed_after(&mut conn, Duration::from_secs(5)).await;
    assert!(
        idle >= Duration::from_millis(1300) && idle < Duration::from_secs(3),
        "closed after {idle:?} idle"
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn connections_past_the_cap_get_a_503_and_a_freed_place_is_served_again() {
    let options = Options {
        max_connections: 2,
        ..Options::default()
    };
    let server = serve(options).await;
    // Two keep-alive connections, each answered once so they surely hold their places.
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut conn = TcpStream::connect(server.addr()).await.unwrap();
        assert_eq!(exchange(&mut conn, PATH).await.status, 200);
        held.push(conn);
    }
    let mut over = TcpStream::connect(server.addr()).await.unwrap();
    let reply = exchange(&mut over, PATH).await;
    assert_eq!(reply.status, 503, "{}", reply.head);
    assert!(reply.head.contains("connection: close"), "{}", reply.head);
    assert!(
        reply
            .head
            .contains("x-amzn-errortype: serviceunavailableexception"),
        "{}",
        reply.head
    );
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let message = json["Message"].as_str().unwrap();
    assert!(message.contains("(--max-connections 2)"), "{message}");
    assert!(json["RequestID"].as_str().is_some_and(|id| !id.is_empty()));
    closed_after(&mut over, Duration::from_secs(2)).await;
    // A place freed is a place to serve again.
    drop(held.pop());
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let mut conn = TcpStream::connect(server.addr()).await.unwrap();
        let status = exchange(&mut conn, PATH).await.status;
        if status == 200 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still {status} after a place was freed"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.stop().await.unwrap();
}

#[test]
fn serve_max_connections_turns_the_next_one_away_and_warns_even_when_quiet() {
    let home = tempfile::tempdir().unwrap();
    let args = ["--demo", "--max-connections", "1", "--quiet"];
    let served = Served::start(home.path(), &args);
    // Holds the one place: connected, and within the header timeout, sending nothing.
    let _held = std::net::TcpStream::connect(served.url.trim_start_matches("http://")).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let started = std::time::Instant::now();
    let reply = loop {
        let reply = raw_get(&served.url, PATH);
        // The held connection may not have been accepted yet.
        if !reply.starts_with("HTTP/1.1 200") || started.elapsed() > Duration::from_secs(2) {
            break reply;
        }
    };
    assert!(reply.starts_with("HTTP/1.1 503"), "{reply}");
    assert!(reply.contains("--max-connections 1"), "{reply}");
    let (status, log) = served.interrupt();
    assert!(status.success());
    assert!(
        log.contains(
            "connection limit reached (--max-connections 1): turned away 1 new connection\n"
        ),
        "{log}"
    );
}

/// Connections turned away after the first are said when the warning's window ends, even if
/// no later one comes to carry them.
#[test]
fn serve_says_held_back_refusals_when_the_window_ends() {
    let home = tempfile::tempdir().unwrap();
    let args = ["--demo", "--max-connections", "1", "--quiet"];
    let served = Served::start(home.path(), &args);
    let _held = std::net::TcpStream::connect(served.url.trim_start_matches("http://")).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let mut refused = 0;
    let started = std::time::Instant::now();
    while refused < 3 && started.elapsed() < Duration::from_secs(3) {
        if raw_get(&served.url, PATH).starts_with("HTTP/1.1 503") {
            refused += 1;
        }
    }
    assert_eq!(refused, 3);
    // The window is 10 s from the first warning.
    std::thread::sleep(Duration::from_millis(10_500));
    let (_, log) = served.interrupt();
    assert!(log.contains("turned away 1 new connection\n"), "{log}");
    assert!(log.contains("turned away 2 new connections\n"), "{log}");
}
