//! Rule tests: runs every claim's `examples` and checks the normalised value, not only that
//! something matched (`match` + `value`), or that nothing matched (`no_match`). Golden reports
//! ([`golden`]) check what a whole corpus yields; [`render`] prints the outcomes.

pub mod golden;
pub mod render;

use std::path::{Path, PathBuf};

use crate::corpus::{self, parse_published};
use crate::extract::extract;
use crate::observation::observe;
use crate::rules::spec::ExampleSpec;
use crate::rules::RuleSet;
use crate::value::{self, Context, Relation, Tolerance};

/// The outcome of one example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleOutcome {
    /// 1-based position among the claim's examples.
    pub number: usize,
    /// The example's text.
    pub text: String,
    /// Why it failed; `None` when it passed.
    pub failure: Option<ExampleFailure>,
}

/// The outcomes of one claim's examples.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimOutcome {
    /// Claim id.
    pub id: String,
    /// Claim file.
    pub path: PathBuf,
    /// 1-based line of the claim.
    pub line: usize,
    /// One outcome per example.
    pub examples: Vec<ExampleOutcome>,
}

impl ClaimOutcome {
    /// True when every example passed.
    pub(crate) fn passed(&self) -> bool {
        self.examples.iter().all(|e| e.failure.is_none())
    }
}

/// The golden-report check of one claim file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldenOutcome {
    /// The claim file.
    pub claim_file: PathBuf,
    /// Its golden report.
    pub golden: PathBuf,
    /// What happened.
    pub status: GoldenStatus,
}

/// The state of one golden report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoldenStatus {
    /// The report is as expected.
    Same,
    /// The report changed; one line per change.
    Changed(Vec<String>),
    /// No golden report exists (not a failure; `--bless` creates one).
    Missing,
    /// `--bless` wrote it; the changes it recorded (empty when created).
    Blessed {
        /// The file did not exist before.
        created: bool,
        /// What changed.
        changes: Vec<String>,
    },
    /// It could not be read or its corpus could not be checked.
    Error(String),
}

/// Everything `claimdiff test` found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TestRun {
    /// Rule-test outcomes per claim.
    pub claims: Vec<ClaimOutcome>,
    /// Golden-report outcomes per claim file.
    pub goldens: Vec<GoldenOutcome>,
}

impl TestRun {
    /// True when every example passed and no golden report changed or failed.
    pub(crate) fn passed(&self) -> bool {
        self.claims.iter().all(ClaimOutcome::passed)
            && self
                .goldens
                .iter()
                .all(|g| !matches!(g.status, GoldenStatus::Changed(_) | GoldenStatus::Error(_)))
    }
}

