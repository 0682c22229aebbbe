//! The command line (clap derive). The `///` comments are the help text. Arguments are turned
//! into plain option structs here; nothing below this module knows about clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::app::{
    self, CheckOptions, ExplainOptions, FailOn, Format, ReviewFormat, ReviewOptions, TestFormat,
    TestOptions, ValueFormat, ValueQuery,
};
use crate::review::Level;
use crate::terminal::ColorChoice;
use crate::value::{Kind, NameSpec, Tense, ValueOptions};

mod scale;
pub use scale::{BenchCorpusArgs, DiffArgs, ExtractArgs, RulesArgs};

/// Checks whether news sources agree: matches curated claim rules against articles and
/// reports where their figures, dates and names differ.
#[derive(Debug, Parser)]
#[command(name = "claimdiff", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// What to run: the subcommand's plain options, with defaults filled in.
    pub fn into_command(self) -> app::Command {
        match self.command {
            Command::Check(args) => app::Command::Check(args.into_options()),
            Command::Explain(args) => app::Command::Explain(args.into_options()),
            Command::Test(args) => app::Command::Test(args.into_options()),
            Command::Lint(args) => app::Command::Lint(args.into_paths()),
            Command::Review(args) => app::Command::Review(args.into_options()),
            Command::Schema => app::Command::Schema,
            Command::Value(args) => app::Command::Value(args.into_query()),
            Command::Rules(args) => app::Command::Rules(args.into_options()),
            Command::Extract(args) => app::Command::Extract(args.into_options()),
            Command::Diff(args) => app::Command::Diff(args.into_options()),
            Command::BenchCorpus(args) => app::Command::BenchCorpus(args.into_options()),
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare what the articles state for every claim and report the discrepancies.
    Check(CheckArgs),
    /// Show the evidence for one claim: each source's sentence with the value underlined, the
    /// normalised value and how it was resolved.
    Explain(ExplainArgs),
    /// Run the claim files' rule tests (examples) and compare their golden reports.
    Test(TestArgs),
    /// Check claim files without a corpus: errors, failing examples, risky patterns.
    Lint(LintArgs),
    /// Review a draft before publication: where it departs from the sources and references.
    Review(ReviewArgs),

    /// Print the JSON Schema of claim files (for editors' YAML language servers).
    Schema,
    /// Show how a phrase normalises, with the trace of how it was read.
    Value(ValueArgs),
    /// Show the compiled rules: every pattern as the regex the matcher runs.
    Rules(RulesArgs),
    /// The map step: scan articles and write their observations as JSON Lines.
    Extract(ExtractArgs),
    /// The reduce step: read observation files from `extract` and report, as `check` does.
    Diff(DiffArgs),
    /// Write a benchmark workload: varied copies of sample articles and of claim files.
    #[command(name = "bench-corpus")]
    BenchCorpus(BenchCorpusArgs),
}

/// Arguments of `claimdiff review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The draft (plain text or Markdown, front matter optional).
    #[arg(value_name = "DRAFT")]
    pub draft: PathBuf,

    /// Source articles: files, folders or globs (repeatable). [default: seeds/]
    #[arg(short = 's', long = "sources", value_name = "PATH")]
    pub sources: Vec<PathBuf>,

    /// Claim files or folders of them (repeatable). [default: claims/]
    #[arg(short = 'c', long = "claims", value_name = "PATH")]
    pub claims: Vec<PathBuf>,

    /// The draft's date, which its relative dates ("on Tuesday") resolve against; overrides
    /// the draft's front matter.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ReviewFormatArg::Text)]
    pub format: ReviewFormatArg,

    /// Exit with 1 when a departure is at least this serious.
    #[arg(long, value_enum, default_value_t = ReviewFailOnArg::Error)]
    pub fail_on: ReviewFailOnArg,

    /// Do not print warnings about the inputs.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `claimdiff review --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormatArg {
    /// `DRAFT:line:col: severity: message` with a snippet and who says what.
    Text,
    /// The versioned review JSON.
    Json,
    /// SARIF 2.1.0, for code-review tools.
    Sarif,
    /// GitHub workflow annotations (`::error file=…`).
    Github,
}

