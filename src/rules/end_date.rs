//! How a device reads a campaign's `EndDate`: JavaScript's `new Date(text)`, which takes a
//! date-time without an offset as the device's local time and a date alone as UTC.
//!
//! Amplify's `isBeforeEndDate` (amplify-js `inAppMessaging/providers/pinpoint/utils/helpers.ts`)
//! shows a message only while `new Date() < new Date(EndDate)`; an unreadable date is an invalid
//! `Date`, and every comparison with it is false, so the message never shows.

use jiff::Timestamp;
use jiff::tz::TimeZone;

const MS_PER_DAY: i64 = 86_400_000;
/// JavaScript's `Date` holds instants within ±8.64e15 ms of the epoch.
const JS_LIMIT_MS: i64 = 8_640_000_000_000_000;

/// The instant `text` names, read as JavaScript's ISO date-time format (ECMA-262 "Date Time
/// String Format", as V8 reads it): `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, each optionally followed by
/// `T` (or a space) and `HH:mm`, `HH:mm:ss` or `HH:mm:ss.sss…`, then `Z` or `±HH:mm` (`±HHmm`).
///
/// - A date alone is UTC midnight; a date-time without an offset is local time in `zone` (the
///   device's), with a skipped hour moved forward and a repeated one taking the earlier instant.
/// - As in V8, a day up to 31 rolls into the next month (`2027-02-30` is 2 March), `24:00` is the
///   next midnight, and fractions beyond milliseconds are cut off.
/// - Anything else is `None` (the device never shows the message). V8 also accepts some
///   non-ISO forms (`Jan 15 2027`, `2027/01/15`) through its legacy parser; those read as
///   `None` here, as the Pinpoint API only stores ISO 8601.
///
/// Instants beyond jiff's range (years past ±9999) that JavaScript still holds are clamped to
/// `Timestamp::MIN`/`MAX`.
pub fn end_instant(text: &str, zone: &TimeZone) -> Option<Timestamp> {
    let parts = Parts::read(text)?;
    let days = epoch_days(parts.year, parts.month, 1) + i64::from(parts.day - 1);
    let wall_ms = days * MS_PER_DAY + parts.time_ms;
    let utc_ms = match parts.offset_minutes {
        Some(minutes) => wall_ms - i64::from(minutes) * 60_000,
        None if !parts.has_time => wall_ms,
        None => return local_to_instant(wall_ms, zone),
    };
    clamp(utc_ms)
}

/// Whether `text` names a different instant in different zones: a date-time without an
/// offset, which each device reads in its own local time.
pub fn is_device_local(text: &str) -> bool {
    let east = TimeZone::fixed(jiff::tz::Offset::constant(5));
    end_instant(text, &TimeZone::UTC) != end_instant(text, &east)
}

/// The pieces of an ISO date-time, as JavaScript accepts them.
struct Parts {
    year: i64,
    month: u8,
    day: u8,
    has_time: bool,
    time_ms: i64,
    offset_minutes: Option<i32>,
}

impl Parts {
    fn read(text: &str) -> Option<Parts> {
        let mut s = Scanner(text.as_bytes());
        let year = match s.peek() {
            Some(sign @ (b'+' | b'-')) => {
                s.bump();
                let y = i64::from(s.digits(6)?);
                // ECMA-262: "-000000" is not a year.
                if sign == b'-' && y == 0 {
                    return None;
                }
                if sign == b'-' { -y } else { y }
            }
            _ => i64::from(s.digits(4)?),
        };
        let mut parts = Parts {
            year,
            month: 1,
            day: 1,
            has_time: false,
            time_ms: 0,
            offset_minutes: None,
        };
        if s.eat(b'-') {
            parts.month = s.number_in(2, 1, 12)?;
            if s.eat(b'-') {
                parts.day = s.number_in(2, 1, 31)?;
            }
        }
        if s.eat(b'T') || s.eat(b't') || s.eat(b' ') {
            parts.has_time = true;
            let hour = s.number_in(2, 0, 24)?;
            s.expect(b':')?;
            let minute = s.number_in(2, 0, 59)?;
            let mut second = 0;
            let mut millis = 0;
            if s.eat(b':') {
                second = s.number_in(2, 0, 59)?;
                if s.eat(b'.') {
                    millis = s.fraction_ms()?;
                }
            }
            if hour == 24 && (minute, second, millis) != (0, 0, 0) {
                return None;
            }
            parts.time_ms = ((i64::from(hour) * 60 + i64::from(minute)) * 60 + i64::from(second))
                * 1000
                + i64::from(millis);
            parts.offset_minutes = s.offset()?;
        }
        s.0.is_empty().then_some(parts)
    }
}

