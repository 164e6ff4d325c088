//! Snapshots of the generator's output for small fixture specs: the emitted Rust for the
//! good ones (`fixtures/good/NAME.md` with `NAME.toml`), every diagnostic for the bad ones.

use std::path::Path;

use errtab_codegen::{SourceFile, generate};

/// Reads a fixture doc and its overlay, named as the test names them in diagnostics.
fn fixture(doc: &Path) -> (SourceFile, SourceFile) {
    let overlay = doc.with_extension("toml");
    let name = |path: &Path| format!("fixtures/{}", path.file_name().unwrap().to_string_lossy());
    let read = |path: &Path| String::from_utf8(std::fs::read(path).unwrap()).unwrap();
    (SourceFile::new(name(doc), read(doc)), SourceFile::new(name(&overlay), read(&overlay)))
}

#[test]
fn good_fixtures_generate() {
    insta::glob!("fixtures/good/*.md", |path| {
        let (doc, overlay) = fixture(path);
        let output = generate(&doc, &overlay).unwrap_or_else(|diagnostics| {
            let lines: Vec<String> = diagnostics.iter().map(|d| d.to_lines(&[&doc, &overlay])).collect();
            panic!("{} does not generate:\n{}", doc.path, lines.join("\n\n"))
        });
        let table = errtab_codegen::render::catalog_table(&output.catalog);
        insta::assert_snapshot!(format!("{table}\n{}", output.rust));
    });
}

#[test]
fn bad_fixtures_report_every_problem() {
    insta::glob!("fixtures/bad/*.md", |path| {
        let (doc, overlay) = fixture(path);
        let diagnostics = match generate(&doc, &overlay) {
            Ok(_) => panic!("{} generated, but it should not", doc.path),
            Err(diagnostics) => diagnostics,
        };
        let lines: Vec<String> = diagnostics.iter().map(|d| d.to_lines(&[&doc, &overlay])).collect();
        insta::assert_snapshot!(lines.join("\n\n"));
    });
}
