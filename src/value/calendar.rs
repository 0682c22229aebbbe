//! The rules of resolution for dates: which day "on Wednesday", "last fall", "October" or
//! "seven years ago" names, given the publication day. Calendar arithmetic is jiff's.
//!
//! News is written in the past tense, so by default a bare weekday is the most recent such
//! day on or before publication; a claim about a scheduled event can say `tense: future`.
//! A day or month without a year takes the year nearest to publication (ties go to the past).

use jiff::civil::{Date, Weekday};
use jiff::Span;
use regex::Captures;
use serde::{Deserialize, Serialize};

use super::date::{DateHedge, DateValue, Granularity};
use super::date_forms::{number, word};
use super::number::parse_number;
use super::unresolved::{Reason, Unresolved};

/// Which way bare weekdays and "in N years" point from publication.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Tense {
    /// Reported events: the most recent such day on or before publication.
    #[default]
    Past,
    /// Scheduled events: the next such day on or after publication.
    Future,
}

/// What date resolution knows about the article and the claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Env {
    /// The publication day.
    pub published: Option<Date>,
    /// Which way relative days point.
    pub tense: Tense,
}

/// An amount of time counted from publication ("seven years", "two and a half months").
#[derive(Clone, Debug)]
pub(crate) struct Amount {
    span: Span,
    granularity: Granularity,
}

type DateResult = Result<DateValue, Unresolved>;

/// The publication day, or the reason `what` cannot be resolved without it.
pub fn published(env: &Env, what: &str) -> Result<Date, Unresolved> {
    env.published.ok_or_else(|| {
        Unresolved::new(
            Reason::NoPublicationDate,
            format!("{what} needs the publication date, which is not known"),
        )
    })
}

/// 1–12 for a month name or abbreviation.
pub(crate) fn month_number(name: &str) -> Option<i8> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.trim_end_matches('.').to_lowercase();
    let prefix = lower.get(..3)?;
    NAMES
        .iter()
        .position(|n| *n == prefix)
        .and_then(|i| i8::try_from(i + 1).ok())
}

/// The days `d1` (to `d2`) of a month; two days make a span.
pub fn days(year: i16, m: i8, d1: i8, d2: Option<i8>, trace: &mut Vec<String>) -> DateResult {
    let at = |d: i8| {
        Date::new(year, m, d).map_err(|_| {
            Unresolved::new(
                Reason::ImpossibleDate,
                format!("{year:04}-{m:02}-{d:02} is not a calendar day"),
            )
        })
    };
    let first = at(d1)?;
    match d2 {
        Some(d2) if d2 != d1 => {
            let last = at(d2)?;
            if last < first {
                return Err(Unresolved::new(
                    Reason::Backwards,
                    format!("the days {d1}–{d2} run backwards"),
                ));
            }
            trace.push(format!("span of days {first} to {last}"));
            Ok(DateValue::new(
                first,
                last,
                Granularity::Day,
                DateHedge::Span,
            ))
        }
        _ => {
            trace.push(format!("day {first}"));
            Ok(DateValue::new(
                first,
                first,
                Granularity::Day,
                DateHedge::On,
            ))
        }
    }
}

/// A whole calendar month.
pub fn month(year: i16, m: i8, trace: &mut Vec<String>) -> DateResult {
    let first = Date::new(year, m, 1).map_err(|_| {
        Unresolved::new(
            Reason::ImpossibleDate,
            format!("{year}-{m:02} is not a month"),
        )
    })?;
    trace.push(format!("month {year:04}-{m:02}"));
    Ok(DateValue::new(
        first,
        first.last_of_month(),
        Granularity::Month,
        DateHedge::On,
    ))
}

/// A whole calendar year.
pub fn year(y: i16, trace: &mut Vec<String>) -> DateResult {
    let first = Date::new(y, 1, 1)
        .map_err(|_| Unresolved::new(Reason::OutOfRange, format!("{y} is out of range")))?;
    trace.push(format!("year {y}"));
    Ok(DateValue::new(
        first,
        first.last_of_year(),
        Granularity::Year,
        DateHedge::On,
    ))
}

