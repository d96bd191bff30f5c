//! An equivalence snapshot of everything certkit-core reads from JSON: every response fixture
//! (and each contract's skeleton, whose placeholders make odd bodies) and a corpus of odd
//! bodies read as every operation's answer, and a corpus of inputs read as every operation's
//! input. Each result's `Debug` is compared with `json_readers.snap`, so a change in how JSON
//! is read (say, a new reader replacing another) shows up line by line.
//!
//! After an intended change: `UPDATE_SNAPSHOT=1 cargo test -p certkit-core --test
//! json_readers`, then read the diff of the snapshot before committing it.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use certkit_core::response::parse_response_bytes;
use certkit_core::{Operation, OperationKind};
use serde_json::{json, Map, Value};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn sorted_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// The odd `data` objects (Private CA) and bodies (Certificate Manager, merged into the
/// envelope) read by every operation of their service.
fn odd_fields() -> Vec<Value> {
    let pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    let two_pems = format!("{pem}{pem}");
    vec![
        json!({}),
        // The Activate Sub CA page's typo spellings, alone and beside the right ones.
        json!({"caInfo": {"caTag": "t"}, "caCertInfo": {"contry": "KR", "organicationUnit": "OU", "issueName": "I"}}),
        json!({"caCertInfo": {"country": "KR", "contry": "US"}}),
        json!({"caCertInfo": {"organizationUnit": "A", "organicationUnit": "B"}}),
        json!({"caCertInfo": {"issuerName": "A", "issueName": "B"}}),
        json!({"caCertInfo": {"country": null, "contry": "US"}}),
        json!({"caCertInfo": {"contry": 82, "issueName": null, "organicationUnit": ["x"]}}),
        // Numbers as strings and strings as numbers.
        json!({"totalCnt": "5", "currentPageNo": " 2 ", "totalPageNo": "x", "caInfoList": [{"caInfo": {"caId": 18001, "signingCount": "3", "rgstDate": 1.5, "alias": true, "memo": 12.5, "statusUpdateDate": "-7", "destroyDate": 9007199254740993u64}}]}),
        json!({"totalCnt": 18446744073709551615u64, "totalPageNo": -1, "currentPageNo": "1e3", "listCerts": [1, "a:b", null, {}, [], true]}),
        json!({"caTag": 123, "serialNo": 1e3, "certificate": false, "commonName": 7, "notAfterDate": "1700000000000", "notBeforeDate": true}),
        // null everywhere.
        json!({"caInfo": null, "caCertInfo": null, "caChain": null, "caInfoList": null, "listCerts": null, "totalCnt": null, "certificate": null, "privateKey": null, "csrPem": null}),
        // Nested wrong types.
        json!({"caInfo": "x", "caCertInfo": [1]}),
        json!({"caInfo": [], "caCertInfo": "y"}),
        json!({"caInfo": {"urlInfo": "http://x"}}),
        json!({"caInfo": {"urlInfo": {"ocsp": "http://o", "crl": ["a", 1, null, {}], "ca": ""}}}),
        json!({"caInfo": {"urlInfo": {"ocsp": 5, "crl": {}, "ca": [[], "c"]}}}),
        // Arrays with things other than objects.
        json!({"caInfoList": [1]}),
        json!({"caInfoList": [null]}),
        json!({"caInfoList": [{}, "x"]}),
        json!({"caInfoList": [{"caInfo": {"caTag": "a"}}, {"caCertInfo": {"contry": "KR", "country": "US"}}]}),
        json!({"caInfoList": [{"caInfo": 5, "caTag": "lifted"}]}),
        json!({"caInfoList": "x"}),
        json!({"sslCertificateList": [{"certificateNo": 1}, "x"]}),
        json!({"sslCertificateList": [null]}),
        json!({"sslCertificateList": {}}),
        json!({"sslCertificateList": [{"certificateNo": 12345678901234567890u64, "dnsName": "a.com, b.com\n c.com,,", "subjectDN": "CN=x", "subjectDn": "y", "statusCode": -5}]}),
        json!({"sslCertificateList": [{"dnsName": ["a", 1, null, {}]}, {"dnsName": 7}, {"dnsName": ""}, {"dnsName": null}]}),
        json!({"dnsVerificationList": [1]}),
        json!({"dnsVerificationList": [{"validSn": 1, "requestSn": null, "txtName": {"a": 1}, "txtValue": "v", "ttl": 300, "extra": [1, "a"], "nothing": null, "flag": false}]}),
        json!({"dnsVerificationList": "x", "dnsVerificationCount": "2"}),
        // caChain as a string, an array, empty, and other things.
        json!({"caChain": pem, "certificate": pem, "serialNo": "01:02"}),
        json!({"caChain": [pem, pem], "certificate": pem}),
        json!({"caChain": ""}),
        json!({"caChain": []}),
        json!({"caChain": 5}),
        json!({"caChain": [1, "a", null, {}, ""]}),
        json!({"caChain": {}}),
        // Certificate Manager's chain and issuance bodies.
        json!({"subCaCertificate": two_pems, "rootCaCertificate": 5, "subjectCommonName": 12}),
        json!({"subCaCertificate": [two_pems, pem, 3]}),
        json!({"subCaCertificate": "not pem"}),
        json!({"certificateName": 1, "dnsName": "a.com,b.com", "requestSn": 42, "validationMethod": "D", "totalRows": "0"}),
        // Activate Sub CA's data-level caInfo fields, lifted into caInfo where it lacks them.
        json!({"caTag": "top", "rgstDate": 1, "status": "ACTIVE", "destroyDate": null}),
        json!({"caTag": "top", "caInfo": {"caTag": "inner", "status": null}, "status": "PENDING"}),
        json!({"caTag": "top", "caInfo": null}),
        json!({"caTag": "top", "caInfo": "x"}),
        // Update CA's flat answer.
        json!({"caTag": "flat", "status": "ACTIVE", "alias": "a", "caCertInfo": {"country": "KR"}}),
        // Issue End Cert's private key.
        json!({"privateKey": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "caChain": pem, "issuer": 1, "ocspResponder": null}),
        json!({"privateKey": 5}),
        json!({"privateKey": {}}),
    ]
}

