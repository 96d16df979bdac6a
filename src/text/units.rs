//! Units as people write them, read and written in one place: intervals ("30s", "1m30s", "off"),
//! sizes ("5MB", "800KB") and instants (RFC 3339, with the offset kept as the device's zone).

use std::fmt;
use std::time::Duration;

use jiff::ZonedDateTime;

/// The longest refresh interval: far beyond any useful one, and it keeps timer arithmetic
/// (`Instant + interval`) well away from overflow.
const MAX_REFRESH: Duration = Duration::from_hours(24);

/// How often a live source is fetched again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refresh {
    Off,
    Every(Duration),
}

/// A size in bytes as people write it: "5MB", "800 KB", "1.5MB" or plain bytes. Decimal units,
/// as the limits are stated.
pub fn parse_byte_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kb" | "k" => 1e3,
        "mb" | "m" => 1e6,
        _ => {
            return Err(format!(
                "{t:?} is not a size: write e.g. 5MB, 800KB or 5000000"
            ));
        }
    };
    let bytes = number
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .map(|n| (n * scale).round());
    match bytes {
        Some(b) if (1.0..=1e9).contains(&b) => Ok(b as u64),
        Some(_) => Err(format!("{t:?} is out of range: from 1 byte to 1000MB")),
        None => Err(format!(
            "{t:?} is not a size: write e.g. 5MB, 800KB or 5000000"
        )),
    }
}

/// Parses a refresh interval as written in the config file or given to `--refresh`: `off`,
/// a number of seconds (`90`), or hours, minutes and seconds in that order (`1h`, `2m`,
/// `1m30s`). Zero means off; otherwise the interval is at least 1s and at most 24h.
pub fn parse_refresh(text: &str) -> Result<Refresh, String> {
    let trimmed = text.trim();
    if trimmed == "off" {
        return Ok(Refresh::Off);
    }
    let Some(secs) = interval_secs(trimmed) else {
        return Err(not_an_interval(text));
    };
    let interval = Duration::from_secs(secs);
    if interval.is_zero() {
        Ok(Refresh::Off)
    } else if interval > MAX_REFRESH {
        Err(format!(
            "{text:?} is too long: the longest refresh interval is 24h"
        ))
    } else {
        Ok(Refresh::Every(interval))
    }
}

fn not_an_interval(text: &str) -> String {
    if text.trim().ends_with("ms") {
        // The obvious guess for a sub-second interval deserves its own answer.
        format!("{text:?} is not an interval: pinview refreshes in whole seconds, e.g. 1s or 30s")
    } else {
        format!("{text:?} is not an interval: write e.g. 30s, 2m or off")
    }
}

/// Seconds in `90` or `1h2m3s` (each unit at most once, largest first); `None` if malformed or
/// too large to count.
fn interval_secs(text: &str) -> Option<u64> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let mut rest = text;
    let mut total: u64 = 0;
    let mut units = [("h", 3600), ("m", 60), ("s", 1)].into_iter();
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let number: u64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        // Skipping units forwards allows "1h30s"; going backwards ("30s1m") finds none.
        let scale = units.find_map(|(unit, scale)| {
            rest.strip_prefix(unit).map(|after| {
                rest = after;
                scale
            })
        })?;
        total = total.checked_add(number.checked_mul(scale)?)?;
    }
    (!text.is_empty()).then_some(total)
}

impl fmt::Display for Refresh {
    /// The shortest form [`parse_refresh`] reads back: `off`, `30s`, `2m`, `1m30s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Refresh::Every(interval) = self else {
            return f.write_str("off");
        };
        let secs = interval.as_secs();
        let (hours, minutes, seconds) = (secs / 3600, secs % 3600 / 60, secs % 60);
        if hours > 0 {
            write!(f, "{hours}h")?;
        }
        if minutes > 0 {
            write!(f, "{minutes}m")?;
        }
        if seconds > 0 || secs == 0 {
            write!(f, "{seconds}s")?;
        }
        Ok(())
    }
}

/// A duration flag such as `--timeout 20s`: an interval that is not `off`.
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    match parse_refresh(text) {
        Ok(Refresh::Every(d)) => Ok(d),
        _ => Err(format!("\"{text}\" is not a timeout: write e.g. 10s or 1m")),
    }
}

/// An `--endpoint-url`: http or https with a host. Anything else would reach the SDK, whose
/// complaint is about the region or credentials, not the URL.
pub fn parse_endpoint_url(text: &str) -> Result<String, String> {
    match url::Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {
            Ok(text.to_string())
        }
        _ => Err(format!(
            "{text:?} is not an http:// or https:// URL: write e.g. http://127.0.0.1:4590"
        )),
    }
}

/// Reads an RFC 3339 instant and keeps its offset as the zone: `Z` is UTC.
pub fn parse_now(text: &str) -> Result<ZonedDateTime, String> {
    let bad = |e: jiff::Error| {
        format!("\"{text}\" is not an RFC 3339 time, e.g. 2026-11-24T12:00:00Z: {e}")
    };
    if let Ok(zoned) = text.parse::<ZonedDateTime>() {
        return Ok(zoned);
    }
    let ts: jiff::Timestamp = text.parse().map_err(bad)?;
    let pieces = jiff::fmt::temporal::Pieces::parse(text).map_err(bad)?;
    let offset = pieces.to_numeric_offset().unwrap_or(jiff::tz::Offset::UTC);
    Ok(ts.to_zoned_datetime(jiff::tz::TimeZone::fixed(offset)))
}

/// "12.4 MB", "5 MB", "48.2 KB", "999 B": decimal units, as file managers and browsers show them.
pub fn size_words(bytes: u64) -> String {
    let trim = |v: f64| {
        let s = format!("{v:.1}");
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    };
    match bytes {
        b if b >= 1_000_000 => format!("{} MB", trim(b as f64 / 1e6)),
        b if b >= 1_000 => format!("{} KB", trim(b as f64 / 1e3)),
        b => format!("{b} B"),
    }
}

#[cfg(test)]
mod tests;
