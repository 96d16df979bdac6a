//! The AWS SDK's `GetInAppMessages` output as pinview's model, so live campaigns lint as files do.

use std::collections::{BTreeMap, HashMap};

use aws_sdk_pinpoint::operation::get_in_app_messages::GetInAppMessagesOutput;
use aws_sdk_pinpoint::types as sdk;

use crate::model::{
    AttributeDimension, AttributeType, BodyConfig, Button, Campaign, Content, DefaultButtonConfig,
    DimensionType, EventDimensions, EventFilter, HeaderConfig, InAppMessage, Layout,
    MetricDimension, OverrideButtonConfig, QuietTime, Schedule, SetDimension,
};

/// What the SDK's deserializer puts in a required enum the server left out.
const SDK_MISSING_ENUM: &str = "no value was set";

pub(crate) fn campaigns_from_sdk(output: &GetInAppMessagesOutput) -> Vec<Campaign> {
    output
        .in_app_messages_response()
        .map(|r| {
            r.in_app_message_campaigns()
                .iter()
                .map(campaign_from_sdk)
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn campaign_from_sdk(c: &sdk::InAppMessageCampaign) -> Campaign {
    Campaign {
        campaign_id: c.campaign_id().map(str::to_owned),
        daily_cap: c.daily_cap(),
        in_app_message: c.in_app_message().map(in_app_message),
        priority: c.priority(),
        schedule: c.schedule().map(schedule),
        session_cap: c.session_cap(),
        total_cap: c.total_cap(),
        treatment_id: c.treatment_id().map(str::to_owned),
    }
}

fn in_app_message(m: &sdk::InAppMessage) -> InAppMessage {
    InAppMessage {
        // The field, not the getter: the getter reads a missing list as an empty one.
        content: m
            .content
            .as_ref()
            .map(|cards| cards.iter().map(content).collect()),
        custom_config: m.custom_config().map(|c| sorted(c, String::clone)),
        layout: m.layout().map(|l| Layout::from(l.as_str())),
    }
}

fn content(c: &sdk::InAppMessageContent) -> Content {
    Content {
        background_color: c.background_color().map(str::to_owned),
        body_config: c.body_config().map(body_config),
        header_config: c.header_config().map(header_config),
        image_url: c.image_url().map(str::to_owned),
        primary_btn: c.primary_btn().map(button),
        secondary_btn: c.secondary_btn().map(button),
    }
}

fn header_config(h: &sdk::InAppMessageHeaderConfig) -> HeaderConfig {
    HeaderConfig {
        alignment: required_enum(h.alignment().map(sdk::Alignment::as_str)),
        header: required_str(h.header()),
        text_color: required_str(h.text_color()),
    }
}

fn body_config(b: &sdk::InAppMessageBodyConfig) -> BodyConfig {
    BodyConfig {
        alignment: required_enum(b.alignment().map(sdk::Alignment::as_str)),
        body: required_str(b.body()),
        text_color: required_str(b.text_color()),
    }
}

fn button(b: &sdk::InAppMessageButton) -> Button {
    Button {
        android: b.android().map(override_button),
        default_config: b.default_config().map(default_button),
        ios: b.ios().map(override_button),
        web: b.web().map(override_button),
    }
}

fn default_button(d: &sdk::DefaultButtonConfiguration) -> DefaultButtonConfig {
    DefaultButtonConfig {
        background_color: d.background_color().map(str::to_owned),
        border_radius: d.border_radius(),
        button_action: required_enum(d.button_action().map(sdk::ButtonAction::as_str)),
        link: d.link().map(str::to_owned),
        text: required_str(d.text()),
        text_color: d.text_color().map(str::to_owned),
    }
}

fn override_button(o: &sdk::OverrideButtonConfiguration) -> OverrideButtonConfig {
    OverrideButtonConfig {
        button_action: required_enum(o.button_action().map(sdk::ButtonAction::as_str)),
        link: o.link().map(str::to_owned),
    }
}

fn schedule(s: &sdk::InAppCampaignSchedule) -> Schedule {
    Schedule {
        end_date: s.end_date().map(str::to_owned),
        event_filter: s.event_filter().map(event_filter),
        quiet_time: s.quiet_time().map(quiet_time),
    }
}

fn event_filter(f: &sdk::CampaignEventFilter) -> EventFilter {
    EventFilter {
        // A missing Dimensions arrives as an empty one; it means the same, so it is kept.
        dimensions: f.dimensions().map(event_dimensions),
        filter_type: required_enum(f.filter_type().map(sdk::FilterType::as_str)),
    }
}

fn event_dimensions(d: &sdk::EventDimensions) -> EventDimensions {
    EventDimensions {
        attributes: d.attributes().map(|a| sorted(a, attribute_dimension)),
        event_type: d.event_type().map(set_dimension),
        metrics: d.metrics().map(|m| sorted(m, metric_dimension)),
    }
}

fn attribute_dimension(a: &sdk::AttributeDimension) -> AttributeDimension {
    AttributeDimension {
        attribute_type: a.attribute_type().map(|t| AttributeType::from(t.as_str())),
        // The field, as for Content. The SDK's deserializer fills a missing list with an empty
        // one, which cannot be told from a real empty list, so it is kept.
        values: a.values.clone(),
    }
}

fn set_dimension(s: &sdk::SetDimension) -> SetDimension {
    SetDimension {
        dimension_type: s.dimension_type().map(|t| DimensionType::from(t.as_str())),
        // As for AttributeDimension.
        values: s.values.clone(),
    }
}

fn metric_dimension(m: &sdk::MetricDimension) -> MetricDimension {
    MetricDimension {
        comparison_operator: required_str(m.comparison_operator()),
        // A missing Value arrives as 0.0, which is also a real threshold, so it is kept.
        value: m.value(),
    }
}

fn quiet_time(q: &sdk::QuietTime) -> QuietTime {
    QuietTime {
        end: q.end().map(str::to_owned),
        start: q.start().map(str::to_owned),
    }
}

/// A required string the SDK fills with "" when the server leaves it out. Empty text or colour
/// says nothing, so it reads as missing rather than as a colour that does not parse.
fn required_str(s: Option<&str>) -> Option<String> {
    s.filter(|s| !s.is_empty()).map(str::to_owned)
}

/// A required enum: the SDK's stand-in for a missing value reads as missing, not as unknown.
fn required_enum<T: for<'a> From<&'a str>>(s: Option<&str>) -> Option<T> {
    s.filter(|s| *s != SDK_MISSING_ENUM).map(T::from)
}

/// Sorted so the model compares and serialises the same way every time.
fn sorted<V, W>(map: &HashMap<String, V>, f: impl Fn(&V) -> W) -> BTreeMap<String, W> {
    map.iter().map(|(k, v)| (k.clone(), f(v))).collect()
}

#[cfg(test)]
mod tests {
    use std::future::IntoFuture;

    use aws_sdk_pinpoint::config::{BehaviorVersion, Credentials, Region};
    use aws_sdk_pinpoint::types::{InAppMessageCampaign, InAppMessagesResponse};

    use super::*;
    use crate::model::{Alignment, ButtonAction, FilterType};

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
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
            primary_btn: Some(Button {
                android: Some(OverrideButtonConfig {
                    button_action: Some(ButtonAction::DeepLink),
                    link: s("app://offer"),
                }),
                default_config: Some(DefaultButtonConfig {
                    background_color: s("#00FF00"),
                    border_radius: Some(8),
                    button_action: Some(ButtonAction::Link),
                    link: s("https://example.com/offer"),
                    text: s("Go"),
                    text_color: s("#0000FF"),
                }),
                ios: Some(OverrideButtonConfig {
                    button_action: Some(ButtonAction::Close),
                    link: None,
                }),
                web: Some(OverrideButtonConfig {
                    button_action: Some(ButtonAction::Unknown("SHARE".into())),
                    link: s("https://example.com/web"),
                }),
            }),
            secondary_btn: Some(Button {
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
            }),
        };
        let dimensions = EventDimensions {
            attributes: Some(BTreeMap::from([
                (
                    "plan".to_owned(),
                    AttributeDimension {
                        attribute_type: Some(AttributeType::Inclusive),
                        values: Some(vec!["pro".into(), "team".into()]),
                    },
                ),
                (
                    "signup".to_owned(),
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
            metrics: Some(BTreeMap::from([
                (
                    "visits".to_owned(),
                    MetricDimension {
                        comparison_operator: s("GREATER_THAN"),
                        value: Some(2.5),
                    },
                ),
                (
                    "errors".to_owned(),
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
                custom_config: Some(BTreeMap::from([
                    ("a".to_owned(), "b".to_owned()),
                    ("theme".to_owned(), "dark".to_owned()),
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
            attributes: Some(BTreeMap::from([(
                "plan".to_owned(),
                AttributeDimension::default(),
            )])),
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
            custom_config: Some(BTreeMap::new()),
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

    /// Answers every request with `body`, so the SDK's own deserializer fills in what is missing.
    async fn get_in_app_messages(body: &'static str) -> GetInAppMessagesOutput {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a local port");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        let app = axum::Router::new().fallback(move || async move {
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                body,
            )
        });
        tokio::spawn(axum::serve(listener, app).into_future());
        let config = aws_sdk_pinpoint::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("id", "secret", None, None, "test"))
            .endpoint_url(url)
            .build();
        aws_sdk_pinpoint::Client::from_conf(config)
            .get_in_app_messages()
            .application_id("app")
            .endpoint_id("endpoint")
            .send()
            .await
            .expect("the local server answers")
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
            primary_btn: Some(Button {
                default_config: Some(DefaultButtonConfig::default()),
                ios: Some(OverrideButtonConfig::default()),
                ..Button::default()
            }),
            ..Content::default()
        };
        // The SDK defaults lists and the metric value; those cannot be told from real ones.
        let dimensions = EventDimensions {
            attributes: Some(BTreeMap::from([(
                "plan".to_owned(),
                AttributeDimension {
                    attribute_type: None,
                    values: Some(Vec::new()),
                },
            )])),
            event_type: Some(SetDimension {
                dimension_type: None,
                values: Some(Vec::new()),
            }),
            metrics: Some(BTreeMap::from([(
                "visits".to_owned(),
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
}
