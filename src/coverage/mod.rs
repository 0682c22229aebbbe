//! `coverage`: what the rules missed. For each claim, the sentences that state a value of its
//! kind among the claim's words although no pattern matched there, and the matches its words
//! turned away, with the word that did.
//!
//! A value of the claim's kind is what the kind's building block finds in a sentence
//! (`{quantity}`, `{date}`, `{duration}`; for names, runs of capitalised words, since `{name}`
//! alone takes any words). The claim's words are asked through `ClaimWords::accept`, the one
//! place that says whether a sentence has them.

pub mod render;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;
use regex::{Regex, RegexBuilder};

use crate::corpus::Article;
use crate::extract::{rule_matches, turned_away, RejectReason, Site};
use crate::rules::blocks;
use crate::rules::compile::{word_group_regex, LAZY_DFA_CACHE, PATTERN_SIZE_LIMIT};
use crate::rules::spec::Scope;
use crate::rules::{Rule, RuleSet};
use crate::text::{paragraphs, sentence_at, sentences};
use crate::value::Kind;

/// The version of the coverage JSON (`coverage_version`); raised when a field changes meaning
/// or goes away.
pub const COVERAGE_VERSION: u32 = 1;

/// The longest sentence shown whole (in characters); longer ones are cut around the value.
pub(crate) const SENTENCE_CHARS: usize = 160;

/// What the rules missed, claim by claim, in the order the claims were written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// One entry per claim.
    pub claims: Vec<ClaimCoverage>,
}

/// What one claim missed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimCoverage {
    /// The claim's id.
    pub id: String,
    /// The claim's label.
    pub label: String,
    /// The kind of value the claim states.
    pub kind: Kind,
    /// Values in sentences with the claim's words that no pattern matched, in article order,
    /// then position.
    pub missed: Vec<Missed>,
    /// Matches the claim's words turned away, in article order, then position.
    pub excluded: Vec<Excluded>,
    /// Why missed sentences were not looked for, when they were not.
    pub skipped: Option<Skip>,
}

/// Where a value stands in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The article's path, as it was read.
    pub path: PathBuf,
    /// 1-based line of the value.
    pub line: usize,
    /// 1-based column (in characters) of the value.
    pub column: usize,
}

/// A value the claim's patterns did not match, in a sentence with the claim's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missed {
    /// Where the value starts.
    pub place: Place,
    /// The value as written (white space collapsed).
    pub value: String,
    /// Its sentence, cut around the value on word boundaries when long.
    pub sentence: String,
}

/// A match the claim's words turned away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excluded {
    /// Where the value starts.
    pub place: Place,
    /// The value as written (white space collapsed).
    pub value: String,
    /// Which word turned it away.
    pub reason: RejectReason,
}

/// Why a claim's missed sentences were not looked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// The claim has no context words and no unit: every sentence with a value of its kind
    /// would be listed.
    NoWords,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::NoWords => f.write_str(
                "the claim has no context words and no unit to tell its sentences from others",
            ),
        }
    }
}

impl Coverage {
    /// Missed values over all claims.
    pub fn missed(&self) -> usize {
        self.claims.iter().map(|c| c.missed.len()).sum()
    }

    /// Excluded matches over all claims.
    pub fn excluded(&self) -> usize {
        self.claims.iter().map(|c| c.excluded.len()).sum()
    }
}

/// What the rules of `rules` missed in `articles`. Articles are searched in parallel; the
/// result does not depend on the number of threads.
pub fn coverage(rules: &RuleSet, articles: &[Article]) -> Coverage {
    let words: Vec<Result<ClaimWords<'_>, Skip>> = rules.rules.iter().map(ClaimWords::of).collect();
    let per_article: Vec<Vec<(Vec<Missed>, Vec<Excluded>)>> = articles
        .par_iter()
        .map(|article| article_coverage(rules, &words, article))
        .collect();
    let mut claims: Vec<ClaimCoverage> = rules
        .rules
        .iter()
        .zip(&words)
        .map(|(rule, words)| ClaimCoverage {
            id: rule.id.clone(),
            label: rule.label.clone(),
            kind: rule.kind,
            missed: Vec::new(),
            excluded: Vec::new(),
            skipped: words.as_ref().err().copied(),
        })
        .collect();
    for found in per_article {
        for (claim, (mut missed, mut excluded)) in claims.iter_mut().zip(found) {
            claim.missed.append(&mut missed);
            claim.excluded.append(&mut excluded);
        }
    }
    Coverage { claims }
}

