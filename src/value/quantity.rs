//! Hedged quantities ("more than 13,000", "nearly four", "between 10 and 15 billion",
//! "tens of thousands"): the stated figure, the hedge that qualifies it, and the interval the
//! true value may lie in.
//!
//! Conventions (documented in `docs/values.md`): approximate hedges ("about", "around",
//! "some", "an estimated") allow ±10 %; "nearly"/"almost" mean at most 10 % below and never
//! above; "just over" at most 10 % above. Counts are never negative.

use serde::{Deserialize, Serialize};

use super::interval::Interval;
use super::number::{format_plain, number_regex, parse_number};

/// How a figure is qualified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// A bare figure.
    Exact,
    /// "more than", "over", "above": excluded lower bound.
    MoreThan,
    /// "at least", "no fewer than": included lower bound.
    AtLeast,
    /// "just over": a little above.
    JustOver,
    /// "fewer than", "under", "below": excluded upper bound.
    LessThan,
    /// "at most", "no more than": included upper bound.
    AtMost,
    /// "up to", "as many as": included upper bound, stressing the size.
    UpTo,
    /// "nearly", "almost", "just under", "close to": a little below.
    Nearly,
    /// "about", "around", "some", "an estimated", "roughly": either side.
    Approximately,
    /// "between X and Y", "X-Y", "X to Y".
    Range,
    /// "hundreds", "thousands", "tens of thousands": an order of magnitude.
    Vague,
}

/// Hedge phrases and their qualifiers; longer phrases first so they win.
const HEDGES: &[(&str, Qualifier)] = &[
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("no more than", Qualifier::AtMost),
    ("in excess of", Qualifier::MoreThan),
    ("an estimated", Qualifier::Approximately),
    ("approximately", Qualifier::Approximately),
    ("as many as", Qualifier::UpTo),
    ("upwards of", Qualifier::MoreThan),
    ("more than", Qualifier::MoreThan),
    ("fewer than", Qualifier::LessThan),
    ("less than", Qualifier::LessThan),
    ("just under", Qualifier::Nearly),
    ("just below", Qualifier::Nearly),
    ("just over", Qualifier::JustOver),
    ("just above", Qualifier::JustOver),
    ("estimated", Qualifier::Approximately),
    ("at least", Qualifier::AtLeast),
    ("close to", Qualifier::Nearly),
    ("precisely", Qualifier::Exact),
    ("at most", Qualifier::AtMost),
    ("roughly", Qualifier::Approximately),
    ("exactly", Qualifier::Exact),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("around", Qualifier::Approximately),
    ("about", Qualifier::Approximately),
    ("up to", Qualifier::UpTo),
    ("above", Qualifier::MoreThan),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("some", Qualifier::Approximately),
    ("over", Qualifier::MoreThan),
];

/// Vague magnitudes and the intervals they stand for (upper bound excluded).
const MAGNITUDES: &[(&str, f64, f64)] = &[
    ("hundreds of thousands", 1e5, 1e6),
    ("tens of thousands", 1e4, 1e5),
    ("hundreds of millions", 1e8, 1e9),
    ("tens of millions", 1e7, 1e8),
    ("dozens", 24.0, 100.0),
    ("scores", 40.0, 100.0),
    ("hundreds", 1e2, 1e3),
    ("thousands", 1e3, 1e4),
    ("millions", 1e6, 1e7),
    ("billions", 1e9, 1e10),
];

/// A numeric value with its meaning: what was stated, how it was hedged, what it allows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// The stated figure, or both ends of a stated range (equal for a single figure).
    pub stated: (f64, f64),
    /// The hedge.
    pub qualifier: Qualifier,
    /// Where the true value may lie.
    pub interval: Interval,
    /// The hedge makes the figure approximate.
    pub approx: bool,
}

impl Measure {
    /// A measure for `stated` qualified by `qualifier`; `floor` is the smallest possible value.
    pub fn hedged(stated: f64, qualifier: Qualifier, floor: f64) -> Self {
        let open = |low: Option<f64>, high: Option<f64>, low_open, high_open| Interval {
            low,
            high,
            low_open,
            high_open,
        };
        let x = stated;
        let interval = match qualifier {
            Qualifier::Exact | Qualifier::Range | Qualifier::Vague => Interval::point(x),
            Qualifier::MoreThan => open(Some(x), None, true, false),
            Qualifier::AtLeast => open(Some(x), None, false, false),
            Qualifier::JustOver => open(Some(x), Some(x * 1.1), true, false),
            Qualifier::LessThan => open(Some(floor), Some(x), false, true),
            Qualifier::AtMost | Qualifier::UpTo => Interval::closed(floor, x),
            Qualifier::Nearly => open(Some(x * 0.9), Some(x), false, true),
            Qualifier::Approximately => Interval::closed(x * 0.9, x * 1.1),
        };
        let approx = matches!(
            qualifier,
            Qualifier::JustOver | Qualifier::Nearly | Qualifier::Approximately | Qualifier::Vague
        );
        Measure {
            stated: (x, x),
            qualifier,
            interval,
            approx,
        }
    }

