//! The command line as a user meets it: a mistyped command is one line on stderr and exit
//! code 2, never a panic or a backtrace; `inspect` reports on a doc and writes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

fn xtask(args: &[&str]) -> (Option<i32>, String, String) {
    xtask_in(Path::new("."), args)
}

/// Runs the binary in `dir` with `NO_COLOR`, as a user would in that directory.
fn xtask_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("the xtask binary runs");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8 output");
    (output.status.code(), text(output.stdout), text(output.stderr))
}

/// A directory of our own docs under the system's temporary directory, removed when dropped.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str, files: &[(&str, &str)]) -> Scratch {
        let root = std::env::temp_dir().join(format!("errtab-cli-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        for (path, text) in files {
            fs::write(root.join(path), text).unwrap();
        }
        Scratch { root }
    }

    /// Every file with its bytes and modification time.
    fn files(&self) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
        fs::read_dir(&self.root)
            .unwrap()
            .map(|entry| {
                let path = entry.unwrap().path();
                let modified = fs::metadata(&path).unwrap().modified().unwrap();
                (path.clone(), (fs::read(&path).unwrap(), modified))
            })
            .collect()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// A doc with a code written twice with different HTTP statuses, and a code-column header
/// only an overlay can name.
const DOC: &str = "### 全局返回码\n\n参数 | 说明 | HTTP 状态码\n ---- | ----- | ---\n -1 | 系统繁忙 | 500\n \
                   33001 | 无效的企业ID | 400\n 33001 | 无效的企业 | 404\n";
const OVERLAY: &str = "[columns]\ncode = \"参数\"\n\n[names]\n-1 = \"System busy\"\n33001 = \"Invalid corp id\"\n";
const PICK: &str = "[doc.pick]\n33001 = 1\n\n";

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

#[test]
fn inspect_reports_and_writes_nothing() {
    let scratch = Scratch::new(
        "inspect",
        &[("api.md", DOC), ("api.toml", OVERLAY), ("picked.toml", &format!("{PICK}{OVERLAY}"))],
    );
    let before = scratch.files();

    // Without `--overlay`, the doc's `.toml` sibling: it does not pick between the duplicates.
    let (code, stdout, stderr) = xtask_in(&scratch.root, &["inspect", "api.md"]);
    assert_eq!((code, stderr.as_str()), (Some(1), ""), "{stdout}");
    assert!(stdout.starts_with("overlay: api.toml\napi.md: 1 table(s)\n"), "{stdout}");
    assert!(stdout.contains("code: column 1 (the overlay's `[columns] code`)"), "{stdout}");
    assert!(stdout.contains("error: ") && stdout.contains(" --> api.md:6:"), "{stdout}");
    assert!(stdout.ends_with("\n1 problem found\n"), "{stdout}");

    // The overlay that picks a row: the model, and no problem.
    let (code, stdout, stderr) = xtask_in(&scratch.root, &["inspect", "api.md", "--overlay", "picked.toml"]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""), "{stdout}");
    assert!(stdout.starts_with("overlay: picked.toml\n"), "{stdout}");
    assert!(stdout.contains("SystemBusy") && stdout.contains("InvalidCorpId"), "{stdout}");
    assert!(stdout.ends_with("no problems found\n"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "no colour when piped: {stdout}");

    assert_eq!(scratch.files(), before, "inspect changed, added or removed a file");
}

#[test]
fn inspect_without_an_overlay_says_so_and_still_reports() {
    // A header the generator knows, so that what is missing is the overlay's: names.
    let doc = DOC.replace("参数", "错误码");
    let scratch = Scratch::new("inspect-bare", &[("api.md", &doc)]);
    let (code, stdout, stderr) = xtask_in(&scratch.root, &["inspect", "api.md"]);
    assert_eq!((code, stderr.as_str()), (Some(1), ""), "{stdout}");
    assert!(stdout.starts_with("overlay: none yet; inspect looks for api.toml beside the page"), "{stdout}");
    assert!(stdout.contains("header: 错误码 | 说明"), "{stdout}");
    // The problems name the file to write, not a stand-in.
    assert!(stdout.contains("under `[names]` in api.toml") && !stdout.contains("(no overlay)"), "{stdout}");
    assert!(stdout.lines().last().is_some_and(|line| line.ends_with(" problems found")), "{stdout}");
}

#[test]
fn inspect_of_a_missing_file_is_one_line() {
    let scratch = Scratch::new("inspect-missing", &[("api.md", DOC)]);
    for (args, message) in [
        (&["inspect", "nope.md"][..], "error: cannot read nope.md: no such file\n"),
        (&["inspect", "api.md", "--overlay", "nope.toml"][..], "error: cannot read nope.toml: no such file\n"),
    ] {
        let (code, stdout, stderr) = xtask_in(&scratch.root, args);
        assert_eq!((code, stdout.as_str(), stderr.as_str()), (Some(1), "", message), "{args:?}");
    }
    let (code, stdout, stderr) = xtask(&["inspect"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (Some(2), "", "error: `inspect` needs a doc: `cargo xtask inspect DOC.md` (see `cargo xtask help`)\n")
    );
}

/// A copy of the repository's files (not `target/` nor `.git`) under `dir`.
fn checkout(dir: &Path) {
    fn copy(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name();
            if name == "target" || name == ".git" {
                continue;
            }
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &to.join(&name));
            } else {
                fs::copy(entry.path(), to.join(&name)).unwrap();
            }
        }
    }
    let _ = fs::remove_dir_all(dir);
    copy(Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap(), dir);
}

/// Two checkouts, one xtask binary (as when they share a `CARGO_TARGET_DIR`): each run works
/// on the checkout around its current directory, from its root or a subdirectory of it.
#[test]
fn gen_works_on_the_checkout_it_runs_in() {
    let scratch = Scratch::new("checkouts", &[]);
    let (first, second) = (scratch.root.join("first"), scratch.root.join("second"));
    checkout(&first);
    checkout(&second);
    let doc = second.join("spec/error-codes.md");
    let text = fs::read_to_string(&doc).unwrap();
    let (before, after) = text.split_once('\n').unwrap();
    fs::write(&doc, format!("{before}\n\n{after}\n<!-- the second checkout's own line -->\n")).unwrap();

    for dir in [first.clone(), first.join("codegen/src")] {
        let (code, stdout, stderr) = xtask_in(&dir, &["gen", "--check"]);
        assert_eq!((code, stderr.as_str()), (Some(0), ""), "{}: {stdout}", dir.display());
        assert!(stdout.starts_with("generated/ is up to date"), "{stdout}");
    }
    for dir in [second.clone(), second.join("codegen/src")] {
        let (code, stdout, stderr) = xtask_in(&dir, &["gen", "--check"]);
        assert_eq!((code, stderr.as_str()), (Some(1), ""), "{}: {stdout}", dir.display());
        assert!(stdout.contains("generated/src/error_codes.rs is stale:"), "{stdout}");
    }
    let (code, stdout, _) = xtask_in(&second, &["gen"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("updated generated/src/error_codes.rs"), "{stdout}");
    assert_eq!(xtask_in(&second, &["gen", "--check"]).0, Some(0));
    assert_eq!(xtask_in(&first, &["gen", "--check"]).0, Some(0), "the first checkout is as it was");

    let (code, stdout, stderr) = xtask_in(&scratch.root, &["gen", "--check"]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert!(stderr.starts_with("error: no checkout of this repository at or above "), "{stderr}");
}