struct Scanner<'a>(&'a [u8]);

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.0.first().copied()
    }

    fn bump(&mut self) {
        self.0 = &self.0[1..];
    }

    fn eat(&mut self, byte: u8) -> bool {
        let hit = self.peek() == Some(byte);
        if hit {
            self.bump();
        }
        hit
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// Exactly `n` ASCII digits.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let head = self.0.get(..n)?;
        if !head.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.0 = &self.0[n..];
        Some(head.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
    }

    fn number_in(&mut self, n: usize, low: u8, high: u8) -> Option<u8> {
        let value = u8::try_from(self.digits(n)?).ok()?;
        (low..=high).contains(&value).then_some(value)
    }

    /// One or more digits after the decimal point, as whole milliseconds (cut, not rounded).
    fn fraction_ms(&mut self) -> Option<u32> {
        let count = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        let digit = |i: usize| {
            if i < count {
                u32::from(self.0[i] - b'0')
            } else {
                0
            }
        };
        let ms = (0..3).fold(0, |acc, i| acc * 10 + digit(i));
        self.0 = &self.0[count..];
        Some(ms)
    }

    /// `Z`, `±HH:mm` or `±HHmm` in minutes east of UTC; `Some(None)` when there is none.
    fn offset(&mut self) -> Option<Option<i32>> {
        if self.eat(b'Z') || self.eat(b'z') {
            return Some(Some(0));
        }
        let sign = match self.peek() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Some(None),
        };
        self.bump();
        let hours = i32::from(self.number_in(2, 0, 23)?);
        self.eat(b':');
        let minutes = i32::from(self.number_in(2, 0, 59)?);
        Some(Some(sign * (hours * 60 + minutes)))
    }
}

/// Days from 1970-01-01 to the proleptic Gregorian date (`day` may run past the month's end).
fn epoch_days(year: i64, month: u8, day: u8) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Local wall-clock milliseconds (counted as if they were UTC) to the instant in `zone`.
fn local_to_instant(wall_ms: i64, zone: &TimeZone) -> Option<Timestamp> {
    if wall_ms.abs() > JS_LIMIT_MS + MS_PER_DAY {
        return None;
    }
    match Timestamp::from_millisecond(wall_ms) {
        Ok(wall) => {
            let civil = wall.to_zoned_datetime(TimeZone::UTC).datetime();
            let local = zone.to_ambiguous_zoned_datetime(civil).compatible().ok()?;
            Some(local.timestamp())
        }
        Err(_) => clamp(wall_ms),
    }
}