/// Runs the examples of every rule, in rule order.
pub fn run_examples(rules: &RuleSet) -> Vec<ClaimOutcome> {
    (0..rules.rules.len())
        .map(|i| {
            let single = rules.single(i);
            let rule = &rules.rules[i];
            ClaimOutcome {
                id: rule.id.clone(),
                path: rule.origin.path.clone(),
                line: rule.origin.line,
                examples: rule
                    .examples
                    .iter()
                    .enumerate()
                    .map(|(n, ex)| ExampleOutcome {
                        number: n + 1,
                        text: ex.text().to_string(),
                        failure: run_example(&single, ex).err(),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Why an example fails, as data; its `Display` is the line a maintainer reads.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExampleFailure {
    /// The rule set holds no rule.
    #[error("no rule to test")]
    NoRule,
    /// The example's `published` is not a date.
    #[error("invalid `published` date `{0}`")]
    InvalidDate(String),
    /// The example's text cannot be read as an article.
    #[error("cannot read the example text: {0}")]
    Unreadable(String),
    /// A `no_match` example matched.
    #[error("should not match, but matched \"{0}\"")]
    Matched(String),
    /// The expected value cannot be read as the claim's kind.
    #[error("the expected value `{value}` cannot be read as a {kind}: {why}")]
    BadExpectedValue {
        /// The expected value as written.
        value: String,
        /// The claim's kind.
        kind: value::Kind,
        /// Why it cannot be read.
        why: String,
    },
    /// Nothing matched where a value was expected (the value as a reader says it).
    #[error("expected {0}, but nothing matched")]
    NothingMatched(String),
    /// Something else was read: what was expected and what each match gave.
    #[error("expected {expected}, got {got}")]
    Other {
        /// The expected value.
        expected: String,
        /// What the matches gave.
        got: String,
    },
}

/// Runs one example against a rule set holding its rule only.
fn run_example(single: &RuleSet, example: &ExampleSpec) -> Result<(), ExampleFailure> {
    let Some(rule) = single.rules.first() else {
        return Err(ExampleFailure::NoRule);
    };
    let published = match example.published() {
        Some(text) => Some(
            parse_published(text).ok_or_else(|| ExampleFailure::InvalidDate(text.to_string()))?,
        ),
        None => rule.event_date,
    };
    let (mut article, _) = corpus::parse_article(Path::new("example"), example.text().as_bytes())
        .map_err(|d| ExampleFailure::Unreadable(d.message))?;
    article.published = published;
    let observations = observe(single, &article, 0, extract(single, &article));
    match example {
        ExampleSpec::NoMatch { .. } => match observations.first() {
            None => Ok(()),
            Some(o) => Err(ExampleFailure::Matched(o.raw.clone())),
        },
        ExampleSpec::Match { value, .. } => {
            let ctx = Context::published(published).with_options(&rule.options);
            let expected = value::normalise(rule.kind, value, &ctx)
                .value
                .map_err(|why| ExampleFailure::BadExpectedValue {
                    value: value.clone(),
                    kind: rule.kind,
                    why: why.to_string(),
                })?;
            if observations.is_empty() {
                return Err(ExampleFailure::NothingMatched(expected.describe()));
            }
            let same = |v: &value::Value| {
                v.relate(&expected, &Tolerance::default()) == Relation::Same
                    && v.same_wording(&expected)
            };
            if observations
                .iter()
                .any(|o| o.value.as_ref().is_ok_and(same))
            {
                return Ok(());
            }
            Err(ExampleFailure::Other {
                expected: expected.describe(),
                got: describe_all(&observations),
            })
        }
    }
}

fn describe_all(observations: &[crate::observation::Observation]) -> String {
    observations
        .iter()
        .map(|o| match &o.value {
            Ok(v) => format!("{} (from \"{}\")", v.describe(), o.raw),
            Err(why) => format!("unresolved \"{}\": {why}", o.raw),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{compile, load::parse_claim_file};

    fn rules(yaml: &str) -> RuleSet {
        let file = parse_claim_file(Path::new("t.yaml"), yaml).unwrap();
        compile(&[file]).unwrap()
    }

    const CLAIM: &str = "claims:\n  - id: dead\n    label: Dead\n    kind: count\n    patterns: ['{quantity} people (?:have )?died']\n    examples:\n";

    #[test]
    fn a_matching_example_with_the_right_value_passes() {
        let r = rules(&format!("{CLAIM}      - match: 'more than 2,500 people have died.'\n        value: more than 2,500\n"));
        let out = run_examples(&r);
        assert!(out[0].passed(), "{out:?}");
    }

    #[test]
    fn a_wrong_value_fails_with_expected_and_actual() {
        let r = rules(&format!("{CLAIM}      - match: 'more than 2,600 people have died.'\n        value: more than 2,500\n"));
        let failure = run_examples(&r)[0].examples[0].failure.clone().unwrap();
        assert_eq!(
            failure,
            ExampleFailure::Other {
                expected: "more than 2,500".into(),
                got: "more than 2,600 (from \"more than 2,600\")".into()
            }
        );
    }

    #[test]
    fn a_different_hedge_fails() {
        let r = rules(&format!(
            "{CLAIM}      - match: 'about 2,500 people died.'\n        value: more than 2,500\n"
        ));
        assert!(run_examples(&r)[0].examples[0].failure.is_some());
    }

    #[test]
    fn no_match_examples_fail_when_something_matches() {
        let r = rules(&format!("{CLAIM}      - no_match: 'About 40 people died.'\n      - no_match: 'people were hurt.'\n"));
        let out = &run_examples(&r)[0];
        assert_eq!(
            out.examples[0].failure,
            Some(ExampleFailure::Matched("About 40".into()))
        );
        assert_eq!(
            out.examples[0]
                .failure
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("should not match, but matched \"About 40\"")
        );
        assert!(out.examples[1].failure.is_none());
    }
}
