//! Each rule against its fixture (`tests/fixtures/rules/PVxxx.json`, a clean campaign with one
//! thing changed) and the clean campaign itself, which nothing may flag.

use std::path::PathBuf;

use super::*;
use crate::model::input::parse_campaigns;
use crate::model::locate::Locations;
use crate::text::parse_now;

fn fixture(name: &str) -> (String, Vec<Campaign>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let campaigns = parse_campaigns(text.as_bytes()).unwrap();
    (text, campaigns)
}

fn options() -> Options {
    Options::at(parse_now("2026-12-01T00:00:00Z").unwrap())
}

fn ids(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.rule.id).collect()
}

#[test]
fn the_clean_campaign_has_no_findings() {
    let (_, campaigns) = fixture("clean.json");
    let found = review(&campaigns, &options());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_rule_fires_on_its_fixture_at_a_field_of_the_file() {
    for rule in RULES.iter().filter(|r| !r.needs_images) {
        let (text, campaigns) = fixture(&format!("{}.json", rule.id));
        let found = review(&campaigns, &options());
        let hits: Vec<&Finding> = found.iter().filter(|f| f.rule == *rule).collect();
        assert!(
            !hits.is_empty(),
            "{} did not fire: {:?}",
            rule.id,
            ids(&found)
        );
        let locations = Locations::of(&text).unwrap();
        for hit in hits {
            let path = locations.field_path(hit.campaign, &hit.path);
            let at = locations.nearest(&path);
            assert!(
                at.line > 2,
                "{}: {path} resolved to the top of the file",
                rule.id
            );
            assert!(!hit.message.is_empty() && !hit.message.contains('\n'));
        }
        // The fixture changes one thing: nothing else of weight may fire.
        let others: Vec<_> = found
            .iter()
            .filter(|f| f.rule != *rule && f.severity() != Severity::Note)
            .map(|f| f.rule.id)
            .collect();
        let expected_extra: &[&str] = match rule.id {
            "PV014" => &["PV033"],
            _ => &[],
        };
        assert!(
            others.iter().all(|id| expected_extra.contains(id)),
            "{}: also {others:?}",
            rule.id
        );
    }
}

#[test]
fn field_findings_point_at_the_value_itself() {
    let (text, campaigns) = fixture("PV012.json");
    let found = review(&campaigns, &options());
    let body = found.iter().find(|f| f.rule.id == "PV012").unwrap();
    assert_eq!(&*body.path, "InAppMessage.Content[0].BodyConfig.Body");
    assert_eq!(
        &*body.message,
        "body is 164 characters; devices show at most 150"
    );
    let locations = Locations::of(&text).unwrap();
    let at = locations.get(&locations.field_path(0, &body.path)).unwrap();
    let line = text.lines().nth(at.line - 1).unwrap();
    let from: String = line.chars().skip(at.column - 1).take(4).collect();
    assert_eq!(from, "\"BBB");
}

#[test]
fn a_finding_shared_by_platforms_is_reported_once_with_them() {
    // The default link "/shop" acts on iOS and web; Android overrides it with a deep link.
    let (_, campaigns) = fixture("PV062.json");
    let found = review(&campaigns, &options());
    let link: Vec<_> = found.iter().filter(|f| f.rule.id == "PV062").collect();
    assert_eq!(link.len(), 1, "{link:#?}");
    assert_eq!(link[0].platforms.names(), ["ios", "web"]);
    assert_eq!(
        &*link[0].path,
        "InAppMessage.Content[0].PrimaryBtn.DefaultConfig.Link"
    );
    assert!(
        link[0].words().ends_with("(ios, web)"),
        "{}",
        link[0].words()
    );

    let (_, campaigns) = fixture("PV063.json");
    let deep = review(&campaigns, &options());
    let deep = deep.iter().find(|f| f.rule.id == "PV063").unwrap();
    assert_eq!(deep.platforms.names(), ["android"]);
    assert_eq!(
        &*deep.path,
        "InAppMessage.Content[0].PrimaryBtn.Android.Link"
    );
}

#[test]
fn one_platform_limits_the_button_and_colour_rules() {
    let web = Options {
        platforms: Platforms::only(Platform::Web),
        ..options()
    };
    let (_, campaigns) = fixture("PV063.json");
    assert!(
        review(&campaigns, &web).is_empty(),
        "the deep link is Android's"
    );
    let (_, campaigns) = fixture("PV035.json");
    assert!(!ids(&review(&campaigns, &options())).is_empty());
    assert!(review(&campaigns, &web).is_empty(), "web draws 0 as square");
    let (_, campaigns) = fixture("PV033.json");
    let android = Options {
        platforms: Platforms::only(Platform::Android),
        ..options()
    };
    assert!(!ids(&review(&campaigns, &android)).contains(&"PV033"));
}

/// A transparent colour is judged over a white app screen, and the finding says so.
#[test]
fn contrast_through_transparency_says_what_it_assumed() {
    let (text, _) = fixture("clean.json");
    let clear = text.replace(
        "\"BackgroundColor\": \"#FFFFFF\"",
        "\"BackgroundColor\": \"transparent\"",
    );
    let clear = clear.replace("\"TextColor\": \"#333333\"", "\"TextColor\": \"#FFFFFF80\"");
    let campaigns = parse_campaigns(clear.as_bytes()).unwrap();
    let found = review(&campaigns, &options());
    let body = found
        .iter()
        .find(|f| f.path.contains("BodyConfig"))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert!(
        body.message
            .ends_with("(colours with transparency taken over a white app screen)"),
        "{}",
        body.message
    );
}

#[test]
fn contrast_below_three_is_an_error_and_below_four_and_a_half_a_warning() {
    let (_, campaigns) = fixture("PV052.json");
    let found = review(&campaigns, &options());
    let warn = found.iter().find(|f| f.rule.id == "PV052").unwrap();
    assert_eq!(
        &*warn.message,
        "body text #777777 on #FFFFFF has contrast 4.47:1; WCAG 2.2 asks for 4.5:1"
    );
    assert_eq!(warn.severity(), Severity::Warning);
    let (_, campaigns) = fixture("PV051.json");
    let found = review(&campaigns, &options());
    assert_eq!(
        found
            .iter()
            .find(|f| f.rule.id == "PV051")
            .unwrap()
            .severity(),
        Severity::Error
    );
}

#[test]
fn never_wins_names_the_campaign_that_always_wins_and_yields_to_caps() {
    let (_, mut campaigns) = fixture("PV027.json");
    let found = review(&campaigns, &options());
    let lost = found.iter().find(|f| f.rule.id == "PV027").unwrap();
    assert_eq!(lost.campaign, 1);
    assert!(lost.message.contains("always-first"), "{}", lost.message);
    // A cap on the winner lets the other one show once it is reached.
    campaigns[0].total_cap = Some(3);
    assert!(!ids(&review(&campaigns, &options())).contains(&"PV027"));
    // So does a winner that ends first.
    campaigns[0].total_cap = None;
    campaigns[0].schedule.as_mut().unwrap().end_date = Some("2027-01-01T00:00:00Z".into());
    assert!(!ids(&review(&campaigns, &options())).contains(&"PV027"));
    // Ends that tie in UTC but not where a device's local EndDate falls later: west of UTC the
    // other one ends sooner and wins the tie, so "never" does not hold.
    let end = |c: &mut Campaign, text: &str| {
        c.schedule.as_mut().unwrap().end_date = Some(text.into());
    };
    end(&mut campaigns[0], "2030-01-01T00:00:00");
    end(&mut campaigns[1], "2030-01-01T00:00:00Z");
    campaigns[1].priority = campaigns[0].priority;
    assert!(!ids(&review(&campaigns, &options())).contains(&"PV027"));
    // Both local: they move together, and list order decides everywhere.
    end(&mut campaigns[1], "2030-01-01T00:00:00");
    assert!(ids(&review(&campaigns, &options())).contains(&"PV027"));
}

#[test]
fn image_rules_read_the_gathered_facts() {
    let (_, campaigns) = fixture("clean.json");
    let failed = review_images(&campaigns, &|_| Some(ImageFact::Failed("HTTP 404".into())));
    assert_eq!(ids(&failed), ["PV071"]);
    assert!(failed[0].message.contains("HTTP 404"));
    let big = review_images(&campaigns, &|_| {
        Some(ImageFact::Loaded {
            bytes: 3 * LARGE_IMAGE,
            width: 300,
            height: 200,
        })
    });
    assert_eq!(ids(&big), ["PV072"], "the modal has no recommended aspect");
    let mut banner = campaigns.clone();
    banner[0].in_app_message.as_mut().unwrap().layout = Some(crate::model::Layout::TopBanner);
    let wide = review_images(&banner, &|_| {
        Some(ImageFact::Loaded {
            bytes: 1000,
            width: 300,
            height: 200,
        })
    });
    assert_eq!(ids(&wide), ["PV073"]);
    assert!(review_images(&campaigns, &|_| None).is_empty());
}

#[test]
fn every_rule_id_is_unique_and_explained() {
    let mut seen = std::collections::HashSet::new();
    for rule in RULES {
        assert!(seen.insert(rule.id), "{} twice", rule.id);
        assert!(rule.id.len() == 5 && rule.id.starts_with("PV"));
        assert!(!rule.summary.is_empty() && rule.explanation.len() > rule.summary.len());
        assert_eq!(catalog::rule(&rule.id.to_lowercase()), Some(*rule));
    }
}

#[test]
fn text_from_the_payload_reaches_messages_clean() {
    let (_, mut campaigns) = fixture("PV039.json");
    let button = campaigns[0]
        .in_app_message
        .as_mut()
        .unwrap()
        .content
        .as_mut()
        .unwrap()[0]
        .secondary_btn
        .as_mut()
        .unwrap();
    button.default_config.as_mut().unwrap().button_action = Some(
        crate::model::ButtonAction::Unknown("SH\u{1b}[2JARE\u{202e}".into()),
    );
    let found = review(&campaigns, &options());
    let words = &found.iter().find(|f| f.rule.id == "PV039").unwrap().message;
    assert!(
        !words.chars().any(|c| c.is_control() || c == '\u{202e}'),
        "{words:?}"
    );
}

#[test]
fn without_paths_the_findings_say_the_same() {
    let campaigns = parse_campaigns(include_bytes!("../../../tests/fixtures/rules/PV061.json"))
        .expect("the fixture parses");
    let now = jiff::Timestamp::UNIX_EPOCH.in_tz("UTC").unwrap();
    let with = review(&campaigns, &Options::at(now.clone()));
    let without = review(
        &campaigns,
        &Options {
            paths: false,
            ..Options::at(now)
        },
    );
    assert!(!with.is_empty() && with.iter().any(|f| !f.path.is_empty()));
    let words = |all: &[Finding]| all.iter().map(Finding::words).collect::<Vec<_>>();
    let mut expected = words(&with);
    expected.dedup();
    assert_eq!(words(&without), expected);
    assert!(without.iter().all(|f| f.path.is_empty()));
}
