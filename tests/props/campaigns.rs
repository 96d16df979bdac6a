//! Campaigns as any payload may have them: every field present or not, any text, colour, number
//! and enum value (unknown ones included), 0–7 cards, buttons with and without their defaults.

use pinview::model::{
    AttributeDimension, BodyConfig, Button, Campaign, Content, DefaultButtonConfig,
    EventDimensions, EventFilter, HeaderConfig, InAppMessage, MetricDimension,
    OverrideButtonConfig, QuietTime, Schedule, SetDimension, Text,
};
use proptest::collection::{btree_map, vec};
use proptest::option::of;
use proptest::prelude::*;
use proptest::sample::select;

use super::strings::{colour, date, int, nasty, short, time_of_day, wire};

const LAYOUTS: &[&str] = &[
    "BOTTOM_BANNER",
    "TOP_BANNER",
    "MIDDLE_BANNER",
    "MOBILE_FEED",
    "OVERLAYS",
    "CAROUSEL",
];
const ALIGNMENTS: &[&str] = &["LEFT", "CENTER", "RIGHT"];
const ACTIONS: &[&str] = &["LINK", "DEEP_LINK", "CLOSE"];
const ATTRIBUTE_TYPES: &[&str] = &[
    "INCLUSIVE",
    "EXCLUSIVE",
    "CONTAINS",
    "BEFORE",
    "AFTER",
    "ON",
    "BETWEEN",
];
const DIMENSION_TYPES: &[&str] = &["INCLUSIVE", "EXCLUSIVE"];
const FILTER_TYPES: &[&str] = &["SYSTEM", "ENDPOINT"];
const OPERATORS: &[&str] = &[
    "EQUAL",
    "GREATER_THAN",
    "GREATER_THAN_OR_EQUAL",
    "LESS_THAN",
    "LESS_THAN_OR_EQUAL",
];
/// Ids drawn from a small pool, so lists hold duplicates and replies keep or lose a selection.
const IDS: &[&str] = &["a", "b", "c", "winter-sale-2026", ""];

/// Campaign text, as the model keeps it.
fn t(strings: BoxedStrategy<String>) -> BoxedStrategy<Text> {
    strings.prop_map(Text::from).boxed()
}

fn id() -> BoxedStrategy<String> {
    prop_oneof![3 => select(IDS).prop_map(str::to_string), 1 => short()].boxed()
}

/// A link or an ImageUrl: URLs of every kind, paths, and any text.
fn url() -> BoxedStrategy<String> {
    let forms = select(
        &[
            "https://example.com/a.png",
            "https://demo.pinview.invalid/images/winter-sale.png",
            "https://demo.pinview.invalid/images/nope.png",
            "http://127.0.0.1:9/x.jpg",
            "nordlys://sale/winter",
            "file:///etc/passwd",
            "../../secret.png",
            "images/a.png",
            "/abs/b.jpeg",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "",
        ][..],
    );
    prop_oneof![2 => forms.prop_map(str::to_string), 1 => nasty(40)].boxed()
}

fn text(max: usize) -> BoxedStrategy<String> {
    nasty(max).boxed()
}

fn header() -> BoxedStrategy<HeaderConfig> {
    (of(wire(ALIGNMENTS)), of(t(text(60))), of(t(colour())))
        .prop_map(|(alignment, header, colour)| HeaderConfig {
            alignment: alignment.map(|a| a.as_str().into()),
            header,
            text_color: colour,
        })
        .boxed()
}

fn body() -> BoxedStrategy<BodyConfig> {
    (of(wire(ALIGNMENTS)), of(t(text(300))), of(t(colour())))
        .prop_map(|(alignment, body, colour)| BodyConfig {
            alignment: alignment.map(|a| a.as_str().into()),
            body,
            text_color: colour,
        })
        .boxed()
}

fn override_config() -> BoxedStrategy<OverrideButtonConfig> {
    (of(wire(ACTIONS)), of(t(url())))
        .prop_map(|(action, link)| OverrideButtonConfig {
            button_action: action.map(|a| a.as_str().into()),
            link,
        })
        .boxed()
}

fn default_config() -> BoxedStrategy<DefaultButtonConfig> {
    (
        of(t(colour())),
        of(int()),
        of(wire(ACTIONS)),
        of(t(url())),
        of(t(text(30))),
        of(t(colour())),
    )
        .prop_map(|(bg, radius, action, link, text, fg)| DefaultButtonConfig {
            background_color: bg,
            border_radius: radius,
            button_action: action.map(|a| a.as_str().into()),
            link,
            text,
            text_color: fg,
        })
        .boxed()
}

fn button() -> BoxedStrategy<Button> {
    (
        of(override_config().prop_map(Box::new)),
        of(default_config()),
        of(override_config().prop_map(Box::new)),
        of(override_config().prop_map(Box::new)),
    )
        .prop_map(|(android, default_config, ios, web)| Button {
            android,
            default_config,
            ios,
            web,
        })
        .boxed()
}

