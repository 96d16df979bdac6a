//! SARIF 2.1.0 for GitHub code scanning: every rule of the catalogue in the driver, a result
//! per finding at its file, line and column (live endpoints get a logical location instead),
//! and unreadable files as notifications of a run that did not fully succeed.

use serde_json::{Value, json};

use super::Run;
use super::json::to_text;
use super::report::{FileReport, Located, slashed};
use super::text::words;
use crate::rules::check::{RULES, Severity};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Cargo.toml's `repository`, when set: SARIF's `informationUri`.
const HOME: &str = env!("CARGO_PKG_REPOSITORY");

pub(super) fn render(run: &Run) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation },
                "help": { "text": format!("{}\n\n{}", r.summary, r.explanation) },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    let results: Vec<Value> = run
        .files
        .iter()
        .flat_map(|file| file.findings.iter().map(move |l| result(file, l)))
        .collect();
    let notifications: Vec<Value> = run
        .unreadable
        .iter()
        .map(|bad| {
            json!({
                "level": "error",
                "message": { "text": bad.text },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": uri(&bad.file) }
                }}],
            })
        })
        .collect();
    let mut driver = json!({
        "name": "pinview",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if !HOME.is_empty() {
        driver["informationUri"] = json!(HOME);
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "invocations": [{
                "executionSuccessful": run.unreadable.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    to_text(&log)
}

fn result(file: &FileReport, located: &Located) -> Value {
    let f = &located.finding;
    let mut message = words(located);
    if located.at.is_none() {
        // No line to point at: the message names the field.
        message = format!("{message} (at {})", located.json_path);
    }
    let mut out = json!({
        "ruleId": f.rule.id,
        "level": level(f.severity()),
        "message": { "text": message },
        // Stable while lines move: the rule, the campaign and the field.
        "partialFingerprints": {
            "pinviewField/v1": format!("{}|{}|{}", f.rule.id, located.campaign_id, f.path),
        },
    });
    if let Some(index) = RULES.iter().position(|r| r.id == f.rule.id) {
        out["ruleIndex"] = json!(index);
    }
    out["locations"] = match (file.is_file, located.at) {
        (true, Some(at)) => json!([{ "physicalLocation": {
            "artifactLocation": { "uri": uri(&file.name) },
            "region": { "startLine": at.line.max(1), "startColumn": at.column.max(1) },
        }}]),
        // A live endpoint has no file: the response's path names the field.
        _ => json!([{ "logicalLocations": [{
            "fullyQualifiedName": format!("{}/{}", file.name, located.json_path),
            "kind": "member",
        }]}]),
    };
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The path as given, as a relative URI reference: forward slashes, and what a URI cannot hold
/// percent-encoded (a `:` too, so `c:x.json` is not read as a scheme).
fn uri(path: &str) -> String {
    let path = slashed(path);
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_keep_the_path_and_encode_the_rest() {
        assert_eq!(uri("./campaigns/a.json"), "campaigns/a.json");
        assert_eq!(uri("my dir/é:1.json"), "my%20dir/%C3%A9%3A1.json");
    }
}
