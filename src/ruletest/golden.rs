//! Golden reports: what a claim file yields over a corpus (verdict and each source's values per
//! claim), stored beside the claim file as `NAME.golden.yaml`, compared on every test run and
//! rewritten atomically by `--bless`. A reviewed discrepancy carries an `accepted` note.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic};
use crate::report::{Claim, Report};
use crate::rules::load::yaml_diagnostic;

/// The golden report of one claim file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Golden {
    /// The corpus, relative to the golden file's folder.
    pub corpus: String,
    /// One entry per claim, in report order.
    pub claims: Vec<GoldenClaim>,
}

/// What one claim yields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldenClaim {
    /// Claim id.
    pub id: String,
    /// Verdict.
    pub verdict: String,
    /// A fact-checker's note accepting this discrepancy as reviewed; kept by `--bless` while
    /// the claim's outcome is unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted: Option<String>,
    /// Source id → the values it states, as displayed.
    #[serde(default)]
    pub sources: BTreeMap<String, Vec<String>>,
}

impl GoldenClaim {
    /// True when verdict and values are the same (acceptance notes aside).
    pub(crate) fn same_outcome(&self, other: &GoldenClaim) -> bool {
        self.verdict == other.verdict && self.sources == other.sources
    }
}

/// `claims/x.yaml` → `claims/x.golden.yaml`.
pub(crate) fn golden_path(claim_file: &Path) -> PathBuf {
    let stem = claim_file
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    claim_file.with_file_name(format!("{stem}.golden.yaml"))
}

/// True for golden files, which claim-file discovery skips.
pub(crate) fn is_golden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".golden.yaml"))
}

/// The golden form of `report`; `previous` acceptance notes are kept where nothing changed.
pub fn from_report(report: &Report, corpus: String, previous: Option<&Golden>) -> Golden {
    let claims = report
        .claims
        .iter()
        .map(|c| {
            let mut entry = golden_claim(c);
            entry.accepted = previous
                .and_then(|p| p.claims.iter().find(|old| old.id == entry.id))
                .filter(|old| old.same_outcome(&entry))
                .and_then(|old| old.accepted.clone());
            entry
        })
        .collect();
    Golden { corpus, claims }
}

/// The golden form of one claim, without an acceptance note.
fn golden_claim(c: &Claim) -> GoldenClaim {
    let mut sources: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for o in &c.observations {
        let shown = match (&o.value, &o.unresolved) {
            (Some(v), _) => v.display.clone(),
            (None, Some(why)) => format!("unresolved \"{}\": {why}", o.raw),
            (None, None) => o.raw.clone(),
        };
        let values = sources.entry(o.source.to_string()).or_default();
        if !values.contains(&shown) {
            values.push(shown);
        }
    }
    GoldenClaim {
        id: c.id.clone(),
        verdict: c.verdict.to_string(),
        accepted: None,
        sources,
    }
}

/// The note of a baseline that accepts `claim` as it stands (with its observations): same id,
/// an `accepted` note, and the same verdict and values as when it was reviewed.
pub fn accepted(claim: &Claim, baseline: &[Golden]) -> Option<String> {
    if baseline.is_empty() {
        return None;
    }
    let now = golden_claim(claim);
    baseline
        .iter()
        .flat_map(|g| &g.claims)
        .find(|old| old.id == now.id && old.accepted.is_some() && old.same_outcome(&now))
        .and_then(|old| old.accepted.clone())
}

/// What changed from `old` to `new`, one readable line per change.
pub(crate) fn changes(old: &Golden, new: &Golden) -> Vec<String> {
    let mut out = Vec::new();
    if old.corpus != new.corpus {
        out.push(format!("corpus: {} → {}", old.corpus, new.corpus));
    }
    for o in &old.claims {
        match new.claims.iter().find(|n| n.id == o.id) {
            None => out.push(format!("{}: claim no longer in the report", o.id)),
            Some(n) => claim_changes(o, n, &mut out),
        }
    }
    for n in new
        .claims
        .iter()
        .filter(|n| !old.claims.iter().any(|o| o.id == n.id))
    {
        out.push(format!("{}: new claim, verdict {}", n.id, n.verdict));
    }
    out
}

