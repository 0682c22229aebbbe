//! Bad input never crashes claimdiff and nothing is lost: a closed pipe, huge and odd articles,
//! oversized patterns, absurd numbers. Each runs the real binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimdiff"))
}

fn run(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn storm_claims() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/storm/claims")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let mut child = bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("waits");
    assert!(
        text(&out.stderr).trim().is_empty(),
        "stderr: {}",
        text(&out.stderr)
    );
    assert!(out.status.code().is_some(), "ended by a signal");
    assert_ne!(out.status.code(), Some(101), "panicked");
}

#[test]
fn a_100_mb_article_is_read_and_matched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.txt");
    let mut f = std::fs::File::create(&path).expect("create");
    writeln!(f, "---\noutlet: Huge\npublished: 2024-03-05\n---").expect("write");
    let filler =
        "The valley was quiet again after the storm, and people went back to work. ".repeat(14);
    let mut written = 0;
    while written < 100 * 1024 * 1024 {
        writeln!(f, "{filler}\n").expect("write");
        written += filler.len() + 2;
    }
    writeln!(f, "The storm destroyed 40 homes.").expect("write");
    drop(f);
    let claims = storm_claims();
    let out = run(
        dir.path(),
        &[
            "check",
            "huge.txt",
            "--claims",
            claims.to_str().expect("utf-8"),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let homes = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["id"] == "homes_destroyed")
        .expect("claim");
    assert_eq!(homes["observations"][0]["raw"], "40");
    assert!(homes["observations"][0]["line"].as_u64().expect("line") > 100_000);
}

