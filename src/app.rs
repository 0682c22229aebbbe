//! The only place the pipeline stages are wired together, one function per subcommand.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::corpus::{self, Article};
use crate::diagnostic::{Diagnostic, Severity};
use crate::diff::{self, Verdict};
use crate::extract::extract;
use crate::observation::observe;
use crate::paths;
use crate::report::{self, Report};
use crate::rules::{self, RuleSet};
use crate::terminal::{ColorChoice, Progress};

/// How a run ended; decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at or above the `--fail-on` level (exit 0).
    Clean,
    /// Discrepancies at or above the `--fail-on` level (exit 1).
    Findings,
    /// Usage, claim-file or input error (exit 2).
    Error,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::Error => 2,
        })
    }
}

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
    /// Hide warnings.
    pub quiet: bool,
    /// When to colour the snippets.
    pub color: ColorChoice,
}

/// File extensions read when a folder of claim files is given.
pub const CLAIM_EXTENSIONS: &[&str] = &["yaml", "yml"];

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let stdout = io::stdout();
    let stderr = io::stderr();
    match cli.command {
        Command::Check(args) => check(&args.into_options(), &mut stdout.lock(), &mut stderr.lock()),
        Command::Explain(args) => {
            explain(&args.into_options(), &mut stdout.lock(), &mut stderr.lock())
        }
    }
}

/// True when `err` comes from writing to a closed pipe (`claimdiff check | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// `claimdiff check`: claim files and articles in, discrepancy report out.
pub fn check(
    opts: &CheckOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = match load_rules(&opts.claims) {
        Ok(rules) => rules,
        Err(diags) => return fail(err, &diags),
    };
    let (articles, diagnostics) = match load_corpus(&opts.articles) {
        Ok(loaded) => loaded,
        Err(diags) => return fail(err, &diags),
    };
    let mut progress = Progress::new(articles.len(), opts.quiet);
    let report = build_report_with(&rules, &articles, diagnostics, &mut progress);
    print_diagnostics(err, &report.diagnostics, opts.quiet)?;
    let rendered = match opts.format {
        Format::Table if opts.output.is_none() && opts.color.for_stdout() => {
            report::table::colorize(&report::table::render(&report))
        }
        Format::Table => report::table::render(&report),
        Format::Json => report::json::render(&report),
        Format::Markdown => report::markdown::render(&report),
        Format::Html => report::html::render(&report, &articles),
    };
    emit(opts.output.as_deref(), &rendered, out)?;
    let failing = report
        .worst_verdict()
        .is_some_and(|v| opts.fail_on.fails(v));
    Ok(if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// `claimdiff explain`: the evidence for one claim, source by source. Exit 0, or 2 when the
/// claim id is unknown or the inputs are unusable.
pub fn explain(
    opts: &ExplainOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = match load_rules(&opts.claims) {
        Ok(rules) => rules,
        Err(diags) => return fail(err, &diags),
    };
    if !rules.rules.iter().any(|r| r.id == opts.claim) {
        return fail(err, &[unknown_claim(&rules, &opts.claim, &opts.claims)]);
    }
    let (articles, diagnostics) = match load_corpus(&opts.articles) {
        Ok(loaded) => loaded,
        Err(diags) => return fail(err, &diags),
    };
    let mut progress = Progress::new(articles.len(), opts.quiet);
    let report = build_report_with(&rules, &articles, diagnostics, &mut progress);
    print_diagnostics(err, &report.diagnostics, opts.quiet)?;
    let Some(claim) = report.claims.iter().find(|c| c.id == opts.claim) else {
        return fail(err, &[unknown_claim(&rules, &opts.claim, &opts.claims)]);
    };
    let styled = opts.color.for_stdout();
    let rendered = report::explain::render(&report, claim, &articles, styled);
    emit(None, &rendered, out)?;
    Ok(Outcome::Clean)
}

fn unknown_claim(rules: &RuleSet, id: &str, inputs: &[PathBuf]) -> Diagnostic {
    let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
    let d = Diagnostic::error(inputs_label(inputs), format!("unknown claim `{id}`"));
    match rules::load::suggest(id, &ids) {
        Some(best) => d.with_help(format!("did you mean `{best}`?")),
        None => d.with_help(format!("known claims: {}", ids.join(", "))),
    }
}

/// Reads the articles; an unusable corpus (missing input, nothing readable) is an error.
fn load_corpus(inputs: &[PathBuf]) -> Result<(Vec<Article>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (articles, mut diagnostics) = corpus::load_articles(inputs);
    if diagnostics
        .iter()
        .any(|d| d.is_error() && d.message == "no such file or directory")
    {
        return Err(diagnostics);
    }
    if articles.is_empty() {
        diagnostics.push(Diagnostic::error(
            inputs_label(inputs),
            "no articles to compare: expected .txt or .md files",
        ));
        return Err(diagnostics);
    }
    Ok((articles, diagnostics))
}

/// Writes a rendering to `path` atomically, or to `out`.
fn emit(path: Option<&Path>, rendered: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    match path {
        Some(path) => crate::output::write_atomic(path, rendered.as_bytes()),
        None => {
            out.write_all(rendered.as_bytes())?;
            out.flush()?;
            Ok(())
        }
    }
}

/// Finds, reads and compiles claim files; every problem comes back at once.
pub fn load_rules(inputs: &[PathBuf]) -> Result<RuleSet, Vec<Diagnostic>> {
    let (files, mut problems) = paths::expand(inputs, CLAIM_EXTENSIONS);
    if files.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::error(
            inputs_label(inputs),
            "no claim files found: expected .yaml or .yml files",
        ));
    }
    let (loaded, mut load_problems) = rules::load_claim_files(&files);
    problems.append(&mut load_problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    rules::compile(&loaded)
}

/// Runs every rule over every article and compares the values.
pub fn build_report(rules: &RuleSet, articles: &[Article], diagnostics: Vec<Diagnostic>) -> Report {
    build_report_with(rules, articles, diagnostics, &mut Progress::hidden())
}

/// [`build_report`], stepping `progress` once per article.
pub fn build_report_with(
    rules: &RuleSet,
    articles: &[Article],
    diagnostics: Vec<Diagnostic>,
    progress: &mut Progress,
) -> Report {
    let mut observations = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        observations.extend(observe(rules, a, i, extract(rules, a)));
        progress.step();
    }
    progress.finish();
    let findings = diff::diff(rules, observations, |i| articles[i].outlet.clone());
    Report::build(rules, articles, &findings, diagnostics)
}

fn inputs_label(inputs: &[PathBuf]) -> PathBuf {
    let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    PathBuf::from(names.join(", "))
}

fn fail(err: &mut dyn Write, diagnostics: &[Diagnostic]) -> anyhow::Result<Outcome> {
    print_diagnostics(err, diagnostics, false)?;
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    writeln!(
        err,
        "claimdiff: stopped after {errors} error{}",
        if errors == 1 { "" } else { "s" }
    )?;
    Ok(Outcome::Error)
}

fn print_diagnostics(
    err: &mut dyn Write,
    diagnostics: &[Diagnostic],
    quiet: bool,
) -> io::Result<()> {
    for d in diagnostics {
        if quiet && d.severity == Severity::Warning {
            continue;
        }
        writeln!(err, "{d}")?;
    }
    Ok(())
}
