//! `cargo xtask gen`: every spec in `spec/` through the generator into `generated/src/`.
//!
//! A spec is a doc `spec/NAME.md` with its overlay `spec/NAME.toml`; its module is
//! `generated/src/NAME.rs` (with `-` made `_`). Every output is computed before any is
//! written, so a failure anywhere leaves `generated/` untouched.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errtab_codegen::{Diagnostic, SourceFile, report};

use crate::flags::Mode;

/// Runs `gen` and turns its outcome into output and an exit code.
pub fn main(root: &Path, mode: Mode) -> ExitCode {
    match run(root, mode) {
        Ok(report) => {
            print!("{report}");
            if report.is_stale() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Err(error) => {
            eprint!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// What a run found and did: the change report of each doc, and what happened to each output.
#[derive(Debug)]
pub struct Report {
    mode: Mode,
    changes: Vec<String>,
    files: Vec<(String, Change)>,
}

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

impl Report {
    /// Whether check mode found a file that differs.
    pub fn is_stale(&self) -> bool {
        self.files.iter().any(|(_, change)| matches!(change, Change::Stale(_)))
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for changes in &self.changes {
            write!(f, "{changes}")?;
        }
        let mut changed = false;
        for (path, change) in &self.files {
            match change {
                Change::Unchanged => {}
                Change::Written => writeln!(f, "updated {path}")?,
                Change::Stale(diff) => write!(f, "{path} is stale:\n{diff}")?,
            }
            changed |= *change != Change::Unchanged;
        }
        match (changed, self.mode) {
            (false, _) => writeln!(f, "generated/ is up to date ({} file(s) checked)", self.files.len()),
            (true, Mode::Check) => {
                writeln!(f, "error: generated/ is stale: run `cargo xtask gen` and commit the result")
            }
            (true, Mode::Write) => Ok(()),
        }
    }
}

/// Why a run stopped before writing anything.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read, listed or written.
    Io { path: PathBuf, error: io::Error },
    /// `spec/` holds no doc.
    NoSpecs { dir: PathBuf },
    /// The specs have problems; every one of them, one per line.
    Invalid { lines: Vec<String> },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, error } => writeln!(f, "error: {}: {error}", path.display()),
            Error::NoSpecs { dir } => writeln!(f, "error: {} holds no `*.md` doc to generate from", dir.display()),
            Error::Invalid { lines } => {
                for line in lines {
                    writeln!(f, "{line}")?;
                }
                let n = lines.len();
                writeln!(f, "error: {n} problem{} in spec/; nothing was written", if n == 1 { "" } else { "s" })
            }
        }
    }
}

/// One doc, its overlay and the files made from them, as paths relative to the root.
struct Spec {
    doc: String,
    overlay: String,
    /// The generated Rust module.
    module: String,
    /// The generated catalogue: the crate's rustdoc table, and the record the next run's
    /// change report compares against.
    catalogue: String,
}

/// The generated crate's manifest, whose name and version the change report quotes.
const MANIFEST: &str = "generated/Cargo.toml";

/// Generates every spec and writes (or checks) the outputs.
pub fn run(root: &Path, mode: Mode) -> Result<Report, Error> {
    let specs = specs(root)?;
    let (package, version) = package_version(&read(&root.join(MANIFEST))?);
    let mut outputs = Vec::with_capacity(2 * specs.len());
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for spec in &specs {
        let doc = SourceFile::new(&spec.doc, read(&root.join(&spec.doc))?);
        let overlay = SourceFile::new(&spec.overlay, read(&root.join(&spec.overlay))?);
        let output = match errtab_codegen::generate(&doc, &overlay) {
            Ok(output) => output,
            Err(diagnostics) => {
                problems.extend(diagnostics.iter().map(|d: &Diagnostic| d.to_lines(&[&doc, &overlay])));
                continue;
            }
        };
        let Some(previous) = read_if_exists(&root.join(&spec.catalogue))? else {
            let count = output.catalog.entries.len();
            changes.push(format!("{}: no catalogue in generated/ yet; generating all {count} codes\n", spec.doc));
            outputs.push((spec.module.clone(), output.rust));
            outputs.push((spec.catalogue.clone(), output.catalogue));
            continue;
        };
        let diff = report::compare(&report::read_catalogue(&previous), &output.catalog);
        let broken = report::continuity(&diff, &doc, &overlay);
        if !broken.is_empty() {
            problems.extend(broken.iter().map(|d| d.to_lines(&[&doc, &overlay])));
            continue;
        }
        if !diff.is_empty() {
            changes.push(format!("changes in {}:\n{}", spec.doc, diff.render(&package, &version)));
        }
        outputs.push((spec.module.clone(), output.rust));
        outputs.push((spec.catalogue.clone(), output.catalogue));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid { lines: problems });
    }
    let mut files = Vec::with_capacity(outputs.len());
    for (path, contents) in outputs {
        let change = ensure_file_contents(&root.join(&path), &path, &contents, mode)?;
        files.push((path, change));
    }
    Ok(Report { mode, changes, files })
}

