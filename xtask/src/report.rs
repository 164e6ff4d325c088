//! `cargo xtask report [--markdown] [REV]`: the change report `gen` printed, again, against
//! the catalogues and version committed at `REV` (`HEAD` by default), as text or Markdown.
//! Writes nothing; needs `git`.

use std::path::Path;
use std::process::ExitCode;

use errtab_codegen::diagnostic::Colour;
use errtab_codegen::report::Changes;

use crate::changes;
use crate::error::Error;
use crate::git;
use crate::markdown;
use crate::specs::{self, Spec};
use crate::version::{MANIFEST, Package};

/// What `report` compares against and how it prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The git revision whose catalogues and crate version the report is against.
    pub rev: String,
    pub format: Format,
}

/// How the report is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text, as `gen` prints it.
    Text,
    /// GitHub Markdown, for a pull-request comment or a CI job summary.
    Markdown,
}

/// Prints the report for every doc against the revision; errors go to stderr.
pub fn main(root: &Path, config: &Config, colour: Colour) -> ExitCode {
    match run(root, config) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprint!("{}", error.render(colour));
            ExitCode::FAILURE
        }
    }
}

/// The report of every doc in `spec/` against the catalogues committed at the revision.
pub fn run(root: &Path, config: &Config) -> Result<String, Error> {
    let report = compare(root, &config.rev)?;
    Ok(match config.format {
        Format::Text => report.text(),
        Format::Markdown => markdown::render(&report),
    })
}

/// What `spec/` changes against a revision: the data both formats print.
pub struct Report {
    /// The revision as the user named it.
    pub rev: String,
    /// Its commit, abbreviated.
    pub commit: String,
    /// The generated crate's name and version at the revision.
    pub package: Package,
    /// Each doc in `spec/`, in order.
    pub docs: Vec<DocReport>,
}

/// One doc's part of the report.
pub struct DocReport {
    pub doc: String,
    /// The section of the page, for a page of sections (`[doc.sections]`).
    pub section: Option<String>,
    /// The spec files the change came from (see [`changes::sources`]).
    pub sources: Vec<String>,
    pub outcome: Outcome,
}

/// What a doc's catalogue is against the revision's.
pub enum Outcome {
    /// The revision has no catalogue of the doc: all its codes are new.
    New { codes: usize },
    /// Its codes are as the revision has them.
    Unchanged,
    /// What changed.
    Changed(Box<Changes>),
}

/// Sets every doc's catalogue against the one committed at `rev`.
fn compare(root: &Path, rev: &str) -> Result<Report, Error> {
    let commit =
        git::commit(root, rev)?.ok_or_else(|| Error::Git(format!("`{rev}` is not a commit of this repository")))?;
    let (specs, layout) = specs::specs(root)?;
    let (generated, invalid) = specs::generate_specs(root, specs)?;
    if !invalid.is_empty() || !layout.is_empty() {
        return Err(Error::Invalid { specs: invalid, layout });
    }
    let manifest =
        git::show(root, &commit, MANIFEST)?.ok_or_else(|| Error::Git(format!("{MANIFEST} is not in `{rev}`")))?;
    let mut docs = Vec::new();
    for generated in generated {
        let Some(catalogue) = &generated.spec.catalogue else { continue };
        let outcome = match git::show(root, &commit, catalogue)? {
            None => Outcome::New { codes: generated.output.catalog.entries.len() },
            Some(previous) => match changes::compare(&previous, &generated) {
                changes if changes.is_empty() => Outcome::Unchanged,
                changes => Outcome::Changed(Box::new(changes)),
            },
        };
        let sources = match outcome {
            Outcome::Changed(_) => changes::sources(root, &commit, &generated.spec),
            _ => Vec::new(),
        };
        let Spec { doc, section, .. } = generated.spec;
        docs.push(DocReport { doc, section, sources, outcome });
    }
    let short = commit[..commit.len().min(12)].to_owned();
    Ok(Report { rev: rev.to_owned(), commit: short, package: Package::read(&manifest), docs })
}

