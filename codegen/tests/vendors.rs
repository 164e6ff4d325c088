//! Other vendors' table quirks, each reproduced by a small fixture of our own in
//! `fixtures/vendors/` (the real pages stay outside the repository): the snapshot is what
//! `cargo xtask inspect` prints for it.

use std::path::Path;

use errtab_codegen::{SourceFile, diagnostic, inspect::inspect};

fn fixture(doc: &Path) -> (SourceFile, SourceFile) {
    let read = |path: &Path| std::fs::read(path).unwrap();
    let name = |path: &Path| format!("vendors/{}", path.file_name().unwrap().to_string_lossy());
    let overlay = doc.with_extension("toml");
    (SourceFile::from_bytes(name(doc), read(doc)), SourceFile::from_bytes(name(&overlay), read(&overlay)))
}

#[test]
fn each_quirk_is_read_or_refused_with_a_reason() {
    insta::glob!("fixtures/vendors/*.md", |path| {
        let (doc, overlay) = fixture(path);
        let inspection = inspect(&doc, Some(&overlay));
        let rendered = diagnostic::render(&inspection.diagnostics, &[&doc, &overlay], diagnostic::Colour::Plain);
        insta::assert_snapshot!(format!("{}\n{rendered}", inspection.text));
    });
}

/// Every quirk the generator accepts also generates Rust that parses, with one variant per
/// row the model read.
#[test]
fn accepted_quirks_generate_rust() {
    insta::glob!("fixtures/vendors/*.md", |path| {
        let (doc, overlay) = fixture(path);
        if !inspect(&doc, Some(&overlay)).diagnostics.is_empty() {
            return;
        }
        let output = errtab_codegen::generate(&doc, &overlay).expect("inspect found no problem");
        let file = syn::parse_file(&output.rust).expect("generated Rust parses");
        assert!(!file.items.is_empty());
        assert!(!output.catalog.entries.is_empty(), "{}", doc.path);
    });
}

/// What `inspect` says of each quirk does not depend on the line endings or a byte order
/// mark: the tables found (after a line of text too), the rows, and every diagnostic.
#[test]
fn quirks_read_the_same_with_crlf_and_a_bom() {
    insta::glob!("fixtures/vendors/*.md", |path| {
        let (doc, overlay) = fixture(path);
        let lf = doc.text.replace("\r\n", "\n");
        let spellings =
            [lf.replace('\n', "\r\n"), format!("\u{feff}{lf}"), format!("\u{feff}{}", lf.replace('\n', "\r\n"))];
        let seen = |doc: &SourceFile| {
            let inspection = inspect(doc, Some(&overlay));
            let rendered = diagnostic::render(&inspection.diagnostics, &[doc, &overlay], diagnostic::Colour::Plain);
            format!("{}\n{rendered}", inspection.text)
        };
        let expected = seen(&SourceFile::new(doc.path.clone(), lf.clone()));
        for text in spellings {
            assert_eq!(seen(&SourceFile::new(doc.path.clone(), text)), expected, "{}", doc.path);
        }
    });
}
