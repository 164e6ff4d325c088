//! Turns an API's Markdown table of error codes into a typed Rust enum.
//!
//! It reads the page and a small TOML *overlay* holding the decisions the page does not make
//! (English names, classes, which table and columns to read), checks them against each other,
//! and returns a formatted Rust module (an `ErrorCode` enum and a method per [`fact`]) with a
//! Markdown catalogue. Problems come back as [`Diagnostic`]s; [`diagnostic::render`] prints
//! them like rustc. Stages: [`parse`] -> [`validate`] -> [`emit`] -> [`render`]; none does I/O:
//!
//! ```
//! use errtab_codegen::{Config, SourceFile, diagnostic};
//!
//! let doc = SourceFile::new("spec/errors.md", "| 错误码 | 说明 |\n| --- | --- |\n| 9003 | 会议不存在 |\n");
//! let overlay = SourceFile::new(
//!     "spec/errors.toml",
//!     "[classes.service]\nstatus = 500\ndefault = true\n\n[names]\n9003 = \"Meeting not exist\"\n",
//! );
//! match Config::new(&doc, &overlay).generate() {
//!     // Write `output.rust` to `src/errors.rs` and `output.markdown` beside it.
//!     Ok(output) => assert!(output.rust.contains("MeetingNotExist")),
//!     Err(problems) => panic!("{}", diagnostic::render(&problems, &[&doc, &overlay], diagnostic::Colour::Plain)),
//! }
//! ```
//!
//! The overlay's keys are described in the repository's `docs/overlay.md`.

pub mod catalogue;
pub mod diagnostic;
pub mod emit;
pub mod fact;
pub mod inspect;
pub mod model;
pub mod parse;
pub mod render;
pub mod report;
pub mod semver;
pub mod shape;
pub mod source;
pub mod translation;
pub mod validate;

pub(crate) mod codes;
pub(crate) mod ident;

pub use diagnostic::Diagnostic;
pub use source::SourceFile;

/// One doc and its overlay, and where the generated module sits in its crate.
#[derive(Clone, Copy, Debug)]
pub struct Config<'a> {
    /// The Markdown page listing the error codes.
    pub doc: &'a SourceFile,
    /// The TOML overlay with the decisions the page does not make.
    pub overlay: &'a SourceFile,
    /// The generated module's path from its crate's root (`vendors::dingtalk`), for the
    /// catalogue's links; `None` when the crate re-exports the enum at its root.
    pub module: Option<&'a str>,
    /// The page's versions in other languages, with their language tags (`("en", &english)`),
    /// for `description_in`.
    pub translations: &'a [(&'a str, &'a SourceFile)],
}

impl<'a> Config<'a> {
    /// A doc and its overlay, for a module at its crate's root, without translations.
    pub fn new(doc: &'a SourceFile, overlay: &'a SourceFile) -> Config<'a> {
        Config { doc, overlay, module: None, translations: &[] }
    }

    /// Runs the whole pipeline: the module and catalogue with their notices, or every problem.
    pub fn generate(&self) -> Result<Output, Vec<Diagnostic>> {
        self.output(checked(self.doc, self.overlay, self.translations, None)?)
    }

    /// The modules of a page's `[doc.sections]`, in the overlay's order; none for one code space.
    pub fn sections(&self) -> Vec<String> {
        let (overlay, _) = parse::overlay(self.overlay);
        overlay.doc.sections.into_iter().map(|section| section.module.value).collect()
    }

    /// [`Config::generate`] for one of [`Config::sections`]: the tables under its heading.
    pub fn generate_section(&self, section: &str) -> Result<Output, Vec<Diagnostic>> {
        self.output(checked(self.doc, self.overlay, self.translations, Some(section))?)
    }

    /// The module and catalogue of what was checked, or its errors.
    fn output(&self, checked: Checked) -> Result<Output, Vec<Diagnostic>> {
        let (errors, notices): (Vec<Diagnostic>, Vec<Diagnostic>) =
            checked.diagnostics.into_iter().partition(Diagnostic::is_error);
        if !errors.is_empty() {
            return Err(errors);
        }
        let catalog = checked.catalog;
        let mut sources = vec![self.doc, self.overlay];
        sources.extend(self.translations.iter().map(|&(_, file)| file));
        let tokens = emit::emit(&catalog);
        match render::render(tokens, &sources) {
            Ok(rust) => {
                let markdown = catalogue::write(&catalog, &sources, self.module);
                Ok(Output { catalog, rust, markdown, notices })
            }
            Err(message) => Err(vec![
                Diagnostic::new(self.doc, 0..0, message)
                    .help("this is a bug in the generator; please report it with this doc"),
            ]),
        }
    }

    /// Reads and checks the inputs without generating code: the catalogue, or every problem.
    pub fn check(&self) -> Result<model::Catalog, Vec<Diagnostic>> {
        let checked = checked(self.doc, self.overlay, self.translations, None)?;
        if checked.diagnostics.iter().any(Diagnostic::is_error) {
            return Err(checked.diagnostics.into_iter().filter(Diagnostic::is_error).collect());
        }
        Ok(checked.catalog)
    }
}

