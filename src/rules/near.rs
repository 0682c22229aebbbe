//! The `near` rule form, compiled: a value of the claim's kind with one of the first group's
//! words within `within` words before or after it, in the same clause (no clause punctuation
//! and no other figure between them), as two ordinary patterns the matcher and prefilter
//! already run; the other groups are checked around each match (`Near::holds`).

use regex::Regex;

use super::blocks;
use super::spec::{NearSpec, WordsSpec};
use crate::clause::clause_of;
use crate::value::Kind;

/// A word between a value and a near word: a letter, and no white space, digit or clause
/// punctuation (a spaced hyphen " - " is punctuation, not a word).
const GAP_WORD: &str = r#"[^\s\d,;:.!?()\[\]"“”«»—–]*\pL[^\s\d,;:.!?()\[\]"“”«»—–]*"#;

/// An aside between commas that does not end the clause: ", including the crew,"; one with
/// a figure of its own is another statement.
pub(crate) const ASIDE: &str = r"\s*,\s+(?:including|among\s+them|among\s+whom|such\s+as|mostly|most\s+of\s+them)\s+[^,;:.!?()\d]+,";

/// The compiled `near` form of a claim.
#[derive(Clone, Debug)]
pub struct Near {
    /// The word groups as written, for messages.
    pub words: Vec<String>,
    /// How many words may separate the value and a near word.
    pub within: usize,
    /// Every group (the first finds the value; the others are checked around a match).
    pub groups: Vec<Regex>,
    /// The index of the first of the rule's patterns that `near` made.
    pub first_pattern: usize,
}

/// The building block that reads values of `kind`.
pub(crate) fn block_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Count => "quantity",
        Kind::Date => "date",
        Kind::Duration => "duration",
        Kind::Name => "name",
        Kind::Place => "place",
    }
}

/// The two patterns of a `near` form (the first group's words before the value, then after
/// it), each as (source shown to people, expanded regex).
pub(crate) fn patterns(kind: Kind, near: &NearSpec) -> Vec<(String, String)> {
    let Some(first) = near.words.first() else {
        return Vec::new();
    };
    let Some(block) = blocks::find(block_of(kind)) else {
        return Vec::new();
    };
    let value = format!("(?P<value>{})", blocks::regex_of(block));
    // An ASCII word boundary where every word starts and ends with an ASCII letter or digit:
    // a Unicode `\b` would send every sentence with a curly quote to the slow engine.
    let ascii = first.alternatives.iter().all(|w| {
        let w = w.trim_end_matches('*');
        w.starts_with(|c: char| c.is_ascii_alphanumeric())
            && w.ends_with(|c: char| c.is_ascii_alphanumeric())
    });
    let boundary = if ascii { r"(?-u:\b)" } else { r"\b" };
    let words = format!(r"{boundary}(?:{}){boundary}", words_alternation(first));
    // An aside set off by commas ("72 people, including five Indians, died") is one step
    // of the gap, not the end of the clause.
    let gap = format!(r"(?:\s+{GAP_WORD}|{ASIDE}){{0,{}}}?\s+", near.within.0);
    let written = first.alternatives.join("|");
    let within = near.within.0;
    vec![
        (
            format!("near: `{written}` within {within} words before the value"),
            format!("{words}{gap}{value}"),
        ),
        (
            format!("near: `{written}` within {within} words after the value"),
            format!("{value}{gap}{words}"),
        ),
    ]
}

/// `"killed|died|expel*"` → the alternation of a whole-word regex (without `\b` and flags).
pub(crate) fn words_alternation(words: &WordsSpec) -> String {
    let alternatives: Vec<String> = words
        .alternatives
        .iter()
        .map(|w| {
            let (stem, wild) = w
                .strip_suffix('*')
                .map_or((w.as_str(), false), |s| (s, true));
            let escaped = regex::escape(stem).replace(' ', r"\s+");
            if wild {
                format!(r"{escaped}\w*")
            } else {
                escaped
            }
        })
        .collect();
    alternatives.join("|")
}

impl Near {
    /// Whether every group after the first has a word within `within` words of the value at
    /// `value`, in its clause (byte ranges of `text`); the first group's word is already in
    /// the match. `Err` gives the missing group as written.
    pub(crate) fn holds(
        &self,
        text: &str,
        sentence: std::ops::Range<usize>,
        value: std::ops::Range<usize>,
    ) -> Result<(), String> {
        if self.groups.len() < 2 {
            return Ok(());
        }
        let window = self.window(text, sentence, value);
        for (i, group) in self.groups.iter().enumerate().skip(1) {
            if !group.is_match(&window) {
                return Err(self.words.get(i).cloned().unwrap_or_default());
            }
        }
        Ok(())
    }

    /// Whether every group, the first included, has a word within `within` words of the
    /// value at `value`, in its clause: what `coverage` asks of a value no rule matched.
    pub(crate) fn around(
        &self,
        text: &str,
        sentence: std::ops::Range<usize>,
        value: std::ops::Range<usize>,
    ) -> bool {
        let window = self.window(text, sentence, value);
        self.groups.iter().all(|g| g.is_match(&window))
    }

    /// The words within `within` of the value on each side, in its clause.
    fn window(
        &self,
        text: &str,
        sentence: std::ops::Range<usize>,
        value: std::ops::Range<usize>,
    ) -> String {
        let clause = clause_of(text, sentence, value.clone());
        let before = text.get(clause.start..value.start).unwrap_or_default();
        let after = text.get(value.end..clause.end).unwrap_or_default();
        let before: Vec<&str> = before.split_whitespace().collect();
        let before = before[before.len().saturating_sub(self.within + 1)..].join(" ");
        let after: Vec<&str> = after.split_whitespace().take(self.within + 1).collect();
        format!("{before} {}", after.join(" "))
    }
}
