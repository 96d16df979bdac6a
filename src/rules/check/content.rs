//! The message itself: layout, cards, documented limits, text alignment, buttons' presence and
//! shape, and image formats.

use super::catalog::{
    BODY_LENGTH, BUTTON_NO_DEFAULT, BUTTON_NO_TEXT, BUTTON_TEXT_LENGTH, CARDS_OUTSIDE_CAROUSEL,
    CAROUSEL_ON_WEB, HEADER_LENGTH, IMAGE_FORMAT, NO_CONTENT, NO_LAYOUT, RADIUS_ZERO, Rule,
    TOO_MANY_CARDS, TOO_MANY_CUSTOM, UNKNOWN_ALIGNMENT, UNKNOWN_LAYOUT,
};
use super::{Found, Options, Platforms, quote};
use crate::model::{Alignment, Button, Campaign, Content, Layout};
use crate::rules::layout::effective_layout;

pub const MAX_HEADER: usize = 64;
pub const MAX_BODY: usize = 150;
pub const MAX_BUTTON_TEXT: usize = 64;
pub const MAX_CARDS: usize = 5;
pub const MAX_CUSTOM_CONFIG: usize = 10;

/// The two buttons of a card with their wire names, in the order devices draw them.
pub(super) fn buttons(card: &Content) -> [(&'static str, &'static str, Option<&Button>); 2] {
    [
        ("secondary", "SecondaryBtn", card.secondary_btn.as_deref()),
        ("primary", "PrimaryBtn", card.primary_btn.as_deref()),
    ]
}

pub(super) fn card_path(card: usize) -> String {
    format!("InAppMessage.Content[{card}]")
}

pub(super) fn check(campaign: &Campaign, options: &Options, found: &mut Found) {
    let cards = campaign.cards();
    match campaign.layout() {
        None => found.add(
            NO_LAYOUT,
            None,
            "InAppMessage.Layout".into(),
            "no Layout; devices draw it as TOP_BANNER".into(),
            Platforms::ALL,
        ),
        Some(Layout::Unknown(name)) => found.add(
            UNKNOWN_LAYOUT,
            None,
            "InAppMessage.Layout".into(),
            format!(
                "Layout {} is unknown to devices; they select it, draw nothing, and hide lower-priority messages",
                quote(name)
            ),
            Platforms::ALL,
        ),
        Some(_) => {}
    }
    let layout = effective_layout(campaign);
    if layout == Layout::Carousel
        && let Some(web) = options.on(Platforms::WEB)
    {
        found.add(
            CAROUSEL_ON_WEB,
            None,
            "InAppMessage.Layout".into(),
            "CAROUSEL is not drawn by browsers; they select it and show nothing".into(),
            web,
        );
    }
    if cards.is_empty() {
        found.add(
            NO_CONTENT,
            None,
            "InAppMessage.Content".into(),
            "no Content; devices draw an empty card with only its close button".into(),
            Platforms::ALL,
        );
    }
    if cards.len() > MAX_CARDS {
        found.add(
            TOO_MANY_CARDS,
            Some(MAX_CARDS),
            card_path(MAX_CARDS),
            format!("{} cards; Pinpoint allows at most {MAX_CARDS}", cards.len()),
            Platforms::ALL,
        );
    }
    if cards.len() > 1 && layout != Layout::Carousel {
        found.add(
            CARDS_OUTSIDE_CAROUSEL,
            Some(1),
            card_path(1),
            format!(
                "devices show 1 of {} cards; only CAROUSEL draws more than the first",
                cards.len()
            ),
            Platforms::ALL,
        );
    }
    if let Some(config) = campaign.custom_config()
        && config.len() > MAX_CUSTOM_CONFIG
    {
        found.add(
            TOO_MANY_CUSTOM,
            None,
            "InAppMessage.CustomConfig".into(),
            format!(
                "{} CustomConfig pairs; Pinpoint allows at most {MAX_CUSTOM_CONFIG}",
                config.len()
            ),
            Platforms::ALL,
        );
    }
    for (i, card) in cards.iter().enumerate() {
        card_checks(i, card, options, found);
    }
}

