//! The whole text-to-Rust path on arbitrary bytes: a doc, then optionally a `0xFF` byte
//! (which UTF-8 never contains) and an overlay. Whatever the bytes, the generator returns
//! diagnostics that point inside the files, or Rust that parses and says what the catalog
//! says (see `tests/support/invariants.rs`); and its output does not depend on line endings
//! or a byte order mark.

#![no_main]

use errtab_codegen::SourceFile;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let (doc, overlay) = match data.iter().position(|&byte| byte == 0xff) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let doc = SourceFile::from_bytes("fuzz.md", doc.to_vec());
    let overlay = SourceFile::from_bytes("fuzz.toml", overlay.to_vec());
    let result = invariants::generate_and_check(&doc, &overlay);
    if doc.not_utf8().is_some() || doc.text.contains('\r') || doc.text.starts_with('\u{feff}') {
        return;
    }
    let crlf = SourceFile::new(doc.path.clone(), format!("\u{feff}{}", doc.text.replace('\n', "\r\n")));
    let again = invariants::generate_and_check(&crlf, &overlay);
    match (result, again) {
        (Ok(lf), Ok(crlf)) => assert_eq!(lf.rust, crlf.rust, "CRLF and a BOM change the output"),
        (Err(_), Err(_)) => {}
        (lf, crlf) => panic!("CRLF and a BOM change the outcome: {:?} vs {:?}", lf.is_ok(), crlf.is_ok()),
    }
});
