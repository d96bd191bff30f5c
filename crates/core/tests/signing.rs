//! Signature v2 against vectors computed with OpenSSL (`vectors/generate.sh`), including
//! NAVER Cloud's two public vectors.

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
    assert_eq!(vectors.len(), 16, "vector file lost entries");
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
    assert_eq!(signing::mask("AKIAEXAMPLE"), "AKIA****");
}

proptest! {
    #[test]
    fn sign_is_deterministic(secret in ".*", method in "[A-Za-z]{1,7}", path in ".*", ts: u64, key in ".*") {
        let sts = string_to_sign(&method, &path, ts, &key);
        let a = sign(&secret, &sts);
        prop_assert_eq!(&a, &sign(&secret, &sts));
        // 32 bytes of HMAC-SHA256 are always 44 Base64 characters.
        prop_assert_eq!(a.len(), 44);
        prop_assert!(signing::verify(&secret, &sts, &a));
    }

    #[test]
    fn verify_rejects_garbage(secret in ".*", sig in ".*") {
        let sts = "POST /api/v1/ca/t/cert\n1\nk";
        prop_assert_eq!(signing::verify(&secret, sts, &sig), sig.trim() == sign(&secret, sts));
    }

    #[test]
    fn secret_never_in_debug(secret in "[a-zA-Z0-9]{8,40}") {
        let credentials = Credentials::new("ACCESS", secret.clone());
        let debug = format!("{credentials:?}");
        prop_assert!(!debug.contains(&secret));
    }
}
