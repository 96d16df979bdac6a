//! A button as each platform resolves it, and colours as written and as devices read them.

use super::{Rows, Tone};
use crate::model::Button;
use crate::model::colour::parse_colour;
use crate::rules::platform::{Platform, effective_radius, resolve_button};

pub(super) fn button_rows(r: &mut Rows, name: &str, button: &Button, current: Platform) {
    let Some(base) = &button.default_config else {
        r.styled(name, "not drawn on device (no DefaultConfig)", Tone::Error);
        return;
    };
    r.styled(
        name,
        base.text.as_deref().unwrap_or("(no text)"),
        Tone::Strong,
    );
    for platform in Platform::ALL {
        let Some(resolved) = resolve_button(button, platform) else {
            continue;
        };
        let action = resolved
            .action
            .as_ref()
            .map_or("no action".into(), |a| a.to_string());
        let link = resolved.link.as_deref().unwrap_or("");
        let mark = if platform == current { "▸" } else { " " };
        let from = if resolved.overridden {
            " (override)"
        } else {
            ""
        };
        r.row(
            &format!(" {mark}{}", platform.label()),
            &format!("{action} {link}{from}"),
        );
    }
    let colours = format!(
        "{} on {} · radius {}",
        base.text_color
            .as_deref()
            .map_or("black".into(), colour_words),
        base.background_color
            .as_deref()
            .map_or("#E8E8E8".into(), colour_words),
        effective_radius(base.border_radius),
    );
    r.row("  Colours", &colours);
}

/// A colour as written, with the value devices read, or why it is not a colour.
pub(super) fn colour_words(text: &str) -> String {
    match parse_colour(text) {
        Some(c) if c.to_string() == text.to_uppercase() => c.to_string(),
        Some(c) => format!("{text} ({c})"),
        None => format!("{text} (not a colour: default used)"),
    }
}
