//! Touching the cache dir safely: whatever another program left there (a
//! symbolic link planted as an entry, a FIFO or a device in a file's
//! place) is refused at once, never followed, waited on or read without
//! end, and nothing is ever built or removed through a link.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// Opens `path` for reading if it is a regular file, without following a
/// link at its last part. `O_NONBLOCK` makes opening a FIFO return at once
/// instead of waiting for a writer; the type is then checked on the open
/// handle, so nothing can be swapped in between.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => refused(path, "is a symbolic link"),
            _ => e,
        })?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        return Err(refused(path, describe(&kind)));
    }
    Ok(file)
}

/// The bytes of the regular file at `path` (see [`open_regular`]), when
/// there are at most `most` of them: a small file of the cache never
/// grows past what was written, so a larger one is not ours.
pub fn read_small(path: &Path, most: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(most + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > most {
        return Err(refused(path, "is larger than the cache ever writes it"));
    }
    Ok(bytes)
}

/// Whether `path` is a directory of its own: `Ok(false)` when there is
/// nothing there, an error when a link or anything but a directory is.
pub fn is_real_dir(path: &Path) -> io::Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(true),
        Ok(meta) => Err(refused(path, describe(&meta.file_type()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Makes the directory `path` (and the dirs above it) unless it is there;
/// an error when a link or anything but a directory is in its place, so
/// that what is built in it never lands outside the cache.
pub fn make_real_dir(path: &Path) -> io::Result<()> {
    if is_real_dir(path)? {
        return Ok(());
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    match fs::create_dir(path) {
        Ok(()) => Ok(()),
        // Made meanwhile by another process: as good, if it is a directory.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => is_real_dir(path).map(|_| ()),
        Err(e) => Err(e),
    }
}

/// Removes whatever is at `path` without following a link: a directory of
/// its own with everything in it (links inside removed, never followed), a
/// link itself, a file. Nothing there is no error.
pub fn remove_no_follow(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// What the temporary file of an entry being written starts with.
pub const BUILDING_ENTRY: &str = ".building-";
/// What the temporary directory of abstracts being indexed starts with.
pub const BUILDING_ABSTRACTS: &str = ".abstracts-";

/// A lock held on a build's temporary file or directory while the build
/// runs: the system lets it go when the process ends, however it ends.
pub struct Claim {
    _file: File,
}

impl Claim {
    /// Claims the file or directory at `path` for this build.
    pub fn on(path: &Path) -> io::Result<Claim> {
        let file = File::open(path)?;
        // Waits out a sweep's look at it, which holds it for an instant.
        file.lock()?;
        Ok(Claim { _file: file })
    }

    /// Whether a running build holds the file or directory at `path`.
    fn is_held(path: &Path) -> bool {
        let opened = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
            .open(path);
        match opened {
            Ok(file) => file.try_lock().is_err(),
            // A link planted under a build's name is no build.
            Err(_) => false,
        }
    }
}

/// A build claims its file a moment after making it: one changed this
/// recently may be that moment's, and is left for a later sweep.
const SETTLED: std::time::Duration = std::time::Duration::from_secs(10);

fn is_recent(path: &Path) -> bool {
    fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < SETTLED)
}

/// Whether a running build holds a temporary file or directory in the
/// entry directory `dir`.
pub fn has_running_build(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|items| {
        items.flatten().any(|item| {
            let name = item.file_name();
            let name = name.to_string_lossy();
            (name.starts_with(BUILDING_ENTRY) || name.starts_with(BUILDING_ABSTRACTS))
                && Claim::is_held(&item.path())
        })
    })
}

/// Removes from the entry directory `dir` what builds that no longer run
/// left behind (a process killed, or quit in the middle): their temporary
/// files and directories. Bytes sweeps in all; failures do not matter, the
/// next build sweeps again.
pub fn sweep_builds(dir: &Path) -> u64 {
    let Ok(items) = fs::read_dir(dir) else {
        return 0;
    };
    let mut swept = 0;
    for item in items.flatten() {
        let name = item.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(BUILDING_ENTRY) || name.starts_with(BUILDING_ABSTRACTS)) {
            continue;
        }
        let path = item.path();
        // A link under a build's name was never made by a build.
        let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link && (Claim::is_held(&path) || is_recent(&path)) {
            continue;
        }
        let size = size_of(&path);
        if remove_no_follow(&path).is_ok() {
            swept += size;
        }
    }
    swept
}

/// Bytes in the files under `path`.
pub fn size_of(path: &Path) -> u64 {
    let Ok(read) = std::fs::read_dir(path) else {
        return std::fs::symlink_metadata(path).map_or(0, |m| m.len());
    };
    read.flatten()
        .map(|item| match item.file_type() {
            Ok(t) if t.is_dir() => size_of(&item.path()),
            _ => item.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

/// An error saying why `path` was not used.
fn refused(path: &Path, what: &str) -> io::Error {
    io::Error::other(format!("{} {what}; left alone", path.display()))
}

/// What a file type is, in words.
fn describe(kind: &fs::FileType) -> &'static str {
    if kind.is_symlink() {
        "is a symbolic link"
    } else if kind.is_dir() {
        "is a directory"
    } else if kind.is_fifo() {
        "is a named pipe"
    } else if kind.is_socket() {
        "is a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "is a device"
    } else if kind.is_file() {
        "is a file"
    } else {
        "is not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    // Making a FIFO is a libc call, which is unsafe.
    #[allow(unsafe_code)]
    fn fifo(path: &Path) {
        let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    }

    #[test]
    fn only_regular_files_are_opened_never_a_fifo_or_a_link() {
        let dir = tempfile::TempDir::new().unwrap();
        let file = dir.path().join("f");
        fs::write(&file, "ok").unwrap();
        assert_eq!(read_small(&file, 10).unwrap(), b"ok");
        assert!(read_small(&file, 1).is_err());
        let pipe = dir.path().join("p");
        fifo(&pipe);
        let e = open_regular(&pipe).unwrap_err().to_string();
        assert!(e.contains("named pipe"), "{e}");
        let link = dir.path().join("l");
        symlink(&file, &link).unwrap();
        let e = open_regular(&link).unwrap_err().to_string();
        assert!(e.contains("symbolic link"), "{e}");
        assert!(open_regular(Path::new("/dev/zero")).is_err());
        assert!(open_regular(dir.path()).is_err());
    }

    #[test]
    fn a_link_in_a_directorys_place_is_neither_built_in_nor_removed() {
        let dir = tempfile::TempDir::new().unwrap();
        let outside = tempfile::TempDir::new().unwrap();
        fs::write(outside.path().join("keep"), "mine").unwrap();
        let entry = dir.path().join("entry");
        symlink(outside.path(), &entry).unwrap();
        assert!(make_real_dir(&entry).is_err());
        remove_no_follow(&entry).unwrap();
        assert!(
            outside.path().join("keep").exists(),
            "the link went, not its target"
        );
        let fresh = dir.path().join("a/b");
        make_real_dir(&fresh).unwrap();
        make_real_dir(&fresh).unwrap();
        assert!(is_real_dir(&fresh).unwrap());
        remove_no_follow(&fresh).unwrap();
        assert!(!is_real_dir(&fresh).unwrap());
    }

    #[test]
    fn a_sweep_removes_what_cut_short_builds_left_and_spares_running_ones() {
        let dir = tempfile::TempDir::new().unwrap();
        let outside = tempfile::TempDir::new().unwrap();
        fs::write(outside.path().join("keep"), "mine").unwrap();
        let dead_file = dir.path().join(".building-dead");
        fs::write(&dead_file, vec![0u8; 4096]).unwrap();
        let dead_dir = dir.path().join(".abstracts-dead");
        fs::create_dir(&dead_dir).unwrap();
        fs::write(dead_dir.join("seg"), vec![0u8; 4096]).unwrap();
        let running = dir.path().join(".abstracts-running");
        fs::create_dir(&running).unwrap();
        let _claim = Claim::on(&running).unwrap();
        let planted = dir.path().join(".abstracts-planted");
        symlink(outside.path(), &planted).unwrap();
        fs::write(dir.path().join("index"), "entry").unwrap();
        let young = dir.path().join(".building-young");
        fs::write(&young, "just made").unwrap();
        let long_ago = std::time::SystemTime::now() - SETTLED * 2;
        for old in [&dead_file, &dead_dir, &running] {
            File::open(old).unwrap().set_modified(long_ago).unwrap();
        }

        assert!(has_running_build(dir.path()));
        assert!(sweep_builds(dir.path()) >= 8192);
        assert!(!dead_file.exists() && !dead_dir.exists());
        assert!(running.exists(), "a build that runs is left alone");
        assert!(
            young.exists(),
            "a build that may not have claimed its file yet"
        );
        assert!(
            fs::symlink_metadata(&planted).is_err(),
            "the link itself went"
        );
        assert!(outside.path().join("keep").exists());
        assert!(dir.path().join("index").exists());
    }
}