/// `claimdiff review --fail-on` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReviewFailOnArg {
    /// Fail on errors (the draft contradicts the sources or a reference).
    Error,
    /// Fail on warnings too (the sources disagree and the draft should attribute).
    Warning,
    /// Fail on notes too (no source states the draft's fact).
    Note,
    /// Never fail because of departures.
    Never,
}

impl ReviewArgs {
    /// The plain options for the `review` command, with defaults filled in.
    pub fn into_options(self) -> ReviewOptions {
        let or = |v: Vec<PathBuf>, d: &str| {
            if v.is_empty() {
                vec![PathBuf::from(d)]
            } else {
                v
            }
        };
        ReviewOptions {
            draft: self.draft,
            sources: or(self.sources, "seeds"),
            claims: or(self.claims, "claims"),
            date: self.date,
            format: match self.format {
                ReviewFormatArg::Text => ReviewFormat::Text,
                ReviewFormatArg::Json => ReviewFormat::Json,
                ReviewFormatArg::Sarif => ReviewFormat::Sarif,
                ReviewFormatArg::Github => ReviewFormat::Github,
            },
            fail_on: match self.fail_on {
                ReviewFailOnArg::Error => Some(Level::Error),
                ReviewFailOnArg::Warning => Some(Level::Warning),
                ReviewFailOnArg::Note => Some(Level::Note),
                ReviewFailOnArg::Never => None,
            },
            quiet: self.quiet,
        }
    }
}

/// Arguments of `claimdiff lint`.

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Claim files or folders of them. [default: claims/]
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
}

impl LintArgs {
    /// The claim-file inputs, with the default filled in.
    pub fn into_paths(self) -> Vec<PathBuf> {
        if self.paths.is_empty() {
            vec![PathBuf::from("claims")]
        } else {
            self.paths
        }
    }
}

/// Arguments of `claimdiff test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Claim files or folders of them. [default: claims/]
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Rewrite each claim file's golden report (NAME.golden.yaml) from the current results.
    #[arg(long)]
    pub bless: bool,

    /// The corpus a new golden report is taken over (existing ones name their own).
    #[arg(long, value_name = "DIR", default_value = "seeds")]
    pub corpus: PathBuf,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = TestFormatArg::Text)]
    pub format: TestFormatArg,
}

/// `claimdiff test --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestFormatArg {
    /// Pass/fail per claim, for people.
    Text,
    /// JUnit XML, for CI systems.
    Junit,
}

impl TestArgs {
    /// The plain options for the `test` command.
    pub fn into_options(self) -> TestOptions {
        TestOptions {
            paths: if self.paths.is_empty() {
                vec![PathBuf::from("claims")]
            } else {
                self.paths
            },
            bless: self.bless,
            corpus: self.corpus,
            format: match self.format {
                TestFormatArg::Text => TestFormat::Text,
                TestFormatArg::Junit => TestFormat::Junit,
            },
        }
    }
}

/// Arguments of `claimdiff check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Articles: files, folders (read recursively), globs, or `-` for one article on stdin.
    /// [default: seeds/]
    #[arg(value_name = "ARTICLES")]
    pub articles: Vec<PathBuf>,

    /// Claim files or folders of them (repeatable). [default: claims/]
    #[arg(short = 'c', long = "claims", value_name = "PATH")]
    pub claims: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    /// Exit with 1 when a claim's verdict is at least this serious.
    #[arg(long, value_enum, default_value_t = FailOnArg::Differ)]
    pub fail_on: FailOnArg,

    /// Golden reports whose `accepted` discrepancies are already reviewed: an accepted claim
    /// whose outcome is unchanged does not count for `--fail-on` (repeatable).
    #[arg(long, value_name = "GOLDEN")]
    pub baseline: Vec<PathBuf>,

    /// Do not print warnings (errors are always printed) or the progress bar.
    #[arg(short, long)]
    pub quiet: bool,

    /// Write the report to FILE (replaced atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// When to colour the output; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

