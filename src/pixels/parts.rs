//! What every layout is built from: a card's resolved colours and text, lines placed in a box,
//! buttons, the close mark, and the image's size and place.

use std::sync::Arc;

use super::Scene;
use super::list::{Anchor, Canvas, Item, Rect, SystemRun};
use super::wrap::{ellipsis, wrap};
use crate::images::Loaded;
use crate::model::colour::{Rgba, parse_colour};
use crate::model::{Alignment, Content};
use crate::rules::contrast::{BUTTON_BACKGROUND, CARD_BACKGROUND, TEXT};
use crate::rules::platform::{card_buttons, effective_radius};
use crate::text::{clean, clean_multiline};

/// A font size, its line height and weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    pub size: f32,
    pub line: f32,
    pub weight: u16,
}

/// A colour from the payload, alpha kept so the backend composites it over what is behind;
/// absent or unreadable gives the renderer's default, as devices do.
pub fn paint(value: Option<&str>, default: Rgba) -> Rgba {
    value.and_then(parse_colour).unwrap_or(default)
}

/// Cleaned text as fonts can draw it: the control pictures that stand in for control
/// characters (`␛`) are in no bundled font, so a picture shows caret notation (`^[`) instead.
pub fn drawable(cleaned: &str) -> String {
    cleaned
        .chars()
        .fold(String::with_capacity(cleaned.len()), |mut out, c| {
            match c as u32 {
                n @ 0x2400..=0x241F => {
                    out.push('^');
                    out.push(char::from_u32(n - 0x2400 + 0x40).unwrap_or('?'));
                }
                0x2421 => out.push_str("^?"),
                _ => out.push(c),
            }
            out
        })
}

/// Header or body as the card gives it, cleaned: no control character is ever drawn.
pub struct Words {
    pub text: String,
    pub colour: Rgba,
    pub align: Alignment,
}

/// A card's colours and words.
pub struct Look {
    pub background: Rgba,
    pub header: Option<Words>,
    pub body: Option<Words>,
}

impl Look {
    /// `web`: the browser folds line breaks and runs of spaces into one space, as HTML does.
    pub fn of(card: &Content, web: bool) -> Look {
        let words = |text: Option<&str>, colour: Option<&str>, align: Option<&Alignment>| {
            let text = text.filter(|t| !t.trim().is_empty())?;
            let text = if web {
                drawable(&clean(text))
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                drawable(&clean_multiline(text))
            };
            Some(Words {
                text,
                colour: paint(colour, TEXT),
                align: align.cloned().unwrap_or(Alignment::Left),
            })
        };
        let h = card.header_config.as_ref();
        let b = card.body_config.as_ref();
        Look {
            background: paint(card.background_color.as_deref(), CARD_BACKGROUND),
            header: words(
                h.and_then(|h| h.header.as_deref()),
                h.and_then(|h| h.text_color.as_deref()),
                h.and_then(|h| h.alignment.as_ref()),
            ),
            body: words(
                b.and_then(|b| b.body.as_deref()),
                b.and_then(|b| b.text_color.as_deref()),
                b.and_then(|b| b.alignment.as_ref()),
            ),
        }
    }
}

/// Words wrapped into `width`, ready to place: at most as many lines as could be on screen.
pub struct Block {
    pub lines: Vec<String>,
    /// For each line, the stretches a system font draws.
    pub fonts: Vec<Vec<SystemRun>>,
    pub font: Font,
    pub colour: Rgba,
    pub align: Alignment,
}

/// The height of a header and body `gap` apart (the web renderer spaces them; React Native
/// does not).
pub fn text_height(gap: f32, blocks: &(Option<Block>, Option<Block>)) -> f32 {
    match blocks {
        (Some(h), Some(b)) => h.height() + gap + b.height(),
        (Some(one), None) | (None, Some(one)) => one.height(),
        (None, None) => 0.0,
    }
}

