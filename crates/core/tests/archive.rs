//! certkit-core's ZIP reader against archives made by independent tools (Python's `zipfile`
//! and Info-ZIP's `zip`; fixtures/zip/README.md has the commands). The expected names, sizes,
//! methods and CRC-checked contents are what `unzip -lv` lists for the same files.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_core::archive::{entries, ZipErrorKind, METHOD_DEFLATE, METHOD_STORED};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/zip/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `seq 1 200`, the chain.pem of the fixtures.
fn chain_text() -> String {
    (1..=200).map(|n| format!("{n}\n")).collect()
}

#[test]
fn stored_archives_of_both_tools_list_and_hand_out_their_files() {
    for name in ["python-stored.zip", "cli-stored.zip"] {
        let zip = fixture(name);
        let files = entries(&zip).unwrap_or_else(|e| panic!("{name}: {e}"));
        let listed: Vec<(&str, u32, u16)> = files
            .iter()
            .map(|f| (f.name.as_str(), f.size, f.method))
            .collect();
        assert_eq!(
            listed,
            [
                ("certificate.pem", 12, METHOD_STORED),
                ("chain.pem", 692, METHOD_STORED)
            ],
            "{name}"
        );
        assert_eq!(files[0].data, Some(&b"certificate\n"[..]), "{name}");
        assert_eq!(files[1].data, Some(chain_text().as_bytes()), "{name}");
    }
}

#[test]
fn deflated_files_are_listed_without_their_bytes() {
    let zip = fixture("cli-deflated.zip");
    let files = entries(&zip).expect("a ZIP");
    assert_eq!(files[1].name, "chain.pem");
    assert_eq!(
        (files[1].method, files[1].size, files[1].compressed_size),
        (METHOD_DEFLATE, 692, 331)
    );
    assert_eq!(files[1].data, None);
    // The small file that zip chose to store is readable.
    assert_eq!(files[0].data, Some(&b"certificate\n"[..]));
}

#[test]
fn directories_comments_and_mixed_methods() {
    let zip = fixture("python-mixed.zip");
    let files = entries(&zip).expect("a ZIP with a comment");
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["certs/", "certs/certificate.pem", "certs/chain.pem"]
    );
    assert!(files[0].is_dir());
    assert_eq!(files[1].method, METHOD_DEFLATE);
    assert_eq!(files[1].data, None);
    assert_eq!(files[2].data, Some(chain_text().as_bytes()));
}

#[test]
fn damaged_archives_say_what_is_wrong_and_never_panic() {
    let zip = fixture("python-stored.zip");
    // A flipped byte in a stored file: listed, but its bytes fail the CRC and are withheld.
    let mut flipped = zip.clone();
    let at = flipped
        .windows(12)
        .position(|w| w == b"certificate\n")
        .expect("stored bytes");
    flipped[at] ^= 1;
    let files = entries(&flipped).expect("still a ZIP");
    assert_eq!(files[0].data, None);
    assert!(files[1].data.is_some());
    // Every truncation is an error, not a panic or a wrong listing.
    for len in 0..zip.len() {
        assert!(entries(&zip[..len]).is_err(), "cut at {len}");
    }
    // The central directory moved: its signature is not where the end record says.
    let mut moved = zip.clone();
    let end = moved.len() - 22;
    moved[end + 16] = moved[end + 16].wrapping_add(1);
    assert_eq!(
        entries(&moved).map_err(|e| e.kind()),
        Err(ZipErrorKind::BadSignature)
    );
    // A JSON failure answer is no ZIP.
    let json = br#"{"returnCode":"2200","returnMessage":"No certificate was found."}"#;
    assert_eq!(
        entries(json).map_err(|e| e.kind()),
        Err(ZipErrorKind::NotZip)
    );
}
