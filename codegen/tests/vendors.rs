//! Other vendors' table quirks, each reproduced by a small fixture of our own in
//! `fixtures/vendors/` (the real pages stay outside the repository): the snapshot is what
//! `cargo xtask inspect` prints for it.

use std::path::Path;

use errtab_codegen::model::{Cell, Row, Text};
use errtab_codegen::{SourceFile, diagnostic, inspect::inspect, parse};

#[path = "support/invariants.rs"]
mod invariants;

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
        if inspect(&doc, Some(&overlay)).diagnostics.iter().any(errtab_codegen::Diagnostic::is_error) {
            return;
        }
        let output = errtab_codegen::Config::new(&doc, &overlay).generate().expect("inspect found no problem");
        let file = syn::parse_file(&output.rust).expect("generated Rust parses");
        assert!(!file.items.is_empty());
        assert!(!output.catalog.entries.is_empty(), "{}", doc.path);
    });
}

/// Whatever the generator makes of a quirk, it meets the invariants of any input: diagnostics
/// that point inside the files, or Rust whose tables and doc comments say what the page says
/// (so not for an overlay's `[descriptions]`, whose texts are not on the page).
#[test]
fn quirks_meet_the_invariants() {
    insta::glob!("fixtures/vendors/*.md", |path| {
        let (doc, overlay) = fixture(path);
        if !overlay.text.contains("[descriptions]") {
            let _ = invariants::generate_and_check(&doc, &overlay);
        }
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

/// The solution and message columns reach the catalog: each entry's solution and message are
/// the distinct non-empty cells of its rows, in page order, joined (the text with ` / `, the
/// Markdown with `<br>`), and none when every such cell is empty.
#[test]
fn solutions_and_messages_reach_the_catalog() {
    for name in ["solution-and-message", "guidance", "repeated-rows-joined", "second-code-column"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/vendors/{name}.md"));
        let (doc, overlay) = fixture(&path);
        let output =
            errtab_codegen::Config::new(&doc, &overlay).generate().unwrap_or_else(|_| panic!("{name} generates"));
        let (overlay_model, _) = parse::overlay(&overlay);
        let (doc_model, _) = parse::doc(&doc, &overlay_model);
        for entry in &output.catalog.entries {
            let rows: Vec<&Row> = doc_model.rows.iter().filter(|row| row.code.text == entry.code.to_string()).collect();
            let expected = |cells: &mut dyn Iterator<Item = &Cell>| {
                let mut distinct: Vec<&Cell> = Vec::new();
                for cell in cells.filter(|cell| !cell.text.is_empty()) {
                    if !distinct.iter().any(|seen| seen.text == cell.text) {
                        distinct.push(cell);
                    }
                }
                let join = |part: fn(&Cell) -> &str, with: &str| {
                    distinct.iter().map(|c| part(c)).collect::<Vec<_>>().join(with)
                };
                (!distinct.is_empty())
                    .then(|| Text { markdown: join(|c| &c.markdown, "<br>"), text: join(|c| &c.text, " / ") })
            };
            for (fact, declared) in output.catalog.facts.iter() {
                let mut cells = rows.iter().filter_map(|row| row.fact(fact));
                assert_eq!(
                    entry.fact(fact),
                    expected(&mut cells).as_ref(),
                    "{name}: {} of {}",
                    declared.key,
                    entry.code
                );
            }
        }
        let facts = output.catalog.facts.len();
        assert!((0..facts).any(|fact| output.catalog.has_fact(fact)), "{name}");
    }
}

/// A page of several code spaces makes a module of each section `[doc.sections]` names: each
/// holds the codes of the tables under its heading (counted here from the page's lines), and
/// the overlay's entries for another section's codes are no problem.
#[test]
fn each_section_of_a_page_is_a_module_of_its_own() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vendors/sections-as-modules.md");
    let (doc, overlay) = fixture(&path);
    let config = errtab_codegen::Config::new(&doc, &overlay);
    let sections = config.sections();
    assert_eq!(sections, ["exchange", "partner_sdk"]);
    let (overlay_model, _) = parse::overlay(&overlay);
    for (section, declared) in sections.iter().zip(&overlay_model.doc.sections) {
        let mut under = false;
        let mut expected: Vec<i64> = Vec::new();
        for line in doc.text.lines() {
            if let Some(heading) = line.strip_prefix("## ") {
                under = heading.contains(declared.heading.value.as_str());
            }
            let first = line.split('|').nth(1).map(str::trim).and_then(|cell| cell.parse::<i64>().ok());
            expected.extend(first.filter(|_| under));
        }
        expected.sort();
        let output = config.generate_section(section).unwrap_or_else(|problems| {
            panic!("{section}: {}", diagnostic::render(&problems, &[&doc, &overlay], diagnostic::Colour::Plain))
        });
        let codes: Vec<i64> = output.catalog.entries.iter().filter_map(|entry| entry.code.as_int()).collect();
        assert_eq!(codes, expected, "{section}");
    }
    assert!(config.generate().is_err(), "a page of sections is not one module");
    assert!(config.generate_section("nowhere").is_err());
}
