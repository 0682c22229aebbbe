//! Compiles claim files into the rules the matcher runs: regexes built once, word groups
//! turned into sentence tests, references normalised, ids checked across files.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;
use regex::{Regex, RegexBuilder};

use super::load::LoadedFile;
use super::near::{self, words_alternation, Near};
use super::prefilter::{everywhere, Candidate, Prefilter};
use super::spec::{
    ClaimSpec, EventSpec, ExampleSpec, ReferenceSpec, Scope, ToleranceSpec, WordsSpec,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::value::name::{NameSpec, DEFAULT_THRESHOLD};
use crate::value::{self, Kind, Tolerance, ValueOptions};

/// The most memory one compiled pattern may take; larger patterns are an error.
pub(crate) const PATTERN_SIZE_LIMIT: usize = 8 * (1 << 20);

/// The lazy DFA's cache for one pattern. The default (2 MB) is too small for the number
/// blocks under case-insensitive Unicode matching: the cache is cleared again and again and
/// the search falls back to a slower engine. The cache grows only as needed.
pub(crate) const LAZY_DFA_CACHE: usize = 32 * (1 << 20);

/// Where a claim was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The claim file.
    pub path: PathBuf,
    /// 1-based line of the claim's item.
    pub line: usize,
    /// 1-based column of the claim's first key.
    pub column: usize,
}

impl Origin {
    /// The same file at another line and column.
    pub(crate) fn moved(&self, (line, column): (usize, usize)) -> Origin {
        Origin {
            path: self.path.clone(),
            line,
            column,
        }
    }
}

/// One compiled pattern. Its regex is built once when the claim file is compiled, to find
/// every error there, and dropped; it is built again, and kept, the first time an article
/// needs it. A rule about another story, whose words no article holds, so never costs the
/// memory of its regex (~0.5 MB a pattern with a number block) or of its search caches.
#[derive(Clone, Debug)]
pub struct CompiledPattern {
    /// The pattern as written.
    pub source: String,
    /// Where it is written in the claim file.
    pub origin: Origin,
    /// The regex source it expands to (blocks expanded).
    expanded: String,
    /// Whether it is matched case-sensitively.
    case_sensitive: bool,
    /// The regex, once built.
    regex: OnceLock<Regex>,
    /// The same regex with its flags inline (`(?i)...`), usable on its own: what
    /// `claimdiff rules --expanded` prints for ripgrep or a script.
    pub standalone: String,
    /// Whether the pattern uses `^` (or `\A`): it then means the start of the sentence, so
    /// the pattern is searched in the sentence alone.
    pub sentence_start: bool,
}

impl CompiledPattern {
    /// Checks that `expanded` builds (the error says why not), without keeping the regex.
    fn new(
        source: &str,
        origin: Origin,
        expanded: &str,
        case_sensitive: bool,
    ) -> Result<Self, PatternError> {
        build_regex(expanded, case_sensitive)?;
        Ok(CompiledPattern {
            source: source.to_string(),
            origin,
            expanded: expanded.to_string(),
            case_sensitive,
            regex: OnceLock::new(),
            standalone: if case_sensitive {
                expanded.to_string()
            } else {
                format!("(?i){expanded}")
            },
            sentence_start: starts_anchored(expanded),
        })
    }

    /// The regex source (blocks expanded, flags not inline).
    pub fn as_str(&self) -> &str {
        &self.expanded
    }

    /// The regex, built on first use. The same source and settings built without error when
    /// the claim file was compiled, so building again cannot fail; if it ever did, the
    /// pattern would match nothing rather than stop the scan.
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            build_regex(&self.expanded, self.case_sensitive).unwrap_or_else(|_| never_matches())
        })
    }
}

/// Whether a regex source uses `^` or `\A` outside a character class: a plain scan (the
/// source was already parsed when it was checked, and a second parse of a pattern with number
/// blocks costs as much as the first).
fn starts_anchored(source: &str) -> bool {
    let mut chars = source.chars();
    let mut class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.next() == Some('A') && class == 0 => return true,
            '[' => class += 1,
            ']' if class > 0 => class -= 1,
            '^' if class == 0 => return true,
            _ => {}
        }
    }
    false
}

