//! Long texts over several lines, so that the generated file reads as a table: literals
//! continue with a trailing `\`, doc comments break at spaces Markdown reads as spaces.

use std::ops::Range;

use proc_macro2::Literal;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::string_literal;

/// The most characters of text on a line of the generated file; with the indentation and the
/// field's name, lines stay under about 125 characters.
pub(super) const WIDTH: usize = 100;

/// The indentation of a literal's continuation lines, deeper than a row's fields (eight spaces).
const CONTINUATION_INDENT: &str = "            ";

/// A string literal holding `text` exactly, over lines of at most [`WIDTH`] characters ending
/// in `\` (which skips the break and the next line's indentation, so no continued line may
/// start with whitespace). Lines break after a space near their end where there is one.
pub(super) fn literal(text: &str) -> Literal {
    // Most texts are short: no more bytes than WIDTH, or no more characters.
    if text.len() <= WIDTH || text.chars().nth(WIDTH).is_none() {
        return string_literal(text);
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut repr = String::with_capacity(text.len() + 2 + 16 * (chars.len() / WIDTH));
    repr.push('"');
    let mut start = 0;
    for end in breaks(&chars) {
        let (from, to) = (chars[start].0, chars.get(end).map_or(text.len(), |&(at, _)| at));
        if start > 0 {
            repr.push_str("\\\n");
            repr.push_str(CONTINUATION_INDENT);
        }
        let piece = string_literal(&text[from..to]).to_string();
        repr.push_str(&piece[1..piece.len() - 1]);
        start = end;
    }
    repr.push('"');
    repr.parse().unwrap_or_else(|_| string_literal(text))
}

/// Where the lines of a long literal end (the last at the text's end).
fn breaks(chars: &[(usize, char)]) -> Vec<usize> {
    let can_start = |at: usize| chars.get(at).is_none_or(|&(_, c)| !c.is_whitespace());
    let mut ends = Vec::new();
    let mut start = 0;
    while chars.len() - start > WIDTH {
        let limit = start + WIDTH;
        // After a space near the end of the line, else as late as the line allows.
        let after_space = (start + WIDTH / 2..=limit).rev().find(|&at| chars[at - 1].1 == ' ' && can_start(at));
        let end = after_space
            .or_else(|| (start + 1..=limit).rev().find(|&at| can_start(at)))
            .or_else(|| (limit..chars.len()).find(|&at| can_start(at)))
            .unwrap_or(chars.len());
        ends.push(end);
        start = end;
    }
    ends.push(chars.len());
    ends
}

/// The lines of a doc comment holding `markdown` (each starting with a space), at most
/// [`WIDTH`] characters where the text allows.
///
/// A line breaks only at a single space Markdown reads as a space: inside text (not code, a
/// link's address or HTML), not after a backslash, and before a letter (so no line starts a
/// list, heading, quote or code block). Joined, the lines are ` {markdown}`.
pub(super) fn doc_lines(markdown: &str) -> Vec<String> {
    if markdown.len() <= WIDTH || markdown.chars().nth(WIDTH).is_none() {
        return vec![format!(" {markdown}")];
    }
    let spaces = breakable_spaces(markdown);
    let mut lines = Vec::new();
    let mut start = 0;
    loop {
        let rest = &markdown[start..];
        // The byte offset at which the line would hold WIDTH characters.
        let Some((limit, _)) = rest.char_indices().nth(WIDTH).map(|(at, c)| (start + at, c)) else { break };
        let before = spaces.iter().rev().find(|&&at| at > start && at <= limit);
        let Some(&at) = before.or_else(|| spaces.iter().find(|&&at| at > limit)) else { break };
        lines.push(format!(" {}", &markdown[start..at]));
        start = at + 1;
    }
    lines.push(format!(" {}", &markdown[start..]));
    lines
}

/// The byte offsets of the spaces at which a doc comment may break (see [`doc_lines`]).
fn breakable_spaces(markdown: &str) -> Vec<usize> {
    // Text of a paragraph only: a heading is one line, and a code block keeps its lines.
    let mut texts: Vec<Range<usize>> = Vec::new();
    let (mut paragraphs, mut other_blocks) = (0usize, 0usize);
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => paragraphs += 1,
            Event::End(TagEnd::Paragraph) => paragraphs = paragraphs.saturating_sub(1),
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_)) => other_blocks += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Table) => {
                other_blocks = other_blocks.saturating_sub(1)
            }
            Event::Text(_) if paragraphs > 0 && other_blocks == 0 => texts.push(range),
            _ => {}
        }
    }
    let bytes = markdown.as_bytes();
    let in_text = |at: usize| texts.iter().any(|range| range.contains(&at));
    markdown
        .char_indices()
        .filter(|&(at, c)| {
            c == ' '
                && at > 0
                && !matches!(bytes[at - 1], b' ' | b'\t' | b'\\')
                && markdown[at + 1..].chars().next().is_some_and(char::is_alphabetic)
                && in_text(at)
        })
        .map(|(at, _)| at)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of a string literal as Rust reads it (syn resolves `\` at a line's end).
    fn value(literal: &Literal) -> String {
        syn::parse_str::<syn::LitStr>(&literal.to_string()).expect("a string literal").value()
    }

    #[test]
    fn a_long_literal_keeps_its_value_over_short_lines() {
        let texts = [
            "short".to_owned(),
            "word ".repeat(60),
            "会议不存在，".repeat(40),
            format!("{}   {}", "a".repeat(99), "b".repeat(150)),
            format!("{}{}x", "y".repeat(90), " ".repeat(250)),
            format!("{}\u{3000}{}", "长".repeat(100), "文".repeat(100)),
            "quote \" and back\\slash, nul\0 7 and tab\t ".repeat(10),
        ];
        for text in texts {
            let literal = literal(&text);
            assert_eq!(value(&literal), text);
            let repr = literal.to_string();
            let longest = repr.lines().map(|line| line.chars().count()).max().unwrap_or(0);
            let spaces = text.split(|c: char| !c.is_whitespace()).map(str::len).max().unwrap_or(0);
            assert!(longest <= WIDTH + CONTINUATION_INDENT.len() + 16 + spaces, "{longest}: {repr}");
            for line in repr.lines().skip(1) {
                let first = line.trim_start_matches(' ').chars().next();
                assert!(first.is_some_and(|c| !c.is_whitespace()), "{line:?}");
            }
        }
    }

    /// The events Markdown makes of a text, with each line break read as the space it is.
    fn rendered(markdown: &str) -> Vec<String> {
        let mut events: Vec<String> = Vec::new();
        for event in Parser::new(markdown) {
            let event = match event {
                Event::SoftBreak => Event::Text(" ".into()),
                event => event,
            };
            match (events.last_mut(), &event) {
                (Some(last), Event::Text(text)) if last.starts_with("Text:") => last.push_str(text),
                _ => events.push(match &event {
                    Event::Text(text) => format!("Text:{text}"),
                    event => format!("{event:?}"),
                }),
            }
        }
        events
    }

    #[test]
    fn a_long_doc_comment_breaks_where_markdown_reads_a_space() {
        let texts = [
            "short text".to_owned(),
            "word ".repeat(50).trim_end().to_owned(),
            format!("{} `code with many spaces inside it {}` and then more text", "a ".repeat(40), "x y ".repeat(20)),
            format!(
                "{} [link text with spaces](https://example.com/a) 1. 2. - * # > {}",
                "w ".repeat(45),
                "z ".repeat(40)
            ),
            format!("{} two  spaces and a back\\ slash {}", "b ".repeat(45), "c ".repeat(40)),
            "请求重放错误，请求头里的 X-TC-Timestamp 和 X-TC-Nonce 每次请求时需重新生成，".repeat(3),
            "没有空格的很长的一段中文".repeat(20),
            format!("# heading {}", "h ".repeat(60)),
            format!("    indented code {}", "i ".repeat(60)),
            format!("- a list item {}", "l ".repeat(60)),
            format!("> a quote {}", "q ".repeat(60)),
        ];
        for text in texts {
            let lines = doc_lines(&text);
            assert_eq!(lines.concat(), format!(" {text}"));
            // As rustdoc reads a doc comment: each line without its first space.
            let read: Vec<&str> = lines.iter().map(|line| &line[1..]).collect();
            assert_eq!(rendered(&read.join("\n")), rendered(&text), "{lines:#?}");
            for line in lines.iter().skip(1) {
                assert!(line[1..].starts_with(char::is_alphabetic), "{line:?}");
            }
            if text.starts_with(char::is_alphabetic) && text.contains(' ') && !text.contains("没有空格") {
                let longest = lines.iter().map(|line| line.chars().count()).max().unwrap_or(0);
                assert!(longest <= WIDTH + 1 + 40, "{longest}: {lines:#?}");
            }
        }
    }
}
