//! Runs compiled rules over articles and returns raw matches: which rule, where, what text.
//!
//! One pass of the rule set's prefilter picks each article's candidate patterns and the
//! sentences where their literals occur; each pattern runs only there. A batch of articles is
//! searched a pattern at a time (each pattern over every article that needs it, patterns in
//! parallel), so one pattern's automata and search cache stay in the processor's cache while
//! it runs, instead of every article cycling through all of them. A match counts only if it
//! stays within one sentence, and that sentence (or paragraph, by the claim's `scope`) has
//! every context word group and no excluded one (`turned_away`, the one check of a claim's
//! words, which `coverage` asks too).

use std::ops::Range;

use rayon::prelude::*;

use crate::clause::{attribution, clause_of, not_a_level, NotALevel};
use crate::corpus::Article;
use crate::rules::prefilter::Candidate;
use crate::rules::spec::Scope;
use crate::rules::{Rule, RuleSet};
use crate::text::{paragraphs, sentence_at, sentences};
use crate::value::{self, Context, Kind};

/// One place where a rule matched an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Index of the rule in the rule set.
    pub rule: usize,
    /// Index of the pattern within the rule.
    pub pattern: usize,
    /// Byte range of the captured value in the article's text.
    pub value_span: Range<usize>,
    /// Byte range of the whole match.
    pub span: Range<usize>,
    /// Byte range of the sentence the match starts in.
    pub sentence: Range<usize>,
}

/// All matches of `rules` in `article`, ordered by rule, then position.
pub fn extract(rules: &RuleSet, article: &Article) -> Vec<Match> {
    extract_all(rules, &[article]).pop().unwrap_or_default()
}

/// [`extract`] for each of `articles`: the same matches, found a pattern at a time.
pub(crate) fn extract_all(rules: &RuleSet, articles: &[&Article]) -> Vec<Vec<Match>> {
    let prepared: Vec<Prepared<'_>> = articles
        .par_iter()
        .map(|a| Prepared::new(rules, a))
        .collect();
    // Every (pattern, article, candidate) to search, grouped by pattern.
    let mut work: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (a, p) in prepared.iter().enumerate() {
        for (c, candidate) in p.candidates.iter().enumerate() {
            work.push((candidate.rule, candidate.pattern, a, c));
        }
    }
    work.sort_unstable();
    let mut groups: Vec<&[(usize, usize, usize, usize)]> =
        work.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)).collect();
    // Largest first, so that the threads end together, on small ones.
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    let found: Vec<Vec<(usize, usize, Vec<Match>)>> = groups
        .par_iter()
        .map(|group| {
            group
                .iter()
                .map(|&(_, _, a, c)| {
                    let p = &prepared[a];
                    let mut matches = Vec::new();
                    pattern_matches(rules, &p.candidates[c], &p.text, &mut matches, None);
                    (a, c, matches)
                })
                .collect()
        })
        .collect();
    let mut by_candidate: Vec<Vec<Vec<Match>>> = prepared
        .iter()
        .map(|p| vec![Vec::new(); p.candidates.len()])
        .collect();
    for (a, c, matches) in found.into_iter().flatten() {
        by_candidate[a][c] = matches;
    }
    by_candidate
        .into_iter()
        .zip(&prepared)
        .map(|(found, p)| assemble(&p.candidates, found))
        .collect()
}

/// One article made ready for searching: its candidate patterns, sentences and paragraphs.
struct Prepared<'a> {
    candidates: Vec<Candidate>,
    text: Text<'a>,
}

impl<'a> Prepared<'a> {
    fn new(rules: &RuleSet, article: &'a Article) -> Self {
        let body = article.body_text();
        let candidates = rules.candidates(body);
        let (sents, paras) = if candidates.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            let needs_paragraphs = candidates
                .iter()
                .any(|c| rules.rules[c.rule].scope == Scope::Paragraph);
            let paras = if needs_paragraphs {
                paragraphs(body)
            } else {
                Vec::new()
            };
            (sentences(body), paras)
        };
        Prepared {
            candidates,
            text: Text {
                body,
                offset: article.body.start,
                sents,
                paras,
            },
        }
    }
}

