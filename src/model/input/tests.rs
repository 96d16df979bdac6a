//! Tests of the input shapes: every shape alike, errors at their place.

use super::*;

const CAMPAIGN: &str = r#"{"CampaignId":"c1","Priority":2,"InAppMessage":{"Layout":"TOP_BANNER"}}"#;

#[test]
fn reads_all_four_shapes_alike() {
    let api = format!(r#"{{"InAppMessageCampaigns":[{CAMPAIGN}]}}"#);
    let cli = format!(r#"{{"InAppMessagesResponse":{{"InAppMessageCampaigns":[{CAMPAIGN}]}}}}"#);
    let array = format!("[{CAMPAIGN}]");
    for text in [api.as_str(), cli.as_str(), array.as_str(), CAMPAIGN] {
        let got = parse_campaigns(text.as_bytes()).unwrap();
        assert_eq!(got.len(), 1, "{text}");
        assert_eq!(got[0].campaign_id.as_deref(), Some("c1"));
        assert_eq!(got[0].priority, Some(2));
    }
}

/// A misspelt wrapper is said, not shown as an empty campaign or as no campaigns.
#[test]
fn unknown_wrappers_are_errors_at_their_key() {
    let typo = "{\n  \"InAppMessageCampaign\": [{\"CampaignId\":\"a\"}]}";
    let err = parse_campaigns(typo.as_bytes()).unwrap_err();
    assert_eq!((err.line(), err.column()), (2, 24), "{err:?}");
    assert!(
        err.to_string().starts_with(
            "unknown key \"InAppMessageCampaign\": a file holds \"InAppMessageCampaigns\""
        ),
        "{err}"
    );
    let cli = r#"{"InAppMessagesResponse":{"InAppMessageCampaign":[]}}"#;
    let err = parse_campaigns(cli.as_bytes()).unwrap_err();
    assert!(
        err.to_string()
            .contains("unknown key \"InAppMessageCampaign\""),
        "{err}"
    );
    let long = format!("{{\"{}\n\":1}}", "k".repeat(500));
    let words = parse_campaigns(long.as_bytes()).unwrap_err().to_string();
    assert!(words.len() < 300 && !words.contains('\n'), "{words}");
}

/// Every key of a campaign that pinview writes is one it takes as a campaign's first.
#[test]
fn campaign_keys_are_the_models() {
    let full: Campaign = serde_json::from_str(
        r#"{"CampaignId":"a","DailyCap":1,"InAppMessage":{},"Priority":1,"Schedule":{},
            "SessionCap":1,"TotalCap":1,"TreatmentId":"0"}"#,
    )
    .unwrap();
    let written = serde_json::to_value(&full).unwrap();
    let keys: Vec<&str> = written
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, CAMPAIGN_KEYS);
}

#[test]
fn a_byte_order_mark_is_read_past() {
    let text = format!("\u{FEFF}[{CAMPAIGN}]");
    assert_eq!(parse_campaigns(text.as_bytes()).unwrap().len(), 1);
    let err = parse_campaigns("\u{FEFF}[x]".as_bytes()).unwrap_err();
    assert_eq!((err.line(), err.column()), (1, 2), "{err:?}");
}

