//! The compiled rules as text, so a rule author can see what the matcher runs: every pattern
//! as written and as the regex it expands to, the context and exclude tests.

use std::fmt::Write;

use super::RuleSet;

/// One line per pattern: `CLAIM_ID<TAB>REGEX`, flags inline; what ripgrep (`-f`, after the
/// ids are cut off) or a script can run as-is.
pub(crate) fn expanded(rules: &RuleSet) -> String {
    let mut out = String::new();
    for rule in &rules.rules {
        for p in &rule.patterns {
            let _ = writeln!(out, "{}\t{}", rule.id, p.standalone);
        }
    }
    out
}

/// Every rule with its origin, patterns (as written and expanded), context and exclude tests.
pub(crate) fn listing(rules: &RuleSet) -> String {
    let mut out = String::new();
    for rule in &rules.rules {
        let o = &rule.origin;
        let _ = writeln!(
            out,
            "{} ({}{}) at {}:{}:{}",
            rule.id,
            rule.kind,
            rule.unit
                .as_deref()
                .map(|u| format!(", {u}"))
                .unwrap_or_default(),
            o.path.display(),
            o.line,
            o.column
        );
        for p in &rule.patterns {
            let _ = writeln!(out, "  pattern  {}\n    regex  {}", p.source, p.standalone);
        }
        for c in &rule.context {
            let _ = writeln!(out, "  context  {}", c.as_str());
        }
        for e in &rule.exclude {
            let _ = writeln!(out, "  exclude  {}", e.as_str());
        }
    }
    out
}
