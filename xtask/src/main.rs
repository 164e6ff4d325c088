//! The repository's task runner: `cargo xtask gen [--check]` regenerates `generated/` from
//! `spec/`. It is a thin front over the `errtab-codegen` library: it reads files, calls the
//! library, and writes or checks the results. `cargo xtask bench-compile` measures what the
//! generated crate costs to compile (see BENCHMARKS.md).

mod bench_compile;
mod flags;
mod gen_;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match flags::parse(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n\n{}", flags::USAGE);
            return ExitCode::from(2);
        }
    };
    match command {
        flags::Command::Help => {
            println!("{}", flags::USAGE);
            ExitCode::SUCCESS
        }
        flags::Command::Gen(mode) => gen_::main(&workspace_root(), mode),
        flags::Command::BenchCompile(config) => bench_compile::main(&workspace_root(), config),
    }
}

/// The workspace root, where `spec/` and `generated/` live.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}
