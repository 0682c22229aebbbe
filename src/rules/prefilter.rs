//! The one-pass prefilter: for every pattern, a set of literal words one of which any match
//! must contain ("people" in `{quantity} people died`), all searched at once with
//! Aho-Corasick. A pattern is a candidate for an article when one of its literals occurs in
//! it, and the places where they occur tell the matcher which sentences to search; a pattern
//! without such a literal is always a candidate, to be searched everywhere.
//!
//! Why not a `RegexSet` of the patterns: with the number blocks in every pattern, the set's
//! lazy DFA gives up and its PikeVM fallback ran at about 0.4 MB/s on 10 rules; literal
//! search runs at memory speed whatever the number of rules.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Hir, HirKind};

use super::Rule;

/// Characters that Unicode case folding matches to ASCII letters (KELVIN SIGN to `k`, LONG S
/// to `s`): ASCII case-insensitive search would miss them, so their presence makes every
/// pattern a candidate everywhere.
const FOLDS_TO_ASCII: [&str; 2] = ["\u{212A}", "\u{17F}"];

/// A pattern that may match a text, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Index of the rule.
    pub rule: usize,
    /// Index of the pattern within the rule.
    pub pattern: usize,
    /// Byte offsets where one of the pattern's literals starts, ascending; `None` when the
    /// pattern must be searched everywhere.
    pub sites: Option<Vec<usize>>,
}

/// Literals of all patterns, searched in one pass.
#[derive(Clone, Debug)]
pub struct Prefilter {
    searcher: AhoCorasick,
    /// For each literal, the patterns it stands for (their places in `all`); `None` for the
    /// case-folding characters.
    owners: Vec<Option<Vec<usize>>>,
    /// Patterns that are candidates whatever the text (their places in `all`).
    always: Vec<usize>,
    /// Every pattern, in rule order.
    all: Vec<(usize, usize)>,
}

impl Prefilter {
    /// Builds the prefilter; `None` when it cannot be built (every pattern is then a
    /// candidate everywhere).
    pub fn new(rules: &[Rule]) -> Option<Self> {
        let mut literals: Vec<String> = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut owners: Vec<Option<Vec<usize>>> = Vec::new();
        let mut always = Vec::new();
        let mut all = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            for (p, pattern) in rule.patterns.iter().enumerate() {
                let key = all.len();
                all.push((r, p));
                let Some(words) = pattern_literals(pattern.as_str()) else {
                    always.push(key);
                    continue;
                };
                for word in words {
                    let at = *index.entry(word.clone()).or_insert_with(|| {
                        literals.push(word);
                        owners.push(Some(Vec::new()));
                        literals.len() - 1
                    });
                    if let Some(list) = &mut owners[at] {
                        list.push(key);
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
            all,
        })
    }

    /// The patterns that may match `text`, in rule order then pattern order, each with the
    /// places its literals occur.
    pub(crate) fn candidates(&self, text: &str) -> Vec<Candidate> {
        // Indexed by place in `all`: `None` no candidate, `Some(None)` searched everywhere.
        let mut sites: Vec<Option<Option<Vec<usize>>>> = vec![None; self.all.len()];
        for &key in &self.always {
            sites[key] = Some(None);
        }
        for m in self.searcher.find_overlapping_iter(text) {
            let Some(patterns) = &self.owners[m.pattern().as_usize()] else {
                return everywhere(&self.all);
            };
            for &key in patterns {
                if let Some(list) = sites[key].get_or_insert_with(|| Some(Vec::new())) {
                    list.push(m.start());
                }
            }
        }
        sites
            .into_iter()
            .zip(&self.all)
            .filter_map(|(sites, &(rule, pattern))| {
                let mut sites = sites?;
                if let Some(list) = &mut sites {
                    list.sort_unstable();
                    list.dedup();
                }
                Some(Candidate {
                    rule,
                    pattern,
                    sites,
                })
            })
            .collect()
    }
}

/// Every pattern of `all`, to be searched everywhere.
pub(crate) fn everywhere(all: &[(usize, usize)]) -> Vec<Candidate> {
    all.iter()
        .map(|&(rule, pattern)| Candidate {
            rule,
            pattern,
            sites: None,
        })
        .collect()
}

/// The literals of a pattern, one of which every match contains; `None` if it has none.
fn pattern_literals(regex: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(regex)
        .ok()?;
    let mut words = required_literals(&hir)?;
    words.sort();
    words.dedup();
    Some(words)
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
    fn candidates_are_patterns_with_their_literal_sites() {
        use crate::rules::{compile, load::parse_claim_file};
        let yaml = "claims:\n  - id: homes\n    label: Homes\n    kind: count\n    patterns: ['{quantity} homes', 'razed {quantity} huts']\n  - id: any\n    label: Any\n    kind: count\n    patterns: ['{quantity}']\n";
        let file = parse_claim_file(std::path::Path::new("c.yaml"), yaml).unwrap();
        let rules = compile(&[file]).unwrap();
        let text = "Storms hit. 40 Homes fell; 3 homes stood.";
        let found: Vec<(usize, usize, Option<Vec<usize>>)> = rules
            .candidates(text)
            .into_iter()
            .map(|c| (c.rule, c.pattern, c.sites))
            .collect();
        assert_eq!(
            found,
            [(0, 0, Some(vec![15, 29])), (1, 0, None)],
            "the hut pattern is no candidate; the bare block is searched everywhere"
        );
        let folded = "40 \u{212A}m of homes";
        assert!(rules.candidates(folded).iter().all(|c| c.sites.is_none()));
        assert_eq!(rules.candidates(folded).len(), 3);
    }

    #[test]
    fn optional_words_are_not_required() {
        assert_eq!(literals(r"(?:Russian\s+)?[0-9]+"), None);
        assert_eq!(literals(r"[0-9]+\s+(?:troops|\w+)"), None);
    }
}
