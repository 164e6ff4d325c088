//! Runs each stage of the generator once on a synthetic spec of N rows (default 10000) and
//! prints how long each took: a driver for profilers and instruction counters, which the
//! sampling benchmarks in `benches/pipeline.rs` do not suit.
//!
//! ```text
//! cargo build --release -p errtab-codegen --example stages
//! valgrind --tool=callgrind --toggle-collect='errtab_codegen::generate' target/release/examples/stages 10000
//! ```

use std::time::Instant;

use errtab_codegen::{emit, parse, render, validate};
use errtab_synthetic as synthetic;

fn main() {
    let rows = match std::env::args().nth(1).map(|arg| arg.parse::<usize>()) {
        None => 10_000,
        Some(Ok(rows)) => rows,
        Some(Err(error)) => {
            eprintln!("usage: stages [ROWS]: {error}");
            std::process::exit(2);
        }
    };
    let spec = synthetic::spec(rows);
    let started = Instant::now();
    let (overlay, _) = parse::overlay(&spec.overlay);
    let (doc, _) = parse::doc(&spec.doc, &overlay);
    let parsed = Instant::now();
    let inputs = validate::Inputs { doc_file: &spec.doc, doc: &doc, overlay_file: &spec.overlay, overlay: &overlay };
    let (catalog, diagnostics) = validate::validate(&inputs);
    let validated = Instant::now();
    let tokens = emit::emit(&catalog);
    let emitted = Instant::now();
    let rust = render::render(tokens, &[&spec.doc, &spec.overlay]);
    let rendered = Instant::now();
    let whole = errtab_codegen::Config::new(&spec.doc, &spec.overlay).generate();
    let generated = Instant::now();
    let ms = |from: Instant, to: Instant| (to - from).as_secs_f64() * 1000.0;
    println!(
        "{rows} rows, {} problems, {} bytes of Rust: parse {:.1} ms, validate {:.1} ms, emit {:.1} ms, \
         render {:.1} ms; generate {:.1} ms ({})",
        diagnostics.len(),
        rust.as_ref().map_or(0, String::len),
        ms(started, parsed),
        ms(parsed, validated),
        ms(validated, emitted),
        ms(emitted, rendered),
        ms(rendered, generated),
        if whole.is_ok() { "ok" } else { "failed" },
    );
}
