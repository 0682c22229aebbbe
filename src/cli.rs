//! The command line (clap derive). The `///` comments are the help text. Arguments are turned
//! into a plain [`app::Command`] here; nothing below this module knows about clap. The flags
//! several subcommands share are declared once, in `groups`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::app::{
    self, CheckOptions, CoverageFormat, CoverageOptions, ExplainOptions, ReviewFormat,
    ReviewOptions, SuggestOptions, TestFormat, TestOptions,
};
use crate::review::Level;

mod groups;
mod scale;
mod value;
use groups::{
    ArticlesArgs, ClaimPathsArgs, ClaimsArgs, ColorArgs, OutputArgs, QuietArgs, ReportArgs,
    DEFAULT_ARTICLES,
};
use scale::{DiffArgs, ExtractArgs, RulesArgs};
use value::ValueArgs;

/// Checks whether news sources agree: matches curated claim rules against articles and
/// reports where their figures, dates and names differ.
#[derive(Debug, Parser)]
#[command(name = "claimdiff", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    command: Command,
}

impl Cli {
    /// What to run: the subcommand's plain options, with defaults filled in.
    pub fn into_command(self) -> app::Command {
        match self.command {
            Command::Check(args) => app::Command::Check(args.into_options()),
            Command::Explain(args) => app::Command::Explain(args.into_options()),
            Command::Test(args) => app::Command::Test(args.into_options()),
            Command::Lint(args) => app::Command::Lint(args.claims.paths),
            Command::Review(args) => app::Command::Review(args.into_options()),
            Command::Schema => app::Command::Schema,
            Command::Value(args) => app::Command::Value(args.into_query()),
            Command::Rules(args) => app::Command::Rules(args.into_options()),
            Command::Coverage(args) => app::Command::Coverage(args.into_options()),
            Command::Suggest(args) => app::Command::Suggest(args.into_options()),
            Command::Extract(args) => app::Command::Extract(args.into_options()),
            Command::Diff(args) => app::Command::Diff(args.into_options()),
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
    /// What the rules missed: per claim, sentences with a value of its kind among its words
    /// that no pattern matched, and the matches its words turned away.
    Coverage(CoverageArgs),
    /// Draft a claim file from the articles: figures that several sources state about the
    /// same thing, those that differ first.
    Suggest(SuggestArgs),
    /// The map step: scan articles and write their observations as JSON Lines.
    Extract(ExtractArgs),
    /// The reduce step: read observation files from `extract` and report, as `check` does.
    Diff(DiffArgs),
}

/// Arguments of `claimdiff review`.
#[derive(Debug, Args)]
pub(crate) struct ReviewArgs {
    /// The draft (plain text or Markdown, front matter optional).
    #[arg(value_name = "DRAFT")]
    pub draft: PathBuf,

    /// Source articles: files, folders or globs (repeatable).
    #[arg(
        short = 's',
        long = "sources",
        value_name = "PATH",
        default_value = DEFAULT_ARTICLES
    )]
    pub sources: Vec<PathBuf>,

    #[command(flatten)]
    pub claims: ClaimsArgs,

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

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub quiet: QuietArgs,
}

/// `claimdiff review --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReviewFormatArg {
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
pub(crate) enum ReviewFailOnArg {
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
    /// The plain options for the `review` command.
    pub fn into_options(self) -> ReviewOptions {
        ReviewOptions {
            draft: self.draft,
            sources: self.sources,
            claims: self.claims.claims,
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
            output: self.output.output,
            quiet: self.quiet.quiet,
        }
    }
}

/// Arguments of `claimdiff lint`.
#[derive(Debug, Args)]
pub(crate) struct LintArgs {
    #[command(flatten)]
    pub claims: ClaimPathsArgs,
}

/// Arguments of `claimdiff test`.
#[derive(Debug, Args)]
pub(crate) struct TestArgs {
    #[command(flatten)]
    pub claims: ClaimPathsArgs,

    /// Rewrite each claim file's golden report (NAME.golden.yaml) from the current results.
    #[arg(long)]
    pub bless: bool,

