//! `claimdiff coverage`: CLI transcripts (`tests/cmd/coverage/*.toml`) on fixture articles and
//! claims written for them (`tests/fixtures/coverage/`), and the JSON read back as data.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

#[test]
fn coverage_transcripts() {
    trycmd::TestCases::new().case("tests/cmd/coverage/*.toml");
}

fn coverage_json(extra: &[&str]) -> (Value, std::process::Output) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coverage");
    let output = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args([
            "coverage",
            "articles",
            "--claims",
            "claims.yaml",
            "--format",
            "json",
        ])
        .args(extra)
        .current_dir(fixtures)
        .output()
        .expect("the claimdiff binary runs");
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (json, output)
}

fn claim<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["claims"]
        .as_array()
        .expect("a list of claims")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("claim {id} is listed"))
}

#[test]
fn the_json_lists_missed_sentences_and_excluded_matches_per_claim() {
    let (json, output) = coverage_json(&[]);
    assert_eq!(output.status.code(), Some(0), "a report, not a verdict");
    assert_eq!(json["coverage_version"], 1);
    let ids: Vec<&str> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "homes_destroyed",
            "people_injured",
            "storm_date",
            "rescue_teams"
        ],
        "every claim, in the order written"
    );

    let homes = claim(&json, "homes_destroyed");
    assert_eq!(homes["label"], "Homes destroyed by the storm");
    assert_eq!(homes["skipped"], Value::Null);
    let missed = homes["missed"].as_array().unwrap();
    assert_eq!(missed.len(), 1, "{missed:?}");
    assert_eq!(missed[0]["path"], "articles/a.txt");
    assert_eq!(
        (&missed[0]["line"], &missed[0]["column"]),
        (&7.into(), &32.into())
    );
    assert_eq!(missed[0]["value"], "75");
    let sentence = missed[0]["sentence"].as_str().unwrap();
    assert!(sentence.contains("the storm razed 75 homes"), "{sentence}");
    assert!(
        sentence.ends_with(" …"),
        "a long sentence is cut: {sentence}"
    );

    let excluded = homes["excluded"].as_array().unwrap();
    let why: Vec<(&str, &str)> = excluded
        .iter()
        .map(|x| (x["value"].as_str().unwrap(), x["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        why,
        [
            (
                "12",
                "its sentence has the excluded word “drill” (`drill*|exercise*`)"
            ),
            (
                "9",
                "no word of the context group `storm|flood*` in its sentence"
            )
        ]
    );
    assert_eq!(excluded[1]["path"], "articles/b.txt");

    let injured = claim(&json, "people_injured");
    assert_eq!(
        injured["missed"][0]["value"], "Some 35",
        "found by its unit, `people`"
    );
    let date = claim(&json, "storm_date");
    assert_eq!(date["missed"][0]["value"], "on Tuesday");
    let teams = claim(&json, "rescue_teams");
    assert!(
        teams["skipped"].is_string(),
        "no context and no unit: skipped, and said so"
    );
    assert_eq!(teams["missed"], Value::Array(Vec::new()));
}

#[test]
fn the_json_file_holds_what_standard_output_shows() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("coverage.json");
    let (to_stdout, _) = coverage_json(&[]);
    let (_, output) = coverage_json(&["-o", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let written: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(written, to_stdout);
}
