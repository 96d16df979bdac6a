//! `pinview simulate` as a user runs it: the words for each rule, the JSON Lines other tools
//! parse, counts carried through an events file, and bad lines named by FILE:LINE:COL.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

const NOW: &str = "2026-11-24T12:00:00+01:00";

/// Five campaigns, one per rule that excludes, and two eligible ones of which `sale` wins.
const CAMPAIGNS: &str = r#"[
  {"CampaignId": "wrong-event", "Priority": 1, "Schedule": {"EventFilter": {"Dimensions": {
      "EventType": {"DimensionType": "INCLUSIVE", "Values": ["signup"]}}}}},
  {"CampaignId": "needs-plan", "Priority": 1, "Schedule": {"EventFilter": {"Dimensions": {
      "EventType": {"Values": ["purchase"]},
      "Attributes": {"plan": {"AttributeType": "INCLUSIVE", "Values": ["pro"]}}}}}},
  {"CampaignId": "big-cart", "Priority": 1, "Schedule": {"EventFilter": {"Dimensions": {
      "EventType": {"Values": ["purchase"]},
      "Metrics": {"cart_value": {"ComparisonOperator": "GREATER_THAN", "Value": 50}}}}}},
  {"CampaignId": "ended", "Priority": 1, "Schedule": {"EndDate": "2026-11-22T11:00:00Z",
      "EventFilter": {"Dimensions": {"EventType": {"Values": ["purchase"]}}}}},
  {"CampaignId": "later", "Priority": 3, "Schedule": {
      "EventFilter": {"Dimensions": {"EventType": {"Values": ["purchase"]}}}}},
  {"CampaignId": "sale", "Priority": 2, "SessionCap": 1, "Schedule": {
      "EventFilter": {"Dimensions": {"EventType": {"Values": ["purchase"]}}}},
      "InAppMessage": {"Layout": "TOP_BANNER", "Content": [{"HeaderConfig": {"Header": "Sale\u001b[2J today"}}]}}
]"#;

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().unwrap())
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// `pinview simulate --file campaigns.json --now NOW` with `args` after.
    fn simulate(&self, args: &[&str]) -> Output {
        let file = self.write("phone.json", CAMPAIGNS);
        pinview(&[&["simulate", "--file", path(&file), "--now", NOW], args].concat())
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn pinview(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pinview"))
        .args(args)
        .output()
        .expect("run pinview")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn text_names_each_rule_and_why_the_winner_wins() {
    let dir = Dir::new();
    let out = dir.simulate(&[
        "--event",
        "purchase",
        "--metric",
        "cart_value=40",
        "--attr",
        "country=FR",
    ]);
    let expected = "\
phone: 6 campaigns, in the order the device checks them

Event purchase · attributes country=FR · metrics cart_value=40 · at 2026-11-24T12:00:00+01:00
  ✕ #1 wrong-event  event purchase is not one of: signup
  ✕ #2 needs-plan   attribute plan: event has none
  ✕ #3 big-cart     metric cart_value: 40 is not > 50
  ✕ #4 ended        expired 2 days ago
  ✓ #5 later        eligible, not shown: priority 3 loses to priority 2 (#6)
  ✓ #6 sale         eligible: shown
  → shows sale \"Sale␛[2J today\": priority 2 beats 3
";
    let text = stdout(&out);
    // The target's name depends on how files are grouped; the rest is exact.
    let (_, body) = text.split_once(": ").unwrap();
    assert_eq!(body, expected.split_once(": ").unwrap().1);
    assert!(!text.contains('\u{1b}'), "no escape reaches the terminal");
}

#[test]
fn json_lines_keep_device_order_and_rule_names() {
    let dir = Dir::new();
    let out = dir.simulate(&[
        "--event", "purchase", "--attr", "plan=pro", "--format", "json",
    ]);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    let line = &lines[0];
    assert_eq!(line["event"], "purchase");
    assert_eq!(line["at"], NOW);
    assert_eq!(line["attributes"], serde_json::json!({"plan": "pro"}));
    assert_eq!(line["metrics"], serde_json::json!({}));
    assert_eq!(line["shown"], "needs-plan");
    assert_eq!(line["reason"], "priority 1 beats 2");
    let campaigns = line["campaigns"].as_array().unwrap();
    let rows: Vec<(&str, bool, Option<&str>)> = campaigns
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap(),
                c["eligible"].as_bool().unwrap(),
                c["excluded_by"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("wrong-event", false, Some("event")),
            ("needs-plan", true, None),
            ("big-cart", false, Some("metric")),
            ("ended", false, Some("end_date")),
            ("later", true, Some("priority")),
            ("sale", true, Some("priority")),
        ]
    );
    assert_eq!(campaigns[1]["reason"], Value::Null);
    assert_eq!(campaigns[2]["reason"], "metric cart_value: event has none");
    // Every field is always there, in the documented order.
    let raw = stdout(&out);
    let at = |key: &str| raw.find(&format!("\"{key}\":")).unwrap();
    let order = [
        "event",
        "at",
        "attributes",
        "metrics",
        "selected",
        "shown",
        "reason",
        "campaigns",
    ];
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "{raw}");
    assert_eq!(line.as_object().unwrap().len(), order.len());
    assert_eq!(campaigns[0].as_object().unwrap().len(), 4);
}

