//! The clause around a value: where it starts and ends, whether the value is a level or a
//! comparison, change or span of time ("3,000 more than last year", "up 20%", "the first in
//! more than two years"), and to whom the sentence attributes it ("police said", "according to
//! organisers"). Plain text in, byte ranges and words out; no rule or value type.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::value::date::{is_month_word, is_weekday};

/// Where one clause of a sentence ends and the next begins: clause punctuation (a comma
/// followed by a space, so that "13,000" stays whole), dashes, brackets, and the conjunctions
/// that join two statements ("organisers said 2 million, while police put it at 338,000").
static BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
    compiled(
        r"(?i)[;()\[\]—]|[,:]\s|\s[–-]\s|(?-u:\b)(?:while|whereas|but|although|though)(?-u:\b)",
    )
});

/// The clause of `text` that holds `value`, within `sentence` (byte ranges of `text`).
pub(crate) fn clause_of(text: &str, sentence: Range<usize>, value: Range<usize>) -> Range<usize> {
    let Some(body) = text.get(sentence.clone()) else {
        return sentence;
    };
    let (mut start, mut end) = (sentence.start, sentence.end);
    for b in BOUNDARY.find_iter(body) {
        let (b_start, b_end) = (sentence.start + b.start(), sentence.start + b.end());
        if b_end <= value.start {
            start = b_end;
        } else if b_start >= value.end {
            end = b_start;
            break;
        }
    }
    start..end.max(start)
}

/// The clauses of a sentence, in order (byte ranges of `text`).
fn clauses(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let Some(body) = text.get(sentence.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = sentence.start;
    for b in BOUNDARY.find_iter(body) {
        out.push(start..sentence.start + b.start());
        start = sentence.start + b.end();
    }
    out.push(start..sentence.end);
    out
}

/// What a value is other than the level a claim asks for, with the words that show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotALevel {
    /// A difference or comparison: "an hour longer than expected", "3,000 more than last
    /// year", "up 20%", "by 2,000", "three times as many".
    Comparison(String),
    /// A span since something last happened, not a date: "the first meeting in more than two
    /// years".
    Span(String),
}

impl std::fmt::Display for NotALevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotALevel::Comparison(words) => {
                write!(f, "a comparison, not the figure (`{words}`)")
            }
            NotALevel::Span(words) => write!(
                f,
                "a span of time since something last happened, not a date (`{words}`)"
            ),
        }
    }
}

/// Words right after a value that make it a comparison or an increment.
static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    compiled(concat!(
        r"(?i)^\s*(?:",
        // "3,000 more than last year", "an hour longer than expected", "3,000 people more than"
        r"(?:[\p{L}'’-]+\s+){0,2}?(?:more|fewer|less|longer|shorter|higher|lower|greater|bigger|smaller|larger|earlier|later|older|younger|faster|slower)(?:\s+[\p{L}'’-]+){0,2}?\s+than(?-u:\b)",
        // "3,000 more people", "an hour longer", "20% higher"
        r"|(?:%|percent|per\s+cent|percentage\s+points?)?\s*(?:more|fewer|additional|extra|longer|shorter|higher|lower)(?-u:\b)",
        // "three times as many", "a 10-fold rise"
        r"|-?(?:times|fold)(?-u:\b)",
        r")",
    ))
});

/// Whether comparative words after a value belong to the next figure instead ("288 and more
/// than 850 injured": "more than" is 850's hedge): a conjunction before them, or a figure
/// right after them.
fn hedges_next_figure(words: &str, rest: &str) -> bool {
    let joined = words.split_whitespace().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "and" | "or" | "but" | "with" | "while"
        )
    });
    // "more than 850" is 850's hedge.
    let figure_next = words.to_lowercase().ends_with("than")
        && rest.trim_start().starts_with(|c: char| c.is_ascii_digit());
    joined || figure_next
}

