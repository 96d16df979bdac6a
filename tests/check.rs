//! `pinview check` as CI runs it: exit statuses, the text, JSON and GitHub reports, each
//! finding at its line and column in every input shape, bad files named by FILE:LINE:COL,
//! `--rules`, `--explain`, and the README's rule table.

mod formats;
mod images;
mod live;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

pub const NOW: &str = "2026-11-24T12:00:00Z";
pub const DIR: &str = "tests/fixtures/check";
/// The 164-character body of card 2 of winter-sale-2026 in `shapes/`.
const LONG_BODY: &str = "Our winter sale is on: coats, boots and scarves";

/// The binary, away from the user's config file.
pub fn pinview(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pinview"))
        .args(args)
        .env_remove("PINVIEW_CONFIG")
        .env("XDG_CONFIG_HOME", Path::new(DIR).join("no-config"))
        .output()
        .expect("run pinview")
}

/// `pinview check --now NOW ARGS`.
pub fn check(args: &[&str]) -> Output {
    pinview(&[&["check", "--now", NOW], args].concat())
}

pub fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 on stdout")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
pub fn status(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(out)
    );
}

pub fn json(out: &Output) -> Vec<Value> {
    serde_json::from_str::<Vec<Value>>(&stdout(out)).expect("a JSON list of findings")
}

/// The line and column where `needle` starts in a file, counted in characters.
fn position_of(path: &str, needle: &str) -> (u64, u64) {
    let text = std::fs::read_to_string(path).unwrap();
    for (i, line) in text.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            // The value starts at its opening quote.
            let column = line[..byte].chars().count();
            return (i as u64 + 1, column as u64);
        }
    }
    panic!("{needle} not in {path}");
}

#[test]
fn text_names_file_line_column_campaign_and_card_then_sums_up() {
    let out = check(&[
        "--file",
        &fixture("shapes/api.json"),
        &fixture("clean.json"),
    ]);
    status(&out, 1);
    let api = fixture("shapes/api.json");
    assert_eq!(
        stdout(&out),
        format!(
            "{api}:54:23: error[PV012] campaign winter-sale-2026, card 2: body is 164 characters; devices show at most 150\n\
             {api}:21:19: warning[PV033] campaign winter-sale-2026: CAROUSEL is not drawn by browsers; they select it and show nothing (web)\n\
             \n\
             1 error, 1 warning in 2 campaigns (2 files)\n"
        )
    );
    assert_eq!(stderr(&out), "");
}

