//! `review`: a draft checked against the sources and the curated references.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;

use super::{emit, load_corpus, load_rules, print_diagnostics, Outcome, READ_BACK};
use crate::corpus::{self, Article};
use crate::diagnostic::{Code, Diagnostic};
use crate::diff::{self, Finding};
use crate::extract::extract;
use crate::observation::observe;
use crate::rules::RuleSet;
use crate::store;
use crate::terminal::printable_lines;
use crate::terminal::Progress;

/// Output formats of `review`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewFormat {
    /// Diagnostics with snippets.
    Text,
    /// Versioned JSON.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub workflow annotations.
    Github,
}

/// Options of `claimdiff review`.
#[derive(Clone, Debug)]
pub struct ReviewOptions {
    /// The draft to review.
    pub draft: PathBuf,
    /// The source articles.
    pub sources: Vec<PathBuf>,
    /// Claim files.
    pub claims: Vec<PathBuf>,
    /// The draft's date, overriding its front matter.
    pub date: Option<String>,
    /// Output format.
    pub format: ReviewFormat,
    /// The least serious level that makes the exit code 1 (`None`: never).
    pub fail_on: Option<crate::review::Level>,
    /// Write the review to this file (atomically) instead of standard output.
    pub output: Option<PathBuf>,
    /// Hide warnings about inputs.
    pub quiet: bool,
}

/// `claimdiff review`: the draft's values against the sources' consensus and the references.
pub fn review(
    opts: &ReviewOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = or_fail!(err, load_rules(&opts.claims));
    let (draft, mut diagnostics) = or_fail!(err, load_draft(opts));
    let (sources, mut source_diags) = or_fail!(err, load_corpus(&opts.sources));
    diagnostics.append(&mut source_diags);
    print_diagnostics(err, &diagnostics, opts.quiet)?;
    let findings = findings_with_evidence(&rules, &sources).context(READ_BACK)?;
    let draft_obs = observe(&rules, &draft, 0, extract(&rules, &draft));
    let result = crate::review::review(&rules, &findings, &sources, &draft, &draft_obs);
    let rendered = match opts.format {
        ReviewFormat::Text => {
            printable_lines(&crate::review::render::text(&result, &draft.text)).into_owned()
        }
        ReviewFormat::Json => crate::review::render::json(&result),
        ReviewFormat::Sarif => crate::review::render::sarif(&result),
        ReviewFormat::Github => crate::review::render::github(&result),
    };
    emit(opts.output.as_deref(), &rendered, out)?;
    let failing = result
        .worst()
        .is_some_and(|level| opts.fail_on.is_some_and(|min| level >= min));
    Ok(if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The sources' findings, through the one store and judge, each with its observations (a
/// review quotes them).
fn findings_with_evidence(rules: &RuleSet, sources: &[Article]) -> std::io::Result<Vec<Finding>> {
    let progress = Progress::hidden();
    let mut observed = store::observe_articles(rules, sources, Vec::new(), &progress)?;
    let mut findings = diff::judge_all(rules, &mut observed.store)?;
    for f in &mut findings {
        f.observations = observed
            .store
            .read(f.rule)
            .map(|r| r.map(|(_, o)| o))
            .collect::<std::io::Result<_>>()?;
    }
    Ok(findings)
}

/// Reads the draft; `--date` sets (or replaces) its publication date.
fn load_draft(opts: &ReviewOptions) -> Result<(Article, Vec<Diagnostic>), Vec<Diagnostic>> {
    let bytes = std::fs::read(&opts.draft).map_err(|e| {
        vec![Diagnostic::error(
            Code::CannotRead,
            &opts.draft,
            format!("cannot read the draft: {e}"),
        )]
    })?;
    let (mut draft, mut warnings) =
        corpus::parse_article(&opts.draft, &bytes).map_err(|d| vec![d])?;
    // A draft is not a source: its outlet does not matter, and a missing date is said below.
    warnings.retain(|w| !matches!(w.code, Code::NoFrontMatter | Code::NoOutlet));

    if let Some(date) = &opts.date {
        let parsed = corpus::parse_published(date).ok_or_else(|| {
            vec![Diagnostic::error(
                Code::InvalidDate,
                &opts.draft,
                format!("invalid --date `{date}`: expected a date such as 2022-01-12"),
            )]
        })?;
        draft.published = Some(parsed);
        // The draft's time (what an over_time claim's latest figure is taken as of) follows.
        draft.time = corpus::When::parse(date);
        draft.dated_by = Some(corpus::DatedBy::Flag);
    }
    if draft.published.is_none() {
        warnings.push(Diagnostic::warning(Code::UndatedDraft,
            &opts.draft,
            "the draft has no date (front matter `published` or --date): its relative dates stay unresolved",
        ));
    }
    Ok((draft, warnings))
}
