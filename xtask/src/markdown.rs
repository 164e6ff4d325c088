//! The change report as GitHub Markdown (`$GITHUB_STEP_SUMMARY`, a pull-request comment):
//! a heading and a section per doc around `Changes::render_markdown`.

use std::fmt::Write as _;

use errtab_codegen::report::code_span;

use crate::report::{DocReport, Outcome, Report};

/// The whole report.
pub fn render(report: &Report) -> String {
    let Report { rev, commit, package, docs } = report;
    let mut text = format!("## Error code changes since {} ({})\n\n", code(rev), code(commit));
    let _ = writeln!(text, "{} is {} at {}.", code(&package.name), package.version, code(rev));
    for DocReport { doc, section, sources, outcome } in docs {
        let doc = match section {
            Some(section) => format!("{}, section {}", code(doc), code(section)),
            None => code(doc),
        };
        match outcome {
            Outcome::New { codes } => {
                let _ =
                    write!(text, "\n### {doc}\n\nNew since {}: all {codes} codes are new to the crate.\n", code(rev));
            }
            Outcome::Unchanged => {
                let _ = write!(text, "\n### {doc}\n\nNo change to its codes.\n");
            }
            Outcome::Changed(changes) => {
                let files: Vec<String> = sources.iter().map(code).collect();
                let section = section.as_ref().map(|section| format!("section {} of ", code(section)));
                let _ = writeln!(
                    text,
                    "\n### Changes in {}{}",
                    section.unwrap_or_default(),
                    crate::changes::listed(&files)
                );
                text.push_str(&changes.render_markdown(&package.name, &package.version));
            }
        }
    }
    text
}

/// A code span holding a value as it is.
fn code(value: &impl std::fmt::Display) -> String {
    code_span(&value.to_string())
}