#[test]
fn a_bad_article_among_good_ones_is_reported_and_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("good.txt"),
        "---\noutlet: Good\npublished: 2024-03-05\n---\nThe storm destroyed 40 homes.\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("binary.txt"), b"\x00\x01\x02 not text").expect("write");
    std::fs::write(
        dir.path().join("broken.txt"),
        "---\noutlet: [unclosed\n---\nThe storm destroyed 75 homes.\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("empty.txt"), "").expect("write");
    std::fs::write(dir.path().join("latin1.txt"), b"---\noutlet: Latin\npublished: 2024-03-05\n---\nCaf\xe9 owners said the storm destroyed 40 homes.\n").expect("write");
    std::fs::write(dir.path().join("crlf.txt"), "\u{feff}---\r\noutlet: Crlf\r\npublished: 2024-03-05\r\n---\r\nThe storm destroyed 40 homes.\r\n").expect("write");
    let claims = storm_claims();
    let out = run(
        dir.path(),
        &[
            "check",
            ".",
            "--claims",
            claims.to_str().expect("utf-8"),
            "--format",
            "json",
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("binary.txt: skipped: a binary file"),
        "{stderr}"
    );
    assert!(stderr.contains("broken.txt:2:"), "located: {stderr}");
    assert!(
        stderr.contains("empty.txt: skipped: the article is empty"),
        "{stderr}"
    );
    assert!(stderr.contains("latin1.txt: not valid UTF-8"), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let outlets: Vec<&str> = report["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["outlet"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(outlets, ["Crlf", "Good", "Latin"]);
    let homes = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["id"] == "homes_destroyed")
        .expect("claim");
    assert_eq!(homes["verdict"], "agree");
}

#[test]
fn an_oversized_pattern_is_a_clear_error_not_a_slow_scan() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.txt"),
        "---\noutlet: A\npublished: 2024-03-05\n---\nText.\n",
    )
    .expect("write");
    let claims = dir.path().join("big.yaml");
    std::fs::write(&claims, "claims:\n  - id: big\n    label: Big\n    kind: count\n    patterns: ['(?:\\w+ ){0,400}{quantity}(?: \\w+){0,400} homes']\n").expect("write");
    let out = run(dir.path(), &["check", "a.txt", "--claims", "big.yaml"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("big.yaml:5:17: claim `big`"), "{stderr}");
    assert!(stderr.contains("larger than the limit"), "{stderr}");
}

#[test]
fn absurd_numbers_are_values_or_reasons_never_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = "---\noutlet: A\npublished: 2024-03-05\n---\nThe storm destroyed 99999999999999999999999 homes. Later 1e400 homes were destroyed. Then -0 homes were destroyed.\n";
    std::fs::write(dir.path().join("a.txt"), article).expect("write");
    let claims = storm_claims();
    let out = run(
        dir.path(),
        &[
            "check",
            "a.txt",
            "--claims",
            claims.to_str().expect("utf-8"),
            "--format",
            "json",
        ],
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        text(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let homes = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["id"] == "homes_destroyed")
        .expect("claim");
    for o in homes["observations"].as_array().expect("observations") {
        let resolved = o["value"].is_object();
        let unresolved = o["unresolved"].is_string();
        assert!(resolved != unresolved, "{o}");
        if resolved {
            assert!(
                o["value"]["stated"][0].as_f64().is_some_and(f64::is_finite),
                "{o}"
            );
        }
    }
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let root = env!("CARGO_MANIFEST_DIR");
    let first = run(Path::new(root), &["check", "--format", "json"]);
    for threads in ["1", "2", "4"] {
        let again = bin()
            .current_dir(root)
            .env("RAYON_NUM_THREADS", threads)
            .args(["check", "--format", "json"])
            .output()
            .expect("runs");
        assert_eq!(first.stdout, again.stdout, "RAYON_NUM_THREADS={threads}");
    }
}

#[test]
fn unreadable_files_are_named_in_the_error() {
    // /proc/self/mem exists but cannot be read from offset 0: a portable unreadable file on
    // Linux, even for root (who can read any file whatever its permissions).
    let unreadable = "/proc/self/mem";
    if !Path::new(unreadable).exists() {
        eprintln!("skipped: {unreadable} is not available on this system");
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/storm");
    let out = run(&dir, &["check", "articles", "--claims", unreadable]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("/proc/self/mem: cannot read the claim file"),
        "{stderr}"
    );

    let out = run(
        &dir,
        &[
            "check",
            "articles",
            unreadable,
            "--claims",
            "claims",
            "--fail-on",
            "never",
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the other articles are still compared: {stderr}"
    );
    assert!(
        stderr.contains("/proc/self/mem: cannot read the article"),
        "{stderr}"
    );
    assert!(
        text(&out.stdout).contains("3 sources"),
        "{}",
        text(&out.stdout)
    );
}

/// Runs the binary with its address space limited to `megabytes` (`ulimit -v`): a run that
/// needs far more memory than its input deserves dies instead of passing.
fn run_limited(dir: &Path, megabytes: u64, args: &[&str]) -> Output {
    Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!(
            "ulimit -v {}; exec \"$0\" \"$@\"",
            megabytes * 1024
        ))
        .arg(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .output()
        .expect("the binary runs under sh")
}

/// Runs the binary with its CPU time limited to `seconds` (`ulimit -t`, a generous bound): a
/// run whose cost grows faster than its input is killed instead of passing.
fn run_cpu_limited(dir: &Path, seconds: u64, args: &[&str]) -> Output {
    Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!("ulimit -t {seconds}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .output()
        .expect("the binary runs under sh")
}

/// YAML whose aliases expand one 1 MB string 4,000 times (4 GB once expanded).
fn alias_bomb(key: &str) -> String {
    let mut yaml = format!("{key}: &big \"{}\"\nrefs: [", "x".repeat(1024 * 1024));
    for i in 0..4000 {
        yaml.push_str(if i == 0 { "*big" } else { ", *big" });
    }
    yaml.push_str("]\n");
    yaml
}

#[test]
fn an_alias_blow_up_in_front_matter_skips_the_article_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("good.txt"),
        "---\noutlet: Good\npublished: 2024-03-05\n---\nThe storm destroyed 40 homes.\n",
    )
    .expect("write");
    let bomb = format!(
        "---\noutlet: Bomb\npublished: 2024-03-05\n{}---\nThe storm destroyed 75 homes.\n",
        alias_bomb("extra")
    );
    std::fs::write(dir.path().join("bomb.txt"), bomb).expect("write");
    let claims = storm_claims();
    let out = run_limited(
        dir.path(),
        1536,
        &[
            "check",
            ".",
            "--claims",
            claims.to_str().expect("utf-8"),
            "--format",
            "json",
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("bomb.txt:4:"), "located: {stderr}");
    assert!(stderr.contains("aliases"), "says why: {stderr}");
    assert!(
        stderr.len() < 4096,
        "no quoted megabytes: {} bytes",
        stderr.len()
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let outlets: Vec<&str> = report["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["outlet"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(outlets, ["Good"]);
}

#[test]
fn an_alias_blow_up_in_a_claim_file_is_a_located_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.txt"),
        "---\noutlet: A\npublished: 2024-03-05\n---\nText.\n",
    )
    .expect("write");
    let claims = format!(
        "{}claims:\n  - id: homes\n    label: Homes\n    kind: count\n    patterns: ['{{quantity}} homes']\n",
        alias_bomb("x-note")
    );
    std::fs::write(dir.path().join("bomb.yaml"), claims).expect("write");
    let out = run_limited(
        dir.path(),
        1536,
        &["check", "a.txt", "--claims", "bomb.yaml"],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("bomb.yaml:1:"), "located: {stderr}");
    assert!(stderr.contains("aliases"), "says why: {stderr}");
    assert!(
        stderr.len() < 4096,
        "no quoted megabytes: {} bytes",
        stderr.len()
    );
}

#[test]
fn a_one_sentence_article_quotes_a_bounded_excerpt_per_observation() {
    let dir = tempfile::tempdir().expect("tempdir");
    // One 400 KB sentence holding 1,000 figures: quoting the whole sentence for each would
    // write 400 MB; an excerpt writes well under 1 KB each.
    let filler = "and the valley road was closed for the rest of the week ".repeat(6);
    let mut body = String::from("In the valley");
    for i in 0..1000 {
        body.push_str(&format!(
            ", {filler}the storm destroyed {} homes",
            40 + i % 3
        ));
    }
    body.push_str(".\n");
    std::fs::write(
        dir.path().join("long.txt"),
        format!("---\noutlet: Long\npublished: 2024-03-05\n---\n{body}"),
    )
    .expect("write");
    let claims = storm_claims();
    let args = [
        "check",
        "long.txt",
        "--claims",
        claims.to_str().expect("utf-8"),
        "--format",
    ];
    let json = run_limited(dir.path(), 1024, &[&args[..], &["json"]].concat());
    let stderr = text(&json.stderr);
    assert!(json.status.code().is_some(), "killed: {stderr}");
    assert!(
        json.stdout.len() < 4 << 20,
        "{} bytes of JSON",
        json.stdout.len()
    );
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let homes = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["id"] == "homes_destroyed")
        .expect("claim");
    let observations = homes["observations"].as_array().expect("observations");
    assert_eq!(observations.len(), 1000);
    let sentence_start = "---\noutlet: Long\npublished: 2024-03-05\n---\n".len();
    for o in observations {
        let sentence = o["sentence"].as_str().expect("sentence");
        assert!(
            sentence.len() <= 410,
            "{} bytes: {sentence}",
            sentence.len()
        );
        assert!(
            sentence.contains(o["raw"].as_str().expect("raw")),
            "{sentence}"
        );
        assert!(
            sentence.starts_with('…') || sentence.ends_with('…'),
            "{sentence}"
        );
        let span = o["sentence_span"]
            .as_array()
            .expect("the span of a cut sentence");
        assert_eq!(span[0], sentence_start);
        assert_eq!(span[1], sentence_start + body.trim_end().len());
    }
    for format in ["markdown", "html", "table"] {
        let out = run_limited(dir.path(), 1024, &[&args[..], &[format]].concat());
        assert!(
            out.status.code().is_some(),
            "{format}: {}",
            text(&out.stderr)
        );
        assert!(
            out.stdout.len() < 8 << 20,
            "{format}: {} bytes",
            out.stdout.len()
        );
    }
    let explain = run_limited(
        dir.path(),
        1024,
        &[
            "explain",
            "homes_destroyed",
            "long.txt",
            "--claims",
            claims.to_str().expect("utf-8"),
        ],
    );
    assert!(
        explain.status.code().is_some(),
        "explain: {}",
        text(&explain.stderr)
    );
    assert!(
        explain.stdout.len() < 8 << 20,
        "explain: {} bytes",
        explain.stdout.len()
    );
}

#[test]
fn a_single_line_article_is_located_in_linear_time_with_exact_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 16 MB on one line, 2,000 figures, characters of two and three bytes: the columns are
    // exact however long the line (the cost of a lookup is pinned by the unit tests of
    // `text::LineIndex`, which count the bytes a lookup may read, not time).
    let head = "---\noutlet: Line\npublished: 2024-03-05\n---\n";
    let filler =
        "Ünder the storm the valley (€) was quiet, and people went back to work. ".repeat(114);
    let mut body = String::with_capacity(17 << 20);
    for _ in 0..2_000 {
        body.push_str(&filler);
        body.push_str("The storm destroyed 40 homes. ");
    }
    body.push('\n');
    std::fs::write(dir.path().join("line.txt"), format!("{head}{body}")).expect("write");
    let claims = storm_claims();
    let out = run_cpu_limited(
        dir.path(),
        60,
        &[
            "check",
            "line.txt",
            "--claims",
            claims.to_str().expect("utf-8"),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "killed? {}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let homes = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["id"] == "homes_destroyed")
        .expect("claim");
    let observations = homes["observations"].as_array().expect("observations");
    assert_eq!(observations.len(), 2_000);
    let step = filler.chars().count() + "The storm destroyed 40 homes. ".len();
    let before = filler.chars().count() + "The storm destroyed ".len();
    for (i, o) in observations.iter().enumerate().step_by(97) {
        assert_eq!(o["line"], 5);
        assert_eq!(o["column"], i * step + before + 1, "observation {i}");
    }
    // `explain` quotes each far into the line without blanking the line up to it.
    let out = run_cpu_limited(
        dir.path(),
        60,
        &[
            "explain",
            "homes_destroyed",
            "line.txt",
            "--claims",
            claims.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "killed? {}", text(&out.stderr));
    assert!(out.stdout.len() < 4 << 20, "{} bytes", out.stdout.len());
    let last = format!("line.txt:5:{}", 1999 * step + before + 1);
    assert!(text(&out.stdout).contains(&last), "{last}");
}

#[test]
fn a_fifo_in_the_article_folder_is_skipped_with_a_warning_not_waited_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("good.txt"),
        "---\noutlet: Good\npublished: 2024-03-05\n---\nThe storm destroyed 40 homes.\n",
    )
    .expect("write");
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let claims = storm_claims();
    // Nobody writes to the FIFO: a run that opens it waits forever, so the run is bounded by
    // `timeout` (generous: the run itself takes well under a second).
    let out = Command::new("timeout")
        .current_dir(dir.path())
        .args(["20", env!("CARGO_BIN_EXE_claimdiff")])
        .args([
            "check",
            ".",
            "--claims",
            claims.to_str().expect("utf-8"),
            "--format",
            "json",
        ])
        .output()
        .expect("timeout runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "hung or failed: {stderr}");
    assert!(
        stderr.contains("pipe.txt: skipped: not a regular file (a FIFO)"),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["sources"].as_array().expect("sources").len(), 1);
    // Named explicitly, a FIFO is read: what is written to it is the article.
    let fifo = dir.path().join("pipe.txt");
    let writer = std::thread::spawn(move || {
        std::fs::write(
            fifo,
            "---\noutlet: Piped\npublished: 2024-03-05\n---\nThe storm destroyed 40 homes.\n",
        )
    });
    let out = Command::new("timeout")
        .current_dir(dir.path())
        .args(["20", env!("CARGO_BIN_EXE_claimdiff")])
        .args([
            "check",
            "pipe.txt",
            "--claims",
            claims.to_str().expect("utf-8"),
            "--format",
            "json",
        ])
        .output()
        .expect("timeout runs");
    writer.join().expect("joins").expect("written");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["sources"][0]["outlet"], "Piped");
}

#[test]
fn control_characters_from_articles_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a\u{1b}[32m.txt"),
        "---\noutlet: \"Evil\\e[31mRED\\e]0;title\\a\\u009b2J\"\npublished: 2024-03-05\n\"bad\\e[2Jkey\": 1\n---\nThe storm \u{1b}[2Jdestroyed 40 homes.\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("good.txt"),
        "---\noutlet: Good\npublished: 2024-03-05\n---\nThe storm destroyed 41 homes.\n",
    )
    .expect("write");
    let claims = storm_claims();
    let claims = claims.to_str().expect("utf-8");
    let raw = |bytes: &[u8]| {
        let t = text(bytes);
        t.chars()
            .filter(|c| (c.is_control() && *c != '\n') || ('\u{80}'..='\u{9f}').contains(c))
            .count()
    };
    for args in [
        vec!["check", ".", "--claims", claims, "--color", "never"],
        vec![
            "check", ".", "--claims", claims, "--color", "never", "--format", "markdown",
        ],
        vec![
            "explain",
            "homes_destroyed",
            ".",
            "--claims",
            claims,
            "--color",
            "never",
        ],
        vec!["coverage", ".", "--claims", claims],
        vec![
            "check",
            ".",
            "--claims",
            claims,
            "--output",
            "missing/\u{1b}[31m.txt",
        ],
    ] {
        let out = run(dir.path(), &args);
        assert_eq!(
            raw(&out.stdout),
            0,
            "{args:?} stdout: {:?}",
            text(&out.stdout)
        );
        assert_eq!(
            raw(&out.stderr),
            0,
            "{args:?} stderr: {:?}",
            text(&out.stderr)
        );
    }
    let out = run(
        dir.path(),
        &["check", ".", "--claims", claims, "--color", "never"],
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Evil␛[31mRED"),
        "shown, made visible: {stdout}"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("a␛[32m.txt"),
        "named, made visible: {stderr}"
    );
    assert!(stderr.contains("bad␛[2Jkey"), "{stderr}");
}

#[test]
fn loader_inputs_that_grow_faster_than_their_size_are_refused_early() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.txt"),
        "---\noutlet: A\npublished: 2024-03-05\n---\nThe storm destroyed 40 homes.\n",
    )
    .expect("write");
    let claim = "claims:\n  - id: homes\n    label: Homes\n    kind: count\n";
    // 100,000-deep nesting: the YAML scanner is quadratic in flow depth.
    let depth = 100_000;
    let deep = format!(
        "x-deep: {}{}\n{claim}    patterns: ['destroyed {{quantity}} homes']\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    std::fs::write(dir.path().join("deep.yaml"), deep).expect("write");
    let out = run_cpu_limited(dir.path(), 20, &["check", "a.txt", "--claims", "deep.yaml"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "killed? {stderr}");
    assert!(stderr.contains("deep.yaml:1:"), "located: {stderr}");
    assert!(stderr.contains("nested"), "says why: {stderr}");
    assert!(stderr.len() < 4096, "{} bytes", stderr.len());
    // A 100,000-character pattern: refused by its length before any regex is built.
    let long = format!(
        "{claim}    patterns: ['destroyed {{quantity}} homes {}']\n",
        "abcdefghij".repeat(10_000)
    );
    std::fs::write(dir.path().join("long.yaml"), long).expect("write");
    let out = run_cpu_limited(dir.path(), 20, &["check", "a.txt", "--claims", "long.yaml"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "killed? {stderr}");
    assert!(stderr.contains("long.yaml:5:"), "located: {stderr}");
    assert!(
        stderr.contains("longer than the limit"),
        "says why: {stderr}"
    );
    assert!(
        stderr.len() < 4096,
        "quoted shortened: {} bytes",
        stderr.len()
    );
    // 20,000 unknown front matter keys: a few warnings and a count, not 20,000 lines.
    let keys: String = (0..20_000).map(|i| format!("k{i}: 1\n")).collect();
    std::fs::write(
        dir.path().join("keys.txt"),
        format!(
            "---\noutlet: K\npublished: 2024-03-05\n{keys}---\nThe storm destroyed 40 homes.\n"
        ),
    )
    .expect("write");
    let claims = storm_claims();
    let out = run_cpu_limited(
        dir.path(),
        20,
        &[
            "check",
            "keys.txt",
            "--claims",
            claims.to_str().expect("utf-8"),
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "killed? {}",
        &stderr[..stderr.len().min(2000)]
    );
    assert!(
        stderr.lines().count() <= 12,
        "{} lines",
        stderr.lines().count()
    );
    assert!(
        stderr.contains("keys.txt:4:1: unknown front matter key `k0`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("19990 more unknown front matter keys"),
        "{stderr}"
    );
}
