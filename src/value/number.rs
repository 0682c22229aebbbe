//! Plain numbers as news writes them: digits with separators and decimals, scale words and
//! suffixes ("1.2 million", "100K", "3.5bn"), and number words ("eight", "a dozen",
//! "two and a half million", "three hundred and thirty-eight thousand").
//!
//! Also holds the regex fragments that recognise them, so the matcher and the parser agree.

use super::unresolved::{Reason, Unresolved};
use text2num::{text2digits, Language};

/// Number words that may start or continue a spelled-out number.
const UNIT_WORDS: &str = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\
thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|\
seventy|eighty|ninety";
const SCALE_WORDS: &str = "hundred|thousand|million|billion|trillion";

/// Fractions of a scale word: "a quarter of a million", "three quarters of a billion".
const FRACTION_WORDS: &[(&str, f64)] = &[
    ("a quarter", 0.25),
    ("one quarter", 0.25),
    ("three quarters", 0.75),
    ("a third", 1.0 / 3.0),
    ("one third", 1.0 / 3.0),
    ("two thirds", 2.0 / 3.0),
    ("a half", 0.5),
    ("one half", 0.5),
    ("half", 0.5),
];

/// A regex (no captures) for one number: digits with optional scale, or number words.
///
/// A figure starts at a word boundary and is taken whole, so "5 000" or "2,5" is never read
/// from its middle: space-grouped thousands ("5 000") first, then any run of digits joined by
/// single separators, which the parser accepts only when well formed.
pub(crate) fn number_regex() -> String {
    let word = format!("(?:{UNIT_WORDS}|{SCALE_WORDS}|dozen)");
    let digits =
        r"(?-u:\b)(?:[0-9]{1,3}(?:[ \x{a0}\x{202f}][0-9]{3})+(?-u:\b)|[0-9](?:[0-9]|[,./][0-9])*)";
    let suffix = r"(?:k|m|mn|bn|tn)";
    let scale = format!(r"(?:\s+(?:{SCALE_WORDS})|{suffix}(?-u:\b))");
    let fractions: Vec<String> = FRACTION_WORDS
        .iter()
        .map(|(f, _)| f.replace(' ', r"\s+"))
        .collect();
    let fraction = format!(
        r"(?:{})[\s-]+(?:of\s+)?an?\s+(?:{SCALE_WORDS}|dozen)",
        fractions.join("|")
    );
    let words = format!(
        r"(?:(?:an?|half\s+a)\s+)?{word}(?:(?:\s+and\s+a\s+(?:half|quarter))|(?:\s+and\s+|\s+|-){word})*"
    );
    format!(r"(?:{digits}{scale}?|(?-u:\b)(?:{fraction}|{words})(?-u:\b))")
}

/// Parses one number phrase; the trace says which rules applied.
pub(crate) fn parse_number(text: &str, trace: &mut Vec<String>) -> Result<f64, Unresolved> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let value = if lower.starts_with(|c: char| c.is_ascii_digit()) {
        parse_digits(&lower, trace)?
    } else {
        parse_words(&lower, trace)?
    };
    if !value.is_finite() {
        return Err(Unresolved::new(
            Reason::OutOfRange,
            format!("`{text}` is too large to represent"),
        ));
    }
    Ok(value)
}

/// Figures with more significant digits than a 64-bit float holds exactly are unresolved
/// rather than silently rounded.
const MAX_SIGNIFICANT_DIGITS: usize = 15;