/// One article's matches, from what each of its candidates found (in candidate order, which
/// is rule, then pattern order): a rule's match is dropped when its value overlaps one of an
/// earlier pattern of that rule (or an earlier one of its own); each rule's matches are
/// then ordered by position.
fn assemble(candidates: &[Candidate], found: Vec<Vec<Match>>) -> Vec<Match> {
    let mut out: Vec<Match> = Vec::new();
    let mut rule_start = 0;
    for (i, (candidate, matches)) in candidates.iter().zip(found).enumerate() {
        if i > 0 && candidates[i - 1].rule != candidate.rule {
            out[rule_start..].sort_by_key(|m| m.value_span.start);
            rule_start = out.len();
        }
        for m in matches {
            if !out[rule_start..]
                .iter()
                .any(|o| overlaps(&o.value_span, &m.value_span))
            {
                out.push(m);
            }
        }
    }
    out[rule_start..].sort_by_key(|m| m.value_span.start);
    out
}

/// A match that a claim's `context` or `exclude` words turned away, and why: what `explain`
/// and `coverage` show when a source seems to state a claim that the report does not count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// Byte range of the captured value in the article's text.
    pub value_span: Range<usize>,
    /// Why it does not count.
    pub reason: RejectReason,
}

/// Why a claim's words turn a match away. `Display` gives the sentence a reader sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RejectReason {
    /// No word of the context group `words` (as written) in the match's `scope`.
    NoContext {
        /// The context group, as written (`storm|flood*`).
        words: String,
        /// Where the words were looked for.
        scope: Scope,
    },
    /// The match's `scope` has `word`, which the excluded group `words` names.
    Excluded {
        /// The word as the article writes it (`drills`).
        word: String,
        /// The excluded group, as written (`exercise*|drill*`).
        words: String,
        /// Where the word stands.
        scope: Scope,
    },
    /// A `near` group after the first has no word close enough to the value.
    NotNear {
        /// The group, as written.
        words: String,
        /// How many words may stand between.
        within: usize,
    },
    /// A near word tied to the value across a number word or conjunction: that word.
    NearGap(String),
    /// A count found by near words that is part of another phrase: half of an adjective
    /// ("three-train") or the day of a date ("May 24").
    Adjective(String),
    /// A name capture with no name in it (function words, a verb): why.
    NotAName(String),
    /// A comparison, change or span, not the level the claim asks for.
    NotALevel(NotALevel),
    /// Attributed to another party than the claim's `attributed_to`, or to none.
    OtherParty {
        /// The party the sentence names, if any.
        party: Option<String>,
        /// The claim's parties, as written.
        wanted: String,
    },
}

impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = |scope: &Scope| match scope {
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
        };
        match self {
            RejectReason::NoContext { words, scope } => write!(
                f,
                "no word of the context group `{words}` in its {}",
                name(scope)
            ),
            RejectReason::Excluded { word, words, scope } => write!(
                f,
                "its {} has the excluded word “{word}” (`{words}`)",
                name(scope)
            ),
            RejectReason::NotNear { words, within } => write!(
                f,
                "no near word of `{words}` within {within} words in its clause"
            ),
            RejectReason::NotALevel(shape) => write!(f, "{shape}"),
            RejectReason::NotAName(why) => write!(f, "{why}"),
            RejectReason::NearGap(word) => write!(
                f,
                "the near word belongs to another figure or statement (`{word}` stands between them)"
            ),
            RejectReason::Adjective(words) => {
                write!(f, "part of another phrase (`{words}`), not a count")
            }
            RejectReason::OtherParty {
                party: Some(party),
                wanted,
            } => write!(f, "attributed to {party}, not to `{wanted}`"),
            RejectReason::OtherParty {
                party: None,
                wanted,
            } => write!(f, "the sentence does not attribute it to `{wanted}`"),
        }
    }
}

/// The matches of rule `rule_idx` that its context words rejected in `article`.
pub fn rejections(rules: &RuleSet, rule_idx: usize, article: &Article) -> Vec<Rejection> {
    one_rule(rules, rule_idx, &Text::of(article)).1
}

/// For every rule, its matches in `article`, each pattern searched in every sentence: those
/// that count and those its words turned away (matches of two patterns may overlap). The
/// article is split into sentences once for all rules.
pub(crate) fn rule_matches(
    rules: &RuleSet,
    article: &Article,
) -> Vec<(Vec<Match>, Vec<Rejection>)> {
    let text = Text::of(article);
    (0..rules.rules.len())
        .map(|r| one_rule(rules, r, &text))
        .collect()
}

