//! docs/clients.md shows the code of `generated/tests/clients/`, which
//! `generated/tests/clients.rs` compiles and runs: each of those files is a `rust` block of the
//! page, byte for byte, in this order.

/// The files the page shows, in the order it shows them.
const SHOWN: [(&str, &str); 3] = [
    ("clients/ureq_get.rs", include_str!("../generated/tests/clients/ureq_get.rs")),
    ("clients/reqwest_get.rs", include_str!("../generated/tests/clients/reqwest_get.rs")),
    ("clients/retry.rs", include_str!("../generated/tests/clients/retry.rs")),
];

#[test]
fn the_page_shows_the_tested_code() {
    let page = include_str!("../docs/clients.md");
    let blocks: Vec<String> = page
        .split("```rust\n")
        .skip(1)
        .map(|rest| format!("{}\n", rest.split("\n```\n").next().unwrap_or(rest)))
        .collect();
    let files: Vec<&str> = SHOWN.iter().map(|(_, text)| *text).collect();
    assert_eq!(blocks, files, "docs/clients.md must show {:?}, in that order", SHOWN.map(|(path, _)| path));
}
