//! Lengths of time ("nearly four hours", "a four-hour meeting", "two and a half years",
//! "more than two years", "two decades") as [`Measure`]s in seconds, with the same hedges
//! and intervals as counts.
//!
//! Months and years are stated as average Gregorian ones (a year is 365.2425 days, a month a
//! twelfth of it), so "24 months" and "two years" are the same length; their intervals cover
//! calendar variation (a month is 28 to 31 days, a year 364 (52 weeks) to 366), so "a year" and "365
//! days", or "three months" and "90 days", are the same length too.

use super::hedge::{hedge_regex, Qualifier};
use super::measure::Measure;
use super::number::{format_plain, number_regex};
use super::quantity::{collapse_space, parse_quantity};
use super::unresolved::{Reason, Unresolved};

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3_600.0;
const DAY: f64 = 86_400.0;
const YEAR: f64 = 365.2425 * DAY;

/// Units of time, their lengths in seconds and their singular names.
const UNITS: &[(&str, f64, &str)] = &[
    ("seconds", 1.0, "second"),
    ("second", 1.0, "second"),
    ("secs", 1.0, "second"),
    ("minutes", MINUTE, "minute"),
    ("minute", MINUTE, "minute"),
    ("mins", MINUTE, "minute"),
    ("min", MINUTE, "minute"),
    ("hours", HOUR, "hour"),
    ("hour", HOUR, "hour"),
    ("hrs", HOUR, "hour"),
    ("days", DAY, "day"),
    ("day", DAY, "day"),
    ("weeks", 7.0 * DAY, "week"),
    ("week", 7.0 * DAY, "week"),
    ("months", YEAR / 12.0, "month"),
    ("month", YEAR / 12.0, "month"),
    ("years", YEAR, "year"),
    ("year", YEAR, "year"),
    ("decades", 10.0 * YEAR, "decade"),
    ("decade", 10.0 * YEAR, "decade"),
    ("centuries", 100.0 * YEAR, "century"),
    ("century", 100.0 * YEAR, "century"),
];

/// The regex (no captures) for a hedged length of time, as the `{duration}` block uses it.
pub(crate) fn duration_regex() -> String {
    let n = number_regex();
    let hedges = hedge_regex();
    let units: Vec<&str> = UNITS.iter().map(|(u, _, _)| *u).collect();
    let units = units.join("|");
    let figure = format!(
        r"(?:between\s+{n}\s+and\s+{n}|{n}(?:\s*(?:-|–|to\s)\s*{n})?|half\s+an?|several|a\s+few|a\s+couple\s+of|an?)"
    );
    format!(
        r"(?-u:\b)(?:(?:{hedges})\s+)?(?:an?\s+)?{figure}[\s-]+(?:{units})(?:\s+and\s+a\s+half)?(?-u:\b)"
    )
}

/// Parses a length of time into seconds.
pub(crate) fn parse_duration(raw: &str, trace: &mut Vec<String>) -> Result<Measure, Unresolved> {
    let text = collapse_space(&raw.to_lowercase().replace(['–', '—'], "-"));
    let (text, half) = match text.strip_suffix(" and a half") {
        Some(rest) => (rest.to_string(), true),
        None => (text, false),
    };
    let (figure, unit) = split_unit(&text).ok_or_else(|| {
        Unresolved::new(
            Reason::Unreadable,
            format!("`{}` names no unit of time", raw.trim()),
        )
    })?;
    let (_, seconds, name) = UNITS.iter().find(|(u, _, _)| *u == unit).ok_or_else(|| {
        Unresolved::new(
            Reason::Unreadable,
            format!("`{unit}` is not a unit of time"),
        )
    })?;
    let mut m = match vague_count(figure, trace) {
        Some(m) => m,
        None => parse_quantity(&plain_figure(figure), 0.0, trace)?,
    };
    if half {
        if m.stated.0 != m.stated.1 {
            return Err(Unresolved::new(
                Reason::Ambiguous,
                format!("`{}`: a range and a half", raw.trim()),
            ));
        }
        trace.push("\"and a half\" adds 0.5".into());
        m = Measure::hedged(m.stated.0 + 0.5, m.qualifier, 0.0);
    }
    trace.push(format!("unit \"{name}\" is {seconds} seconds"));
    let m = m.scaled(*seconds);
    Ok(match CALENDAR.iter().find(|(u, _, _)| u == name) {
        Some(&(_, shortest, longest)) => calendar_variation(m, name, shortest, longest, trace),
        None => m,
    })
}

