//! CLI transcripts for `claimdiff lint` (`tests/cmd/lint/*.toml`) and the `schema` command.

use std::process::Command;

#[test]
fn lint_transcripts() {
    trycmd::TestCases::new().case("tests/cmd/lint/*.toml");
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let out = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .arg("schema")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let committed: serde_json::Value =
        serde_json::from_str(include_str!("../docs/claims.schema.json")).expect("valid JSON");
    assert_eq!(printed, committed);
    assert_eq!(printed["title"], "claimdiff claim file");
}
