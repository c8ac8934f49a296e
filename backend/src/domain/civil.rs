//! Civil dates and local times in the municipality's time zone (`TIME_ZONE`).
//!
//! Stored timestamps are naive UTC and the API gives RFC 3339 UTC; whatever a person reads
//! as a day or a clock time (a document's date, an e-mail, the Excel report) or gives as a
//! day (a search or audit period) goes through these functions, never through `.date()` of
//! a UTC timestamp.
use chrono::{Duration, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
pub use chrono_tz::Tz;

/// The zone when `TIME_ZONE` is not set.
pub const DEFAULT_ZONE: Tz = chrono_tz::Europe::Brussels;

/// An IANA zone name (`Europe/Brussels`), or why it is none.
pub fn parse_zone(name: &str) -> Result<Tz, String> {
    name.trim().parse::<Tz>().map_err(|_| {
        format!(
            "'{name}' is not a time zone of the IANA database: use a name such as Europe/Brussels"
        )
    })
}

/// The wall-clock time in `tz` of a stored (naive UTC) instant.
pub fn local_datetime(utc: NaiveDateTime, tz: Tz) -> NaiveDateTime {
    tz.from_utc_datetime(&utc).naive_local()
}

/// The civil date in `tz` of a stored (naive UTC) instant: the day a person there lives it.
pub fn local_date(utc: NaiveDateTime, tz: Tz) -> NaiveDate {
    local_datetime(utc, tz).date()
}

/// A wall-clock time in `tz` as naive UTC. A time that occurs twice (the hour the clocks go
/// back) is its first occurrence; a time that does not occur (the hour they skip) is the
/// moment the clocks jump, the first local time after it.
pub fn utc_of_local(local: NaiveDateTime, tz: Tz) -> NaiveDateTime {
    let mut probe = local;
    // A gap is at most a few hours; a day of minutes bounds the search.
    for _ in 0..=24 * 60 {
        match tz.from_local_datetime(&probe) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => return t.naive_utc(),
            LocalResult::None => probe += Duration::minutes(1),
        }
    }
    local
}

/// The first instant of a civil day in `tz`, as naive UTC.
pub fn day_start_utc(date: NaiveDate, tz: Tz) -> NaiveDateTime {
    utc_of_local(date.and_time(NaiveTime::MIN), tz)
}

/// A civil day in `tz` as a half-open range of naive UTC instants `[start, end)`: 23 hours
/// when the clocks go forward, 25 when they go back.
pub fn day_range_utc(date: NaiveDate, tz: Tz) -> (NaiveDateTime, NaiveDateTime) {
    let next = date.succ_opt().unwrap_or(date);
    (day_start_utc(date, tz), day_start_utc(next, tz))
}

