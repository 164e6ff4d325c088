//! The tables of a Markdown page as GitHub shows them, and the lines that only look like one.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::inline::{html_text, plain};
use crate::model::Cell;
use crate::source::SourceFile;

/// A table of the page, with its cells in both forms.
pub(super) struct Table {
    pub(super) span: Range<usize>,
    pub(super) heading: Option<String>,
    pub(super) header: Vec<Cell>,
    pub(super) rows: Vec<RawRow>,
}

/// A row of a table as written.
pub(super) struct RawRow {
    pub(super) span: Range<usize>,
    pub(super) cells: Vec<Cell>,
}

/// Lines that look like a table but are not one, what they lack and the heading above.
pub(super) struct LookAlike {
    pub(super) span: Range<usize>,
    pub(super) problem: String,
    pub(super) heading: Option<String>,
}

/// A run of lines GitHub shows as text (a paragraph, or a whole list or quote) with the
/// heading above it; `cuts` is the start of a table such a container ends.
struct Block {
    lines: Vec<Range<usize>>,
    heading: Option<String>,
    container: bool,
    cuts: Option<usize>,
}

/// Every table on the page, and the runs of lines that look like a table but are text.
///
/// GitHub starts a table at a header right under a line of text; pulldown-cmark only when the
/// header starts with `|`. So the page is read again with such lines blanked (made spaces).
pub(super) fn tables(file: &SourceFile) -> (Vec<Table>, Vec<LookAlike>) {
    let body = file.body();
    let (mut tables, mut blocks) = read(file, body);
    let before_headers = lines_before_hidden_headers(body, &blocks);
    let blanked;
    let mut text = body;
    if !before_headers.is_empty() {
        let mut bytes = body.as_bytes().to_vec();
        for line in before_headers {
            bytes[line].fill(b' ');
        }
        // Only whole lines of UTF-8 were replaced by ASCII spaces.
        blanked = String::from_utf8(bytes).unwrap_or_else(|_| body.to_owned());
        text = &blanked;
        (tables, blocks) = read(file, text);
    }
    let shift = file.bom_len();
    let look_alikes = blocks
        .iter()
        .flat_map(|block| look_alikes(file, text, block))
        .map(|look| LookAlike { span: look.span.start + shift..look.span.end + shift, ..look })
        .collect();
    (tables, look_alikes)
}

/// The lines of a range of the text, without line endings.
fn lines(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        lines.push(start..start + content.len());
        start += line.len();
    }
    lines
}

/// The line of text right above each header row GitHub reads as a table and pulldown-cmark does not.
fn lines_before_hidden_headers(text: &str, blocks: &[Block]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for lines in blocks.iter().filter(|block| !block.container).map(|block| &block.lines) {
        for at in 1..lines.len().saturating_sub(1) {
            let (header, delimiter) = (&text[lines[at].clone()], &text[lines[at + 1].clone()]);
            if header.contains('|') && is_delimiter(delimiter) && raw_cell_count(header) == raw_cell_count(delimiter) {
                found.push(lines[at - 1].clone());
            }
        }
    }
    found
}

/// Runs of lines that hold `|` as table rows do but are text: a table without a fitting
/// delimiter row, or a single row; in a container that ends a table, any such line.
fn look_alikes(file: &SourceFile, text: &str, block: &Block) -> Vec<LookAlike> {
    let lines = &block.lines;
    let piped = |line: &Range<usize>| text[line.clone()].contains('|') && raw_cell_count(&text[line.clone()]) >= 2;
    let heading = || block.heading.clone();
    if let Some(table) = block.cuts {
        let Some(last) = lines.iter().rposition(piped) else { return Vec::new() };
        let line = file.line_col(table + file.bom_len()).line;
        let problem = format!(
            "follow a list or quote that ends the table of line {line} (a line starting with `- `, `* `, `1. ` or \
             `>` ends a table, on GitHub too)"
        );
        let span = lines[0].start + leading_space(&text[lines[0].clone()])..lines[last].end;
        return vec![LookAlike { span, problem, heading: heading() }];
    }
    let mut found = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let run = lines[at..].iter().take_while(|line| piped(line)).count();
        if run == 1 && is_row(&text[lines[at].clone()]) {
            let problem = "are a table row with no header or delimiter row above it".to_owned();
            let span = lines[at].start + leading_space(&text[lines[at].clone()])..lines[at].end;
            found.push(LookAlike { span, problem, heading: heading() });
        } else if run >= 2 {
            let (header, second) = (&text[lines[at].clone()], &text[lines[at + 1].clone()]);
            let problem = if is_delimiter(second) {
                format!(
                    "have a delimiter row of {} cells under a header of {}",
                    raw_cell_count(second),
                    raw_cell_count(header)
                )
            } else {
                "have no delimiter row (`| --- | --- |`) under their header".to_owned()
            };
            let span = lines[at].start + leading_space(header)..lines[at + run - 1].end;
            found.push(LookAlike { span, problem, heading: heading() });
        }
        at += run.max(1);
    }
    found
}

