//! What the details pane says about the selected campaign, as rows of label, value and tone:
//! `app` decides the words (and so how far the pane scrolls), `ui` wraps and colours them.

use std::path::Path;

use jiff::ZonedDateTime;

use super::images::{Status, image_status};
use super::state::State;
use super::trigger::verdict;
use crate::images::Board;
use crate::model::{Campaign, EventFilter, Layout};
use crate::rules::caps::{cap_limit, cap_reached, caps_summary};
use crate::rules::check::Severity;
use crate::rules::layout::{
    effective_layout, ratio_words, recommended_image, same_aspect, shown_card,
};
use crate::rules::schedule::{EndStatus, QuietWindow, end_status, relative, short_utc};
use crate::rules::select::{Counts, operator_symbol};
use crate::text::{clean, size_words};

/// Columns the labels take; values wrap under themselves beside them.
mod buttons;
mod verdict;

use buttons::{button_rows, colour_words};
use verdict::verdict_rows;

pub const LABEL_WIDTH: usize = 11;

/// How a value is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Strong,
    /// Secondary words, such as hints.
    Label,
    Warn,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetailRow {
    pub label: String,
    pub value: String,
    pub tone: Tone,
}

/// The rows for the selected campaign; none when nothing is selected.
pub fn detail_rows(state: &State) -> Vec<DetailRow> {
    state
        .selected_campaign()
        .map_or_else(Vec::new, |c| campaign_rows(state, c))
}

/// A value's lines in `width` columns beside its label: what the pane draws, and what the
/// scroll is measured in.
pub fn wrap_value(value: &str, width: usize) -> Vec<String> {
    let room = width.saturating_sub(LABEL_WIDTH).max(8);
    let lines: Vec<String> = textwrap::wrap(&clean(value), room)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

/// Lines the rows take at `width` columns.
pub fn wrapped_height(rows: &[DetailRow], width: usize) -> usize {
    rows.iter().map(|r| wrap_value(&r.value, width).len()).sum()
}

/// Where images are looked up, as the view does.
struct Pictures<'a> {
    board: &'a Board,
    base: Option<&'a Path>,
}

impl<'a> Pictures<'a> {
    fn of(state: &'a State) -> Self {
        Self {
            board: &state.images,
            base: state.endpoint().and_then(|e| e.image_base.as_deref()),
        }
    }
}

#[derive(Default)]
pub(super) struct Rows {
    rows: Vec<DetailRow>,
}

impl Rows {
    pub(super) fn row(&mut self, label: &str, value: &str) {
        self.styled(label, value, Tone::Plain);
    }

    pub(super) fn styled(&mut self, label: &str, value: &str, tone: Tone) {
        self.rows.push(DetailRow {
            label: label.to_string(),
            value: value.to_string(),
            tone,
        });
    }
}

/// What is known of an image: its size, bytes and format, and whether its shape is the one
/// Pinpoint recommends for the layout; or that it is loading, or why it failed.
fn image_rows(r: &mut Rows, url: &str, layout: &Layout, pictures: &Pictures<'_>) {
    let image = match image_status(pictures.board, pictures.base, url) {
        Status::Off => return,
        Status::Loading => return r.styled("", "loading…", Tone::Label),
        Status::Failed(why) => {
            return r.styled("", &format!("✕ {why}"), Tone::Error);
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
            Tone::Warn,
        ),
        None => r.row("", &format!("{ratio} (no size is recommended for {name})")),
    }
}

fn campaign_rows(state: &State, c: &Campaign) -> Vec<DetailRow> {
    let mut r = Rows::default();
    let pictures = Pictures::of(state);
    let none = "—";
    r.styled("Campaign", c.id(), Tone::Strong);
    let index = state.visible.get(state.selected).copied();
    if let Some(decided) = index.and_then(|i| verdict(state, i)) {
        verdict_rows(&mut r, state, &decided);
    }
    r.row("Treatment", c.treatment_id.as_deref().unwrap_or(none));
    let priority = match c.priority {
        None => "none (after any priority)".to_string(),
        Some(0) => "0: devices read it as none (after any priority)".to_string(),
        Some(p) => p.to_string(),
    };
    r.row("Priority", &priority);
    layout_rows(&mut r, c);
    if let Some(colours) = state.palette.approximate() {
        r.styled(
            "Colours",
            &format!("approximate: this terminal shows {colours} colours"),
            Tone::Warn,
        );
    }
    caps_rows(&mut r, c, &state.counts, &state.now);
    schedule_rows(&mut r, c, &state.now);
    match c.event_filter() {
        Some(filter) => filter_rows(&mut r, filter),
        None => r.styled(
            "Trigger",
            "no EventFilter: devices never show it",
            Tone::Error,
        ),
    }
    let cards = c.cards();
    if let Some(i) = shown_card(c, state.page) {
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
            image_rows(&mut r, url, &effective_layout(c), &pictures);
        }
        for (name, button) in [
            ("Primary", &card.primary_btn),
            ("Secondary", &card.secondary_btn),
        ] {
            if let Some(b) = button {
                button_rows(&mut r, name, b, state.platform);
            }
        }
    }
    if let Some(config) = c.custom_config().filter(|m| !m.is_empty()) {
        for (i, (k, v)) in config.iter().enumerate() {
            r.row(if i == 0 { "Custom" } else { "" }, &format!("{k} = {v}"));
        }
    }
    // The same findings as `pinview check`, worst first, each with its rule id for `--explain`.
    for (i, f) in state.selected_findings().iter().enumerate() {
        let (mark, style) = match f.severity() {
            Severity::Error => ("✕ ", Tone::Error),
            Severity::Warning => ("⚠ ", Tone::Warn),
            Severity::Note => ("• ", Tone::Plain),
        };
        r.styled(
            if i == 0 { "Findings" } else { "" },
            &format!("{mark}{} {}", f.rule.id, f.words()),
            style,
        );
    }
    r.rows
}

