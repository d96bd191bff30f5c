//! Signatures over encoded and reserved characters, through a real HTTP client (reqwest, which
//! parses URLs with the `url` crate) to the sandbox (axum/hyper): the path and query that
//! certkit-core signs must reach the gateway byte for byte, or the gateway answers 401.
//!
//! The wire paths are the OpenSSL vectors of `crates/core/tests/vectors/generate.sh` (written
//! there by hand): each request is first checked to build exactly that path, then sent with
//! the sandbox's demo keys, and the answer shows the sandbox decoded the values (found or not
//! found by that exact name, serial or tag).

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use certkit_core::operation::{Operation, OperationKind};
use certkit_core::response::{parse_response, ResponseData};
use certkit_core::{Request, Target};
use certkit_sandbox::SandboxConfig;
use common::*;
use serde_json::{json, Value};

/// A vector's wire path from `signature-v2.txt` (the OpenSSL-made file core tests use).
fn vector_path(name: &str) -> String {
    signature_vectors::vector(name).path
}

fn operation(kind: OperationKind, input: &Value) -> Operation {
    Operation::from_json(kind, &input.to_string()).unwrap_or_else(|e| panic!("{kind}: {e}"))
}

/// The path and query core signs for `input`.
fn signed_path(kind: OperationKind, input: &Value) -> String {
    Request::build(
        &operation(kind, input),
        &Target::BaseUrl("http://sandbox".into()),
        &main_credentials(),
        now_ms(),
    )
    .expect("valid input")
    .path_and_query
}

/// Sends through reqwest; asserts the gateway accepted the signature.
async fn accepted(server: &Server, kind: OperationKind, input: Value) -> Answer {
    let answer = call(server, kind, input.clone()).await;
    assert_ne!(
        answer.status, 401,
        "{kind} {input}: the signature was refused, so the client changed the path: {}",
        answer.text
    );
    answer
}