/// A curated true value.
#[derive(Clone, Debug)]
pub struct Reference {
    /// The value as written in the claim file.
    pub text: String,
    /// What it normalises to.
    pub value: value::Value,
    /// Who says so.
    pub source: String,
    /// Where to read it.
    pub url: Option<String>,
}

/// A compiled claim rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Stable identifier.
    pub id: String,
    /// What the fact is.
    pub label: String,
    /// The kind of value.
    pub kind: Kind,
    /// What is counted or measured.
    pub unit: Option<String>,
    /// Patterns, each with one value capture.
    pub patterns: Vec<CompiledPattern>,
    /// Each must match the sentence of a match.
    pub context: Vec<Regex>,
    /// None may match the sentence of a match.
    pub exclude: Vec<Regex>,
    /// The context word groups as written, for messages.
    pub context_words: Vec<String>,
    /// The exclude word groups as written, for messages.
    pub exclude_words: Vec<String>,
    /// Where context and exclude words are looked for.
    pub scope: Scope,
    /// The `near` form, when the claim has one (its patterns are among `patterns`).
    pub near: Option<Near>,
    /// Whether comparisons and changes count as the claim's figure.
    pub differences: bool,
    /// Parties a value must be attributed to (empty: any, or none).
    pub attributed_to: Vec<Regex>,
    /// The `attributed_to` word groups as written, for messages.
    pub attributed_words: Vec<String>,
    /// How far figures may differ and still be the same.
    pub tolerance: Tolerance,
    /// The curated true value.
    pub reference: Option<Reference>,
    /// What normalisation needs from the claim (tense, canonical name).
    pub options: ValueOptions,
    /// `over_time: true`: the window (in seconds) within which two statements are of the
    /// same time; `None` for a claim judged without time.
    pub over_time: Option<i64>,
    /// Where the claim was written.
    pub origin: Origin,
    /// The claim's rule tests.
    pub examples: Vec<ExampleSpec>,
    /// The date of the claim file's event, if it is an ISO date: the default publication date
    /// of examples.
    pub event_date: Option<jiff::civil::Date>,
}

/// All rules, in the order they were written, and a one-pass prefilter over all patterns.
#[derive(Clone, Debug)]
pub struct RuleSet {
    /// The rules.
    pub rules: Vec<Rule>,
    /// The events named by the claim files, in file order.
    pub events: Vec<EventSpec>,
    prefilter: Option<Prefilter>,
}

impl RuleSet {
    /// A rule set holding only rule `index` (for rule tests).
    pub fn single(&self, index: usize) -> RuleSet {
        RuleSet {
            rules: self.rules.get(index).cloned().into_iter().collect(),
            events: Vec::new(),
            prefilter: None,
        }
    }

    /// The patterns that may match `text` and where their literals occur, found in one pass
    /// over it; in rule order, then pattern order.
    pub(crate) fn candidates(&self, text: &str) -> Vec<Candidate> {
        match &self.prefilter {
            Some(prefilter) => prefilter.candidates(text),
            None => everywhere(&self.pattern_keys()),
        }
    }

    /// Every pattern of rule `index`, to be searched everywhere.
    pub(crate) fn rule_patterns(&self, index: usize) -> Vec<Candidate> {
        let count = self.rules.get(index).map_or(0, |r| r.patterns.len());
        everywhere(&(0..count).map(|p| (index, p)).collect::<Vec<_>>())
    }

    fn pattern_keys(&self) -> Vec<(usize, usize)> {
        self.rules
            .iter()
            .enumerate()
            .flat_map(|(r, rule)| (0..rule.patterns.len()).map(move |p| (r, p)))
            .collect()
    }

    /// The literal prefilter, for inspection.
    pub fn prefilter(&self) -> Option<&Prefilter> {
        self.prefilter.as_ref()
    }

    /// Drops every pattern regex built so far, with its search caches (a pattern used again
    /// is built again): once the articles are scanned, judging needs the rules, not their
    /// regexes.
    pub(crate) fn release_regexes(&mut self) {
        for pattern in self.rules.iter_mut().flat_map(|r| r.patterns.iter_mut()) {
            pattern.regex = OnceLock::new();
        }
    }
}

