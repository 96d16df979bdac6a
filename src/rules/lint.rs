//! What is worth a look in a campaign: where a device would differ from the payload, and the
//! documented Pinpoint content limits.

use crate::model::colour::parse_colour;
use crate::model::{Button, ButtonAction, Campaign, Content, Layout};
use crate::rules::layout::effective_layout;
use crate::rules::platform::{Platform, resolve_button};
use jiff::tz::TimeZone;

use crate::rules::end_date::end_instant;
use crate::rules::schedule::QuietWindow;
use crate::rules::select::operator_symbol;

pub const MAX_HEADER: usize = 64;
pub const MAX_BODY: usize = 150;
pub const MAX_BUTTON_TEXT: usize = 64;
pub const MAX_CARDS: usize = 5;
pub const MAX_CUSTOM_CONFIG: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The device shows something other than the payload says, or nothing at all (`✕`).
    Problem,
    /// Valid, but the device shows less than the payload holds.
    Differs,
    /// Worth knowing, not wrong.
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub text: String,
}

impl Finding {
    fn problem(text: impl Into<String>) -> Self {
        Self {
            severity: Severity::Problem,
            text: text.into(),
        }
    }

    fn differs(text: impl Into<String>) -> Self {
        Self {
            severity: Severity::Differs,
            text: text.into(),
        }
    }

    fn note(text: impl Into<String>) -> Self {
        Self {
            severity: Severity::Note,
            text: text.into(),
        }
    }
}

/// Every finding for a campaign, problems first, each a sentence for the details pane.
pub fn findings(campaign: &Campaign) -> Vec<Finding> {
    let mut out = Vec::new();
    let cards = campaign.cards();
    match campaign.layout() {
        None => out.push(Finding::problem("no Layout: devices draw it as TOP_BANNER")),
        Some(Layout::Unknown(name)) => out.push(Finding::problem(format!(
            "unknown Layout {name}: devices still select it, then draw nothing, hiding lower-priority messages"
        ))),
        Some(_) => {}
    }
    if cards.is_empty() {
        out.push(Finding::problem("no Content: there is nothing to draw"));
    }
    if cards.len() > MAX_CARDS {
        out.push(Finding::problem(format!(
            "{} cards: Pinpoint allows at most {MAX_CARDS}",
            cards.len()
        )));
    }
    if cards.len() > 1 && effective_layout(campaign) != Layout::Carousel {
        out.push(Finding::differs(format!(
            "device shows 1 of {} cards: only CAROUSEL uses more than the first",
            cards.len()
        )));
    }
    let single = cards.len() == 1;
    for (i, card) in cards.iter().enumerate() {
        let at = if single {
            String::new()
        } else {
            format!("card {}: ", i + 1)
        };
        card_findings(card, &at, &mut out);
    }
    if let Some(config) = campaign.custom_config()
        && config.len() > MAX_CUSTOM_CONFIG
    {
        out.push(Finding::problem(format!(
            "{} CustomConfig pairs: Pinpoint allows at most {MAX_CUSTOM_CONFIG}",
            config.len()
        )));
    }
    schedule_findings(campaign, &mut out);
    trigger_findings(campaign, &mut out);
    out.sort_by_key(|f| f.severity);
    out
}

fn card_findings(card: &Content, at: &str, out: &mut Vec<Finding>) {
    colour_finding(
        at,
        "BackgroundColor",
        card.background_color.as_deref(),
        "#FFFFFF",
        out,
    );
    if let Some(h) = &card.header_config {
        colour_finding(
            at,
            "header TextColor",
            h.text_color.as_deref(),
            "black",
            out,
        );
        length_finding(at, "header", h.header.as_deref(), MAX_HEADER, out);
        if let Some(a) = h.alignment.as_ref().filter(|a| !a.is_known()) {
            out.push(Finding::problem(format!(
                "{at}header Alignment {a} is unknown: drawn LEFT"
            )));
        }
    }
    if let Some(b) = &card.body_config {
        colour_finding(at, "body TextColor", b.text_color.as_deref(), "black", out);
        length_finding(at, "body", b.body.as_deref(), MAX_BODY, out);
        if let Some(a) = b.alignment.as_ref().filter(|a| !a.is_known()) {
            out.push(Finding::problem(format!(
                "{at}body Alignment {a} is unknown: drawn LEFT"
            )));
        }
    }
    if let Some(url) = card.image_url.as_deref() {
        let path = url
            .split(['?', '#'])
            .next()
            .unwrap_or(url)
            .to_ascii_lowercase();
        if ![".png", ".jpg", ".jpeg"]
            .iter()
            .any(|ext| path.ends_with(ext))
        {
            out.push(Finding::note(format!(
                "{at}ImageUrl does not end in .png or .jpg, the formats Pinpoint allows"
            )));
        }
    }
    for (name, button) in [
        ("primary", card.primary_btn.as_ref()),
        ("secondary", card.secondary_btn.as_ref()),
    ] {
        if let Some(button) = button {
            button_findings(at, name, button, out);
        }
    }
}

