//! Problems found in the inputs, each pointing at the bytes that cause it.

use std::borrow::Cow;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Element, Group, Level, Origin, Renderer, Snippet, normalize_untrusted_str};

use crate::source::{NotUtf8, SourceFile};

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
    /// Whether it stops generation, or only tells the user what was made of the inputs.
    pub severity: Severity,
}

/// How much a diagnostic weighs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Severity {
    /// A problem: nothing is generated until it is fixed.
    #[default]
    Error,
    /// A notice the user should know of (a code written in several rows); generation goes on.
    Note,
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
        Diagnostic {
            path: file.path.clone(),
            span,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            severity: Severity::Error,
        }
    }

    /// A notice about `span` in `file`: something made of the inputs, not a problem.
    pub fn note(file: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Note, ..Diagnostic::new(file, span, message) }
    }

    /// Whether this diagnostic stops generation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
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

    /// The diagnostic as `path:line:col: message` and an indented line per label and help, for logs.
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

/// Whether rendered diagnostics carry ANSI colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Colour {
    /// Plain text: for pipes, files, snapshots and `NO_COLOR`.
    #[default]
    Plain,
    /// ANSI colours, as rustc prints on a terminal.
    Ansi,
}

/// Renders diagnostics the way rustc does, separated by blank lines.
///
/// A diagnostic about a file not in `sources` has no snippet. Spans are clamped, so a bad span
/// makes a vaguer message, never a panic; control characters from the inputs are not printed.
pub fn render(diagnostics: &[Diagnostic], sources: &[&SourceFile], colour: Colour) -> String {
    let renderer = match colour {
        Colour::Plain => Renderer::plain(),
        Colour::Ansi => Renderer::styled(),
    };
    let mut text = String::new();
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        if index > 0 {
            text.push('\n');
        }
        text.push_str(&renderer.render(&diagnostic.report(sources)));
        text.push('\n');
    }
    text
}

impl Diagnostic {
    /// The diagnostic as an annotate-snippets group: the error, its snippets, its help.
    fn report<'a>(&'a self, sources: &[&'a SourceFile]) -> Vec<Group<'a>> {
        let source = |path: &str| sources.iter().copied().find(|source| source.path == path);
        let context = |file: &SourceFile, label: &'a Label| {
            AnnotationKind::Context.span(file.clamped(&label.span)).label(one_line(&label.message))
        };
        let mut elements: Vec<Element<'a>> = Vec::new();
        match source(&self.path) {
            Some(file) => {
                let primary = AnnotationKind::Primary.span(file.clamped(&self.span));
                let labels = self.labels.iter().filter(|label| label.path == self.path);
                elements.push(snippet(file).annotation(primary).annotations(labels.map(|l| context(file, l))).into());
            }
            None => elements.push(Origin::path(self.path.as_str()).into()),
        }
        for label in self.labels.iter().filter(|label| label.path != self.path) {
            elements.push(match source(&label.path) {
                Some(file) => snippet(file).annotation(context(file, label)).into(),
                None => Level::NOTE.message(one_line(&format!("{}: {}", label.path, label.message))).into(),
            });
        }
        if let Some(help) = &self.help {
            elements.push(Level::HELP.message(one_line(help)).into());
        }
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Note => Level::NOTE,
        };
        let title = level.primary_title(one_line(&self.message));
        vec![Group::with_title(title).elements(elements)]
    }
}

/// Text for one line of a rendered diagnostic, control characters shown as visible symbols.
fn one_line(text: &str) -> String {
    normalize_untrusted_str(text).replace('\n', "\u{240a}")
}

