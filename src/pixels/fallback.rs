//! System fonts, for characters no bundled face has (Georgian, Armenian, Hebrew, Arabic, CJK …).
//! The system's font folders are scanned once per process, and only when such a character turns
//! up: Latin text never touches them. The face is chosen the same way on every run: families in a
//! fixed order (sans-serif names first, then by name), in each the faces nearest the wanted weight
//! first, and the first face whose character map has the whole cluster wins. Only upright faces
//! of normal width are candidates, and one per (family, weight), so a family and a weight name a
//! face exactly: the SVG writes both on the run, and usvg finds that same face by them.
//! `PINVIEW_SYSTEM_FONTS=0` turns this off, for the same bytes on every machine.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use fontdb::{Database, FaceInfo, ID, Source, Stretch, Style};
use skrifa::MetadataProvider;

use super::fonts::{BUNDLED_FAMILIES, Face};

/// A system face chosen for characters no bundled face has: its place in this process's sorted
/// list of system faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SystemFont(u32);

impl SystemFont {
    /// The family name, as the SVG asks for it: never a control character, quote or backslash.
    pub fn family(self) -> &'static str {
        catalogue()
            .entries
            .get(self.0 as usize)
            .map_or("", |e| &e.family)
    }

    /// The face's own weight, written on the run so usvg picks this face and no other.
    pub fn weight(self) -> u16 {
        catalogue()
            .entries
            .get(self.0 as usize)
            .map_or(400, |e| e.weight)
    }
}

/// Whether `PINVIEW_SYSTEM_FONTS` allows system fonts: yes unless `0`, `false`, `off` or `no`.
pub fn allowed_by_env() -> bool {
    allowed(&std::env::var("PINVIEW_SYSTEM_FONTS").unwrap_or_default())
}

fn allowed(value: &str) -> bool {
    !matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "0" | "false" | "off" | "no"
    )
}

/// One candidate face, from the scan.
struct Entry {
    family: String,
    weight: u16,
    /// Sans-serif names first, monospaced last: a fallback should look like Inter.
    rank: u8,
    path: PathBuf,
    index: u32,
    /// The face in the scan's database, whose file is memory-mapped to read it.
    id: ID,
    /// The characters it maps, as sorted inclusive ranges: read the first time the face is
    /// looked at, so each file is opened once however many characters are looked for.
    coverage: OnceLock<Vec<(u32, u32)>>,
    /// The whole file, read the first time the face is chosen.
    loaded: OnceLock<Option<Loaded>>,
}

struct Loaded {
    face: Face,
    bytes: &'static [u8],
}

struct Catalogue {
    db: Database,
    /// In choosing order; one family's faces are next to each other.
    entries: Vec<Entry>,
    families: Vec<Range<usize>>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut db = Database::new();
        db.load_system_fonts();
        let entries = candidates(db.faces());
        let mut families: Vec<Range<usize>> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            match families.last_mut() {
                Some(range) if entries[range.start].family == entry.family => range.end = i + 1,
                _ => families.push(i..i + 1),
            }
        }
        Catalogue {
            db,
            entries,
            families,
        }
    })
}

/// The faces worth choosing from, in choosing order: upright, normal width, a family name fit
/// for an SVG attribute that is not a bundled family; the first face by path of each (family,
/// weight), as the folders' own order differs between machines.
fn candidates<'a>(faces: impl Iterator<Item = &'a FaceInfo>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = faces
        .filter(|f| f.style == Style::Normal && f.stretch == Stretch::Normal)
        .filter_map(|f| {
            let family = f.families.first()?.0.trim();
            let fit = !family.is_empty()
                && !family
                    .chars()
                    .any(|c| c.is_control() || "'\"\\<>&;".contains(c))
                && !BUNDLED_FAMILIES
                    .iter()
                    .any(|b| b.eq_ignore_ascii_case(family));
            let path = match &f.source {
                Source::File(path) | Source::SharedFile(path, _) => path.clone(),
                Source::Binary(_) => return None,
            };
            fit.then(|| Entry {
                rank: rank(family),
                family: family.to_string(),
                weight: f.weight.0,
                path,
                index: f.index,
                id: f.id,
                coverage: OnceLock::new(),
                loaded: OnceLock::new(),
            })
        })
        .collect();
    entries.sort_by(|a, b| {
        (a.rank, &a.family, a.weight, &a.path, a.index)
            .cmp(&(b.rank, &b.family, b.weight, &b.path, b.index))
    });
    entries.dedup_by(|b, a| a.family == b.family && a.weight == b.weight);
    entries
}