/// Arguments of `claimdiff explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The claim id, as in the claim file.
    #[arg(value_name = "CLAIM_ID")]
    pub claim: String,

    /// Articles: files, folders (read recursively), globs, or `-` for one article on stdin.
    /// [default: seeds/]
    #[arg(value_name = "ARTICLES")]
    pub articles: Vec<PathBuf>,

    /// Claim files or folders of them (repeatable). [default: claims/]
    #[arg(short = 'c', long = "claims", value_name = "PATH")]
    pub claims: Vec<PathBuf>,

    /// Do not print warnings (errors are always printed) or the progress bar.
    #[arg(short, long)]
    pub quiet: bool,

    /// When to colour the output; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

/// `--color` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl From<ColorArg> for ColorChoice {
    fn from(arg: ColorArg) -> Self {
        match arg {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        }
    }
}

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A table for the terminal.
    Table,
    /// The versioned JSON report.
    Json,
    /// Markdown to paste into a ticket: a summary, then a table per discrepancy.
    Markdown,
    /// One self-contained HTML page (use with `--output`).
    Html,
}

/// `--fail-on` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// Fail only when statements cannot all be true.
    Conflict,
    /// Fail when stated figures differ (or conflict).
    Differ,
    /// Never fail because of findings.
    Never,
}

impl CheckArgs {
    /// The plain options for the `check` command, with defaults filled in.
    pub fn into_options(self) -> CheckOptions {
        CheckOptions {
            articles: if self.articles.is_empty() {
                vec![PathBuf::from("seeds")]
            } else {
                self.articles
            },
            claims: if self.claims.is_empty() {
                vec![PathBuf::from("claims")]
            } else {
                self.claims
            },
            format: match self.format {
                FormatArg::Table => Format::Table,
                FormatArg::Json => Format::Json,
                FormatArg::Markdown => Format::Markdown,
                FormatArg::Html => Format::Html,
            },
            fail_on: match self.fail_on {
                FailOnArg::Conflict => FailOn::Conflict,
                FailOnArg::Differ => FailOn::Differ,
                FailOnArg::Never => FailOn::Never,
            },
            baseline: self.baseline,
            quiet: self.quiet,
            output: self.output,
            color: self.color.into(),
        }
    }
}

impl ExplainArgs {
    /// The plain options for the `explain` command, with the same defaults as `check`.
    pub fn into_options(self) -> ExplainOptions {
        ExplainOptions {
            claim: self.claim,
            articles: if self.articles.is_empty() {
                vec![PathBuf::from("seeds")]
            } else {
                self.articles
            },
            claims: if self.claims.is_empty() {
                vec![PathBuf::from("claims")]
            } else {
                self.claims
            },
            quiet: self.quiet,
            color: self.color.into(),
        }
    }
}

/// Arguments of `claimdiff value`.
#[derive(Debug, Args)]
pub struct ValueArgs {
    /// The phrase, as an article would write it ("nearly four hours").
    #[arg(value_name = "PHRASE", required = true, num_args = 1..)]
    pub phrase: Vec<String>,

    /// The kind of value to read it as.
    #[arg(short, long, value_enum, default_value_t = KindArg::Count)]
    pub kind: KindArg,

    /// The publication day that relative dates resolve against (YYYY-MM-DD).
    #[arg(long = "ref", value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub reference_day: Option<jiff::civil::Date>,

    /// Dates: resolve bare weekdays to the past (reported events) or the future.
    #[arg(long, value_enum, default_value_t = TenseArg::Past)]
    pub tense: TenseArg,

    /// Names: the right name to compare with.
    #[arg(long, value_name = "NAME")]
    pub canonical: Option<String>,