/// A byte-order mark (Windows tools write one) moves no finding: places are as without it.
#[test]
fn a_byte_order_mark_keeps_every_place() {
    let api = fixture("shapes/api.json");
    let dir = tempfile::tempdir().unwrap();
    let marked = dir.path().join("api.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&api).unwrap());
    std::fs::write(&marked, bytes).unwrap();
    let places = |path: &str| -> Vec<String> {
        stdout(&check(&["--file", path]))
            .lines()
            .filter_map(|l| l.strip_prefix(path))
            .map(str::to_string)
            .collect()
    };
    let plain = places(&api);
    assert!(plain[0].starts_with(":54:23: "), "{plain:?}");
    assert_eq!(places(marked.to_str().unwrap()), plain);
}

#[test]
fn a_clean_file_prints_the_summary_alone_and_exits_0() {
    let out = check(&["--file", &fixture("clean.json")]);
    status(&out, 0);
    assert_eq!(stdout(&out), "no findings in 1 campaign (1 file)\n");
}

#[test]
fn every_input_shape_places_the_long_body_at_its_value() {
    let shapes = [
        ("api.json", "InAppMessageCampaigns[0]."),
        (
            "cli.json",
            "InAppMessagesResponse.InAppMessageCampaigns[0].",
        ),
        ("list.json", "[0]."),
        ("single.json", ""),
    ];
    for (name, prefix) in shapes {
        let path = fixture(&format!("shapes/{name}"));
        let out = check(&["--file", &path, "--format", "json"]);
        status(&out, 1);
        let findings = json(&out);
        let body = findings
            .iter()
            .find(|f| f["rule"] == "PV012")
            .unwrap_or_else(|| panic!("no PV012 for {name}: {findings:?}"));
        let (line, column) = position_of(&path, &format!("\"{LONG_BODY}"));
        assert_eq!(
            (body["line"].as_u64(), body["column"].as_u64()),
            (Some(line), Some(column + 1)),
            "{name}"
        );
        assert_eq!(
            body["json_path"],
            format!("{prefix}InAppMessage.Content[1].BodyConfig.Body"),
            "{name}"
        );
        assert_eq!(body["file"], path.as_str());
        assert_eq!(body["card"], 2);
        assert_eq!(body["campaign"], "winter-sale-2026");
    }
}

#[test]
fn json_gives_every_field_of_a_finding() {
    let out = check(&["--file", &fixture("shapes/cli.json"), "--format", "json"]);
    status(&out, 1);
    let findings = json(&out);
    assert_eq!(
        findings,
        serde_json::json!([
            {
                "rule": "PV012", "severity": "error", "file": fixture("shapes/cli.json"),
                "line": 55, "column": 25,
                "json_path": "InAppMessagesResponse.InAppMessageCampaigns[0].InAppMessage.Content[1].BodyConfig.Body",
                "campaign": "winter-sale-2026", "card": 2, "platforms": ["android", "ios", "web"],
                "message": "body is 164 characters; devices show at most 150"
            },
            {
                "rule": "PV033", "severity": "warning", "file": fixture("shapes/cli.json"),
                "line": 22, "column": 21,
                "json_path": "InAppMessagesResponse.InAppMessageCampaigns[0].InAppMessage.Layout",
                "campaign": "winter-sale-2026", "card": null, "platforms": ["web"],
                "message": "CAROUSEL is not drawn by browsers; they select it and show nothing"
            }
        ])
        .as_array()
        .unwrap()
        .clone()
    );
    // Keys in the order people read them, not sorted.
    let text = stdout(&out);
    let order = [
        "\"rule\"",
        "\"severity\"",
        "\"file\"",
        "\"line\"",
        "\"json_path\"",
        "\"message\"",
    ];
    let at: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn fail_on_sets_the_least_severity_that_fails() {
    let warning = fixture("warning.json");
    let out = check(&["--file", &warning]);
    status(&out, 0);
    assert_eq!(
        stdout(&out),
        format!(
            "{warning}:4:17: warning[PV026] campaign priority-zero: Priority 0 is no priority on devices; any campaign with a priority beats it\n\n1 warning in 1 campaign (1 file)\n"
        )
    );
    status(&check(&["--file", &warning, "--fail-on", "warning"]), 1);
    status(&check(&["--file", &warning, "--fail-on", "note"]), 1);
    status(
        &check(&["--file", &fixture("clean.json"), "--fail-on", "note"]),
        0,
    );
    status(
        &check(&["--file", &fixture("shapes/api.json"), "--fail-on", "error"]),
        1,
    );
}

#[test]
fn unreadable_inputs_exit_2_and_the_readable_are_still_reported() {
    let missing = fixture("no-such-file.json");
    let out = check(&[
        "--file",
        &fixture("bad-syntax.json"),
        &missing,
        &fixture("warning.json"),
        &fixture("bad-shape.json"),
    ]);
    status(&out, 2);
    assert_eq!(
        stderr(&out),
        format!(
            "{}:3:24: invalid JSON: key must be a string\n\
             {missing}: no such file or directory\n\
             {}:3:42: InAppMessageCampaigns[0].Priority: invalid type: string \"high\", expected an integer\n",
            fixture("bad-syntax.json"),
            fixture("bad-shape.json")
        )
    );
    let text = stdout(&out);
    assert!(
        text.contains("warning[PV026] campaign priority-zero"),
        "{text}"
    );
    assert!(
        text.ends_with("1 warning in 1 campaign (1 file, 3 unreadable)\n"),
        "{text}"
    );
}

#[test]
fn a_directory_is_read_in_path_order() {
    let out = check(&["--file", &fixture("shapes"), "--format", "json"]);
    status(&out, 1);
    let files: Vec<String> = json(&out)
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    let names = [
        "api", "api", "cli", "cli", "list", "list", "single", "single",
    ];
    let want: Vec<String> = names
        .iter()
        .map(|n| fixture(&format!("shapes/{n}.json")))
        .collect();
    assert_eq!(files, want);
}

#[test]
fn the_demo_is_named_as_its_files_with_locations() {
    let out = check(&["--demo", "--format", "json"]);
    let findings = json(&out);
    assert!(!findings.is_empty());
    for f in &findings {
        let file = f["file"].as_str().unwrap();
        assert!(
            file.starts_with("demo/demo-app/") && file.ends_with(".json"),
            "{f}"
        );
        assert!(f["line"].as_u64().is_some_and(|l| l >= 1), "{f}");
        assert!(f["column"].as_u64().is_some_and(|c| c >= 1), "{f}");
    }
    let endpoint = check(&["--demo", "--endpoint", "iphone-15"]);
    let text = stdout(&endpoint);
    assert!(
        text.lines().all(|l| !l.starts_with("demo/demo-app/web")),
        "{text}"
    );
    assert!(text.ends_with("(1 file)\n"), "{text}");
}

#[test]
fn platform_narrows_the_platform_rules() {
    let api = fixture("shapes/api.json");
    let web = stdout(&check(&["--file", &api, "--platform", "web"]));
    assert!(web.contains("warning[PV033]"), "{web}");
    let android = stdout(&check(&["--file", &api, "--platform", "android"]));
    assert!(!android.contains("PV033"), "{android}");
    assert!(android.contains("error[PV012]"), "{android}");
}

#[test]
fn now_decides_whether_an_end_date_has_passed() {
    let clean = fixture("clean.json");
    let later = pinview(&["check", "--file", &clean, "--now", "2027-05-01T00:00:00Z"]);
    status(&later, 0);
    let text = stdout(&later);
    assert!(
        text.contains(&format!(
            "{clean}:6:18: warning[PV041] campaign spring-welcome"
        )),
        "{text}"
    );
    status(&check(&["--file", &clean]), 0);
    assert!(!stdout(&check(&["--file", &clean])).contains("PV041"));
}

#[test]
fn github_annotations_escape_what_would_end_a_property_or_a_command() {
    let path = fixture("controls.json");
    let out = check(&["--file", &path, "--format", "github"]);
    status(&out, 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "::error file={path},line=27,col=21,title=PV012::campaign x\u{241b}[31m,red:%25<&\">, card 1: body is 186 characters; devices show at most 150"
        )
    );
    assert!(
        lines[1].starts_with(&format!(
            "::warning file={path},line=4,col=17,title=PV026::"
        )),
        "{text}"
    );
    assert_eq!(lines[2], "1 error, 1 warning in 1 campaign (1 file)");
    // A path with `,` and `:` cannot end the property early.
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("a,b:c.json");
    std::fs::copy(&path, &odd).unwrap();
    let text = stdout(&check(&[
        "--file",
        odd.to_str().unwrap(),
        "--format",
        "github",
    ]));
    assert!(
        text.contains("a%2Cb%3Ac.json,line=27,col=21,title=PV012::"),
        "{text}"
    );
}

/// A file that is no readable JSON fails the run: the job's annotations show it where it breaks.
#[test]
fn github_annotates_an_unreadable_file_where_it_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "[\n  {,}\n]").unwrap();
    let path = bad.to_str().unwrap();
    let out = check(&["--file", path, "--format", "github"]);
    let text = stdout(&out);
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!(
            "::error file={path},line=2,col=4,title=unreadable::{path}:2:4: invalid JSON"
        )),
        "{text}"
    );
}

