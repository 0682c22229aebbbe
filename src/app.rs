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
use crate::rules::{self, LoadedFile, RuleSet};
use crate::ruletest::{self, golden, GoldenOutcome, GoldenStatus, TestRun};
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
    /// Golden reports with accepted discrepancies.
    pub baseline: Vec<PathBuf>,
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

/// Output formats of `test`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestFormat {
    /// Readable text.
    Text,
    /// JUnit XML.
    Junit,
}

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
    /// Hide warnings about inputs.
    pub quiet: bool,
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
        Command::Test(args) => test(&args.into_options(), &mut stdout.lock(), &mut stderr.lock()),
        Command::Review(args) => {
            review(&args.into_options(), &mut stdout.lock(), &mut stderr.lock())
        }

        Command::Lint(args) => lint(&args.into_paths(), &mut stdout.lock(), &mut stderr.lock()),
        Command::Schema => {
            stdout
                .lock()
                .write_all(rules::schema::claim_file_schema().as_bytes())?;
            Ok(Outcome::Clean)
        }
        Command::Value(args) => value(&args.into_query(), &mut stdout.lock()),
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
    let baseline = match opts
        .baseline
        .iter()
        .map(|p| golden::read(p))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(b) => b,
        Err(d) => return fail(err, &[d]),
    };
    let mut progress = Progress::new(articles.len(), opts.quiet);
    let mut report = build_report_with(&rules, &articles, diagnostics, &mut progress);
    golden::apply_baseline(&mut report, &baseline);
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
    let mut rendered = report::explain::render(&report, claim, &articles, styled);
    rendered.push_str(&rejected_matches(&rules, &opts.claim, &articles));
    emit(None, &rendered, out)?;
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

/// `claimdiff review`: the draft's values against the sources' consensus and the references.
pub fn review(
    opts: &ReviewOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = match load_rules(&opts.claims) {
        Ok(rules) => rules,
        Err(diags) => return fail(err, &diags),
    };
    let (draft, mut diagnostics) = match load_draft(opts) {
        Ok(loaded) => loaded,
        Err(diags) => return fail(err, &diags),
    };
    let (sources, mut source_diags) = match load_corpus(&opts.sources) {
        Ok(loaded) => loaded,
        Err(diags) => return fail(err, &diags),
    };
    diagnostics.append(&mut source_diags);
    print_diagnostics(err, &diagnostics, opts.quiet)?;
    let observations = sources
        .iter()
        .enumerate()
        .flat_map(|(i, a)| observe(&rules, a, i, extract(&rules, a)))
        .collect();
    let findings = diff::diff(&rules, observations, |i| sources[i].outlet.clone());
    let draft_obs = observe(&rules, &draft, 0, extract(&rules, &draft));
    let result = crate::review::review(&rules, &findings, &sources, &draft, &draft_obs);
    let rendered = match opts.format {
        ReviewFormat::Text => crate::review::render::text(&result, &draft.text),
        ReviewFormat::Json => crate::review::render::json(&result),
        ReviewFormat::Sarif => crate::review::render::sarif(&result),
        ReviewFormat::Github => crate::review::render::github(&result),
    };
    emit(None, &rendered, out)?;
    let failing = result
        .worst()
        .is_some_and(|level| opts.fail_on.is_some_and(|min| level >= min));
    Ok(if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Reads the draft; `--date` sets (or replaces) its publication date.
fn load_draft(opts: &ReviewOptions) -> Result<(Article, Vec<Diagnostic>), Vec<Diagnostic>> {
    let bytes = std::fs::read(&opts.draft).map_err(|e| {
        vec![Diagnostic::error(
            &opts.draft,
            format!("cannot read the draft: {e}"),
        )]
    })?;
    let (mut draft, mut warnings) =
        corpus::parse_article(&opts.draft, &bytes).map_err(|d| vec![d])?;
    // A draft is not a source: its outlet does not matter, and a missing date is said below.
    warnings
        .retain(|w| !w.message.starts_with("no front matter") && !w.message.contains("`outlet`"));

    if let Some(date) = &opts.date {
        let parsed = corpus::parse_published(date).ok_or_else(|| {
            vec![Diagnostic::error(
                &opts.draft,
                format!("invalid --date `{date}`: expected a date such as 2022-01-12"),
            )]
        })?;
        draft.published = Some(parsed);
    }
    if draft.published.is_none() {
        warnings.push(Diagnostic::warning(
            &opts.draft,
            "the draft has no date (front matter `published` or --date): its relative dates stay unresolved",
        ));
    }
    Ok((draft, warnings))
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

/// Finds, reads and compiles claim files; every problem comes back at once.
pub fn load_rules(inputs: &[PathBuf]) -> Result<RuleSet, Vec<Diagnostic>> {
    let loaded = load_claim_files(inputs)?;
    rules::compile(&loaded)
}

/// Finds and reads claim files (golden reports are skipped); every problem comes back at once.
pub fn load_claim_files(inputs: &[PathBuf]) -> Result<Vec<LoadedFile>, Vec<Diagnostic>> {
    let (mut files, mut problems) = paths::expand(inputs, CLAIM_EXTENSIONS);
    files.retain(|f| !golden::is_golden(f));
    if files.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::error(
            inputs_label(inputs),
            "no claim files found: expected .yaml or .yml files",
        ));
    }
    let (loaded, mut load_problems) = rules::load_claim_files(&files);
    problems.append(&mut load_problems);
    if problems.is_empty() {
        Ok(loaded)
    } else {
        Err(problems)
    }
}

/// `claimdiff lint`: located errors (exit 2), lint errors (exit 1), warnings (exit 0).
pub fn lint(
    paths: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = match load_rules(paths) {
        Ok(rules) => rules,
        Err(diags) => return fail(err, &diags),
    };
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

/// `claimdiff test`: rule tests and golden reports.
pub fn test(
    opts: &TestOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let loaded = match load_claim_files(&opts.paths) {
        Ok(loaded) => loaded,
        Err(diags) => return fail(err, &diags),
    };
    let rules = match rules::compile(&loaded) {
        Ok(rules) => rules,
        Err(diags) => return fail(err, &diags),
    };
    let mut run = TestRun {
        claims: ruletest::run_examples(&rules),
        goldens: Vec::new(),
    };
    for file in &loaded {
        run.goldens.push(check_golden(file, opts)?);
    }
    let rendered = match opts.format {
        TestFormat::Text => ruletest::render::text(&run),
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
    let report = build_report(&rules, &articles, Vec::new());
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
