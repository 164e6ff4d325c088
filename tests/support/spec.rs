//! The repository's own spec as the generator reads it, for the tests that take their
//! expectations from its catalogue.

use errtab_codegen::model::Catalog;

/// The catalogue of `spec/`, as the generator reads it.
pub fn catalog() -> Catalog {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/");
    let read = |name: &str| std::fs::read_to_string(format!("{root}{name}")).unwrap();
    let doc = errtab_codegen::SourceFile::new("spec/error-codes.md", read("error-codes.md"));
    let overlay = errtab_codegen::SourceFile::new("spec/error-codes.toml", read("error-codes.toml"));
    errtab_codegen::Config::new(&doc, &overlay).check().expect("spec/ is valid: `cargo xtask gen` says why not")
}
