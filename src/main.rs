//! The `claimdiff` binary: parses arguments, runs the command, maps the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match claimdiff::app::run(claimdiff::cli::Cli::parse().into_command()) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => {
            if claimdiff::app::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {}", claimdiff::app::error_message(&err));
            claimdiff::app::Outcome::Error.exit_code()
        }
    }
}
