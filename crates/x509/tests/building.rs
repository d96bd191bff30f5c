//! What certkit-x509 builds for "issue with my own key": a CSR around a signature made
//! elsewhere, and an encrypted PKCS#8 key around a ciphertext made elsewhere. OpenSSL is the
//! oracle: it makes the keys (`openssl genpkey`), the PBKDF2 key and the AES ciphertext
//! (`openssl kdf`, `openssl enc`), and it judges the results (`openssl req -verify`,
//! `openssl pkey -passin`). The signatures are made in Rust (p256, p384, rsa), as WebCrypto
//! would make them in the app: ECDSA as raw `r || s`, RSA as PKCS#1 v1.5.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use certkit_x509::export::pem;
use certkit_x509::key::encrypted_private_key_info;
use certkit_x509::request::{
    assemble, ecdsa_signature_der, info_to_sign, inspect, RequestedName, SignatureAlgorithm,
    SubjectField,
};
use certkit_x509::{inspect_pem, AltNameKind, Item, Pbes2Parameters, SignatureStatus};

/// A fresh directory for one test's files.
fn work_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("building-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs openssl; returns (success, stdout, stderr).
fn openssl(dir: &Path, args: &[&str]) -> (bool, Vec<u8>, String) {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl runs");
    (
        out.status.success(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn openssl_ok(dir: &Path, args: &[&str]) -> Vec<u8> {
    let (ok, stdout, stderr) = openssl(dir, args);
    assert!(ok, "openssl {args:?}: {stderr}");
    stdout
}

/// A key made by openssl: (PKCS#8 PEM text, SubjectPublicKeyInfo DER).
fn openssl_key(dir: &Path, genpkey: &[&str]) -> (String, Vec<u8>) {
    let mut args = vec!["genpkey", "-out", "key.pem"];
    args.extend_from_slice(genpkey);
    openssl_ok(dir, &args);
    let spki = openssl_ok(
        dir,
        &["pkey", "-in", "key.pem", "-pubout", "-outform", "DER"],
    );
    (std::fs::read_to_string(dir.join("key.pem")).unwrap(), spki)
}

const SUBJECT: &[(SubjectField, &str)] = &[
    (SubjectField::Country, "KR"),
    (SubjectField::StateProvince, "Gyeonggi-do"),
    (SubjectField::Locality, "Seongnam"),
    (SubjectField::StreetAddress, ""),
    (SubjectField::Organization, "Example Corp"),
    (SubjectField::OrganizationUnit, "플랫폼"),
    (SubjectField::CommonName, "api.internal.example"),
];

fn names() -> Vec<RequestedName> {
    RequestedName::from_fields(
        "api.internal.example,www.internal.example,admin@example.com",
        "10.0.0.5,2001:db8::1",
    )
    .unwrap()
}

/// Writes the CSR, checks openssl verifies its signature and reads the subject and SANs we
/// asked for, and that our own reader agrees.
fn check_csr(dir: &Path, csr_der: &[u8]) {
    std::fs::write(dir.join("req.pem"), pem("CERTIFICATE REQUEST", csr_der)).unwrap();
    // openssl 3.0's `req -verify` exits 0 either way: its verdict is the sentence.
    let (_, _, stderr) = openssl(dir, &["req", "-in", "req.pem", "-verify", "-noout"]);
    assert!(
        stderr.contains("verify OK"),
        "openssl req -verify: {stderr}"
    );
    let text = String::from_utf8(openssl_ok(
        dir,
        &[
            "req",
            "-in",
            "req.pem",
            "-noout",
            "-text",
            "-nameopt",
            "RFC2253,-esc_msb",
        ],
    ))
    .unwrap();
    assert!(
        text.contains(
            "Subject: CN=api.internal.example,OU=플랫폼,O=Example Corp,L=Seongnam,ST=Gyeonggi-do,C=KR"
        ),
        "{text}"
    );
    for san in [
        "DNS:api.internal.example",
        "DNS:www.internal.example",
        "email:admin@example.com",
        "IP Address:10.0.0.5",
        "IP Address:2001:DB8:0:0:0:0:0:1",
    ] {
        assert!(text.contains(san), "{san} missing from:\n{text}");
    }
    let ours = inspect(csr_der).unwrap();
    assert_eq!(ours.signature, SignatureStatus::Valid);
    let kinds: Vec<AltNameKind> = ours.subject_alt_names.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            AltNameKind::Dns,
            AltNameKind::Dns,
            AltNameKind::Email,
            AltNameKind::Ip,
            AltNameKind::Ip
        ]
    );
}

#[test]
fn a_p256_csr_signed_outside_verifies_in_openssl() {
    use p256::ecdsa::signature::Signer;
    use p256::pkcs8::DecodePrivateKey;
    let dir = work_dir("p256");
    let (key_pem, spki) = openssl_key(
        &dir,
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    );
    let info = info_to_sign(SUBJECT, &names(), &spki).unwrap();
    let key = p256::ecdsa::SigningKey::from_pkcs8_pem(&key_pem).unwrap();
    let raw: p256::ecdsa::Signature = key.sign(&info);
    // WebCrypto's output is the raw r || s.
    let der = ecdsa_signature_der(&raw.to_bytes()).unwrap();
    assert_eq!(der, raw.to_der().as_bytes().to_vec());
    check_csr(
        &dir,
        &assemble(&info, SignatureAlgorithm::EcdsaSha256, &der).unwrap(),
    );
}

#[test]
fn a_p384_csr_signed_outside_verifies_in_openssl() {
    use p384::ecdsa::signature::Signer;
    use p384::pkcs8::DecodePrivateKey;
    let dir = work_dir("p384");
    let (key_pem, spki) = openssl_key(
        &dir,
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    );
    let info = info_to_sign(SUBJECT, &names(), &spki).unwrap();
    let key = p384::ecdsa::SigningKey::from_pkcs8_pem(&key_pem).unwrap();
    let raw: p384::ecdsa::Signature = key.sign(&info);
    let der = ecdsa_signature_der(&raw.to_bytes()).unwrap();
    check_csr(
        &dir,
        &assemble(&info, SignatureAlgorithm::EcdsaSha384, &der).unwrap(),
    );
}

#[test]
fn an_rsa_csr_signed_outside_verifies_in_openssl() {
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::signature::{SignatureEncoding, Signer};
    let dir = work_dir("rsa");
    let (key_pem, spki) = openssl_key(
        &dir,
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    );
    let info = info_to_sign(SUBJECT, &names(), &spki).unwrap();
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(&key_pem).unwrap();
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key);
    let signature = signer.sign(&info).to_vec();
    let csr = assemble(&info, SignatureAlgorithm::RsaSha256, &signature).unwrap();
    check_csr(&dir, &csr);
    // A signature over other bytes does not verify: openssl's -verify is really checking.
    let other = signer.sign(b"other bytes").to_vec();
    let forged = assemble(&info, SignatureAlgorithm::RsaSha256, &other).unwrap();
    std::fs::write(dir.join("forged.pem"), pem("CERTIFICATE REQUEST", &forged)).unwrap();
    let (_, _, stderr) = openssl(&dir, &["req", "-in", "forged.pem", "-verify", "-noout"]);
    assert!(stderr.contains("verify failure"), "{stderr}");
}

#[test]
fn a_csr_without_alternative_names_has_no_extension_request() {
    let dir = work_dir("no-san");
    let (_, spki) = openssl_key(
        &dir,
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    );
    let info = info_to_sign(&[(SubjectField::CommonName, "only.example")], &[], &spki).unwrap();
    std::fs::write(dir.join("info.der"), &info).unwrap();
    let parsed = String::from_utf8(openssl_ok(
        &dir,
        &["asn1parse", "-inform", "DER", "-in", "info.der"],
    ))
    .unwrap();
    assert!(parsed.contains("commonName"), "{parsed}");
    assert!(!parsed.contains("Extension Request"), "{parsed}");
    // Attributes are present (RFC 2986 makes them mandatory), empty: `[0]` with length 0.
    assert!(parsed.contains("cont [ 0 ]"), "{parsed}");
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    assert!(RequestedName::from_fields("", "10.0.0.300").is_err());
    assert!(RequestedName::from_fields(" , ", "").unwrap().is_empty());
    assert!(info_to_sign(&[], &[], b"not a key").is_err());
    assert!(ecdsa_signature_der(&[]).is_err());
    assert!(ecdsa_signature_der(&[1, 2, 3]).is_err());
    assert!(assemble(b"junk", SignatureAlgorithm::EcdsaSha256, &[0]).is_err());
    let salt = [1u8; 16];
    let iv = [2u8; 16];
    let params = Pbes2Parameters {
        salt: &salt,
        iterations: 1,
        iv: &iv,
    };
    assert!(encrypted_private_key_info(&params, &[]).is_err());
}

#[test]
fn an_encrypted_key_built_around_openssl_ciphertext_opens_with_its_passphrase() {
    let dir = work_dir("pbes2");
    openssl_ok(
        &dir,
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            "key.pem",
        ],
    );
    // PKCS#8 (genpkey's DER output is the traditional SEC1 form).
    openssl_ok(
        &dir,
        &[
            "pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out", "key.der",
        ],
    );
    let passphrase = "correct horse 배터리 staple";
    let salt = *b"0123456789abcdef";
    let iv = *b"fedcba9876543210";
    // Few iterations keep the test quick; the app uses OWASP's figure.
    let iterations = 2048u32;
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let derived = String::from_utf8(openssl_ok(
        &dir,
        &[
            "kdf",
            "-keylen",
            "32",
            "-kdfopt",
            "digest:SHA256",
            "-kdfopt",
            &format!("pass:{passphrase}"),
            "-kdfopt",
            &format!("hexsalt:{}", hex(&salt)),
            "-kdfopt",
            &format!("iter:{iterations}"),
            "PBKDF2",
        ],
    ))
    .unwrap()
    .trim()
    .replace(':', "");
    openssl_ok(
        &dir,
        &[
            "enc",
            "-aes-256-cbc",
            "-K",
            &derived,
            "-iv",
            &hex(&iv),
            "-in",
            "key.der",
            "-out",
            "key.enc",
        ],
    );
    let ciphertext = std::fs::read(dir.join("key.enc")).unwrap();
    let params = Pbes2Parameters {
        salt: &salt,
        iterations,
        iv: &iv,
    };
    let der = encrypted_private_key_info(&params, &ciphertext).unwrap();
    let text = pem("ENCRYPTED PRIVATE KEY", &der);
    std::fs::write(dir.join("enc.pem"), &text).unwrap();

    let opened = openssl_ok(
        &dir,
        &[
            "pkey",
            "-in",
            "enc.pem",
            "-passin",
            &format!("pass:{passphrase}"),
        ],
    );
    // The same key as openssl writes it (PEM PKCS#8 both ways).
    assert_eq!(opened, openssl_ok(&dir, &["pkey", "-in", "key.pem"]));
    let (ok, _, _) = openssl(
        &dir,
        &["pkey", "-in", "enc.pem", "-passin", "pass:wrong", "-noout"],
    );
    assert!(!ok, "a wrong passphrase opened the key");

    let parsed = String::from_utf8(openssl_ok(&dir, &["asn1parse", "-in", "enc.pem"])).unwrap();
    for name in ["PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc"] {
        assert!(parsed.contains(name), "{name} missing from:\n{parsed}");
    }
    // Our own reader sees an encrypted PBES2 key.
    let inspection = inspect_pem(&text, 0).unwrap();
    match &inspection.items[0] {
        Item::PrivateKey(info) => {
            assert!(info.encrypted);
            assert_eq!(info.encryption.as_deref(), Some("PBES2"));
        }
        other => panic!("{other:?}"),
    }
}