    /// Names: another correct form of the canonical name (repeatable).
    #[arg(long = "alias", value_name = "NAME")]
    pub aliases: Vec<String>,

    /// Names: similarity from which a name is a spelling variant (0–1).
    #[arg(long, default_value_t = crate::value::name::DEFAULT_THRESHOLD)]
    pub threshold: f64,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ValueFormatArg::Text)]
    pub format: ValueFormatArg,
}

/// `--kind` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// A count of things.
    Count,
    /// A date.
    Date,
    /// A length of time.
    Duration,
    /// A name or title.
    Name,
}

/// `--tense` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TenseArg {
    /// The most recent such day on or before the reference day.
    Past,
    /// The next such day on or after the reference day.
    Future,
}

/// `claimdiff value --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ValueFormatArg {
    /// Lines for a person.
    Text,
    /// JSON for value test suites.
    Json,
}

fn parse_day(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse::<jiff::civil::Date>()
        .map_err(|_| format!("`{text}` is not a day: expected YYYY-MM-DD"))
}

impl ValueArgs {
    /// The plain query for the `value` command.
    pub fn into_query(self) -> ValueQuery {
        ValueQuery {
            phrase: self.phrase.join(" "),
            kind: match self.kind {
                KindArg::Count => Kind::Count,
                KindArg::Date => Kind::Date,
                KindArg::Duration => Kind::Duration,
                KindArg::Name => Kind::Name,
            },
            reference_day: self.reference_day,
            options: ValueOptions {
                tense: match self.tense {
                    TenseArg::Past => Tense::Past,
                    TenseArg::Future => Tense::Future,
                },
                name: self.canonical.map(|canonical| NameSpec {
                    canonical,
                    aliases: self.aliases,
                    threshold: self.threshold,
                }),
            },
            format: match self.format {
                ValueFormatArg::Text => ValueFormat::Text,
                ValueFormatArg::Json => ValueFormat::Json,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn check_defaults_to_the_bundled_folders() {
        let cli = Cli::parse_from(["claimdiff", "check"]);
        let Command::Check(args) = cli.command else {
            panic!("parsed as check");
        };
        let opts = args.into_options();
        assert_eq!(opts.articles, vec![PathBuf::from("seeds")]);
        assert_eq!(opts.claims, vec![PathBuf::from("claims")]);
        assert_eq!(opts.fail_on, FailOn::Differ);
    }

    #[test]
    fn bench_corpus_takes_an_on_topic_share_from_0_to_1() {
        let share = |args: &[&str]| {
            let all = [&["claimdiff", "bench-corpus", "--out", "d"], args].concat();
            Cli::try_parse_from(all).map(|cli| match cli.command {
                Command::BenchCorpus(args) => args.into_options().on_topic,
                _ => panic!("parsed as bench-corpus"),
            })
        };
        assert_eq!(share(&[]).unwrap(), 0.1);
        assert_eq!(share(&["--on-topic", "0"]).unwrap(), 0.0);
        assert_eq!(share(&["--on-topic", "1"]).unwrap(), 1.0);
        for bad in ["1.5", "-0.1", "NaN", "half"] {
            let err = share(&["--on-topic", bad]).unwrap_err().to_string();
            assert!(
                err.contains("expected a number from 0 to 1"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn value_joins_the_phrase_and_reads_the_reference_day() {
        let cli = Cli::parse_from([
            "claimdiff",
            "value",
            "on",
            "Wednesday",
            "--kind",
            "date",
            "--ref",
            "2022-01-12",
        ]);
        let Command::Value(args) = cli.command else {
            panic!("expected the value command");
        };
        let q = args.into_query();
        assert_eq!(q.phrase, "on Wednesday");
        assert_eq!(q.kind, Kind::Date);
        assert_eq!(
            q.reference_day.map(|d| d.to_string()).as_deref(),
            Some("2022-01-12")
        );
    }
}
