//! Dates as values: the span of days a phrase states, how precise it is (its granularity),
//! how it is hedged ("since", "after", "about") and the days the true date may fall on.
//!
//! Comparison (documented in `docs/values.md`): two dates are the same when one's stated days
//! lie within what the other allows and that other is not a stated span of several days
//! ("2019" and "July 2019"; "before 2020" and "July 2019"); they differ when what they allow
//! overlaps ("on Monday" against "on Sunday and Monday"), and conflict otherwise.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::interval::Interval;
use super::{Relation, Tolerance};

/// How precise a stated date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// One calendar day, or a span of named days.
    Day,
    /// A calendar week (Monday to Sunday).
    Week,
    /// A calendar month.
    Month,
    /// A season (meteorological, northern hemisphere: autumn is September to November).
    Season,
    /// Early (January–April), mid (May–August) or late (September–December) in a year.
    YearPart,
    /// A calendar year.
    Year,
    /// A decade ("the 1990s").
    Decade,
}

impl Granularity {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Season => "season",
            Granularity::YearPart => "year_part",
            Granularity::Year => "year",
            Granularity::Decade => "decade",
        }
    }
}

/// How a stated date is hedged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateHedge {
    /// The date lies somewhere in the stated days ("in July 2019", "on Wednesday").
    On,
    /// The event covers every stated day ("on Sunday and Monday", "January 9-10").
    Span,
    /// "about", "around", "N years ago": the stated days, widened by the granularity.
    About,
    /// "since X": X is the reference point (the last time, or the start); it allows X.
    Since,
    /// "before X", "more than N years ago": any day before the stated days.
    Before,
    /// "after X": any day after the stated days.
    After,
}

/// A date value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateValue {
    /// First stated day.
    pub first: Date,
    /// Last stated day (equal to `first` for one day).
    pub last: Date,
    /// How precise the statement is.
    pub granularity: Granularity,
    /// The hedge.
    pub hedge: DateHedge,
    /// First day the true date may be; `None` when unbounded.
    pub low: Option<Date>,
    /// Last day the true date may be; `None` when unbounded.
    pub high: Option<Date>,
    /// The statement is approximate.
    pub approx: bool,
}

impl DateValue {
    /// The days `first..=last` at `granularity`, hedged by `hedge`.
    pub fn new(first: Date, last: Date, granularity: Granularity, hedge: DateHedge) -> Self {
        let (low, high) = match hedge {
            DateHedge::On | DateHedge::Span | DateHedge::Since => (Some(first), Some(last)),
            DateHedge::About => widen_about(first, last, granularity),
            DateHedge::Before => (None, first.yesterday().ok()),
            DateHedge::After => (last.tomorrow().ok(), None),
        };
        DateValue {
            first,
            last,
            granularity,
            hedge,
            low,
            high,
            approx: hedge == DateHedge::About,
        }
    }

    /// How `self` relates to `other`; symmetric.
    pub fn relate(&self, other: &DateValue, tol: &Tolerance) -> Relation {
        if (self.first, self.last) == (other.first, other.last) {
            return Relation::Same;
        }
        if self.lies_within(other) || other.lies_within(self) {
            return Relation::Same;
        }
        if tol
            .widen(self.allowed())
            .overlaps(&tol.widen(other.allowed()))
        {
            Relation::Differ
        } else {
            Relation::Conflict
        }
    }

    /// True when the stated days of `self` are all allowed by `outer`, and `outer` is not a
    /// span whose every day the event covers.
    fn lies_within(&self, outer: &DateValue) -> bool {
        outer.hedge != DateHedge::Span && outer.allowed().covers(&self.stated())
    }

    /// The stated days as an interval of day numbers.
    pub fn stated(&self) -> Interval {
        Interval::closed(day_number(self.first), day_number(self.last))
    }

    /// The days the true date may fall on, as an interval of day numbers.
    pub fn allowed(&self) -> Interval {
        Interval {
            low: self.low.map(day_number),
            high: self.high.map(day_number),
            low_open: false,
            high_open: false,
        }
    }

    /// The date as a reader would say it ("since July 2019", "2022-01-09 to 2022-01-10").
    pub(crate) fn describe(&self) -> String {
        let days = describe_days(self.first, self.last, self.granularity);
        match self.hedge {
            DateHedge::On | DateHedge::Span => days,
            DateHedge::About => format!("about {days}"),
            DateHedge::Since => format!("since {days}"),
            DateHedge::Before => format!("before {days}"),
            DateHedge::After => format!("after {days}"),
        }
    }
}

/// Days since 1970-01-01, as used by [`Interval`].
pub fn day_number(date: Date) -> f64 {
    let epoch = Date::constant(1970, 1, 1);
    (date.duration_since(epoch).as_secs() / 86_400) as f64
}

