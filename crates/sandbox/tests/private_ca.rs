//! Private CA over real HTTP: listing, Issue End Cert for every key type with the certificate
//! inspected by the `openssl` CLI (independent of the RustCrypto code that built it), its
//! errors, and the full Activate Sub CA flow up to the external root.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::process::Command;

use certkit_core::operation::{
    ActivateSubCa, IssueEndCert, KeyType, Operation, OperationKind, Period, X509Parameters,
};
use certkit_core::response::{parse_response, ResponseData};
use common::*;
use serde_json::{json, Value};

/// Splits concatenated PEM certificates.
fn split_pems(text: &str) -> Vec<String> {
    text.split_inclusive("-----END CERTIFICATE-----")
        .map(str::trim)
        .filter(|s| s.contains("-----BEGIN CERTIFICATE-----"))
        .map(|s| format!("{s}\n"))
        .collect()
}

fn full_parameters() -> X509Parameters {
    X509Parameters {
        common_name: "app.example.com".into(),
        alt_name: Some("app.example.com,www.example.com,ops@example.com".into()),
        organization: Some("Example Org".into()),
        organization_unit: Some("Platform Team".into()),
        locality: Some("Seongnam-si".into()),
        state_province: Some("Gyeonggi-do".into()),
        street_address: Some("6 Buljeong-ro".into()),
        country: Some("KR".into()),
        ip: Some("10.0.0.7,2001:db8::1".into()),
    }
}

async fn issue(
    server: &Server,
    tag: &str,
    key_type: Option<KeyType>,
    period: Option<Period>,
    x: X509Parameters,
) -> Answer {
    let op = Operation::from(IssueEndCert {
        ca_tag: tag.to_string(),
        key_type,
        period,
        x509_parameters: x,
    });
    send_operation(server, &op, &main_credentials()).await
}

/// What openssl reports about an issued certificate.
struct Inspected {
    text: String,
    key_text: String,
    subject: String,
    dir: std::path::PathBuf,
    leaf: String,
    issuer: String,
    data: Value,
}

/// Checks the response envelope and core's parser, then inspects everything with openssl.
fn inspect_issued(answer: &Answer) -> Inspected {
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    assert_eq!(body["code"], "SUCCESS");
    assert_eq!(body["msg"], "Success");
    let data = body["data"].clone();
    for field in [
        "privateKey",
        "certificate",
        "serialNo",
        "caChain",
        "ocspResponder",
        "issuer",
    ] {
        assert!(data[field].is_string(), "data.{field} missing: {data}");
    }
    assert_eq!(data["ocspResponder"], "");
    // certkit-core's client-side parser reads the sandbox's answer.
    match parse_response(OperationKind::IssueEndCert, answer.status, &answer.text) {
        Ok(ResponseData::IssueEndCert(parsed)) => {
            assert_eq!(parsed.serial_no, data["serialNo"].as_str().unwrap());
        }
        other => panic!("core did not parse the success body: {other:?}"),
    }
    let dir = scratch_dir();
    let leaf = write(&dir, "leaf.pem", data["certificate"].as_str().unwrap());
    let key = write(&dir, "leaf.key", data["privateKey"].as_str().unwrap());
    let issuer = write(&dir, "issuer.pem", data["issuer"].as_str().unwrap());
    let text = openssl(&["x509", "-in", &leaf, "-noout", "-text"]);
    let key_text = openssl(&["pkey", "-in", &key, "-noout", "-text"]);
    let subject = openssl(&[
        "x509", "-in", &leaf, "-noout", "-subject", "-nameopt", "RFC2253",
    ]);
    // The private key belongs to the certificate.
    let cert_pub = openssl(&["x509", "-in", &leaf, "-noout", "-pubkey"]);
    let key_pub = openssl(&["pkey", "-in", &key, "-pubout"]);
    assert_eq!(
        cert_pub, key_pub,
        "private key does not match the certificate"
    );
    // Serial: 20 bytes, positive, colon-separated upper-case hex, same as openssl's.
    let serial_no = data["serialNo"].as_str().unwrap();
    let bytes: Vec<&str> = serial_no.split(':').collect();
    assert_eq!(bytes.len(), 20, "{serial_no}");
    assert!(
        bytes.iter().all(|b| b.len() == 2
            && b.chars()
                .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))),
        "{serial_no}"
    );
    assert!(
        u8::from_str_radix(bytes[0], 16).unwrap() < 0x80,
        "{serial_no}"
    );
    let openssl_serial = openssl(&["x509", "-in", &leaf, "-noout", "-serial"]);
    assert_eq!(openssl_serial.trim(), format!("serial={}", bytes.concat()));
    // Second opinion from certkit-x509 (the crate the app inspects PEMs with).
    let now_s = (now_ms() / 1000) as i64;
    let cert_pem = data["certificate"].as_str().unwrap();
    let key_pem = data["privateKey"].as_str().unwrap();
    assert_eq!(
        certkit_x509::key_matches_certificate(key_pem, cert_pem).ok(),
        Some(true)
    );
    let bundle = format!("{cert_pem}{}", data["caChain"].as_str().unwrap());
    let report = certkit_x509::verify_chain(&bundle, now_s).expect("chain parses");
    assert!(
        report.ok,
        "certkit-x509 rejects the chain: {:?}",
        report.problems
    );
    Inspected {
        text,
        key_text,
        subject,
        dir,
        leaf,
        issuer,
        data,
    }
}

