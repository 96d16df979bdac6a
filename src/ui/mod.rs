//! The view: `draw(&State, &mut Frame)` and its widgets. A pure function of the state.

pub mod details;
pub mod endpoints;
pub mod frame_text;
pub mod help;
pub mod list;
pub mod preview;
pub mod status;
#[cfg(test)]
mod testing;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::details::detail_rows;
use crate::app::geometry::{MIN_HEIGHT, MIN_WIDTH, Screen, ScreenMode};
use crate::app::keys::Mode;
use crate::app::{Pane, State};
use crate::text::clean;

pub fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    draw_buffer(state, area, frame.buffer_mut());
}

/// Draws the whole screen into a buffer: the TUI and headless frames share this.
pub fn draw_buffer(state: &State, area: Rect, buf: &mut Buffer) {
    // Terminals can report a zero-sized window while they are being resized.
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let screen = Screen::compute(area, state.endpoints.len());
    if screen.mode == ScreenMode::TooSmall {
        too_small(area, buf);
        return;
    }
    status::header(state, screen.header, buf);
    status::footer(state, screen.footer, buf);
    let empty = empty_words(state);
    if let Some(rect) = screen.endpoints {
        endpoints::Endpoints {
            state,
            focused: state.focus == Pane::Endpoints,
        }
        .render(rect, buf);
    }
    if let Some(rect) = screen.list {
        list::CampaignList {
            state,
            focused: state.focus == Pane::List || screen.mode == ScreenMode::Narrow,
        }
        .render(rect, buf);
    }
    if let Some(rect) = screen.preview {
        preview_widget(state, state.focus == Pane::Preview, &empty).render(rect, buf);
    }
    if let Some(rect) = screen.details {
        let rows = detail_rows(state);
        let details = details::Details {
            rows: &rows,
            focused: state.focus == Pane::Details,
            scroll: state.details_scroll,
            empty: &details_empty(state).unwrap_or_else(|| empty.clone()),
        };
        details.render(rect, buf);
    }
    if let Some(rect) = screen.summary {
        summary(state, rect, buf);
    }
    if state.mode == Mode::Help {
        help::draw(state, area, buf);
    }
}

pub fn preview_widget<'a>(state: &'a State, focused: bool, empty: &'a str) -> preview::Preview<'a> {
    preview::Preview {
        campaign: state.selected_campaign(),
        platform: state.platform,
        page: state.page,
        focused,
        empty,
        pictures: pictures(state),
        findings: state.selected_findings(),
        pixels: crate::app::pixels::wanted(state),
    }
}

/// The images as the view sees them.
pub fn pictures(state: &State) -> preview::picture::Pictures<'_> {
    preview::picture::Pictures {
        board: &state.images,
        base: state.endpoint().and_then(|e| e.image_base.as_deref()),
        spinner: status::spinner(state),
        covered: state.mode == Mode::Help,
    }
}

fn empty_words(state: &State) -> String {
    match state.endpoint() {
        Some(e) if state.campaigns().is_empty() => match &e.fetch {
            crate::app::Fetch::Failed { .. } => {
                format!(
                    "{} could not be fetched: the reason is below",
                    clean(&e.target.endpoint)
                )
            }
            crate::app::Fetch::Idle | crate::app::Fetch::Loading => {
                format!("loading {}…", clean(&e.target.endpoint))
            }
            crate::app::Fetch::Loaded { .. } => {
                format!("{} has no campaign to preview", clean(&e.target.endpoint))
            }
        },
        _ => "no campaign selected".into(),
    }
}

/// Why an endpoint with nothing to show could not be fetched, whole: the footer's line cuts it
/// to the width of the screen.
fn details_empty(state: &State) -> Option<String> {
    let e = state.endpoint()?;
    match &e.fetch {
        crate::app::Fetch::Failed { error, .. } if state.campaigns().is_empty() => Some(format!(
            "{} could not be fetched: {}",
            clean(&e.target.endpoint),
            clean(error.message())
        )),
        _ => None,
    }
}

/// Narrow terminals: the selected message's header and body as text.
fn summary(state: &State, area: Rect, buf: &mut Buffer) {
    let Some(c) = state.selected_campaign() else {
        return;
    };
    let mut lines = vec![Line::styled(
        clean(c.header().unwrap_or("(no header)")).into_owned(),
        theme::title(false),
    )];
    if let Some(body) = c.body() {
        lines.push(Line::raw(clean(body).into_owned()));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(Block::bordered().border_style(theme::border(false)))
        .render(area, buf);
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let (w, h) = (area.width, area.height);
    // The longest wording that fits on one line.
    let text = [
        format!("window too small: pinview needs {MIN_WIDTH}x{MIN_HEIGHT}, this is {w}x{h}"),
        format!("too small: need {MIN_WIDTH}x{MIN_HEIGHT}"),
        format!("need {MIN_WIDTH}x{MIN_HEIGHT}"),
    ]
    .into_iter()
    .find(|t| unicode_width::UnicodeWidthStr::width(t.as_str()) <= usize::from(w))
    .unwrap_or_default();
    let y = area.y + area.height / 2;
    let width = unicode_width::UnicodeWidthStr::width(text.as_str()) as u16;
    let x = area.x + area.width.saturating_sub(width) / 2;
    buf.set_stringn(
        x,
        y,
        text,
        usize::from(area.width),
        Style::new().fg(theme::WARN),
    );
}