/// "About" widens the stated days by a step that suits their precision.
fn widen_about(first: Date, last: Date, g: Granularity) -> (Option<Date>, Option<Date>) {
    let span = match g {
        Granularity::Day => jiff::Span::new().days(3),
        Granularity::Week => jiff::Span::new().weeks(1),
        Granularity::Month | Granularity::Season => jiff::Span::new().months(1),
        Granularity::YearPart => jiff::Span::new().months(2),
        Granularity::Year => jiff::Span::new().years(1),
        Granularity::Decade => jiff::Span::new().years(5),
    };
    (first.checked_sub(span).ok(), last.checked_add(span).ok())
}

/// English weekday names, Monday first, lower case.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether `word` (any case, a full stop allowed after an abbreviation) names a month:
/// "May", "january", "Sept.", "jan".
pub(crate) fn is_month_word(word: &str) -> bool {
    let word = word.trim_end_matches('.').to_lowercase();
    word.len() >= 3
        && MONTHS.iter().any(|m| {
            let m = m.to_lowercase();
            m == word || (m.starts_with(&word) && (word.len() == 3 || word == "sept"))
        })
}

/// Whether `word` (any case) names a weekday.
pub(crate) fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(&word.to_lowercase().as_str())
}

/// English month names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn describe_days(first: Date, last: Date, g: Granularity) -> String {
    let month = |d: Date| MONTHS[(d.month() as usize).saturating_sub(1) % 12];
    match g {
        Granularity::Month if first.month() == last.month() => {
            format!("{} {}", month(first), first.year())
        }
        Granularity::Year if first.year() == last.year() => first.year().to_string(),
        Granularity::Decade if first.year() % 10 == 0 && last.year() == first.year() + 9 => {
            format!("the {}s", first.year())
        }
        Granularity::Decade | Granularity::Year if first.year() == last.year() => {
            first.year().to_string()
        }
        Granularity::Season => season_name(first, last),
        Granularity::YearPart => match first.month() {
            1 => format!("early {}", first.year()),
            5 => format!("mid-{}", first.year()),
            _ => format!("late {}", first.year()),
        },
        Granularity::Week => format!("the week of {first}"),
        _ if first == last => first.to_string(),
        Granularity::Day => format!("{first} to {last}"),
        other => format!("{first} to {last} ({})", other.as_str().replace('_', " ")),
    }
}

fn season_name(first: Date, last: Date) -> String {
    let name = match first.month() {
        3 => "spring",
        6 => "summer",
        9 => "autumn",
        _ => "winter",
    };
    if first.year() == last.year() {
        format!("{name} {}", first.year())
    } else {
        format!("{name} {}–{}", first.year(), last.year() % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_and_weekday_words() {
        for w in ["May", "january", "Sept.", "sep", "jan", "Dec."] {
            assert!(is_month_word(w), "{w}");
        }
        for w in ["ma", "mayor", "augus", "decade", "june1"] {
            assert!(!is_month_word(w), "{w}");
        }
        assert!(is_weekday("Wednesday") && !is_weekday("wed"));
    }
    use jiff::civil::date;

    fn year(y: i16) -> DateValue {
        DateValue::new(
            date(y, 1, 1),
            date(y, 12, 31),
            Granularity::Year,
            DateHedge::On,
        )
    }

    fn month(y: i16, m: i8) -> DateValue {
        let first = date(y, m, 1);
        DateValue::new(
            first,
            first.last_of_month(),
            Granularity::Month,
            DateHedge::On,
        )
    }

    #[test]
    fn a_more_precise_date_inside_a_coarser_one_is_the_same() {
        let t = Tolerance::default();
        assert_eq!(year(2019).relate(&month(2019, 7), &t), Relation::Same);
        assert_eq!(month(2019, 7).relate(&year(2019), &t), Relation::Same);
    }

    #[test]
    fn disjoint_dates_conflict() {
        let t = Tolerance::default();
        assert_eq!(month(2019, 7).relate(&year(2015), &t), Relation::Conflict);
    }

    #[test]
    fn a_day_inside_a_stated_span_differs() {
        let t = Tolerance::default();
        let span = DateValue::new(
            date(2022, 1, 9),
            date(2022, 1, 10),
            Granularity::Day,
            DateHedge::Span,
        );
        let day = DateValue::new(
            date(2022, 1, 10),
            date(2022, 1, 10),
            Granularity::Day,
            DateHedge::On,
        );
        assert_eq!(span.relate(&day, &t), Relation::Differ);
        assert_eq!(day.relate(&span, &t), Relation::Differ);
    }

    #[test]
    fn after_excludes_the_stated_year_but_names_it() {
        let t = Tolerance::default();
        let after = DateValue::new(
            date(1997, 1, 1),
            date(1997, 12, 31),
            Granularity::Year,
            DateHedge::After,
        );
        assert_eq!(after.low, Some(date(1998, 1, 1)));
        assert_eq!(after.high, None);
        assert_eq!(after.relate(&year(1997), &t), Relation::Same);
        assert_eq!(after.relate(&year(1990), &t), Relation::Conflict);
    }

    #[test]
    fn descriptions_follow_the_granularity() {
        assert_eq!(month(2019, 7).describe(), "July 2019");
        assert_eq!(year(2014).describe(), "2014");
    }
}
