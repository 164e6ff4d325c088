//! The language of a page, so that help about its headers starts with headers it may use.

use super::columns::known_headers;
use crate::model::Role;

/// The language a page's text is mostly in, as far as its headers go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Language {
    English,
    Chinese,
    Japanese,
}

/// The page's language: Japanese with kana, Chinese with about as many Han as English words, else English.
pub(super) fn language(text: &str) -> Language {
    let (mut kana, mut han, mut latin) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '\u{3040}'..='\u{30ff}' => kana += 1,
            '\u{4e00}'..='\u{9fff}' => han += 1,
            c if c.is_ascii_alphabetic() => latin += 1,
            _ => {}
        }
    }
    if kana > 0 && kana * 10 >= han {
        Language::Japanese
    } else if han * 5 >= latin && han > 0 {
        Language::Chinese
    } else {
        Language::English
    }
}

/// What an error-code table's header needs, the page's language first.
pub(super) fn needs_header(language: Language) -> String {
    let known = |role: Role| {
        let (chinese, english): (Vec<&str>, Vec<&str>) =
            known_headers(role).iter().partition(|synonym| !synonym.is_ascii());
        let (first, second) = match language {
            Language::Chinese => (chinese, english),
            _ => (english, chinese),
        };
        let all: Vec<String> = first.iter().chain(&second).map(|header| format!("`{}`", title_case(header))).collect();
        all.join(", ")
    };
    let (code, description) = (known(Role::Code), known(Role::Description));
    let headers = format!("headers known for codes: {code}; for descriptions: {description}");
    match language {
        Language::Chinese => format!(
            "the error-code table needs a header with a `错误码` (code) column and a `说明` (description) column \
             ({headers})"
        ),
        Language::English => {
            format!("the error-code table needs a header with a `Code` column and a `Description` column ({headers})")
        }
        Language::Japanese => format!(
            "the error-code table needs a header with a code column and a description column ({headers}); a \
             Japanese header such as `エラーコード` or `説明` is named in the overlay, `[columns] code = \"エラーコード\"`"
        ),
    }
}

/// An English header as a page writes it (`Error Code`); others as they are.
fn title_case(header: &str) -> String {
    if !header.is_ascii() {
        return header.to_owned();
    }
    let word = |word: &str| {
        let mut chars = word.chars();
        chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
    };
    header.split(' ').map(word).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_told_by_its_letters() {
        assert_eq!(language("| Code | Description |\n| 1 | Not found |"), Language::English);
        assert_eq!(language("| 错误码 | 说明 |\n| 9003 | 会议不存在 (meeting not found) |"), Language::Chinese);
        assert_eq!(language("| コード | 説明 |\n| 1 | 会議が見つかりません |"), Language::Japanese);
        let english = needs_header(Language::English);
        assert!(english.starts_with("the error-code table needs a header with a `Code` column"), "{english}");
        assert!(english.contains("`Error Code`") && english.contains("`错误码`"), "{english}");
    }
}