/// Header then body from `(x, y)`, `gap` apart, nothing below `limit`.
pub fn place_text(
    canvas: &mut Canvas,
    blocks: &(Option<Block>, Option<Block>),
    (x, y): (f32, f32),
    width: f32,
    limit: f32,
    gap: f32,
) {
    let mut y = y;
    if let Some(h) = &blocks.0 {
        y += h.place(canvas, "header", (x, y), width, limit) + gap;
    }
    if let Some(b) = &blocks.1 {
        b.place(canvas, "body", (x, y), width, limit);
    }
}

impl Block {
    /// `one_line`: cut with an ellipsis instead of wrapping (the web header).
    pub fn new(
        words: &Words,
        font: Font,
        width: f32,
        one_line: bool,
        canvas: &mut Canvas,
    ) -> Block {
        let shape = (font.size, font.weight, canvas.system_fonts);
        let wrapped = if one_line {
            ellipsis(&words.text, shape, width)
        } else {
            let most = (canvas.height / font.line).ceil().max(1.0) as usize;
            wrap(&words.text, shape, width, most)
        };
        canvas.note_missing(&wrapped.missing);
        canvas.note_system(&wrapped.system);
        Block {
            lines: wrapped.lines,
            fonts: wrapped.fonts,
            font,
            colour: words.colour,
            align: words.align.clone(),
        }
    }

    pub fn height(&self) -> f32 {
        self.lines.len() as f32 * self.font.line
    }

    /// Places the lines from `top` in a column at `x`, `width` wide; lines whose bottom would
    /// pass `limit` are not drawn (the renderer clips them). Returns the height used.
    pub fn place(
        &self,
        canvas: &mut Canvas,
        class: &'static str,
        at: (f32, f32),
        width: f32,
        limit: f32,
    ) -> f32 {
        let (x, top) = at;
        let (anchor, x) = match self.align {
            Alignment::Center => (Anchor::Middle, x + width / 2.0),
            Alignment::Right => (Anchor::End, x + width),
            _ => (Anchor::Start, x),
        };
        let baseline = super::fonts::baseline(self.font.size, self.font.line, self.font.weight);
        // Nothing is drawn off the canvas: a card taller than the screen runs off it.
        let limit = limit.min(canvas.height);
        let mut y = top;
        for (i, line) in self.lines.iter().enumerate() {
            if y + self.font.line > limit + 0.5 {
                // Said in the panel: a picture that silently loses words misleads its reader.
                let cut = self.lines[i..].iter().filter(|l| !l.is_empty()).count();
                if cut > 0 {
                    let lines = if cut == 1 {
                        "1 line of it is".to_string()
                    } else {
                        format!("{cut} lines of it are")
                    };
                    canvas.note(format!("the {class} does not fit: {lines} cut off"));
                }
                break;
            }
            if !line.is_empty() && y + self.font.line > 0.0 {
                canvas.items.push(Item::Text {
                    class,
                    x,
                    y: y + baseline,
                    anchor,
                    size: self.font.size,
                    weight: self.font.weight,
                    colour: self.colour,
                    text: line.clone(),
                    fonts: self.fonts.get(i).cloned().unwrap_or_default(),
                });
            }
            y += self.font.line;
        }
        y - top
    }
}

/// A button as drawn: its words and colours.
pub struct Button {
    pub text: String,
    pub background: Rgba,
    pub colour: Rgba,
    pub radius: f32,
}

/// The card's buttons in drawing order (secondary left, primary right). React Native keeps its
/// radius of 4 for an absent or 0 `BorderRadius`; the web takes the payload's, 5 by default.
pub fn buttons(card: &Content, scene: &Scene) -> Vec<Button> {
    card_buttons(card, scene.platform)
        .into_iter()
        .map(|b| Button {
            text: drawable(&clean(&b.text)),
            background: paint(b.background_color.as_deref(), BUTTON_BACKGROUND),
            colour: paint(b.text_color.as_deref(), TEXT),
            radius: if scene.web {
                b.border_radius.unwrap_or(5).max(0) as f32
            } else {
                effective_radius(b.border_radius).max(0) as f32
            },
        })
        .collect()
}

