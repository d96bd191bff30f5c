//! Private keys: description compared with `openssl pkey -text` (fixtures from
//! `tests/fixtures/make.sh`), container detection, key-to-certificate matching, PKCS#8 export
//! compared byte for byte with OpenSSL's own PKCS#8 of the same key.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_x509::export::private_key_pkcs8_pem;
use certkit_x509::{
    inspect_private_key, key_matches_certificate, Curve, ErrorKind, KeyAlgorithm, KeyContainer,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn openssl_text(name: &str) -> String {
    String::from_utf8(fixture(&format!("{name}.openssl.txt"))).unwrap()
}

#[test]
fn key_sizes_and_curves_match_openssl() {
    for name in [
        "leaf-rsa2048.key",
        "leaf-rsa4096.key",
        "leaf-p256.key",
        "leaf-p521.key",
        "ed25519.key",
    ] {
        let info = inspect_private_key(fixture(&format!("{name}.pem"))).unwrap();
        let text = openssl_text(name);
        assert_eq!(info.container, KeyContainer::Pkcs8, "{name}");
        assert!(!info.encrypted);
        let first = text.lines().next().unwrap();
        if let Some(rest) = first.strip_prefix("Private-Key: (") {
            let bits: u32 = rest.split(' ').next().unwrap().parse().unwrap();
            assert_eq!(info.bits, Some(bits), "{name}");
            match text.lines().find_map(|l| l.strip_prefix("NIST CURVE: ")) {
                Some("P-256") => assert_eq!(info.curve, Some(Curve::P256)),
                Some("P-521") => assert_eq!(info.curve, Some(Curve::P521)),
                Some(other) => panic!("{other}"),
                None => assert_eq!(info.algorithm, Some(KeyAlgorithm::Rsa), "{name}"),
            }
        } else {
            assert!(first.starts_with("ED25519 Private-Key"), "{first}");
            assert_eq!(info.algorithm, Some(KeyAlgorithm::Ed25519));
        }
    }
}

#[test]
fn containers_are_recognised() {
    let cases = [
        ("leaf-rsa2048.pkcs1.pem", KeyContainer::Pkcs1, false),
        ("leaf-p256.sec1.pem", KeyContainer::Sec1, false),
        ("leaf-p256.sec1-nopub.pem", KeyContainer::Sec1, false),
        ("leaf-p256.key.pem", KeyContainer::Pkcs8, false),
        (
            "leaf-rsa2048.encrypted.pem",
            KeyContainer::EncryptedPkcs8,
            true,
        ),
        // Binary DER is recognised by content (openssl rsa -outform DER writes PKCS#1).
        ("leaf-rsa2048.key.der", KeyContainer::Pkcs1, false),
    ];
    for (file, container, encrypted) in cases {
        let info = inspect_private_key(fixture(file)).unwrap();
        assert_eq!(info.container, container, "{file}");
        assert_eq!(info.encrypted, encrypted, "{file}");
    }
    let sec1 = inspect_private_key(fixture("leaf-p521.sec1.pem")).unwrap();
    assert_eq!((sec1.curve, sec1.bits), (Some(Curve::P521), Some(521)));
    let pkcs1 = inspect_private_key(fixture("leaf-rsa2048.pkcs1.pem")).unwrap();
    assert_eq!(
        (pkcs1.algorithm, pkcs1.bits),
        (Some(KeyAlgorithm::Rsa), Some(2048))
    );
}

#[test]
fn legacy_encrypted_pem_is_reported_encrypted() {
    // The format `openssl rsa -aes256 -traditional` writes (headers from RFC 1421).
    let pkcs1 = String::from_utf8(fixture("leaf-rsa2048.pkcs1.pem")).unwrap();
    let legacy = pkcs1.replacen(
        "-----BEGIN RSA PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0123456789ABCDEF0123456789ABCDEF\n\n",
        1,
    );
    let info = inspect_private_key(&legacy).unwrap();
    assert!(info.encrypted);
    assert_eq!(info.encryption.as_deref(), Some("AES-256-CBC"));
    let err = key_matches_certificate(&legacy, fixture("leaf-rsa2048.pem")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EncryptedKey);
}

#[test]
fn each_key_container_matches_its_certificate() {
    let cases = [
        ("leaf-rsa2048.key.pem", "leaf-rsa2048.pem"),
        ("leaf-rsa2048.pkcs1.pem", "leaf-rsa2048.pem"),
        ("leaf-rsa2048.key.der", "leaf-rsa2048.der"),
        ("leaf-rsa4096.key.pem", "leaf-rsa4096.pem"),
        ("leaf-p256.key.pem", "leaf-p256.pem"),
        ("leaf-p256.sec1.pem", "leaf-p256.pem"),
        // No public key in the file: derived from the private scalar.
        ("leaf-p256.sec1-nopub.pem", "leaf-p256.pem"),
        ("leaf-p256.pkcs8-nopub.pem", "leaf-p256.pem"),
        ("int-p384.sec1-nopub.pem", "int-p384.pem"),
        // The point compressed in the key, decompressed by the curve arithmetic.
        ("leaf-p256.sec1-compressed.pem", "leaf-p256.pem"),
        ("leaf-p521.key.pem", "leaf-p521.pem"),
        ("leaf-p521.sec1.pem", "leaf-p521.pem"),
        ("int-p384.key.pem", "int-p384.pem"),
        ("root.key.pem", "root.pem"),
    ];
    for (key, cert) in cases {
        assert_eq!(
            key_matches_certificate(fixture(key), fixture(cert)),
            Ok(true),
            "{key} / {cert}"
        );
    }
}

#[test]
fn a_different_key_does_not_match() {
    let cases = [
        ("other-rsa2048.key.pem", "leaf-rsa2048.pem"),
        ("leaf-rsa2048.key.pem", "leaf-rsa4096.pem"),
        ("leaf-p256.key.pem", "leaf-p521.pem"),
        ("leaf-p256.sec1.pem", "leaf-rsa2048.pem"),
        ("leaf-p521.key.pem", "int-p521.pem"),
    ];
    for (key, cert) in cases {
        assert_eq!(
            key_matches_certificate(fixture(key), fixture(cert)),
            Ok(false),
            "{key} / {cert}"
        );
    }
}

#[test]
fn matching_errors_say_why() {
    let encrypted = key_matches_certificate(
        fixture("leaf-rsa2048.encrypted.pem"),
        fixture("leaf-rsa2048.pem"),
    )
    .unwrap_err();
    assert_eq!(encrypted.kind(), ErrorKind::EncryptedKey);
    assert!(encrypted.to_string().contains("encrypted"), "{encrypted}");
    let no_key = key_matches_certificate(fixture("leaf-rsa2048.pem"), fixture("leaf-rsa2048.pem"))
        .unwrap_err();
    assert_eq!(no_key.kind(), ErrorKind::NoPrivateKey);
    let no_cert = key_matches_certificate(
        fixture("leaf-rsa2048.key.pem"),
        fixture("leaf-rsa2048.key.pem"),
    )
    .unwrap_err();
    assert_eq!(no_cert.kind(), ErrorKind::NoCertificate);
}

#[test]
fn pkcs8_export_equals_openssl_pkcs8() {
    // `openssl genpkey` writes PKCS#8; make.sh derived the PKCS#1/SEC1 files from those, and
    // `openssl pkcs8 -topk8 -nocrypt` of them gives these same bytes back.
    let cases = [
        ("leaf-rsa2048.pkcs1.pem", "leaf-rsa2048.key.pem"),
        ("leaf-rsa2048.key.der", "leaf-rsa2048.key.pem"),
        ("leaf-p256.sec1.pem", "leaf-p256.key.pem"),
        ("leaf-p521.sec1.pem", "leaf-p521.key.pem"),
        ("leaf-p256.key.pem", "leaf-p256.key.pem"),
        ("ed25519.key.pem", "ed25519.key.pem"),
    ];
    for (input, expected) in cases {
        let pem = private_key_pkcs8_pem(fixture(input)).unwrap();
        assert_eq!(
            pem,
            String::from_utf8(fixture(expected)).unwrap(),
            "{input}"
        );
    }
    let err = private_key_pkcs8_pem(fixture("leaf-rsa2048.encrypted.pem")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EncryptedKey);
}

#[test]
fn key_item_json_shape() {
    let inspection = certkit_x509::inspect_pem(fixture("leaf-p256.sec1.pem"), 0).unwrap();
    let json = serde_json::to_value(&inspection).unwrap();
    assert_eq!(
        json["items"][0],
        serde_json::json!({
            "kind": "privateKey",
            "algorithm": "EC",
            "bits": 256,
            "curve": "P-256",
            "container": "SEC1",
            "encrypted": false
        })
    );
    let encrypted = certkit_x509::inspect_pem(fixture("leaf-rsa2048.encrypted.pem"), 0).unwrap();
    let json = serde_json::to_value(&encrypted).unwrap();
    assert_eq!(json["items"][0]["container"], "Encrypted PKCS#8");
    assert_eq!(json["items"][0]["encrypted"], true);
}

#[test]
fn public_key_block_and_spki_fingerprint_match_openssl() {
    // `openssl pkey -pubout` and `openssl dgst -sha256 -c` of its DER (make.sh).
    let expected = String::from_utf8(fixture("leaf-p256.pub.sha256.txt")).unwrap();
    let expected = expected.split("= ").nth(1).unwrap().trim().to_uppercase();
    let inspection = certkit_x509::inspect_pem(fixture("leaf-p256.pub.pem"), 0).unwrap();
    let certkit_x509::Item::PublicKey(key) = &inspection.items[0] else {
        panic!("{:?}", inspection.items[0]);
    };
    assert_eq!(key.curve, Some(Curve::P256));
    assert_eq!(key.spki_sha256, expected);
    // The certificate for the same key reports the same key fingerprint.
    let cert = certkit_x509::certificate::inspect(
        &certkit_x509::export::der(fixture("leaf-p256.pem")).unwrap(),
        0,
    )
    .unwrap();
    assert_eq!(cert.public_key.spki_sha256, expected);
    let json = serde_json::to_value(&inspection).unwrap();
    assert_eq!(json["items"][0]["kind"], "publicKey");
}

#[test]
fn unknown_blocks_are_kept_as_other() {
    let text = "-----BEGIN PKCS7-----\nMAMCAQU=\n-----END PKCS7-----\n";
    let json = serde_json::to_value(certkit_x509::inspect_pem(text, 0).unwrap()).unwrap();
    assert_eq!(
        json["items"][0],
        serde_json::json!({"kind": "other", "label": "PKCS7", "size": 5})
    );
}

/// `Debug` of a block or bundle never prints a private key's DER; certificates stay visible.
#[test]
fn debug_redacts_private_key_blocks() {
    let mut input = fixture("leaf-p256.pem");
    for key in [
        "leaf-p256.key.pem",
        "leaf-p256.sec1.pem",
        "leaf-rsa2048.pkcs1.pem",
        "leaf-rsa2048.encrypted.pem",
    ] {
        input.extend(fixture(key));
    }
    let bundle = certkit_x509::parse_bundle(&input).unwrap();
    let text = format!("{bundle:?}");
    let mut keys = 0;
    for block in &bundle.blocks {
        let der = format!("{:?}", block.der);
        let block_text = format!("{block:?}");
        if block.label == certkit_x509::Label::Certificate {
            assert!(!block.holds_private_key());
            assert!(block_text.contains(&der), "certificate DER hidden");
        } else {
            keys += 1;
            assert!(block.holds_private_key(), "{:?}", block.label);
            assert!(!block_text.contains(&der), "{block_text}");
            // Not even a prefix of the key's bytes.
            assert!(!text.contains(&der[..der.len().min(40)]), "{text}");
            assert!(block_text.contains("<redacted>"), "{block_text}");
        }
    }
    assert_eq!(keys, 4);
}
