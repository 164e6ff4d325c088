//! The command line: a few fixed words, parsed by hand to keep the xtask quick to build.

use crate::{bench_compile, inspect, report};

/// What `cargo xtask --help` prints.
pub const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  gen           regenerate generated/ from spec/; writes only the files that changed
  gen --check   write nothing; fail with a diff if generated/ is not what spec/ produces
  report [--markdown] [REV]
                write nothing; print the change report of spec/ against the catalogues
                and crate version committed at git revision REV (default HEAD), as
                `gen` printed it: for a pull request, or after `gen` has run; with
                --markdown, as GitHub Markdown (a PR comment, $GITHUB_STEP_SUMMARY)
  inspect DOC [--overlay FILE]
                write nothing; print the tables in DOC, the column roles chosen, the rows
                as the generator reads them, and every problem; the overlay defaults to
                DOC with the extension .toml, if there is one
  bench-compile [--codes N] [--runs R]
                time `cargo build` and `cargo build --release` of the crate generated for
                N synthetic codes (default 10000), R times each (default 3), in target/
  help          print this message";

/// Whether a run may write files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write every output that differs.
    Write,
    /// Write nothing; report every output that differs.
    Check,
}

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    Gen(Mode),
    Inspect(inspect::Config),
    /// `report [--markdown] [REV]`: the revision to compare against, and the format.
    Report(report::Config),
    BenchCompile(bench_compile::Config),
}

/// Parses the arguments after `cargo xtask`.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => Err("no command given".to_owned()),
        ["help" | "--help" | "-h", ..] => Ok(Command::Help),
        ["gen", rest @ ..] => match rest {
            [] => Ok(Command::Gen(Mode::Write)),
            ["--check"] => Ok(Command::Gen(Mode::Check)),
            [flag, ..] if *flag == "--help" || *flag == "-h" => Ok(Command::Help),
            [other, ..] => Err(format!("unknown argument `{other}` for `gen`")),
        },
        ["inspect", rest @ ..] => inspect_config(rest),
        ["report", rest @ ..] => report_config(rest),
        ["bench-compile", rest @ ..] => bench_compile_config(rest),
        [other, ..] => Err(format!("unknown command `{other}`")),
    }
}

/// Reads `DOC [--overlay FILE]`, the flag before or after the doc.
fn inspect_config(mut rest: &[&str]) -> Result<Command, String> {
    let mut doc = None;
    let mut overlay = None;
    while let [word, tail @ ..] = rest {
        rest = tail;
        match *word {
            "--help" | "-h" => return Ok(Command::Help),
            "--overlay" => {
                let [value, tail @ ..] = rest else { return Err("`--overlay` needs a file".to_owned()) };
                if overlay.replace((*value).to_owned()).is_some() {
                    return Err("`--overlay` is given twice".to_owned());
                }
                rest = tail;
            }
            flag if flag.starts_with('-') => return Err(format!("unknown argument `{flag}` for `inspect`")),
            path => {
                if let Some(first) = doc.replace(path.to_owned()) {
                    return Err(format!("`inspect` takes one doc, not `{first}` and `{path}`"));
                }
            }
        }
    }
    let Some(doc) = doc else { return Err("`inspect` needs a doc: `cargo xtask inspect DOC.md`".to_owned()) };
    Ok(Command::Inspect(inspect::Config { doc, overlay }))
}

/// Reads `[--markdown] [REV]`, the flag before or after the revision.
fn report_config(rest: &[&str]) -> Result<Command, String> {
    let mut rev = None;
    let mut format = report::Format::Text;
    for word in rest {
        match *word {
            "--help" | "-h" => return Ok(Command::Help),
            "--markdown" if format == report::Format::Markdown => return Err("`--markdown` is given twice".to_owned()),
            "--markdown" => format = report::Format::Markdown,
            flag if flag.starts_with('-') => return Err(format!("unknown argument `{flag}` for `report`")),
            extra if rev.is_some() => return Err(format!("`report` takes one revision; `{extra}` is one too many")),
            word => rev = Some(word.to_owned()),
        }
    }
    Ok(Command::Report(report::Config { rev: rev.unwrap_or_else(|| "HEAD".to_owned()), format }))
}

