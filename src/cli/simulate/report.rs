//! How `simulate` prints what the device decided: lines a marketer reads, or JSON Lines (one
//! object per event) for scripts and CI. Every string from a file or a server is cleaned first.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;

use jiff::ZonedDateTime;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::cli::SimulateFormat;
use crate::model::{Campaign, Target};
use crate::rules::layout::draws_nothing;
use crate::rules::platform::Platform;
use crate::rules::select::{Event, Exclusion, Selection, Verdict};
use crate::text::{clean, fit, pad_to};

/// Ids longer than this are not padded to: one long id must not push every line right.
const ID_COLUMN_MAX: usize = 32;
/// A message's header is cut to this many cells in "→ shows …".
const HEADER_MAX: u16 = 48;

/// The campaigns of one endpoint, cleaned once, and the output format.
pub struct Report<'a> {
    campaigns: &'a [Campaign],
    format: SimulateFormat,
    platform: Platform,
    /// `CampaignId`s as printed in JSON: `None` for a campaign without one.
    ids: Vec<Option<String>>,
    /// Ids as read in text, `(no id)` for a campaign without one.
    names: Vec<String>,
    /// The start of each campaign's text line: its number and id, padded to line up.
    rows: Vec<String>,
    blocks: usize,
}

/// One JSON line: an event and the device's answer.
#[derive(Serialize)]
struct EventLine<'a> {
    event: Cow<'a, str>,
    at: String,
    attributes: BTreeMap<Cow<'a, str>, Cow<'a, str>>,
    metrics: BTreeMap<Cow<'a, str>, serde_json::Number>,
    /// The campaign the device picks; `shown` is the same unless its layout draws nothing.
    selected: Option<&'a str>,
    shown: Option<&'a str>,
    reason: Cow<'a, str>,
    campaigns: Vec<CampaignLine<'a>>,
}

#[derive(Serialize)]
struct CampaignLine<'a> {
    id: Option<&'a str>,
    eligible: bool,
    excluded_by: Option<&'static str>,
    reason: Option<String>,
}

