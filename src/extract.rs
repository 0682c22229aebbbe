//! Runs compiled rules over one article and returns raw matches: which rule, where, what text.
//!
//! One pass of the rule set's prefilter picks the candidate rules; only their patterns run.
//! A match counts only if it stays within one sentence, and that sentence (or paragraph, by the
//! claim's `scope`) has every context word group and no excluded one.

use std::ops::Range;

use crate::corpus::Article;
use crate::rules::spec::Scope;
use crate::rules::{Rule, RuleSet};
use crate::text::{paragraphs, sentence_at, sentences};

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
    let body = article.body_text();
    let offset = article.body.start;
    let candidates = rules.candidates(body);
    if candidates.is_empty() {
        return Vec::new();
    }
    let sents = sentences(body);
    let needs_paragraphs = candidates
        .iter()
        .any(|&r| rules.rules[r].scope == Scope::Paragraph);
    let paras = if needs_paragraphs {
        paragraphs(body)
    } else {
        Vec::new()
    };
    let text = Text {
        body,
        offset,
        sents: &sents,
        paras: &paras,
    };
    let mut out = Vec::new();
    for rule_idx in candidates {
        let before = out.len();
        rule_matches(rules, rule_idx, &text, &mut out, &mut Vec::new());
        out[before..].sort_by_key(|m| m.value_span.start);
    }
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
        sents: &sents,
        paras: &paras,
    };
    let mut rejected = Vec::new();
    rule_matches(rules, rule_idx, &text, &mut Vec::new(), &mut rejected);
    rejected
}

/// An article body with its sentence and paragraph ranges.
struct Text<'a> {
    body: &'a str,
    offset: usize,
    sents: &'a [Range<usize>],
    paras: &'a [Range<usize>],
}

/// Appends the matches of one rule. A match never spans two sentences: when one would, the
/// search starts again at the sentence where it ended, so a pattern cannot join the end of
/// one sentence to the start of the next.
fn rule_matches(
    rules: &RuleSet,
    rule_idx: usize,
    text: &Text<'_>,
    out: &mut Vec<Match>,
    rejected: &mut Vec<Rejection>,
) {
    let rule = &rules.rules[rule_idx];
    let before = out.len();
    for (p_idx, pattern) in rule.patterns.iter().enumerate() {
        let mut at = 0;
        while let Some(found) = pattern.regex.captures_at(text.body, at) {
            let Some(value) = found.name("value") else {
                break;
            };
            let start_sentence = sentence_at(text.sents, value.start());
            let caps = match start_sentence {
                Some(a) => match within_sentence(&pattern.regex, text, a, found) {
                    Ok(caps) => caps,
                    Err(resume) => {
                        at = resume;
                        continue;
                    }
                },
                None => found,
            };
            let (Some(whole), Some(value)) = (caps.get(0), caps.name("value")) else {
                break;
            };
            at = whole.end().max(whole.start() + 1);

            if value.as_str().trim().is_empty() {
                continue;
            }
            let sentence = start_sentence.map_or(whole.range(), |i| text.sents[i].clone());
            let scope = match rule.scope {
                Scope::Sentence => sentence.clone(),
                Scope::Paragraph => sentence_at(text.paras, value.start())
                    .map_or(sentence.clone(), |i| text.paras[i].clone()),
            };
            let shift = |r: Range<usize>| r.start + text.offset..r.end + text.offset;
            if let Some(reason) = context_fails(rule, &text.body[scope]) {
                rejected.push(Rejection {
                    value_span: shift(value.range()),
                    reason,
                });
                continue;
            }
            let m = Match {
                rule: rule_idx,
                pattern: p_idx,
                value_span: shift(value.range()),
                span: shift(whole.range()),
                sentence: shift(sentence),
            };
            if !out[before..]
                .iter()
                .any(|o: &Match| overlaps(&o.value_span, &m.value_span))
            {
                out.push(m);
            }
        }
    }
}

/// Keeps a match inside sentence `a`, the sentence of its value. A match may begin with the
/// punctuation that ends the sentence before (a pattern anchored at a sentence start), but no
/// more: one that reaches into another sentence is tried again within sentence `a`; failing
/// that, `Err` says where to search next.
fn within_sentence<'h>(
    regex: &regex::Regex,
    text: &Text<'h>,
    a: usize,
    found: regex::Captures<'h>,
) -> Result<regex::Captures<'h>, usize> {
    let Some(whole) = found.get(0) else {
        return Err(text.body.len());
    };
    let sentence = &text.sents[a];
    let lead = text
        .body
        .get(whole.start()..sentence.start)
        .unwrap_or_default();
    let crosses_before = lead.chars().any(char::is_alphanumeric);
    let crosses_after = whole.end() > sentence.end;
    if !crosses_before && !crosses_after {
        return Ok(found);
    }
    let from = if crosses_before {
        sentence.start
    } else {
        whole.start()
    };
    let next = text.sents.get(a + 1).map_or(text.body.len(), |s| s.start);
    regex
        .captures_at(&text.body[..sentence.end], from)
        .ok_or(if crosses_after {
            next
        } else {
            whole.end().max(whole.start() + 1)
        })
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
