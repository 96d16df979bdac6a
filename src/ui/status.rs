//! The header line (where the data comes from) and the footer (what keys do).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::app::clock::{Age, SPIN_FRAMES, fetched_age, spinner_frame};
use crate::app::input::LineInput;
use crate::app::keys::Mode;
use crate::app::{Fetch, State};
use crate::text::clean;
use crate::ui::theme;

pub fn header(state: &State, area: Rect, buf: &mut Buffer) {
    let mut left = vec![Span::styled(
        " pinview ",
        Style::new().fg(theme::ACCENT).add_modifier(Modifier::BOLD),
    )];
    if let Some(e) = state.endpoint() {
        let mut name = clean(&e.target.to_string()).into_owned();
        if let Some(label) = &e.label {
            name.push_str(&format!(" ({})", clean(label)));
        }
        left.push(Span::raw(format!(" {name}")));
        left.push(Span::styled(
            format!("  [{}/{}]", state.current + 1, state.endpoints.len()),
            theme::label(),
        ));
    }
    if let Some(trigger) = &state.trigger {
        left.push(Span::styled(
            format!("  ★ {}", clean(&trigger.text)),
            Style::new().fg(theme::ACCENT),
        ));
    }
    let fetch = fetch_label(state);
    let left = Line::from(left);
    buf.set_line(area.x, area.y, &left, area.width);
    let left_w = left.width() as u16;
    // The platform matters most on a narrow screen; the source and fetch time give way first.
    let platform = state.platform.label();
    let right = [
        format!(
            "platform: {platform}   {} · {fetch} ",
            clean(&state.source.to_string())
        ),
        format!("{platform} · {fetch} "),
        format!("{platform} "),
    ]
    .into_iter()
    .find(|r| left_w + r.width() as u16 + 1 < area.width);
    if let Some(right) = right {
        let right_w = right.width() as u16;
        let style = match state.endpoint().map(|e| &e.fetch) {
            Some(Fetch::Failed { .. }) => Style::new().fg(theme::WARN),
            _ => theme::label(),
        };
        buf.set_string(area.right() - right_w, area.y, right, style);
    }
}

/// Spinner frames, one every `clock::SPIN_MS`.
const SPINNER: [&str; SPIN_FRAMES] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The spinner glyph for the state's clock.
pub fn spinner(state: &State) -> &'static str {
    SPINNER[spinner_frame(&state.now)]
}

/// When the data on screen was fetched and whether a fetch is under way: relative while
/// refreshing (the app says how long ago), else the time of day.
pub fn fetch_label(state: &State) -> String {
    let Some(e) = state.endpoint() else {
        return String::new();
    };
    let age = fetched_age(state);
    let when = |at: jiff::Timestamp| match age {
        Some(age) => ago(age),
        None => format!("at {}", clock(at, state)),
    };
    let mut label = match (&e.fetch, e.loaded_at) {
        (Fetch::Idle, _) => "not fetched".to_string(),
        (Fetch::Loading, _) => "loading".to_string(),
        (Fetch::Loaded { at }, _) => format!("fetched {}", when(*at)),
        (Fetch::Failed { .. }, Some(good)) => format!("stale: fetched {}", when(good)),
        (Fetch::Failed { at, .. }, None) => format!("failed {}", when(*at)),
    };
    if e.in_flight {
        label.push(' ');
        label.push_str(spinner(state));
    }
    label
}

/// "12s ago", "3m ago", "5h ago", "2d ago".
pub fn ago(age: Age) -> String {
    match age {
        Age::Seconds(n) => format!("{n}s ago"),
        Age::Minutes(n) => format!("{n}m ago"),
        Age::Hours(n) => format!("{n}h ago"),
        Age::Days(n) => format!("{n}d ago"),
    }
}

fn clock(at: jiff::Timestamp, state: &State) -> String {
    at.to_zoned_datetime(state.now.time_zone().clone())
        .strftime("%H:%M:%S")
        .to_string()
}

pub fn footer(state: &State, area: Rect, buf: &mut Buffer) {
    let failed = state.endpoint().and_then(|e| match &e.fetch {
        Fetch::Failed { error, .. } => Some(error.message()),
        _ => None,
    });
    let line = if state.mode == Mode::Prompt {
        let app = state.endpoint().map_or("", |e| e.target.app.as_str());
        let prompt = format!(" endpoint id in {}: ", clean(app));
        typing(prompt, &state.prompt, Mode::Prompt, area.width)
    } else if let (Some(error), false) = (failed, state.mode.edits_text()) {
        // The reason comes first: it is what the user must act on; keys are in `?`.
        let hint = "  r retry · ? help";
        let room = usize::from(area.width).saturating_sub(3 + hint.width());
        let error = crate::text::fit(&clean(error), room as u16);
        Line::from(vec![
            Span::styled(" ✕ ", Style::new().fg(theme::ERROR)),
            Span::styled(error, Style::new().fg(theme::ERROR)),
            Span::styled(hint, theme::label()),
        ])
    } else if state.mode == Mode::Filter {
        typing(" / ".into(), &state.filter, Mode::Filter, area.width)
    } else if state.mode == Mode::Trigger {
        let mut line = typing(
            " trigger: ".into(),
            &state.trigger_input,
            Mode::Trigger,
            area.width,
        );
        if let Some(why) = &state.prompt_error {
            line.push_span(Span::styled(
                format!("  ✕ {}", clean(why)),
                Style::new().fg(theme::ERROR),
            ));
        }
        line
    } else {
        let mut spans = Vec::new();
        if !state.filter.is_empty() {
            spans.push(Span::styled(
                format!(" filter \"{}\" (Esc clears) ", clean(state.filter.text())),
                Style::new().fg(theme::ACCENT),
            ));
        }
        let hints: Vec<&str> = Mode::Normal
            .bindings()
            .iter()
            .filter_map(|b| b.footer)
            .collect();
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

/// A prompt, its text with the cursor where it is, and the mode's keys, in `width` cells. Text
/// longer than the room scrolls so the cursor stays in sight; the keys give way first.
fn typing(prompt: String, input: &LineInput, mode: Mode, width: u16) -> Line<'static> {
    let (before, after) = input.split();
    let (before, after) = (clean(before), clean(after));
    let keys: Vec<&str> = mode.bindings().iter().filter_map(|b| b.footer).collect();
    let keys = format!("  {}", keys.join(" · "));
    // The prompt and the cursor take their cells first.
    let room = usize::from(width).saturating_sub(prompt.width() + 1);
    let text = before.width() + after.width();
    let show_keys = text + keys.width() <= room;
    let room = if show_keys { room - keys.width() } else { room };
    // What follows the cursor keeps up to a third of the room, so moving left shows both sides.
    let after_room = after.width().min(room / 3);
    let room = u16::try_from(room).unwrap_or(u16::MAX);
    let before = crate::text::fit_tail(&before, room.saturating_sub(after_room as u16));
    let after = match room.saturating_sub(before.width() as u16) {
        0 => String::new(),
        left => crate::text::fit(&after, left),
    };
    let mut spans = vec![
        Span::styled(prompt, Style::new().fg(theme::ACCENT)),
        Span::raw(before),
        Span::styled("▏", Style::new().fg(theme::ACCENT)),
    ];
    if !after.is_empty() {
        spans.push(Span::raw(after));
    }
    if show_keys {
        spans.push(Span::styled(keys, theme::label()));
    }
    Line::from(spans)
}
