//! Whether text can be read: colours that parse, and the WCAG 2.2 contrast of header, body and
//! each button's text against what is behind it as the device composites it.

use super::catalog::{BAD_COLOUR, CONTRAST_ERROR, CONTRAST_WARNING};
use super::content::{buttons, card_path};
use super::{Found, Options, Platforms, quote};
use crate::model::colour::{Rgba, parse_colour};
use crate::model::{Campaign, Layout};
use crate::rules::contrast::{
    BUTTON_BACKGROUND, CARD_BACKGROUND, SCREEN, TEXT, campaign_colour, contrast_ratio,
};
use crate::rules::layout::effective_layout;

/// WCAG 2.2 1.4.3: normal text needs 4.5:1; under 3:1 even large text fails.
pub const AA_NORMAL: f64 = 4.5;
pub const AA_LARGE: f64 = 3.0;

pub(super) fn check(campaign: &Campaign, options: &Options, found: &mut Found) {
    // Browsers draw no carousel, so its colours matter on phones only.
    let drawn_on = if effective_layout(campaign) == Layout::Carousel {
        Platforms::PHONES
    } else {
        Platforms::ALL
    };
    let Some(on) = options.on(drawn_on) else {
        return;
    };
    let mut check = Check { found, on };
    for (i, card) in campaign.cards().iter().enumerate() {
        let at = card_path(i);
        let card_clear = see_through(card.background_color.as_deref());
        let bg = check.colour(
            i,
            format!("{at}.BackgroundColor"),
            "BackgroundColor",
            card.background_color.as_deref(),
            CARD_BACKGROUND,
            SCREEN,
        );
        if let Some(h) = card
            .header_config
            .as_ref()
            .filter(|h| has_text(h.header.as_deref()))
        {
            let path = format!("{at}.HeaderConfig.TextColor");
            let fg = check.colour(
                i,
                path.clone(),
                "header TextColor",
                h.text_color.as_deref(),
                TEXT,
                bg,
            );
            let clear = card_clear || see_through(h.text_color.as_deref());
            check.contrast(i, path, "header text", (fg, bg), clear);
        }
        if let Some(b) = card
            .body_config
            .as_ref()
            .filter(|b| has_text(b.body.as_deref()))
        {
            let path = format!("{at}.BodyConfig.TextColor");
            let fg = check.colour(
                i,
                path.clone(),
                "body TextColor",
                b.text_color.as_deref(),
                TEXT,
                bg,
            );
            let clear = card_clear || see_through(b.text_color.as_deref());
            check.contrast(i, path, "body text", (fg, bg), clear);
        }
        for (name, wire, button) in buttons(card) {
            let Some(config) = button.and_then(|b| b.default_config.as_ref()) else {
                continue;
            };
            let at = format!("{at}.{wire}.DefaultConfig");
            let fill = check.colour(
                i,
                format!("{at}.BackgroundColor"),
                &format!("{name} button BackgroundColor"),
                config.background_color.as_deref(),
                BUTTON_BACKGROUND,
                bg,
            );
            if has_text(config.text.as_deref()) {
                let path = format!("{at}.TextColor");
                let fg = check.colour(
                    i,
                    path.clone(),
                    &format!("{name} button TextColor"),
                    config.text_color.as_deref(),
                    TEXT,
                    fill,
                );
                let clear = card_clear
                    || see_through(config.background_color.as_deref())
                    || see_through(config.text_color.as_deref());
                let what = format!("{name} button text");
                check.contrast(i, path, &what, (fg, fill), clear);
            }
        }
    }
}

fn has_text(text: Option<&str>) -> bool {
    text.is_some_and(|t| !t.trim().is_empty())
}

struct Check<'a> {
    found: &'a mut Found,
    on: Platforms,
}

impl Check<'_> {
    /// The colour the device draws, flagging one that does not parse.
    fn colour(
        &mut self,
        card: usize,
        path: String,
        what: &str,
        value: Option<&str>,
        default: Rgba,
        backdrop: Rgba,
    ) -> Rgba {
        if let Some(v) = value
            && parse_colour(v).is_none()
        {
            self.found.add(
                BAD_COLOUR,
                Some(card),
                path,
                format!(
                    "{what} \"{}\" is not a colour; devices fall back to {default}",
                    quote(v)
                ),
                self.on,
            );
        }
        campaign_colour(value, default, backdrop)
    }

    /// `clear`: a colour on the way has transparency, so the ratio is of what a white app screen
    /// behind would give, and the finding says so.
    fn contrast(
        &mut self,
        card: usize,
        path: String,
        what: &str,
        (fg, bg): (Rgba, Rgba),
        clear: bool,
    ) {
        let ratio = contrast_ratio(fg, bg);
        let rule = if ratio < AA_LARGE {
            CONTRAST_ERROR
        } else if ratio < AA_NORMAL {
            CONTRAST_WARNING
        } else {
            return;
        };
        // Cut, not rounded: 4.495 must not read as the 4.50 it fails.
        let shown = (ratio * 100.0).floor() / 100.0;
        self.found.add(
            rule,
            Some(card),
            path,
            format!(
                "{what} {fg} on {bg} has contrast {shown:.2}:1; WCAG 2.2 asks for {AA_NORMAL}:1{}",
                if clear {
                    " (colours with transparency taken over a white app screen)"
                } else {
                    ""
                }
            ),
            self.on,
        );
    }
}

/// A colour the payload gives with transparency: what shows through is the app's, not known here.
fn see_through(value: Option<&str>) -> bool {
    value.and_then(parse_colour).is_some_and(|c| c.a < 255)
}
