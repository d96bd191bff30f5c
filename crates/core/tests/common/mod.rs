//! The signature v2 vectors of `vectors/signature-v2.txt`, computed with OpenSSL by
//! `vectors/generate.sh` (independently of this crate), shared by the test files.
//!
//! The one loader of that format: certkit-sandbox's tests include this file (`#[path]`) for
//! the paths and for the vectors signed with its demo key.

#![allow(dead_code)]

pub struct Vector {
    pub name: String,
    pub method: String,
    pub path: String,
    pub timestamp: u64,
    pub access_key: String,
    pub secret_key: String,
    pub signature: String,
}

/// Every vector of `vectors/signature-v2.txt`.
pub fn vectors() -> Vec<Vector> {
    parse_vectors(include_str!("../vectors/signature-v2.txt"))
}

/// The vectors of a text in `generate.sh`'s format: blocks of `key: value` lines separated by
/// blank lines; other lines (`#` comments) and blocks without a `name` are ignored.
fn parse_vectors(text: &str) -> Vec<Vector> {
    text.split("\n\n")
        .filter(|block| block.contains("name: "))
        .map(|block| {
            let field = |key: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(&format!("{key}: ")))
                    .unwrap_or_else(|| panic!("vector without {key}: {block}"))
                    .to_string()
            };
            Vector {
                name: field("name"),
                method: field("method"),
                path: field("path"),
                timestamp: field("timestamp").parse().unwrap(),
                access_key: field("access_key"),
                secret_key: field("secret_key"),
                signature: field("signature"),
            }
        })
        .collect()
}

/// The vector called `name`.
pub fn vector(name: &str) -> Vector {
    vectors()
        .into_iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no vector {name}"))
}