/// Calendar units and their shortest and longest lengths in days; a year's shortest is 52
/// weeks, since "52 weeks" is how a year is often said.
const CALENDAR: &[(&str, f64, f64)] = &[
    ("month", 28.0, 31.0),
    ("year", 364.0, 366.0),
    ("decade", 3_652.0, 3_653.0),
    ("century", 36_524.0, 36_525.0),
];

/// Months and years have no fixed length: the interval is widened to every calendar length
/// ("three months" is 84 to 93 days), so "three months" and "90 days" can be the same.
fn calendar_variation(
    mut m: Measure,
    name: &str,
    shortest: f64,
    longest: f64,
    trace: &mut Vec<String>,
) -> Measure {
    let average = UNITS
        .iter()
        .find(|(u, _, _)| *u == name)
        .map_or(1.0, |(_, s, _)| s / DAY);
    let (lo, hi) = (shortest / average, longest / average);
    // Rounded to the millisecond: the bounds are whole days, not float residue.
    let ms = |x: f64| (x * 1_000.0).round() / 1_000.0;
    m.interval.low = m.interval.low.map(|l| ms(l * lo));
    m.interval.high = m.interval.high.map(|h| ms(h * hi));
    m.calendar = Some((lo, hi));
    trace.push(format!(
        "a {name} is {} to {} days: the interval covers calendar variation",
        format_plain(shortest),
        format_plain(longest)
    ));
    m
}

/// "several hours" is 3 to fewer than 10 hours, "a few hours" 2 to 5, "a couple of hours"
/// about 2.
fn vague_count(figure: &str, trace: &mut Vec<String>) -> Option<Measure> {
    let m = match figure {
        "several" => {
            let mut m = Measure::range(3.0, 10.0, true);
            m.interval.high_open = true;
            m
        }
        "a few" => {
            let mut m = Measure::range(2.0, 5.0, true);
            m.interval.high_open = false;
            m
        }
        "a couple of" => Measure::hedged(2.0, Qualifier::Approximately, 0.0),
        _ => return None,
    };
    trace.push(format!("\"{figure}\" is a vague count of units"));
    Some(m)
}

/// A length in seconds as a reader would say it, in the largest unit that keeps it short
/// ("4 hours", "2.5 years").
pub(crate) fn format_duration(seconds: f64) -> String {
    let pick = [
        (100.0 * YEAR, "century", "centuries"),
        (YEAR, "year", "years"),
        (YEAR / 12.0, "month", "months"),
        (7.0 * DAY, "week", "weeks"),
        (DAY, "day", "days"),
        (HOUR, "hour", "hours"),
        (MINUTE, "minute", "minutes"),
    ];
    for (size, one, many) in pick {
        let n = seconds / size;
        if n >= 1.0 && ((n * 100.0).round() / 100.0 - n).abs() < 1e-6 {
            let shown = format_plain((n * 100.0).round() / 100.0);
            return format!("{shown} {}", if n == 1.0 { one } else { many });
        }
    }
    format!("{} seconds", format_plain(seconds))
}

/// Splits "nearly four-hour" into ("nearly four", "hour").
fn split_unit(text: &str) -> Option<(&str, &str)> {
    let cut = text.rfind([' ', '-'])?;
    let (figure, unit) = (text[..cut].trim(), text[cut + 1..].trim());
    Some((figure, unit))
}

/// "a four" → "four"; "an" → "1"; "half an" → "0.5"; hedges are kept.
fn plain_figure(figure: &str) -> String {
    let words: Vec<&str> = figure.split(' ').collect();
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let next = words.get(i + 1).copied();
        match (w, next) {
            ("half", Some("a" | "an")) if i + 2 == words.len() => {
                out.push("0.5");
                i += 1;
            }
            ("a" | "an", None) => out.push("1"),
            ("a" | "an", Some(n)) if !is_scale(n) && !is_hedge_tail(&out) => {}
            _ => out.push(w),
        }
        i += 1;
    }
    out.join(" ")
}

