//! Observations: a match normalised into a value (or an unresolved reason), with the evidence a
//! fact-checker needs — the raw text, line:column and the sentence.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::clause::{attribution, superseded};
use crate::corpus::{Article, When};
use crate::extract::Match;
use crate::rules::RuleSet;
use crate::value::{self, Context, Kind, Reason, Unresolved, Value};

/// One source's statement of one claim.
#[derive(Clone, Debug)]
pub struct Observation {
    /// Index of the rule.
    pub rule: usize,
    /// Index of the article (source).
    pub source: usize,
    /// The captured text as written.
    pub raw: String,
    /// The value, or why it could not be resolved.
    pub value: Result<Value, Unresolved>,
    /// How the value was resolved.
    pub trace: Vec<String>,
    /// Byte range of the value in the article's text.
    pub span: Range<usize>,
    /// 1-based line of the value.
    pub line: usize,
    /// 1-based column (characters) of the value.
    pub column: usize,
    /// The sentence it came from, white space collapsed.
    pub sentence: String,
    /// Byte range of that sentence in the article's text.
    pub sentence_span: Range<usize>,
    /// The pattern that matched, as written.
    pub pattern: String,
    /// Who the sentence attributes the value to ("police", "health ministry"), when it says.
    pub attributed_to: Option<String>,
    /// When the source stated it (the article's time), if known.
    pub published: Option<When>,
    /// The article itself marks the figure as an earlier one ("up from 19", "initially
    /// reported 12"): shown, but not the source's statement of the claim.
    pub superseded: bool,
}

/// Normalises the matches of one article.
pub fn observe(
    rules: &RuleSet,
    article: &Article,
    source: usize,
    matches: Vec<Match>,
) -> Vec<Observation> {
    let ctx = Context::published(article.published);
    matches
        .into_iter()
        .flat_map(|m| revision_parts(rules, article, m))
        .map(|(m, revised_away)| {
            let rule = &rules.rules[m.rule];
            let raw = article.text[m.value_span.clone()].to_string();
            let ctx = ctx.with_options(&rule.options);
            let normalised = value::normalise(rule.kind, &raw, &ctx);
            let span = narrowed(&article.text, m.value_span, normalised.value.as_ref().ok());
            let raw = &article.text[span.clone()];
            let (line, column) = article.locate(span.start);
            // Parties are told apart for figures: a name or date "said" by someone is not
            // another party's figure.
            let attributed_to = (rule.kind == Kind::Count)
                .then(|| attribution(&article.text, m.sentence.clone(), span.clone()))
                .flatten();
            // An earlier figure the article itself gives ("up from 19") is not its statement.
            let earlier = revised_away
                || (rule.kind == Kind::Count
                    && superseded(&article.text, m.sentence.clone(), span.clone()));
            Observation {
                rule: m.rule,
                source,
                raw: collapse(raw),

                value: normalised.value,
                trace: normalised.trace,
                line,
                column,
                sentence: collapse(&article.text[m.sentence.clone()]),
                sentence_span: m.sentence,
                span,

                pattern: rule.patterns[m.pattern].source.clone(),
                attributed_to,
                published: article.time,
                superseded: earlier,
            }
        })
        .collect()
}

/// "to", a dash: what joins the two figures of a range.
static RANGE_JOIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:\bto\b|[-–—])\s*").unwrap_or_else(|e| panic!("built-in range regex: {e}"))
});

/// A count match read as a range that runs backwards right after "from" ("revised the toll
/// from 174 to 125") is a revision, not a range: the first figure (marked as revised away)
/// and the second. Any other match stays whole.
fn revision_parts(rules: &RuleSet, article: &Article, m: Match) -> Vec<(Match, bool)> {
    if rules.rules[m.rule].kind != Kind::Count {
        return vec![(m, false)];
    }
    let raw = &article.text[m.value_span.clone()];
    let backwards = matches!(
        value::normalise(Kind::Count, raw, &Context::default()).value,
        Err(ref why) if why.reason == Reason::Backwards
    );
    let after_from = article.text[..m.value_span.start]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| w.eq_ignore_ascii_case("from"));
    let join = RANGE_JOIN
        .find_iter(raw)
        .find(|j| j.start() > 0 && j.end() < raw.len());
    let (true, true, Some(join)) = (backwards, after_from, join) else {
        return vec![(m, false)];
    };
    let start = m.value_span.start;
    let first = Match {
        value_span: start..start + join.start(),
        ..m.clone()
    };
    let second = Match {
        value_span: start + join.end()..m.value_span.end,
        ..m
    };
    vec![(first, true), (second, false)]
}

/// A name's capture is trimmed to the words that form the name ("Orlov as saying that" keeps
/// "Orlov"), a place's to the place and the places it lies in ("Seoul's Itaewon on Sunday"
/// keeps "Seoul's Itaewon"): the evidence points at those words only. Other values keep their
/// capture.
fn narrowed(text: &str, span: Range<usize>, value: Option<&Value>) -> Range<usize> {
    let (Some(Value::Name(name)) | Some(Value::Place(name))) = value else {
        return span;
    };
    let captured = &text[span.clone()];
    let mut start = None::<usize>;
    let mut end = None::<usize>;
    for part in std::iter::once(&name.written).chain(&name.within) {
        let words: Vec<&str> = part.split_whitespace().collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            continue;
        };
        let Some(s) = captured.find(first) else {
            continue;
        };
        if let Some(e) = captured[s..].rfind(last) {
            start = Some(start.map_or(s, |x| x.min(s)));
            let e = s + e + last.len();
            end = Some(end.map_or(e, |x| x.max(e)));
        }
    }
    match (start, end) {
        (Some(s), Some(e)) => span.start + s..span.start + e,
        _ => span,
    }
}

/// `text` with each run of white space made one space, and none at the ends.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn collapse_joins_the_words_with_one_space(text in "[a b\t\n\u{a0}\u{2009}é’]{0,40}") {
            let words: Vec<&str> = text.split_whitespace().collect();
            prop_assert_eq!(super::collapse(&text), words.join(" "));
        }
    }
}
