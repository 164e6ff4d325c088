//! Whether a name makes a usable identifier of the generated code: the one check that variant
//! names, former names, classes and facts all go through.

/// The case an identifier must be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    /// A variant: `MeetingNotExist`.
    UpperCamel,
    /// A method: `sqlstate`, `doc_url`.
    Snake,
}

/// Why a name is no usable identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unusable {
    /// It has characters outside ASCII.
    NotAscii,
    /// It has no letters.
    NoLetters,
    /// It starts with a digit.
    StartsWithDigit,
    /// It is not written in its case (`Case`).
    NotInCase,
    /// It is a Rust keyword.
    Keyword,
}

/// Checks that `ident` is an ASCII identifier in `case` that is no Rust keyword.
pub(crate) fn check(ident: &str, case: Case) -> Result<(), Unusable> {
    let in_case = match case {
        Case::UpperCamel => {
            ident.starts_with(|c: char| c.is_ascii_uppercase()) && ident.chars().all(|c| c.is_ascii_alphanumeric())
        }
        Case::Snake => {
            ident.starts_with(|c: char| c.is_ascii_lowercase())
                && ident.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        }
    };
    if !ident.is_ascii() {
        Err(Unusable::NotAscii)
    } else if !ident.chars().any(|c| c.is_ascii_alphabetic()) {
        Err(Unusable::NoLetters)
    } else if ident.starts_with(|c: char| c.is_ascii_digit()) {
        Err(Unusable::StartsWithDigit)
    } else if !in_case {
        Err(Unusable::NotInCase)
    } else if syn::parse_str::<syn::Ident>(ident).is_err() {
        Err(Unusable::Keyword)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_is_told_apart() {
        assert_eq!(check("MeetingNotExist", Case::UpperCamel), Ok(()));
        assert_eq!(check("doc_url", Case::Snake), Ok(()));
        assert_eq!(check("会议", Case::UpperCamel), Err(Unusable::NotAscii));
        assert_eq!(check("", Case::Snake), Err(Unusable::NoLetters));
        assert_eq!(check("9003", Case::UpperCamel), Err(Unusable::NoLetters));
        assert_eq!(check("3d", Case::Snake), Err(Unusable::StartsWithDigit));
        assert_eq!(check("sqlState", Case::Snake), Err(Unusable::NotInCase));
        assert_eq!(check("meeting", Case::UpperCamel), Err(Unusable::NotInCase));
        assert_eq!(check("Self", Case::UpperCamel), Err(Unusable::Keyword));
        assert_eq!(check("match", Case::Snake), Err(Unusable::Keyword));
    }
}
