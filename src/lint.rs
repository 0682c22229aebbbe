//! `claimdiff lint`: checks claim files without a corpus — beyond the located load and compile
//! errors: rules whose own examples fail, patterns that can match the empty string, patterns
//! with a slow Unicode word boundary, units that do not fit the claim's kind, and claims
//! without examples.

use regex_syntax::hir::{Hir, HirKind, Look};

use crate::diagnostic::{Code, Diagnostic};
use crate::rules::compile::CompiledPattern;
use crate::rules::pattern::optional_space_then_space;
use crate::rules::{Rule, RuleSet};
use crate::ruletest::ClaimOutcome;
use crate::value::Kind;

/// Units that measure time: fine for durations, suspicious for counts.
const TIME_UNITS: &[&str] = &[
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "decade", "decades",
];

/// Lint problems of compiled rules, given the outcomes of their examples.
pub fn lint(rules: &RuleSet, examples: &[ClaimOutcome]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (rule, outcome) in rules.rules.iter().zip(examples) {
        out.extend(empty_matches(rule));
        out.extend(unicode_boundaries(rule));
        out.extend(optional_spaces(rule));
        out.extend(unit_mismatch(rule));
        out.extend(changes_over_time(rule));
        if rule.examples.is_empty() {
            out.push(at(rule, Diagnostic::warning(Code::NoExamples, &rule.origin.path, format!(
                "claim `{}` has no examples: add `match`/`value` and `no_match` examples so changes are caught",
                rule.id
            ))));
        }
        let file = std::fs::read_to_string(&rule.origin.path).unwrap_or_default();
        for e in outcome.examples.iter().filter(|e| e.failure.is_some()) {
            let message = format!(
                "claim `{}`: example {} fails: {}",
                rule.id,
                e.number,
                e.failure
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            );
            let d = Diagnostic::error(Code::FailingExample, &rule.origin.path, message);
            out.push(match example_position(&file, rule.origin.line, &e.text) {
                Some((line, column)) => d.at(line, column),
                None => at(rule, d),
            });
        }
    }
    out
}

/// Where an example's text is written, searching from the claim's line on: its first words
/// are enough to find it, whatever quoting the YAML uses.
fn example_position(file: &str, from_line: usize, text: &str) -> Option<(usize, usize)> {
    let probe: String = text.chars().take(30).collect();
    let probe = probe.split_whitespace().collect::<Vec<_>>().join(" ");
    if probe.is_empty() {
        return None;
    }
    file.lines()
        .enumerate()
        .skip(from_line.saturating_sub(1))
        .find_map(|(n, line)| {
            let at = line.find(&probe)?;
            Some((n + 1, line[..at].chars().count() + 1))
        })
}

fn at(rule: &Rule, d: Diagnostic) -> Diagnostic {
    d.at(rule.origin.line, rule.origin.column)
}

/// A diagnostic about `pattern`, placed where it is written.
fn at_pattern(pattern: &CompiledPattern, d: Diagnostic) -> Diagnostic {
    d.at(pattern.origin.line, pattern.origin.column)
}

/// Optional spaces (` ?`, ` *`) followed by a space: the white space is required after all.
fn optional_spaces(rule: &Rule) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in &rule.patterns {
        for offset in optional_space_then_space(&p.source) {
            let quantifier = p.source.chars().nth(offset).unwrap_or('?');
            let message = format!(
                "claim `{}`: pattern `{}` has an optional space (` {quantifier}`) followed by a space, which still matches one or more white-space characters, so nothing is optional there",
                rule.id, p.source
            );
            let d = Diagnostic::warning(Code::RiskyPattern, &p.origin.path, message)
                .at(p.origin.line, p.origin.column + offset)
                .with_help(format!(
                    "write ` {quantifier}` right before the next word (`said ?{{quantity}}`) for optional white space, or drop the `{quantifier}` if white space is required"
                ));
            out.push(d);
        }
    }
    out
}

/// The patterns of `rule` whose parsed form satisfies `test`.
fn patterns_where<'r>(
    rule: &'r Rule,
    test: impl Fn(&Hir) -> bool + 'r,
) -> impl Iterator<Item = &'r CompiledPattern> + 'r {
    rule.patterns.iter().filter(move |p| {
        regex_syntax::Parser::new()
            .parse(p.as_str())
            .is_ok_and(|hir| test(&hir))
    })
}

