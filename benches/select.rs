//! Choosing the message for one event among 1,000 campaigns with varied event filters,
//! attributes, metrics, priorities, end dates and caps, with some caps already reached.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::ZonedDateTime;
use pinview::model::Campaign;
use pinview::rules::select::{Counts, Event, select};

const CAMPAIGNS: usize = 1_000;
const EVENTS: [&str; 5] = [
    "purchase",
    "_session.start",
    "cart.viewed",
    "signup",
    "quiz.opened",
];
const OPERATORS: [&str; 5] = [
    "EQUAL",
    "GREATER_THAN",
    "GREATER_THAN_OR_EQUAL",
    "LESS_THAN",
    "LESS_THAN_OR_EQUAL",
];

/// Campaign `i` of the list, as JSON in the API's shape.
fn campaign(i: usize) -> String {
    let mut events = vec![EVENTS[i % EVENTS.len()]];
    if i.is_multiple_of(3) {
        events.push("purchase");
    }
    let mut dimensions =
        format!(r#""EventType":{{"DimensionType":"INCLUSIVE","Values":{events:?}}}"#);
    if i % 4 == 1 {
        let plans = if i % 8 == 1 {
            r#"["pro","team"]"#
        } else {
            r#"["free"]"#
        };
        dimensions.push_str(&format!(
            r#","Attributes":{{"plan":{{"AttributeType":"INCLUSIVE","Values":{plans}}}}}"#
        ));
    }
    if i % 5 == 2 {
        let op = OPERATORS[i % OPERATORS.len()];
        let value = (i % 9) * 10;
        dimensions.push_str(&format!(
            r#","Metrics":{{"cart_value":{{"ComparisonOperator":"{op}","Value":{value}}}}}"#
        ));
    }
    let end = match i % 6 {
        0 => r#","EndDate":"2026-11-01T00:00:00Z""#.to_string(),
        1 => String::new(),
        n => format!(r#","EndDate":"2027-0{n}-{:02}T00:00:00Z""#, i % 28 + 1),
    };
    let priority = match i % 7 {
        0 => String::new(),
        n => format!(r#""Priority":{},"#, (n + i / 7) % 5),
    };
    let caps = match i % 10 {
        3 => r#""SessionCap":1,"#,
        6 => r#""DailyCap":2,"#,
        9 => r#""TotalCap":3,"#,
        _ => "",
    };
    format!(
        r#"{{"CampaignId":"c-{i:04}",{priority}{caps}"Schedule":{{"EventFilter":{{"FilterType":"SYSTEM","Dimensions":{{{dimensions}}}}}{end}}},"InAppMessage":{{"Layout":"TOP_BANNER","Content":[{{"HeaderConfig":{{"Header":"Offer {i}"}}}}]}}}}"#
    )
}

fn campaigns() -> Vec<Campaign> {
    let list: Vec<String> = (0..CAMPAIGNS).map(campaign).collect();
    let json = format!("[{}]", list.join(","));
    pinview::model::input::parse_campaigns(json.as_bytes()).expect("bench campaigns parse")
}

fn purchase() -> Event {
    Event {
        name: "purchase".into(),
        attributes: BTreeMap::from([("plan".into(), "pro".into())]),
        metrics: BTreeMap::from([("cart_value".into(), 50.0)]),
    }
}

fn bench_select(c: &mut Criterion) {
    let campaigns = campaigns();
    let now: ZonedDateTime = pinview::text::parse_now("2026-11-24T12:00:00+01:00").unwrap();
    // A device that has shown some of them already, so every cap has something to compare.
    let mut counts = Counts::new();
    for i in (0..CAMPAIGNS).step_by(3) {
        counts.record(&format!("c-{i:04}"), &now);
    }
    let event = purchase();
    let selection = select(&campaigns, &event, &counts, &now);
    let eligible = selection
        .verdicts
        .iter()
        .filter(|v| {
            v.excluded_by
                .as_ref()
                .is_none_or(|e| matches!(e.rule(), "priority" | "tie"))
        })
        .count();
    assert!(selection.shown.is_some(), "{}", selection.reason);
    assert!(
        (50..CAMPAIGNS / 2).contains(&eligible),
        "{eligible} eligible"
    );
    let rules: std::collections::BTreeSet<&str> = selection
        .verdicts
        .iter()
        .filter_map(|v| v.excluded_by.as_ref().map(|e| e.rule()))
        .collect();
    for rule in [
        "event",
        "attribute",
        "metric",
        "end_date",
        "session_cap",
        "priority",
        "tie",
    ] {
        assert!(
            rules.contains(rule),
            "no campaign is excluded by {rule}: {rules:?}"
        );
    }

    let mut group = c.benchmark_group("select_1000");
    group.bench_function("purchase", |b| {
        b.iter(|| select(black_box(&campaigns), black_box(&event), &counts, &now))
    });
    let nobody = Event::named("app.closed");
    group.bench_function("no_campaign_listens", |b| {
        b.iter(|| select(black_box(&campaigns), black_box(&nobody), &counts, &now))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));
    targets = bench_select
}
criterion_main!(benches);
