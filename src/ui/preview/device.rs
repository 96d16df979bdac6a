//! The canvas a message is placed on: a phone, or a desktop browser window for Web.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::widgets::{Block, Widget};

use super::parts::{draw_aligned, fill};
use crate::model::Alignment;
use crate::model::colour::Rgba;
use crate::ui::theme::rgb;

/// The app behind the message: dark, so that white cards and light banners stand out.
pub const APP_BACKGROUND: Rgba = Rgba::opaque(0x2B, 0x2F, 0x36);
const APP_PLACEHOLDER: Rgba = Rgba::opaque(0x3A, 0x40, 0x48);
const FRAME: Rgba = Rgba::opaque(0x8A, 0x8F, 0x98);
const CHROME_TEXT: Rgba = Rgba::opaque(0xC8, 0xCC, 0xD2);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Device {
    Phone,
    Browser,
}

/// Draws the device in `area` and returns its screen, where the message goes.
pub fn draw(device: Device, area: Rect, buf: &mut Buffer) -> Rect {
    match device {
        Device::Phone => phone(area, buf),
        Device::Browser => browser(area, buf),
    }
}

/// A phone is about as many cells wide as tall (cells are twice as tall as wide); short panes
/// get a wider phone than life so that text stays readable.
fn phone(area: Rect, buf: &mut Buffer) -> Rect {
    let width = (area.height + area.height / 4)
        .clamp(30, 44)
        .min(area.width);
    let outer = Rect::new(
        area.x + (area.width - width) / 2,
        area.y,
        width,
        area.height,
    );
    let frame_style = Style::new().fg(rgb(FRAME));
    let block = Block::bordered()
        .border_set(border::ROUNDED)
        .border_style(frame_style);
    let inner = block.inner(outer);
    block.render(outer, buf);
    if inner.height < 2 || inner.width < 4 {
        return inner;
    }
    fill(buf, inner, APP_BACKGROUND);
    let bar = Rect::new(inner.x + 1, inner.y, inner.width - 2, 1);
    let chrome = Style::new().fg(rgb(CHROME_TEXT)).bg(rgb(APP_BACKGROUND));
    draw_aligned(buf, bar, "9:41", chrome, &Alignment::Left);
    draw_aligned(buf, bar, "▮▮▮", chrome, &Alignment::Right);
    let screen = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
    placeholder_app(screen, buf);
    screen
}

/// A browser window, wider than tall, with a title bar and an address.
fn browser(area: Rect, buf: &mut Buffer) -> Rect {
    let width = area.width.min(96);
    let height = area.height.min((width / 2).max(12));
    let outer = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let block = Block::bordered()
        .border_set(border::PLAIN)
        .border_style(Style::new().fg(rgb(FRAME)));
    let inner = block.inner(outer);
    block.render(outer, buf);
    if inner.height < 2 || inner.width < 4 {
        return inner;
    }
    let bar = Rect::new(inner.x, inner.y, inner.width, 1);
    let chrome = Style::new().fg(rgb(CHROME_TEXT)).bg(rgb(APP_PLACEHOLDER));
    fill(buf, bar, APP_PLACEHOLDER);
    draw_aligned(
        buf,
        bar,
        " ● ● ●  https://app.example/",
        chrome,
        &Alignment::Left,
    );
    let page = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
    fill(buf, page, APP_BACKGROUND);
    placeholder_app(page, buf);
    page
}

/// Faint bars where the app's own content would be, so the message reads as laid over it.
fn placeholder_app(screen: Rect, buf: &mut Buffer) {
    let style = Style::new()
        .fg(rgb(APP_PLACEHOLDER))
        .bg(rgb(APP_BACKGROUND));
    let widths = [60, 85, 40, 75, 50];
    for (i, y) in (screen.y + 1..screen.bottom().saturating_sub(1))
        .step_by(2)
        .enumerate()
    {
        let w = (u32::from(screen.width.saturating_sub(4)) * widths[i % widths.len()] / 100) as u16;
        buf.set_string(screen.x + 2, y, "▬".repeat(usize::from(w)), style);
    }
}