/// certkit-x509's view of the issued certificate's public key and SANs, as its JSON contract.
fn x509_view(data: &Value) -> (Value, Value) {
    let now_s = (now_ms() / 1000) as i64;
    let inspection =
        certkit_x509::inspect_pem(data["certificate"].as_str().unwrap(), now_s).expect("inspects");
    let item = serde_json::to_value(&inspection.items[0]).unwrap();
    assert_eq!(item["kind"], "certificate");
    (item["publicKey"].clone(), item["subjectAltNames"].clone())
}

/// `openssl verify` of the leaf against `root` with `untrusted` intermediates.
fn verify_chain(dir: &std::path::Path, root_pem: &str, untrusted_pem: &str, leaf: &str) {
    let root = write(dir, "root.pem", root_pem);
    let untrusted = write(dir, "untrusted.pem", untrusted_pem);
    let out = openssl(&["verify", "-CAfile", &root, "-untrusted", &untrusted, leaf]);
    assert_eq!(out.trim(), format!("{leaf}: OK"));
}

/// `openssl x509 -checkend SECONDS`: whether the certificate is still valid then.
fn valid_after(leaf: &str, seconds: u64) -> bool {
    Command::new("openssl")
        .args([
            "x509",
            "-in",
            leaf,
            "-noout",
            "-checkend",
            &seconds.to_string(),
        ])
        .output()
        .expect("openssl")
        .status
        .success()
}

/// The seeded root is the last certificate of the issuing CA's chain.
fn issuing_chain(data: &Value) -> (String, String) {
    let chain = split_pems(data["caChain"].as_str().unwrap());
    assert_eq!(chain.len(), 2, "issuing CA then root");
    assert_eq!(chain[0].trim(), data["issuer"].as_str().unwrap().trim());
    (chain[0].clone(), chain[1].clone())
}

#[tokio::test]
async fn list_shows_the_seeded_cas() {
    let server = shared();
    let tags = server.sandbox.ca_tags();
    let answer = send_signed(server, "GET", "/api/v1/ca", None, &main_credentials()).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let data = &answer.json()["data"];
    let list = data["caInfoList"].as_array().unwrap();
    assert!(data["totalCnt"].as_u64().unwrap() as usize >= list.len());
    assert_eq!(data["currentPageNo"], 1);
    let find = |tag: &str| {
        list.iter()
            .map(|c| &c["caInfo"])
            .find(|c| c["caTag"] == tag)
            .unwrap_or_else(|| panic!("{tag} listed"))
            .clone()
    };
    let root = find(&tags.root);
    assert_eq!(
        (root["caType"].as_str(), root["status"].as_str()),
        (Some("PRIVATE_ROOT"), Some("ACTIVE"))
    );
    let issuing = find(&tags.issuing);
    assert_eq!(
        (issuing["caType"].as_str(), issuing["status"].as_str()),
        (Some("PRIVATE_SUB"), Some("ACTIVE"))
    );
    assert!(issuing["alias"].as_str().is_some_and(|a| !a.is_empty()));
    assert_eq!(
        issuing["urlInfo"]["crl"][0],
        format!("https://pca.apigw.ntruss.com/ext/{}/crl", tags.issuing)
    );
    let pending = find(&tags.pending);
    assert_eq!(pending["caType"], "PRIVATE_SUB");
    // NCP-looking tags: ten digits, dash, ten digits.
    for tag in [&tags.root, &tags.issuing, &tags.pending] {
        let (a, b) = tag.split_once('-').unwrap();
        assert!(
            a.len() == 10
                && b.len() == 10
                && (a.to_string() + b).chars().all(|c| c.is_ascii_digit()),
            "{tag}"
        );
    }
    let detail = send_signed(
        server,
        "GET",
        &format!("/api/v1/ca/{}", tags.root),
        None,
        &main_credentials(),
    )
    .await;
    assert_eq!(detail.json()["data"]["caInfo"]["caTag"], tags.root.as_str());
    assert_eq!(
        detail.json()["data"]["caCertInfo"]["commonName"],
        "certkit Sandbox Root CA"
    );
}

