//! The details pane: everything a payload says about the selected campaign, in words.

use jiff::ZonedDateTime;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::model::colour::parse_colour;
use crate::model::{Button, Campaign, EventFilter, Layout};
use crate::rules::caps::{Displays, cap_limit, cap_reached, caps_summary};
use crate::rules::layout::{
    effective_layout, ratio_words, recommended_image, same_aspect, shown_card,
};
use crate::rules::lint::{Severity, findings};
use crate::rules::platform::{Platform, resolve_button};
use crate::rules::schedule::{EndStatus, QuietWindow, end_status, relative, short_utc};
use crate::text::clean;
use crate::text::size_words;
use crate::ui::preview::parts::effective_radius;
use crate::ui::preview::picture::{Pictures, Status};
use crate::ui::theme;

const LABEL_WIDTH: usize = 11;

pub struct Details<'a> {
    pub campaign: Option<&'a Campaign>,
    pub platform: Platform,
    pub page: usize,
    pub displays: &'a Displays,
    pub now: &'a ZonedDateTime,
    pub focused: bool,
    pub scroll: u16,
    /// Said when there is no campaign.
    pub empty: &'a str,
    pub pictures: Pictures<'a>,
}

impl Widget for &Details<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered()
            .border_style(theme::border(self.focused))
            .title(Span::styled(" Details ", theme::title(self.focused)));
        let inner = block.inner(area);
        block.render(area, buf);
        let lines = match self.campaign {
            Some(c) => lines(self, c, usize::from(inner.width)),
            None => vec![Line::styled(self.empty.to_string(), theme::label())],
        };
        let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
        Paragraph::new(lines)
            .scroll((self.scroll.min(max_scroll), 0))
            .render(inner, buf);
    }
}

/// Builds rows of `label  value`, values wrapped under themselves.
struct Rows {
    width: usize,
    lines: Vec<Line<'static>>,
}

impl Rows {
    fn row(&mut self, label: &str, value: &str) {
        self.styled(label, value, Style::new());
    }

    fn styled(&mut self, label: &str, value: &str, style: Style) {
        let room = self.width.saturating_sub(LABEL_WIDTH).max(8);
        let value = clean(value);
        let wrapped = textwrap::wrap(&value, room);
        for (i, part) in wrapped.iter().enumerate() {
            let label = if i == 0 { label } else { "" };
            self.lines.push(Line::from(vec![
                Span::styled(format!("{label:<LABEL_WIDTH$}"), theme::label()),
                Span::styled(part.to_string(), style),
            ]));
        }
        if wrapped.is_empty() {
            self.lines.push(Line::styled(
                format!("{label:<LABEL_WIDTH$}"),
                theme::label(),
            ));
        }
    }
}

/// What is known of an image: its size, bytes and format, and whether its shape is the one
/// Pinpoint recommends for the layout; or that it is loading, or why it failed.
fn image_rows(r: &mut Rows, url: &str, layout: &Layout, pictures: &Pictures<'_>) {
    let image = match pictures.status(url) {
        Status::Off => return,
        Status::Loading => return r.styled("", "loading…", theme::label()),
        Status::Failed(why) => {
            return r.styled("", &format!("✕ {why}"), Style::new().fg(theme::ERROR));
        }
        Status::Ready(_, image) => image,
    };
    let info = &image.info;
    r.row(
        "",
        &format!(
            "{}x{} px · {} · {}",
            info.width,
            info.height,
            size_words(info.bytes),
            info.format
        ),
    );
    let ratio = ratio_words(info.width, info.height);
    let name = layout.as_str();
    match recommended_image(layout) {
        Some(wanted) if same_aspect((info.width, info.height), wanted) => r.row(
            "",
            &format!(
                "{ratio}, as recommended for {name} ({}x{})",
                wanted.0, wanted.1
            ),
        ),
        Some(wanted) => r.styled(
            "",
            &format!(
                "⚠ {ratio}; Pinpoint recommends {} ({}x{}) for {name}",
                ratio_words(wanted.0, wanted.1),
                wanted.0,
                wanted.1
            ),
            Style::new().fg(theme::WARN),
        ),
        None => r.row("", &format!("{ratio} (no size is recommended for {name})")),
    }
}

