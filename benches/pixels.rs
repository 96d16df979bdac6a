//! The message in real pixels: the demo's full-screen message with its picture on a phone at
//! scale 2, as PNG (targets: under 30 ms) and as SVG (under 5 ms), and a modal without a
//! picture as SVG. Each run selects the campaign, lays it out, and encodes, as `render` does.
//! And the TUI's pixel preview for a 120x40 terminal with 10x20-pixel cells: drawn, encoded and
//! read back as the pane's picture (target: on screen within 100 ms of a selection change).

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use pinview::images::resolve::embedded_bytes;
use pinview::images::{Limits, Location, decode, resolve};
use pinview::model::Campaign;
use pinview::render::{PixelOptions, render_png, render_svg};
use pinview::rules::platform::Platform;
use pinview::source::{Source, Target};

fn demo(endpoint: &str, campaign: &str, platform: Platform) -> (Vec<Campaign>, PixelOptions) {
    let campaigns = Source::Demo
        .fetch_local(&Target::new("demo-app", endpoint))
        .expect("the demo");
    let now = pinview::cli::parse_now("2026-11-24T12:00:00Z").unwrap();
    let mut options = PixelOptions::new(platform, now);
    options.campaign = Some(campaign.to_string());
    for url in campaigns
        .iter()
        .flat_map(|c| c.cards())
        .filter_map(|c| c.image_url.clone())
    {
        if let Ok(Location::Embedded(name)) = resolve(&url, None) {
            let bytes = embedded_bytes(name).expect("a demo image");
            let image = decode(bytes, &Limits::default()).expect("it decodes");
            options.images.insert(url.to_string(), Ok(Arc::new(image)));
        }
    }
    (campaigns, options)
}

fn pixels(c: &mut Criterion) {
    let (campaigns, options) = demo("iphone-15", "premium-upgrade", Platform::Ios);
    let png = render_png(&campaigns, &options).expect("a PNG");
    assert!(png.starts_with(b"\x89PNG"));
    let svg = render_svg(&campaigns, &options).expect("an SVG");
    assert!(svg.contains("<image"), "the picture is drawn");
    c.bench_function("pixels_png_phone_full_screen_scale_2", |b| {
        b.iter(|| render_png(black_box(&campaigns), black_box(&options)))
    });
    c.bench_function("pixels_svg_phone_full_screen_scale_2", |b| {
        b.iter(|| render_svg(black_box(&campaigns), black_box(&options)))
    });
    let job = pinview::app::pixels::PixelJob {
        campaign: campaigns
            .iter()
            .find(|c| c.id() == "premium-upgrade")
            .expect("the campaign")
            .clone(),
        page: 0,
        platform: Platform::Ios,
        findings: Vec::new(),
        images: options
            .images
            .iter()
            .filter_map(|(url, image)| Some((url.clone(), Arc::clone(image.as_ref().ok()?))))
            .collect(),
        size: (48 * 10, 36 * 20),
    };
    let now = options.now.clone();
    c.bench_function("pixels_tui_preview_120x40", |b| {
        b.iter(|| pinview::effects::draw_pixels(black_box(&job), now.clone()).unwrap())
    });
    let (campaigns, options) = demo("android-pixel", "rate-us", Platform::Android);
    c.bench_function("pixels_svg_phone_modal_no_image", |b| {
        b.iter(|| render_svg(black_box(&campaigns), black_box(&options)))
    });
}

criterion_group!(benches, pixels);
criterion_main!(benches);
