//! The SDK-to-model conversion, including what the SDK fills in when a server leaves fields out.

use aws_sdk_pinpoint::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_pinpoint::types::{InAppMessageCampaign, InAppMessagesResponse};

use super::*;
use crate::model::{Alignment, ButtonAction, FilterType};

fn s(v: &str) -> Option<Text> {
    Some(v.into())
}

fn full_sdk_campaign() -> InAppMessageCampaign {
    let card = sdk::InAppMessageContent::builder()
        .background_color("#000000")
        .body_config(
            sdk::InAppMessageBodyConfig::builder()
                .alignment(sdk::Alignment::Center)
                .body("Body")
                .text_color("#FFFFFF")
                .build(),
        )
        .header_config(
            sdk::InAppMessageHeaderConfig::builder()
                .alignment(sdk::Alignment::Left)
                .header("Header")
                .text_color("#FF0000")
                .build(),
        )
        .image_url("https://example.com/a.png")
        .primary_btn(
            sdk::InAppMessageButton::builder()
                .android(
                    sdk::OverrideButtonConfiguration::builder()
                        .button_action(sdk::ButtonAction::DeepLink)
                        .link("app://offer")
                        .build(),
                )
                .default_config(
                    sdk::DefaultButtonConfiguration::builder()
                        .background_color("#00FF00")
                        .border_radius(8)
                        .button_action(sdk::ButtonAction::Link)
                        .link("https://example.com/offer")
                        .text("Go")
                        .text_color("#0000FF")
                        .build(),
                )
                .ios(
                    sdk::OverrideButtonConfiguration::builder()
                        .button_action(sdk::ButtonAction::Close)
                        .build(),
                )
                .web(
                    sdk::OverrideButtonConfiguration::builder()
                        .button_action(sdk::ButtonAction::from("SHARE"))
                        .link("https://example.com/web")
                        .build(),
                )
                .build(),
        )
        .secondary_btn(
            sdk::InAppMessageButton::builder()
                .default_config(
                    sdk::DefaultButtonConfiguration::builder()
                        .button_action(sdk::ButtonAction::Close)
                        .text("Later")
                        .build(),
                )
                .build(),
        )
        .build();
    let dimensions = sdk::EventDimensions::builder()
        .attributes(
            "plan",
            sdk::AttributeDimension::builder()
                .attribute_type(sdk::AttributeType::Inclusive)
                .values("pro")
                .values("team")
                .build(),
        )
        .attributes(
            "signup",
            sdk::AttributeDimension::builder()
                .attribute_type(sdk::AttributeType::from("AROUND"))
                .set_values(Some(Vec::new()))
                .build(),
        )
        .event_type(
            sdk::SetDimension::builder()
                .dimension_type(sdk::DimensionType::Exclusive)
                .values("_session.start")
                .build(),
        )
        .metrics(
            "visits",
            sdk::MetricDimension::builder()
                .comparison_operator("GREATER_THAN")
                .value(2.5)
                .build(),
        )
        .metrics(
            "errors",
            sdk::MetricDimension::builder()
                .comparison_operator("EQUAL")
                .value(0.0)
                .build(),
        )
        .build();
    InAppMessageCampaign::builder()
        .campaign_id("cmp-1")
        .daily_cap(1)
        .in_app_message(
            sdk::InAppMessage::builder()
                .content(card)
                .content(sdk::InAppMessageContent::builder().build())
                .custom_config("theme", "dark")
                .custom_config("a", "b")
                .layout(sdk::Layout::from("SIDEWAYS"))
                .build(),
        )
        .priority(2)
        .schedule(
            sdk::InAppCampaignSchedule::builder()
                .end_date("2030-01-01T00:00:00Z")
                .event_filter(
                    sdk::CampaignEventFilter::builder()
                        .dimensions(dimensions)
                        .filter_type(sdk::FilterType::Endpoint)
                        .build(),
                )
                .quiet_time(
                    sdk::QuietTime::builder()
                        .start("22:00")
                        .end("07:00")
                        .build(),
                )
                .build(),
        )
        .session_cap(3)
        .total_cap(4)
        .treatment_id("0")
        .build()
}