fn claim_changes(old: &GoldenClaim, new: &GoldenClaim, out: &mut Vec<String>) {
    if old.verdict != new.verdict {
        out.push(format!(
            "{}: verdict {} → {}",
            old.id, old.verdict, new.verdict
        ));
    }
    let shown =
        |v: Option<&Vec<String>>| v.map_or_else(|| "(nothing)".to_string(), |v| v.join(", "));
    let ids: std::collections::BTreeSet<&String> =
        old.sources.keys().chain(new.sources.keys()).collect();
    for id in ids {
        let (a, b) = (old.sources.get(id), new.sources.get(id));
        if a != b {
            out.push(format!("{}, {id}: {} → {}", old.id, shown(a), shown(b)));
        }
    }
}

/// Reads a golden file.
pub fn read(path: &Path) -> Result<Golden, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::error(
            Code::CannotRead,
            path,
            format!("cannot read the golden report: {e}"),
        )
    })?;
    crate::rules::preflight::check(path, &text)?;
    serde_yaml::from_str(&text).map_err(|e| yaml_diagnostic(path, &e))
}

/// Writes a golden file atomically: a temporary file in the same folder, then a rename, so an
/// interrupted write never truncates the old one.
pub fn write(path: &Path, golden: &Golden, claim_file: &Path) -> anyhow::Result<()> {
    let yaml = serde_yaml::to_string(golden)?;
    let header = format!(
        "# Golden report for {}: what it yields over `corpus`.\n# Regenerate with `claimdiff test --bless` and review the diff like code.\n",
        claim_file.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    );
    crate::output::write_atomic(path, format!("{header}{yaml}").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(id: &str, verdict: &str, sources: &[(&str, &str)]) -> GoldenClaim {
        GoldenClaim {
            id: id.into(),
            verdict: verdict.into(),
            accepted: None,
            sources: sources
                .iter()
                .map(|(s, v)| (s.to_string(), vec![v.to_string()]))
                .collect(),
        }
    }

    #[test]
    fn changes_name_claim_source_and_old_and_new_value() {
        let old = Golden {
            corpus: "a".into(),
            claims: vec![claim("toll", "differ", &[("x", "2,500"), ("y", "2,600")])],
        };
        let new = Golden {
            corpus: "a".into(),
            claims: vec![claim("toll", "agree", &[("x", "2,600"), ("y", "2,600")])],
        };
        assert_eq!(
            changes(&old, &new),
            ["toll: verdict differ → agree", "toll, x: 2,500 → 2,600"]
        );
        assert!(changes(&old, &old).is_empty());
    }

    #[test]
    fn added_and_removed_claims_are_changes() {
        let old = Golden {
            corpus: "a".into(),
            claims: vec![claim("a", "agree", &[])],
        };
        let new = Golden {
            corpus: "a".into(),
            claims: vec![claim("b", "agree", &[])],
        };
        assert_eq!(
            changes(&old, &new),
            [
                "a: claim no longer in the report",
                "b: new claim, verdict agree"
            ]
        );
    }

    #[test]
    fn golden_paths_sit_beside_the_claim_file() {
        assert_eq!(
            golden_path(Path::new("claims/x.yaml")),
            PathBuf::from("claims/x.golden.yaml")
        );
        assert!(is_golden(Path::new("claims/x.golden.yaml")));
        assert!(!is_golden(Path::new("claims/x.yaml")));
    }

    #[test]
    fn written_golden_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.golden.yaml");
        let g = Golden {
            corpus: "../seeds".into(),
            claims: vec![claim("a", "agree", &[("x", "5")])],
        };
        write(&path, &g, Path::new("c.yaml")).unwrap();
        assert_eq!(read(&path).unwrap(), g);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