fn card_checks(i: usize, card: &Content, options: &Options, found: &mut Found) {
    let at = card_path(i);
    if let Some(h) = &card.header_config {
        length(
            found,
            i,
            HEADER_LENGTH,
            "header",
            h.header.as_deref(),
            MAX_HEADER,
            format!("{at}.HeaderConfig.Header"),
        );
        alignment(
            found,
            i,
            "header",
            h.alignment.as_ref(),
            format!("{at}.HeaderConfig.Alignment"),
        );
    }
    if let Some(b) = &card.body_config {
        length(
            found,
            i,
            BODY_LENGTH,
            "body",
            b.body.as_deref(),
            MAX_BODY,
            format!("{at}.BodyConfig.Body"),
        );
        alignment(
            found,
            i,
            "body",
            b.alignment.as_ref(),
            format!("{at}.BodyConfig.Alignment"),
        );
    }
    if let Some(url) = card.image_url.as_deref().filter(|u| !u.trim().is_empty())
        && !is_png_or_jpeg(url)
    {
        found.add(
            IMAGE_FORMAT,
            Some(i),
            format!("{at}.ImageUrl"),
            "ImageUrl does not end in .png or .jpg, the formats Pinpoint allows".into(),
            Platforms::ALL,
        );
    }
    for (name, wire, button) in buttons(card) {
        let Some(button) = button else { continue };
        let at = format!("{at}.{wire}");
        let Some(config) = &button.default_config else {
            found.add(
                BUTTON_NO_DEFAULT,
                Some(i),
                at,
                format!("{name} button has no DefaultConfig; devices draw no button"),
                Platforms::ALL,
            );
            continue;
        };
        match config.text.as_deref().map(str::trim) {
            None | Some("") => found.add(
                BUTTON_NO_TEXT,
                Some(i),
                format!("{at}.DefaultConfig.Text"),
                format!("{name} button has no Text; devices draw an empty button"),
                Platforms::ALL,
            ),
            Some(_) => length(
                found,
                i,
                BUTTON_TEXT_LENGTH,
                &format!("{name} button text"),
                config.text.as_deref(),
                MAX_BUTTON_TEXT,
                format!("{at}.DefaultConfig.Text"),
            ),
        }
        if config.border_radius == Some(0)
            && let Some(phones) = options.on(Platforms::PHONES)
        {
            found.add(
                RADIUS_ZERO,
                Some(i),
                format!("{at}.DefaultConfig.BorderRadius"),
                format!("{name} button BorderRadius 0 is drawn with radius 4 on phones"),
                phones,
            );
        }
    }
}

fn length(
    found: &mut Found,
    card: usize,
    rule: &'static Rule,
    what: &str,
    text: Option<&str>,
    max: usize,
    path: String,
) {
    let len = text.map_or(0, |t| t.chars().count());
    if len > max {
        found.add(
            rule,
            Some(card),
            path,
            format!("{what} is {len} characters; devices show at most {max}"),
            Platforms::ALL,
        );
    }
}

fn alignment(found: &mut Found, card: usize, what: &str, value: Option<&Alignment>, path: String) {
    if let Some(a) = value.filter(|a| !a.is_known()) {
        found.add(
            UNKNOWN_ALIGNMENT,
            Some(card),
            path,
            format!(
                "{what} Alignment {} is unknown; devices draw it LEFT",
                quote(a.as_str())
            ),
            Platforms::ALL,
        );
    }
}

/// Whether the address names a PNG or JPEG file, ignoring its query and fragment.
fn is_png_or_jpeg(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    [".png", ".jpg", ".jpeg"]
        .iter()
        .any(|ext| path.ends_with(ext))
}