/// "the 1990s".
pub(crate) fn decade(start: i64, trace: &mut Vec<String>) -> DateResult {
    let y = i16::try_from(start)
        .map_err(|_| Unresolved::new(Reason::OutOfRange, format!("{start} is out of range")))?;
    let first = Date::new(y, 1, 1)
        .map_err(|_| Unresolved::new(Reason::OutOfRange, format!("{y} is out of range")))?;
    let last = Date::new(y + 9, 12, 31)
        .map_err(|_| Unresolved::new(Reason::OutOfRange, format!("{y}s are out of range")))?;
    trace.push(format!("decade {y}–{}", y + 9));
    Ok(DateValue::new(
        first,
        last,
        Granularity::Decade,
        DateHedge::On,
    ))
}

/// "early 2019" (January–April), "mid-2019" (May–August), "late 2019" (September–December).
pub(crate) fn year_part(y: i16, part: &str, trace: &mut Vec<String>) -> DateResult {
    let (m1, m2) = match part.to_lowercase().as_str() {
        "early" => (1, 4),
        "mid" => (5, 8),
        _ => (9, 12),
    };
    let first = Date::new(y, m1, 1)
        .map_err(|_| Unresolved::new(Reason::OutOfRange, format!("{y} is out of range")))?;
    let last = Date::new(y, m2, 1)
        .map_err(|_| Unresolved::new(Reason::OutOfRange, format!("{y} is out of range")))?
        .last_of_month();
    trace.push(format!("\"{part}\" {y} is {first} to {last}"));
    Ok(DateValue::new(
        first,
        last,
        Granularity::YearPart,
        DateHedge::On,
    ))
}

/// "last year", "this year", "next year" → the year.
pub(crate) fn relative_year(
    env: &Env,
    rel: &str,
    trace: &mut Vec<String>,
) -> Result<i16, Unresolved> {
    let p = published(env, &format!("\"{rel} year\""))?;
    let y = match rel.to_lowercase().as_str() {
        "last" => p.year() - 1,
        "next" => p.year() + 1,
        _ => p.year(),
    };
    trace.push(format!("\"{rel} year\" from publication on {p} is {y}"));
    Ok(y)
}

/// The year that puts month `m`, day `d` nearest to publication.
pub(crate) fn nearest_year(
    m: i8,
    d: i8,
    env: &Env,
    trace: &mut Vec<String>,
) -> Result<i16, Unresolved> {
    let p = published(env, "a day without a year")?;
    let candidates = (p.year() - 4..=p.year() + 4).filter_map(|y| Date::new(y, m, d).ok());
    let best = match env.tense {
        Tense::Past => candidates.filter(|day| *day <= p).max(),
        Tense::Future => candidates.filter(|day| *day >= p).min(),
    }
    .ok_or_else(|| {
        Unresolved::new(
            Reason::ImpossibleDate,
            format!("{m:02}-{d:02} is not a calendar day"),
        )
    })?;
    trace.push(format!(
        "no year given: {} is the year of the {} on publication on {p}",
        best.year(),
        tense_side(env.tense)
    ));
    Ok(best.year())
}

/// "in October": in the past tense the most recent October that began on or before
/// publication, in the future tense the next one that has not ended.
pub(crate) fn nearest_month(m: i8, env: &Env, trace: &mut Vec<String>) -> DateResult {
    let p = published(env, "a month without a year")?;
    let candidates = (p.year() - 1..=p.year() + 1).filter_map(|y| Date::new(y, m, 1).ok());
    let best = match env.tense {
        Tense::Past => candidates.filter(|first| *first <= p).max(),
        Tense::Future => candidates.filter(|first| first.last_of_month() >= p).min(),
    }
    .ok_or_else(|| Unresolved::new(Reason::ImpossibleDate, format!("{m} is not a month")))?;
    trace.push(format!(
        "no year given: {} is the year of the {} on publication on {p}",
        best.year(),
        tense_side(env.tense)
    ));
    month(best.year(), m, trace)
}

fn tense_side(tense: Tense) -> &'static str {
    match tense {
        Tense::Past => "most recent one (past tense) before or",
        Tense::Future => "next one (future tense) after or",
    }
}

