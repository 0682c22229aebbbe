//! A reader of a file with a place of its own: every read says where it reads (`pread`), so
//! readers in several threads can share one open file without moving each other's place.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

/// Reads `file` from its own position.
#[derive(Debug)]
pub struct Positioned<'a> {
    file: &'a File,
    at: u64,
}

impl<'a> Positioned<'a> {
    /// A reader at the start of `file`.
    pub fn new(file: &'a File) -> Self {
        Positioned { file, at: 0 }
    }
}

impl Read for Positioned<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = read_at(self.file, buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

impl Seek for Positioned<'_> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let at = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::Current(d) => self.at.checked_add_signed(d),
            SeekFrom::End(d) => self.file.metadata()?.len().checked_add_signed(d),
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
        let mut a = BufReader::with_capacity(4, Positioned::new(&file));
        let mut b = BufReader::with_capacity(4, Positioned::new(&file));
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
