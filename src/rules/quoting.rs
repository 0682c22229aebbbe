//! Hints for YAML that a regex broke: a `"` inside a double-quoted pattern, a backslash escape
//! that double quotes do not know (`"\d"`), a `'` inside single quotes, an unquoted pattern
//! that starts with `{` or has `: ` in it. The YAML library's message names what the parser
//! missed, often lines later; the hint names the scalar at fault and how to quote it.

use super::spec::CLAIM_KEYS;

/// Characters that may follow a backslash in a double-quoted YAML scalar.
const YAML_ESCAPES: &str = "0abt\tnvfre \"/\\N_LPxuU";

/// Characters that cannot start a plain (unquoted) scalar.
const INDICATORS: &str = "{[]}*&!|>%@`,";

/// A quoting problem: where its scalar starts (1-based line and column) and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct QuotingHint {
    /// 1-based line of the scalar.
    pub line: usize,
    /// 1-based column (in characters) of the scalar's first character (its quote, if any).
    pub column: usize,
    /// How to quote it.
    pub help: String,
}

/// The first scalar with a quoting problem on lines `from..=to` (1-based) of `text`.
pub(crate) fn find(text: &str, from: usize, to: usize) -> Option<QuotingHint> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .take(to.saturating_sub(from.saturating_sub(1)).max(1))
        .find_map(|(n, line)| {
            let (start, help) = line_problem(line)?;
            Some(QuotingHint {
                line: n + 1,
                column: line[..start].chars().count() + 1,
                help,
            })
        })
}

/// The line and column of the context mark a YAML syntax message names ("while parsing a
/// block collection at line 6 column 7"), if any.
pub(crate) fn context_line(message: &str) -> Option<usize> {
    let at = message.rfind(" at line ")?;
    let rest = &message[at + " at line ".len()..];
    rest.split(' ').next()?.parse().ok()
}

/// The byte offset of the faulty scalar on `line` and the hint.
fn line_problem(line: &str) -> Option<(usize, String)> {
    let mut start = line.len() - line.trim_start().len();
    loop {
        let rest = &line[start..];
        if let Some(after) = rest.strip_prefix("- ") {
            start += rest.len() - after.trim_start().len();
        } else {
            break;
        }
    }
    let rest = &line[start..];
    if let Some(colon) = key_length(rest) {
        let value = &rest[colon..];
        start += colon + (value.len() - value.trim_start().len());
    }
    let value = &line[start..];
    if value.is_empty() || value.starts_with('#') {
        return None;
    }
    match value.strip_prefix('[') {
        Some(_) => flow_items(line, start + 1),
        None => scalar_problem(value, false).map(|help| (start, help)),
    }
}

/// Keys a claim file has besides a claim's own: the file's, the event's, an example's and a
/// reference's. Anything else before a `: ` is taken as part of an unquoted value
/// (`- killed: {quantity} people` is a pattern with a colon in it, not a key).
const OTHER_KEYS: &[&str] = &[
    "claims",
    "event",
    "name",
    "date",
    "place",
    "match",
    "no_match",
    "value",
    "published",
    "source",
    "url",
];

/// `key: ` at the start of `text`, for a key a claim file has: the length up to and with the
/// colon.
fn key_length(text: &str) -> Option<usize> {
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    let after = &text[end..];
    let key = &text[..end];
    let known = CLAIM_KEYS.contains(&key) || OTHER_KEYS.contains(&key);
    (known && (after == ":" || after.starts_with(": "))).then_some(end + 1)
}

/// The items of a flow sequence, one after the other.
fn flow_items(line: &str, mut at: usize) -> Option<(usize, String)> {
    loop {
        let rest = &line[at..];
        let trimmed = rest.trim_start_matches([' ', ',']);
        at += rest.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with(']') || trimmed.starts_with('#') {
            return None;
        }
        if let Some(help) = scalar_problem(trimmed, true) {
            return Some((at, help));
        }
        let len = item_length(trimmed)?;
        at += len;
    }
}

/// The length of one good flow item (quoted or plain).
fn item_length(text: &str) -> Option<usize> {
    match text.chars().next()? {
        '"' => double_quoted(text).ok().map(|end| end + 1),
        '\'' => single_quoted(text).map(|end| end + 1),
        _ => Some(text.find([',', ']']).unwrap_or(text.len())),
    }
}

/// Where a double-quoted scalar's closing quote is, or why it has none.
enum DoubleError {
    Escape(char),
    Unclosed,
}

fn double_quoted(text: &str) -> Result<usize, DoubleError> {
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, e)) if YAML_ESCAPES.contains(e) => {}
                Some((_, e)) => return Err(DoubleError::Escape(e)),
                None => return Err(DoubleError::Unclosed),
            },
            '"' => return Ok(i),
            _ => {}
        }
    }
    Err(DoubleError::Unclosed)
}

