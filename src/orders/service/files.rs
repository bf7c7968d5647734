//! Report attachments: the type is decided by the bytes, not the name; files are stored
//! under the data folder by content hash, so a name can never choose where bytes land; and
//! the janitor that removes stored files no row refers to (a refused or crashed request's).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

pub const MAX_FILES: usize = 10;

/// The types we accept, recognised by their first bytes, with the extensions that may name them.
pub fn sniff(head: &[u8]) -> Option<(&'static str, &'static [&'static str])> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("image/jpeg", &["jpg", "jpeg"]))
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("image/png", &["png"]))
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some(("image/webp", &["webp"]))
    } else if head.starts_with(b"%PDF-") {
        Some(("application/pdf", &["pdf"]))
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    BadName,
    UnknownType,
    NameMismatch,
    Empty,
}

impl FileProblem {
    pub fn message_key(self) -> &'static str {
        match self {
            FileProblem::BadName => "err-file-name",
            FileProblem::UnknownType => "err-file-type",
            FileProblem::NameMismatch => "err-file-mismatch",
            FileProblem::Empty => "err-file-empty",
        }
    }
}

/// A plain file name: no folders, no parent references, no control characters, ≤ 120 chars.
pub fn check_name(name: &str) -> Result<&str, FileProblem> {
    let bad = name.is_empty()
        || name.chars().count() > 120
        || name.contains(['/', '\\'])
        || name.contains("..")
        || name.chars().any(|c| c.is_control());
    if bad {
        Err(FileProblem::BadName)
    } else {
        Ok(name)
    }
}

/// Checks a file's first bytes against its name: the content must be an accepted type and
/// the name's extension must be one of that type's. (Size limits are the upload's.)
pub fn check(name: &str, head: &[u8], size: u64) -> Result<&'static str, FileProblem> {
    let name = check_name(name)?;
    if size == 0 {
        return Err(FileProblem::Empty);
    }
    let (content_type, extensions) = sniff(head).ok_or(FileProblem::UnknownType)?;
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !extensions.contains(&ext.as_str()) {
        return Err(FileProblem::NameMismatch);
    }
    Ok(content_type)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Where a file with this hash lives: `files/ab/abcdef…`.
pub fn path_for(data_dir: &Path, sha256: &str) -> PathBuf {
    data_dir.join("files").join(&sha256[..2]).join(sha256)
}

/// Writes the bytes under their hash (atomically: temp file, then rename); a file already
/// there is the same content and is kept. Returns the hash.
pub fn store(data_dir: &Path, bytes: &[u8]) -> std::io::Result<String> {
    let sha = sha256_hex(bytes);
    let path = path_for(data_dir, &sha);
    if path.exists() {
        return Ok(sha);
    }
    let dir = path.parent().expect("hash path has a folder");
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{sha}.{}.tmp", std::process::id()));
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&tmp, &path)?;
    Ok(sha)
}

/// Where uploads wait while they arrive: inside `files/`, so placing one is a rename.
pub fn temp_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("files").join("tmp")
}

/// Moves a received file (already synced) to its hash's place. When the same content is
/// already stored, the copy is dropped and the stored file's time refreshed, so the janitor
/// does not take it while the row that refers to it is being written.
pub fn place(data_dir: &Path, temp: &Path, sha256: &str) -> std::io::Result<()> {
    let path = path_for(data_dir, sha256);
    if path.exists() {
        std::fs::File::options()
            .append(true)
            .open(&path)?
            .set_modified(SystemTime::now())?;
        return std::fs::remove_file(temp);
    }
    std::fs::create_dir_all(path.parent().expect("hash path has a folder"))?;
    std::fs::rename(temp, &path)
}

