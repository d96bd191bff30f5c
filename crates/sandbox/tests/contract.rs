//! Contract tests (issue 12, item 5): every operation is driven over real HTTP to a success
//! answer, and each answer (and each failure body) is held to its fixture in
//! `crates/core/tests/fixtures/contract/`: the skeleton's keys and types, the HTTP status and
//! content type, and certkit-core's `parse_response` reading both the fixture's example and
//! the sandbox's answer as the right kind of data. When the two disagree, the fixture wins.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use certkit_core::response::{parse_response, parse_response_bytes, ResponseData};
use certkit_core::{FailureKind, OperationKind};
use certkit_sandbox::SandboxConfig;
use common::contract::{all, ContractFixture};
use common::{call, confirm_dcv, openssl_csr, send, Answer, Server};
use serde_json::{json, Value};

/// The kind of parsed data each fixture's operation must give.
fn expected_variant(operation: &str) -> &'static str {
    match operation {
        "getCaList" => "CaList",
        "getCa" | "createCa" | "updateCa" => "Ca",
        "getSubCsr" => "SubCsr",
        "signSubCsr" | "signEndCsr" => "SignedCertificate",
        "activateSubCa" => "ActivateSubCa",
        "issueEndCert" => "IssueEndCert",
        "getEndCertList" => "EndCertList",
        "getEndCert" => "EndCert",
        "revokeEndCert" | "deleteCa" => "Done",
        "getCaChain" | "getCaCrl" => "Pem",
        "requestCertificateIssuance" => "RequestCertificateIssuance",
        "listCloudCertificates" | "listCertificates" => "CertificateList",
        "listDcvStatuses" => "DcvStatuses",
        "deleteCertificate" | "reissueCertificate" | "revokeCertificate" => "CmResult",
        "downloadCertificate" => "CertificateArchive",
        "getCertificateChain" => "CertificateChain",
        other => panic!("no expected variant for {other}"),
    }
}

fn variant(data: &ResponseData) -> &'static str {
    match data {
        ResponseData::IssueEndCert(_) => "IssueEndCert",
        ResponseData::ActivateSubCa(_) => "ActivateSubCa",
        ResponseData::RequestCertificateIssuance(_) => "RequestCertificateIssuance",
        ResponseData::CaList(_) => "CaList",
        ResponseData::Ca(_) => "Ca",
        ResponseData::SubCsr(_) => "SubCsr",
        ResponseData::SignedCertificate(_) => "SignedCertificate",
        ResponseData::EndCertList(_) => "EndCertList",
        ResponseData::EndCert(_) => "EndCert",
        ResponseData::Pem(_) => "Pem",
        ResponseData::Done => "Done",
        ResponseData::CertificateList(_) => "CertificateList",
        ResponseData::DcvStatuses(_) => "DcvStatuses",
        ResponseData::CertificateChain(_) => "CertificateChain",
        ResponseData::CertificateArchive(_) => "CertificateArchive",
        ResponseData::CmResult(_) => "CmResult",
        _ => "unknown",
    }
}

/// The sandbox's answers, by fixture name.
type Answers = BTreeMap<String, Answer>;

fn data(answer: &Answer) -> Value {
    answer.json()["data"].clone()
}

