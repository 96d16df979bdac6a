//! pinview's own chrome stays quiet: one accent, dim borders, the focused border bright.
//! Campaign colours are the campaign's own, inside the device only.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use crate::model::colour::Rgba;

pub const ACCENT: Color = Color::Cyan;
pub const DIM: Color = Color::DarkGray;
pub const WARN: Color = Color::Yellow;
pub const ERROR: Color = Color::Red;
/// Around a pixel preview, where the picture does not fill the pane.
pub const PIXEL_BACKDROP: Rgba = Rgba::opaque(0x1E, 0x1E, 0x1E);

pub fn border(focused: bool) -> Style {
    if focused {
        Style::new().fg(ACCENT)
    } else {
        Style::new().fg(DIM)
    }
}

pub fn title(focused: bool) -> Style {
    let s = Style::new().add_modifier(Modifier::BOLD);
    if focused { s.fg(ACCENT) } else { s }
}

pub fn label() -> Style {
    Style::new().fg(DIM)
}

/// The selected row: reversed in the focused pane, a dim bar otherwise.
/// A campaign gone from the latest fetch, still listed so the user sees what went.
pub fn removed() -> Style {
    Style::new()
        .fg(DIM)
        .add_modifier(ratatui::style::Modifier::CROSSED_OUT)
}

pub fn selected_row(focused: bool) -> Style {
    if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new().bg(DIM)
    }
}

pub fn rgb(c: Rgba) -> Color {
    Color::Rgb(c.r, c.g, c.b)
}

pub use crate::rules::contrast::campaign_colour;

pub use crate::app::terminal::{ColorDepth, Palette};

/// Fits a drawn frame to the terminal, in place: without chrome colours (`NO_COLOR`) every
/// named colour goes, since pinview's chrome uses named colours and campaigns only 24-bit
/// ones; then 24-bit colours become the nearest the terminal has.
pub fn adapt(buf: &mut Buffer, palette: Palette) {
    if palette.chrome && palette.depth == ColorDepth::TrueColor {
        return;
    }
    let fit = |c: Color| match c {
        Color::Rgb(r, g, b) => match palette.depth {
            ColorDepth::TrueColor => c,
            ColorDepth::Indexed256 => Color::Indexed(nearest_256(r, g, b)),
            ColorDepth::Ansi16 => nearest_16(r, g, b),
        },
        Color::Reset => c,
        _ if !palette.chrome => Color::Reset,
        _ => c,
    };
    for cell in &mut buf.content {
        cell.fg = fit(cell.fg);
        cell.bg = fit(cell.bg);
    }
}

/// The nearest of the 16 named colours, by xterm's default values for them.
pub fn nearest_16(r: u8, g: u8, b: u8) -> Color {
    const NAMED: [(Color, (u8, u8, u8)); 16] = [
        (Color::Black, (0, 0, 0)),
        (Color::Red, (205, 0, 0)),
        (Color::Green, (0, 205, 0)),
        (Color::Yellow, (205, 205, 0)),
        (Color::Blue, (0, 0, 238)),
        (Color::Magenta, (205, 0, 205)),
        (Color::Cyan, (0, 205, 205)),
        (Color::Gray, (229, 229, 229)),
        (Color::DarkGray, (127, 127, 127)),
        (Color::LightRed, (255, 0, 0)),
        (Color::LightGreen, (0, 255, 0)),
        (Color::LightYellow, (255, 255, 0)),
        (Color::LightBlue, (92, 92, 255)),
        (Color::LightMagenta, (255, 0, 255)),
        (Color::LightCyan, (0, 255, 255)),
        (Color::White, (255, 255, 255)),
    ];
    let dist = |(x, y, z): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(x, r) + d(y, g) + d(z, b)
    };
    NAMED
        .iter()
        .min_by_key(|(_, rgb)| dist(*rgb))
        .map_or(Color::Reset, |(c, _)| *c)
}

/// The nearest xterm-256 colour: the 6×6×6 cube or the grey ramp, whichever is closer.
pub fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let level = |v: u8| -> usize {
        (0..6)
            .min_by_key(|&i| (i32::from(LEVELS[i]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (level(r), level(g), level(b));
    let cube = (16 + 36 * ri + 6 * gi + bi) as u8;
    let cube_rgb = (LEVELS[ri], LEVELS[gi], LEVELS[bi]);
    let avg = (u16::from(r) + u16::from(g) + u16::from(b)) / 3;
    let grey_i = ((avg.saturating_sub(8)) / 10).min(23) as u8;
    let grey_v = 8 + 10 * grey_i;
    let dist = |(x, y, z): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(x, r) + d(y, g) + d(z, b)
    };
    if dist((grey_v, grey_v, grey_v)) < dist(cube_rgb) {
        232 + grey_i
    } else {
        cube
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_mapping_hits_exact_entries() {
        assert_eq!(nearest_256(0, 0, 0), 16);
        assert_eq!(nearest_256(255, 255, 255), 231);
        assert_eq!(nearest_256(255, 0, 0), 196);
        assert_eq!(nearest_256(128, 128, 128), 244);
    }

    #[test]
    fn sixteen_colours_take_the_nearest_named_one() {
        assert_eq!(nearest_16(0, 0, 0), Color::Black);
        assert_eq!(nearest_16(255, 255, 255), Color::White);
        assert_eq!(nearest_16(0xC5, 0x22, 0x1F), Color::Red);
        assert_eq!(nearest_16(0x1A, 0x73, 0xE8), Color::LightBlue);
        assert_eq!(nearest_16(0x80, 0x80, 0x80), Color::DarkGray);
    }

    #[test]
    fn no_color_drops_named_colours_and_keeps_the_campaigns() {
        let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 3, 1));
        buf.content[0].fg = ACCENT;
        buf.content[1].fg = Color::Rgb(1, 2, 3);
        buf.content[2].bg = DIM;
        let palette = Palette {
            depth: ColorDepth::TrueColor,
            chrome: false,
        };
        adapt(&mut buf, palette);
        assert_eq!(buf.content[0].fg, Color::Reset);
        assert_eq!(buf.content[1].fg, Color::Rgb(1, 2, 3));
        assert_eq!(buf.content[2].bg, Color::Reset);
    }

    #[test]
    fn absent_or_bad_colours_fall_back() {
        let white = Rgba::WHITE;
        assert_eq!(campaign_colour(None, white, white), white);
        assert_eq!(campaign_colour(Some("#GGHHII"), white, white), white);
        assert_eq!(
            campaign_colour(Some("#00000080"), white, white),
            Rgba::opaque(0x7F, 0x7F, 0x7F)
        );
    }
}
