//! Tests of how the device chooses among eligible campaigns: priority, then the end-date
//! tie-break, then the list's order.
//!
//! Each follows amplify-js processInAppMessages (priority), the default handler of
//! conflictHandlerManager.ts
//! (packages/notifications/src/inAppMessaging/providers/pinpoint/utils/).

use super::*;

/// Campaigns listening for `go`, one per `(id, extra top-level fields)`.
fn listening(entries: &[(&str, &str)]) -> Vec<Campaign> {
    let items: Vec<String> = entries
        .iter()
        .map(|(id, extra)| {
            let sep = if extra.is_empty() { "" } else { "," };
            format!(
                r#"{{"CampaignId":"{id}"{sep}{extra},"Schedule":{{"EventFilter":{{"Dimensions":{{"EventType":{{"Values":["go"]}}}}}}}}}}"#
            )
        })
        .collect();
    campaigns(&format!("[{}]", items.join(",")))
}

/// Like `listening`, with an EndDate in the Schedule.
fn ending(entries: &[(&str, &str, Option<&str>)]) -> Vec<Campaign> {
    let mut list = listening(
        &entries
            .iter()
            .map(|(id, extra, _)| (*id, *extra))
            .collect::<Vec<_>>(),
    );
    for (campaign, (_, _, end)) in list.iter_mut().zip(entries) {
        campaign.schedule.as_mut().unwrap().end_date = end.map(Into::into);
    }
    list
}

fn go(list: &[Campaign]) -> Selection {
    select(list, &Event::named("go"), &Counts::new(), &noon())
}

fn rule_words(selection: &Selection) -> Vec<String> {
    selection
        .verdicts
        .iter()
        .map(|v| words(v.excluded_by.clone()))
        .collect()
}