fn empty_matches(rule: &Rule) -> Vec<Diagnostic> {
    patterns_where(rule, |hir| hir.properties().minimum_len() == Some(0))
        .map(|p| {
            at_pattern(
                p,
                Diagnostic::error(
                    Code::EmptyMatch,
                    &rule.origin.path,
                    format!(
            "claim `{}`: pattern `{}` can match the empty string, so it matches everywhere",
            rule.id, p.source
        ),
                ),
            )
        })
        .collect()
}

/// Patterns with a Unicode word boundary: the regex crate's lazy DFA cannot check one next to
/// a non-ASCII character, so a sentence with a curly quote falls back to a slower engine (the
/// `{name}` block had one: its searches were 5× slower).
fn unicode_boundaries(rule: &Rule) -> Vec<Diagnostic> {
    patterns_where(rule, has_unicode_boundary)
        .map(|p| {
            let message = format!(
                "claim `{}`: pattern `{}` has a Unicode word boundary (`\\b`), which makes it several times slower to search in text with curly quotes or other non-ASCII characters: write `(?-u:\\b)` where the characters around it are ASCII, or leave it (or `\\B`, which has no ASCII form) out where a literal word already starts or ends there",
                rule.id, p.source
            );
            at_pattern(p, Diagnostic::warning(Code::RiskyPattern, &rule.origin.path, message))
        })
        .collect()
}

fn has_unicode_boundary(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(look) => matches!(
            look,
            Look::WordUnicode
                | Look::WordUnicodeNegate
                | Look::WordStartUnicode
                | Look::WordEndUnicode
                | Look::WordStartHalfUnicode
                | Look::WordEndHalfUnicode
        ),
        HirKind::Capture(c) => has_unicode_boundary(&c.sub),
        HirKind::Repetition(r) => has_unicode_boundary(&r.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_unicode_boundary),
        _ => false,
    }
}

/// Words of counts that change as a story develops: tolls, casualties, arrests, evacuations.
const DEVELOPING: &[&str] = &[
    "dead",
    "death",
    "deaths",
    "died",
    "killed",
    "toll",
    "fatalities",
    "casualties",
    "injured",
    "injuries",
    "wounded",
    "hurt",
    "missing",
    "arrested",
    "arrests",
    "detained",
    "evacuated",
    "evacuees",
    "displaced",
    "rescued",
    "victims",
];

/// A count of dead, injured, missing, arrested or evacuated people judged without
/// `over_time`: its figures will change by the hour, and a rising toll would read as a
/// conflict.
fn changes_over_time(rule: &Rule) -> Option<Diagnostic> {
    if rule.kind != Kind::Count || rule.over_time.is_some() {
        return None;
    }
    let words = format!(
        "{} {} {}",
        rule.id,
        rule.label,
        rule.unit.as_deref().unwrap_or("")
    );
    let word = words
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .find(|w| DEVELOPING.contains(&w.as_str()))?;
    let message = format!(
        "claim `{}` counts something that changes as a story develops (`{word}`): consider `over_time: true`, so that a rising or corrected figure is a revision, not a conflict",
        rule.id
    );
    Some(at(
        rule,
        Diagnostic::warning(Code::ChangesOverTime, &rule.origin.path, message),
    ))
}