/// The matches of rule `rule_idx` in `text`: those that count and those turned away.
fn one_rule(rules: &RuleSet, rule_idx: usize, text: &Text<'_>) -> (Vec<Match>, Vec<Rejection>) {
    let (mut kept, mut rejected) = (Vec::new(), Vec::new());
    for candidate in rules.rule_patterns(rule_idx) {
        pattern_matches(rules, &candidate, text, &mut kept, Some(&mut rejected));
    }
    (kept, rejected)
}

/// Where a value stands, for the check of a claim's words: the text, the value's byte range
/// in it and the stretch (sentence or paragraph, by the claim's `scope`) where its words are
/// looked for.
#[derive(Clone, Debug)]
pub(crate) struct Site<'a> {
    /// The text the ranges are in.
    pub text: &'a str,
    /// The value.
    pub value: Range<usize>,
    /// The sentence or paragraph of the value.
    pub stretch: Range<usize>,
}

/// The one check of a claim's word conditions on a value: `None` when they accept it, or
/// what turns it away. The matcher and `coverage` both ask it, so a new condition (words
/// near the value, which needs `site.value`) is added here once.
pub(crate) fn turned_away(rule: &Rule, site: &Site<'_>) -> Option<Turned> {
    stretch_fails(rule, &site.text[site.stretch.clone()])
}

/// What turned a value away, cheap to make; [`Turned::reason`] says it in full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Turned {
    /// The context group at this index has no word in the stretch.
    Context(usize),
    /// The excluded group at this index has a word at this range of the stretch.
    Exclude(usize, Range<usize>),
}

impl Turned {
    /// The full reason, given the rule and the stretch the check looked at.
    pub(crate) fn reason(&self, rule: &Rule, stretch: &str) -> RejectReason {
        let group = |words: &[String], i: usize| words.get(i).cloned().unwrap_or_default();
        match self {
            Turned::Context(i) => RejectReason::NoContext {
                words: group(&rule.context_words, *i),
                scope: rule.scope,
            },
            Turned::Exclude(i, at) => RejectReason::Excluded {
                word: stretch.get(at.clone()).unwrap_or_default().to_string(),
                words: group(&rule.exclude_words, *i),
                scope: rule.scope,
            },
        }
    }
}

/// An article body with its sentence and paragraph ranges.
struct Text<'a> {
    body: &'a str,
    offset: usize,
    sents: Vec<Range<usize>>,
    paras: Vec<Range<usize>>,
}

impl<'a> Text<'a> {
    /// The body of `article`, split into sentences and paragraphs.
    fn of(article: &'a Article) -> Self {
        let body = article.body_text();
        Text {
            body,
            offset: article.body.start,
            sents: sentences(body),
            paras: paragraphs(body),
        }
    }
}