/// The words a value's sentence must have to state a claim, by the claim's own conditions.
#[derive(Clone, Debug)]
pub(crate) struct ClaimWords<'r> {
    rule: &'r Rule,
    /// For a claim without context words: the words of its unit, each required.
    unit: Vec<Regex>,
}

/// Words of a unit that say nothing about what is counted.
const UNIT_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "by", "for", "in", "of", "on", "or", "per", "the", "to", "with",
];

impl<'r> ClaimWords<'r> {
    /// The claim's words: its context groups, or without them the content words of its unit;
    /// a claim with neither is skipped.
    pub(crate) fn of(rule: &'r Rule) -> Result<Self, Skip> {
        if !rule.context.is_empty() || rule.near.is_some() {
            return Ok(ClaimWords {
                rule,
                unit: Vec::new(),
            });
        }
        let unit: Vec<Regex> = rule
            .unit
            .as_deref()
            .unwrap_or_default()
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty() && !UNIT_STOP_WORDS.contains(&w.to_lowercase().as_str()))
            .map(|w| word_group_regex(&[w.to_string()]))
            .collect();
        if unit.is_empty() {
            return Err(Skip::NoWords);
        }
        Ok(ClaimWords { rule, unit })
    }

    /// Whether the value at `site` stands among the claim's words: the claim's conditions
    /// accept it (every context group, no excluded word: [`turned_away`], which the matcher
    /// asks too, so a new kind of condition such as words near the value joins there) and,
    /// for a claim without context words, its stretch has every word of the unit.
    pub(crate) fn accept(&self, site: &Site<'_>) -> bool {
        if turned_away(self.rule, site).is_some() {
            return false;
        }
        if let Some(near) = &self.rule.near {
            if !near.around(site.text, site.stretch.clone(), site.value.clone()) {
                return false;
            }
        }
        let stretch = &site.text[site.stretch.clone()];
        self.unit.iter().all(|re| re.is_match(stretch))
    }
}

