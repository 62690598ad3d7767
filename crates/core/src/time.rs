//! Instants as plain values.
//!
//! The core never reads the clock: callers (the CLI, the app) read it once per command and pass a
//! [`Timestamp`] in. Formatting is done here, without a calendar library, because only UTC
//! dates and times are ever shown.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Milliseconds since the Unix epoch, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export, type = "number")]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub const fn from_millis(millis: i64) -> Self {
        Self(millis)
    }

    pub const fn millis(self) -> i64 {
        self.0
    }

    /// Converts an instant the caller read (the core itself never reads the clock).
    /// Instants before 1970 map to the epoch.
    pub fn from_system_time(time: std::time::SystemTime) -> Self {
        let millis = time
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        Self(millis)
    }

    /// `YYYY-MM-DD HH:MM UTC`, for humans.
    pub fn to_display(self) -> String {
        let (date, h, m, _) = self.parts();
        format!("{date} {h:02}:{m:02} UTC")
    }

    /// `YYYY-MM-DD`, for humans and file names.
    pub fn to_date(self) -> String {
        self.parts().0
    }

    /// `YYYYMMDDTHHMMSSZ`, safe in file names.
    pub fn to_compact(self) -> String {
        let (date, h, m, s) = self.parts();
        format!("{}T{h:02}{m:02}{s:02}Z", date.replace('-', ""))
    }

    fn parts(self) -> (String, i64, i64, i64) {
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, mo, d) = civil_from_days(days);
        (
            format!("{y:04}-{mo:02}-{d:02}"),
            rem / 3600,
            (rem % 3600) / 60,
            rem % 60,
        )
    }
}

/// Parses a calendar date `YYYY-MM-DD` into days since 1970-01-01; `None` if it is not a real
/// date (2027-02-30) or not in that shape.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d < 1 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if d > month_days[(m - 1) as usize] {
        return None;
    }
    Some(days_from_civil(y, m as u32, d as u32))
}

/// The same day `months` months after `date` (`YYYY-MM-DD`), at most the 28th so that every
/// month has it: the default review date of an agreement. `None` if `date` is not a date.
pub fn months_after(date: &str, months: u32) -> Option<String> {
    parse_date(date)?;
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let total = y * 12 + (m - 1) + i64::from(months);
    Some(format!(
        "{:04}-{:02}-{:02}",
        total.div_euclid(12),
        total.rem_euclid(12) + 1,
        d.min(28)
    ))
}

/// The date `days` days after `date` (`YYYY-MM-DD`): a review date from an interval in days.
/// `None` if `date` is not a date.
pub fn days_after(date: &str, days: u32) -> Option<String> {
    Some(format_date(parse_date(date)? + i64::from(days)))
}

/// Days since 1970-01-01 back to `YYYY-MM-DD`.
pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Proleptic Gregorian (year, month, day) to days since 1970-01-01 (Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day).
/// Howard Hinnant's `civil_from_days`, valid for the whole i64 range we use.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(Timestamp(0).to_display(), "1970-01-01 00:00 UTC");
        // 2026-11-23T12:14:04Z
        let t = Timestamp(1_795_436_044_000);
        assert_eq!(t.to_display(), "2026-11-23 12:14 UTC");
        assert_eq!(t.to_date(), "2026-11-23");
        assert_eq!(t.to_compact(), "20261123T121404Z");
        // A leap day.
        assert_eq!(Timestamp(951_782_400_000).to_date(), "2000-02-29");
    }

    #[test]
    fn dates_parse_and_round_trip() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2000-02-29"), Some(11_016));
        assert_eq!(format_date(parse_date("2027-03-01").unwrap()), "2027-03-01");
        assert_eq!(parse_date("2027-02-29"), None);
        assert_eq!(parse_date("2027-13-01"), None);
        assert_eq!(parse_date("27-03-01"), None);
        assert_eq!(parse_date("2027-0a-01"), None);
    }

    #[test]
    fn review_dates_fall_months_later_on_a_day_every_month_has() {
        assert_eq!(months_after("2026-11-23", 6).as_deref(), Some("2027-05-23"));
        assert_eq!(months_after("2026-08-31", 6).as_deref(), Some("2027-02-28"));
        assert_eq!(months_after("2026-01-15", 6).as_deref(), Some("2026-07-15"));
        assert_eq!(months_after("", 6), None);
        assert_eq!(months_after("2026-13-01", 6), None);
    }

    #[test]
    fn days_after_crosses_months_years_and_leap_days() {
        assert_eq!(days_after("2026-11-23", 14).as_deref(), Some("2026-12-07"));
        assert_eq!(days_after("2026-12-25", 7).as_deref(), Some("2027-01-01"));
        assert_eq!(days_after("2028-02-22", 7).as_deref(), Some("2028-02-29"));
        assert_eq!(days_after("2026-11-23", 0).as_deref(), Some("2026-11-23"));
        assert_eq!(days_after("2026-02-30", 1), None);
    }
}