/// Words right before a value that make it a change: "rose by", "up", "fell", "cut by".
static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    compiled(concat!(
        r"(?i)(?:",
        r"(?-u:\b)(?:rose|risen|rises|rising|fell|fallen|falls|falling|increased|increases|increasing|decreased|decreases|decreasing|grew|grown|grows|growing|dropped|drops|dropping|declined|declines|declining|climbed|climbs|climbing|jumped|jumps|surged|soared|plunged|slumped|widened|narrowed)\s+(?:by\s+)?",
        r"|(?:^|(?-u:\b)(?:is|are|was|were|been|being|be)\s+)(?:up|down)\s+(?:by\s+)?",
        r"|(?-u:\b)(?:increase|decrease|rise|fall|drop|decline|jump|growth|cut|reduction|won|beat|led|leads?|trail\w*|exceed\w*|outnumber\w*|extend\w*|lengthen\w*|shorten\w*|delay\w*|postpon\w*|reduc\w*|rais\w*)(?-u:\b)(?:\s+[^\s,;]+){0,4}?\s+by\s+",
        r")$",
    ))
});

/// A value of the form "in more than two years", "in a decade": what a date block reads.
static SPAN_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    compiled(
        r"(?i)^(?:in|for|over)\s+(?:(?:more\s+than|over|nearly|almost|about|around|at\s+least|some)\s+)?[\p{L}\d-]+\s+(?:years?|months?|weeks?|days?|decades?)(?-u:\b)",
    )
});

/// A superlative or "first" a few words before a span: "the first such meeting", "the
/// highest level".
static SPAN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    compiled(
        r"(?i)(?-u:\b)(?:first|last|only|highest|lowest|worst|best|biggest|largest|smallest|most|least|longest|shortest|deadliest|strongest|weakest|\w+est)(?-u:\b)(?:\s+[^\s,;]+){0,6}?\s*$",
    )
});

/// Why the value at `value` is not a level, looking only inside its clause; `None` for a
/// level. `date` asks for the span check ("the first in more than two years"), which only a
/// date's block reads as a value.
///
/// Words inside `matched` (the whole match of the claim's pattern) were asked for by the
/// pattern ("rose by {quantity}", "the first meeting {date}"), so they never count.
pub(crate) fn not_a_level(
    text: &str,
    clause: Range<usize>,
    value: Range<usize>,
    matched: Range<usize>,
    date: bool,
) -> Option<NotALevel> {
    let lead = clause.start.min(value.start);
    let before = text.get(lead..value.start)?;
    let after = text.get(value.end..clause.end.max(value.end))?;
    let written = text.get(value.clone())?;
    let outside_before = |m: &regex::Match<'_>| lead + m.start() < matched.start;
    if date && SPAN_VALUE.is_match(written) {
        if let Some(m) = SPAN_BEFORE.find(before).filter(outside_before) {
            let first = m.as_str().split_whitespace().next().unwrap_or_default();
            return Some(NotALevel::Span(format!("{first} … {}", written.trim())));
        }
        return None;
    }
    if let Some(m) = AFTER
        .find(after)
        .filter(|m| !hedges_next_figure(m.as_str(), &after[m.end()..]))
    {
        if value.end + m.end() > matched.end {
            return Some(NotALevel::Comparison(squeeze(m.as_str())));
        }
    }
    if let Some(m) = BEFORE.find(before).filter(outside_before) {
        return Some(NotALevel::Comparison(squeeze(m.as_str())));
    }
    None
}

/// Words right before a value that mark it as an earlier figure than the one now stated:
/// "up from", "rose from", "revised from", "initially reported", "earlier only", "had earlier
/// put the toll at", "a previous toll of".
static EARLIER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    compiled(concat!(
        r"(?i)(?:",
        r"\b(?:up|down|rose|risen|rising|climbed|climbing|jumped|increased|grew|fell|fallen|dropped|declined|revised(?:\s+(?:up|down)(?:wards?)?)?|raised|lowered|corrected|changed|adjusted)\s+(?:\w+\s+){0,2}?from\s+(?:an?\s+|the\s+)?(?:(?:earlier|initial|previous|original|first)\s+)?(?:(?:toll|figure|count|estimate|tally)\s+of\s+)?",
        r"|\b(?:initially|originally|earlier|previously|formerly|at\s+first|first\s+reported|had\s+(?:earlier|initially|previously)|an?\s+(?:earlier|initial|previous|original)|the\s+(?:earlier|initial|previous|original))\b(?:\s+[^\s,;:]+){0,6}?\s+",
        r")$",
    ))
});

/// "from 174 to 125": a figure followed by "to" and a figure is the one revised away from.
static FROM_BEFORE: LazyLock<Regex> = LazyLock::new(|| compiled(r"(?i)\bfrom\s+$"));
static TO_FIGURE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"(?i)^\s*(?:people\s+|deaths\s+|dead\s+)?to\s+(?:\w+\s+){0,2}?\d"));

