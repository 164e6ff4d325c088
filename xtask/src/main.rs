//! The repository's task runner (`gen [--check]`, `inspect`, `report`, `bench-compile`), a
//! thin front over `errtab-codegen` that reads and writes files. Every command but `inspect`
//! works on the checkout around the current directory ([`root::find`]).

mod bench_compile;
mod changes;
mod error;
mod files;
mod flags;
mod generate;
mod git;
mod inspect;
mod layout;
mod markdown;
mod report;
mod root;
#[cfg(test)]
mod scratch;
mod specs;
mod version;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use errtab_codegen::diagnostic::Colour;

fn main() -> ExitCode {
    let Some(args) = std::env::args_os().skip(1).map(OsString::into_string).collect::<Result<Vec<_>, _>>().ok() else {
        eprintln!("error: an argument is not valid Unicode (see `cargo xtask help`)");
        return ExitCode::from(2);
    };
    let command = match flags::parse(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message} (see `cargo xtask help`)");
            return ExitCode::from(2);
        }
    };
    match command {
        flags::Command::Help => {
            println!("{}", flags::USAGE);
            ExitCode::SUCCESS
        }
        flags::Command::Gen(mode) => {
            let Some(root) = workspace_root() else { return ExitCode::FAILURE };
            let colour = colour(std::io::stderr().is_terminal(), std::env::var_os("NO_COLOR"));
            generate::main(&root, mode, colour)
        }
        flags::Command::Inspect(config) => {
            let colour = colour(std::io::stdout().is_terminal(), std::env::var_os("NO_COLOR"));
            inspect::main(&config, colour)
        }
        flags::Command::Report(config) => {
            let Some(root) = workspace_root() else { return ExitCode::FAILURE };
            let colour = colour(std::io::stderr().is_terminal(), std::env::var_os("NO_COLOR"));
            report::main(&root, &config, colour)
        }
        flags::Command::BenchCompile(config) => {
            let Some(root) = workspace_root() else { return ExitCode::FAILURE };
            bench_compile::main(&root, config)
        }
    }
}

/// Colour on a terminal, unless `NO_COLOR` is set to anything but the empty string
/// (<https://no-color.org>); plain text when piped.
fn colour(terminal: bool, no_color: Option<OsString>) -> Colour {
    let no_color = no_color.is_some_and(|value| !value.is_empty());
    if terminal && !no_color { Colour::Ansi } else { Colour::Plain }
}

/// The root of the checkout around the current directory, where `spec/` and `generated/`
/// live; `None` after saying on stderr why there is none.
fn workspace_root() -> Option<PathBuf> {
    let found = std::env::current_dir()
        .map_err(|error| format!("cannot read the current directory: {error}"))
        .and_then(|dir| root::find(&dir));
    found.map_err(|message| eprintln!("error: {message}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert_eq!(colour(true, None), Colour::Ansi);
        assert_eq!(colour(true, Some(OsString::new())), Colour::Ansi);
        assert_eq!(colour(true, Some(OsString::from("1"))), Colour::Plain);
        assert_eq!(colour(false, None), Colour::Plain);
    }
}