#[test]
fn campaigns_in_a_list_are_objects() {
    let err = parse_campaigns(br#"[{"CampaignId":"a"},["x"]]"#).unwrap_err();
    assert!(
        err.to_string().contains("expected a campaign object"),
        "{err}"
    );
    assert_eq!(err.to_string().split(':').next(), Some("[1]"), "{err}");
}

#[test]
fn single_campaign_keeps_every_field_after_the_first() {
    let got = parse_campaigns(br#"{"Priority":7,"CampaignId":"x","TotalCap":3}"#).unwrap();
    assert_eq!(got[0].priority, Some(7));
    assert_eq!(got[0].campaign_id.as_deref(), Some("x"));
    assert_eq!(got[0].total_cap, Some(3));
}

#[test]
fn empty_shapes_are_empty_lists() {
    for text in [
        "{}",
        "[]",
        r#"{"InAppMessageCampaigns":null}"#,
        r#"{"InAppMessagesResponse":{}}"#,
    ] {
        assert!(
            parse_campaigns(text.as_bytes()).unwrap().is_empty(),
            "{text}"
        );
    }
}

#[test]
fn wrong_type_names_the_json_path_in_words() {
    let text = "{\"InAppMessageCampaigns\":[{},{},{},\n {\"Priority\":\"high\"}]}";
    let err = parse_campaigns(text.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"InAppMessageCampaigns[3].Priority: invalid type: string "high", expected an integer"#
    );
    assert_eq!((err.line(), err.column()), (2, 19));
}

#[test]
fn columns_count_characters_not_bytes() {
    let text = "[{\"Priority\":1,\"CampaignId\":\"caf\u{e9} \u{1f389}\"},\n {\"Priority\":\"\u{4e2d}\", x}]";
    let err = parse_campaigns(text.as_bytes()).unwrap_err();
    assert_eq!((err.line(), err.column()), (2, 16), "{err:?}");
    let one_line = "{\"InAppMessageCampaigns\":[{\"CampaignId\":\"\u{1f389}\u{1f389}\",\"Priority\":\"high\"}]}";
    let err = parse_campaigns(one_line.as_bytes()).unwrap_err();
    let expected = one_line.find("high").unwrap() + 4 - 2 * 3;
    assert_eq!((err.line(), err.column()), (1, expected + 1), "{err:?}");
}

#[test]
fn invalid_json_gives_line_and_column() {
    let err = parse_campaigns(b"{\n  \"InAppMessageCampaigns\": [\n    {,]}").unwrap_err();
    assert!(matches!(err, ParseError::Syntax { .. }), "{err:?}");
    assert_eq!((err.line(), err.column()), (3, 6));
}

/// serde_json says column 0 after a line break; no editor has a column 0.
#[test]
fn errors_after_a_line_break_are_in_column_one() {
    for (text, at) in [(&b""[..], (1, 1)), (b"[\n", (2, 1)), (b"\"\n\"", (2, 1))] {
        let err = parse_campaigns(text).unwrap_err();
        assert_eq!((err.line(), err.column()), at, "{err:?}");
    }
}

#[test]
fn trailing_garbage_is_a_syntax_error() {
    let err = parse_campaigns(b"[] x").unwrap_err();
    assert!(
        matches!(
            err,
            ParseError::Syntax {
                line: 1,
                column: 4,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_scalar_document_is_rejected_with_what_was_expected() {
    let err = parse_campaigns(b"42").unwrap_err();
    assert!(err.to_string().contains("a list of campaigns"), "{err}");
}

#[test]
fn unknown_enum_values_are_kept() {
    let got = parse_campaigns(
        br#"{"InAppMessage":{"Layout":"HOLOGRAM","Content":[{"HeaderConfig":{"Alignment":"JUSTIFY"}}]}}"#,
    )
    .unwrap();
    assert_eq!(got[0].layout().unwrap().as_str(), "HOLOGRAM");
    assert!(!got[0].layout().unwrap().is_known());
    let align = got[0].cards()[0]
        .header_config
        .as_ref()
        .unwrap()
        .alignment
        .clone();
    assert_eq!(align.unwrap().to_string(), "JUSTIFY");
}

#[test]
fn api_body_round_trips() {
    let text = format!(r#"{{"InAppMessageCampaigns":[{CAMPAIGN}]}}"#);
    let campaigns = parse_campaigns(text.as_bytes()).unwrap();
    let back = serde_json::to_value(to_api_body(&campaigns)).unwrap();
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back, original);
}

#[test]
fn an_integer_too_large_names_the_range() {
    let err = parse_campaigns(br#"[{"SessionCap":3000000000}]"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "[0].SessionCap: invalid value: integer `3000000000`, expected an integer from -2147483648 to 2147483647"
    );
}
