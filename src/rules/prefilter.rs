//! The one-pass prefilter: for every pattern, a set of literal words one of which any match
//! must contain ("people" in `{quantity} people died`), all searched at once with
//! Aho-Corasick. A rule is a candidate for an article when one of its literals occurs in it;
//! a rule with a pattern that has no such literal is always a candidate.
//!
//! Why not a `RegexSet` of the patterns: with the number blocks in every pattern, the set's
//! lazy DFA gives up and its PikeVM fallback ran at about 0.4 MB/s on 10 rules; literal
//! search runs at memory speed whatever the number of rules.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Hir, HirKind};

use super::Rule;

/// Characters that Unicode case folding matches to ASCII letters (KELVIN SIGN to `k`, LONG S
/// to `s`): ASCII case-insensitive search would miss them, so their presence makes every
/// rule a candidate.
const FOLDS_TO_ASCII: [&str; 2] = ["\u{212A}", "\u{17F}"];

/// Literals of all rules, searched in one pass.
#[derive(Clone, Debug)]
pub struct Prefilter {
    searcher: AhoCorasick,
    /// For each literal, the rules it stands for; `None` for the case-folding characters.
    owners: Vec<Option<Vec<usize>>>,
    /// Rules that are candidates whatever the text.
    always: Vec<usize>,
    rules: usize,
}

impl Prefilter {
    /// Builds the prefilter; `None` when it cannot be built (every rule is then a candidate).
    pub fn new(rules: &[Rule]) -> Option<Self> {
        let mut literals: Vec<String> = Vec::new();
        let mut owners: Vec<Option<Vec<usize>>> = Vec::new();
        let mut always = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let Some(words) = rule_literals(rule) else {
                always.push(i);
                continue;
            };
            for word in words {
                match literals.iter().position(|l| *l == word) {
                    Some(at) => owners[at].get_or_insert_with(Vec::new).push(i),
                    None => {
                        literals.push(word);
                        owners.push(Some(vec![i]));
                    }
                }
            }
        }
        for c in FOLDS_TO_ASCII {
            literals.push(c.to_string());
            owners.push(None);
        }
        let searcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&literals)
            .ok()?;
        Some(Prefilter {
            searcher,
            owners,
            always,
            rules: rules.len(),
        })
    }

    /// The indices of the rules that may match `text`, ascending.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        let mut hit = vec![false; self.rules];
        for &i in &self.always {
            hit[i] = true;
        }
        for m in self.searcher.find_overlapping_iter(text) {
            match &self.owners[m.pattern().as_usize()] {
                Some(rules) => rules.iter().for_each(|&r| hit[r] = true),
                None => return (0..self.rules).collect(),
            }
        }
        hit.iter()
            .enumerate()
            .filter_map(|(i, &h)| h.then_some(i))
            .collect()
    }

    /// How many rules have literals (the others are always candidates).
    pub fn filtered_rules(&self) -> usize {
        self.rules - self.always.len()
    }
}

/// The literals of a rule: the union of its patterns' sets; `None` if a pattern has none.
fn rule_literals(rule: &Rule) -> Option<Vec<String>> {
    let mut all = Vec::new();
    for p in &rule.patterns {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(p.regex.as_str())
            .ok()?;
        all.extend(required_literals(&hir)?);
    }
    all.sort();
    all.dedup();
    Some(all)
}

/// Lower-cased words one of which every match of `hir` contains, when there is such a set.
fn required_literals(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            let caseless = text
                .chars()
                .all(|c| c.is_ascii() || c.to_lowercase().eq(c.to_uppercase()));
            caseless.then(|| vec![text.to_ascii_lowercase()])
        }
        HirKind::Capture(c) => required_literals(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required_literals(&r.sub),
        HirKind::Concat(subs) => subs
            .iter()
            .filter_map(required_literals)
            .max_by_key(|set| selectivity(set)),
        HirKind::Alternation(subs) => {
            let mut union = Vec::new();
            for sub in subs {
                union.extend(required_literals(sub)?);
            }
            Some(union)
        }
        _ => None,
    }
}

/// Longer shortest literals and fewer alternatives filter better.
fn selectivity(set: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(String::len).min().unwrap_or(0);
    (shortest.min(8), std::cmp::Reverse(set.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .unwrap();
        required_literals(&hir).map(|mut v| {
            v.sort();
            v
        })
    }

    #[test]
    fn the_most_selective_required_word_is_chosen() {
        assert_eq!(
            literals(r"(?P<value>[0-9]+)\s+People\s+(?:died|were\s+killed)"),
            Some(vec!["people".to_string()])
        );
        assert_eq!(
            literals(r"[0-9]+\s+(?:troops|soldiers)"),
            Some(vec!["soldiers".to_string(), "troops".to_string()])
        );
    }

    #[test]
    fn optional_words_are_not_required() {
        assert_eq!(literals(r"(?:Russian\s+)?[0-9]+"), None);
        assert_eq!(literals(r"[0-9]+\s+(?:troops|\w+)"), None);
    }
}