fn layout_rows(r: &mut Rows, c: &Campaign) {
    let cards = c.cards().len();
    let layout = match c.layout() {
        None => "none: drawn as TOP_BANNER".to_string(),
        Some(Layout::Unknown(name)) => {
            format!("{name} (unknown): devices select it and draw nothing")
        }
        Some(l) => l.to_string(),
    };
    let plural = if cards == 1 { "" } else { "s" };
    r.row("Layout", &format!("{layout} · {cards} card{plural}"));
}

fn caps_rows(r: &mut Rows, c: &Campaign, counts: &Counts, now: &ZonedDateTime) {
    r.row("Caps", &caps_summary(c));
    let shown = counts.shown(c.campaign_id.as_deref(), now);
    if shown.total > 0 || shown.daily > 0 {
        r.row(
            "",
            &format!(
                "shown {} this session · {} in all · {} today (every campaign)",
                shown.session, shown.total, shown.daily
            ),
        );
    }
    if let Some(reached) = cap_reached(c, counts, now) {
        r.styled("", &format!("⊘ {}", reached.hit.label()), Tone::Warn);
    } else if [c.session_cap, c.daily_cap, c.total_cap]
        .into_iter()
        .any(|cap| cap_limit(cap).is_some())
    {
        r.styled("", "s records a display, n starts a session", Tone::Label);
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
                Tone::Warn,
            );
        }
        EndStatus::Unreadable(text) => r.styled(
            "Ends",
            &format!("⌛ \"{text}\" unreadable: devices never show it"),
            Tone::Error,
        ),
    }
    let Some(quiet) = c.quiet_time() else {
        r.row("Quiet", "none");
        return;
    };
    match QuietWindow::parse(quiet) {
        Ok(None) => r.row("Quiet", "none"),
        // amplify-js has `isQuietTime` and never calls it.
        Ok(Some(window)) => r.row(
            "Quiet",
            &format!("{}, not enforced by the device", window.label()),
        ),
        Err(why) => r.styled("Quiet", &why, Tone::Error),
    }
}

fn filter_rows(r: &mut Rows, filter: &EventFilter) {
    let mut said: Vec<(String, Tone)> = Vec::new();
    let dims = filter.dimensions.as_ref();
    match dims.and_then(|d| d.event_type.as_ref()) {
        Some(event) => {
            let values = event.values.as_deref().unwrap_or_default().join(", ");
            said.push((format!("event is one of: {values}"), Tone::Plain));
            if event
                .dimension_type
                .as_ref()
                .is_some_and(|t| t.as_str() == "EXCLUSIVE")
            {
                let words = "EXCLUSIVE is ignored by devices: they show it on exactly these";
                said.push((words.to_string(), Tone::Warn));
            }
        }
        None => said.push((
            "no EventType: devices never show it".to_string(),
            Tone::Error,
        )),
    }
    for (name, attr) in dims
        .and_then(|d| d.attributes.as_ref())
        .into_iter()
        .flatten()
    {
        let values = attr.values.as_deref().unwrap_or_default().join(", ");
        said.push((format!("attribute {name} is one of: {values}"), Tone::Plain));
        if let Some(kind) = attr
            .attribute_type
            .as_ref()
            .filter(|t| t.as_str() != "INCLUSIVE")
        {
            let words = format!("({kind} is ignored by devices)");
            said.push((words, Tone::Warn));
        }
    }
    for (name, metric) in dims.and_then(|d| d.metrics.as_ref()).into_iter().flatten() {
        let op = metric.comparison_operator.as_deref().unwrap_or("");
        let value = metric.value.filter(|v| *v != 0.0);
        match (operator_symbol(op), value) {
            (Some(symbol), Some(v)) => {
                said.push((format!("metric {name} {symbol} {v}"), Tone::Plain))
            }
            (None, _) => said.push((
                format!("metric {name}: operator \"{op}\" never matches on devices"),
                Tone::Error,
            )),
            (Some(symbol), None) => said.push((
                format!("metric {name} {symbol} 0: Value 0 never matches on devices"),
                Tone::Error,
            )),
        }
    }
    for (i, (text, tone)) in said.iter().enumerate() {
        r.styled(if i == 0 { "Trigger" } else { "" }, text, *tone);
    }
    let kind = filter
        .filter_type
        .as_ref()
        .map_or("—".into(), |t| t.to_string());
    r.row("Filter", &kind);
}
