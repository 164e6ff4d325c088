//! The command line: a few fixed words, parsed by hand to keep the xtask quick to build.

/// What `cargo xtask --help` prints.
pub const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  gen           regenerate generated/ from spec/; writes only the files that changed
  gen --check   write nothing; fail with a diff if generated/ is not what spec/ produces
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
        [other, ..] => Err(format!("unknown command `{other}`")),
    }
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
    }

    #[test]
    fn unknown_words_are_errors() {
        assert_eq!(parse_words(&[]), Err("no command given".to_owned()));
        assert_eq!(parse_words(&["frobnicate"]), Err("unknown command `frobnicate`".to_owned()));
        assert_eq!(parse_words(&["gen", "--chek"]), Err("unknown argument `--chek` for `gen`".to_owned()));
    }
}
