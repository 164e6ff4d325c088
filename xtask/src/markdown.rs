//! The change report as GitHub Markdown, for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`: a heading, a section per doc, a bold title and a bullet list per
//! kind of change, and the verdict.
//!
//! It reads the public `Changes` of `errtab_codegen::report` and groups them as the text
//! report does. Codes, variants and methods are code spans; texts are escaped, and what
//! changed inside a text is marked with `<del>` and `<ins>`, which GitHub renders whatever
//! surrounds them (`~~` and `**` do not open or close next to punctuation, as a changed `。`
//! would need).

use std::fmt::Write as _;

use errtab_codegen::report::{Added, Changes, RangeChange, Reworded};

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
                text.push_str(&groups(changes));
                // The verdict is the text report's last line, which says what the changes need.
                let rendered = changes.render(&package.name, &package.version);
                let verdict = rendered.lines().last().unwrap_or_default();
                let _ = writeln!(text, "\n**Verdict:** {}", escape(verdict));
            }
        }
    }
    text
}

/// A bold title and a bullet list for each kind of change there is, in the text report's order.
fn groups(changes: &Changes) -> String {
    let mut text = String::new();
    group(&mut text, "codes added", &changes.added, |added| {
        let Added { code: key, variant, class, http_status, description } = added;
        let class = class.as_ref().map(|class| format!("class {}", code(class)));
        let facts: Vec<String> = class.into_iter().chain(http_status.map(|status| format!("HTTP {status}"))).collect();
        let facts = if facts.is_empty() { String::new() } else { format!(" ({})", facts.join(", ")) };
        format!("{} {}{facts}: {}", code(key), code(variant), escape(description))
    });
    let pair = |(key, variant): &(_, String)| format!("{} {}", code(key), code(variant));
    group(&mut text, "codes removed", &changes.removed, pair);
    group(&mut text, "codes retired (kept as deprecated variants)", &changes.retired, pair);
    let (punctuation, reworded): (Vec<&Reworded>, Vec<&Reworded>) =
        changes.descriptions.iter().partition(|change| change.is_punctuation_only());
    group(&mut text, "descriptions reworded", &reworded, |change| reworded_line(change));
    group(&mut text, "descriptions changed in punctuation or spacing only", &punctuation, |change| {
        reworded_line(change)
    });
    group(&mut text, "solutions changed", &changes.solutions, reworded_line);
    group(&mut text, "messages changed", &changes.messages, reworded_line);
    group(&mut text, "ranges of codes described otherwise", &changes.ranges, |range| {
        let RangeChange { low, high, old, new } = range;
        let what = match (old, new) {
            (None, _) => " (new)",
            (_, None) => " (gone)",
            _ => "",
        };
        let (old, new) = (old.as_deref().unwrap_or_default(), new.as_deref().unwrap_or_default());
        format!("{}{what}: {}", code(&format!("{low}..={high}")), inline_diff(old, new))
    });
    group(&mut text, "HTTP status changed", &changes.statuses, |(key, variant, old, new)| {
        let status = |status: &Option<u16>| status.map_or_else(|| "none".to_owned(), |status| status.to_string());
        format!("{} {}: {} -> {}", code(key), code(variant), status(old), status(new))
    });
    group(&mut text, "class changed", &changes.kinds, |(key, variant, old, new)| {
        let kind = |kind: &str| code(&format!("ErrorKind::{kind}"));
        format!("{} {}: {} -> {}", code(key), code(variant), kind(old), kind(new))
    });
    let method = |method: &&str| code(&format!("ErrorCode::{method}"));
    group(&mut text, "methods removed", &changes.methods_removed, method);
    group(&mut text, "methods added", &changes.methods_added, method);
    group(&mut text, "names changed", &changes.renamed, |(key, old, new, aliased)| {
        let alias = if *aliased { " (the old name stays as a deprecated alias)" } else { "" };
        format!("{} {} -> {}{alias}", code(key), code(old), code(new))
    });
    group(&mut text, "retry hint changed", &changes.retryable, |(key, variant, now)| {
        let now = if *now { "now retryable" } else { "no longer retryable" };
        format!("{} {}: {now}", code(key), code(variant))
    });
    text
}

fn group<T>(text: &mut String, title: &str, items: &[T], line: impl Fn(&T) -> String) {
    if items.is_empty() {
        return;
    }
    let _ = write!(text, "\n**{} ({})**\n\n", escape(title), items.len());
    for item in items {
        let _ = writeln!(text, "- {}", line(item));
    }
}

/// A changed text's bullet: the code, its variant, the new text with what changed marked.
fn reworded_line(change: &Reworded) -> String {
    format!("{} {}: {}", code(&change.code), code(&change.variant), inline_diff(&change.old, &change.new))
}

/// The new text with what changed marked inline, character by character, a run of one kind
/// of change at a time: `无权限进入预<del>订</del><ins>定</ins>会议`.
fn inline_diff(old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_chars(old, new);
    let mut runs: Vec<(similar::ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        match runs.last_mut() {
            Some((tag, run)) if *tag == change.tag() => run.push_str(change.value()),
            _ => runs.push((change.tag(), change.value().to_owned())),
        }
    }
    runs.into_iter()
        .map(|(tag, run)| match tag {
            similar::ChangeTag::Equal => escape(&run),
            similar::ChangeTag::Delete => format!("<del>{}</del>", escape(&run)),
            similar::ChangeTag::Insert => format!("<ins>{}</ins>", escape(&run)),
        })
        .collect()
}

/// Text that Markdown shows as it is: every character that could start markup escaped with
/// a backslash (CommonMark lets any ASCII punctuation be escaped), line breaks made spaces.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A code span holding `text` as it is: fenced with more backticks than it holds in a row,
/// padded when it starts or ends with one.
fn code(text: &impl std::fmt::Display) -> String {
    let text = text.to_string().replace(['\n', '\r'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_escaped_and_code_spans_hold_backticks() {
        assert_eq!(escape("a*b_c [x](y) <b>|~&#!\\"), "a\\*b\\_c \\[x\\](y) \\<b\\>\\|\\~\\&\\#\\!\\\\");
        assert_eq!(code(&"9003"), "`9003`");
        assert_eq!(code(&"a`b"), "``a`b``");
        assert_eq!(code(&"`x"), "`` `x ``");
    }

    #[test]
    fn what_changed_is_marked_with_tags_that_survive_punctuation() {
        assert_eq!(
            inline_diff("无权限进入预订会议", "无权限进入预定会议"),
            "无权限进入预<del>订</del><ins>定</ins>会议"
        );
        assert_eq!(inline_diff("会议不存在", "会议不存在。"), "会议不存在<ins>。</ins>");
        assert_eq!(inline_diff("a*b", "a*c"), "a\\*<del>b</del><ins>c</ins>");
    }
}
