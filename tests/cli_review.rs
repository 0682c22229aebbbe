//! `claimdiff review`: CLI transcripts (`tests/cmd/review/*.toml`) on drafts written for the
//! tests, and the SARIF output checked against the structure of SARIF 2.1.0.

use std::path::Path;
use std::process::Command;

use serde::Deserialize;

#[test]
fn review_transcripts() {
    trycmd::TestCases::new().case("tests/cmd/review/*.toml");
}

// The parts of SARIF 2.1.0 we emit, with unknown fields rejected where the schema closes them.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Sarif {
    #[serde(rename = "$schema")]
    schema: String,
    version: String,
    runs: Vec<Run>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Run {
    tool: Tool,
    results: Vec<SarifResult>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Tool {
    driver: Driver,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Driver {
    name: String,
    version: String,
    rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Rule {
    id: String,
    short_description: Message,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Message {
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    level: String,
    message: Message,
    locations: Vec<Location>,
    related_locations: Vec<Location>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Location {
    #[serde(default)]
    id: Option<u64>,
    #[serde(default)]
    message: Option<Message>,
    physical_location: PhysicalLocation,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Region {
    start_line: u64,
    start_column: u64,
    #[serde(default)]
    snippet: Option<Message>,
}

#[test]
fn sarif_has_the_2_1_0_structure_with_related_source_locations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review");
    let out = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .current_dir(&dir)
        .args([
            "review",
            "drafts/departures.md",
            "--sources",
            "sources",
            "--claims",
            "claims",
        ])
        .args(["--date", "2022-01-13", "--format", "sarif", "--quiet"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let sarif: Sarif = serde_json::from_slice(&out.stdout).expect("SARIF 2.1.0 structure");
    assert_eq!(sarif.version, "2.1.0");
    assert!(sarif.schema.contains("sarif-2.1.0"));
    let run = &sarif.runs[0];
    assert_eq!(run.tool.driver.name, "claimdiff");
    assert!(!run.tool.driver.version.is_empty());
    let rule_ids: Vec<&str> = run
        .tool
        .driver
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(rule_ids, ["ceasefire_monitors", "observers_deployed"]);
    assert!(run
        .tool
        .driver
        .rules
        .iter()
        .all(|r| !r.short_description.text.is_empty()));
    assert_eq!(run.results.len(), 2);
    let error = &run.results[0];
    assert_eq!(
        (error.rule_id.as_str(), error.level.as_str()),
        ("observers_deployed", "error")
    );
    assert!(error.message.text.contains("about 3,000"));
    let at = &error.locations[0].physical_location;
    assert_eq!(at.artifact_location.uri, "drafts/departures.md");
    assert_eq!((at.region.start_line, at.region.start_column), (3, 1));
    assert_eq!(
        at.region.snippet.as_ref().map(|s| s.text.as_str()),
        Some("Some 3,000")
    );
    assert_eq!(error.related_locations.len(), 2);
    let related = &error.related_locations[0];
    assert!(related.id.is_some() && related.message.is_some());
    assert!(related
        .physical_location
        .artifact_location
        .uri
        .starts_with("sources/"));
    assert!(related.physical_location.region.start_line >= 1);
    let levels: Vec<&str> = run.results.iter().map(|r| r.level.as_str()).collect();
    assert!(levels
        .iter()
        .all(|l| ["error", "warning", "note"].contains(l)));
}
