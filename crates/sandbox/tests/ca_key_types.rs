//! CAs honour Create CA's `keyType`: an EC256 root and an EC521 root each issue an end
//! certificate, sign a CSR, sign sub CAs (Create CA with `issuerTag`, Sign Sub Csr) and a CRL,
//! all over real HTTP, and the `openssl` CLI (an independent tool) verifies every chain and
//! CRL and reads the key and signature algorithms that `caCertInfo` must report. An RSA4096
//! root keeps working.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use certkit_core::OperationKind as K;
use common::*;
use serde_json::{json, Value};

/// What a CA of one key type must be, in OpenSSL's words and in NCP's.
struct Expected {
    key_type: &'static str,
    /// `openssl x509 -text`'s key line (`NIST CURVE: P-256`, `Public-Key: (4096 bit)`).
    key_line: &'static str,
    /// `openssl x509 -text`'s signature algorithm.
    openssl_signature: &'static str,
    /// `caCertInfo.publicKeyAlgorithm`.
    public_key_algorithm: &'static str,
    /// `caCertInfo.signatureAlgorithm` and Get End Cert's `signatureAlgorithm`.
    signature_algorithm: &'static str,
}

const EC256: Expected = Expected {
    key_type: "EC256",
    key_line: "NIST CURVE: P-256",
    openssl_signature: "ecdsa-with-SHA256",
    public_key_algorithm: "EC",
    signature_algorithm: "SHA256withECDSA",
};

/// OpenSSL signs with SHA-256 on P-521 too (`openssl req -x509 -newkey ec -pkeyopt
/// ec_paramgen_curve:P-521` makes an ecdsa-with-SHA256 certificate); the sandbox does the same.
const EC521: Expected = Expected {
    key_type: "EC521",
    key_line: "NIST CURVE: P-521",
    openssl_signature: "ecdsa-with-SHA256",
    public_key_algorithm: "EC",
    signature_algorithm: "SHA256withECDSA",
};

const RSA4096: Expected = Expected {
    key_type: "RSA4096",
    key_line: "Public-Key: (4096 bit)",
    openssl_signature: "sha256WithRSAEncryption",
    public_key_algorithm: "RSA",
    signature_algorithm: "SHA256withRSA",
};

/// The value after `label` on the first line of `openssl -text` output that has it.
fn openssl_field<'a>(text: &'a str, label: &str) -> &'a str {
    text.lines()
        .find_map(|line| line.trim().strip_prefix(label))
        .unwrap_or_else(|| panic!("no '{label}' in {text}"))
        .trim()
}

/// NCP's (Java's) names for what OpenSSL printed.
fn ncp_names(openssl_text: &str) -> (String, String) {
    let key = match openssl_field(openssl_text, "Public Key Algorithm:") {
        "id-ecPublicKey" => "EC",
        "rsaEncryption" => "RSA",
        other => panic!("unexpected key algorithm {other}"),
    };
    let signature = match openssl_field(openssl_text, "Signature Algorithm:") {
        "ecdsa-with-SHA256" => "SHA256withECDSA",
        "ecdsa-with-SHA384" => "SHA384withECDSA",
        "ecdsa-with-SHA512" => "SHA512withECDSA",
        "sha256WithRSAEncryption" => "SHA256withRSA",
        other => panic!("unexpected signature algorithm {other}"),
    };
    (key.to_string(), signature.to_string())
}

/// Checks a `{caInfo, caCertInfo}` answer's certificate with openssl: its key and signature
/// are what `expected` says, and `caCertInfo`'s algorithm fields name what openssl reads.
/// Returns the certificate PEM.
fn check_ca(detail: &Value, expected: &Expected, dir: &std::path::Path, name: &str) -> String {
    let info = &detail["caCertInfo"];
    let pem = info["certPem"].as_str().expect("caCertInfo.certPem");
    let path = write(dir, name, pem);
    let text = openssl(&["x509", "-in", &path, "-noout", "-text"]);
    assert!(text.contains(expected.key_line), "{name}: {text}");
    assert!(text.contains("CA:TRUE"), "{name}: {text}");
    assert_eq!(
        openssl_field(&text, "Signature Algorithm:"),
        expected.openssl_signature,
        "{name}"
    );
    let (key, signature) = ncp_names(&text);
    assert_eq!(info["publicKeyAlgorithm"], key.as_str(), "{name}");
    assert_eq!(info["signatureAlgorithm"], signature.as_str(), "{name}");
    assert_eq!(info["publicKeyAlgorithm"], expected.public_key_algorithm);
    assert_eq!(info["signatureAlgorithm"], expected.signature_algorithm);
    pem.to_string()
}