/// Compiles loaded claim files; reports every problem at once.
pub fn compile(files: &[LoadedFile]) -> Result<RuleSet, Vec<Diagnostic>> {
    let mut rules = Vec::new();
    let mut problems = Vec::new();
    // Claims compile in parallel (a thousand claims take seconds); results are taken in the
    // order the claims were written, so rules and errors keep that order.
    let compiled: Vec<Result<Rule, Vec<Diagnostic>>> = unique_claims(files)
        .into_par_iter()
        .map(|claim| claim.and_then(|c| compile_claim(c.spec, c.origin, c.patterns, c.event_date)))
        .collect();
    for result in compiled {
        match result {
            Ok(rule) => rules.push(rule),
            Err(mut diags) => problems.append(&mut diags),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let events = files.iter().filter_map(|f| f.spec.event.clone()).collect();
    let prefilter = Prefilter::new(&rules);
    Ok(RuleSet {
        rules,
        events,
        prefilter,
    })
}

/// A claim to compile, with where it and its patterns are written.
struct Placed<'a> {
    spec: &'a ClaimSpec,
    origin: Origin,
    patterns: Vec<Origin>,
    event_date: Option<jiff::civil::Date>,
}

/// Every claim with its origin, in file order; a repeated id becomes an error in its place.
fn unique_claims(files: &[LoadedFile]) -> Vec<Result<Placed<'_>, Vec<Diagnostic>>> {
    let mut seen: HashMap<String, Origin> = HashMap::new();
    let mut out = Vec::new();
    for file in files {
        for (i, (claim, &(line, column))) in file
            .spec
            .claims
            .iter()
            .zip(&file.claim_positions)
            .enumerate()
        {
            let origin = Origin {
                path: file.path.clone(),
                line,
                column,
            };
            if let Some(first) = seen.get(&claim.id.0) {
                out.push(Err(vec![Diagnostic::error(
                    Code::DuplicateId,
                    &origin.path,
                    format!("duplicate claim id `{}`", claim.id.0),
                )
                .at(line, column)
                .with_help(format!(
                    "first defined at {}:{}:{}",
                    first.path.display(),
                    first.line,
                    first.column
                ))]));
                continue;
            }
            seen.insert(claim.id.0.clone(), origin.clone());
            let event_date = file
                .spec
                .event
                .as_ref()
                .and_then(|e| e.date.as_deref())
                .and_then(|d| d.parse().ok());
            let patterns = (0..claim.patterns.len())
                .map(|p| {
                    let at = file
                        .pattern_positions
                        .get(i)
                        .and_then(|ps| ps.get(p))
                        .copied()
                        .unwrap_or((line, column));
                    origin.moved(at)
                })
                .collect();
            out.push(Ok(Placed {
                spec: claim,
                origin,
                patterns,
                event_date,
            }));
        }
    }
    out
}