fn full_campaign() -> Campaign {
    let card = Content {
        background_color: s("#000000"),
        body_config: Some(BodyConfig {
            alignment: Some(Alignment::Center),
            body: s("Body"),
            text_color: s("#FFFFFF"),
        }),
        header_config: Some(HeaderConfig {
            alignment: Some(Alignment::Left),
            header: s("Header"),
            text_color: s("#FF0000"),
        }),
        image_url: s("https://example.com/a.png"),
        primary_btn: Some(Box::new(Button {
            android: Some(Box::new(OverrideButtonConfig {
                button_action: Some(ButtonAction::DeepLink),
                link: s("app://offer"),
            })),
            default_config: Some(DefaultButtonConfig {
                background_color: s("#00FF00"),
                border_radius: Some(8),
                button_action: Some(ButtonAction::Link),
                link: s("https://example.com/offer"),
                text: s("Go"),
                text_color: s("#0000FF"),
            }),
            ios: Some(Box::new(OverrideButtonConfig {
                button_action: Some(ButtonAction::Close),
                link: None,
            })),
            web: Some(Box::new(OverrideButtonConfig {
                button_action: Some(ButtonAction::Unknown("SHARE".into())),
                link: s("https://example.com/web"),
            })),
        })),
        secondary_btn: Some(Box::new(Button {
            android: None,
            default_config: Some(DefaultButtonConfig {
                background_color: None,
                border_radius: None,
                button_action: Some(ButtonAction::Close),
                link: None,
                text: s("Later"),
                text_color: None,
            }),
            ios: None,
            web: None,
        })),
    };
    let dimensions = EventDimensions {
        attributes: Some(Map::from([
            (
                "plan".into(),
                AttributeDimension {
                    attribute_type: Some(AttributeType::Inclusive),
                    values: Some(vec!["pro".into(), "team".into()]),
                },
            ),
            (
                "signup".into(),
                AttributeDimension {
                    attribute_type: Some(AttributeType::Unknown("AROUND".into())),
                    values: Some(Vec::new()),
                },
            ),
        ])),
        event_type: Some(SetDimension {
            dimension_type: Some(DimensionType::Exclusive),
            values: Some(vec!["_session.start".into()]),
        }),
        metrics: Some(Map::from([
            (
                "visits".into(),
                MetricDimension {
                    comparison_operator: s("GREATER_THAN"),
                    value: Some(2.5),
                },
            ),
            (
                "errors".into(),
                MetricDimension {
                    comparison_operator: s("EQUAL"),
                    value: Some(0.0),
                },
            ),
        ])),
    };
    Campaign {
        campaign_id: s("cmp-1"),
        daily_cap: Some(1),
        in_app_message: Some(InAppMessage {
            content: Some(vec![card, Content::default()]),
            custom_config: Some(Map::from([
                ("a".into(), "b".into()),
                ("theme".into(), "dark".into()),
            ])),
            layout: Some(Layout::Unknown("SIDEWAYS".into())),
        }),
        priority: Some(2),
        schedule: Some(Schedule {
            end_date: s("2030-01-01T00:00:00Z"),
            event_filter: Some(EventFilter {
                dimensions: Some(dimensions),
                filter_type: Some(FilterType::Endpoint),
            }),
            quiet_time: Some(QuietTime {
                end: s("07:00"),
                start: s("22:00"),
            }),
        }),
        session_cap: Some(3),
        total_cap: Some(4),
        treatment_id: s("0"),
    }
}

#[test]
fn every_field_is_carried_over() {
    assert_eq!(campaign_from_sdk(&full_sdk_campaign()), full_campaign());
}

#[test]
fn an_empty_campaign_stays_empty() {
    let empty = InAppMessageCampaign::builder().build();
    assert_eq!(campaign_from_sdk(&empty), Campaign::default());
}

#[test]
fn empty_parts_stay_empty() {
    let dimensions = sdk::EventDimensions::builder()
        .attributes("plan", sdk::AttributeDimension::builder().build())
        .event_type(sdk::SetDimension::builder().build())
        .build();
    let campaign = InAppMessageCampaign::builder()
        .in_app_message(sdk::InAppMessage::builder().build())
        .schedule(
            sdk::InAppCampaignSchedule::builder()
                .event_filter(
                    sdk::CampaignEventFilter::builder()
                        .dimensions(dimensions)
                        .build(),
                )
                .build(),
        )
        .build();
    let dimensions = EventDimensions {
        attributes: Some(Map::from([("plan".into(), AttributeDimension::default())])),
        event_type: Some(SetDimension::default()),
        metrics: None,
    };
    let expected = Campaign {
        in_app_message: Some(InAppMessage::default()),
        schedule: Some(Schedule {
            event_filter: Some(EventFilter {
                dimensions: Some(dimensions),
                filter_type: None,
            }),
            ..Schedule::default()
        }),
        ..Campaign::default()
    };
    assert_eq!(campaign_from_sdk(&campaign), expected);
}