/// `openssl verify -CAfile root -untrusted chain leaf` says OK.
fn verify(dir: &std::path::Path, root: &str, chain: &str, leaf_pem: &str, name: &str) {
    let root = write(dir, &format!("{name}.root.pem"), root);
    let chain = write(dir, &format!("{name}.chain.pem"), chain);
    let leaf = write(dir, &format!("{name}.pem"), leaf_pem);
    let out = openssl(&["verify", "-CAfile", &root, "-untrusted", &chain, &leaf]);
    assert_eq!(out.trim(), format!("{leaf}: OK"));
}

/// Revokes `serial` at `ca`, fetches the CA's CRL and has openssl verify it against `ca_pem`;
/// the CRL must be signed with `expected`'s algorithm and list the serial.
async fn revoke_and_check_crl(
    server: &Server,
    ca: &str,
    ca_pem: &str,
    serial: &str,
    expected: &Expected,
    dir: &std::path::Path,
) {
    let revoked = call(
        server,
        K::RevokeEndCert,
        json!({"caTag": ca, "serialNo": serial}),
    )
    .await;
    assert_eq!(private_ca_data(&revoked), Value::Null);
    let crl = private_ca_data(&call(server, K::GetCaCrl, json!({"caTag": ca})).await);
    let crl = crl.as_str().expect("the CRL PEM");
    assert!(crl.starts_with("-----BEGIN X509 CRL-----\n"), "{crl}");
    let crl_path = write(dir, &format!("{ca}.crl"), crl);
    let ca_path = write(dir, &format!("{ca}.ca.pem"), ca_pem);
    let out = openssl_verify_ok(&[
        "crl", "-in", &crl_path, "-CAfile", &ca_path, "-verify", "-noout", "-text",
    ]);
    assert_eq!(
        openssl_field(&out, "Signature Algorithm:"),
        expected.openssl_signature,
        "{out}"
    );
    assert!(out.contains(&serial.replace(':', "")), "{out}");
}

/// Creates a CA of `expected.key_type` (a sub CA of `issuer` when given).
async fn create(
    server: &Server,
    ca_type: &str,
    issuer: Option<&str>,
    expected: &Expected,
    cn: &str,
) -> Value {
    let mut input = json!({
        "caType": ca_type,
        "alias": cn.to_lowercase().replace(' ', "-"),
        "keyType": expected.key_type,
        "period": "MAX",
        "x509Parameters": {"commonName": cn, "country": "KR"},
    });
    if let Some(issuer) = issuer {
        input["issuerTag"] = json!(issuer);
    }
    private_ca_data(&call(server, K::CreateCa, input).await)
}

/// An end certificate issued by `ca` (the sandbox makes a P-256 key), checked by Get End
/// Cert; returns `(certificate, caChain, serialNo)`.
async fn issue(server: &Server, ca: &str, expected: &Expected) -> (String, String, String) {
    let issued = private_ca_data(
        &call(
            server,
            K::IssueEndCert,
            json!({"caTag": ca, "keyType": "EC256", "x509Parameters": {"commonName": "leaf.example.com"}}),
        )
        .await,
    );
    let serial = issued["serialNo"].as_str().unwrap().to_string();
    let got = private_ca_data(
        &call(
            server,
            K::GetEndCert,
            json!({"caTag": ca, "serialNo": serial}),
        )
        .await,
    );
    assert_eq!(got["signatureAlgorithm"], expected.signature_algorithm);
    assert_eq!(got["publicKeyAlgorithm"], "EC");
    (
        issued["certificate"].as_str().unwrap().to_string(),
        issued["caChain"].as_str().unwrap().to_string(),
        serial,
    )
}

