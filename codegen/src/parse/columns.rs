//! Which column of a table holds what: each role's column, found by its header text.

use crate::model::{Columns, Facts, Role, Source};

/// Header texts that mark each role's column, in order of preference, compared as
/// [`header_key`] makes them (`ErrorCode`, `Error code` and `error_code` are one header).
/// Other columns are named by the overlay's `[columns]`; a fact's by its declaration's headers.
const SYNONYMS: &[(Role, &[&str])] = &[
    (Role::Code, &["错误码", "错误代码", "返回码", "code", "error code", "error codes", "status code"]),
    (
        Role::Description,
        &["说明", "描述", "错误描述", "含义", "description", "meaning", "most likely cause", "user message"],
    ),
    (Role::Name, &["名称", "错误名称", "identifier", "name", "error definition", "definition"]),
    (Role::Http, &["http 状态码", "http 错误码", "http code", "http status code", "http status", "状态码", "http"]),
];

/// The header texts that mark a role's column, in order of preference.
pub(super) fn known_headers(role: Role) -> &'static [&'static str] {
    SYNONYMS.iter().find(|&&(r, _)| r == role).map_or(&[], |&(_, synonyms)| synonyms)
}

/// A header as it is compared: lower case, without whitespace, `_` and `-`.
pub(crate) fn header_key(header: &str) -> String {
    header.chars().filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-')).flat_map(char::to_lowercase).collect()
}

/// Each role with the header texts that find its column: the synonyms, then the facts'.
fn synonyms(facts: &Facts) -> Vec<(Role, Vec<&str>)> {
    let mut all: Vec<(Role, Vec<&str>)> = SYNONYMS.iter().map(|&(role, synonyms)| (role, synonyms.to_vec())).collect();
    // Declared facts come last and are looked for first: a header the overlay names is its.
    for (index, fact) in facts.iter().rev().filter(|(_, fact)| fact.source == Source::Column) {
        all.push((Role::Fact(index), fact.headers.iter().map(String::as_str).collect()));
    }
    all
}

/// The role whose synonyms include a header, if one does.
pub(crate) fn synonym_role(header: &str) -> Option<Role> {
    let key = header_key(header);
    SYNONYMS
        .iter()
        .find(|(_, synonyms)| synonyms.iter().any(|synonym| header_key(synonym) == key))
        .map(|&(role, _)| role)
}

/// Each role's column and why, and the columns that could take a role instead.
pub(super) struct Roles {
    pub(super) roles: Vec<(Role, usize, String)>,
    pub(super) alternatives: Vec<(Role, usize)>,
}

/// The column of each role, and why: the overlay's `[columns]` first (so a synonym never takes
/// a column it gives another role), else the first synonym a header has.
pub(super) fn roles(headers: &[String], columns: &Columns, facts: &Facts) -> Roles {
    let synonyms = synonyms(facts);
    let keys: Vec<String> = headers.iter().map(|header| header_key(header)).collect();
    let mut roles: Vec<(Role, usize, String)> = Vec::new();
    for named in &columns.named {
        let wanted = header_key(&named.header.value);
        let free = |column: &usize| !roles.iter().any(|&(role, taken, _)| taken == *column || role == named.role);
        if let Some(column) = (0..keys.len()).filter(free).find(|&column| keys[column] == wanted) {
            roles.push((named.role, column, format!("the overlay's `[columns] {}`", named.role.key(facts))));
        }
    }
    for (role, synonyms) in &synonyms {
        let role = *role;
        if roles.iter().any(|&(taken, ..)| taken == role) || columns.get(role).is_some() {
            continue;
        }
        let free = |column: usize| !roles.iter().any(|&(_, taken, _)| taken == column);
        let matching: Vec<usize> = synonyms
            .iter()
            .flat_map(|synonym| {
                let (synonym, keys) = (header_key(synonym), &keys);
                (0..keys.len()).filter(move |&column| keys[column] == synonym)
            })
            .filter(|&column| free(column))
            .collect();
        let Some(&column) = matching.first() else { continue };
        let mut why = format!("`{}` is a header for {}", headers[column], role.plural(facts));
        if let Some(&other) = matching.iter().find(|&&other| other != column) {
            let plural = role.plural(facts);
            why.push_str(&format!(", which comes before `{}` among the headers for {plural}", headers[other]));
        }
        roles.push((role, column, why));
    }
    fact_as_description(headers, columns, facts, &mut roles);
    roles.sort_by_key(|&(role, ..)| role);
    let alternatives = alternatives(headers, &roles, &synonyms);
    Roles { roles, alternatives }
}

/// A table with the column of a fact that may describe codes (`错误信息`) but no description column.
fn fact_as_description(headers: &[String], columns: &Columns, facts: &Facts, roles: &mut [(Role, usize, String)]) {
    if roles.iter().any(|&(role, ..)| role == Role::Description) {
        return;
    }
    let describes = |role: Role| match role {
        Role::Fact(fact) => facts.get(fact).describes_when_alone && columns.get(role).is_none(),
        _ => false,
    };
    if let Some((role, column, why)) = roles.iter_mut().find(|(role, ..)| describes(*role)) {
        *role = Role::Description;
        *why = format!("`{}` is a header for descriptions (the table has no other)", headers[*column]);
    }
}

