//! Which column of a table holds what: each role's column, found by its header text.

use crate::model::{Columns, Facts, Role, Source};

/// Header texts that mark each role's column, in order of preference. They are compared as
/// [`header_key`] makes them: without case, spaces, `_` and `-`, so `ErrorCode`, `Error code`
/// and `error_code` are one header, as are `HTTP状态码` and `HTTP 状态码`; the header's text is
/// read through its emphasis (`**错误码**`). A column the synonyms do not find (CKafka's
/// unique code is its second column, DingTalk heads its codes `参数`) is named by the
/// overlay's `[columns]`.
///
/// A fact's column is found by its declaration's headers (`crate::fact`), after these.
const SYNONYMS: &[(Role, &[&str])] = &[
    (Role::Code, &["错误码", "错误代码", "返回码", "code", "error code", "error codes", "status code"]),
    (
        Role::Description,
        &["说明", "描述", "错误描述", "含义", "description", "meaning", "most likely cause", "user message"],
    ),
    (Role::Name, &["名称", "错误名称", "identifier", "name", "error definition", "definition"]),
    (Role::Http, &["http 状态码", "http code", "http status code", "http status", "状态码"]),
];

/// A header as it is compared: lower case, without whitespace, `_` and `-`.
pub(crate) fn header_key(header: &str) -> String {
    header.chars().filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-')).flat_map(char::to_lowercase).collect()
}

/// Each role with the header texts that find its column: the synonyms, then each fact's
/// headers.
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

/// The roles of a table's columns: each role's column and why, and the columns without a
/// role whose header holds a role's header text (`模块错误码` holds `错误码`).
pub(super) struct Roles {
    pub(super) roles: Vec<(Role, usize, String)>,
    pub(super) alternatives: Vec<(Role, usize)>,
}

/// The column of each role in a table of these headers, and why: the overlay's `[columns]`
/// where it names the role, else the first synonym the header has. The overlay's choices are
/// made first, so a synonym never takes a column the overlay gives another role. When a
/// second column could serve a synonym's role, the reason says so and how to choose it.
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
    let alternatives = alternatives(&keys, &roles, &synonyms);
    Roles { roles, alternatives }
}

/// A table with the column of a fact that may describe codes (the API's message, `错误信息`)
/// but no description column describes its codes by it.
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

/// The columns without a role whose header holds a synonym of a role (the code column's
/// `错误码` in `模块错误码`, `Error code` in `Error code in decimal notation`), for each role.
fn alternatives(
    keys: &[String],
    roles: &[(Role, usize, String)],
    synonyms: &[(Role, Vec<&str>)],
) -> Vec<(Role, usize)> {
    let mut alternatives = Vec::new();
    for (column, key) in keys.iter().enumerate() {
        if roles.iter().any(|&(_, taken, _)| taken == column) {
            continue;
        }
        for (role, synonyms) in synonyms {
            if synonyms.iter().any(|synonym| key.contains(&header_key(synonym))) {
                alternatives.push((*role, column));
                break;
            }
        }
    }
    alternatives
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
        assert!(two.roles[0].2.contains("before `Status code`"), "{}", two.roles[0].2);
        assert_eq!(two.alternatives, [(Role::Code, 1)]);
    }
}