fn parse_digits(text: &str, trace: &mut Vec<String>) -> Result<f64, Unresolved> {
    let split = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || is_separator(c) && continues(text, i)))
        .map_or(text.len(), |(i, _)| i);
    let (digits, rest) = text.split_at(split);
    let plain = well_formed(digits, trace)?;
    let significant = plain
        .trim_start_matches(['0', '.'])
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    if significant > MAX_SIGNIFICANT_DIGITS {
        return Err(Unresolved::new(Reason::OutOfRange, format!(
            "`{digits}` has {significant} significant digits; more than {MAX_SIGNIFICANT_DIGITS} cannot be compared exactly"
        )));
    }
    let base: f64 = plain
        .parse()
        .map_err(|_| Unresolved::new(Reason::Unreadable, format!("`{digits}` is not a number")))?;
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok(base);
    }
    let scale = scale_of(rest)
        .ok_or_else(|| Unresolved::new(Reason::Unreadable, format!("unknown scale `{rest}`")))?;
    trace.push(format!(
        "scale `{rest}` multiplies by {}",
        format_plain(scale)
    ));
    Ok(base * scale)
}

fn is_separator(c: char) -> bool {
    matches!(c, ',' | '.' | '/' | ' ' | '\u{a0}' | '\u{202f}')
}

/// A separator belongs to the figure only when a digit follows it.
fn continues(text: &str, i: usize) -> bool {
    let mut after = text[i..].chars().skip(1);
    after.next().is_some_and(|c| c.is_ascii_digit())
        && (!text[i..].starts_with([' ', '\u{a0}', '\u{202f}'])
            || text[i..]
                .chars()
                .skip(1)
                .take_while(char::is_ascii_digit)
                .count()
                == 3)
}

/// The figure without thousands separators, when it is well formed ("12,500", "5 000",
/// "1,234,567.5", "1.5"); anything else is ambiguous and unresolved, never guessed.
fn well_formed(digits: &str, trace: &mut Vec<String>) -> Result<String, Unresolved> {
    let groups = |s: &str, sep: char| {
        let mut parts = s.split(sep);
        let head = parts.next().unwrap_or_default();
        (1..=3).contains(&head.len()) && parts.clone().count() > 0 && parts.all(|g| g.len() == 3)
    };
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits.contains('/') {
        return Err(Unresolved::new(
            Reason::Ambiguous,
            format!("`{digits}` is a fraction or a date, not a figure"),
        ));
    }
    if digits.contains([' ', '\u{a0}', '\u{202f}']) {
        let plain: String = digits.chars().filter(char::is_ascii_digit).collect();
        if groups(&digits.replace(['\u{a0}', '\u{202f}'], " "), ' ') {
            trace.push(format!("`{digits}`: spaces separate thousands"));
            return Ok(plain);
        }
        return Err(Unresolved::new(
            Reason::Ambiguous,
            format!("cannot read `{digits}` as one figure"),
        ));
    }
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let frac_ok = frac.is_none_or(all_digits);
    let int_ok = all_digits(int) || (groups(int, ',') && int.split(',').all(all_digits));
    let european = !int.contains(',')
        && frac.is_some_and(|f| f.len() == 3 && all_digits(f))
        && (1..=3).contains(&int.len())
        && !int.starts_with('0');
    if !frac_ok || !int_ok || european {
        return Err(Unresolved::new(
            Reason::Ambiguous,
            format!("ambiguous separators in `{digits}`: a thousands separator or a decimal point"),
        ));
    }
    Ok(digits.replace(',', ""))
}

fn parse_words(text: &str, trace: &mut Vec<String>) -> Result<f64, Unresolved> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(value) = fraction_of_scale(&words.join(" "), trace) {
        return value;
    }
    if let Some(pos) = find_seq(&words, &["and", "a", "half"]) {
        return fraction_of(&words, pos, 0.5, trace);
    }
    if let Some(pos) = find_seq(&words, &["and", "a", "quarter"]) {
        return fraction_of(&words, pos, 0.25, trace);
    }
    match words.as_slice() {
        ["half", "a", scale] => {
            let s = scale_of(scale).ok_or_else(|| {
                Unresolved::new(Reason::Unreadable, format!("unknown scale `{scale}`"))
            })?;
            trace.push(format!("\"half a {scale}\" is {}", format_plain(s / 2.0)));
            Ok(s / 2.0)
        }
        ["a" | "an", rest @ ..] => words_to_number(
            &["one"].iter().chain(rest).copied().collect::<Vec<_>>(),
            trace,
        ),
        _ => words_to_number(&words, trace),
    }
}