fn single_quoted(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// What follows a closed scalar is fine: nothing, a comment, or in a flow sequence the next
/// item or its end.
fn fine_after(rest: &str, flow: bool) -> bool {
    let rest = rest.trim_start();
    rest.is_empty()
        || rest.starts_with('#')
        || (flow && (rest.starts_with(',') || rest.starts_with(']')))
}

/// The hint for a scalar written as `text` (from its first character to the end of the line).
fn scalar_problem(text: &str, flow: bool) -> Option<String> {
    let first = text.chars().next()?;
    match first {
        '"' => {
            let last = text.rfind('"').filter(|&l| l > 0);
            let inner = last.map_or(&text[1..], |l| &text[1..l]);
            match double_quoted(text) {
                Err(DoubleError::Escape(e)) => Some(format!(
                    "in double quotes a backslash starts a YAML escape, and `\\{e}` is not one: write the pattern in single quotes, where a backslash is just a backslash ({}), or double the backslash (`\\\\{e}`)",
                    single(inner)
                )),
                Err(DoubleError::Unclosed) => Some(
                    "this double-quoted value has no closing `\"` on its line: close it, or, if the `\"` belongs to the pattern, write the pattern in single quotes".to_string(),
                ),
                Ok(end) if !fine_after(&text[end + 1..], flow) => Some(format!(
                    "a `\"` inside a double-quoted pattern ends it early: write the pattern in single quotes ({}), or write each inner quote as `\\\"`",
                    single(inner)
                )),
                Ok(_) => None,
            }
        }
        '\'' => match single_quoted(text) {
            Some(end) if fine_after(&text[end + 1..], flow) => None,
            _ => Some(
                "a `'` inside a single-quoted pattern ends it early: write each inner `'` twice (`''`), or write the pattern in double quotes".to_string(),
            ),
        },
        _ => {
            let plain = if flow {
                &text[..text.find([',', ']']).unwrap_or(text.len())]
            } else {
                text
            };
            let plain = plain.split(" #").next().unwrap_or(plain).trim_end();
            let starts_badly = INDICATORS.contains(first);
            let has_colon = plain.contains(": ") || plain.ends_with(':');
            (starts_badly || has_colon).then(|| {
                let why = if starts_badly {
                    format!("starts with `{first}`")
                } else {
                    "has `: ` in it".to_string()
                };
                format!(
                    "an unquoted value that {why} is not read as text: write the pattern in single quotes ({})",
                    single(text.trim_end())
                )
            })
        }
    }
}

/// `text` as a single-quoted YAML scalar.
fn single(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(line: &str) -> Option<(usize, String)> {
        line_problem(line)
    }

    #[test]
    fn unknown_escapes_suggest_single_quotes() {
        let (at, help) = hint(r#"      - "\d+ {quantity}""#).unwrap();
        assert_eq!(at, 8);
        assert!(help.contains(r"'\d+ {quantity}'"), "{help}");
        assert!(help.contains(r"`\\d`"), "{help}");
    }

    #[test]
    fn a_quote_inside_double_quotes_is_found() {
        let (at, help) = hint(r#"      - "the "big" {quantity}""#).unwrap();
        assert_eq!(at, 8);
        assert!(help.contains(r#"'the "big" {quantity}'"#), "{help}");
        let (at, _) = hint(r#"    patterns: ["{quantity} cars", "the "big" {quantity}"]"#).unwrap();
        assert_eq!(at, 34);
    }

    #[test]
    fn unclosed_and_single_quotes_are_found() {
        assert!(hint(r#"      - "said {quantity} people"#)
            .unwrap()
            .1
            .contains("no closing"));
        assert!(hint("      - 'the 'big' {quantity}'")
            .unwrap()
            .1
            .contains("twice"));
    }

    #[test]
    fn plain_values_that_yaml_reads_otherwise_are_found() {
        assert!(hint("      - {quantity} people")
            .unwrap()
            .1
            .contains("starts with `{`"));
        let (at, help) = hint("      - killed: {quantity} people").unwrap();
        assert_eq!(at, 8);
        assert!(help.contains("'killed: {quantity} people'"), "{help}");
    }

    #[test]
    fn good_lines_have_no_hint() {
        for line in [
            r#"      - "{quantity} (?:of )?homes""#,
            r"      - '\d+ {quantity}'",
            r#"    patterns: ["{quantity} cars", 'it''s {quantity}']"#,
            "    label: Homes destroyed # a comment",
            r#"      - match: "The storm destroyed 40 homes.""#,
            "claims:",
            "  - id: a",
        ] {
            assert_eq!(hint(line), None, "{line}");
        }
    }

    #[test]
    fn the_context_line_is_read_from_the_message() {
        assert_eq!(
            context_line("did not find expected '-' indicator, while parsing a block collection at line 6 column 7"),
            Some(6)
        );
        assert_eq!(context_line("invalid type: map"), None);
    }
}
