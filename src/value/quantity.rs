//! Hedged quantities ("more than 12,500", "nearly four", "between 10 and 15 billion",
//! "tens of thousands"): the stated figure, the hedge that qualifies it, and the interval the
//! true value may lie in. Counts are never negative.

pub(crate) use super::hedge::hedge_word;
use super::hedge::{
    hedge_regex, split_hedge, split_trailing_hedge, trailing_hedge_regex, Qualifier,
};
use super::interval::Interval;
use super::magnitude::{magnitude_regex, parse_magnitude};
use super::measure::Measure;
use super::number::{format_plain, number_regex, parse_number};
use super::share::{parse_share, percent_suffix_regex, share_regex, strip_percent};
use super::unresolved::{Reason, Unresolved};

/// The regex (no captures) for a hedged quantity.
pub(crate) fn quantity_regex() -> String {
    let n = number_regex();
    let hedges = hedge_regex();
    let mags = magnitude_regex();
    let share = share_regex();
    let pct = percent_suffix_regex();
    let cur = r"(?:(?:US)?[$€£]\s?)?";
    let trailing = trailing_hedge_regex();
    format!(
        r"{cur}(?-u:\b)(?:(?:between|from)\s+{cur}{n}\s+(?:and|to)\s+{cur}{n}{pct}?|(?:(?:{hedges})\s+)?(?:{share}|{cur}{n}(?:\s*(?:-|–|—|to\s)\s*{cur}{n})?{pct}?{trailing}?)|{mags})"
    )
}

/// Parses a hedged quantity; `floor` is the smallest possible value (0 for counts).
pub(crate) fn parse_quantity(
    raw: &str,
    floor: f64,
    trace: &mut Vec<String>,
) -> Result<Measure, Unresolved> {
    let text = collapse_space(&strip_currency(&raw.to_lowercase(), trace));
    let text = text.strip_suffix(" of").unwrap_or(&text).to_string();
    if let Some(pct) = strip_percent(&text) {
        trace.push("per cent: a share of a whole, never the same figure as a count".into());
        let mut m = parse_quantity(pct, floor, trace)?;
        m.share = true;
        return Ok(m);
    }
    if let Some(m) = parse_magnitude(&text, trace) {
        return Ok(m);
    }
    if let Some(rest) = text.strip_prefix("between ") {
        if let Some((a, b)) = rest.split_once(" and ") {
            return parse_range(a, b, trace);
        }
    }
    if let Some((a, b)) = text
        .strip_prefix("from ")
        .and_then(|r| r.split_once(" to "))
    {
        return parse_range(a, b, trace);
    }
    let (qualifier, figure) = match split_trailing_hedge(&text, trace) {
        Some((q, figure)) => (q, figure),
        None => split_hedge(&text, trace),
    };
    if let Some(pct) = parse_share(figure, trace) {
        let mut m = Measure::hedged(pct?, qualifier, floor);
        m.share = true;
        return Ok(m);
    }
    if let Some((a, b)) = split_range(figure) {
        let m = parse_range(a, b, trace)?;
        return Ok(hedge_range(m, qualifier, trace));
    }
    let x = parse_number(figure, trace)?;
    Ok(Measure::hedged(x, qualifier, floor))
}

/// "$10 to $15 billion" → "10 to 15 billion": the claim's unit says what is counted.
fn strip_currency(text: &str, trace: &mut Vec<String>) -> String {
    if !text.contains(['$', '€', '£']) {
        return text.to_string();
    }
    trace.push("currency signs dropped: the claim's unit says what is counted".into());
    text.replace("us$", "").replace(['$', '€', '£'], "")
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

fn parse_range(a: &str, b: &str, trace: &mut Vec<String>) -> Result<Measure, Unresolved> {
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
        return Err(Unresolved::new(
            Reason::Backwards,
            format!("the range `{a}`–`{b}` runs backwards"),
        ));
    }
    trace.push(format!(
        "range from {} to {}",
        format_plain(low),
        format_plain(high)
    ));
    Ok(Measure::range(low, high, false))
}