fn is_scale(word: &str) -> bool {
    matches!(
        word,
        "hundred" | "thousand" | "million" | "billion" | "dozen" | "half" | "quarter"
    )
}

/// True when the words so far end a hedge that keeps its article ("an estimated").
fn is_hedge_tail(out: &[&str]) -> bool {
    out.last().is_some_and(|w| *w == "and")
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn d(text: &str) -> Measure {
        parse_duration(text, &mut Vec::new()).unwrap()
    }

    #[test]
    fn nearly_four_hours_is_below_four_hours() {
        let m = d("nearly four hours");
        assert_eq!(m.stated, (4.0 * HOUR, 4.0 * HOUR));
        assert_eq!(m.qualifier, Qualifier::Nearly);
        assert!(m.interval.contains(3.8 * HOUR));
        assert!(!m.interval.contains(4.0 * HOUR));
    }

    #[test]
    fn compound_adjectives_read_as_durations() {
        assert_eq!(d("a four-hour").stated.0, 4.0 * HOUR);
        assert_eq!(d("nearly four-hour").qualifier, Qualifier::Nearly);
        assert_eq!(d("nearly four-hour").stated.0, 4.0 * HOUR);
    }

    #[test]
    fn fractions_and_long_units() {
        assert_eq!(d("two and a half years").stated.0, 2.5 * YEAR);
        assert_eq!(d("an hour and a half").stated.0, 1.5 * HOUR);
        assert_eq!(d("half an hour").stated.0, 0.5 * HOUR);
        assert_eq!(d("two decades").stated.0, 20.0 * YEAR);
        assert_eq!(d("24 months").stated.0, d("two years").stated.0);
    }

    #[test]
    fn more_than_two_years_is_an_open_lower_bound() {
        let m = d("more than two years");
        assert_eq!(m.qualifier, Qualifier::MoreThan);
        assert_eq!(m.stated.0, 2.0 * YEAR);
        // The shortest two years by the calendar: 52 weeks each.
        assert!((m.interval.low.unwrap() - 2.0 * 364.0 * DAY).abs() < 1e-6);
        assert!(m.interval.low_open);
        assert_eq!(m.interval.high, None);
    }

    #[test]
    fn vague_counts_of_units() {
        let m = d("several hours");
        assert_eq!(m.stated, (3.0 * HOUR, 10.0 * HOUR));
        assert!(m.interval.high_open && m.approx);
        assert_eq!(d("a few days").stated, (2.0 * DAY, 5.0 * DAY));
        assert_eq!(d("a couple of weeks").qualifier, Qualifier::Approximately);
    }

    #[test]
    fn ranges_of_time() {
        assert_eq!(d("two to three hours").stated, (2.0 * HOUR, 3.0 * HOUR));
    }

    #[test]
    fn regex_captures_the_whole_length() {
        let re = Regex::new(&format!("(?i){}", duration_regex())).unwrap();
        let found = |s: &str| re.find(s).map(|m| m.as_str().to_string());
        assert_eq!(
            found("through nearly four hours of a meeting").as_deref(),
            Some("nearly four hours")
        );
        assert_eq!(
            found("in the nearly four-hour meeting").as_deref(),
            Some("nearly four-hour")
        );
        assert_eq!(found("a four-hour meeting").as_deref(), Some("a four-hour"));
        assert_eq!(
            found("for two and a half years").as_deref(),
            Some("two and a half years")
        );
        assert_eq!(found("for several hours").as_deref(), Some("several hours"));
        assert_eq!(
            found("a couple of weeks").as_deref(),
            Some("a couple of weeks")
        );
    }

    #[test]
    fn durations_are_described_in_their_unit() {
        assert_eq!(format_duration(4.0 * HOUR), "4 hours");
        assert_eq!(format_duration(2.5 * YEAR), "2.5 years");
        assert_eq!(format_duration(HOUR), "1 hour");
    }
}
