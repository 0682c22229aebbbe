//! Writing a finished rendering: to standard output, or atomically to a file, so a failed or
//! interrupted write never leaves a truncated report where a good one was.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed over `path`
/// once complete (the rename is atomic on one file system).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] for output produced by `write` as it goes, never held whole.
pub(crate) fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let shown = path.display();
    let mut file = tempfile::NamedTempFile::new_in(folder).with_context(|| {
        format!(
            "cannot write {shown}: cannot create a file in {}",
            folder.display()
        )
    })?;
    write(&mut file)
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("cannot write {shown}"))?;
    keep_permissions(path, file.as_file())?;
    file.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {shown}"))?;
    Ok(())
}

/// A temporary file is private (0600); the report gets the permissions of the file it replaces,
/// or the usual 0644 for a new one.
fn keep_permissions(path: &Path, file: &std::fs::File) -> anyhow::Result<()> {
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => default_permissions(file)?,
    };
    file.set_permissions(permissions)
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(unix)]
fn default_permissions(_: &std::fs::File) -> anyhow::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> anyhow::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("report.html");
        let err = write_atomic(&path, b"new").unwrap_err();
        assert!(format!("{err:#}").contains("cannot write"), "{err:#}");
        let existing = dir.path().join("keep.html");
        std::fs::write(&existing, "old").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        // A folder in the way makes the rename fail; the temporary file goes, `keep.html` stays.
        assert!(write_atomic(&dir.path().join("sub"), b"new").is_err());
        assert_eq!(std::fs::read_to_string(&existing).unwrap(), "old");
    }
}