fn unit_mismatch(rule: &Rule) -> Option<Diagnostic> {
    let unit = rule.unit.as_deref()?;
    let is_time = TIME_UNITS.contains(&unit.trim().to_lowercase().as_str());
    let message = match rule.kind {
        Kind::Count if is_time => format!(
            "claim `{}`: unit `{unit}` is a unit of time, but the kind is `count`: use `kind: duration`",
            rule.id
        ),
        Kind::Duration if !is_time => format!(
            "claim `{}`: unit `{unit}` is not a unit of time, but the kind is `duration`",
            rule.id
        ),
        Kind::Date | Kind::Name | Kind::Place => format!("claim `{}`: a `{}` claim has no unit; `{unit}` is ignored", rule.id, rule.kind),
        _ => return None,
    };
    Some(at(
        rule,
        Diagnostic::warning(Code::RiskyPattern, &rule.origin.path, message),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{compile, load::parse_claim_file};
    use crate::ruletest::run_examples;
    use std::path::Path;

    fn lint_yaml(claims: &str) -> Vec<String> {
        let file = parse_claim_file(Path::new("c.yaml"), &format!("claims:\n{claims}")).unwrap();
        let rules = compile(&[file]).unwrap();
        lint(&rules, &run_examples(&rules))
            .iter()
            .map(|d| d.message.clone())
            .collect()
    }

    const EX: &str = "    examples:\n      - match: '5 cars'\n        value: '5'\n";

    #[test]
    fn a_clean_claim_has_no_problems() {
        assert!(lint_yaml(&format!(
            "  - id: a\n    label: A\n    kind: count\n    patterns: ['{{quantity}} cars']\n{EX}"
        ))
        .is_empty());
    }

    #[test]
    fn empty_matching_patterns_are_errors() {
        let msgs = lint_yaml(&format!(
            "  - id: a\n    label: A\n    kind: count\n    patterns: ['(?P<value>[0-9]*)']\n{EX}"
        ));
        assert!(
            msgs.iter()
                .any(|m| m.contains("can match the empty string")),
            "{msgs:?}"
        );
    }

    #[test]
    fn time_units_on_counts_and_missing_examples_are_flagged() {
        let msgs = lint_yaml("  - id: a\n    label: A\n    kind: count\n    unit: hours\n    patterns: ['{quantity} hours']\n");
        assert!(msgs.iter().any(|m| m.contains("unit of time")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("no examples")), "{msgs:?}");
    }

    #[test]
    fn an_optional_space_before_a_space_is_flagged() {
        let msgs = lint_yaml(&format!(
            "  - id: a\n    label: A\n    kind: count\n    patterns: ['said ? {{quantity}} cars', 'said ?{{quantity}} cars']\n{EX}"
        ));
        assert_eq!(
            msgs.iter().filter(|m| m.contains("optional space")).count(),
            1,
            "{msgs:?}"
        );
    }

    #[test]
    fn failing_examples_are_errors() {
        let msgs = lint_yaml("  - id: a\n    label: A\n    kind: count\n    patterns: ['{quantity} cars']\n    examples:\n      - no_match: '5 cars'\n");
        assert!(
            msgs.iter().any(|m| m.contains("example 1 fails")),
            "{msgs:?}"
        );
    }

    #[test]
    fn unicode_word_boundaries_are_flagged_and_no_block_has_one() {
        let msgs = lint_yaml(&format!(
            "  - id: a\n    label: A\n    kind: count\n    patterns: ['{{quantity}} cars\\b']\n{EX}"
        ));
        assert!(
            msgs.iter().any(|m| m.contains("Unicode word boundary")),
            "{msgs:?}"
        );
        for block in crate::rules::blocks::BLOCKS {
            let kind = block.kind;
            let name = block.name;
            let msgs = lint_yaml(&format!(
                "  - id: a\n    label: A\n    kind: {kind}\n    patterns: ['(?-u:\\b)cars {{{name}}}']\n"
            ));
            assert!(
                !msgs.iter().any(|m| m.contains("word boundary")),
                "block {name}: {msgs:?}"
            );
        }
    }

    #[test]
    fn casualty_counts_without_over_time_are_flagged() {
        let flagged = lint_yaml("  - id: deaths\n    label: People killed\n    kind: count\n    patterns: ['{quantity} killed']\n    examples: [{match: '3 killed', value: '3'}]\n");
        assert!(
            flagged.iter().any(|m| m.contains("over_time: true")),
            "{flagged:?}"
        );
        let set = lint_yaml("  - id: deaths\n    label: People killed\n    kind: count\n    over_time: true\n    patterns: ['{quantity} killed']\n    examples: [{match: '3 killed', value: '3'}]\n");
        assert!(set.is_empty(), "{set:?}");
        let other = lint_yaml("  - id: homes\n    label: Homes destroyed\n    kind: count\n    patterns: ['{quantity} homes']\n    examples: [{match: '3 homes', value: '3'}]\n");
        assert!(other.is_empty(), "{other:?}");
    }
}
