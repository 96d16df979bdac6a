//! The bundled fonts (Inter, and Noto Emoji for what Inter lacks; both SIL OFL 1.1, licences in
//! `assets/fonts/`) and text measured with them through the same shaper usvg draws with, so a
//! wrapped line is as wide as drawn. No system font is ever read: the same input gives the same
//! pixels on every machine.

use std::sync::{Arc, OnceLock};

use harfrust::{FontRef, ShapeOptions, ShaperData, UnicodeBuffer};
use resvg::usvg::fontdb;
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

/// The family name the SVG asks for; viewers without Inter fall back to their sans-serif.
pub const FAMILY: &str = "Inter";

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
static SEMIBOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-SemiBold.otf");
/// Monochrome emoji and symbols (❄ ⭐ 🎉): usvg falls back to it for glyphs Inter lacks.
static EMOJI: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf");

/// One bundled face, parsed once.
struct Face {
    font: FontRef<'static>,
    shaping: ShaperData,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
}

impl Face {
    fn new(data: &'static [u8]) -> Option<Face> {
        let font = FontRef::new(data).ok()?;
        let metrics = skrifa::FontRef::new(data)
            .ok()?
            .metrics(Size::unscaled(), LocationRef::default());
        Some(Face {
            shaping: ShaperData::new(&font),
            font,
            units_per_em: f32::from(metrics.units_per_em.max(1)),
            ascent: metrics.ascent,
            descent: metrics.descent,
        })
    }
}

struct Faces {
    regular: Face,
    semibold: Face,
    emoji: Face,
}

fn faces() -> Option<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some(Faces {
                regular: Face::new(REGULAR)?,
                semibold: Face::new(SEMIBOLD)?,
                emoji: Face::new(EMOJI)?,
            })
        })
        .as_ref()
}

/// The face fontdb picks for a CSS weight: above 500 the heaviest bundled one, as CSS font
/// matching does when nothing heavier exists.
fn face(weight: u16) -> Option<&'static Face> {
    let faces = faces()?;
    Some(if weight > 500 {
        &faces.semibold
    } else {
        &faces.regular
    })
}

/// The font database usvg draws from: the bundled faces and nothing else.
pub fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(SEMIBOLD.to_vec());
        db.load_font_data(EMOJI.to_vec());
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// A run of text shaped at one size and weight: the advance of each cluster, by byte offset.
pub struct Shaped {
    /// (byte offset where the cluster starts, its advance in points), in text order.
    clusters: Vec<(usize, f32)>,
    /// Characters no bundled face has a glyph for.
    pub missing: Vec<char>,
}

impl Shaped {
    /// The width of `text[from..to]`, both at cluster boundaries.
    pub fn width(&self, from: usize, to: usize) -> f32 {
        self.clusters
            .iter()
            .filter(|(at, _)| *at >= from && *at < to)
            .map(|(_, advance)| advance)
            .sum()
    }

    /// Byte offsets where clusters start, in text order.
    pub fn starts(&self) -> impl Iterator<Item = (usize, f32)> + '_ {
        self.clusters.iter().copied()
    }
}

/// Shapes `text` as usvg will, with kerning and ligatures; a cluster the face has no glyph for
/// is shaped again with the emoji face, as usvg's fallback does.
pub fn shape(text: &str, size: f32, weight: u16) -> Shaped {
    let mut shaped = Shaped {
        clusters: Vec::new(),
        missing: Vec::new(),
    };
    let (Some(faces), Some(face)) = (faces(), face(weight)) else {
        return shaped;
    };
    let mut blank = Vec::new();
    for (at, advance, found) in shape_with(face, text, size) {
        shaped.clusters.push((at, advance));
        if !found {
            blank.push(shaped.clusters.len() - 1);
        }
    }
    for i in blank {
        let from = shaped.clusters[i].0;
        let to = shaped.clusters.get(i + 1).map_or(text.len(), |c| c.0);
        let Some(cluster) = text.get(from..to) else {
            continue;
        };
        let again = shape_with(&faces.emoji, cluster, size);
        if again.iter().all(|(_, _, found)| *found) {
            shaped.clusters[i].1 = again.iter().map(|(_, advance, _)| advance).sum();
        } else if let Some(c) = cluster.chars().next().filter(|c| !c.is_whitespace())
            && !shaped.missing.contains(&c)
        {
            shaped.missing.push(c);
        }
    }
    shaped
}

/// (byte offset, advance in points, whether every glyph was found) per cluster, in text order.
fn shape_with(face: &Face, text: &str, size: f32) -> Vec<(usize, f32, bool)> {
    let shaper = face.shaping.shaper(&face.font).build();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let output = shaper.shape(buffer, ShapeOptions::new());
    let to_points = size / face.units_per_em;
    let mut clusters: Vec<(usize, f32, bool)> = Vec::new();
    for (info, pos) in output.glyph_infos().iter().zip(output.glyph_positions()) {
        let at = info.cluster as usize;
        let advance = pos.x_advance as f32 * to_points;
        let found = info.glyph_id != 0;
        // A cluster's glyphs come together.
        match clusters.last_mut().filter(|(start, _, _)| *start == at) {
            Some((_, sum, all)) => {
                *sum += advance;
                *all &= found;
            }
            None => clusters.push((at, advance, found)),
        }
    }
    // Right-to-left runs come out in visual order; widths are looked up by offset.
    clusters.sort_by_key(|(at, _, _)| *at);
    clusters
}

/// The width of `text` in points.
pub fn measure(text: &str, size: f32, weight: u16) -> f32 {
    shape(text, size, weight).width(0, text.len())
}

/// Where the baseline sits below the top of a line box `line_height` tall, as CSS and React
/// Native place it: the leading split evenly above and below the font's ascent and descent.
pub fn baseline(size: f32, line_height: f32, weight: u16) -> f32 {
    let Some(face) = face(weight) else {
        return line_height * 0.8;
    };
    let ascent = face.ascent / face.units_per_em * size;
    let descent = -face.descent / face.units_per_em * size;
    (line_height - (ascent + descent)) / 2.0 + ascent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_faces_load_and_measure() {
        let narrow = measure("iiii", 16.0, 400);
        let wide = measure("MMMM", 16.0, 400);
        assert!(narrow > 0.0 && wide > narrow * 2.0, "{narrow} {wide}");
        assert!(measure("Sale", 18.0, 600) > measure("Sale", 18.0, 400));
        assert_eq!(database().len(), 3);
    }

    #[test]
    fn glyphs_no_face_has_are_reported() {
        assert!(shape("Hello, world", 16.0, 400).missing.is_empty());
        // Inter has no snowflake; the emoji face has, and gives it its width.
        let snow = shape("a❄b", 16.0, 400);
        assert!(snow.missing.is_empty());
        assert!(snow.width(1, 4) > 8.0, "{}", snow.width(1, 4));
        let missing = shape("a\u{10FFFD}b", 16.0, 400).missing;
        assert_eq!(missing, ['\u{10FFFD}']);
    }

    #[test]
    fn the_baseline_sits_inside_the_line() {
        let b = baseline(16.0, 24.0, 400);
        assert!(b > 12.0 && b < 24.0, "{b}");
    }
}