/// Drives every operation to a success (and the three failures), in the order a user would.
async fn drive(server: &Server) -> Answers {
    let tags = server.sandbox.ca_tags();
    let mut answers = Answers::new();
    let mut keep = |name: &str, answer: Answer| {
        assert!(
            answers.insert(name.to_string(), answer).is_none(),
            "{name} driven twice"
        );
    };
    use OperationKind as K;

    // Private CA.
    keep(
        "getCaList",
        call(server, K::GetCaList, json!({"pageNo": "1"})).await,
    );
    keep(
        "getCa",
        call(server, K::GetCa, json!({"caTag": tags.issuing})).await,
    );
    let root = call(
        server,
        K::CreateCa,
        json!({"caType": "PRIVATE_ROOT", "alias": "CtRoot01", "keyType": "RSA2048", "period": "MAX",
               "memo": "contract root",
               "x509Parameters": {"commonName": "Contract Root CA", "country": "KR", "organization": "certkit"}}),
    )
    .await;
    let root_tag = data(&root)["caInfo"]["caTag"]
        .as_str()
        .expect("caTag")
        .to_string();
    keep("createCa", root);
    let pending = call(
        server,
        K::CreateCa,
        json!({"caType": "PRIVATE_SUB", "alias": "CtSub01", "keyType": "RSA2048", "period": "365",
               "x509Parameters": {"commonName": "Contract Sub CA"}}),
    )
    .await;
    assert_eq!(pending.status, 200, "{}", pending.text);
    let pending_tag = data(&pending)["caInfo"]["caTag"]
        .as_str()
        .expect("caTag")
        .to_string();
    let csr = call(server, K::GetSubCsr, json!({"caTag": pending_tag})).await;
    let csr_pem = data(&csr)["csrPem"].as_str().expect("csrPem").to_string();
    keep("getSubCsr", csr);
    let signed = call(
        server,
        K::SignSubCsr,
        json!({"caTag": root_tag, "period": "30", "csrPem": csr_pem}),
    )
    .await;
    let signed_data = data(&signed);
    keep("signSubCsr", signed);
    let chain: Vec<&str> = signed_data["caChain"]
        .as_array()
        .expect("caChain array")
        .iter()
        .map(|pem| pem.as_str().expect("PEM string"))
        .collect();
    keep(
        "activateSubCa",
        call(
            server,
            K::ActivateSubCa,
            json!({"caTag": pending_tag, "certPem": signed_data["certificate"], "caChainPem": chain.join("\n")}),
        )
        .await,
    );
    let issued = call(
        server,
        K::IssueEndCert,
        json!({"caTag": tags.issuing, "x509Parameters": {"commonName": "contract.example.com"}}),
    )
    .await;
    let serial = data(&issued)["serialNo"]
        .as_str()
        .expect("serialNo")
        .to_string();
    keep("issueEndCert", issued);
    let (_key, end_csr) = openssl_csr("end.example.com", &["end.example.com"]);
    keep(
        "signEndCsr",
        call(
            server,
            K::SignEndCsr,
            json!({"caTag": tags.issuing, "csrPem": end_csr}),
        )
        .await,
    );
    keep(
        "getEndCertList",
        call(server, K::GetEndCertList, json!({"caTag": tags.issuing})).await,
    );
    keep(
        "getEndCert",
        call(
            server,
            K::GetEndCert,
            json!({"caTag": tags.issuing, "serialNo": serial}),
        )
        .await,
    );
    keep(
        "revokeEndCert",
        call(
            server,
            K::RevokeEndCert,
            json!({"caTag": tags.issuing, "serialNo": serial}),
        )
        .await,
    );
    keep(
        "getCaChain",
        call(server, K::GetCaChain, json!({"caTag": tags.issuing})).await,
    );
    keep(
        "getCaCrl",
        call(server, K::GetCaCrl, json!({"caTag": tags.issuing})).await,
    );
    keep(
        "updateCa",
        call(
            server,
            K::UpdateCa,
            json!({"caTag": root_tag, "status": "DESTROYING"}),
        )
        .await,
    );
    keep(
        "deleteCa",
        call(server, K::DeleteCa, json!({"caTag": root_tag})).await,
    );

    // Certificate Manager.
    keep(
        "requestCertificateIssuance",
        call(
            server,
            K::RequestCertificateIssuance,
            json!({"certificateName": "contractcert", "commonName": "shop.example.com",
                   "dnsName": ["www.example.com"], "validationMethod": "D"}),
        )
        .await,
    );
    let listed = call(
        server,
        K::ListCloudCertificates,
        json!({"page": "1", "pageSize": "10", "certificateName": "contractcert"}),
    )
    .await;
    let number = listed.json()["sslCertificateList"][0]["certificateNo"]
        .as_u64()
        .expect("certificateNo");
    keep("listCloudCertificates", listed);
    keep(
        "listCertificates",
        call(server, K::ListCertificates, json!({})).await,
    );
    keep(
        "listDcvStatuses",
        call(
            server,
            K::ListDcvStatuses,
            json!({"certificateNo": number, "domainAddress": "shop.example.com"}),
        )
        .await,
    );
    // "I created the DNS records": the certificate is issued.
    let demo = confirm_dcv(server, number).await;
    let order_id = demo.json()["orderId"]
        .as_str()
        .expect("orderId")
        .to_string();
    keep(
        "getCertificateChain",
        call(
            server,
            K::GetCertificateChain,
            json!({"certificateNo": number}),
        )
        .await,
    );
    keep(
        "downloadCertificate",
        call(
            server,
            K::DownloadCertificate,
            json!({"certificateNo": number}),
        )
        .await,
    );
    let (_key, reissue_csr) = openssl_csr("shop.example.com", &[]);
    keep(
        "reissueCertificate",
        call(
            server,
            K::ReissueCertificate,
            json!({"certificateNo": number, "csr": reissue_csr, "certificateName": "contractcert",
                   "commonName": "shop.example.com", "validationMethod": "D"}),
        )
        .await,
    );
    keep(
        "revokeCertificate",
        call(
            server,
            K::RevokeCertificate,
            json!({"orderId": order_id, "certificateNo": number, "revokeType": "superseded"}),
        )
        .await,
    );
    keep(
        "deleteCertificate",
        call(
            server,
            K::DeleteCertificate,
            json!({"certificateNo": number, "certificateName": "contractcert"}),
        )
        .await,
    );

    // Failures.
    keep(
        "private-ca-error",
        common::send_signed(
            server,
            "POST",
            &format!("/api/v1/ca/{}/cert", tags.issuing),
            Some(r#"{"x509Parameters":{}}"#),
            &common::main_credentials(),
        )
        .await,
    );
    keep(
        "certificate-manager-error",
        call(
            server,
            K::GetCertificateChain,
            json!({"certificateNo": 99999}),
        )
        .await,
    );
    keep(
        "gateway-error",
        send(
            "GET",
            &format!("{}/api/v1/ca?pageNo=1", server.base),
            &[],
            None,
        )
        .await,
    );
    answers
}

/// The operation a failure fixture's body answers, for `parse_response`.
fn kind_of(fixture: &ContractFixture) -> OperationKind {
    let path = fixture.path.split('?').next().unwrap_or_default();
    OperationKind::route(&fixture.method, path)
        .unwrap_or_else(|| {
            panic!(
                "{}: {} {} is no operation",
                fixture.operation, fixture.method, path
            )
        })
        .0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_answers_as_its_fixture_says() {
    let server = common::start(
        SandboxConfig {
            settle_delay: Some(Duration::ZERO),
            ..SandboxConfig::default()
        },
        None,
    );
    let answers = drive(&server).await;
    let fixtures = all();
    let mut problems = Vec::new();
    for fixture in &fixtures {
        let name = fixture.operation.as_str();
        let Some(answer) = answers.get(name) else {
            problems.push(format!("{name}: not driven by this test"));
            continue;
        };
        let kind = kind_of(fixture);
        if !name.ends_with("-error") {
            assert_eq!(
                kind.as_str(),
                name,
                "the fixture's path routes to another operation"
            );
        }
        if answer.status != fixture.http_status {
            problems.push(format!(
                "{name}: HTTP {} where the fixture says {}: {}",
                answer.status, fixture.http_status, answer.text
            ));
            continue;
        }
        let content_type = answer
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if !content_type.starts_with(&fixture.content_type) {
            problems.push(format!(
                "{name}: Content-Type {content_type:?}, fixture {:?}",
                fixture.content_type
            ));
        }
        if fixture.skeleton.is_null() {
            // Download Certificate: a ZIP, which unzip (an independent tool) lists.
            let parsed = parse_response_bytes(kind, answer.status, &answer.bytes);
            match parsed {
                Ok(data) if variant(&data) == expected_variant(name) => {}
                other => problems.push(format!("{name}: parsed as {other:?}")),
            }
            let dir = common::scratch_dir();
            let zip = common::write(&dir, "export.zip", "");
            std::fs::write(&zip, &answer.bytes).expect("write zip");
            let listing = common_unzip(&zip);
            for file in [
                "certificate.pem",
                "subCaCertificate.pem",
                "rootCaCertificate.pem",
            ] {
                if !listing.contains(file) {
                    problems.push(format!("{name}: the ZIP lacks {file}: {listing}"));
                }
            }
            continue;
        }
        let body = answer.json();
        for mismatch in fixture.mismatches(&body) {
            problems.push(format!("{name}: {mismatch}"));
        }
        let example = fixture.example.to_string();
        let status = fixture.http_status;
        if name.ends_with("-error") {
            for (what, text) in [
                ("example", example.as_str()),
                ("answer", answer.text.as_str()),
            ] {
                match parse_response(kind, status, text) {
                    Err(failure) if failure.kind != FailureKind::UnexpectedResponse => {}
                    other => problems.push(format!("{name}: the {what} parsed as {other:?}")),
                }
            }
            continue;
        }
        for (what, text) in [
            ("example", example.as_str()),
            ("answer", answer.text.as_str()),
        ] {
            match parse_response(kind, status, text) {
                Ok(data) if variant(&data) == expected_variant(name) => {}
                other => problems.push(format!("{name}: the {what} parsed as {other:?}")),
            }
        }
    }
    for kind in OperationKind::ALL {
        if !fixtures.iter().any(|f| f.operation == kind.as_str()) {
            problems.push(format!("{kind}: no fixture"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// `unzip -l` of an archive (the listing, as text).
fn common_unzip(path: &str) -> String {
    let output = std::process::Command::new("unzip")
        .args(["-l", path])
        .output()
        .expect("unzip is installed");
    assert!(output.status.success(), "unzip -l failed: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}
