//! Raw HTTP/1 requests as a scanner or a broken client sends them, and the one response read
//! back: traversal in every spelling, odd methods, versions and headers, NUL bytes, unicode and
//! very long lines.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// One request, kept in parts so a failure shows which part did it.
#[derive(Clone)]
pub struct Request {
    pub method: String,
    pub target: Vec<u8>,
    pub version: String,
    pub headers: Vec<Vec<u8>>,
    pub body: Vec<u8>,
}

/// Bytes as a byte string, cut short when long.
fn shown(bytes: &[u8]) -> String {
    let cut = &bytes[..bytes.len().min(300)];
    let more = bytes.len() - cut.len();
    let tail = if more > 0 {
        format!("… ({more} more bytes)")
    } else {
        String::new()
    };
    format!("b\"{}\"{tail}", cut.escape_ascii())
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<String> = self.headers.iter().map(|h| shown(h)).collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("target", &format_args!("{}", shown(&self.target)))
            .field("version", &self.version)
            .field("headers", &headers)
            .field("body", &format_args!("{}", shown(&self.body)))
            .finish()
    }
}

impl Request {
    /// The bytes on the wire; the head always ends, so the server never waits for more.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(self.method.as_bytes());
        out.push(b' ');
        out.extend_from_slice(&self.target);
        out.push(b' ');
        out.extend_from_slice(self.version.as_bytes());
        out.extend_from_slice(b"\r\n");
        for header in &self.headers {
            out.extend_from_slice(header);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&self.body);
        out
    }
}

/// Path segments that try to leave the served folder or confuse the router, spelled as a URI
/// may carry them.
const SEGMENTS: &[&str] = &[
    "..",
    "%2e%2e",
    "%2E%2e",
    ".%2e",
    "%2e.",
    "...",
    ".",
    "%2f",
    "%2F",
    "%5c",
    "..%5c",
    "..%2f",
    "%2e%2e%2f",
    "%252e%252e",
    "....//",
    "%00",
    "%",
    "%zz",
    "%ff%fe",
    "",
    "secret.json",
    "secret.png",
    "secret",
    "served",
    "app-one",
    "phone",
    "broken",
    "pic.png",
    ".hidden",
    "demo-app",
    "android-pixel",
    "endpoints",
    "inappmessages",
    "images",
    "files",
    "v1",
    "apps",
    "winter-sale.png",
    "%C3%A9",
    "%F0%9F%8E%89",
    "%E2%80%AE",
    "%0d%0a",
    "%20",
    ";",
    "?x=1",
    "#frag",
    "~",
    "C:",
    "etc",
    "passwd",
];

/// Segments no URI may hold as they are: hyper should refuse them before any route sees them.
const RAW_SEGMENTS: &[&str] = &[
    "\\", "..\\", "\0", " ", "é", "日本", "🎉", "\u{202E}", "\r", "\n",
];

const PREFIXES: &[&str] = &[
    "/v1/apps/",
    "/v1/apps/app-one/endpoints/",
    "/images/",
    "/files/",
    "/files/app-one/",
    "/",
    "//",
    "http://127.0.0.1:1/",
];

/// Starts no origin-form target has.
const RAW_PREFIXES: &[&str] = &["", "*", "?", "#"];

/// Targets the server does serve, some in other spellings of the same path.
const SERVED: &[&str] = &[
    "/v1/apps/app-one/endpoints/phone/inappmessages",
    "/v1/apps/app-one/endpoints/phone/inappmessages?x=1",
    "/v1/apps/app%2Done/endpoints/ph%6Fne/inappmessages",
    "/v1/apps/app-one/endpoints/broken/inappmessages",
    "/v1/apps/app-one/endpoints/nobody/inappmessages",
    "/v1/apps/app-one/endpoints/secret/inappmessages",
    "/files/app-one/pic.png",
    "/files/app-one/../app-one/pic.png",
    "/files/app-one/%70ic.png",
    "/images/winter-sale.png",
    "/images/gift-1.png",
    // One step from the secret beside the folder, in the spellings traversal takes.
    "/v1/apps/%2e%2e/endpoints/secret/inappmessages",
    "/v1/apps/..%2f/endpoints/secret/inappmessages",
    "/v1/apps/app-one/endpoints/..%2f..%2fsecret/inappmessages",
    "/v1/apps/app-one/endpoints/%2e%2e%5c%2e%2e%5csecret/inappmessages",
    "/v1/apps/.hidden/endpoints/secret/inappmessages",
    "/files/..%2fsecret.png",
    "/files/app-one/..%2f..%2fsecret.png",
    "/files/%2e%2e/secret.png",
    "/images/..%2fsecret.png",
];