/// "a quarter of a million": the fraction times the scale; `None` when `text` is not one.
fn fraction_of_scale(text: &str, trace: &mut Vec<String>) -> Option<Result<f64, Unresolved>> {
    let (name, frac, rest) = FRACTION_WORDS.iter().find_map(|(f, frac)| {
        let rest = text.strip_prefix(f)?.strip_prefix(' ')?;
        Some((f, frac, rest))
    })?;
    let rest = rest.strip_prefix("of ").unwrap_or(rest);
    let scale_word = rest
        .strip_prefix("a ")
        .or_else(|| rest.strip_prefix("an "))?;
    let scale = scale_of(scale_word)?;
    trace.push(format!(
        "\"{name} of a {scale_word}\" is {}",
        format_plain(frac * scale)
    ));
    Some(Ok((frac * scale).round()))
}

/// "two and a half million": (2 + 0.5) × 1,000,000.
fn fraction_of(
    words: &[&str],
    pos: usize,
    frac: f64,
    trace: &mut Vec<String>,
) -> Result<f64, Unresolved> {
    let whole = parse_words(&words[..pos].join(" "), trace)?;
    let tail = &words[pos + 3..];
    let scale = match tail {
        [] => 1.0,
        [s] => scale_of(s)
            .ok_or_else(|| Unresolved::new(Reason::Unreadable, format!("unknown scale `{s}`")))?,
        _ => {
            return Err(Unresolved::new(
                Reason::Unreadable,
                format!("cannot read `{}` after the fraction", tail.join(" ")),
            ))
        }
    };
    trace.push(format!(
        "\"and a {}\" adds {frac} before the scale",
        if frac == 0.5 { "half" } else { "quarter" }
    ));
    Ok((whole + frac) * scale)
}

fn words_to_number(words: &[&str], trace: &mut Vec<String>) -> Result<f64, Unresolved> {
    if let Some(i) = words.iter().position(|w| *w == "dozen") {
        let times = if i == 0 {
            1.0
        } else {
            words_to_number(&words[..i], trace)?
        };
        trace.push("\"dozen\" is 12".to_string());
        return Ok(times * 12.0);
    }
    let phrase = words.join(" ");
    let digits = text2digits(&phrase, &Language::english()).map_err(|_| {
        Unresolved::new(
            Reason::Unreadable,
            format!("`{phrase}` is not a number in words"),
        )
    })?;
    trace.push(format!("number words \"{phrase}\" read as {digits}"));
    digits.parse::<f64>().map_err(|_| {
        Unresolved::new(
            Reason::Unreadable,
            format!("`{phrase}` is not a number in words"),
        )
    })
}

fn find_seq(words: &[&str], seq: &[&str]) -> Option<usize> {
    words.windows(seq.len()).position(|w| w == seq)
}

