//! Certificate Manager v2 over real HTTP: Request Certificate Issuance and its errors, and the
//! DNS validation record read back with getVerificationInfo.

mod common;

use certkit_core::operation::{
    Operation, OperationKind, RequestCertificateIssuance, ValidationMethod,
};
use certkit_core::response::{parse_response, ResponseData};
use common::*;
use serde_json::json;

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
            json!({"returnCode": "2201", "returnMessage": "Invalid DNS SANs input format"})
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

#[tokio::test]
async fn verification_info_gives_one_cname_per_domain() {
    let server = shared();
    let sn = request(server, "*.example.org", &["example.org", "api.example.org"])
        .await
        .json()["requestSn"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/api/v2/certificate/getVerificationInfo/{sn}");
    let answer = send_signed(server, "GET", &path, None, &main_credentials()).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    assert_eq!(body["returnCode"], "0");
    let list = body["verificationInfoList"].as_array().unwrap();
    // *.example.org and example.org validate the same name.
    let domains: Vec<&str> = list
        .iter()
        .map(|r| r["domainAddress"].as_str().unwrap())
        .collect();
    assert_eq!(domains, ["example.org", "api.example.org"]);
    assert_eq!(body["totalRows"], 2);
    for record in list {
        let domain = record["domainAddress"].as_str().unwrap();
        assert_eq!(record["recordType"], "CNAME");
        assert_eq!(record["validationMethod"], "D");
        let name = record["recordName"].as_str().unwrap();
        assert!(
            name.starts_with('_') && name.ends_with(&format!(".{domain}")),
            "{name}"
        );
        assert!(record["recordValue"]
            .as_str()
            .unwrap()
            .ends_with(".dcv.certkit-sandbox.invalid"));
    }
    // Stable: asking again gives the same records.
    let again = send_signed(server, "GET", &path, None, &main_credentials())
        .await
        .json();
    assert_eq!(again["verificationInfoList"], body["verificationInfoList"]);
    // Filter by domainAddress (the query string is part of the signed path).
    let filtered = send_signed(
        server,
        "GET",
        &format!("{path}?domainAddress=api.example.org"),
        None,
        &main_credentials(),
    )
    .await;
    assert_eq!(filtered.status, 200, "{}", filtered.text);
    let filtered = filtered.json();
    assert_eq!(filtered["totalRows"], 1);
    assert_eq!(filtered["verificationInfoList"][0], list[1]);
    // Unknown certificateNo.
    let unknown = send_signed(
        server,
        "GET",
        "/api/v2/certificate/getVerificationInfo/0000",
        None,
        &main_credentials(),
    )
    .await;
    assert_eq!(unknown.status, 200);
    assert_eq!(unknown.json()["returnCode"], "1006");
}
