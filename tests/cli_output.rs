//! Every command that writes a report takes `-o/--output FILE`, and the file holds what
//! standard output would have.

use std::path::Path;
use std::process::Command;

fn claimdiff(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .output()
        .expect("the claimdiff binary runs")
}

#[test]
fn output_files_hold_what_standard_output_shows() {
    let tmp = tempfile::tempdir().unwrap();
    let shard = tmp.path().join("all.jsonl");
    let shard = shard.to_str().unwrap();
    assert!(claimdiff(&["extract", "seeds", "-o", shard])
        .status
        .success());
    let review = [
        "review",
        "tests/fixtures/review/drafts/toll.md",
        "-s",
        "tests/fixtures/review/sources",
        "-c",
        "tests/fixtures/review/claims",
    ];
    let coverage = [
        "coverage",
        "tests/fixtures/coverage/articles",
        "-c",
        "tests/fixtures/coverage/claims.yaml",
    ];
    let commands: [&[&str]; 5] = [
        &["check", "--format", "markdown"],
        &coverage,
        &["explain", "donbas_death_toll", "--color", "never"],
        &review,
        &["diff", shard, "--format", "json"],
    ];
    for (i, args) in commands.iter().enumerate() {
        let to_stdout = claimdiff(args);
        let file = tmp.path().join(format!("{i}.out"));
        let mut with_file = args.to_vec();
        with_file.extend(["--output", file.to_str().unwrap()]);
        let to_file = claimdiff(&with_file);
        assert_eq!(to_file.status.code(), to_stdout.status.code(), "{args:?}");
        assert!(
            to_file.stdout.is_empty(),
            "{args:?} wrote to standard output"
        );
        assert!(!to_stdout.stdout.is_empty(), "{args:?}");
        assert!(
            std::fs::read(&file).unwrap() == to_stdout.stdout,
            "{args:?}: the file differs from standard output"
        );
    }
}
