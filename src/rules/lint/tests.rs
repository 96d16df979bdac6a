//! What lint finds: documented limits, links, and what devices do differently.

use super::*;
use crate::model::input::parse_campaigns;

fn texts(json: &str) -> Vec<String> {
    let c = &parse_campaigns(json.as_bytes()).unwrap()[0];
    findings(c).into_iter().map(|f| f.text).collect()
}

#[test]
fn a_clean_campaign_has_no_findings() {
    let got = texts(
        r##"{"CampaignId":"a","Schedule":{"EventFilter":{"Dimensions":{"EventType":{"Values":["go"]}}}},
        "InAppMessage":{"Layout":"MOBILE_FEED","Content":[{"BackgroundColor":"#fff",
        "HeaderConfig":{"Header":"Hi","TextColor":"#000","Alignment":"CENTER"},
        "PrimaryBtn":{"DefaultConfig":{"Text":"OK","ButtonAction":"CLOSE"}}}]}}"##,
    );
    assert!(got.is_empty(), "{got:?}");
}

/// What the device does with the payload, in words (amplify-js `matchesEventType`,
/// `matchesMetrics`, `processInAppMessages`, `isQuietTime` never called).
#[test]
fn flags_what_devices_ignore_or_never_match() {
    let got = texts(
        r##"{"CampaignId":"a","Priority":0,"Schedule":{"QuietTime":{"Start":"22:00","End":"07:00"},
        "EndDate":"soon","EventFilter":{"Dimensions":{
            "EventType":{"DimensionType":"EXCLUSIVE","Values":["checkout"]},
            "Attributes":{"plan":{"AttributeType":"EXCLUSIVE","Values":["free"]}},
            "Metrics":{"cart":{"ComparisonOperator":"GREATER_THAN","Value":0},
                       "items":{"ComparisonOperator":"MORE_THAN","Value":2}}}}},
        "InAppMessage":{"Layout":"MOBILE_FEED","Content":[{}]}}"##,
    );
    for wanted in [
        "EXCLUSIVE event type is ignored: devices show it on exactly these events",
        "attribute plan: AttributeType is ignored: devices match these values",
        "metric cart: Value 0 (or none) never matches on devices",
        "metric items: operator \"MORE_THAN\" is unknown to devices: it never matches",
        "Priority 0 is no priority on devices: any campaign with a priority beats it",
        "QuietTime is not enforced by the device: it shows the message anyway",
        "EndDate \"soon\" is not an ISO 8601 date: devices never show it",
    ] {
        assert!(got.contains(&wanted.to_string()), "{wanted}\n{got:#?}");
    }
    let none = texts(r#"{"CampaignId":"b","InAppMessage":{"Content":[{}]}}"#);
    assert!(none.contains(&"no EventFilter: devices never show it".to_string()));
}

#[test]
fn flags_where_the_device_differs() {
    let got = texts(
        r##"{"InAppMessage":{"Content":[{"BackgroundColor":"#GGHHII",
        "PrimaryBtn":{"Android":{"ButtonAction":"LINK","Link":"https://x"}}},{}]}}"##,
    );
    assert!(
        got.contains(&"no Layout: devices draw it as TOP_BANNER".to_string()),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|t| t.contains("card 1: BackgroundColor \"#GGHHII\" is not a colour"))
    );
    assert!(
        got.iter()
            .any(|t| t == "card 1: primary button has no DefaultConfig: not drawn on device")
    );
    assert!(
        got.iter()
            .any(|t| t.starts_with("device shows 1 of 2 cards"))
    );
}

#[test]
fn documented_limits() {
    let long = "x".repeat(65);
    let got = texts(&format!(
        r#"{{"InAppMessage":{{"Layout":"CAROUSEL","Content":[{{"HeaderConfig":{{"Header":"{long}"}}}},{{}},{{}},{{}},{{}},{{}}]}}}}"#
    ));
    assert!(
        got.iter()
            .any(|t| t == "6 cards: Pinpoint allows at most 5"),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|t| t == "card 1: header is 65 characters: Pinpoint allows 64")
    );
}

#[test]
fn links_and_unknown_actions() {
    let got = texts(
        r#"{"InAppMessage":{"Layout":"TOP_BANNER","Content":[{"PrimaryBtn":{
        "DefaultConfig":{"Text":"Go","ButtonAction":"LINK"},"IOS":{"ButtonAction":"TELEPORT"}}}]}}"#,
    );
    assert!(
        got.contains(&"primary button links nowhere: no Link".to_string()),
        "{got:?}"
    );
    assert!(got.contains(&"primary button ButtonAction TELEPORT on iOS is unknown".to_string()));
}