/// Whether the article marks the value at `value` as an earlier figure, superseded by the
/// one it now states ("up from 19", "rose from 149 to 151", "revised from 174 to 125",
/// "initially reported 12", "earlier only two", "had earlier put the toll at 120"). Looks only
/// inside the value's clause of `sentence`.
pub(crate) fn superseded(text: &str, sentence: Range<usize>, value: Range<usize>) -> bool {
    let clause = clause_of(text, sentence, value.clone());
    let lead = clause.start.min(value.start);
    let (Some(before), Some(after)) = (
        text.get(lead..value.start),
        text.get(value.end..clause.end.max(value.end)),
    ) else {
        return false;
    };
    EARLIER_BEFORE.is_match(before)
        || (FROM_BEFORE.is_match(before) && TO_FIGURE_AFTER.is_match(after))
}

/// "as of": the words after it say when a figure was true.
static AS_OF: LazyLock<Regex> = LazyLock::new(|| compiled(r"(?i)\bas\s+(?:of|at)\s+"));

/// The words that say when the value at `value` was true ("… 151 as of 9 a.m. Sunday"): what
/// follows "as of" in the value's clause, to the clause's end; `None` without one.
pub(crate) fn as_of(
    text: &str,
    sentence: Range<usize>,
    value: Range<usize>,
) -> Option<Range<usize>> {
    let clause = clause_of(text, sentence.clone(), value);
    let body = text.get(clause.clone())?;
    if let Some(m) = AS_OF.find(body) {
        let start = clause.start + m.end();
        return (start < clause.end).then_some(start..clause.end);
    }
    // "As of Sunday, 151 people …": a clause of its own right before the value's.
    let before = clauses(text, sentence)
        .into_iter()
        .take_while(|c| c.end <= clause.start)
        .last()?;
    let words = text.get(before.clone())?;
    let lead = words.len() - words.trim_start().len();
    let m = AS_OF.find(&words[lead..]).filter(|m| m.start() == 0)?;
    let start = before.start + lead + m.end();
    (start < before.end).then_some(start..before.end)
}

/// Verbs a party states a figure with: "police said", "organisers estimated".
/// Words that are also nouns ("member states", "reports") are left out.
const STATING: &str = r"said|says|say|estimated|reported|put|puts|counted|claimed|told|announced|confirmed|stated|recorded|tallied";

/// "police said", "the health ministry reported": the party is the words before the verb.
static PARTY_BEFORE_VERB: LazyLock<Regex> =
    LazyLock::new(|| compiled(&format!(r"(?i)(?-u:\b)(?:{STATING})(?-u:\b)")));

/// "according to police", "figures from the ministry": the party follows.
static PARTY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    compiled(
        r"(?i)(?-u:\b)(?:according\s+to|figures?\s+from|estimates?\s+(?:from|by)|data\s+from|tally\s+(?:from|by)|count\s+by)\s+",
    )
});

/// "…, said police.": the party follows and ends the clause.
static SAID_PARTY: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"(?i)(?-u:\b)(?:said|says|told)\s+"));

/// "the health ministry's figure", "police figures", "organisers' estimate".
static PARTY_BEFORE_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    compiled(
        r"(?i)(?:['’]s?)?\s+(?:own\s+)?(?:figures?|estimates?|count|tally|data|numbers)(?-u:\b)",
    )
});

/// Adverbs that may stand between a party and its verb ("police later said").
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "earlier",
    "previously",
    "initially",
    "first",
    "then",
    "now",
    "still",
    "separately",
    "had",
    "have",
    "has",
];