#[test]
fn a_session_cap_bites_and_a_new_session_resets_it() {
    let dir = Dir::new();
    let events = dir.write(
        "day.jsonl",
        "{\"event\": \"purchase\"}\n\
         {\"event\": \"purchase\", \"at\": \"2026-11-24T12:05:00+01:00\"}\n\
         {\"session\": \"start\"}\n\
         {\"event\": \"purchase\"}\n",
    );
    let lines = json_lines(&dir.simulate(&["--events", path(&events), "--format", "json"]));
    let shown: Vec<&Value> = lines.iter().map(|l| &l["shown"]).collect();
    assert_eq!(shown, ["sale", "later", "sale"]);
    assert_eq!(lines[1]["at"], "2026-11-24T12:05:00+01:00");
    assert_eq!(
        lines[2]["at"], "2026-11-24T12:05:00+01:00",
        "at carries forward"
    );
    let sale = &lines[1]["campaigns"][5];
    assert_eq!(sale["excluded_by"], "session_cap");
    assert_eq!(
        sale["reason"],
        "session cap 1 reached (shown 1 this session)"
    );
    assert_eq!(lines[1]["reason"], "the only eligible campaign");

    let text = stdout(&dir.simulate(&["--events", path(&events)]));
    assert!(text.contains("  ✕ #6 sale         session cap 1 reached (shown 1 this session)\n"));
    assert!(text.contains("\nNew session: session counts start again from 0\n"));
}

#[test]
fn a_recorded_display_counts_like_a_shown_one() {
    let dir = Dir::new();
    let events = dir.write(
        "log.jsonl",
        "{\"displayed\": \"sale\"}\n{\"event\": \"purchase\"}\n",
    );
    let lines = json_lines(&dir.simulate(&["--events", path(&events), "--format", "json"]));
    assert_eq!(lines.len(), 1, "a display prints no line of its own");
    assert_eq!(lines[0]["shown"], "later");
}

#[test]
fn nothing_shown_is_still_success() {
    let dir = Dir::new();
    let text = stdout(&dir.simulate(&["--event", "signin"]));
    assert!(
        text.ends_with("  → nothing shows: no campaign is eligible for signin\n"),
        "{text}"
    );
}