#[test]
fn empty_lists_and_maps_stay_present() {
    let message = sdk::InAppMessage::builder()
        .set_content(Some(Vec::new()))
        .set_custom_config(Some(HashMap::new()))
        .build();
    let campaign = InAppMessageCampaign::builder()
        .in_app_message(message)
        .build();
    let expected = InAppMessage {
        content: Some(Vec::new()),
        custom_config: Some(Map::default()),
        layout: None,
    };
    assert_eq!(campaign_from_sdk(&campaign).in_app_message, Some(expected));
}

#[test]
fn campaigns_keep_their_order() {
    let first = InAppMessageCampaign::builder().campaign_id("a").build();
    let output = GetInAppMessagesOutput::builder()
        .in_app_messages_response(
            InAppMessagesResponse::builder()
                .in_app_message_campaigns(first)
                .in_app_message_campaigns(full_sdk_campaign())
                .build(),
        )
        .build();
    let first = Campaign {
        campaign_id: s("a"),
        ..Campaign::default()
    };
    assert_eq!(campaigns_from_sdk(&output), vec![first, full_campaign()]);
    let nothing = GetInAppMessagesOutput::builder().build();
    assert_eq!(campaigns_from_sdk(&nothing), Vec::new());
}

/// Serves `body` from `pinview serve`, which passes absent fields on as absent, so the SDK's
/// own deserializer fills in what is missing.
async fn get_in_app_messages(body: &'static str) -> GetInAppMessagesOutput {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("app")).expect("an app folder");
    std::fs::write(dir.path().join("app/endpoint.json"), body).expect("the endpoint file");
    let catalog = crate::server::Catalog::dir(dir.path()).expect("a served folder");
    let server = crate::server::Server::start(catalog, "127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("a local server");
    let config = aws_sdk_pinpoint::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("id", "secret", None, None, "test"))
        .endpoint_url(server.url())
        .build();
    let output = aws_sdk_pinpoint::Client::from_conf(config)
        .get_in_app_messages()
        .application_id("app")
        .endpoint_id("endpoint")
        .send()
        .await
        .expect("the local server answers");
    server.stop().await.expect("the server stops");
    output
}

#[tokio::test]
async fn required_fields_the_server_leaves_out_read_as_missing() {
    let output = get_in_app_messages(
        r#"{"InAppMessageCampaigns": [
            {"CampaignId": "c",
             "InAppMessage": {"Layout": "SIDEWAYS", "Content": [{
                 "HeaderConfig": {}, "BodyConfig": {},
                 "PrimaryBtn": {"DefaultConfig": {}, "IOS": {}}}]},
             "Schedule": {"EventFilter": {"Dimensions": {
                 "Attributes": {"plan": {}}, "EventType": {}, "Metrics": {"visits": {}}}}}},
            {"Schedule": {"EventFilter": {}}}
        ]}"#,
    )
    .await;
    let card = Content {
        body_config: Some(BodyConfig::default()),
        header_config: Some(HeaderConfig::default()),
        primary_btn: Some(Box::new(Button {
            default_config: Some(DefaultButtonConfig::default()),
            ios: Some(Box::default()),
            ..Button::default()
        })),
        ..Content::default()
    };
    // The SDK defaults lists and the metric value; those cannot be told from real ones.
    let dimensions = EventDimensions {
        attributes: Some(Map::from([(
            "plan".into(),
            AttributeDimension {
                attribute_type: None,
                values: Some(Vec::new()),
            },
        )])),
        event_type: Some(SetDimension {
            dimension_type: None,
            values: Some(Vec::new()),
        }),
        metrics: Some(Map::from([(
            "visits".into(),
            MetricDimension {
                comparison_operator: None,
                value: Some(0.0),
            },
        )])),
    };
    let first = Campaign {
        campaign_id: s("c"),
        in_app_message: Some(InAppMessage {
            content: Some(vec![card]),
            custom_config: None,
            layout: Some(Layout::Unknown("SIDEWAYS".into())),
        }),
        schedule: Some(Schedule {
            event_filter: Some(EventFilter {
                dimensions: Some(dimensions),
                filter_type: None,
            }),
            ..Schedule::default()
        }),
        ..Campaign::default()
    };
    let second = Campaign {
        schedule: Some(Schedule {
            event_filter: Some(EventFilter {
                dimensions: Some(EventDimensions::default()),
                filter_type: None,
            }),
            ..Schedule::default()
        }),
        ..Campaign::default()
    };
    assert_eq!(campaigns_from_sdk(&output), vec![first, second]);
}
