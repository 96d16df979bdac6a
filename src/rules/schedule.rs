//! When a campaign shows: its end date and its quiet time, against an injected `now`.

use jiff::civil::Time;
use jiff::{Timestamp, ZonedDateTime};

use crate::model::QuietTime;
use crate::rules::end_date::end_instant;

/// Where `now` stands against a campaign's `EndDate`.
#[derive(Clone, Debug, PartialEq)]
pub enum EndStatus {
    /// No end date: shown until the campaign is stopped.
    Open,
    Active {
        ends: Timestamp,
    },
    /// Devices show a message only while now is before its end date.
    Expired {
        ended: Timestamp,
    },
    Unreadable(String),
}

impl EndStatus {
    pub fn is_expired(&self) -> bool {
        matches!(self, Self::Expired { .. })
    }

    /// Whether a device never shows the campaign again: past its end, or an end it cannot read.
    pub fn never_shown(&self) -> bool {
        matches!(self, Self::Expired { .. } | Self::Unreadable(_))
    }
}

/// Where `now` stands against an `EndDate`, read as the device reads it (`end_instant`): an
/// empty one is none, one without an offset is the device's local time, `now`'s zone.
pub fn end_status(end_date: Option<&str>, now: &ZonedDateTime) -> EndStatus {
    let Some(text) = end_date.filter(|t| !t.is_empty()) else {
        return EndStatus::Open;
    };
    match end_instant(text, now.time_zone()) {
        Some(ends) if now.timestamp() < ends => EndStatus::Active { ends },
        Some(ended) => EndStatus::Expired { ended },
        None => EndStatus::Unreadable(text.to_string()),
    }
}

/// A distance in time, in the largest whole unit a person would say: "3 days", "23 hours".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub count: u64,
    pub unit: Unit,
    /// Whether `to` is after `from`.
    pub future: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
}

impl Span {
    pub fn between(from: Timestamp, to: Timestamp) -> Self {
        let seconds = to.as_second() - from.as_second();
        let s = seconds.unsigned_abs();
        let (count, unit) = if s >= 2 * 86_400 {
            (s / 86_400, Unit::Day)
        } else if s >= 2 * 3_600 {
            (s / 3_600, Unit::Hour)
        } else if s >= 2 * 60 {
            (s / 60, Unit::Minute)
        } else {
            (s, Unit::Second)
        };
        Self {
            count,
            unit,
            future: seconds >= 0,
        }
    }
}

impl std::fmt::Display for Span {
    /// "in 3 days", "2 hours ago".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = match self.unit {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
        };
        let plural = if self.count == 1 { "" } else { "s" };
        let n = self.count;
        // "in 0 seconds" reads as still to come.
        if n == 0 && self.unit == Unit::Second {
            return f.write_str("just now");
        }
        if self.future {
            write!(f, "in {n} {unit}{plural}")
        } else {
            write!(f, "{n} {unit}{plural} ago")
        }
    }
}

/// "in 3 days", "2 hours ago": the largest whole unit, as a person says it.
pub fn relative(from: Timestamp, to: Timestamp) -> String {
    Span::between(from, to).to_string()
}

/// A short absolute form for narrow panes: `2027-01-15 00:00Z`.
pub fn short_utc(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%d %H:%MZ").to_string()
}

/// A parsed quiet-time window in the endpoint's local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuietWindow {
    pub start: Time,
    pub end: Time,
}

impl QuietWindow {
    pub fn parse(quiet: &QuietTime) -> Result<Option<QuietWindow>, String> {
        match (quiet.start.as_deref(), quiet.end.as_deref()) {
            (None, None) => Ok(None),
            (Some(start), Some(end)) => Ok(Some(QuietWindow {
                start: parse_clock(start)?,
                end: parse_clock(end)?,
            })),
            _ => Err("QuietTime needs both Start and End".into()),
        }
    }

    /// Whether the wall-clock time falls in the window; windows whose end is before their start
    /// run across midnight. Equal start and end is an empty window.
    pub fn contains(&self, at: Time) -> bool {
        if self.start <= self.end {
            self.start <= at && at < self.end
        } else {
            at >= self.start || at < self.end
        }
    }

    pub fn label(&self) -> String {
        format!(
            "{}–{}",
            self.start.strftime("%H:%M"),
            self.end.strftime("%H:%M")
        )
    }
}

