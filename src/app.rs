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
use crate::shard;
use crate::workload::{self, WorkloadOptions};

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

/// Options of `claimdiff rules`.
#[derive(Clone, Debug)]
pub struct RulesOptions {
    /// Claim file inputs.
    pub claims: Vec<PathBuf>,
    /// Only the expanded regexes, one per line.
    pub expanded: bool,
}

/// Options of `claimdiff extract`.
#[derive(Clone, Debug)]
pub struct ExtractOptions {
    /// Article inputs.
    pub articles: Vec<PathBuf>,
    /// A file listing more article paths, one a line (`-`: standard input).
    pub files_from: Option<PathBuf>,
    /// Claim file inputs.
    pub claims: Vec<PathBuf>,
    /// Where to write the observations (standard output when `None`).
    pub output: Option<PathBuf>,
}

/// Options of `claimdiff diff`.
#[derive(Clone, Debug)]
pub struct DiffOptions {
    /// Observation files, in the order of their articles.
    pub files: Vec<PathBuf>,
    /// Claim file inputs (the ones given to `extract`).
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
        Command::Rules(args) => {
            show_rules(&args.into_options(), &mut stdout.lock(), &mut stderr.lock())
        }
        Command::Extract(args) => {
            extract_observations(&args.into_options(), &mut stdout.lock(), &mut stderr.lock())
        }
        Command::Diff(args) => {
            diff_observations(&args.into_options(), &mut stdout.lock(), &mut stderr.lock())
        }
        Command::BenchCorpus(args) => {
            bench_corpus(&args.into_options(), &mut stdout.lock(), &mut stderr.lock())
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
    let scanned = match scan_articles(&rules, &opts.articles) {
        Ok(scanned) => scanned,
        Err(diags) => return fail(err, &diags),
    };
    let report = report_of_scan(&rules, scanned);
    finish(&report, opts.format, opts.fail_on, opts.quiet, out, err)
}

/// `claimdiff rules`: the compiled rules, or only their expanded regexes.
pub fn show_rules(
    opts: &RulesOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = match load_rules(&opts.claims) {
        Ok(rules) => rules,
        Err(diags) => return fail(err, &diags),
    };
    let text = if opts.expanded {
        rules::show::expanded(&rules)
    } else {
        rules::show::listing(&rules)
    };
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Clean)
}

/// `claimdiff extract`: the map step. Scans articles and writes an observation file; the
/// articles' warnings travel in the file, for the report of the reduce step.
pub fn extract_observations(
    opts: &ExtractOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = match load_rules(&opts.claims) {
        Ok(rules) => rules,
        Err(diags) => return fail(err, &diags),
    };
    let files = match shard_files(opts) {
        Ok(files) => files,
        Err(diags) => return fail(err, &diags),
    };
    let scanned = scan::scan(&rules, &files);
    let mut writer: Box<dyn Write> = match &opts.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
        ),
        None => Box::new(out),
    };
    let mut buffered = io::BufWriter::new(&mut writer);
    shard::write(&rules, &scanned, &mut buffered)?;
    buffered.flush()?;
    Ok(Outcome::Clean)
}

/// `claimdiff diff`: the reduce step. Reads observation files and reports as `check` does.
pub fn diff_observations(
    opts: &DiffOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = match load_rules(&opts.claims) {
        Ok(rules) => rules,
        Err(diags) => return fail(err, &diags),
    };
    let mut scanned = Scanned::default();
    for path in &opts.files {
        let read = std::fs::File::open(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))
            .and_then(|f| {
                let name = path.display().to_string();
                shard::read(&rules, &name, io::BufReader::new(f))
            });
        match read {
            Ok(part) => scanned.extend(part),
            Err(msg) => return fail(err, &[Diagnostic::error(path, msg)]),
        }
    }
    if scanned.sources.is_empty() {
        let label = inputs_label(&opts.files);
        return fail(
            err,
            &[Diagnostic::error(
                label,
                "no articles to compare: the observation files list no source",
            )],
        );
    }
    let report = report_of_scan(&rules, scanned);
    finish(&report, opts.format, opts.fail_on, opts.quiet, out, err)
}

/// `claimdiff bench-corpus`: writes a benchmark workload.
pub fn bench_corpus(
    opts: &WorkloadOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    match workload::generate(opts) {
        Ok(written) => {
            writeln!(
                out,
                "wrote {} articles ({} bytes) to {} and {} rules to {}",
                opts.articles,
                written.bytes,
                written.articles.display(),
                opts.rules,
                written.claims.display()
            )?;
            Ok(Outcome::Clean)
        }
        Err(diags) => fail(err, &diags),
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

/// Prints the diagnostics, renders the report and decides the outcome.
fn finish(
    report: &Report,
    format: Format,
    fail_on: FailOn,
    quiet: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    print_diagnostics(err, &report.diagnostics, quiet)?;
    match format {
        Format::Table => out.write_all(report::table::render(report).as_bytes())?,
        Format::Json => report::json::write(report, out)?,
    }
    out.flush()?;
    let failing = report.worst_verdict().is_some_and(|v| fail_on.fails(v));
    Ok(if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The article files of one shard: the named inputs, then the `--files-from` list.
fn shard_files(opts: &ExtractOptions) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let (mut files, problems) = corpus::article_files(&opts.articles);
    if !problems.is_empty() {
        return Err(problems);
    }
    if let Some(list) = &opts.files_from {
        let text = if list.as_os_str() == "-" {
            io::read_to_string(io::stdin())
        } else {
            std::fs::read_to_string(list)
        }
        .map_err(|e| {
            vec![Diagnostic::error(
                list,
                format!("cannot read the file list: {e}"),
            )]
        })?;
        files.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(PathBuf::from),
        );
    } else if opts.articles.is_empty() {
        return Err(vec![Diagnostic::error(
            "-",
            "no articles: give ARTICLES or --files-from FILE",
        )]);
    }
    Ok(files)
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
