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
///
/// A symbolic link is followed: its target is replaced, the link stays. A special file (a
/// FIFO, a terminal, `/dev/null`) is written to directly: replacing it would destroy it.
pub(crate) fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let resolved = followed(path);
    let path = resolved.as_path();
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() && !meta.is_dir() {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            return write(&mut file)
                .and_then(|()| file.flush())
                .with_context(|| format!("cannot write {}", path.display()));
        }
    }
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

/// Where `path` leads: the target of a symbolic link (followed to the end, relative targets
/// taken from the link's folder, at most 40 links), else `path` itself.
fn followed(path: &Path) -> std::path::PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return current;
        }
        let Ok(target) = std::fs::read_link(&current) else {
            return current;
        };
        current = match current.parent() {
            Some(folder) if target.is_relative() => folder.join(target),
            _ => target,
        };
    }
    current
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

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_and_a_device_written_to_directly() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        // A FIFO is written to, and stays a FIFO.
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: the link case above still ran
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe").unwrap();
        // Checked before waiting for the reader, which a replaced FIFO would leave waiting.
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), "through the pipe");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            3,
            "no temporary file left"
        );
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
