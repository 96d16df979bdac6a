//! SARIF validated against the official SARIF 2.1.0 schema (vendored beside the fixtures) and
//! checked as GitHub code scanning reads it; JUnit XML parsed back and its counts checked.

use std::path::Path;

use pinview::rules::check::RULES;
use serde_json::Value;

use super::{DIR, check, fixture, json, status, stdout};

/// The official schema, compiled once per call: cheap next to running the binary.
fn validate(sarif: &Value) -> Result<(), String> {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(DIR)
        .join("sarif/sarif-schema-2.1.0.json");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    let index = compiler
        .compile(schema.to_str().unwrap(), &mut schemas)
        .map_err(|e| format!("{e:#}"))?;
    schemas.validate(sarif, index).map_err(|e| format!("{e:#}"))
}

fn sarif(args: &[&str]) -> (Value, std::process::Output) {
    let out = check(&[args, &["--format", "sarif"]].concat());
    let log = serde_json::from_str(&stdout(&out)).expect("SARIF is JSON");
    (log, out)
}

#[test]
fn sarif_is_valid_sarif_2_1_0_as_github_reads_it() {
    let cases: [&[&str]; 4] = [
        &["--file", &fixture("shapes")],
        &["--demo"],
        &["--file", &fixture("clean.json")],
        &[
            "--file",
            &fixture("shapes/api.json"),
            &fixture("bad-syntax.json"),
        ],
    ];
    for args in cases {
        let (log, _) = sarif(args);
        if let Err(e) = validate(&log) {
            panic!("{args:?}: not valid SARIF 2.1.0:\n{e}\n{log:#}");
        }
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "pinview");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        let rules = driver["rules"].as_array().unwrap();
        assert_eq!(rules.len(), RULES.len());
        for (rule, want) in rules.iter().zip(RULES) {
            assert_eq!(rule["id"], want.id);
            assert_eq!(rule["name"], want.name);
            assert_eq!(rule["shortDescription"]["text"], want.summary);
            assert_eq!(rule["fullDescription"]["text"], want.explanation);
            assert!(
                rule["help"]["text"]
                    .as_str()
                    .unwrap()
                    .contains(want.explanation)
            );
            // SARIF's levels have the catalogue's words.
            assert_eq!(rule["defaultConfiguration"]["level"], want.severity.word());
        }
        for result in run["results"].as_array().unwrap() {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"], "{result}");
            assert_eq!(
                result["level"],
                rules[index]["defaultConfiguration"]["level"]
            );
            let at = &result["locations"][0]["physicalLocation"];
            assert!(at["region"]["startLine"].as_u64().unwrap() >= 1, "{result}");
            assert!(
                at["region"]["startColumn"].as_u64().unwrap() >= 1,
                "{result}"
            );
            let uri = at["artifactLocation"]["uri"].as_str().unwrap();
            assert!(!uri.contains('\\') && !uri.starts_with('/'), "{uri}");
        }
    }
}

#[test]
fn the_schema_refuses_what_is_not_sarif() {
    let (mut log, _) = sarif(&["--file", &fixture("shapes/api.json")]);
    assert!(validate(&log).is_ok());
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(
        validate(&log).is_err(),
        "a level SARIF does not have passed"
    );
    let (mut log, _) = sarif(&["--file", &fixture("shapes/api.json")]);
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(validate(&log).is_err(), "startLine 0 passed");
}

#[test]
fn sarif_results_point_at_the_field_and_name_the_campaign() {
    let api = fixture("shapes/api.json");
    let (log, out) = sarif(&["--file", &api]);
    status(&out, 1);
    let run = &log["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let first = &run["results"][0];
    assert_eq!(first["ruleId"], "PV012");
    assert_eq!(first["level"], "error");
    assert_eq!(
        first["message"]["text"],
        "campaign winter-sale-2026, card 2: body is 164 characters; devices show at most 150"
    );
    let at = &first["locations"][0]["physicalLocation"];
    assert_eq!(at["artifactLocation"]["uri"], api.as_str());
    assert_eq!(at["region"]["startLine"], 54);
    assert_eq!(at["region"]["startColumn"], 23);
    let second = &run["results"][1];
    assert_eq!(
        (second["ruleId"].as_str(), second["level"].as_str()),
        (Some("PV033"), Some("warning"))
    );
    // An unreadable file makes the run unsuccessful and is named in a notification.
    let (log, out) = sarif(&["--file", &api, &fixture("bad-syntax.json")]);
    status(&out, 2);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert!(
        note["message"]["text"]
            .as_str()
            .unwrap()
            .contains("bad-syntax.json:3:24: invalid JSON")
    );
}

fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name)
        .unwrap_or_else(|| panic!("no {name} on {node:?}"))
}

