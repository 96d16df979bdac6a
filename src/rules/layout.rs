//! How devices read a campaign's layout: the fallback for a missing one, and which card shows.

use crate::model::{Campaign, Layout};
use crate::rules::platform::Platform;

/// The layout devices use: a missing layout is drawn as a top banner.
pub fn effective_layout(campaign: &Campaign) -> Layout {
    campaign.layout().cloned().unwrap_or(Layout::TopBanner)
}

/// Why a device that selects `campaign` draws nothing, if it does not: amplify-ui renders
/// nothing for a layout it does not know, and the web's `CarouselMessage` returns null. Such a
/// message is never counted as displayed, and no other message shows in its place.
pub fn draws_nothing(campaign: &Campaign, platform: Platform) -> Option<String> {
    match effective_layout(campaign) {
        Layout::Unknown(name) => Some(format!("its layout {name} is unknown to devices")),
        Layout::Carousel if platform == Platform::Web => {
            Some("browsers draw no CAROUSEL".to_string())
        }
        _ => None,
    }
}

/// The index of the card a device shows: the carousel's `page`, else the first.
/// `None` when the campaign has no cards.
pub fn shown_card(campaign: &Campaign, page: usize) -> Option<usize> {
    let cards = campaign.cards().len();
    match effective_layout(campaign) {
        _ if cards == 0 => None,
        Layout::Carousel => Some(page.min(cards - 1)),
        _ => Some(0),
    }
}

/// The image size Pinpoint recommends for a layout: banners 100x100 (1:1), carousel and full
/// screen 300x200 (3:2). It documents none for the modal.
pub fn recommended_image(layout: &Layout) -> Option<(u32, u32)> {
    match layout {
        Layout::Carousel | Layout::Overlays => Some((300, 200)),
        Layout::MobileFeed => None,
        _ => Some((100, 100)),
    }
}

/// Whether `width`x`height` has the aspect ratio of `wanted`, within 2%.
pub fn same_aspect((width, height): (u32, u32), wanted: (u32, u32)) -> bool {
    if height == 0 || wanted.1 == 0 {
        return false;
    }
    let have = f64::from(width) / f64::from(height);
    let want = f64::from(wanted.0) / f64::from(wanted.1);
    (have / want - 1.0).abs() <= 0.02
}

/// "3:2", "4:3", "16:9"; "1.85:1" when the whole numbers would be unreadable.
pub fn ratio_words(width: u32, height: u32) -> String {
    fn gcd(a: u32, b: u32) -> u32 {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    let g = gcd(width, height).max(1);
    let (w, h) = (width / g, height / g);
    if w <= 32 && h <= 32 {
        format!("{w}:{h}")
    } else if height > 0 {
        format!("{:.2}:1", f64::from(width) / f64::from(height))
    } else {
        format!("{width}:{height}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::input::parse_campaigns;

    #[test]
    fn only_a_carousel_pages() {
        let parse = |layout: &str| {
            let json = format!(r#"{{"InAppMessage":{{{layout}"Content":[{{}},{{}},{{}}]}}}}"#);
            parse_campaigns(json.as_bytes()).unwrap().remove(0)
        };
        assert_eq!(shown_card(&parse(r#""Layout":"CAROUSEL","#), 1), Some(1));
        assert_eq!(shown_card(&parse(r#""Layout":"CAROUSEL","#), 9), Some(2));
        assert_eq!(shown_card(&parse(r#""Layout":"OVERLAYS","#), 1), Some(0));
        assert_eq!(shown_card(&parse(""), 2), Some(0));
        assert_eq!(effective_layout(&parse("")), Layout::TopBanner);
        assert_eq!(shown_card(&Campaign::default(), 0), None);
    }

    #[test]
    fn image_aspect_is_judged_against_the_layout() {
        assert_eq!(recommended_image(&Layout::Carousel), Some((300, 200)));
        assert_eq!(recommended_image(&Layout::TopBanner), Some((100, 100)));
        assert_eq!(recommended_image(&Layout::MobileFeed), None);
        assert!(same_aspect((600, 400), (300, 200)));
        assert!(same_aspect((301, 200), (300, 200)));
        assert!(!same_aspect((320, 240), (300, 200)));
        assert_eq!(ratio_words(320, 240), "4:3");
        assert_eq!(ratio_words(300, 200), "3:2");
        assert_eq!(ratio_words(1920, 1080), "16:9");
        assert_eq!(ratio_words(1000, 541), "1.85:1");
    }
}
