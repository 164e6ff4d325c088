//! The change report in words: plain text for a terminal, or GitHub Markdown for a pull
//! request, from one list of groups so the two never disagree.

use std::fmt::Write as _;

use super::{Added, Adjacent, Changes, CodeRef, RangeChange, Reworded, diff_runs};
use crate::semver::{Bump, next_version};

/// How the report marks code, text and what changed in a text.
pub(super) struct Style {
    /// Code, a variant, a method: as is, or in a code span.
    code: fn(&str) -> String,
    /// Text from the doc: as is, or escaped.
    text: fn(&str) -> String,
    /// Around removed and added text: `[-` `-]` and `{+` `+}`, or `<del>` and `<ins>`.
    removed: (&'static str, &'static str),
    added: (&'static str, &'static str),
    /// A group's heading line, from its title and count.
    heading: fn(&str, usize) -> String,
    /// Before each line of a group.
    bullet: &'static str,
}

impl Style {
    /// For a terminal.
    pub(super) const TEXT: Style = Style {
        code: str::to_owned,
        text: str::to_owned,
        removed: ("[-", "-]"),
        added: ("{+", "+}"),
        heading: |title, count| format!("{title} ({count}):\n"),
        bullet: "  ",
    };

    /// For GitHub Markdown.
    const MARKDOWN: Style = Style {
        code: code_span,
        text: escape_markdown,
        removed: ("<del>", "</del>"),
        added: ("<ins>", "</ins>"),
        heading: |title, count| format!("\n**{title} ({count})**\n\n"),
        bullet: "- ",
    };

    /// `new` with what changed from `old` marked inline: `无权限进入预[-订-]{+定+}会议`.
    pub(super) fn inline_diff(&self, old: &str, new: &str) -> String {
        diff_runs(old, new)
            .into_iter()
            .map(|(tag, run)| match tag {
                similar::ChangeTag::Equal => (self.text)(&run),
                similar::ChangeTag::Delete => format!("{}{}{}", self.removed.0, (self.text)(&run), self.removed.1),
                similar::ChangeTag::Insert => format!("{}{}{}", self.added.0, (self.text)(&run), self.added.1),
            })
            .collect()
    }

    fn code_ref(&self, code: &CodeRef) -> String {
        format!("{} {}", (self.code)(&code.code.to_string()), (self.code)(&code.variant))
    }

    fn reworded(&self, change: &Reworded) -> String {
        format!("{}: {}", self.code_ref(&change.code), self.inline_diff(&change.old, &change.new))
    }

    fn added(&self, added: &Added) -> String {
        let class = added.class.as_ref().map(|class| format!("class {}", (self.code)(class)));
        let facts: Vec<String> =
            class.into_iter().chain(added.http_status.map(|status| format!("HTTP {status}"))).collect();
        let (code, description) = (self.code_ref(&added.code), (self.text)(&added.description));
        let mut line = match facts.is_empty() {
            true => format!("{code}: {description}"),
            false => format!("{code} ({}): {description}", facts.join(", ")),
        };
        // A code one past a class's range most likely belongs to it: the reviewer decides.
        if let Some(Adjacent { class, range, widened }) = &added.adjacent {
            let write = |(low, high): (i64, i64)| (self.code)(&format!("\"{low}..={high}\""));
            line.push_str(&format!(
                "; CHECK: it is one past the range {} of class {}; if it belongs there, write {} instead under \
                 `[classes.{class}]`",
                write(*range),
                (self.code)(class),
                write(*widened),
            ));
        }
        line
    }

    fn range(&self, range: &RangeChange) -> String {
        let (old, new) = (range.old.as_deref().unwrap_or_default(), range.new.as_deref().unwrap_or_default());
        let what = match (&range.old, &range.new) {
            (None, _) => " (new)",
            (_, None) => " (gone)",
            _ => "",
        };
        let bounds = (self.code)(&format!("{}..={}", range.low, range.high));
        format!("{bounds}{what}: {}", self.inline_diff(old, new))
    }

    fn group<T>(&self, text: &mut String, title: &str, items: &[T], line: impl Fn(&T) -> String) {
        if items.is_empty() {
            return;
        }
        text.push_str(&(self.heading)(title, items.len()));
        for item in items {
            let _ = writeln!(text, "{}{}", self.bullet, line(item));
        }
    }
}

impl Changes {
    /// The report, one line per code under a heading per kind of change, then the verdict and the
    /// version `package` at `version` needs next.
    pub fn render(&self, package: &str, version: &str) -> String {
        let mut text = self.groups(&Style::TEXT);
        text.push_str(&self.verdict(package, version));
        text.push('\n');
        text
    }

    /// The report as GitHub Markdown, for a pull-request comment or a CI job summary.
    pub fn render_markdown(&self, package: &str, version: &str) -> String {
        let mut text = self.groups(&Style::MARKDOWN);
        let _ = writeln!(text, "\n**Verdict:** {}", escape_markdown(&self.verdict(package, version)));
        text
    }

