//! The details pane: the rows `app` wrote about the selected campaign, wrapped beside their
//! labels and coloured by tone.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::details::{DetailRow, LABEL_WIDTH, Tone, wrap_value};
use crate::ui::theme;

pub struct Details<'a> {
    pub rows: &'a [DetailRow],
    pub focused: bool,
    pub scroll: u16,
    /// Said when there is no campaign.
    pub empty: &'a str,
}

impl Widget for &Details<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered()
            .border_style(theme::border(self.focused))
            .title(Span::styled(" Details ", theme::title(self.focused)));
        let inner = block.inner(area);
        block.render(area, buf);
        if self.rows.is_empty() {
            Paragraph::new(self.empty)
                .style(theme::label())
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        let lines = lines(self.rows, usize::from(inner.width));
        let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
        Paragraph::new(lines)
            .scroll((self.scroll.min(max_scroll), 0))
            .render(inner, buf);
    }
}

/// Each row as `label  value`, the value wrapped under itself.
fn lines(rows: &[DetailRow], width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for row in rows {
        let style = style(row.tone);
        for (i, part) in wrap_value(&row.value, width).into_iter().enumerate() {
            let label = if i == 0 { row.label.as_str() } else { "" };
            let label = Span::styled(format!("{label:<LABEL_WIDTH$}"), theme::label());
            lines.push(if part.is_empty() {
                Line::from(label)
            } else {
                Line::from(vec![label, Span::styled(part, style)])
            });
        }
    }
    lines
}

fn style(tone: Tone) -> Style {
    match tone {
        Tone::Plain => Style::new(),
        Tone::Strong => Style::new().add_modifier(Modifier::BOLD),
        Tone::Label => theme::label(),
        Tone::Warn => Style::new().fg(theme::WARN),
        Tone::Error => Style::new().fg(theme::ERROR),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::details::detail_rows;
    use crate::ui::testing::{DEMO, draw, state_with, text};

    #[test]
    fn details_demo() {
        let state = state_with(DEMO, (80, 24));
        let rows = detail_rows(&state);
        let details = Details {
            rows: &rows,
            focused: true,
            scroll: 0,
            empty: "no campaign selected",
        };
        insta::assert_snapshot!("details_demo", text(&draw(&details, 36, 24)));
    }

    #[test]
    fn details_say_when_colours_are_approximate() {
        let mut state = state_with(DEMO, (80, 24));
        let said = |state: &crate::app::State| {
            detail_rows(state).iter().any(|r| {
                r.value
                    .contains("approximate: this terminal shows 16 colours")
            })
        };
        assert!(!said(&state));
        state.palette = crate::app::terminal::Palette::from_env(Some("xterm"), None, None);
        assert!(said(&state));
    }

    #[test]
    fn details_no_campaign() {
        let details = Details {
            rows: &[],
            focused: false,
            scroll: 0,
            empty: "no campaign selected",
        };
        insta::assert_snapshot!("details_no_campaign", text(&draw(&details, 36, 5)));
    }
}
