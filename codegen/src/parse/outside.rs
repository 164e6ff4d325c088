//! Codes written outside tables: at the start of headings (`### -1000 UNKNOWN`, with the
//! messages as a list under each) and of list items (`- 1000 Unknown error`).

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::inline::inline_text;
use super::table::trimmed;
use crate::codes;
use crate::model::{Cell, CodeKind};
use crate::source::SourceFile;

/// A code written at the start of a heading or a list item, and what follows it.
pub(super) struct Written {
    /// The heading or the item's first lines.
    pub(super) span: Range<usize>,
    /// The code, as written (without backticks or emphasis).
    pub(super) code: Cell,
    /// The text after the code: the code's description.
    pub(super) text: Cell,
    /// For a heading, the items of the list under it, up to the next heading.
    pub(super) listed: Vec<Cell>,
    /// The text of the last heading above that does not start with a code.
    pub(super) heading: Option<String>,
    /// The group of codes written together (one run of headings, one list), counted from 0.
    pub(super) group: usize,
}

/// The codes a page writes at the start of headings and of list items.
#[derive(Default)]
pub(super) struct Outside {
    pub(super) headings: Vec<Written>,
    pub(super) items: Vec<Written>,
}

/// Finds the codes of `kind` written outside tables; a string code only in backticks, since
/// any heading starts with a word.
pub(super) fn outside(file: &SourceFile, kind: CodeKind) -> Outside {
    let body = file.body();
    let shift = file.bom_len();
    let mut outside = Outside::default();
    // A page of table rows alone (a large reference) is not parsed a second time.
    if !body.lines().any(|line| line.trim_start().starts_with('#') || list_marker(line) > 0) {
        return outside;
    }
    // Read without tables: a table is then a paragraph, which headings and lists end.
    let (mut lists, mut heading, mut groups) = (0usize, None::<String>, 0usize);
    // Whether the last heading started with a code, and whether a new list has started.
    let (mut under_code, mut new_list) = (false, true);
    let mut heading_text: Option<(String, HeadingLevel)> = None;
    for (event, range) in Parser::new_ext(body, Options::ENABLE_STRIKETHROUGH).into_offset_iter() {
        let range = range.start + shift..range.end + shift;
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading_text = Some((String::new(), level)),
            Event::Text(text) | Event::Code(text) => {
                if let Some((heading, _)) = &mut heading_text {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((text, _)) = heading_text.take() else { continue };
                match written(file, first_line(file, range, heading_marks), kind) {
                    Some((span, code, after)) => {
                        if !under_code {
                            groups += 1;
                        }
                        let group = groups - 1;
                        let found =
                            Written { span, code, text: after, listed: Vec::new(), heading: heading.clone(), group };
                        outside.headings.push(found);
                        under_code = true;
                    }
                    None => {
                        heading = Some(text);
                        under_code = false;
                    }
                }
            }
            Event::Start(Tag::List(_)) => {
                lists += 1;
                new_list |= lists == 1;
            }
            Event::End(TagEnd::List(_)) => lists = lists.saturating_sub(1),
            Event::Start(Tag::Item) if lists == 1 => {
                let line = item_lines(file, range);
                if under_code {
                    if let Some(code_heading) = outside.headings.last_mut() {
                        code_heading.listed.push(cell(file, line));
                    }
                    continue;
                }
                let Some((span, code, after)) = written(file, line, kind) else { continue };
                if new_list {
                    groups += 1;
                    new_list = false;
                }
                let group = groups - 1;
                outside.items.push(Written {
                    span,
                    code,
                    text: after,
                    listed: Vec::new(),
                    heading: heading.clone(),
                    group,
                });
            }
            _ => {}
        }
    }
    outside
}

/// The first line of a block, without its line ending, with `marks` taken off its start.
fn first_line(file: &SourceFile, range: Range<usize>, marks: fn(&str) -> usize) -> Range<usize> {
    let text = &file.text[range.clone()];
    let end = range.start + text.find(['\n', '\r']).unwrap_or(text.len());
    let line = &file.text[range.start..end];
    let start = range.start + marks(line);
    // A closing sequence of `#` after a space is not part of an ATX heading's text.
    let content = &file.text[start..end];
    let trimmed_end = content.trim_end();
    let closing = trimmed_end.trim_end_matches('#');
    let end = if closing.len() < trimmed_end.len() && (closing.is_empty() || closing.ends_with([' ', '\t'])) {
        start + closing.len()
    } else {
        end
    };
    trimmed(file, start..end.max(start))
}

/// The length of an ATX heading's opening `#`s.
fn heading_marks(line: &str) -> usize {
    let hashes = line.trim_start();
    let indent = line.len() - hashes.len();
    let after = hashes.trim_start_matches('#');
    if after.len() < hashes.len() { indent + (hashes.len() - after.len()) } else { 0 }
}

