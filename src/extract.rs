//! Runs compiled rules over articles and returns raw matches: which rule, where, what text.
//!
//! One pass of the rule set's prefilter picks each article's candidate patterns and the
//! sentences where their literals occur; each pattern runs only there. A batch of articles is
//! searched a pattern at a time (each pattern over every article that needs it, patterns in
//! parallel), so one pattern's automata and search cache stay in the processor's cache while
//! it runs, instead of every article cycling through all of them. A match counts only if it
//! stays within one sentence, and that sentence (or paragraph, by the claim's `scope`) has
//! every context word group and no excluded one.

use std::ops::Range;

use rayon::prelude::*;

use crate::corpus::Article;
use crate::rules::prefilter::Candidate;
use crate::rules::spec::Scope;
use crate::rules::{Rule, RuleSet};
use crate::text::{paragraphs, sentence_at, sentences};
use crate::value::{self, Context};

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
/// shows when a source seems to state a claim that the report does not count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// Byte range of the captured value in the article's text.
    pub value_span: Range<usize>,
    /// Why it does not count.
    pub reason: String,
}

/// The matches of rule `rule_idx` that its context words rejected in `article`.
pub fn rejections(rules: &RuleSet, rule_idx: usize, article: &Article) -> Vec<Rejection> {
    let body = article.body_text();
    let (sents, paras) = (sentences(body), paragraphs(body));
    let text = Text {
        body,
        offset: article.body.start,
        sents,
        paras,
    };
    let (mut kept, mut rejected) = (Vec::new(), Vec::new());
    for candidate in rules.rule_patterns(rule_idx) {
        pattern_matches(rules, &candidate, &text, &mut kept, Some(&mut rejected));
    }
    rejected
}

/// An article body with its sentence and paragraph ranges.
struct Text<'a> {
    body: &'a str,
    offset: usize,
    sents: Vec<Range<usize>>,
    paras: Vec<Range<usize>>,
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
    let regex = rule.patterns[candidate.pattern].regex();
    let Some(value_group) = regex.capture_names().position(|n| n == Some("value")) else {
        return;
    };
    let mut groups = regex.capture_locations();
    for i in sentences_to_search(text, candidate.sites.as_deref()) {
        let sentence = text.sents[i].clone();
        if rejected.is_none()
            && rule.scope == Scope::Sentence
            && context_fails(rule, &text.body[sentence.clone()]).is_some()
        {
            continue;
        }
        let haystack = &text.body[..sentence.end];
        let mut at = lead_start(text.body, sentence.start);
        while let Some(whole) = regex.captures_read_at(&mut groups, haystack, at) {
            at = whole.end().max(whole.start() + 1);
            let Some(value) = groups.get(value_group).map(|(a, b)| a..b) else {
                continue;
            };
            if haystack[value.clone()].trim().is_empty() {
                continue;
            }
            let own = match sentence_at(&text.sents, value.start) {
                Some(j) if j == i => sentence.clone(),
                Some(_) => continue,
                None => whole.range(),
            };
            let scope = match rule.scope {
                Scope::Sentence => own.clone(),
                Scope::Paragraph => sentence_at(&text.paras, value.start)
                    .map_or(own.clone(), |p| text.paras[p].clone()),
            };
            let shift = |r: Range<usize>| r.start + text.offset..r.end + text.offset;
            let reason = context_fails(rule, &text.body[scope])
                .or_else(|| not_a_name(rule, &haystack[value.clone()]));
            if let Some(reason) = reason {
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
                span: shift(whole.range()),
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

/// Why the context words turn a match away, or `None` when they do not.
fn context_fails(rule: &Rule, stretch: &str) -> Option<String> {
    let scope = match rule.scope {
        Scope::Sentence => "sentence",
        Scope::Paragraph => "paragraph",
    };
    if let Some(i) = rule.context.iter().position(|re| !re.is_match(stretch)) {
        let words = rule.context_words.get(i).map_or("?", String::as_str);
        return Some(format!(
            "no word of the context group `{words}` in its {scope}"
        ));
    }
    rule.exclude
        .iter()
        .position(|re| re.is_match(stretch))
        .map(|i| {
            let words = rule.exclude_words.get(i).map_or("?", String::as_str);
            format!("its {scope} has an excluded word (`{words}`)")
        })
}

/// Why the capture of a `name` or `place` claim holds no name ("has said the fire began",
/// "he"), or `None`: such a capture is no match.
fn not_a_name(rule: &Rule, captured: &str) -> Option<String> {
    if !rule.kind.is_name() {
        return None;
    }
    let ctx = Context::default().with_options(&rule.options);
    value::normalise(rule.kind, captured, &ctx)
        .value
        .err()
        .map(|why| why.detail)
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
        let why: Vec<String> = rejections(&rules(), 0, &a)
            .into_iter()
            .map(|r| r.reason)
            .collect();
        assert_eq!(
            why,
            [
                "no word of the context group `storm|flood*` in its sentence",
                "its sentence has an excluded word (`damaged`)"
            ]
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
