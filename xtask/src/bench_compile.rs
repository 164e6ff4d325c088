//! `cargo xtask bench-compile`: what the generated crate costs its users to compile.
//!
//! Generates the crate for a synthetic spec of N codes into `target/bench-compile/codes-N/`,
//! a workspace of its own with the same dependencies, features and `Cargo.lock` (so it builds
//! offline), then times a cold build and several builds of the crate alone per profile.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use errtab_synthetic as synthetic;

/// What to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// The number of documented codes.
    pub codes: usize,
    /// How many timed builds of each profile.
    pub runs: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config { codes: 10_000, runs: 3 }
    }
}

/// Runs the measurement and prints it.
pub fn main(root: &Path, config: Config) -> ExitCode {
    match run(root, config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

const PACKAGE: &str = "errtab-bench-compile";

fn run(root: &Path, config: Config) -> Result<(), String> {
    let dir = root.join("target").join("bench-compile").join(format!("codes-{}", config.codes));
    let started = Instant::now();
    let spec = synthetic::spec(config.codes);
    let output = errtab_codegen::Config::new(&spec.doc, &spec.overlay).generate().map_err(|diagnostics| {
        let lines: Vec<String> = diagnostics.iter().map(|d| d.to_lines(&[&spec.doc, &spec.overlay])).collect();
        format!("the synthetic spec does not generate; this is a bug in the generator:\n{}", lines.join("\n"))
    })?;
    let generated_in = started.elapsed();
    write_crate(root, &dir, &output).map_err(|error| format!("{}: {error}", dir.display()))?;
    println!(
        "{} codes: generated {} ({} lines, {} KiB) in {}",
        config.codes,
        dir.join("src/error_codes.rs").display(),
        output.rust.lines().count(),
        output.rust.len() / 1024,
        seconds(generated_in)
    );

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let builder = Builder { cargo: PathBuf::from(cargo), dir };
    builder.clean_all()?;
    for profile in [Profile::Dev, Profile::Release] {
        let cold = builder.build(profile)?;
        println!("{profile}: cold build, serde included: {}", seconds(cold));
        let mut times = Vec::with_capacity(config.runs);
        for _ in 0..config.runs {
            builder.clean(profile)?;
            times.push(builder.build(profile)?);
        }
        times.sort();
        let mut line = String::new();
        for time in &times {
            let _ = write!(line, " {}", seconds(*time));
        }
        let median = times.get(times.len() / 2).copied().unwrap_or_default();
        println!("{profile}: the crate alone, {} runs (sorted):{line}; median {}", times.len(), seconds(median));
    }
    if let Ok(load) = fs::read_to_string("/proc/loadavg") {
        println!("load average at the end: {}", load.trim());
    }
    Ok(())
}

/// Writes the crate, leaving files that already hold the right bytes untouched.
fn write_crate(root: &Path, dir: &Path, output: &errtab_codegen::Output) -> io::Result<()> {
    let manifest = format!(
        "# Made by `cargo xtask bench-compile`; a workspace of its own.\n\
         [package]\nname = \"{PACKAGE}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nserde = {{ version = \"1\", default-features = false, features = [\"std\"] }}\n\
         http = {{ version = \"1\", optional = true, default-features = false, features = [\"std\"] }}\n\
         serde_json = {{ version = \"1\", optional = true }}\nhttpdate = {{ version = \"1\", optional = true }}\n\n\
         [features]\ndefault = [\"json\"]\nhttp = [\"dep:http\"]\njson = [\"dep:serde_json\", \"dep:httpdate\"]\n\n\
         [workspace]\n"
    );
    let mut files = vec![
        ("Cargo.toml".to_owned(), manifest),
        ("Cargo.lock".to_owned(), fs::read_to_string(root.join("Cargo.lock"))?),
        ("src/error_codes.rs".to_owned(), output.rust.clone()),
        ("src/error_codes.md".to_owned(), output.markdown.clone()),
    ];
    // The rest of the crate as it is: `lib.rs` and every module it declares.
    let mut dirs = vec![String::new()];
    while let Some(sub) = dirs.pop() {
        for entry in fs::read_dir(root.join("generated/src").join(&sub))? {
            let path = entry?.path();
            let Some(name) = path.file_name().and_then(|name| name.to_str()) else { continue };
            let name = format!("{sub}{name}");
            if path.is_dir() {
                dirs.push(format!("{name}/"));
            } else if name != "error_codes.rs" && name != "error_codes.md" {
                files.push((format!("src/{name}"), fs::read_to_string(&path)?));
            }
        }
    }
    for (name, contents) in files {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap_or(dir))?;
        if fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
            fs::write(path, contents)?;
        }
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Profile {
    Dev,
    Release,
}

impl std::fmt::Display for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Profile::Dev => "cargo build",
            Profile::Release => "cargo build --release",
        })
    }
}

struct Builder {
    cargo: PathBuf,
    dir: PathBuf,
}

impl Builder {
    fn command(&self, subcommand: &str, profile: Profile) -> Command {
        let mut command = Command::new(&self.cargo);
        command.arg(subcommand).arg("--quiet").arg("--manifest-path").arg(self.dir.join("Cargo.toml"));
        if profile == Profile::Release {
            command.arg("--release");
        }
        if std::env::var_os("CARGO_INCREMENTAL").is_none() {
            command.env("CARGO_INCREMENTAL", "0");
        }
        // A workspace of its own: not this repository's target directory.
        command.env_remove("CARGO_TARGET_DIR");
        command.stdin(Stdio::null());
        command
    }

    fn build(&self, profile: Profile) -> Result<Duration, String> {
        let mut command = self.command("build", profile);
        command.arg("--offline");
        let started = Instant::now();
        run_checked(command, "build")?;
        Ok(started.elapsed())
    }

    /// Removes every build of the crate and its dependencies, so the first build is cold.
    fn clean_all(&self) -> Result<(), String> {
        run_checked(self.command("clean", Profile::Dev), "clean")
    }

    fn clean(&self, profile: Profile) -> Result<(), String> {
        let mut command = self.command("clean", profile);
        command.arg("--package").arg(PACKAGE);
        run_checked(command, "clean")
    }
}

fn run_checked(mut command: Command, what: &str) -> Result<(), String> {
    let status = command.status().map_err(|error| format!("cannot run cargo {what}: {error}"))?;
    if status.success() {
        return Ok(());
    }
    Err(format!(
        "cargo {what} failed ({status}); if a dependency is missing from the registry cache, \
         run `cargo fetch` in this repository first"
    ))
}

fn seconds(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}
