//! Certificate Manager v2 over real HTTP: Request Certificate Issuance and its errors, and the
//! DNS validation record read back with getVerificationInfo.

mod common;

use certkit_core::operation::{
    Operation, OperationKind, RequestCertificateIssuance, ValidationMethod,
};
use certkit_core::response::{parse_response, ResponseData};
use common::*;
use serde_json::{json, Value};

const PATH: &str = "/api/v2/certificate/requestCertificateIssuance";

async fn request(server: &Server, common_name: &str, dns: &[&str]) -> Answer {
    let op = Operation::RequestCertificateIssuance(RequestCertificateIssuance {
        certificate_name: "ncloudcertificate".into(),
        common_name: common_name.into(),
        dns_name: dns.iter().map(|d| d.to_string()).collect(),
        validation_method: ValidationMethod::Dns,
    });
    send_operation(server, &op, &main_credentials()).await
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
        let answer = send_signed(
            server,
            "POST",
            PATH,
            Some(&body.to_string()),
            &main_credentials(),
        )
        .await;
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
        let answer = send_signed(
            server,
            "POST",
            PATH,
            Some(&body.to_string()),
            &main_credentials(),
        )
        .await;
        assert_eq!(answer.status, 400, "{body}");
        assert_eq!(answer.json()["returnCode"], "2100", "{body}");
    }
    for body in ["not json", "[1,2]", ""] {
        let answer = send_signed(server, "POST", PATH, Some(body), &main_credentials()).await;
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
