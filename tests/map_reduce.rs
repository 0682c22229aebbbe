//! The map/reduce split: observations extracted in shards and diffed together give the same
//! report as one `check` over all the articles.

use std::path::{Path, PathBuf};
use std::process::Command;

fn claimdiff(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the claimdiff binary runs")
}

fn seeds(root: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("seeds"))
        .expect("seeds/ is readable")
        .map(|e| e.expect("a folder entry").path())
        .collect();
    files.sort();
    files.iter().map(|p| p.display().to_string()).collect()
}

#[test]
fn sharded_extract_and_diff_give_the_report_of_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let files = seeds(root);
    let (first, second) = files.split_at(2);
    let shard = |name: &str, articles: &[String]| {
        let out = tmp.path().join(name).display().to_string();
        let mut args = vec!["extract", "--claims", "claims", "--output", &out];
        args.extend(articles.iter().map(String::as_str));
        let run = claimdiff(&args, root);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        out
    };
    let (a, b) = (shard("a.jsonl", first), shard("b.jsonl", second));
    let reduced = claimdiff(
        &["diff", "--claims", "claims", "--format", "json", &a, &b],
        root,
    );
    let mut check_args = vec!["check", "--claims", "claims", "--format", "json"];
    check_args.extend(files.iter().map(String::as_str));
    let checked = claimdiff(&check_args, root);
    assert_eq!(reduced.status.code(), checked.status.code());
    let parse = |o: &std::process::Output| -> serde_json::Value {
        serde_json::from_slice(&o.stdout).unwrap()
    };
    assert_eq!(parse(&reduced), parse(&checked));
    assert_eq!(reduced.stdout, checked.stdout);
    let joined = tmp.path().join("joined.jsonl");
    let mut both = std::fs::read(&a).unwrap();
    both.extend(std::fs::read(&b).unwrap());
    std::fs::write(&joined, both).unwrap();
    let concatenated = claimdiff(
        &[
            "diff",
            "--claims",
            "claims",
            "--format",
            "json",
            joined.to_str().unwrap(),
        ],
        root,
    );
    assert_eq!(concatenated.stdout, checked.stdout);
}

#[test]
fn diff_rejects_observations_of_other_claims() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let obs = tmp.path().join("o.jsonl");
    std::fs::write(
        &obs,
        "{\"type\":\"header\",\"format\":\"claimdiff-observations\",\"version\":1,\"tool_version\":\"0\",\"claims\":[\"other\"]}\n",
    )
    .unwrap();
    let run = claimdiff(&["diff", "--claims", "claims", obs.to_str().unwrap()], root);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("extracted with other claims"));
}

#[test]
fn extract_reads_paths_from_a_list() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("list.txt");
    std::fs::write(&list, seeds(root).join("\n")).unwrap();
    let run = claimdiff(&["extract", "--files-from", list.to_str().unwrap()], root);
    assert!(run.status.success());
    let text = String::from_utf8(run.stdout).unwrap();
    let sources = text
        .lines()
        .filter(|l| l.contains("\"type\":\"source\""))
        .count();
    assert_eq!(sources, 5);
    assert!(text.starts_with("{\"type\":\"header\""));
}

#[test]
fn one_thread_and_four_give_the_same_bytes_through_check_and_through_extract_and_diff() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let run = |threads: &str, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
            .args(args)
            .current_dir(root)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("the claimdiff binary runs");
        assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
        out.stdout
    };
    let files = seeds(root);
    let mut check = vec!["check", "--format", "json"];
    check.extend(files.iter().map(String::as_str));
    let checked = run("1", &check);
    assert!(run("4", &check) == checked, "check with 4 threads");
    let mut shards = Vec::new();
    for (i, (part, threads)) in [(&files[..3], "1"), (&files[3..], "4")]
        .into_iter()
        .enumerate()
    {
        let out = tmp.path().join(format!("{i}.jsonl")).display().to_string();
        let mut args = vec!["extract", "--output", &out];
        args.extend(part.iter().map(String::as_str));
        run(threads, &args);
        shards.push(out);
    }
    for threads in ["1", "4"] {
        let mut args = vec!["diff", "--format", "json"];
        args.extend(shards.iter().map(String::as_str));
        assert!(
            run(threads, &args) == checked,
            "diff with {threads} threads"
        );
    }
}

#[test]
fn a_timeline_survives_extract_and_diff() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/developing");
    let tmp = tempfile::tempdir().unwrap();
    for corpus in ["stale", "marked", "url"] {
        let out = tmp.path().join(format!("{corpus}.jsonl"));
        let out = out.to_str().unwrap();
        let run = claimdiff(&["extract", corpus, "--claims", "claims", "-o", out], &root);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let reduced = claimdiff(
            &["diff", out, "--claims", "claims", "--format", "json"],
            &root,
        );
        let checked = claimdiff(
            &["check", corpus, "--claims", "claims", "--format", "json"],
            &root,
        );
        assert_eq!(reduced.stdout, checked.stdout, "{corpus}");
        assert!(String::from_utf8_lossy(&checked.stdout).contains("\"timeline\": ["));
    }
}