fn children<'a, 'i>(node: roxmltree::Node<'a, 'i>, tag: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children().filter(|n| n.has_tag_name(tag)).collect()
}

#[test]
fn junit_has_a_suite_per_file_and_a_case_per_campaign() {
    let (api, warning, clean) = (
        fixture("shapes/api.json"),
        fixture("warning.json"),
        fixture("clean.json"),
    );
    let bad = fixture("bad-syntax.json");
    let out = check(&["--file", &api, &warning, &clean, &bad, "--format", "junit"]);
    status(&out, 2);
    let text = stdout(&out);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(
        (
            attr(root, "tests"),
            attr(root, "failures"),
            attr(root, "errors")
        ),
        ("4", "1", "1")
    );
    let suites = children(root, "testsuite");
    let names: Vec<&str> = suites.iter().map(|s| attr(*s, "name")).collect();
    assert_eq!(names, [api.as_str(), &warning, &clean, &bad]);

    let cases = children(suites[0], "testcase");
    assert_eq!(
        (attr(suites[0], "tests"), attr(suites[0], "failures")),
        ("1", "1")
    );
    assert_eq!(
        (attr(cases[0], "classname"), attr(cases[0], "name")),
        (api.as_str(), "winter-sale-2026")
    );
    let failure = children(cases[0], "failure")[0];
    assert_eq!(attr(failure, "type"), "PV012");
    assert_eq!(
        attr(failure, "message"),
        "campaign winter-sale-2026, card 2: body is 164 characters; devices show at most 150"
    );
    let failed = failure.text().unwrap();
    assert!(
        failed.starts_with(&format!("{api}:54:23: error[PV012]")),
        "{failed}"
    );
    assert!(!failed.contains("PV033"), "below --fail-on: {failed}");
    let kept = children(cases[0], "system-out")[0].text().unwrap();
    assert!(kept.contains("warning[PV033]"), "{kept}");

    for suite in &suites[1..3] {
        assert_eq!(
            (attr(*suite, "tests"), attr(*suite, "failures")),
            ("1", "0")
        );
        assert!(children(children(*suite, "testcase")[0], "failure").is_empty());
    }
    let error = children(children(suites[3], "testcase")[0], "error")[0];
    assert!(attr(error, "message").contains("bad-syntax.json:3:24: invalid JSON"));
}

#[test]
fn junit_fails_what_reaches_fail_on_and_counts_the_demo() {
    let out = check(&[
        "--file",
        &fixture("warning.json"),
        "--format",
        "junit",
        "--fail-on",
        "warning",
    ]);
    status(&out, 1);
    let text = stdout(&out);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(attr(failure, "type"), "PV026");

    let findings = json(&check(&["--demo", "--format", "json"]));
    let out = check(&["--demo", "--format", "junit"]);
    let text = stdout(&out);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    let cases = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert_eq!(attr(root, "tests"), cases.to_string());
    assert_eq!(children(root, "testsuite").len(), 3);
    let mut failing: Vec<(String, String)> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["file"].as_str().unwrap().into(),
                f["campaign"].as_str().unwrap().into(),
            )
        })
        .collect();
    failing.dedup();
    assert_eq!(attr(root, "failures"), failing.len().to_string());
    let failed: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase") && !children(*n, "failure").is_empty())
        .map(|n| (attr(n, "classname").into(), attr(n, "name").into()))
        .collect();
    assert_eq!(failed, failing);
}
