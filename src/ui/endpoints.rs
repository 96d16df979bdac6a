//! The endpoints pane: every endpoint with its campaign count and fetch state, so switching is
//! a glance and a key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::geometry::endpoint_offset;
use crate::app::{Endpoint, Fetch, State};
use crate::text::clean;
use crate::text::fit;
use crate::ui::status::spinner;
use crate::ui::theme;

pub struct Endpoints<'a> {
    pub state: &'a State,
    pub focused: bool,
}

impl Widget for &Endpoints<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let title = format!(" Endpoints {} · e add ", state.endpoints.len());
        let block = Block::bordered()
            .border_style(theme::border(self.focused))
            .title(Span::styled(title, theme::title(self.focused)));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.is_empty() {
            return;
        }
        let offset = endpoint_offset(state.current, area);
        let rows = usize::from(inner.height);
        for (row, (index, endpoint)) in state
            .endpoints
            .iter()
            .enumerate()
            .skip(offset)
            .take(rows)
            .enumerate()
        {
            let current = index == state.current;
            let (status, style) = status_of(endpoint, state);
            let status = format!("{status:>6}");
            let name = name_of(endpoint);
            let room = usize::from(inner.width).saturating_sub(2 + status.width() + 1);
            let name = fit(&name, room as u16);
            let pad = room.saturating_sub(name.width());
            let line = Line::from(vec![
                Span::styled(
                    if current { "▶ " } else { "  " },
                    Style::new().fg(theme::ACCENT),
                ),
                Span::raw(format!("{name}{} ", " ".repeat(pad))),
                Span::styled(status, style),
            ]);
            let y = inner.y + row as u16;
            buf.set_line(inner.x, y, &line, inner.width);
            if current {
                buf.set_style(
                    Rect::new(inner.x, y, inner.width, 1),
                    theme::selected_row(self.focused),
                );
            }
        }
    }
}

/// The label from the config file, else the id.
pub fn name_of(endpoint: &Endpoint) -> String {
    match &endpoint.label {
        Some(label) => format!("{} ({})", clean(label), clean(&endpoint.target.endpoint)),
        None => clean(&endpoint.target.endpoint).into_owned(),
    }
}

/// The count, or what is happening instead: a spinner while fetching, `✕` when the last fetch
/// failed (with a count when older data is kept).
fn status_of(endpoint: &Endpoint, state: &State) -> (String, Style) {
    let count = endpoint.live_count();
    let spin = if endpoint.in_flight {
        format!(" {}", spinner(state))
    } else {
        String::new()
    };
    match &endpoint.fetch {
        Fetch::Idle => ("·".into(), theme::label()),
        Fetch::Loading => (spinner(state).into(), theme::label()),
        Fetch::Loaded { .. } => (format!("{count}{spin}"), theme::label()),
        Fetch::Failed { .. } if endpoint.loaded_at.is_some() => {
            (format!("{count} ✕{spin}"), Style::new().fg(theme::ERROR))
        }
        Fetch::Failed { .. } => (format!("✕{spin}"), Style::new().fg(theme::ERROR)),
    }
}
