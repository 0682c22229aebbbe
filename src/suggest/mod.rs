//! `suggest`: draft claims from the articles themselves. Every figure with the thing it counts
//! ("72 passengers", "more than 900 people") is a statement; statements of one counted noun
//! across enough sources form a group, and each group becomes a draft claim whose `near` words
//! are checked against the statements it was made from (see [`draft`]).

pub mod draft;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

use crate::corpus::Article;
use crate::rules::blocks;
use crate::rules::compile::{LAZY_DFA_CACHE, PATTERN_SIZE_LIMIT};
use crate::text::sentences;
use crate::value::{self, Context, Kind, Relation, Tolerance, Value};

/// The version of the `suggest --format json` output.
pub const SUGGEST_VERSION: u32 = 1;

/// One figure with what it counts, or one date with the word it dates, in one article.
#[derive(Clone, Debug)]
pub struct Statement {
    /// `count` or `date`.
    pub kind: Kind,
    /// Index of the article.
    pub source: usize,
    /// The figure as written ("more than 900").
    pub raw: String,
    /// What it reads as.
    pub value: Value,
    /// The counted noun as written ("passengers"); for a date, the stem of the word it dates
    /// ("crash" for "crashed on Sunday").
    pub noun: String,
    /// What happened to them, when the clause says it with a word of [`OUTCOMES`]
    /// ("killed" for "people were killed", "died", "dead").
    pub outcome: Option<&'static Outcome>,
    /// The sentence, white space collapsed.
    pub sentence: String,
    /// 1-based line and column of the figure.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
}

/// Statements of one counted thing across sources.
#[derive(Clone, Debug)]
pub struct Group {
    /// The counted noun, singular and lower case, with the outcome when the clause says one
    /// ("passenger", "people killed").
    pub key: String,
    /// Every statement, by source then position.
    pub statements: Vec<Statement>,
    /// How many sources state it.
    pub sources: usize,
    /// Whether the figures differ (not all the same within the default tolerance).
    pub differ: bool,
}

/// What news says happened to the counted: one name, the words that say it (stems end in
/// `*`), and the near words a draft claim uses for it.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The name in claim ids ("killed").
    pub name: &'static str,
    /// The words that say it.
    pub words: &'static [&'static str],
    /// The near word group of a draft.
    pub near: &'static str,
}

/// The outcomes statements are told apart by ("people killed" vs "people injured").
pub const OUTCOMES: &[Outcome] = &[
    Outcome {
        name: "killed",
        words: &[
            "kill*", "die", "died", "dies", "dead", "death*", "fatalit*", "lives", "perished",
        ],
        near: "killed|died|dead|deaths|death toll|lives|fatalities|perished",
    },
    Outcome {
        name: "injured",
        words: &["injur*", "wound*", "hurt"],
        near: "injured|injuries|wounded|hurt",
    },
    Outcome {
        name: "missing",
        words: &["missing", "unaccounted"],
        near: "missing|unaccounted",
    },
    Outcome {
        name: "rescued",
        words: &["rescu*", "saved", "evacuat*"],
        near: "rescued|saved|evacuated",
    },
    Outcome {
        name: "arrested",
        words: &["arrest*", "detain*"],
        near: "arrested|detained|arrests",
    },
];

/// The outcome a word says, if any.
fn outcome_of(word: &str) -> Option<&'static Outcome> {
    let word = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    OUTCOMES.iter().find(|o| {
        o.words.iter().any(|w| match w.strip_suffix('*') {
            Some(stem) => word.starts_with(stem),
            None => word == *w,
        })
    })
}

/// The outcome the clause gives a figure: the first outcome word among the four words after
/// the counted noun or the three before the figure, within the clause.
fn outcome_around(before: &str, after: &str) -> Option<&'static Outcome> {
    let clause_end = |c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '—');
    let after = after.split(clause_end).next().unwrap_or_default();
    let before = before.rsplit(clause_end).next().unwrap_or_default();
    after
        .split_whitespace()
        .take(5)
        .find_map(outcome_of)
        .or_else(|| {
            let words: Vec<&str> = before.split_whitespace().collect();
            words.iter().rev().take(3).find_map(|w| outcome_of(w))
        })
}