impl<'a> Report<'a> {
    pub fn new(
        campaigns: &'a [Campaign],
        format: SimulateFormat,
        platform: Platform,
    ) -> Report<'a> {
        let ids: Vec<Option<String>> = campaigns
            .iter()
            .map(|c| c.campaign_id.as_deref().map(|id| clean(id).into_owned()))
            .collect();
        let names: Vec<String> = campaigns
            .iter()
            .map(|c| clean(c.id()).into_owned())
            .collect();
        let id_width = names
            .iter()
            .map(|n| n.width())
            .filter(|w| *w <= ID_COLUMN_MAX)
            .max()
            .unwrap_or(0);
        let number_width = format!("#{}", campaigns.len()).len();
        let rows = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let number = pad_to(&format!("#{}", i + 1), number_width);
                format!("{number} {}  ", pad_to(name, id_width))
            })
            .collect();
        Report {
            campaigns,
            format,
            platform,
            ids,
            names,
            rows,
            blocks: 0,
        }
    }

    /// The endpoint and how many campaigns it has, in text only.
    pub fn heading(&mut self, target: &Target) -> String {
        if self.format == SimulateFormat::Json {
            return String::new();
        }
        let count = match self.campaigns.len() {
            0 => "no campaigns".to_string(),
            1 => "1 campaign".to_string(),
            n => format!("{n} campaigns, in the order the device checks them"),
        };
        self.blocks += 1;
        format!("{}: {count}\n", clean(&target.to_string()))
    }

    /// One event: a heading, a line per campaign in device order, and what shows.
    pub fn event(
        &mut self,
        out: &mut String,
        event: &Event,
        at: &ZonedDateTime,
        selection: &Selection,
    ) {
        if self.format == SimulateFormat::Json {
            self.json_event(out, event, at, selection);
            return;
        }
        self.separate(out);
        let _ = write!(out, "Event {}", clean(&event.name));
        if !event.attributes.is_empty() {
            out.push_str(" · attributes ");
            let pairs = event.attributes.iter().map(|(k, v)| pair(k, v));
            out.push_str(&pairs.collect::<Vec<_>>().join(", "));
        }
        if !event.metrics.is_empty() {
            out.push_str(" · metrics ");
            let pairs = event.metrics.iter().map(|(k, v)| pair(k, v));
            out.push_str(&pairs.collect::<Vec<_>>().join(", "));
        }
        let _ = writeln!(out, " · at {}", rfc3339(at));
        for verdict in &selection.verdicts {
            self.text_verdict(out, verdict);
        }
        match selection.shown {
            Some(i) if let Some(why) = draws_nothing(&self.campaigns[i], self.platform) => {
                let _ = writeln!(
                    out,
                    "  → selects {}: {}; {}, so devices draw nothing, count no display, and \
                     show no other message",
                    self.names[i],
                    clean(&selection.reason),
                    clean(&why)
                );
            }
            Some(i) => {
                let header = self.campaigns[i]
                    .header()
                    .map(|h| format!(" \"{}\"", fit(&clean(h), HEADER_MAX)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  → shows {}{header}: {}",
                    self.names[i],
                    clean(&selection.reason)
                );
            }
            None => {
                let _ = writeln!(out, "  → nothing shows: {}", clean(&selection.reason));
            }
        }
    }

    fn text_verdict(&self, out: &mut String, verdict: &Verdict) {
        let mark = match &verdict.excluded_by {
            Some(e) if !e.passed_checks() => '✕',
            _ => '✓',
        };
        let _ = write!(out, "  {mark} {}", self.rows[verdict.index]);
        match &verdict.excluded_by {
            None if draws_nothing(&self.campaigns[verdict.index], self.platform).is_some() => {
                out.push_str("eligible: selected, drawn as nothing");
            }
            None => out.push_str("eligible: shown"),
            Some(e) => {
                if e.passed_checks() {
                    out.push_str("eligible, not shown: ");
                }
                push_clean(out, e);
            }
        }
        if let Some(from) = verdict.memo_from
            && !matches!(verdict.excluded_by, Some(Exclusion::SameId { .. }))
        {
            let _ = write!(
                out,
                " (the device reused #{}'s answer: same CampaignId)",
                from + 1
            );
        }
        out.push('\n');
    }

    /// A display recorded without an event.
    pub fn displayed(&mut self, out: &mut String, id: &str, at: &ZonedDateTime) {
        if self.format == SimulateFormat::Json {
            return;
        }
        self.separate(out);
        let known = self
            .campaigns
            .iter()
            .any(|c| c.campaign_id.as_deref() == Some(id));
        let note = if known {
            "its session and total counts and the daily count go up by one"
        } else {
            "no campaign here has this id, so only the daily count goes up"
        };
        let _ = writeln!(out, "Displayed {} at {}: {note}", clean(id), rfc3339(at));
    }

    /// A new session.
    pub fn session(&mut self, out: &mut String) {
        if self.format == SimulateFormat::Json {
            return;
        }
        self.separate(out);
        out.push_str("New session: session counts start again from 0\n");
    }

    /// A blank line between blocks of text.
    fn separate(&mut self, out: &mut String) {
        if self.blocks > 0 {
            out.push('\n');
        }
        self.blocks += 1;
    }

    fn json_event(
        &self,
        out: &mut String,
        event: &Event,
        at: &ZonedDateTime,
        selection: &Selection,
    ) {
        let campaigns = selection
            .verdicts
            .iter()
            .map(|v| CampaignLine {
                id: self.ids[v.index].as_deref(),
                eligible: v.excluded_by.as_ref().is_none_or(Exclusion::passed_checks),
                excluded_by: v.excluded_by.as_ref().map(Exclusion::rule),
                reason: v.excluded_by.as_ref().map(words),
            })
            .collect();
        let line = EventLine {
            event: clean(&event.name),
            at: rfc3339(at),
            attributes: event
                .attributes
                .iter()
                .map(|(k, v)| (clean(k), clean(v)))
                .collect(),
            metrics: event
                .metrics
                .iter()
                .map(|(k, v)| (clean(k), number(*v)))
                .collect(),
            selected: selection.shown.and_then(|i| self.ids[i].as_deref()),
            shown: selection
                .shown
                .filter(|&i| draws_nothing(&self.campaigns[i], self.platform).is_none())
                .and_then(|i| self.ids[i].as_deref()),
            reason: clean(&selection.reason),
            campaigns,
        };
        // Every string is valid UTF-8 and every number finite: this cannot fail.
        if let Ok(json) = serde_json::to_string(&line) {
            out.push_str(&json);
            out.push('\n');
        }
    }
}

/// Appends `value` as words with control characters replaced, without a copy when it has none.
fn push_clean(out: &mut String, value: &impl std::fmt::Display) {
    let start = out.len();
    let _ = write!(out, "{value}");
    if let Cow::Owned(cleaned) = clean(&out[start..]) {
        out.truncate(start);
        out.push_str(&cleaned);
    }
}

/// An exclusion in words, control characters replaced.
fn words(exclusion: &Exclusion) -> String {
    let text = exclusion.to_string();
    if let Cow::Owned(cleaned) = clean(&text) {
        cleaned
    } else {
        text
    }
}

/// Whether a campaign passed every check of the device and lost only on priority or a tie.
fn pair(key: &str, value: &impl std::fmt::Display) -> String {
    format!("{}={}", clean(key), clean(&value.to_string()))
}

/// `2026-11-24T12:00:00+01:00`: RFC 3339 with the device's offset, fractions only if any.
pub fn rfc3339(at: &ZonedDateTime) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S%.f%:z").to_string()
}

/// A metric as JSON: whole numbers without a fraction, as they were most likely written.
fn number(value: f64) -> serde_json::Number {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if value.fract() == 0.0 && value.abs() < EXACT {
        serde_json::Number::from(value as i64)
    } else {
        serde_json::Number::from_f64(value).unwrap_or_else(|| serde_json::Number::from(0))
    }
}