/// Buttons side by side in `row`, equal widths, `gap` apart, each `height` tall and
/// vertically centred. Ids are `button-0`, `button-1` in drawing order.
pub fn button_row(
    canvas: &mut Canvas,
    row: Rect,
    buttons: &[Button],
    (gap, font): (f32, Font),
    border: Option<(Rgba, f32)>,
) {
    let n = buttons.len() as f32;
    let width = ((row.w - gap * (n - 1.0)) / n).max(0.0);
    for (i, button) in buttons.iter().enumerate() {
        let rect = Rect::new(row.x + i as f32 * (width + gap), row.y, width, row.h);
        let id = format!("button-{i}");
        canvas.boxed(
            Some(&id),
            rect,
            button.radius.min(rect.h / 2.0),
            button.background,
            border,
        );
        let words = Words {
            text: button.text.clone(),
            colour: button.colour,
            align: Alignment::Center,
        };
        let inner = (rect.w - 16.0).max(1.0);
        let block = Block::new(&words, font, inner, true, canvas);
        let top = rect.y + (rect.h - font.line) / 2.0;
        block.place(canvas, "button", (rect.x + 8.0, top), inner, rect.bottom());
    }
}

/// The close mark: a ✕ drawn with two strokes in a `size` box at `(x, y)`, as the icon is.
pub fn close_mark(canvas: &mut Canvas, x: f32, y: f32, size: f32, colour: Rgba) {
    let inset = size * 0.25;
    canvas.items.push(Item::Cross {
        rect: Rect::new(x + inset, y + inset, size - 2.0 * inset, size - 2.0 * inset),
        colour,
        width: (size / 10.0).max(1.0),
    });
}

/// Amplify's `getLayoutImageDimensions`: the longest side is `max`, the aspect kept.
pub fn image_size(image: &Loaded, max: f32) -> (f32, f32) {
    let (w, h) = (
        image.info.width.max(1) as f32,
        image.info.height.max(1) as f32,
    );
    if w >= h {
        (max, max * h / w)
    } else {
        (max * w / h, max)
    }
}

/// The largest rectangle of the image's aspect inside `area`, centred (CSS `object-fit: contain`).
pub fn contain(area: Rect, image: &Loaded) -> Rect {
    let (w, h) = (
        image.info.width.max(1) as f32,
        image.info.height.max(1) as f32,
    );
    let k = (area.w / w).min(area.h / h).max(0.0);
    let (fw, fh) = (w * k, h * k);
    Rect::new(
        area.x + (area.w - fw) / 2.0,
        area.y + (area.h - fh) / 2.0,
        fw,
        fh,
    )
}

/// The card's image if it loaded: devices drop one that fails and show the message without it.
pub fn picture(card: &Content, scene: &Scene, canvas: &mut Canvas) -> Option<Arc<Loaded>> {
    let url = card.image_url.as_deref()?;
    match scene.images.get(url) {
        Some(Ok(image)) => Some(Arc::clone(image)),
        Some(Err(why)) => {
            canvas.note(format!("image not drawn: {}", clean(why)));
            None
        }
        None => {
            canvas
                .note("image not loaded: drawn without it, as a device does until it loads".into());
            None
        }
    }
}

/// The header and body of `look` wrapped to `width` in the platform's fonts; web draws the
/// header on one line.
pub fn text_blocks(
    look: &Look,
    (header, body): (Font, Font),
    width: f32,
    one_line_header: bool,
    canvas: &mut Canvas,
) -> (Option<Block>, Option<Block>) {
    let header = look
        .header
        .as_ref()
        .map(|w| Block::new(w, header, width, one_line_header, canvas));
    let body = look
        .body
        .as_ref()
        .map(|w| Block::new(w, body, width, false, canvas));
    (header, body)
}

#[cfg(test)]
mod tests {
    use super::drawable;
    use crate::text::clean;

    #[test]
    fn control_characters_are_drawn_in_caret_notation() {
        assert_eq!(
            drawable(&clean("a\u{1b}[31mb\u{7}c\u{7f}")),
            "a^[[31mb^Gc^?"
        );
        assert_eq!(drawable("plain ␀ text"), "plain ^@ text");
        assert_eq!(drawable("Winter sale ❄️"), "Winter sale ❄️");
    }
}
