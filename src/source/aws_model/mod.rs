//! The AWS SDK's `GetInAppMessages` output as pinview's model, so live campaigns are checked as files are.

use std::collections::HashMap;

use aws_sdk_pinpoint::operation::get_in_app_messages::GetInAppMessagesOutput;
use aws_sdk_pinpoint::types as sdk;

use crate::model::map::Map;
use crate::model::{
    AttributeDimension, AttributeType, BodyConfig, Button, Campaign, Content, DefaultButtonConfig,
    DimensionType, EventDimensions, EventFilter, HeaderConfig, InAppMessage, Layout,
    MetricDimension, OverrideButtonConfig, QuietTime, Schedule, SetDimension, Text,
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
        campaign_id: c.campaign_id().map(Text::from),
        daily_cap: c.daily_cap(),
        in_app_message: c.in_app_message().map(in_app_message),
        priority: c.priority(),
        schedule: c.schedule().map(schedule),
        session_cap: c.session_cap(),
        total_cap: c.total_cap(),
        treatment_id: c.treatment_id().map(Text::from),
    }
}

fn in_app_message(m: &sdk::InAppMessage) -> InAppMessage {
    InAppMessage {
        // The field, not the getter: the getter reads a missing list as an empty one.
        content: m
            .content
            .as_ref()
            .map(|cards| cards.iter().map(content).collect()),
        custom_config: m
            .custom_config()
            .map(|c| sorted(c, |v| Text::from(v.as_str()))),
        layout: m.layout().map(|l| Layout::from(l.as_str())),
    }
}

fn content(c: &sdk::InAppMessageContent) -> Content {
    Content {
        background_color: c.background_color().map(Text::from),
        body_config: c.body_config().map(body_config),
        header_config: c.header_config().map(header_config),
        image_url: c.image_url().map(Text::from),
        primary_btn: c.primary_btn().map(button).map(Box::new),
        secondary_btn: c.secondary_btn().map(button).map(Box::new),
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
        android: b.android().map(override_button).map(Box::new),
        default_config: b.default_config().map(default_button),
        ios: b.ios().map(override_button).map(Box::new),
        web: b.web().map(override_button).map(Box::new),
    }
}

fn default_button(d: &sdk::DefaultButtonConfiguration) -> DefaultButtonConfig {
    DefaultButtonConfig {
        background_color: d.background_color().map(Text::from),
        border_radius: d.border_radius(),
        button_action: required_enum(d.button_action().map(sdk::ButtonAction::as_str)),
        link: d.link().map(Text::from),
        text: required_str(d.text()),
        text_color: d.text_color().map(Text::from),
    }
}

fn override_button(o: &sdk::OverrideButtonConfiguration) -> OverrideButtonConfig {
    OverrideButtonConfig {
        button_action: required_enum(o.button_action().map(sdk::ButtonAction::as_str)),
        link: o.link().map(Text::from),
    }
}

fn schedule(s: &sdk::InAppCampaignSchedule) -> Schedule {
    Schedule {
        end_date: s.end_date().map(Text::from),
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
        values: texts(a.values.as_deref()),
    }
}

fn set_dimension(s: &sdk::SetDimension) -> SetDimension {
    SetDimension {
        dimension_type: s.dimension_type().map(|t| DimensionType::from(t.as_str())),
        // As for AttributeDimension.
        values: texts(s.values.as_deref()),
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
        end: q.end().map(Text::from),
        start: q.start().map(Text::from),
    }
}

/// A required string the SDK fills with "" when the server leaves it out. Empty text or colour
/// says nothing, so it reads as missing rather than as a colour that does not parse.
fn required_str(s: Option<&str>) -> Option<Text> {
    s.filter(|s| !s.is_empty()).map(Text::from)
}

fn texts(values: Option<&[String]>) -> Option<Vec<Text>> {
    values.map(|v| v.iter().map(|s| Text::from(s.as_str())).collect())
}

/// A required enum: the SDK's stand-in for a missing value reads as missing, not as unknown.
fn required_enum<T: for<'a> From<&'a str>>(s: Option<&str>) -> Option<T> {
    s.filter(|s| *s != SDK_MISSING_ENUM).map(T::from)
}

/// Sorted so the model compares and serialises the same way every time.
fn sorted<V, W>(map: &HashMap<String, V>, f: impl Fn(&V) -> W) -> Map<Text, W> {
    map.iter()
        .map(|(k, v)| (Text::from(k.as_str()), f(v)))
        .collect()
}

#[cfg(test)]
mod tests;
