//! The display list as PNG: its own SVG read by usvg with the bundled fonts (and the system faces
//! its `tspan`s name, if any), rasterised by resvg, encoded without timestamps or other varying
//! chunks (IHDR, IDAT and IEND only).

use std::sync::Arc;

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, FontResolver, ImageHrefResolver, ImageKind};

use super::fallback::{self, SystemFont};
use super::fonts::{FAMILY, database};
use super::list::{Canvas, Item};
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
    let tree = tree(canvas)?;
    let mut pixmap = Pixmap::new(w, h).ok_or_else(|| format!("cannot draw a {w}x{h} picture"))?;
    let size = tree.size();
    let transform = Transform::from_scale(w as f32 / size.width(), h as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    encode(pixmap.take_demultiplied(), w, h)
}

/// The canvas's SVG as usvg reads it, with the fonts its text asks for.
fn tree(canvas: &Canvas) -> Result<usvg::Tree, String> {
    let system: Vec<SystemFont> = canvas
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text { fonts, .. } => Some(fonts.iter().map(|run| run.font)),
            _ => None,
        })
        .flatten()
        .collect();
    // Latin-only pictures get the bundled database itself: no copy, no system face.
    let fontdb = if system.is_empty() {
        database()
    } else {
        fallback::database(&system)
    };
    let options = usvg::Options {
        font_family: FAMILY.into(),
        fontdb,
        font_resolver: bundled_fallback(),
        // Only the data URIs pinview wrote itself are read; never a file or anything else.
        image_href_resolver: ImageHrefResolver {
            resolve_data: Box::new(|mime: &str, data: Arc<Vec<u8>>, _: &usvg::Options| {
                (mime == "image/png").then_some(ImageKind::PNG(data))
            }),
            resolve_string: Box::new(|_: &str, _: &usvg::Options| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(&to_svg(canvas), &options)
        .map_err(|e| format!("the picture could not be read back: {e}"))
}

/// usvg's own fallback, among the bundled faces only, with one change. Its default would try
/// system faces too, and one with every character of a line (DejaVu has Latin) would take the
/// whole line from Inter: the stretches a system face draws are named in the SVG instead. And
/// where no bundled face has a character, usvg's default gives up on the line, leaving an emoji
/// later in it blank though measured; here the unused bundled faces are offered in turn, so each
/// still fills in the characters it has.
fn bundled_fallback() -> FontResolver<'static> {
    let bundled: Vec<fontdb::ID> = database().faces().map(|f| f.id).collect();
    FontResolver {
        select_font: FontResolver::default_font_selector(),
        select_fallback: Box::new(move |c, used, db| {
            let base = db.face(*used.first()?)?;
            let unused: Vec<fontdb::ID> = db
                .faces()
                .filter(|f| bundled.contains(&f.id) && !used.contains(&f.id))
                // As usvg's default: a face differing in style, weight and stretch is skipped.
                .filter(|f| {
                    f.style == base.style || f.weight == base.weight || f.stretch == base.stretch
                })
                .map(|f| f.id)
                .collect();
            let has = |id: fontdb::ID| {
                db.with_face_data(id, |data, index| {
                    let font = skrifa::FontRef::from_index(data, index).ok()?;
                    skrifa::MetadataProvider::charmap(&font).map(c)
                })
                .flatten()
                .is_some()
            };
            unused
                .iter()
                .copied()
                .find(|id| has(*id))
                .or(unused.first().copied())
        }),
    }
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

#[cfg(test)]
mod tests {
    use super::super::fonts::shape;
    use super::super::list::{Anchor, Rect};
    use super::*;
    use crate::model::colour::Rgba;

    /// `text` as one line drawn through usvg: its laid-out width, and for each glyph its text,
    /// the family and weight of the face usvg drew it with, and whether it is a real glyph.
    fn drawn(text: &str, weight: u16) -> (f32, Vec<(String, String, u16, bool)>) {
        let shaped = shape(text, 16.0, weight, true);
        let mut canvas = Canvas::new(600.0, 60.0, 1.0);
        canvas.fill(
            None,
            Rect::new(0.0, 0.0, 600.0, 60.0),
            Rgba::opaque(255, 255, 255),
        );
        canvas.items.push(Item::Text {
            class: "body",
            x: 10.0,
            y: 40.0,
            anchor: Anchor::Start,
            size: 16.0,
            weight,
            colour: Rgba::opaque(0, 0, 0),
            text: text.into(),
            fonts: shaped.runs.clone(),
        });
        let tree = tree(&canvas).expect("a tree");
        let mut found = None;
        for node in tree.root().children() {
            if let usvg::Node::Text(t) = node {
                found = Some(t);
            }
        }
        let text_node = found.expect("the line");
        let glyphs = text_node
            .layouted()
            .iter()
            .flat_map(|span| &span.positioned_glyphs)
            .map(|g| {
                let face = tree.fontdb().face(g.font);
                let family = face.map(|f| f.families[0].0.clone()).unwrap_or_default();
                let weight = face.map_or(0, |f| f.weight.0);
                (g.text.clone(), family, weight, g.id.0 != 0)
            })
            .collect();
        let measured = shaped.width(0, text.len());
        assert!(
            (text_node.bounding_box().width() - measured).abs() < 0.01,
            "{text:?} at {weight}: drawn {} wide, measured {measured}",
            text_node.bounding_box().width()
        );
        (measured, glyphs)
    }

    #[test]
    fn system_text_is_drawn_with_the_face_it_was_measured_with() {
        let Some(font) = fallback::choose("გ", 400) else {
            eprintln!("skipped: no system font has Georgian (DejaVu Sans does)");
            return;
        };
        let lines = [
            "Hello გამარჯობა, world",
            "გამარჯობა ❄ fine",
            "مرحبا بالعالم and שלום",
            "Բարև ffi",
        ];
        for weight in [400, 600] {
            for line in lines {
                let (_, glyphs) = drawn(line, weight);
                for (text, family, _, real) in &glyphs {
                    let c = text.chars().next().unwrap_or(' ');
                    let want = if c.is_ascii() || c == '❄' {
                        if c == '❄' { "Noto Emoji" } else { FAMILY }
                    } else {
                        font.family()
                    };
                    assert!(*real, "{line:?}: {text:?} drawn as a box");
                    assert_eq!(family, want, "{line:?}: {text:?}");
                }
            }
        }
    }

    #[test]
    fn each_weight_is_drawn_with_the_inter_face_it_was_measured_with() {
        // The web's buttons (700) and headers (800) among them; a face of each weight of its own.
        let line = "Webinar: Sign up — 40% off ❄ “naïve” ffi";
        let mut widths = Vec::new();
        for (asked, face) in [(400, 400), (500, 400), (600, 600), (700, 700), (800, 800)] {
            let (width, glyphs) = drawn(line, asked);
            for (text, family, weight, real) in &glyphs {
                assert!(*real, "{text:?} at {asked} drawn as a box");
                if family == FAMILY {
                    assert_eq!(*weight, face, "{text:?} at {asked}");
                } else {
                    assert_eq!((text.as_str(), family.as_str()), ("❄", "Noto Emoji"));
                }
            }
            widths.push(width);
        }
        assert!(widths[2] < widths[3] && widths[3] < widths[4], "{widths:?}");
    }
}
