//! How devices read a campaign's layout: the fallback for a missing one, and which card shows.

use crate::model::{Campaign, Layout};

/// The layout devices use: a missing layout is drawn as a top banner.
pub fn effective_layout(campaign: &Campaign) -> Layout {
    campaign.layout().cloned().unwrap_or(Layout::TopBanner)
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
}
