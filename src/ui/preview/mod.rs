//! The preview pane: the selected message on a device, and where the device would differ from
//! the payload, a note that says so.

mod device;
mod message;
pub mod parts;
pub mod picture;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

pub use device::Device;
use picture::Pictures;

use crate::model::{Campaign, Layout};
use crate::rules::check::{Finding, Platforms, Severity};
use crate::rules::layout::{effective_layout, shown_card};
use crate::rules::platform::Platform;
use crate::text::clean;
use crate::ui::theme;

pub struct Preview<'a> {
    pub campaign: Option<&'a Campaign>,
    pub platform: Platform,
    pub page: usize,
    pub focused: bool,
    /// What to say when there is no campaign to show.
    pub empty: &'a str,
    pub pictures: Pictures<'a>,
    /// The campaign's findings, as `pinview check` reports them.
    pub findings: &'a [Finding],
    /// The board key of the pixel preview to show instead of cells, when there is one.
    pub pixels: Option<String>,
}

impl Preview<'_> {
    pub fn title(&self) -> String {
        let Some(c) = self.campaign else {
            return " Preview ".into();
        };
        let layout = effective_layout(c);
        let cards = c.cards().len();
        match shown_card(c, self.page) {
            Some(i) if layout == Layout::Carousel && cards > 1 => {
                format!(" Preview · CAROUSEL {}/{cards} ", i + 1)
            }
            _ => format!(" Preview · {} ", clean(layout.as_str())),
        }
    }
}

impl Widget for &Preview<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered()
            .border_style(theme::border(self.focused))
            .title(Span::styled(self.title(), theme::title(self.focused)));
        let inner = block.inner(area);
        block.render(area, buf);
        draw_message_area(self, inner, buf);
    }
}

/// The device and the notes under it, without the pane's border: also used for `--pane preview`.
pub fn draw_message_area(preview: &Preview<'_>, area: Rect, buf: &mut Buffer) {
    let Some(campaign) = preview.campaign else {
        Paragraph::new(preview.empty)
            .style(theme::label())
            .centered()
            .wrap(Wrap { trim: true })
            .render(centre_rows(area, 2), buf);
        return;
    };
    // The pixel preview once drawn; the cells meanwhile, so nothing waits for it.
    if let Some(key) = &preview.pixels
        && preview
            .pictures
            .draw_key(buf, area, key, theme::PIXEL_BACKDROP)
    {
        return;
    }
    let notes = notes(preview.findings, preview.platform);
    let note_rows = (notes.len() as u16).min(area.height / 4);
    let canvas = Rect::new(area.x, area.y, area.width, area.height - note_rows);
    let device = if preview.platform == Platform::Web {
        Device::Browser
    } else {
        Device::Phone
    };
    let screen = device::draw(device, canvas, buf);
    let scene = message::Scene {
        platform: preview.platform,
        device,
        pictures: &preview.pictures,
    };
    message::draw(
        campaign,
        &effective_layout(campaign),
        preview.page,
        &scene,
        screen,
        buf,
    );
    for (i, note) in notes.iter().take(usize::from(note_rows)).enumerate() {
        let y = canvas.bottom() + i as u16;
        let more = notes.len() - usize::from(note_rows);
        let text = if i + 1 == usize::from(note_rows) && more > 0 {
            format!("{note} (+{more} in details)")
        } else {
            note.clone()
        };
        let line = Line::from(vec![
            Span::styled("⚠ ", Style::new().fg(theme::WARN)),
            Span::raw(crate::text::fit(
                &clean(&text),
                area.width.saturating_sub(2),
            )),
        ]);
        buf.set_line(area.x, y, &line, area.width);
    }
}

/// What the device does differently from the payload on the drawn platform, worst first.
pub fn notes(findings: &[Finding], platform: Platform) -> Vec<String> {
    let drawn = Platforms::drawn_on(platform);
    findings
        .iter()
        .filter(|f| f.severity() != Severity::Note && !f.platforms.and(drawn).is_empty())
        .map(|f| f.words())
        .collect()
}

fn centre_rows(area: Rect, rows: u16) -> Rect {
    let h = rows.min(area.height);
    Rect::new(area.x, area.y + (area.height - h) / 2, area.width, h)
}

#[cfg(test)]
mod tests {
    use crate::rules::platform::Platform;
    use crate::ui::preview_widget;
    use crate::ui::testing::{colours, draw, state_with, text};

