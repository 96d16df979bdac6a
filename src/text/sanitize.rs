//! The one gate text from campaigns, files and servers passes before it reaches a cell.
//!
//! Control characters would let a campaign author move the cursor, retitle the window or hide
//! text in a QA engineer's terminal; bidi overrides would make text read other than it is.
//! They are replaced by visible stand-ins so the reviewer sees that something was there.

use std::borrow::Cow;

/// One line of text: line breaks become spaces.
pub fn clean(text: &str) -> Cow<'_, str> {
    clean_with(text, false)
}

/// Text that may span lines: `\n` is kept for the caller to break on, `\r\n` folds to `\n`.
pub fn clean_multiline(text: &str) -> Cow<'_, str> {
    clean_with(text, true)
}

fn clean_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(needs_replacing) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | LINE_SEPARATOR | PARAGRAPH_SEPARATOR if keep_newlines => out.push('\n'),
            '\n' | '\r' | '\t' | LINE_SEPARATOR | PARAGRAPH_SEPARATOR => out.push(' '),
            c if needs_replacing(c) => out.push(stand_in(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Unicode's own line breaks: terminals give them no cell while ratatui gives them one, so a
/// raw one shifts the rest of its row and leaves old text on screen.
const LINE_SEPARATOR: char = '\u{2028}';
const PARAGRAPH_SEPARATOR: char = '\u{2029}';

fn needs_replacing(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, LINE_SEPARATOR | PARAGRAPH_SEPARATOR)
}

/// Explicit directional embeddings, overrides and isolates (the "Trojan Source" set), and the
/// implicit marks (LRM, RLM, ALM) that reorder text as well.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// C0 controls show as their Unicode control pictures (`␛` for ESC); everything else as `�`.
fn stand_in(c: char) -> char {
    match c as u32 {
        n @ 0x00..=0x1F => char::from_u32(0x2400 + n).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_untouched() {
        assert!(matches!(clean("Winter sale ❄️ 今日だけ"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_and_controls_become_visible() {
        assert_eq!(clean("a\u{1b}[31mb\u{7}"), "a␛[31mb␇");
        assert_eq!(clean("x\u{9b}y\u{7f}"), "x\u{FFFD}y␡");
        assert_eq!(
            clean("evil\u{202E}txt.exe\u{2066}"),
            "evil\u{FFFD}txt.exe\u{FFFD}"
        );
        assert_eq!(clean("a\u{200F}b\u{061C}c"), "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn unicode_line_separators_break_lines_like_newlines() {
        assert_eq!(clean("1\u{2028}2\u{2029}3"), "1 2 3");
        assert_eq!(clean_multiline("1\u{2028}2\u{2029}3"), "1\n2\n3");
    }

    #[test]
    fn line_breaks_depend_on_context() {
        assert_eq!(clean("a\r\nb\tc"), "a b c");
        assert_eq!(clean_multiline("a\r\nb\rc\u{1b}"), "a\nb\nc␛");
    }

    #[test]
    fn nothing_control_survives() {
        let nasty: String = (0u32..0x250).filter_map(char::from_u32).collect();
        let cleaned = clean(&nasty);
        assert!(
            !cleaned
                .chars()
                .any(|c| c.is_control() || is_bidi_control(c))
        );
    }
}
