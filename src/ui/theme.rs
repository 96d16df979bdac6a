//! pinview's own chrome stays quiet: one accent, dim borders, the focused border bright.
//! Campaign colours are the campaign's own, inside the device only.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use crate::model::colour::Rgba;

pub const ACCENT: Color = Color::Cyan;
pub const DIM: Color = Color::DarkGray;
pub const WARN: Color = Color::Yellow;
pub const ERROR: Color = Color::Red;

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

/// How many colours the terminal shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorDepth {
    TrueColor,
    Indexed256,
}

impl ColorDepth {
    /// Truecolor when the terminal says so (`COLORTERM`), else the 256-colour palette that
    /// every terminal in use today, tmux and SSH sessions included, understands.
    pub fn detect() -> Self {
        match std::env::var("COLORTERM") {
            Ok(v) if v == "truecolor" || v == "24bit" => Self::TrueColor,
            _ => Self::Indexed256,
        }
    }
}

/// Maps 24-bit colours to the nearest of the 256-colour palette, in place.
pub fn downgrade(buf: &mut Buffer, depth: ColorDepth) {
    if depth == ColorDepth::TrueColor {
        return;
    }
    for cell in &mut buf.content {
        if let Color::Rgb(r, g, b) = cell.fg {
            cell.fg = Color::Indexed(nearest_256(r, g, b));
        }
        if let Color::Rgb(r, g, b) = cell.bg {
            cell.bg = Color::Indexed(nearest_256(r, g, b));
        }
    }
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