/// Everything a CA of `expected`'s key type signs verifies with openssl.
async fn walk(expected: &Expected) {
    let server = shared();
    let dir = scratch_dir();
    let k = expected.key_type;

    // A root: self-signed with its own key type.
    let root = create(
        server,
        "PRIVATE_ROOT",
        None,
        expected,
        &format!("{k} Root CA"),
    )
    .await;
    assert_eq!(root["caInfo"]["status"], "ACTIVE");
    let root_tag = root["caInfo"]["caTag"].as_str().unwrap().to_string();
    let root_pem = check_ca(&root, expected, &dir, "root.pem");
    verify(&dir, &root_pem, &root_pem, &root_pem, "root-self");

    // Issue End Cert and Sign End Csr under the root.
    let (leaf, chain, leaf_serial) = issue(server, &root_tag, expected).await;
    verify(&dir, &root_pem, &chain, &leaf, "root-leaf");
    let (_key, csr) = openssl_csr("csr.example.com", &["csr.example.com"]);
    let signed = private_ca_data(
        &call(
            server,
            K::SignEndCsr,
            json!({"caTag": root_tag, "csrPem": csr}),
        )
        .await,
    );
    let chain = signed["caChain"].as_array().unwrap();
    let chain: String = chain.iter().map(|pem| pem.as_str().unwrap()).collect();
    verify(
        &dir,
        &root_pem,
        &chain,
        signed["certificate"].as_str().unwrap(),
        "root-csr",
    );

    // A sub CA the root signs at Create CA (issuerTag); it issues in turn.
    let sub = create(
        server,
        "PRIVATE_SUB",
        Some(&root_tag),
        expected,
        &format!("{k} Sub CA"),
    )
    .await;
    assert_eq!(sub["caInfo"]["status"], "ACTIVE");
    let sub_tag = sub["caInfo"]["caTag"].as_str().unwrap().to_string();
    let sub_pem = check_ca(&sub, expected, &dir, "sub.pem");
    verify(&dir, &root_pem, &root_pem, &sub_pem, "sub");
    let (sub_leaf, sub_chain, sub_leaf_serial) = issue(server, &sub_tag, expected).await;
    assert!(sub_chain.starts_with(&sub_pem), "the sub CA first");
    verify(&dir, &root_pem, &sub_chain, &sub_leaf, "sub-leaf");

    // A sub CA signed elsewhere: its CSR is signed with its own key type; the root signs it
    // (Sign Sub Csr) and it is activated with that certificate.
    let pending = create(
        server,
        "PRIVATE_SUB",
        None,
        expected,
        &format!("{k} Pending"),
    )
    .await;
    assert_eq!(pending["caInfo"]["status"], "PENDING");
    let pending_tag = pending["caInfo"]["caTag"].as_str().unwrap().to_string();
    let csr = private_ca_data(&call(server, K::GetSubCsr, json!({"caTag": pending_tag})).await);
    let csr_path = write(&dir, "pending.csr", csr["csrPem"].as_str().unwrap());
    let csr_text = openssl(&["req", "-in", &csr_path, "-noout", "-text", "-verify"]);
    assert!(csr_text.contains(expected.key_line), "{csr_text}");
    assert_eq!(
        openssl_field(&csr_text, "Signature Algorithm:"),
        expected.openssl_signature
    );
    let signed = private_ca_data(
        &call(
            server,
            K::SignSubCsr,
            json!({"caTag": root_tag, "period": "100", "csrPem": csr["csrPem"]}),
        )
        .await,
    );
    let signed_pem = signed["certificate"].as_str().unwrap();
    verify(&dir, &root_pem, &root_pem, signed_pem, "signed-sub");
    let chain: Vec<&str> = signed["caChain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pem| pem.as_str().unwrap())
        .collect();
    let activated = private_ca_data(
        &call(
            server,
            K::ActivateSubCa,
            json!({"caTag": pending_tag, "certPem": signed_pem, "caChainPem": chain.concat()}),
        )
        .await,
    );
    check_ca(&activated, expected, &dir, "activated.pem");
    let (act_leaf, act_chain, _) = issue(server, &pending_tag, expected).await;
    verify(&dir, &root_pem, &act_chain, &act_leaf, "activated-leaf");

    // CRLs of the root and of the sub CA, each signed with the CA's key.
    revoke_and_check_crl(server, &root_tag, &root_pem, &leaf_serial, expected, &dir).await;
    revoke_and_check_crl(server, &sub_tag, &sub_pem, &sub_leaf_serial, expected, &dir).await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_ec256_ca_signs_with_p256_and_everything_verifies() {
    walk(&EC256).await;
}

#[tokio::test]
async fn an_ec521_ca_signs_with_p521_and_everything_verifies() {
    walk(&EC521).await;
}

#[tokio::test]
async fn an_rsa4096_root_keeps_working() {
    let server = shared();
    let dir = scratch_dir();
    let root = create(server, "PRIVATE_ROOT", None, &RSA4096, "RSA4096 Root CA").await;
    let tag = root["caInfo"]["caTag"].as_str().unwrap().to_string();
    let root_pem = check_ca(&root, &RSA4096, &dir, "root.pem");
    let (leaf, chain, serial) = issue(server, &tag, &RSA4096).await;
    verify(&dir, &root_pem, &chain, &leaf, "leaf");
    revoke_and_check_crl(server, &tag, &root_pem, &serial, &RSA4096, &dir).await;
    let _ = std::fs::remove_dir_all(&dir);
}