/// Reads `[--codes N] [--runs R]`, in any order.
fn bench_compile_config(mut rest: &[&str]) -> Result<Command, String> {
    let mut config = bench_compile::Config::default();
    while let [flag, tail @ ..] = rest {
        let slot = match *flag {
            "--codes" => &mut config.codes,
            "--runs" => &mut config.runs,
            "--help" | "-h" => return Ok(Command::Help),
            other => return Err(format!("unknown argument `{other}` for `bench-compile`")),
        };
        let [value, tail @ ..] = tail else { return Err(format!("`{flag}` needs a number")) };
        *slot = match value.parse::<usize>() {
            Ok(n) if n > 0 => n,
            _ => return Err(format!("`{flag}` needs a positive whole number, not `{value}`")),
        };
        rest = tail;
    }
    Ok(Command::BenchCompile(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &[&str]) -> Result<Command, String> {
        parse(&words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn commands_are_recognised() {
        assert_eq!(parse_words(&["gen"]), Ok(Command::Gen(Mode::Write)));
        assert_eq!(parse_words(&["gen", "--check"]), Ok(Command::Gen(Mode::Check)));
        assert_eq!(parse_words(&["--help"]), Ok(Command::Help));
        assert_eq!(parse_words(&["gen", "--help"]), Ok(Command::Help));
        let report = |rev: &str, format| Ok(Command::Report(report::Config { rev: rev.to_owned(), format }));
        assert_eq!(parse_words(&["report"]), report("HEAD", report::Format::Text));
        assert_eq!(parse_words(&["report", "v0.1.0"]), report("v0.1.0", report::Format::Text));
        assert_eq!(parse_words(&["report", "--markdown"]), report("HEAD", report::Format::Markdown));
        assert_eq!(parse_words(&["report", "--markdown", "main"]), report("main", report::Format::Markdown));
        assert_eq!(parse_words(&["report", "main", "--markdown"]), report("main", report::Format::Markdown));
        assert_eq!(parse_words(&["report", "--markdown", "--markdown"]), Err("`--markdown` is given twice".to_owned()));
        assert_eq!(
            parse_words(&["report", "--markdown", "a", "b"]),
            Err("`report` takes one revision; `b` is one too many".to_owned())
        );
        assert_eq!(
            parse_words(&["report", "a", "b"]),
            Err("`report` takes one revision; `b` is one too many".to_owned())
        );
        assert_eq!(parse_words(&["report", "--since"]), Err("unknown argument `--since` for `report`".to_owned()));
        assert_eq!(parse_words(&["bench-compile"]), Ok(Command::BenchCompile(bench_compile::Config::default())));
        assert_eq!(
            parse_words(&["bench-compile", "--runs", "5", "--codes", "1000"]),
            Ok(Command::BenchCompile(bench_compile::Config { codes: 1000, runs: 5 }))
        );
    }

    #[test]
    fn inspect_takes_a_doc_and_an_optional_overlay_in_any_order() {
        let config = |doc: &str, overlay: Option<&str>| {
            Ok(Command::Inspect(inspect::Config { doc: doc.to_owned(), overlay: overlay.map(str::to_owned) }))
        };
        assert_eq!(parse_words(&["inspect", "a.md"]), config("a.md", None));
        assert_eq!(parse_words(&["inspect", "a.md", "--overlay", "b.toml"]), config("a.md", Some("b.toml")));
        assert_eq!(parse_words(&["inspect", "--overlay", "b.toml", "a.md"]), config("a.md", Some("b.toml")));
        assert_eq!(parse_words(&["inspect", "a.md", "--help"]), Ok(Command::Help));
    }

    #[test]
    fn inspect_refuses_what_it_cannot_use() {
        let error = |words: &[&str]| parse_words(words).unwrap_err();
        assert_eq!(error(&["inspect"]), "`inspect` needs a doc: `cargo xtask inspect DOC.md`");
        assert_eq!(error(&["inspect", "--overlay", "b.toml"]), "`inspect` needs a doc: `cargo xtask inspect DOC.md`");
        assert_eq!(error(&["inspect", "a.md", "--overlay"]), "`--overlay` needs a file");
        assert_eq!(
            error(&["inspect", "a.md", "--overlay", "b.toml", "--overlay", "c.toml"]),
            "`--overlay` is given twice"
        );
        assert_eq!(error(&["inspect", "a.md", "b.md"]), "`inspect` takes one doc, not `a.md` and `b.md`");
        assert_eq!(error(&["inspect", "a.md", "--check"]), "unknown argument `--check` for `inspect`");
    }

    #[test]
    fn unknown_words_are_errors() {
        assert_eq!(parse_words(&[]), Err("no command given".to_owned()));
        assert_eq!(parse_words(&["frobnicate"]), Err("unknown command `frobnicate`".to_owned()));
        assert_eq!(parse_words(&["gen", "--chek"]), Err("unknown argument `--chek` for `gen`".to_owned()));
        assert_eq!(parse_words(&["bench-compile", "--codes"]), Err("`--codes` needs a number".to_owned()));
        assert_eq!(
            parse_words(&["bench-compile", "--codes", "0"]),
            Err("`--codes` needs a positive whole number, not `0`".to_owned())
        );
    }
}
