//! One small JSON file in a config dir, kept safe whatever is found there.
//!
//! - Only regular files are read or locked: a FIFO, socket, device or
//!   directory in the file's place is refused at once, never waited on.
//! - Every replacement happens under an exclusive lock on a separate lock
//!   file (never replaced, so every process locks the same inode): a
//!   temporary file with an unpredictable name, created exclusively in the
//!   target's directory, fsync, rename over the target, fsync of the
//!   directory. A kill at any moment leaves the old or the new file.
//! - A symbolic link in the file's place (a dotfiles setup) is written
//!   through: the link's final target is replaced, and the link stays.
//! - Temporary files left by a killed save are removed by the next one:
//!   saves only happen under the lock, so one that exists while the lock is
//!   held belongs to a save that is no more.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::corpus::sanitize::clean_line;

/// How many symbolic links are followed before giving up, as the kernel's
/// own limit.
const MAX_LINKS: usize = 40;

/// Why a file could not be read, locked or replaced; `Display` is one
/// clean line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct FileError {
    /// The path involved, cleaned for the terminal.
    pub path: String,
    /// What went wrong, cleaned for the terminal.
    pub reason: String,
}

impl FileError {
    /// An error about `path` for any reason.
    pub fn new(path: &Path, reason: &str) -> FileError {
        FileError {
            path: clean_line(&path.display().to_string()),
            reason: clean_line(reason),
        }
    }

    fn io(path: &Path, e: &io::Error) -> FileError {
        FileError::new(path, &crate::corpus::io_reason(e))
    }

    /// The config dir could not be made or written in: which, and what to
    /// do about it, rather than the system's two words.
    fn unusable_dir(dir: &Path, e: &io::Error) -> FileError {
        let elsewhere = "or choose another directory with --config-dir or PAPERBOAT_CONFIG_DIR";
        let reason = match e.kind() {
            io::ErrorKind::AlreadyExists | io::ErrorKind::NotADirectory => format!(
                "the config directory is a file (or sits under one): move that file away, {elsewhere}"
            ),
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => format!(
                "the config directory cannot be written (permission denied): make it writable, {elsewhere}"
            ),
            _ => crate::corpus::io_reason(e),
        };
        FileError::new(dir, &reason)
    }

    fn not_regular(path: &Path) -> FileError {
        // Best effort: the kind helps the user find what is in the way.
        let kind = fs::metadata(path).ok().map(|m| describe(&m.file_type()));
        let reason = match kind {
            Some(kind) => format!("is {kind}, not a regular file; refused"),
            None => "not a regular file; refused".to_string(),
        };
        FileError::new(path, &reason)
    }
}

fn describe(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "something else"
    }
}

/// Proof that the lock is held; dropping it releases the lock.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// A JSON file `name` in `dir`, locked through `lock_name` in `dir`.
#[derive(Debug, Clone)]
pub struct JsonFile {
    dir: PathBuf,
    name: String,
    lock_name: String,
}

impl JsonFile {
    /// The file `name` in `dir`, locked through `lock_name` next to it.
    pub fn new(dir: impl Into<PathBuf>, name: &str, lock_name: &str) -> JsonFile {
        JsonFile {
            dir: dir.into(),
            name: name.to_string(),
            lock_name: lock_name.to_string(),
        }
    }

    /// The file's path in its directory (maybe a symbolic link).
    pub fn path(&self) -> PathBuf {
        self.dir.join(&self.name)
    }

    /// The file's bytes with a UTF-8 byte order mark removed; `None` when
    /// there is no file (or no directory) yet.
    pub fn read(&self) -> Result<Option<Vec<u8>>, FileError> {
        read_regular(&self.path(), u64::MAX)
    }

    /// Waits for the exclusive lock, creating the directory if need be.
    pub fn lock(&self) -> Result<Lock, FileError> {
        fs::create_dir_all(&self.dir).map_err(|e| FileError::unusable_dir(&self.dir, &e))?;
        let path = self.dir.join(&self.lock_name);
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        let file = match open_regular(&path, &options) {
            Ok(file) => file,
            // Even with `create`: a link into a directory that is not there.
            Err(Open::Missing) => return Err(FileError::new(&path, "no such file")),
            Err(Open::Failed(e)) => return Err(e),
        };
        file.lock().map_err(|e| FileError::io(&path, &e))?;
        Ok(Lock { _file: file })
    }