/// Runs a bad events file; returns stderr after checking nothing was printed and exit 2.
fn rejected(lines: &str) -> (String, String) {
    let dir = Dir::new();
    let events = dir.write("bad.jsonl", lines);
    let out = dir.simulate(&["--events", path(&events)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let stderr = String::from_utf8(out.stderr).unwrap();
    (stderr, format!("pinview: {}:", path(&events)))
}

#[test]
fn bad_json_is_named_by_line_and_column() {
    let (stderr, file) =
        rejected("{\"event\": \"purchase\"}\n\n{\"event\": \"purchase\" \"at\"}\n");
    assert!(
        stderr.starts_with(&format!("{file}3:22: expected `,` or `}}`")),
        "{stderr}"
    );
}

#[test]
fn unknown_keys_are_named() {
    let (stderr, file) = rejected("{\"event\": \"purchase\", \"atributes\": {}}\n");
    assert!(
        stderr.starts_with(&format!(
            "{file}1:33: unknown field `atributes`, expected one of"
        )),
        "{stderr}"
    );
}

#[test]
fn wrong_types_are_named() {
    let (stderr, file) = rejected(
        "{\"session\": \"start\"}\n{\"event\": \"purchase\", \"metrics\": {\"cart_value\": \"50\"}}\n",
    );
    assert_eq!(
        stderr,
        format!("{file}2:52: invalid type: string \"50\", expected a number\n")
    );
}

#[test]
fn a_line_of_no_kind_points_at_its_start() {
    let (stderr, file) = rejected("  {\"at\": \"2026-11-24T12:00:00Z\"}\n");
    assert!(stderr.starts_with(&format!("{file}1:3: this line says nothing to replay")));
}

#[test]
fn event_and_events_together_are_refused() {
    let dir = Dir::new();
    let events = dir.write("day.jsonl", "{\"event\": \"purchase\"}\n");
    let out = dir.simulate(&["--event", "purchase", "--events", path(&events)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
    let out = dir.simulate(&[]);
    assert_eq!(out.status.code(), Some(2));
}

/// The demo's own day of events walks winter-sale through its session, daily and total caps.
#[test]
fn the_demo_day_walks_through_the_caps() {
    let out = pinview(&[
        "simulate",
        "--demo",
        "--events",
        "assets/demo/events.jsonl",
        "--format",
        "json",
    ]);
    let shown: Vec<Value> = json_lines(&out)
        .into_iter()
        .map(|line| line["shown"].clone())
        .collect();
    let expected = [
        "winter-sale-2026",
        "onboarding-tour",
        "spring-teaser",
        "spring-teaser",
        "winter-sale-2026",
    ];
    let mut wanted: Vec<Value> = expected.iter().map(|id| Value::from(*id)).collect();
    wanted.push(Value::Null);
    assert_eq!(shown, wanted);
}

/// A layout devices do not know is selected, drawn as nothing and never counted, so it keeps
/// hiding the message below it (amplify-ui's useMessage renders nothing for it).
#[test]
fn an_unknown_layout_is_selected_but_never_drawn_or_counted() {
    let dir = Dir::new();
    let campaigns = r#"[
      {"CampaignId":"weird","Priority":1,"SessionCap":1,"InAppMessage":{"Layout":"WEIRD"},
       "Schedule":{"EventFilter":{"Dimensions":{"EventType":{"Values":["e"]}}}}},
      {"CampaignId":"ok","Priority":2,"InAppMessage":{"Layout":"TOP_BANNER"},
       "Schedule":{"EventFilter":{"Dimensions":{"EventType":{"Values":["e"]}}}}}
    ]"#;
    let file = dir.write("odd.json", campaigns);
    let events = dir.write("events.jsonl", "{\"event\":\"e\"}\n{\"event\":\"e\"}\n");
    let run = |format: &str| {
        pinview(&[
            "simulate",
            "--file",
            path(&file),
            "--events",
            path(&events),
            "--now",
            NOW,
            "--format",
            format,
        ])
    };
    for line in json_lines(&run("json")) {
        assert_eq!(line["selected"], "weird");
        assert_eq!(line["shown"], Value::Null);
    }
    let text = stdout(&run("text"));
    assert_eq!(text.matches("→ selects weird").count(), 2, "{text}");
    assert_eq!(
        text.matches("eligible: selected, drawn as nothing").count(),
        2,
        "{text}"
    );
    assert!(
        text.contains("its layout WEIRD is unknown to devices"),
        "{text}"
    );
}

/// Browsers draw no CAROUSEL: on web one is selected, shown as nothing and never counted.
#[test]
fn on_web_a_carousel_is_selected_but_never_drawn() {
    let dir = Dir::new();
    let campaigns = r#"[
      {"CampaignId":"slides","Priority":1,"InAppMessage":{"Layout":"CAROUSEL","Content":[{},{}]},
       "Schedule":{"EventFilter":{"Dimensions":{"EventType":{"Values":["e"]}}}}},
      {"CampaignId":"banner","Priority":2,"InAppMessage":{"Layout":"TOP_BANNER"},
       "Schedule":{"EventFilter":{"Dimensions":{"EventType":{"Values":["e"]}}}}}
    ]"#;
    let file = dir.write("slides.json", campaigns);
    let run = |platform: &str| {
        let args = [
            "simulate",
            "--file",
            path(&file),
            "--event",
            "e",
            "--now",
            NOW,
            "--format",
            "json",
            "--platform",
            platform,
        ];
        json_lines(&pinview(&args)).remove(0)
    };
    let web = run("web");
    assert_eq!(
        (&web["selected"], &web["shown"]),
        (&json!("slides"), &Value::Null)
    );
    let phone = run("ios");
    assert_eq!(
        (&phone["selected"], &phone["shown"]),
        (&json!("slides"), &json!("slides"))
    );
}