/// Appends the matches of one pattern to `out`, in order; matches the context words turn away
/// (and captures of a name that hold none) go to `rejected` when it is given. A match never spans two sentences: each sentence that may hold one (where the
/// pattern's literals occur) is searched on its own, from the punctuation and space before
/// it (so a pattern may anchor on the end of the sentence before) to its end.
fn pattern_matches(
    rules: &RuleSet,
    candidate: &Candidate,
    text: &Text<'_>,
    out: &mut Vec<Match>,
    mut rejected: Option<&mut Vec<Rejection>>,
) {
    let rule = &rules.rules[candidate.rule];
    let compiled = &rule.patterns[candidate.pattern];
    let regex = compiled.regex();
    let Some(value_group) = regex.capture_names().position(|n| n == Some("value")) else {
        return;
    };
    let mut groups = regex.capture_locations();
    for i in sentences_to_search(text, candidate.sites.as_deref()) {
        let sentence = text.sents[i].clone();
        if rejected.is_none()
            && rule.scope == Scope::Sentence
            && stretch_fails(rule, &text.body[sentence.clone()]).is_some()
        {
            continue;
        }
        let haystack = &text.body[..sentence.end];
        // `^` means the start of the sentence: such a pattern sees the sentence alone.
        let (haystack, base) = if compiled.sentence_start {
            (&text.body[sentence.clone()], sentence.start)
        } else {
            (haystack, 0)
        };
        let mut at = if compiled.sentence_start {
            0
        } else {
            lead_start(text.body, sentence.start)
        };
        // A near form's match may hold another value between its value and its word ("19
        // students and two teachers"): the search goes on right after the value.
        let near_form = rule
            .near
            .as_ref()
            .is_some_and(|n| candidate.pattern >= n.first_pattern);
        while let Some(whole) = regex.captures_read_at(&mut groups, haystack, at) {
            at = whole.end().max(whole.start() + 1);
            if near_form {
                if let Some((_, value_end)) = groups.get(value_group) {
                    at = value_end.max(whole.start() + 1);
                }
            }
            let whole = whole.start() + base..whole.end() + base;
            let Some(value) = groups.get(value_group).map(|(a, b)| a + base..b + base) else {
                continue;
            };
            if text.body[value.clone()].trim().is_empty() {
                continue;
            }
            let own = match sentence_at(&text.sents, value.start) {
                Some(j) if j == i => sentence.clone(),
                Some(_) => continue,
                None => whole.clone(),
            };
            let scope = match rule.scope {
                Scope::Sentence => own.clone(),
                Scope::Paragraph => sentence_at(&text.paras, value.start)
                    .map_or(own.clone(), |p| text.paras[p].clone()),
            };
            let shift = |r: Range<usize>| r.start + text.offset..r.end + text.offset;
            let site = Site {
                text: text.body,
                value: value.clone(),
                stretch: scope,
            };
            if let Some(turned) = turned_away(rule, &site) {
                if let Some(rejected) = rejected.as_deref_mut() {
                    rejected.push(Rejection {
                        value_span: shift(value.clone()),
                        reason: turned.reason(rule, &text.body[site.stretch]),
                    });
                }
                continue;
            }
            if let Some(reason) = shape_fails(
                rule,
                candidate.pattern,
                text.body,
                own.clone(),
                value.clone(),
                whole.clone(),
            ) {
                if let Some(rejected) = rejected.as_deref_mut() {
                    rejected.push(Rejection {
                        value_span: shift(value.clone()),
                        reason,
                    });
                }
                continue;
            }
            out.push(Match {
                rule: candidate.rule,
                pattern: candidate.pattern,
                value_span: shift(value),
                span: shift(whole.clone()),
                sentence: shift(own),
            });
        }
    }
}

