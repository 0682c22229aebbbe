//! The only place the pipeline stages are wired together, one function per subcommand.

use std::io::{self, Write};
use std::path::PathBuf;
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
use crate::scan::{self, Scanned};

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
}

/// File extensions read when a folder of claim files is given.
pub const CLAIM_EXTENSIONS: &[&str] = &["yaml", "yml"];

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let stdout = io::stdout();
    let stderr = io::stderr();
    match cli.command {
        Command::Check(args) => check(&args.into_options(), &mut stdout.lock(), &mut stderr.lock()),
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
    let scanned = match scan_articles(&rules, &opts.articles) {
        Ok(scanned) => scanned,
        Err(diags) => return fail(err, &diags),
    };
    let report = report_of_scan(&rules, scanned);
    print_diagnostics(err, &report.diagnostics, opts.quiet)?;
    let rendered = match opts.format {
        Format::Table => report::table::render(&report),
        Format::Json => report::json::render(&report),
    };
    out.write_all(rendered.as_bytes())?;
    out.flush()?;
    let failing = report
        .worst_verdict()
        .is_some_and(|v| opts.fail_on.fails(v));
    Ok(if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
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

/// Lists the articles and scans them one file at a time, in parallel; a missing input or an
/// empty corpus stops the run.
pub fn scan_articles(rules: &RuleSet, inputs: &[PathBuf]) -> Result<Scanned, Vec<Diagnostic>> {
    let (files, problems) = corpus::article_files(inputs);
    if problems
        .iter()
        .any(|d| d.is_error() && d.message == "no such file or directory")
    {
        return Err(problems);
    }
    let mut scanned = scan::scan(rules, &files);
    let mut diagnostics = problems;
    diagnostics.append(&mut scanned.diagnostics);
    scanned.diagnostics = diagnostics;
    if scanned.sources.is_empty() {
        scanned.diagnostics.push(Diagnostic::error(
            inputs_label(inputs),
            "no articles to compare: expected .txt or .md files",
        ));
        return Err(scanned.diagnostics);
    }
    Ok(scanned)
}

/// Compares the observations of a scan and assembles the report.
pub fn report_of_scan(rules: &RuleSet, scanned: Scanned) -> Report {
    let Scanned {
        sources,
        observations,
        diagnostics,
    } = scanned;
    let findings = diff::diff(rules, observations, |i| sources[i].outlet.clone());
    Report::from_sources(rules, &sources, &findings, diagnostics)
}

/// Runs every rule over every article held in memory and compares the values.
pub fn build_report(rules: &RuleSet, articles: &[Article], diagnostics: Vec<Diagnostic>) -> Report {
    let observations = articles
        .iter()
        .enumerate()
        .flat_map(|(i, a)| observe(rules, a, i, extract(rules, a)))
        .collect();
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
