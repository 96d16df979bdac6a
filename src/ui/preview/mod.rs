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
use crate::rules::layout::{effective_layout, shown_card};
use crate::rules::lint::{Severity, findings};
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
    let notes = notes(campaign, preview.platform);
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

/// What the device does differently from the payload, most important first.
pub fn notes(campaign: &Campaign, platform: Platform) -> Vec<String> {
    let mut out = Vec::new();
    if platform == Platform::Web && effective_layout(campaign) == Layout::Carousel {
        out.push("the web renderer draws no carousel".to_string());
    }
    out.extend(
        findings(campaign)
            .into_iter()
            .filter(|f| f.severity != Severity::Note)
            .map(|f| f.text),
    );
    out
}

fn centre_rows(area: Rect, rows: u16) -> Rect {
    let h = rows.min(area.height);
    Rect::new(area.x, area.y + (area.height - h) / 2, area.width, h)
}
