//! Tests of reading an events file: the three kinds of line, `at` carried forward, and where
//! each kind of mistake is reported.

use super::*;

fn start() -> ZonedDateTime {
    parse_now("2026-11-24T12:00:00+01:00").unwrap()
}

fn error(text: &str) -> (usize, usize, String) {
    let e = parse_script(text, &start()).unwrap_err();
    (e.line, e.column, e.message)
}

#[test]
fn the_three_kinds_and_blank_lines() {
    let text = "{\"event\": \"purchase\", \"attributes\": {\"plan\": \"pro\"}, \"metrics\": {\"cart_value\": 50}}\n\
        \n   \r\n{\"displayed\": \"winter-sale-2026\", \"at\": \"2026-11-25T08:00:00+01:00\"}\r\n\
        {\"session\": \"start\"}\n{\"event\": \"_session.start\"}\n";
    let steps = parse_script(text, &start()).unwrap();
    let later = parse_now("2026-11-25T08:00:00+01:00").unwrap();
    let mut purchase = Event::named("purchase");
    purchase.attributes.insert("plan".into(), "pro".into());
    purchase.metrics.insert("cart_value".into(), 50.0);
    assert_eq!(
        steps,
        vec![
            Step::Event {
                event: purchase,
                at: start()
            },
            Step::Displayed {
                id: "winter-sale-2026".into(),
                at: later.clone()
            },
            Step::SessionStart,
            Step::Event {
                event: Event::named("_session.start"),
                at: later
            },
        ]
    );
}

#[test]
fn syntax_errors_keep_serde_jsons_column() {
    let (line, column, message) = error("{\"event\": \"a\"}\n\n{\"event\": \"b\",}");
    assert_eq!((line, column), (3, 15));
    assert!(message.starts_with("trailing comma"), "{message}");
    assert!(
        message.ends_with("e.g. {\"event\": \"purchase\"}"),
        "{message}"
    );
}

#[test]
fn a_byte_order_mark_is_no_part_of_the_first_line() {
    let steps = parse_script("\u{FEFF}{\"event\": \"a\"}", &start()).unwrap();
    assert_eq!(steps.len(), 1);
}

/// An editor counts characters: the accent and the emoji before the error are one column each.
#[test]
fn columns_are_characters() {
    let (line, column, message) = error("{\"event\": \"caf\u{e9} \u{1f389}\",}");
    assert_eq!((line, column), (1, 20), "{message}");
    let (_, column, message) = error("{\"event\": \"\u{1f389}\", \"at\": \"soon\"}");
    assert_eq!(column, 22, "{message}");
}

#[test]
fn unknown_keys_and_wrong_types_are_named() {
    let (line, column, message) = error("{\"evnt\": \"purchase\"}");
    assert_eq!((line, column), (1, 7));
    assert!(message.starts_with("unknown field `evnt`, expected one of `event`"));
    let (_, column, message) = error("{\"event\": \"x\", \"metrics\": {\"cart_value\": \"50\"}}");
    assert_eq!(column, 45);
    assert_eq!(message, "invalid type: string \"50\", expected a number");
}

#[test]
fn wrong_kinds_point_at_the_value() {
    assert_eq!(
        error("{\"at\": \"2026-11-24T12:00:00Z\"}"),
        (
            1,
            1,
            "this line says nothing to replay: write {\"event\": NAME}, {\"displayed\": CAMPAIGN_ID} or {\"session\": \"start\"}".into()
        )
    );
    let (_, column, message) = error("{\"event\": \"a\",  \"session\": \"start\"}");
    assert_eq!(column, 28);
    assert!(message.starts_with("a line is one thing, \"event\" or \"session\""));
    let (_, column, _) = error("{\"displayed\": \"a\", \"metrics\": {\"n\": 1}}");
    assert_eq!(column, 31);
    let (_, column, message) = error("{\"event\": \"a\", \"at\" : \"tomorrow\"}");
    assert_eq!(column, 23);
    assert!(
        message.starts_with("\"tomorrow\" is not an RFC 3339 time"),
        "{message}"
    );
    let (_, column, _) = error("{\"attributes\": {\"at\": \"x\"}, \"event\": \"\"}");
    assert_eq!(column, 38);
}

#[test]
fn value_columns_skip_nested_values_and_escapes() {
    let line = r#"{"attributes": {"x": [1, {"at": "}"}], "y\"": "a,b"}, "\u0061t": 5}"#;
    assert_eq!(value_column(line, "at"), line.find('5').unwrap() + 1);
    assert_eq!(value_column(line, "attributes"), 16);
    assert_eq!(value_column(line, "missing"), 1);
}

#[test]
fn flags_read_key_value_pairs() {
    assert_eq!(
        parse_attr("plan=pro=x"),
        Ok(("plan".into(), "pro=x".into()))
    );
    assert!(parse_attr("=pro").is_err());
    assert_eq!(
        parse_metric("cart_value=49.5"),
        Ok(("cart_value".into(), 49.5))
    );
    assert!(parse_metric("cart_value=lots").is_err());
    assert_eq!(
        parse_metric("n=inf"),
        Err("metric n is not a finite number: give a number such as 50 or 9.99".into())
    );
}

#[test]
fn only_objects_and_utf8_are_lines() {
    let (line, column, message) = error("{\"session\": \"start\"}\n  [\"purchase\"]");
    assert_eq!((line, column), (2, 3));
    assert!(message.starts_with("not a JSON object: write {\"event\": NAME}"));
    let e = utf8(b"{\"event\": \"a\"}\n{\"event\": \"\xff\"}").unwrap_err();
    assert_eq!((e.line, e.column), (2, 12));
    let (_, column, message) = error("{\"event\": \"a\", \"metrics\": {\"n\": 1e400}}");
    assert_eq!(column, 37);
    assert!(message.starts_with("this number is too large"));
}
