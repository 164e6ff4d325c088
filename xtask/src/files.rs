//! The xtask's file I/O: reading inputs, and the one helper that writes or checks outputs,
//! `ensure_file_contents`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::flags::Mode;

/// What happened to one output file.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    /// It already held the right bytes.
    Unchanged,
    /// It was written.
    Written,
    /// It differs (check mode); the unified diff from what is there to what should be.
    Stale(String),
}

/// The bytes of a file, given relative to the root; whether they are text is the
/// generator's to say.
pub fn read(root: &Path, path: &str) -> Result<Vec<u8>, Error> {
    fs::read(root.join(path)).map_err(|error| Error::Io { path: path.to_owned(), action: "read", error })
}

/// The text of a file the xtask itself reads (the manifest, a generated catalogue).
pub fn read_text(root: &Path, path: &str) -> Result<String, Error> {
    String::from_utf8(read(root, path)?).map_err(|error| Error::Io {
        path: path.to_owned(),
        action: "read",
        error: io::Error::new(
            io::ErrorKind::InvalidData,
            format!("not UTF-8 at byte {}", error.utf8_error().valid_up_to()),
        ),
    })
}

/// The file's text, or `None` if there is no such file.
pub fn read_if_exists(root: &Path, path: &str) -> Result<Option<String>, Error> {
    match read_text(root, path) {
        Ok(text) => Ok(Some(text)),
        Err(Error::Io { error, .. }) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// Makes each output file (a path relative to the root, and its contents) hold its
/// contents. Line endings of the existing files are ignored, so a checkout with CRLF
/// conversion is not stale.
///
/// In check mode it writes nothing and returns the diff of each file that differs. In write
/// mode it writes only the files whose bytes differ, in two phases: every new file is
/// written to a temporary sibling first, and only when all are written are they renamed
/// into place. A failure while writing removes the temporary files and leaves every output
/// as it was; a reader never sees half a file.
pub fn ensure_file_contents(
    root: &Path,
    files: &[(String, String)],
    mode: Mode,
) -> Result<Vec<(String, Change)>, Error> {
    let mut changes = Vec::with_capacity(files.len());
    for (display, contents) in files {
        let current = match fs::read_to_string(root.join(display)) {
            Ok(text) => Some(text.replace("\r\n", "\n")),
            Err(error) if error.kind() == io::ErrorKind::NotFound => None,
            Err(error) => return Err(Error::Io { path: display.clone(), action: "read", error }),
        };
        let change = if current.as_deref() == Some(contents.as_str()) {
            Change::Unchanged
        } else if mode == Mode::Check {
            let old = current.unwrap_or_default();
            let diff = similar::TextDiff::from_lines(old.as_str(), contents.as_str())
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{display}"), &format!("b/{display}"))
                .to_string();
            Change::Stale(diff)
        } else {
            Change::Written
        };
        changes.push((display.clone(), change));
    }
    let written = files.iter().zip(&changes).filter(|(_, (_, change))| *change == Change::Written);
    let staged = stage(root, written.map(|(file, _)| file))?;
    for (temp, path) in &staged {
        if let Err(error) = fs::rename(temp, path) {
            remove(&staged);
            let display = path.strip_prefix(root).unwrap_or(path).display().to_string();
            return Err(Error::Io { path: display, action: "replace", error });
        }
    }
    Ok(changes)
}

/// Writes each file to its temporary sibling: the `(temporary, final)` paths, or the first
/// error with every temporary file removed.
fn stage<'a>(root: &Path, files: impl Iterator<Item = &'a (String, String)>) -> Result<Vec<(PathBuf, PathBuf)>, Error> {
    let mut staged = Vec::new();
    for (display, contents) in files {
        let path = root.join(display);
        let temp = temporary_sibling(&path);
        if let Err(error) = fs::write(&temp, contents) {
            let _ = fs::remove_file(&temp);
            remove(&staged);
            return Err(Error::Io { path: display.clone(), action: "write", error });
        }
        staged.push((temp, path));
    }
    Ok(staged)
}

fn remove(staged: &[(PathBuf, PathBuf)]) {
    for (temp, _) in staged {
        let _ = fs::remove_file(temp);
    }
}

/// `.NAME.PID.tmp` beside `path`: in the same directory, so renaming it is atomic.
pub fn temporary_sibling(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("output");
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::run;
    use crate::scratch::{Scratch, one_line};
    use crate::specs::HOSTILE;

    #[test]
    fn a_failed_write_leaves_generated_byte_identical() {
        let scratch = Scratch::new("failed-write");
        scratch.write("generated/src/error_codes.rs", b"// @generated by `cargo xtask gen`, and stale\n");
        // A directory where the second output's temporary file goes: it cannot be written,
        // after the first output's has been.
        let second = scratch.root.join(HOSTILE[2]);
        fs::create_dir(temporary_sibling(&second)).unwrap();
        let before = scratch.generated();
        let error = run(&scratch.root, Mode::Write).unwrap_err();
        let line = one_line(&error);
        assert!(line.starts_with("error: cannot write generated/tests/hostile/error_codes.rs: "), "{line}");
        assert_eq!(scratch.generated(), before, "no file changed and no temporary file is left");
    }
}
