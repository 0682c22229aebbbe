//! Pattern pitfalls caught before they bite: what `claimdiff lint` and `check` say about claim
//! files under `tests/fixtures/pitfalls` (the transcripts are in `tests/cmd/lint` and
//! `tests/cmd/check`). trycmd writes `\` as `/` in its snapshots; these tests pin the
//! backslashes of the hints.

use std::path::Path;
use std::process::Command;

fn claimdiff(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pitfalls"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_backslash_in_double_quotes_gets_a_located_hint_with_both_fixes() {
    let (code, _, err) = claimdiff(&["lint", "yaml-quoting/backslash-in-double-quotes.yaml"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("yaml-quoting/backslash-in-double-quotes.yaml:6:9: "),
        "{err}"
    );
    assert!(err.contains(r"and `\d` is not one"), "{err}");
    assert!(err.contains(r"('(?P<value>\d+) troops')"), "{err}");
    assert!(err.contains(r"double the backslash (`\\d`)"), "{err}");
}
