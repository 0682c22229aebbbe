//! The JSON Schema of claim files, generated from the same structs that read them, so an
//! editor with a YAML language server can autocomplete and check claim files.

use super::spec::ClaimFileSpec;

/// The schema as pretty-printed JSON with a trailing newline.
pub(crate) fn claim_file_schema() -> String {
    let mut schema = schemars::schema_for!(ClaimFileSpec);
    schema.insert("title".into(), "claimdiff claim file".into());
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed copy in `docs/` is what editors point at; it must not drift.
    #[test]
    fn committed_schema_matches_the_structs() {
        let committed = include_str!("../../docs/claims.schema.json");
        assert_eq!(
            committed,
            claim_file_schema(),
            "run `claimdiff schema > docs/claims.schema.json`"
        );
    }

    #[test]
    fn schema_lists_every_claim_key() {
        let schema: serde_json::Value = serde_json::from_str(&claim_file_schema()).unwrap();
        let props = &schema["$defs"]["ClaimSpec"]["properties"];
        for key in crate::rules::load::CLAIM_KEYS {
            assert!(props.get(key).is_some(), "missing {key}");
        }
        assert_eq!(schema["$defs"]["ClaimSpec"]["additionalProperties"], false);
    }
}