    /// The corpus a new golden report is taken over (existing ones name their own).
    #[arg(long, value_name = "DIR", default_value = DEFAULT_ARTICLES)]
    pub corpus: PathBuf,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = TestFormatArg::Text)]
    pub format: TestFormatArg,
}

/// `claimdiff test --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum TestFormatArg {
    /// Pass/fail per claim, for people.
    Text,
    /// JUnit XML, for CI systems.
    Junit,
}

impl TestArgs {
    /// The plain options for the `test` command.
    pub fn into_options(self) -> TestOptions {
        TestOptions {
            paths: self.claims.paths,
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
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub articles: ArticlesArgs,

    #[command(flatten)]
    pub claims: ClaimsArgs,

    #[command(flatten)]
    pub report: ReportArgs,

    /// Golden reports whose `accepted` discrepancies are already reviewed: an accepted claim
    /// whose outcome is unchanged does not count for `--fail-on` (repeatable).
    #[arg(long, value_name = "GOLDEN")]
    pub baseline: Vec<PathBuf>,

    /// The time of articles that have none of their own (no `published` or `updated` in front
    /// matter, no date in their URL) and of standard input: a date or an RFC 3339 date-time.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,

    #[command(flatten)]
    pub quiet: QuietArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub color: ColorArgs,
}

impl CheckArgs {
    /// The plain options for the `check` command.
    pub fn into_options(self) -> CheckOptions {
        CheckOptions {
            articles: self.articles.articles,
            claims: self.claims.claims,
            format: self.report.format.into(),
            fail_on: self.report.fail_on.into(),
            baseline: self.baseline,
            undated: self.published,
            quiet: self.quiet.quiet,
            output: self.output.output,
            color: self.color.color.into(),
        }
    }
}

/// Arguments of `claimdiff explain`.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The claim id, as in the claim file.
    #[arg(value_name = "CLAIM_ID")]
    pub claim: String,

    #[command(flatten)]
    pub articles: ArticlesArgs,

    #[command(flatten)]
    pub claims: ClaimsArgs,

    /// The time of articles that have none of their own and of standard input: a date or an
    /// RFC 3339 date-time.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub quiet: QuietArgs,

    #[command(flatten)]
    pub color: ColorArgs,
}

impl ExplainArgs {
    /// The plain options for the `explain` command.
    pub fn into_options(self) -> ExplainOptions {
        ExplainOptions {
            claim: self.claim,
            articles: self.articles.articles,
            claims: self.claims.claims,
            undated: self.published,
            output: self.output.output,
            quiet: self.quiet.quiet,
            color: self.color.color.into(),
        }
    }
}

/// Arguments of `claimdiff coverage`.
#[derive(Debug, Args)]
pub(crate) struct CoverageArgs {
    #[command(flatten)]
    pub articles: ArticlesArgs,

    #[command(flatten)]
    pub claims: ClaimsArgs,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = CoverageFormatArg::Text)]
    pub format: CoverageFormatArg,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub quiet: QuietArgs,
}

/// `claimdiff coverage --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum CoverageFormatArg {
    /// Claim by claim, for a rule author.
    Text,
    /// The versioned coverage JSON (`coverage_version`).
    Json,
}

/// Arguments of `claimdiff suggest`.
#[derive(Debug, Args)]
pub(crate) struct SuggestArgs {
    #[command(flatten)]
    pub articles: ArticlesArgs,

    /// Output format: a draft claim file, or the groups and their statements as JSON.
    #[arg(short, long, value_enum, default_value_t = SuggestFormatArg::Yaml)]
    pub format: SuggestFormatArg,

    /// Only figures stated by at least this many sources.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_sources: usize,

    /// At most this many draft claims.
    #[arg(long, default_value_t = 30, value_name = "N")]
    pub max: usize,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub quiet: QuietArgs,
}

/// `claimdiff suggest --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum SuggestFormatArg {
    /// A draft claim file to review.
    Yaml,
    /// The groups with their statements (`suggest_version`).
    Json,
}

impl SuggestArgs {
    /// The plain options for the `suggest` command.
    pub fn into_options(self) -> SuggestOptions {
        SuggestOptions {
            articles: self.articles.articles,
            json: self.format == SuggestFormatArg::Json,
            min_sources: self.min_sources,
            max: self.max,
            output: self.output.output,
            quiet: self.quiet.quiet,
        }
    }
}

