//! CLI transcripts of the report formats (markdown, html, explain) on the fixture corpus in
//! `tests/fixtures/report/`.

#[test]
fn report_cli() {
    trycmd::TestCases::new().case("tests/cmd/report/*.toml");
}
