//! Helpers for the widgets' snapshot tests: a state loaded from campaign JSON at a pinned clock,
//! a widget drawn into a small buffer, and that buffer written out as text or as colours.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Widget;

use crate::app::{Action, State, update};
use crate::model::Target;
use crate::model::input::parse_campaigns;
use crate::ui::frame_text::for_each_cell;

/// The demo's Android endpoint: four campaigns, a banner, a carousel, an expired one and a
/// broken one.
pub const DEMO: &[u8] = include_bytes!("../../assets/demo/demo-app/android-pixel.json");

/// A state with one endpoint that has just fetched the campaigns of `json`, the first in
/// device order selected, at 2026-11-24 12:00 UTC on a terminal of `size`.
pub fn state_with(json: &[u8], size: (u16, u16)) -> State {
    let target = Target::new("demo-app", "android-pixel");
    let now: jiff::ZonedDateTime = "2026-11-24T12:00:00Z[UTC]"
        .parse()
        .expect("a valid instant");
    let at = now.timestamp();
    let mut state = State::new("test", vec![target.clone()], now);
    state.size = size;
    let campaigns = parse_campaigns(json).expect("the test's campaigns parse");
    let _ = update(
        &mut state,
        Action::Fetched {
            target,
            request: 0,
            at,
            result: Ok(campaigns),
            reviewed: None,
        },
    );
    state
}

/// `widget` drawn over the whole of a `width`×`height` buffer.
pub fn draw(widget: impl Widget, width: u16, height: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    widget.render(buf.area, &mut buf);
    buf
}

pub use crate::ui::frame_text::to_text as text;

/// Each row as its characters, with `[fg=#RRGGBB bg=#RRGGBB bold]` wherever the style
/// changes (and at the start of every row); colours left to the terminal are not named.
pub fn colours(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut last = None;
        for_each_cell(buf, y, |cell| {
            let style = (cell.fg, cell.bg, cell.modifier);
            if last != Some(style) {
                out.push('[');
                out.push_str(&style_words(cell.fg, cell.bg, cell.modifier));
                out.push(']');
                last = Some(style);
            }
            out.push_str(cell.symbol());
        });
        out.push('\n');
    }
    out
}

fn style_words(fg: Color, bg: Color, modifier: Modifier) -> String {
    let mut words = Vec::new();
    if let Some(c) = colour_name(fg) {
        words.push(format!("fg={c}"));
    }
    if let Some(c) = colour_name(bg) {
        words.push(format!("bg={c}"));
    }
    for (flag, name) in [
        (Modifier::BOLD, "bold"),
        (Modifier::DIM, "dim"),
        (Modifier::ITALIC, "italic"),
        (Modifier::UNDERLINED, "underlined"),
        (Modifier::REVERSED, "reversed"),
        (Modifier::CROSSED_OUT, "crossed"),
    ] {
        if modifier.contains(flag) {
            words.push(name.to_string());
        }
    }
    if words.is_empty() {
        "plain".into()
    } else {
        words.join(" ")
    }
}

/// `#RRGGBB`, a palette index, or the name of one of the 16 terminal colours; `None` for the
/// terminal's own.
fn colour_name(c: Color) -> Option<String> {
    let name = match c {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some(format!("#{r:02X}{g:02X}{b:02X}")),
        Color::Indexed(i) => return Some(format!("@{i}")),
        Color::Black => "black",
        Color::Red => "red",
        Color::Green => "green",
        Color::Yellow => "yellow",
        Color::Blue => "blue",
        Color::Magenta => "magenta",
        Color::Cyan => "cyan",
        Color::Gray => "gray",
        Color::DarkGray => "darkgray",
        Color::LightRed => "lightred",
        Color::LightGreen => "lightgreen",
        Color::LightYellow => "lightyellow",
        Color::LightBlue => "lightblue",
        Color::LightMagenta => "lightmagenta",
        Color::LightCyan => "lightcyan",
        Color::White => "white",
    };
    Some(name.into())
}

#[test]
fn wide_characters_take_one_place_in_the_text() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
    buf.set_string(
        0,
        0,
        "日本x",
        ratatui::style::Style::new().fg(Color::Rgb(1, 2, 255)),
    );
    assert_eq!(text(&buf), "日本x \n");
    assert_eq!(colours(&buf), "[fg=#0102FF]日本x[plain] \n");
}
