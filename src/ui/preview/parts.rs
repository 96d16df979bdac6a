//! The pieces a message is built from: filled boxes, wrapped text, the image slot, the close
//! mark and the button row. Sizes are in terminal cells.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use crate::model::colour::Rgba;
use crate::model::{Alignment, Content};
use crate::rules::platform::ResolvedButton;
use crate::rules::platform::effective_radius;
use crate::text::width::ellipsis;
use crate::text::{clean, clean_multiline, fit};
use crate::ui::theme::{campaign_colour, rgb};

pub use crate::rules::contrast::{BUTTON_BACKGROUND, CARD_BACKGROUND, TEXT};
/// Where the image will be drawn.
const IMAGE_SLOT: Rgba = Rgba::opaque(0x9A, 0xA4, 0xB1);

/// Header or body: wrapped lines with their colour and alignment.
pub struct TextBlock {
    pub lines: Vec<String>,
    pub colour: Rgba,
    pub align: Alignment,
}

impl TextBlock {
    fn new(
        text: Option<&str>,
        colour: Option<&str>,
        align: Option<&Alignment>,
        width: u16,
        background: Rgba,
    ) -> Self {
        Self {
            lines: wrap(text, width),
            colour: campaign_colour(colour, TEXT, background),
            align: align.cloned().unwrap_or(Alignment::Left),
        }
    }
}

/// A card's text and colours, resolved once for a given width.
pub struct CardLook {
    pub background: Rgba,
    pub header: TextBlock,
    pub body: TextBlock,
}

impl CardLook {
    pub fn new(card: &Content, text_width: u16, backdrop: Rgba) -> Self {
        let background =
            campaign_colour(card.background_color.as_deref(), CARD_BACKGROUND, backdrop);
        let h = card.header_config.as_ref();
        let b = card.body_config.as_ref();
        Self {
            background,
            header: TextBlock::new(
                h.and_then(|h| h.header.as_deref()),
                h.and_then(|h| h.text_color.as_deref()),
                h.and_then(|h| h.alignment.as_ref()),
                text_width,
                background,
            ),
            body: TextBlock::new(
                b.and_then(|b| b.body.as_deref()),
                b.and_then(|b| b.text_color.as_deref()),
                b.and_then(|b| b.alignment.as_ref()),
                text_width,
                background,
            ),
        }
    }

    pub fn text_rows(&self) -> u16 {
        (self.header.lines.len() + self.body.lines.len()) as u16
    }

    /// Header then body, top-aligned in `area`; what does not fit ends in `…`.
    pub fn draw_text(&self, area: Rect, buf: &mut Buffer) {
        let style = |block: &TextBlock| Style::new().fg(rgb(block.colour)).bg(rgb(self.background));
        let header_style = style(&self.header).add_modifier(Modifier::BOLD);
        let body_style = style(&self.body);
        let rows = self
            .header
            .lines
            .iter()
            .map(|l| (l, header_style, &self.header.align))
            .chain(
                self.body
                    .lines
                    .iter()
                    .map(|l| (l, body_style, &self.body.align)),
            );
        let total = self.text_rows();
        for (i, (line, style, align)) in rows.enumerate().take(usize::from(area.height)) {
            let y = area.y + i as u16;
            let cut = total > area.height && i + 1 == usize::from(area.height);
            let text = if cut {
                ellipsis(line, area.width)
            } else {
                line.clone()
            };
            draw_aligned(
                buf,
                Rect::new(area.x, y, area.width, 1),
                &text,
                style,
                align,
            );
        }
    }
}

/// Wraps campaign text by display width (CJK and emoji take two cells), keeping its own breaks.
pub fn wrap(text: Option<&str>, width: u16) -> Vec<String> {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return Vec::new();
    };
    let width = usize::from(width.max(1));
    clean_multiline(text)
        .split('\n')
        .flat_map(|para| {
            let lines = textwrap::wrap(para, width);
            if lines.is_empty() {
                vec![String::new()]
            } else {
                lines.into_iter().map(|l| l.into_owned()).collect()
            }
        })
        .collect()
}

/// One line placed left, centre or right in `area`; unknown alignments draw left, as devices do.
pub fn draw_aligned(buf: &mut Buffer, area: Rect, text: &str, style: Style, align: &Alignment) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let width = (text.width() as u16).min(area.width);
    let x = match align {
        Alignment::Center => area.x + (area.width - width) / 2,
        Alignment::Right => area.x + area.width - width,
        _ => area.x,
    };
    buf.set_stringn(x, area.y, text, usize::from(area.right() - x), style);
}

