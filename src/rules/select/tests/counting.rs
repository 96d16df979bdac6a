//! Tests of the display counters and the caps that read them: session, daily at local
//! midnight, total, and the odd cases the device has (no id, negative caps).
//!
//! Each follows amplify-js isBelowCap, incrementMessageCounts, getDailyCount,
//! sessionStateChangeHandler
//! (packages/notifications/src/inAppMessaging/providers/pinpoint/utils/).

use super::*;

fn capped(caps: &str) -> Vec<Campaign> {
    campaigns(&format!(
        r#"[{{"CampaignId":"a",{caps},"Schedule":{{"EventFilter":{{"Dimensions":{{"EventType":{{"Values":["go"]}}}}}}}}}}]"#
    ))
}

fn go_at(list: &[Campaign], counts: &Counts, now: &ZonedDateTime) -> Option<Exclusion> {
    select(list, &Event::named("go"), counts, now).verdicts[0]
        .excluded_by
        .clone()
}

#[test]
fn the_session_cap_stops_a_campaign_until_the_next_session() {
    let list = capped(r#""SessionCap":1"#);
    let mut counts = Counts::new();
    assert_eq!(go_at(&list, &counts, &noon()), None);
    counts.record("a", &noon());
    let excluded = go_at(&list, &counts, &noon()).unwrap();
    assert_eq!(excluded, Exclusion::SessionCap { cap: 1, shown: 1 });
    assert_eq!(
        excluded.to_string(),
        "session cap 1 reached (shown 1 this session)"
    );
    counts.start_session();
    assert_eq!(counts.session("a"), 0);
    assert_eq!(counts.total("a"), 1);
    assert_eq!(counts.daily(&noon()), 1);
    assert_eq!(go_at(&list, &counts, &noon()), None);
}

#[test]
fn the_total_cap_outlives_sessions() {
    let list = capped(r#""TotalCap":2"#);
    let mut counts = Counts::new();
    counts.record("a", &noon());
    counts.start_session();
    counts.record("a", &noon());
    counts.start_session();
    let excluded = go_at(&list, &counts, &noon()).unwrap();
    assert_eq!(excluded.to_string(), "total cap 2 reached (shown 2 in all)");
    assert_eq!(excluded.rule(), "total_cap");
}

#[test]
fn one_daily_counter_serves_every_campaign() {
    let list = capped(r#""DailyCap":2"#);
    let mut counts = Counts::new();
    counts.record("b", &noon());
    assert_eq!(go_at(&list, &counts, &noon()), None);
    counts.record("c", &noon());
    let excluded = go_at(&list, &counts, &noon()).unwrap();
    assert_eq!(excluded, Exclusion::DailyCap { cap: 2, shown: 2 });
    assert_eq!(excluded.to_string(), "daily cap 2 reached (shown 2 today)");
    assert_eq!(counts.session("a"), 0);
}

#[test]
fn the_daily_count_starts_again_at_local_midnight() {
    let list = capped(r#""DailyCap":1"#);
    let mut counts = Counts::new();
    let evening = at("2026-11-24T23:30:00+09:00[+09:00]");
    counts.record("a", &evening);
    assert_eq!(counts.daily_date(), Some(jiff::civil::date(2026, 11, 24)));
    let before_midnight = at("2026-11-24T23:59:59+09:00[+09:00]");
    assert_eq!(counts.daily(&before_midnight), 1);
    assert_eq!(
        go_at(&list, &counts, &before_midnight).map(|e| e.rule()),
        Some("daily_cap")
    );
    // Local midnight in +09:00 is 15:00 UTC, still 24 November there: the count starts again.
    let midnight = at("2026-11-25T00:00:00+09:00[+09:00]");
    assert_eq!(midnight.timestamp().to_string(), "2026-11-24T15:00:00Z");
    assert_eq!(counts.daily(&midnight), 0);
    assert_eq!(go_at(&list, &counts, &midnight), None);
    // Passing UTC midnight does not: 08:00 and 10:00 in +09:00 are either side of it.
    let mut morning = Counts::new();
    morning.record("a", &at("2026-11-25T08:00:00+09:00[+09:00]"));
    assert_eq!(morning.daily(&at("2026-11-25T10:00:00+09:00[+09:00]")), 1);
    // A display after midnight counts from 0, not from yesterday's count.
    let mut busy = Counts::new();
    busy.set_daily(5, &evening);
    busy.record("a", &midnight);
    assert_eq!(busy.daily(&midnight), 1);
    assert_eq!(busy.total("a"), 1);
}

#[test]
fn a_daily_count_from_another_zone_is_a_different_day() {
    // The device stores the instant of local midnight: the same date in another zone does not match.
    let mut counts = Counts::new();
    counts.record("a", &at("2026-11-24T10:00:00+09:00[+09:00]"));
    assert_eq!(counts.daily(&at("2026-11-24T11:00:00+09:00[+09:00]")), 1);
    assert_eq!(counts.daily(&at("2026-11-24T11:00:00+00:00[UTC]")), 0);
}

#[test]
fn zero_or_absent_caps_are_unlimited() {
    let list = capped(r#""SessionCap":0,"DailyCap":0,"TotalCap":0"#);
    let mut counts = Counts::new();
    for _ in 0..50 {
        counts.record("a", &noon());
    }
    assert_eq!(go_at(&list, &counts, &noon()), None);
    let absent = capped(r#""Priority":1"#);
    assert_eq!(go_at(&absent, &counts, &noon()), None);
}

#[test]
fn a_negative_cap_never_passes() {
    let list = capped(r#""TotalCap":-1"#);
    let excluded = go_at(&list, &Counts::new(), &noon()).unwrap();
    assert_eq!(excluded, Exclusion::TotalCap { cap: -1, shown: 0 });
    assert_eq!(
        excluded.to_string(),
        "total cap -1 is negative: devices never show it"
    );
}

#[test]
fn a_campaign_without_an_id_is_never_capped() {
    let list = campaigns(
        r#"{"SessionCap":1,"DailyCap":1,"TotalCap":1,
            "Schedule":{"EventFilter":{"Dimensions":{"EventType":{"Values":["go"]}}}}}"#,
    );
    let mut counts = Counts::new();
    counts.record("", &noon());
    counts.record("other", &noon());
    assert_eq!(go_at(&list, &counts, &noon()), None);
    assert_eq!(counts.shown(None, &noon()), Shown::default());
    assert_eq!(counts.shown(Some(""), &noon()), Shown::default());
}

#[test]
fn a_display_without_an_id_sets_the_daily_count_to_one() {
    let mut counts = Counts::new();
    counts.record("a", &noon());
    counts.record("b", &noon());
    counts.record("c", &noon());
    assert_eq!(counts.daily(&noon()), 3);
    counts.record("", &noon());
    assert_eq!(counts.daily(&noon()), 1);
    assert_eq!(
        counts.shown(Some("a"), &noon()),
        Shown {
            session: 1,
            daily: 1,
            total: 1
        }
    );
}
