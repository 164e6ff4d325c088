//! Snapshots of the generator's output for small fixture specs: the emitted Rust and the
//! catalogue Markdown for the good ones (`fixtures/good/NAME.md` with `NAME.toml`), every
//! diagnostic for the bad ones, rendered as `cargo xtask gen` prints them without colour.
//!
//! Bad fixtures are named for the file at fault (`doc-...`, `overlay-...`) and the case.

use std::path::Path;

#[path = "support/invariants.rs"]
mod invariants;

use errtab_codegen::diagnostic::{Colour, render};
use errtab_codegen::{Config, SourceFile};

/// Reads a fixture doc and its overlay, named as the test names them in diagnostics. The
/// bytes are read as they are, so a fixture that is not UTF-8 is reported, not refused here.
fn fixture(doc: &Path) -> (SourceFile, SourceFile) {
    let overlay = doc.with_extension("toml");
    let name = |path: &Path| format!("fixtures/{}", path.file_name().unwrap().to_string_lossy());
    let read = |path: &Path| SourceFile::from_bytes(name(path), std::fs::read(path).unwrap());
    (read(doc), read(&overlay))
}

#[test]
fn good_fixtures_generate() {
    insta::glob!("fixtures/good/*.md", |path| {
        let (doc, overlay) = fixture(path);
        let output = Config::new(&doc, &overlay).generate().unwrap_or_else(|diagnostics| {
            panic!("{} does not generate:\n{}", doc.path, render(&diagnostics, &[&doc, &overlay], Colour::Plain))
        });
        let table = errtab_codegen::catalogue::summary(&output.catalog);
        insta::assert_snapshot!(format!("{table}\n{}", output.rust));
    });
}

/// The catalogue Markdown of each good fixture: its columns are those the catalogue has (no
/// `HTTP` without a status, `Solution` and `Message` only with one), then the retired codes,
/// then the ranges of codes.
#[test]
fn good_fixtures_have_a_catalogue() {
    insta::glob!("fixtures/good/*.md", |path| {
        let (doc, overlay) = fixture(path);
        // Every shape of catalogue reads back as written (see `invariants::check_output`), and
        // nothing changes against itself.
        let output = invariants::generate_and_check(&doc, &overlay).expect("a good fixture generates");
        let recorded = errtab_codegen::catalogue::read(&output.markdown);
        assert!(errtab_codegen::report::compare(&recorded, &output.catalog).is_empty(), "{}", doc.path);
        insta::assert_snapshot!(output.markdown);
    });
}

/// Inspect, the generated enum and the catalogue agree on `ErrorCode`'s methods for every
/// good fixture: the public functions of its `impl` blocks (with the feature that gates one),
/// inspect's methods line, and the catalogue's record of them.
#[test]
fn inspect_names_exactly_the_generated_methods() {
    insta::glob!("fixtures/good/*.md", |path| {
        let (doc, overlay) = fixture(path);
        let output = Config::new(&doc, &overlay).generate().expect("a good fixture generates");
        let file = syn::parse_file(&output.rust).expect("the output parses");
        let mut emitted = Vec::new();
        for item in &file.items {
            let syn::Item::Impl(block) = item else { continue };
            let syn::Type::Path(ty) = &*block.self_ty else { continue };
            if block.trait_.is_some() || !ty.path.is_ident("ErrorCode") {
                continue;
            }
            for member in &block.items {
                let syn::ImplItem::Fn(function) = member else { continue };
                if !matches!(function.vis, syn::Visibility::Public(_)) {
                    continue;
                }
                let feature = function.attrs.iter().find(|attr| attr.path().is_ident("cfg")).map(|attr| {
                    let text = quote::quote!(#attr).to_string();
                    text.split('"').nth(1).unwrap_or_default().to_owned()
                });
                emitted.push(match feature {
                    Some(feature) => format!("{}() (feature `{feature}`)", function.sig.ident),
                    None => format!("{}()", function.sig.ident),
                });
            }
        }
        let inspection = errtab_codegen::inspect::inspect(&doc, Some(&overlay));
        let line = inspection.text.lines().find_map(|line| line.strip_prefix("ErrorCode's methods: "));
        assert_eq!(line, Some(emitted.join(", ").as_str()), "{}", doc.path);
        let recorded = errtab_codegen::catalogue::read(&output.markdown).methods;
        let names = emitted.iter().map(|method| method.split('(').next().unwrap_or_default().to_owned());
        assert_eq!(recorded, names.collect(), "{}", doc.path);
    });
}

#[test]
fn bad_fixtures_report_every_problem() {
    insta::glob!("fixtures/bad/*.md", |path| {
        let (doc, overlay) = fixture(path);
        let diagnostics = match Config::new(&doc, &overlay).generate() {
            Ok(_) => panic!("{} generated, but it should not", doc.path),
            Err(diagnostics) => diagnostics,
        };
        insta::assert_snapshot!(render(&diagnostics, &[&doc, &overlay], Colour::Plain));
    });
}
