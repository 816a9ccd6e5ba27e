//! One sync at a time: a sync holds `<library>/sync.lock` (an advisory
//! lock the system drops when the process ends, however it ends), with
//! the holder's process id and start time written in it for the message
//! a second sync gives.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::corpus::Instant;
use crate::corpus::sanitize::clean_line;

const FILE_NAME: &str = "sync.lock";

/// The lock of one library.
#[derive(Debug, Clone)]
pub struct SyncLock {
    path: PathBuf,
}

/// The lock, held until dropped.
#[derive(Debug)]
pub struct Held {
    _file: File,
}

impl SyncLock {
    /// The lock in the library folder `dir`.
    pub fn new(dir: &Path) -> SyncLock {
        SyncLock {
            path: dir.join(FILE_NAME),
        }
    }

    /// Takes the lock without waiting; when another process holds it, the
    /// error says which (`another sync is running (process 4242, since
    /// 2025-12-06T07:00:00Z)`).
    pub fn try_hold(&self) -> Result<Held, String> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)
            .map_err(|e| format!("{}: {}", dir.display(), crate::corpus::io_reason(&e)))?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .custom_flags_nofollow()
            .open(&self.path)
            .map_err(|e| format!("{}: {}", self.path.display(), crate::corpus::io_reason(&e)))?;
        match file.try_lock() {
            Ok(()) => {
                let holder = format!("process {}, since {}", std::process::id(), Instant::now());
                let _ = file.set_len(0);
                let _ = file.rewind();
                let _ = file.write_all(holder.as_bytes());
                Ok(Held { _file: file })
            }
            Err(_) => {
                let mut holder = String::new();
                let _ = file.take(200).read_to_string(&mut holder);
                let holder = clean_line(holder.trim());
                Err(if holder.is_empty() {
                    "another sync is running".to_string()
                } else {
                    format!("another sync is running ({holder})")
                })
            }
        }
    }
}

/// `O_NOFOLLOW`: a link planted as the lock file is refused, not followed.
trait NoFollow {
    fn custom_flags_nofollow(&mut self) -> &mut Self;
}

impl NoFollow for OpenOptions {
    fn custom_flags_nofollow(&mut self) -> &mut Self {
        use std::os::unix::fs::OpenOptionsExt;
        self.custom_flags(libc::O_NOFOLLOW)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    #[test]
    fn a_second_holder_is_told_who_holds_it() {
        let dir = TempDir::new().unwrap();
        let lock = SyncLock::new(dir.path());
        let held = lock.try_hold().unwrap();
        let refused = lock.try_hold().unwrap_err();
        assert!(
            refused.starts_with("another sync is running (process "),
            "{refused}"
        );
        drop(held);
        assert!(lock.try_hold().is_ok());
    }
}
