//! The campaigns pane: one row per campaign in device order, with its badges. Only the rows on
//! screen are built, so a thousand campaigns draw as fast as ten.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::help::LEGEND;
use crate::app::trigger::{Verdict, verdict};
use crate::app::{Badges, Fetch, Mark, State};
use crate::rules::layout::effective_layout;
use crate::text::clean;
use crate::text::{fit, pad_to};
use crate::ui::theme;

/// The badges, in the order they are drawn and explained.
/// The cells an id keeps when the trigger's verdicts need the room.
const MIN_ID: usize = 10;

pub fn badge_text(b: &Badges) -> String {
    let mut s = String::new();
    for (on, mark) in [
        (b.change == Mark::New, LEGEND[0].0),
        (b.change == Mark::Changed, LEGEND[1].0),
        (b.change == Mark::Removed, LEGEND[2].0),
        (b.expired, LEGEND[3].0),
        (b.capped.is_some(), LEGEND[4].0),
        (b.problem, LEGEND[5].0),
    ] {
        if on {
            s.push_str(mark);
        }
    }
    s
}

pub struct CampaignList<'a> {
    pub state: &'a State,
    pub focused: bool,
}

impl Widget for &CampaignList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let total = state.endpoint().map_or(0, |e| e.live_count());
        let shown = state.visible.len();
        let count = if state.filter.is_empty() {
            format!(" Campaigns {total} ")
        } else {
            format!(" Campaigns {shown} of {total} ")
        };
        let block = Block::bordered()
            .border_style(theme::border(self.focused))
            .title(Span::styled(count, theme::title(self.focused)));
        let inner = block.inner(area);
        block.render(area, buf);
        if shown == 0 {
            let text = empty_text(state);
            let needed = textwrap::wrap(&text, usize::from(inner.width).max(1)).len() as u16;
            let rows = needed.clamp(1, inner.height.max(1));
            let mid = Rect::new(
                inner.x,
                inner.y + (inner.height - rows) / 2,
                inner.width,
                rows,
            );
            Paragraph::new(text)
                .style(theme::label())
                .centered()
                .wrap(Wrap { trim: true })
                .render(mid, buf);
            return;
        }
        let width = usize::from(inner.width);
        let rows = usize::from(inner.height);
        let end = (state.list_offset + rows).min(shown);
        let on_screen: Vec<(usize, Badges)> = (state.list_offset..end)
            .map(|pos| (pos, state.badges(state.visible[pos])))
            .collect();
        // As wide as the widest badges on screen, so columns line up without wasting room.
        let badge_column = on_screen
            .iter()
            .map(|(_, b)| badge_text(b).width())
            .max()
            .unwrap_or(0);
        let widest_id = on_screen
            .iter()
            .map(|(pos, _)| clean(state.campaigns()[state.visible[*pos]].id()).width())
            .max()
            .unwrap_or(0);
        let priority_of = |pos: usize| {
            state.campaigns()[state.visible[pos]]
                .priority
                .map_or("  -".to_string(), |p| format!("{p:>3}"))
        };
        let widest_priority = on_screen
            .iter()
            .map(|(pos, _)| priority_of(*pos).width())
            .max()
            .unwrap_or(3);
        // Ids come first: the layout column shows only when no id on screen is cut for it. With
        // a trigger set the column says what the device decided, worth cutting long ids for.
        let fixed = 1 + widest_priority + 2 + 1 + 14 + badge_column;
        let show_layout = width >= fixed + widest_id
            || (state.trigger.is_some() && width >= fixed + MIN_ID.min(widest_id));
        for (row, (pos, marks)) in on_screen.into_iter().enumerate() {
            let badges = badge_text(&marks);
            let index = state.visible[pos];
            let campaign = &state.campaigns()[index];
            let selected = pos == state.selected;
            let priority = priority_of(pos);
            let decided = verdict(state, index);
            let layout = if show_layout {
                // With a trigger the column says what the device does with the campaign.
                let word = match &decided {
                    Some(Verdict::Shown) => "★ shown".to_string(),
                    Some(Verdict::Excluded(why)) => format!("· {}", why.word()),
                    // Unknown layouts can be any length or width: cut and pad by width.
                    None => fit(&clean(effective_layout(campaign).as_str()), 13),
                };
                format!(" {}", pad_to(&word, 13))
            } else {
                String::new()
            };
            let marker = match (selected, &decided) {
                (true, _) => "▶",
                (false, Some(Verdict::Shown)) => "★",
                _ => " ",
            };
            let fixed = 1 + priority.width() + 2 + layout.width() + 1 + badge_column;
            let id_room = width.saturating_sub(fixed).max(1);
            let id = fit(&clean(campaign.id()), id_room as u16);
            let pad = id_room.saturating_sub(id.width());
            let line = Line::from(vec![
                Span::styled(marker, Style::new().fg(theme::ACCENT)),
                Span::styled(priority, theme::label()),
                Span::raw("  "),
                Span::raw(format!("{id}{}", " ".repeat(pad))),
                Span::styled(layout, theme::label()),
                Span::raw(" "),
                Span::styled(badges.clone(), Style::new().fg(theme::WARN)),
                // Unstyled, so a reversed selected row shows no coloured block where no badge is.
                Span::raw(" ".repeat(badge_column.saturating_sub(badges.width()))),
            ]);
            let y = inner.y + row as u16;
            buf.set_line(inner.x, y, &line, inner.width);
            if marks.change == Mark::Removed || matches!(decided, Some(Verdict::Excluded(_))) {
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), theme::removed());
            }
            if selected {
                let style = theme::selected_row(self.focused);
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
            }
        }
    }
}

fn empty_text(state: &State) -> String {
    let Some(endpoint) = state.endpoint() else {
        return "no endpoints to show".into();
    };
    let name = clean(&endpoint.target.endpoint).into_owned();
    match &endpoint.fetch {
        Fetch::Idle | Fetch::Loading => format!("loading {name}…"),
        Fetch::Failed { error, .. } => format!("{name}: {}", clean(error.message())),
        Fetch::Loaded { .. } if !state.filter.is_empty() => {
            format!("no campaign matches \"{}\"", clean(state.filter.text()))
        }
        Fetch::Loaded { .. } => {
            format!(
                "{name} returned no campaigns\n(the endpoint is eligible for no in-app message)"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::testing::{DEMO, draw, state_with, text};

    #[test]
    fn list_demo() {
        let state = state_with(DEMO, (80, 24));
        let list = CampaignList {
            state: &state,
            focused: true,
        };
        insta::assert_snapshot!("list_demo", text(&draw(&list, 40, 10)));
    }

    #[test]
    fn list_no_campaigns() {
        let state = state_with(br#"{"InAppMessageCampaigns":[]}"#, (80, 24));
        let list = CampaignList {
            state: &state,
            focused: false,
        };
        insta::assert_snapshot!("list_no_campaigns", text(&draw(&list, 40, 10)));
    }
}
