//! How devices resolve a campaign's colours (their defaults, alpha over what is behind) and how
//! readable the result is: the WCAG 2.2 contrast ratio.

use crate::model::colour::{Rgba, parse_colour};

/// Amplify's defaults when the payload gives no colour, or one it cannot read.
pub const CARD_BACKGROUND: Rgba = Rgba::WHITE;
pub const TEXT: Rgba = Rgba::BLACK;
pub const BUTTON_BACKGROUND: Rgba = Rgba::opaque(0xE8, 0xE8, 0xE8);
/// What a card is composited over when it has alpha: the app's screen, taken as white.
pub const SCREEN: Rgba = Rgba::WHITE;

/// A campaign colour composited over `backdrop`, or `default` when absent or unreadable.
pub fn campaign_colour(value: Option<&str>, default: Rgba, backdrop: Rgba) -> Rgba {
    value
        .and_then(parse_colour)
        .map_or(default, |c| c.over(backdrop))
}

/// WCAG 2.2 relative luminance of an opaque sRGB colour.
pub fn relative_luminance(c: Rgba) -> f64 {
    let channel = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG 2.2 contrast ratio between two opaque colours, from 1 to 21.
pub fn contrast_ratio(a: Rgba, b: Rgba) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (light, dark) = if la >= lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Rgba {
        parse_colour(text).unwrap()
    }

    /// The pairs WCAG's own examples and common checkers publish.
    #[test]
    fn matches_the_published_reference_pairs() {
        let cases = [
            ("#000000", "#FFFFFF", 21.0),
            ("#777777", "#FFFFFF", 4.48),
            ("#767676", "#FFFFFF", 4.54),
            ("#FFFFFF", "#FFFFFF", 1.0),
            ("#0000FF", "#FFFFFF", 8.59),
            ("#FF0000", "#FFFFFF", 4.0),
        ];
        for (fg, bg, want) in cases {
            let got = contrast_ratio(hex(fg), hex(bg));
            assert!(
                (got - want).abs() < 0.01,
                "{fg} on {bg}: {got:.3}, want {want}"
            );
            assert_eq!(got, contrast_ratio(hex(bg), hex(fg)), "symmetric");
        }
    }

    #[test]
    fn alpha_is_composited_before_the_ratio() {
        let half_black = campaign_colour(Some("#00000080"), TEXT, Rgba::WHITE);
        assert_eq!(half_black, Rgba::opaque(0x7F, 0x7F, 0x7F));
        let ratio = contrast_ratio(half_black, Rgba::WHITE);
        assert!(ratio > 3.0 && ratio < 4.5, "{ratio}");
        assert_eq!(campaign_colour(Some("nope"), TEXT, Rgba::WHITE), TEXT);
    }
}
