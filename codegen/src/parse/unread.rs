//! What on the page may document codes but is not read, each reported at its first line
//! unless the overlay's `[doc] ignore` says the user has seen it.

use super::outside::{Outside, Written};
use super::table::LookAlike;
use crate::diagnostic::Diagnostic;
use crate::model::{CodeKey, CodesIn, DocOptions, Ignore, Unread};
use crate::source::SourceFile;

/// Everything not read, and a diagnostic for each the overlay does not ignore.
pub(super) fn unread(
    file: &SourceFile,
    look_alikes: &[LookAlike],
    outside: &Outside,
    options: &DocOptions,
) -> (Vec<Unread>, Vec<Diagnostic>) {
    let mut found: Vec<(Unread, Diagnostic)> = look_alikes.iter().map(|look| look_alike(file, look)).collect();
    let codes_in = options.codes_in();
    if codes_in != CodesIn::Headings {
        found.extend(groups(&outside.headings).into_iter().map(|group| written(file, group, "headings")));
    }
    if codes_in != CodesIn::List {
        found.extend(groups(&outside.items).into_iter().map(|group| written(file, group, "list")));
    }
    found.sort_by_key(|(unread, _)| unread.span.start);
    let mut diagnostics = Vec::new();
    let unread = found
        .into_iter()
        .map(|(mut unread, diagnostic)| {
            unread.ignored = options.ignore.iter().any(|ignore| covers(&ignore.value, &unread));
            if !unread.ignored {
                diagnostics.push(diagnostic);
            }
            unread
        })
        .collect();
    (unread, diagnostics)
}

/// Whether a `[doc] ignore` entry names these lines: their first line or the heading's text.
pub(crate) fn covers(ignore: &Ignore, unread: &Unread) -> bool {
    match ignore {
        Ignore::Line(line) => *line == unread.line,
        Ignore::Heading(text) => unread.heading.as_deref().is_some_and(|heading| heading.contains(text.as_str())),
    }
}

/// How to say the user has seen some lines: by their line, or by the heading above them.
fn ignore_help(unread: &Unread) -> String {
    let by_heading = unread
        .heading
        .as_ref()
        .map(|heading| format!(" or `ignore = [{}]`", CodeKey::Str(heading.clone()).toml_key()))
        .unwrap_or_default();
    format!("`ignore = [{}]`{by_heading} under `[doc]` in the overlay", unread.line)
}

/// Lines that look like a table but are not one.
fn look_alike(file: &SourceFile, look: &LookAlike) -> (Unread, Diagnostic) {
    let unread = Unread {
        span: look.span.clone(),
        line: file.line_col(look.span.start).line,
        heading: look.heading.clone(),
        problem: format!("lines that look like a table, but {}", look.problem),
        ignored: false,
    };
    let message = format!("these lines look like a table, but {}: they are text, not a table", look.problem);
    let help = format!(
        "a Markdown table needs a delimiter row such as `| --- | --- |`, one cell per header cell, right under its \
         header row, and a cell holds no list (write its items on one line, with `<br>` between them); GitHub shows \
         these lines as text too: check that the page was copied whole; if they document no codes, say you have \
         seen them: {}",
        ignore_help(&unread)
    );
    let diagnostic = Diagnostic::new(file, look.span.clone(), message).help(help);
    (unread, diagnostic)
}

/// Codes written together, in groups of two or more (one code may be anything: `## 2 Usage`).
fn groups(written: &[Written]) -> Vec<&[Written]> {
    written.chunk_by(|a, b| a.group == b.group).filter(|group| group.len() >= 2).collect()
}

/// A group of codes at the start of headings or list items, which `codes_in` does not read.
fn written(file: &SourceFile, group: &[Written], codes_in: &str) -> (Unread, Diagnostic) {
    let (first, last) = (&group[0], &group[group.len() - 1]);
    let what = if codes_in == "headings" { "headings" } else { "list items" };
    let examples: Vec<String> = group.iter().take(3).map(|written| format!("`{}`", written.code.text)).collect();
    let more = if group.len() > 3 { ", ..." } else { "" };
    let codes = format!("{}{more}; {} in all", examples.join(", "), group.len());
    let unread = Unread {
        span: first.span.start..last.span.end,
        line: file.line_col(first.span.start).line,
        heading: first.heading.clone(),
        problem: format!("{what} that start with a code ({codes})"),
        ignored: false,
    };
    let message = format!("these {what} start with codes ({codes}), which are not read");
    let read = match codes_in {
        "headings" => {
            "read them: `codes_in = \"headings\"` under `[doc]` in the overlay (the text after each code \
                       is its description, the list under it its messages)"
        }
        _ => {
            "read them: `codes_in = \"list\"` under `[doc]` in the overlay (the text after each code is its \
              description)"
        }
    };
    let help = format!("{read}; or, if they are no error codes, say you have seen them: {}", ignore_help(&unread));
    let mut diagnostic = Diagnostic::new(file, first.span.clone(), message).help(help);
    for other in group.iter().skip(1).take(2) {
        diagnostic = diagnostic.label(file, other.span.clone(), format!("code {}", other.code.text));
    }
    (unread, diagnostic)
}
