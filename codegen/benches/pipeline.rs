//! What `cargo xtask gen` costs in process: each stage of the generator, and the whole
//! pipeline, on the repository's spec and on synthetic specs of 1k, 10k and 100k rows.
//!
//! Run with `cargo bench -p errtab-codegen --bench pipeline`; BENCHMARKS.md has the figures.
//! Every benchmark's input is made before timing starts, so each measures its stage alone;
//! divan's byte counter is the doc's size, so throughputs compare across sizes.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use errtab_codegen::model::{Catalog, Doc, Overlay};
use errtab_codegen::{SourceFile, emit, parse, render, validate};
use errtab_synthetic as synthetic;

fn main() {
    divan::main();
}

/// The inputs, by name: the repository's spec, then synthetic ones by row count.
const INPUTS: &[&str] = &["spec", "1k", "10k", "100k"];

fn input(name: &str) -> (SourceFile, SourceFile) {
    let rows = match name {
        "spec" => {
            return (
                SourceFile::new("spec/error-codes.md", include_str!("../../spec/error-codes.md")),
                SourceFile::new("spec/error-codes.toml", include_str!("../../spec/error-codes.toml")),
            );
        }
        "1k" => 1_000,
        "10k" => 10_000,
        "100k" => 100_000,
        other => panic!("no benchmark input named {other}"),
    };
    let spec = synthetic::spec(rows);
    (spec.doc, spec.overlay)
}

/// The parsed models of an input, checked to be free of problems.
fn models(doc: &SourceFile, overlay: &SourceFile) -> (Doc, Overlay) {
    let (overlay_model, overlay_problems) = parse::overlay(overlay);
    let (doc_model, doc_problems) = parse::doc(doc, &overlay_model);
    assert!(doc_problems.is_empty() && overlay_problems.is_empty(), "benchmark inputs are valid");
    (doc_model, overlay_model)
}

fn catalog(doc: &SourceFile, overlay: &SourceFile) -> Catalog {
    errtab_codegen::Config::new(doc, overlay).check().expect("benchmark inputs are valid")
}

/// Both parsers: the Markdown doc and the TOML overlay.
#[divan::bench(args = INPUTS, max_time = 20)]
fn parse(bencher: Bencher<'_, '_>, name: &str) {
    let (doc, overlay) = input(name);
    bencher.counter(BytesCount::of_str(&doc.text)).bench(|| {
        let (overlay_model, _) = parse::overlay(black_box(&overlay));
        parse::doc(black_box(&doc), &overlay_model)
    });
}

#[divan::bench(args = INPUTS, max_time = 20)]
fn validate(bencher: Bencher<'_, '_>, name: &str) {
    let (doc, overlay) = input(name);
    let (doc_model, overlay_model) = models(&doc, &overlay);
    let inputs = validate::Inputs { doc_file: &doc, doc: &doc_model, overlay_file: &overlay, overlay: &overlay_model };
    bencher.counter(BytesCount::of_str(&doc.text)).bench(|| validate::validate(black_box(&inputs)));
}

#[divan::bench(args = INPUTS, max_time = 20)]
fn emit(bencher: Bencher<'_, '_>, name: &str) {
    let (doc, overlay) = input(name);
    let catalog = catalog(&doc, &overlay);
    bencher.counter(BytesCount::of_str(&doc.text)).bench_local(|| emit::emit(black_box(&catalog)));
}

/// Tokens into formatted text: `syn` parses the tokens, `prettyplease` prints them.
#[divan::bench(args = INPUTS, max_time = 20)]
fn render(bencher: Bencher<'_, '_>, name: &str) {
    let (doc, overlay) = input(name);
    let tokens = emit::emit(&catalog(&doc, &overlay));
    bencher
        .counter(BytesCount::of_str(&doc.text))
        .with_inputs(|| tokens.clone())
        .bench_local_values(|tokens| render::render(tokens, &[&doc, &overlay]));
}

/// `errtab_codegen::generate`, what `cargo xtask gen` runs for each spec.
#[divan::bench(args = INPUTS, max_time = 20)]
fn end_to_end(bencher: Bencher<'_, '_>, name: &str) {
    let (doc, overlay) = input(name);
    bencher.counter(BytesCount::of_str(&doc.text)).bench(|| {
        errtab_codegen::Config::new(black_box(&doc), black_box(&overlay))
            .generate()
            .expect("benchmark inputs are valid")
    });
}