/// The `data` values that are not objects.
fn odd_data() -> Vec<Value> {
    vec![
        json!(null),
        json!("-----BEGIN X509 CRL-----\nAA\n-----END X509 CRL-----\n"),
        json!(["a", 1, null, {"b": 2}, ["c"]]),
        json!([]),
        json!(5),
        json!(true),
    ]
}

fn kinds_of(service: certkit_core::site::Service) -> Vec<OperationKind> {
    OperationKind::ALL
        .into_iter()
        .filter(|k| k.service() == service)
        .collect()
}

fn read_responses(out: &mut String) {
    use certkit_core::site::Service;
    let mut bodies: Vec<(String, u16, Vec<u8>)> = Vec::new();
    for path in sorted_files(&fixtures(), "json") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("response-") {
            bodies.push((name, 200, std::fs::read(&path).unwrap()));
        }
    }
    for path in sorted_files(&fixtures().join("contract"), "json") {
        let contract = read_json(&path);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let status = contract["httpStatus"].as_u64().unwrap() as u16;
        for part in ["example", "skeleton"] {
            if !contract[part].is_null() {
                let body = contract[part].to_string().into_bytes();
                bodies.push((format!("contract/{name} {part}"), status, body.clone()));
                if status != 200 {
                    bodies.push((format!("contract/{name} {part} as 200"), 200, body));
                }
            }
        }
    }
    for path in sorted_files(&fixtures().join("zip"), "zip") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        bodies.push((format!("zip/{name}"), 200, std::fs::read(&path).unwrap()));
    }
    for (name, status, body) in &bodies {
        writeln!(out, "response {name} ({status})").unwrap();
        for kind in OperationKind::ALL {
            let read = parse_response_bytes(kind, *status, body);
            writeln!(out, "  {kind}: {read:?}").unwrap();
        }
    }
    for (i, fields) in odd_fields().into_iter().enumerate() {
        let private_ca = json!({"code": "SUCCESS", "msg": "ok", "data": fields}).to_string();
        writeln!(out, "response odd {i} {private_ca}").unwrap();
        for kind in kinds_of(Service::PrivateCa) {
            let read = parse_response_bytes(kind, 200, private_ca.as_bytes());
            writeln!(out, "  {kind}: {read:?}").unwrap();
        }
        let mut envelope: Map<String, Value> = fields.as_object().unwrap().clone();
        envelope.insert("returnCode".into(), json!("0"));
        envelope.insert("returnMessage".into(), json!("Success"));
        let certificate_manager = Value::Object(envelope).to_string();
        writeln!(out, "response odd {i} {certificate_manager}").unwrap();
        for kind in kinds_of(Service::CertificateManager) {
            let read = parse_response_bytes(kind, 200, certificate_manager.as_bytes());
            writeln!(out, "  {kind}: {read:?}").unwrap();
        }
    }
    for data in odd_data() {
        let private_ca = json!({"code": "SUCCESS", "msg": "ok", "data": data}).to_string();
        writeln!(out, "response data {private_ca}").unwrap();
        for kind in kinds_of(Service::PrivateCa) {
            let read = parse_response_bytes(kind, 200, private_ca.as_bytes());
            writeln!(out, "  {kind}: {read:?}").unwrap();
        }
    }
    // Envelopes that are not objects, or hold the return code as a number.
    for body in [
        "[]",
        "5",
        "\"x\"",
        r#"{"code":"SUCCESS","msg":"ok"}"#,
        r#"{"returnCode":0,"returnMessage":"ok","totalRows":1}"#,
    ] {
        writeln!(out, "response envelope {body}").unwrap();
        for kind in OperationKind::ALL {
            let read = parse_response_bytes(kind, 200, body.as_bytes());
            writeln!(out, "  {kind}: {read:?}").unwrap();
        }
    }
}

