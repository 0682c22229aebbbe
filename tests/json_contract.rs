//! Locks the JSON report contract (schema_version 3): real `claimdiff check --format json`
//! output is parsed into mirror types that reject unknown fields, so any added, removed or
//! renamed field fails here first. Update `docs/report-json.md` with any change.

// Every field is declared so that `deny_unknown_fields` locks the contract; not all are read.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    schema_version: u32,
    tool: Tool,
    events: Vec<Event>,
    summary: Summary,
    sources: Vec<Source>,
    claims: Vec<Claim>,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tool {
    name: String,
    version: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Event {
    name: String,
    date: Option<String>,
    place: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    sources: usize,
    claims: usize,
    discrepancies: usize,
    conflict: usize,
    differ: usize,
    revised: usize,
    agree: usize,
    single_source: usize,
    unresolved: usize,
    not_found: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    id: String,
    outlet: String,
    published: Option<String>,
    time: Option<String>,
    dated_by: Option<String>,
    url: Option<String>,
    title: Option<String>,
    path: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Claim {
    id: String,
    label: String,
    kind: String,
    unit: Option<String>,
    verdict: String,
    consensus: Option<Consensus>,
    outliers: Vec<String>,
    internal_discrepancies: Vec<String>,
    reference: Option<Reference>,
    accepted: Option<String>,
    notes: Vec<String>,
    timeline: Vec<TimelineStep>,
    stale: Vec<StaleSource>,
    observations: Vec<Observation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineStep {
    figure: Value,
    first_stated: String,
    last_stated: String,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StaleSource {
    source: String,
    stated: Value,
    published: String,
    newer_figure: Value,
    newer_since: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Consensus {
    value: Value,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Reference {
    text: String,
    value: Value,
    source: String,
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Value {
    kind: String,
    display: String,
    stated: Vec<serde_json::Value>,
    qualifier: Option<String>,
    low: Option<serde_json::Value>,
    high: Option<serde_json::Value>,
    low_open: bool,
    high_open: bool,
    approx: bool,
    granularity: Option<String>,
    canonical: Option<String>,
    similarity: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Observation {
    source: String,
    raw: String,
    value: Option<Value>,
    unresolved: Option<String>,
    trace: Vec<String>,
    line: usize,
    column: usize,
    span: [usize; 2],
    sentence: String,
    /// Present only when `sentence` is an excerpt of a long sentence.
    #[serde(default)]
    sentence_span: Option<[usize; 2]>,
    pattern: String,
    attributed_to: Option<String>,
    published: Option<String>,
    superseded: bool,
    versus_reference: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Diagnostic {
    severity: String,
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    #[serde(default)]
    help: Option<String>,
}

fn run_json(dir: &Path, args: &[&str]) -> (Report, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .current_dir(dir)
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("the binary runs");
    let report: Report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "output is not a schema_version 3 report: {e}\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (report, out.status.code().expect("an exit code"))
}

fn storm() -> (Report, i32) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/storm");
    run_json(&dir, &["check", "articles", "--claims", "claims"])
}

fn claim<'a>(report: &'a Report, id: &str) -> &'a Claim {
    report
        .claims
        .iter()
        .find(|c| c.id == id)
        .expect("claim present")
}

#[test]
fn fixture_report_parses_with_every_field_known() {
    let (report, code) = storm();
    assert_eq!(code, 1);
    assert_eq!(report.schema_version, 3);
    assert_eq!(report.tool.name, "claimdiff");
    assert!(!report.tool.version.is_empty());
    assert_eq!(report.events[0].name, "Valley storm");
    assert_eq!(report.events[0].date.as_deref(), Some("2024-03-04"));
    assert!(report.events[0].place.is_none());
    assert_eq!((report.summary.sources, report.summary.claims), (3, 6));
    assert_eq!(
        report.summary.discrepancies,
        report.summary.conflict + report.summary.differ
    );
    let ids: Vec<&str> = report.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(report.sources[0].outlet, "Wire A");
    assert_eq!(
        report.sources[0].url.as_deref(),
        Some("https://example.org/a")
    );
    assert_eq!(
        report.sources[0].title.as_deref(),
        Some("Storm hits the valley")
    );
    assert_eq!(report.sources[1].published.as_deref(), Some("2024-03-05"));
    assert!(report.sources[2].path.ends_with("c.txt"));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

#[test]
fn verdicts_come_most_serious_first_with_consensus_and_outliers() {
    let (report, _) = storm();
    let verdicts: Vec<&str> = report.claims.iter().map(|c| c.verdict.as_str()).collect();
    assert_eq!(
        verdicts,
        [
            "conflict",
            "differ",
            "agree",
            "single-source",
            "unresolved",
            "not-found"
        ]
    );
    let homes = claim(&report, "homes_destroyed");
    let consensus = homes.consensus.as_ref().expect("a majority states 40");
    assert_eq!(consensus.sources, ["a", "c"]);
    assert_eq!(consensus.value.stated, [serde_json::json!(40)]);
    assert_eq!(homes.outliers, ["b", "c"]);
    assert_eq!(homes.internal_discrepancies, ["c"]);
    assert_eq!(homes.kind, "count");
    assert_eq!(homes.unit.as_deref(), Some("homes"));
    assert!(homes.reference.is_none());
    assert!(homes.accepted.is_none());
}

#[test]
fn observations_carry_value_and_evidence() {
    let (report, _) = storm();
    let injured = claim(&report, "people_injured");
    assert_eq!(injured.label, "People injured");
    let a = &injured.observations[0];
    assert_eq!((a.source.as_str(), a.raw.as_str()), ("a", "more than 30"));
    assert_eq!((a.line, a.column), (11, 35));
    assert!(
        a.sentence.starts_with("The storm destroyed 40 homes"),
        "{}",
        a.sentence
    );
    assert_eq!(a.pattern, "{quantity} people were injured");
    assert!(a.span[0] < a.span[1]);
    assert!(a.trace.iter().any(|t| t.contains("more than")));
    assert!(a.versus_reference.is_none());
    let v = a.value.as_ref().expect("resolved");
    assert_eq!(
        (v.kind.as_str(), v.display.as_str()),
        ("count", "more than 30")
    );
    assert_eq!(v.qualifier.as_deref(), Some("more_than"));
    assert_eq!(
        (v.low.clone(), v.high.clone()),
        (Some(serde_json::json!(30)), None)
    );
    assert!(v.low_open && !v.high_open && !v.approx);
    assert!(v.granularity.is_none() && v.canonical.is_none() && v.similarity.is_none());

    let evacuated = claim(&report, "people_evacuated");
    assert!(
        evacuated.notes[0].contains("different qualifiers"),
        "{:?}",
        evacuated.notes
    );
    let rescue = claim(&report, "rescue_teams");
    assert!(rescue.observations[0].value.is_none());
    assert!(rescue.observations[0]
        .unresolved
        .as_deref()
        .unwrap_or("")
        .contains("not a number"));
}

#[test]
fn diagnostics_are_part_of_the_report() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/storm");
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        tmp.path().join("plain.txt"),
        "About 10 people were evacuated.",
    )
    .expect("write");
    let claims = dir.join("claims");
    let (report, code) = run_json(
        tmp.path(),
        &[
            "check",
            "plain.txt",
            "--claims",
            claims.to_str().expect("utf-8 path"),
        ],
    );
    assert_eq!(code, 0);
    let d = &report.diagnostics[0];
    assert_eq!(
        (d.severity.as_str(), d.path.as_str()),
        ("warning", "plain.txt")
    );
    assert!(d.message.contains("no front matter"));
    assert!(d.line.is_none() && d.column.is_none() && d.help.is_none());
}

#[test]
fn bundled_event_reports_the_death_toll_discrepancy_first() {
    let (report, code) = run_json(Path::new(env!("CARGO_MANIFEST_DIR")), &["check"]);
    assert_eq!(code, 1);
    let first = &report.claims[0];
    assert_eq!(
        (first.id.as_str(), first.verdict.as_str()),
        ("donbas_death_toll", "differ")
    );
    let raw: Vec<&str> = first.observations.iter().map(|o| o.raw.as_str()).collect();
    assert!(
        raw.contains(&"more than 13,000") && raw.contains(&"more than 14,000"),
        "{raw:?}"
    );
    let reference = first.reference.as_ref().expect("curated reference");
    assert!(!reference.source.is_empty() && !reference.text.is_empty());
    assert!(reference.url.is_some());
    assert!(reference.value.low.is_some());
}

#[test]
fn figures_carry_their_party_and_parties_are_not_compared_as_one() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/paraphrase");
    let (report, _) = run_json(&dir, &["check", "articles", "--claims", "claims.yaml"]);
    let deaths = claim(&report, "ferry_deaths");
    // Island Wire gives the coast guard's 42 and the operator's 39 in one sentence: two
    // parties' figures, not a source contradicting itself.
    let parties: Vec<(&str, Option<&str>)> = deaths
        .observations
        .iter()
        .filter(|o| o.source == "b")
        .map(|o| (o.raw.as_str(), o.attributed_to.as_deref()))
        .collect();
    assert_eq!(
        parties,
        [("42", Some("coast guard")), ("39", Some("ferry operator"))]
    );
    assert!(deaths.internal_discrepancies.is_empty());
    // The operator's 39 against the coast guard's 42: shown, but each party did say its
    // figure, so the statements can all be true.
    assert_eq!(deaths.verdict, "differ");
    assert!(
        deaths.notes.iter().any(|n| n.contains("different parties")),
        "{:?}",
        deaths.notes
    );
    // "The toll is 12 more than in the last ferry disaster" is a comparison, not the toll.
    assert!(deaths.observations.iter().all(|o| o.raw != "12"));
    // The operator's claim takes the operator's figure only.
    let operator = claim(&report, "ferry_deaths_operator");
    let raws: Vec<&str> = operator
        .observations
        .iter()
        .map(|o| o.raw.as_str())
        .collect();
    assert_eq!(raws, ["39"]);
}

#[test]
fn names_and_places_keep_the_value_fields() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/names");
    let (report, code) = run_json(&dir, &["check", "articles", "--claims", "claims"]);
    assert_eq!(code, 1);
    let chief = claim(&report, "chief_name");
    assert_eq!(
        (chief.kind.as_str(), chief.verdict.as_str()),
        ("name", "agree")
    );
    assert!(chief.notes[0].starts_with("same name, written differently:"));
    let place = claim(&report, "fire_place");
    assert_eq!(
        (place.kind.as_str(), place.verdict.as_str()),
        ("place", "agree")
    );
    let v = place.observations[0].value.as_ref().expect("a place");
    assert_eq!(
        (v.kind.as_str(), v.display.as_str()),
        ("place", "Namdaemun (in Seoul)")
    );
    assert_eq!(v.stated, [serde_json::json!("Namdaemun")]);
    assert!(v.low.is_none() && v.qualifier.is_none());
    let owner = claim(&report, "owner_name");
    let fomenko = owner.observations[2].value.as_ref().expect("a name");
    assert_eq!(fomenko.canonical, None);
    let similarity = fomenko.similarity.expect("a similarity");
    assert!(similarity > 0.0 && similarity < 1.0, "{similarity}");
}

fn developing(corpus: &str) -> (Report, i32) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/developing");
    run_json(&dir, &["check", corpus, "--claims", "claims"])
}

#[test]
fn a_rising_toll_is_a_timeline_revised_to_its_latest_figure() {
    let (report, _) = developing("rising");
    assert_eq!(report.summary.revised, 1);
    let c = claim(&report, "crush_deaths");
    assert_eq!(c.verdict, "revised");
    let figures: Vec<&str> = c
        .timeline
        .iter()
        .map(|s| s.figure.display.as_str())
        .collect();
    assert_eq!(figures, ["149", "151", "156"]);
    assert_eq!(c.timeline[2].first_stated, "2031-05-12T18:00:00+02:00");
    assert_eq!(c.timeline[2].sources, ["day3-evening-post"]);
    assert!(c.stale.is_empty());
    assert!(c
        .observations
        .iter()
        .all(|o| o.published.is_some() && !o.superseded));
    assert_eq!(claim(&report, "crush_deaths_static").verdict, "conflict");
    assert!(claim(&report, "crush_deaths_static").timeline.is_empty());
}

#[test]
fn a_source_still_at_an_older_figure_is_stale_with_both_times() {
    let (report, _) = developing("stale");
    let c = claim(&report, "crush_deaths");
    assert_eq!(c.verdict, "conflict");
    assert_eq!(c.stale.len(), 1);
    let s = &c.stale[0];
    assert_eq!(s.source, "day3-late-gazette");
    assert_eq!(
        (s.stated.display.as_str(), s.newer_figure.display.as_str()),
        ("149", "151")
    );
    assert_eq!(s.published, "2031-05-12T07:00:00+02:00");
    assert_eq!(s.newer_since, "2031-05-11T09:30:00+02:00");
    assert_eq!(c.outliers, ["day3-late-gazette"]);
}

#[test]
fn earlier_figures_are_superseded_and_a_url_dates_an_article() {
    let (report, _) = developing("marked");
    let c = claim(&report, "crush_deaths");
    assert_eq!(c.verdict, "agree");
    assert!(c.internal_discrepancies.is_empty());
    let superseded: Vec<&str> = c
        .observations
        .iter()
        .filter(|o| o.superseded)
        .map(|o| o.raw.as_str())
        .collect();
    assert_eq!(superseded, ["two", "19", "12"]);
    let (report, _) = developing("url");
    let source = report
        .sources
        .iter()
        .find(|s| s.id == "harbour-wire")
        .unwrap();
    assert_eq!(source.dated_by.as_deref(), Some("url"));
    assert_eq!(source.time.as_deref(), Some("2031-05-12"));
    assert_eq!(source.published.as_deref(), Some("2031-05-12"));
    assert_eq!(claim(&report, "crush_deaths").verdict, "revised");
}

#[test]
fn the_html_page_draws_the_timeline_with_stale_marks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/developing");
    let out = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .current_dir(&dir)
        .args(["check", "stale", "--claims", "claims", "--format", "html"])
        .output()
        .expect("the binary runs");
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.contains(r#"<svg class="chart timeline""#),
        "no step chart"
    );
    assert_eq!(page.matches(r#"class="mark stale""#).count(), 1);
    assert!(page.contains("stated 2031-05-12T07:00:00+02:00"));
    assert!(page.contains("stale: Late Gazette stated 149"));
}