/// Removes stored files no row refers to and leftover temporary uploads, when last changed
/// before `cutoff` (a request in flight is younger). Returns how many were removed.
pub fn sweep(
    data_dir: &Path,
    mut is_referenced: impl FnMut(&str) -> anyhow::Result<bool>,
    cutoff: SystemTime,
) -> anyhow::Result<usize> {
    let root = data_dir.join("files");
    let Ok(folders) = std::fs::read_dir(&root) else {
        return Ok(0);
    };
    let mut removed = 0;
    for folder in folders {
        let folder = folder?.path();
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let temporary = folder == temp_dir(data_dir);
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.metadata()?.modified()? >= cutoff {
                continue;
            }
            let orphan = if temporary {
                name.starts_with(".upload-")
            } else {
                name.len() == 64 && !is_referenced(&name)?
            };
            if orphan && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// Removes stored content nothing refers to any more (its rows were marked removed), unless
/// it changed after `cutoff`: a request in flight may have just stored the same bytes again.
/// Returns whether it was removed.
pub fn remove_unreferenced(
    data_dir: &Path,
    sha256: &str,
    is_referenced: impl FnOnce(&str) -> anyhow::Result<bool>,
    cutoff: SystemTime,
) -> anyhow::Result<bool> {
    let path = path_for(data_dir, sha256);
    let Ok(meta) = std::fs::metadata(&path) else {
        return Ok(false);
    };
    if meta.modified()? >= cutoff || is_referenced(sha256)? {
        return Ok(false);
    }
    Ok(std::fs::remove_file(path).is_ok())
}

pub fn read(data_dir: &Path, sha256: &str) -> std::io::Result<Vec<u8>> {
    if sha256.len() != 64 || !sha256.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a content hash",
        ));
    }
    std::fs::read(path_for(data_dir, sha256))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const PDF: &[u8] = b"%PDF-1.7\n";

    fn check(name: &str, bytes: &[u8]) -> Result<&'static str, FileProblem> {
        super::check(name, bytes, bytes.len() as u64)
    }

    #[test]
    fn types_are_recognised_by_content() {
        assert_eq!(check("photo.PNG", PNG), Ok("image/png"));
        assert_eq!(check("act.pdf", PDF), Ok("application/pdf"));
        assert_eq!(check("a.jpeg", &[0xFF, 0xD8, 0xFF, 0xE0]), Ok("image/jpeg"));
        assert_eq!(check("a.webp", b"RIFF\x10\0\0\0WEBPVP8 "), Ok("image/webp"));
    }

    #[test]
    fn a_name_that_lies_about_the_bytes_is_refused() {
        assert_eq!(check("photo.jpg", PNG), Err(FileProblem::NameMismatch));
        assert_eq!(
            check("photo.png", b"MZ\x90\0 not an image"),
            Err(FileProblem::UnknownType)
        );
        assert_eq!(check("script.png.exe", PNG), Err(FileProblem::NameMismatch));
    }

    #[test]
    fn path_tricks_and_empty_files_are_refused() {
        for bad in [
            "../../etc/passwd.png",
            "a/b.png",
            "..\\x.png",
            "",
            "nul\u{0}.png",
        ] {
            assert_eq!(check(bad, PNG), Err(FileProblem::BadName), "{bad:?}");
        }
        assert_eq!(check("empty.png", b""), Err(FileProblem::Empty));
    }

    #[test]
    fn files_are_stored_once_by_hash() {
        let dir = tempfile::tempdir().unwrap();
        let a = store(dir.path(), PNG).unwrap();
        let b = store(dir.path(), PNG).unwrap();
        assert_eq!(a, b);
        assert_eq!(read(dir.path(), &a).unwrap(), PNG);
        assert!(read(dir.path(), "../../etc/passwd").is_err());
    }

    #[test]
    fn the_janitor_removes_old_orphans_and_leftovers_only() {
        let dir = tempfile::tempdir().unwrap();
        let kept = store(dir.path(), PNG).unwrap();
        let orphan = store(dir.path(), PDF).unwrap();
        std::fs::create_dir_all(temp_dir(dir.path())).unwrap();
        let leftover = temp_dir(dir.path()).join(".upload-crashed");
        std::fs::write(&leftover, b"half a photo").unwrap();
        let referenced = |sha: &str| Ok(sha == kept);

        let past = SystemTime::now() - std::time::Duration::from_secs(3600);
        assert_eq!(sweep(dir.path(), referenced, past).unwrap(), 0, "too young");
        let future = SystemTime::now() + std::time::Duration::from_secs(1);
        assert_eq!(sweep(dir.path(), referenced, future).unwrap(), 2);

        assert!(read(dir.path(), &kept).is_ok());
        assert!(read(dir.path(), &orphan).is_err());
        assert!(!leftover.exists());
    }

    #[test]
    fn placing_a_received_file_moves_it_once_by_hash() {
        let dir = tempfile::tempdir().unwrap();
        let sha = sha256_hex(PNG);
        for _ in 0..2 {
            let temp = dir.path().join("incoming");
            std::fs::write(&temp, PNG).unwrap();
            place(dir.path(), &temp, &sha).unwrap();
            assert!(!temp.exists());
        }
        assert_eq!(read(dir.path(), &sha).unwrap(), PNG);
    }
}
