//! The `claimdiff` binary: parses arguments, runs the command, maps the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = claimdiff::cli::Cli::parse();
    match claimdiff::app::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => {
            if claimdiff::app::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            claimdiff::app::Outcome::Error.exit_code()
        }
    }
}