#[tokio::test]
async fn issue_rsa2048_with_every_field() {
    let server = shared();
    let tag = server.sandbox.ca_tags().issuing;
    let answer = issue(
        server,
        &tag,
        Some(KeyType::Rsa2048),
        Some(Period::Days(30)),
        full_parameters(),
    )
    .await;
    let got = inspect_issued(&answer);
    // Subject: every x509Parameters attribute (RFC 2253 order: most specific first).
    assert_eq!(
        got.subject.trim(),
        "subject=CN=app.example.com,OU=Platform Team,O=Example Org,street=6 Buljeong-ro,L=Seongnam-si,ST=Gyeonggi-do,C=KR"
    );
    // SANs: altName as DNS and e-mail, ip as IP addresses.
    assert!(got.text.contains("DNS:app.example.com, DNS:www.example.com, email:ops@example.com, IP Address:10.0.0.7, IP Address:2001:DB8:0:0:0:0:0:1"), "{}", got.text);
    assert!(got.text.contains("Public-Key: (2048 bit)"), "{}", got.text);
    let (key, sans) = x509_view(&got.data);
    assert_eq!(
        (key["algorithm"].as_str(), key["bits"].as_u64()),
        (Some("RSA"), Some(2048))
    );
    assert_eq!(
        sans,
        json!([
            {"type": "dns", "value": "app.example.com"},
            {"type": "dns", "value": "www.example.com"},
            {"type": "email", "value": "ops@example.com"},
            {"type": "ip", "value": "10.0.0.7"},
            {"type": "ip", "value": "2001:db8::1"}
        ])
    );
    assert!(got.data["privateKey"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert!(
        got.key_text.contains("Private-Key: (2048 bit, 2 primes)"),
        "{}",
        got.key_text
    );
    // Extensions.
    assert!(got.text.contains("CA:FALSE"));
    assert!(
        got.text.contains("Digital Signature") && got.text.contains("Key Encipherment"),
        "{}",
        got.text
    );
    assert!(
        got.text
            .contains("TLS Web Server Authentication, TLS Web Client Authentication"),
        "{}",
        got.text
    );
    assert!(
        got.text.contains("X509v3 Subject Key Identifier")
            && got.text.contains("X509v3 Authority Key Identifier")
    );
    assert!(
        got.text
            .contains(&format!("URI:https://pca.apigw.ntruss.com/ext/{tag}/crl")),
        "{}",
        got.text
    );
    assert!(
        got.text.contains(&format!(
            "OCSP - URI:https://pca.apigw.ntruss.com/ext/{tag}/ocsp"
        )),
        "{}",
        got.text
    );
    assert!(got
        .text
        .contains("Signature Algorithm: sha256WithRSAEncryption"));
    // Period: 30 days from now.
    assert!(valid_after(&got.leaf, 29 * 86_400));
    assert!(!valid_after(&got.leaf, 31 * 86_400));
    // Chain: leaf -> issuing CA -> seeded root.
    let (issuing, root) = issuing_chain(&got.data);
    verify_chain(&got.dir, &root, &issuing, &got.leaf);
    let _ = &got.issuer;
}

#[tokio::test]
async fn issue_rsa4096() {
    let server = shared();
    let tag = server.sandbox.ca_tags().issuing;
    let answer = issue(
        server,
        &tag,
        Some(KeyType::Rsa4096),
        None,
        X509Parameters::with_common_name("big.example.com"),
    )
    .await;
    let got = inspect_issued(&answer);
    assert!(got.text.contains("Public-Key: (4096 bit)"), "{}", got.text);
    assert!(
        got.key_text.contains("Private-Key: (4096 bit, 2 primes)"),
        "{}",
        got.key_text
    );
    let (key, _) = x509_view(&got.data);
    assert_eq!(
        (key["algorithm"].as_str(), key["bits"].as_u64()),
        (Some("RSA"), Some(4096))
    );
    assert_eq!(got.subject.trim(), "subject=CN=big.example.com");
    // No altName and no ip: no SAN extension.
    assert!(!got.text.contains("Subject Alternative Name"));
    // Default period: 365 days.
    assert!(valid_after(&got.leaf, 364 * 86_400));
    assert!(!valid_after(&got.leaf, 366 * 86_400));
    let (issuing, root) = issuing_chain(&got.data);
    verify_chain(&got.dir, &root, &issuing, &got.leaf);
}

#[tokio::test]
async fn issue_ec256() {
    let server = shared();
    let tag = server.sandbox.ca_tags().issuing;
    let answer = issue(
        server,
        &tag,
        Some(KeyType::Ec256),
        Some(Period::Days(1)),
        full_parameters(),
    )
    .await;
    let got = inspect_issued(&answer);
    assert!(got.data["privateKey"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
    assert!(
        got.text.contains("Public-Key: (256 bit)") && got.text.contains("NIST CURVE: P-256"),
        "{}",
        got.text
    );
    assert!(
        got.key_text.contains("ASN1 OID: prime256v1"),
        "{}",
        got.key_text
    );
    let (key, _) = x509_view(&got.data);
    assert_eq!(
        (key["algorithm"].as_str(), key["curve"].as_str()),
        (Some("EC"), Some("P-256"))
    );
    assert!(got.text.contains("Digital Signature") && !got.text.contains("Key Encipherment"));
    assert!(!valid_after(&got.leaf, 2 * 86_400));
    let (issuing, root) = issuing_chain(&got.data);
    verify_chain(&got.dir, &root, &issuing, &got.leaf);
}

#[tokio::test]
async fn issue_ec521_is_p521_and_max_period_stops_at_the_ca() {
    let server = shared();
    let tag = server.sandbox.ca_tags().issuing;
    let answer = issue(
        server,
        &tag,
        Some(KeyType::Ec521),
        Some(Period::Max),
        X509Parameters::with_common_name("p521.example.com"),
    )
    .await;
    let got = inspect_issued(&answer);
    assert!(
        got.text.contains("Public-Key: (521 bit)") && got.text.contains("NIST CURVE: P-521"),
        "{}",
        got.text
    );
    assert!(
        got.key_text.contains("ASN1 OID: secp521r1"),
        "{}",
        got.key_text
    );
    let (key, _) = x509_view(&got.data);
    assert_eq!(
        (key["algorithm"].as_str(), key["curve"].as_str()),
        (Some("EC"), Some("P-521"))
    );
    // MAX: the certificate ends exactly when the issuing CA does.
    let leaf_end = openssl(&["x509", "-in", &got.leaf, "-noout", "-enddate"]);
    let ca_end = openssl(&["x509", "-in", &got.issuer, "-noout", "-enddate"]);
    assert_eq!(leaf_end, ca_end);
    // A period longer than the CA's remaining validity is capped the same way.
    let long = issue(
        server,
        &tag,
        None,
        Some(Period::Days(3650)),
        X509Parameters::with_common_name("long.example.com"),
    )
    .await;
    let long = inspect_issued(&long);
    assert_eq!(
        openssl(&["x509", "-in", &long.leaf, "-noout", "-enddate"]),
        ca_end
    );
    assert!(
        long.text.contains("Public-Key: (2048 bit)"),
        "default keyType is RSA2048"
    );
    let (issuing, root) = issuing_chain(&got.data);
    verify_chain(&got.dir, &root, &issuing, &got.leaf);
}

#[tokio::test]
async fn issue_from_the_root_gives_a_one_certificate_chain() {
    let server = shared();
    let tag = server.sandbox.ca_tags().root;
    let answer = issue(
        server,
        &tag,
        None,
        None,
        X509Parameters::with_common_name("direct.example.com"),
    )
    .await;
    let got = inspect_issued(&answer);
    let chain = split_pems(got.data["caChain"].as_str().unwrap());
    assert_eq!(chain.len(), 1);
    let out = openssl(&["verify", "-CAfile", &got.issuer, &got.leaf]);
    assert_eq!(out.trim(), format!("{}: OK", got.leaf));
}

#[tokio::test]
async fn issue_rule_violations_answer_like_ncp() {
    let server = shared();
    let tag = server.sandbox.ca_tags().issuing;
    let path = format!("/api/v1/ca/{tag}/cert");
    let cases = [
        (
            json!({"x509Parameters": {"commonName": ""}}),
            "EMPTY_COMMON_NAME",
        ),
        (json!({"x509Parameters": {}}), "EMPTY_COMMON_NAME"),
        (
            json!({"x509Parameters": {"commonName": "a".repeat(65)}}),
            "EXCEED_COMMON_NAME",
        ),
        (
            json!({"period": "0", "x509Parameters": {"commonName": "a"}}),
            "INVALID_INPUT_PERIOD",
        ),
        (
            json!({"period": "3651", "x509Parameters": {"commonName": "a"}}),
            "INVALID_INPUT_PERIOD",
        ),
        (
            json!({"period": "1y", "x509Parameters": {"commonName": "a"}}),
            "INVALID_INPUT_PERIOD",
        ),
        (
            json!({"x509Parameters": {"commonName": "a", "ip": "10.0.0.256"}}),
            "INVALID_X509_IP",
        ),
        (
            json!({"x509Parameters": {"commonName": "a", "ip": "10.0.0.1,example.com"}}),
            "INVALID_X509_IP",
        ),
    ];
    for (body, code) in cases {
        let answer = send_signed(
            server,
            "POST",
            &path,
            Some(&body.to_string()),
            &main_credentials(),
        )
        .await;
        assert_eq!(private_ca_error_code(&answer), code, "{body}");
    }
    // Rules without a documented NCP code still get a 400 naming the field.
    let answer = send_signed(
        server,
        "POST",
        &path,
        Some(r#"{"keyType":"RSA1024","x509Parameters":{"commonName":"a"}}"#),
        &main_credentials(),
    )
    .await;
    // ncp-api.md §3 has no code for keyType: the sandbox answers the input code.
    assert_eq!(private_ca_error_code(&answer), "INVALID_INPUT_CERT");
    assert!(
        answer.json()["msg"].as_str().unwrap().contains("keyType"),
        "{}",
        answer.text
    );
    let answer = send_signed(server, "POST", &path, Some("not json"), &main_credentials()).await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_INPUT_CERT");
    assert_eq!(answer.json()["msg"], "Invalid request.");
}

#[tokio::test]
async fn issue_from_an_unknown_or_pending_ca_fails() {
    let server = shared();
    let body = json!({"x509Parameters": {"commonName": "a"}}).to_string();
    let answer = send_signed(
        server,
        "POST",
        "/api/v1/ca/0000000000-0000000000/cert",
        Some(&body),
        &main_credentials(),
    )
    .await;
    assert_eq!(private_ca_error_code(&answer), "NOT_EXIST_CASTORE");
    let pending = new_pending(server).await;
    let answer = issue(
        server,
        &pending,
        None,
        None,
        X509Parameters::with_common_name("a"),
    )
    .await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_CA_STATUS");
}

/// A fresh PENDING sub CA (so tests never race for the seeded one).
async fn new_pending(server: &Server) -> String {
    let answer = send(
        "POST",
        &format!("{}/demo/pending-ca", server.base),
        &[],
        None,
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let info = &answer.json()["data"];
    assert_eq!(info["status"], "PENDING");
    info["caTag"].as_str().unwrap().to_string()
}

async fn fetch_csr(server: &Server, tag: &str) -> String {
    let answer = send_signed(
        server,
        "GET",
        &format!("/api/v1/ca/{tag}/sub/csr"),
        None,
        &main_credentials(),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json()["data"]["csrPem"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn external_sign(server: &Server, csr: &str) -> (String, String) {
    let answer = send(
        "POST",
        &format!("{}/demo/external-ca/sign", server.base),
        &[("Content-Type".into(), "application/json".into())],
        Some(json!({ "csrPem": csr }).to_string()),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    (
        body["certPem"].as_str().unwrap().into(),
        body["caChainPem"].as_str().unwrap().into(),
    )
}

async fn activate(server: &Server, tag: &str, cert_pem: &str, ca_chain_pem: &str) -> Answer {
    let op = Operation::from(ActivateSubCa {
        ca_tag: tag.into(),
        cert_pem: cert_pem.into(),
        ca_chain_pem: ca_chain_pem.into(),
    });
    send_operation(server, &op, &main_credentials()).await
}

#[tokio::test]
async fn full_activate_flow_up_to_the_external_root() {
    let server = shared();
    let tag = new_pending(server).await;
    // 1. The pending CA's CSR: a valid, self-signed PKCS#10 request.
    let csr = fetch_csr(server, &tag).await;
    assert!(csr.starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"));
    let dir = scratch_dir();
    let csr_file = write(&dir, "sub.csr", &csr);
    openssl_verify_ok(&["req", "-in", &csr_file, "-noout", "-verify"]);
    // 2. Signed by the external demo root.
    let (cert_pem, chain_pem) = external_sign(server, &csr).await;
    assert_eq!(chain_pem, server.sandbox.external_root_pem());
    let external_root = write(&dir, "external-root.pem", &chain_pem);
    let root_subject = openssl(&[
        "x509",
        "-in",
        &external_root,
        "-noout",
        "-subject",
        "-nameopt",
        "RFC2253",
    ]);
    assert!(
        root_subject.contains("CN=External Demo Root CA"),
        "{root_subject}"
    );
    // 3. Activate.
    let answer = activate(server, &tag, &cert_pem, &chain_pem).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    assert_eq!(body["code"], "SUCCESS");
    let info = &body["data"]["caInfo"];
    assert_eq!(info["caTag"], tag.as_str());
    // The spec's example answers PENDING; Get CA shows ACTIVE after the settle delay (none
    // on this server).
    assert_eq!(info["status"], "PENDING");
    assert_eq!(info["caType"], "PRIVATE_SUB");
    let later = send_signed(
        server,
        "GET",
        &format!("/api/v1/ca/{tag}"),
        None,
        &main_credentials(),
    )
    .await
    .json();
    assert_eq!(later["data"]["caInfo"]["status"], "ACTIVE");
    assert!(later["data"]["caInfo"]["statusUpdateDate"]
        .as_str()
        .is_some_and(|ms| ms.parse::<u64>().is_ok()));
    let cert_info = &body["data"]["caCertInfo"];
    assert!(cert_info["commonName"]
        .as_str()
        .unwrap()
        .starts_with("certkit Sandbox Pending Sub CA"));
    assert_eq!(cert_info["country"], "KR");
    assert_eq!(cert_info["issuerName"], "External Demo Root CA");
    assert_eq!(cert_info["publicKeyAlgorithm"], "RSA");
    assert_eq!(cert_info["signatureAlgorithm"], "SHA256withRSA");
    assert_eq!(cert_info["locality"], "Pangyo");
    assert_eq!(cert_info["stateProvince"], "Seongnam-si");
    assert!(cert_info["organizationUnit"].is_string() && cert_info["organization"].is_string());
    assert_eq!(
        cert_info["certPem"].as_str().unwrap().trim(),
        cert_pem.trim()
    );
    assert_eq!(
        cert_info["chainPem"].as_str().unwrap().trim(),
        chain_pem.trim()
    );
    let not_before = cert_info["notBeforeDate"].as_u64().unwrap();
    let not_after = cert_info["notAfterDate"].as_u64().unwrap();
    assert!(not_before.abs_diff(now_ms()) < 120_000 && not_after > not_before);
    let ca_cert = write(&dir, "sub.pem", &cert_pem);
    let serial = openssl(&["x509", "-in", &ca_cert, "-noout", "-serial"]);
    assert_eq!(
        serial.trim(),
        format!(
            "serial={}",
            cert_info["serialNo"].as_str().unwrap().replace(':', "")
        )
    );
    assert!(matches!(
        parse_response(OperationKind::ActivateSubCa, answer.status, &answer.text),
        Ok(ResponseData::ActivateSubCa(_))
    ));
    // 4. The newly active CA issues; the chain verifies up to the external root.
    let answer = issue(
        server,
        &tag,
        Some(KeyType::Ec256),
        Some(Period::Days(10)),
        full_parameters(),
    )
    .await;
    let got = inspect_issued(&answer);
    let chain = split_pems(got.data["caChain"].as_str().unwrap());
    assert_eq!(chain.len(), 2, "activated CA then the external root");
    assert_eq!(chain[0].trim(), cert_pem.trim());
    let out = openssl(&[
        "verify",
        "-CAfile",
        &external_root,
        "-untrusted",
        &ca_cert,
        &got.leaf,
    ]);
    assert_eq!(out.trim(), format!("{}: OK", got.leaf));
    // Not with the sandbox's own root.
    let own_root = write(
        &dir,
        "own-root.pem",
        &issuing_chain(
            &inspect_issued(
                &issue(
                    server,
                    &server.sandbox.ca_tags().issuing,
                    None,
                    None,
                    X509Parameters::with_common_name("x"),
                )
                .await,
            )
            .data,
        )
        .1,
    );
    let refused = Command::new("openssl")
        .args([
            "verify",
            "-CAfile",
            &own_root,
            "-untrusted",
            &ca_cert,
            &got.leaf,
        ])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    // 5. Now ACTIVE: no CSR, no second activation.
    let answer = send_signed(
        server,
        "GET",
        &format!("/api/v1/ca/{tag}/sub/csr"),
        None,
        &main_credentials(),
    )
    .await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_CA_STATUS");
    let answer = activate(server, &tag, &cert_pem, &chain_pem).await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_CA_STATUS");
}

#[tokio::test]
async fn activation_accepts_pasted_pems_with_literal_newlines() {
    let server = shared();
    let tag = new_pending(server).await;
    let csr = fetch_csr(server, &tag).await;
    let (cert_pem, chain_pem) = external_sign(server, &csr).await;
    // As pasted from a JSON example: literal backslash-n, everything on one line.
    let mangle = |pem: &str| pem.trim().replace('\n', "\\n");
    assert!(!mangle(&cert_pem).contains('\n'));
    let answer = activate(server, &tag, &mangle(&cert_pem), &mangle(&chain_pem)).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.json()["data"]["caInfo"]["status"], "PENDING");
}

#[tokio::test]
async fn activation_mismatches_answer_like_ncp() {
    let server = shared();
    let tag = new_pending(server).await;
    let other = new_pending(server).await;
    let (cert_pem, chain_pem) = external_sign(server, &fetch_csr(server, &tag).await).await;
    let (other_cert, _) = external_sign(server, &fetch_csr(server, &other).await).await;
    // A CA certificate for another key.
    let answer = activate(server, &tag, &other_cert, &chain_pem).await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_INPUT_CERT");
    // Not a CA certificate: an end certificate from the issuing CA.
    let leaf = issue(
        server,
        &server.sandbox.ca_tags().issuing,
        None,
        None,
        X509Parameters::with_common_name("leaf"),
    )
    .await;
    let leaf = leaf.json()["data"].clone();
    let answer = activate(
        server,
        &tag,
        leaf["certificate"].as_str().unwrap(),
        &chain_pem,
    )
    .await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_INPUT_CERT");
    assert!(answer.json()["msg"].as_str().unwrap().contains("CA"));
    // A chain that did not sign certPem (the sandbox's own issuing CA and root).
    let answer = activate(server, &tag, &cert_pem, leaf["caChain"].as_str().unwrap()).await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_INPUT_CA_CHAIN");
    // Not PEM at all (rejected by certkit-core's rules, answered with NCP's codes).
    let body = json!({"certPem": "hello", "caChainPem": chain_pem}).to_string();
    let answer = send_signed(
        server,
        "POST",
        &format!("/api/v1/ca/{tag}/activate"),
        Some(&body),
        &main_credentials(),
    )
    .await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_INPUT_CERT");
    let body = json!({"certPem": cert_pem, "caChainPem": ""}).to_string();
    let answer = send_signed(
        server,
        "POST",
        &format!("/api/v1/ca/{tag}/activate"),
        Some(&body),
        &main_credentials(),
    )
    .await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_INPUT_CA_CHAIN");
    // A chain holding the signer after unrelated certificates (another CA, an end
    // certificate) is accepted; the unrelated ones are dropped, not stored.
    let unrelated = leaf["issuer"].as_str().unwrap();
    let tolerant = format!(
        "{unrelated}{}{chain_pem}",
        leaf["certificate"].as_str().unwrap()
    );
    let answer = activate(server, &tag, &cert_pem, &tolerant).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let stored = answer.json()["data"]["caCertInfo"]["chainPem"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(split_pems(&stored), split_pems(&chain_pem));
    let later = send_signed(
        server,
        "GET",
        &format!("/api/v1/ca/{tag}/chain"),
        None,
        &main_credentials(),
    )
    .await;
    assert_eq!(later.status, 200, "{}", later.text);
    let ca_chain = later.json()["data"].as_str().unwrap().to_string();
    assert!(!split_pems(&ca_chain).contains(&split_pems(unrelated)[0]));
    assert_eq!(
        split_pems(&ca_chain),
        split_pems(&format!("{cert_pem}{chain_pem}"))
    );
    // Unknown tag, and a CA that is not PENDING.
    let answer = activate(server, "0000000000-0000000000", &cert_pem, &chain_pem).await;
    assert_eq!(private_ca_error_code(&answer), "NOT_EXIST_CASTORE");
    let answer = activate(
        server,
        &server.sandbox.ca_tags().issuing,
        &cert_pem,
        &chain_pem,
    )
    .await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_CA_STATUS");
    let answer = send_signed(
        server,
        "GET",
        &format!("/api/v1/ca/{}/sub/csr", server.sandbox.ca_tags().issuing),
        None,
        &main_credentials(),
    )
    .await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_CA_STATUS");
}

/// A sub CA certificate signed (by the `openssl` CLI) with a certificate that is not a CA is
/// refused, naming the link.
#[tokio::test]
async fn activation_refuses_a_signer_that_is_not_a_ca() {
    let server = shared();
    let tag = new_pending(server).await;
    let dir = scratch_dir();
    let csr = write(&dir, "sub.csr", &fetch_csr(server, &tag).await);
    let key = dir.join("signer.key").to_string_lossy().into_owned();
    let signer = dir.join("signer.pem").to_string_lossy().into_owned();
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        &key,
        "-out",
        &signer,
        "-days",
        "30",
        "-subj",
        "/CN=Not A CA",
        "-addext",
        "basicConstraints=critical,CA:FALSE",
    ]);
    let ext = write(&dir, "ca.ext", "basicConstraints=critical,CA:TRUE\n");
    let sub = dir.join("sub.pem").to_string_lossy().into_owned();
    openssl(&[
        "x509",
        "-req",
        "-in",
        &csr,
        "-CA",
        &signer,
        "-CAkey",
        &key,
        "-CAcreateserial",
        "-days",
        "10",
        "-extfile",
        &ext,
        "-out",
        &sub,
    ]);
    let cert_pem = std::fs::read_to_string(&sub).unwrap();
    let signer_pem = std::fs::read_to_string(&signer).unwrap();
    let answer = activate(server, &tag, &cert_pem, &signer_pem).await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_INPUT_CA_CHAIN");
    let msg = answer.json()["msg"].as_str().unwrap().to_string();
    assert!(
        msg.contains("not a CA") && msg.contains("Not A CA"),
        "{msg}"
    );
    // The CA is still PENDING.
    let csr_again = send_signed(
        server,
        "GET",
        &format!("/api/v1/ca/{tag}/sub/csr"),
        None,
        &main_credentials(),
    )
    .await;
    assert_eq!(csr_again.status, 200, "{}", csr_again.text);
}

#[tokio::test]
async fn external_sign_rejects_what_is_not_a_csr() {
    let server = shared();
    for body in [
        json!({"csrPem": "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----"}),
        json!({"nope": 1}),
    ] {
        let answer = send(
            "POST",
            &format!("{}/demo/external-ca/sign", server.base),
            &[],
            Some(body.to_string()),
        )
        .await;
        assert_eq!(answer.status, 400, "{}", answer.text);
        assert!(answer.json()["error"]
            .as_str()
            .is_some_and(|e| !e.is_empty()));
    }
}

#[tokio::test]
async fn chain_route_returns_the_ca_chain() {
    let server = shared();
    let tags = server.sandbox.ca_tags();
    let answer = send_signed(
        server,
        "GET",
        &format!("/api/v1/ca/{}/chain", tags.issuing),
        None,
        &main_credentials(),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(split_pems(answer.json()["data"].as_str().unwrap()).len(), 2);
}
