//! Observations: a match normalised into a value (or an unresolved reason), with the evidence a
//! fact-checker needs — the raw text, line:column and the sentence.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::clause::{as_of, attribution, superseded};
use crate::corpus::{Article, When};
use crate::extract::Match;
use crate::rules::RuleSet;
use crate::text::{excerpt, EXCERPT_LIMIT};
use crate::value::date::Granularity;
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
            // In a sentence of many thousand words, the party is looked for near the value:
            // a scan of the whole sentence for each of its values would be quadratic.
            let attributed_to = (rule.kind == Kind::Count)
                .then(|| {
                    let near = excerpt(&article.text, m.sentence.clone(), span.clone(), 4096);
                    attribution(&article.text, near.range, span.clone())
                })
                .flatten();
            // An earlier figure the article itself gives ("up from 19") is not its statement.
            // A figure "as of 9 a.m. Sunday" is dated by its own time.
            let stated_at = (rule.kind == Kind::Count)
                .then(|| as_of_time(article, m.sentence.clone(), span.clone()))
                .flatten();
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
                sentence: quoted(&article.text, m.sentence.clone(), span.clone()),
                sentence_span: m.sentence,
                span,

                pattern: rule.patterns[m.pattern].source.clone(),
                attributed_to,
                published: stated_at.or(article.time),
                superseded: earlier,
            }
        })
        .collect()
}

/// A time of day: "9 a.m.", "9:30 pm", "21:00".
static TIME_OF_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?\s?m\b\.?|p\.?\s?m\b\.?)|\b(\d{1,2}):(\d{2})\b",
    )
    .unwrap_or_else(|e| panic!("built-in time regex: {e}"))
});

/// When a figure was true by its own words ("as of 9 a.m. Sunday", "as of Sunday"): the day
/// they name (relative days resolve against publication, the day of publication when they
/// name none) at the time of day they give, in the article's offset. `None` without such
/// words, or when they name no single day.
fn as_of_time(article: &Article, sentence: Range<usize>, value: Range<usize>) -> Option<When> {
    let words = &article.text[as_of(&article.text, sentence, value)?];
    let clock = TIME_OF_DAY.captures(words);
    let time = clock.as_ref().and_then(|c| {
        let (hour, minute, half) = match (c.get(1), c.get(4)) {
            (Some(h), _) => (h, c.get(2), c.get(3)),
            (None, Some(h)) => (h, c.get(5), None),
            _ => return None,
        };
        let mut hour: i8 = hour.as_str().parse().ok()?;
        let minute: i8 = minute.map_or(Some(0), |m| m.as_str().parse().ok())?;
        if let Some(half) = half {
            let pm = half.as_str().to_lowercase().starts_with('p');
            hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
        }
        jiff::civil::Time::new(hour, minute, 0, 0).ok()
    });
    let rest = match &clock {
        Some(c) => format!(
            "{} {}",
            &words[..c.get(0)?.start()],
            &words[c.get(0)?.end()..]
        ),
        None => words.to_string(),
    };
    let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let ctx = Context::published(article.published);
    let named_day = |text: &str| match value::normalise(Kind::Date, text, &ctx).value {
        Ok(Value::Date(d)) if d.first == d.last && d.granularity == Granularity::Day => {
            Some(d.first)
        }
        _ => None,
    };
    let day = match rest.trim_matches(|c: char| !c.is_alphanumeric()) {
        "" => article.published?,
        words => named_day(words).or_else(|| named_day(&format!("on {words}")))?,
    };
    let Some(time) = time else {
        return Some(When::day(day));
    };
    let offset = article.time.map_or(0, |t| t.offset);
    let zone = jiff::tz::TimeZone::fixed(jiff::tz::Offset::from_seconds(offset).ok()?);
    let instant = day.to_datetime(time).to_zoned(zone).ok()?;
    Some(When {
        seconds: instant.timestamp().as_second(),
        offset,
        day_only: false,
    })
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
