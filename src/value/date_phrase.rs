//! Reading date phrases as news writes them ("on Jan. 12", "in October last year", "since
//! 2019", "seven years ago", "on Sunday and Monday") into [`DateValue`]s, resolved against
//! the article's publication day by the rules in `super::calendar`.
//!
//! The shapes of phrase and their regexes are in `super::date_forms`. A phrase that depends
//! on the publication day is unresolved when that day is unknown.

use jiff::civil::Date;
use regex::Captures;

use super::calendar::{self, Env};
use super::date::{DateHedge, DateValue, Granularity, MONTHS, WEEKDAYS};
pub(crate) use super::date_forms::date_regex;
use super::date_forms::{match_form, number, parsers, word, Form};
use super::unresolved::{Reason, Unresolved};

/// Parses one date phrase against `env`; the trace says which rule of resolution applied.
pub(crate) fn parse_date(
    raw: &str,
    env: &Env,
    trace: &mut Vec<String>,
) -> Result<DateValue, Unresolved> {
    let text = day_of_part(&clean(raw), trace);
    if let Some(caps) = match_form(Form::Lookback, &text) {
        return lookback(&caps, env, trace);
    }
    let (hedge, core) = split_leads(&text, trace);
    let Some((form, caps)) = parsers().iter().find_map(|(f, re)| {
        (*f != Form::Lookback)
            .then(|| re.captures(core))
            .flatten()
            .map(|c| (*f, c))
    }) else {
        return Err(Unresolved::new(
            Reason::Unreadable,
            format!("`{}` is not a date phrase I can read", raw.trim()),
        ));
    };
    let value = resolve(form, &caps, env, trace)?;
    Ok(match hedge {
        Some(h) if value.hedge != DateHedge::Before && value.hedge != DateHedge::After => {
            DateValue::new(value.first, value.last, value.granularity, h)
        }
        _ => value,
    })
}

fn resolve(form: Form, c: &Captures, env: &Env, trace: &mut Vec<String>) -> DateResult {
    match form {
        Form::MonthDay | Form::DayMonth => month_day(c, env, trace),
        Form::Iso => iso(c, trace),
        Form::MonthYear => {
            let (y, m) = (year_of(c)?, month_of(c)?);
            calendar::month(y, m, trace)
        }
        Form::MonthRelYear => {
            let y = calendar::relative_year(env, word(c, "rel"), trace)?;
            calendar::month(y, month_of(c)?, trace)
        }
        Form::Season => calendar::season(c, env, trace),
        Form::YearPart => calendar::year_part(year_of(c)?, word(c, "part"), trace),
        Form::Decade => calendar::decade(number(c, "dec")?, trace),
        Form::Year => calendar::year(year_of(c)?, trace),
        Form::Ago => ago(c, env, trace),
        Form::Weekdays => calendar::weekdays(c, env, trace),
        Form::Relative => calendar::relative(c, env, trace),
        Form::BareMonth => calendar::nearest_month(month_of(c)?, env, trace),
        Form::Lookback => lookback(c, env, trace),
    }
}

type DateResult = Result<DateValue, Unresolved>;

/// The day a phrase with a part of the day names: "this morning" and "tonight" are today,
/// "last night" is yesterday; "early", "late", "the morning of" and a trailing "morning",
/// "night" are read past (the day is what claims compare). `text` is cleaned.
fn day_of_part(text: &str, trace: &mut Vec<String>) -> String {
    const PARTS: [&str; 4] = ["morning", "afternoon", "evening", "night"];
    let whole = match text {
        "this morning" | "this afternoon" | "this evening" | "tonight" => Some("today"),
        "last night" => Some("yesterday"),
        _ => None,
    };
    if let Some(day) = whole {
        trace.push(format!("\"{text}\" is a part of {day}: the day is {day}"));
        return day.to_string();
    }
    let mut core = text;
    for lead in ["early ", "late "] {
        if let Some(rest) = core.strip_prefix(lead) {
            let day_follows = rest.starts_with("on ")
                || WEEKDAYS
                    .iter()
                    .chain(&["today", "yesterday", "tomorrow"])
                    .any(|d| rest.starts_with(d));
            if day_follows {
                core = rest;
            }
        }
    }
    for part in PARTS {
        for lead in [format!("on the {part} of "), format!("the {part} of ")] {
            if let Some(rest) = core.strip_prefix(lead.as_str()) {
                core = rest;
            }
        }
        if let Some(rest) = core.strip_suffix(&format!(" {part}")) {
            core = rest;
        }
    }
    if core != text {
        trace.push(format!(
            "\"{text}\" names a part of a day: the day is \"{core}\""
        ));
    }
    core.to_string()
}

