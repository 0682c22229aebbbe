//! Bounded fuzzing of the claim-file loader, the compiler and the matcher with proptest (the
//! stable toolchain has no cargo-fuzz): arbitrary text and claim-like YAML never panic, and
//! every error they produce is located inside the file. `.ci/run` runs these with more cases
//! (`PROPTEST_CASES`).

use std::path::Path;

use claimdiff::corpus::parse_article;
use claimdiff::extract::extract;
use claimdiff::observation::observe;
use claimdiff::rules::compile;
use claimdiff::rules::load::{parse_claim_file, CLAIM_KEYS};
use proptest::prelude::*;

/// Every key a claim may have, plus misspellings.
fn keys() -> Vec<&'static str> {
    let mut keys = CLAIM_KEYS.to_vec();
    keys.extend(["patern", "lable", "kinds"]);
    keys
}
const VALUES: &[&str] = &[
    "a",
    "b_2",
    "count",
    "date",
    "duration",
    "name",
    "tally",
    "'{quantity} people'",
    "['{quantity} people died']",
    "['{date} talks']",
    "['{name} said']",
    "['{duration} of talks']",
    "['(unclosed {quantity}']",
    "['{quantiy}']",
    "['no capture']",
    "[]",
    "'5%'",
    "-3",
    "0.9",
    "future",
    "paragraph",
    "{value: '14,000', source: s}",
    "[{match: '5 people died', value: '5'}]",
    "[{no_match: 'x'}]",
    "[killed|died]",
    "'[x'",
    "{",
    "}",
    "\"",
    "null",
    "~",
    "yes",
];

fn claim_yaml() -> impl Strategy<Value = String> {
    let entry = (prop::sample::select(keys()), prop::sample::select(VALUES));
    prop::collection::vec(prop::collection::vec(entry, 0..8), 0..4).prop_map(|claims| {
        let mut out = String::from("event:\n  name: E\n  date: 2022-01-12\nclaims:\n");
        for claim in claims {
            let mut first = true;
            for (k, v) in claim {
                out.push_str(if first { "  - " } else { "    " });
                out.push_str(&format!("{k}: {v}\n"));
                first = false;
            }
        }
        out
    })
}

fn located_inside(text: &str, line: Option<usize>) -> bool {
    line.is_none_or(|l| l >= 1 && l <= text.lines().count() + 1)
}

fn run_everything(yaml: &str, article: &str) {
    let Ok(file) = parse_claim_file(Path::new("f.yaml"), yaml).map_err(|diags| {
        for d in &diags {
            assert!(located_inside(yaml, d.line), "{d} outside the file");
        }
    }) else {
        return;
    };
    let Ok(rules) = compile(&[file]) else {
        return;
    };
    if let Ok((a, _)) = parse_article(Path::new("a.txt"), article.as_bytes()) {
        let obs = observe(&rules, &a, 0, extract(&rules, &a));
        let mut store = claimdiff::store::StoreWriter::in_memory(&rules);
        obs.iter()
            .try_for_each(|o| store.push(o))
            .expect("kept in memory");
        let mut store = store.finish().expect("kept in memory");
        let _ = claimdiff::diff::judge_all(&rules, &mut store).expect("read from memory");
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics_the_loader(text in "\\PC{0,200}") {
        let _ = parse_claim_file(Path::new("f.yaml"), &text);
    }

    #[test]
    fn claim_like_yaml_is_loaded_or_located(yaml in claim_yaml(), article in "\\PC{0,120}") {
        run_everything(&yaml, &article);
    }

    #[test]
    fn valid_rules_never_panic_on_arbitrary_articles(article in "(\\PC|[0-9 ,.]|more than |on |Monday|Jan\\. ){0,80}") {
        let yaml = "event:\n  name: E\n  date: 2022-01-12\nclaims:\n  - id: a\n    label: A\n    kind: count\n    patterns: ['{quantity} (?:people|more)']\n  - id: b\n    label: B\n    kind: date\n    patterns: ['{date}']\n  - id: c\n    label: C\n    kind: duration\n    patterns: ['{duration}']\n  - id: d\n    label: D\n    kind: name\n    canonical: Alexander Fomin\n    patterns: ['(?:on|than) {name}']\n";
        run_everything(yaml, &format!("---\noutlet: A\npublished: 2022-01-12\n---\n{article}\n"));
    }
}
