//! Vague magnitudes as intervals: "hundreds of" is [100, 1,000), "tens of thousands" is
//! [10^4, 10^5), "several hundred" is [300, 1,000), "a few thousand" is [2,000, 5,000].
//!
//! Upper ends of orders of magnitude are excluded ("hundreds" is fewer than a thousand).

use super::measure::Measure;
use super::number::format_plain;

/// Orders of magnitude and the intervals they stand for (upper bound excluded).
const MAGNITUDES: &[(&str, f64, f64)] = &[
    ("hundreds of thousands", 1e5, 1e6),
    ("tens of thousands", 1e4, 1e5),
    ("hundreds of millions", 1e8, 1e9),
    ("tens of millions", 1e7, 1e8),
    ("dozens", 24.0, 100.0),
    ("scores", 40.0, 100.0),
    ("tens", 10.0, 100.0),
    ("hundreds", 1e2, 1e3),
    ("thousands", 1e3, 1e4),
    ("millions", 1e6, 1e7),
    ("billions", 1e9, 1e10),
];

/// Quantifiers before a scale word: "several hundred" is 3 to fewer than 10 hundreds, "a few
/// thousand" 2 to 5 thousands. (low factor, high factor, high end excluded)
const QUANTIFIERS: &[(&str, f64, f64, bool)] =
    &[("several", 3.0, 10.0, true), ("a few", 2.0, 5.0, false)];

const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
];

/// The regex (no captures) for a vague magnitude. A following "of" is left to the pattern
/// ("{quantity} of troops"), so that "tens of thousands of combat-ready troops" does not
/// match a pattern written for "{quantity} troops"; the reader accepts it either way.
pub(crate) fn magnitude_regex() -> String {
    let mags: Vec<&str> = MAGNITUDES.iter().map(|(m, _, _)| *m).collect();
    let quants: Vec<&str> = QUANTIFIERS.iter().map(|(q, _, _, _)| *q).collect();
    let scales: Vec<&str> = SCALES.iter().map(|(s, _)| *s).collect();
    format!(
        r"(?:(?:{})|(?:{})\s+(?:{}))(?-u:\b)",
        mags.join("|"),
        quants.join("|"),
        scales.join("|")
    )
    .replace(' ', r"\s+")
}

/// Reads a vague magnitude (lower case, single spaces, no trailing "of"); `None` when `text`
/// is not one.
pub(crate) fn parse_magnitude(text: &str, trace: &mut Vec<String>) -> Option<Measure> {
    if let Some((m, low, high)) = MAGNITUDES.iter().find(|(m, _, _)| *m == text) {
        trace.push(format!(
            "vague magnitude \"{m}\" spans [{}, {})",
            format_plain(*low),
            format_plain(*high)
        ));
        return Some(Measure::range(*low, *high, true));
    }
    for (q, low, high, open) in QUANTIFIERS {
        let Some(scale) = text.strip_prefix(q).and_then(|r| r.strip_prefix(' ')) else {
            continue;
        };
        let (_, size) = SCALES.iter().find(|(s, _)| *s == scale)?;
        let (low, high) = (low * size, high * size);
        let close = if *open { ")" } else { "]" };
        trace.push(format!(
            "\"{q} {scale}\" spans [{}, {}{close}",
            format_plain(low),
            format_plain(high)
        ));
        let mut m = Measure::range(low, high, true);
        m.interval.high_open = *open;
        return Some(m);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn mag(text: &str) -> Measure {
        parse_magnitude(text, &mut Vec::new()).unwrap()
    }

    #[test]
    fn orders_of_magnitude_exclude_their_upper_end() {
        let m = mag("hundreds");
        assert_eq!(m.stated, (100.0, 1000.0));
        assert!(m.interval.high_open && m.approx);
        assert_eq!(mag("tens of thousands").stated, (1e4, 1e5));
    }

    #[test]
    fn tens_is_an_order_of_magnitude_not_ten() {
        let m = mag("tens");
        assert_eq!(m.stated, (10.0, 100.0));
        assert!(m.interval.high_open && m.approx);
        let re = Regex::new(&format!("(?i){} of people", magnitude_regex())).unwrap();
        assert!(re.is_match("Tens of people"));
        let re = Regex::new(&format!("(?i){}", magnitude_regex())).unwrap();
        let found = re.find("tens of thousands of fans").map(|m| m.as_str());
        assert_eq!(found, Some("tens of thousands"));
    }

    #[test]
    fn several_and_a_few_scale_words() {
        let m = mag("several hundred");
        assert_eq!(m.stated, (300.0, 1000.0));
        assert!(m.interval.high_open);
        let m = mag("a few thousand");
        assert_eq!(m.stated, (2000.0, 5000.0));
        assert!(!m.interval.high_open);
        assert!(parse_magnitude("several people", &mut Vec::new()).is_none());
    }

    #[test]
    fn the_regex_leaves_a_following_of_to_the_pattern() {
        let re = Regex::new(&format!("(?i){}", magnitude_regex())).unwrap();
        let found = |s: &str| re.find(s).map(|m| m.as_str().to_string());
        assert_eq!(found("hundreds of people").as_deref(), Some("hundreds"));
        assert!(parse_magnitude("hundreds", &mut Vec::new()).is_some());
        assert_eq!(
            found("several thousand troops").as_deref(),
            Some("several thousand")
        );
    }
}
