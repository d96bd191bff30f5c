//! The `.pem` files under `tests/fixtures/`, for the unit tests that run over every fixture.
extern crate std;

use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// Every `.pem` fixture: (path, bytes).
pub(crate) fn pem_files() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pem") {
            out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    assert!(out.len() > 20, "fixtures in {dir}");
    out
}

/// The DER of every block of every `.pem` fixture that parses as a bundle.
pub(crate) fn pem_blocks() -> Vec<Vec<u8>> {
    pem_files()
        .into_iter()
        .filter_map(|(_, bytes)| crate::parse_bundle(bytes).ok())
        .flat_map(|bundle| bundle.blocks.into_iter().map(|block| block.der))
        .collect()
}
