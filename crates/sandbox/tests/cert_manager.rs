//! Certificate Manager v2 over real HTTP: Request Certificate Issuance and its errors, the
//! DNS validation record read back with getVerificationInfo, Revoke Certificate for a whole
//! order (`certificateNo` 0), and Download Certificate by GET behind `download_via_get`.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use certkit_core::operation::{
    Operation, OperationKind, RequestCertificateIssuance, ValidationMethod,
};
use certkit_core::response::{parse_response, ResponseData};
use certkit_sandbox::SandboxConfig;
use common::*;
use serde_json::{json, Value};

const PATH: &str = "/api/v2/certificate/requestCertificateIssuance";

async fn request(server: &Server, common_name: &str, dns: &[&str]) -> Answer {
    let op = Operation::from(RequestCertificateIssuance {
        certificate_name: "ncloudcertificate".into(),
        common_name: common_name.into(),
        dns_name: dns.iter().map(|d| d.to_string()).collect(),
        validation_method: ValidationMethod::Dns,
    });
    send_operation(server, &op, &main_credentials()).await
}

/// Request Certificate Issuance with a raw body (one core would refuse to build), main key.
async fn request_issuance(server: &Server, body: &str) -> Answer {
    send_signed(server, "POST", PATH, Some(body), &main_credentials()).await
}

#[tokio::test]
async fn request_issuance_succeeds_like_the_spec_example() {
    let server = shared();
    let answer = request(server, "*.ncloud.com", &["ncloud.com", "ncloud-docs.com"]).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    assert_eq!(body["returnCode"], "0");
    assert_eq!(body["returnMessage"], "Success");
    assert_eq!(body["totalRows"], 0);
    assert_eq!(body["certificateName"], "ncloudcertificate");
    assert_eq!(body["commonName"], "*.ncloud.com");
    assert_eq!(body["dnsName"], "ncloud.com,ncloud-docs.com");
    assert_eq!(body["validationMethod"], "D");
    let sn = body["requestSn"].as_str().unwrap();
    assert_eq!(sn.len(), 32);
    assert!(
        sn.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
        "{sn}"
    );
    assert!(matches!(
        parse_response(
            OperationKind::RequestCertificateIssuance,
            answer.status,
            &answer.text
        ),
        Ok(ResponseData::RequestCertificateIssuance(_))
    ));
    // A second request gets another requestSn.
    let again = request(server, "*.ncloud.com", &[]).await.json();
    assert_ne!(again["requestSn"], body["requestSn"]);
    assert_eq!(again["dnsName"], "");
}

#[tokio::test]
async fn bad_san_syntax_answers_200_with_2201() {
    let server = shared();
    for body in [
        json!({"certificateName": "c", "commonName": "example.com", "dnsName": ["bad_domain!"], "validationMethod": "D"}),
        json!({"certificateName": "c", "commonName": "example.com", "dnsName": ["ok.example.com", "-x.example.com"], "validationMethod": "D"}),
        json!({"certificateName": "c", "commonName": "not a domain", "validationMethod": "D"}),
    ] {
        let answer = request_issuance(server, &body.to_string()).await;
        assert_eq!(answer.status, 200, "{body}");
        assert_eq!(
            answer.json(),
            json!({"returnCode": "2201", "returnMessage": "Invalid DNS SANs input format."})
        );
    }
}

#[tokio::test]
async fn missing_required_fields_answer_400_with_2100_and_bad_bodies_2000() {
    let server = shared();
    for body in [
        json!({"commonName": "example.com", "validationMethod": "D"}),
        json!({"certificateName": "c", "validationMethod": "D"}),
        json!({"certificateName": "c", "commonName": "example.com"}),
        json!({"certificateName": "", "commonName": "example.com", "validationMethod": "D"}),
    ] {
        let answer = request_issuance(server, &body.to_string()).await;
        assert_eq!(answer.status, 400, "{body}");
        assert_eq!(answer.json()["returnCode"], "2100", "{body}");
    }
    for body in ["not json", "[1,2]", ""] {
        let answer = request_issuance(server, body).await;
        assert_eq!(answer.status, 400, "{body:?}");
        assert_eq!(answer.json()["returnCode"], "2000", "{body:?}");
    }
}

