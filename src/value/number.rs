//! Plain numbers as news writes them: digits with separators and decimals, scale words and
//! suffixes ("1.2 million", "100K", "3.5bn"), and number words ("eight", "a dozen",
//! "two and a half million", "three hundred and thirty-eight thousand").
//!
//! Also holds the regex fragments that recognise them, so the matcher and the parser agree.

use text2num::{text2digits, Language};

/// Number words that may start or continue a spelled-out number.
const UNIT_WORDS: &str = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\
thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|\
seventy|eighty|ninety";
const SCALE_WORDS: &str = "hundred|thousand|million|billion|trillion";

/// A regex (no captures) for one number: digits with optional scale, or number words.
pub fn number_regex() -> String {
    let word = format!("(?:{UNIT_WORDS}|{SCALE_WORDS}|dozen)");
    let digits = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?";
    let suffix = r"(?:k|m|mn|bn|tn)";
    let scale = format!(r"(?:\s+(?:{SCALE_WORDS})|{suffix}(?-u:\b))");
    let words = format!(
        r"(?:(?:an?|half\s+a)\s+)?{word}(?:(?:\s+and\s+a\s+(?:half|quarter))|(?:\s+and\s+|\s+|-){word})*"
    );
    format!(r"(?:(?:{digits}){scale}?|(?-u:\b){words}(?-u:\b))")
}

/// Parses one number phrase; the trace says which rules applied.
pub fn parse_number(text: &str, trace: &mut Vec<String>) -> Result<f64, String> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let value = if lower.starts_with(|c: char| c.is_ascii_digit()) {
        parse_digits(&lower, trace)?
    } else {
        parse_words(&lower, trace)?
    };
    if !value.is_finite() {
        return Err(format!("`{text}` is too large to represent"));
    }
    Ok(value)
}

/// Figures with more significant digits than a 64-bit float holds exactly are unresolved
/// rather than silently rounded.
const MAX_SIGNIFICANT_DIGITS: usize = 15;

fn parse_digits(text: &str, trace: &mut Vec<String>) -> Result<f64, String> {
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(text.len());
    let (digits, rest) = text.split_at(split);
    let plain: String = digits.chars().filter(|&c| c != ',').collect();
    let significant = plain
        .trim_start_matches(['0', '.'])
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    if significant > MAX_SIGNIFICANT_DIGITS {
        return Err(format!(
            "`{digits}` has {significant} significant digits; more than {MAX_SIGNIFICANT_DIGITS} cannot be compared exactly"
        ));
    }
    let base: f64 = plain
        .parse()
        .map_err(|_| format!("`{digits}` is not a number"))?;
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok(base);
    }
    let scale = scale_of(rest).ok_or_else(|| format!("unknown scale `{rest}`"))?;
    trace.push(format!(
        "scale `{rest}` multiplies by {}",
        format_plain(scale)
    ));
    Ok(base * scale)
}

fn parse_words(text: &str, trace: &mut Vec<String>) -> Result<f64, String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(pos) = find_seq(&words, &["and", "a", "half"]) {
        return fraction_of(&words, pos, 0.5, trace);
    }
    if let Some(pos) = find_seq(&words, &["and", "a", "quarter"]) {
        return fraction_of(&words, pos, 0.25, trace);
    }
    match words.as_slice() {
        ["half", "a", scale] => {
            let s = scale_of(scale).ok_or_else(|| format!("unknown scale `{scale}`"))?;
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

/// "two and a half million": (2 + 0.5) × 1,000,000.
fn fraction_of(
    words: &[&str],
    pos: usize,
    frac: f64,
    trace: &mut Vec<String>,
) -> Result<f64, String> {
    let whole = parse_words(&words[..pos].join(" "), trace)?;
    let tail = &words[pos + 3..];
    let scale = match tail {
        [] => 1.0,
        [s] => scale_of(s).ok_or_else(|| format!("unknown scale `{s}`"))?,
        _ => {
            return Err(format!(
                "cannot read `{}` after the fraction",
                tail.join(" ")
            ))
        }
    };
    trace.push(format!(
        "\"and a {}\" adds {frac} before the scale",
        if frac == 0.5 { "half" } else { "quarter" }
    ));
    Ok((whole + frac) * scale)
}

fn words_to_number(words: &[&str], trace: &mut Vec<String>) -> Result<f64, String> {
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
    let digits = text2digits(&phrase, &Language::english())
        .map_err(|_| format!("`{phrase}` is not a number in words"))?;
    trace.push(format!("number words \"{phrase}\" read as {digits}"));
    digits
        .parse::<f64>()
        .map_err(|_| format!("`{phrase}` is not a number in words"))
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

/// Formats a figure with thousands separators and no needless decimals ("13,000", "1.5").
pub fn format_plain(x: f64) -> String {
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
        assert_eq!(num("13,000"), 13_000.0);
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
        assert!(err.contains("23 significant digits"), "{err}");
        assert_eq!(num("999,999,999,999,999"), 999_999_999_999_999.0);
        assert_eq!(num("0.000001"), 0.000001);
        assert!(parse_number("1.5 zillion", &mut Vec::new()).is_err());
    }

    #[test]
    fn regex_matches_what_the_parser_reads() {
        let re = Regex::new(&format!("(?i)^(?:{})$", number_regex())).unwrap();
        for s in [
            "13,000",
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

    #[test]
    fn format_plain_groups_thousands() {
        assert_eq!(format_plain(13_000.0), "13,000");
        assert_eq!(format_plain(1.5), "1.5");
        assert_eq!(format_plain(100.0), "100");
    }
}