/// A list item's content: its first line and its paragraph's lines, without the marker.
fn item_lines(file: &SourceFile, range: Range<usize>) -> Range<usize> {
    let text = &file.text[range.clone()];
    let mut end = range.start;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let content = line.trim();
        if index > 0 && (content.is_empty() || list_marker(content) > 0) {
            break;
        }
        end += line.len();
    }
    let first = &file.text[range.start..end];
    trimmed(file, range.start + list_marker(first)..end)
}

/// The length of a list item's marker and the spaces after it, if a line starts with one.
fn list_marker(line: &str) -> usize {
    let content = line.trim_start();
    let indent = line.len() - content.len();
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match content.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => digits + 1,
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        _ => return 0,
    };
    let after = &content[marker..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    if spaces == 0 && !after.is_empty() { 0 } else { indent + marker + spaces }
}

/// A cell of some inline Markdown of the page.
fn cell(file: &SourceFile, span: Range<usize>) -> Cell {
    let markdown = file.text[span.clone()].to_owned();
    Cell { text: inline_text(&markdown), markdown, span }
}

/// The code starting some inline Markdown and the text after it (`-1000 UNKNOWN`,
/// `` `1000`: Unknown error ``, `**1000** - Unknown`).
fn written(file: &SourceFile, span: Range<usize>, kind: CodeKind) -> Option<(Range<usize>, Cell, Cell)> {
    let content = &file.text[span.clone()];
    let (token, after, marked) = token(content)?;
    let markdown = &content[token.clone()];
    let code = Cell {
        span: span.start + token.start..span.start + token.end,
        markdown: markdown.to_owned(),
        text: inline_text(markdown),
    };
    let readable = match kind {
        CodeKind::Integer => codes::read_cell(&code, kind).is_ok(),
        CodeKind::String => marked && codes::read_cell(&code, kind).is_ok(),
    };
    let rest = &content[after..];
    if !readable || rest.starts_with(|c: char| !c.is_whitespace() && !":：-–—".contains(c)) {
        return None;
    }
    let skipped = rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || ":：-–—".contains(c)).len();
    let text = cell(file, trimmed(file, span.start + after + skipped..span.end));
    Some((span, code, text))
}

/// The first word of some inline Markdown, where what follows starts, and whether it is marked
/// as a code (backticks or a link, kept whole); emphasis is taken off.
fn token(content: &str) -> Option<(Range<usize>, usize, bool)> {
    if content.starts_with('[') {
        let close = content.find("](")?;
        let end = close + content[close..].find(')')? + 1;
        return Some((0..end, end, true));
    }
    let (mark, marked) = match content {
        _ if content.starts_with('`') => ("`", true),
        _ if content.starts_with("**") => ("**", false),
        _ => ("", false),
    };
    if mark.is_empty() {
        let end = content.find(|c: char| c.is_whitespace() || matches!(c, ':' | '：')).unwrap_or(content.len());
        return Some((0..end, end, false));
    }
    let end = mark.len() + content[mark.len()..].find(mark)?;
    Some((mark.len()..end, end + mark.len(), marked))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_start_headings_and_items() {
        let file = SourceFile::new(
            "d.md",
            "# Errors\n\n### -1000 UNKNOWN ###\n- Unknown error\n- Try again\n\n### `1001`: Busy\n\n## Other\n\n\
             - 2000 Not found\n- **2001** - Gone\n- 12 monkeys\n- 3.5 things\n",
        );
        let found = outside(&file, CodeKind::Integer);
        let codes: Vec<(&str, &str, usize)> =
            found.headings.iter().map(|w| (w.code.text.as_str(), w.text.text.as_str(), w.listed.len())).collect();
        assert_eq!(codes, [("-1000", "UNKNOWN", 2), ("1001", "Busy", 0)]);
        assert_eq!(found.headings[0].heading.as_deref(), Some("Errors"));
        let linked = SourceFile::new("d.md", "- [1000](e1000.md) Unknown\n- [1001](e.md#x) Busy\n");
        let items: Vec<(String, String)> = outside(&linked, CodeKind::Integer)
            .items
            .iter()
            .map(|w| (w.code.markdown.clone(), w.text.text.clone()))
            .collect();
        assert_eq!(
            items,
            [("[1000](e1000.md)".to_owned(), "Unknown".to_owned()), ("[1001](e.md#x)".to_owned(), "Busy".to_owned())]
        );
        let items: Vec<(&str, &str)> =
            found.items.iter().map(|w| (w.code.text.as_str(), w.text.text.as_str())).collect();
        assert_eq!(items, [("2000", "Not found"), ("2001", "Gone"), ("12", "monkeys")]);
        assert_eq!(found.items[0].heading.as_deref(), Some("Other"));
        assert_eq!(&file.text[found.headings[0].listed[1].span.clone()], "Try again");
    }
}