/// Lower case, one space between words, no trailing punctuation or possessive.
fn clean(raw: &str) -> String {
    let text = raw
        .to_lowercase()
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.trim_end_matches([',', ';', ':', '!', '?']);
    let text = text.strip_suffix("'s").unwrap_or(text);
    text.to_string()
}

/// Strips leading words: "since", "after", "before", "about" set the hedge; "on", "in",
/// "during" keep the meaning. "in" before a bare month is part of the month form.
fn split_leads<'a>(mut text: &'a str, trace: &mut Vec<String>) -> (Option<DateHedge>, &'a str) {
    const LEAD_WORDS: &[(&str, Option<DateHedge>)] = &[
        ("since ", Some(DateHedge::Since)),
        ("after ", Some(DateHedge::After)),
        ("before ", Some(DateHedge::Before)),
        ("prior to ", Some(DateHedge::Before)),
        ("about ", Some(DateHedge::About)),
        ("around ", Some(DateHedge::About)),
        ("circa ", Some(DateHedge::About)),
        ("approximately ", Some(DateHedge::About)),
        ("roughly ", Some(DateHedge::About)),
        ("on ", None),
        ("during ", None),
        ("in ", None),
    ];
    let mut hedge = None;
    'strip: for _ in 0..3 {
        for (word, h) in LEAD_WORDS {
            if let Some(rest) = text.strip_prefix(word) {
                if *word == "in " && match_form(Form::BareMonth, text).is_some() {
                    break 'strip;
                }
                if let Some(h) = h {
                    trace.push(format!("\"{}\" {}", word.trim(), hedge_meaning(*h)));
                    hedge = hedge.or(Some(*h));
                }
                text = rest;
                continue 'strip;
            }
        }
        break;
    }
    (hedge, text)
}

fn hedge_meaning(h: DateHedge) -> &'static str {
    match h {
        DateHedge::Since => {
            "names the reference point: the stated date itself (the last time, or the start)"
        }
        DateHedge::After => "allows any day after the stated date",
        DateHedge::Before => "allows any day before the stated date",
        DateHedge::About => "widens the date by its granularity",
        DateHedge::On | DateHedge::Span => "keeps the stated days",
    }
}

fn month_day(c: &Captures, env: &Env, trace: &mut Vec<String>) -> DateResult {
    let m = month_of(c)?;
    let d1 = day_of(c, "d1")?;
    let d2 = c.name("d2").map(|_| day_of(c, "d2")).transpose()?;
    let year = match (c.name("y"), word(c, "tu").to_lowercase().as_str()) {
        (Some(_), _) => year_of(c)?,
        (None, "year") => calendar::relative_year(env, word(c, "tr"), trace)?,
        (None, "") => calendar::nearest_year(m, d1, env, trace)?,
        (None, unit) => {
            return Err(Unresolved::new(
                Reason::Ambiguous,
                format!(
                    "a day of a month followed by \"{} {unit}\" cannot be read with confidence",
                    word(c, "tr")
                ),
            ))
        }
    };
    let value = calendar::days(year, m, d1, d2, trace)?;
    let named = word(c, "lw");
    let actual = value.first.strftime("%A").to_string();
    if !named.is_empty() && !named.eq_ignore_ascii_case(&actual) {
        let mut named = named.to_string();
        named[..1].make_ascii_uppercase();
        return Err(Unresolved::new(
            Reason::ImpossibleDate,
            format!(
                "{named}, {} {d1}: {} is a {actual}",
                month_name(m),
                value.first
            ),
        ));
    }
    Ok(value)
}

fn month_name(m: i8) -> &'static str {
    MONTHS[usize::try_from(m - 1).unwrap_or_default() % 12]
}

