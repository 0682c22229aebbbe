//! On a terminal, `check` shows a progress bar that the scanning threads draw on standard
//! error. Run through `script` (util-linux), which gives the binary a pseudo-terminal, a scan
//! of a few hundred articles (copies of the bundled seeds) must finish: the bar once waited
//! forever for a lock on standard error that the command held while it waited for the scan.
//! The bar is asked for from the first article on (`CLAIMDIFF_PROGRESS_DELAY_MS=0`), so the
//! test does not depend on how long the scan takes.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Far more than the scan needs (about a second): reaching it means the scan hangs.
const LIMIT: Duration = Duration::from_secs(120);

#[test]
fn check_with_a_progress_bar_on_a_terminal_finishes() {
    let bin = env!("CARGO_BIN_EXE_claimdiff");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let articles =
        copies_of_the_seeds(&root.join("seeds"), &dir.path().join("articles"), 80).unwrap();
    assert_eq!(articles, 400);
    let report = dir.path().join("report.json");
    let line = format!(
        "'{bin}' check --format json --claims '{}' '{}' --output '{}'",
        root.join("claims").display(),
        dir.path().join("articles").display(),
        report.display()
    );
    let mut child = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        // The bar from the first article on: the scan may take less than the usual delay.
        .env("CLAIMDIFF_PROGRESS_DELAY_MS", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("`script` (util-linux) runs the command on a pseudo-terminal");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("`check` on a terminal did not finish in {LIMIT:?}: {line}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let shown = child.wait_with_output().unwrap().stdout;
    assert_eq!(status.code(), Some(1), "discrepancies found, no error");
    assert!(
        String::from_utf8_lossy(&shown).contains("reading articles"),
        "the progress bar was shown on the terminal"
    );
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(json["summary"]["sources"], 400);
}

/// Writes `copies` copies of every article in `seeds` into `out`, one folder per copy; returns
/// how many files were written.
fn copies_of_the_seeds(seeds: &Path, out: &Path, copies: usize) -> std::io::Result<usize> {
    let mut written = 0;
    for copy in 0..copies {
        let folder = out.join(format!("{copy:03}"));
        std::fs::create_dir_all(&folder)?;
        for entry in std::fs::read_dir(seeds)? {
            let path = entry?.path();
            if let (Some("txt"), Some(name)) =
                (path.extension().and_then(|e| e.to_str()), path.file_name())
            {
                std::fs::copy(&path, folder.join(name))?;
                written += 1;
            }
        }
    }
    Ok(written)
}
