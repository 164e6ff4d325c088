//! Properties of every fixture, and of the fixtures and snapshots as a set.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use errtab_codegen::SourceFile;
use errtab_codegen::diagnostic::{Colour, render};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const SNAPSHOTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots");

fn files(dir: &str, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{dir}: {error}"))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .collect();
    files.sort();
    files
}

fn fixture_docs() -> Vec<PathBuf> {
    ["good", "bad"].iter().flat_map(|kind| files(&format!("{FIXTURES}/{kind}"), "md")).collect()
}

/// A fixture as four spellings of the same text: LF or CRLF, with or without a BOM.
fn spellings(path: &Path) -> Option<Vec<SourceFile>> {
    let text = String::from_utf8(std::fs::read(path).unwrap()).ok()?;
    let lf = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n");
    let crlf = lf.replace('\n', "\r\n");
    let name = format!("fixtures/{}", path.file_name().unwrap().to_string_lossy());
    Some(
        [lf.clone(), crlf.clone(), format!("\u{feff}{lf}"), format!("\u{feff}{crlf}")]
            .into_iter()
            .map(|text| SourceFile::new(name.clone(), text))
            .collect(),
    )
}

/// The generated Rust (for a good fixture) or the rendered diagnostics (for a bad one) do
/// not change from one run to the next, nor with the line endings or a BOM.
#[test]
fn output_is_byte_identical_across_runs_line_endings_and_bom() {
    let mut checked = 0;
    for doc_path in fixture_docs() {
        let (Some(docs), Some(overlays)) = (spellings(&doc_path), spellings(&doc_path.with_extension("toml"))) else {
            continue;
        };
        let outputs: Vec<String> = docs
            .iter()
            .zip(&overlays)
            .chain(docs.iter().zip(&overlays).take(1))
            .map(|(doc, overlay)| match errtab_codegen::generate(doc, overlay) {
                Ok(output) => output.rust,
                Err(diagnostics) => render(&diagnostics, &[doc, overlay], Colour::Plain),
            })
            .collect();
        for (index, output) in outputs.iter().enumerate().skip(1) {
            assert!(*output == outputs[0], "{}: spelling {index} gives other output:\n{output}", doc_path.display());
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} fixtures were checked");
}

#[test]
fn every_fixture_doc_has_its_overlay_and_every_overlay_its_doc() {
    for kind in ["good", "bad"] {
        let dir = format!("{FIXTURES}/{kind}");
        let stems = |ext| files(&dir, ext).iter().map(|path| path.with_extension("")).collect::<BTreeSet<_>>();
        assert_eq!(stems("md"), stems("toml"), "{dir}");
    }
}

/// Every committed snapshot belongs to a fixture that exists, or to a test function that
/// exists; a snapshot left behind by a renamed or deleted fixture fails here.
#[test]
fn no_snapshot_is_orphaned() {
    let mut orphans = Vec::new();
    for snapshot in files(SNAPSHOTS, "snap") {
        let text = std::fs::read_to_string(&snapshot).unwrap();
        let header =
            |key: &str| text.lines().skip(1).take_while(|line| *line != "---").find_map(|line| line.strip_prefix(key));
        let name = snapshot.file_stem().unwrap().to_string_lossy().into_owned();
        // insta writes paths from the workspace root (`codegen/tests/...`); read from this
        // package's folder, they hold in the workspace and in the published package alike.
        let in_package =
            |path: &str| Path::new(env!("CARGO_MANIFEST_DIR")).join(path.strip_prefix("codegen/").unwrap_or(path));
        let exists = match header("input_file: ") {
            Some(input) => in_package(input).is_file(),
            None => {
                let source = header("source: ").expect("a snapshot names its test file");
                let test = name.split_once("__").map_or("", |(_, test)| test);
                let source = std::fs::read_to_string(in_package(source));
                source.is_ok_and(|source| source.contains(&format!("fn {test}()")))
            }
        };
        if !exists {
            orphans.push(name);
        }
    }
    assert!(orphans.is_empty(), "snapshots without a fixture or test (delete them): {orphans:?}");
}