fn iso(c: &Captures, trace: &mut Vec<String>) -> DateResult {
    let (y, m, d) = (number(c, "iy")?, number(c, "im")?, number(c, "id")?);
    let date = Date::new(y as i16, m as i8, d as i8).map_err(|_| {
        Unresolved::new(
            Reason::ImpossibleDate,
            format!("{y:04}-{m:02}-{d:02} is not a calendar day"),
        )
    })?;
    trace.push("ISO 8601 day".to_string());
    Ok(DateValue::new(date, date, Granularity::Day, DateHedge::On))
}

/// "seven years ago", "more than two years ago", "a decade ago".
fn ago(c: &Captures, env: &Env, trace: &mut Vec<String>) -> DateResult {
    let published = calendar::published(env, "a date counted back from publication")?;
    let amount = calendar::amount(word(c, "n"), word(c, "u"), trace)?;
    let hedge = word(c, "h");
    calendar::counted_from(published, -1, amount, hedge, trace)
}

/// "in more than two years" (the first … in more than two years): counted back from
/// publication in the past tense, forward in the future tense.
fn lookback(c: &Captures, env: &Env, trace: &mut Vec<String>) -> DateResult {
    let published = calendar::published(env, "a span counted from publication")?;
    let amount = calendar::amount(word(c, "n"), word(c, "u"), trace)?;
    let unit = word(c, "u").to_lowercase();
    if unit.starts_with("day") || unit.starts_with("week") {
        if env.tense != calendar::Tense::Future {
            return Err(Unresolved::new(Reason::Ambiguous, format!(
                "\"in {} {unit}\" counts forward from publication; in the past tense it is not a date",
                word(c, "n")
            )));
        }
        trace.push("future tense: \"in N days\" counts forward, approximately".into());
        let amount = calendar::amount(word(c, "n"), &unit, trace)?;
        let hedge = match word(c, "h") {
            "" => "about",
            h => h,
        };
        return calendar::counted_from(published, 1, amount, hedge, trace);
    }
    let direction = if env.tense == calendar::Tense::Future {
        trace.push("future tense: \"in N\" counts forward from publication".into());
        1
    } else {
        trace.push(
            "\"in N\" (\"the first in N years\") counts back from publication: the last time was N ago"
                .into(),
        );
        -1
    };
    calendar::counted_from(published, direction, amount, word(c, "h"), trace)
}

/// The text of a capture, or "".
fn year_of(c: &Captures) -> Result<i16, Unresolved> {
    let name = if c.name("y").is_some() { "y" } else { "sy" };
    let y = number(c, name)?;
    i16::try_from(y)
        .map_err(|_| Unresolved::new(Reason::OutOfRange, format!("{y} is out of range")))
}

fn day_of(c: &Captures, name: &str) -> Result<i8, Unresolved> {
    let d = number(c, name)?;
    i8::try_from(d).map_err(|_| {
        Unresolved::new(
            Reason::ImpossibleDate,
            format!("{d} is not a day of the month"),
        )
    })
}

