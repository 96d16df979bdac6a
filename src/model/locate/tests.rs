//! Where values are found in every input shape, what is kept when only some are wanted, and
//! what is too deep to walk.
use super::*;

#[test]
fn only_the_wanted_fields_are_kept_in_every_shape() {
    let campaign = r#"{"CampaignId":"a","Schedule":{"EndDate":"x"},"Priority":1}"#;
    let shapes = [
        format!(r#"{{"InAppMessageCampaigns":[{campaign},{campaign}]}}"#),
        format!(
            r#"{{"InAppMessagesResponse":{{"InAppMessageCampaigns":[{campaign},{campaign}]}}}}"#
        ),
        format!("[{campaign},{campaign}]"),
        campaign.to_string(),
    ];
    for text in &shapes {
        let all = Locations::of(text).unwrap();
        let last = if text.starts_with('[') || text.contains("Campaigns") {
            1
        } else {
            0
        };
        let few = Locations::of_fields(text, [(last, "Schedule.EndDate"), (0, "Missing")]).unwrap();
        let end = all.field_path(last, "Schedule.EndDate");
        assert_eq!(few.field_path(last, "Schedule.EndDate"), end, "{text}");
        assert_eq!(few.get(&end), all.get(&end), "{text}");
        let missing = all.field_path(0, "Missing");
        assert_eq!(few.nearest(&missing), all.nearest(&missing), "{text}");
        assert!(
            few.get(&all.field_path(0, "Priority")).is_none(),
            "not wanted, not kept"
        );
    }
}

#[test]
fn nesting_beyond_any_campaign_is_skipped_not_recursed() {
    let deep = format!(
        r#"{{"CampaignId":"a","X":{}{}, "Priority": 1}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let found = Locations::of(&deep).expect("deep JSON is still JSON");
    assert_eq!(
        found.get("CampaignId"),
        Some(Position {
            line: 1,
            column: 15
        })
    );
    assert!(
        found.get("Priority").is_some(),
        "values after the deep one are found"
    );
    let unbalanced = format!("[{}", "[".repeat(200));
    assert!(Locations::of(&unbalanced).is_none());
}

const BODY: &str = r#"{
  "InAppMessageCampaigns": [
    {"CampaignId": "a"},
    {
      "CampaignId": "b",
      "InAppMessage": {"Content": [{}, {"BodyConfig": {"Body": "今日だけ \"x\""}}]},
      "Schedule": {"EndDate": "2027-01-15"}
    }
  ]
}"#;

fn at(line: usize, column: usize) -> Option<Position> {
    Some(Position { line, column })
}

#[test]
fn every_value_is_found_by_its_path() {
    let found = Locations::of(BODY).unwrap();
    assert_eq!(found.get(""), at(1, 1));
    assert_eq!(found.get("InAppMessageCampaigns[0].CampaignId"), at(3, 20));
    assert_eq!(found.get("InAppMessageCampaigns[1]"), at(4, 5));
    let body = "InAppMessageCampaigns[1].InAppMessage.Content[1].BodyConfig.Body";
    assert_eq!(found.get(body), at(6, 64));
    assert_eq!(
        found.get("InAppMessageCampaigns[1].Schedule.EndDate"),
        at(7, 31)
    );
}

#[test]
fn a_missing_field_points_at_its_nearest_ancestor() {
    let found = Locations::of(BODY).unwrap();
    let missing = "InAppMessageCampaigns[0].Schedule.EventFilter";
    assert_eq!(Some(found.nearest(missing)), at(3, 5));
    assert_eq!(Some(found.nearest("Nowhere")), at(1, 1));
}

#[test]
fn lists_escapes_and_wide_characters_keep_columns_in_characters() {
    let found = Locations::of("[{\"k\\u00e9y\": 1}, \"日本\", 2]").unwrap();
    assert_eq!(found.get("[0].kéy"), at(1, 15));
    assert_eq!(found.get("[1]"), at(1, 19));
    assert_eq!(found.get("[2]"), at(1, 25));
}

#[test]
fn a_campaigns_fields_are_found_in_every_input_shape() {
    let campaign = r#"{"CampaignId": "c", "Schedule": {"EndDate": "x"}}"#;
    let shapes = [
        format!(r#"{{"InAppMessageCampaigns": [{campaign}]}}"#),
        format!(r#"{{"InAppMessagesResponse": {{"InAppMessageCampaigns": [{campaign}]}}}}"#),
        format!("[{campaign}]"),
        campaign.to_string(),
    ];
    for text in shapes {
        let found = Locations::of(&text).unwrap();
        let path = found.field_path(0, "Schedule.EndDate");
        let at = found
            .get(&path)
            .unwrap_or_else(|| panic!("{path} in {text}"));
        let offset: usize = text.chars().take(at.column - 1).count();
        assert!(text[text.char_indices().nth(offset).unwrap().0..].starts_with("\"x\""));
    }
}

#[test]
fn what_is_not_json_has_no_locations() {
    for bad in ["", "{", "[1,", "{\"a\" 1}", "[1] 2", "{\"a\":}"] {
        assert!(Locations::of(bad).is_none(), "{bad:?}");
    }
}