/// "on Monday last week": the weekdays in the Monday-to-Sunday week before, of, or after
/// publication's; only "week" names such a period.
fn weekdays_of_week(
    c: &Captures,
    p: Date,
    (first_wd, last_wd): (Weekday, Weekday),
    trace: &mut Vec<String>,
) -> DateResult {
    let (rel, unit) = (word(c, "tr").to_lowercase(), word(c, "tu").to_lowercase());
    let step = match (rel.as_str(), unit.as_str()) {
        ("last", "week") => -7,
        ("this", "week") => 0,
        ("next", "week") => 7,
        _ => {
            return Err(Unresolved::new(
                Reason::Ambiguous,
                format!("a weekday followed by \"{rel} {unit}\" cannot be read with confidence"),
            ))
        }
    };
    let monday = add_days(p, step - i64::from(p.weekday().to_monday_zero_offset()))?;
    let (first, last) = forward_from(monday, first_wd, last_wd)?;
    trace.push(format!(
        "weekday of {rel} week: the week of {monday} (publication on {p})"
    ));
    let hedge = if first == last {
        DateHedge::On
    } else {
        DateHedge::Span
    };
    Ok(DateValue::new(first, last, Granularity::Day, hedge))
}

/// "last fall", "this winter", "next spring", "autumn 2021".
pub(crate) fn season(c: &Captures, env: &Env, trace: &mut Vec<String>) -> DateResult {
    if c.name("s2").is_some() {
        let y = i16::try_from(number(c, "sy")?)
            .map_err(|_| Unresolved::new(Reason::OutOfRange, "year out of range"))?;
        let (first, last) = season_span(word(c, "s2"), y)?;
        trace.push(format!("{} {y} is {first} to {last}", word(c, "s2")));
        return Ok(DateValue::new(
            first,
            last,
            Granularity::Season,
            DateHedge::On,
        ));
    }
    let (rel, name) = (word(c, "rel").to_lowercase(), word(c, "s"));
    let p = published(env, &format!("\"{rel} {name}\""))?;
    let mut spans = Vec::new();
    for y in p.year() - 2..=p.year() + 2 {
        spans.push(season_span(name, y)?);
    }
    let found = match rel.as_str() {
        "last" => spans.iter().rev().find(|(_, last)| *last < p),
        "next" => spans.iter().find(|(first, _)| *first > p),
        _ => spans
            .iter()
            .find(|(f, l)| *f <= p && p <= *l)
            .or_else(|| spans.iter().find(|(f, _)| f.year() == p.year())),
    };
    let (first, last) = *found
        .ok_or_else(|| Unresolved::new(Reason::Unreadable, format!("no {name} found near {p}")))?;
    trace.push(format!(
        "\"{rel} {name}\" from publication on {p}: {first} to {last} (meteorological seasons)"
    ));
    Ok(DateValue::new(
        first,
        last,
        Granularity::Season,
        DateHedge::On,
    ))
}

/// Meteorological seasons; winter `y` runs from December `y - 1` to February `y`.
fn season_span(name: &str, y: i16) -> Result<(Date, Date), Unresolved> {
    let (start_year, m1, months) = match name.to_lowercase().as_str() {
        "spring" => (y, 3, 3),
        "summer" => (y, 6, 3),
        "autumn" | "fall" => (y, 9, 3),
        _ => (y - 1, 12, 3),
    };
    let first = Date::new(start_year, m1, 1)
        .map_err(|_| Unresolved::new(Reason::OutOfRange, format!("{y} is out of range")))?;
    let last = first
        .checked_add(Span::new().months(months))
        .and_then(|d| d.yesterday())
        .map_err(|_| Unresolved::new(Reason::OutOfRange, format!("{y} is out of range")))?;
    Ok((first, last))
}