impl CoverageArgs {
    /// The plain options for the `coverage` command.
    pub fn into_options(self) -> CoverageOptions {
        CoverageOptions {
            articles: self.articles.articles,
            claims: self.claims.claims,
            format: match self.format {
                CoverageFormatArg::Text => CoverageFormat::Text,
                CoverageFormatArg::Json => CoverageFormat::Json,
            },
            output: self.output.output,
            quiet: self.quiet.quiet,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::FailOn;
    use crate::value::Kind;
    use clap::CommandFactory;

    fn command(args: &[&str]) -> app::Command {
        Cli::parse_from([&["claimdiff"], args].concat()).into_command()
    }

    /// The claim inputs of the commands that take them by flag.
    fn claims_of(command: app::Command) -> Vec<PathBuf> {
        match command {
            app::Command::Check(o) => o.claims,
            app::Command::Explain(o) => o.claims,
            app::Command::Review(o) => o.claims,
            app::Command::Rules(o) => o.claims,
            app::Command::Extract(o) => o.claims,
            app::Command::Diff(o) => o.claims,
            app::Command::Coverage(o) => o.claims,
            other => panic!("no --claims: {other:?}"),
        }
    }

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
    fn every_claims_flag_has_the_same_default_and_replaces_it() {
        let commands: [&[&str]; 7] = [
            &["check"],
            &["coverage"],
            &["explain", "id"],
            &["review", "draft.md"],
            &["rules"],
            &["extract", "a.txt"],
            &["diff", "o.jsonl"],
        ];
        for args in commands {
            assert_eq!(
                claims_of(command(args)),
                [PathBuf::from("claims")],
                "{args:?}"
            );
            let given = [args, &["-c", "a.yaml", "--claims", "b"]].concat();
            let want = [PathBuf::from("a.yaml"), PathBuf::from("b")];
            assert_eq!(claims_of(command(&given)), want, "{args:?}");
        }
    }

    #[test]
    fn claim_paths_and_articles_default_to_the_bundled_folders() {
        let claims = vec![PathBuf::from("claims")];
        let seeds = vec![PathBuf::from("seeds")];
        let app::Command::Lint(paths) = command(&["lint"]) else {
            panic!("parsed as lint");
        };
        assert_eq!(paths, claims);
        let app::Command::Test(opts) = command(&["test"]) else {
            panic!("parsed as test");
        };
        assert_eq!((opts.paths, opts.corpus), (claims, PathBuf::from("seeds")));
        let app::Command::Review(opts) = command(&["review", "d.md"]) else {
            panic!("parsed as review");
        };
        assert_eq!(opts.sources, seeds);
        let app::Command::Review(opts) = command(&["review", "d.md", "-s", "x", "-q"]) else {
            panic!("parsed as review");
        };
        assert_eq!((opts.sources, opts.quiet), (vec![PathBuf::from("x")], true));
        let app::Command::Explain(opts) = command(&["explain", "id", "a", "b"]) else {
            panic!("parsed as explain");
        };
        assert_eq!(opts.articles, [PathBuf::from("a"), PathBuf::from("b")]);
        let app::Command::Extract(opts) = command(&["extract", "--files-from", "-"]) else {
            panic!("parsed as extract");
        };
        assert!(opts.articles.is_empty(), "extract has no default articles");
    }

    #[test]
    fn check_and_diff_share_the_report_flags() {
        let app::Command::Check(check) = command(&[
            "check",
            "-f",
            "json",
            "--fail-on",
            "never",
            "-q",
            "-o",
            "r.json",
        ]) else {
            panic!("parsed as check");
        };
        let app::Command::Diff(diff) =
            command(&["diff", "o.jsonl", "-f", "json", "--fail-on", "never", "-q"])
        else {
            panic!("parsed as diff");
        };
        assert_eq!((check.format, check.fail_on), (diff.format, diff.fail_on));
        assert_eq!(check.fail_on, FailOn::Never);
        assert!(check.quiet && diff.quiet);
        assert_eq!(check.output, Some(PathBuf::from("r.json")));
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