/// Paints `area` in one colour, clearing what was there.
pub fn fill(buf: &mut Buffer, area: Rect, colour: Rgba) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.reset();
                cell.set_bg(rgb(colour));
            }
        }
    }
}

/// Marks where the image goes, with `lines` of words centred in it: what it is, that it is
/// loading, or why it cannot be shown. A line too wide is cut; `short` stands in when even the
/// first line's start does not fit.
pub fn image_slot(buf: &mut Buffer, area: Rect, lines: &[String], short: &str) {
    if area.is_empty() {
        return;
    }
    fill(buf, area, IMAGE_SLOT);
    let style = Style::new().fg(rgb(Rgba::WHITE)).bg(rgb(IMAGE_SLOT));
    let shown = lines.len().min(usize::from(area.height));
    let top = area.y + (area.height - shown as u16).div_ceil(2);
    for (i, line) in lines.iter().take(shown).enumerate() {
        let row = Rect::new(area.x, top + i as u16, area.width, 1);
        let text = if area.width >= 7 {
            fit(line, area.width)
        } else {
            short.to_string()
        };
        draw_aligned(buf, row, &text, style, &Alignment::Center);
    }
}

/// The close mark devices draw top right.
pub fn close_mark(buf: &mut Buffer, x: u16, y: u16, colour: Rgba, background: Rgba) {
    let style = Style::new().fg(rgb(colour)).bg(rgb(background));
    if buf.area.contains((x, y).into()) {
        buf.set_string(x, y, "✕", style);
    }
}

/// Buttons side by side in equal widths, secondary first. Three rows tall draws a border,
/// rounded when the radius is positive; one row draws a filled bar.
pub fn button_row(buf: &mut Buffer, area: Rect, buttons: &[ResolvedButton], card_bg: Rgba) {
    if buttons.is_empty() || area.is_empty() {
        return;
    }
    let n = buttons.len() as u16;
    let gap = 1;
    let width = area.width.saturating_sub(gap * (n - 1)) / n;
    if width == 0 {
        return;
    }
    for (i, button) in buttons.iter().enumerate() {
        let x = area.x + i as u16 * (width + gap);
        let rect = Rect::new(x, area.y, width, area.height);
        draw_button(buf, rect, button, card_bg);
    }
}

fn draw_button(buf: &mut Buffer, area: Rect, button: &ResolvedButton, card_bg: Rgba) {
    let bg = campaign_colour(
        button.background_color.as_deref(),
        BUTTON_BACKGROUND,
        card_bg,
    );
    let fg = campaign_colour(button.text_color.as_deref(), TEXT, bg);
    let text = clean(&button.text);
    let style = Style::new()
        .fg(rgb(fg))
        .bg(rgb(bg))
        .add_modifier(Modifier::BOLD);
    if area.height >= 3 && area.width >= 4 {
        fill(buf, area, bg);
        let rounded = effective_radius(button.border_radius) > 0;
        let (tl, tr, bl, br) = if rounded {
            ("╭", "╮", "╰", "╯")
        } else {
            ("┌", "┐", "└", "┘")
        };
        // The outline is the card colour cut into the button's: it reads as the shape's edge.
        let edge = Style::new().fg(rgb(card_bg)).bg(rgb(bg));
        let (l, r, t, b) = (area.left(), area.right() - 1, area.top(), area.bottom() - 1);
        for x in l + 1..r {
            buf.set_string(x, t, "─", edge);
            buf.set_string(x, b, "─", edge);
        }
        for y in t + 1..b {
            buf.set_string(l, y, "│", edge);
            buf.set_string(r, y, "│", edge);
        }
        buf.set_string(l, t, tl, edge);
        buf.set_string(r, t, tr, edge);
        buf.set_string(l, b, bl, edge);
        buf.set_string(r, b, br, edge);
        let inner = Rect::new(l + 1, t + area.height / 2, area.width - 2, 1);
        draw_aligned(
            buf,
            inner,
            &fit(&text, inner.width),
            style,
            &Alignment::Center,
        );
    } else {
        fill(buf, Rect::new(area.x, area.y, area.width, 1), bg);
        let row = Rect::new(area.x, area.y, area.width, 1);
        draw_aligned(buf, row, &fit(&text, area.width), style, &Alignment::Center);
    }
}