/// The sentences a pattern may match in, ascending: those holding one of the places its
/// literals start (`None`: every sentence). A literal in the punctuation and space after a
/// sentence may belong to a match of the next one, so that one is searched too.
fn sentences_to_search(text: &Text<'_>, sites: Option<&[usize]>) -> Vec<usize> {
    let Some(sites) = sites else {
        return (0..text.sents.len()).collect();
    };
    let mut found = Vec::new();
    for &site in sites {
        let i = text.sents.partition_point(|r| r.end <= site);
        let Some(sentence) = text.sents.get(i) else {
            continue;
        };
        found.push(i);
        let in_tail = sentence.start <= site
            && !text.body[site..sentence.end]
                .chars()
                .any(char::is_alphanumeric);
        if in_tail && i + 1 < text.sents.len() {
            found.push(i + 1);
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// Where the run of punctuation and white space before byte `start` begins.
fn lead_start(body: &str, start: usize) -> usize {
    body[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Which context or exclude group turns a stretch of text away, or `None` when none does.
fn stretch_fails(rule: &Rule, stretch: &str) -> Option<Turned> {
    if let Some(i) = rule.context.iter().position(|re| !re.is_match(stretch)) {
        return Some(Turned::Context(i));
    }
    rule.exclude
        .iter()
        .enumerate()
        .find_map(|(i, re)| re.find(stretch).map(|m| Turned::Exclude(i, m.range())))
}

/// Why the clause around a match turns it away, or `None` when it does not: a `near` group
/// missing, a comparison or change where the claim wants a level, or a value attributed to
/// another party than the claim's `attributed_to` (byte ranges of `body`).
fn shape_fails(
    rule: &Rule,
    pattern: usize,
    body: &str,
    sentence: Range<usize>,
    value: Range<usize>,
    matched: Range<usize>,
) -> Option<RejectReason> {
    if let Some(why) = not_a_name(rule, body.get(value.clone()).unwrap_or_default()) {
        return Some(RejectReason::NotAName(why));
    }
    let mut matched = matched;
    if let Some(near) = rule.near.as_ref().filter(|n| pattern >= n.first_pattern) {
        if let Err(words) = near.holds(body, sentence.clone(), value.clone()) {
            return Some(RejectReason::NotNear {
                words,
                within: near.within,
            });
        }
        if let Some(why) = near_gap_fails(rule.kind, body, &matched, &value) {
            return Some(why);
        }
        // A near form asks for its words, not for the words between them and the value.
        matched = value.clone();
    }
    if !rule.differences && !rule.kind.is_name() {
        let clause = clause_of(body, sentence.clone(), value.clone());
        if let Some(shape) = not_a_level(
            body,
            clause,
            value.clone(),
            matched,
            rule.kind == Kind::Date,
        ) {
            return Some(RejectReason::NotALevel(shape));
        }
    }
    if !rule.attributed_to.is_empty() {
        let party = attribution(body, sentence, value);
        if party
            .as_ref()
            .is_some_and(|p| rule.attributed_to.iter().all(|re| re.is_match(p)))
        {
            return None;
        }
        return Some(RejectReason::OtherParty {
            party,
            wanted: rule.attributed_words.join("` and `"),
        });
    }
    None
}

/// Why the capture of a `name` or `place` claim holds no name ("has said the fire began",
/// "he"), or `None`: such a capture is no match.
fn not_a_name(rule: &Rule, captured: &str) -> Option<String> {
    if !rule.kind.is_name() || crate::value::name::has_name_run(captured) {
        return None;
    }
    // No capitalised run: a name only if it is the claim's canonical name or an alias, in
    // any case, which the full reading decides.
    let ctx = Context::default().with_options(&rule.options);
    value::normalise(rule.kind, captured, &ctx)
        .value
        .err()
        .map(|why| why.detail)
}

/// `text` without its asides between commas (see `rules::near::ASIDE`).
fn without_asides(text: &str) -> std::borrow::Cow<'_, str> {
    static ASIDES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(&format!("(?i){}", crate::rules::near::ASIDE))
            .unwrap_or_else(|e| panic!("built-in aside regex: {e}"))
    });
    ASIDES.replace_all(text, " ")
}

/// Number words and conjunctions: between a near word and a value, they mean the word
/// belongs to another figure or another statement ("68 passengers and four crew",
/// "died and 350 were injured").
const GAP_BREAKERS: &[&str] = &[
    "and",
    "or",
    "but",
    "plus",
    "nor",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "not",
    "never",
    "yet",
    "no",
    "without",
];

/// Why a near match does not tie its word to its value: a number word or conjunction in
/// between, or (for counts) a value that is the first half of an adjective ("three-train").
fn near_gap_fails(
    kind: Kind,
    body: &str,
    matched: &Range<usize>,
    value: &Range<usize>,
) -> Option<RejectReason> {
    let before = body.get(matched.start..value.start).unwrap_or_default();
    let after = body.get(value.end..matched.end).unwrap_or_default();
    // A value right after an aside continues its list ("foreigners, including five Indians,
    // four Russians"): it is not the near word's figure.
    if before.trim_end().ends_with(',') {
        return Some(RejectReason::NearGap(",".into()));
    }
    // An aside (", including five Indians,") says nothing about the tie.
    let (before, after) = (without_asides(before), without_asides(after));
    let breaker = before
        .split_whitespace()
        .chain(after.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .find(|w| GAP_BREAKERS.contains(&w.as_str()));
    if let Some(word) = breaker {
        return Some(RejectReason::NearGap(word));
    }
    let lead = body.get(..value.start).unwrap_or_default();
    let month = lead
        .split_whitespace()
        .next_back()
        .filter(|w| crate::value::date::is_month_word(w))
        .map(str::to_lowercase);
    if let (Kind::Count, Some(month)) = (kind, month) {
        let written = body.get(value.clone()).unwrap_or_default();
        return Some(RejectReason::Adjective(format!("{month} {written}")));
    }
    let rest = body.get(value.end..).unwrap_or_default();
    let adjective = kind == Kind::Count
        && rest.starts_with('-')
        && rest[1..].starts_with(|c: char| c.is_alphabetic());
    if adjective {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        let written = body.get(value.clone()).unwrap_or_default();
        return Some(RejectReason::Adjective(format!("{written}{word}")));
    }
    None
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;
    use crate::rules::{compile, load::parse_claim_file};
    use std::path::Path;

    fn rules() -> RuleSet {
        let yaml = "claims:\n  - id: homes\n    label: Homes\n    kind: count\n    patterns: ['{quantity} homes', 'razed {quantity} houses']\n    context: ['storm|flood*']\n    exclude: ['damaged']\n";
        compile(&[parse_claim_file(Path::new("c.yaml"), yaml).unwrap()]).unwrap()
    }

    fn article(text: &str) -> Article {
        parse_article(Path::new("a.txt"), text.as_bytes())
            .unwrap()
            .0
    }

    fn rules_of(claims: &str) -> RuleSet {
        let yaml = format!("claims:\n{claims}");
        compile(&[parse_claim_file(Path::new("c.yaml"), &yaml).unwrap()]).unwrap()
    }

    fn values(rules: &RuleSet, text: &str) -> Vec<String> {
        let a = article(text);
        extract(rules, &a)
            .iter()
            .map(|m| a.text[m.value_span.clone()].to_string())
            .collect()
    }

    #[test]
    fn near_words_do_not_reach_across_another_figure_or_an_adjective() {
        let rules = rules_of("  - id: dead\n    label: D\n    kind: count\n    near: {words: ['died|deaths|passengers'], within: 4}\n");
        let text = "There were 68 passengers on board and four crew. \
            Officials confirmed deaths in the three-train crash. \
            At least 288 died and 900 were injured.";
        assert_eq!(values(&rules, text), ["68", "At least 288"]);
        let killed = rules_of("  - id: dead\n    label: D\n    kind: count\n    near: {words: ['killed|toll'], within: 4}\n");
        let text = "Nineteen students and two teachers were killed. \
            The death toll in the May 24 mass shooting rose. \
            Foreign nationals killed included - four Russians.";
        assert_eq!(values(&killed, text), ["two"]);
        let aboard = rules_of("  - id: dead\n    label: D\n    kind: count\n    near: {words: ['dead|found'], within: 4}\n");
        let text = "All 72 people, including the crew and five Indians, are feared dead. \
            Two bodies are yet to be found. \
            They found the dead, including five Indians, four Russians and a Korean.";
        assert_eq!(values(&aboard, text), ["72"]);
    }

    #[test]
    fn a_caret_is_the_start_of_the_sentence() {
        let rules = rules_of("  - id: fled\n    label: F\n    kind: count\n    patterns: ['^{quantity} people fled']\n");
        let text = "Storm news. 40 people fled. Then 50 people fled too.";
        assert_eq!(values(&rules, text), ["40"]);
    }

    #[test]
    fn near_words_find_the_value_in_any_order_within_the_clause() {
        let rules = rules_of("  - id: dead\n    label: D\n    kind: count\n    near: {words: ['killed|dead|died'], within: 3}\n");
        let text = "The blast killed 12 people. Some 30 were dead by noon. \
            Police counted 7 cars, and many people died. \
            The flood killed more people than any storm since 1990, when 15 were injured.";
        assert_eq!(values(&rules, text), ["12", "Some 30"]);
        let two = rules_of("  - id: dead\n    label: D\n    kind: count\n    near: {words: ['killed|dead', 'ferry'], within: 4}\n");
        assert_eq!(
            values(
                &two,
                "The ferry sinking killed 12 people. The bus crash killed 9 people."
            ),
            ["12"]
        );
    }

    #[test]
    fn articles_matched_together_give_what_each_gives_alone() {
        // Two rules, several patterns each (overlapping values between a rule's patterns),
        // over articles that need different patterns: the batch must hand every article its
        // own matches, in the order and with the overlap filter of a lone article.
        let yaml = "claims:\n  - id: homes\n    label: Homes\n    kind: count\n    patterns: ['{number} homes and houses', '{quantity} homes', 'razed {quantity} houses']\n  - id: huts\n    label: Huts\n    kind: count\n    patterns: ['{number} huts', 'razed {quantity} huts']\n";
        let rules = compile(&[parse_claim_file(Path::new("c.yaml"), yaml).unwrap()]).unwrap();
        let texts = [
            "The storm razed 40 houses. About 12 homes and houses fell. 3 huts stood.",
            "Nothing here.",
            "Floods razed nearly 7 huts and 9 huts more. Over 1,000 homes were lost.",
            "Homes, houses and huts, but no figure.",
            "20 homes and houses. Then razed 5 houses, razed 6 huts.",
        ];
        let articles: Vec<Article> = texts.iter().map(|t| article(t)).collect();
        let refs: Vec<&Article> = articles.iter().collect();
        let together = extract_all(&rules, &refs);
        assert_eq!(together.len(), articles.len());
        let mut found = 0;
        for (a, batch) in articles.iter().zip(&together) {
            let mut alone = Vec::new();
            let mut rule_start = 0;
            // The lone-article definition, one candidate at a time.
            let candidates = rules.candidates(a.body_text());
            let prepared = Prepared::new(&rules, a);
            for (i, c) in candidates.iter().enumerate() {
                if i > 0 && candidates[i - 1].rule != c.rule {
                    alone[rule_start..].sort_by_key(|m: &Match| m.value_span.start);
                    rule_start = alone.len();
                }
                let mut raw = Vec::new();
                pattern_matches(&rules, c, &prepared.text, &mut raw, None);
                for m in raw {
                    if !alone[rule_start..]
                        .iter()
                        .any(|o: &Match| overlaps(&o.value_span, &m.value_span))
                    {
                        alone.push(m);
                    }
                }
            }
            alone[rule_start..].sort_by_key(|m| m.value_span.start);
            assert_eq!(batch, &alone);
            assert_eq!(batch, &extract(&rules, a));
            found += batch.len();
        }
        assert!(found >= 8, "the articles have matches to compare ({found})");
    }

    #[test]
    fn context_words_decide_and_rejections_say_why() {
        let a = article(
            "The storm destroyed 40 homes. Fire burned 12 homes. The storm damaged 9 homes.",
        );
        let found: Vec<&str> = extract(&rules(), &a)
            .iter()
            .map(|m| &a.text[m.value_span.clone()])
            .collect();
        assert_eq!(found, ["40"]);
        let why: Vec<RejectReason> = rejections(&rules(), 0, &a)
            .into_iter()
            .map(|r| r.reason)
            .collect();
        assert_eq!(
            why,
            [
                RejectReason::NoContext {
                    words: "storm|flood*".into(),
                    scope: Scope::Sentence
                },
                RejectReason::Excluded {
                    word: "damaged".into(),
                    words: "damaged".into(),
                    scope: Scope::Sentence
                }
            ]
        );
        assert_eq!(
            why[1].to_string(),
            "its sentence has the excluded word “damaged” (`damaged`)"
        );
    }

    #[test]
    fn a_literal_ending_one_sentence_opens_the_next() {
        // The pattern's only literal is the full stop that ends the sentence before.
        let yaml = "claims:\n  - id: lead\n    label: L\n    kind: count\n    patterns: ['\\. {quantity}']\n";
        let rules = compile(&[parse_claim_file(Path::new("c.yaml"), yaml).unwrap()]).unwrap();
        let a = article("Storms hit the coast. 40 huts fell");
        let found: Vec<&str> = extract(&rules, &a)
            .iter()
            .map(|m| &a.text[m.value_span.clone()])
            .collect();
        assert_eq!(found, ["40"]);
    }

    #[test]
    fn a_match_never_joins_two_sentences() {
        let yaml = "claims:\n  - id: houses\n    label: H\n    kind: count\n    patterns: ['razed (?:[\\\\w.]+ ){0,4}?{quantity} houses', '(?:^|[.!?] ){quantity} huts']\n";
        let rules = compile(&[parse_claim_file(Path::new("c.yaml"), yaml).unwrap()]).unwrap();
        let a = article("The storm razed barns. Then 40 houses stood.");
        assert!(extract(&rules, &a).is_empty(), "joined two sentences");
        let a = article("The storm razed\n40 houses. Hail followed. 12 huts fell.");
        let found: Vec<&str> = extract(&rules, &a)
            .iter()
            .map(|m| &a.text[m.value_span.clone()])
            .collect();
        assert_eq!(
            found,
            ["40", "12"],
            "a wrapped line and a sentence-initial anchor are fine"
        );
    }
}
