//! What `simulate` replays, read and checked whole before anything runs: the `--events` file
//! (JSON Lines: events, displays, session starts) or the one event of `--event` and its flags.

use std::collections::BTreeMap;

use jiff::ZonedDateTime;
use serde::Deserialize;
use serde_json::error::Category;

use crate::rules::select::Event;
use crate::text::parse_now;

/// One thing that happens on the device, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// The app records an event at `at`; the device picks a message for it.
    Event { event: Event, at: ZonedDateTime },
    /// A message was displayed at `at` without an event here (from a device log, say).
    Displayed { id: String, at: ZonedDateTime },
    /// A new app session starts: session counts are 0 again.
    SessionStart,
}

/// A line of the events file that cannot be used, with its 1-based line and column.
#[derive(Clone, Debug, PartialEq)]
pub struct LineError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One line as written; which kind it is gets checked after it parses.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    event: Option<String>,
    attributes: Option<BTreeMap<String, String>>,
    metrics: Option<BTreeMap<String, f64>>,
    at: Option<String>,
    displayed: Option<String>,
    session: Option<SessionWord>,
}

#[derive(Deserialize)]
enum SessionWord {
    #[serde(rename = "start")]
    Start,
}

const KINDS: &str =
    "write {\"event\": NAME}, {\"displayed\": CAMPAIGN_ID} or {\"session\": \"start\"}";

/// The file as text, or where its first byte that is not UTF-8 is.
pub fn utf8(bytes: &[u8]) -> Result<&str, LineError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        LineError {
            line: before.iter().filter(|b| **b == b'\n').count() + 1,
            column: String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1,
            message: "this is not UTF-8 text: save the file as UTF-8".into(),
        }
    })
}

/// Reads an events file: one JSON object a line, blank lines skipped. A line without `at`
/// happens at the previous line's time, the first one at `start`. Stops at the first bad line.
pub fn parse_script(text: &str, start: &ZonedDateTime) -> Result<Vec<Step>, LineError> {
    // A byte-order mark (Windows tools write one) is no part of the first line.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut steps = Vec::new();
    let mut clock = start.clone();
    for (n, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        // Columns are found in bytes, as serde_json counts, and told in characters, as an
        // editor counts.
        let fail = |column: usize, message: String| LineError {
            line: n + 1,
            column: char_column(line, column),
            message,
        };
        if !line.trim_start().starts_with('{') {
            return Err(fail(
                first_column(line),
                format!("not a JSON object: {KINDS}"),
            ));
        }
        let parsed: Line =
            serde_json::from_str(line).map_err(|e| fail(e.column().max(1), serde_words(&e)))?;
        let at_column = |key: &str| value_column(line, key);
        if let Some(at) = &parsed.at {
            clock = parse_now(at).map_err(|e| fail(at_column("at"), e))?;
        }
        steps.push(step(parsed, &clock).map_err(|(key, why)| {
            let column = key.map_or_else(|| first_column(line), at_column);
            fail(column, why)
        })?);
    }
    Ok(steps)
}

/// serde_json's words without its position (the caller gives the file's), in the terms of
/// the events file.
fn serde_words(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = full
        .strip_suffix(&suffix)
        .unwrap_or(&full)
        .replace("expected f64", "expected a number")
        .replace(
            "expected a map",
            "expected an object such as {\"plan\": \"pro\"}",
        );
    match error.classify() {
        Category::Syntax if message.starts_with("number out of range") => {
            "this number is too large: give a finite number such as 50 or 9.99".into()
        }
        Category::Syntax | Category::Eof => format!(
            "{message}: each line must be one JSON object, e.g. {{\"event\": \"purchase\"}}"
        ),
        Category::Data | Category::Io => message,
    }
}

