//! A scan that spills its observations to a temporary file, a few files at a time, gives the
//! report of a scan held in memory: same JSON bytes, streamed or read back whole.

use std::path::{Path, PathBuf};

use claimdiff::app;
use claimdiff::report::json;
use claimdiff::report::streamed::SpilledReport;
use claimdiff::scan;
use claimdiff::terminal::Progress;

fn inputs() -> (claimdiff::rules::RuleSet, Vec<PathBuf>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = app::load_rules(&[root.join("claims")]).expect("the sample claims load");
    let (mut files, problems) = claimdiff::corpus::article_files(&[root.join("seeds")]);
    assert!(problems.is_empty());
    // More files than a chunk, an unreadable one in the middle, and a repeated one (whose id
    // must be made unique).
    files.insert(2, root.join("seeds/no-such-article.txt"));
    files.push(files[0].clone());
    (rules, files)
}

#[test]
fn a_spilled_scan_in_small_chunks_gives_the_report_held_in_memory() {
    let (rules, files) = inputs();
    let held = app::report_of_scan(&rules, scan::scan(&rules, &files));
    let expected = json::render(&held);
    assert!(held.claims.iter().any(|c| c.observations.len() > 1));
    for chunk in [1, 2, 3, scan::CHUNK] {
        let spill = || {
            let scanned = scan::scan_spilled(&rules, &files, &Progress::hidden(), chunk).unwrap();
            SpilledReport::build(&rules, scanned, None).unwrap()
        };
        let mut streamed = Vec::new();
        spill().write_json(&mut streamed).unwrap();
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            expected,
            "chunk {chunk}"
        );
        let whole = spill().into_report().unwrap();
        assert_eq!(json::render(&whole), expected, "chunk {chunk}, read back");
    }
}

#[test]
fn a_spilled_report_applies_the_baseline_as_the_report_held_in_memory() {
    let (rules, files) = inputs();
    let mut held = app::report_of_scan(&rules, scan::scan(&rules, &files));
    let golden = claimdiff::ruletest::golden::from_report(&held, String::new(), None);
    let mut baseline = golden.clone();
    for c in &mut baseline.claims {
        c.accepted = Some(format!("reviewed {}", c.id));
    }
    let baseline = [baseline];
    claimdiff::ruletest::golden::apply_baseline(&mut held, &baseline);
    let scanned = scan::scan_spilled(&rules, &files, &Progress::hidden(), 2).unwrap();
    let accept = |c: &claimdiff::report::Claim| claimdiff::ruletest::golden::accepted(c, &baseline);
    let built = SpilledReport::build(&rules, scanned, Some(&accept)).unwrap();
    assert!(built.report.claims.iter().any(|c| c.accepted.is_some()));
    let mut streamed = Vec::new();
    built.write_json(&mut streamed).unwrap();
    assert_eq!(String::from_utf8(streamed).unwrap(), json::render(&held));
}

#[test]
fn judging_reads_back_what_each_observation_states() {
    let (rules, files) = inputs();
    let scanned = scan::scan_spilled(&rules, &files, &Progress::hidden(), 2).unwrap();
    let spill = &scanned.observations;
    let mut seen = 0;
    for rule in 0..rules.rules.len() {
        let whole: Vec<_> = spill.read(rule).map(Result::unwrap).collect();
        let stated: Vec<_> = spill.read_stated(rule).map(Result::unwrap).collect();
        assert_eq!(whole.len(), stated.len(), "rule {rule}");
        for ((at, o), (at2, s)) in whole.iter().zip(&stated) {
            assert_eq!(at, at2);
            assert_eq!(
                (s.source, s.start, &s.value),
                (o.source, o.span.start, &o.value)
            );
            seen += 1;
        }
    }
    assert!(
        seen > 20,
        "the sample corpus has observations to compare ({seen})"
    );
}

#[test]
fn observations_written_in_many_blocks_read_back_in_order() {
    // The sample articles 300 times over: a rule's records fill several of the spill's
    // 32 KB blocks, interleaved with other rules' blocks, and are read back in several
    // batches of 1,024 (each decoded in parallel while the one before is written).
    let (rules, files) = inputs();
    let files: Vec<PathBuf> = (0..300).flat_map(|_| files.iter().cloned()).collect();
    let held = app::report_of_scan(&rules, scan::scan(&rules, &files));
    let scanned = scan::scan_spilled(&rules, &files, &Progress::hidden(), scan::CHUNK).unwrap();
    let most = (0..rules.rules.len())
        .map(|r| scanned.observations.count(r))
        .max()
        .unwrap();
    assert!(
        most > 2 * 1024,
        "{most} observations of one rule: more than two batches' worth"
    );
    let mut streamed = Vec::new();
    SpilledReport::build(&rules, scanned, None)
        .unwrap()
        .write_json(&mut streamed)
        .unwrap();
    assert!(String::from_utf8(streamed).unwrap() == json::render(&held));
}

#[test]
fn observations_spilled_out_of_order_are_reported_in_order() {
    let (rules, files) = inputs();
    let scanned = scan::scan(&rules, &files);
    let expected = json::render(&app::report_of_scan(&rules, scanned.clone()));
    let mut spill = claimdiff::spill::SpillWriter::new(&rules).unwrap();
    let mut encoded = claimdiff::spill::Encoded::default();
    for o in scanned.observations.iter().rev() {
        encoded.add(&rules, o).unwrap();
    }
    spill.push_encoded(&encoded).unwrap();
    let spilled = scan::Spilled {
        sources: scanned.sources.into_iter().map(Into::into).collect(),
        observations: spill.finish().unwrap(),
        diagnostics: scanned.diagnostics,
    };
    let built = SpilledReport::build(&rules, spilled, None).unwrap();
    let mut streamed = Vec::new();
    built.write_json(&mut streamed).unwrap();
    assert_eq!(String::from_utf8(streamed).unwrap(), expected);
}
