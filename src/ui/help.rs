//! The help overlay: the rows `app` lists (every mode's keys and the badges), scrolled where
//! `app` says.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::app::State;
use crate::app::geometry::help_rect;
use crate::app::help::{HelpRow, LEGEND, help_rows};
use crate::text::pad_to;
use crate::ui::theme;

pub fn draw(state: &State, area: Rect, buf: &mut Buffer) {
    let rows = help_rows();
    let widest = LEGEND
        .iter()
        .map(|(_, m)| unicode_width::UnicodeWidthStr::width(*m))
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = rows
        .iter()
        .map(|row| match *row {
            HelpRow::Heading(title) => Line::styled(format!(" {title}"), theme::title(false)),
            HelpRow::Key { label, help } => Line::from(vec![
                Span::styled(format!(" {:<10}", label), Style::new().fg(theme::ACCENT)),
                Span::raw(help),
            ]),
            // Padded by display width: `⌛` is two cells.
            HelpRow::Badge { mark, meaning } => Line::from(vec![
                Span::styled(
                    format!(" {}", pad_to(mark, 3)),
                    Style::new().fg(theme::WARN),
                ),
                Span::raw(pad_to(meaning, widest)),
            ]),
            HelpRow::Blank => Line::raw(""),
        })
        .collect();
    let rect = help_rect(area, rows.len());
    let shown = usize::from(rect.height.saturating_sub(2));
    let title = if rows.len() > shown {
        let last = (usize::from(state.help_scroll) + shown).min(rows.len());
        format!(" Keys {last}/{} · j/k scroll · Esc closes ", rows.len())
    } else {
        " Keys · Esc closes ".to_string()
    };
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .scroll((state.help_scroll, 0))
        .block(
            Block::bordered()
                .border_style(theme::border(true))
                .title(Span::styled(title, theme::title(true))),
        )
        .render(rect, buf);
}