const SUFFIXES: &[&str] = &[
    "",
    "",
    "/inappmessages",
    "/endpoints/phone/inappmessages",
    "/",
];

/// A request target built from traversal pieces, absolute paths into `outside` (where the
/// secret lives), or very long paths; `raw` adds bytes a URI may not hold.
fn target(outside: String, raw: bool) -> impl Strategy<Value = Vec<u8>> {
    let joiner = prop_oneof![6 => Just("/"), 1 => Just("//"), 1 => Just("")];
    let segment = if raw {
        prop_oneof![3 => select(SEGMENTS), 1 => select(RAW_SEGMENTS)].boxed()
    } else {
        select(SEGMENTS).boxed()
    };
    let prefix = if raw {
        prop_oneof![3 => select(PREFIXES), 1 => select(RAW_PREFIXES)].boxed()
    } else {
        select(PREFIXES).boxed()
    };
    let built = (prefix, vec((segment, joiner), 0..8), select(SUFFIXES)).prop_map(
        |(prefix, parts, suffix)| {
            let mut path = prefix.to_string();
            for (segment, joiner) in parts {
                path.push_str(segment);
                path.push_str(joiner);
            }
            path.push_str(suffix);
            path.into_bytes()
        },
    );
    let absolute = (select(PREFIXES), select(&["secret.json", "secret.png"][..]))
        .prop_map(move |(prefix, file)| format!("{prefix}{outside}/{file}").into_bytes());
    let long = prop_oneof![
        (1usize..3000).prop_map(|n| format!("/files/{}secret.png", "../".repeat(n))),
        (1usize..80_000)
            .prop_map(|n| format!("/v1/apps/{}/endpoints/x/inappmessages", "a".repeat(n))),
    ]
    .prop_map(String::into_bytes);
    let served = select(SERVED).prop_map(|t| t.as_bytes().to_vec());
    let bytes = vec(any::<u8>(), 0..40);
    prop_oneof![
        3 => served,
        8 => built,
        2 => absolute,
        1 => long,
        usize::from(raw) as u32 => bytes,
    ]
}

fn method(raw: bool) -> impl Strategy<Value = String> {
    let valid = select(
        &[
            "GET", "GET", "GET", "GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS",
            "PATCH", "TRACE", "get",
        ][..],
    );
    let odd = select(&["CONNECT", "PRI", "G\0T", "", "GET /"][..]);
    let token = "[A-Z~!#$%&'*+.^_|-]{1,12}";
    if raw {
        prop_oneof![4 => valid, 2 => odd]
            .prop_map(str::to_string)
            .boxed()
    } else {
        prop_oneof![6 => valid.prop_map(str::to_string), 1 => token.boxed()].boxed()
    }
}

fn version(raw: bool) -> impl Strategy<Value = String> {
    let valid = select(&["HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0"][..]);
    let odd = select(
        &[
            "HTTP/2.0",
            "HTTP/0.9",
            "HTTP/1.12",
            "http/1.1",
            "HTTP/1.1 x",
            "",
        ][..],
    );
    let any = if raw {
        prop_oneof![1 => valid, 1 => odd].boxed()
    } else {
        valid.boxed()
    };
    any.prop_map(str::to_string)
}

/// Headers as HTTP allows them, with hosts, lengths and encodings that may still be refused.
fn header() -> impl Strategy<Value = Vec<u8>> {
    let known = select(&[
        "Host: 127.0.0.1",
        "Host: evil.example:80",
        "Host: [::1]:9",
        "Host: a b",
        "Host:",
        "Content-Length: 0",
        "Content-Length: 5",
        "Transfer-Encoding: chunked",
        "Connection: close",
        "Connection: keep-alive, Upgrade",
        "Upgrade: h2c",
        "Expect: 100-continue",
        "X-Forwarded-Host: evil.example",
        "Authorization: AWS4-HMAC-SHA256 Credential=test/20261124/us-east-1/mobiletargeting/aws4_request",
    ][..])
    .prop_map(|h| h.as_bytes().to_vec());
    let name = "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}";
    let value = vec(prop_oneof![8 => 0x20u8..0x7f, 1 => 0x80u8..=0xff], 0..40);
    let any_header = (name, value).prop_map(|(name, value)| {
        let mut out = name.into_bytes();
        out.extend_from_slice(b": ");
        out.extend(value);
        out
    });
    prop_oneof![6 => known, 4 => any_header]
}

