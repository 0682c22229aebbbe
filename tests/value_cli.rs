//! Transcript tests of `claimdiff value`: each `tests/cmd/value/*.toml` gives the arguments,
//! the expected output and the exit code.

#[test]
fn value_transcripts() {
    trycmd::TestCases::new().case("tests/cmd/value/*.toml");
}