    /// One campaign of `layout` with these cards.
    fn campaign(layout: &str, cards: &[String]) -> Vec<u8> {
        let cards = cards.join(",");
        format!(
            r#"{{"InAppMessageCampaigns":[{{"CampaignId":"test","TreatmentId":"0","Priority":1,
            "Schedule":{{"EventFilter":{{"Dimensions":{{"EventType":{{"Values":["_session.start"]}}}}}}}},
            "InAppMessage":{{"Layout":"{layout}","Content":[{cards}]}}}}]}}"#
        )
        .into_bytes()
    }

    /// A card in `background` with its words in `ink`, an "Open" button in the colours swapped
    /// and a "Later" one in the card's.
    fn card(background: &str, ink: &str, header: &str, body: &str) -> String {
        format!(
            r#"{{"BackgroundColor":"{background}",
            "HeaderConfig":{{"Header":"{header}","TextColor":"{ink}","Alignment":"CENTER"}},
            "BodyConfig":{{"Body":"{body}","TextColor":"{ink}","Alignment":"CENTER"}},
            "PrimaryBtn":{{"DefaultConfig":{{"Text":"Open","TextColor":"{background}",
                "BackgroundColor":"{ink}","ButtonAction":"CLOSE"}},
                "Web":{{"ButtonAction":"LINK","Link":"https://app.example/open"}}}},
            "SecondaryBtn":{{"DefaultConfig":{{"Text":"Later","TextColor":"{ink}",
                "BackgroundColor":"{background}","ButtonAction":"CLOSE"}}}}}}"#
        )
    }

    /// The card with an image, which no test loads: its slot is marked.
    fn with_image(card: &str) -> String {
        card.replacen('{', r#"{"ImageUrl":"https://app.example/picture.png","#, 1)
    }

    fn carousel() -> Vec<u8> {
        let cards = [
            with_image(&card("#C5221F", "#FFFFFF", "First card", "Swipe for more")),
            card("#9334E6", "#FFFFFF", "Second card", "The last one"),
        ];
        campaign("CAROUSEL", &cards)
    }

    /// The preview of `json`'s campaign on `platform`, card `page`, in a 44x16 pane.
    fn preview(json: &[u8], platform: Platform, page: usize) -> ratatui::buffer::Buffer {
        let mut state = state_with(json, (80, 24));
        state.platform = platform;
        state.page = page;
        draw(&preview_widget(&state, true, "no campaign"), 44, 16)
    }

    fn top_banner() -> Vec<u8> {
        let blue = card("#1A73E8", "#FFFFFF", "Top banner", "Drawn at the top");
        campaign("TOP_BANNER", &[blue])
    }

    #[test]
    fn preview_top_banner() {
        let buf = preview(&top_banner(), Platform::Default, 0);
        insta::assert_snapshot!("preview_top_banner", text(&buf));
        insta::assert_snapshot!("preview_top_banner_colours", colours(&buf));
    }

    #[test]
    fn preview_middle_banner() {
        let green = card("#188038", "#FFFFFF", "Middle banner", "Drawn in the middle");
        let buf = preview(&campaign("MIDDLE_BANNER", &[green]), Platform::Default, 0);
        insta::assert_snapshot!("preview_middle_banner", text(&buf));
    }

    #[test]
    fn preview_bottom_banner() {
        let yellow = with_image(&card(
            "#FBBC04",
            "#202124",
            "Bottom banner",
            "At the bottom",
        ));
        let buf = preview(&campaign("BOTTOM_BANNER", &[yellow]), Platform::Default, 0);
        insta::assert_snapshot!("preview_bottom_banner", text(&buf));
    }

    #[test]
    fn preview_mobile_feed() {
        let white = card("#FFFFFF", "#202124", "A modal", "Centred on the screen");
        let buf = preview(&campaign("MOBILE_FEED", &[white]), Platform::Default, 0);
        insta::assert_snapshot!("preview_mobile_feed", text(&buf));
    }

    #[test]
    fn preview_overlays() {
        let dark = with_image(&card("#202124", "#E8EAED", "Full screen", "Covers it all"));
        let buf = preview(&campaign("OVERLAYS", &[dark]), Platform::Default, 0);
        insta::assert_snapshot!("preview_overlays", text(&buf));
    }

    #[test]
    fn preview_carousel_card_1() {
        let buf = preview(&carousel(), Platform::Default, 0);
        insta::assert_snapshot!("preview_carousel_card_1", text(&buf));
    }

    #[test]
    fn preview_carousel_card_2() {
        let buf = preview(&carousel(), Platform::Default, 1);
        insta::assert_snapshot!("preview_carousel_card_2", text(&buf));
        insta::assert_snapshot!("preview_carousel_card_2_colours", colours(&buf));
    }

    #[test]
    fn preview_web_top_banner() {
        let buf = preview(&top_banner(), Platform::Web, 0);
        insta::assert_snapshot!("preview_web_top_banner", text(&buf));
        insta::assert_snapshot!("preview_web_top_banner_colours", colours(&buf));
    }
}