#[test]
fn no_format_lets_campaign_text_drive_the_terminal() {
    let path = fixture("controls.json");
    for format in ["text", "json", "sarif", "github", "junit"] {
        let out = check(&["--file", &path, "--format", format]);
        status(&out, 1);
        let text = stdout(&out);
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| c != '\n' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)))
            .collect();
        assert!(bad.is_empty(), "{format}: {bad:?} in\n{text}");
        assert!(
            text.contains("red"),
            "{format}: the id is still shown: {text}"
        );
    }
}

#[test]
fn rules_lists_the_catalogue_without_a_source() {
    // Not even a broken config file stands in the way.
    let out = Command::new(env!("CARGO_BIN_EXE_pinview"))
        .args(["check", "--rules"])
        .env("PINVIEW_CONFIG", fixture("bad-syntax.json"))
        .output()
        .unwrap();
    status(&out, 0);
    let text = stdout(&out);
    assert_eq!(text, pinview::cli::rules_text());
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("PV")).collect();
    assert_eq!(rows.len(), pinview::rules::check::RULES.len());
    assert!(
        rows.iter().any(|r| r.split_whitespace().collect::<Vec<_>>()
            == [
                "PV012",
                "error",
                "body-too-long",
                "body",
                "over",
                "150",
                "characters"
            ]),
        "{text}"
    );
    assert!(text.contains("(with --images)"), "{text}");
}

#[test]
fn explain_prints_one_rule_and_an_unknown_id_exits_2() {
    let out = pinview(&["check", "--explain", "pv012"]);
    status(&out, 0);
    let text = stdout(&out);
    assert!(
        text.starts_with("PV012 body-too-long (error)\nbody over 150 characters\n\n"),
        "{text}"
    );
    assert!(
        text.contains("Pinpoint documents at most 150 characters"),
        "{text}"
    );
    let out = pinview(&["check", "--explain", "PV999"]);
    status(&out, 2);
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("no rule \"PV999\": `pinview check --rules` lists"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn without_a_source_check_says_how_to_give_one() {
    let out = pinview(&["check"]);
    status(&out, 2);
    assert!(stderr(&out).contains("--demo"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--file PATH"), "{}", stderr(&out));
}

/// `PINVIEW_BLESS=1 cargo test readme_rules` writes the table again.
#[test]
fn readme_rules_table_matches_the_catalogue() {
    const START: &str = "<!-- rules:start -->\n";
    const END: &str = "<!-- rules:end -->";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md needs the markers {START:?} and {END:?} around the rule table");
    };
    let table = pinview::cli::rules_markdown();
    let current = &readme[start + START.len()..end];
    if current == table {
        return;
    }
    if std::env::var_os("PINVIEW_BLESS").is_some() {
        let fresh = format!(
            "{}{table}{}",
            &readme[..start + START.len()],
            &readme[end..]
        );
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    panic!(
        "README.md's rule table differs from the catalogue (src/rules/check/catalog.rs).\n\
         Write it again with: PINVIEW_BLESS=1 cargo test readme_rules\n\nwanted:\n{table}\nfound:\n{current}"
    );
}