fn button_findings(at: &str, name: &str, button: &Button, out: &mut Vec<Finding>) {
    let Some(config) = &button.default_config else {
        out.push(Finding::problem(format!(
            "{at}{name} button has no DefaultConfig: not drawn on device"
        )));
        return;
    };
    match config.text.as_deref() {
        None | Some("") => out.push(Finding::problem(format!("{at}{name} button has no Text"))),
        text => length_finding(
            at,
            &format!("{name} button text"),
            text,
            MAX_BUTTON_TEXT,
            out,
        ),
    }
    colour_finding(
        at,
        &format!("{name} button BackgroundColor"),
        config.background_color.as_deref(),
        "#E8E8E8",
        out,
    );
    colour_finding(
        at,
        &format!("{name} button TextColor"),
        config.text_color.as_deref(),
        "black",
        out,
    );
    // Defaults once, then each platform whose override changes what the button does.
    for platform in Platform::ALL {
        let Some(resolved) = resolve_button(button, platform) else {
            continue;
        };
        if platform != Platform::Default && !resolved.overridden {
            continue;
        }
        let on = match platform {
            Platform::Default => String::new(),
            p => format!(" on {}", p.label()),
        };
        match &resolved.action {
            Some(ButtonAction::Unknown(a)) => out.push(Finding::problem(format!(
                "{at}{name} button ButtonAction {a}{on} is unknown"
            ))),
            Some(ButtonAction::Link | ButtonAction::DeepLink)
                if resolved.link.as_deref().is_none_or(str::is_empty) =>
            {
                out.push(Finding::problem(format!(
                    "{at}{name} button{on} links nowhere: no Link"
                )))
            }
            _ => {}
        }
    }
}

fn colour_finding(
    at: &str,
    what: &str,
    value: Option<&str>,
    default: &str,
    out: &mut Vec<Finding>,
) {
    if let Some(v) = value
        && parse_colour(v).is_none()
    {
        out.push(Finding::problem(format!(
            "{at}{what} \"{v}\" is not a colour: devices fall back to {default}"
        )));
    }
}

fn length_finding(at: &str, what: &str, text: Option<&str>, max: usize, out: &mut Vec<Finding>) {
    let len = text.map_or(0, |t| t.chars().count());
    if len > max {
        out.push(Finding::problem(format!(
            "{at}{what} is {len} characters: Pinpoint allows {max}"
        )));
    }
}

fn schedule_findings(campaign: &Campaign, out: &mut Vec<Finding>) {
    // Whether a date reads does not depend on the device's zone, only what it means.
    if let Some(text) = campaign.end_date().filter(|t| !t.is_empty())
        && end_instant(text, &TimeZone::UTC).is_none()
    {
        out.push(Finding::problem(format!(
            "EndDate \"{text}\" is not an ISO 8601 date: devices never show it"
        )));
    }
    if let Some(q) = campaign.quiet_time() {
        match QuietWindow::parse(q) {
            Err(why) => out.push(Finding::problem(format!("QuietTime unreadable: {why}"))),
            Ok(Some(_)) => out.push(Finding::note(
                "QuietTime is not enforced by the device: it shows the message anyway",
            )),
            Ok(None) => {}
        }
    }
    if campaign.priority == Some(0) {
        out.push(Finding::differs(
            "Priority 0 is no priority on devices: any campaign with a priority beats it",
        ));
    }
}

/// What the device makes of the event filter (amplify-js `matchesEventType`,
/// `matchesAttributes`, `matchesMetrics`).
fn trigger_findings(campaign: &Campaign, out: &mut Vec<Finding>) {
    let dims = campaign.event_filter().and_then(|f| f.dimensions.as_ref());
    let Some(event) = dims.and_then(|d| d.event_type.as_ref()) else {
        let missing = if campaign.event_filter().is_none() {
            "no EventFilter"
        } else {
            "no EventType"
        };
        out.push(Finding::problem(format!(
            "{missing}: devices never show it"
        )));
        return;
    };
    if event
        .dimension_type
        .as_ref()
        .is_some_and(|t| t.as_str() == "EXCLUSIVE")
    {
        out.push(Finding::differs(
            "EXCLUSIVE event type is ignored: devices show it on exactly these events",
        ));
    }
    for (name, attr) in dims
        .and_then(|d| d.attributes.as_ref())
        .into_iter()
        .flatten()
    {
        if attr
            .attribute_type
            .as_ref()
            .is_some_and(|t| t.as_str() != "INCLUSIVE")
        {
            out.push(Finding::differs(format!(
                "attribute {name}: AttributeType is ignored: devices match these values"
            )));
        }
    }
    for (name, metric) in dims.and_then(|d| d.metrics.as_ref()).into_iter().flatten() {
        let op = metric.comparison_operator.as_deref().unwrap_or("");
        if operator_symbol(op).is_none() {
            out.push(Finding::problem(format!(
                "metric {name}: operator \"{op}\" is unknown to devices: it never matches"
            )));
        } else if metric.value.is_none_or(|v| v == 0.0) {
            out.push(Finding::problem(format!(
                "metric {name}: Value 0 (or none) never matches on devices"
            )));
        }
    }
}

#[cfg(test)]
mod tests;
