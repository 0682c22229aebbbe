//! The layers of docs/architecture.md, checked on the source: a module imports only from the
//! layers below it (so there is no import circle between top-level modules), and the files of
//! one folder module never import each other in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module's layer, top to bottom; a module may use only lower numbers.
const LAYERS: &[(&str, u32)] = &[
    ("cli", 90),
    ("app", 80),
    ("coverage", 74),
    ("suggest", 74),
    ("lint", 73),
    ("ruletest", 72),
    ("review", 71),
    ("report", 70),
    ("shard", 60),
    ("diff", 50),
    ("store", 45),
    ("scan", 40),
    ("observation", 35),
    ("extract", 30),
    ("source", 26),
    ("corpus", 25),
    ("rules", 20),
    ("value", 11),
    ("text", 10),
    ("clause", 12),
    ("paths", 6),
    ("diagnostic", 5),
    ("terminal", 4),
    ("ordered", 5),
    ("output", 5),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's code without its unit tests (which may use anything).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("a source file is readable");
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The names that follow `prefix` in `text`, alone or in a `{…}` list (`crate::a`,
/// `crate::{a, b::c}`).
fn names_after(text: &str, prefix: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices(prefix) {
        let rest = &text[at + prefix.len()..];
        if let Some(list) = rest.strip_prefix('{') {
            let list = &list[..list.find('}').unwrap_or(list.len())];
            for item in list.split(',') {
                names.insert(ident(item.trim()));
            }
        } else {
            names.insert(ident(rest));
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

/// Top-level module of a file under src/.
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(src()).expect("a file under src/");
    let first = rel.components().next().expect("a path");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_string()
}

#[test]
fn modules_import_only_from_lower_layers() {
    let layer: BTreeMap<&str, u32> = LAYERS.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let module = module_of(file);
        if module == "main" || module == "lib" {
            continue;
        }
        let Some(&mine) = layer.get(module.as_str()) else {
            wrong.push(format!(
                "{}: module `{module}` has no layer",
                file.display()
            ));
            continue;
        };
        for used in names_after(&code(file), "crate::") {
            if used == module {
                continue;
            }
            match layer.get(used.as_str()) {
                Some(&theirs) if theirs < mine => {}
                _ => wrong.push(format!("{}: `{module}` uses `{used}`", file.display())),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn files_of_one_module_never_import_each_other_in_a_circle() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    // Sibling files of each folder, and which siblings each uses.
    let mut folders: BTreeMap<PathBuf, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let Some(stem) = file.file_stem().map(|s| s.to_string_lossy().to_string()) else {
            continue;
        };
        if stem == "mod" || file.parent() == Some(src().as_path()) {
            continue;
        }
        let folder = file.parent().expect("a folder").to_path_buf();
        let module = folder
            .strip_prefix(src())
            .expect("under src/")
            .to_string_lossy()
            .replace('/', "::");
        let text = code(file);
        let mut used = names_after(&text, "super::");
        used.extend(names_after(&text, &format!("crate::{module}::")));
        folders.entry(folder).or_default().insert(stem, used);
    }
    let mut circles = Vec::new();
    for (folder, siblings) in &folders {
        let edges: BTreeMap<&str, Vec<&str>> = siblings
            .iter()
            .map(|(file, used)| {
                let used = used
                    .iter()
                    .map(String::as_str)
                    .filter(|u| *u != file && siblings.contains_key(*u))
                    .collect();
                (file.as_str(), used)
            })
            .collect();
        for &start in edges.keys() {
            if let Some(path) = path_back(&edges, start) {
                circles.push(format!("{}: {}", folder.display(), path.join(" → ")));
            }
        }
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

/// A path of imports from `start` back to itself, if there is one.
fn path_back<'a>(edges: &BTreeMap<&'a str, Vec<&'a str>>, start: &'a str) -> Option<Vec<&'a str>> {
    let mut stack = vec![vec![start]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = *path.last()?;
        for &next in edges.get(last).into_iter().flatten() {
            if next == start {
                let mut circle = path.clone();
                circle.push(start);
                return Some(circle);
            }
            if seen.insert(next) {
                let mut longer = path.clone();
                longer.push(next);
                stack.push(longer);
            }
        }
    }
    None
}
