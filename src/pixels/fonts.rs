//! The bundled fonts (Inter, and Noto Emoji for what Inter lacks; both SIL OFL 1.1, licences in
//! `assets/fonts/`) and text measured with them through the same shaper usvg draws with, so a
//! wrapped line is as wide as drawn. What no bundled face has goes to a system font when the
//! caller allows it (`fallback`), measured with the very face usvg is then given.

use std::sync::{Arc, OnceLock};

use harfrust::{FontRef, ShapeOptions, ShaperData, UnicodeBuffer};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use super::fallback::{self, SystemFont};
use super::list::SystemRun;

/// The family name the SVG asks for; viewers without Inter fall back to their sans-serif.
pub const FAMILY: &str = "Inter";
/// The bundled families, which no system face may stand in for.
pub const BUNDLED_FAMILIES: [&str; 2] = [FAMILY, "Noto Emoji"];

/// Inter's static faces by CSS weight, the weight each one's OS/2 table gives fontdb: the
/// weights Amplify asks for (400 body, 600 React Native titles, 700 web buttons, 800 web headers).
static INTER: [(u16, &[u8]); 4] = [
    (400, include_bytes!("../../assets/fonts/Inter-Regular.otf")),
    (600, include_bytes!("../../assets/fonts/Inter-SemiBold.otf")),
    (700, include_bytes!("../../assets/fonts/Inter-Bold.otf")),
    (
        800,
        include_bytes!("../../assets/fonts/Inter-ExtraBold.otf"),
    ),
];
/// Monochrome emoji and symbols (❄ ⭐ 🎉): usvg falls back to it for glyphs Inter lacks.
static EMOJI: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf");

/// One face, bundled or chosen from the system's, parsed once.
pub(super) struct Face {
    font: FontRef<'static>,
    shaping: ShaperData,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
}

impl Face {
    /// Face `index` of the font file `data` (a collection holds several).
    pub(super) fn new(data: &'static [u8], index: u32) -> Option<Face> {
        let font = FontRef::from_index(data, index).ok()?;
        let metrics = skrifa::FontRef::from_index(data, index)
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
    /// Inter's faces with their weights, in `INTER`'s order.
    inter: Vec<(u16, Face)>,
    emoji: Face,
}

fn faces() -> Option<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let inter = INTER
                .iter()
                .map(|&(weight, data)| Some((weight, Face::new(data, 0)?)));
            Some(Faces {
                inter: inter.collect::<Option<_>>()?,
                emoji: Face::new(EMOJI, 0)?,
            })
        })
        .as_ref()
}

/// The Inter face for a CSS weight, by CSS font matching as fontdb does it for the SVG's
/// `font-weight`: 500 and under the nearest lighter (so Regular), above 500 the nearest heavier
/// (550 SemiBold, 650 Bold, 750 ExtraBold), and ExtraBold above 800.
fn nearest(weight: u16) -> Option<&'static (u16, Face)> {
    faces()?
        .inter
        .iter()
        .min_by_key(|(have, _)| fallback::weight_order(weight, *have))
}

fn face(weight: u16) -> Option<&'static Face> {
    nearest(weight).map(|(_, face)| face)
}

/// The font database usvg draws from: the bundled faces and nothing else.
/// `fallback::database` adds the system faces a picture needs to a copy of it.
pub fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for (_, data) in INTER {
            db.load_font_data(data.to_vec());
        }
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
    /// Characters no face has a glyph for.
    pub missing: Vec<char>,
    /// Stretches drawn with a system face, in text order.
    pub runs: Vec<SystemRun>,
    /// The characters of those stretches, each with its face, once each.
    pub system: Vec<(char, SystemFont)>,
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

/// Shapes `text` as usvg will, with kerning and ligatures. A cluster the face has no glyph for
/// is shaped again with the emoji face, as usvg's fallback does; one that lacks it too, when
/// `system` allows, with the system face `fallback::choose` gives it, a run of such clusters
/// together so joining scripts (Arabic) are measured joined, as drawn.
pub fn shape(text: &str, size: f32, weight: u16, system: bool) -> Shaped {
    let mut shaped = Shaped {
        clusters: Vec::new(),
        missing: Vec::new(),
        runs: Vec::new(),
        system: Vec::new(),
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
            continue;
        }
        // Only here, for a character neither bundled face has, are system fonts ever looked at.
        match system.then(|| fallback::choose(cluster, weight)).flatten() {
            Some(font) => match shaped.runs.last_mut() {
                Some(run) if run.to == from && run.font == font => run.to = to,
                _ => shaped.runs.push(SystemRun { from, to, font }),
            },
            None => note(&mut shaped.missing, cluster),
        }
    }
    if !shaped.runs.is_empty() {
        with_system_faces(&mut shaped, text, size);
    }
    shaped
}

/// Each run's clusters measured again with its system face, replacing the bundled face's blanks.
fn with_system_faces(shaped: &mut Shaped, text: &str, size: f32) {
    for run in shaped.runs.clone() {
        let piece = &text[run.from..run.to];
        let Some(face) = fallback::face(run.font) else {
            note(&mut shaped.missing, piece);
            continue;
        };
        let again = shape_with(face, piece, size);
        for (at, _, found) in &again {
            if !found {
                note(&mut shaped.missing, &piece[*at..]);
            }
        }
        shaped
            .clusters
            .retain(|(at, _)| !(run.from..run.to).contains(at));
        let moved = again
            .iter()
            .map(|(at, advance, _)| (run.from + at, *advance));
        shaped.clusters.extend(moved);
        for c in piece.chars().filter(|c| !c.is_whitespace()) {
            if !shaped.system.iter().any(|(seen, _)| *seen == c) {
                shaped.system.push((c, run.font));
            }
        }
    }
    shaped.clusters.sort_by_key(|(at, _)| *at);
}

