//! Tests of `select`: the event filter, end dates, quiet time, the order of the rules and
//! remembered answers. Attributes and metrics, ranking and the counters have files beside this.

mod counting;
mod dimensions;
mod ranking;

use std::collections::BTreeMap;

use jiff::ZonedDateTime;

use super::*;
use crate::model::input::parse_campaigns;

fn campaigns(json: &str) -> Vec<Campaign> {
    parse_campaigns(json.as_bytes()).unwrap()
}

fn at(text: &str) -> ZonedDateTime {
    text.parse().unwrap()
}

fn noon() -> ZonedDateTime {
    at("2026-11-24T12:00:00+00:00[UTC]")
}

fn event(name: &str, attributes: &[(&str, &str)], metrics: &[(&str, f64)]) -> Event {
    Event {
        name: name.into(),
        attributes: attributes
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        metrics: metrics.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
    }
}

/// One campaign listening for `checkout`, with `dimensions` added beside its EventType.
fn checkout_with(dimensions: &str) -> Vec<Campaign> {
    campaigns(&format!(
        r#"[{{"CampaignId":"a","Schedule":{{"EventFilter":{{"Dimensions":{{
            "EventType":{{"DimensionType":"INCLUSIVE","Values":["checkout"]}}{dimensions}}}}}}}}}]"#
    ))
}

/// The exclusion of the only campaign, `None` when it shows.
fn only(list: &[Campaign], event: &Event, now: &ZonedDateTime) -> Option<Exclusion> {
    let selection = select(list, event, &Counts::new(), now);
    assert_eq!(selection.verdicts.len(), 1);
    assert_eq!(
        selection.shown.is_some(),
        selection.verdicts[0].excluded_by.is_none()
    );
    selection.verdicts[0].excluded_by.clone()
}

fn words(exclusion: Option<Exclusion>) -> String {
    exclusion.map_or("shown".into(), |e| format!("{}: {e}", e.rule()))
}

/// amplify-js `matchesEventType`.
#[test]
fn the_event_name_must_be_listed_exactly() {
    let list = campaigns(
        r#"[{"CampaignId":"a","Schedule":{"EventFilter":{"FilterType":"SYSTEM","Dimensions":{
            "EventType":{"DimensionType":"INCLUSIVE","Values":["checkout","signup"]}}}}}]"#,
    );
    let miss = |name: &str| words(only(&list, &event(name, &[], &[]), &noon()));
    assert_eq!(
        miss("purchase"),
        "event: event purchase is not one of: checkout, signup"
    );
    assert_eq!(
        miss("Checkout"),
        "event: event Checkout is not one of: checkout, signup"
    );
    assert_eq!(
        miss("checkout "),
        "event: event checkout  is not one of: checkout, signup"
    );
    assert_eq!(miss("signup"), "shown");
    let selection = select(&list, &Event::named("checkout"), &Counts::new(), &noon());
    assert_eq!(selection.shown, Some(0));
    assert_eq!(selection.reason, "the only eligible campaign");
}

/// amplify-js `matchesEventType (DimensionType never read)`.
#[test]
fn exclusive_event_type_acts_as_inclusive() {
    let list = campaigns(
        r#"{"CampaignId":"a","Schedule":{"EventFilter":{"Dimensions":{
            "EventType":{"DimensionType":"EXCLUSIVE","Values":["checkout"]}}}}}"#,
    );
    assert_eq!(only(&list, &Event::named("checkout"), &noon()), None);
    assert_eq!(
        only(&list, &Event::named("signup"), &noon()),
        Some(Exclusion::Event {
            got: "signup".into(),
            wanted: vec!["checkout".into()],
        })
    );
}