fn compile_claim(
    claim: &ClaimSpec,
    origin: Origin,
    pattern_origins: Vec<Origin>,
    event_date: Option<jiff::civil::Date>,
) -> Result<Rule, Vec<Diagnostic>> {
    let at = |msg: String| {
        Diagnostic::error(
            Code::InvalidClaim,
            &origin.path,
            format!("claim `{}`: {msg}", claim.id.0),
        )
        .at(origin.line, origin.column)
    };
    let mut problems: Vec<Diagnostic> = option_problems(claim).into_iter().map(at).collect();
    let options = value_options(claim);
    if claim.patterns.is_empty() && claim.near.is_none() {
        problems.push(at(
            "expected at least one pattern, or `near` words (`near: {words: [\"killed|died\"]}`)"
                .into(),
        ));
    }
    if claim.near.as_ref().is_some_and(|n| n.words.is_empty()) {
        problems.push(at("`near` needs at least one word group in `words`".into()));
    }
    let mut patterns = Vec::new();
    for (p, place) in claim.patterns.iter().zip(pattern_origins) {
        let here = |msg: String| {
            Diagnostic::error(
                Code::InvalidClaim,
                &place.path,
                format!("claim `{}`: {msg}", claim.id.0),
            )
            .at(place.line, place.column)
        };
        for block in &p.blocks {
            if block.kind != claim.kind {
                problems.push(here(format!(
                    "pattern `{}` uses `{{{}}}`, which captures a {}, but the claim's kind is `{}`",
                    crate::text::clip(&p.source, 120),
                    block.name,
                    block.kind,
                    claim.kind
                )));
            }
        }
        match CompiledPattern::new(&p.source, place.clone(), &p.expanded, claim.case_sensitive) {
            Ok(pattern) => patterns.push(pattern),
            Err(msg) => problems.push(here(format!(
                "pattern `{}`: {msg}",
                crate::text::clip(&p.source, 120)
            ))),
        }
    }
    let near = claim
        .near
        .as_ref()
        .filter(|n| !n.words.is_empty())
        .map(|spec| {
            let first_pattern = patterns.len();
            for (source, expanded) in near::patterns(claim.kind, spec) {
                match CompiledPattern::new(&source, origin.clone(), &expanded, claim.case_sensitive)
                {
                    Ok(pattern) => patterns.push(pattern),
                    Err(msg) => problems.push(at(format!("{source}: {msg}"))),
                }
            }
            Near {
                words: spec
                    .words
                    .iter()
                    .map(|w| w.alternatives.join("|"))
                    .collect(),
                within: usize::from(spec.within.0),
                groups: spec.words.iter().map(words_regex).collect(),
                first_pattern,
            }
        });
    let reference = match &claim.reference {
        Some(r) => match normalise_reference(claim.kind, r, &options) {
            Ok(reference) => Some(reference),
            Err(e) => {
                problems.push(at(e.to_string()));
                None
            }
        },
        None => None,
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Rule {
        id: claim.id.0.clone(),
        label: claim.label.clone(),
        kind: claim.kind,
        unit: claim.unit.clone(),
        patterns,
        context: claim.context.iter().map(words_regex).collect(),
        exclude: claim.exclude.iter().map(words_regex).collect(),
        context_words: claim
            .context
            .iter()
            .map(|w| w.alternatives.join("|"))
            .collect(),
        exclude_words: claim
            .exclude
            .iter()
            .map(|w| w.alternatives.join("|"))
            .collect(),
        scope: claim.scope,
        near,
        differences: claim.differences,
        attributed_to: claim.attributed_to.iter().map(words_regex).collect(),
        attributed_words: claim
            .attributed_to
            .iter()
            .map(|w| w.alternatives.join("|"))
            .collect(),
        tolerance: match claim.tolerance {
            None => Tolerance::default(),
            Some(ToleranceSpec::Absolute(a)) => Tolerance {
                absolute: a,
                relative: 0.0,
            },
            Some(ToleranceSpec::Relative(r)) => Tolerance {
                absolute: 0.0,
                relative: r,
            },
        },
        reference,
        options,
        over_time: claim
            .over_time
            .then(|| claim.window.as_deref().and_then(window_seconds))
            .map(|w| w.unwrap_or(DEFAULT_WINDOW)),
        origin,
        examples: claim.examples.clone(),
        event_date,
    })
}

/// Keys that only some kinds take: `tense` for dates; `canonical`, `aliases`, `threshold`
/// for names and places.
fn option_problems(claim: &ClaimSpec) -> Vec<String> {
    let mut problems = Vec::new();
    let kind = claim.kind;
    if claim.tense.is_some() && kind != Kind::Date {
        problems.push(format!(
            "`tense` applies to claims of kind `date`, but this claim's kind is `{kind}`"
        ));
    }
    let name_keys = [
        ("canonical", claim.canonical.is_some()),
        ("aliases", !claim.aliases.is_empty()),
        ("threshold", claim.threshold.is_some()),
    ];
    for (key, present) in name_keys {
        if present && !kind.is_name() {
            problems.push(format!(
                "`{key}` applies to claims of kind `name` or `place`, but this claim's kind is `{kind}`"
            ));
        }
    }
    if matches!(claim.tolerance, Some(ToleranceSpec::Relative(_))) && kind == Kind::Date {
        problems.push(
            "a date's `tolerance` is a number of days (`tolerance: 2`), not a percentage".into(),
        );
    }
    if claim.tolerance.is_some() && kind.is_name() {
        problems.push("names and places take a similarity `threshold`, not a `tolerance`".into());
    }
    if let Some(window) = &claim.window {
        if !claim.over_time {
            problems.push("`window` applies to claims with `over_time: true`".into());
        } else if window_seconds(window).is_none() {
            problems.push(format!(
                "invalid window `{window}`: expected a length of time such as `6h`, `90m`, `1d` or `12 hours`"
            ));
        }
    }
    if kind.is_name() && claim.canonical.is_none() && !claim.aliases.is_empty() {
        problems.push("`aliases` needs a `canonical` name".into());
    }
    problems
}

