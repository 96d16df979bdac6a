//! Which button configuration applies on a platform: the one place buttons are resolved.

use crate::model::{Button, ButtonAction, Content};

/// The platform buttons are resolved for, and the device the preview imitates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Platform {
    /// `DefaultConfig` alone, as the payload states it.
    #[default]
    Default,
    Android,
    Ios,
    Web,
}

impl Platform {
    pub const ALL: [Platform; 4] = [Self::Default, Self::Android, Self::Ios, Self::Web];

    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Default => "Default",
            Self::Android => "Android",
            Self::Ios => "iOS",
            Self::Web => "Web",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.label().eq_ignore_ascii_case(text))
    }
}

/// A button as a device on one platform draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedButton {
    pub text: String,
    pub text_color: Option<String>,
    pub background_color: Option<String>,
    pub border_radius: Option<i32>,
    pub action: Option<ButtonAction>,
    pub link: Option<String>,
    /// Whether the platform's override changed the action or link.
    pub overridden: bool,
}

/// Merges the platform override field by field over `DefaultConfig`, as Amplify does.
/// `None` when there is no `DefaultConfig`: devices then draw no button at all.
pub fn resolve_button(button: &Button, platform: Platform) -> Option<ResolvedButton> {
    let base = button.default_config.as_ref()?;
    let over = match platform {
        Platform::Default => None,
        Platform::Android => button.android.as_ref(),
        Platform::Ios => button.ios.as_ref(),
        Platform::Web => button.web.as_ref(),
    };
    let action = over
        .and_then(|o| o.button_action.clone())
        .or_else(|| base.button_action.clone());
    let link = over
        .and_then(|o| o.link.as_deref())
        .or(base.link.as_deref())
        .map(str::to_owned);
    let overridden = over.is_some_and(|o| o.button_action.is_some() || o.link.is_some());
    Some(ResolvedButton {
        text: base.text.as_deref().unwrap_or_default().to_owned(),
        text_color: base.text_color.as_deref().map(str::to_owned),
        background_color: base.background_color.as_deref().map(str::to_owned),
        border_radius: base.border_radius,
        action,
        link,
        overridden,
    })
}

/// The card's buttons in the order devices draw them: secondary left, primary right.
pub fn card_buttons(card: &Content, platform: Platform) -> Vec<ResolvedButton> {
    [card.secondary_btn.as_deref(), card.primary_btn.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(|b| resolve_button(b, platform))
        .collect()
}

/// The button radius React Native devices draw when none is set.
pub const BUTTON_RADIUS: i32 = 4;

/// The radius a device uses: absent or 0 keeps the default (an Amplify quirk).
pub fn effective_radius(radius: Option<i32>) -> i32 {
    match radius {
        None | Some(0) => BUTTON_RADIUS,
        Some(r) => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DefaultButtonConfig, OverrideButtonConfig};

    fn shop_button() -> Button {
        Button {
            default_config: Some(DefaultButtonConfig {
                text: Some("Shop".into()),
                button_action: Some(ButtonAction::DeepLink),
                link: Some("app://sale".into()),
                ..Default::default()
            }),
            web: Some(Box::new(OverrideButtonConfig {
                button_action: Some(ButtonAction::Link),
                link: Some("https://shop.example".into()),
            })),
            android: Some(Box::new(OverrideButtonConfig {
                button_action: None,
                link: Some("app://sale?a".into()),
            })),
            ios: None,
        }
    }

    #[test]
    fn override_merges_field_by_field() {
        let b = shop_button();
        let web = resolve_button(&b, Platform::Web).unwrap();
        assert_eq!(web.action, Some(ButtonAction::Link));
        assert_eq!(web.link.as_deref(), Some("https://shop.example"));
        assert!(web.overridden);
        let android = resolve_button(&b, Platform::Android).unwrap();
        assert_eq!(
            android.action,
            Some(ButtonAction::DeepLink),
            "action kept from default"
        );
        assert_eq!(android.link.as_deref(), Some("app://sale?a"));
        let ios = resolve_button(&b, Platform::Ios).unwrap();
        assert_eq!(ios.link.as_deref(), Some("app://sale"));
        assert!(!ios.overridden);
        assert_eq!(ios.text, "Shop");
    }

    #[test]
    fn no_default_config_means_no_button() {
        let mut b = shop_button();
        b.default_config = None;
        for p in Platform::ALL {
            assert_eq!(resolve_button(&b, p), None);
        }
    }

    #[test]
    fn secondary_is_drawn_first() {
        let mut later = shop_button();
        later.default_config.as_mut().unwrap().text = Some("Later".into());
        let card = Content {
            primary_btn: Some(Box::new(shop_button())),
            secondary_btn: Some(Box::new(later)),
            ..Default::default()
        };
        let texts: Vec<_> = card_buttons(&card, Platform::Default)
            .into_iter()
            .map(|b| b.text)
            .collect();
        assert_eq!(texts, ["Later", "Shop"]);
    }

    #[test]
    fn platform_cycles_through_all_and_parses() {
        let mut p = Platform::Default;
        for expected in [
            Platform::Android,
            Platform::Ios,
            Platform::Web,
            Platform::Default,
        ] {
            p = p.next();
            assert_eq!(p, expected);
        }
        assert_eq!(Platform::parse("ios"), Some(Platform::Ios));
        assert_eq!(Platform::parse("WEB"), Some(Platform::Web));
        assert_eq!(Platform::parse("tv"), None);
    }
}