impl Report {
    /// The report as `gen` prints it, under a line naming the revision and the crate version.
    fn text(&self) -> String {
        let Report { rev, commit, package, docs } = self;
        let mut text = format!("changes since {rev} ({commit}), where {} is {}:\n", package.name, package.version);
        for DocReport { doc, section, sources, outcome } in docs {
            let title = match section {
                Some(section) => format!("{doc}, section `{section}`"),
                None => doc.clone(),
            };
            match outcome {
                Outcome::New { codes } => {
                    text.push_str(&format!("{title}: new since {rev}; all {codes} codes are new to the crate\n"))
                }
                Outcome::Unchanged => text.push_str(&format!("{title}: no change to its codes\n")),
                Outcome::Changed(changes) => {
                    text.push_str(&changes::heading(sources, section.as_deref()));
                    text.push_str(&changes.render(&package.name, &package.version));
                }
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::Mode;
    use crate::generate;
    use crate::scratch::{Scratch, repository};

    fn text(root: &Path, rev: &str) -> Result<String, Error> {
        run(root, &Config { rev: rev.to_owned(), format: Format::Text })
    }

    /// The revision fixture taken in and committed: the report is the same before the commit
    /// (against `HEAD`) and after it (against `HEAD~1`), and empty against the new `HEAD`.
    /// Puts the revision fixture's page and overlay `name` (`before`, `after`) in `spec/`.
    fn take_revision(scratch: &Scratch, name: &str) {
        let revision = repository().join("codegen/tests/fixtures/revision");
        for ext in ["md", "toml"] {
            let text = std::fs::read(revision.join(format!("{name}.{ext}"))).unwrap();
            scratch.write(&format!("spec/error-codes.{ext}"), &text);
        }
    }

    #[test]
    fn the_report_can_be_had_again_after_gen_and_after_the_commit() {
        let scratch = Scratch::new("report");
        let root = scratch.root.clone();
        let take = |name: &str| take_revision(&scratch, name);
        take("before");
        generate::run(&root, Mode::Write).unwrap();
        scratch.commit("before");

        take("after");
        let before_gen = text(&root, "HEAD").unwrap();
        assert!(before_gen.contains("codes added (5):\n"), "{before_gen}");
        assert!(before_gen.contains("descriptions reworded (4):\n"), "{before_gen}");
        let gen_report = generate::run(&root, Mode::Write).unwrap().to_string();
        assert_eq!(text(&root, "HEAD").unwrap(), before_gen, "gen does not change what the report says");
        let body = before_gen.split_once('\n').unwrap().1;
        assert!(gen_report.starts_with(body), "the report is the one gen printed:\n{gen_report}");

        scratch.commit("after");
        assert_eq!(text(&root, "HEAD~1").unwrap().split_once('\n').unwrap().1, body);
        assert!(text(&root, "HEAD").unwrap().ends_with("spec/error-codes.md: no change to its codes\n"));
        let error = text(&root, "no-such-rev").unwrap_err().to_string();
        assert_eq!(error, "error: `no-such-rev` is not a commit of this repository\n");
    }

    /// The revision fixture taken in: the Markdown report has a heading naming the revision,
    /// a section naming the files, a bold title for each group of the text report and a
    /// bullet for each of its lines, and marks instead of `[-…-]{+…+}`.
    #[test]
    fn the_markdown_report_has_a_heading_and_a_bullet_per_change() {
        let scratch = Scratch::new("markdown");
        let take = |name: &str| take_revision(&scratch, name);
        take("before");
        generate::run(&scratch.root, Mode::Write).unwrap();
        scratch.commit("before");
        take("after");

        let plain = text(&scratch.root, "HEAD").unwrap();
        let markdown = run(&scratch.root, &Config { rev: "HEAD".to_owned(), format: Format::Markdown }).unwrap();
        assert!(markdown.starts_with("## Error code changes since `HEAD` (`"), "{markdown}");
        assert!(
            markdown.contains("\n### Changes in `spec/error-codes.md` and `spec/error-codes.toml`\n"),
            "{markdown}"
        );
        let titles: Vec<&str> = plain.lines().filter(|line| !line.starts_with(' ') && line.ends_with("):")).collect();
        assert!(titles.len() > 1, "{plain}");
        for title in titles {
            let bold = format!("\n**{}**\n\n- ", title.trim_end_matches(':'));
            assert!(markdown.contains(&bold), "{bold:?} in\n{markdown}");
        }
        let lines = plain.lines().filter(|line| line.starts_with("  ")).count();
        assert_eq!(markdown.lines().filter(|line| line.starts_with("- ")).count(), lines, "{markdown}");
        assert!(plain.contains("{+") && !markdown.contains("{+") && markdown.contains("<ins>"), "{markdown}");
        // The verdict, the text report's last line, with its Markdown escapes taken out.
        let verdict = markdown.lines().last().unwrap().strip_prefix("**Verdict:** ").unwrap();
        let unescaped = verdict.replace('\\', "");
        assert_eq!(Some(unescaped.as_str()), plain.lines().last(), "{markdown}");
    }

    /// A page of sections: each section's catalogue is set against its own, and a change in
    /// one is reported under that section alone, in text and Markdown.
    #[test]
    fn each_section_of_a_page_is_reported_on_its_own() {
        let scratch = Scratch::with_sections("report-sections");
        generate::run(&scratch.root, Mode::Write).unwrap();
        scratch.commit("generated");
        let doc = scratch.read("spec/exchange.md");
        scratch.write("spec/exchange.md", doc.replace("Order not found", "Order not found or gone").as_bytes());
        let plain = text(&scratch.root, "HEAD").unwrap();
        assert!(
            plain.contains("changes in section `spot` of spec/exchange.md:\ndescriptions reworded (1):\n"),
            "{plain}"
        );
        assert!(plain.contains("spec/exchange.md, section `partner_sdk`: no change to its codes\n"), "{plain}");
        let markdown = run(&scratch.root, &Config { rev: "HEAD".to_owned(), format: Format::Markdown }).unwrap();
        assert!(markdown.contains("\n### Changes in section `spot` of `spec/exchange.md`\n"), "{markdown}");
        assert!(markdown.contains("\n### `spec/exchange.md`, section `partner_sdk`\n\nNo change"), "{markdown}");
    }
}