/// "some 2,000-3,000": an approximate hedge keeps the range approximate (each end ±10 %);
/// any other hedge on a range is not applied, and the trace says so.
fn hedge_range(mut m: Measure, qualifier: Qualifier, trace: &mut Vec<String>) -> Measure {
    match qualifier {
        Qualifier::Exact => {}
        Qualifier::Approximately => {
            let (low, high) = m.stated;
            m.interval = Interval::closed(low - low / 10.0, high + high / 10.0);
            m.approx = true;
            trace.push("the hedge makes the range approximate: each end ±10 %".into());
        }
        q => trace.push(format!(
            "the hedge \"{}\" is not applied to a range: the range is read as stated",
            hedge_word(q)
        )),
    }
    m
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

pub(super) fn collapse_space(text: &str) -> String {
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
        let m = q("more than 12,500");
        assert_eq!(m.qualifier, Qualifier::MoreThan);
        assert_eq!(m.interval.low, Some(12_500.0));
        assert!(m.interval.low_open);
        assert_eq!(m.interval.high, None);
    }

    #[test]
    fn hedges_map_to_their_qualifiers() {
        assert_eq!(q("at least 3,000").qualifier, Qualifier::AtLeast);
        assert_eq!(q("nearly four").qualifier, Qualifier::Nearly);
        assert_eq!(q("an estimated 80,000").qualifier, Qualifier::Approximately);
        assert_eq!(q("some 80,000").qualifier, Qualifier::Approximately);
        assert_eq!(q("up to 500").qualifier, Qualifier::UpTo);
        assert_eq!(q("80,000").qualifier, Qualifier::Exact);
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
            found("in which more than 12,500 people").as_deref(),
            Some("more than 12,500")
        );
        assert_eq!(
            found("gathered an estimated 80,000 fans").as_deref(),
            Some("an estimated 80,000")
        );
        assert_eq!(found("after eight of its staff").as_deref(), Some("eight"));
        assert_eq!(
            found("between 10 and 15 billion").as_deref(),
            Some("between 10 and 15 billion")
        );
        assert_eq!(
            found("tens of thousands of fans").as_deref(),
            Some("tens of thousands")
        );
    }

    #[test]
    fn every_hedge_of_the_issue_has_its_qualifier() {
        let cases = [
            ("more than 50", Qualifier::MoreThan),
            ("over 50", Qualifier::MoreThan),
            ("above 50", Qualifier::MoreThan),
            ("at least 50", Qualifier::AtLeast),
            ("fewer than 50", Qualifier::LessThan),
            ("under 50", Qualifier::LessThan),
            ("up to 50", Qualifier::UpTo),
            ("at most 50", Qualifier::AtMost),
            ("nearly 50", Qualifier::Nearly),
            ("almost 50", Qualifier::Nearly),
            ("just under 50", Qualifier::Nearly),
            ("close to 50", Qualifier::Nearly),
            ("about 50", Qualifier::Approximately),
            ("around 50", Qualifier::Approximately),
            ("roughly 50", Qualifier::Approximately),
            ("some 50", Qualifier::Approximately),
            ("an estimated 50", Qualifier::Approximately),
            ("approximately 50", Qualifier::Approximately),
        ];
        for (text, qualifier) in cases {
            assert_eq!(q(text).qualifier, qualifier, "{text}");
            assert_eq!(q(text).stated.0, 50.0, "{text}");
        }
    }

    #[test]
    fn hedges_after_the_figure() {
        assert_eq!(q("30 or more").qualifier, Qualifier::AtLeast);
        assert_eq!(q("30 or fewer").qualifier, Qualifier::AtMost);
        assert_eq!(q("a dozen or so").qualifier, Qualifier::Approximately);
        assert_eq!(q("a dozen or so").stated.0, 12.0);
        assert_eq!(q("80,000-plus").stated.0, 80_000.0);
        let re = Regex::new(&format!("(?i){}", quantity_regex())).unwrap();
        let found = |s: &str| re.find(s).map(|m| m.as_str().to_string());
        assert_eq!(found("30 or more people").as_deref(), Some("30 or more"));
        assert_eq!(
            found("an 80,000-plus crowd").as_deref(),
            Some("80,000-plus")
        );
    }

    #[test]
    fn money_ranges_share_the_scale_and_drop_the_currency() {
        assert_eq!(q("$10 to $15 billion").stated, (10e9, 15e9));
        assert_eq!(q("3.5bn").stated.0, 3.5e9);
        assert_eq!(q("from 10 to 15 million").stated, (10e6, 15e6));
    }

    #[test]
    fn shares_are_per_cent() {
        let m = q("nine in ten");
        assert_eq!(m.stated.0, 90.0);
        assert!(m.share);
        assert_eq!(q("a quarter").stated.0, 25.0);
        let m = q("almost 30 per cent");
        assert_eq!(
            (m.stated.0, m.qualifier, m.share),
            (30.0, Qualifier::Nearly, true)
        );
    }

    #[test]
    fn a_pattern_reads_the_whole_figure_or_leaves_it_unresolved() {
        let pattern = format!(
            "(?i)({}) (?:of )?people (?:were |have been )?killed",
            quantity_regex()
        );
        let re = Regex::new(&pattern).unwrap();
        let read = |t: &str| {
            let caps = re.captures(t).unwrap();
            parse_quantity(&caps[1], 0.0, &mut Vec::new())
        };
        let m = read("More than 5 000 people were killed").unwrap();
        assert_eq!((m.stated.0, m.qualifier), (5_000.0, Qualifier::MoreThan));
        assert_eq!(
            read("a quarter of a million people were killed")
                .unwrap()
                .stated
                .0,
            250_000.0
        );
        assert_eq!(
            read("Tens of people were killed").unwrap().stated,
            (10.0, 100.0)
        );
        for t in [
            "2,5 million people were killed",
            "1,2345 people were killed",
            "1 1/2 million people were killed",
            "11.000 people were killed",
            "10,00 people were killed",
        ] {
            assert!(read(t).is_err(), "{t}");
        }
        assert_eq!(read("in 2014 200 people killed").unwrap().stated.0, 200.0);
    }

    #[test]
    fn an_approximate_hedge_on_a_range_is_kept() {
        let mut trace = Vec::new();
        let m = parse_quantity("some 2,000-3,000", 0.0, &mut trace).unwrap();
        assert_eq!(m.stated, (2_000.0, 3_000.0));
        assert!(m.approx);
        assert_eq!(m.interval.low, Some(1_800.0));
        assert_eq!(m.interval.high, Some(3_300.0));
        assert_eq!(m.describe_with(format_plain), "about 2,000–3,000");
        let mut trace = Vec::new();
        parse_quantity("more than 2,000-3,000", 0.0, &mut trace).unwrap();
        assert!(trace.iter().any(|t| t.contains("not applied")), "{trace:?}");
    }

    #[test]
    fn vague_magnitudes_of() {
        assert_eq!(q("hundreds of").stated, (100.0, 1000.0));
        assert_eq!(q("thousands of").stated, (1000.0, 10_000.0));
        assert_eq!(q("tens of thousands of").stated, (10_000.0, 100_000.0));
    }

    #[test]
    fn regex_takes_money_shares_and_per_cent() {
        let re = Regex::new(&format!("(?i){}", quantity_regex())).unwrap();
        let found = |s: &str| re.find(s).map(|m| m.as_str().to_string());
        assert_eq!(
            found("costs $10 to $15 billion a year").as_deref(),
            Some("$10 to $15 billion")
        );
        assert_eq!(found("nine in ten voters").as_deref(), Some("nine in ten"));
        assert_eq!(
            found("almost 30 per cent of").as_deref(),
            Some("almost 30 per cent")
        );
        assert_eq!(found("hundreds of people").as_deref(), Some("hundreds"));
    }

    #[test]
    fn interval_contains_the_stated_figure_for_closed_hedges() {
        for text in ["about 50", "at least 50", "up to 50", "50", "exactly 50"] {
            let m = q(text);
            assert!(m.interval.contains(m.stated.0), "{text}");
        }
    }
}