/// "on Wednesday", "on Sunday and Monday", "last Thursday", "next Monday".
pub(crate) fn weekdays(c: &Captures, env: &Env, trace: &mut Vec<String>) -> DateResult {
    let names: Vec<Weekday> = word(c, "wd")
        .split(|ch: char| !ch.is_alphabetic())
        .filter_map(weekday)
        .collect();
    let (Some(&first_wd), Some(&last_wd)) = (names.first(), names.last()) else {
        return Err(Unresolved::new(Reason::Unreadable, "no weekday found"));
    };
    let p = published(env, "a weekday")?;
    if !word(c, "tu").is_empty() {
        return weekdays_of_week(c, p, (first_wd, last_wd), trace);
    }
    let rel = word(c, "rel").to_lowercase();
    let (first, last) = match (rel.as_str(), env.tense) {
        ("last", _) => back_from(p.yesterday().map_err(err)?, first_wd, last_wd)?,
        ("next", _) => forward_from(p.tomorrow().map_err(err)?, first_wd, last_wd)?,
        ("this", _) => {
            let monday = add_days(p, -i64::from(p.weekday().to_monday_zero_offset()))?;
            forward_from(monday, first_wd, last_wd)?
        }
        (_, Tense::Future) => forward_from(p, first_wd, last_wd)?,
        (_, Tense::Past) => back_from(p, first_wd, last_wd)?,
    };
    trace.push(match (rel.as_str(), env.tense) {
        ("", Tense::Past) => {
            format!("weekday: the most recent on or before publication on {p} (past tense)")
        }
        ("", Tense::Future) => {
            format!("weekday: the next on or after publication on {p} (future tense)")
        }
        (r, _) => format!("\"{r}\" weekday counted from publication on {p}"),
    });
    let hedge = if first == last {
        DateHedge::On
    } else {
        DateHedge::Span
    };
    Ok(DateValue::new(first, last, Granularity::Day, hedge))
}

/// "today", "yesterday", "the day before", "this week", "last month", "next year".
pub fn relative(c: &Captures, env: &Env, trace: &mut Vec<String>) -> DateResult {
    let phrase = word(c, "r")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let p = published(env, &format!("\"{phrase}\""))?;
    let day = |offset: i64, trace: &mut Vec<String>| -> DateResult {
        let d = add_days(p, offset)?;
        trace.push(format!(
            "\"{phrase}\" is {d}, counted from publication on {p}"
        ));
        Ok(DateValue::new(d, d, Granularity::Day, DateHedge::On))
    };
    match phrase.as_str() {
        "today" => day(0, trace),
        "yesterday" | "the day before" | "the previous day" => day(-1, trace),
        "tomorrow" | "the day after" | "the next day" => day(1, trace),
        w if w.ends_with("weekend") => weekend(w, p, env.tense, trace),
        other => {
            let period = other
                .trim_start_matches("earlier ")
                .trim_start_matches("later ");
            relative_period(period, p, trace)
        }
    }
}

/// "over the weekend": the most recent Saturday and Sunday (the next in the future tense);
/// "last", "this", "next weekend" count from the weekend of publication's week.
fn weekend(phrase: &str, p: Date, tense: Tense, trace: &mut Vec<String>) -> DateResult {
    let saturday = add_days(p, 5 - i64::from(p.weekday().to_monday_zero_offset()))?;
    let start = match (phrase.split(' ').next().unwrap_or(""), tense) {
        ("this", _) => saturday,
        ("next", _) => add_days(saturday, 7)?,
        ("last", _) => add_days(saturday, -7)?,
        (_, Tense::Past) if p < saturday => add_days(saturday, -7)?,
        (_, Tense::Future) if p > saturday => add_days(saturday, 7)?,
        _ => saturday,
    };
    let end = add_days(start, 1)?;
    trace.push(format!(
        "\"{phrase}\" from publication on {p}: Saturday {start} and Sunday {end}"
    ));
    Ok(DateValue::new(start, end, Granularity::Day, DateHedge::On))
}