/// One article's missed values and excluded matches, for each rule.
fn article_coverage(
    rules: &RuleSet,
    words: &[Result<ClaimWords<'_>, Skip>],
    article: &Article,
) -> Vec<(Vec<Missed>, Vec<Excluded>)> {
    let body = article.body_text();
    let offset = article.body.start;
    let sents = sentences(body);
    let paras = paragraphs(body);
    let mut values: [Option<Vec<Vec<Range<usize>>>>; 4] = Default::default();
    let place = |at: usize| {
        let (line, column) = article.locate(at + offset);
        Place {
            path: article.path.clone(),
            line,
            column,
        }
    };
    rules
        .rules
        .iter()
        .zip(rule_matches(rules, article))
        .enumerate()
        .map(|(r, (rule, (kept, mut rejected)))| {
            rejected.sort_by_key(|x| (x.value_span.start, x.value_span.end));
            rejected.dedup_by(|a, b| a.value_span == b.value_span);
            let mut matched = vec![false; sents.len()];
            let starts = kept
                .iter()
                .map(|m| m.value_span.start)
                .chain(rejected.iter().map(|x| x.value_span.start));
            for start in starts {
                if let Some(i) = sentence_at(&sents, start.saturating_sub(offset)) {
                    matched[i] = true;
                }
            }
            let excluded = rejected
                .into_iter()
                .map(|x| {
                    let span = x.value_span.start.saturating_sub(offset)
                        ..x.value_span.end.saturating_sub(offset);
                    Excluded {
                        place: place(span.start),
                        value: collapse(body.get(span).unwrap_or_default()),
                        reason: x.reason,
                    }
                })
                .collect();
            let Ok(words) = &words[r] else {
                return (Vec::new(), excluded);
            };
            let found = values[kind_index(rule.kind)].get_or_insert_with(|| {
                sents
                    .iter()
                    .map(|s| values_in(rule.kind, body, s))
                    .collect()
            });
            let mut missed = Vec::new();
            for (i, sentence) in sents.iter().enumerate() {
                if matched[i] {
                    continue;
                }
                for value in &found[i] {
                    let stretch = match rule.scope {
                        Scope::Sentence => sentence.clone(),
                        Scope::Paragraph => sentence_at(&paras, value.start)
                            .map_or(sentence.clone(), |p| paras[p].clone()),
                    };
                    let site = Site {
                        text: body,
                        value: value.clone(),
                        stretch,
                    };
                    if words.accept(&site) {
                        missed.push(Missed {
                            place: place(site.value.start),
                            value: collapse(&body[site.value.clone()]),
                            sentence: excerpt(body, sentence.clone(), site.value.clone()),
                        });
                    }
                }
            }
            (missed, excluded)
        })
        .collect()
}

fn kind_index(kind: Kind) -> usize {
    match kind {
        Kind::Count => 0,
        Kind::Date => 1,
        Kind::Duration => 2,
        Kind::Name | Kind::Place => 3,
    }
}

/// The values of `kind` in one sentence of `body`, as byte ranges of `body`, in order. A value
/// in a web address is none.
fn values_in(kind: Kind, body: &str, sentence: &Range<usize>) -> Vec<Range<usize>> {
    let text = &body[sentence.clone()];
    let shift = |r: Range<usize>| r.start + sentence.start..r.end + sentence.start;
    let all = |kind: Kind| -> Vec<Range<usize>> {
        finder(kind).find_iter(text).map(|m| m.range()).collect()
    };
    let within = |v: &Range<usize>, others: &[Range<usize>]| {
        others.iter().any(|o| o.start <= v.start && v.end <= o.end)
    };
    let found: Vec<Range<usize>> = match kind {
        Kind::Date | Kind::Duration => all(kind),
        // A figure inside a date ("Jan. 12", "in 2014") or a length of time ("four-hour")
        // belongs to it, not to a count.
        Kind::Count => {
            let (dates, durations) = (all(Kind::Date), all(Kind::Duration));
            all(kind)
                .into_iter()
                .filter(|v| !within(v, &dates) && !within(v, &durations))
                .collect()
        }
        // The capital of a sentence's first word is no sign of a name; a weekday or month
        // is a date's.
        Kind::Name | Kind::Place => {
            let dates = all(Kind::Date);
            all(kind)
                .into_iter()
                .filter(|v| v.start > 0 || text[v.clone()].split_whitespace().nth(1).is_some())
                .filter(|v| !dates.iter().any(|d| d.start < v.end && v.start < d.end))
                .collect()
        }
    };
    found
        .into_iter()
        .map(|v| trim_value(text, v))
        .filter(|v| !v.is_empty() && !in_web_address(text, v))
        .map(shift)
        .collect()
}

/// Whether `range` of `text` lies in a web address (its run of non-space characters has
/// `://` or starts with `www.`).
fn in_web_address(text: &str, range: &Range<usize>) -> bool {
    let start = text[..range.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let end = text[range.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| range.end + i);
    let token = text[start..end].trim_start_matches(['<', '(', '[', '"', '“']);
    token.contains("://") || token.starts_with("www.")
}

/// `range` of `text` without the white space and trailing punctuation around it.
fn trim_value(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let kept = s
        .trim_start()
        .trim_end_matches(|c: char| c.is_whitespace() || ",.;:".contains(c));
    range.start + lead..range.start + lead + kept.len()
}

/// The regex that finds values of `kind`, built once per run.
fn finder(kind: Kind) -> &'static Regex {
    static FINDERS: [OnceLock<Regex>; 4] = [const { OnceLock::new() }; 4];
    FINDERS[kind_index(kind)].get_or_init(|| {
        let (source, case_insensitive) = match kind {
            Kind::Count => (block("quantity"), true),
            Kind::Date => (block("date"), true),
            Kind::Duration => (block("duration"), true),
            Kind::Name | Kind::Place => (capitalised_run(), false),
        };
        RegexBuilder::new(&source)
            .case_insensitive(case_insensitive)
            .size_limit(PATTERN_SIZE_LIMIT)
            .dfa_size_limit(LAZY_DFA_CACHE)
            .build()
            .unwrap_or_else(|_| never())
    })
}

/// A building block's regex, by name.
fn block(name: &str) -> String {
    blocks::find(name).map(blocks::regex_of).unwrap_or_default()
}

/// Up to six capitalised words (with "of", "de", "van" … between them): "Alexander Fomin",
/// "Deputy Secretary of State".
fn capitalised_run() -> String {
    let word = r"\p{Lu}[\p{L}\p{M}'’.-]*";
    let joint = r"(?:(?:of|the|de|del|da|di|van|von|der|den|la|le|al|bin|ibn)\s+)?";
    format!(r"\b{word}(?:\s+{joint}{word}){{0,5}}")
}

fn never() -> Regex {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"[^\s\S]").unwrap()
}

