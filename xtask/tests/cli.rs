//! The command line as a user meets it: a mistyped command is one line on stderr and exit
//! code 2, never a panic or a backtrace.

use std::process::Command;

fn xtask(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("the xtask binary runs");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8 output");
    (output.status.code(), text(output.stdout), text(output.stderr))
}

#[test]
fn unknown_commands_and_flags_are_one_line() {
    for (args, message) in [
        (&["gen", "--chek"][..], "error: unknown argument `--chek` for `gen` (see `cargo xtask help`)\n"),
        (&["frobnicate"][..], "error: unknown command `frobnicate` (see `cargo xtask help`)\n"),
        (&[][..], "error: no command given (see `cargo xtask help`)\n"),
    ] {
        let (code, stdout, stderr) = xtask(args);
        assert_eq!((code, stdout.as_str(), stderr.as_str()), (Some(2), "", message), "{args:?}");
    }
}

#[test]
fn help_prints_the_usage() {
    let (code, stdout, stderr) = xtask(&["help"]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    assert!(stdout.starts_with("usage: cargo xtask <command>"), "{stdout}");
}
