//! The command line (clap derive). The `///` comments are the help text. Arguments are turned
//! into plain option structs here; nothing below this module knows about clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::app::{CheckOptions, DiffOptions, ExtractOptions, FailOn, Format, RulesOptions};
use crate::workload::WorkloadOptions;

/// Checks whether news sources agree: matches curated claim rules against articles and
/// reports where their figures, dates and names differ.
#[derive(Debug, Parser)]
#[command(name = "claimdiff", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare what the articles state for every claim and report the discrepancies.
    Check(CheckArgs),
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

/// Arguments of `claimdiff rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Claim files or folders of them (repeatable). [default: claims/]
    #[arg(short = 'c', long = "claims", value_name = "PATH")]
    pub claims: Vec<PathBuf>,

    /// Print only `CLAIM_ID<TAB>REGEX`, one line per pattern, flags inline (for ripgrep or a
    /// script).
    #[arg(long)]
    pub expanded: bool,
}

/// Arguments of `claimdiff extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Articles: files, folders (read recursively), globs, or `-` for one article on stdin.
    #[arg(value_name = "ARTICLES")]
    pub articles: Vec<PathBuf>,

    /// Also read article paths, one a line, from this file (`-`: standard input), as
    /// Hadoop Streaming and Spark's `RDD.pipe` feed them.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    /// Claim files or folders of them (repeatable). [default: claims/]
    #[arg(short = 'c', long = "claims", value_name = "PATH")]
    pub claims: Vec<PathBuf>,

    /// Write the observations here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `claimdiff diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Observation files written by `claimdiff extract`, in the order of their articles.
    #[arg(value_name = "FILES", required = true)]
    pub files: Vec<PathBuf>,

    /// The claim files given to `extract` (repeatable). [default: claims/]
    #[arg(short = 'c', long = "claims", value_name = "PATH")]
    pub claims: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    /// Exit with 1 when a claim's verdict is at least this serious.
    #[arg(long, value_enum, default_value_t = FailOnArg::Differ)]
    pub fail_on: FailOnArg,

    /// Do not print warnings (errors are always printed).
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `claimdiff bench-corpus`.
#[derive(Debug, Args)]
pub struct BenchCorpusArgs {
    /// How many articles to write.
    #[arg(long, default_value_t = 1000)]
    pub articles: usize,

    /// How many claim rules to write.
    #[arg(long, default_value_t = 100)]
    pub rules: usize,

    /// The seed: the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    /// Sample articles to vary.
    #[arg(long, value_name = "PATH", default_value = "seeds")]
    pub templates: Vec<PathBuf>,

    /// Sample claim files to vary.
    #[arg(
        short = 'c',
        long = "claims",
        value_name = "PATH",
        default_value = "claims"
    )]
    pub claims: Vec<PathBuf>,

    /// The folder to write `articles/` and `claims.yaml` into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
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

    /// Do not print warnings (errors are always printed).
    #[arg(short, long)]
    pub quiet: bool,
}

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A table for the terminal.
    Table,
    /// The versioned JSON report.
    Json,
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

fn claims_or_default(claims: Vec<PathBuf>) -> Vec<PathBuf> {
    if claims.is_empty() {
        vec![PathBuf::from("claims")]
    } else {
        claims
    }
}

impl RulesArgs {
    /// The plain options for `rules`.
    pub fn into_options(self) -> RulesOptions {
        RulesOptions {
            claims: claims_or_default(self.claims),
            expanded: self.expanded,
        }
    }
}

impl ExtractArgs {
    /// The plain options for `extract`.
    pub fn into_options(self) -> ExtractOptions {
        ExtractOptions {
            articles: self.articles,
            files_from: self.files_from,
            claims: claims_or_default(self.claims),
            output: self.output,
        }
    }
}

impl DiffArgs {
    /// The plain options for `diff`.
    pub fn into_options(self) -> DiffOptions {
        let check = CheckArgs {
            articles: Vec::new(),
            claims: self.claims,
            format: self.format,
            fail_on: self.fail_on,
            quiet: self.quiet,
        }
        .into_options();
        DiffOptions {
            files: self.files,
            claims: check.claims,
            format: check.format,
            fail_on: check.fail_on,
            quiet: check.quiet,
        }
    }
}

impl BenchCorpusArgs {
    /// The plain options for `bench-corpus`.
    pub fn into_options(self) -> WorkloadOptions {
        WorkloadOptions {
            articles: self.articles,
            rules: self.rules,
            seed: self.seed,
            templates: self.templates,
            claims: self.claims,
            out: self.out,
        }
    }
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
            },
            fail_on: match self.fail_on {
                FailOnArg::Conflict => FailOn::Conflict,
                FailOnArg::Differ => FailOn::Differ,
                FailOnArg::Never => FailOn::Never,
            },
            quiet: self.quiet,
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
            panic!("expected check");
        };
        let opts = args.into_options();
        assert_eq!(opts.articles, vec![PathBuf::from("seeds")]);
        assert_eq!(opts.claims, vec![PathBuf::from("claims")]);
        assert_eq!(opts.fail_on, FailOn::Differ);
    }
}
