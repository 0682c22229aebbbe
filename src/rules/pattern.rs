//! Claim patterns: a regex with building blocks. Validated once, when the claim file is read,
//! so that every error points into the pattern as the author wrote it.
//!
//! A space in a pattern matches any run of white space, line breaks included, so patterns
//! survive re-wrapped text.

use std::fmt;

use serde::{de, Deserialize, Deserializer};

use super::blocks::{self, Block};

/// A validated pattern: the text as written and the regex it expands to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternSpec {
    /// The pattern as written in the claim file.
    pub source: String,
    /// The expanded regex (without flags).
    pub expanded: String,
    /// The building blocks it uses, in order.
    pub blocks: Vec<&'static Block>,
}

/// Why a pattern is invalid; `offset` is a character offset into the pattern as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong.
    pub message: String,
    /// Where in the pattern, when known.
    pub offset: Option<usize>,
    /// The pattern as written.
    pub source: String,
}

/// The most characters of a pattern a message quotes.
const QUOTED: usize = 120;

/// The longest pattern read, in bytes: real patterns are a few hundred; a longer one would
/// cost time out of proportion in the prefilter and the regex compiler before failing.
pub const MAX_PATTERN_BYTES: usize = 4096;

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(at) => {
                // A long pattern is quoted around the offending character.
                let skip = at.saturating_sub(QUOTED / 2);
                let shown: String = self.source.chars().skip(skip).take(QUOTED).collect();
                let lead = if skip > 0 { "…" } else { "" };
                write!(
                    f,
                    "{} (character {} of the pattern)\n    {lead}{shown}\n    {}^",
                    self.message,
                    at + 1,
                    " ".repeat(at - skip + lead.chars().count())
                )
            }
            None => write!(
                f,
                "{} in pattern `{}`",
                self.message,
                crate::text::clip(&self.source, QUOTED)
            ),
        }
    }
}

impl std::error::Error for PatternError {}

const VALUE_GROUPS: [&str; 2] = ["(?P<value>", "(?<value>"];

impl PatternSpec {
    /// Validates and expands `source`.
    pub fn parse(source: &str) -> Result<Self, PatternError> {
        let fail = |message: String, offset: Option<usize>| PatternError {
            message,
            offset,
            source: source.to_string(),
        };
        if source.trim().is_empty() {
            return Err(fail("the pattern is empty".into(), None));
        }
        if source.len() > MAX_PATTERN_BYTES {
            let message = format!(
                "the pattern is {} bytes long, longer than the limit of {MAX_PATTERN_BYTES}: split it into several patterns",
                source.len()
            );
            return Err(fail(message, None));
        }
        let refs = block_refs(source);
        let mut placeholder = source.to_string();
        let mut used = Vec::new();
        for r in refs.iter().rev() {
            let Some(block) = blocks::find(&r.name) else {
                let msg = format!(
                    "unknown building block `{{{}}}`; known blocks are {}",
                    r.name,
                    blocks::known_list()
                );
                return Err(fail(msg, Some(char_offset(source, r.start))));
            };
            used.push(block);
            placeholder.replace_range(r.start..r.end, &"x".repeat(r.end - r.start));
        }
        used.reverse();
        if let Err(err) = regex_syntax::ParserBuilder::new()
            .build()
            .parse(&placeholder)
        {
            let (kind, offset) = syntax_error_parts(&err);
            return Err(fail(
                format!("invalid regex: {kind}"),
                Some(char_offset(source, offset)),
            ));
        }
        let explicit = VALUE_GROUPS
            .iter()
            .map(|g| source.matches(g).count())
            .sum::<usize>();
        match used.len() + explicit {
            0 => return Err(fail(
                format!("the pattern has no value capture: use a building block ({}) or a group `(?P<value>...)`", blocks::known_list()),
                None,
            )),
            1 => {}
            n => return Err(fail(format!("the pattern has {n} value captures; exactly one is expected"), None)),
        }
        Ok(PatternSpec {
            source: source.to_string(),
            expanded: expand(source, &refs),
            blocks: used,
        })
    }
}

impl schemars::JsonSchema for PatternSpec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Pattern".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A regex (case-insensitive unless `case_sensitive`) with building blocks such as {quantity} that capture the value; a space matches any white space.",
            "minLength": 1
        })
    }
}

impl<'de> Deserialize<'de> for PatternSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parse_str(deserializer, PatternSpec::parse)
    }
}

/// Reads a string and checks it with `parse` while the YAML reader is still at the string, so
/// that an error carries the string's own line and column (not those of the list around it).
pub(crate) fn parse_str<'de, D, T, E>(
    deserializer: D,
    parse: fn(&str) -> Result<T, E>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    E: std::fmt::Display,
{
    struct Checked<T, E>(fn(&str) -> Result<T, E>);
    impl<T, E: std::fmt::Display> de::Visitor<'_> for Checked<T, E> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<X: de::Error>(self, v: &str) -> Result<T, X> {
            (self.0)(v).map_err(X::custom)
        }
    }
    deserializer.deserialize_str(Checked(parse))
}

struct BlockRef {
    name: String,
    start: usize,
    end: usize,
}

