//! `check` and `explain`: the discrepancy report and the evidence for one claim.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;

use super::{
    emit, fail, inputs_label, load_corpus_dated, load_rules, print_diagnostics, report_of_articles,
    scan_articles, undated_time, Outcome, READ_BACK,
};
use crate::corpus::Article;
use crate::diagnostic::{Code, Diagnostic};
use crate::diff::Verdict;
use crate::report::{self, Accept, Claim, Report};
use crate::rules::{self, RuleSet};
use crate::ruletest::golden;
use crate::terminal::{printable_lines, ColorChoice, Progress};

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Terminal table.
    Table,
    /// Versioned JSON.
    Json,
    /// Markdown for a ticket.
    Markdown,
    /// A self-contained HTML page.
    Html,
}

/// The least serious verdict that makes `check` exit with 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// Only conflicts.
    Conflict,
    /// Differences and conflicts.
    Differ,
    /// Never.
    Never,
}

impl FailOn {
    fn fails(self, verdict: Verdict) -> bool {
        match self {
            FailOn::Conflict => verdict >= Verdict::Conflict,
            FailOn::Differ => verdict >= Verdict::Differ,
            FailOn::Never => false,
        }
    }
}

/// Options of `claimdiff check`.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// Article inputs.
    pub articles: Vec<PathBuf>,
    /// Claim file inputs.
    pub claims: Vec<PathBuf>,
    /// Output format.
    pub format: Format,
    /// Exit-code threshold.
    pub fail_on: FailOn,
    /// Golden reports with accepted discrepancies.
    pub baseline: Vec<PathBuf>,
    /// `--published`: the time of articles without one, as written.
    pub undated: Option<String>,
    /// Hide warnings.
    pub quiet: bool,
    /// Write the report to this file (atomically) instead of standard output.
    pub output: Option<PathBuf>,
    /// When to colour the table.
    pub color: ColorChoice,
}

/// Options of `claimdiff explain`.
#[derive(Clone, Debug)]
pub struct ExplainOptions {
    /// The claim to explain.
    pub claim: String,
    /// Article inputs.
    pub articles: Vec<PathBuf>,
    /// Claim file inputs.
    pub claims: Vec<PathBuf>,
    /// `--published`: the time of articles without one, as written.
    pub undated: Option<String>,
    /// Write the evidence to this file (atomically) instead of standard output.
    pub output: Option<PathBuf>,
    /// Hide warnings.
    pub quiet: bool,
    /// When to colour the snippets.
    pub color: ColorChoice,
}

/// `claimdiff check`: claim files and articles in, discrepancy report out. Articles are
/// streamed (read, matched and dropped, in parallel; their observations spilled to a
/// temporary file) except for the HTML page, which shows their text and so holds them.
pub fn check(
    opts: &CheckOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let mut rules = or_fail!(err, load_rules(&opts.claims));
    let undated = or_fail!(err, undated_time(opts.undated.as_deref()));
    let baseline = match opts
        .baseline
        .iter()
        .map(|p| golden::read(p))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(b) => b,
        Err(d) => return fail(err, &[d]),
    };
    let view = ReportView {
        format: opts.format,
        color: opts.color,
        to_file: opts.output.is_some(),
    };
    let accept = |c: &Claim| golden::accepted(c, &baseline);
    let accept = (!baseline.is_empty()).then_some(&accept as &Accept<'_>);
    if opts.format == Format::Html || opts.articles.iter().any(|a| a.as_os_str() == "-") {
        let (articles, diagnostics) = or_fail!(err, load_corpus_dated(&opts.articles, undated));
        let progress = Progress::new(articles.len(), opts.quiet);
        let report = report_of_articles(&rules, &articles, diagnostics, &progress, accept)?;
        print_diagnostics(err, &report.diagnostics, opts.quiet)?;
        emit(
            opts.output.as_deref(),
            &render_report(&report, &articles, view),
            out,
        )?;
        return Ok(outcome_of(&report, opts.fail_on));
    }
    let scanned = or_fail!(
        err,
        scan_articles(&rules, &opts.articles, opts.quiet, undated)
    );
    rules.release_regexes();
    // Judged in the thread pool: the memory the scan's regexes and caches freed stays with
    // the scanning threads (glibc keeps it in their arenas), where judging can reuse it.
    let built = rayon::scope(|_| report::build(&rules, scanned, accept)).context(READ_BACK)?;
    print_diagnostics(err, &built.report.diagnostics, opts.quiet)?;
    let outcome = outcome_of(&built.report, opts.fail_on);
    if opts.format == Format::Json {
        // Large reports are written claim by claim, never held whole.
        match opts.output.as_deref() {
            Some(path) => crate::output::write_atomic_with(path, |f| built.write_json(f))?,
            None => built.write_json(out)?,
        }
    } else {
        let report = built.into_report().context(READ_BACK)?;
        emit(
            opts.output.as_deref(),
            &render_report(&report, &[], view),
            out,
        )?;
    }
    Ok(outcome)
}