/// A snippet of a whole file without its byte order mark (spans shifted by
/// [`SourceFile::clamped`]); C1 controls, which some terminals obey, shown as `·`.
fn snippet(file: &SourceFile) -> Snippet<'_, annotate_snippets::Annotation<'_>> {
    let body = file.body();
    let source: Cow<'_, str> =
        if body.contains(is_c1) { Cow::Owned(body.replace(is_c1, "\u{b7}")) } else { Cow::Borrowed(body) };
    Snippet::source(source).path(file.path.as_str()).fold(true)
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
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

/// The diagnostic for a file whose bytes were not UTF-8, at the first invalid byte.
pub fn encoding_error(file: &SourceFile) -> Option<Diagnostic> {
    let NotUtf8 { first, byte, count } = file.not_utf8()?;
    let more = match count - 1 {
        0 => String::new(),
        1 => " (and 1 more invalid sequence)".to_owned(),
        n => format!(" (and {n} more invalid sequences)"),
    };
    let message = format!("the file is not UTF-8: byte 0x{byte:02X} is not valid here{more}");
    let help = "save the file as UTF-8; a page saved in another encoding can be converted, \
                e.g. `iconv -f GBK -t UTF-8`";
    Some(Diagnostic::new(file, first.clone(), message).help(help))
}

/// Sorts diagnostics by file and position so they read top to bottom, whatever stage found them.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.path, a.span.start, a.span.end).cmp(&(&b.path, b.span.start, b.span.end)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(file: &SourceFile, span: Range<usize>) -> String {
        render(&[Diagnostic::new(file, span, "bad").help("fix it")], &[file], Colour::Plain)
    }

    #[test]
    fn positions_count_characters_after_a_bom_and_across_crlf() {
        let file = SourceFile::new("a.md", "\u{feff}| 说明 | 错误码 |\r\n| 会议 🙂 | 90O3 |\r\n");
        let start = file.text.find("90O3").unwrap();
        let text = rendered(&file, start..start + 4);
        assert_eq!(
            text,
            "error: bad\n --> a.md:2:10\n  |\n2 | | 会议 🙂 | 90O3 |\n  |             ^^^^\n  |\n  = help: fix it\n"
        );
        let lc = file.line_col(start);
        assert_eq!((lc.line, lc.col), (2, 10));
    }

    #[test]
    fn spans_outside_the_text_or_inside_a_character_do_not_panic() {
        let file = SourceFile::new("a.md", "\u{feff}会议\r\n");
        let backwards = Range { start: 9, end: 3 };
        for span in [0..0, 0..1, 4..5, 5..100, 100..200, backwards] {
            assert!(rendered(&file, span.clone()).starts_with("error: bad\n --> a.md:"), "{span:?}");
        }
        let empty = SourceFile::new("e.md", "");
        assert!(rendered(&empty, 0..10).contains(" --> e.md:1:1\n"));
    }

    #[test]
    fn text_from_the_inputs_cannot_break_lines_or_drive_the_terminal() {
        let file = SourceFile::new("a.md", "x\u{1b}[2J\u{9b}31m\n");
        let diagnostic = Diagnostic::new(&file, 0..1, "key `a\nb\u{1b}[31m`").help("h\u{7}");
        let text = render(&[diagnostic], &[&file], Colour::Plain);
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{9b}']), "{text:?}");
        assert!(text.contains("| x␛[2J·31m\n"), "{text:?}");
        assert!(text.starts_with("error: key `a\u{240a}b\u{241b}[31m`\n"), "{text:?}");
    }

    #[test]
    fn colour_is_ansi_only_when_asked_for() {
        let file = SourceFile::new("a.md", "x\n");
        let diagnostics = [Diagnostic::new(&file, 0..1, "bad").help("fix it")];
        assert!(render(&diagnostics, &[&file], Colour::Ansi).contains("\u{1b}["));
        assert!(!render(&diagnostics, &[&file], Colour::Plain).contains('\u{1b}'));
    }

    #[test]
    fn labels_in_another_file_get_their_own_snippet() {
        let doc = SourceFile::new("a.md", "| 9003 | x |\n");
        let overlay = SourceFile::new("a.toml", "[names]\n9003 = \"X\"\n");
        let diagnostic = Diagnostic::new(&doc, 2..6, "bad").label(&overlay, 8..12, "named here").help("fix it");
        let text = render(&[diagnostic], &[&doc, &overlay], Colour::Plain);
        assert!(text.contains(" --> a.md:1:3\n") && text.contains("a.toml:2:1"), "{text}");
        assert!(text.contains("named here"), "{text}");
        let missing = Diagnostic::new(&doc, 2..6, "bad").label(&overlay, 0..1, "elsewhere").help("fix it");
        let text = render(&[missing], &[&doc], Colour::Plain);
        assert!(text.contains("= note: a.toml: elsewhere"), "{text}");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_reported_at_the_first_bad_byte() {
        let file = SourceFile::from_bytes("a.md", b"ok\r\n\xe9\xe8t\xe9\n".to_vec());
        let diagnostic = encoding_error(&file).expect("not UTF-8");
        assert_eq!(diagnostic.span, 4..7);
        assert_eq!(&file.text[diagnostic.span.clone()], "\u{fffd}");
        assert_eq!(file.line_col(diagnostic.span.start), crate::source::LineCol { line: 2, col: 1 });
        assert!(diagnostic.message.contains("0xE9") && diagnostic.message.contains("2 more"), "{diagnostic:?}");
        assert_eq!(encoding_error(&SourceFile::from_bytes("b.md", "é".into())), None);
    }
}
