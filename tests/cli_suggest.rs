//! `claimdiff suggest`: transcripts (`tests/cmd/suggest/*.toml`) on fixture articles, and the
//! draft it writes run through `lint`, `test` and `check` as a user would.

use std::path::Path;
use std::process::Command;

fn claimdiff(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn suggest_transcripts() {
    trycmd::TestCases::new().case("tests/cmd/suggest/*.toml");
}

#[test]
fn the_draft_passes_lint_and_test_and_check_reports_with_it() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/storm");
    let draft = std::env::temp_dir().join(format!("claimdiff-suggest-{}.yaml", std::process::id()));
    let draft_arg = draft.to_str().expect("a UTF-8 temp path");
    let (code, _) = claimdiff(&dir, &["suggest", "articles", "-o", draft_arg]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&draft).expect("the draft was written");
    assert!(text.starts_with("# DRAFT claims"), "{text}");
    let (lint, lint_out) = claimdiff(&dir, &["lint", draft_arg]);
    assert_eq!(lint, 0, "{lint_out}");
    let (test, test_out) = claimdiff(&dir, &["test", draft_arg]);
    assert_eq!(test, 0, "{test_out}");
    // The homes destroyed (40, 75, 45) differ: the first report already shows it.
    let (check, report) = claimdiff(
        &dir,
        &["check", "articles", "-c", draft_arg, "--format", "json"],
    );
    assert_eq!(check, 1, "{report}");
    let report: serde_json::Value = serde_json::from_str(&report).expect("a JSON report");
    let homes = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["id"] == "home_count")
        .expect("the homes claim");
    assert_eq!(homes["verdict"], "conflict");
    let _ = std::fs::remove_file(&draft);
}

#[test]
fn json_lists_the_groups_with_their_statements() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/storm");
    let (code, out) = claimdiff(&dir, &["suggest", "articles", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["suggest_version"], 1);
    let groups = json["groups"].as_array().expect("groups");
    let homes = groups
        .iter()
        .find(|g| g["key"] == "home")
        .expect("homes group");
    assert_eq!(homes["claim"], "home_count");
    assert_eq!(homes["differ"], true);
    let values: Vec<&str> = homes["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .map(|s| s["value"].as_str().expect("a value"))
        .collect();
    assert_eq!(values, ["40", "75", "40", "45"]);
    // --min-sources 3 keeps only what three sources state.
    let (_, out) = claimdiff(
        &dir,
        &[
            "suggest",
            "articles",
            "--format",
            "json",
            "--min-sources",
            "3",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert!(json["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .all(|g| g["sources"].as_u64() >= Some(3)));
}
