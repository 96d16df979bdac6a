//! What the terminal can show, as the view and the details pane need to know it: how many
//! colours, and whether pinview's own colours are wanted (`NO_COLOR`). Read from the
//! environment by the caller; deciding is pure.

/// How many colours the terminal shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorDepth {
    #[default]
    TrueColor,
    Indexed256,
    /// The 16 named colours.
    Ansi16,
}

/// How frames are coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    pub depth: ColorDepth,
    /// pinview's chrome colours (borders, labels, badges); `NO_COLOR` turns them off. A
    /// campaign's colours are its content and stay.
    pub chrome: bool,
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            depth: ColorDepth::TrueColor,
            chrome: true,
        }
    }
}

impl Palette {
    /// From `TERM`, `COLORTERM` and `NO_COLOR` as the environment has them. Over SSH
    /// `COLORTERM` is usually lost, so terminals known to draw 24-bit colour are told by name.
    pub fn from_env(term: Option<&str>, colorterm: Option<&str>, no_color: Option<&str>) -> Self {
        let term = term.unwrap_or("").to_ascii_lowercase();
        let truecolor_term = [
            "truecolor",
            "24bit",
            "direct",
            "kitty",
            "alacritty",
            "wezterm",
            "ghostty",
            "foot",
        ]
        .iter()
        .any(|name| term.contains(name));
        let depth = if matches!(colorterm, Some("truecolor" | "24bit")) || truecolor_term {
            ColorDepth::TrueColor
        } else if term.is_empty() || term.contains("256") {
            ColorDepth::Indexed256
        } else {
            ColorDepth::Ansi16
        };
        Self {
            depth,
            // no-color.org: set and not empty.
            chrome: no_color.is_none_or(str::is_empty),
        }
    }

    /// How many colours the terminal has when campaign colours are shown only roughly: with 16
    /// a brand colour can become another hue. 256 colours are close enough to go unsaid on
    /// every campaign.
    pub fn approximate(&self) -> Option<&'static str> {
        (self.depth == ColorDepth::Ansi16).then_some("16")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_follows_colorterm_then_term() {
        let depth = |term, colorterm| Palette::from_env(term, colorterm, None).depth;
        assert_eq!(
            depth(Some("xterm-256color"), Some("truecolor")),
            ColorDepth::TrueColor
        );
        assert_eq!(depth(Some("xterm-256color"), None), ColorDepth::Indexed256);
        assert_eq!(depth(Some("xterm"), None), ColorDepth::Ansi16);
        assert_eq!(depth(Some("screen"), None), ColorDepth::Ansi16);
        assert_eq!(depth(Some("xterm-kitty"), None), ColorDepth::TrueColor);
        assert_eq!(depth(None, None), ColorDepth::Indexed256);
    }

    #[test]
    fn no_color_drops_the_chrome_only_when_set_and_not_empty() {
        assert!(Palette::from_env(None, None, None).chrome);
        assert!(Palette::from_env(None, None, Some("")).chrome);
        assert!(!Palette::from_env(None, None, Some("1")).chrome);
    }
}