/// amplify-js `matchesEventType`.
#[test]
fn without_an_event_type_a_campaign_never_shows() {
    let cases = [
        (
            r#"{"CampaignId":"a"}"#,
            "no EventFilter: devices never show it",
        ),
        (
            r#"{"Schedule":{"EndDate":"2027-01-15T00:00:00Z"}}"#,
            "no EventFilter: devices never show it",
        ),
        (
            r#"{"Schedule":{"EventFilter":{"FilterType":"SYSTEM"}}}"#,
            "no Dimensions in its EventFilter: devices never show it",
        ),
        (
            r#"{"Schedule":{"EventFilter":{"Dimensions":{"Attributes":{}}}}}"#,
            "no EventType in its EventFilter: devices never show it",
        ),
    ];
    for (json, want) in cases {
        let excluded = only(&campaigns(json), &Event::named("checkout"), &noon()).unwrap();
        assert_eq!(excluded.rule(), "no_event_filter", "{json}");
        assert_eq!(excluded.to_string(), want, "{json}");
    }
    let no_values = campaigns(r#"{"Schedule":{"EventFilter":{"Dimensions":{"EventType":{}}}}}"#);
    assert_eq!(
        words(only(&no_values, &Event::named("checkout"), &noon())),
        "event: event checkout: its EventType lists no events"
    );
}

/// amplify-js `isBeforeEndDate`.
#[test]
fn end_dates_are_strict_and_read_as_javascript_reads_them() {
    let ending = |end: &str| {
        campaigns(&format!(
            r#"{{"CampaignId":"a","Schedule":{{"EndDate":"{end}","EventFilter":{{"Dimensions":{{"EventType":{{"Values":["go"]}}}}}}}}}}"#
        ))
    };
    let go = Event::named("go");
    let at_noon = |end: &str| words(only(&ending(end), &go, &noon()));
    assert_eq!(
        at_noon("2026-11-22T12:00:00Z"),
        "end_date: expired 2 days ago"
    );
    assert_eq!(
        at_noon("2026-11-24T12:00:00Z"),
        "end_date: expired just now"
    );
    assert_eq!(at_noon("2026-11-24T12:00:00.001Z"), "shown");
    assert_eq!(
        at_noon("next tuesday"),
        "end_date: EndDate \"next tuesday\" cannot be read: devices never show it"
    );
    // An empty EndDate is no end date.
    assert_eq!(at_noon(""), "shown");

    // 12:00 in Tokyo is 03:00 UTC. Without an offset the date-time is Tokyo time; a date alone
    // is UTC midnight.
    let tokyo = at("2026-11-24T12:00:00+09:00[Asia/Tokyo]");
    let in_tokyo = |end: &str| only(&ending(end), &go, &tokyo).map(|e| e.rule());
    assert_eq!(in_tokyo("2026-11-24T11:00:00"), Some("end_date"));
    assert_eq!(in_tokyo("2026-11-24T13:00:00"), None);
    assert_eq!(in_tokyo("2026-11-24T11:00:00Z"), None);
    assert_eq!(in_tokyo("2026-11-24"), Some("end_date"));
    assert_eq!(in_tokyo("2026-11-25"), None);
}

/// amplify-js `isQuietTime, never called`.
#[test]
fn quiet_time_is_not_enforced() {
    let list = campaigns(
        r#"{"CampaignId":"a","Schedule":{"QuietTime":{"Start":"00:00","End":"23:59"},
            "EventFilter":{"Dimensions":{"EventType":{"Values":["go"]}}}}}"#,
    );
    assert_eq!(only(&list, &Event::named("go"), &noon()), None);
}