fn lines(d: &Details<'_>, c: &Campaign, width: usize) -> Vec<Line<'static>> {
    let mut r = Rows {
        width,
        lines: Vec::new(),
    };
    let none = "—";
    r.styled(
        "Campaign",
        c.id(),
        Style::new().add_modifier(Modifier::BOLD),
    );
    r.row("Treatment", c.treatment_id.as_deref().unwrap_or(none));
    r.row(
        "Priority",
        &c.priority
            .map_or("none (after any priority)".into(), |p| p.to_string()),
    );
    layout_rows(&mut r, c);
    caps_rows(&mut r, c, d.displays);
    schedule_rows(&mut r, c, d.now);
    match c.event_filter() {
        Some(filter) => filter_rows(&mut r, filter),
        None => r.row("Trigger", "any event (no EventFilter)"),
    }
    let cards = c.cards();
    if let Some(i) = shown_card(c, d.page) {
        let card = &cards[i];
        let suffix = if cards.len() > 1 {
            format!(" {}", i + 1)
        } else {
            String::new()
        };
        if let Some(bg) = &card.background_color {
            r.row(&format!("Colour{suffix}"), &colour_words(bg));
        }
        if let Some(url) = &card.image_url {
            r.row(&format!("Image{suffix}"), url);
            image_rows(&mut r, url, &effective_layout(c), &d.pictures);
        }
        for (name, button) in [
            ("Primary", &card.primary_btn),
            ("Secondary", &card.secondary_btn),
        ] {
            if let Some(b) = button {
                button_rows(&mut r, name, b, d.platform);
            }
        }
    }
    if let Some(config) = c.custom_config().filter(|m| !m.is_empty()) {
        for (i, (k, v)) in config.iter().enumerate() {
            r.row(if i == 0 { "Custom" } else { "" }, &format!("{k} = {v}"));
        }
    }
    let found = findings(c);
    for (i, f) in found.iter().enumerate() {
        let (mark, style) = match f.severity {
            Severity::Problem => ("✕ ", Style::new().fg(theme::ERROR)),
            Severity::Differs => ("⚠ ", Style::new().fg(theme::WARN)),
            Severity::Note => ("• ", Style::new()),
        };
        r.styled(
            if i == 0 { "Findings" } else { "" },
            &format!("{mark}{}", f.text),
            style,
        );
    }
    r.lines
}

fn layout_rows(r: &mut Rows, c: &Campaign) {
    let cards = c.cards().len();
    let layout = match c.layout() {
        None => "none: drawn as TOP_BANNER".to_string(),
        Some(Layout::Unknown(name)) => format!("{name} (unknown): drawn as TOP_BANNER"),
        Some(l) => l.to_string(),
    };
    let plural = if cards == 1 { "" } else { "s" };
    r.row("Layout", &format!("{layout} · {cards} card{plural}"));
}

fn caps_rows(r: &mut Rows, c: &Campaign, displays: &Displays) {
    r.row("Caps", &caps_summary(c));
    let shown = displays.of(c.id());
    if shown > 0 || displays.today > 0 {
        r.row(
            "",
            &format!("shown {shown}× here · {} today in all", displays.today),
        );
    }
    if let Some(hit) = cap_reached(c, displays) {
        r.styled(
            "",
            &format!("⊘ {}", hit.label()),
            Style::new().fg(theme::WARN),
        );
    } else if cap_limit(c.total_cap).is_some() || cap_limit(c.session_cap).is_some() {
        r.styled("", "press s to record a display", theme::label());
    }
}

fn schedule_rows(r: &mut Rows, c: &Campaign, now: &ZonedDateTime) {
    match end_status(c.end_date(), now) {
        EndStatus::Open => r.row("Ends", "never (no EndDate)"),
        EndStatus::Active { ends } => {
            r.row("Ends", &short_utc(ends));
            r.row("", &format!("expires {}", relative(now.timestamp(), ends)));
        }
        EndStatus::Expired { ended } => {
            r.row("Ends", &short_utc(ended));
            r.styled(
                "",
                &format!("⌛ expired {}", relative(now.timestamp(), ended)),
                Style::new().fg(theme::WARN),
            );
        }
        EndStatus::Unreadable(text) => r.styled(
            "Ends",
            &format!("\"{text}\" unreadable"),
            Style::new().fg(theme::ERROR),
        ),
    }
    let Some(quiet) = c.quiet_time() else {
        r.row("Quiet", "none");
        return;
    };
    match QuietWindow::parse(quiet) {
        Ok(None) => r.row("Quiet", "none"),
        Ok(Some(window)) => {
            r.row("Quiet", &window.label());
            let at = now.time().strftime("%H:%M").to_string();
            if window.contains(now.time()) {
                r.styled(
                    "",
                    &format!("☾ now ({at} device time)"),
                    Style::new().fg(theme::WARN),
                );
            } else {
                r.row("", &format!("not now ({at} device time)"));
            }
        }
        Err(why) => r.styled("Quiet", &why, Style::new().fg(theme::ERROR)),
    }
}

fn filter_rows(r: &mut Rows, filter: &EventFilter) {
    let mut said: Vec<String> = Vec::new();
    let dims = filter.dimensions.as_ref();
    if let Some(event) = dims.and_then(|d| d.event_type.as_ref()) {
        let exclusive = event
            .dimension_type
            .as_ref()
            .is_some_and(|t| t.as_str() == "EXCLUSIVE");
        let values = event.values.as_deref().unwrap_or_default().join(", ");
        let verb = if exclusive { "none of" } else { "one of" };
        said.push(format!("event is {verb}: {values}"));
    }
    for (name, attr) in dims
        .and_then(|d| d.attributes.as_ref())
        .into_iter()
        .flatten()
    {
        let kind = attr
            .attribute_type
            .as_ref()
            .map_or("INCLUSIVE", |t| t.as_str());
        let values = attr.values.as_deref().unwrap_or_default().join(", ");
        said.push(format!("attribute {name} {kind} {values}"));
    }
    for (name, metric) in dims.and_then(|d| d.metrics.as_ref()).into_iter().flatten() {
        let op = metric.comparison_operator.as_deref().unwrap_or("?");
        let symbol = match op {
            "GREATER_THAN" => ">",
            "GREATER_THAN_OR_EQUAL" => ">=",
            "LESS_THAN" => "<",
            "LESS_THAN_OR_EQUAL" => "<=",
            "EQUAL" => "=",
            other => other,
        };
        let value = metric.value.map_or("?".into(), |v| v.to_string());
        said.push(format!("metric {name} {symbol} {value}"));
    }
    if said.is_empty() {
        said.push("any event".into());
    }
    for (i, text) in said.iter().enumerate() {
        r.row(if i == 0 { "Trigger" } else { "" }, text);
    }
    let kind = filter
        .filter_type
        .as_ref()
        .map_or("—".into(), |t| t.to_string());
    r.row("Filter", &kind);
}

fn button_rows(r: &mut Rows, name: &str, button: &Button, current: Platform) {
    let Some(base) = &button.default_config else {
        r.styled(
            name,
            "not drawn on device (no DefaultConfig)",
            Style::new().fg(theme::ERROR),
        );
        return;
    };
    r.styled(
        name,
        base.text.as_deref().unwrap_or("(no text)"),
        Style::new().add_modifier(Modifier::BOLD),
    );
    for platform in Platform::ALL {
        let Some(resolved) = resolve_button(button, platform) else {
            continue;
        };
        let action = resolved
            .action
            .as_ref()
            .map_or("no action".into(), |a| a.to_string());
        let link = resolved.link.as_deref().unwrap_or("");
        let mark = if platform == current { "▸" } else { " " };
        let from = if resolved.overridden {
            " (override)"
        } else {
            ""
        };
        r.row(
            &format!(" {mark}{}", platform.label()),
            &format!("{action} {link}{from}"),
        );
    }
    let colours = format!(
        "{} on {} · radius {}",
        base.text_color
            .as_deref()
            .map_or("black".into(), colour_words),
        base.background_color
            .as_deref()
            .map_or("#E8E8E8".into(), colour_words),
        effective_radius(base.border_radius),
    );
    r.row("  Colours", &colours);
}

/// A colour as written, with the value devices read, or why it is not a colour.
fn colour_words(text: &str) -> String {
    match parse_colour(text) {
        Some(c) if c.to_string() == text.to_uppercase() => c.to_string(),
        Some(c) => format!("{text} ({c})"),
        None => format!("{text} (not a colour: default used)"),
    }
}