async fn named(server: &Server, name: &str) -> Vec<Value> {
    let answer = accepted(
        server,
        OperationKind::ListCloudCertificates,
        json!({"certificateName": name}),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json()["sslCertificateList"]
        .as_array()
        .expect("a list")
        .clone()
}

/// A query value with '/', '+', "'" and a space (sent as %2F, %2B, %27, %20): List Cloud
/// Certificates finds the certificate by exactly that name, and Delete Certificate deletes it
/// only under that name. `+` read as a space (form decoding) would find nothing.
#[tokio::test]
async fn reserved_characters_in_a_query_value_are_signed_sent_and_decoded() {
    const NAME: &str = "a/b+c'd e";
    assert_eq!(
        signed_path(
            OperationKind::DeleteCertificate,
            &json!({"certificateNo": 1234567, "certificateName": NAME})
        ),
        vector_path("delete-certificate-reserved")
    );
    assert_eq!(
        signed_path(
            OperationKind::ListCloudCertificates,
            &json!({"page": 1, "pageSize": 20, "certificateName": NAME})
        ),
        vector_path("list-cloud-certificates-reserved")
    );

    let server = start(SandboxConfig::default(), None);
    let issued = accepted(
        &server,
        OperationKind::RequestCertificateIssuance,
        json!({"certificateName": NAME, "commonName": "encoded.example.com", "validationMethod": "D"}),
    )
    .await;
    assert_eq!(issued.json()["returnCode"], "0", "{}", issued.text);
    accepted(
        &server,
        OperationKind::RequestCertificateIssuance,
        json!({"certificateName": "a/b c'd e", "commonName": "decoy.example.com", "validationMethod": "D"}),
    )
    .await;

    let listed = accepted(
        &server,
        OperationKind::ListCloudCertificates,
        json!({"page": 1, "pageSize": 20, "certificateName": NAME}),
    )
    .await;
    let list = match parse_response(
        OperationKind::ListCloudCertificates,
        listed.status,
        &listed.text,
    ) {
        Ok(ResponseData::CertificateList(list)) => list,
        other => panic!("{other:?}"),
    };
    assert_eq!(list.total_count, Some(1), "{}", listed.text);
    let certificate = &list.ssl_certificate_list[0];
    assert_eq!(certificate.certificate_name, NAME);
    assert_eq!(certificate.common_name, "encoded.example.com");
    let no = certificate.certificate_no.clone();

    // The decoy's name is ours with '+' read as a space: a different name.
    let wrong = accepted(
        &server,
        OperationKind::DeleteCertificate,
        json!({"certificateNo": no, "certificateName": "a/b c'd e"}),
    )
    .await;
    assert_eq!(wrong.json()["returnCode"], "1004", "{}", wrong.text);
    assert_eq!(named(&server, NAME).await.len(), 1, "not deleted");

    let deleted = accepted(
        &server,
        OperationKind::DeleteCertificate,
        json!({"certificateNo": no, "certificateName": NAME}),
    )
    .await;
    assert_eq!(deleted.json()["returnCode"], "0", "{}", deleted.text);
    assert!(named(&server, NAME).await.is_empty());
    assert_eq!(
        named(&server, "a/b c'd e").await.len(),
        1,
        "the decoy stays"
    );
}

/// Serial numbers go with raw colons (Get End Cert, Revoke End Cert); the sandbox also reads
/// `%3A` as a colon when a client signs and sends that form.
#[tokio::test]
async fn colon_serials_are_signed_sent_and_found() {
    assert_eq!(
        signed_path(
            OperationKind::RevokeEndCert,
            &json!({"caTag": "4b0bbe37-eeea93b8", "serialNo": "00:ab:cd:ef:01"})
        ),
        vector_path("revoke-end-cert-colon-serial")
    );
    assert_eq!(
        signed_path(
            OperationKind::GetEndCert,
            &json!({"caTag": "4b0bbe37-eeea93b8", "serialNo": "5d:8a:01:ff"})
        ),
        vector_path("get-end-cert")
    );

    let server = shared();
    let issuing = server.sandbox.ca_tags().issuing;
    let issued = accepted(
        server,
        OperationKind::IssueEndCert,
        json!({"caTag": issuing, "x509Parameters": {"commonName": "colon.example.test"}}),
    )
    .await;
    let serial = private_ca_data(&issued)["serialNo"]
        .as_str()
        .expect("serialNo")
        .to_string();
    assert!(serial.contains(':'), "{serial}");

    let got = accepted(
        server,
        OperationKind::GetEndCert,
        json!({"caTag": issuing, "serialNo": serial}),
    )
    .await;
    assert_eq!(private_ca_data(&got)["serialNo"], serial.as_str());

    let encoded = format!("/api/v1/ca/{issuing}/cert/{}", serial.replace(':', "%3A"));
    let got = send_signed(server, "GET", &encoded, None, &main_credentials()).await;
    assert_eq!(private_ca_data(&got)["serialNo"], serial.as_str());

    // Another serial of the same shape is looked up, and not found.
    let absent = accepted(
        server,
        OperationKind::GetEndCert,
        json!({"caTag": issuing, "serialNo": "00:ab:cd:ef:01"}),
    )
    .await;
    assert_ne!(absent.status, 200, "{}", absent.text);
}

/// Every character a caTag may hold goes into the path raw; reqwest must send it as signed.
/// The tags do not exist, so the answer is Private CA's "not found", not the gateway's 401.
#[tokio::test]
async fn reserved_characters_in_a_ca_tag_reach_the_gateway_as_signed() {
    assert_eq!(
        signed_path(OperationKind::GetCa, &json!({"caTag": "o'brien+ca:1"})),
        vector_path("get-ca-reserved-tag")
    );
    let server = shared();
    let issuing = server.sandbox.ca_tags().issuing;
    for tag in ["o'brien+ca:1", "a!$&()*,;=b", "x[1]", "~._-", "a..b", "..."] {
        let answer = accepted(server, OperationKind::GetCa, json!({"caTag": tag})).await;
        let failure = parse_response(OperationKind::GetCa, answer.status, &answer.text)
            .expect_err("no such CA");
        assert_eq!(
            failure.kind.as_str(),
            "caNotFound",
            "{tag}: {}",
            answer.text
        );
    }
    // The same route finds a tag that exists.
    let found = accepted(
        server,
        OperationKind::GetCa,
        json!({"caTag": issuing.clone()}),
    )
    .await;
    match parse_response(OperationKind::GetCa, found.status, &found.text) {
        Ok(ResponseData::Ca(ca)) => assert_eq!(ca.ca_info.ca_tag, issuing),
        other => panic!("{other:?}"),
    }
}
