//! The shapes of date phrase the `{date}` block matches and the parser reads, built from one
//! set of regex fragments: without capture names for the block ([`date_regex`]), with them
//! for the parser (`parsers`), so that what the matcher captures, the parser reads.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::number::number_regex;
use super::unresolved::{Reason, Unresolved};

/// The shapes of date phrase the parser knows, most specific first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Form {
    Lookback,
    MonthDay,
    DayMonth,
    Iso,
    MonthYear,
    MonthRelYear,
    Season,
    YearPart,
    Decade,
    Year,
    Ago,
    Weekdays,
    Relative,
    BareMonth,
}

const MONTH: &str = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?:\.|(?-u:\b)))";
const DAY: &str = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?-u:\b)";
const YEAR: &str = r"(?:1[6-9][0-9]{2}|20[0-9]{2})(?-u:\b)";
const WEEKDAY: &str = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const SEASON: &str = r"(?:spring|summer|autumn|fall|winter)";
const UNIT: &str = r"(?:days?|weeks?|months?|years?|decades?|century|centuries)(?-u:\b)";
const DAY_SEP: &str = r"(?:\s*[-–—]\s*|\s+(?:and|to|through|until)\s+)";
const LIST_SEP: &str = r"(?:\s*[-–—,]\s*|\s*,?\s+(?:and|to|through|until)\s+)";
const AGO_HEDGE: &str = r"(?:more\s+than|over|nearly|almost|about|around|some|roughly|less\s+than|under|just\s+over|just\s+under)";
/// Words before a date that change or keep its meaning ("since 2019", "on Monday").
const LEADS: &str =
    r"(?:on|in|during|since|after|before|prior\s+to|about|around|circa|approximately|roughly)";

/// A part of the day before a date: "early Sunday", "late on Tuesday", "on the morning of
/// May 24". The day is what is compared; the parser reads past these words.
const DAY_PART_LEAD: &str =
    r"(?:early|late)\s+(?:on\s+)?|(?:on\s+)?the\s+(?:morning|afternoon|evening|night)\s+of\s+";
/// A part of the day after a date: "Friday night", "yesterday morning".
const DAY_PART_TAIL: &str = r"\s+(?:morning|afternoon|evening|night)(?-u:\b)";

/// The regex (no captures) for one date phrase, as the `{date}` block uses it.
pub(crate) fn date_regex() -> String {
    let (lookback, rest): (Vec<_>, Vec<_>) = forms(false)
        .into_iter()
        .partition(|(f, _)| *f == Form::Lookback);
    let alts = |v: Vec<(Form, String)>| v.into_iter().map(|(_, s)| s).collect::<Vec<_>>().join("|");
    format!(
        r"(?-u:\b)(?:{}|(?:{DAY_PART_LEAD})?(?:{LEADS}\s+){{0,3}}(?:{})(?:{DAY_PART_TAIL})?)",
        alts(lookback),
        alts(rest)
    )
}

