//! The display list as SVG text: one element per item, numbers rounded to hundredths, text
//! escaped, images embedded as PNG data URIs re-encoded at the size drawn, and what a system font
//! draws in a `tspan` naming its family and weight. Deterministic: the same canvas gives the same
//! bytes.

use std::fmt::Write;

use base64::Engine;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{ExtendedColorType, ImageEncoder, RgbaImage};

use super::fonts::FAMILY;
use super::list::{Anchor, Canvas, Item, Rect, SystemRun};
use crate::images::Loaded;
use crate::model::colour::Rgba;

/// The canvas as an SVG document, `scale` pixels per point.
pub fn to_svg(canvas: &Canvas) -> String {
    let mut out = String::with_capacity(4096);
    let (pw, ph) = canvas.pixel_size();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{pw}\" height=\"{ph}\" \
         viewBox=\"0 0 {} {}\" font-family=\"{FAMILY}, sans-serif\" xml:space=\"preserve\">\n",
        num(canvas.width),
        num(canvas.height),
    );
    for item in &canvas.items {
        write_item(&mut out, item, canvas.scale);
    }
    out.push_str("</svg>\n");
    out
}

fn write_item(out: &mut String, item: &Item, scale: f32) {
    match item {
        Item::Box {
            id,
            rect,
            radius,
            fill,
            stroke,
        } => {
            if !visible(rect) {
                return;
            }
            out.push_str("<rect");
            if let Some(id) = id {
                let _ = write!(out, " id=\"{}\"", escape(id));
            }
            write_rect(out, rect);
            if *radius > 0.0 {
                let _ = write!(out, " rx=\"{}\"", num(*radius));
            }
            paint(out, "fill", *fill);
            out.push_str("/>\n");
            // The border lies inside the box, as React Native draws it.
            if let Some((colour, width)) = stroke {
                let inner = rect.inset(width / 2.0);
                out.push_str("<rect");
                write_rect(out, &inner);
                if *radius > 0.0 {
                    let _ = write!(out, " rx=\"{}\"", num((radius - width / 2.0).max(0.0)));
                }
                out.push_str(" fill=\"none\"");
                paint(out, "stroke", *colour);
                let _ = writeln!(out, " stroke-width=\"{}\"/>", num(*width));
            }
        }
        Item::Text {
            class,
            x,
            y,
            anchor,
            size,
            weight,
            colour,
            text,
            fonts,
        } => {
            let _ = write!(
                out,
                "<text class=\"{class}\" x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"{weight}\"",
                num(*x),
                num(*y),
                num(*size)
            );
            match anchor {
                Anchor::Start => {}
                Anchor::Middle => out.push_str(" text-anchor=\"middle\""),
                Anchor::End => out.push_str(" text-anchor=\"end\""),
            }
            paint(out, "fill", *colour);
            out.push('>');
            write_text(out, text, fonts);
            out.push_str("</text>\n");
        }
        Item::Image { rect, image } => {
            if !visible(rect) {
                return;
            }
            let Some(png) = encode(image, rect, scale) else {
                return;
            };
            out.push_str("<image id=\"image\"");
            write_rect(out, rect);
            out.push_str(" preserveAspectRatio=\"none\" xlink:href=\"data:image/png;base64,");
            base64::engine::general_purpose::STANDARD.encode_string(png, out);
            out.push_str("\"/>\n");
        }
        Item::Cross {
            rect,
            colour,
            width,
        } => {
            let (l, t, r, b) = (
                num(rect.x),
                num(rect.y),
                num(rect.right()),
                num(rect.bottom()),
            );
            let _ = write!(
                out,
                "<path class=\"close\" d=\"M{l} {t}L{r} {b}M{r} {t}L{l} {b}\" fill=\"none\""
            );
            paint(out, "stroke", *colour);
            let _ = writeln!(
                out,
                " stroke-width=\"{}\" stroke-linecap=\"round\"/>",
                num(*width)
            );
        }
    }
}

/// The line's text, each stretch a system font draws in a `tspan` with that face's family and
/// weight: usvg then draws it with exactly the face it was measured with, and a browser with the
/// same fonts does too.
fn write_text(out: &mut String, text: &str, fonts: &[SystemRun]) {
    let mut at = 0;
    for run in fonts {
        let (Some(before), Some(inside)) = (text.get(at..run.from), text.get(run.from..run.to))
        else {
            continue;
        };
        out.push_str(&escape(before));
        let _ = write!(
            out,
            "<tspan font-family=\"'{}', sans-serif\" font-weight=\"{}\">{}</tspan>",
            escape(run.font.family()),
            run.font.weight(),
            escape(inside)
        );
        at = run.to;
    }
    out.push_str(&escape(text.get(at..).unwrap_or_default()));
}

fn visible(rect: &Rect) -> bool {
    rect.w > 0.0 && rect.h > 0.0 && rect.w.is_finite() && rect.h.is_finite()
}

fn write_rect(out: &mut String, rect: &Rect) {
    let _ = write!(
        out,
        " x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
        num(rect.x),
        num(rect.y),
        num(rect.w),
        num(rect.h)
    );
}

/// `fill="#RRGGBB"`, with its opacity when not opaque.
fn paint(out: &mut String, what: &str, colour: Rgba) {
    let _ = write!(
        out,
        " {what}=\"#{:02X}{:02X}{:02X}\"",
        colour.r, colour.g, colour.b
    );
    if colour.a != 0xFF {
        let opacity = (f32::from(colour.a) / 255.0 * 1000.0).round() / 1000.0;
        let _ = write!(out, " {what}-opacity=\"{opacity}\"");
    }
}

/// A number as SVG wants it: hundredths at most, no `-0`, nothing that is not a number.
pub fn num(value: f32) -> String {
    if !value.is_finite() {
        return "0".into();
    }
    let rounded = (value * 100.0).round() / 100.0;
    if rounded == 0.0 {
        "0".into()
    } else {
        format!("{rounded}")
    }
}

/// XML text: campaign text was cleaned of control characters before it got here; this is the
/// last guard.
pub use crate::text::xml::escape;

/// The image as PNG bytes at the pixels it covers (never larger than it is), so the document
/// stays small and its bytes depend on nothing but the image and the scale.
fn encode(image: &Loaded, rect: &Rect, scale: f32) -> Option<Vec<u8>> {
    let pixels = &image.pixels;
    let want_w = ((rect.w * scale).round() as u32).clamp(1, pixels.width().max(1));
    let want_h = ((rect.h * scale).round() as u32).clamp(1, pixels.height().max(1));
    let resized: RgbaImage;
    let drawn = if (want_w, want_h) == pixels.dimensions() {
        pixels
    } else {
        resized = image::imageops::resize(pixels, want_w, want_h, FilterType::Triangle);
        &resized
    };
    let mut png = Vec::new();
    let encoder =
        PngEncoder::new_with_quality(&mut png, CompressionType::Fast, PngFilter::Adaptive);
    encoder
        .write_image(
            drawn.as_raw(),
            drawn.width(),
            drawn.height(),
            ExtendedColorType::Rgba8,
        )
        .ok()?;
    Some(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_never_odd() {
        assert_eq!(num(16.0), "16");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f32::NAN), "0");
        assert_eq!(num(f32::INFINITY), "0");
    }

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(escape("x\u{1b}y\u{FFFF}"), "x\u{FFFD}y\u{FFFD}");
    }
}