fn scale_of(word: &str) -> Option<f64> {
    Some(match word {
        "dozen" => 12.0,
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "million" | "m" | "mn" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

/// Formats a figure with thousands separators and no needless decimals ("12,500", "1.5").
pub(crate) fn format_plain(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let digits = format!("{}", x.abs() as u64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if x < 0.0 {
            out.insert(0, '-');
        }
        out
    } else {
        let s = format!("{x}");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn num(text: &str) -> f64 {
        parse_number(text, &mut Vec::new()).unwrap()
    }

    #[test]
    fn digits_with_separators_decimals_and_scales() {
        assert_eq!(num("12,500"), 12_500.0);
        assert_eq!(num("100"), 100.0);
        assert_eq!(num("1.2 million"), 1_200_000.0);
        assert_eq!(num("100K"), 100_000.0);
        assert_eq!(num("3.5bn"), 3_500_000_000.0);
    }

    #[test]
    fn number_words() {
        assert_eq!(num("eight"), 8.0);
        assert_eq!(num("thirty"), 30.0);
        assert_eq!(num("a hundred"), 100.0);
        assert_eq!(num("a dozen"), 12.0);
        assert_eq!(num("half a dozen"), 6.0);
        assert_eq!(num("two and a half million"), 2_500_000.0);
        assert_eq!(num("half a million"), 500_000.0);
        assert_eq!(num("three hundred and thirty-eight thousand"), 338_000.0);
        assert_eq!(num("two billion"), 2e9);
        assert_eq!(num("four hundred and fifty million"), 450e6);
    }

    #[test]
    fn absurd_numbers_are_errors_or_finite() {
        let err = parse_number("99999999999999999999999", &mut Vec::new()).unwrap_err();
        assert_eq!(err.reason, Reason::OutOfRange);
        assert!(err.detail.contains("23 significant digits"), "{err}");
        assert_eq!(num("999,999,999,999,999"), 999_999_999_999_999.0);
        assert_eq!(num("0.000001"), 0.000001);
        assert!(parse_number("1.5 zillion", &mut Vec::new()).is_err());
    }

    #[test]
    fn regex_matches_what_the_parser_reads() {
        let re = Regex::new(&format!("(?i)^(?:{})$", number_regex())).unwrap();
        for s in [
            "12,500",
            "1.2 million",
            "100K",
            "3.5bn",
            "eight",
            "thirty-eight",
            "a dozen",
            "two and a half million",
        ] {
            assert!(re.is_match(s), "{s}");
        }
        assert!(!re.is_match("eighth"));
    }

    fn found(text: &str) -> Option<String> {
        let re = Regex::new(&format!("(?i){} (?:of )?people", number_regex())).unwrap();
        re.find(text)
            .map(|m| m.as_str().trim_end_matches(" people").to_string())
    }

    #[test]
    fn a_figure_is_never_read_from_its_middle() {
        assert_eq!(found("More than 5 000 people").as_deref(), Some("5 000"));
        assert_eq!(num("5 000"), 5_000.0);
        assert_eq!(num("5\u{a0}000"), 5_000.0);
        assert_eq!(found("2,5 million people").as_deref(), Some("2,5 million"));
        assert_eq!(found("1,2345 people").as_deref(), Some("1,2345"));
        assert_eq!(found("11.000 people").as_deref(), Some("11.000"));
        assert_eq!(found("10,00 people").as_deref(), Some("10,00"));
        assert_eq!(
            found("1 1/2 million people").as_deref(),
            Some("1/2 million")
        );
        assert_eq!(found("in 2014 200 people").as_deref(), Some("200"));
    }

    #[test]
    fn ill_formed_figures_are_unresolved_with_a_reason() {
        for text in [
            "2,5 million",
            "1,2345",
            "11.000",
            "10,00",
            "1/2 million",
            "1.234.567",
        ] {
            let err = parse_number(text, &mut Vec::new()).unwrap_err();
            assert_eq!(err.reason, Reason::Ambiguous, "{text}: {err}");
        }
        let err = parse_number("11.000", &mut Vec::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "ambiguous separators in `11.000`: a thousands separator or a decimal point"
        );
        assert_eq!(num("1,234,567.5"), 1_234_567.5);
        assert_eq!(num("0.001"), 0.001);
        assert_eq!(num("2.5 million"), 2_500_000.0);
    }

    #[test]
    fn fractions_of_a_scale_word() {
        assert_eq!(num("a quarter of a million"), 250_000.0);
        assert_eq!(num("three quarters of a million"), 750_000.0);
        assert_eq!(num("three-quarters of a billion"), 750e6);
        assert_eq!(num("a third of a million"), 333_333.0);
        assert_eq!(num("half a billion"), 500e6);
        assert_eq!(
            found("a quarter of a million people").as_deref(),
            Some("a quarter of a million")
        );
        assert_eq!(
            found("half a billion people").as_deref(),
            Some("half a billion")
        );
    }

    #[test]
    fn format_plain_groups_thousands() {
        assert_eq!(format_plain(12_500.0), "12,500");
        assert_eq!(format_plain(1.5), "1.5");
        assert_eq!(format_plain(100.0), "100");
    }
}
