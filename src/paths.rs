//! Turns command-line inputs (files, folders, globs) into a sorted list of files.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic};

/// Expands `inputs` into files. Folders are walked recursively, keeping files whose extension
/// is in `extensions` (hidden entries skipped); files named directly are kept whatever their
/// extension; globs are expanded. Missing inputs become error diagnostics.
pub(crate) fn expand(inputs: &[PathBuf], extensions: &[&str]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, extensions, &mut files, &mut problems);
        } else if input.exists() {
            files.push(input.clone());
        } else if is_glob(input) {
            expand_glob(input, extensions, &mut files, &mut problems);
        } else {
            problems.push(Diagnostic::error(
                Code::NoSuchFile,
                input,
                "no such file or directory",
            ));
        }
    }
    (dedup_canonical(files), problems)
}

/// Drops files that are the same file as an earlier one (through a symbolic link, `./` or
/// `..`), keeping the first name given.
fn dedup_canonical(files: Vec<PathBuf>) -> Vec<PathBuf> {
    // Resolving a path takes a system call per component: tens of thousands of files are
    // resolved in parallel.
    let canonical: Vec<PathBuf> = files
        .par_iter()
        .map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    files
        .into_iter()
        .zip(canonical)
        .filter_map(|(f, c)| seen.insert(c).then_some(f))
        .collect()
}

fn is_glob(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?', '['])
}

fn expand_glob(
    pattern: &Path,
    extensions: &[&str],
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Diagnostic>,
) {
    let text = pattern.to_string_lossy();
    let entries = match glob::glob(&text) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(Diagnostic::error(
                Code::InvalidGlob,
                pattern,
                format!("invalid glob: {}", err.msg),
            ));
            return;
        }
    };
    let before = files.len();
    for entry in entries {
        match entry {
            Ok(path) if path.is_dir() => walk(&path, extensions, files, problems),
            Ok(path) => keep_regular(path, None, files, problems),
            Err(err) => problems.push(Diagnostic::error(
                Code::CannotRead,
                err.path(),
                format!("cannot read: {}", err.error()),
            )),
        }
    }
    if files.len() == before {
        problems.push(Diagnostic::error(
            Code::GlobMatchesNothing,
            pattern,
            "the glob matches no file",
        ));
    }
}

fn walk(dir: &Path, extensions: &[&str], files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(Diagnostic::error(
                Code::CannotRead,
                dir,
                format!("cannot read folder: {err}"),
            ));
            return;
        }
    };
    // The entry's type comes with the listing on most systems: no call per file to learn it.
    let mut paths: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
        .collect();
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        let is_link = match kind {
            Some(kind) => kind.is_symlink(),
            None => std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()),
        };
        // A link is followed to learn whether it names a folder.
        let is_dir = match kind {
            Some(kind) if !is_link => kind.is_dir(),
            _ => path.is_dir(),
        };
        if is_dir {
            // Linked folders are not followed: a link back up the tree would loop forever.
            if !is_link {
                walk(&path, extensions, files, problems);
            }
        } else if has_extension(&path, extensions) {
            keep_regular(path, kind.filter(|_| !is_link), files, problems);
        }
    }
}

/// Keeps `path` when it is a regular file (a link is followed); a FIFO, socket or device met
/// in a folder or glob is skipped with a warning naming it, never opened: opening a FIFO
/// nobody writes to would wait forever. A special file named on the command line is read
/// (`expand` keeps it without asking). `kind` is the entry's type when the listing gave it.
fn keep_regular(
    path: PathBuf,
    kind: Option<std::fs::FileType>,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Diagnostic>,
) {
    let kind = kind.or_else(|| std::fs::metadata(&path).ok().map(|m| m.file_type()));
    match kind {
        Some(kind) if !kind.is_file() && !kind.is_dir() => problems.push(Diagnostic::warning(
            Code::NotARegularFile,
            &path,
            format!(
                "skipped: not a regular file ({}); name it on its own to read it",
                special_kind(kind)
            ),
        )),
        // A file that vanished or cannot be examined is left for the reader to report.
        _ => files.push(path),
    }
}

/// What kind of special file `kind` is, in words.
fn special_kind(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_sorted_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for name in ["b.yaml", "a.yml", "sub/c.yaml", "notes.txt", ".hidden.yaml"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let (files, problems) = expand(&[dir.path().to_path_buf()], &["yaml", "yml"]);
        assert!(problems.is_empty());
        let names: Vec<_> = files
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.yml", "b.yaml", "sub/c.yaml"]);
    }

    #[test]
    #[cfg(unix)]
    fn links_are_neither_looped_nor_counted_twice() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("sub/a.txt"), dir.path().join("b.txt")).unwrap();
        let (files, problems) = expand(&[dir.path().to_path_buf()], &["txt"]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(files, vec![dir.path().join("b.txt")]);
    }

    #[test]
    fn missing_inputs_are_reported() {
        let (files, problems) = expand(&[PathBuf::from("does/not/exist")], &["txt"]);
        assert!(files.is_empty());
        assert_eq!(problems[0].code, Code::NoSuchFile);
    }

    #[test]
    fn globs_expand() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::fs::write(dir.path().join("b.md"), "x").unwrap();
        let (files, _) = expand(&[dir.path().join("*.txt")], &["txt"]);
        assert_eq!(files.len(), 1);
    }
}
