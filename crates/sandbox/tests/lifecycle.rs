//! The whole lifecycle (issue 12, "What it must show"), walked over real HTTP against a
//! standalone sandbox the way a client written from ncp-operations.md would: requests built
//! and signed with certkit-core (`Request::build`, `Target::BaseUrl`), answers read with
//! `parse_response` only. The CRL is checked with the `openssl` CLI, an independent tool.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::time::Duration;

use certkit_core::response::{parse_response, Failure, FailureKind, ResponseData};
use certkit_core::{Operation, OperationKind, Request, Target};
use certkit_sandbox::SandboxConfig;
use common::{
    main_credentials, now_ms, openssl, openssl_csr, openssl_verify_ok, scratch_dir, send, write,
    Server,
};
use serde_json::{json, Value};

/// Builds, signs and sends `kind` with `input`; parses the answer.
async fn run(server: &Server, kind: OperationKind, input: Value) -> Result<ResponseData, Failure> {
    let operation = Operation::from_json(kind, &input.to_string())
        .unwrap_or_else(|e| panic!("{kind} {input}: {e}"));
    let request = Request::build(
        &operation,
        &Target::BaseUrl(server.base.clone()),
        &main_credentials(),
        now_ms(),
    )
    .unwrap_or_else(|e| panic!("{kind}: {e}"));
    let answer = send(
        &request.method,
        &request.url,
        &request.headers,
        request.body,
    )
    .await;
    parse_response(kind, answer.status, &answer.text)
}

async fn ok(server: &Server, kind: OperationKind, input: Value) -> ResponseData {
    run(server, kind, input)
        .await
        .unwrap_or_else(|f| panic!("{kind} failed: {f}"))
}

macro_rules! expect {
    ($data:expr, $variant:ident) => {
        match $data {
            ResponseData::$variant(inner) => inner,
            other => panic!("expected {}, got {other:?}", stringify!($variant)),
        }
    };
}

