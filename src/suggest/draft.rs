//! A group of statements as a draft claim in the claim-file format: an id and label from the
//! counted noun, `near` words of that noun, and one example per source taken from the
//! articles, kept only when the draft rule, compiled and run on the example, finds its value.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::{singular, Group, SUGGEST_VERSION};
use crate::corpus::{parse_article, Article};
use crate::extract::extract;
use crate::rules::{compile, load::parse_claim_file, RuleSet};
use crate::value::Kind;

/// How many words may stand between a figure and its noun in a draft's `near` words.
const WITHIN: u8 = 2;

/// The most examples a draft keeps (one per source).
const MAX_EXAMPLES: usize = 5;

/// One draft claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// `count` or `date`.
    pub kind: Kind,
    /// The claim id.
    pub id: String,
    /// The label, marked as a draft.
    pub label: String,
    /// What is counted.
    pub unit: String,
    /// The near word groups, one per line ("people", "killed|died|dead").
    pub words: String,
    /// How many words may stand between the figure and its near words.
    pub within: u8,
    /// Whether the figure changes as the story develops (a casualty count).
    pub over_time: bool,
    /// Examples: (sentence, value as written), one per source.
    pub examples: Vec<(String, String)>,
    /// How many sources state it.
    pub sources: usize,
    /// Whether their figures differ.
    pub differ: bool,
    /// The group's key.
    pub key: String,
    /// The distinct figures as written, in order of first appearance.
    pub figures: Vec<String>,
}

/// Drafts for the groups, in the groups' order, at most `max`; a group whose draft finds none
/// of its own statements is left out.
pub fn drafts(groups: &[Group], max: usize) -> Vec<Draft> {
    let mut ids = BTreeSet::new();
    let mut out = Vec::new();
    for group in groups {
        if out.len() >= max {
            break;
        }
        let Some(draft) = draft(group, &mut ids) else {
            continue;
        };
        out.push(draft);
    }
    out
}

fn draft(group: &Group, ids: &mut BTreeSet<String>) -> Option<Draft> {
    if group.statements.first()?.kind == Kind::Date {
        return date_draft(group, ids);
    }
    let noun = singular(&group.statements.first()?.noun);
    let outcome = group.statements.first()?.outcome;
    let mut forms: Vec<String> = vec![noun.clone()];
    if outcome.is_some() && group.key.starts_with("people ") {
        for generic in ["people", "persons", "lives"] {
            if !forms.iter().any(|f| f == generic) {
                forms.push(generic.to_string());
            }
        }
    }
    for s in &group.statements {
        if !forms.contains(&s.noun) {
            forms.push(s.noun.clone());
        }
    }
    let words = forms.join("|");
    let base: String = group
        .key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let base = match outcome {
        Some(_) => base.trim_matches('_').to_string(),
        None => format!("{}_count", base.trim_matches('_')),
    };
    let mut id = if base.starts_with(|c: char| c.is_ascii_lowercase()) {
        base
    } else {
        format!("n_{base}")
    };
    let mut n = 2;
    while ids.contains(&id) {
        id = format!(
            "{}_{n}",
            id.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_')
        );
        n += 1;
    }
    let near_groups: Vec<&str> = std::iter::once(words.as_str())
        .chain(outcome.map(|o| o.near))
        .collect();
    let within = if outcome.is_some() {
        WITHIN + 2
    } else {
        WITHIN
    };
    let rules = compiled(&id, &near_groups, within)?;
    let mut examples = Vec::new();
    let mut seen_sources = BTreeSet::new();
    for s in &group.statements {
        if examples.len() >= MAX_EXAMPLES || seen_sources.contains(&s.source) {
            continue;
        }
        if finds(&rules, &s.sentence, &s.raw) {
            examples.push((s.sentence.clone(), s.raw.clone()));
            seen_sources.insert(s.source);
        }
    }
    if examples.is_empty() {
        return None;
    }
    ids.insert(id.clone());
    let mut figures: Vec<String> = Vec::new();
    for s in &group.statements {
        if !figures.contains(&s.raw) {
            figures.push(s.raw.clone());
        }
    }
    let plural = if group.key.starts_with("people ") {
        "people".to_string()
    } else {
        group
            .statements
            .iter()
            .map(|s| s.noun.as_str())
            .find(|n| singular(n) != *n)
            .unwrap_or(&noun)
            .to_string()
    };
    let what = match outcome {
        Some(o) => format!("{plural} {}", o.name),
        None => plural.clone(),
    };
    Some(Draft {
        kind: Kind::Count,
        id,
        label: format!("Number of {what} (draft: say what and when)"),
        over_time: outcome.is_some(),
        unit: plural,
        words: near_groups.join("\n"),
        within,
        examples,
        sources: group.sources,
        differ: group.differ,
        key: group.key.clone(),
        figures,
    })
}

/// A date group as a draft: the dated word's forms (`crash*`) as near words.
fn date_draft(group: &Group, ids: &mut BTreeSet<String>) -> Option<Draft> {
    let head = group.statements.first()?.noun.clone();
    let words = format!("{head}*");
    let id = unique_id(&format!("{head}_date"), ids);
    let within = WITHIN + 1;
    let rules = compiled_as(Kind::Date, &id, &[words.as_str()], within)?;
    let (examples, figures) = examples_and_figures(group, &rules);
    if examples.is_empty() {
        return None;
    }
    ids.insert(id.clone());
    Some(Draft {
        kind: Kind::Date,
        id,
        label: format!("Date of the {head}… (draft: say what)"),
        over_time: false,
        unit: String::new(),
        words,
        within,
        examples,
        sources: group.sources,
        differ: group.differ,
        key: group.key.clone(),
        figures,
    })
}

