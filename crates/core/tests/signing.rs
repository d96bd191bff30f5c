//! Signature v2 against vectors computed with OpenSSL (`vectors/generate.sh`), including
//! NAVER Cloud's two public vectors.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_core::signing::{
    self, sign, signed_headers, string_to_sign, Credentials, HEADER_ACCESS_KEY,
    HEADER_SIGNATURE_V2, HEADER_TIMESTAMP,
};
use proptest::prelude::*;

mod common;
use common::vectors;

#[test]
fn all_vectors_match_openssl() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 19, "vector file lost entries");
    for v in &vectors {
        let sts = string_to_sign(&v.method, &v.path, v.timestamp, &v.access_key);
        assert_eq!(sign(&v.secret_key, &sts), v.signature, "vector {}", v.name);
        assert!(
            signing::verify(&v.secret_key, &sts, &v.signature),
            "{}",
            v.name
        );
        assert!(!signing::verify("other", &sts, &v.signature), "{}", v.name);
        assert!(!signing::verify(
            &v.secret_key,
            &format!("{sts} "),
            &v.signature
        ));
    }
}

#[test]
fn public_vectors_are_the_documented_ones() {
    // Copied from ncp-api.md section 1, so a regenerated vector file cannot drift from them.
    let sts = string_to_sign("GET", "/cluster/kubeconfig", 1668407407855, "access");
    assert_eq!(
        sign("secret", &sts),
        "LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0="
    );
    let sts = string_to_sign(
        "GET",
        "/iam/krs-v1/user?clusterUuid=D11328F1-ECA9-4F1B-BA22-921F61D9C5FF",
        1668407407855,
        "access",
    );
    assert_eq!(
        sign("secret", &sts),
        "emeahfW4CmzsxIQ5ip0cd9yqERXJ+ZJsRfQpGNmKdXk="
    );
}

#[test]
fn the_three_paths_of_this_project_are_covered() {
    let names: Vec<String> = vectors().into_iter().map(|v| v.path).collect();
    for suffix in [
        "/cert",
        "/activate",
        "/api/v2/certificate/requestCertificateIssuance",
    ] {
        assert!(names.iter().any(|p| p.ends_with(suffix)), "{suffix}");
    }
}

#[test]
fn string_to_sign_layout() {
    assert_eq!(
        string_to_sign("POST", "/api/v1/ca/t/cert", 1723101003000, "AK"),
        "POST /api/v1/ca/t/cert\n1723101003000\nAK"
    );
}

#[test]
fn signed_headers_in_order_and_match_the_vector() {
    let v = vectors()
        .into_iter()
        .find(|v| v.name == "issue-end-cert")
        .unwrap();
    let credentials = Credentials::new(v.access_key.clone(), v.secret_key.clone());
    let headers = signed_headers(&credentials, &v.method, &v.path, v.timestamp);
    assert_eq!(
        headers.pairs(),
        vec![
            (HEADER_TIMESTAMP, v.timestamp.to_string()),
            (HEADER_ACCESS_KEY, v.access_key.clone()),
            (HEADER_SIGNATURE_V2, v.signature.clone()),
        ]
    );
    assert_eq!(headers.signature(), v.signature);
}

#[test]
fn debug_never_shows_the_secret() {
    let credentials = Credentials::new("AKIAEXAMPLE0NCP00001", "super-secret-value-123");
    let debug = format!("{credentials:?} {credentials:#?}");
    assert!(!debug.contains("super-secret-value-123"), "{debug}");
    assert!(!debug.contains("AKIAEXAMPLE0NCP00001"), "{debug}");
    assert!(debug.contains("AKIA****"), "{debug}");
    let headers = signed_headers(&credentials, "POST", "/api/v1/ca/t/cert", 1);
    let debug = format!("{headers:?}");
    assert!(!debug.contains("super-secret-value-123"));
    assert!(!debug.contains(headers.signature()), "{debug}");
    assert_eq!(credentials.secret_key(), "super-secret-value-123");
}

/// HMAC-SHA256 written out from RFC 2104 over the `sha2` digest, and standard Base64 by
/// hand: a second implementation beside certkit-core's (`hmac` crate + `certkit-base64`).
fn reference_signature(secret: &[u8], message: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    const BLOCK: usize = 64;
    let mut key = [0u8; BLOCK];
    if secret.len() > BLOCK {
        key[..32].copy_from_slice(&Sha256::digest(secret));
    } else {
        key[..secret.len()].copy_from_slice(secret);
    }
    let pad = |byte: u8| key.iter().map(|k| k ^ byte).collect::<Vec<u8>>();
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    let mac = Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize();
    base64_standard(&mac)
}

