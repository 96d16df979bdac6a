//! The help overlay, written from the same key table that dispatches keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::keys::BINDINGS;
use crate::text::pad_to;
use crate::ui::list::LEGEND;
use crate::ui::theme;

pub fn draw(area: Rect, buf: &mut Buffer) {
    let mut lines: Vec<Line> = BINDINGS
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {:<10}", b.label), Style::new().fg(theme::ACCENT)),
                Span::raw(b.help),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Badges", theme::title(false)));
    // Two badges a line when one a line would not fit the window.
    let per_line = if lines.len() + LEGEND.len() + 2 > usize::from(area.height) {
        2
    } else {
        1
    };
    let widest = LEGEND.iter().map(|(_, m)| m.width()).max().unwrap_or(0);
    for pair in LEGEND.chunks(per_line) {
        let mut spans = Vec::new();
        for (mark, meaning) in pair {
            // Padded by display width: `⌛` is two cells.
            spans.push(Span::styled(
                format!(" {}", pad_to(mark, 3)),
                Style::new().fg(theme::WARN),
            ));
            spans.push(Span::raw(pad_to(meaning, widest + 2)));
        }
        lines.push(Line::from(spans));
    }
    // Room for two badge columns side by side when they are paired.
    let width = (70 + (per_line as u16 - 1) * 6).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .border_style(theme::border(true))
                .title(Span::styled(" Keys · any key closes ", theme::title(true))),
        )
        .render(rect, buf);
}