async fn dcv(server: &Server, number: u64, domain: &str) -> Value {
    let path = format!("/api/v2/certificate/getVerificationInfo/{number}?domainAddress={domain}");
    let answer = send_signed(server, "GET", &path, None, &main_credentials()).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json()
}

#[tokio::test]
async fn dcv_records_go_from_reg_to_success_and_then_the_certificate_is_issued() {
    let server = shared();
    let sn = request(server, "*.dcv.example.org", &["dcv.example.org"])
        .await
        .json()["requestSn"]
        .as_str()
        .unwrap()
        .to_string();
    // Find its number in the list (C1b, no filter), by its CN.
    let list = send_signed(
        server,
        "GET",
        "/api/v2/certificate/certificates",
        None,
        &main_credentials(),
    )
    .await
    .json();
    let number = list["sslCertificateList"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["commonName"] == "*.dcv.example.org")
        .and_then(|c| c["certificateNo"].as_u64())
        .expect("listed");
    for domain in ["*.dcv.example.org", "dcv.example.org"] {
        let body = dcv(server, number, domain).await;
        assert_eq!(body["totalRows"], 1, "{body}");
        assert_eq!(body["dnsVerificationCount"], 1);
        let record = &body["dnsVerificationList"][0];
        assert_eq!(record["requestSn"], sn.as_str());
        assert_eq!(record["validStatusCode"], "VALID_STATUS_REG");
        assert_eq!(
            record.as_object().unwrap().len(),
            4,
            "only the documented fields"
        );
    }
    // A domain not on the certificate: an empty list.
    assert_eq!(
        dcv(server, number, "other.example.org").await["totalRows"],
        0
    );
    // Missing domainAddress: refused; an unknown number: 2200.
    let path = format!("/api/v2/certificate/getVerificationInfo/{number}");
    let missing = send_signed(server, "GET", &path, None, &main_credentials()).await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.json()["returnCode"], "2100");
    let unknown = dcv(server, 99_999_999, "dcv.example.org").await;
    assert_eq!(
        unknown,
        json!({"returnCode": "2200", "returnMessage": "No certificate was found."})
    );

    // "I created the record" for one domain: that one validates, the certificate waits.
    let demo = format!("{}/demo/dcv/{number}", server.base);
    let one = send(
        "POST",
        &demo,
        &[],
        Some(r#"{"domainAddress":"dcv.example.org"}"#.into()),
    )
    .await;
    assert_eq!(one.status, 200, "{}", one.text);
    assert_eq!(one.json()["statusCode"], "0");
    assert_eq!(
        dcv(server, number, "dcv.example.org").await["dnsVerificationList"][0]["validStatusCode"],
        "VALID_STATUS_SUCCESS"
    );
    let chain_path = format!("/api/v2/certificate/exportCertificate/{number}/chain");
    let not_yet = send_signed(server, "GET", &chain_path, None, &main_credentials()).await;
    assert_eq!(not_yet.json()["returnCode"], "2200");
    // The other one too: NORMAL, with a real certificate whose chain openssl verifies.
    let all = send("POST", &demo, &[], None).await;
    assert_eq!(all.json()["statusCode"], "1", "{}", all.text);
    let chain = send_signed(server, "GET", &chain_path, None, &main_credentials())
        .await
        .json();
    assert_eq!(chain["subjectCommonName"], "*.dcv.example.org");
    let certificate = chain["certificate"].as_str().unwrap();
    assert!(
        certificate.contains("\r\n"),
        "CRLF line breaks as in the C6 example"
    );
    let dir = scratch_dir();
    let leaf = write(&dir, "leaf.pem", certificate);
    let sub = write(&dir, "sub.pem", chain["subCaCertificate"].as_str().unwrap());
    let root = write(
        &dir,
        "root.pem",
        chain["rootCaCertificate"].as_str().unwrap(),
    );
    let verified = openssl(&["verify", "-CAfile", &root, "-untrusted", &sub, &leaf]);
    assert!(verified.contains("OK"), "{verified}");
    let text = openssl(&["x509", "-in", &leaf, "-noout", "-ext", "subjectAltName"]);
    assert!(
        text.contains("DNS:*.dcv.example.org") && text.contains("DNS:dcv.example.org"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Requests a certificate named `name` for `common_name`, validates its DNS record through the
/// demo route (the sandbox then issues it) and returns `(certificateNo, orderId)`.
async fn issued_certificate(server: &Server, name: &str, common_name: &str) -> (u64, String) {
    let answer = call(
        server,
        OperationKind::RequestCertificateIssuance,
        json!({"certificateName": name, "commonName": common_name, "validationMethod": "D"}),
    )
    .await;
    assert_eq!(answer.json()["returnCode"], "0", "{}", answer.text);
    let number = status_of(server, name).await.0;
    let demo = confirm_dcv(server, number).await;
    let demo = demo.json();
    assert_eq!(demo["statusCode"], "1", "issued: {demo}");
    (number, demo["orderId"].as_str().unwrap().to_string())
}

/// `(certificateNo, statusCode)` of the one certificate named `name` (C1, signed at the
/// sandbox's clock).
async fn status_of(server: &Server, name: &str) -> (u64, String) {
    let list = call_at_sandbox_time(
        server,
        OperationKind::ListCloudCertificates,
        json!({"certificateName": name}),
    )
    .await
    .json();
    assert_eq!(list["totalCount"], 1, "{list}");
    let cert = &list["sslCertificateList"][0];
    (
        cert["certificateNo"].as_u64().unwrap(),
        cert["statusCode"].as_str().unwrap().to_string(),
    )
}

/// The NORMAL certificates of `order_id`: the list (C1b) gives the numbers and statuses, the
/// demo route each one's order (no documented field carries it).
async fn normal_of_order(server: &Server, order_id: &str) -> Vec<u64> {
    let list = call(server, OperationKind::ListCertificates, json!({}))
        .await
        .json();
    let mut found = Vec::new();
    for cert in list["sslCertificateList"].as_array().unwrap() {
        let number = cert["certificateNo"].as_u64().unwrap();
        let demo = send(
            "GET",
            &format!("{}/demo/dcv/{number}", server.base),
            &[],
            None,
        )
        .await
        .json();
        if demo["orderId"] == order_id && cert["statusCode"] == "1" {
            found.push(number);
        }
    }
    found
}

async fn revoke(server: &Server, order_id: &str, certificate_no: u64) -> Value {
    let answer = call_at_sandbox_time(
        server,
        OperationKind::RevokeCertificate,
        json!({"orderId": order_id, "certificateNo": certificate_no, "revokeType": "superseded"}),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoke_with_certificate_no_0_covers_every_certificate_of_the_order() {
    // Its own sandbox: REQUEST_REVOKE lasts an hour, and the test moves the clock past it.
    let server = start(
        SandboxConfig {
            settle_delay: Some(std::time::Duration::from_secs(3600)),
            ..SandboxConfig::default()
        },
        None,
    );
    let server = &server;
    let (a, order_a) = issued_certificate(server, "revoke-a", "a.revoke.example").await;
    let (b, order_b) = issued_certificate(server, "revoke-b", "b.revoke.example").await;
    assert_ne!(order_a, order_b);
    let not_found = json!({"returnCode": "2200", "returnMessage": "No certificate was found."});
    // A certificate of another order is not covered.
    assert_eq!(revoke(server, &order_a, b).await, not_found);
    assert_eq!(revoke(server, "ORD999999", 0).await, not_found);

    // certificateNo 0: every NORMAL certificate of the order, counted in totalRows.
    let covered = normal_of_order(server, &order_a).await;
    assert_eq!(covered, [a]);
    let answer = revoke(server, &order_a, 0).await;
    assert_eq!(
        answer,
        json!({"returnCode": "0", "returnMessage": "Success", "totalRows": covered.len()})
    );
    assert_eq!(status_of(server, "revoke-a").await, (a, "-7".to_string()));
    assert_eq!(status_of(server, "revoke-b").await, (b, "1".to_string()));
    // Nothing NORMAL is left in that order.
    assert_eq!(revoke(server, &order_a, 0).await, not_found);

    // After the settle delay: REVOKE; the other order's certificate is untouched.
    server.sandbox.set_clock_offset_ms(3_600_000 + 1_000);
    assert_eq!(status_of(server, "revoke-a").await, (a, "-5".to_string()));
    assert_eq!(status_of(server, "revoke-b").await, (b, "1".to_string()));
    let answer = revoke(server, &order_b, 0).await;
    assert_eq!(answer["totalRows"], 1, "{answer}");
    assert_eq!(status_of(server, "revoke-b").await, (b, "-7".to_string()));
}

/// The names and contents of a ZIP, read by the `unzip` CLI (an independent tool).
fn unzip(bytes: &[u8]) -> (String, String) {
    let dir = scratch_dir();
    let path = dir.join("download.zip");
    std::fs::write(&path, bytes).unwrap();
    let path = path.to_string_lossy().into_owned();
    let run = |args: &[&str]| {
        let output = std::process::Command::new("unzip")
            .args(args)
            .output()
            .expect("the unzip CLI is installed");
        assert!(output.status.success(), "unzip {args:?}: {output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let names = run(&["-Z1", &path]);
    let certificate = run(&["-p", &path, "certificate.pem"]);
    let _ = std::fs::remove_dir_all(&dir);
    (names, certificate)
}

/// Download Certificate the older way (GET without a body), as certkit-core's fallback
/// builds it.
async fn download_by_get(server: &Server, number: u64) -> Answer {
    let post = Operation::from_json(
        OperationKind::DownloadCertificate,
        &json!({ "certificateNo": number }).to_string(),
    )
    .unwrap();
    let get = post
        .fallback()
        .expect("Download Certificate falls back to GET");
    send_operation(server, &get, &main_credentials()).await
}

#[tokio::test]
async fn download_by_get_is_the_gateway_404_unless_switched_on() {
    // Off (the default): GET is an unknown route, POST answers the ZIP.
    let server = shared();
    let (number, _) = issued_certificate(server, "get-off", "off.get.example").await;
    let answer = download_by_get(server, number).await;
    assert_eq!(answer.status, 404, "{}", answer.text);
    assert_eq!(
        answer.json(),
        json!({"error": {"errorCode": "300", "message": "Not Found Exception"}})
    );
    assert!(certkit_core::operation::wants_fallback(
        answer.status,
        &answer.text
    ));
    let post = call(
        server,
        OperationKind::DownloadCertificate,
        json!({ "certificateNo": number }),
    )
    .await;
    assert_eq!(post.status, 200, "{}", post.text);
    assert!(post.bytes.starts_with(b"PK\x03\x04"));

    // On: GET answers the same ZIP as POST would.
    let server = start(
        SandboxConfig {
            download_via_get: true,
            ..SandboxConfig::default()
        },
        None,
    );
    let (number, _) = issued_certificate(&server, "get-on", "on.get.example").await;
    let answer = download_by_get(&server, number).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(
        answer.headers.get("content-type").unwrap(),
        "application/zip"
    );
    let (names, certificate) = unzip(&answer.bytes);
    assert_eq!(
        names.lines().collect::<Vec<_>>(),
        [
            "certificate.pem",
            "subCaCertificate.pem",
            "rootCaCertificate.pem",
            "chain.pem"
        ]
    );
    let chain = call(
        &server,
        OperationKind::GetCertificateChain,
        json!({ "certificateNo": number }),
    )
    .await
    .json();
    assert_eq!(
        certificate,
        chain["certificate"].as_str().unwrap().replace("\r\n", "\n")
    );
    assert!(certificate.starts_with("-----BEGIN CERTIFICATE-----\n"));
}
