//! The HTML report in a real browser: renders the fixture corpus of `tests/fixtures/report/`
//! (which includes a hostile article), opens it in headless Chromium, checks the summary, every
//! card and every chart, checks that the hostile article's script and `onerror` ran nothing, and
//! saves a screenshot. Skips, saying so, when Chromium is not installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const FIXTURE: &str = "tests/fixtures/report";

#[test]
fn html_report_renders_in_chromium_and_runs_no_hostile_script() {
    if !Path::new(CHROMIUM).exists() {
        println!("SKIPPED: {CHROMIUM} not found (Debian: apt-get install chromium)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let run = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .current_dir(FIXTURE)
        .args([
            "check", "--format", "html", "--claims", "claims", "articles",
        ])
        .arg("--output")
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{run:?}");

    assert_scripts_run_in_this_harness(dir.path());

    let dom = dump_dom(&page);
    assert!(
        dom.contains("<title>claimdiff report</title>"),
        "title changed:\n{dom}"
    );
    assert!(dom.contains(r#"<header id="summary">"#), "no summary");
    assert!(
        dom.contains("<strong>1 discrepancy</strong>"),
        "summary counts"
    );
    for card in ["fair_visitors", "fair_stalls", "fair_authors"] {
        assert!(
            dom.contains(&format!(r#"id="claim-{card}""#)),
            "no card {card}"
        );
    }
    assert_eq!(
        dom.matches(r#"<svg class="chart""#).count(),
        2,
        "one chart per stated claim"
    );
    assert_eq!(
        dom.matches(r#"class="bound open""#).count(),
        1,
        "the open lower bound"
    );
    assert_eq!(
        dom.matches(r#"class="arrow""#).count(),
        1,
        "the unbounded side"
    );
    // What the hostile code would leave: an element `<p id="pwned">`, `<body data-pwned="1">`.
    assert!(!dom.contains(r#"id="pwned""#), "hostile script ran");
    assert!(!dom.contains(r#"data-pwned="1""#), "hostile onerror ran");
    assert!(
        !dom.contains("<script") && !dom.contains("<img"),
        "hostile markup became elements"
    );
    assert!(
        dom.contains("&lt;script&gt;document.title='pwned'"),
        "hostile text not shown"
    );
    assert!(
        !dom.contains(r#"href="javascript:"#),
        "javascript: URL became a link"
    );

    let shot = screenshot(&page);
    println!("screenshot: {}", shot.display());
}

/// Runs without a browser: the hostile article's markup arrives as text, never as elements.
#[test]
fn html_report_escapes_hostile_markup() {
    let run = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .current_dir(FIXTURE)
        .args([
            "check", "--format", "html", "--claims", "claims", "articles",
        ])
        .output()
        .unwrap();
    let page = String::from_utf8(run.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        !page.contains("<script") && !page.contains("<img"),
        "raw hostile markup"
    );
    assert!(!page.contains("<b>Post"), "outlet name not escaped");
    assert!(
        !page.contains("href=\"javascript:"),
        "javascript: URL became a link"
    );
    assert!(
        !page.contains("src=\"http") && !page.contains("href=\"//"),
        "external resource"
    );
    assert!(page.contains("Content-Security-Policy"));
}

/// A control page whose script does run, so a clean DOM above means "blocked", not "the
/// harness never runs scripts".
fn assert_scripts_run_in_this_harness(dir: &Path) {
    let control = dir.join("control.html");
    std::fs::write(
        &control,
        "<!DOCTYPE html><title>ok</title><script>document.title='pwned'</script>",
    )
    .expect("write the control page");
    let dom = dump_dom(&control);
    assert!(
        dom.contains("<title>pwned</title>"),
        "control script did not run:\n{dom}"
    );
}

fn dump_dom(page: &Path) -> String {
    let out = chromium(&["--dump-dom".to_string(), file_url(page)]);
    assert!(out.status.success(), "chromium failed: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn screenshot(page: &Path) -> PathBuf {
    let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-browser");
    std::fs::create_dir_all(&folder).expect("screenshot folder");
    let shot = folder.join("report.png");
    let _ = std::fs::remove_file(&shot);
    let out = chromium(&[
        format!("--screenshot={}", shot.display()),
        "--window-size=1280,2000".to_string(),
        file_url(page),
    ]);
    assert!(out.status.success(), "chromium failed: {out:?}");
    assert!(
        std::fs::metadata(&shot).expect("screenshot written").len() > 10_000,
        "empty screenshot"
    );
    shot
}

fn file_url(page: &Path) -> String {
    format!(
        "file://{}",
        page.canonicalize().expect("page exists").display()
    )
}

/// Runs headless Chromium with a throw-away profile and no network side trips; killed after a
/// minute so a hung browser fails the test instead of blocking CI.
fn chromium(args: &[String]) -> Output {
    let profile = tempfile::tempdir().expect("profile folder");
    // A file, not a pipe: a DOM larger than the pipe buffer would block the browser.
    let stdout_path = profile.path().join("stdout");
    let stdout = std::fs::File::create(&stdout_path).expect("stdout file");
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    while child.try_wait().expect("poll chromium").is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Output {
        status: child.wait().expect("chromium status"),
        stdout: std::fs::read(&stdout_path).expect("chromium output"),
        stderr: Vec::new(),
    }
}
