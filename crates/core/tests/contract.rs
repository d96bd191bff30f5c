//! Every operation's documented response (the `example` of its fixture under
//! `fixtures/contract/`, written from ncp-operations.md, which names the doc page) parses into
//! the right typed body, and every fixture's method and path route to its operation through
//! the one table of path templates. The sandbox is held to the same fixtures in
//! `crates/sandbox/tests/contract.rs`.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_core::operation::OperationKind;
use certkit_core::response::{parse_response, parse_response_bytes, FailureKind, ResponseData};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/contract/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn parse(kind: OperationKind) -> ResponseData {
    let f = fixture(kind.as_str());
    let status = f["httpStatus"].as_u64().unwrap_or(200) as u16;
    parse_response(kind, status, &f["example"].to_string())
        .unwrap_or_else(|e| panic!("{kind}: {e}"))
}

#[test]
fn every_operation_has_a_fixture_that_routes_to_it() {
    for kind in OperationKind::ALL {
        let f = fixture(kind.as_str());
        assert!(
            f["doc"].as_str().unwrap().contains("ncp-"),
            "{kind} names no doc"
        );
        let method = f["method"].as_str().unwrap();
        let path = f["path"].as_str().unwrap();
        let without_query = path.split('?').next().unwrap();
        assert_eq!(
            OperationKind::route(method, without_query).map(|r| r.0),
            Some(kind),
            "{method} {path}"
        );
    }
}