fn card() -> BoxedStrategy<Content> {
    (
        of(t(colour())),
        of(body()),
        of(header()),
        of(t(url())),
        of(button()),
        of(button()),
    )
        .prop_map(|(bg, body, header, image, primary, secondary)| Content {
            background_color: bg,
            body_config: body,
            header_config: header,
            image_url: image,
            primary_btn: primary.map(Box::new),
            secondary_btn: secondary.map(Box::new),
        })
        .boxed()
}

fn message() -> BoxedStrategy<InAppMessage> {
    (
        of(vec(card(), 0..=7)),
        of(btree_map(t(short()), t(short()), 0..3)),
        of(wire(LAYOUTS)),
    )
        .prop_map(|(content, custom, layout)| InAppMessage {
            content,
            custom_config: custom.map(|m| m.into_iter().collect()),
            layout: layout.map(|l| l.as_str().into()),
        })
        .boxed()
}

fn metric() -> BoxedStrategy<MetricDimension> {
    let value = prop_oneof![3 => -20.0..20.0f64, 1 => any::<f64>()];
    (of(t(wire(OPERATORS))), of(value))
        .prop_map(|(op, value)| MetricDimension {
            comparison_operator: op,
            value,
        })
        .boxed()
}

fn dimensions() -> BoxedStrategy<EventDimensions> {
    let attribute =
        (of(wire(ATTRIBUTE_TYPES)), of(vec(t(short()), 0..4))).prop_map(|(t, values)| {
            AttributeDimension {
                attribute_type: t.map(|t| t.as_str().into()),
                values,
            }
        });
    let event = (of(wire(DIMENSION_TYPES)), of(vec(t(short()), 0..4))).prop_map(|(t, values)| {
        SetDimension {
            dimension_type: t.map(|t| t.as_str().into()),
            values,
        }
    });
    (
        of(btree_map(t(short()), attribute, 0..3)),
        of(event),
        of(btree_map(t(short()), metric(), 0..3)),
    )
        .prop_map(|(attributes, event_type, metrics)| EventDimensions {
            attributes: attributes.map(|m| m.into_iter().collect()),
            event_type,
            metrics: metrics.map(|m| m.into_iter().collect()),
        })
        .boxed()
}

fn schedule() -> BoxedStrategy<Schedule> {
    let filter = (of(dimensions()), of(wire(FILTER_TYPES))).prop_map(|(d, t)| EventFilter {
        dimensions: d,
        filter_type: t.map(|t| t.as_str().into()),
    });
    let quiet = (of(t(time_of_day())), of(t(time_of_day())))
        .prop_map(|(end, start)| QuietTime { end, start });
    (of(t(date())), of(filter), of(quiet))
        .prop_map(|(end_date, event_filter, quiet_time)| Schedule {
            end_date,
            event_filter,
            quiet_time,
        })
        .boxed()
}

/// One campaign; the message is there more often than not, as in real payloads.
pub fn campaign() -> BoxedStrategy<Campaign> {
    (
        of(t(id())),
        of(int()),
        proptest::option::weighted(0.9, message()),
        of(int()),
        of(schedule()),
        of(int()),
        of(int()),
        of(t(short())),
    )
        .prop_map(
            |(id, daily, message, priority, schedule, session, total, treatment)| Campaign {
                campaign_id: id,
                daily_cap: daily,
                in_app_message: message,
                priority,
                schedule,
                session_cap: session,
                total_cap: total,
                treatment_id: treatment,
            },
        )
        .boxed()
}

/// An endpoint's list: `0..=max` campaigns.
pub fn campaigns(max: usize) -> BoxedStrategy<Vec<Campaign>> {
    vec(campaign(), 0..=max).boxed()
}

/// The clock a frame is drawn at: mostly near the pinned instant, sometimes anywhere jiff can
/// go, in any fixed offset.
pub fn now() -> BoxedStrategy<jiff::ZonedDateTime> {
    let pinned: jiff::Timestamp = crate::support::NOW.parse().expect("NOW is an instant");
    let (min, max) = (
        jiff::Timestamp::MIN.as_second(),
        jiff::Timestamp::MAX.as_second(),
    );
    let second = prop_oneof![
        4 => (-100_000_000i64..100_000_000).prop_map(move |s| pinned.as_second() + s),
        1 => min..=max,
        1 => select(vec![min, max, min + 86_400, max - 86_400]),
    ];
    let offset = prop_oneof![3 => Just(0i32), 1 => -93_599i32..=93_599];
    (second, offset)
        .prop_map(|(second, offset)| {
            let at = jiff::Timestamp::from_second(second).expect("in jiff's range");
            let offset = jiff::tz::Offset::from_seconds(offset).expect("in jiff's range");
            at.to_zoned_datetime(jiff::tz::TimeZone::fixed(offset))
        })
        .boxed()
}
