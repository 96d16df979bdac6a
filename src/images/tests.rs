//! Unit tests of the images room: resolving, decoding within limits, caches and frames.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use image::{ImageFormat, RgbaImage};

use super::*;
use crate::images::board::{Entry, Mode};
use crate::text::size_words;

/// A PNG of `w`x`h` pixels in one colour.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    encode(w, h, ImageFormat::Png)
}

pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(w, h, image::Rgb([9, 80, 200])))
        .write_to(&mut out, ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

fn encode(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    RgbaImage::from_pixel(w, h, image::Rgba([200, 30, 40, 255]))
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

#[path = "../../tests/forge.rs"]
mod forge;
use forge::png_claiming;

/// A JPEG whose frame header claims `w`x`h`.
fn jpeg_claiming(w: u16, h: u16) -> Vec<u8> {
    let mut bytes = jpeg(8, 8);
    let sof = bytes
        .windows(2)
        .position(|m| m == [0xFF, 0xC0])
        .expect("a baseline JPEG has SOF0");
    bytes[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    bytes
}

#[test]
fn absolute_urls_resolve_to_the_network() {
    let at = resolve("https://cdn.example.com/a.png", None).unwrap();
    assert!(matches!(at, Location::Remote(_)));
    assert_eq!(at.key(), "https://cdn.example.com/a.png");
    assert!(matches!(
        resolve(" http://x/y.jpg ", None).unwrap(),
        Location::Remote(_)
    ));
}

#[test]
fn file_urls_and_relative_paths_resolve_to_files() {
    assert_eq!(
        resolve("file:///tmp/a%20b.png", None).unwrap(),
        Location::File("/tmp/a b.png".into())
    );
    let base = Path::new("/saved/demo-app");
    assert_eq!(
        resolve("images/a.png", Some(base)).unwrap(),
        Location::File("/saved/demo-app/images/a.png".into())
    );
    assert_eq!(
        resolve("/abs/a.png", None).unwrap(),
        Location::File("/abs/a.png".into())
    );
    assert_eq!(resolve("images/a.png", None), Err(ImageError::NoBase));
}

#[test]
fn demo_urls_resolve_to_embedded_pictures() {
    let at = resolve("https://demo.pinview.invalid/images/winter-sale.png", None).unwrap();
    assert_eq!(at, Location::Embedded("winter-sale.png"));
    assert_eq!(
        at.to_string(),
        "https://demo.pinview.invalid/images/winter-sale.png"
    );
    assert!(resolve::embedded_bytes("winter-sale.png").is_some());
    let missing = resolve("https://demo.pinview.invalid/images/nope.png", None).unwrap_err();
    assert!(missing.to_string().contains("not one of the demo's images"));
}

#[test]
fn other_schemes_are_refused_in_words() {
    for (url, scheme) in [
        ("javascript:alert(1)", "javascript:"),
        ("ftp://example.com/a.png", "ftp:"),
        ("data:image/png;base64,AAAA", "data:"),
    ] {
        let e = resolve(url, None).unwrap_err();
        assert_eq!(e, ImageError::Scheme(scheme.into()));
        assert!(e.to_string().contains("only http, https and file"), "{e}");
    }
    assert!(matches!(resolve("", None), Err(ImageError::BadUrl(_))));
    assert!(matches!(
        resolve("http://[::1", None),
        Err(ImageError::BadUrl(_))
    ));
}

#[test]
fn decodes_png_and_jpeg_with_their_facts() {
    let limits = Limits::default();
    let p = decode(&png(300, 200), &limits).unwrap();
    assert_eq!(
        (p.info.width, p.info.height, p.info.format),
        (300, 200, Format::Png)
    );
    assert_eq!(p.info.bytes, png(300, 200).len() as u64);
    assert_eq!(p.pixels.dimensions(), (300, 200));
    let j = decode(&jpeg(120, 80), &limits).unwrap();
    assert_eq!((j.info.width, j.info.format), (120, Format::Jpeg));
}

#[test]
fn large_images_are_kept_shrunk_but_reported_at_full_size() {
    let loaded = decode(&png(3000, 1500), &Limits::default()).unwrap();
    assert_eq!((loaded.info.width, loaded.info.height), (3000, 1500));
    assert_eq!(loaded.pixels.dimensions(), (1024, 512));
}

#[test]
fn only_png_and_jpeg_decode() {
    let limits = Limits::default();
    let html = b"<!DOCTYPE html><html><body>404</body></html>";
    assert_eq!(
        decode(html, &limits).unwrap_err().to_string(),
        "not an image: an HTML page"
    );
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
    assert!(
        decode(gif, &limits)
            .unwrap_err()
            .to_string()
            .contains("gif is not PNG or JPEG")
    );
    assert!(matches!(
        decode(b"hello", &limits),
        Err(ImageError::NotAnImage(_))
    ));
}

#[test]
fn hostile_images_end_in_words_not_memory() {
    let limits = Limits::default();
    assert_eq!(
        decode(&png_claiming(20000, 20000), &limits)
            .unwrap_err()
            .to_string(),
        "image too large: 20000x20000 pixels > 4096x4096"
    );
    assert!(matches!(
        decode(&jpeg_claiming(65000, 65000), &limits),
        Err(ImageError::Pixels { width: 65000, .. })
    ));
    let whole = png(300, 200);
    let cut = decode(&whole[..whole.len() / 2], &limits).unwrap_err();
    assert!(matches!(cut, ImageError::Broken(_)), "{cut}");
    // Within the side limit, but over the memory limit.
    let tight = Limits {
        max_alloc: 1000,
        ..limits
    };
    assert!(matches!(
        decode(&png(300, 200), &tight),
        Err(ImageError::Broken(_))
    ));
}

#[test]
fn the_size_cap_is_in_megabytes_as_people_read_them() {
    let limits = Limits {
        max_bytes: 1000,
        ..Limits::default()
    };
    let e = decode(&png(300, 200), &limits).unwrap_err();
    assert!(e.to_string().starts_with("image too large: "), "{e}");
    assert_eq!(
        ImageError::TooLarge {
            bytes: Some(12_400_000),
            max: 5_000_000
        }
        .to_string(),
        "image too large: 12.4 MB > 5 MB"
    );
    assert_eq!(size_words(48_213), "48.2 KB");
    assert_eq!(size_words(999), "999 B");
}

fn loaded(w: u32, h: u32) -> Arc<Loaded> {
    Arc::new(decode(&png(w, h), &Limits::default()).unwrap())
}

#[test]
fn the_board_loads_each_image_once_and_remembers_failures() {
    let mut board = Board::new(Mode::Pixels, ratatui_image::FontSize::new(10, 20));
    assert!(board.request("a"));
    assert!(!board.request("a"));
    assert!(board.busy());
    board.finish("a", Ok(loaded(10, 10)));
    board.finish("b", Err("timed out".into()));
    assert!(!board.busy());
    assert!(!board.request("b"));
    assert!(matches!(board.entry("b"), Some(Entry::Failed(w)) if w == "timed out"));
    board.forget_failures();
    assert!(board.request("b"));
    assert!(matches!(board.entry("a"), Some(Entry::Ready(_))));
}

#[test]
fn the_board_keeps_its_pixels_within_budget() {
    let mut board = Board::new(Mode::Pixels, ratatui_image::FontSize::new(10, 20));
    // Each 1024x1024 RGBA image is 4 MiB; the budget is 64 MiB.
    let big = loaded(1024, 1024);
    for i in 0..20 {
        board.finish(&format!("img-{i}"), Ok(Arc::clone(&big)));
    }
    let kept = (0..20)
        .filter(|i| board.entry(&format!("img-{i}")).is_some())
        .count();
    assert_eq!(kept, 16);
    // The oldest went first.
    assert!(board.entry("img-0").is_none());
    assert!(board.entry("img-19").is_some());
}
