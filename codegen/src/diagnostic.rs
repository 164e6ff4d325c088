//! Problems found in the inputs, each pointing at the bytes that cause it.

use std::ops::Range;

use crate::source::SourceFile;

/// One problem in a doc or an overlay: where it is, what is wrong and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The display path of the file the problem is in.
    pub path: String,
    /// The byte range the problem is about.
    pub span: Range<usize>,
    /// What is wrong, in one line.
    pub message: String,
    /// Other places that explain the problem, such as the first occurrence of a duplicate.
    pub labels: Vec<Label>,
    /// How to fix it, in one line.
    pub help: Option<String>,
}

/// A secondary place a diagnostic points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The display path of the file the place is in.
    pub path: String,
    /// The byte range.
    pub span: Range<usize>,
    /// What this place has to do with the problem.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic about `span` in `file`.
    pub fn new(file: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { path: file.path.clone(), span, message: message.into(), labels: Vec::new(), help: None }
    }

    /// Adds the line telling the user how to fix the problem.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary place.
    pub fn label(mut self, file: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label { path: file.path.clone(), span, message: message.into() });
        self
    }

    /// The diagnostic as `path:line:col: message`, then one indented line for each label and
    /// one for the help.
    pub fn to_lines(&self, sources: &[&SourceFile]) -> String {
        let mut text = format!("{}: {}", position(sources, &self.path, self.span.start), self.message);
        for label in &self.labels {
            text.push_str(&format!(
                "\n  {}: note: {}",
                position(sources, &label.path, label.span.start),
                label.message
            ));
        }
        if let Some(help) = &self.help {
            text.push_str(&format!("\n  help: {help}"));
        }
        text
    }
}

/// `path:line:col` of an offset, or the bare path if the file is not among the sources.
fn position(sources: &[&SourceFile], path: &str, offset: usize) -> String {
    match sources.iter().find(|source| source.path == path) {
        Some(source) => {
            let lc = source.line_col(offset);
            format!("{path}:{}:{}", lc.line, lc.col)
        }
        None => path.to_owned(),
    }
}

/// Sorts diagnostics by file and position so they read top to bottom, whatever stage found them.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.path, a.span.start, a.span.end).cmp(&(&b.path, b.span.start, b.span.end)));
}