/// The window of an `over_time` claim when it sets none: six hours.
pub const DEFAULT_WINDOW: i64 = 6 * 3600;

/// A window as written ("6h", "90 minutes", "1d", "2 days"), in seconds.
pub(crate) fn window_seconds(text: &str) -> Option<i64> {
    let text = text.trim().to_lowercase();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let unit_seconds = match unit.trim() {
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
        "d" | "day" | "days" => 86_400.0,
        _ => return None,
    };
    let seconds = number * unit_seconds;
    (0.0..1e12)
        .contains(&seconds)
        .then_some(seconds.round() as i64)
}

fn value_options(claim: &ClaimSpec) -> ValueOptions {
    ValueOptions {
        tense: claim.tense.unwrap_or_default(),
        name: claim.canonical.as_ref().map(|canonical| NameSpec {
            canonical: canonical.clone(),
            aliases: claim.aliases.clone(),
            threshold: claim.threshold.map_or(DEFAULT_THRESHOLD, |t| t.0),
        }),
    }
}

/// Why a pattern's regex cannot be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    /// Larger than the size limit once compiled.
    #[error("the compiled pattern is larger than the limit of {0} bytes: split it into several patterns")]
    TooBig(usize),
    /// Not a valid regex: the regex library's explanation.
    #[error("{0}")]
    Invalid(String),
}

fn build_regex(expanded: &str, case_sensitive: bool) -> Result<Regex, PatternError> {
    RegexBuilder::new(expanded)
        .case_insensitive(!case_sensitive)
        .size_limit(PATTERN_SIZE_LIMIT)
        .dfa_size_limit(LAZY_DFA_CACHE)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => PatternError::TooBig(limit),
            other => PatternError::Invalid(other.to_string()),
        })
}

/// A reference value the claim's kind cannot read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("reference value `{text}` cannot be read as a {kind}: {why}")]
pub(crate) struct ReferenceError {
    /// The value as written.
    pub text: String,
    /// The claim's kind.
    pub kind: Kind,
    /// Why it cannot be read.
    pub why: String,
}

fn normalise_reference(
    kind: Kind,
    r: &ReferenceSpec,
    options: &ValueOptions,
) -> Result<Reference, ReferenceError> {
    let ctx = value::Context::default().with_options(options);
    let normalised = value::normalise(kind, &r.value, &ctx);
    let value = normalised.value.map_err(|why| ReferenceError {
        text: r.value.clone(),
        kind,
        why: why.to_string(),
    })?;
    Ok(Reference {
        text: r.value.clone(),
        value,
        source: r.source.clone(),
        url: r.url.clone(),
    })
}

/// `"killed|died|expel*"` → a case-insensitive whole-word regex.
pub(crate) fn words_regex(words: &WordsSpec) -> Regex {
    word_group_regex(&words.alternatives)
}

/// The regex of a word group given as its alternatives (`["killed", "died", "expel*"]`): what
/// `context` and `exclude` match with, for other word conditions to match the same way.
pub(crate) fn word_group_regex(alternatives: &[String]) -> Regex {
    let group = WordsSpec {
        alternatives: alternatives.to_vec(),
    };
    let pattern = format!(r"(?i)\b(?:{})\b", words_alternation(&group));
    // Word groups are validated when read (letters, digits, spaces, `-`, `'`, `.`), so the
    // escaped pattern always compiles; fall back to a never-matching regex to stay panic-free.
    Regex::new(&pattern).unwrap_or_else(|_| never_matches())
}