/// Finds `{name}` references (lower-case letters and `_`), skipping escaped braces;
/// regex repetitions such as `{2,3}` are not names.
fn block_refs(source: &str) -> Vec<BlockRef> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'{' => {
                let rest = &source[i + 1..];
                let len = rest
                    .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
                    .unwrap_or(rest.len());
                if len > 0 && rest[len..].starts_with('}') {
                    out.push(BlockRef {
                        name: rest[..len].to_string(),
                        start: i,
                        end: i + len + 2,
                    });
                    i += len + 2;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Expands blocks into capturing regexes and spaces into `\s+`.
fn expand(source: &str, refs: &[BlockRef]) -> String {
    let mut out = String::with_capacity(source.len() * 4);
    let mut last = 0;
    for r in refs {
        out.push_str(&spaces_to_whitespace(&source[last..r.start]));
        if let Some(block) = blocks::find(&r.name) {
            out.push_str(&format!("(?P<value>{})", blocks::regex_of(block)));
        }
        last = r.end;
    }
    out.push_str(&spaces_to_whitespace(&source[last..]));
    out
}

/// Replaces runs of literal spaces outside character classes with `\s+`. A quantifier right
/// after the spaces applies to the white space as a whole, as the author means it: ` ?` and
/// ` *` become `\s*` (optional white space), ` +` stays `\s+`, and ` {m,n}` repeats `(?:\s+)`.
fn spaces_to_whitespace(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    let mut chars = part.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            ' ' if !in_class => {
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
                match chars.peek() {
                    Some('?' | '*') => {
                        chars.next();
                        out.push_str(r"\s*");
                    }
                    Some('+') => {
                        chars.next();
                        out.push_str(r"\s+");
                    }
                    Some('{') => out.push_str(r"(?:\s+)"),
                    _ => out.push_str(r"\s+"),
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Where an optional space (` ?` or ` *`, outside character classes) is followed by another
/// space, so that white space is required after all: `said ? {quantity}` reads as
/// `said\s*\s+{quantity}`. Character offsets of the quantifier, for `lint`.
pub(crate) fn optional_space_then_space(source: &str) -> Vec<usize> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            ' ' if !in_class => {
                let mut j = i;
                while chars.get(j) == Some(&' ') {
                    j += 1;
                }
                if matches!(chars.get(j), Some('?' | '*')) {
                    let mut k = j + 1;
                    if chars.get(k) == Some(&'?') {
                        k += 1;
                    }
                    if chars.get(k) == Some(&' ') {
                        out.push(j);
                    }
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn syntax_error_parts(err: &regex_syntax::Error) -> (String, usize) {
    match err {
        regex_syntax::Error::Parse(e) => (e.kind().to_string(), e.span().start.offset),
        regex_syntax::Error::Translate(e) => (e.kind().to_string(), e.span().start.offset),
        other => (other.to_string(), 0),
    }
}

fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| s.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_expand_to_a_value_capture() {
        let p = PatternSpec::parse("{quantity} people (?:have )?died").unwrap();
        assert!(p.expanded.starts_with("(?P<value>"));
        assert!(p.expanded.contains(r"\s+people\s+"));
        assert_eq!(p.blocks.len(), 1);
    }

    #[test]
    fn repetitions_are_not_blocks() {
        let p = PatternSpec::parse(r"(?:\w+ ){0,3}{quantity} troops").unwrap();
        assert_eq!(p.blocks.len(), 1);
    }

    #[test]
    fn unknown_block_points_at_it() {
        let e = PatternSpec::parse("about {quantiy} people").unwrap_err();
        assert_eq!(e.offset, Some(6));
        assert!(e.message.contains("unknown building block `{quantiy}`"));
    }

    #[test]
    fn invalid_regex_points_into_the_pattern() {
        let e = PatternSpec::parse("{quantity} (people").unwrap_err();
        assert!(e.message.starts_with("invalid regex"), "{}", e.message);
        assert_eq!(e.offset, Some(11));
    }

    #[test]
    fn a_value_capture_is_required_once() {
        assert!(PatternSpec::parse("people died")
            .unwrap_err()
            .message
            .contains("no value capture"));
        let e = PatternSpec::parse("{quantity} to {quantity}").unwrap_err();
        assert!(e.message.contains("2 value captures"));
        assert!(PatternSpec::parse(r"(?P<value>\d+) people").is_ok());
    }

    #[test]
    fn spaces_inside_classes_stay_literal() {
        assert_eq!(spaces_to_whitespace("a [ b] c"), r"a\s+[ b]\s+c");
        assert_eq!(spaces_to_whitespace(r"a\ b"), r"a\ b");
    }

    #[test]
    fn a_quantified_space_is_quantified_white_space() {
        assert_eq!(spaces_to_whitespace("said ?"), r"said\s*");
        assert_eq!(spaces_to_whitespace("people ?killed"), r"people\s*killed");
        assert_eq!(spaces_to_whitespace("people  ?killed"), r"people\s*killed");
        assert_eq!(spaces_to_whitespace("a *b +c"), r"a\s*b\s+c");
        assert_eq!(spaces_to_whitespace("a {2}b"), r"a(?:\s+){2}b");
        assert_eq!(spaces_to_whitespace(r"a\ ?b [ ]?c"), r"a\ ?b\s+[ ]?c");
        let p = PatternSpec::parse("said ?{quantity} people ?killed").unwrap();
        let re = regex::Regex::new(&format!("^(?:{})$", p.expanded)).unwrap();
        for text in [
            "said 5 people killed",
            "said 5 peoplekilled",
            "said\n 5 people\tkilled",
        ] {
            assert!(re.is_match(text), "{text}");
        }
        let p = PatternSpec::parse(r"said ?(?P<value>\d+)").unwrap();
        assert!(regex::Regex::new(&p.expanded).unwrap().is_match("said5"));
    }

    #[test]
    fn an_optional_space_before_a_space_is_found() {
        assert_eq!(optional_space_then_space("said ? {quantity}"), vec![5]);
        assert_eq!(optional_space_then_space("said ?? x"), vec![5]);
        assert!(optional_space_then_space("said ?{quantity} people ?killed").is_empty());
        assert!(optional_space_then_space(r"said\ ? x [ ? ] y").is_empty());
    }
}