/// The `name` and `version` of a Cargo manifest's `[package]`, read line by line (the xtask
/// does not need a TOML parser for two plain keys).
fn package_version(manifest: &str) -> (String, String) {
    let value = |key: &str| {
        manifest
            .lines()
            .find_map(|line| {
                line.strip_prefix(key)?.trim_start().strip_prefix('=')?.trim().strip_prefix('"')?.strip_suffix('"')
            })
            .unwrap_or("?")
            .to_owned()
    };
    (value("name"), value("version"))
}

/// The specs in `spec/`, sorted by name: each `NAME.md` with `NAME.toml` beside it.
fn specs(root: &Path) -> Result<Vec<Spec>, Error> {
    let dir = root.join("spec");
    let entries = fs::read_dir(&dir).map_err(|error| Error::Io { path: dir.clone(), error })?;
    let mut stems = Vec::new();
    for entry in entries {
        let path = entry.map_err(|error| Error::Io { path: dir.clone(), error })?.path();
        if path.extension().is_some_and(|ext| ext == "md")
            && let Some(stem) = path.file_stem().and_then(|stem| stem.to_str())
        {
            stems.push(stem.to_owned());
        }
    }
    if stems.is_empty() {
        return Err(Error::NoSpecs { dir });
    }
    stems.sort();
    Ok(stems
        .into_iter()
        .map(|stem| Spec {
            doc: format!("spec/{stem}.md"),
            overlay: format!("spec/{stem}.toml"),
            module: format!("generated/src/{}.rs", stem.replace('-', "_")),
            catalogue: format!("generated/src/{}.md", stem.replace('-', "_")),
        })
        .collect())
}

/// The file's text, or `None` if there is no such file.
fn read_if_exists(path: &Path) -> Result<Option<String>, Error> {
    match read(path) {
        Ok(text) => Ok(Some(text)),
        Err(Error::Io { error, .. }) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

fn read(path: &Path) -> Result<String, Error> {
    fs::read(path).map_err(|error| Error::Io { path: path.to_owned(), error }).and_then(|bytes| {
        String::from_utf8(bytes).map_err(|error| Error::Io {
            path: path.to_owned(),
            error: io::Error::new(
                io::ErrorKind::InvalidData,
                format!("not UTF-8 (at byte {})", error.utf8_error().valid_up_to()),
            ),
        })
    })
}

/// Makes `path` hold `contents`: in write mode, writes it only if the bytes differ, through a
/// temporary sibling renamed into place, so a reader never sees half a file; in check mode,
/// writes nothing and returns the diff. Line endings of the existing file are ignored, so a
/// checkout with CRLF conversion is not stale.
fn ensure_file_contents(path: &Path, display: &str, contents: &str, mode: Mode) -> Result<Change, Error> {
    let current = match fs::read_to_string(path) {
        Ok(text) => Some(text.replace("\r\n", "\n")),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(Error::Io { path: path.to_owned(), error }),
    };
    if current.as_deref() == Some(contents) {
        return Ok(Change::Unchanged);
    }
    if mode == Mode::Check {
        let old = current.unwrap_or_default();
        let diff = similar::TextDiff::from_lines(old.as_str(), contents)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{display}"), &format!("b/{display}"))
            .to_string();
        return Ok(Change::Stale(diff));
    }
    write_atomically(path, contents).map_err(|error| Error::Io { path: path.to_owned(), error })?;
    Ok(Change::Written)
}

fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("output");
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = fs::write(&temp, contents).and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` fails when `generated/` is not what `spec/` produces.
    #[test]
    fn generated_code_is_fresh() {
        let root = crate::workspace_root();
        match run(&root, Mode::Check) {
            Ok(report) if !report.is_stale() => {}
            Ok(report) => panic!("generated/ is stale: run `cargo xtask gen`.\n{report}"),
            Err(error) => panic!("spec/ does not generate: {error}"),
        }
    }
}