/// What the generator makes of a valid doc and overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The validated catalogue the code was generated from.
    pub catalog: model::Catalog,
    /// The generated Rust file, formatted, with its `@generated` header.
    pub rust: String,
    /// The catalogue as Markdown ([`catalogue::write`]), for the crate's rustdoc and for
    /// [`report::compare`].
    pub markdown: String,
    /// Notes on how the inputs were read (a code's rows joined).
    pub notices: Vec<Diagnostic>,
}

/// What parsing and validation make of a doc and its overlay, problems and all.
pub(crate) struct Checked {
    pub(crate) doc: model::Doc,
    pub(crate) overlay: model::Overlay,
    pub(crate) catalog: model::Catalog,
    /// Every problem, sorted by position, each once.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Parses the overlay (which says how to read the doc), then the doc, validates them together
/// and reads the translations; only `section`'s tables when given. A file that is not UTF-8
/// is reported alone, since every line of it would be another error.
pub(crate) fn checked(
    doc: &SourceFile,
    overlay: &SourceFile,
    translations: &[(&str, &SourceFile)],
    section: Option<&str>,
) -> Result<Checked, Vec<Diagnostic>> {
    let encoding: Vec<Diagnostic> = [doc, overlay].into_iter().filter_map(diagnostic::encoding_error).collect();
    if !encoding.is_empty() {
        return Err(encoding);
    }
    let (mut overlay_model, mut diagnostics) = parse::overlay(overlay);
    if let Some(section) = section {
        let sections = &overlay_model.doc.sections;
        overlay_model.doc.reading = sections.iter().position(|known| known.module.value == section);
        if overlay_model.doc.reading.is_none() {
            let known: Vec<String> = sections.iter().map(|known| format!("`{}`", known.module.value)).collect();
            let message = format!("no section `{section}` in the overlay's `[doc.sections]`");
            let help = format!("the sections it names are: {}", known.join(", "));
            diagnostics.push(Diagnostic::new(overlay, 0..0, message).help(help));
        }
    }
    let (doc_model, doc_diagnostics) = parse::doc(doc, &overlay_model);
    diagnostics.extend(doc_diagnostics);
    let inputs = validate::Inputs { doc_file: doc, doc: &doc_model, overlay_file: overlay, overlay: &overlay_model };
    let (mut catalog, validate_diagnostics) = validate::validate(&inputs);
    diagnostics.extend(validate_diagnostics);
    let files = (doc, &doc_model, overlay);
    diagnostics.extend(translation::translate(&mut catalog, &overlay_model, files, translations));
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    Ok(Checked { doc: doc_model, overlay: overlay_model, catalog, diagnostics })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_links_into_the_module_it_is_told() {
        let doc = SourceFile::new("spec/a.md", "| 错误码 | 说明 |\n| --- | --- |\n| 9003 | 会议不存在 |\n");
        let overlay = SourceFile::new(
            "spec/a.toml",
            "[classes.service]\nstatus = 500\ndefault = true\n\n[names]\n9003 = \"Gone\"\n",
        );
        for (module, link) in [
            (None, "](crate::ErrorCode::Gone)"),
            (Some("dingtalk"), "](crate::dingtalk::ErrorCode::Gone)"),
            (Some("vendors::dingtalk"), "](crate::vendors::dingtalk::ErrorCode::Gone)"),
        ] {
            let output = Config { doc: &doc, overlay: &overlay, module, translations: &[] }.generate().unwrap();
            assert!(output.markdown.contains(link), "{module:?}: {}", output.markdown);
            assert_eq!(output.markdown.matches("](crate::").count(), 1, "{}", output.markdown);
        }
    }
}
