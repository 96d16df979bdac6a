//! Display width: text padded or cut by the cells it takes, since CJK and emoji take two.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Pads by display width: `format!` pads by characters, and `⌛` is two cells.
pub fn pad_to(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// Text cut to `width` cells with `…` when it is longer.
pub fn fit(text: &str, width: u16) -> String {
    if text.width() <= usize::from(width) {
        text.to_string()
    } else {
        ellipsis(text, width)
    }
}

/// Cut to `width` cells, the last one an ellipsis.
pub fn ellipsis(line: &str, width: u16) -> String {
    let room = usize::from(width.saturating_sub(1));
    let mut out = String::new();
    let mut used = 0;
    for ch in line.chars() {
        used += ch.width().unwrap_or(0);
        if used > room {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}