fn parse_clock(text: &str) -> Result<Time, String> {
    // The reason quotes the payload, and `check` prints it: no control character may pass.
    let shown = crate::text::clean(text);
    let (h, m) = text
        .trim()
        .split_once(':')
        .ok_or_else(|| format!("\"{shown}\" is not HH:MM"))?;
    let h: i8 = h.parse().map_err(|_| format!("\"{shown}\" is not HH:MM"))?;
    let m: i8 = m.parse().map_err(|_| format!("\"{shown}\" is not HH:MM"))?;
    Time::new(h, m, 0, 0).map_err(|_| format!("\"{shown}\" is not a time of day"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> ZonedDateTime {
        text.parse().unwrap()
    }

    #[test]
    fn end_date_before_and_after_now() {
        let now = at("2026-11-24T12:00:00+00:00[UTC]");
        assert!(matches!(
            end_status(Some("2027-01-15T00:00:00Z"), &now),
            EndStatus::Active { .. }
        ));
        assert!(end_status(Some("2026-03-01T00:00:00Z"), &now).is_expired());
        // The end instant itself is no longer shown.
        assert!(end_status(Some("2026-11-24T12:00:00Z"), &now).is_expired());
        assert_eq!(end_status(None, &now), EndStatus::Open);
        assert_eq!(
            end_status(Some("next tuesday"), &now),
            EndStatus::Unreadable("next tuesday".into())
        );
    }

    #[test]
    fn end_dates_are_read_as_the_device_reads_them() {
        let tokyo = at("2027-01-15T08:00:00+09:00[Asia/Tokyo]");
        // No offset: the device's local midnight, an hour before that Tokyo morning... passed.
        assert!(end_status(Some("2027-01-15T00:00:00"), &tokyo).is_expired());
        // A date alone is UTC midnight, 09:00 in Tokyo: still ahead.
        assert!(!end_status(Some("2027-01-15"), &tokyo).never_shown());
        assert!(end_status(Some("soon"), &tokyo).never_shown());
        assert_eq!(end_status(Some(""), &tokyo), EndStatus::Open);
    }

    #[test]
    fn relative_wording() {
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let now = t("2026-11-24T12:00:00Z");
        assert_eq!(relative(now, t("2026-11-27T12:00:00Z")), "in 3 days");
        assert_eq!(relative(now, t("2026-11-22T11:00:00Z")), "2 days ago");
        assert_eq!(relative(now, t("2026-11-25T11:00:00Z")), "in 23 hours");
        assert_eq!(relative(now, t("2026-11-24T12:01:00Z")), "in 60 seconds");
        assert_eq!(relative(now, t("2026-11-24T11:59:59Z")), "1 second ago");
        assert_eq!(relative(now, now), "just now");
    }

    #[test]
    fn quiet_time_across_midnight() {
        let q = QuietTime {
            start: Some("22:00".into()),
            end: Some("07:00".into()),
        };
        let window = QuietWindow::parse(&q).unwrap().unwrap();
        let inside = ["23:30", "00:00", "06:59", "22:00"];
        let outside = ["07:00", "12:00", "21:59"];
        for t in inside {
            let now = at(&format!("2026-11-24T{t}:00+00:00[UTC]"));
            assert!(window.contains(now.time()), "{t}");
        }
        for t in outside {
            let now = at(&format!("2026-11-24T{t}:00+00:00[UTC]"));
            assert!(!window.contains(now.time()), "{t}");
        }
    }

    #[test]
    fn quiet_time_within_a_day_and_in_local_time() {
        let q = QuietTime {
            start: Some("12:00".into()),
            end: Some("13:00".into()),
        };
        // 03:30 UTC is 12:30 in Tokyo: the device's wall clock is what counts.
        let tokyo = at("2026-11-24T12:30:00+09:00[Asia/Tokyo]");
        assert!(
            QuietWindow::parse(&q)
                .unwrap()
                .unwrap()
                .contains(tokyo.time())
        );
        let utc = at("2026-11-24T13:00:00+00:00[UTC]");
        assert!(
            !QuietWindow::parse(&q)
                .unwrap()
                .unwrap()
                .contains(utc.time())
        );
    }

    #[test]
    fn unreadable_quiet_time_is_reported() {
        let q = QuietTime {
            start: Some("10pm".into()),
            end: Some("07:00".into()),
        };
        assert!(QuietWindow::parse(&q).is_err());
        let half = QuietTime {
            start: Some("22:00".into()),
            end: None,
        };
        assert!(QuietWindow::parse(&half).is_err());
    }

    #[test]
    fn an_unreadable_time_is_quoted_without_control_characters() {
        let q = QuietTime {
            start: Some("\0\u{1b}[2J".into()),
            end: Some("07:00".into()),
        };
        assert_eq!(
            QuietWindow::parse(&q).unwrap_err(),
            "\"␀␛[2J\" is not HH:MM"
        );
    }
}