    /// Every kind of change there is, in the report's order.
    fn groups(&self, style: &Style) -> String {
        let mut text = String::new();
        style.group(&mut text, "codes added", &self.added, |added| style.added(added));
        style.group(&mut text, "codes removed", &self.removed, |code| style.code_ref(code));
        style.group(&mut text, "codes retired (kept as deprecated variants)", &self.retired, |code| {
            style.code_ref(code)
        });
        let (punctuation, reworded): (Vec<&Reworded>, Vec<&Reworded>) =
            self.descriptions.iter().partition(|change| change.is_punctuation_only());
        style.group(&mut text, "descriptions reworded", &reworded, |change| style.reworded(change));
        style.group(&mut text, "descriptions changed in punctuation or spacing only", &punctuation, |change| {
            style.reworded(change)
        });
        for fact in &self.facts {
            style.group(&mut text, &format!("{} changed", fact.plural), &fact.changes, |change| style.reworded(change));
        }
        style.group(&mut text, "ranges of codes described otherwise", &self.ranges, |range| style.range(range));
        let status = |status: &Option<u16>| status.map_or_else(|| "none".to_owned(), |status| status.to_string());
        style.group(&mut text, "HTTP status changed", &self.statuses, |change| {
            format!("{}: {} -> {}", style.code_ref(&change.code), status(&change.old), status(&change.new))
        });
        let kind = |kind: &str| (style.code)(&format!("ErrorKind::{kind}"));
        style.group(&mut text, "class changed", &self.kinds, |change| {
            format!("{}: {} -> {}", style.code_ref(&change.code), kind(&change.old), kind(&change.new))
        });
        style.group(&mut text, "retry hint changed", &self.retryable, |change| {
            let now = if change.new { "now retryable" } else { "no longer retryable" };
            format!("{}: {now}", style.code_ref(&change.code))
        });
        let method = |method: &String| (style.code)(&format!("ErrorCode::{method}"));
        style.group(&mut text, "methods removed", &self.methods_removed, method);
        style.group(&mut text, "methods added", &self.methods_added, method);
        style.group(&mut text, "names changed", &self.renamed, |renamed| {
            let alias = if renamed.aliased { " (the old name stays as a deprecated alias)" } else { "" };
            let code = (style.code)(&renamed.code.to_string());
            format!("{code} {} -> {}{alias}", (style.code)(&renamed.old), (style.code)(&renamed.new))
        });
        text
    }

    /// What the changes mean downstream, and the release `package` needs next.
    pub fn verdict(&self, package: &str, version: &str) -> String {
        let next = next_version(version, self.bump());
        match self.bump() {
            Bump::None => format!("no change to the catalogue of {package}"),
            Bump::Patch => format!(
                "compatible: only {} changed ({}); {package} needs a patch release: {version} -> {next}",
                self.texts_changed(),
                // `Display` writes a description; the other texts are their methods' alone.
                match self.descriptions.is_empty() && self.ranges.is_empty() {
                    true => "the texts their methods return differ",
                    false => "Display text differs",
                }
            ),
            Bump::Minor => format!(
                "compatible: {}; ErrorCode is #[non_exhaustive], so downstream code still compiles; {package} needs \
                 a compatible release (semver minor; below 1.0, the last number): {version} -> {next}",
                counted(&[
                    (self.added.len(), "code added", "codes added"),
                    (self.retired.len(), "code retired", "codes retired"),
                    (self.methods_added.len(), "method added", "methods added"),
                ])
            ),
            Bump::Major => format!(
                "BREAKING: {}; downstream code may stop compiling, or branch otherwise on what a code answers; \
                 {package} needs a breaking release (semver major; below 1.0, the middle number): {version} -> \
                 {next}",
                counted(&[
                    (self.removed.len(), "code removed", "codes removed"),
                    (self.renamed.len(), "variant renamed", "variants renamed"),
                    (self.answers(), "code answers otherwise", "codes answer otherwise"),
                    (self.methods_removed.len(), "method removed", "methods removed"),
                ])
            ),
        }
    }

    /// The kinds of text that changed, in words: `descriptions`, `descriptions and messages`.
    fn texts_changed(&self) -> String {
        let mut kinds: Vec<&str> = Vec::new();
        kinds.extend((!self.descriptions.is_empty()).then_some("descriptions"));
        kinds.extend(self.facts.iter().map(|fact| fact.plural.as_str()));
        kinds.extend((!self.ranges.is_empty()).then_some("the descriptions of ranges of codes"));
        match kinds.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => "texts".to_owned(),
        }
    }
}

/// Counts in words, those that are not zero: `1 code added, 2 codes retired`.
fn counted(counts: &[(usize, &str, &str)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|&(n, one, many)| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") })
        .collect();
    parts.join(", ")
}

/// A Markdown code span holding `text` as it is, line breaks made spaces.
pub fn code_span(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Text Markdown shows as it is: ASCII punctuation escaped, line breaks made spaces.
fn escape_markdown(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_escaped_and_code_spans_hold_backticks() {
        assert_eq!(escape_markdown("a*b_c [x](y) <b>|~&#!\\"), "a\\*b\\_c \\[x\\](y) \\<b\\>\\|\\~\\&\\#\\!\\\\");
        assert_eq!(code_span("9003"), "`9003`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
    }

    #[test]
    fn what_changed_is_marked_with_tags_that_survive_punctuation() {
        let diff = |old, new| Style::MARKDOWN.inline_diff(old, new);
        assert_eq!(diff("无权限进入预订会议", "无权限进入预定会议"), "无权限进入预<del>订</del><ins>定</ins>会议");
        assert_eq!(diff("会议不存在", "会议不存在。"), "会议不存在<ins>。</ins>");
        assert_eq!(diff("a*b", "a*c"), "a\\*<del>b</del><ins>c</ins>");
    }
}
