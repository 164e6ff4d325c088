//! Inline Markdown (a cell, a heading's or a list item's text) as the text a reader sees.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::table::options;

/// What an HTML tag inside a cell adds to its text: a space for a break or a block (`<br>`,
/// `<p>`), nothing for an inline tag.
pub(super) fn html_text(html: &str) -> &'static str {
    const BREAKS: [&str; 11] = ["br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "hr", "table"];
    let name = html.trim_start_matches('<').trim_start_matches('/');
    let name: String = name.chars().take_while(char::is_ascii_alphanumeric).collect();
    if BREAKS.iter().any(|tag| name.eq_ignore_ascii_case(tag)) { " " } else { "" }
}

/// The text a reader sees in inline Markdown: markup stripped, whitespace as in [`plain`].
pub(super) fn inline_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(part) | Event::Code(part) => text.push_str(&part),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => text.push_str("~~"),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::InlineHtml(html) | Event::Html(html) => text.push_str(html_text(&html)),
            _ => {}
        }
    }
    plain(&text)
}

/// A cell's text as a reader sees it: trimmed, each run of ASCII whitespace made one space
/// (U+3000 and no-break spaces are text).
pub(super) fn plain(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_collapses_ascii_whitespace_only() {
        assert_eq!(plain("  a \t b\n c  "), "a b c");
        assert_eq!(plain("\u{3000}会议\u{3000}不存在\u{a0}x\u{3000}"), "会议\u{3000}不存在\u{a0}x");
    }

    #[test]
    fn html_reads_as_its_text() {
        assert_eq!(
            inline_text("exceeds the <a href=\"https://x.y\">allowable range</a>."),
            "exceeds the allowable range."
        );
        assert_eq!(inline_text("a<br>b<BR/>c"), "a b c");
        assert_eq!(inline_text("Causes:<ul><li>one</li><li>two</li></ul>"), "Causes: one two");
        assert_eq!(inline_text("<b>bold</b>, <span>x</span>."), "bold, x.");
        assert_eq!(inline_text("~~old~~ new"), "~~old~~ new");
    }
}