#[test]
fn private_ca_examples_parse() {
    let ResponseData::CaList(list) = parse(OperationKind::GetCaList) else {
        panic!()
    };
    assert!(!list.ca_info_list.is_empty());
    let first = &list.ca_info_list[0];
    assert!(!first.ca_info.ca_tag.is_empty());
    assert!(!first.ca_info.status.is_empty());
    assert_eq!(list.total_cnt, Some(list.ca_info_list.len() as i64));
    for kind in [
        OperationKind::GetCa,
        OperationKind::CreateCa,
        OperationKind::UpdateCa,
    ] {
        let ResponseData::Ca(ca) = parse(kind) else {
            panic!("{kind}")
        };
        assert!(!ca.ca_info.ca_tag.is_empty(), "{kind}");
    }
    let ResponseData::SubCsr(csr) = parse(OperationKind::GetSubCsr) else {
        panic!()
    };
    assert!(csr
        .csr_pem
        .starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"));
    for kind in [OperationKind::SignSubCsr, OperationKind::SignEndCsr] {
        let ResponseData::SignedCertificate(signed) = parse(kind) else {
            panic!("{kind}")
        };
        assert!(signed.certificate.contains("BEGIN CERTIFICATE"), "{kind}");
        assert!(
            !signed.ca_chain.is_empty(),
            "{kind}: caChain is an array here"
        );
        assert!(signed.serial_no.contains(':'), "{kind}");
    }
    let ResponseData::EndCertList(list) = parse(OperationKind::GetEndCertList) else {
        panic!()
    };
    assert!(list.list_certs.iter().all(|s| s.contains(':')));
    // The documented example is page 1 of 1.
    assert!(!list.has_next_page());
    let later = certkit_core::private_ca::EndCertList {
        current_page_no: Some(1),
        total_page_no: Some(2),
        ..*list.clone()
    };
    assert!(later.has_next_page());
    let ResponseData::EndCert(cert) = parse(OperationKind::GetEndCert) else {
        panic!()
    };
    assert!(cert.not_after_date.is_some() && cert.cert_pem.contains("BEGIN CERTIFICATE"));
    assert_eq!(cert.ca_chain.len(), 1, "caChain is one string here");
    for kind in [OperationKind::RevokeEndCert, OperationKind::DeleteCa] {
        assert_eq!(parse(kind), ResponseData::Done, "{kind}");
    }
    let ResponseData::Pem(chain) = parse(OperationKind::GetCaChain) else {
        panic!()
    };
    assert!(chain.starts_with("-----BEGIN CERTIFICATE-----"));
    let ResponseData::Pem(crl) = parse(OperationKind::GetCaCrl) else {
        panic!()
    };
    assert!(crl.starts_with("-----BEGIN X509 CRL-----"));
    assert!(matches!(
        parse(OperationKind::IssueEndCert),
        ResponseData::IssueEndCert(_)
    ));
    assert!(matches!(
        parse(OperationKind::ActivateSubCa),
        ResponseData::ActivateSubCa(_)
    ));
}

#[test]
fn certificate_manager_examples_parse() {
    for kind in [
        OperationKind::ListCloudCertificates,
        OperationKind::ListCertificates,
    ] {
        let ResponseData::CertificateList(list) = parse(kind) else {
            panic!("{kind}")
        };
        let first = &list.ssl_certificate_list[0];
        assert!(first.certificate_no.bytes().all(|b| b.is_ascii_digit()));
        assert!(certkit_core::certificate_manager::status_label(&first.status_code).is_some());
    }
    let ResponseData::DcvStatuses(dcv) = parse(OperationKind::ListDcvStatuses) else {
        panic!()
    };
    let record = &dcv.dns_verification_list[0];
    assert!(record.valid_status_code.starts_with("VALID_STATUS_"));
    assert!(!record.txt_name.is_empty());
    let ResponseData::CertificateChain(chain) = parse(OperationKind::GetCertificateChain) else {
        panic!()
    };
    assert!(chain.certificate.contains("\r\n"));
    assert!(!chain.sub_ca_certificate.is_empty());
    for kind in [
        OperationKind::DeleteCertificate,
        OperationKind::ReissueCertificate,
        OperationKind::RevokeCertificate,
    ] {
        let ResponseData::CmResult(result) = parse(kind) else {
            panic!("{kind}")
        };
        assert_eq!(result.return_code, "0", "{kind}");
    }
    assert!(matches!(
        parse(OperationKind::RequestCertificateIssuance),
        ResponseData::RequestCertificateIssuance(_)
    ));
}

#[test]
fn the_download_is_zip_bytes_and_its_failure_json() {
    let zip = b"PK\x03\x04rest-of-archive";
    let Ok(ResponseData::CertificateArchive(archive)) =
        parse_response_bytes(OperationKind::DownloadCertificate, 200, zip)
    else {
        panic!()
    };
    assert_eq!(archive.zip, zip);
    let error = fixture("certificate-manager-error");
    let failure = parse_response(
        OperationKind::DownloadCertificate,
        200,
        &error["example"].to_string(),
    )
    .unwrap_err();
    assert_eq!(failure.code.as_deref(), Some("2200"));
}

#[test]
fn error_fixtures_are_failures_for_every_operation_of_their_service() {
    let gateway = fixture("gateway-error");
    let private_ca = fixture("private-ca-error");
    let cm = fixture("certificate-manager-error");
    for kind in OperationKind::ALL {
        let status = |f: &Value| f["httpStatus"].as_u64().unwrap() as u16;
        let failure =
            parse_response(kind, status(&gateway), &gateway["example"].to_string()).unwrap_err();
        assert_eq!(failure.kind, FailureKind::AuthFailed, "{kind}");
        let own = match kind.service() {
            certkit_core::Service::PrivateCa => &private_ca,
            certkit_core::Service::CertificateManager => &cm,
        };
        let failure = parse_response(kind, status(own), &own["example"].to_string()).unwrap_err();
        assert!(failure.code.is_some(), "{kind}");
    }
}

#[test]
fn client_readings_of_the_conflicts() {
    // P2/P11 tables put caTag and status under data; examples inside caInfo: both read.
    let flat = r#"{"code":"SUCCESS","msg":"Success","data":{"caInfo":{"alias":"a"},"caTag":"t1","status":"ACTIVE"}}"#;
    let ResponseData::Ca(ca) = parse_response(OperationKind::GetCa, 200, flat).unwrap() else {
        panic!()
    };
    assert_eq!(
        (ca.ca_info.ca_tag.as_str(), ca.ca_info.status.as_str()),
        ("t1", "ACTIVE")
    );
    assert_eq!(ca.ca_cert_info, None);
    // P11 old revision: data itself is the caInfo.
    let old = r#"{"code":"SUCCESS","msg":"Success","data":{"caTag":"t1","status":"DESTROYING","destroyDate":1723360203000}}"#;
    let ResponseData::Ca(ca) = parse_response(OperationKind::UpdateCa, 200, old).unwrap() else {
        panic!()
    };
    assert_eq!(ca.ca_info.destroy_date, Some(1_723_360_203_000));
    // P5/P7/P13 tables without `data.`: fields at the top level are read.
    let top =
        r#"{"code":"SUCCESS","msg":"Success","certificate":"C","caChain":"X","serialNo":"0a"}"#;
    let ResponseData::SignedCertificate(s) =
        parse_response(OperationKind::SignEndCsr, 200, top).unwrap()
    else {
        panic!()
    };
    assert_eq!(
        (s.certificate.as_str(), s.ca_chain.clone()),
        ("C", vec!["X".to_string()])
    );
    // C0: returnCode as a number, and a failure on HTTP 200.
    assert!(parse_response(
        OperationKind::ListCertificates,
        200,
        r#"{"returnCode":0,"returnMessage":"Success","totalCount":0,"sslCertificateList":[]}"#
    )
    .is_ok());
    let failure = parse_response(
        OperationKind::DeleteCertificate,
        200,
        r#"{"returnCode":1004,"returnMessage":"Failed to delete the certificate."}"#,
    )
    .unwrap_err();
    assert_eq!(failure.code.as_deref(), Some("1004"));
    // C2 is cut after txtName: extra fields are kept to show.
    let ResponseData::DcvStatuses(dcv) = parse_response(
        OperationKind::ListDcvStatuses,
        200,
        r#"{"returnCode":"0","dnsVerificationList":[{"validSn":"1","txtName":"_x.example.com","txtValue":"abc","ttl":300}]}"#,
    )
    .unwrap() else {
        panic!()
    };
    let other = &dcv.dns_verification_list[0].other;
    assert_eq!(other.get("txtValue").map(String::as_str), Some("abc"));
    assert_eq!(other.get("ttl").map(String::as_str), Some("300"));
    // C6: several intermediates in the one field, \r\n kept.
    let two = "-----BEGIN CERTIFICATE-----\r\nAA==\r\n-----END CERTIFICATE-----\r\n-----BEGIN CERTIFICATE-----\r\nBB==\r\n-----END CERTIFICATE-----\r\n";
    let body = serde_json::json!({"returnCode":"0","subjectCommonName":7,"subCaCertificate":two});
    let ResponseData::CertificateChain(chain) =
        parse_response(OperationKind::GetCertificateChain, 200, &body.to_string()).unwrap()
    else {
        panic!()
    };
    assert_eq!(chain.sub_ca_certificate.len(), 2);
    assert_eq!(chain.subject_common_name, "7");
}

#[test]
fn a_code_names_its_field_only_when_the_message_agrees() {
    let body = |code: &str, msg: &str| {
        serde_json::json!({"code": code, "msg": msg, "data": null}).to_string()
    };
    let hint = |code: &str, msg: &str| {
        parse_response(OperationKind::CreateCa, 400, &body(code, msg))
            .unwrap_err()
            .hint
    };
    assert!(hint("EMPTY_COMMON_NAME", "common name is missing.").contains("commonName"));
    assert!(hint("EMPTY_COMMON_NAME", "").contains("commonName"));
    // P0's row for the alias carries no documented code; whatever code comes with it, the
    // hint must not send the user to the common name.
    assert!(!hint("EMPTY_COMMON_NAME", "alias is missing.").contains("commonName"));
    assert!(!hint("INVALID_X509_IP", "x509Parameters.country: not a code").contains(".ip"));
}