/// The shapes of date phrase; `named` adds the capture names the parser reads.
pub(super) fn forms(named: bool) -> Vec<(Form, String)> {
    let g = |name: &str, body: &str| {
        if named {
            format!("(?P<{name}>{body})")
        } else {
            format!("(?:{body})")
        }
    };
    let n = number_regex();
    let num = g("n", &format!(r"{n}|an?"));
    let lead_weekday = format!(r"(?:{},?\s+)?", g("lw", WEEKDAY));
    let days = format!("{}(?:{DAY_SEP}{})?", g("d1", DAY), g("d2", DAY));
    let (m, y) = (g("m", MONTH), g("y", YEAR));
    // "on Jan. 5 last year", "on Monday last week": the period the day falls in.
    let tail = format!(
        r",?\s+{}\s+{}(?-u:\b)",
        g("tr", "last|this|next"),
        g("tu", "year|week|month")
    );
    vec![
        (
            Form::Lookback,
            format!(
                r"in\s+(?:the\s+(?:last|past)\s+)?(?:{}\s+)?{num}\s+{}",
                g("h", AGO_HEDGE),
                g("u", UNIT)
            ),
        ),
        (
            Form::MonthDay,
            format!(r"{lead_weekday}{m}\s+{days}(?:,?\s+{y}|{tail})?"),
        ),
        (
            Form::DayMonth,
            format!(r"{lead_weekday}(?:the\s+)?{days}\s+(?:of\s+)?{m}(?:,?\s+{y}|{tail})?"),
        ),
        (
            Form::Iso,
            format!(
                "{}-{}-{}",
                g("iy", "[0-9]{4}"),
                g("im", "[01][0-9]"),
                g("id", "[0-3][0-9]")
            ),
        ),
        (Form::MonthYear, format!(r"{m}(?:\s+of)?,?\s+{y}")),
        (
            Form::MonthRelYear,
            format!(r"{m}\s+{}\s+year(?-u:\b)", g("rel", "last|this|next")),
        ),
        (
            Form::Season,
            format!(
                r"{}\s+{}(?-u:\b)|{}(?:\s+of)?\s+{}",
                g("rel", "last|this|next"),
                g("s", SEASON),
                g("s2", SEASON),
                g("sy", YEAR)
            ),
        ),
        (
            Form::YearPart,
            format!(r"{}[\s-]+{y}", g("part", "early|mid|late")),
        ),
        (
            Form::Decade,
            format!(r"(?:the\s+)?{}s(?-u:\b)", g("dec", "1[6-9][0-9]0|20[0-9]0")),
        ),
        (Form::Year, y.clone()),
        (
            Form::Ago,
            format!(
                r"(?:{}\s+)?{num}[\s-]+{}\s+ago(?-u:\b)",
                g("h", AGO_HEDGE),
                g("u", UNIT)
            ),
        ),
        (
            Form::Weekdays,
            format!(
                r"(?:{}\s+)?{}(?-u:\b)(?:{tail})?",
                g("rel", "last|this|next"),
                g("wd", &format!("{WEEKDAY}(?:{LIST_SEP}{WEEKDAY})*"))
            ),
        ),
        (
            Form::Relative,
            g(
                "r",
                r"today|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)(?-u:\b)|tonight|last\s+night|the\s+day\s+before|the\s+previous\s+day|the\s+day\s+after|the\s+next\s+day|(?:this|last|next|(?:earlier|later)\s+this)\s+(?:week|month|year)(?-u:\b)|(?:last|this|next|over\s+the|at\s+the|the)\s+weekend(?-u:\b)",
            ),
        ),
        (Form::BareMonth, format!(r"(?:in\s+){m}")),
    ]
}

pub(super) fn parsers() -> &'static [(Form, Regex)] {
    static PARSERS: OnceLock<Vec<(Form, Regex)>> = OnceLock::new();
    PARSERS.get_or_init(|| {
        forms(true)
            .into_iter()
            .filter_map(|(f, s)| Regex::new(&format!("(?i)^(?:{s})$")).ok().map(|r| (f, r)))
            .collect()
    })
}

pub(super) fn match_form<'t>(form: Form, text: &'t str) -> Option<Captures<'t>> {
    parsers()
        .iter()
        .find(|(f, _)| *f == form)
        .and_then(|(_, re)| re.captures(text))
}

/// The text of capture group `name`, or "" when it did not take part.
pub(super) fn word<'t>(c: &Captures<'t>, name: &str) -> &'t str {
    c.name(name).map_or("", |m| m.as_str())
}

/// The digits of capture group `name` as a number.
pub(super) fn number(c: &Captures, name: &str) -> Result<i64, Unresolved> {
    let w = word(c, name);
    let digits: String = w.chars().filter(char::is_ascii_digit).collect();
    digits
        .parse()
        .map_err(|_| Unresolved::new(Reason::Unreadable, format!("`{w}` is not a number")))
}
