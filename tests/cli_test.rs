//! CLI transcripts for `claimdiff test`: rule tests and golden reports on fixture claim files
//! (`tests/cmd/test/*.toml`), plus the `--bless` round trip in a temporary copy.

use std::path::Path;
use std::process::Command;

#[test]
fn test_transcripts() {
    trycmd::TestCases::new().case("tests/cmd/test/*.toml");
}

fn claimdiff(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
fn bless_accepts_a_change_and_keeps_review_notes_of_unchanged_claims() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden-changed-article");
    copy_dir(&fixture, tmp.path());
    let golden = tmp.path().join("claims/storm.golden.yaml");
    let text = std::fs::read_to_string(&golden).expect("golden");
    let noted = text.replacen(
        "- id: people_evacuated\n  verdict: agree\n",
        "- id: people_evacuated\n  verdict: agree\n  accepted: reviewed, hedges only\n",
        1,
    );
    assert_ne!(noted, text, "the fixture has the people_evacuated entry");
    std::fs::write(&golden, noted).expect("write");

    let (code, out) = claimdiff(tmp.path(), &["test", "claims"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("homes_destroyed, b: 75 → 40"), "{out}");

    let (code, out) = claimdiff(tmp.path(), &["test", "claims", "--bless"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("golden blessed"), "{out}");

    let (code, out) = claimdiff(tmp.path(), &["test", "claims"]);
    assert_eq!(code, 0, "{out}");
    let blessed = std::fs::read_to_string(&golden).expect("golden");
    assert!(
        blessed.contains("accepted: reviewed, hedges only"),
        "{blessed}"
    );
    assert!(blessed.contains("corpus: ../articles"), "{blessed}");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path().join("claims"))
        .expect("dir")
        .collect();
    assert_eq!(leftovers.len(), 2, "no temporary files are left behind");
}