/// `base`, or `base_2`, `base_3`… if taken; always a valid claim id.
fn unique_id(base: &str, ids: &BTreeSet<String>) -> String {
    let clean: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let clean = clean.trim_matches('_').to_string();
    let clean = if clean.starts_with(|c: char| c.is_ascii_lowercase()) {
        clean
    } else {
        format!("n_{clean}")
    };
    let mut id = clean.clone();
    let mut n = 2;
    while ids.contains(&id) {
        id = format!("{clean}_{n}");
        n += 1;
    }
    id
}

/// One example per source (up to [`MAX_EXAMPLES`]) that `rules` find, and the distinct
/// figures as written.
fn examples_and_figures(group: &Group, rules: &RuleSet) -> (Vec<(String, String)>, Vec<String>) {
    let mut examples = Vec::new();
    let mut seen = BTreeSet::new();
    let mut figures: Vec<String> = Vec::new();
    for s in &group.statements {
        if !figures.contains(&s.raw) {
            figures.push(s.raw.clone());
        }
        if examples.len() < MAX_EXAMPLES
            && !seen.contains(&s.source)
            && finds(rules, &s.sentence, &s.raw)
        {
            examples.push((s.sentence.clone(), s.raw.clone()));
            seen.insert(s.source);
        }
    }
    (examples, figures)
}

/// The draft rule alone, compiled; `None` if it does not compile (it always should).
fn compiled(id: &str, groups: &[&str], within: u8) -> Option<RuleSet> {
    compiled_as(Kind::Count, id, groups, within)
}

fn compiled_as(kind: Kind, id: &str, groups: &[&str], within: u8) -> Option<RuleSet> {
    let words: Vec<String> = groups.iter().map(|g| quoted(g)).collect();
    let yaml = format!(
        "claims:\n  - id: {id}\n    label: draft\n    kind: {kind}\n    near: {{words: [{}], within: {within}}}\n",
        words.join(", ")
    );
    let file = parse_claim_file(Path::new("suggest.yaml"), &yaml).ok()?;
    compile(&[file]).ok()
}

/// Whether `rules` find `value` in `sentence`.
fn finds(rules: &RuleSet, sentence: &str, value: &str) -> bool {
    let Ok((article, _)) = parse_article(Path::new("example.txt"), sentence.as_bytes()) else {
        return false;
    };
    extract(rules, &article)
        .iter()
        .any(|m| article.text.get(m.value_span.clone()).map(str::trim) == Some(value))
}

/// A string as a YAML double-quoted scalar (JSON string syntax, which YAML accepts).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// The draft claim file: a header that says it is a draft, then each claim with a comment
/// saying how many sources state it and whether they differ.
pub fn yaml(drafts: &[Draft], articles: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# DRAFT claims suggested by `claimdiff suggest` from {articles} articles. Review every claim\n\
         # before use: rename ids and labels, prune what is not about the event, add `context`\n\
         # words that tie a figure to this event, then `claimdiff lint`, `claimdiff test` and\n\
         # `claimdiff coverage` on the articles."
    );
    out.push_str("claims:\n");
    if drafts.is_empty() {
        out.truncate(out.len() - 1);
        out.push_str(" []\n");
        return out;
    }
    for d in drafts {
        let agreement = if d.differ {
            format!("they differ: {}", d.figures.join(", "))
        } else {
            "they agree".to_string()
        };
        let _ = writeln!(out, "  # stated by {} sources; {agreement}", d.sources);
        let _ = writeln!(out, "  - id: {}", d.id);
        let _ = writeln!(out, "    label: {}", quoted(&d.label));
        let _ = writeln!(out, "    kind: {}", d.kind);
        if !d.unit.is_empty() {
            let _ = writeln!(out, "    unit: {}", quoted(&d.unit));
        }
        if d.over_time {
            let _ = writeln!(out, "    over_time: true");
        }
        let _ = writeln!(out, "    near:");
        let words: Vec<String> = d.words.lines().map(quoted).collect();
        let _ = writeln!(out, "      words: [{}]", words.join(", "));
        let _ = writeln!(out, "      within: {}", d.within);
        let _ = writeln!(out, "    examples:");
        for (text, value) in &d.examples {
            let _ = writeln!(out, "      - match: {}", quoted(text));
            let _ = writeln!(out, "        value: {}", quoted(value));
        }
        out.push('\n');
    }
    out
}

/// The groups and their statements as JSON, for other tools.
pub fn json(groups: &[Group], drafts: &[Draft], articles: &[Article]) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        suggest_version: u32,
        groups: Vec<GroupOut<'a>>,
    }
    #[derive(Serialize)]
    struct GroupOut<'a> {
        key: &'a str,
        claim: Option<&'a str>,
        sources: usize,
        differ: bool,
        statements: Vec<StatementOut<'a>>,
    }
    #[derive(Serialize)]
    struct StatementOut<'a> {
        path: String,
        outlet: &'a str,
        line: usize,
        column: usize,
        value: &'a str,
        counted: &'a str,
        sentence: &'a str,
    }
    let out = Out {
        suggest_version: SUGGEST_VERSION,
        groups: groups
            .iter()
            .map(|g| GroupOut {
                key: &g.key,
                claim: drafts
                    .iter()
                    .find(|d| d.key == g.key)
                    .map(|d| d.id.as_str()),
                sources: g.sources,
                differ: g.differ,
                statements: g
                    .statements
                    .iter()
                    .map(|s| StatementOut {
                        path: articles[s.source].path.display().to_string(),
                        outlet: &articles[s.source].outlet,
                        line: s.line,
                        column: s.column,
                        value: &s.raw,
                        counted: &s.noun,
                        sentence: &s.sentence,
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}