/// amplify-js `processInAppMessages (the checks joined with &&)`.
#[test]
fn the_first_failing_rule_in_device_order_is_reported() {
    // Every rule fails; fixing one at a time reveals the next, in the device's order.
    let all_fail = r#"{"CampaignId":"a","SessionCap":1,"DailyCap":1,"TotalCap":1,
        "Schedule":{"EndDate":"2026-01-01T00:00:00Z","EventFilter":{"Dimensions":{
        "EventType":{"Values":["go"]},
        "Attributes":{"plan":{"Values":["pro"]}},
        "Metrics":{"n":{"ComparisonOperator":"EQUAL","Value":1}}}}}}"#;
    let mut counts = Counts::new();
    counts.record("a", &noon());
    let steps = [
        ("stop", vec![], vec![], all_fail.to_string()),
        ("go", vec![], vec![], all_fail.to_string()),
        ("go", vec![("plan", "pro")], vec![], all_fail.to_string()),
        (
            "go",
            vec![("plan", "pro")],
            vec![("n", 1.0)],
            all_fail.to_string(),
        ),
        (
            "go",
            vec![("plan", "pro")],
            vec![("n", 1.0)],
            all_fail.replace("2026-01-01", "2027-01-01"),
        ),
        (
            "go",
            vec![("plan", "pro")],
            vec![("n", 1.0)],
            all_fail
                .replace("2026-01-01", "2027-01-01")
                .replace(r#""SessionCap":1"#, r#""SessionCap":0"#),
        ),
        (
            "go",
            vec![("plan", "pro")],
            vec![("n", 1.0)],
            all_fail.replace("2026-01-01", "2027-01-01").replace(
                r#""SessionCap":1,"DailyCap":1"#,
                r#""SessionCap":2,"DailyCap":0"#,
            ),
        ),
        (
            "go",
            vec![("plan", "pro")],
            vec![("n", 1.0)],
            all_fail.replace("2026-01-01", "2027-01-01").replace(
                r#""SessionCap":1,"DailyCap":1,"TotalCap":1"#,
                "\"TotalCap\":2",
            ),
        ),
    ];
    let rules: Vec<Option<&str>> = steps
        .iter()
        .map(|(name, attributes, metrics, json)| {
            let selection = select(
                &campaigns(json),
                &event(name, attributes, metrics),
                &counts,
                &noon(),
            );
            selection.verdicts[0]
                .excluded_by
                .as_ref()
                .map(Exclusion::rule)
        })
        .collect();
    assert_eq!(
        rules,
        [
            Some("event"),
            Some("attribute"),
            Some("metric"),
            Some("end_date"),
            Some("session_cap"),
            Some("daily_cap"),
            Some("total_cap"),
            None
        ]
    );
}

#[test]
fn campaigns_sharing_an_id_share_the_devices_remembered_answers() {
    // Neither has a CampaignId: the device remembers the event check under "undefined".
    let list = campaigns(
        r#"[{"Schedule":{"EventFilter":{"Dimensions":{"EventType":{"Values":["signup"]}}}}},
            {"Priority":1,"Schedule":{"EventFilter":{"Dimensions":{"EventType":{"Values":["purchase"]}}}}}]"#,
    );
    let purchase = select(&list, &Event::named("purchase"), &Counts::new(), &noon());
    assert_eq!(purchase.shown, None);
    assert_eq!(purchase.verdicts[1].memo_from, Some(0));
    let excluded = purchase.verdicts[1].excluded_by.clone().unwrap();
    assert_eq!(
        excluded,
        Exclusion::SameId {
            earlier: 0,
            check: "event"
        }
    );
    assert_eq!(
        excluded.to_string(),
        "same CampaignId as #1, whose event check failed: the device reuses that answer"
    );
    // The other way round, the second passes on the first's answer and wins on priority.
    let signup = select(&list, &Event::named("signup"), &Counts::new(), &noon());
    assert_eq!(signup.shown, Some(1));
    assert_eq!(signup.verdicts[1].memo_from, Some(0));
    assert_eq!(signup.verdicts[0].memo_from, None);
    // Distinct ids keep their own answers.
    let json = r#"[{"CampaignId":"x","Schedule":{"EventFilter":{"Dimensions":{"EventType":{"Values":["signup"]}}}}},
        {"CampaignId":"y","Schedule":{"EventFilter":{"Dimensions":{"EventType":{"Values":["purchase"]}}}}}]"#;
    assert_eq!(
        select(
            &campaigns(json),
            &Event::named("purchase"),
            &Counts::new(),
            &noon()
        )
        .shown,
        Some(1)
    );
}
