//! Views of a [`TestRun`]: readable text for people, JUnit XML for CI systems.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::{GoldenStatus, TestRun};

/// Pass/fail per claim with expected vs actual values, then each golden report's changes.
pub fn text(run: &TestRun) -> String {
    let mut out = String::new();
    let mut last_file = None;
    for c in &run.claims {
        if last_file != Some(&c.path) {
            out.push_str(&format!("{}\n", c.path.display()));
            last_file = Some(&c.path);
        }
        let failed: Vec<_> = c.examples.iter().filter(|e| e.failure.is_some()).collect();
        let status = if failed.is_empty() { "ok  " } else { "FAIL" };
        let count = if c.examples.is_empty() {
            "no examples".to_string()
        } else {
            plural(c.examples.len(), "example")
        };
        out.push_str(&format!("  {status}  {} ({count})\n", c.id));
        for e in failed {
            out.push_str(&format!("          example {}: {:?}\n", e.number, e.text));
            out.push_str(&format!(
                "            {}\n",
                e.failure
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            ));
        }
    }
    for g in &run.goldens {
        let (word, lines): (&str, &[String]) = match &g.status {
            GoldenStatus::Same => ("ok  ", &[]),
            GoldenStatus::Changed(c) => ("FAIL", c),
            GoldenStatus::Missing => ("none", &[]),
            GoldenStatus::Blessed { changes, .. } => ("blessed", changes),
            GoldenStatus::Error(_) => ("FAIL", &[]),
        };
        out.push_str(&format!("golden {word}  {}", g.golden.display()));
        match &g.status {
            GoldenStatus::Changed(c) => out.push_str(&format!(
                " — {} (run with --bless to accept)\n",
                plural(c.len(), "change")
            )),
            GoldenStatus::Missing => {
                out.push_str(" — no golden report yet (create it with --bless)\n")
            }
            GoldenStatus::Blessed { created: true, .. } => out.push_str(" — created\n"),
            GoldenStatus::Error(why) => out.push_str(&format!(" — {why}\n")),
            _ => out.push('\n'),
        }
        for line in lines {
            out.push_str(&format!("          {line}\n"));
        }
    }
    out.push_str(&summary(run));
    out
}

fn summary(run: &TestRun) -> String {
    let examples: usize = run.claims.iter().map(|c| c.examples.len()).sum();
    let failed: usize = run
        .claims
        .iter()
        .map(|c| c.examples.iter().filter(|e| e.failure.is_some()).count())
        .sum();
    let golden_failed = run
        .goldens
        .iter()
        .filter(|g| matches!(g.status, GoldenStatus::Changed(_) | GoldenStatus::Error(_)))
        .count();
    let golden_checked = run
        .goldens
        .iter()
        .filter(|g| g.status != GoldenStatus::Missing)
        .count();
    format!(
        "{} passed, {} failed ({}, {}; {} checked)\n",
        examples - failed + golden_checked - golden_failed,
        failed + golden_failed,
        plural(run.claims.len(), "claim"),
        plural(examples, "example"),
        plural(golden_checked, "golden report"),
    )
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// JUnit XML: one test suite per claim file, one test case per example and per golden report.
pub(crate) fn junit(run: &TestRun) -> String {
    let mut report = Report::new("claimdiff");
    let mut files: Vec<&std::path::Path> = run.claims.iter().map(|c| c.path.as_path()).collect();
    files.dedup();
    for file in files {
        let mut suite = TestSuite::new(file.display().to_string());
        for c in run.claims.iter().filter(|c| c.path == file) {
            for e in &c.examples {
                let status = match &e.failure {
                    None => TestCaseStatus::success(),
                    Some(why) => {
                        let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                        s.set_message(why.to_string())
                            .set_description(e.text.as_str());
                        s
                    }
                };
                let mut case = TestCase::new(format!("example {}", e.number), status);
                case.set_classname(c.id.as_str());
                suite.add_test_case(case);
            }
        }
        for g in run
            .goldens
            .iter()
            .filter(|g| g.claim_file == file && g.status != GoldenStatus::Missing)
        {
            suite.add_test_case(golden_case(g));
        }
        report.add_test_suite(suite);
    }
    report
        .to_string()
        .unwrap_or_else(|e| format!("<!-- cannot write JUnit XML: {e} -->\n"))
}

fn golden_case(g: &super::GoldenOutcome) -> TestCase {
    let status = match &g.status {
        GoldenStatus::Changed(lines) => {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_message("the golden report changed")
                .set_description(lines.join("\n"));
            s
        }
        GoldenStatus::Error(why) => {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
            s.set_message(why.as_str());
            s
        }
        _ => TestCaseStatus::success(),
    };
    let mut case = TestCase::new(format!("golden {}", g.golden.display()), status);
    case.set_classname("golden");
    case
}
