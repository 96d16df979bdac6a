//! A drawn buffer as text: plain characters, or with its colours as 24-bit SGR sequences, one
//! line per row and wide characters once. Headless frames and the widget tests print these.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Each row as plain characters, trailing spaces kept so columns line up.
pub fn to_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for_each_cell(buf, y, |cell| out.push_str(cell.symbol()));
        out.push('\n');
    }
    out
}

/// Each row with its colours as 24-bit SGR sequences; every row ends reset.
pub fn to_ansi(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut last: Option<(Color, Color, Modifier)> = None;
        for_each_cell(buf, y, |cell| {
            let style = (cell.fg, cell.bg, cell.modifier);
            if last != Some(style) {
                out.push_str("\x1b[0m");
                push_sgr(&mut out, cell.fg, cell.bg, cell.modifier);
                last = Some(style);
            }
            out.push_str(cell.symbol());
        });
        out.push_str("\x1b[0m\n");
    }
    out
}

/// Visits the cells of a row that start a character, skipping the cells a wide one covers.
pub fn for_each_cell(buf: &Buffer, y: u16, mut f: impl FnMut(&ratatui::buffer::Cell)) {
    let mut skip = 0;
    for x in 0..buf.area.width {
        let cell = &buf[(buf.area.x + x, buf.area.y + y)];
        if skip > 0 {
            skip -= 1;
            continue;
        }
        f(cell);
        skip = cell.symbol().width().saturating_sub(1);
    }
}

fn push_sgr(out: &mut String, fg: Color, bg: Color, modifier: Modifier) {
    let mut codes: Vec<String> = Vec::new();
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if modifier.contains(flag) {
            codes.push(code.into());
        }
    }
    if let Some(c) = colour_code(fg, false) {
        codes.push(c);
    }
    if let Some(c) = colour_code(bg, true) {
        codes.push(c);
    }
    if !codes.is_empty() {
        let _ = write!(out, "\x1b[{}m", codes.join(";"));
    }
}

fn colour_code(c: Color, background: bool) -> Option<String> {
    let base = if background { 40 } else { 30 };
    let named = |n: u8| Some((base + n).to_string());
    let bright = |n: u8| Some((base + 60 + n).to_string());
    match c {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => bright(0),
        Color::LightRed => bright(1),
        Color::LightGreen => bright(2),
        Color::LightYellow => bright(3),
        Color::LightBlue => bright(4),
        Color::LightMagenta => bright(5),
        Color::LightCyan => bright(6),
        Color::White => bright(7),
        Color::Indexed(i) => Some(format!("{};5;{i}", base + 8)),
        Color::Rgb(r, g, b) => Some(format!("{};2;{r};{g};{b}", base + 8)),
    }
}
