//! Serde types for `GetInAppMessages`, field for field as the service model names them.
//!
//! Every field is optional, as in the AWS SDK: a campaign with gaps is still previewed, and what
//! is missing is pointed out by `rules::check` rather than rejected here.

use serde::{Deserialize, Serialize};

use super::map::Map;
use super::wire_enum::wire_enum;

/// The campaign's text: most of it (colours, ids, links, labels) fits in the 24 bytes a `String`
/// takes anyway, so it is kept inline instead of in an allocation of its own.
pub type Text = compact_str::CompactString;

wire_enum!(
    /// How the device places the message.
    Layout {
        BottomBanner = "BOTTOM_BANNER",
        TopBanner = "TOP_BANNER",
        MiddleBanner = "MIDDLE_BANNER",
        MobileFeed = "MOBILE_FEED",
        Overlays = "OVERLAYS",
        Carousel = "CAROUSEL",
    }
);

wire_enum!(
    Alignment {
        Left = "LEFT",
        Center = "CENTER",
        Right = "RIGHT",
    }
);

wire_enum!(
    ButtonAction {
        Link = "LINK",
        DeepLink = "DEEP_LINK",
        Close = "CLOSE",
    }
);

wire_enum!(
    AttributeType {
        Inclusive = "INCLUSIVE",
        Exclusive = "EXCLUSIVE",
        Contains = "CONTAINS",
        Before = "BEFORE",
        After = "AFTER",
        On = "ON",
        Between = "BETWEEN",
    }
);

wire_enum!(
    DimensionType {
        Inclusive = "INCLUSIVE",
        Exclusive = "EXCLUSIVE",
    }
);

wire_enum!(
    FilterType {
        System = "SYSTEM",
        Endpoint = "ENDPOINT",
    }
);

/// The API's body: `{"InAppMessageCampaigns": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InAppMessagesResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_app_message_campaigns: Option<Vec<Campaign>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Campaign {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_id: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_cap: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_app_message: Option<InAppMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_cap: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_cap: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment_id: Option<Text>,
}

/// A list read to its exact length: a growing `Vec` keeps room for four, and a card is large, so
/// ten thousand one-card campaigns would hold three times the memory they use.
fn shrunk<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut list = Option::<Vec<T>>::deserialize(d)?;
    if let Some(list) = &mut list {
        list.shrink_to_fit();
    }
    Ok(list)
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InAppMessage {
    #[serde(
        default,
        deserialize_with = "shrunk",
        skip_serializing_if = "Option::is_none"
    )]
    pub content: Option<Vec<Content>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_config: Option<Map<Text, Text>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<Layout>,
}

/// One content card.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Content {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_color: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_config: Option<BodyConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_config: Option<HeaderConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_btn: Option<Box<Button>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_btn: Option<Box<Button>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HeaderConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<Alignment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_color: Option<Text>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BodyConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<Alignment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_color: Option<Text>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Button {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub android: Option<Box<OverrideButtonConfig>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_config: Option<DefaultButtonConfig>,
    #[serde(default, rename = "IOS", skip_serializing_if = "Option::is_none")]
    pub ios: Option<Box<OverrideButtonConfig>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<Box<OverrideButtonConfig>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DefaultButtonConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_color: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub border_radius: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub button_action: Option<ButtonAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_color: Option<Text>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OverrideButtonConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub button_action: Option<ButtonAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<Text>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Schedule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_filter: Option<EventFilter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet_time: Option<QuietTime>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EventFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<EventDimensions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter_type: Option<FilterType>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EventDimensions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Map<Text, AttributeDimension>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<SetDimension>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Map<Text, MetricDimension>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttributeDimension {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_type: Option<AttributeType>,
    #[serde(
        default,
        deserialize_with = "shrunk",
        skip_serializing_if = "Option::is_none"
    )]
    pub values: Option<Vec<Text>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SetDimension {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension_type: Option<DimensionType>,
    #[serde(
        default,
        deserialize_with = "shrunk",
        skip_serializing_if = "Option::is_none"
    )]
    pub values: Option<Vec<Text>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricDimension {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison_operator: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct QuietTime {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Text>,
}

impl Campaign {
    /// A hash of everything in the campaign, to tell a changed one from an unchanged one
    /// without comparing field by field.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::Hasher;
        struct Feed<'a>(&'a mut std::collections::hash_map::DefaultHasher);
        impl std::io::Write for Feed<'_> {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.write(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        // Serializing a campaign cannot fail: every field is a string, number, list or map.
        let _ = serde_json::to_writer(Feed(&mut hasher), self);
        hasher.finish()
    }

    /// The campaign's id, or a stand-in that keeps rows distinguishable when the id is missing.
    pub fn id(&self) -> &str {
        self.campaign_id.as_deref().unwrap_or("(no id)")
    }

    pub fn cards(&self) -> &[Content] {
        self.in_app_message
            .as_ref()
            .and_then(|m| m.content.as_deref())
            .unwrap_or(&[])
    }

    /// The layout as sent, `None` when the payload has none.
    pub fn layout(&self) -> Option<&Layout> {
        self.in_app_message.as_ref().and_then(|m| m.layout.as_ref())
    }

    pub fn header(&self) -> Option<&str> {
        self.cards()
            .first()
            .and_then(|c| c.header_config.as_ref())
            .and_then(|h| h.header.as_deref())
    }

    pub fn body(&self) -> Option<&str> {
        self.cards()
            .first()
            .and_then(|c| c.body_config.as_ref())
            .and_then(|b| b.body.as_deref())
    }

    pub fn end_date(&self) -> Option<&str> {
        self.schedule.as_ref().and_then(|s| s.end_date.as_deref())
    }

    pub fn quiet_time(&self) -> Option<&QuietTime> {
        self.schedule.as_ref().and_then(|s| s.quiet_time.as_ref())
    }

    pub fn event_filter(&self) -> Option<&EventFilter> {
        self.schedule.as_ref().and_then(|s| s.event_filter.as_ref())
    }

    pub fn custom_config(&self) -> Option<&Map<Text, Text>> {
        self.in_app_message
            .as_ref()
            .and_then(|m| m.custom_config.as_ref())
    }
}