    /// Replaces the file's content with `bytes`, atomically, under `lock`.
    pub fn replace(&self, _lock: &Lock, bytes: &[u8]) -> Result<(), FileError> {
        let path = self.path();
        let target = resolve(&path).map_err(|e| FileError::io(&path, &e))?;
        let (dir, name) = split(&target);
        remove_stale(&self.dir, &self.name);
        remove_stale(&dir, &name);
        let existing = match fs::symlink_metadata(&target) {
            Ok(meta) if !meta.is_file() => return Err(FileError::not_regular(&target)),
            Ok(meta) => Some(meta.permissions()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(FileError::io(&target, &e)),
        };
        let mut tmp = tempfile::Builder::new()
            .prefix(&temp_prefix(&name))
            .rand_bytes(12)
            // As any new file: the umask decides, not a private default.
            .permissions(fs::Permissions::from_mode(0o666))
            .tempfile_in(&dir)
            .map_err(|e| FileError::io(&dir, &e))?;
        let written = (|| {
            // Whoever could read the old file can read the new one.
            if let Some(permissions) = existing {
                tmp.as_file().set_permissions(permissions)?;
            }
            tmp.write_all(bytes)?;
            tmp.as_file().sync_all()
        })();
        written.map_err(|e| FileError::io(tmp.path(), &e))?;
        // On failure the temporary file is removed as it is dropped.
        tmp.persist(&target)
            .map_err(|e| FileError::io(&target, &e.error))?;
        // The rename itself must reach the disk.
        File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| FileError::io(&dir, &e))
    }

    /// Moves the file (a link's final target) aside to
    /// `<name>.corrupt-<timestamp>` next to it, under a name no file has
    /// yet; returns where it went.
    pub fn move_aside(&self) -> Result<PathBuf, FileError> {
        let path = self.path();
        let target = resolve(&path).map_err(|e| FileError::io(&path, &e))?;
        let (dir, name) = split(&target);
        let stamp = humantime::format_rfc3339_seconds(SystemTime::now())
            .to_string()
            .replace(':', "");
        let mut aside = dir.join(format!("{name}.corrupt-{stamp}"));
        let mut n = 2;
        while fs::symlink_metadata(&aside).is_ok() {
            aside = dir.join(format!("{name}.corrupt-{stamp}-{n}"));
            n += 1;
        }
        fs::rename(&target, &aside).map_err(|e| FileError::io(&target, &e))?;
        Ok(aside)
    }
}

/// The bytes of the regular file at `path`, a UTF-8 byte order mark
/// removed; `None` when there is no file (or no directory). A FIFO, device
/// or directory is refused without waiting on it, and a file over `limit`
/// bytes without reading it all.
pub fn read_regular(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, FileError> {
    let file = match open_regular(path, OpenOptions::new().read(true)) {
        Ok(file) => file,
        Err(Open::Missing) => return Ok(None),
        Err(Open::Failed(e)) => return Err(e),
    };
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, &e))?;
    if bytes.len() as u64 > limit {
        let reason = format!("is larger than {}; refused", crate::units::bytes(limit));
        return Err(FileError::new(path, &reason));
    }
    // Some editors on some systems start a UTF-8 file with one.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    Ok(Some(bytes))
}

/// Why a file was not opened.
enum Open {
    /// There is no such file (or no such directory).
    Missing,
    /// Anything else.
    Failed(FileError),
}

/// Opens `path` only if it is a regular file. `O_NONBLOCK` makes opening
/// a FIFO return at once (or fail with ENXIO when writing) instead of
/// waiting for a writer; the type is then checked on the open handle, so
/// nothing can be swapped in between.
fn open_regular(path: &Path, options: &OpenOptions) -> Result<File, Open> {
    let mut options = options.clone();
    options.custom_flags(libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| {
        if matches!(
            e.kind(),
            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
        ) {
            Open::Missing
        } else if matches!(e.raw_os_error(), Some(libc::ENXIO | libc::EISDIR)) {
            // A FIFO with no reader or a socket, opened for writing; a
            // directory opened for writing.
            Open::Failed(FileError::not_regular(path))
        } else if e.kind() == io::ErrorKind::PermissionDenied {
            let dir = path.parent().unwrap_or(path);
            Open::Failed(FileError::unusable_dir(dir, &e))
        } else {
            Open::Failed(FileError::io(path, &e))
        }
    })?;
    let meta = file
        .metadata()
        .map_err(|e| Open::Failed(FileError::io(path, &e)))?;
    if !meta.is_file() {
        return Err(Open::Failed(FileError::not_regular(path)));
    }
    Ok(file)
}

/// The file `path` finally names: symbolic links followed to the end of
/// their chain, each relative target taken relative to its link's
/// directory. A dangling chain ends at the missing file, which a save then
/// creates.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                // `join` keeps an absolute target as it is.
                current = match current.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// The directory and file name of a resolved path.
