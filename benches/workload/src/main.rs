//! `bench-corpus`: writes a benchmark workload (`benches/run.sh` calls it) — varied copies of
//! sample articles and of claim files. The flags are those of the former
//! `claimdiff bench-corpus`.

use std::path::PathBuf;
use std::process::ExitCode;

use claimdiff_bench::{generate, WorkloadOptions};
use clap::Parser;

/// Write a benchmark workload: varied copies of sample articles and of claim files.
#[derive(Debug, Parser)]
#[command(name = "bench-corpus", version, long_about = None)]
struct Args {
    /// How many articles to write.
    #[arg(long, default_value_t = 1000)]
    articles: usize,

    /// How many claim rules to write.
    #[arg(long, default_value_t = 100)]
    rules: usize,

    /// The seed: the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,

    /// The share of rule variants about the sample story, from 0 to 1; the others are about
    /// other stories, with invented words the prefilter skips. 1 makes every variant match
    /// almost every article (the worst case).
    #[arg(
        long,
        value_name = "SHARE",
        default_value_t = 0.1,
        value_parser = parse_share,
        allow_negative_numbers = true
    )]
    on_topic: f64,

    /// Sample articles to vary.
    #[arg(long, value_name = "PATH", default_value = "seeds")]
    templates: Vec<PathBuf>,

    /// Sample claim files to vary.
    #[arg(
        short = 'c',
        long = "claims",
        value_name = "PATH",
        default_value = "claims"
    )]
    claims: Vec<PathBuf>,

    /// The folder to write `articles/` and `claims.yaml` into.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

fn parse_share(text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|share| (0.0..=1.0).contains(share))
        .ok_or_else(|| format!("`{text}` is not a share: expected a number from 0 to 1"))
}

impl Args {
    fn into_options(self) -> WorkloadOptions {
        WorkloadOptions {
            articles: self.articles,
            rules: self.rules,
            seed: self.seed,
            on_topic: self.on_topic,
            templates: self.templates,
            claims: self.claims,
            out: self.out,
        }
    }
}

fn main() -> ExitCode {
    let opts = Args::parse().into_options();
    match generate(&opts) {
        Ok(written) => {
            println!(
                "wrote {} articles ({} bytes) to {} and {} rules to {}",
                opts.articles,
                written.bytes,
                written.articles.display(),
                opts.rules,
                written.claims.display()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let plural = if errors == 1 { "" } else { "s" };
            eprintln!("bench-corpus: stopped after {errors} error{plural}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn args_definition_is_valid() {
        Args::command().debug_assert();
    }

    #[test]
    fn takes_an_on_topic_share_from_0_to_1() {
        let share = |args: &[&str]| {
            let all = [&["bench-corpus", "--out", "d"], args].concat();
            Args::try_parse_from(all).map(|args| args.into_options().on_topic)
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
}