/// For each role, the columns without a role whose header holds one of its synonyms
/// (`模块错误码`, `Error code in decimal notation`): English as whole words, Chinese as text; an
/// HTTP header is no code column, and a decimal column is chosen over a hexadecimal one.
fn alternatives(
    headers: &[String],
    roles: &[(Role, usize, String)],
    synonyms: &[(Role, Vec<&str>)],
) -> Vec<(Role, usize)> {
    let mut alternatives = Vec::new();
    let radix: Vec<Option<Radix>> = headers.iter().map(|header| radix(header)).collect();
    let both = radix.contains(&Some(Radix::Decimal)) && radix.contains(&Some(Radix::Hex));
    for (column, header) in headers.iter().enumerate() {
        if roles.iter().any(|&(_, taken, _)| taken == column) {
            continue;
        }
        let http = words(header).iter().any(|word| word == "http");
        let role = synonyms
            .iter()
            .filter(|&&(role, _)| !(http && role == Role::Code))
            .find(|(_, synonyms)| synonyms.iter().any(|synonym| holds(header, synonym)))
            .map(|&(role, _)| role);
        let role = match (both, radix[column]) {
            (true, Some(Radix::Decimal)) => Some(Role::Code),
            (true, Some(Radix::Hex)) => role.filter(|&role| role != Role::Code),
            _ => role,
        };
        alternatives.extend(role.map(|role| (role, column)));
    }
    alternatives
}

/// Whether a header holds a synonym: as words for an English one, as text otherwise.
fn holds(header: &str, synonym: &str) -> bool {
    if !synonym.is_ascii() {
        return header_key(header).contains(&header_key(synonym));
    }
    let (header, synonym) = (words(header), words(synonym));
    !synonym.is_empty() && header.windows(synonym.len()).any(|window| window == synonym.as_slice())
}

/// The lower-case ASCII words of a header, split at non-alphanumerics and camel case.
fn words(header: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut previous: Option<char> = None;
    for c in header.chars() {
        if !c.is_ascii_alphanumeric() {
            previous = None;
            continue;
        }
        let starts = previous.is_none_or(|p| p.is_ascii_lowercase() && c.is_ascii_uppercase());
        if starts {
            words.push(String::new());
        }
        if let Some(word) = words.last_mut() {
            word.push(c.to_ascii_lowercase());
        }
        previous = Some(c);
    }
    words
}

/// Whether a header says its column is decimal or hexadecimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Radix {
    Decimal,
    Hex,
}

fn radix(header: &str) -> Option<Radix> {
    let words = words(header);
    let has = |wanted: &[&str]| words.iter().any(|word| wanted.contains(&word.as_str()));
    if header.contains("十六进制") || has(&["hex", "hexadecimal"]) {
        Some(Radix::Hex)
    } else if header.contains("十进制") || has(&["dec", "decimal"]) {
        Some(Radix::Decimal)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ColumnName, Spanned};

    fn headers(headers: &[&str]) -> Vec<String> {
        headers.iter().map(|header| (*header).to_owned()).collect()
    }

    fn found(roles: &Roles) -> Vec<(Role, usize)> {
        roles.roles.iter().map(|&(role, column, _)| (role, column)).collect()
    }

    #[test]
    fn headers_are_compared_without_case_spaces_and_underscores() {
        for header in ["Error Codes", "ErrorCode", "error_code", "STATUS CODE", "错误代码"] {
            let roles = roles(&headers(&[header, "Meaning"]), &Columns::default(), &Facts::default());
            assert_eq!(found(&roles), [(Role::Code, 0), (Role::Description, 1)], "{header}");
        }
        for header in ["HTTP状态码", "状态码", "HTTP Status"] {
            let roles = roles(&headers(&["错误码", "说明", header]), &Columns::default(), &Facts::default());
            assert_eq!(found(&roles)[2], (Role::Http, 2), "{header}");
        }
    }

    #[test]
    fn a_message_column_is_the_description_only_when_there_is_no_other() {
        let both = roles(
            &headers(&["Code", "Error Message", "Description", "Guidance"]),
            &Columns::default(),
            &Facts::default(),
        );
        assert_eq!(found(&both), [(Role::Code, 0), (Role::Description, 2), (Role::Fact(0), 3), (Role::Fact(1), 1)]);
        let alone = roles(&headers(&["错误码", "错误信息", "排查建议"]), &Columns::default(), &Facts::default());
        assert_eq!(found(&alone), [(Role::Code, 0), (Role::Description, 1), (Role::Fact(0), 2)]);
    }

    #[test]
    fn the_overlay_decides_and_a_second_candidate_is_named() {
        let page = headers(&["错误码", "模块错误码", "英文描述", "说明"]);
        let plain = roles(&page, &Columns::default(), &Facts::default());
        assert_eq!(found(&plain), [(Role::Code, 0), (Role::Description, 3)]);
        assert_eq!(plain.alternatives, [(Role::Code, 1), (Role::Description, 2)]);
        let named =
            ColumnName { role: Role::Code, key: 0..0, header: Spanned::new("模块错误码".to_owned(), 0..0) };
        let chosen = roles(&page, &Columns { named: vec![named] }, &Facts::default());
        assert_eq!(found(&chosen), [(Role::Code, 1), (Role::Description, 3)]);
        let two = roles(&headers(&["Error code", "Status code", "Meaning"]), &Columns::default(), &Facts::default());
        let page = headers(&["Truncated Encoded", "ErrorCode in hex", "Code (dec)", "Meaning"]);
        let words = roles(&page, &Columns::default(), &Facts::default());
        assert_eq!(words.alternatives, [(Role::Code, 2)]);
        let page = headers(&["十六进制", "十进制", "HTTP错误码", "HTTP 错误码 说明", "说明"]);
        let chinese = roles(&page, &Columns::default(), &Facts::default());
        assert_eq!(found(&chinese), [(Role::Description, 4), (Role::Http, 2)]);
        assert_eq!(chinese.alternatives, [(Role::Code, 1), (Role::Description, 3)]);
        assert!(two.roles[0].2.contains("before `Status code`"), "{}", two.roles[0].2);
        assert_eq!(two.alternatives, [(Role::Code, 1)]);
    }
}
