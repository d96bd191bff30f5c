//! Key match in a build without curve arithmetic (no `rustcrypto` feature), as in the npm
//! package: EC points are compared as encoded, and an EC key that does not carry its public
//! point has it derived by the caller. The point handed in here is the one OpenSSL derives
//! (`openssl pkey -pubout`), the independent implementation the fixtures come from.
//!
//! Run by `cargo xtask test` as `cargo test -p certkit-x509 --no-default-features --test
//! without_arithmetic`; with the default features the file compiles to nothing, since there
//! the key's point is derived in the crate (tests/keys.rs).
#![cfg(not(feature = "rustcrypto"))]
// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::Command;

use certkit_x509::{
    key_matches_certificate, key_matches_certificate_with, Curve, ErrorKind, KeyMatch,
};

fn fixture_path(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// OpenSSL's DER output for `args`, which must succeed.
fn openssl(args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The uncompressed public point OpenSSL derives from a private key file: the end of its
/// SubjectPublicKeyInfo, whose BIT STRING is the point.
fn openssl_point(key: &str, width: usize) -> Vec<u8> {
    let spki = openssl(&[
        "pkey",
        "-in",
        &fixture_path(key),
        "-pubout",
        "-outform",
        "DER",
    ]);
    let point = spki[spki.len() - (1 + 2 * width)..].to_vec();
    assert_eq!(point[0], 4, "{key}: an uncompressed point");
    point
}

/// Keys without their public point, the certificate of each, the curve and its field width.
const WITHOUT_POINT: [(&str, &str, Curve, usize); 3] = [
    ("leaf-p256.sec1-nopub.pem", "leaf-p256.pem", Curve::P256, 32),
    (
        "leaf-p256.pkcs8-nopub.pem",
        "leaf-p256.pem",
        Curve::P256,
        32,
    ),
    ("int-p384.sec1-nopub.pem", "int-p384.pem", Curve::P384, 48),
];

#[test]
fn a_key_without_its_point_asks_for_it_as_pkcs8_openssl_reads() {
    for (key, cert, curve, _) in WITHOUT_POINT {
        let Ok(KeyMatch::NeedsPublicPoint {
            curve: asked,
            pkcs8,
        }) = key_matches_certificate_with(fixture(key), fixture(cert), None)
        else {
            panic!("{key}: the point is asked for");
        };
        assert_eq!(asked, curve, "{key}");
        // The PKCS#8 handed out is the same key to OpenSSL: the same private key DER back.
        let dir = std::env::temp_dir().join(format!("certkit-nopub-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let der_path = dir.join("key.p8.der");
        std::fs::write(&der_path, &pkcs8).unwrap();
        let from_handout = openssl(&[
            "pkey",
            "-inform",
            "DER",
            "-in",
            der_path.to_str().unwrap(),
            "-outform",
            "DER",
        ]);
        let from_fixture = openssl(&["pkey", "-in", &fixture_path(key), "-outform", "DER"]);
        assert_eq!(from_handout, from_fixture, "{key}");
        std::fs::remove_dir_all(&dir).unwrap();
        // The sync entry point says what is missing instead of guessing.
        let error = key_matches_certificate(fixture(key), fixture(cert)).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::PublicPointNotEmbedded, "{key}");
        assert!(error.to_string().contains("public point"), "{error}");
    }
}

#[test]
fn the_derived_point_settles_the_match() {
    for (key, cert, _, width) in WITHOUT_POINT {
        let point = openssl_point(key, width);
        assert_eq!(
            key_matches_certificate_with(fixture(key), fixture(cert), Some(&point)),
            Ok(KeyMatch::Answered(true)),
            "{key}"
        );
        // The same point against another certificate, and another point of the right form.
        let other = if width == 32 {
            "leaf-p521.pem"
        } else {
            "int-p521.pem"
        };
        assert_eq!(
            key_matches_certificate_with(fixture(key), fixture(other), Some(&point)),
            Ok(KeyMatch::Answered(false)),
            "{key} / {other}"
        );
        let mut wrong = point.clone();
        wrong[1] ^= 1;
        assert_eq!(
            key_matches_certificate_with(fixture(key), fixture(cert), Some(&wrong)),
            Ok(KeyMatch::Answered(false)),
            "{key} with a changed point"
        );
        // A point of another width is refused, naming the key.
        let error =
            key_matches_certificate_with(fixture(key), fixture(cert), Some(&point[..width]))
                .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidKey, "{key}");
    }
}

#[test]
fn keys_that_carry_their_point_answer_at_once() {
    let matching = [
        ("leaf-p256.key.pem", "leaf-p256.pem"),
        ("leaf-p256.sec1.pem", "leaf-p256.pem"),
        // Compressed in the key, uncompressed in the certificate: x and the parity of y.
        ("leaf-p256.sec1-compressed.pem", "leaf-p256.pem"),
        ("leaf-p521.key.pem", "leaf-p521.pem"),
        ("int-p384.key.pem", "int-p384.pem"),
        ("leaf-rsa2048.key.pem", "leaf-rsa2048.pem"),
    ];
    for (key, cert) in matching {
        assert_eq!(
            key_matches_certificate(fixture(key), fixture(cert)),
            Ok(true),
            "{key} / {cert}"
        );
    }
    let different = [
        ("leaf-p256.sec1-compressed.pem", "leaf-p521.pem"),
        ("leaf-p256.key.pem", "leaf-p521.pem"),
        ("leaf-p521.key.pem", "int-p521.pem"),
        ("other-rsa2048.key.pem", "leaf-rsa2048.pem"),
    ];
    for (key, cert) in different {
        assert_eq!(
            key_matches_certificate(fixture(key), fixture(cert)),
            Ok(false),
            "{key} / {cert}"
        );
    }
}
