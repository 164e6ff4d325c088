//! The change report: each fixture in `fixtures/changes/` is a new version of `base.md` and
//! `base.toml`; its snapshot is what `cargo xtask gen` prints about it.

use std::path::Path;

use errtab_codegen::{SourceFile, generate, report};

fn spec(doc: &Path) -> (SourceFile, SourceFile) {
    let read = |path: &Path| std::fs::read_to_string(path).unwrap();
    let overlay = doc.with_extension("toml");
    (SourceFile::new("spec/error-codes.md", read(doc)), SourceFile::new("spec/error-codes.toml", read(&overlay)))
}

/// The report for a new version, or the diagnostics that stop `gen`.
fn report_for(path: &Path) -> String {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/changes/base.md");
    let (base_doc, base_overlay) = spec(&base);
    let recorded = generate(&base_doc, &base_overlay).expect("the base spec is valid").catalogue;

    let (doc, overlay) = spec(path);
    let output = generate(&doc, &overlay).expect("every change fixture is a valid spec");
    let changes = report::compare(&report::read_catalogue(&recorded), &output.catalog);
    let problems = report::continuity(&changes, &doc, &overlay);
    if problems.is_empty() {
        return changes.render("tencent-meeting-errors", "0.1.0");
    }
    let lines: Vec<String> = problems.iter().map(|d| d.to_lines(&[&doc, &overlay])).collect();
    format!("gen fails:\n{}", lines.join("\n"))
}

#[test]
fn each_kind_of_change_is_reported() {
    insta::glob!("fixtures/changes/*.md", |path| {
        insta::assert_snapshot!(report_for(path));
    });
}

/// A real revision of the Tencent Meeting page (`fixtures/revision/after.md`, with names for
/// its new codes in `after.toml`) against the page it follows: five codes added, four
/// rewordings, twenty descriptions that only gained a `。`. The report puts the rewordings
/// apart from the punctuation, marks what changed inside each line, and gives every added
/// code its class and HTTP status.
#[test]
fn a_real_revision_is_reported_readably() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/revision");
    let (before_doc, before_overlay) = spec(&dir.join("before.md"));
    let recorded = generate(&before_doc, &before_overlay).expect("the page before is valid").catalogue;
    let (doc, overlay) = spec(&dir.join("after.md"));
    let output = generate(&doc, &overlay).expect("the revision is valid with names for its new codes");
    let changes = report::compare(&report::read_catalogue(&recorded), &output.catalog);
    assert!(report::continuity(&changes, &doc, &overlay).is_empty());
    let punctuation = changes.descriptions.iter().filter(|change| change.is_punctuation_only()).count();
    assert_eq!((changes.added.len(), changes.descriptions.len() - punctuation, punctuation), (5, 4, 20));
    insta::assert_snapshot!(changes.render("tencent-meeting-errors", "0.1.0"));
}

#[test]
fn the_catalogue_reads_back_as_written() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/changes/retire.md");
    let (doc, overlay) = spec(&base);
    let output = generate(&doc, &overlay).unwrap();
    let recorded = report::read_catalogue(&output.catalogue);
    assert_eq!(recorded.codes.len(), output.catalog.entries.len());
    for entry in &output.catalog.entries {
        let row = &recorded.codes[&entry.key()];
        assert_eq!(row.variant, entry.variant);
        assert_eq!(row.http_status, entry.http_status);
        assert_eq!(row.description, entry.text);
        assert_eq!(row.retryable, entry.retryable);
        assert_eq!(row.retired, entry.retired.is_some());
    }
    assert!(report::compare(&recorded, &output.catalog).is_empty());
}
