//! Text for XML documents (SVG pictures, JUnit reports): markup escaped, and whatever XML 1.0
//! cannot hold — control characters, U+FFFE, U+FFFF — replaced, so a document always parses.

/// `text` as XML character data or an attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if allowed(c) && !c.is_control() || c == '\n' => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// XML 1.0's Char production.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_what_xml_cannot_hold_replaced() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(
            escape("x\u{1b}y\u{FFFF}\u{FFFE}\u{85}"),
            "x\u{FFFD}y\u{FFFD}\u{FFFD}\u{FFFD}"
        );
        assert_eq!(escape("a\nb"), "a\nb");
    }
}
