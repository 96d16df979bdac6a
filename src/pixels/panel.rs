//! The side panel of `--pane all`: which campaign, platform and device, its layout and trigger,
//! its findings as `pinview check` words them, which characters a system font drew, and what the
//! picture could not show.

use super::list::{Anchor, Canvas, Item, Rect};
use super::parts::{Block, Font, Words};
use super::{Message, PixelOptions};
use crate::model::colour::Rgba;
use crate::model::{Alignment, Campaign, Layout};
use crate::rules::check::Severity;
use crate::rules::layout::{effective_layout, shown_card};
use crate::text::clean;

const BACKGROUND: Rgba = Rgba::opaque(0x1E, 0x21, 0x27);
const LABEL: Rgba = Rgba::opaque(0x9A, 0xA0, 0xA6);
const VALUE: Rgba = Rgba::opaque(0xE8, 0xEA, 0xED);
const ERROR: Rgba = Rgba::opaque(0xF2, 0x8B, 0x82);
const WARNING: Rgba = Rgba::opaque(0xFD, 0xD6, 0x63);
const NOTE: Rgba = Rgba::opaque(0x8A, 0xB4, 0xF8);
const PADDING: f32 = 20.0;
const LABEL_FONT: Font = Font {
    size: 12.0,
    line: 18.0,
    weight: 600,
};
const VALUE_FONT: Font = Font {
    size: 14.0,
    line: 20.0,
    weight: 400,
};

/// Draws the panel in `area`; rows that do not fit end in a line saying so.
pub fn draw(
    canvas: &mut Canvas,
    area: Rect,
    message: Option<&Message<'_>>,
    options: &PixelOptions,
) {
    canvas.fill(Some("panel"), area, BACKGROUND);
    let mut rows: Vec<(&str, String, Rgba)> = Vec::new();
    let device = options.device();
    let (w, h) = device.size();
    let platform = format!(
        "{} on a {} ({w}x{h})",
        options.platform.label(),
        device.name()
    );
    match message {
        Some(m) => {
            let c = m.campaign;
            rows.push(("CAMPAIGN", c.id().to_string(), VALUE));
            rows.push(("PLATFORM", platform, VALUE));
            rows.push(("LAYOUT", layout_words(c, m.page), VALUE));
            rows.push(("TRIGGER", trigger_words(c), VALUE));
            if m.findings.is_empty() {
                rows.push(("FINDINGS", "none".into(), VALUE));
            }
            for (i, f) in m.findings.iter().enumerate() {
                let colour = match f.severity() {
                    Severity::Error => ERROR,
                    Severity::Warning => WARNING,
                    Severity::Note => NOTE,
                };
                let words = format!("{} {}: {}", f.rule.id, f.severity().word(), f.words());
                rows.push((if i == 0 { "FINDINGS" } else { "" }, words, colour));
            }
        }
        None => {
            rows.push(("CAMPAIGN", "none to preview".into(), VALUE));
            rows.push(("PLATFORM", platform, VALUE));
        }
    }
    // Drawn, but in a font other machines may not have.
    let mut families: Vec<(&str, Vec<char>)> = Vec::new();
    for (c, font) in &canvas.system {
        match families.iter_mut().find(|(f, _)| *f == font.family()) {
            Some((_, chars)) if chars.contains(c) => {}
            Some((_, chars)) => chars.push(*c),
            None => families.push((font.family(), vec![*c])),
        }
    }
    for (i, (family, chars)) in families.into_iter().enumerate() {
        let words = format!("{family} draws {}", codes(&chars));
        rows.push((if i == 0 { "SYSTEM FONTS" } else { "" }, words, NOTE));
    }
    let mut notes = canvas.notes.clone();
    if !canvas.missing.is_empty() {
        let chars = codes(&canvas.missing);
        notes.push(if canvas.system_fonts {
            format!("no font has {chars}: drawn as boxes")
        } else {
            format!("no bundled font has {chars} (system fonts off): drawn as boxes")
        });
    }
    for (i, note) in notes.into_iter().enumerate() {
        rows.push((if i == 0 { "NOT SHOWN" } else { "" }, note, WARNING));
    }
    place_rows(canvas, area.inset(PADDING), &rows);
}

