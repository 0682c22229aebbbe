//! CLI transcripts for `claimdiff check`: each `tests/cmd/check/*.toml` runs the real binary on
//! a fixture corpus and compares stdout, stderr and the exit code.

#[test]
fn check_transcripts() {
    trycmd::TestCases::new().case("tests/cmd/check/*.toml");
}