fn split(path: &Path) -> (PathBuf, String) {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (dir, name)
}

/// Temporary files of `name` start with this; it is also the whole name
/// older versions used with their process id after it.
fn temp_prefix(name: &str) -> String {
    format!(".{name}.tmp-")
}

/// Removes what killed saves left of `name` in `dir`. Only called under
/// the lock; failures do not matter, the next save tries again.
fn remove_stale(dir: &Path, name: &str) {
    let prefix = temp_prefix(name);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            // Unlinks a planted symbolic link itself, never its target.
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;
    use crate::store::bookmarks::tests::bookmark;
    use crate::store::bookmarks::{Change, Store};
    use tempfile::TempDir;

    fn file(dir: &Path) -> JsonFile {
        JsonFile::new(dir, "read.json", "read.lock")
    }

    #[test]
    fn a_missing_file_reads_as_none_and_a_bom_is_dropped() {
        let dir = TempDir::new().unwrap();
        let f = file(dir.path());
        assert_eq!(f.read(), Ok(None));
        assert_eq!(file(&dir.path().join("absent")).read(), Ok(None));
        fs::write(f.path(), b"\xEF\xBB\xBF{}").unwrap();
        assert_eq!(f.read(), Ok(Some(b"{}".to_vec())));
    }

    #[test]
    fn a_new_file_has_a_new_files_permissions_and_a_replaced_one_keeps_its_own() {
        let dir = TempDir::new().unwrap();
        let f = file(dir.path());
        let lock = f.lock().unwrap();
        f.replace(&lock, b"first").unwrap();
        let probe = dir.path().join("probe");
        File::create(&probe).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&f.path()), mode(&probe));
        drop(lock);
        fs::write(f.path(), b"old").unwrap();
        fs::set_permissions(f.path(), fs::Permissions::from_mode(0o640)).unwrap();
        let lock = f.lock().unwrap();
        f.replace(&lock, b"new").unwrap();
        let meta = fs::metadata(f.path()).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o640);
        assert_eq!(fs::read(f.path()).unwrap(), b"new");
    }

    #[test]
    fn a_loop_of_links_is_an_error_not_a_hang() {
        let dir = TempDir::new().unwrap();
        let f = file(dir.path());
        std::os::unix::fs::symlink("read.json", f.path()).unwrap();
        assert!(f.read().unwrap_err().reason.contains("symbolic links"));
        let lock = f.lock().unwrap();
        let err = f.replace(&lock, b"{}").unwrap_err();
        assert!(err.reason.contains("symbolic links"), "{err}");
    }

    // The store through the real files: what each kind of file in the way
    // does to it.

    /// `f()`, failing the test when it does not return within seconds: a
    /// hang must fail, not stall the run.
    fn within<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(std::time::Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("{what} hangs"))
    }

    /// Puts a file that is not a regular one at `path`; what it returns
    /// keeps it alive (a socket lives as long as its listener).
    #[cfg(unix)]
    // Making a FIFO is a libc call, which is unsafe.
    #[allow(unsafe_code)]
    fn plant(path: &Path, kind: &str) -> Option<std::os::unix::net::UnixListener> {
        use std::os::unix::ffi::OsStrExt;
        match kind {
            "fifo" => {
                let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
                // SAFETY: a valid NUL-terminated path that outlives the call.
                assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
                None
            }
            "socket" => Some(std::os::unix::net::UnixListener::bind(path).unwrap()),
            "directory" => {
                fs::create_dir(path).unwrap();
                None
            }
            "device" => {
                std::os::unix::fs::symlink("/dev/null", path).unwrap();
                None
            }
            _ => unreachable!(),
        }
    }

    #[cfg(unix)]
    const NOT_REGULAR: [&str; 4] = ["fifo", "socket", "directory", "device"];

    #[cfg(unix)]
    #[test]
    fn a_file_that_is_not_a_regular_one_is_refused_at_once() {
        for kind in NOT_REGULAR {
            let dir = TempDir::new().unwrap();
            let store = Store::new(dir.path());
            let _alive = plant(&store.path(), kind);
            let (load, save) = within(kind, {
                let store = store.clone();
                move || (store.load(), store.apply(Change::Add(bookmark("a"))))
            });
            for err in [load.unwrap_err(), save.unwrap_err()] {
                assert!(matches!(err, StoreError::Io { .. }), "{kind}: {err}");
                let text = err.to_string();
                assert!(text.contains("not a regular file"), "{kind}: {text}");
                assert!(text.contains("bookmarks.json"), "{kind}: {text}");
            }
            // Nothing was moved aside or replaced.
            assert!(fs::symlink_metadata(store.path()).is_ok(), "{kind}");
            let names: Vec<_> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert!(names.len() <= 2, "{kind}: {names:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_that_is_not_a_regular_file_is_refused_at_once() {
        for kind in NOT_REGULAR {
            let dir = TempDir::new().unwrap();
            let store = Store::new(dir.path());
            let _alive = plant(&dir.path().join("bookmarks.lock"), kind);
            let err = within(kind, {
                let store = store.clone();
                move || store.apply(Change::Add(bookmark("a")))
            })
            .unwrap_err();
            assert!(matches!(err, StoreError::Io { .. }), "{kind}: {err}");
            let text = err.to_string();
            assert!(text.contains("not a regular file"), "{kind}: {text}");
            assert!(text.contains("bookmarks.lock"), "{kind}: {text}");
            assert!(!store.path().exists(), "{kind}: nothing saved unlocked");
        }
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path());
        let text = "\u{FEFF}{\"version\": 1, \"bookmarks\": [{\"id\": \"a\", \"title\": \"Title a\", \"added\": \"2026-01-01T00:00:00Z\", \"links\": [{\"kind\": \"code\", \"url\": \"https://github.com/a/b\"}]}]}";
        fs::write(store.path(), text).unwrap();
        assert_eq!(store.load().unwrap(), [bookmark("a")]);
        store.apply(Change::Add(bookmark("b"))).unwrap();
        assert_eq!(store.load().unwrap(), [bookmark("a"), bookmark("b")]);
        assert!(
            fs::read_dir(dir.path())
                .unwrap()
                .all(|e| { !e.unwrap().file_name().to_string_lossy().contains("corrupt") })
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_planted_at_the_old_temporary_name_is_not_followed() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path().join("config"));
        store.apply(Change::Add(bookmark("a"))).unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, b"precious").unwrap();
        let planted = dir
            .path()
            .join(format!("config/.bookmarks.json.tmp-{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        store.apply(Change::Add(bookmark("b"))).unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        assert!(fs::symlink_metadata(store.path()).unwrap().is_file());
        assert_eq!(store.load().unwrap().len(), 2);
    }

    #[test]
    fn stale_temporary_files_are_removed_by_the_next_save() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path());
        for stale in [
            ".bookmarks.json.tmp-4242",
            ".bookmarks.json.tmp-x7Qz9Lk2Pw1a",
        ] {
            fs::write(dir.path().join(stale), b"{\"half").unwrap();
        }
        fs::write(dir.path().join(".other.json.tmp-4242"), b"theirs").unwrap();
        store.apply(Change::Add(bookmark("a"))).unwrap();
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [".other.json.tmp-4242", "bookmarks.json", "bookmarks.lock"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_chain_of_symlinks_is_written_through_to_its_last_target() {
        use std::os::unix::fs::symlink;
        let root = TempDir::new().unwrap();
        for sub in ["config", "dotfiles", "store"] {
            fs::create_dir(root.path().join(sub)).unwrap();
        }
        let store = Store::new(root.path().join("config"));
        // Relative targets are relative to each link's own directory.
        symlink("../dotfiles/bm.json", store.path()).unwrap();
        symlink("../store/real.json", root.path().join("dotfiles/bm.json")).unwrap();
        let real = root.path().join("store/real.json");
        // A dangling chain: the first save creates the last target.
        store.apply(Change::Add(bookmark("a"))).unwrap();
        store.apply(Change::Add(bookmark("b"))).unwrap();
        assert!(fs::symlink_metadata(store.path()).unwrap().is_symlink());
        assert!(
            fs::symlink_metadata(root.path().join("dotfiles/bm.json"))
                .unwrap()
                .is_symlink()
        );
        assert!(fs::symlink_metadata(&real).unwrap().is_file());
        assert_eq!(store.load().unwrap(), [bookmark("a"), bookmark("b")]);
        let text = fs::read_to_string(&real).unwrap();
        assert!(text.contains("\"Title b\""), "{text}");
        // The lock stays in the config dir; no temporary file anywhere.
        assert!(root.path().join("config/bookmarks.lock").is_file());
        for sub in ["config", "dotfiles", "store"] {
            for entry in fs::read_dir(root.path().join(sub)).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                assert!(!name.contains("tmp"), "{sub}/{name}");
            }
        }
        // An absolute target works too.
        fs::remove_file(store.path()).unwrap();
        symlink(&real, store.path()).unwrap();
        store.apply(Change::Remove("a".into())).unwrap();
        assert!(fs::symlink_metadata(store.path()).unwrap().is_symlink());
        assert_eq!(store.load().unwrap(), [bookmark("b")]);
    }
}
