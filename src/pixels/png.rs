//! The display list as PNG: its own SVG read by usvg with the bundled fonts alone, rasterised by
//! resvg, encoded without timestamps or other varying chunks (IHDR, IDAT and IEND only).

use std::sync::Arc;

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, ImageHrefResolver, ImageKind};

use super::fonts::{FAMILY, database};
use super::list::Canvas;
use super::svg::to_svg;

/// Larger pictures are refused rather than allocated: 64 megapixels, 256 MB of RGBA.
const MAX_PIXELS: u64 = 64 * 1024 * 1024;

/// The canvas as PNG bytes; `Err` in words when it cannot be drawn.
pub fn to_png(canvas: &Canvas) -> Result<Vec<u8>, String> {
    let (w, h) = canvas.pixel_size();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "{w}x{h} pixels is too large a picture: lower --scale"
        ));
    }
    let svg = to_svg(canvas);
    let options = usvg::Options {
        font_family: FAMILY.into(),
        fontdb: database(),
        // Only the data URIs pinview wrote itself are read; never a file or anything else.
        image_href_resolver: ImageHrefResolver {
            resolve_data: Box::new(|mime: &str, data: Arc<Vec<u8>>, _: &usvg::Options| {
                (mime == "image/png").then_some(ImageKind::PNG(data))
            }),
            resolve_string: Box::new(|_: &str, _: &usvg::Options| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg, &options)
        .map_err(|e| format!("the picture could not be read back: {e}"))?;
    let mut pixmap = Pixmap::new(w, h).ok_or_else(|| format!("cannot draw a {w}x{h} picture"))?;
    let size = tree.size();
    let transform = Transform::from_scale(w as f32 / size.width(), h as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    encode(pixmap.take_demultiplied(), w, h)
}

/// RGBA pixels as PNG: RGB when every pixel is opaque, as the screen's own fill makes them;
/// fast deflate, for a picture of mostly flat colour compresses well either way.
fn encode(rgba: Vec<u8>, w: u32, h: u32) -> Result<Vec<u8>, String> {
    let opaque = rgba.chunks_exact(4).all(|p| p[3] == 0xFF);
    let (pixels, colour) = if opaque {
        let rgb: Vec<u8> = rgba
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        (rgb, ExtendedColorType::Rgb8)
    } else {
        (rgba, ExtendedColorType::Rgba8)
    };
    let mut png = Vec::new();
    PngEncoder::new_with_quality(&mut png, CompressionType::Fast, FilterType::Adaptive)
        .write_image(&pixels, w, h, colour)
        .map_err(|e| format!("the PNG could not be encoded: {e}"))?;
    Ok(png)
}
