//! Colours as campaigns write them: `#RGB`, `#RRGGBB`, `#RRGGBBAA` and CSS names.

use std::fmt;

/// An sRGB colour with straight alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Rgba {
    pub const WHITE: Rgba = Rgba::opaque(0xFF, 0xFF, 0xFF);
    pub const BLACK: Rgba = Rgba::opaque(0, 0, 0);

    pub const fn opaque(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b, a: 0xFF }
    }

    /// Composites this colour over an opaque backdrop, as a device would draw it.
    pub fn over(self, backdrop: Rgba) -> Rgba {
        let mix = |fg: u8, bg: u8| {
            let a = u32::from(self.a);
            ((u32::from(fg) * a + u32::from(bg) * (255 - a) + 127) / 255) as u8
        };
        Rgba::opaque(
            mix(self.r, backdrop.r),
            mix(self.g, backdrop.g),
            mix(self.b, backdrop.b),
        )
    }
}

impl fmt::Display for Rgba {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.r, self.g, self.b)?;
        if self.a != 0xFF {
            write!(f, "{:02X}", self.a)?;
        }
        Ok(())
    }
}

/// Parses a colour the way the device renderers accept it. `None` when it is not a colour;
/// callers then use the renderer's default and flag the value.
pub fn parse_colour(text: &str) -> Option<Rgba> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // csscolorparser also reads `rgb()`/`hsl()` and 4-digit hex, which device renderers treat
    // inconsistently; hex is checked by hand so only the documented forms pass.
    if let Some(hex) = text.strip_prefix('#') {
        return parse_hex(hex);
    }
    if !text.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let c = csscolorparser::parse(text).ok()?;
    let [r, g, b, a] = c.to_rgba8();
    Some(Rgba { r, g, b, a })
}

fn parse_hex(hex: &str) -> Option<Rgba> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    let nibble = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok().map(|n| n * 17);
    match hex.len() {
        3 => Some(Rgba::opaque(nibble(0)?, nibble(1)?, nibble(2)?)),
        6 => Some(Rgba::opaque(byte(0)?, byte(2)?, byte(4)?)),
        8 => Some(Rgba {
            r: byte(0)?,
            g: byte(2)?,
            b: byte(4)?,
            a: byte(6)?,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_documented_forms() {
        assert_eq!(parse_colour("#fa0"), Some(Rgba::opaque(0xFF, 0xAA, 0x00)));
        assert_eq!(
            parse_colour("#0B1F3A"),
            Some(Rgba::opaque(0x0B, 0x1F, 0x3A))
        );
        assert_eq!(
            parse_colour("#FFC857E6"),
            Some(Rgba {
                r: 0xFF,
                g: 0xC8,
                b: 0x57,
                a: 0xE6
            })
        );
        assert_eq!(parse_colour("navy"), Some(Rgba::opaque(0, 0, 0x80)));
        assert_eq!(parse_colour(" Gold "), Some(Rgba::opaque(0xFF, 0xD7, 0)));
    }

    #[test]
    fn rejects_what_is_not_a_colour() {
        for bad in [
            "",
            "#GGHHII",
            "#12345",
            "blurple",
            "rgb(1,2,3)",
            "#",
            "12ab34",
        ] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }

    #[test]
    fn alpha_composites_over_backdrop() {
        let half_black = Rgba {
            a: 0x80,
            ..Rgba::BLACK
        };
        assert_eq!(half_black.over(Rgba::WHITE), Rgba::opaque(0x7F, 0x7F, 0x7F));
        assert_eq!(Rgba::WHITE.over(Rgba::BLACK), Rgba::WHITE);
    }

    #[test]
    fn displays_as_hex() {
        assert_eq!(parse_colour("#abc").unwrap().to_string(), "#AABBCC");
        assert_eq!(parse_colour("#11223344").unwrap().to_string(), "#11223344");
    }
}