/// Whether a line alone reads as a table row: `|` at either end, two cells or more.
fn is_row(line: &str) -> bool {
    let line = line.trim();
    line.len() > 1 && line.starts_with('|') && line.ends_with('|') && raw_cell_count(line) >= 2
}

fn leading_space(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Whether a line is a delimiter row: cells of `-`, optionally `:`-ended, between `|`.
fn is_delimiter(line: &str) -> bool {
    let line = line.trim();
    if !line.contains('|') {
        return false;
    }
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').all(|cell| {
        let cell = cell.trim();
        let dashes = cell.strip_prefix(':').unwrap_or(cell);
        let dashes = dashes.strip_suffix(':').unwrap_or(dashes);
        !dashes.is_empty() && dashes.bytes().all(|b| b == b'-')
    })
}

/// The tables pulldown-cmark finds in `text` (spans indexing the file), and the lines of each
/// paragraph and outermost list or quote.
fn read(file: &SourceFile, text: &str) -> (Vec<Table>, Vec<Block>) {
    let mut reader = Reader {
        file,
        shift: file.bom_len(),
        tables: Vec::new(),
        blocks: Vec::new(),
        depth: 0,
        containers: 0,
        table_end: None,
        cell: None,
        row: Vec::new(),
        row_start: 0,
        heading: None,
        in_heading: false,
    };
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        reader.event(event, range, text);
    }
    (reader.tables, reader.blocks)
}

/// The Markdown GitHub reads: tables, and `~~struck through~~` text.
pub(super) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// What [`read`] has found so far.
struct Reader<'a> {
    file: &'a SourceFile,
    shift: usize,
    tables: Vec<Table>,
    blocks: Vec<Block>,
    depth: usize,
    /// How many lists and quotes the current event is in.
    containers: usize,
    /// The start and end of the last table, in the parsed text.
    table_end: Option<(usize, usize)>,
    cell: Option<String>,
    row: Vec<Cell>,
    row_start: usize,
    heading: Option<String>,
    in_heading: bool,
}

