//! Turns an API's Markdown table of error codes into a typed Rust enum.
//!
//! Vendors document their errors as a Markdown table (`| 错误码 | 说明 |`, `| Code | Description |`).
//! This crate reads such a page and a small TOML *overlay* holding the decisions the page does
//! not make (English names, classes, which table and columns to read), checks them against
//! each other, and returns a formatted Rust module: an `ErrorCode` enum with `from_code`,
//! `code`, `description`, `is_retryable`, `Display` and serde impls, and what the page and the
//! overlay give beside them (`kind` with classes, `http_status` with an HTTP status, a method
//! per [`fact`] the page gives; ranges of codes the page describes in one row for
//! `description`), plus a Markdown catalogue for the crate's rustdoc. Any problem comes back as a
//! [`Diagnostic`] with a file, a position, a message and a fix; [`diagnostic::render`] prints
//! them like rustc.
//!
//! The pipeline runs in one direction, a module per stage:
//! [`parse`] (Markdown and TOML into the plain [`model`]) -> [`validate`] (doc and overlay
//! checked against each other into a [`model::Catalog`]) -> [`emit`] (tokens) ->
//! [`render`] (formatted text). No stage does I/O: callers hand in [`SourceFile`]s and get
//! text or [`Diagnostic`]s back, so another repository's own `xtask` can call it:
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
//!     // Write `output.rust` to `src/errors.rs` and `output.catalogue` beside it.
//!     Ok(output) => assert!(output.rust.contains("MeetingNotExist")),
//!     Err(problems) => panic!("{}", diagnostic::render(&problems, &[&doc, &overlay], diagnostic::Colour::Plain)),
//! }
//! ```
//!
//! The overlay's keys are documented in [`parse::overlay`]; [`inspect::inspect`] reports what
//! the parser makes of a new doc, for onboarding one.

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
    /// The path of the generated module from its crate's root (`dingtalk`, `vendors::dingtalk`),
    /// which the catalogue's links name (`crate::dingtalk::ErrorCode::SystemBusy`); `None`
    /// when the crate re-exports the enum at its root (`crate::ErrorCode::SystemBusy`).
    pub module: Option<&'a str>,
    /// The page's versions in other languages, each with its language tag (`("en",
    /// &english)`): the descriptions `description_in` returns. The overlay's `[doc] lang`
    /// names the page's own language.
    pub translations: &'a [(&'a str, &'a SourceFile)],
}

impl<'a> Config<'a> {
    /// A doc and its overlay, for a module re-exported at its crate's root, without versions
    /// in other languages.
    pub fn new(doc: &'a SourceFile, overlay: &'a SourceFile) -> Config<'a> {
        Config { doc, overlay, module: None, translations: &[] }
    }

    /// Runs the whole pipeline: the generated Rust module and catalogue with the notices about
    /// it, or every problem.
    pub fn generate(&self) -> Result<Output, Vec<Diagnostic>> {
        self.output(checked(self.doc, self.overlay, self.translations, None)?)
    }

    /// The modules a page of several code spaces makes, one per section its overlay's
    /// `[doc.sections]` names, in the overlay's order; none for a page of one code space.
    pub fn sections(&self) -> Vec<String> {
        let (overlay, _) = parse::overlay(self.overlay);
        overlay.doc.sections.into_iter().map(|section| section.module.value).collect()
    }

    /// [`Config::generate`] for one section of [`Config::sections`]: the tables under its
    /// heading, with the overlay's entries for the other sections' codes left unused.
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
                let catalogue = catalogue::write(&catalog, &sources, self.module);
                Ok(Output { catalog, rust, catalogue, notices })
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
    /// The catalogue as Markdown, for the crate's rustdoc and for [`report::compare`].
    pub catalogue: String,
    /// What the user should know of how the inputs were read (codes written in several rows,
    /// their texts joined), as notes.
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

/// Parses the overlay (whose `[doc]` and `[columns]` say how to read the doc), then the doc,
/// then validates them together, then reads the doc's versions in other languages
/// (`translations`); only the tables of `section` (one of `[doc.sections]`), when given. A
/// file that is not UTF-8 is reported alone: decoded in the wrong encoding, every line of it
/// would be another error.
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
            assert!(output.catalogue.contains(link), "{module:?}: {}", output.catalogue);
            assert_eq!(output.catalogue.matches("](crate::").count(), 1, "{}", output.catalogue);
        }
    }
}
