//! The help overlay, written from the same key table that dispatches keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::app::keys::BINDINGS;
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
    for (mark, meaning) in LEGEND {
        lines.push(Line::from(vec![
            Span::styled(format!(" {mark:<10}"), Style::new().fg(theme::WARN)),
            Span::raw(*meaning),
        ]));
    }
    let width = 70.min(area.width);
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