fn place_rows(canvas: &mut Canvas, area: Rect, rows: &[(&str, String, Rgba)]) {
    let mut y = area.y;
    // The last line is kept for saying that more did not fit.
    let limit = area.bottom() - VALUE_FONT.line;
    for (shown, (label, value, colour)) in rows.iter().enumerate() {
        let words = Words {
            text: super::parts::drawable(&clean(value)),
            colour: *colour,
            align: Alignment::Left,
        };
        let block = Block::new(&words, VALUE_FONT, area.w, false, canvas);
        let label_h = if label.is_empty() {
            0.0
        } else {
            LABEL_FONT.line + 8.0
        };
        if y + label_h + block.height() > limit {
            let rest = rows.len() - shown;
            more(canvas, area.x, y, rest);
            return;
        }
        if !label.is_empty() {
            y += 8.0;
            let baseline =
                super::fonts::baseline(LABEL_FONT.size, LABEL_FONT.line, LABEL_FONT.weight);
            canvas.items.push(Item::Text {
                class: "panel",
                x: area.x,
                y: y + baseline,
                anchor: Anchor::Start,
                size: LABEL_FONT.size,
                weight: LABEL_FONT.weight,
                colour: LABEL,
                text: (*label).to_string(),
                fonts: Vec::new(),
            });
            y += LABEL_FONT.line;
        }
        y += block.place(canvas, "panel", (area.x, y), area.w, limit) + 4.0;
    }
}

fn more(canvas: &mut Canvas, x: f32, y: f32, rest: usize) {
    let baseline = super::fonts::baseline(VALUE_FONT.size, VALUE_FONT.line, 400);
    canvas.items.push(Item::Text {
        class: "panel",
        x,
        y: y + baseline,
        anchor: Anchor::Start,
        size: VALUE_FONT.size,
        weight: 400,
        colour: LABEL,
        text: format!("… {rest} more: see `pinview check`"),
        fonts: Vec::new(),
    });
}

/// Characters as `U+10D2 U+10D0`, the first twelve.
fn codes(chars: &[char]) -> String {
    let mut words: Vec<String> = chars
        .iter()
        .take(12)
        .map(|c| format!("U+{:04X}", u32::from(*c)))
        .collect();
    if chars.len() > 12 {
        words.push(format!("and {} more", chars.len() - 12));
    }
    words.join(" ")
}

fn layout_words(c: &Campaign, page: usize) -> String {
    let layout = effective_layout(c);
    let name = clean(layout.as_str()).into_owned();
    let named = if c.layout().is_none() {
        format!("{name} (none given)")
    } else {
        name
    };
    let cards = c.cards().len();
    match shown_card(c, page) {
        Some(i) if layout == Layout::Carousel => format!("{named}, card {} of {cards}", i + 1),
        None => format!("{named}, no content: an empty card"),
        _ => named,
    }
}

/// The event, attributes and metrics that show the campaign, in a line.
fn trigger_words(c: &Campaign) -> String {
    let Some(filter) = c.event_filter() else {
        return "no EventFilter: devices never show it".into();
    };
    let dims = filter.dimensions.as_ref();
    let mut words = match dims.and_then(|d| d.event_type.as_ref()) {
        Some(event) => {
            let values = event.values.as_deref().unwrap_or_default();
            format!("event {}", values.join(" or "))
        }
        None => "no EventType: devices never show it".into(),
    };
    let attributes = dims
        .and_then(|d| d.attributes.as_ref())
        .map_or(0, |a| a.len());
    let metrics = dims.and_then(|d| d.metrics.as_ref()).map_or(0, |m| m.len());
    if attributes > 0 {
        words.push_str(&format!(", {attributes} attribute condition(s)"));
    }
    if metrics > 0 {
        words.push_str(&format!(", {metrics} metric condition(s)"));
    }
    words
}
