//! `test`, `lint`, `value` and `coverage`: what claim-file maintainers and rule authors run.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{
    emit, load_claim_files, load_corpus, load_rules, print_diagnostics, report_of_articles, Outcome,
};
use crate::corpus;
use crate::coverage;
use crate::report;
use crate::rules::{self, LoadedFile};
use crate::ruletest::{self, golden, GoldenOutcome, GoldenStatus, TestRun};
use crate::terminal::{printable_lines, Progress};

/// Output formats of `test`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestFormat {
    /// Readable text.
    Text,
    /// JUnit XML.
    Junit,
}

/// Options of `claimdiff test`.
#[derive(Clone, Debug)]
pub struct TestOptions {
    /// Claim file inputs.
    pub paths: Vec<PathBuf>,
    /// Rewrite golden reports.
    pub bless: bool,
    /// Corpus for new golden reports.
    pub corpus: PathBuf,
    /// Output format.
    pub format: TestFormat,
}

/// `claimdiff test`: rule tests and golden reports.
pub fn test(
    opts: &TestOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let loaded = or_fail!(err, load_claim_files(&opts.paths));
    let rules = or_fail!(err, rules::compile(&loaded));
    let mut run = TestRun {
        claims: ruletest::run_examples(&rules),
        goldens: Vec::new(),
    };
    for file in &loaded {
        run.goldens.push(check_golden(file, opts)?);
    }
    let rendered = match opts.format {
        TestFormat::Text => printable_lines(&ruletest::render::text(&run)).into_owned(),
        TestFormat::Junit => ruletest::render::junit(&run),
    };
    out.write_all(rendered.as_bytes())?;
    out.flush()?;
    Ok(if run.passed() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// Compares (or with `--bless`, rewrites) the golden report of one claim file.
fn check_golden(file: &LoadedFile, opts: &TestOptions) -> anyhow::Result<GoldenOutcome> {
    let path = golden::golden_path(&file.path);
    let outcome = |status| GoldenOutcome {
        claim_file: file.path.clone(),
        golden: path.clone(),
        status,
    };
    let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let previous = if path.exists() {
        match golden::read(&path) {
            Ok(g) => Some(g),
            Err(d) => return Ok(outcome(GoldenStatus::Error(d.to_string()))),
        }
    } else if opts.bless {
        None
    } else {
        return Ok(outcome(GoldenStatus::Missing));
    };
    let corpus_text = match &previous {
        Some(g) => g.corpus.clone(),
        None => relative_to(&opts.corpus, &folder).display().to_string(),
    };
    let rules = match rules::compile(std::slice::from_ref(file)) {
        Ok(r) => r,
        Err(d) => {
            let why = d
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("; ");
            return Ok(outcome(GoldenStatus::Error(why)));
        }
    };
    let (articles, diags) = corpus::load_articles(&[folder.join(&corpus_text)]);
    if let Some(e) = diags.iter().find(|d| d.is_error()) {
        return Ok(outcome(GoldenStatus::Error(format!(
            "corpus `{corpus_text}`: {e}"
        ))));
    }
    let report = report_of_articles(&rules, &articles, Vec::new(), &Progress::hidden(), None)?;
    let current = golden::from_report(&report, corpus_text, previous.as_ref());
    let changes = previous
        .as_ref()
        .map(|p| golden::changes(p, &current))
        .unwrap_or_default();
    if opts.bless {
        if previous.as_ref() != Some(&current) {
            golden::write(&path, &current, &file.path)?;
        }
        return Ok(outcome(GoldenStatus::Blessed {
            created: previous.is_none(),
            changes,
        }));
    }
    Ok(outcome(if changes.is_empty() {
        GoldenStatus::Same
    } else {
        GoldenStatus::Changed(changes)
    }))
}

/// `target` expressed relative to `base` (both taken from the current folder when relative).
fn relative_to(target: &Path, base: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        }
    };
    let (target, base) = (absolute(target), absolute(base));
    let t: Vec<_> = target.components().collect();
    let b: Vec<_> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c);
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// `claimdiff lint`: located errors (exit 2), lint errors (exit 1), warnings (exit 0).
pub fn lint(
    paths: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = or_fail!(err, load_rules(paths));
    let problems = crate::lint::lint(&rules, &ruletest::run_examples(&rules));
    print_diagnostics(out, &problems, false)?;
    let errors = problems.iter().filter(|d| d.is_error()).count();
    let warnings = problems.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{} checked: {}, {}",
        plural(rules.rules.len(), "claim"),
        plural(errors, "error"),
        plural(warnings, "warning")
    )?;

    Ok(if errors > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Output formats of `value`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueFormat {
    /// Lines for a person.
    Text,
    /// JSON.
    Json,
}

/// Options of `claimdiff value`.
#[derive(Clone, Debug)]
pub struct ValueQuery {
    /// The phrase to normalise.
    pub phrase: String,
    /// The kind to read it as.
    pub kind: crate::value::Kind,
    /// The publication day relative dates resolve against.
    pub reference_day: Option<jiff::civil::Date>,
    /// Tense and canonical name, as a claim would give them.
    pub options: crate::value::ValueOptions,
    /// Output format.
    pub format: ValueFormat,
}

/// `claimdiff value`: one phrase in, its value and trace out. An unresolvable phrase is a
/// result, not an error (exit 0).
pub fn value(query: &ValueQuery, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let ctx = crate::value::Context::published(query.reference_day).with_options(&query.options);
    let normalised = crate::value::normalise(query.kind, &query.phrase, &ctx);
    let view = report::value::ValueReport {
        phrase: &query.phrase,
        kind: query.kind,
        reference_day: query.reference_day.map(|d| d.to_string()),
        normalised: &normalised,
    };
    let rendered = match query.format {
        ValueFormat::Text => report::value::render_text(&view),
        ValueFormat::Json => report::value::render_json(&view),
    };
    out.write_all(rendered.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Clean)
}

/// Options of `claimdiff suggest`.
#[derive(Clone, Debug)]
pub struct SuggestOptions {
    /// Article inputs.
    pub articles: Vec<PathBuf>,
    /// The groups as JSON instead of a draft claim file.
    pub json: bool,
    /// Only figures stated by at least this many sources.
    pub min_sources: usize,
    /// At most this many draft claims.
    pub max: usize,
    /// Write to this file (atomically) instead of standard output.
    pub output: Option<PathBuf>,
    /// Hide warnings.
    pub quiet: bool,
}

/// `claimdiff suggest`: a draft claim file (or its groups as JSON). Exit 0; 2 when the
/// articles are unusable.
pub fn suggest(
    opts: &SuggestOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let (articles, diagnostics) = or_fail!(err, load_corpus(&opts.articles));
    print_diagnostics(err, &diagnostics, opts.quiet)?;
    let groups = crate::suggest::groups(crate::suggest::statements(&articles), opts.min_sources);
    let drafts = crate::suggest::draft::drafts(&groups, opts.max);
    let rendered = if opts.json {
        crate::suggest::draft::json(&groups, &drafts, &articles)
    } else {
        crate::suggest::draft::yaml(&drafts, articles.len())
    };
    emit(opts.output.as_deref(), &rendered, out)?;
    Ok(Outcome::Clean)
}

/// Output formats of `coverage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoverageFormat {
    /// Claim by claim, for a rule author.
    Text,
    /// The versioned coverage JSON.
    Json,
}

/// Options of `claimdiff coverage`.
#[derive(Clone, Debug)]
pub struct CoverageOptions {
    /// Article inputs.
    pub articles: Vec<PathBuf>,
    /// Claim file inputs.
    pub claims: Vec<PathBuf>,
    /// Output format.
    pub format: CoverageFormat,
    /// Write the report to this file (atomically) instead of standard output.
    pub output: Option<PathBuf>,
    /// Hide warnings.
    pub quiet: bool,
}

/// `claimdiff coverage`: what the rules missed. A report, so exit 0; 2 when the claim files or
/// the articles are unusable.
pub fn coverage(
    opts: &CoverageOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = or_fail!(err, load_rules(&opts.claims));
    let (articles, diagnostics) = or_fail!(err, load_corpus(&opts.articles));
    print_diagnostics(err, &diagnostics, opts.quiet)?;
    let found = coverage::coverage(&rules, &articles);
    let rendered = match opts.format {
        CoverageFormat::Text => printable_lines(&coverage::render::text(&found)).into_owned(),
        CoverageFormat::Json => coverage::render::json(&found),
    };
    emit(opts.output.as_deref(), &rendered, out)?;
    Ok(Outcome::Clean)
}