    /// A stated range `[low, high]`; `vague` excludes the upper end.
    pub fn range(low: f64, high: f64, vague: bool) -> Self {
        let mut interval = Interval::closed(low, high);
        interval.high_open = vague;
        Measure {
            stated: (low, high),
            qualifier: if vague {
                Qualifier::Vague
            } else {
                Qualifier::Range
            },
            interval,
            approx: vague,
        }
    }

    /// The measure as a reader would say it, with `fmt` formatting each figure.
    pub fn describe_with(&self, fmt: impl Fn(f64) -> String) -> String {
        let (a, b) = self.stated;
        match self.qualifier {
            Qualifier::Range => format!("{}–{}", fmt(a), fmt(b)),
            Qualifier::Vague => format!("{}–{} (order of magnitude)", fmt(a), fmt(b)),
            Qualifier::Exact => fmt(a),
            q => format!("{} {}", hedge_word(q), fmt(a)),
        }
    }
}

/// The canonical phrase for a qualifier.
pub fn hedge_word(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "exactly",
        Qualifier::MoreThan => "more than",
        Qualifier::AtLeast => "at least",
        Qualifier::JustOver => "just over",
        Qualifier::LessThan => "fewer than",
        Qualifier::AtMost => "at most",
        Qualifier::UpTo => "up to",
        Qualifier::Nearly => "nearly",
        Qualifier::Approximately => "about",
        Qualifier::Range => "between",
        Qualifier::Vague => "some order of",
    }
}

/// The regex (no captures) for a hedged quantity.
pub fn quantity_regex() -> String {
    let n = number_regex();
    let hedges: Vec<&str> = HEDGES.iter().map(|(h, _)| *h).collect();
    let hedges = hedges.join("|").replace(' ', r"\s+");
    let mags: Vec<&str> = MAGNITUDES.iter().map(|(m, _, _)| *m).collect();
    let mags = mags.join("|").replace(' ', r"\s+");
    format!(
        r"(?-u:\b)(?:between\s+{n}\s+and\s+{n}|(?:(?:{hedges})\s+)?{n}(?:\s*(?:-|–|—|to\s)\s*{n})?|(?:{mags})(?-u:\b))"
    )
}

/// Parses a hedged quantity; `floor` is the smallest possible value (0 for counts).
pub fn parse_quantity(raw: &str, floor: f64, trace: &mut Vec<String>) -> Result<Measure, String> {
    let text = collapse_space(&raw.to_lowercase());
    if let Some(m) = MAGNITUDES.iter().find(|(m, _, _)| *m == text) {
        trace.push(format!(
            "vague magnitude \"{}\" spans [{}, {})",
            m.0,
            format_plain(m.1),
            format_plain(m.2)
        ));
        return Ok(Measure::range(m.1, m.2, true));
    }
    if let Some(rest) = text.strip_prefix("between ") {
        if let Some((a, b)) = rest.split_once(" and ") {
            return parse_range(a, b, trace);
        }
    }
    let (qualifier, figure) = split_hedge(&text, trace);
    if let Some((a, b)) = split_range(figure) {
        return parse_range(a, b, trace);
    }
    let x = parse_number(figure, trace)?;
    Ok(Measure::hedged(x, qualifier, floor))
}

fn split_hedge<'a>(text: &'a str, trace: &mut Vec<String>) -> (Qualifier, &'a str) {
    for (hedge, q) in HEDGES {
        if let Some(rest) = text.strip_prefix(hedge).and_then(|r| r.strip_prefix(' ')) {
            trace.push(format!("hedge \"{hedge}\" means {}", hedge_word(*q)));
            return (*q, rest);
        }
    }
    trace.push("no hedge: the figure is exact".to_string());
    (Qualifier::Exact, text)
}

