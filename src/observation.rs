//! Observations: a match normalised into a value (or an unresolved reason), with the evidence a
//! fact-checker needs — the raw text, line:column and the sentence.

use std::ops::Range;

use crate::clause::attribution;
use crate::corpus::Article;
use crate::extract::Match;
use crate::rules::RuleSet;
use crate::text::{excerpt, EXCERPT_LIMIT};
use crate::value::{self, Context, Kind, Unresolved, Value};

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
        .map(|m| {
            let rule = &rules.rules[m.rule];
            let raw = article.text[m.value_span.clone()].to_string();
            let ctx = ctx.with_options(&rule.options);
            let normalised = value::normalise(rule.kind, &raw, &ctx);
            let span = narrowed(&article.text, m.value_span, normalised.value.as_ref().ok());
            let raw = &article.text[span.clone()];
            let (line, column) = article.locate(span.start);
            // Parties are told apart for figures: a name or date "said" by someone is not
            // another party's figure.
            // In a sentence of many thousand words, the party is looked for near the value:
            // a scan of the whole sentence for each of its values would be quadratic.
            let attributed_to = (rule.kind == Kind::Count)
                .then(|| {
                    let near = excerpt(&article.text, m.sentence.clone(), span.clone(), 4096);
                    attribution(&article.text, near.range, span.clone())
                })
                .flatten();
            Observation {
                rule: m.rule,
                source,
                raw: collapse(raw),

                value: normalised.value,
                trace: normalised.trace,
                line,
                column,
                sentence: quoted(&article.text, m.sentence.clone(), span.clone()),
                sentence_span: m.sentence,
                span,

                pattern: rule.patterns[m.pattern].source.clone(),
                attributed_to,
            }
        })
        .collect()
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

/// The evidence quoted for the value at `value`: its sentence, white space collapsed, or for a
/// sentence longer than [`EXCERPT_LIMIT`] bytes an excerpt of it around the value, with `…`
/// where the sentence goes on. Bounded, whatever the sentence's length: an observation never
/// costs the size of its sentence.
pub(crate) fn quoted(text: &str, sentence: Range<usize>, value: Range<usize>) -> String {
    let e = excerpt(text, sentence, value, EXCERPT_LIMIT);
    let mut out = collapse(&text[e.range]);
    if e.cut_before {
        out.insert_str(0, "… ");
    }
    if e.cut_after {
        out.push_str(" …");
    }
    out
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