/// The first character of `cluster` as missing, once; a blank space is not worth naming.
fn note(missing: &mut Vec<char>, cluster: &str) {
    if let Some(c) = cluster.chars().next().filter(|c| !c.is_whitespace())
        && !missing.contains(&c)
    {
        missing.push(c);
    }
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
    shape(text, size, weight, false).width(0, text.len())
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
        let widths = [400, 600, 700, 800].map(|w| measure("Sale", 18.0, w));
        assert!(widths.is_sorted() && widths[0] < widths[3], "{widths:?}");
        assert_eq!(database().len(), 5);
    }

    #[test]
    fn each_weight_gets_the_face_fontdb_gives_the_svg() {
        use fontdb::{Family, Query, Weight};
        let db = database();
        for weight in (100..=900).step_by(50) {
            let query = Query {
                families: &[Family::Name(FAMILY)],
                weight: Weight(weight),
                ..Query::default()
            };
            let found = db.query(&query).and_then(|id| db.face(id)).unwrap();
            assert_eq!(nearest(weight).unwrap().0, found.weight.0, "at {weight}");
        }
        let picked = [400, 500, 550, 600, 650, 700, 750, 800, 900].map(|w| nearest(w).unwrap().0);
        assert_eq!(picked, [400, 400, 600, 600, 700, 700, 800, 800, 800]);
    }

    #[test]
    fn glyphs_no_face_has_are_reported() {
        assert!(shape("Hello, world", 16.0, 400, false).missing.is_empty());
        // Inter has no snowflake; the emoji face has, and gives it its width.
        let snow = shape("a❄b", 16.0, 400, false);
        assert!(snow.missing.is_empty());
        assert!(snow.width(1, 4) > 8.0, "{}", snow.width(1, 4));
        let missing = shape("a\u{10FFFD}b", 16.0, 400, false).missing;
        assert_eq!(missing, ['\u{10FFFD}']);
    }

    /// Whether any bundled face maps `c`.
    fn bundled_has(c: char) -> bool {
        INTER
            .iter()
            .map(|(_, data)| *data)
            .chain([EMOJI])
            .any(|data| {
                let font = skrifa::FontRef::new(data).unwrap();
                font.charmap().map(c).is_some()
            })
    }

    #[test]
    fn the_bundled_faces_lack_the_scripts_system_fonts_are_for() {
        // Georgian, Armenian, Hebrew, Arabic, Han, Hangul, Devanagari, Thai.
        for c in ['გ', 'Բ', 'ש', 'م', '漢', '한', 'क', 'ก'] {
            assert!(!bundled_has(c), "{c} U+{:04X} is bundled now", u32::from(c));
        }
        // Inter has Latin, Cyrillic, Greek and Vietnamese: those never reach a system font.
        for c in ['é', 'ß', 'Ж', 'Ω', 'ệ', '€', '…'] {
            assert!(bundled_has(c), "{c}");
        }
    }

    #[test]
    fn latin_text_never_looks_at_system_fonts() {
        use super::super::fallback::LOOKS;
        LOOKS.with(|n| n.set(0));
        for text in [
            "Winter sale: 40% off — naïve café",
            "Ωmega Жук ệ",
            "Snow ❄ ⭐ 🎉",
        ] {
            let shaped = shape(text, 16.0, 600, true);
            assert!(
                shaped.missing.is_empty() && shaped.runs.is_empty(),
                "{text}"
            );
        }
        assert_eq!(LOOKS.with(|n| n.get()), 0);
        shape("გამარჯობა", 16.0, 400, true);
        assert!(LOOKS.with(|n| n.get()) > 0);
    }

    #[test]
    fn what_no_bundled_face_has_is_measured_with_a_system_face() {
        let text = "Hi გამარჯობა ❄";
        let Some(font) = fallback::choose("გ", 400) else {
            eprintln!("skipped: no system font has Georgian (DejaVu Sans does)");
            return;
        };
        let georgian = 3..3 + "გამარჯობა".len();
        let bundled = shape(text, 16.0, 400, false);
        assert_eq!(bundled.missing, "გამრჯობ".chars().collect::<Vec<_>>());
        assert!(bundled.runs.is_empty() && bundled.system.is_empty());
        let system = shape(text, 16.0, 400, true);
        assert!(system.missing.is_empty(), "{:?}", system.missing);
        let run = SystemRun {
            from: georgian.start,
            to: georgian.end,
            font,
        };
        assert_eq!(system.runs, [run]);
        assert_eq!(system.system.len(), 7, "{:?}", system.system);
        assert!(system.system.iter().all(|(_, f)| *f == font));
        // Real glyphs, not boxes: another width, and the Latin and emoji around them unchanged.
        let (a, b) = (georgian.start, georgian.end);
        assert!((system.width(a, b) - bundled.width(a, b)).abs() > 1.0);
        assert_eq!(system.width(0, a), bundled.width(0, a));
        assert_eq!(system.width(b, text.len()), bundled.width(b, text.len()));
        // The same face every time, and a face per weight.
        assert_eq!(shape(text, 16.0, 400, true).runs, [run]);
        let bold = fallback::choose("გ", 600).expect("the family has the character");
        assert_eq!(bold.family(), font.family());
        assert!(bold.weight() >= font.weight());
    }

    #[test]
    fn the_baseline_sits_inside_the_line() {
        let b = baseline(16.0, 24.0, 400);
        assert!(b > 12.0 && b < 24.0, "{b}");
    }
}