/// The kind of a parsed line, or the key whose value is wrong and why.
fn step(line: Line, at: &ZonedDateTime) -> Result<Step, (Option<&'static str>, String)> {
    let kinds = [
        ("event", line.event.is_some()),
        ("displayed", line.displayed.is_some()),
        ("session", line.session.is_some()),
    ];
    let present: Vec<&str> = kinds.iter().filter(|k| k.1).map(|k| k.0).collect();
    if let [first, second, ..] = present.as_slice() {
        return Err((
            Some(second),
            format!(
                "a line is one thing, \"{first}\" or \"{second}\": put each on a line of its own"
            ),
        ));
    }
    if line.event.is_none() {
        for (key, given) in [
            ("attributes", line.attributes.is_some()),
            ("metrics", line.metrics.is_some()),
        ] {
            if given {
                return Err((
                    Some(key),
                    format!("\"{key}\" belongs to an event: add \"event\": NAME to this line"),
                ));
            }
        }
    }
    let at = at.clone();
    if let Some(name) = line.event {
        let event = Event {
            name: event_name(&name).map_err(|e| (Some("event"), e))?,
            attributes: line.attributes.unwrap_or_default(),
            metrics: line.metrics.unwrap_or_default(),
        };
        if let Some((key, _)) = event.metrics.iter().find(|(_, v)| !v.is_finite()) {
            return Err((Some("metrics"), not_finite(key)));
        }
        return Ok(Step::Event { event, at });
    }
    if let Some(id) = line.displayed {
        if id.is_empty() {
            return Err((
                Some("displayed"),
                "\"displayed\" is empty: give the CampaignId of the message shown".into(),
            ));
        }
        return Ok(Step::Displayed { id, at });
    }
    match line.session {
        Some(SessionWord::Start) => Ok(Step::SessionStart),
        None => Err((None, format!("this line says nothing to replay: {KINDS}"))),
    }
}

/// An event name as given by `--event` or a line: anything but empty.
pub fn event_name(name: &str) -> Result<String, String> {
    if name.is_empty() {
        Err("an event needs a name, e.g. _session.start or purchase".into())
    } else {
        Ok(name.to_string())
    }
}

fn not_finite(key: &str) -> String {
    format!("metric {key} is not a finite number: give a number such as 50 or 9.99")
}

/// `--attr KEY=VALUE`, e.g. `--attr plan=pro`.
pub fn parse_attr(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_string(), value.to_string())),
        _ => Err(format!(
            "\"{text}\" is not an attribute: write KEY=VALUE, e.g. --attr plan=pro"
        )),
    }
}

/// `--metric KEY=NUMBER`, e.g. `--metric cart_value=49.90`.
pub fn parse_metric(text: &str) -> Result<(String, f64), String> {
    let bad =
        || format!("\"{text}\" is not a metric: write KEY=NUMBER, e.g. --metric cart_value=50");
    let (key, value) = text.split_once('=').ok_or_else(bad)?;
    let number: f64 = value.trim().parse().map_err(|_| bad())?;
    if key.is_empty() {
        return Err(bad());
    }
    if !number.is_finite() {
        return Err(not_finite(key));
    }
    Ok((key.to_string(), number))
}

/// The 1-based column where the line's first character is.
fn char_column(line: &str, byte_column: usize) -> usize {
    let end = byte_column.saturating_sub(1).min(line.len());
    String::from_utf8_lossy(&line.as_bytes()[..end])
        .chars()
        .count()
        + 1
}

fn first_column(line: &str) -> usize {
    line.len() - line.trim_start().len() + 1
}

/// The 1-based column (in bytes, as serde_json counts) where the value of a top-level `key`
/// starts, in a line already known to be one valid JSON object; the line's start if absent.
fn value_column(line: &str, key: &str) -> usize {
    let bytes = line.as_bytes();
    let skip_space = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    let mut i = skip_space(0) + 1;
    loop {
        i = skip_space(i);
        if bytes.get(i) != Some(&b'"') {
            return first_column(line);
        }
        let key_end = end_of_value(bytes, i);
        let name: Option<String> = serde_json::from_str(&line[i..key_end]).ok();
        let value = skip_space(skip_space(key_end) + 1);
        if name.as_deref() == Some(key) {
            return value + 1;
        }
        i = skip_space(end_of_value(bytes, value)) + 1;
    }
}

/// The index just after the JSON value starting at `i`.
fn end_of_value(bytes: &[u8], mut i: usize) -> usize {
    let (mut depth, mut in_string) = (0usize, false);
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match (in_string, b) {
            (true, b'\\') => i += 1,
            (true, b'"') => {
                in_string = false;
                if depth == 0 {
                    return i;
                }
            }
            (true, _) => {}
            (false, b'"') => in_string = true,
            (false, b'{' | b'[') => depth += 1,
            (false, b'}' | b']') if depth == 0 => return i - 1,
            (false, b'}' | b']') => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            (false, b',') if depth == 0 => return i - 1,
            (false, c) if depth == 0 && c.is_ascii_whitespace() => return i - 1,
            (false, _) => {}
        }
    }
    i
}

#[cfg(test)]
mod tests;
