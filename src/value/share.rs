//! Shares of a whole, read as per cent: "nine in ten" (90), "one out of five" (20),
//! "a quarter" (25), "two-thirds" (66.67), "almost 30 per cent" (30, hedged), "45%".
//!
//! The regex fragments live here beside the parser, as for plain numbers.

use super::number::parse_number;
use super::unresolved::{Reason, Unresolved};

const SMALL: &str = "one|two|three|four|five|six|seven|eight|nine|ten";

/// Fractions in words and their share in per cent.
const FRACTIONS: &[(&str, f64)] = &[
    ("three quarters", 75.0),
    ("three-quarters", 75.0),
    ("two thirds", 200.0 / 3.0),
    ("two-thirds", 200.0 / 3.0),
    ("a quarter", 25.0),
    ("one quarter", 25.0),
    ("one-quarter", 25.0),
    ("a third", 100.0 / 3.0),
    ("one third", 100.0 / 3.0),
    ("one-third", 100.0 / 3.0),
    ("a fifth", 20.0),
    ("one fifth", 20.0),
    ("half", 50.0),
];

/// The regex (no captures) for "nine in ten", "one out of five" and fractions in words.
pub(crate) fn share_regex() -> String {
    let part = format!(r"(?:{SMALL}|[0-9]{{1,3}})");
    let fractions: Vec<String> = FRACTIONS
        .iter()
        .map(|(f, _)| f.replace(' ', r"\s+"))
        .collect();
    format!(
        r"(?:{part}\s+(?:in|out\s+of)\s+{part}(?-u:\b)|(?:{})(?-u:\b))",
        fractions.join("|")
    )
}

/// The regex (no captures) for a per-cent sign or word after a figure.
pub(crate) fn percent_suffix_regex() -> &'static str {
    r"(?:\s*%|\s+per\s*cent(?-u:\b)|\s+percent(?-u:\b))"
}

/// Reads a share; `None` when `figure` is not one.
pub fn parse_share(figure: &str, trace: &mut Vec<String>) -> Option<Result<f64, Unresolved>> {
    if let Some((_, pct)) = FRACTIONS.iter().find(|(f, _)| *f == figure) {
        trace.push(format!("fraction \"{figure}\" is {pct:.2} per cent"));
        return Some(Ok(*pct));
    }
    let (a, b) = figure
        .split_once(" in ")
        .or_else(|| figure.split_once(" out of "))?;
    Some(ratio(a, b, trace))
}

/// Strips a per-cent sign or word: "30 per cent" → "30".
pub(crate) fn strip_percent(figure: &str) -> Option<&str> {
    ["%", " per cent", " percent", "per cent", "percent"]
        .iter()
        .find_map(|s| figure.strip_suffix(s))
        .map(str::trim)
}

fn ratio(a: &str, b: &str, trace: &mut Vec<String>) -> Result<f64, Unresolved> {
    let top = parse_number(a, trace)?;
    let bottom = parse_number(b, trace)?;
    if bottom <= 0.0 || top > bottom {
        return Err(Unresolved::new(
            Reason::Unreadable,
            format!("`{a} in {b}` is not a share"),
        ));
    }
    let pct = top / bottom * 100.0;
    trace.push(format!("share \"{a} in {b}\" is {pct:.2} per cent"));
    Ok(pct)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn share(text: &str) -> f64 {
        parse_share(text, &mut Vec::new()).unwrap().unwrap()
    }

    #[test]
    fn shares_and_fractions_are_per_cent() {
        assert_eq!(share("nine in ten"), 90.0);
        assert_eq!(share("one out of five"), 20.0);
        assert_eq!(share("a quarter"), 25.0);
        assert!((share("two-thirds") - 66.67).abs() < 0.01);
        assert!(parse_share("eleven in ten", &mut Vec::new()).is_none_or(|r| r.is_err()));
    }

    #[test]
    fn per_cent_words_and_signs_are_stripped() {
        assert_eq!(strip_percent("30 per cent"), Some("30"));
        assert_eq!(strip_percent("45%"), Some("45"));
        assert_eq!(strip_percent("45"), None);
    }

    #[test]
    fn the_regex_finds_shares() {
        let re = Regex::new(&format!("(?i)^{}$", share_regex())).unwrap();
        for s in [
            "nine in ten",
            "1 in 5",
            "a quarter",
            "two-thirds",
            "one out of four",
        ] {
            assert!(re.is_match(s), "{s}");
        }
    }
}
