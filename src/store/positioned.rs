//! A reader of the store's bytes with a place of its own: every read says where it reads
//! (`pread` for a file), so readers in several threads can share one backing without moving
//! each other's place.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

/// Where a store's records are: a temporary file, or memory.
#[derive(Debug)]
pub(crate) enum Backing {
    /// An anonymous temporary file.
    File(File),
    /// The bytes themselves.
    Memory(Vec<u8>),
}

impl Backing {
    fn len(&self) -> io::Result<u64> {
        match self {
            Backing::File(file) => Ok(file.metadata()?.len()),
            Backing::Memory(bytes) => Ok(bytes.len() as u64),
        }
    }

    fn read_at(&self, buf: &mut [u8], at: u64) -> io::Result<usize> {
        match self {
            Backing::File(file) => read_at(file, buf, at),
            Backing::Memory(bytes) => {
                let start = usize::try_from(at).unwrap_or(usize::MAX).min(bytes.len());
                let n = buf.len().min(bytes.len() - start);
                buf[..n].copy_from_slice(&bytes[start..start + n]);
                Ok(n)
            }
        }
    }
}

/// Reads a backing from its own position.
#[derive(Debug)]
pub(crate) struct Positioned<'a> {
    backing: &'a Backing,
    at: u64,
}

impl<'a> Positioned<'a> {
    /// A reader at the start of `backing`.
    pub fn new(backing: &'a Backing) -> Self {
        Positioned { backing, at: 0 }
    }
}

impl Read for Positioned<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.backing.read_at(buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

impl Seek for Positioned<'_> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let at = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::Current(d) => self.at.checked_add_signed(d),
            SeekFrom::End(d) => self.backing.len()?.checked_add_signed(d),
        };
        self.at = at.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "a seek before the start of the file",
            )
        })?;
        Ok(self.at)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    // Moves the file's shared cursor too, which no reader here uses.
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> io::Result<usize> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "positioned reads are not supported on this platform",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};

    #[test]
    fn readers_of_one_file_keep_their_own_places() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"one\ntwo\nthree\n").unwrap();
        readers_keep_their_own_places(&Backing::File(file));
    }

    #[test]
    fn readers_of_memory_keep_their_own_places() {
        readers_keep_their_own_places(&Backing::Memory(b"one\ntwo\nthree\n".to_vec()));
    }

    fn readers_keep_their_own_places(backing: &Backing) {
        let mut a = BufReader::with_capacity(4, Positioned::new(backing));
        let mut b = BufReader::with_capacity(4, Positioned::new(backing));
        b.seek(SeekFrom::Start(8)).unwrap();
        let (mut x, mut y) = (String::new(), String::new());
        a.read_line(&mut x).unwrap();
        b.read_line(&mut y).unwrap();
        a.read_line(&mut x).unwrap();
        assert_eq!((x.as_str(), y.as_str()), ("one\ntwo\n", "three\n"));
        assert!(b.seek(SeekFrom::Current(-100)).is_err());
        assert_eq!(b.seek(SeekFrom::End(-6)).unwrap(), 8);
    }
}
