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

/// Text cut from the left to `width` cells, `…` first when it is longer: the end of what is
/// being typed, where the cursor is.
pub fn fit_tail(text: &str, width: u16) -> String {
    if text.width() <= usize::from(width) {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let room = usize::from(width - 1);
    let mut used = 0;
    let mut start = text.len();
    for (i, ch) in text.char_indices().rev() {
        used += ch.width().unwrap_or(0);
        if used > room {
            break;
        }
        start = i;
    }
    format!("…{}", &text[start..])
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_keeps_the_end_in_the_width() {
        assert_eq!(fit_tail("abcdef", 6), "abcdef");
        assert_eq!(fit_tail("abcdef", 4), "…def");
        assert_eq!(fit_tail("今日だけ", 5), "…だけ");
        assert_eq!(fit_tail("abc", 0), "");
        assert_eq!(fit_tail("abc", 1), "…");
    }
}