fn relative_period(phrase: &str, p: Date, trace: &mut Vec<String>) -> DateResult {
    let (rel, unit) = phrase.split_once(' ').unwrap_or((phrase, ""));
    let step: i64 = match rel {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    trace.push(format!("\"{phrase}\" counted from publication on {p}"));
    match unit {
        "week" => {
            let monday = add_days(
                p,
                -i64::from(p.weekday().to_monday_zero_offset()) + 7 * step,
            )?;
            let sunday = add_days(monday, 6)?;
            Ok(DateValue::new(
                monday,
                sunday,
                Granularity::Week,
                DateHedge::On,
            ))
        }
        "month" => {
            let first = p
                .first_of_month()
                .checked_add(Span::new().months(step))
                .map_err(err)?;
            month(first.year(), first.month(), trace)
        }
        _ => {
            let y = i16::try_from(i64::from(p.year()) + step).map_err(err)?;
            year(y, trace)
        }
    }
}

/// Reads "seven" + "years" into an amount of time.
pub(crate) fn amount(n: &str, unit: &str, trace: &mut Vec<String>) -> Result<Amount, Unresolved> {
    let n_lower = n.to_lowercase();
    let count = match n_lower.as_str() {
        "a" | "an" => 1.0,
        _ => parse_number(n, trace)?,
    };
    let unit = unit.to_lowercase();
    let (per, granularity, in_months) = match unit.trim_end_matches('s') {
        "day" => (1.0, Granularity::Day, false),
        "week" => (7.0, Granularity::Week, false),
        "month" => (1.0, Granularity::Month, true),
        "year" => (12.0, Granularity::Year, true),
        "decade" => (120.0, Granularity::Decade, true),
        _ => (1200.0, Granularity::Decade, true),
    };
    let whole = (count * per).round();
    if !(0.0..=1e5).contains(&whole) {
        return Err(Unresolved::new(
            Reason::OutOfRange,
            format!("{n} {unit} is out of range"),
        ));
    }
    let whole = whole as i64;
    let span = if in_months {
        Span::new().try_months(whole)
    } else {
        Span::new().try_days(whole)
    }
    .map_err(|_| Unresolved::new(Reason::OutOfRange, format!("{n} {unit} is out of range")))?;
    Ok(Amount { span, granularity })
}

/// The date `amount` before (`direction` -1) or after (+1) publication, hedged by `hedge`
/// ("more than", "nearly", …, or "" for none).
pub(crate) fn counted_from(
    p: Date,
    direction: i64,
    amount: Amount,
    hedge: &str,
    trace: &mut Vec<String>,
) -> DateResult {
    let span = if direction < 0 {
        amount.span.negate()
    } else {
        amount.span
    };
    let c = p.checked_add(span).map_err(err)?;
    trace.push(format!("counted from publication on {p}: {c}"));
    let hedge = hedge.split_whitespace().collect::<Vec<_>>().join(" ");
    let (further, nearer) = if direction < 0 {
        (DateHedge::Before, DateHedge::After)
    } else {
        (DateHedge::After, DateHedge::Before)
    };
    match hedge.to_lowercase().as_str() {
        "more than" | "over" | "just over" => Ok(DateValue::new(c, c, Granularity::Day, further)),
        "less than" | "under" | "just under" => Ok(DateValue::new(c, c, Granularity::Day, nearer)),
        "" if amount.granularity == Granularity::Day => {
            trace.push("counted in days: exact".into());
            Ok(DateValue::new(c, c, Granularity::Day, DateHedge::On))
        }
        _ => around(c, amount.granularity, trace),
    }
}

/// An approximate date at the precision of the unit it was counted in.
fn around(c: Date, g: Granularity, trace: &mut Vec<String>) -> DateResult {
    let (first, last) = match g {
        Granularity::Day | Granularity::Week => (c, c),
        Granularity::Month => (c.first_of_month(), c.last_of_month()),
        _ => (c.first_of_year(), c.last_of_year()),
    };
    trace.push(format!(
        "counted in {}s: approximate, widened by the unit",
        g.as_str()
    ));
    let value = DateValue::new(first, last, g, DateHedge::About);
    Ok(value)
}

fn back_from(anchor: Date, first: Weekday, last: Weekday) -> Result<(Date, Date), Unresolved> {
    let last_day = add_days(anchor, -i64::from(anchor.weekday().since(last)))?;
    let first_day = add_days(last_day, -i64::from(last.since(first)))?;
    Ok((first_day, last_day))
}

fn forward_from(anchor: Date, first: Weekday, last: Weekday) -> Result<(Date, Date), Unresolved> {
    let first_day = add_days(anchor, i64::from(first.since(anchor.weekday())))?;
    let last_day = add_days(first_day, i64::from(last.since(first)))?;
    Ok((first_day, last_day))
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name.to_lowercase().as_str() {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

fn add_days(d: Date, n: i64) -> Result<Date, Unresolved> {
    Span::new()
        .try_days(n)
        .and_then(|s| d.checked_add(s))
        .map_err(err)
}

fn err(e: impl std::fmt::Display) -> Unresolved {
    Unresolved::new(Reason::OutOfRange, format!("date out of range: {e}"))
}