/// How a finished report is shown.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReportView {
    /// The format.
    pub format: Format,
    /// When to colour the table.
    pub color: ColorChoice,
    /// The output goes to a file (never coloured).
    pub to_file: bool,
}

/// Renders a finished report; `articles` (their text) are needed by the HTML page only.
pub(crate) fn render_report(report: &Report, articles: &[Article], view: ReportView) -> String {
    match view.format {
        Format::Table if !view.to_file && view.color.for_stdout() => {
            report::table::colorize(&report::table::render(report))
        }
        Format::Table => report::table::render(report),
        Format::Json => report::json::render(report),
        Format::Markdown => report::markdown::render(report),
        Format::Html => report::html::render(report, articles),
    }
}

/// Exit 1 when a claim's verdict (not accepted by a baseline) reaches `fail_on`.
pub(crate) fn outcome_of(report: &Report, fail_on: FailOn) -> Outcome {
    if report.worst_verdict().is_some_and(|v| fail_on.fails(v)) {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// `claimdiff explain`: the evidence for one claim, source by source. Exit 0, or 2 when the
/// claim id is unknown or the inputs are unusable.
pub fn explain(
    opts: &ExplainOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = or_fail!(err, load_rules(&opts.claims));
    if !rules.rules.iter().any(|r| r.id == opts.claim) {
        return fail(err, &[unknown_claim(&rules, &opts.claim, &opts.claims)]);
    }
    let undated = or_fail!(err, undated_time(opts.undated.as_deref()));
    let (articles, diagnostics) = or_fail!(err, load_corpus_dated(&opts.articles, undated));
    let progress = Progress::new(articles.len(), opts.quiet);
    let report = report_of_articles(&rules, &articles, diagnostics, &progress, None)?;
    print_diagnostics(err, &report.diagnostics, opts.quiet)?;
    let Some(claim) = report.claims.iter().find(|c| c.id == opts.claim) else {
        return fail(err, &[unknown_claim(&rules, &opts.claim, &opts.claims)]);
    };
    let styled = opts.output.is_none() && opts.color.for_stdout();
    let mut rendered = report::explain::render(&report, claim, &articles, styled);
    rendered.push_str(&printable_lines(&rejected_matches(
        &rules,
        &opts.claim,
        &articles,
    )));
    emit(opts.output.as_deref(), &rendered, out)?;
    Ok(Outcome::Clean)
}

/// The matches that the claim's context or exclude words turned away, source by source, so
/// "why does this source not count?" has an answer.
fn rejected_matches(rules: &RuleSet, claim: &str, articles: &[Article]) -> String {
    let Some(rule_idx) = rules.rules.iter().position(|r| r.id == claim) else {
        return String::new();
    };
    let mut lines = Vec::new();
    for a in articles {
        for r in crate::extract::rejections(rules, rule_idx, a) {
            let (line, column) = a.locate(r.value_span.start);
            let raw = a.text.get(r.value_span.clone()).unwrap_or_default();
            lines.push(format!(
                "  {} “{}” ({}:{line}:{column}): {}",
                a.outlet,
                raw,
                a.path.display(),
                r.reason
            ));
        }
    }
    if lines.is_empty() {
        return String::new();
    }
    format!("\nmatches that do not count:\n{}\n", lines.join("\n"))
}

fn unknown_claim(rules: &RuleSet, id: &str, inputs: &[PathBuf]) -> Diagnostic {
    let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
    let d = Diagnostic::error(
        Code::UnknownClaim,
        inputs_label(inputs),
        format!("unknown claim `{id}`"),
    );
    match rules::load::suggest(id, &ids) {
        Some(best) => d.with_help(format!("did you mean `{best}`?")),
        None => d.with_help(format!("known claims: {}", ids.join(", "))),
    }
}