/// Words that follow a figure but are not what it counts.
const NOT_COUNTED: &[&str] = &[
    "of",
    "the",
    "a",
    "an",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "more",
    "less",
    "fewer",
    "than",
    "per",
    "percent",
    "cent",
    "times",
    "other",
    "others",
    "was",
    "were",
    "is",
    "are",
    "had",
    "has",
    "have",
    "be",
    "been",
    "will",
    "would",
    "who",
    "which",
    "that",
    "as",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "local",
    "years",
    "year",
    "old",
    "months",
    "month",
    "weeks",
    "week",
    "days",
    "day",
    "hours",
    "hour",
    "minutes",
    "minute",
    "seconds",
    "second",
    "s",
    "th",
    "st",
    "nd",
    "rd",
    "million",
    "billion",
    "thousand",
    "hundred",
    "dozen",
    "kilometres",
    "kilometers",
    "km",
    "miles",
    "metres",
    "meters",
    "m",
];

/// Adjectives that may stand between a figure and what it counts ("72 Nepali passengers" is
/// grouped under "passenger" only when written without them; these common ones are skipped).
const SKIPPED: &[&str] = &[
    "more",
    "other",
    "additional",
    "new",
    "confirmed",
    "reported",
    "suspected",
    "foreign",
    "local",
    "injured",
    "dead",
    "missing",
    "international",
];

/// The statements of `articles`: every count figure followed by what it counts.
pub fn statements(articles: &[Article]) -> Vec<Statement> {
    let mut out = Vec::new();
    for (source, article) in articles.iter().enumerate() {
        let body = article.body_text();
        let ctx = Context::published(article.published);
        for sentence in sentences(body) {
            let text = &body[sentence.clone()];
            let spans = inside_other_values(text);
            for m in figures().find_iter(text) {
                let range = m.range();
                if spans
                    .iter()
                    .any(|s| s.start <= range.start && range.end <= s.end)
                {
                    continue;
                }
                let Some(noun) = counted_noun(&text[range.end..]) else {
                    continue;
                };
                let outcome = outcome_around(&text[..range.start], &text[range.end..]);
                let raw = m.as_str().trim();
                // Four or more bare digits are a year or an identifier ("2023", "train
                // 12841"), not a count.
                if raw.len() >= 4 && raw.chars().all(|c| c.is_ascii_digit()) {
                    continue;
                }
                let Ok(value) = value::normalise(Kind::Count, raw, &ctx).value else {
                    continue;
                };
                let at = article.body.start + sentence.start + range.start;
                let (line, column) = article.locate(at);
                out.push(Statement {
                    kind: Kind::Count,
                    source,
                    raw: raw.to_string(),
                    value,
                    noun,
                    outcome,
                    sentence: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    line,
                    column,
                });
            }
            for m in dates().find_iter(text) {
                let Some(head) = dated_word(&text[..m.start()]) else {
                    continue;
                };
                let raw = m.as_str().trim();
                let Ok(value) = value::normalise(Kind::Date, raw, &ctx).value else {
                    continue;
                };
                let (line, column) =
                    article.locate(article.body.start + sentence.start + m.start());
                out.push(Statement {
                    kind: Kind::Date,
                    source,
                    raw: raw.to_string(),
                    value,
                    noun: head,
                    outcome: None,
                    sentence: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    line,
                    column,
                });
            }
        }
    }
    out
}

/// Words before a date that do not say what it dates: function words, reporting verbs (the
/// date of a statement, not of the event), and time words.
const NOT_DATED: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "was",
    "were",
    "is",
    "are",
    "been",
    "be",
    "has",
    "have",
    "had",
    "that",
    "this",
    "which",
    "who",
    "its",
    "their",
    "his",
    "her",
    "place",
    "took",
    "said",
    "says",
    "told",
    "added",
    "announced",
    "reported",
    "confirmed",
    "stated",
    "noted",
    "early",
    "late",
    "since",
    "until",
    "from",
    "last",
    "next",
    "also",
    "then",
    "again",
    "only",
    "held",
    "later",
    "earlier",
    "before",
    "after",
    "during",
    "around",
    "about",
    "night",
    "morning",
    "evening",
    "afternoon",
    "time",
    "local",
    "news",
    "statement",
    "press",
];

