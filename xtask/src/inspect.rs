//! `cargo xtask inspect DOC.md [--overlay FILE]`: prints what `errtab_codegen::inspect` makes
//! of a doc, for onboarding it. Writes nothing.

use std::fs;
use std::io;
use std::path::Path;
use std::process::ExitCode;

use errtab_codegen::SourceFile;
use errtab_codegen::diagnostic::{self, Colour};

/// What to inspect: paths as the user gave them, relative to the current directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The doc, a Markdown page.
    pub doc: String,
    /// The overlay given with `--overlay`; without it, the doc's `.toml` sibling if there is one.
    pub overlay: Option<String>,
}

/// Prints the report: exit code 0 when there is no problem, else 1.
pub fn main(config: &Config, colour: Colour) -> ExitCode {
    match run(config, colour) {
        Ok(report) => {
            print!("{}", report.text);
            if report.problems == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The printed report and how many problems it lists.
#[derive(Debug)]
pub struct Report {
    /// Everything `inspect` prints.
    pub text: String,
    /// The number of diagnostics.
    pub problems: usize,
}

/// Reads the files and builds the report. Only a file that cannot be read is an error.
pub fn run(config: &Config, colour: Colour) -> Result<Report, String> {
    let doc = SourceFile::from_bytes(&config.doc, read(&config.doc)?);
    let overlay_path = match &config.overlay {
        Some(path) => Some(path.clone()),
        None => default_overlay(&config.doc),
    };
    let overlay = match &overlay_path {
        Some(path) => Some(SourceFile::from_bytes(path, read(path)?)),
        None => None,
    };

    let inspection = errtab_codegen::inspect::inspect(&doc, overlay.as_ref());
    let mut text = match &overlay {
        Some(overlay) => format!("overlay: {}\n", overlay.path),
        None => format!(
            "overlay: none yet; inspect looks for {} beside the page (create it there, or pass --overlay FILE); \
             until then the page is read with an empty overlay, which the problems below name\n",
            sibling(&config.doc)
        ),
    };
    text.push_str(&inspection.text);
    let problems = inspection.diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count();
    if inspection.diagnostics.is_empty() {
        text.push_str("no problems found\n");
        return Ok(Report { text, problems });
    }
    // With no overlay, diagnostics point into the empty one `inspect` stands in, without a snippet.
    let sources: Vec<&SourceFile> = [Some(&doc), overlay.as_ref()].into_iter().flatten().collect();
    text.push('\n');
    text.push_str(&diagnostic::render(&inspection.diagnostics, &sources, colour));
    let s = if problems == 1 { "" } else { "s" };
    let notes = inspection.diagnostics.len() - problems;
    let notes =
        if notes == 0 { String::new() } else { format!(" ({notes} note{})", if notes == 1 { "" } else { "s" }) };
    text.push_str(&format!("\n{problems} problem{s} found{notes}\n"));
    Ok(Report { text, problems })
}

/// The doc's path with the extension `.toml`.
fn sibling(doc: &str) -> String {
    errtab_codegen::inspect::default_overlay_path(doc)
}

/// The doc's `.toml` sibling, if it exists.
fn default_overlay(doc: &str) -> Option<String> {
    let path = sibling(doc);
    (path != doc && Path::new(&path).exists()).then_some(path)
}

fn read(path: &str) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|error| match error.kind() {
        io::ErrorKind::NotFound => format!("cannot read {path}: no such file"),
        _ => format!("cannot read {path}: {error}"),
    })
}
