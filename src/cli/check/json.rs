//! The JSON report: a list of findings for scripts, each with its file, line, column and JSON
//! path; and the escaping JSON and SARIF share so no campaign text can drive a terminal.

use std::fmt::Write;

use serde::Serialize;

use super::Run;

/// One finding, its fields in the order people read them.
#[derive(Serialize)]
struct Item<'a> {
    rule: &'a str,
    severity: &'a str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    json_path: &'a str,
    campaign: &'a str,
    /// From 1, as the text report counts cards.
    card: Option<usize>,
    platforms: Vec<&'a str>,
    message: &'a str,
}

pub(super) fn render(run: &Run) -> String {
    let items: Vec<Item<'_>> = run
        .files
        .iter()
        .flat_map(|file| file.findings.iter().map(move |l| (file, l)))
        .map(|(file, located)| {
            let f = &located.finding;
            Item {
                rule: f.rule.id,
                severity: f.severity().word(),
                file: super::report::slashed(&file.name),
                line: located.at.map(|at| at.line),
                column: located.at.map(|at| at.column),
                json_path: &located.json_path,
                campaign: &located.campaign_id,
                card: f.card.map(|c| c + 1),
                platforms: f.platforms.names(),
                message: &f.message,
            }
        })
        .collect();
    to_text(&items)
}

/// Pretty JSON with every control and bidi character escaped as `\uXXXX`: serde_json leaves
/// DEL, the C1 controls and bidi overrides raw, and a terminal would act on them.
pub(super) fn to_text(value: &impl Serialize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        // Outside strings serde_json writes only ASCII punctuation, spaces and line breaks.
        if c != '\n' && (c.is_control() || is_bidi_control(c)) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn controls_are_escaped_and_the_text_reads_back_the_same() {
        let original = "a\u{1b}[2J\u{7f}\u{9b}\u{202e}b\n\u{10ffff}";
        let text = to_text(&json!({ "m": original }));
        assert!(
            !text
                .chars()
                .any(|c| c != '\n' && (c.is_control() || is_bidi_control(c))),
            "{text:?}"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["m"], original);
    }
}
