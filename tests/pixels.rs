//! The message in real pixels (`render --format png|svg`, `render_png`, `render_svg`): each
//! layout's parts sampled in the PNG where Amplify's measures put them, the SVG read back as
//! XML, byte-identical reruns, the command line, and checked-in snapshots of the demo.

use std::sync::Arc;

use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, ImageEncoder, RgbaImage};
use pinview::images::{Limits, Loaded, decode};
use pinview::model::Campaign;
use pinview::model::input::parse_campaigns;
use pinview::render::{Canvas, PixelOptions, render_pixels, render_png};
use pinview::rules::platform::Platform;

use crate::support::now;

mod cli;
mod fallback;
mod layouts;
mod snapshots;
mod svg;
mod web;

/// One campaign of `layout` with these cards (JSON objects).
fn campaign(layout: &str, cards: &[String]) -> Vec<Campaign> {
    let json = format!(
        r#"{{"InAppMessageCampaigns":[{{"CampaignId":"pixels","Priority":1,
        "Schedule":{{"EventFilter":{{"Dimensions":{{"EventType":{{"Values":["_session.start"]}}}}}}}},
        "InAppMessage":{{"Layout":"{layout}","Content":[{}]}}}}]}}"#,
        cards.join(",")
    );
    parse_campaigns(json.as_bytes()).expect("a test campaign")
}

/// A card in `background` with a header and body, a secondary "Later" button in `secondary`
/// and a primary "Open" one in `primary`; `extra` adds fields (`"ImageUrl":…,`).
fn card(background: &str, secondary: &str, primary: &str, extra: &str) -> String {
    format!(
        r##"{{{extra}"BackgroundColor":"{background}",
        "HeaderConfig":{{"Header":"Header","TextColor":"#FFFFFF"}},
        "BodyConfig":{{"Body":"Body text","TextColor":"#FFFFFF"}},
        "SecondaryBtn":{{"DefaultConfig":{{"Text":"Later","BackgroundColor":"{secondary}","ButtonAction":"CLOSE"}}}},
        "PrimaryBtn":{{"DefaultConfig":{{"Text":"Open","BackgroundColor":"{primary}","ButtonAction":"CLOSE"}}}}}}"##
    )
}

/// A solid `w`x`h` image in `colour`, loaded as pinview loads one.
fn solid_image(w: u32, h: u32, colour: [u8; 4]) -> Arc<Loaded> {
    let pixels = RgbaImage::from_pixel(w, h, image::Rgba(colour));
    let mut bytes = Vec::new();
    PngEncoder::new(&mut bytes)
        .write_image(pixels.as_raw(), w, h, ExtendedColorType::Rgba8)
        .unwrap();
    Arc::new(decode(&bytes, &Limits::default()).unwrap())
}

/// One `layout` card in `colours` (background, secondary, primary) with the image at `url`,
/// and options for `platform` at `scale` in which that URL loaded as `image`.
fn with_image(
    layout: &str,
    [background, secondary, primary]: [&str; 3],
    url: &str,
    image: Result<Arc<Loaded>, String>,
    (platform, scale): (Platform, f32),
) -> (Vec<Campaign>, PixelOptions) {
    let extra = format!(r#""ImageUrl":"{url}","#);
    let c = campaign(layout, &[card(background, secondary, primary, &extra)]);
    let mut o = options(platform, scale);
    o.images.insert(url.into(), image);
    (c, o)
}

/// A card whose buttons ask for square corners (`BorderRadius` 0).
fn square_card() -> String {
    card("#FFFFFF", "#000000", "#000000", "").replace(
        r#""ButtonAction":"CLOSE""#,
        r#""ButtonAction":"CLOSE","BorderRadius":0"#,
    )
}

/// Options for `platform` at `scale`, pinned clock, no panel.
fn options(platform: Platform, scale: f32) -> PixelOptions {
    let mut o = PixelOptions::new(platform, now());
    o.scale = scale;
    o
}

/// The display list and the PNG decoded.
fn draw(campaigns: &[Campaign], options: &PixelOptions) -> (Canvas, RgbaImage) {
    let canvas = render_pixels(campaigns, options).expect("a canvas");
    let png = render_png(campaigns, options).expect("a PNG");
    let image = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
        .expect("a PNG that decodes")
        .into_rgba8();
    assert_eq!(image.dimensions(), canvas.pixel_size());
    (canvas, image)
}

/// The colour at point (x, y), as `#RRGGBB`.
fn at(image: &RgbaImage, scale: f32, (x, y): (f32, f32)) -> String {
    let px = ((x * scale) as u32).min(image.width() - 1);
    let py = ((y * scale) as u32).min(image.height() - 1);
    let p = image.get_pixel(px, py).0;
    format!("#{:02X}{:02X}{:02X}", p[0], p[1], p[2])
}

/// A point inside `rect`, `dx` and `dy` points from its top left.
fn inside(rect: pinview::pixels::Rect, dx: f32, dy: f32) -> (f32, f32) {
    (rect.x + dx, rect.y + dy)
}

/// A rectangle's (x, y, w, h) to hundredths of a point, as the SVG writes them.
fn rounded(rect: pinview::pixels::Rect) -> (f32, f32, f32, f32) {
    let r = |v: f32| (v * 100.0).round() / 100.0;
    (r(rect.x), r(rect.y), r(rect.w), r(rect.h))
}
