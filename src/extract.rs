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
        rule_matches(rules, rule_idx, &text, &mut out);
        out[before..].sort_by_key(|m| m.value_span.start);
    }
    out
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
fn rule_matches(rules: &RuleSet, rule_idx: usize, text: &Text<'_>, out: &mut Vec<Match>) {
    let rule = &rules.rules[rule_idx];
    let before = out.len();
    for (p_idx, pattern) in rule.patterns.iter().enumerate() {
        let mut at = 0;
        while let Some(mut caps) = pattern.regex.captures_at(text.body, at) {
            let (Some(whole), Some(value)) = (caps.get(0), caps.name("value")) else {
                break;
            };
            let start_sentence = sentence_at(text.sents, value.start());
            let end_sentence = sentence_at(text.sents, whole.end().saturating_sub(1));
            if let (Some(a), Some(b)) = (start_sentence, end_sentence) {
                if b > a {
                    // Within the value's sentence only, or else from the next sentence on.
                    let within = &text.body[..text.sents[a].end];
                    match pattern.regex.captures_at(within, whole.start()) {
                        Some(shorter) => caps = shorter,
                        None => {
                            at = text.sents[b].start;
                            continue;
                        }
                    }
                }
            }
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
            if !context_holds(rule, &text.body[scope]) {
                continue;
            }
            let shift = |r: Range<usize>| r.start + text.offset..r.end + text.offset;
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

fn context_holds(rule: &Rule, sentence: &str) -> bool {
    rule.context.iter().all(|re| re.is_match(sentence))
        && !rule.exclude.iter().any(|re| re.is_match(sentence))
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}
