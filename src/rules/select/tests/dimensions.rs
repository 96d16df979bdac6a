//! Tests of the attribute and metric filters: exact values, every operator, and the metric
//! values and operators a device never matches.
//!
//! Each follows amplify-js matchesAttributes, matchesMetrics, getComparator
//! (packages/notifications/src/inAppMessaging/providers/pinpoint/utils/).

use super::*;

#[test]
fn attributes_must_all_match_and_extra_ones_are_ignored() {
    let list = checkout_with(
        r#","Attributes":{
            "plan":{"AttributeType":"INCLUSIVE","Values":["pro","team"]},
            "region":{"AttributeType":"EXCLUSIVE","Values":["eu"]}}"#,
    );
    let try_with = |attributes: &[(&str, &str)]| {
        words(only(&list, &event("checkout", attributes, &[]), &noon()))
    };
    assert_eq!(try_with(&[]), "attribute: attribute plan: event has none");
    assert_eq!(
        try_with(&[("plan", "free"), ("region", "eu")]),
        "attribute: attribute plan: free is not one of: pro, team"
    );
    assert_eq!(
        try_with(&[("plan", "Pro"), ("region", "eu")]),
        "attribute: attribute plan: Pro is not one of: pro, team"
    );
    // EXCLUSIVE is not read: "eu" passes because it is listed.
    assert_eq!(try_with(&[("plan", "team"), ("region", "eu")]), "shown");
    assert_eq!(
        try_with(&[("plan", "team"), ("region", "us")]),
        "attribute: attribute region: us is not one of: eu"
    );
    assert_eq!(
        try_with(&[("plan", "team")]),
        "attribute: attribute region: event has none"
    );
    assert_eq!(
        try_with(&[("plan", "pro"), ("region", "eu"), ("extra", "x")]),
        "shown"
    );
}

#[test]
fn campaigns_without_attributes_take_any_event() {
    for dimensions in ["", r#","Attributes":{}"#] {
        let list = checkout_with(dimensions);
        assert_eq!(
            only(&list, &event("checkout", &[("plan", "x")], &[]), &noon()),
            None
        );
        assert_eq!(only(&list, &Event::named("checkout"), &noon()), None);
    }
    let no_values = checkout_with(r#","Attributes":{"plan":{}}"#);
    assert_eq!(
        words(only(
            &no_values,
            &event("checkout", &[("plan", "pro")], &[]),
            &noon()
        )),
        "attribute: attribute plan: pro, but it lists no values"
    );
}

#[test]
fn metrics_compare_the_event_value_against_the_campaign_value() {
    let list = checkout_with(
        r#","Metrics":{"cart_value":{"ComparisonOperator":"GREATER_THAN","Value":50}}"#,
    );
    let with = |value: f64| {
        words(only(
            &list,
            &event("checkout", &[], &[("cart_value", value)]),
            &noon(),
        ))
    };
    assert_eq!(with(40.0), "metric: metric cart_value: 40 is not > 50");
    assert_eq!(with(50.0), "metric: metric cart_value: 50 is not > 50");
    assert_eq!(with(50.5), "shown");
    assert_eq!(
        words(only(&list, &Event::named("checkout"), &noon())),
        "metric: metric cart_value: event has none"
    );
    assert_eq!(
        words(only(
            &list,
            &event("checkout", &[], &[("items", 3.0)]),
            &noon()
        )),
        "metric: metric cart_value: event has none"
    );
}

#[test]
fn every_operator_devices_know() {
    // (operator, event value against Value 10, shown?)
    let cases = [
        ("EQUAL", 10.0, true),
        ("EQUAL", 10.5, false),
        ("GREATER_THAN", 11.0, true),
        ("GREATER_THAN", 10.0, false),
        ("GREATER_THAN_OR_EQUAL", 10.0, true),
        ("GREATER_THAN_OR_EQUAL", 9.0, false),
        ("LESS_THAN", 9.0, true),
        ("LESS_THAN", 10.0, false),
        ("LESS_THAN_OR_EQUAL", 10.0, true),
        ("LESS_THAN_OR_EQUAL", 11.0, false),
    ];
    for (op, got, shown) in cases {
        let list = checkout_with(&format!(
            r#","Metrics":{{"m":{{"ComparisonOperator":"{op}","Value":10}}}}"#
        ));
        let excluded = only(&list, &event("checkout", &[], &[("m", got)]), &noon());
        assert_eq!(excluded.is_none(), shown, "{op} {got}");
    }
}

#[test]
fn a_zero_value_or_an_unknown_operator_never_matches() {
    let cases = [
        (
            r#"{"ComparisonOperator":"EQUAL","Value":0}"#,
            0.0,
            "metric cart_value: Value 0 never matches on devices",
        ),
        (
            r#"{"ComparisonOperator":"LESS_THAN","Value":0}"#,
            -5.0,
            "metric cart_value: Value 0 never matches on devices",
        ),
        (
            r#"{"ComparisonOperator":"GREATER_THAN"}"#,
            5.0,
            "metric cart_value: no Value: devices never match it",
        ),
        (
            r#"{"ComparisonOperator":"BETWEEN","Value":3}"#,
            4.0,
            "metric cart_value: operator BETWEEN is unknown: devices never match it",
        ),
        (
            r#"{"ComparisonOperator":"greater_than","Value":3}"#,
            4.0,
            "metric cart_value: operator greater_than is unknown: devices never match it",
        ),
        (
            r#"{"Value":3}"#,
            3.0,
            "metric cart_value: no ComparisonOperator: devices never match it",
        ),
    ];
    for (metric, got, want) in cases {
        let list = checkout_with(&format!(r#","Metrics":{{"cart_value":{metric}}}"#));
        let excluded = only(
            &list,
            &event("checkout", &[], &[("cart_value", got)]),
            &noon(),
        );
        assert_eq!(
            excluded.as_ref().map(Exclusion::rule),
            Some("metric"),
            "{metric}"
        );
        assert_eq!(excluded.unwrap().to_string(), want);
    }
    // A negative Value is a Value: it compares.
    let negative =
        checkout_with(r#","Metrics":{"t":{"ComparisonOperator":"LESS_THAN","Value":-1}}"#);
    assert_eq!(
        only(&negative, &event("checkout", &[], &[("t", -2.0)]), &noon()),
        None
    );
}
