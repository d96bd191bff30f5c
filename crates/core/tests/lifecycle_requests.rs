//! Lifecycle requests end to end in core: each operation's input read from JSON as npm and the
//! CLI pass it, built into the path, query, body and signature that go on the wire.
//!
//! The expected paths and signatures are the OpenSSL vectors of `vectors/generate.sh`, where
//! the wire form of each path (colons raw, query values percent-encoded once) is written by
//! hand: independent of this crate's encoder.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_core::operation::{Operation, OperationKind};
use certkit_core::request::query_pairs;
use certkit_core::signing::Credentials;
use certkit_core::{Request, Target};

mod common;
use common::{vector, Vector};

fn build(kind: OperationKind, input: &str, v: &Vector) -> Request {
    let op = Operation::from_json(kind, input).unwrap();
    let credentials = Credentials::new(v.access_key.clone(), v.secret_key.clone());
    Request::build(
        &op,
        &Target::BaseUrl("http://sandbox".into()),
        &credentials,
        v.timestamp,
    )
    .unwrap_or_else(|e| panic!("{}: {e}", v.name))
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[test]
fn paths_queries_and_signatures_match_the_openssl_vectors() {
    let cases = [
        (
            "get-end-cert",
            OperationKind::GetEndCert,
            r#"{"caTag":"4b0bbe37-eeea93b8","serialNo":"5d:8a:01:ff"}"#,
        ),
        ("get-ca-list", OperationKind::GetCaList, "{}"),
        (
            "update-ca",
            OperationKind::UpdateCa,
            r#"{"caTag":"4b0bbe37-eeea93b8","status":"DEACTIVATED"}"#,
        ),
        (
            "delete-certificate",
            OperationKind::DeleteCertificate,
            r#"{"certificateNo":1234567,"certificateName":"my cert&co"}"#,
        ),
        (
            "list-dcv-statuses",
            OperationKind::ListDcvStatuses,
            r#"{"certificateNo":"1234567","domainAddress":"*.example.com"}"#,
        ),
        // '/', '+', "'" and a space in a query value: %2F, %2B, %27, %20 (never '+').
        (
            "delete-certificate-reserved",
            OperationKind::DeleteCertificate,
            r#"{"certificateNo":"1234567","certificateName":"a/b+c'd e"}"#,
        ),
        (
            "list-cloud-certificates-reserved",
            OperationKind::ListCloudCertificates,
            r#"{"page":1,"pageSize":"20","certificateName":"a/b+c'd e"}"#,
        ),
        // "'", '+' and ':' are legal in a path segment: sent raw.
        (
            "get-ca-reserved-tag",
            OperationKind::GetCa,
            r#"{"caTag":"o'brien+ca:1"}"#,
        ),
        (
            "revoke-end-cert-colon-serial",
            OperationKind::RevokeEndCert,
            r#"{"caTag":"4b0bbe37-eeea93b8","serialNo":"00:ab:cd:ef:01"}"#,
        ),
    ];
    for (name, kind, input) in cases {
        let v = vector(name);
        let request = build(kind, input, &v);
        assert_eq!(request.method, v.method, "{name}");
        assert_eq!(request.path_and_query, v.path, "{name}");
        assert_eq!(request.url, format!("http://sandbox{}", v.path), "{name}");
        assert_eq!(
            header(&request, "x-ncp-apigw-signature-v2"),
            Some(v.signature.as_str()),
            "{name}"
        );
    }
}

#[test]
fn bodies_only_where_the_docs_send_one() {
    let v = vector("update-ca");
    let update = build(
        OperationKind::UpdateCa,
        r#"{"caTag":"t1","status":"DESTROYING"}"#,
        &v,
    );
    assert_eq!(update.body.as_deref(), Some(r#"{"status":"DESTROYING"}"#));
    let revoke = build(
        OperationKind::RevokeEndCert,
        r#"{"caTag":"t1","serialNo":"0a:0b"}"#,
        &v,
    );
    assert_eq!(revoke.method, "POST");
    assert_eq!(revoke.path_and_query, "/api/v1/ca/t1/cert/0a:0b/revoke");
    assert_eq!(revoke.body, None, "Revoke End Cert has no body (P8)");
    assert_eq!(header(&revoke, "Content-Type"), Some("application/json"));
    let get = build(OperationKind::GetCa, r#"{"caTag":"t1"}"#, &v);
    assert_eq!(get.body, None);
    let download = build(
        OperationKind::DownloadCertificate,
        r#"{"certificateNo":"77"}"#,
        &v,
    );
    assert_eq!(download.body.as_deref(), Some("{}"), "at least {{}} (C5)");
    assert_eq!(
        header(&download, "accept"),
        Some("application/zip, application/json")
    );
    let revoke_cm = build(
        OperationKind::RevokeCertificate,
        r#"{"orderId":"1","certificateNo":"1","revokeType":"superseded"}"#,
        &v,
    );
    // The documented example body, byte for byte (C7): certificateNo is a JSON number.
    assert_eq!(
        revoke_cm.body.as_deref(),
        Some(r#"{"orderId":"1","certificateNo":1,"revokeType":"superseded"}"#)
    );
    let create = build(
        OperationKind::CreateCa,
        r#"{"caType":"PRIVATE_SUB","issuerTag":"root-1","alias":"CA002","keyType":"RSA2048","period":"MAX","x509Parameters":{"commonName":"sub"}}"#,
        &v,
    );
    assert_eq!(
        create.path_and_query,
        "/api/v1/ca?caType=PRIVATE_SUB&issuerTag=root-1"
    );
    assert_eq!(
        create.body.as_deref(),
        Some(
            r#"{"alias":"CA002","keyType":"RSA2048","period":"MAX","x509Parameters":{"commonName":"sub"}}"#
        )
    );
}

#[test]
fn pem_fields_are_normalised_before_signing_and_each_repair_reported() {
    let v = vector("update-ca");
    let csr =
        "-----BEGIN CERTIFICATE REQUEST-----MIIBszCCAVmgAwIBAgIU-----END CERTIFICATE REQUEST-----";
    let request = build(
        OperationKind::SignEndCsr,
        &serde_json::json!({ "caTag": "t1", "csrPem": csr }).to_string(),
        &v,
    );
    let body: serde_json::Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body["csrPem"],
        "-----BEGIN CERTIFICATE REQUEST-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE REQUEST-----\n"
    );
    assert_eq!(request.repairs.len(), 1);
    assert_eq!(request.repairs[0].field, "csrPem");
    let escaped = csr
        .replace("-----MII", "-----\\nMII")
        .replace("IU-----", "IU\\n-----");
    let request = build(
        OperationKind::SignEndCsr,
        &serde_json::json!({ "caTag": "t1", "csrPem": escaped }).to_string(),
        &v,
    );
    assert_eq!(
        request.repairs[0].code,
        certkit_core::PemRepairCode::UnescapedNewlines
    );
}

#[test]
fn warnings_do_not_block_and_travel_with_the_request() {
    let v = vector("update-ca");
    let request = build(
        OperationKind::IssueEndCert,
        r#"{"caTag":"t1","period":"030","x509Parameters":{"commonName":"a","country":"XK","altName":"my_host.local"}}"#,
        &v,
    );
    let codes: Vec<&str> = request.warnings.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(
        codes,
        ["invalid_period", "invalid_alt_name", "invalid_country"]
    );
    assert!(request.body.unwrap().contains(r#""period":"030""#));
}

#[test]
fn routes_read_back_what_requests_write() {
    for kind in OperationKind::ALL {
        let template = kind.path_template();
        let path = template
            .replace("{caTag}", "4b0bbe37-eeea93b8")
            .replace("{serialNo}", "5d%3A8a")
            .replace("{certificateNo}", "42");
        let (found, params) = OperationKind::route(kind.method(), &path)
            .unwrap_or_else(|| panic!("{kind} {path} not routed"));
        assert_eq!(found, kind, "{path}");
        for (name, value) in params {
            match name {
                "caTag" => assert_eq!(value, "4b0bbe37-eeea93b8"),
                "serialNo" => assert_eq!(value, "5d:8a", "%3A read as a colon (P7)"),
                "certificateNo" => assert_eq!(value, "42"),
                other => panic!("{other}"),
            }
        }
    }
    // Literal segments win: `cert/sign` is Sign End Csr, never a serial number.
    assert_eq!(
        OperationKind::route("POST", "/api/v1/ca/t/cert/sign").map(|r| r.0),
        Some(OperationKind::SignEndCsr)
    );
    assert_eq!(
        OperationKind::route("POST", "/api/v2/certificate/revoke").map(|r| r.0),
        Some(OperationKind::RevokeCertificate)
    );
    assert_eq!(
        OperationKind::route("GET", "/ca/t"),
        None,
        "no /api/v1 prefix"
    );
    assert_eq!(OperationKind::route("PATCH", "/api/v1/ca/t"), None);
}

#[test]
fn query_values_are_encoded_once_and_decode_back() {
    for value in ["my cert&co", "*.example.com", "a+b=c", "한글", "100%"] {
        let input = serde_json::json!({ "certificateName": value, "page": "1" });
        let op =
            Operation::from_json(OperationKind::ListCloudCertificates, &input.to_string()).unwrap();
        let path = op.path_and_query();
        let (_, query) = path.split_once('?').unwrap();
        assert!(query
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~%&=".contains(&b)));
        assert_eq!(
            query_pairs(&path),
            [
                ("page".to_string(), "1".to_string()),
                ("certificateName".into(), value.into())
            ]
        );
    }
}

#[test]
fn fallbacks_are_the_documented_older_forms() {
    let list = Operation::from_json(
        OperationKind::ListCloudCertificates,
        r#"{"certificateName":"web"}"#,
    )
    .unwrap();
    let older = list.fallback().unwrap();
    assert_eq!(older.kind(), OperationKind::ListCertificates);
    assert_eq!(older.path_and_query(), "/api/v2/certificate/certificates");
    let download =
        Operation::from_json(OperationKind::DownloadCertificate, r#"{"certificateNo":7}"#).unwrap();
    let get = download.fallback().unwrap();
    assert_eq!((get.method(), get.body_json()), ("GET", None));
    assert!(get.fallback().is_none(), "one retry only");
    assert!(certkit_core::wants_fallback(404, ""));
    assert!(certkit_core::wants_fallback(
        404,
        r#"{"error":{"errorCode":300,"message":"Not Found Exception"}}"#
    ));
    assert!(!certkit_core::wants_fallback(
        401,
        r#"{"error":{"errorCode":"200"}}"#
    ));
}

#[test]
fn destructive_calls_are_revocations_deletions_and_scheduled_deletion() {
    let op = |kind, json: &str| Operation::from_json(kind, json).unwrap();
    let destructive: Vec<OperationKind> = OperationKind::ALL
        .into_iter()
        .filter(|k| k.is_destructive())
        .collect();
    assert_eq!(
        destructive,
        [
            OperationKind::RevokeEndCert,
            OperationKind::DeleteCa,
            OperationKind::DeleteCertificate,
            OperationKind::RevokeCertificate
        ]
    );
    assert!(op(OperationKind::UpdateCa, r#"{"status":"DESTROYING"}"#).is_destructive());
    assert!(!op(OperationKind::UpdateCa, r#"{"status":"ACTIVE"}"#).is_destructive());
    assert!(op(OperationKind::DeleteCa, "{}").is_destructive());
}

#[test]
fn the_fallback_list_is_filtered_and_paged_as_the_query_would_have() {
    use certkit_core::certificate_manager::{CertificateList, CloudCertificate};
    let cert = |no: &str, name: &str| CloudCertificate {
        certificate_no: no.into(),
        certificate_name: name.into(),
        ..Default::default()
    };
    let all = CertificateList {
        ssl_certificate_list: vec![
            cert("1", "web"),
            cert("2", "api"),
            cert("3", "web"),
            cert("4", "web"),
        ],
        total_count: Some(4),
        ..Default::default()
    };
    let query = |json: &str| match Operation::from_json(OperationKind::ListCloudCertificates, json)
        .unwrap()
    {
        Operation::ListCloudCertificates(q) => q,
        _ => unreachable!(),
    };
    let numbers = |json: &str| {
        let mut list = all.clone();
        query(json).apply_to(&mut list);
        let nos: Vec<String> = list
            .ssl_certificate_list
            .into_iter()
            .map(|c| c.certificate_no)
            .collect();
        (nos, list.total_count)
    };
    assert_eq!(
        numbers(r#"{"certificateName":"web"}"#),
        (vec!["1".into(), "3".into(), "4".into()], Some(3))
    );
    assert_eq!(
        numbers(r#"{"certificateName":"web","page":2,"pageSize":2}"#),
        (vec!["4".into()], Some(3))
    );
    assert_eq!(numbers(r#"{"page":3,"pageSize":2}"#), (vec![], Some(4)));
    assert_eq!(numbers("{}").0.len(), 4);
}