fn month_of(c: &Captures) -> Result<i8, Unresolved> {
    calendar::month_number(word(c, "m")).ok_or_else(|| {
        Unresolved::new(
            Reason::ImpossibleDate,
            format!("`{}` is not a month", word(c, "m")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Relation, Tolerance};
    use jiff::civil::date;
    use regex::Regex;

    const PUBLISHED: Date = Date::constant(2022, 1, 12);

    fn env() -> Env {
        Env {
            published: Some(PUBLISHED),
            tense: calendar::Tense::Past,
        }
    }

    fn read(text: &str) -> DateValue {
        parse_date(text, &env(), &mut Vec::new()).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn days(text: &str) -> (String, String) {
        let v = read(text);
        (v.first.to_string(), v.last.to_string())
    }

    fn day(text: &str) -> String {
        let (first, last) = days(text);
        assert_eq!(first, last, "{text} is one day");
        first
    }

    #[test]
    fn absolute_days() {
        assert_eq!(day("January 12, 2022"), "2022-01-12");
        assert_eq!(day("12 January 2022"), "2022-01-12");
        assert_eq!(day("Wednesday, January 12, 2022"), "2022-01-12");
        assert_eq!(day("2022-01-12"), "2022-01-12");
    }

    #[test]
    fn days_without_a_year_take_the_most_recent_year_in_the_past_tense() {
        assert_eq!(day("on Jan. 12"), "2022-01-12");
        assert_eq!(day("12 January"), "2022-01-12");
        assert_eq!(day("On Jan. 10"), "2022-01-10");
        assert_eq!(day("on Jan. 13"), "2021-01-13");
        assert_eq!(days("in May"), ("2021-05-01".into(), "2021-05-31".into()));
        assert_eq!(
            days("in January"),
            ("2022-01-01".into(), "2022-01-31".into())
        );
        let future = Env {
            published: Some(date(2022, 1, 12)),
            tense: calendar::Tense::Future,
        };
        let v = parse_date("in May", &future, &mut Vec::new()).unwrap();
        assert_eq!(v.first, date(2022, 5, 1));
        let v = parse_date("on Jan. 13", &future, &mut Vec::new()).unwrap();
        assert_eq!(v.first, date(2022, 1, 13));
        assert_eq!(day("Dec. 20"), "2021-12-20");
        assert_eq!(
            days("in October"),
            ("2021-10-01".into(), "2021-10-31".into())
        );
    }

    #[test]
    fn a_weekday_that_does_not_match_the_date_is_unresolved() {
        let err = parse_date("Tuesday, January 12, 2022", &env(), &mut Vec::new()).unwrap_err();
        assert_eq!(err.reason, Reason::ImpossibleDate);
        assert_eq!(
            err.to_string(),
            "Tuesday, January 12: 2022-01-12 is a Wednesday"
        );
        let err = parse_date("on Monday, February 7", &env(), &mut Vec::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Monday, February 7: 2021-02-07 is a Sunday"
        );
        let v = parse_date("Wednesday, January 12, 2022", &env(), &mut Vec::new()).unwrap();
        assert_eq!(v.first, date(2022, 1, 12));
    }

    #[test]
    fn a_period_after_the_day_says_which_one() {
        assert_eq!(day("on Jan. 5 last year"), "2021-01-05");
        assert_eq!(day("5 January this year"), "2022-01-05");
        assert_eq!(day("on Monday last week"), "2022-01-03");
        assert_eq!(day("Friday next week"), "2022-01-21");
        assert_eq!(day("on Monday this week"), "2022-01-10");
        let err = parse_date("on Monday last month", &env(), &mut Vec::new()).unwrap_err();
        assert_eq!(err.reason, Reason::Ambiguous, "{err}");
        let re =
            regex::Regex::new(&format!("(?i)struck(?: \\w+){{0,3}}? {}", date_regex())).unwrap();
        let found = |t: &str| re.find(t).map(|m| m.as_str().to_string());
        assert_eq!(
            found("struck on Jan. 5 last year").as_deref(),
            Some("struck on Jan. 5 last year")
        );
        assert_eq!(
            found("struck the city on Monday last week").as_deref(),
            Some("struck the city on Monday last week")
        );
    }

    #[test]
    fn in_n_days_counts_forward_and_only_in_the_future_tense() {
        let err = parse_date("in 12 days", &env(), &mut Vec::new()).unwrap_err();
        assert_eq!(err.reason, Reason::Ambiguous, "{err}");
        assert!(err.detail.contains("counts forward"), "{err}");
        let future = Env {
            published: Some(date(2022, 1, 12)),
            tense: calendar::Tense::Future,
        };
        let v = parse_date("in 12 days", &future, &mut Vec::new()).unwrap();
        assert_eq!(v.first, date(2022, 1, 24));
        assert!(v.approx);
        let v = parse_date("in two years", &env(), &mut Vec::new()).unwrap();
        assert!(v.first < date(2022, 1, 12));
    }

    #[test]
    fn months_years_and_parts_of_years() {
        let v = read("July 2019");
        assert_eq!((v.first, v.last), (date(2019, 7, 1), date(2019, 7, 31)));
        assert_eq!(v.granularity, Granularity::Month);
        assert_eq!(read("2019").granularity, Granularity::Year);
        assert_eq!(read("in 2014").first, date(2014, 1, 1));
        assert_eq!(days("mid-2019"), ("2019-05-01".into(), "2019-08-31".into()));
        assert_eq!(read("the 1990s").granularity, Granularity::Decade);
        assert_eq!(read("In October 2021").first, date(2021, 10, 1));
    }

    #[test]
    fn weekdays_are_the_most_recent_on_or_before_publication() {
        assert_eq!(day("Wednesday"), "2022-01-12");
        assert_eq!(day("on Wednesday"), "2022-01-12");
        assert_eq!(day("on Monday"), "2022-01-10");
        assert_eq!(day("On Thursday"), "2022-01-06");
        assert_eq!(day("last Wednesday"), "2022-01-05");
        assert_eq!(day("next Monday"), "2022-01-17");
    }

    #[test]
    fn future_tense_claims_point_weekdays_forward() {
        let future = Env {
            tense: calendar::Tense::Future,
            ..env()
        };
        let v = parse_date("On Thursday", &future, &mut Vec::new()).unwrap();
        assert_eq!(v.first, date(2022, 1, 13));
        let v = parse_date("on Wednesday", &future, &mut Vec::new()).unwrap();
        assert_eq!(v.first, PUBLISHED);
    }

    #[test]
    fn spans_of_days() {
        let v = read("On Sunday and Monday");
        assert_eq!((v.first, v.last), (date(2022, 1, 9), date(2022, 1, 10)));
        assert_eq!(v.hedge, DateHedge::Span);
        assert_eq!(
            days("January 9-10"),
            ("2022-01-09".into(), "2022-01-10".into())
        );
        assert_eq!(read("January 9-10").hedge, DateHedge::Span);
    }

    #[test]
    fn relative_periods() {
        assert_eq!(
            days("last year"),
            ("2021-01-01".into(), "2021-12-31".into())
        );
        assert_eq!(
            days("in October last year"),
            ("2021-10-01".into(), "2021-10-31".into())
        );
        assert_eq!(
            days("last fall"),
            ("2021-09-01".into(), "2021-11-30".into())
        );
        assert_eq!(
            days("this week"),
            ("2022-01-10".into(), "2022-01-16".into())
        );
        assert_eq!(day("the day before"), "2022-01-11");
        assert_eq!(day("yesterday"), "2022-01-11");
        assert_eq!(
            days("last month"),
            ("2021-12-01".into(), "2021-12-31".into())
        );
    }

    #[test]
    fn counted_back_from_publication_is_approximate() {
        let v = read("seven years ago");
        assert_eq!(v.first, date(2015, 1, 1));
        assert!(v.approx);
        assert_eq!(v.low, Some(date(2014, 1, 1)));
        let v = read("two decades ago");
        assert_eq!(v.first, date(2002, 1, 1));
        assert_eq!(
            (v.low, v.high),
            (Some(date(1997, 1, 1)), Some(date(2007, 12, 31)))
        );
        assert_eq!(read("a year ago").first, date(2021, 1, 1));
        let v = read("three days ago");
        assert_eq!((v.first, v.approx), (date(2022, 1, 9), false));
    }

    #[test]
    fn descriptions_name_the_precision() {
        assert_eq!(read("mid-2019").describe(), "mid-2019");
        assert_eq!(read("last fall").describe(), "autumn 2021");
        assert_eq!(read("two decades ago").describe(), "about 2002");
        assert_eq!(read("since July 2019").describe(), "since July 2019");
        assert_eq!(
            read("On Sunday and Monday").describe(),
            "2022-01-09 to 2022-01-10"
        );
    }

    #[test]
    fn since_after_and_more_than_n_years() {
        let since = read("since 2019");
        assert_eq!(
            (since.hedge, since.first),
            (DateHedge::Since, date(2019, 1, 1))
        );
        assert_eq!(read("since July 2019").hedge, DateHedge::Since);
        let after = read("after 1997");
        assert_eq!((after.low, after.high), (Some(date(1998, 1, 1)), None));
        let before = read("in more than two years");
        assert_eq!(before.hedge, DateHedge::Before);
        assert_eq!((before.low, before.high), (None, Some(date(2020, 1, 11))));
        assert_eq!(read("more than two years ago").hedge, DateHedge::Before);
    }

    #[test]
    fn granularity_decides_same_and_conflict() {
        let t = Tolerance::default();
        assert_eq!(read("2019").relate(&read("July 2019"), &t), Relation::Same);
        assert_eq!(
            read("July 2019").relate(&read("2015"), &t),
            Relation::Conflict
        );
        assert_eq!(
            read("since 2019").relate(&read("in July 2019"), &t),
            Relation::Same
        );
        assert_eq!(
            read("in more than two years").relate(&read("July 2019"), &t),
            Relation::Same
        );
        assert_eq!(
            read("in 2014").relate(&read("seven years ago"), &t),
            Relation::Same
        );
        assert_eq!(
            read("last fall").relate(&read("in October last year"), &t),
            Relation::Same
        );
        assert_eq!(
            read("on Monday").relate(&read("On Sunday and Monday"), &t),
            Relation::Differ
        );
        assert_eq!(
            read("On Thursday").relate(&read("on Jan. 13"), &t),
            Relation::Conflict
        );
    }

    #[test]
    fn relative_dates_need_the_publication_day() {
        let none = Env::default();
        for text in [
            "on Wednesday",
            "last year",
            "seven years ago",
            "on Jan. 12",
            "last fall",
        ] {
            let err = parse_date(text, &none, &mut Vec::new()).unwrap_err();
            assert_eq!(err.reason, Reason::NoPublicationDate, "{text}: {err}");
        }
        assert!(parse_date("July 2019", &none, &mut Vec::new()).is_ok());
    }

    #[test]
    fn nonsense_is_unresolved() {
        for text in ["", "banana", "February 30, 2022", "2022-13-40"] {
            assert!(parse_date(text, &env(), &mut Vec::new()).is_err(), "{text}");
        }
    }

    #[test]
    fn a_part_of_the_day_names_its_day() {
        // Published on Wednesday 12 January 2022.
        for (text, expected) in [
            ("this morning", "2022-01-12"),
            ("tonight", "2022-01-12"),
            ("last night", "2022-01-11"),
            ("yesterday morning", "2022-01-11"),
            ("on Sunday night", "2022-01-09"),
            ("early Monday", "2022-01-10"),
            ("late on Tuesday", "2022-01-11"),
            ("on the morning of Jan. 5", "2022-01-05"),
        ] {
            assert_eq!(day(text), expected, "{text}");
        }
        // "late 2019" stays a part of a year.
        assert_eq!(read("late 2019").granularity, Granularity::YearPart);
        let re = Regex::new(&format!("(?i){}", date_regex())).unwrap();
        let found = |s: &str| re.find(s).map(|m| m.as_str().to_string());
        assert_eq!(
            found("The plane crashed this morning near the airport.").as_deref(),
            Some("this morning")
        );
        assert_eq!(
            found("It happened late on Friday night in the city.").as_deref(),
            Some("late on Friday night")
        );
    }

    #[test]
    fn the_block_regex_captures_whole_phrases_in_sentences() {
        let re = Regex::new(&format!("(?i){}", date_regex())).unwrap();
        let found = |s: &str| re.find(s).map(|m| m.as_str().to_string());
        let cases = [
            (
                "met in the capital on Jan. 12, 2022. (Photo)",
                "on Jan. 12, 2022",
            ),
            (
                "On Sunday and Monday, the envoy held",
                "On Sunday and Monday",
            ),
            ("the first since July 2019, is part", "since July 2019"),
            (
                "the first of its kind in more than two years.",
                "in more than two years",
            ),
            ("most recently in July 2019.", "in July 2019"),
            (
                "was withdrawn in October last year after",
                "in October last year",
            ),
            ("shuttered last fall.", "last fall"),
            ("set up two decades ago, but", "two decades ago"),
            ("members that joined the bloc after 1997 -", "after 1997"),
            ("annexed the peninsula seven years ago.", "seven years ago"),
            ("In October 2021, it suspended", "In October 2021"),
            ("talks on Monday in the city", "on Monday"),
        ];
        for (sentence, phrase) in cases {
            assert_eq!(found(sentence).as_deref(), Some(phrase), "{sentence}");
            assert!(
                parse_date(phrase, &env(), &mut Vec::new()).is_ok(),
                "{phrase}"
            );
        }
    }
}