fn base64_standard(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn the_reference_implementation_reproduces_the_openssl_vectors() {
    // Guards the guard: the property below is only as good as its reference.
    for v in vectors() {
        let sts = format!("{} {}\n{}\n{}", v.method, v.path, v.timestamp, v.access_key);
        assert_eq!(
            reference_signature(v.secret_key.as_bytes(), sts.as_bytes()),
            v.signature,
            "{}",
            v.name
        );
    }
}

/// Flips bit `bit` of the signature's decoded bytes and encodes it again.
fn flip_bit(signature: &str, bit: usize) -> String {
    use base64::Engine as _;
    let mut bytes = base64::engine::general_purpose::STANDARD
        .decode(signature)
        .expect("a signature is Base64");
    bytes[bit / 8] ^= 1 << (bit % 8);
    base64_standard(&bytes)
}

// The default case count keeps `cargo test` quick; run with PROPTEST_CASES=10000 for depth.
proptest! {
    /// `sign` equals an independent HMAC-SHA256 + Base64 over the documented layout
    /// `{METHOD} {path}\n{timestamp}\n{access key}`, for any secret (empty, multi-byte, longer
    /// than the 64-byte block) and any path.
    #[test]
    fn sign_equals_an_independent_hmac_sha256(
        secret in prop_oneof![".*", "[ -~]{60,200}", "\\PC{0,80}"],
        method in "[A-Z]{3,7}",
        path in "/[ -~]{0,300}",
        ts: u64,
        key in "[ -~]*",
    ) {
        let sts = string_to_sign(&method, &path, ts, &key);
        prop_assert_eq!(&sts, &format!("{method} {path}\n{ts}\n{key}"));
        prop_assert_eq!(sign(&secret, &sts), reference_signature(secret.as_bytes(), sts.as_bytes()));
    }

    /// Changing any one byte of the string to sign (to another ASCII byte) changes the
    /// signature, and `verify` then refuses the old one.
    #[test]
    fn every_byte_of_the_string_to_sign_counts(
        secret in ".*",
        path in "/[ -~]{0,300}",
        ts: u64,
        index: prop::sample::Index,
        replacement in 0x20u8..0x7f,
    ) {
        let sts = string_to_sign("GET", &path, ts, "ACCESSKEY");
        let mut bytes = sts.clone().into_bytes();
        let i = index.index(bytes.len());
        prop_assume!(bytes[i] != replacement);
        bytes[i] = replacement;
        let changed = String::from_utf8(bytes).expect("ASCII for ASCII");
        let signature = sign(&secret, &sts);
        prop_assert_ne!(&sign(&secret, &changed), &signature);
        prop_assert!(!signing::verify(&secret, &changed, &signature));
    }

    /// `verify` accepts exactly what `sign` produced (also with the surrounding whitespace a
    /// header may carry) and refuses it with any one of its 256 bits flipped, or under
    /// another secret.
    #[test]
    fn verify_accepts_the_signature_and_refuses_a_one_bit_change(
        secret in ".*",
        other_secret in ".*",
        sts in ".*",
        bit in 0usize..256,
    ) {
        let signature = sign(&secret, &sts);
        prop_assert!(signing::verify(&secret, &sts, &signature));
        let padded = format!(" {signature}\t");
        prop_assert!(signing::verify(&secret, &sts, &padded));
        prop_assert!(!signing::verify(&secret, &sts, &flip_bit(&signature, bit)));
        // HMAC pads a short key with zero bytes, so "k" and "k\0" are the same key (proptest
        // found "" and "\0"): another secret means another key after that padding.
        prop_assume!(other_secret.trim_end_matches('\0') != secret.trim_end_matches('\0'));
        prop_assert!(!signing::verify(&other_secret, &sts, &signature));
    }

    /// Strings that are not the signature are refused: random text, and the signature cut or
    /// extended by one character.
    #[test]
    fn verify_refuses_what_is_not_the_signature(secret in ".*", sts in ".*", garbage in ".*") {
        let signature = reference_signature(secret.as_bytes(), sts.as_bytes());
        prop_assume!(garbage.trim() != signature);
        prop_assert!(!signing::verify(&secret, &sts, &garbage));
        prop_assert!(!signing::verify(&secret, &sts, &signature[..43]));
        let extended = format!("{signature}A");
        prop_assert!(!signing::verify(&secret, &sts, &extended));
    }

    #[test]
    fn secret_never_in_debug(secret in "[a-zA-Z0-9]{8,40}") {
        let credentials = Credentials::new("ACCESS", secret.clone());
        let debug = format!("{credentials:?}");
        prop_assert!(!debug.contains(&secret));
    }
}
