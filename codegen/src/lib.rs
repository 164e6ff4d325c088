//! Turns an API's Markdown table of error codes into a typed Rust enum.
//!
//! The pipeline runs in one direction, a module per stage:
//! [`parse`] (Markdown and TOML into the plain [`model`]) -> [`validate`] (doc and overlay
//! checked against each other into a [`model::Catalog`]) -> [`emit`] (tokens) ->
//! [`render`] (formatted text). No stage does I/O: callers hand in [`SourceFile`]s and get
//! text or [`Diagnostic`]s back.
//!
//! ```
//! use errtab_codegen::{SourceFile, generate};
//!
//! let doc = SourceFile::new("errors.md", "| 错误码 | 说明 |\n| --- | --- |\n| 9003 | 会议不存在 |\n");
//! let overlay = SourceFile::new(
//!     "errors.toml",
//!     "[classes.service]\nstatus = 500\ndefault = true\n\n[names]\n9003 = \"Meeting not exist\"\n",
//! );
//! let output = generate(&doc, &overlay).expect("a valid spec");
//! assert!(output.rust.contains("MeetingNotExist"));
//! ```

pub mod diagnostic;
pub mod emit;
pub mod inspect;
pub mod model;
pub mod parse;
pub mod render;
pub mod report;
pub mod source;
#[doc(hidden)]
pub mod synthetic;
pub mod validate;

pub(crate) mod codes;

pub use diagnostic::Diagnostic;
pub use source::SourceFile;

/// What the generator makes of a valid doc and overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The validated catalogue the code was generated from.
    pub catalog: model::Catalog,
    /// The generated Rust file, formatted, with its `@generated` header.
    pub rust: String,
    /// The catalogue as Markdown, for the crate's rustdoc and for [`report::compare`].
    pub catalogue: String,
}

/// Reads a doc and its overlay, checks them, and returns the catalogue: every stage but
/// code generation. Diagnostics from every stage come back together, sorted by position.
///
/// A file that is not UTF-8 is reported alone: decoded in the wrong encoding, every line of
/// it would be another error.
pub fn check(doc: &SourceFile, overlay: &SourceFile) -> Result<model::Catalog, Vec<Diagnostic>> {
    let encoding: Vec<Diagnostic> = [doc, overlay].into_iter().filter_map(SourceFile::encoding_error).collect();
    if !encoding.is_empty() {
        return Err(encoding);
    }
    let (overlay_model, mut diagnostics) = parse::overlay(overlay);
    let (doc_model, doc_diagnostics) = parse::doc(doc, &overlay_model);
    diagnostics.extend(doc_diagnostics);
    let inputs = validate::Inputs { doc_file: doc, doc: &doc_model, overlay_file: overlay, overlay: &overlay_model };
    let (catalog, validate_diagnostics) = validate::validate(&inputs);
    diagnostics.extend(validate_diagnostics);
    if diagnostics.is_empty() {
        return Ok(catalog);
    }
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    Err(diagnostics)
}

/// Runs the whole pipeline: the generated Rust file for a doc and its overlay, or every
/// problem found in them.
pub fn generate(doc: &SourceFile, overlay: &SourceFile) -> Result<Output, Vec<Diagnostic>> {
    let catalog = check(doc, overlay)?;
    let tokens = emit::emit(&catalog);
    match render::render(tokens, &[doc, overlay]) {
        Ok(rust) => {
            let catalogue = render::catalogue_markdown(&catalog, &[doc, overlay]);
            Ok(Output { catalog, rust, catalogue })
        }
        Err(message) => Err(vec![
            Diagnostic::new(doc, 0..0, message).help("this is a bug in the generator; please report it with this doc"),
        ]),
    }
}