/// The instant `months` calendar months after `utc`, counted on the calendar of `tz` (issued
/// on 1 September at 00:30, three months later is 1 December at 00:30, whatever the offset).
/// A day the later month lacks becomes its last day.
pub fn add_months(utc: NaiveDateTime, months: u32, tz: Tz) -> NaiveDateTime {
    local_datetime(utc, tz)
        .checked_add_months(Months::new(months))
        .map(|later| utc_of_local(later, tz))
        .unwrap_or(utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const BRUSSELS: Tz = chrono_tz::Europe::Brussels;

    #[test]
    fn a_night_in_brussels_is_the_next_day() {
        // 00:30 in Brussels is 23:30 (winter) or 22:30 (summer) UTC the day before.
        assert_eq!(
            local_date(at("2026-01-14 23:30"), BRUSSELS),
            day("2026-01-15")
        );
        assert_eq!(
            local_date(at("2026-07-14 22:30"), BRUSSELS),
            day("2026-07-15")
        );
        assert_eq!(
            local_date(at("2026-07-14 21:59"), BRUSSELS),
            day("2026-07-14")
        );
        assert_eq!(
            local_datetime(at("2026-01-14 23:30"), BRUSSELS),
            at("2026-01-15 00:30")
        );
    }

    #[test]
    fn days_are_ranges_of_utc_with_their_daylight_saving_length() {
        // An ordinary winter and summer day.
        assert_eq!(
            day_range_utc(day("2026-01-15"), BRUSSELS),
            (at("2026-01-14 23:00"), at("2026-01-15 23:00"))
        );
        assert_eq!(
            day_range_utc(day("2026-07-15"), BRUSSELS),
            (at("2026-07-14 22:00"), at("2026-07-15 22:00"))
        );
        // The clocks go forward at 02:00 on 29 March 2026: a day of 23 hours.
        let (start, end) = day_range_utc(day("2026-03-29"), BRUSSELS);
        assert_eq!(
            (start, end),
            (at("2026-03-28 23:00"), at("2026-03-29 22:00"))
        );
        assert_eq!(end - start, Duration::hours(23));
        // The clocks go back at 03:00 on 25 October 2026: a day of 25 hours.
        let (start, end) = day_range_utc(day("2026-10-25"), BRUSSELS);
        assert_eq!(
            (start, end),
            (at("2026-10-24 22:00"), at("2026-10-25 23:00"))
        );
        assert_eq!(end - start, Duration::hours(25));
        // The days around them meet them without a gap or an overlap.
        assert_eq!(
            day_range_utc(day("2026-03-28"), BRUSSELS).1,
            at("2026-03-28 23:00")
        );
        assert_eq!(
            day_range_utc(day("2026-03-30"), BRUSSELS).0,
            at("2026-03-29 22:00")
        );
        assert_eq!(
            day_range_utc(day("2026-10-24"), BRUSSELS).1,
            at("2026-10-24 22:00")
        );
        assert_eq!(
            day_range_utc(day("2026-10-26"), BRUSSELS).0,
            at("2026-10-25 23:00")
        );
    }

    #[test]
    fn a_day_whose_midnight_is_skipped_starts_when_the_clocks_jump() {
        // Chile moved its clocks from 00:00 to 01:00 on 11 September 2022.
        let santiago = parse_zone("America/Santiago").unwrap();
        assert_eq!(
            day_start_utc(day("2022-09-11"), santiago),
            at("2022-09-11 04:00")
        );
        assert_eq!(
            day_start_utc(day("2022-09-10"), santiago),
            at("2022-09-10 04:00")
        );
        assert_eq!(
            day_start_utc(day("2022-09-12"), santiago),
            at("2022-09-12 03:00")
        );
    }

    #[test]
    fn an_hour_that_occurs_twice_is_its_first_time() {
        assert_eq!(
            utc_of_local(at("2026-10-25 02:30"), BRUSSELS),
            at("2026-10-25 00:30")
        );
        // 02:30 on 29 March does not exist: the clocks jump from 02:00 to 03:00 (01:00 UTC).
        assert_eq!(
            utc_of_local(at("2026-03-29 02:30"), BRUSSELS),
            at("2026-03-29 01:00")
        );
    }

    #[test]
    fn months_are_counted_on_the_local_calendar() {
        // Issued on 1 September 2026 at 00:30 in Brussels (31 August 22:30 UTC).
        assert_eq!(
            add_months(at("2026-08-31 22:30"), 3, BRUSSELS),
            at("2026-11-30 23:30"),
            "1 December 00:30 in Brussels"
        );
        assert_eq!(
            local_date(add_months(at("2026-08-31 22:30"), 3, BRUSSELS), BRUSSELS),
            day("2026-12-01")
        );
        // Three months after 30 November: February has no 30th, so its last day.
        assert_eq!(
            local_date(add_months(at("2026-11-30 12:00"), 3, BRUSSELS), BRUSSELS),
            day("2027-02-28")
        );
    }

    #[test]
    fn zone_names_are_checked() {
        assert_eq!(parse_zone("Europe/Brussels"), Ok(BRUSSELS));
        assert_eq!(parse_zone(" UTC "), Ok(chrono_tz::UTC));
        let error = parse_zone("Europe/Bruxelles").unwrap_err();
        assert!(error.contains("Europe/Bruxelles"), "{error}");
    }
}