/// Verbs of saying: a date right after one is when something was said.
const REPORTING: &[&str] = &[
    "said",
    "published",
    "updated",
    "posted",
    "modified",
    "says",
    "told",
    "added",
    "announced",
    "reported",
    "confirmed",
    "stated",
    "noted",
];

/// What a date dates: the stem of the nearest content word before it in its clause
/// ("crashed on Sunday" → "crash", "the collision on Friday" → "collision").
fn dated_word(before: &str) -> Option<String> {
    let clause = before
        .rsplit([',', ';', ':', '(', ')', '—'])
        .next()
        .unwrap_or_default();
    let words: Vec<&str> = clause.split_whitespace().collect();
    for w in words.iter().rev().take(4) {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        // A capitalised word is a place or a name ("crashed in Nepal on Sunday").
        if bare.starts_with(char::is_uppercase) {
            continue;
        }
        let clean = bare.to_lowercase();
        if clean.len() < 4 || !clean.chars().all(char::is_alphabetic) {
            continue;
        }
        // The date of a statement ("said on Monday"), not of the event.
        if REPORTING.contains(&clean.as_str()) {
            return None;
        }
        if NOT_DATED.contains(&clean.as_str()) {
            continue;
        }
        return Some(stem(&clean));
    }
    None
}

/// A crude stem that keeps a word's forms together: "crashed", "crashes", "crashing" →
/// "crash"; "collided" → "collid".
fn stem(word: &str) -> String {
    for ending in ["ing", "ed", "es", "s", "e"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.len() >= 4 {
                return stem.to_string();
            }
        }
    }
    word.to_string()
}

/// The dates of a sentence: what `{date}` finds.
fn dates() -> &'static Regex {
    static DATES: LazyLock<Regex> = LazyLock::new(|| block_regex("date"));
    &DATES
}