#[test]
fn the_lowest_priority_number_wins() {
    let list = listening(&[
        ("a", r#""Priority":3"#),
        ("b", r#""Priority":1"#),
        ("c", r#""Priority":2"#),
    ]);
    let selection = go(&list);
    assert_eq!(selection.shown, Some(1));
    assert_eq!(selection.reason, "priority 1 beats 2");
    assert_eq!(
        rule_words(&selection),
        [
            "priority: priority 3 loses to priority 1 (#2)",
            "shown",
            "priority: priority 2 loses to priority 1 (#2)",
        ]
    );
}

#[test]
fn a_priority_beats_none_and_zero_counts_as_none() {
    let list = listening(&[
        ("a", ""),
        ("b", r#""Priority":0"#),
        ("c", r#""Priority":5"#),
    ]);
    let selection = go(&list);
    assert_eq!(selection.shown, Some(2));
    assert_eq!(selection.reason, "priority 5 beats campaigns without one");
    assert_eq!(
        rule_words(&selection),
        [
            "priority: no priority loses to priority 5 (#3)",
            "priority: Priority 0 (counts as none) loses to priority 5 (#3)",
            "shown",
        ]
    );
    // Priority 0 against none: no priority on either side, so the end date decides.
    let zero_vs_none = ending(&[
        ("none", "", Some("2027-03-01T00:00:00Z")),
        ("zero", r#""Priority":0"#, Some("2027-01-15T00:00:00Z")),
    ]);
    let selection = go(&zero_vs_none);
    assert_eq!(selection.shown, Some(1));
    assert_eq!(selection.reason, "same priority; ends sooner (2027-01-15)");
    // A Priority 1 is not beaten by a Priority 0 listed first.
    let zero_vs_one = listening(&[("zero", r#""Priority":0"#), ("one", r#""Priority":1"#)]);
    assert_eq!(go(&zero_vs_one).shown, Some(1));
}

#[test]
fn same_priority_the_one_ending_sooner_wins() {
    let list = ending(&[
        ("a", r#""Priority":2"#, Some("2027-03-01T00:00:00Z")),
        ("b", r#""Priority":2"#, Some("2027-01-15T00:00:00Z")),
        ("c", r#""Priority":2"#, None),
    ]);
    let selection = go(&list);
    assert_eq!(selection.shown, Some(1));
    assert_eq!(selection.reason, "same priority; ends sooner (2027-01-15)");
    assert_eq!(
        rule_words(&selection),
        [
            "tie: same priority; #2 ends sooner (2027-01-15)",
            "shown",
            "tie: same priority; #2 ends sooner (2027-01-15)",
        ]
    );
    let times = ending(&[
        ("a", "", Some("2027-01-15T10:30:00Z")),
        ("b", "", Some("2027-01-15T09:30:00Z")),
    ]);
    assert_eq!(
        go(&times).reason,
        "same priority; ends sooner (2027-01-15 09:30Z)"
    );
}

#[test]
fn a_dated_campaign_beats_an_undated_one() {
    let list = ending(&[
        ("undated", "", None),
        ("dated", "", Some("2030-01-01T00:00:00Z")),
    ]);
    let selection = go(&list);
    assert_eq!(selection.shown, Some(1));
    assert_eq!(selection.reason, "same priority; ends sooner (2030-01-01)");
    // An empty EndDate is no end date here too.
    let empty = ending(&[
        ("empty", "", Some("")),
        ("dated", "", Some("2030-01-01T00:00:00Z")),
    ]);
    assert_eq!(go(&empty).shown, Some(1));
}

#[test]
fn equal_ends_keep_the_list_order() {
    let undated = listening(&[("a", ""), ("b", ""), ("c", "")]);
    let selection = go(&undated);
    assert_eq!(selection.shown, Some(0));
    assert_eq!(
        selection.reason,
        "same priority and end; earlier in the list"
    );
    assert_eq!(
        words(selection.verdicts[2].excluded_by.clone()),
        "tie: same priority and end; #1 is earlier in the list"
    );
    // The same instant written two ways is a tie, as in the device's sort.
    let same_instant = ending(&[
        ("x", "", Some("2030-01-01T00:00:00.000Z")),
        ("y", "", Some("2030-01-01T00:00:00Z")),
        ("z", "", Some("2030-01-01T09:00:00+09:00")),
    ]);
    assert_eq!(go(&same_instant).shown, Some(0));
    let reversed = ending(&[
        ("y", "", Some("2030-01-01T00:00:00Z")),
        ("x", "", Some("2030-01-01T00:00:00.000Z")),
    ]);
    assert_eq!(go(&reversed).shown, Some(0));
}

#[test]
fn priority_first_then_the_tie_break_among_the_best() {
    let list = ending(&[
        ("a", r#""Priority":3"#, Some("2026-12-01T00:00:00Z")),
        ("b", r#""Priority":1"#, Some("2027-03-01T00:00:00Z")),
        ("c", r#""Priority":1"#, Some("2027-01-15T00:00:00Z")),
    ]);
    let selection = go(&list);
    assert_eq!(selection.shown, Some(2));
    assert_eq!(
        selection.reason,
        "priority 1 beats 3; among priority 1, ends sooner (2027-01-15)"
    );
    let same_end = listening(&[
        ("a", r#""Priority":4"#),
        ("b", r#""Priority":2"#),
        ("c", r#""Priority":2"#),
    ]);
    assert_eq!(
        go(&same_end).reason,
        "priority 2 beats 4; among priority 2, same end; earlier in the list"
    );
}

#[test]
fn excluded_campaigns_take_no_part_in_the_ranking() {
    let list = ending(&[
        ("expired", r#""Priority":1"#, Some("2026-01-01T00:00:00Z")),
        ("kept", r#""Priority":4"#, None),
    ]);
    let selection = go(&list);
    assert_eq!(selection.shown, Some(1));
    assert_eq!(selection.reason, "the only eligible campaign");
    assert_eq!(
        selection.verdicts[0]
            .excluded_by
            .as_ref()
            .map(Exclusion::rule),
        Some("end_date")
    );
}

#[test]
fn when_nothing_is_eligible_the_reason_says_so() {
    let list = listening(&[("a", ""), ("b", "")]);
    let selection = select(&list, &Event::named("purchase"), &Counts::new(), &noon());
    assert_eq!(selection.shown, None);
    assert_eq!(selection.reason, "no campaign is eligible for purchase");
    assert!(
        selection
            .verdicts
            .iter()
            .all(|v| v.excluded_by.as_ref().map(Exclusion::rule) == Some("event"))
    );
    let none = select(&[], &Event::named("purchase"), &Counts::new(), &noon());
    assert_eq!(
        (none.shown, none.reason.as_str()),
        (None, "no campaigns to choose from")
    );
}

#[test]
fn an_unknown_layout_is_still_selected() {
    let list = campaigns(
        r#"[{"CampaignId":"new","Priority":1,"InAppMessage":{"Layout":"SPLASH"},
             "Schedule":{"EventFilter":{"Dimensions":{"EventType":{"Values":["go"]}}}}},
            {"CampaignId":"old","Priority":2,"InAppMessage":{"Layout":"TOP_BANNER"},
             "Schedule":{"EventFilter":{"Dimensions":{"EventType":{"Values":["go"]}}}}}]"#,
    );
    assert_eq!(go(&list).shown, Some(0));
}

#[test]
fn verdicts_follow_the_input_order_and_only_the_winner_has_none() {
    let list = listening(&[
        ("a", r#""Priority":2"#),
        ("b", ""),
        ("c", r#""Priority":2"#),
        ("d", r#""Priority":1"#),
    ]);
    let selection = go(&list);
    let indexes: Vec<usize> = selection.verdicts.iter().map(|v| v.index).collect();
    assert_eq!(indexes, [0, 1, 2, 3]);
    let unexcluded: Vec<usize> = selection
        .verdicts
        .iter()
        .filter(|v| v.excluded_by.is_none())
        .map(|v| v.index)
        .collect();
    assert_eq!(unexcluded, [3]);
    assert_eq!(selection.shown, Some(3));
}