fn never_matches() -> Regex {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"[^\s\S]").unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load::parse_claim_file;
    use std::path::Path;

    fn compile_text(claims: &str) -> Result<RuleSet, Vec<Diagnostic>> {
        let text = format!("claims:\n{claims}");
        let file = parse_claim_file(Path::new("c.yaml"), &text).unwrap();
        compile(&[file])
    }

    #[test]
    fn a_caret_outside_a_class_anchors_the_pattern() {
        assert!(starts_anchored(r"^(?P<value>\d+) people"));
        assert!(starts_anchored(r"(?:^|, )(?P<value>\d+)"));
        assert!(starts_anchored(r"\A(?P<value>\d+)"));
        assert!(!starts_anchored(r"[^,]+ (?P<value>\d+)"));
        assert!(!starts_anchored(r"\^ (?P<value>\d+)"));
        assert!(!starts_anchored(r"[\]^] (?P<value>\d+)"));
    }

    #[test]
    fn a_pattern_is_built_only_when_first_needed() {
        let rules = compile_text(
            "  - id: toll\n    label: T\n    kind: count\n    patterns: ['{quantity} zorvanite deaths']\n",
        )
        .unwrap();
        let pattern = &rules.rules[0].patterns[0];
        assert!(pattern.regex.get().is_none(), "built at load");
        assert!(pattern.regex().is_match("more than 12 zorvanite deaths"));
        assert!(pattern.regex.get().is_some());
    }

    #[test]
    fn released_patterns_are_built_again_when_needed() {
        let mut rules = compile_text(
            "  - id: toll\n    label: T\n    kind: count\n    patterns: ['{quantity} zorvanite deaths']\n",
        )
        .unwrap();
        assert!(rules.rules[0].patterns[0]
            .regex()
            .is_match("12 zorvanite deaths"));
        rules.release_regexes();
        let pattern = &rules.rules[0].patterns[0];
        assert!(pattern.regex.get().is_none(), "released");
        assert!(pattern.regex().is_match("12 zorvanite deaths"));
        assert!(!pattern.regex().is_match("12 zorvanite births"));
    }

    #[test]
    fn name_claims_carry_their_canonical_name() {
        let rules = compile_text(
            "  - id: orlov\n    label: O\n    kind: name\n    canonical: Pavel Orlov\n    aliases: [Gen. Pavel Orlov]\n    patterns: ['Minister {name}']\n    reference: {value: Pavel Orlov, source: ministry}\n",
        )
        .unwrap();
        let rule = &rules.rules[0];
        let spec = rule.options.name.as_ref().unwrap();
        assert_eq!(spec.canonical, "Pavel Orlov");
        assert_eq!(spec.threshold, DEFAULT_THRESHOLD);
        assert!(rule.reference.is_some());
    }

    #[test]
    fn date_and_duration_claims_compile_with_their_blocks() {
        let rules = compile_text(
            "  - id: met\n    label: M\n    kind: date\n    tense: future\n    patterns: ['meet {date}']\n  - id: long\n    label: L\n    kind: duration\n    patterns: ['{duration} meeting']\n",
        )
        .unwrap();
        assert_eq!(rules.rules[0].options.tense, value::Tense::Future);
        assert_eq!(rules.rules.len(), 2);
    }

    #[test]
    fn keys_for_another_kind_are_errors() {
        let diags = compile_text(
            "  - id: a\n    label: A\n    kind: count\n    canonical: X\n    tense: past\n    patterns: ['{quantity} people']\n",
        )
        .unwrap_err();
        let text: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
        assert!(text
            .iter()
            .any(|m| m.contains("`canonical` applies to claims of kind `name`")));
        assert!(text
            .iter()
            .any(|m| m.contains("`tense` applies to claims of kind `date`")));
    }

    #[test]
    fn a_block_of_another_kind_is_an_error() {
        let diags = compile_text(
            "  - id: a\n    label: A\n    kind: date\n    patterns: ['{duration} ago']\n",
        )
        .unwrap_err();
        assert!(
            diags[0].message.contains("captures a duration"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn a_date_tolerance_is_in_days() {
        let diags = compile_text(
            "  - id: a\n    label: A\n    kind: date\n    tolerance: '5%'\n    patterns: ['on {date}']\n",
        )
        .unwrap_err();
        assert!(
            diags[0].message.contains("number of days"),
            "{}",
            diags[0].message
        );
    }
}