/// The groups of `statements` that at least `min_sources` sources state, most useful first:
/// figures that differ, then by number of sources, then by name.
pub fn groups(statements: Vec<Statement>, min_sources: usize) -> Vec<Group> {
    let mut by_key: BTreeMap<String, Vec<Statement>> = BTreeMap::new();
    for s in statements {
        let key = match (s.kind, s.outcome) {
            (Kind::Date, _) => format!("{} date", s.noun),
            (_, Some(o)) => format!("{} {}", generic(&singular(&s.noun)), o.name),
            _ => singular(&s.noun),
        };
        by_key.entry(key).or_default().push(s);
    }
    let tol = Tolerance::default();
    let mut out: Vec<Group> = by_key
        .into_iter()
        .filter_map(|(key, statements)| {
            let sources: BTreeSet<usize> = statements.iter().map(|s| s.source).collect();
            if sources.len() < min_sources.max(1) {
                return None;
            }
            let differ = statements.iter().enumerate().any(|(i, a)| {
                statements[i + 1..]
                    .iter()
                    .any(|b| a.value.relate(&b.value, &tol) != Relation::Same)
            });
            Some(Group {
                key,
                sources: sources.len(),
                statements,
                differ,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (b.differ, b.sources, &a.key)
            .partial_cmp(&(a.differ, a.sources, &b.key))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    out
}

/// What a figure counts: the first word after it that is not a function word, a unit of time
/// or measure, or a common adjective; `None` when punctuation comes first (a figure alone).
fn counted_noun(after: &str) -> Option<String> {
    let mut words = after.split_whitespace();
    let first = after.chars().next()?;
    if !first.is_whitespace() {
        return None;
    }
    for _ in 0..3 {
        let w = words.next()?;
        let clean: String = w
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let cut = clean.len() < w.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        if clean.is_empty() || !clean.chars().all(|c| c.is_alphabetic() || c == '-') {
            return None;
        }
        if NOT_COUNTED.contains(&clean.as_str()) {
            return None;
        }
        if SKIPPED.contains(&clean.as_str()) && !cut {
            continue;
        }
        return (clean.len() > 2).then_some(clean);
    }
    None
}

/// Nouns that count people in general, one thing when an outcome is said of them ("42
/// people died", "42 lives were lost"); other nouns ("passengers", "students") stay apart.
fn generic(noun: &str) -> &str {
    match noun {
        "person" | "individual" | "live" | "life" | "soul" => "people",
        other => other,
    }
}

/// "passengers" → "passenger"; "people" and words in "-ss" stay.
pub(crate) fn singular(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix("ies").filter(|s| s.len() > 2) {
        return format!("{stem}y");
    }
    for ending in ["ches", "shes", "sses", "xes", "zes"] {
        if noun.ends_with(ending) && noun.len() > ending.len() + 1 {
            return noun[..noun.len() - 2].to_string();
        }
    }
    match noun.strip_suffix('s') {
        Some(stem) if stem.len() > 2 && !stem.ends_with('s') => stem.to_string(),
        _ => noun.to_string(),
    }
}

/// The figures of a sentence: what `{quantity}` finds.
fn figures() -> &'static Regex {
    static FIGURES: LazyLock<Regex> = LazyLock::new(|| block_regex("quantity"));
    &FIGURES
}

/// Dates and lengths of time in a sentence: a figure inside one is theirs ("Jan. 12",
/// "four-hour", "in 2014").
fn inside_other_values(text: &str) -> Vec<Range<usize>> {
    static DATES: LazyLock<Regex> = LazyLock::new(|| block_regex("date"));
    static DURATIONS: LazyLock<Regex> = LazyLock::new(|| block_regex("duration"));
    DATES
        .find_iter(text)
        .chain(DURATIONS.find_iter(text))
        .map(|m| m.range())
        .collect()
}

fn block_regex(name: &str) -> Regex {
    let source = blocks::find(name).map(blocks::regex_of).unwrap_or_default();
    RegexBuilder::new(&source)
        .case_insensitive(true)
        .size_limit(PATTERN_SIZE_LIMIT)
        .dfa_size_limit(LAZY_DFA_CACHE)
        .build()
        .unwrap_or_else(|e| panic!("built-in block regex `{name}`: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;
    use std::path::Path;

    fn article(name: &str, body: &str) -> Article {
        let text = format!("---\noutlet: {name}\npublished: 2025-06-02\n---\n{body}\n");
        parse_article(Path::new(&format!("{name}.txt")), text.as_bytes())
            .unwrap()
            .0
    }

    #[test]
    fn figures_are_grouped_by_what_they_count() {
        let articles = [
            article(
                "a",
                "The ferry carried 160 passengers. At least 42 people died.",
            ),
            article(
                "b",
                "Some 158 passengers were aboard, and 42 people were killed on Jan. 12.",
            ),
            article(
                "c",
                "It was a four-hour search; 40 people died, officials said.",
            ),
        ];
        let groups = groups(statements(&articles), 2);
        let keys: Vec<(&str, usize, bool)> = groups
            .iter()
            .map(|g| (g.key.as_str(), g.sources, g.differ))
            .collect();
        assert_eq!(keys, [("people killed", 3, true), ("passenger", 2, true)]);
    }

    #[test]
    fn dates_are_grouped_by_the_word_they_date() {
        let articles = [
            article(
                "a",
                "The ferry capsized in Arun Bay on Sunday, officials said on Monday.",
            ),
            article("b", "The ferry, which capsized on Saturday, was old."),
        ];
        let groups = groups(statements(&articles), 2);
        let dates: Vec<(&str, bool)> = groups
            .iter()
            .filter(|g| g.key.ends_with(" date"))
            .map(|g| (g.key.as_str(), g.differ))
            .collect();
        assert_eq!(dates, [("capsiz date", true)]);
        assert_eq!(
            dated_word("the plane crashed in Nepal "),
            Some("crash".into())
        );
        assert_eq!(dated_word("officials said "), None);
    }

    #[test]
    fn nouns_are_what_follows_the_figure() {
        assert_eq!(
            counted_noun(" passengers were aboard"),
            Some("passengers".into())
        );
        assert_eq!(
            counted_noun(" confirmed deaths so far"),
            Some("deaths".into())
        );
        assert_eq!(counted_noun(", officials said"), None);
        assert_eq!(counted_noun(" years ago"), None);
        assert_eq!(singular("casualties"), "casualty");
        assert_eq!(singular("people"), "people");
        assert_eq!(singular("passengers"), "passenger");
        assert_eq!(singular("coaches"), "coach");
        assert_eq!(singular("boxes"), "box");
    }
}