/// Splits "10-15", "10 to 15 billion"; a hyphen only between digits ("thirty-eight" is one).
fn split_range(text: &str) -> Option<(&str, &str)> {
    if let Some((a, b)) = text.split_once(" to ") {
        return Some((a, b));
    }
    for sep in ['–', '—', '-'] {
        if let Some((a, b)) = text.split_once(sep) {
            let a = a.trim();
            let b = b.trim();
            let digit_ends = a.ends_with(|c: char| c.is_ascii_digit() || c.is_alphabetic())
                && a.starts_with(|c: char| c.is_ascii_digit())
                && b.starts_with(|c: char| c.is_ascii_digit());
            if digit_ends {
                return Some((a, b));
            }
        }
    }
    None
}

fn parse_range(a: &str, b: &str, trace: &mut Vec<String>) -> Result<Measure, String> {
    let high = parse_number(b, trace)?;
    let mut low = parse_number(a, trace)?;
    let b_plain = parse_number(leading_figure(b), &mut Vec::new()).unwrap_or(high);
    let a_has_scale = leading_figure(a).len() != a.trim().len();
    if !a_has_scale && b_plain != 0.0 && high / b_plain > 1.0 {
        let scale = high / b_plain;
        low *= scale;
        trace.push(format!(
            "the scale of the upper end applies to the lower end (× {})",
            format_plain(scale)
        ));
    }
    if low > high {
        return Err(format!("the range `{a}`–`{b}` runs backwards"));
    }
    trace.push(format!(
        "range from {} to {}",
        format_plain(low),
        format_plain(high)
    ));
    Ok(Measure::range(low, high, false))
}

/// The leading digits of a figure ("15" in "15 billion"), or the whole text for words.
fn leading_figure(text: &str) -> &str {
    let t = text.trim();
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return t;
    }
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(t.len());
    &t[..end]
}

fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn q(text: &str) -> Measure {
        parse_quantity(text, 0.0, &mut Vec::new()).unwrap()
    }

    #[test]
    fn more_than_is_an_open_lower_bound() {
        let m = q("more than 13,000");
        assert_eq!(m.qualifier, Qualifier::MoreThan);
        assert_eq!(m.interval.low, Some(13_000.0));
        assert!(m.interval.low_open);
        assert_eq!(m.interval.high, None);
    }

    #[test]
    fn hedges_map_to_their_qualifiers() {
        assert_eq!(q("at least 3,000").qualifier, Qualifier::AtLeast);
        assert_eq!(q("nearly four").qualifier, Qualifier::Nearly);
        assert_eq!(
            q("an estimated 100,000").qualifier,
            Qualifier::Approximately
        );
        assert_eq!(q("some 100,000").qualifier, Qualifier::Approximately);
        assert_eq!(q("up to 500").qualifier, Qualifier::UpTo);
        assert_eq!(q("100,000").qualifier, Qualifier::Exact);
    }

    #[test]
    fn nearly_stays_below_the_figure() {
        let m = q("almost 4");
        assert!(m.interval.contains(3.9));
        assert!(!m.interval.contains(4.0));
        assert!(m.approx);
    }

    #[test]
    fn ranges_share_the_scale() {
        let m = q("10 to 15 billion");
        assert_eq!(m.stated, (10e9, 15e9));
        let m = q("between 10 and 15");
        assert_eq!(m.stated, (10.0, 15.0));
        assert_eq!(q("10-15").stated, (10.0, 15.0));
        assert_eq!(q("thirty-eight").stated, (38.0, 38.0));
    }

    #[test]
    fn vague_magnitudes_are_intervals() {
        let m = q("tens of thousands");
        assert_eq!(m.stated, (10_000.0, 100_000.0));
        assert!(m.interval.high_open);
    }

    #[test]
    fn regex_finds_the_whole_hedged_figure() {
        let re = Regex::new(&format!("(?i){}", quantity_regex())).unwrap();
        let found = |s: &str| re.find(s).map(|m| m.as_str().to_string());
        assert_eq!(
            found("in which more than 13,000 people").as_deref(),
            Some("more than 13,000")
        );
        assert_eq!(
            found("massed an estimated 100,000 troops").as_deref(),
            Some("an estimated 100,000")
        );
        assert_eq!(found("after eight of its staff").as_deref(), Some("eight"));
        assert_eq!(
            found("between 10 and 15 billion").as_deref(),
            Some("between 10 and 15 billion")
        );
        assert_eq!(
            found("tens of thousands of troops").as_deref(),
            Some("tens of thousands")
        );
    }

    #[test]
    fn interval_contains_the_stated_figure_for_closed_hedges() {
        for text in ["about 50", "at least 50", "up to 50", "50", "exactly 50"] {
            let m = q(text);
            assert!(m.interval.contains(m.stated.0), "{text}");
        }
    }
}