/// `text` with each run of white space made one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentence `sentence` of `body`, cut on word boundaries to about [`SENTENCE_CHARS`]
/// characters around `value` when longer, white space collapsed; a cut is marked `…`.
fn excerpt(body: &str, sentence: Range<usize>, value: Range<usize>) -> String {
    let whole = &body[sentence.clone()];
    if whole.chars().count() <= SENTENCE_CHARS {
        return collapse(whole);
    }
    let value_chars = body[value.clone()].chars().count();
    let side = SENTENCE_CHARS.saturating_sub(value_chars) / 2;
    // Start: `side` characters before the value, moved on to the start of a word.
    let before = &body[sentence.start..value.start];
    let mut start = before
        .char_indices()
        .rev()
        .nth(side.saturating_sub(1))
        .map_or(sentence.start, |(i, _)| sentence.start + i);
    if start > sentence.start {
        start = body[start..value.start]
            .find(char::is_whitespace)
            .map_or(value.start, |i| start + i);
    }
    // End: `side` characters after the value, moved back to the end of a word.
    let after = &body[value.end..sentence.end];
    let mut end = after
        .char_indices()
        .nth(side)
        .map_or(sentence.end, |(i, _)| value.end + i);
    if end < sentence.end {
        end = body[value.end..end]
            .rfind(char::is_whitespace)
            .map_or(value.end, |i| value.end + i);
    }
    let mut out = String::new();
    if start > sentence.start {
        out.push_str("… ");
    }
    out.push_str(&collapse(&body[start..end]));
    if end < sentence.end {
        out.push_str(" …");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;
    use crate::rules::{compile, load::parse_claim_file};
    use std::path::Path;

    fn rules(claims: &str) -> RuleSet {
        let yaml = format!("claims:\n{claims}");
        compile(&[parse_claim_file(Path::new("c.yaml"), &yaml).unwrap()]).unwrap()
    }

    fn article(text: &str) -> Article {
        parse_article(Path::new("a.txt"), text.as_bytes())
            .unwrap()
            .0
    }

    const HOMES: &str = "  - id: homes\n    label: Homes\n    kind: count\n    patterns: ['destroyed {quantity} homes']\n    context: ['storm|flood*']\n    exclude: ['drill*']\n";

    #[test]
    fn a_value_among_the_claims_words_that_no_pattern_matched_is_missed() {
        let rules = rules(HOMES);
        let a = article(
            "The storm destroyed 40 homes. The storm razed 75 homes. Fire razed 9 homes.\nFloods in a drill razed 3 homes. On Jan. 12 the storm passed.",
        );
        let found = coverage(&rules, &[a]);
        let claim = &found.claims[0];
        let missed: Vec<(&str, usize, usize)> = claim
            .missed
            .iter()
            .map(|m| (m.value.as_str(), m.place.line, m.place.column))
            .collect();
        // 40 matched; 9 has no storm; 3 stands beside an excluded word; "12" is a date's.
        assert_eq!(missed, [("75", 1, 47)]);
        assert_eq!(claim.missed[0].sentence, "The storm razed 75 homes.");
        assert!(claim.excluded.is_empty());
        assert_eq!(claim.skipped, None);
    }

    #[test]
    fn turned_away_matches_name_the_word_and_their_sentence_is_not_missed() {
        let rules = rules(HOMES);
        let a = article("Fire destroyed 9 homes. In the drills, floods destroyed 3 homes.");
        let claim = &coverage(&rules, &[a]).claims[0];
        assert!(claim.missed.is_empty(), "{:?}", claim.missed);
        let reasons: Vec<String> = claim
            .excluded
            .iter()
            .map(|x| x.reason.to_string())
            .collect();
        assert_eq!(
            reasons,
            [
                "no word of the context group `storm|flood*` in its sentence",
                "its sentence has the excluded word “drills” (`drill*`)"
            ]
        );
        assert_eq!(claim.excluded[1].value, "3");
    }

    #[test]
    fn without_context_the_unit_decides_and_without_either_the_claim_is_skipped() {
        let rules = rules(
            "  - id: hurt\n    label: Hurt\n    kind: count\n    unit: people\n    patterns: ['{quantity} people were injured']\n  - id: bare\n    label: Bare\n    kind: count\n    patterns: ['{quantity} things']\n",
        );
        let a = article("12 people were injured. Some 30 people were hurt. 5 cars burned.");
        let found = coverage(&rules, &[a]);
        let values: Vec<&str> = found.claims[0]
            .missed
            .iter()
            .map(|m| m.value.as_str())
            .collect();
        assert_eq!(values, ["Some 30"]);
        assert_eq!(found.claims[1].skipped, Some(Skip::NoWords));
        assert!(found.claims[1].missed.is_empty());
    }

    #[test]
    fn names_are_capitalised_runs_past_the_first_word() {
        let rules = rules(
            "  - id: envoy\n    label: Envoy\n    kind: name\n    patterns: ['envoy {name} arrived']\n    context: ['envoy']\n",
        );
        let a =
            article("Officials said the envoy, Pavel Orlov, came on Monday. Envoy Orlov arrived.");
        let claim = &coverage(&rules, &[a]).claims[0];
        let values: Vec<&str> = claim.missed.iter().map(|m| m.value.as_str()).collect();
        assert_eq!(values, ["Pavel Orlov"]);
    }

    #[test]
    fn durations_and_dates_use_their_blocks() {
        let rules = rules(
            "  - id: talks\n    label: Talks\n    kind: duration\n    patterns: ['talks lasted {duration}']\n    context: ['talks']\n  - id: met\n    label: Met\n    kind: date\n    patterns: ['met {date}']\n    context: ['talks']\n",
        );
        let a = article("The talks ran for nearly four hours on Wednesday.");
        let found = coverage(&rules, &[a]);
        let values = |c: &ClaimCoverage| -> Vec<String> {
            c.missed.iter().map(|m| m.value.clone()).collect()
        };
        assert_eq!(values(&found.claims[0]), ["nearly four hours"]);
        assert_eq!(values(&found.claims[1]), ["on Wednesday"]);
    }

    #[test]
    fn figures_of_dates_lengths_of_time_and_web_addresses_are_no_counts() {
        let rules = rules(HOMES);
        let a = article(
            "After the nearly four-hour storm, crews counted 30 homes in ruins since 2014. The storm page <https://example.org/2022/01/12/storm> lists 5 homes.",
        );
        let values: Vec<String> = coverage(&rules, &[a]).claims[0]
            .missed
            .iter()
            .map(|m| m.value.clone())
            .collect();
        assert_eq!(values, ["30", "5"]);
    }

    #[test]
    fn long_sentences_are_cut_around_the_value_on_word_boundaries() {
        let words = "word ".repeat(60);
        let body = format!("{words}the storm razed 75 homes {words}end");
        let at = body.find("75").unwrap();
        let cut = excerpt(&body, 0..body.len(), at..at + 2);
        assert!(cut.starts_with("… word"), "{cut}");
        assert!(cut.ends_with("word …"), "{cut}");
        assert!(cut.contains("the storm razed 75 homes"));
        assert!(
            cut.chars().count() <= SENTENCE_CHARS + 4,
            "{}",
            cut.chars().count()
        );
        assert_eq!(excerpt("A  short\none.", 0..13, 3..8), "A short one.");
    }
}