/// Words that end a party's name (function words, pronouns, adverbs, figures).
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "that",
    "which",
    "who",
    "whom",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "also",
    "later",
    "earlier",
    "previously",
    "initially",
    "first",
    "then",
    "now",
    "still",
    "as",
    "of",
    "in",
    "on",
    "at",
    "to",
    "by",
    "for",
    "with",
    "from",
    "this",
    "these",
    "those",
    "there",
    "its",
    "their",
    "his",
    "her",
    "our",
    "not",
    "people",
    "figure",
    "figures",
    "toll",
    "number",
    "total",
    "than",
    "more",
    "about",
    "some",
    "so",
    "far",
    "had",
    "would",
    "could",
    "will",
    "may",
    "might",
    "since",
    "when",
    "where",
    "while",
    "what",
    "if",
    "yet",
    "already",
    "him",
    "them",
    "us",
    "me",
    "one",
    "two",
    "three",
    "separately",
    "previously",
    "widely",
    "reportedly",
    "said",
    "says",
    "told",
    "according",
    // Adverbs and particles that stand before a verb ("what do you even say").
    "even",
    "just",
    "only",
    "never",
    "ever",
    "do",
    "does",
    "did",
    "not",
    "should",
    "must",
    "can",
    // Words of time and of the figure itself, not of who gives it.
    "today",
    "yesterday",
    "tonight",
    "latest",
    "count",
    "tally",
    "estimate",
    "official",
];

/// Parts of a day and spans: a clause's time, never a party (weekdays and months neither:
/// "Wednesday said" is a headline's).
const TIME_WORDS: &[&str] = &[
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "month",
    "year",
];

