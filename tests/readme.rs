//! The README and docs/ hold: the README is short, gives the two commands at once, and its
//! test command is the one CI runs; every relative link in the Markdown points at a file, and
//! at a heading of it when it names one.

use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The lines of the first ```sh block of the README, with their 1-based line numbers.
fn first_commands(readme: &str) -> Vec<(usize, &str)> {
    let mut lines = readme.lines().enumerate().skip_while(|(_, line)| *line != "```sh").skip(1);
    lines.by_ref().take_while(|(_, line)| *line != "```").map(|(index, line)| (index + 1, line)).collect()
}

#[test]
fn the_readme_is_short_and_its_test_command_is_what_ci_runs() {
    let readme = read(&Path::new(ROOT).join("README.md"));
    assert!(readme.lines().count() <= 150, "README.md has {} lines; at most 150", readme.lines().count());
    let commands = first_commands(&readme);
    let command = |(_, line): &(usize, &str)| line.split(" #").next().unwrap_or_default().trim().to_owned();
    let names: Vec<String> = commands.iter().map(command).collect();
    assert_eq!(names.len(), 2, "the README's first block gives the two commands: {names:?}");
    assert!(commands.iter().all(|(line, _)| *line <= 40), "the two commands come in the first 40 lines");
    assert!(names[0].starts_with("cargo xtask gen"), "{names:?}");
    let ci = read(&Path::new(ROOT).join(".ci/run"));
    assert!(ci.lines().any(|line| line.trim() == names[1]), "`.ci/run` runs `{}`, the README's test command", names[1]);
}

/// GitHub's anchor of a heading: lower case, spaces made `-`, other punctuation dropped.
fn anchor(heading: &str) -> String {
    let text = heading.trim_start_matches('#').trim().to_lowercase();
    text.chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The targets of the Markdown links `[text](target)` of a file, code spans left out.
fn links(markdown: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut in_block = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
        }
        if in_block {
            continue;
        }
        let outside_code: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        for piece in outside_code.split("](").skip(1) {
            if let Some((target, _)) = piece.split_once(')') {
                targets.push(target.to_owned());
            }
        }
    }
    targets
}

#[test]
fn every_relative_link_leads_somewhere() {
    let mut files: Vec<PathBuf> =
        ["README.md", "generated/README.md"].iter().map(|path| Path::new(ROOT).join(path)).collect();
    let docs = std::fs::read_dir(Path::new(ROOT).join("docs")).unwrap();
    files
        .extend(docs.map(|entry| entry.unwrap().path()).filter(|path| path.extension().is_some_and(|ext| ext == "md")));
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in &files {
        for target in links(&read(file)) {
            if target.contains("://") {
                continue;
            }
            checked += 1;
            let (path, heading) = target.split_once('#').unwrap_or((&target, ""));
            let path = if path.is_empty() { file.clone() } else { file.parent().unwrap().join(path) };
            let holds = path.exists()
                && (heading.is_empty()
                    || read(&path).lines().any(|line| line.starts_with('#') && anchor(line) == heading));
            if !holds {
                broken.push(format!("{}: {target}", file.display()));
            }
        }
    }
    assert!(checked > 0, "the files link to each other");
    assert!(broken.is_empty(), "links to nothing: {broken:#?}");
}