fn clamp(ms: i64) -> Option<Timestamp> {
    if ms.abs() > JS_LIMIT_MS {
        return None;
    }
    Some(Timestamp::from_millisecond(ms).unwrap_or(if ms < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected values were read from Node 20 (V8): `new Date(text).toISOString()`.
    fn read(text: &str, zone: &str) -> Option<String> {
        let zone = TimeZone::get(zone).unwrap();
        end_instant(text, &zone).map(|t| t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
    }

    #[test]
    fn a_date_alone_is_utc_and_a_date_time_without_offset_is_local() {
        let tokyo = "Asia/Tokyo";
        let cases = [
            ("2027-01-15", "2027-01-15T00:00:00.000Z"),
            ("2027-01-15T00:00:00", "2027-01-14T15:00:00.000Z"),
            ("2027-01-15T00:00", "2027-01-14T15:00:00.000Z"),
            ("2027-01-15 00:00:00", "2027-01-14T15:00:00.000Z"),
            ("2027-01-15T00:00:00Z", "2027-01-15T00:00:00.000Z"),
            ("2027-01-15t00:00:00z", "2027-01-15T00:00:00.000Z"),
            ("2027-01-15T00:00:00.000Z", "2027-01-15T00:00:00.000Z"),
            ("2027-01-15T00:00:00.123456Z", "2027-01-15T00:00:00.123Z"),
            ("2027-01-15T00:00:00.5Z", "2027-01-15T00:00:00.500Z"),
            ("2027-01-15T00:00:00+09:00", "2027-01-14T15:00:00.000Z"),
            ("2027-01-15T00:00:00+0900", "2027-01-14T15:00:00.000Z"),
            ("2027-01-15T00:00:00-00:00", "2027-01-15T00:00:00.000Z"),
            ("2027-01-15T00:00:00+23:59", "2027-01-14T00:01:00.000Z"),
            ("2027-01-15 00:00:00Z", "2027-01-15T00:00:00.000Z"),
            ("2027-01", "2027-01-01T00:00:00.000Z"),
            ("2027", "2027-01-01T00:00:00.000Z"),
            ("+002027-01-15T00:00:00Z", "2027-01-15T00:00:00.000Z"),
            ("2027-01-15T24:00:00Z", "2027-01-16T00:00:00.000Z"),
            ("2027-01-15T24:00", "2027-01-15T15:00:00.000Z"),
            ("2027-02-30", "2027-03-02T00:00:00.000Z"),
            ("2027-04-31", "2027-05-01T00:00:00.000Z"),
        ];
        for (text, want) in cases {
            assert_eq!(read(text, tokyo).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn what_javascript_cannot_read_is_none() {
        let unreadable = [
            "",
            "next tuesday",
            "2027-01-32",
            "2027-13-01",
            "2027-00-10",
            "2027-01-00",
            "2027-01-15T25:00",
            "2027-01-15T24:30",
            "2027-01-15T23:60",
            "2027-01-15T00:00:60Z",
            "2027-01-15T00:00:00 Z",
            "2027-01-15T00:00:00+09:00:00",
            "2027-01-15T00:00:00+24:00",
            "2027-01-15T00:00:00+09",
            "2027-01-15T00:00:00.Z",
            "2027-01-15T0:00:00Z",
            "2027-01-15T00Z",
            "2027-01-15T",
            "2027-01-15T00:00:00ZZ",
            "2027-01-15T10:00:00UTC",
            "20270115",
            " 2027-01-15T00:00:00Z ",
            "-000000-01-01",
        ];
        for text in unreadable {
            assert_eq!(read(text, "UTC"), None, "{text:?}");
        }
    }

    #[test]
    fn local_times_follow_daylight_saving_like_javascript() {
        let ny = "America/New_York";
        // 02:30 does not exist on 14 March 2027: JavaScript moves it forward.
        assert_eq!(
            read("2027-03-14T02:30:00", ny).as_deref(),
            Some("2027-03-14T07:30:00.000Z")
        );
        // 01:30 happens twice on 7 November 2027: JavaScript takes the first.
        assert_eq!(
            read("2027-11-07T01:30:00", ny).as_deref(),
            Some("2027-11-07T05:30:00.000Z")
        );
        assert_eq!(
            read("2027-01-15 00:00:00.5", ny).as_deref(),
            Some("2027-01-15T05:00:00.500Z")
        );
    }

    #[test]
    fn far_years_clamp_to_the_ends_of_time() {
        let zone = TimeZone::UTC;
        assert_eq!(end_instant("+010000-01-01", &zone), Some(Timestamp::MAX));
        assert_eq!(end_instant("-010000-01-01", &zone), Some(Timestamp::MIN));
        assert_eq!(
            end_instant("+275760-09-13T00:00:00Z", &zone),
            Some(Timestamp::MAX)
        );
        assert_eq!(end_instant("+275760-09-13T00:00:00.001Z", &zone), None);
        let bc: Timestamp = "-002027-01-15T00:00:00Z".parse().unwrap();
        assert_eq!(end_instant("-002027-01-15", &zone), Some(bc));
    }
}