fn rank(family: &str) -> u8 {
    match (family.contains("Sans"), family.contains("Mono")) {
        (_, true) => 2,
        (true, false) => 0,
        (false, false) => 1,
    }
}

/// CSS font matching's order of weights for `want`: the exact one, then (400–500) heavier up to
/// 500, then lighter, then heavier; below 400 lighter first; above 500 heavier first.
pub(super) fn weight_order(want: u16, have: u16) -> (u8, u16) {
    let (lighter, heavier) = (want.saturating_sub(have), have.saturating_sub(want));
    match () {
        _ if have == want => (0, 0),
        _ if (400..=500).contains(&want) && have > want && have <= 500 => (1, heavier),
        _ if want <= 500 && have < want => (2, lighter),
        _ if want <= 500 => (3, heavier),
        _ if have > want => (1, heavier),
        _ => (2, lighter),
    }
}

/// The answers so far, by (cluster, weight).
type Chosen = HashMap<(String, u16), Option<SystemFont>>;

/// The system face for `cluster` at `weight`, if any system face has all of it; the answer is
/// kept, so a character is looked for once per process.
pub fn choose(cluster: &str, weight: u16) -> Option<SystemFont> {
    #[cfg(test)]
    LOOKS.with(|n| n.set(n.get() + 1));
    static CHOSEN: OnceLock<Mutex<Chosen>> = OnceLock::new();
    let chosen = CHOSEN.get_or_init(Mutex::default);
    let key = (cluster.to_string(), weight);
    if let Some(found) = chosen.lock().ok().and_then(|c| c.get(&key).copied()) {
        return found;
    }
    let found = look_for(catalogue(), cluster, weight);
    if let Ok(mut c) = chosen.lock() {
        c.insert(key, found);
    }
    found
}

// How often this thread asked for a system face, for the test that Latin text never does.
#[cfg(test)]
thread_local! {
    pub(super) static LOOKS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn look_for(catalogue: &Catalogue, cluster: &str, weight: u16) -> Option<SystemFont> {
    let wanted: Vec<char> = cluster.chars().filter(|c| !ignorable(*c)).collect();
    for family in &catalogue.families {
        let mut faces: Vec<usize> = family.clone().collect();
        faces.sort_by_key(|&i| (weight_order(weight, catalogue.entries[i].weight), i));
        for i in faces {
            let entry = &catalogue.entries[i];
            let ranges = entry.coverage.get_or_init(|| {
                let ranges = catalogue.db.with_face_data(entry.id, coverage);
                ranges.unwrap_or_default()
            });
            if wanted.iter().all(|&c| covered(ranges, c)) {
                return Some(SystemFont(i as u32));
            }
        }
    }
    None
}

/// The characters face `index` of `data` maps to a glyph, as sorted inclusive ranges.
fn coverage(data: &[u8], index: u32) -> Vec<(u32, u32)> {
    let Ok(font) = skrifa::FontRef::from_index(data, index) else {
        return Vec::new();
    };
    let mut codes: Vec<u32> = font
        .charmap()
        .mappings()
        .filter(|(_, glyph)| glyph.to_u32() != 0)
        .map(|(c, _)| c)
        .collect();
    codes.sort_unstable();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for c in codes {
        match ranges.last_mut() {
            Some((_, end)) if c <= *end + 1 => *end = c,
            _ => ranges.push((c, c)),
        }
    }
    ranges
}

fn covered(ranges: &[(u32, u32)], c: char) -> bool {
    let c = u32::from(c);
    let i = ranges.partition_point(|(_, end)| *end < c);
    ranges.get(i).is_some_and(|(start, _)| *start <= c)
}

/// Characters shapers draw as nothing when a font lacks them: joiners, variation selectors.
fn ignorable(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0000}'..='\u{E0FFF}')
}

/// The chosen face, parsed for shaping; `None` if its file can no longer be read.
pub(super) fn face(font: SystemFont) -> Option<&'static Face> {
    loaded(font).map(|l| &l.face)
}

fn loaded(font: SystemFont) -> Option<&'static Loaded> {
    let catalogue = catalogue();
    let entry = catalogue.entries.get(font.0 as usize)?;
    entry
        .loaded
        .get_or_init(|| {
            // Kept for the life of the process, as the bundled faces are: the shaper borrows
            // them, and only faces actually chosen are ever read whole.
            let bytes = std::fs::read(&entry.path).ok()?;
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            Some(Loaded {
                face: Face::new(bytes, entry.index)?,
                bytes,
            })
        })
        .as_ref()
}

