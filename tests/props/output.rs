//! What every drawn frame must be, whatever was drawn: as many rows as the frame is tall, each
//! exactly as wide in cells, and no control character but the SGR colours and the row breaks.

use pinview::render::{to_ansi, to_text};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use super::strings::{BIDI, SEPARATORS};

/// A character that must never reach a terminal from pinview's frames or findings.
pub fn is_control(c: char) -> bool {
    c.is_control() || BIDI.contains(&c) || SEPARATORS.contains(&c)
}

/// `text` has no control character; `what` names it in the failure.
pub fn no_controls(what: &str, text: &str) -> Result<(), TestCaseError> {
    if let Some(c) = text.chars().find(|&c| is_control(c)) {
        return Err(TestCaseError::fail(format!(
            "{what} holds control character {c:?}: {text:?}"
        )));
    }
    Ok(())
}

/// The frame as text and as ANSI has the buffer's rows and width, and no stray controls; the
/// ANSI without its SGR sequences is the text.
pub fn check_frame(buf: &Buffer) -> Result<(), TestCaseError> {
    let (width, height) = (buf.area.width, buf.area.height);
    let text = to_text(buf);
    rows("text", &text, width, height)?;
    let ansi = to_ansi(buf);
    let plain = strip_sgr(&ansi)?;
    rows("ansi", &plain, width, height)?;
    prop_assert!(
        plain == text,
        "ANSI without its colours differs from the text"
    );
    Ok(())
}

fn rows(what: &str, frame: &str, width: u16, height: u16) -> Result<(), TestCaseError> {
    let Some(body) = frame.strip_suffix('\n') else {
        return Err(TestCaseError::fail(format!(
            "{what}: no final newline: {frame:?}"
        )));
    };
    let rows: Vec<&str> = body.split('\n').collect();
    prop_assert_eq!(rows.len(), usize::from(height), "{} rows", what);
    for (y, row) in rows.iter().enumerate() {
        no_controls(&format!("{what} row {y}"), row)?;
        prop_assert_eq!(
            row.width(),
            usize::from(width),
            "{} row {} is not {} cells: {:?}",
            what,
            y,
            width,
            row
        );
    }
    Ok(())
}

/// The ANSI frame without its `ESC [ digits;… m` sequences; any other escape fails.
fn strip_sgr(ansi: &str) -> Result<String, TestCaseError> {
    let mut out = String::with_capacity(ansi.len());
    let mut rest = ansi;
    while let Some(at) = rest.find('\x1b') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let params = after
            .strip_prefix('[')
            .map(|p| p.trim_start_matches(|c: char| c.is_ascii_digit() || c == ';'));
        match params.and_then(|p| p.strip_prefix('m')) {
            Some(tail) => rest = tail,
            None => {
                let near: String = rest[at..].chars().take(12).collect();
                return Err(TestCaseError::fail(format!(
                    "an escape that is not SGR: {near:?}"
                )));
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}
