//! Where each button goes on each platform, after its override: actions devices know, links
//! that can open, and links that are never opened.

use super::catalog::{
    CLOSE_WITH_LINK, DEEP_LINK_NO_SCHEME, LINK_MISSING, LINK_NOT_WEB, UNKNOWN_ACTION,
};
use super::content::{buttons, card_path};
use super::{Found, Options, Platforms, quote};
use crate::model::{Button, ButtonAction, Campaign};
use crate::rules::platform::Platform;

pub(super) fn check(campaign: &Campaign, options: &Options, found: &mut Found) {
    for (i, card) in campaign.cards().iter().enumerate() {
        for (name, wire, button) in buttons(card) {
            let Some(button) = button.filter(|b| b.default_config.is_some()) else {
                continue;
            };
            let at = format!("{}.{wire}", card_path(i));
            for platform in options.platforms.iter() {
                platform_checks(button, platform, name, &at, i, found);
            }
        }
    }
}

/// A value with the path (below the button) of the config that set it.
type From<'a, T> = Option<(&'a T, String)>;

/// The action and link a platform acts on, each with the path of the config that set it.
fn resolved(button: &Button, platform: Platform) -> (From<'_, ButtonAction>, From<'_, str>) {
    let (wire, over) = match platform {
        Platform::Android => ("Android", button.android.as_ref()),
        Platform::Ios => ("IOS", button.ios.as_ref()),
        _ => ("Web", button.web.as_ref()),
    };
    let base = button.default_config.as_ref();
    let action = over
        .and_then(|o| {
            o.button_action
                .as_ref()
                .map(|a| (a, format!("{wire}.ButtonAction")))
        })
        .or_else(|| {
            base.and_then(|b| b.button_action.as_ref())
                .map(|a| (a, "DefaultConfig.ButtonAction".to_string()))
        });
    let link = over
        .and_then(|o| o.link.as_deref().map(|l| (l, format!("{wire}.Link"))))
        .or_else(|| {
            base.and_then(|b| b.link.as_deref())
                .map(|l| (l, "DefaultConfig.Link".to_string()))
        });
    (action, link)
}

fn platform_checks(
    button: &Button,
    platform: Platform,
    name: &str,
    at: &str,
    card: usize,
    found: &mut Found,
) {
    let (action, link) = resolved(button, platform);
    let Some((action, action_path)) = action else {
        return;
    };
    let link = link.filter(|(l, _)| !l.trim().is_empty());
    let on = Platforms::only(platform);
    let mut add = |rule, path: String, message: String| {
        found.add(rule, Some(card), format!("{at}.{path}"), message, on);
    };
    match (action, link) {
        (ButtonAction::Unknown(a), _) => add(
            UNKNOWN_ACTION,
            action_path,
            format!(
                "{name} button ButtonAction {} is unknown; devices only close the message",
                quote(a)
            ),
        ),
        (ButtonAction::Link | ButtonAction::DeepLink, None) => add(
            LINK_MISSING,
            action_path,
            format!(
                "{name} button is {} with no Link; it only closes the message",
                action.as_str()
            ),
        ),
        (ButtonAction::Link, Some((link, path))) if !is_web_url(link) => add(
            LINK_NOT_WEB,
            path,
            format!(
                "{name} button Link \"{}\" is not an absolute http(s) URL; browsers cannot open it",
                quote(link)
            ),
        ),
        (ButtonAction::DeepLink, Some((link, path))) if !has_scheme(link) => add(
            DEEP_LINK_NO_SCHEME,
            path,
            format!(
                "{name} button deep link \"{}\" has no scheme (e.g. myapp://); nothing opens it",
                quote(link)
            ),
        ),
        (ButtonAction::Close, Some((link, path))) => add(
            CLOSE_WITH_LINK,
            path,
            format!(
                "{name} button is CLOSE; its Link \"{}\" is never opened",
                quote(link)
            ),
        ),
        _ => {}
    }
}

fn is_web_url(link: &str) -> bool {
    url::Url::parse(link.trim()).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    })
}

fn has_scheme(link: &str) -> bool {
    url::Url::parse(link.trim()).is_ok()
}
