//! The change report: each fixture in `fixtures/changes/` is a new version of `base.md` and
//! `base.toml`; its snapshot is what `cargo xtask gen` prints about it.

use std::path::Path;

use errtab_codegen::{Config, SourceFile, catalogue, report};

fn spec(doc: &Path) -> (SourceFile, SourceFile) {
    let read = |path: &Path| std::fs::read_to_string(path).unwrap();
    let overlay = doc.with_extension("toml");
    (SourceFile::new("spec/error-codes.md", read(doc)), SourceFile::new("spec/error-codes.toml", read(&overlay)))
}

/// The report for a new version, or the diagnostics that stop `gen`.
fn report_for(path: &Path) -> String {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/changes/base.md");
    let (base_doc, base_overlay) = spec(&base);
    let recorded = Config::new(&base_doc, &base_overlay).generate().expect("the base spec is valid").markdown;

    let (doc, overlay) = spec(path);
    let output = Config::new(&doc, &overlay).generate().expect("every change fixture is a valid spec");
    let changes = report::compare(&catalogue::read(&recorded), &output.catalog);
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
    let recorded = Config::new(&before_doc, &before_overlay).generate().expect("the page before is valid").markdown;
    let (doc, overlay) = spec(&dir.join("after.md"));
    let output = Config::new(&doc, &overlay).generate().expect("the revision is valid with names for its new codes");
    let changes = report::compare(&catalogue::read(&recorded), &output.catalog);
    assert!(report::continuity(&changes, &doc, &overlay).is_empty());
    let punctuation = changes.descriptions.iter().filter(|change| change.is_punctuation_only()).count();
    assert_eq!((changes.added.len(), changes.descriptions.len() - punctuation, punctuation), (5, 4, 20));
    insta::assert_snapshot!(changes.render("tencent-meeting-errors", "0.1.0"));
}

/// Every catalogue reads back as what it records, whichever columns it has: with HTTP and
/// retired codes (`changes/retire`), without HTTP but with solutions, messages and ranges
/// (`good/sdk-callbacks`), with codes that have no status (`good/http-column-gaps`), string
/// codes with messages (`good/string-codes-texts`); and nothing changes against itself.
#[test]
fn the_catalogue_reads_back_as_written() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in [
        "changes/retire",
        "changes/class",
        "good/sdk-callbacks",
        "good/http-column-gaps",
        "good/string-codes-texts",
        "good/classes-without-status",
    ] {
        let (doc, overlay) = spec(&fixtures.join(format!("{name}.md")));
        let output = Config::new(&doc, &overlay).generate().unwrap();
        let recorded = catalogue::read(&output.markdown);
        assert_eq!(recorded.codes.len(), output.catalog.entries.len(), "{name}");
        for entry in &output.catalog.entries {
            let row = &recorded.codes[&entry.code];
            assert_eq!(row.variant, entry.variant);
            assert_eq!(row.http_status, entry.http_status, "{name}: {}", entry.code);
            let kind = entry.class.map(|class| output.catalog.classes[class].variant.clone());
            assert_eq!(row.kind, kind, "{name}: {}", entry.code);
            assert_eq!(row.description, entry.text);
            let facts = output.catalog.facts.iter();
            let facts =
                facts.filter_map(|(fact, declared)| Some((declared.label.clone(), entry.fact(fact)?.text.clone())));
            assert_eq!(row.facts, facts.collect(), "{name}: {}", entry.code);
            assert_eq!(row.retryable, entry.retryable);
            assert_eq!(row.retired, entry.retired.is_some());
        }
        let shape = errtab_codegen::shape::Shape::of(&output.catalog);
        let methods = shape.methods(&output.catalog.facts).into_iter().map(|method| method.name);
        assert_eq!(recorded.methods, methods.collect(), "{name}");
        let ranges: Vec<((i64, i64), String)> =
            output.catalog.ranges.iter().map(|r| ((r.low, r.high), r.description.text.clone())).collect();
        assert_eq!(recorded.ranges.into_iter().collect::<Vec<_>>(), ranges, "{name}");
        assert!(report::compare(&catalogue::read(&output.markdown), &output.catalog).is_empty(), "{name}");
    }
}