/// Who the sentence attributes the value at `value` to: a party named in the value's own
/// clause; else the party of the nearest clause that only attributes (no figure of its own:
/// "…, the coast guard said", "According to police, …"); else the one party the rest of the
/// sentence names. Lower case, without a leading article: "police", "health ministry".
pub(crate) fn attribution(
    text: &str,
    sentence: Range<usize>,
    value: Range<usize>,
) -> Option<String> {
    let own = clause_of(text, sentence.clone(), value.clone());
    if let Some(party) = party_in(text, own.clone(), Some(&value)) {
        return Some(party);
    }
    let all = clauses(text, sentence);
    let here = all
        .iter()
        .position(|c| c.start <= value.start && value.start < c.end.max(c.start + 1));
    let mut nearest: Option<(usize, String)> = None;
    let mut others: Vec<String> = Vec::new();
    for (i, c) in all.iter().enumerate() {
        if *c == own {
            continue;
        }
        let Some(party) = party_in(text, c.clone(), None) else {
            continue;
        };
        let figure = text
            .get(c.clone())
            .is_some_and(|t| t.contains(|ch: char| ch.is_ascii_digit()));
        if !figure {
            // Distance in clauses; a following clause wins a tie ("…, police said").
            let distance = here.map_or(usize::MAX, |h| 2 * h.abs_diff(i) + usize::from(i < h));
            if nearest.as_ref().is_none_or(|(d, _)| distance < *d) {
                nearest = Some((distance, party.clone()));
            }
        }
        others.push(party);
    }
    if let Some((_, party)) = nearest {
        return Some(party);
    }
    others.sort();
    others.dedup();
    match others.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The party a clause names, if any; never words of the value itself.
fn party_in(text: &str, clause: Range<usize>, value: Option<&Range<usize>>) -> Option<String> {
    let body = text.get(clause.clone())?;
    let outside =
        |at: usize| value.is_none_or(|v| at + clause.start < v.start || at + clause.start >= v.end);
    for m in PARTY_AFTER.find_iter(body) {
        if outside(m.end()) {
            if let Some((p, _)) = words_after(&body[m.end()..]) {
                return Some(p);
            }
        }
    }
    for m in SAID_PARTY.find_iter(body) {
        if outside(m.end()) {
            if let Some((p, true)) = words_after(&body[m.end()..]) {
                return Some(p);
            }
        }
    }
    for m in PARTY_BEFORE_VERB.find_iter(body) {
        if outside(m.start().saturating_sub(1)) {
            if let Some(p) = words_before(&body[..m.start()]) {
                return Some(p);
            }
        }
    }
    for m in PARTY_BEFORE_NOUN.find_iter(body) {
        if m.start() > 0 && outside(m.start() - 1) {
            if let Some(p) = words_before(&body[..m.start()]) {
                return Some(p);
            }
        }
    }
    None
}

/// Up to four name words right after a phrase ("according to [the Hong Kong police]"), and
/// whether they run to the end of the text.
fn words_after(rest: &str) -> Option<(String, bool)> {
    let mut words = Vec::new();
    let all: Vec<&str> = rest.split_whitespace().collect();
    let mut used = 0;
    for (i, w) in all.iter().enumerate() {
        // "U.S." keeps its full stops: an abbreviation does not end the name.
        let abbreviation = w.ends_with('.') && w[..w.len() - 1].contains('.');
        let clean = if abbreviation {
            w
        } else {
            w.trim_end_matches(|c: char| !c.is_alphanumeric())
        };
        let stop = clean.len() != w.len();
        let lower = clean.to_lowercase();
        used = i + 1;
        if i == 0 && lower == "the" {
            continue;
        }
        if !is_party_word(clean) || STOP.contains(&lower.as_str()) {
            used = i;
            break;
        }
        words.push(lower);
        if stop || words.len() == 4 {
            break;
        }
    }
    party(words).map(|p| (p, used == all.len()))
}

/// Up to four name words right before a verb ("[the health ministry] said"), skipping one
/// adverb ("police later said").
fn words_before(head: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    let mut skipped = false;
    for w in head.split_whitespace().rev() {
        if w.ends_with(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
            break;
        }
        let clean = w
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_end_matches(['\'', '’']);
        let lower = clean.to_lowercase();
        if words.is_empty()
            && !skipped
            && (lower.ends_with("ly") || ADVERBS.contains(&lower.as_str()))
        {
            skipped = true;
            continue;
        }
        if !is_party_word(clean) || STOP.contains(&lower.as_str()) {
            break;
        }
        words.push(lower);
        if words.len() == 4 {
            break;
        }
    }
    words.reverse();
    party(words)
}

fn is_party_word(word: &str) -> bool {
    !word.is_empty()
        && !TIME_WORDS.contains(&word.to_lowercase().as_str())
        && !is_weekday(word)
        && !is_month_word(word)
        && word.chars().next().is_some_and(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'))
}

fn party(words: Vec<String>) -> Option<String> {
    (!words.is_empty()).then(|| words.join(" "))
}

/// `text` with runs of white space made one space, trimmed.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn compiled(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("built-in clause regex: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(sentence: &str, value: &str) -> Option<String> {
        let at = sentence.find(value).unwrap();
        let v = at..at + value.len();
        let c = clause_of(sentence, 0..sentence.len(), v.clone());
        not_a_level(sentence, c, v.clone(), v, false).map(|n| n.to_string())
    }

    fn party(sentence: &str, value: &str) -> Option<String> {
        let at = sentence.find(value).unwrap();
        attribution(sentence, 0..sentence.len(), at..at + value.len())
    }

    fn earlier(sentence: &str, value: &str) -> bool {
        let at = sentence.rfind(value).unwrap();
        superseded(sentence, 0..sentence.len(), at..at + value.len())
    }

    #[test]
    fn as_of_words_are_found_in_the_clause_or_the_one_before() {
        fn words<'a>(sentence: &'a str, value: &str) -> Option<&'a str> {
            let at = sentence.find(value).unwrap();
            as_of(sentence, 0..sentence.len(), at..at + value.len()).map(|r| &sentence[r])
        }
        assert_eq!(
            words(
                "The toll stood at 151 as of 9 a.m. Sunday, police said.",
                "151"
            ),
            Some("9 a.m. Sunday")
        );
        assert_eq!(
            words("As of Sunday morning, 156 people were dead.", "156"),
            Some("Sunday morning")
        );
        assert_eq!(words("On Sunday, 156 people were dead.", "156"), None);
    }

    #[test]
    fn figures_the_article_marks_as_earlier_are_superseded() {
        for (s, v) in [
            ("The toll reached 25, up from 19 in the afternoon.", "19"),
            ("The toll rose from 149 to 151.", "149"),
            ("Officials revised the toll from 174 to 125.", "174"),
            ("Officials had initially reported 12 dead.", "12"),
            ("Earlier only two had been confirmed dead.", "two"),
            ("Police had earlier put the toll at 120.", "120"),
            ("It replaces an earlier toll of 140.", "140"),
        ] {
            assert!(earlier(s, v), "{s}");
        }
        for (s, v) in [
            ("The toll rose from 149 to 151.", "151"),
            ("Officials revised the toll from 174 to 125.", "125"),
            ("The toll reached 25, up from 19 in the afternoon.", "25"),
            ("At least 149 people were killed.", "149"),
            ("Earlier on Sunday, 151 people were confirmed dead.", "151"),
            ("Between 10 and 15 people were hurt.", "10"),
        ] {
            assert!(!earlier(s, v), "{s}");
        }
    }

    #[test]
    fn comparisons_and_changes_are_not_levels() {
        for (s, v) in [
            ("The talks lasted an hour longer than expected.", "an hour"),
            ("Some 3,000 more people than last year attended.", "3,000"),
            ("Turnout was up 20 % on last year.", "20 %"),
            ("The toll rose by 2,000 overnight.", "2,000"),
            ("Arrests increased 15 per cent.", "15 per cent"),
            ("There were three times as many arrests.", "three"),
            ("Hamilton won the race by 2 seconds.", "2 seconds"),
            ("The vote was delayed by two hours.", "two hours"),
        ] {
            assert!(level(s, v).is_some(), "{s}");
        }
    }

    #[test]
    fn levels_stay_levels() {
        for (s, v) in [
            ("More than 13,000 people have died.", "More than 13,000"),
            ("The toll rose to 156 on Monday.", "156"),
            ("The meeting was attended by 30 ambassadors.", "30"),
            ("Police rounded up 300 protesters.", "300"),
            (
                "The talks lasted nearly four hours, longer than expected.",
                "nearly four hours",
            ),
            ("13,000 people, more than in any year, died.", "13,000"),
            (
                "The toll has surged to 288 and more than 850 are injured.",
                "288",
            ),
        ] {
            assert_eq!(level(s, v), None, "{s}");
        }
    }

    #[test]
    fn a_span_after_a_first_is_not_a_date() {
        let s = "It was the first such meeting in more than two years.";
        let v = "in more than two years";
        let at = s.find(v).unwrap();
        let c = clause_of(s, 0..s.len(), at..at + v.len());
        assert!(matches!(
            not_a_level(s, c, at..at + v.len(), at..at + v.len(), true),
            Some(NotALevel::Span(_))
        ));
        let s = "They will meet again in two weeks.";
        let v = "in two weeks";
        let at = s.find(v).unwrap();
        let c = clause_of(s, 0..s.len(), at..at + v.len());
        assert_eq!(
            not_a_level(s, c, at..at + v.len(), at..at + v.len(), true),
            None
        );
        // A pattern that asks for "the first … {date}" gets the span as its value.
        let s = "It was the first such meeting in more than two years.";
        let at = s.find(v).unwrap_or(0);
        let v = "in more than two years";
        let at = s.find(v).unwrap_or(at);
        let c = clause_of(s, 0..s.len(), at..at + v.len());
        let first = s.find("the first").unwrap();
        assert_eq!(
            not_a_level(s, c, at..at + v.len(), first..at + v.len(), true),
            None
        );
    }

    #[test]
    fn parties_are_found_in_the_clause_of_the_value() {
        let s = "Organisers said nearly 2 million people marched, while police put the peak at 338,000.";
        assert_eq!(party(s, "nearly 2 million").as_deref(), Some("organisers"));
        assert_eq!(party(s, "338,000").as_deref(), Some("police"));
        let s = "At least 156 people died, the health ministry said.";
        assert_eq!(party(s, "At least 156").as_deref(), Some("health ministry"));
        let s = "According to the Hong Kong police, 338,000 people took part.";
        assert_eq!(party(s, "338,000").as_deref(), Some("hong kong police"));
        let s = "The interior ministry's figure of 120 dead was disputed.";
        assert_eq!(party(s, "120").as_deref(), Some("interior ministry"));
        let s = "Police later said 20 people were arrested.";
        assert_eq!(party(s, "20").as_deref(), Some("police"));
        let s = "More than 13,000 people have died in the conflict.";
        assert_eq!(party(s, "More than 13,000"), None);
        let s = "He said 40 people had died.";
        assert_eq!(party(s, "40"), None);
        let s = "What do you even say about 19 children dying?";
        assert_eq!(party(s, "19"), None);
        let s = "Wednesday said 12 people had died.";
        assert_eq!(party(s, "12"), None);
        let s = "The capsizing killed 42 passengers, according to the coast guard, while the ferry operator put the death toll at 39.";
        assert_eq!(party(s, "42").as_deref(), Some("coast guard"));
        assert_eq!(party(s, "39").as_deref(), Some("ferry operator"));
        let s = "Russia met with 30 NATO member states in Brussels.";
        assert_eq!(party(s, "30"), None);
        let s = "Some 100,000 troops are massed, according to U.S. officials.";
        assert_eq!(party(s, "Some 100,000").as_deref(), Some("u.s. officials"));
    }
}
