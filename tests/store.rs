//! The one store, two backings: observations kept in a temporary file (scanned a few files at
//! a time) and observations kept in memory give the same report — same JSON bytes, streamed or
//! read back whole — and the store reads back what was written, in the finding's order.

use std::path::{Path, PathBuf};

use claimdiff::corpus::{self, Article};
use claimdiff::report::{self, json};
use claimdiff::rules::RuleSet;
use claimdiff::store::{self, Observed, StoreWriter};
use claimdiff::terminal::Progress;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rules() -> RuleSet {
    claimdiff::app::load_rules(&[root().join("claims")]).expect("the sample claims load")
}

/// The sample articles as files: more than a chunk, an unreadable one in the middle, and a
/// repeated one (whose id must be made unique).
fn files() -> Vec<PathBuf> {
    let (mut files, problems) = corpus::article_files(&[root().join("seeds")]);
    assert!(problems.is_empty());
    files.insert(2, root().join("seeds/no-such-article.txt"));
    files.push(files[0].clone());
    files
}

/// The same articles read into memory, ids made unique as a scan makes them, with the
/// unreadable one's diagnostic.
fn in_memory(rules: &RuleSet) -> Observed {
    let mut articles: Vec<Article> = Vec::new();
    let mut diagnostics = Vec::new();
    for f in files() {
        match corpus::read_article(&f) {
            Ok((a, mut d)) => {
                diagnostics.append(&mut d);
                articles.push(a);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let mut metas: Vec<_> = articles.iter().map(Article::meta).collect();
    corpus::unique_ids(&mut metas);
    for (a, m) in articles.iter_mut().zip(metas) {
        a.id = m.id;
    }
    store::observe_articles(rules, &articles, diagnostics, &Progress::hidden())
        .expect("the store in memory is written")
}

fn spilled(rules: &RuleSet, files: &[PathBuf], chunk: usize) -> Observed {
    store::scan_files(rules, files, &Progress::hidden(), chunk).expect("the store is written")
}

fn streamed(rules: &RuleSet, observed: Observed, accept: Option<&report::Accept>) -> String {
    let mut out = Vec::new();
    report::build(rules, observed, accept)
        .expect("the claims are judged")
        .write_json(&mut out)
        .expect("the report is written");
    String::from_utf8(out).expect("the report is UTF-8")
}

/// The whole report, every observation read back.
fn whole(rules: &RuleSet, observed: Observed) -> report::Report {
    report::build(rules, observed, None)
        .and_then(report::Built::into_report)
        .expect("the report is built and read back")
}

#[test]
fn a_store_in_a_file_scanned_in_small_chunks_gives_the_report_of_a_store_in_memory() {
    let rules = rules();
    let held = whole(&rules, in_memory(&rules));
    let expected = json::render(&held);
    assert!(held.claims.iter().any(|c| c.observations.len() > 1));
    assert_eq!(streamed(&rules, in_memory(&rules), None), expected);
    for chunk in [1, 2, 3, store::CHUNK] {
        let got = streamed(&rules, spilled(&rules, &files(), chunk), None);
        assert_eq!(got, expected, "chunk {chunk}");
        let read_back = whole(&rules, spilled(&rules, &files(), chunk));
        assert_eq!(
            json::render(&read_back),
            expected,
            "chunk {chunk}, read back"
        );
    }
}

#[test]
fn the_baseline_is_applied_alike_whatever_the_backing() {
    let rules = rules();
    let held = whole(&rules, in_memory(&rules));
    let mut baseline = claimdiff::ruletest::golden::from_report(&held, String::new(), None);
    for c in &mut baseline.claims {
        c.accepted = Some(format!("reviewed {}", c.id));
    }
    let baseline = [baseline];
    let accept = |c: &report::Claim| claimdiff::ruletest::golden::accepted(c, &baseline);
    let in_file = report::build(&rules, spilled(&rules, &files(), 2), Some(&accept)).unwrap();
    assert!(in_file.report.claims.iter().any(|c| c.accepted.is_some()));
    let expected = streamed(&rules, in_memory(&rules), Some(&accept));
    assert_eq!(
        streamed(&rules, spilled(&rules, &files(), 2), Some(&accept)),
        expected
    );
    assert_ne!(expected, json::render(&held), "the baseline accepts claims");
}

#[test]
fn judging_reads_back_what_each_observation_states() {
    let rules = rules();
    for observed in [spilled(&rules, &files(), 2), in_memory(&rules)] {
        let store = &observed.store;
        let mut seen = 0;
        for rule in 0..rules.rules.len() {
            let whole: Vec<_> = store.read(rule).map(Result::unwrap).collect();
            let stated: Vec<_> = store.read_stated(rule).map(Result::unwrap).collect();
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
        assert!(seen > 20, "the sample corpus has observations ({seen})");
    }
}

#[test]
fn observations_written_in_many_blocks_read_back_in_order() {
    // The sample articles 300 times over: a rule's records fill several of the store's
    // 32 KB blocks, interleaved with other rules' blocks, and are read back in several
    // batches of 1,024 (each decoded in parallel while the one before is written).
    let rules = rules();
    let files: Vec<PathBuf> = (0..300).flat_map(|_| files()).collect();
    let in_file = spilled(&rules, &files, store::CHUNK);
    let most = (0..rules.rules.len())
        .map(|r| in_file.store.count(r))
        .max()
        .unwrap();
    assert!(most > 2 * 1024, "{most} observations of one rule");
    let small = spilled(&rules, &files, 7);
    assert!(streamed(&rules, in_file, None) == streamed(&rules, small, None));
}

#[test]
fn observations_stored_out_of_order_are_reported_in_order() {
    let rules = rules();
    let expected = streamed(&rules, in_memory(&rules), None);
    let Observed {
        sources,
        store,
        diagnostics,
    } = in_memory(&rules);
    let mut all: Vec<_> = (0..rules.rules.len())
        .flat_map(|rule| store.read(rule).map(|r| r.unwrap().1).collect::<Vec<_>>())
        .collect();
    all.reverse();
    for mut writer in [
        StoreWriter::in_memory(&rules),
        StoreWriter::spilled(&rules).unwrap(),
    ] {
        for o in &all {
            writer.push(o).unwrap();
        }
        let reversed = Observed {
            sources: sources.clone(),
            store: writer.finish().unwrap(),
            diagnostics: diagnostics.clone(),
        };
        assert_eq!(streamed(&rules, reversed, None), expected);
    }
}
