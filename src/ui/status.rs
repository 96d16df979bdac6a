//! The header line (where the data comes from) and the footer (what keys do).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::app::keys::BINDINGS;
use crate::app::{Fetch, State};
use crate::ui::sanitize::clean;
use crate::ui::theme;

pub fn header(state: &State, area: Rect, buf: &mut Buffer) {
    let mut left = vec![Span::styled(
        " pinview ",
        Style::new().fg(theme::ACCENT).add_modifier(Modifier::BOLD),
    )];
    if let Some(e) = state.endpoint() {
        left.push(Span::raw(format!(" {}", clean(&e.target.to_string()))));
        left.push(Span::styled(
            format!("  [{}/{}]", state.current + 1, state.endpoints.len()),
            theme::label(),
        ));
    }
    let fetch = match state.endpoint().map(|e| &e.fetch) {
        Some(Fetch::Loaded { at }) => format!("loaded {}", clock(*at, state)),
        Some(Fetch::Failed { at, .. }) => {
            format!("failed {} · showing last good", clock(*at, state))
        }
        Some(Fetch::Loading | Fetch::Idle) | None => "loading…".into(),
    };
    let left = Line::from(left);
    buf.set_line(area.x, area.y, &left, area.width);
    let left_w = left.width() as u16;
    // The platform matters most on a narrow screen; the source and fetch time give way first.
    let platform = state.platform.label();
    let right = [
        format!("platform: {platform}   {} · {fetch} ", state.source),
        format!("{platform} · {fetch} "),
        format!("{platform} "),
    ]
    .into_iter()
    .find(|r| left_w + r.width() as u16 + 1 < area.width);
    if let Some(right) = right {
        let right_w = right.width() as u16;
        let style = match state.endpoint().map(|e| &e.fetch) {
            Some(Fetch::Failed { .. }) => Style::new().fg(theme::ERROR),
            _ => theme::label(),
        };
        buf.set_string(area.right() - right_w, area.y, right, style);
    }
}

fn clock(at: jiff::Timestamp, state: &State) -> String {
    at.to_zoned_datetime(state.now.time_zone().clone())
        .strftime("%H:%M:%S")
        .to_string()
}

pub fn footer(state: &State, area: Rect, buf: &mut Buffer) {
    let line = if state.filter.editing {
        Line::from(vec![
            Span::styled(" / ", Style::new().fg(theme::ACCENT)),
            Span::raw(clean(&state.filter.text).into_owned()),
            Span::styled("▏", Style::new().fg(theme::ACCENT)),
            Span::styled("  Enter keep · Esc clear", theme::label()),
        ])
    } else {
        let mut spans = Vec::new();
        if !state.filter.text.is_empty() {
            spans.push(Span::styled(
                format!(" filter \"{}\" (Esc clears) ", clean(&state.filter.text)),
                Style::new().fg(theme::ACCENT),
            ));
        }
        let hints: Vec<&str> = BINDINGS.iter().filter_map(|b| b.footer).collect();
        // Help and quit are kept to the last; other hints give way on narrow screens.
        let (essential, optional): (Vec<&str>, Vec<&str>) = hints
            .iter()
            .partition(|h| h.starts_with('?') || h.starts_with('q'));
        let hint_width = |h: &&str| h.width() + 2;
        let used: usize = spans.iter().map(|s| s.width()).sum::<usize>()
            + essential.iter().map(hint_width).sum::<usize>();
        let mut room = usize::from(area.width).saturating_sub(used);
        let mut shown: Vec<&str> = Vec::new();
        for h in optional {
            if hint_width(&h) <= room {
                room -= hint_width(&h);
                shown.push(h);
            }
        }
        shown.extend(essential);
        for hint in shown {
            let (key, word) = hint.split_once(' ').unwrap_or((hint, ""));
            spans.push(Span::styled(
                format!(" {key}"),
                Style::new().fg(theme::ACCENT),
            ));
            spans.push(Span::styled(format!(" {word} "), theme::label()));
        }
        Line::from(spans)
    };
    buf.set_line(area.x, area.y, &line, area.width);
}