/// The bundled faces and these system ones, for usvg to draw with. The system faces are added
/// in choosing order, from the bytes already read, so usvg sees what `shape` measured.
pub fn database(fonts: &[SystemFont]) -> Arc<Database> {
    let catalogue = catalogue();
    let mut db = (*super::fonts::database()).clone();
    let mut fonts = fonts.to_vec();
    fonts.sort_unstable();
    fonts.dedup();
    for font in fonts {
        let (Some(entry), Some(loaded)) = (catalogue.entries.get(font.0 as usize), loaded(font))
        else {
            continue;
        };
        if let Some(info) = catalogue.db.face(entry.id) {
            let mut info = info.clone();
            info.source = Source::Binary(Arc::new(loaded.bytes));
            db.push_face_info(info);
        }
    }
    Arc::new(db)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(family: &str, weight: u16, path: &str, style: Style) -> FaceInfo {
        FaceInfo {
            id: ID::dummy(),
            source: Source::File(path.into()),
            index: 0,
            families: vec![(family.into(), fontdb::Language::English_UnitedStates)],
            post_script_name: family.replace(' ', ""),
            style,
            weight: fontdb::Weight(weight),
            stretch: Stretch::Normal,
            monospaced: false,
        }
    }

    #[test]
    fn candidates_are_in_a_fixed_order_whatever_the_folders_say() {
        let faces = [
            info("Noto Serif", 400, "/b/NotoSerif.ttf", Style::Normal),
            info("DejaVu Sans Mono", 400, "/a/Mono.ttf", Style::Normal),
            info("Noto Sans", 400, "/z/NotoSans.ttf", Style::Normal),
            info("Noto Sans", 400, "/a/NotoSans.ttf", Style::Normal),
            info("Noto Sans", 700, "/a/NotoSans-Bold.ttf", Style::Normal),
            info("Noto Sans", 400, "/a/NotoSans-Italic.ttf", Style::Italic),
            info("Inter", 400, "/a/Inter.ttf", Style::Normal),
            info("Bad'Name", 400, "/a/Bad.ttf", Style::Normal),
            info("Bad\u{1b}Name", 400, "/a/Bad2.ttf", Style::Normal),
        ];
        for order in [faces.to_vec(), faces.iter().rev().cloned().collect()] {
            let got: Vec<(String, u16, String)> = candidates(order.iter())
                .into_iter()
                .map(|e| (e.family, e.weight, e.path.display().to_string()))
                .collect();
            let want = [
                ("Noto Sans", 400, "/a/NotoSans.ttf"),
                ("Noto Sans", 700, "/a/NotoSans-Bold.ttf"),
                ("Noto Serif", 400, "/b/NotoSerif.ttf"),
                ("DejaVu Sans Mono", 400, "/a/Mono.ttf"),
            ];
            let want: Vec<(String, u16, String)> = want
                .iter()
                .map(|(f, w, p)| (f.to_string(), *w, p.to_string()))
                .collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn coverage_ranges_answer_like_the_character_map() {
        let ranges = [(0x41, 0x5A), (0x10D0, 0x10FA), (0x1F600, 0x1F600)];
        for (c, want) in [
            ('A', true),
            ('Z', true),
            ('[', false),
            ('@', false),
            ('გ', true),
        ] {
            assert_eq!(covered(&ranges, c), want, "{c}");
        }
        assert!(covered(&ranges, '😀') && !covered(&ranges, '😁') && !covered(&[], 'a'));
        // And from a real face: Inter maps Latin and Cyrillic, not Georgian.
        let inter = include_bytes!("../../assets/fonts/Inter-Regular.otf");
        let ranges = coverage(inter, 0);
        assert!(covered(&ranges, 'a') && covered(&ranges, 'Ж') && !covered(&ranges, 'გ'));
    }

    #[test]
    fn weights_are_tried_in_css_order() {
        let order = |want: u16| {
            let mut have = vec![100, 300, 400, 500, 600, 700, 900];
            have.sort_by_key(|&h| weight_order(want, h));
            have
        };
        assert_eq!(order(400), [400, 500, 300, 100, 600, 700, 900]);
        assert_eq!(order(600), [600, 700, 900, 500, 400, 300, 100]);
        assert_eq!(order(800), [900, 700, 600, 500, 400, 300, 100]);
        assert_eq!(order(200), [100, 300, 400, 500, 600, 700, 900]);
    }

    #[test]
    fn the_switch_reads_as_people_write_it() {
        // The variable itself is read by the CLI tests, in a child process.
        for (value, want) in [
            ("0", false),
            (" off", false),
            ("FALSE", false),
            ("no", false),
        ] {
            assert_eq!(allowed(value), want, "{value:?}");
        }
        for value in ["", "1", "yes", "on"] {
            assert!(allowed(value), "{value:?}");
        }
    }
}