async fn ca_status(server: &Server, tag: &str) -> String {
    let ca = expect!(
        ok(server, OperationKind::GetCa, json!({"caTag": tag})).await,
        Ca
    );
    ca.ca_info.status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_walks_the_whole_lifecycle() {
    use OperationKind as K;
    // Activation settles after 300 ms: long enough to see PENDING, short for a test.
    let server = common::start(
        SandboxConfig {
            settle_delay: Some(Duration::from_millis(300)),
            page_size: Some(2),
            ..SandboxConfig::default()
        },
        None,
    );

    // 1. List and get CAs, page by page (page size 2 here: the three seeded CAs need two).
    let mut tags = Vec::new();
    let mut page = 1;
    loop {
        let list = expect!(
            ok(&server, K::GetCaList, json!({"pageNo": page.to_string()})).await,
            CaList
        );
        assert_eq!(list.total_cnt, Some(3));
        tags.extend(list.ca_info_list.iter().map(|ca| ca.ca_info.ca_tag.clone()));
        if !list.has_next_page() {
            break;
        }
        page += 1;
    }
    assert_eq!(page, 2);
    assert_eq!(tags.len(), 3);
    let mut platform = None;
    for tag in &tags {
        let ca = expect!(ok(&server, K::GetCa, json!({"caTag": tag})).await, Ca);
        assert_eq!(&ca.ca_info.ca_tag, tag);
        if ca.ca_info.ca_type == "PRIVATE_ROOT" && ca.ca_info.status == "ACTIVE" {
            assert!(ca.ca_cert_info.is_some());
            platform = Some(tag.clone());
        }
    }
    let platform = platform.expect("an ACTIVE root CA is listed");

    // 2. Create a sub CA signed elsewhere: PENDING, no certificate yet.
    let created = expect!(
        ok(
            &server,
            K::CreateCa,
            json!({"caType": "PRIVATE_SUB", "alias": "walk-sub", "keyType": "RSA2048", "period": "365",
                   "x509Parameters": {"commonName": "Walk Sub CA", "country": "KR"}}),
        )
        .await,
        Ca
    );
    let sub = created.ca_info.ca_tag.clone();
    assert_eq!(created.ca_info.status, "PENDING");
    assert!(created.ca_cert_info.is_none());

    // Fetch its CSR, have the platform root sign it, activate it.
    let csr = expect!(
        ok(&server, K::GetSubCsr, json!({"caTag": sub})).await,
        SubCsr
    );
    assert!(csr
        .csr_pem
        .starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"));
    let signed = expect!(
        ok(
            &server,
            K::SignSubCsr,
            json!({"caTag": platform, "period": "100", "csrPem": csr.csr_pem})
        )
        .await,
        SignedCertificate
    );
    let activated = expect!(
        ok(
            &server,
            K::ActivateSubCa,
            json!({"caTag": sub, "certPem": signed.certificate, "caChainPem": signed.ca_chain.join("\n")}),
        )
        .await,
        ActivateSubCa
    );
    assert_eq!(
        activated.ca_info.status, "PENDING",
        "the spec's example answers PENDING"
    );
    assert_eq!(activated.ca_cert_info.common_name, "Walk Sub CA");
    assert_eq!(ca_status(&server, &sub).await, "PENDING");
    let mut status = String::new();
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        status = ca_status(&server, &sub).await;
        if status == "ACTIVE" {
            break;
        }
    }
    assert_eq!(
        status, "ACTIVE",
        "Get CA shows the activated sub CA reach ACTIVE"
    );

    // 3. Deactivate: it refuses to sign; schedule deletion; delete; it is gone.
    let deactivated = expect!(
        ok(
            &server,
            K::UpdateCa,
            json!({"caTag": sub, "status": "DEACTIVATED"})
        )
        .await,
        Ca
    );
    assert_eq!(deactivated.ca_info.status, "DEACTIVATED");
    let refused = run(
        &server,
        K::IssueEndCert,
        json!({"caTag": sub, "x509Parameters": {"commonName": "nope"}}),
    )
    .await
    .expect_err("a DEACTIVATED CA refuses to issue");
    assert_eq!(refused.kind, FailureKind::CaNotActive);
    assert_eq!(refused.code.as_deref(), Some("INVALID_CA_STATUS"));
    let before = now_ms();
    let destroying = expect!(
        ok(
            &server,
            K::UpdateCa,
            json!({"caTag": sub, "status": "DESTROYING"})
        )
        .await,
        Ca
    );
    assert_eq!(destroying.ca_info.status, "DESTROYING");
    let destroy_at = destroying.ca_info.destroy_date.expect("destroyDate set");
    let hours_72 = 72 * 3600 * 1000;
    assert!(
        (before as i64 + hours_72 - 5_000..=now_ms() as i64 + hours_72 + 5_000)
            .contains(&destroy_at),
        "destroyDate {destroy_at} is request time + 72 h"
    );
    let done = ok(&server, K::DeleteCa, json!({"caTag": sub})).await;
    assert_eq!(done, ResponseData::Done);
    let gone = run(&server, K::GetCa, json!({"caTag": sub}))
        .await
        .expect_err("a deleted CA is unknown");
    assert_eq!(gone.code.as_deref(), Some("NOT_EXIST_CASTORE"));
    assert_eq!(gone.kind, FailureKind::CaNotFound);

    // 4. Sign my own CSR (key made by openssl, never sent), list and get end certs.
    // The ACTIVE sub CA among the seeded ones.
    let mut issuing = None;
    for tag in &tags {
        let ca = expect!(ok(&server, K::GetCa, json!({"caTag": tag})).await, Ca);
        if ca.ca_info.ca_type == "PRIVATE_SUB" && ca.ca_info.status == "ACTIVE" {
            issuing = Some(tag.clone());
        }
    }
    let issuing = issuing.expect("an ACTIVE sub CA is listed");
    let (_key, my_csr) = openssl_csr(
        "app.walk.example",
        &["app.walk.example", "api.walk.example"],
    );
    let mine = expect!(
        ok(
            &server,
            K::SignEndCsr,
            json!({"caTag": issuing, "csrPem": my_csr})
        )
        .await,
        SignedCertificate
    );
    let dir = scratch_dir();
    let mine_path = write(&dir, "mine.pem", &mine.certificate);
    let text = openssl(&[
        "x509",
        "-in",
        &mine_path,
        "-noout",
        "-subject",
        "-ext",
        "subjectAltName",
    ]);
    assert!(
        text.contains("CN=app.walk.example") || text.contains("CN = app.walk.example"),
        "{text}"
    );
    assert!(
        text.contains("DNS:api.walk.example"),
        "the CSR's SANs are kept: {text}"
    );
    let other = expect!(
        ok(
            &server,
            K::IssueEndCert,
            json!({"caTag": issuing, "x509Parameters": {"commonName": "other.walk.example"}})
        )
        .await,
        IssueEndCert
    );
    let mut serials = Vec::new();
    let mut page = 1;
    loop {
        let list = expect!(
            ok(
                &server,
                K::GetEndCertList,
                json!({"caTag": issuing, "pageNo": page.to_string()})
            )
            .await,
            EndCertList
        );
        serials.extend(list.list_certs.clone());
        if list.current_page_no >= list.total_page_no {
            break;
        }
        page += 1;
    }
    assert_eq!(
        serials,
        [mine.serial_no.clone(), other.serial_no.clone()],
        "oldest first"
    );
    let got = expect!(
        ok(
            &server,
            K::GetEndCert,
            json!({"caTag": issuing, "serialNo": mine.serial_no})
        )
        .await,
        EndCert
    );
    assert_eq!(got.common_name, "app.walk.example");
    assert_eq!(got.cert_pem, mine.certificate);

    // Revoke one; its serial is in the CRL at once, which openssl verifies.
    let done = ok(
        &server,
        K::RevokeEndCert,
        json!({"caTag": issuing, "serialNo": mine.serial_no}),
    )
    .await;
    assert_eq!(done, ResponseData::Done);
    let crl = expect!(
        ok(&server, K::GetCaCrl, json!({"caTag": issuing})).await,
        Pem
    );
    assert!(crl.starts_with("-----BEGIN X509 CRL-----\n"), "{crl}");
    let chain = expect!(
        ok(&server, K::GetCaChain, json!({"caTag": issuing})).await,
        Pem
    );
    let crl_path = write(&dir, "ca.crl", &crl);
    let chain_path = write(&dir, "chain.pem", &chain);
    let out = openssl_verify_ok(&[
        "crl",
        "-in",
        &crl_path,
        "-CAfile",
        &chain_path,
        "-verify",
        "-noout",
        "-text",
    ]);
    let listed_serial = mine.serial_no.replace(':', "");
    assert!(
        out.contains(&listed_serial),
        "the CRL lists {listed_serial}: {out}"
    );
    assert!(
        !out.contains(&other.serial_no.replace(':', "")),
        "only the revoked one: {out}"
    );
    let _ = std::fs::remove_dir_all(&dir);

    // 5. Certificate Manager: request, find the number by name, read the DCV record, delete.
    let requested = expect!(
        ok(
            &server,
            K::RequestCertificateIssuance,
            json!({"certificateName": "walkcert", "commonName": "shop.walk.example",
                   "dnsName": ["www.walk.example"], "validationMethod": "D"}),
        )
        .await,
        RequestCertificateIssuance
    );
    let found = expect!(
        ok(
            &server,
            K::ListCloudCertificates,
            json!({"certificateName": "walkcert"})
        )
        .await,
        CertificateList
    );
    assert_eq!(found.total_count, Some(1));
    let cert = &found.ssl_certificate_list[0];
    assert_eq!(cert.status_code, "0");
    let number = cert.certificate_no.clone();
    let dcv = expect!(
        ok(
            &server,
            K::ListDcvStatuses,
            json!({"certificateNo": number, "domainAddress": "www.walk.example"})
        )
        .await,
        DcvStatuses
    );
    assert_eq!(dcv.dns_verification_list.len(), 1);
    let record = &dcv.dns_verification_list[0];
    assert_eq!(record.request_sn, requested.request_sn);
    assert_eq!(record.valid_status_code, "VALID_STATUS_REG");
    assert!(
        record.txt_name.ends_with(".www.walk.example"),
        "{}",
        record.txt_name
    );
    assert!(
        record.other.is_empty(),
        "only the documented fields: {:?}",
        record.other
    );
    let wrong = run(
        &server,
        K::DeleteCertificate,
        json!({"certificateNo": number, "certificateName": "not-walkcert"}),
    )
    .await
    .expect_err("the name must match");
    assert_eq!(wrong.code.as_deref(), Some("1004"));
    let deleted = expect!(
        ok(
            &server,
            K::DeleteCertificate,
            json!({"certificateNo": number, "certificateName": "walkcert"})
        )
        .await,
        CmResult
    );
    assert_eq!(deleted.return_code, "0");
    let after = expect!(
        ok(
            &server,
            K::ListCloudCertificates,
            json!({"certificateName": "walkcert"})
        )
        .await,
        CertificateList
    );
    assert_eq!(after.total_count, Some(0));
}
