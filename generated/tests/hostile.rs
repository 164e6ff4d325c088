//! The crate generated from the hostile fixture (`codegen/tests/fixtures/good/hostile.md`:
//! quotes, backslashes, braces, comment and raw-string markers, pipes, tabs, CJK, emoji,
//! combining marks, right-to-left text, invisible characters, markup and entities) compiles,
//! and says exactly what the doc says.
//!
//! `cargo xtask gen` writes `hostile/error_codes.rs`; the freshness test keeps it current.

// The module is the generated crate's code, used here through a few entry points only.
#[allow(dead_code)]
#[rustfmt::skip]
#[path = "hostile/error_codes.rs"]
mod error_codes;

use error_codes::ErrorCode;

/// Every code with its number, its description and its `Display`, written out by hand from
/// the fixture's Markdown: markup stripped, entities and escapes resolved, runs of ASCII
/// whitespace made one space, everything else kept. Invisible characters are escaped here
/// so that a reader can see them.
const EXPECTED: &[(ErrorCode, i64, &str, &str)] = &[
    (ErrorCode::Smallest, i64::MIN, "i64::MIN 最小", "-9223372036854775808 i64::MIN 最小"),
    (ErrorCode::Negative, -1, "负数 -1", "-1 负数 -1"),
    (ErrorCode::Zero, 0, "零", "0 零"),
    (
        ErrorCode::Quotes,
        1,
        "\"double\" and 'single' quotes, “curly” ones",
        "1 \"double\" and 'single' quotes, “curly” ones",
    ),
    (
        ErrorCode::Backslashes,
        2,
        "C:\\Users\\x and \\n and \\u{0} and a trailing \\",
        "2 C:\\Users\\x and \\n and \\u{0} and a trailing \\",
    ),
    (ErrorCode::Braces, 3, "{} {0} {{ }} %s {name}", "3 {} {0} {{ }} %s {name}"),
    (ErrorCode::CommentMarkers, 4, "/* not a comment */ and */ and //", "4 /* not a comment */ and */ and //"),
    (
        ErrorCode::Hashes,
        5,
        "# not a heading, #![deny(warnings)] and #[doc]",
        "5 # not a heading, #![deny(warnings)] and #[doc]",
    ),
    (ErrorCode::RawStringMarkers, 6, "r#\"raw\"# and \"## and r##\"", "6 r#\"raw\"# and \"## and r##\""),
    (ErrorCode::EscapedPipes, 7, "a | b || c", "7 a | b || c"),
    (ErrorCode::Tabs, 8, "tab here and there", "8 tab here and there"),
    (ErrorCode::Cjk, 9, "会议不存在，请检查（meeting_id）；「引号」", "9 会议不存在，请检查（meeting_id）；「引号」"),
    (ErrorCode::Emoji, 10, "🙂 👨\u{200d}👩\u{200d}👧 🇨🇳 ✔\u{fe0f}", "10 🙂 👨\u{200d}👩\u{200d}👧 🇨🇳 ✔\u{fe0f}"),
    (
        ErrorCode::CombiningMarks,
        11,
        "e\u{301} a\u{308} \u{301}leading mark",
        "11 e\u{301} a\u{308} \u{301}leading mark",
    ),
    (ErrorCode::RightToLeft, 12, "خطأ \u{200f}שגיאה\u{200e} (rtl)", "12 خطأ \u{200f}שגיאה\u{200e} (rtl)"),
    (
        ErrorCode::InvisibleButHarmless,
        13,
        "zero\u{200b}width, join\u{200d}ner, no\u{a0}break, ideographic\u{3000}space",
        "13 zero\u{200b}width, join\u{200d}ner, no\u{a0}break, ideographic\u{3000}space",
    ),
    (
        ErrorCode::LineSeparators,
        14,
        "line\u{2028}separator and paragraph\u{2029}separator",
        "14 line\u{2028}separator and paragraph\u{2029}separator",
    ),
    (ErrorCode::Markup, 15, "bold, emphasis, code, link and html", "15 bold, emphasis, code, link and html"),
    (ErrorCode::Entities, 16, "& <tag> 会 ©", "16 & <tag> 会 ©"),
    (ErrorCode::BacktickFence, 17, "```", "17 ```"),
    (ErrorCode::TildeFence, 18, "~~~rust", "18 ~~~rust"),
    (ErrorCode::ReplacementCharacter, 19, "already \u{fffd} in the doc", "19 already \u{fffd} in the doc"),
    (ErrorCode::Type, 20, "a name that is a keyword in lower case", "20 a name that is a keyword in lower case"),
    (
        ErrorCode::EscapedMarkup,
        21,
        "*not emphasis*, `not code`, [not a link](x), <b>, &amp;",
        "21 *not emphasis*, `not code`, [not a link](x), <b>, &amp;",
    ),
    (ErrorCode::Largest, i64::MAX, "i64::MAX 最大", "9223372036854775807 i64::MAX 最大"),
];

#[test]
fn every_description_and_display_is_exactly_the_docs_text() {
    assert_eq!(ErrorCode::ALL.len(), EXPECTED.len());
    for (&(code, number, description, display), &listed) in EXPECTED.iter().zip(ErrorCode::ALL) {
        assert_eq!(code, listed, "ALL is in ascending code order");
        assert_eq!(code.code(), number);
        assert_eq!(ErrorCode::from_code(number), code);
        assert_eq!(code.description(), Some(description), "description of {number}");
        assert_eq!(code.to_string(), display, "Display of {number}");
        assert_eq!(code.http_status(), Some(500));
    }
}

/// The overlay's additions: a retired code whose description and reason are hostile too, a
/// former variant name, and retry hints.
#[test]
#[allow(deprecated)]
fn retired_renamed_and_retryable_codes_say_what_the_overlay_says() {
    let retired = ErrorCode::RetiredHostile;
    assert_eq!(ErrorCode::RETIRED, [retired]);
    assert!(!ErrorCode::ALL.contains(&retired));
    assert_eq!(ErrorCode::from_code(22), retired);
    assert_eq!(retired.description(), Some("``` 已下线 \"q\" \\ {0} */"));
    assert_eq!(retired.to_string(), "22 ``` 已下线 \"q\" \\ {0} */");
    assert_eq!(ErrorCode::CurlyBraces, ErrorCode::Braces);
    let retryable: Vec<i64> =
        EXPECTED.iter().map(|&(code, ..)| code).filter(|code| code.is_retryable()).map(ErrorCode::code).collect();
    assert_eq!(retryable, [i64::MIN, 1]);
}

#[test]
fn extreme_codes_round_trip_through_json() {
    for (code, json) in [(ErrorCode::Smallest, "-9223372036854775808"), (ErrorCode::Largest, "9223372036854775807")] {
        assert_eq!(serde_json::to_string(&code).unwrap(), json);
        assert_eq!(serde_json::from_str::<ErrorCode>(json).unwrap(), code);
    }
    let unknown = ErrorCode::from_code(23);
    assert_eq!((unknown.description(), unknown.to_string()), (None, "23 (undocumented error code)".to_owned()));
}
