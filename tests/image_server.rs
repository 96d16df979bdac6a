//! A small image server on 127.0.0.1 for the image tests: good PNG and JPEG, pages, oversize
//! and endless bodies, redirects and stalls, each path counted.

use std::collections::HashMap;
use std::io::Cursor;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::forge::png_claiming;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::Response;
use futures_util::StreamExt;
use futures_util::stream;
use image::{ImageFormat, Rgb, RgbImage};
use pinview::images::{Location, resolve};

/// The Content-Length `/big.png` claims.
const BIG: u64 = 12_400_000;

/// What the test server answers, and how often it was asked.
pub struct Site {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

struct Shared {
    png: Vec<u8>,
    jpeg: Vec<u8>,
    requests: AtomicUsize,
    by_path: Mutex<HashMap<String, usize>>,
}

impl Site {
    /// Serves on 127.0.0.1 from a task on the test's own runtime.
    pub async fn start() -> Site {
        let shared = Arc::new(Shared {
            png: ok_png(),
            jpeg: ok_jpeg(),
            requests: AtomicUsize::new(0),
            by_path: Mutex::default(),
        });
        let app = Router::new()
            .fallback(answer)
            .with_state(Arc::clone(&shared));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Site { addr, shared }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Where `path` on this server resolves to, as a campaign's ImageUrl.
    pub fn at(&self, path: &str) -> Location {
        let at = resolve(&self.url(path), None).unwrap();
        assert!(matches!(at, Location::Remote(_)), "{at:?}");
        at
    }

    /// The PNG `/ok.png` serves.
    pub fn png(&self) -> &[u8] {
        &self.shared.png
    }

    /// The JPEG `/ok.jpg` serves.
    pub fn jpeg(&self) -> &[u8] {
        &self.shared.jpeg
    }

    /// Requests the server received, all paths.
    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// Requests the server received for `path`.
    pub fn hits(&self, path: &str) -> usize {
        let by_path = self.shared.by_path.lock().unwrap();
        by_path.get(path).copied().unwrap_or(0)
    }
}

async fn answer(State(site): State<Arc<Shared>>, uri: Uri) -> Response {
    let path = uri.path().to_string();
    site.requests.fetch_add(1, Ordering::SeqCst);
    *site
        .by_path
        .lock()
        .unwrap()
        .entry(path.clone())
        .or_default() += 1;
    let png = || reply(StatusCode::OK, "image/png", site.png.clone());
    match path.as_str() {
        "/ok.png" => png(),
        "/ok.jpg" => reply(StatusCode::OK, "image/jpeg", site.jpeg.clone()),
        "/unlabelled.png" => Response::new(Body::from(site.png.clone())),
        "/slow.png" => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            png()
        }
        "/page.png" => reply(
            StatusCode::OK,
            "text/html; charset=utf-8",
            b"<!DOCTYPE html><html><body>Sign in</body></html>".to_vec(),
        ),
        "/fake.png" => reply(
            StatusCode::OK,
            "image/png",
            b"<!DOCTYPE html><html><body>Sign in</body></html>".to_vec(),
        ),
        "/big.png" => {
            // One chunk, then nothing: a client that waits for the whole body never finishes.
            let body = stream::iter([Ok::<_, std::io::Error>(Bytes::from(
                site.png[..64].to_vec(),
            ))])
            .chain(stream::pending());
            Response::builder()
                .header(header::CONTENT_TYPE, "image/png")
                .header(header::CONTENT_LENGTH, BIG)
                .body(Body::from_stream(body))
                .unwrap()
        }
        "/endless.png" => {
            // Chunked, no Content-Length: 6 MB, then nothing, so only a client that stops at
            // the cap gets an answer.
            let mut first = vec![0u8; 1_000_000];
            first[..8].copy_from_slice(&site.png[..8]);
            let chunks = std::iter::once(first)
                .chain(std::iter::repeat_n(vec![7u8; 1_000_000], 5))
                .map(|c| Ok::<_, std::io::Error>(Bytes::from(c)));
            let body = stream::iter(chunks).chain(stream::pending());
            Response::builder()
                .header(header::CONTENT_TYPE, "image/png")
                .body(Body::from_stream(body))
                .unwrap()
        }
        "/cut.png" => reply(
            StatusCode::OK,
            "image/png",
            site.png[..site.png.len() / 2].to_vec(),
        ),
        "/huge.png" => reply(StatusCode::OK, "image/png", png_claiming(20_000, 20_000)),
        "/to-ftp" => redirect("ftp://example.com/a.png"),
        "/to-javascript" => redirect("javascript:alert(1)"),
        "/to-ok" => redirect("/ok.png"),
        "/loop" => redirect("/loop"),
        _ => {
            // `/hop/N` redirects N times before reaching /ok.png.
            match path
                .strip_prefix("/hop/")
                .and_then(|n| n.parse::<u32>().ok())
            {
                Some(0) => redirect("/ok.png"),
                Some(n) => redirect(&format!("/hop/{}", n - 1)),
                None => reply(
                    StatusCode::NOT_FOUND,
                    "text/plain",
                    b"no such image".to_vec(),
                ),
            }
        }
    }
}

fn reply(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap()
}

fn redirect(to: &str) -> Response {
    Response::builder()
        .status(StatusCode::FOUND)
        .header(header::LOCATION, to)
        .body(Body::empty())
        .unwrap()
}

/// A 300x200 picture, not a flat colour, so its PNG is a realistic size.
pub fn picture(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        Rgb([
            (x * 255 / w) as u8,
            (y * 255 / h) as u8,
            ((x * y) % 251) as u8,
        ])
    })
}

pub fn ok_png() -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    picture(300, 200)
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

pub fn ok_jpeg() -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    picture(120, 80)
        .write_to(&mut out, ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}