/// Lines no HTTP/1 parser should take: NUL, DEL, lone CR or LF, no colon, folding, too long.
fn broken_header() -> impl Strategy<Value = Vec<u8>> {
    let known = select(
        &[
            "Garbage-without-colon",
            " folded: continuation",
            ": no name",
        ][..],
    )
    .prop_map(|h| h.as_bytes().to_vec());
    let value = vec(
        prop_oneof![4 => 0x20u8..0x7f, 2 => any::<u8>(), 1 => select(&[0u8, b'\r', b'\n', 0x7f][..])],
        0..40,
    );
    let bad_value = value.prop_map(|v| [b"X-Bad: ".to_vec(), v].concat());
    let huge = (1usize..500_000).prop_map(|n| format!("X-Long: {}", "a".repeat(n)).into_bytes());
    prop_oneof![2 => known, 3 => bad_value, 1 => huge]
}

/// Any request, with absolute paths pointing into `outside`: mostly well-formed HTTP that tries
/// its luck with the routes, and a quarter that HTTP itself should refuse.
pub fn request(outside: String) -> impl Strategy<Value = Request> {
    let preface = Request {
        method: "PRI".into(),
        target: b"*".to_vec(),
        version: "HTTP/2.0".into(),
        headers: Vec::new(),
        body: b"SM\r\n\r\n".to_vec(),
    };
    let any = prop_oneof![3 => Just(false), 1 => Just(true)].prop_flat_map(move |raw| {
        let headers = if raw {
            vec(prop_oneof![2 => header(), 1 => broken_header()], 0..6).boxed()
        } else {
            vec(header(), 0..5).boxed()
        };
        let body = prop_oneof![4 => Just(Vec::new()), 1 => vec(any::<u8>(), 0..16)];
        (
            method(raw),
            target(outside.clone(), raw),
            version(raw),
            headers,
            body,
        )
            .prop_map(|(method, target, version, headers, body)| Request {
                method,
                target,
                version,
                headers,
                body,
            })
    });
    prop_oneof![40 => any, 1 => Just(preface)]
}

/// HTTP/2's connection preface, which hyper answers by closing the connection.
pub const H2_PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// One response as read back.
#[derive(Debug)]
pub enum Reply {
    Response {
        status: u16,
        /// Names lower-cased.
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        raw: Vec<u8>,
    },
    /// The server closed the connection without a byte (or reset it).
    Closed,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        match self {
            Reply::Response { headers, .. } => headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str()),
            Reply::Closed => None,
        }
    }
}

/// Sends `bytes` on a new connection and reads one response: its head, then as many body bytes
/// as it says (none for HEAD). Fails when the server neither answers nor closes within `wait`.
pub fn exchange(
    addr: SocketAddr,
    bytes: &[u8],
    head: bool,
    wait: Duration,
) -> Result<Reply, String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("connect: {e}"))?;
    stream.set_read_timeout(Some(wait)).unwrap();
    stream.set_write_timeout(Some(wait)).unwrap();
    // The server may answer (and close) before a huge request is all written.
    let _ = stream.write_all(bytes);
    let mut raw = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(reply) = parse(&raw, head) {
            return Ok(reply);
        }
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(format!("no complete response within {wait:?}: {raw:?}"));
            }
            Err(_) => break,
        }
    }
    match parse(&raw, head) {
        Some(reply) => Ok(reply),
        None if raw.is_empty() => Ok(Reply::Closed),
        None => Err(format!(
            "a cut-off response: {:?}",
            String::from_utf8_lossy(&raw)
        )),
    }
}

/// A complete response at the start of `raw`, if there is one yet.
fn parse(raw: &[u8], head_request: bool) -> Option<Reply> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let length = if head_request { 0 } else { length };
    let start = end + 4;
    (raw.len() >= start + length).then(|| Reply::Response {
        status,
        headers,
        body: raw[start..start + length].to_vec(),
        raw: raw[..start + length].to_vec(),
    })
}