impl Reader<'_> {
    /// Takes in one event of the parse, at a range of the parsed text.
    fn event(&mut self, event: Event<'_>, range: Range<usize>, text: &str) {
        let in_text = range.clone();
        let range = range.start + self.shift..range.end + self.shift;
        match event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                if self.containers == 0 {
                    // A list or quote right under a table, with no blank line between, ends it.
                    let cuts = self.table_end.filter(|&(_, end)| end == in_text.start).map(|(start, _)| start);
                    let (lines, heading) = (lines(text, in_text), self.heading.clone());
                    self.blocks.push(Block { lines, heading, container: true, cuts });
                }
                self.containers += 1;
                self.depth += 1;
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => {
                self.containers = self.containers.saturating_sub(1);
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Start(Tag::Item | Tag::FootnoteDefinition(_)) => self.depth += 1,
            Event::End(TagEnd::Item | TagEnd::FootnoteDefinition) => self.depth = self.depth.saturating_sub(1),
            Event::Start(Tag::Paragraph) if self.depth == 0 => {
                let (lines, heading) = (lines(text, in_text), self.heading.clone());
                self.blocks.push(Block { lines, heading, container: false, cuts: None });
            }
            Event::End(TagEnd::Table) => self.table_end = Some((in_text.start, in_text.end)),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => {
                // The plain text keeps the strike as the page writes it.
                if let Some(cell) = &mut self.cell {
                    cell.push_str("~~");
                }
            }
            Event::Start(Tag::Heading { .. }) => {
                self.heading = Some(String::new());
                self.in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => self.in_heading = false,
            Event::Text(text) | Event::Code(text) if self.in_heading => {
                if let Some(heading) = &mut self.heading {
                    heading.push_str(&text);
                }
            }
            Event::Start(Tag::Table(_)) => self.tables.push(Table {
                span: range,
                heading: self.heading.clone(),
                header: Vec::new(),
                rows: Vec::new(),
            }),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                self.row.clear();
                self.row_start = range.start;
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(table) = self.tables.last_mut() {
                    table.header = std::mem::take(&mut self.row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(table) = self.tables.last_mut() {
                    table.rows.push(RawRow { span: self.row_start..range.end, cells: std::mem::take(&mut self.row) });
                }
            }
            Event::Start(Tag::TableCell) => self.cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let Some(text) = self.cell.take() {
                    let span = trimmed(self.file, range);
                    let markdown = self.file.text[span.clone()].to_owned();
                    self.row.push(Cell { markdown, text: plain(&text), span });
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(cell) = &mut self.cell {
                    cell.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(cell) = &mut self.cell {
                    cell.push(' ');
                }
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                if let Some(cell) = &mut self.cell {
                    cell.push_str(html_text(&html));
                }
            }
            _ => {}
        }
    }
}

/// Narrows a range to its content without surrounding whitespace and line ending; control
/// characters Unicode counts as whitespace stay in, for the validator to report.
pub(super) fn trimmed(file: &SourceFile, span: Range<usize>) -> Range<usize> {
    let text = &file.text[span.clone()];
    let space = |c: char| c.is_whitespace() && !matches!(c, '\u{b}' | '\u{c}' | '\u{85}');
    let start = span.start + (text.len() - text.trim_start_matches(space).len());
    let end = span.end - (text.len() - text.trim_end_matches(space).len());
    start..end.max(start)
}

/// The number of cells a table row's source holds, split as GFM does (on every unescaped `|`,
/// edge pipes optional): pulldown-cmark pads or drops cells, hiding a misfit row.
pub(super) fn raw_cell_count(row: &str) -> usize {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let (mut pipes, mut last) = (0, None);
    let mut escaped = false;
    for (i, c) in row.bytes().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            b'\\' => escaped = true,
            b'|' => (pipes, last) = (pipes + 1, Some(i)),
            _ => {}
        }
    }
    let trailing_pipe = last.is_some_and(|i| i + 1 == row.len());
    pipes + usize::from(!trailing_pipe)
}

/// The span of a table's header row, from its first cell to its last.
pub(super) fn header_span(table: &Table) -> Range<usize> {
    match (table.header.first(), table.header.last()) {
        (Some(first), Some(last)) => first.span.start..last.span.end,
        _ => table.span.start..table.span.start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_cells_are_counted_like_gfm() {
        assert_eq!(raw_cell_count("| a | b |"), 2);
        assert_eq!(raw_cell_count("a | b"), 2);
        assert_eq!(raw_cell_count("| a | b"), 2);
        assert_eq!(raw_cell_count("| a \\| x | b |"), 2);
        assert_eq!(raw_cell_count("|1|2|3|"), 3);
        assert_eq!(raw_cell_count("|4|"), 1);
    }

    #[test]
    fn delimiter_rows_are_dashes_between_pipes() {
        for line in ["| --- | :-: |", " ---- | -----", "|-|", "--|--"] {
            assert!(is_delimiter(line), "{line}");
        }
        for line in ["---", "| a | --- |", "| | |", "| -- - |"] {
            assert!(!is_delimiter(line), "{line}");
        }
    }

    #[test]
    fn a_header_under_a_line_of_text_starts_a_table_as_on_github() {
        let file = SourceFile::new("d.md", "如下：\n参数 | 说明\n ---- | -----\n 1 | 系统繁忙\n");
        let (tables, look_alikes) = tables(&file);
        assert_eq!(tables.len(), 1);
        assert!(look_alikes.is_empty());
        let cell = &tables[0].rows[0].cells[1];
        assert_eq!(&file.text[cell.span.clone()], "系统繁忙");
        assert_eq!(tables[0].header[0].text, "参数");
    }

    #[test]
    fn rows_without_a_delimiter_row_are_found_where_they_are() {
        let file =
            SourceFile::new("d.md", "# t\n\ntext\n| 错误码 | 说明 |\n| 1 | x |\n\n| a | b |\n| -- | -- | -- |\n");
        let (tables, look_alikes) = tables(&file);
        assert!(tables.is_empty());
        let found: Vec<&str> = look_alikes.iter().map(|look| &file.text[look.span.clone()]).collect();
        assert_eq!(found, ["| 错误码 | 说明 |\n| 1 | x |", "| a | b |\n| -- | -- | -- |"]);
        assert!(look_alikes[0].problem.contains("no delimiter row"));
        assert!(look_alikes[1].problem.contains("of 3 cells under a header of 2"));
    }
}
