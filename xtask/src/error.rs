//! Why `gen` or `report` stopped before writing anything, as the user reads it: one line, or
//! for invalid specs every diagnostic and a count.

use std::fmt;
use std::io;

use errtab_codegen::diagnostic::{self, Colour};
use errtab_codegen::{Diagnostic, SourceFile};

/// Why a run stopped before writing anything.
#[derive(Debug)]
pub enum Error {
    /// A file or directory could not be read, listed or written.
    Io { path: String, action: &'static str, error: io::Error },
    /// A git command (`cargo xtask report`) could not give what was asked of it.
    Git(String),
    /// `spec/` holds no doc.
    NoSpecs { dir: String },
    /// A doc has no overlay beside it.
    NoOverlay { doc: String, overlay: String },
    /// The specs or the crate's layout have problems, every one of them.
    Invalid { specs: Vec<InvalidSpec>, layout: Vec<String> },
}

/// A spec that does not generate, and why.
#[derive(Debug)]
pub struct InvalidSpec {
    pub(crate) doc: SourceFile,
    pub(crate) overlay: SourceFile,
    /// The doc's versions in other languages, which diagnostics may point into.
    pub(crate) versions: Vec<SourceFile>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// The error as the user reads it: one line, or every diagnostic and a count.
    pub fn render(&self, colour: Colour) -> String {
        match self {
            Error::Io { path, action, error } => format!("error: cannot {action} {path}: {error}\n"),
            Error::Git(message) => format!("error: {message}\n"),
            Error::NoSpecs { dir } => format!("error: {dir} holds no `*.md` doc to generate from\n"),
            Error::NoOverlay { doc, overlay } => {
                format!("error: {doc} has no overlay: create {overlay} beside it (see README.md)\n")
            }
            Error::Invalid { specs, layout } => {
                let mut text = String::new();
                for spec in specs {
                    let mut sources = vec![&spec.doc, &spec.overlay];
                    sources.extend(&spec.versions);
                    text.push_str(&diagnostic::render(&spec.diagnostics, &sources, colour));
                    text.push('\n');
                }
                for problem in layout {
                    text.push_str(&format!("error: {problem}\n"));
                }
                if !layout.is_empty() {
                    text.push('\n');
                }
                let n: usize = specs.iter().map(|spec| spec.diagnostics.len()).sum::<usize>() + layout.len();
                let s = if n == 1 { "" } else { "s" };
                text.push_str(&format!("error: could not generate: {n} problem{s} found; nothing was written\n"));
                text
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Colour::Plain))
    }
}
