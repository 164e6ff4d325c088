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
    for DocReport { doc, sources, outcome } in docs {
        match outcome {
            Outcome::New { codes } => {
                let _ = write!(
                    text,
                    "\n### {}\n\nNew since {}: all {codes} codes are new to the crate.\n",
                    code(doc),
                    code(rev)
                );
            }
            Outcome::Unchanged => {
                let _ = write!(text, "\n### {}\n\nNo change to its codes.\n", code(doc));
            }
            Outcome::Changed(changes) => {
                let files: Vec<String> = sources.iter().map(code).collect();
                let _ = writeln!(text, "\n### Changes in {}", files.join(" and "));
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