/// Every input field name of every operation, and of `x509Parameters`.
const INPUT_FIELDS: [&str; 26] = [
    "caTag",
    "serialNo",
    "certificateNo",
    "pageNo",
    "page",
    "pageSize",
    "certificateName",
    "caType",
    "issuerTag",
    "alias",
    "memo",
    "keyType",
    "period",
    "x509Parameters",
    "csrPem",
    "csr",
    "status",
    "certPem",
    "caChainPem",
    "commonName",
    "dnsName",
    "validationMethod",
    "domainAddress",
    "type",
    "orderId",
    "revokeType",
];

const X509_FIELDS: [&str; 9] = [
    "commonName",
    "altName",
    "organization",
    "organizationUnit",
    "locality",
    "stateProvince",
    "streetAddress",
    "country",
    "ip",
];

fn inputs() -> Vec<String> {
    let mut inputs: Vec<String> = [
        "{}",
        "[]",
        "null",
        "\"x\"",
        "5",
        "not json",
        "{\"a\":1",
        r#"{"unknown":{"a":[1]}}"#,
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for path in sorted_files(&fixtures(), "json") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("request-") {
            inputs.push(read_json(&path).to_string());
        }
    }
    // One value for every field at once.
    let every = |value: Value| {
        let fields: Map<String, Value> = INPUT_FIELDS
            .iter()
            .map(|name| (name.to_string(), value.clone()))
            .collect();
        Value::Object(fields)
    };
    for value in [
        json!(null),
        json!(""),
        json!(12345678901234567890u64),
        json!(-1.5),
        json!(true),
        json!("  padded  "),
    ] {
        inputs.push(every(value).to_string());
    }
    // Every field, one at a time, of an impossible shape (and an array of scalars).
    for name in INPUT_FIELDS {
        for value in [json!({}), json!([]), json!(["a", 1]), json!([{}])] {
            inputs.push(json!({ name: value }).to_string());
        }
    }
    let mut x509 = Map::new();
    for name in X509_FIELDS {
        x509.insert(name.to_string(), json!(7));
        for value in [json!({}), json!([]), json!(null), json!(""), json!(1.5)] {
            inputs.push(json!({"x509Parameters": { name: value }}).to_string());
        }
    }
    inputs.push(json!({"caTag": "t", "x509Parameters": x509}).to_string());
    for value in [
        json!("cn"),
        json!(null),
        json!(5),
        json!([]),
        json!(["a"]),
        json!(["a", "b", null]),
        json!([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        json!([{}]),
        json!({"commonName": {}, "altName": []}),
    ] {
        inputs.push(json!({"x509Parameters": value}).to_string());
    }
    for value in [
        json!("a.com, b.com\n c.com,,"),
        json!(["a", 1, 2.5]),
        json!(["a", null]),
        json!(["a", true]),
        json!(["a", {}]),
        json!(5),
        json!(true),
        json!(null),
        json!(""),
    ] {
        inputs.push(json!({"dnsName": value}).to_string());
    }
    for (name, values) in [
        (
            "keyType",
            vec![
                json!("RSA2048"),
                json!("rsa2048"),
                json!(""),
                json!(5),
                json!(null),
            ],
        ),
        (
            "period",
            vec![
                json!(365),
                json!("365"),
                json!("MAX"),
                json!("007"),
                json!(1.5),
                json!(-1),
                json!(true),
                json!(""),
                json!(null),
            ],
        ),
        (
            "validationMethod",
            vec![
                json!("D"),
                json!("E"),
                json!("X"),
                json!(5),
                json!(null),
                json!(""),
            ],
        ),
        (
            "type",
            vec![json!("PEM"), json!("DER"), json!(5), json!(null)],
        ),
        ("certificateNo", vec![json!(12), json!("0012"), json!(1e21)]),
    ] {
        for value in values {
            inputs.push(json!({ name: value }).to_string());
        }
    }
    inputs
}

fn read_inputs(out: &mut String) {
    for input in inputs() {
        writeln!(out, "input {input}").unwrap();
        for kind in OperationKind::ALL {
            let read = Operation::from_json(kind, &input);
            writeln!(out, "  {kind}: {read:?}").unwrap();
        }
    }
}

#[test]
fn json_readings_match_the_snapshot() {
    let mut out = String::new();
    read_responses(&mut out);
    read_inputs(&mut out);
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/json_readers.snap");
    if std::env::var_os("UPDATE_SNAPSHOT").is_some() {
        std::fs::write(&snapshot, &out).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
    if expected != out {
        std::fs::write(snapshot.with_extension("snap.new"), &out).unwrap();
        let (line, (want, got)) = expected
            .lines()
            .zip(out.lines())
            .enumerate()
            .find(|(_, (want, got))| want != got)
            .unwrap_or((0, ("(length differs)", "(length differs)")));
        panic!(
            "the readings differ from json_readers.snap (all of them written to json_readers.snap.new); first at line {}:\nwant {want}\ngot  {got}",
            line + 1
        );
    }
}
