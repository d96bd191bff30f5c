//! Private CA status and time over real HTTP: Update CA's refusals (a PENDING CA, the status a
//! CA has already, a status outside the enum), cancelling DESTROYING, the automatic deletion
//! 72 hours after DESTROYING (the sandbox clock moved ahead), and paged lists asked past their
//! end. Requests are built and signed by certkit-core.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::time::Duration;

use certkit_core::response::{parse_response, ResponseData};
use certkit_core::{Operation, OperationKind as K};
use certkit_sandbox::SandboxConfig;
use common::*;
use serde_json::{json, Value};

const HOUR_MS: i64 = 3_600_000;

/// Creates a CA (RSA-2048, 30 days; a sub CA of `issuer` when given); returns its tag.
async fn create(server: &Server, ca_type: &str, issuer: Option<&str>, alias: &str) -> String {
    let mut input = json!({
        "caType": ca_type, "alias": alias, "keyType": "RSA2048", "period": "30",
        "x509Parameters": {"commonName": format!("{alias} CA")},
    });
    if let Some(issuer) = issuer {
        input["issuerTag"] = json!(issuer);
    }
    let created = private_ca_data(&call(server, K::CreateCa, input).await);
    created["caInfo"]["caTag"].as_str().unwrap().to_string()
}

/// Update CA's answer.
async fn update(server: &Server, tag: &str, status: &str) -> Answer {
    call(server, K::UpdateCa, json!({"caTag": tag, "status": status})).await
}

/// Update CA that must succeed; returns its `caInfo` after checking the answer's shape (P11:
/// `data.caInfo` only) and that core reads it.
async fn update_ok(server: &Server, tag: &str, status: &str) -> Value {
    let answer = update(server, tag, status).await;
    let data = private_ca_data(&answer);
    assert_eq!(
        data.as_object().map(|o| o.keys().collect::<Vec<_>>()),
        Some(vec![&"caInfo".to_string()]),
        "{data}"
    );
    let info = data["caInfo"].clone();
    assert_eq!(info["status"], status);
    assert_eq!(info["caTag"], tag);
    match parse_response(K::UpdateCa, answer.status, &answer.text) {
        Ok(ResponseData::Ca(ca)) => {
            assert_eq!(ca.ca_info.status, status);
            assert_eq!(
                ca.ca_info.destroy_date.map(|d| d.to_string()),
                info["destroyDate"].as_str().map(String::from)
            );
        }
        other => panic!("core does not read Update CA's answer: {other:?}"),
    }
    info
}

/// Get CA's `caInfo` (signed at the sandbox's clock, which some tests move).
async fn ca_info(server: &Server, tag: &str) -> Value {
    let answer = call_at_sandbox_time(server, K::GetCa, json!({"caTag": tag})).await;
    private_ca_data(&answer)["caInfo"].clone()
}

/// Get CA's failure code for `tag` (signed at the sandbox's clock).
async fn ca_error(server: &Server, tag: &str) -> String {
    let answer = call_at_sandbox_time(server, K::GetCa, json!({"caTag": tag})).await;
    private_ca_error_code(&answer)
}

/// Asserts a refused Update CA: HTTP 400 INVALID_CA_STATUS with a message containing `says`.
fn assert_refused(answer: &Answer, says: &str) {
    assert_eq!(private_ca_error_code(answer), "INVALID_CA_STATUS");
    let msg = answer.json()["msg"].as_str().unwrap().to_string();
    assert!(msg.contains(says), "{msg}");
}

#[tokio::test]
async fn update_ca_refuses_a_pending_ca_and_the_status_it_has() {
    let server = shared();
    // A sub CA to be signed elsewhere is PENDING: Update CA cannot move it anywhere.
    let pending = create(server, "PRIVATE_SUB", None, "st-pending").await;
    for status in ["ACTIVE", "DEACTIVATED", "DESTROYING"] {
        assert_refused(&update(server, &pending, status).await, "PENDING");
    }
    let info = ca_info(server, &pending).await;
    assert_eq!(info["status"], "PENDING");
    assert_eq!(info["statusUpdateDate"], Value::Null);
    assert_eq!(info["destroyDate"], Value::Null);

    // The status a CA has already is refused, and changes nothing.
    let root = create(server, "PRIVATE_ROOT", None, "st-same").await;
    assert_refused(&update(server, &root, "ACTIVE").await, "ACTIVE already");
    update_ok(server, &root, "DEACTIVATED").await;
    assert_refused(
        &update(server, &root, "DEACTIVATED").await,
        "DEACTIVATED already",
    );
    let destroying = update_ok(server, &root, "DESTROYING").await;
    assert_refused(
        &update(server, &root, "DESTROYING").await,
        "DESTROYING already",
    );
    let info = ca_info(server, &root).await;
    assert_eq!(info["status"], "DESTROYING");
    assert_eq!(
        info["destroyDate"], destroying["destroyDate"],
        "a refused update leaves destroyDate alone"
    );
}

#[tokio::test]
async fn a_status_outside_the_enum_is_refused_by_core_before_the_handler() {
    let server = shared();
    let root = create(server, "PRIVATE_ROOT", None, "st-enum").await;
    let path = format!("/api/v1/ca/{root}");
    for status in ["ENABLED", "PENDING", "active"] {
        // certkit-core refuses to build it ...
        let op = Operation::from_json(
            K::UpdateCa,
            &json!({"caTag": root, "status": status}).to_string(),
        )
        .expect("reads");
        let problems = op.validate();
        assert!(
            problems.iter().any(|p| p.field == "status"),
            "{status}: {problems:?}"
        );
        // ... and the sandbox, running the same rules, answers with core's problem (its code
        // in parentheses), not with the handler's own wording.
        let body = json!({ "status": status }).to_string();
        let answer = send_signed(server, "PUT", &path, Some(&body), &main_credentials()).await;
        assert_eq!(private_ca_error_code(&answer), "INVALID_CA_STATUS");
        let msg = answer.json()["msg"].as_str().unwrap().to_string();
        assert!(
            msg.starts_with("status: ") && msg.ends_with("(invalid_status)"),
            "{status}: {msg}"
        );
    }
    // No status at all: P0's exact message.
    let answer = send_signed(server, "PUT", &path, Some("{}"), &main_credentials()).await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_CA_STATUS");
    assert_eq!(answer.json()["msg"], "status is missing.");
    let info = ca_info(server, &root).await;
    assert_eq!(info["status"], "ACTIVE");
    assert_eq!(info["statusUpdateDate"], Value::Null);
}

#[tokio::test]
async fn cancelling_destroying_goes_back_to_active_or_deactivated() {
    let server = shared();
    let root = create(server, "PRIVATE_ROOT", None, "st-cancel").await;
    let before = now_ms();
    let destroying = update_ok(server, &root, "DESTROYING").await;
    let destroy_at: u64 = destroying["destroyDate"]
        .as_str()
        .expect("destroyDate as a string")
        .parse()
        .unwrap();
    assert!(destroy_at >= before + 72 * HOUR_MS as u64);

    // DESTROYING -> ACTIVE: the deletion is cancelled, the CA issues again.
    let active = update_ok(server, &root, "ACTIVE").await;
    assert_eq!(active["destroyDate"], Value::Null);
    let info = ca_info(server, &root).await;
    assert_eq!(
        (info["status"].as_str(), &info["destroyDate"]),
        (Some("ACTIVE"), &Value::Null)
    );
    let issued = call(
        server,
        K::IssueEndCert,
        json!({"caTag": root, "x509Parameters": {"commonName": "again.example.com"}}),
    )
    .await;
    assert!(private_ca_data(&issued)["certificate"].is_string());
    // Delete CA wants DESTROYING, which it no longer is.
    let answer = call(server, K::DeleteCa, json!({"caTag": root})).await;
    assert_eq!(private_ca_error_code(&answer), "INVALID_CA_STATUS");

    // DESTROYING -> DEACTIVATED: cancelled too, and the CA stays deactivated.
    let destroying = update_ok(server, &root, "DESTROYING").await;
    assert!(destroying["destroyDate"].is_string());
    let deactivated = update_ok(server, &root, "DEACTIVATED").await;
    assert_eq!(deactivated["destroyDate"], Value::Null);
    let info = ca_info(server, &root).await;
    assert_eq!(
        (info["status"].as_str(), &info["destroyDate"]),
        (Some("DEACTIVATED"), &Value::Null)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn destroying_cas_are_deleted_72_hours_later_with_their_sub_cas() {
    // Its own sandbox: this test moves the clock.
    let server = start(
        SandboxConfig {
            settle_delay: Some(Duration::ZERO),
            ..SandboxConfig::default()
        },
        None,
    );
    let server = &server;
    let root = create(server, "PRIVATE_ROOT", None, "del-root").await;
    let sub = create(server, "PRIVATE_SUB", Some(&root), "del-sub").await;
    let below = create(server, "PRIVATE_SUB", Some(&sub), "del-below").await;
    let spared = create(server, "PRIVATE_ROOT", None, "del-spared").await;
    let idle = create(server, "PRIVATE_ROOT", None, "del-idle").await;
    update_ok(server, &idle, "DEACTIVATED").await;
    update_ok(server, &root, "DESTROYING").await;
    // DESTROYING then cancelled: never deleted.
    update_ok(server, &spared, "DESTROYING").await;
    update_ok(server, &spared, "ACTIVE").await;
    let seeded = server.sandbox.ca_tags().root;

    // A minute before the 72 hours are over, everything is still there.
    server.sandbox.set_clock_offset_ms(72 * HOUR_MS - 60_000);
    assert_eq!(ca_info(server, &root).await["status"], "DESTROYING");
    assert_eq!(ca_info(server, &sub).await["status"], "ACTIVE");
    assert_eq!(ca_info(server, &below).await["status"], "ACTIVE");

    // 72 hours and a second after: the CA and every sub CA below it are gone.
    server.sandbox.set_clock_offset_ms(72 * HOUR_MS + 1_000);
    for tag in [&root, &sub, &below] {
        assert_eq!(ca_error(server, tag).await, "NOT_EXIST_CASTORE", "{tag}");
    }
    assert_eq!(ca_info(server, &spared).await["status"], "ACTIVE");
    assert_eq!(ca_info(server, &idle).await["status"], "DEACTIVATED");
    assert_eq!(ca_info(server, &seeded).await["status"], "ACTIVE");
    let list = private_ca_data(&call_at_sandbox_time(server, K::GetCaList, json!({})).await);
    let listed: Vec<&str> = list["caInfoList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ca| ca["caInfo"]["caTag"].as_str().unwrap())
        .collect();
    assert_eq!(list["totalCnt"], 5, "3 seeded + spared + idle: {listed:?}");
    for tag in [&root, &sub, &below] {
        assert!(!listed.contains(&tag.as_str()), "{tag} listed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_asked_past_their_end_are_empty_and_keep_the_page_asked() {
    // Pages of 2: the three seeded CAs make two pages.
    let server = start(
        SandboxConfig {
            page_size: Some(2),
            settle_delay: Some(Duration::ZERO),
            ..SandboxConfig::default()
        },
        None,
    );
    let server = &server;
    let last = private_ca_data(&call(server, K::GetCaList, json!({"pageNo": "2"})).await);
    assert_eq!(last["caInfoList"].as_array().unwrap().len(), 1);
    let answer = call(server, K::GetCaList, json!({"pageNo": "7"})).await;
    assert_eq!(
        private_ca_data(&answer),
        json!({"totalCnt": 3, "caInfoList": [], "totalPageNo": 2, "currentPageNo": 7})
    );
    match parse_response(K::GetCaList, answer.status, &answer.text) {
        Ok(ResponseData::CaList(list)) => {
            assert!(list.ca_info_list.is_empty());
            assert!(!list.has_next_page());
        }
        other => panic!("core does not read the empty page: {other:?}"),
    }

    // Three end certificates of the issuing CA: two pages, oldest first.
    let issuing = server.sandbox.ca_tags().issuing;
    let mut serials = Vec::new();
    for n in 0..3 {
        let issued = call(
            server,
            K::IssueEndCert,
            json!({"caTag": issuing, "x509Parameters": {"commonName": format!("p{n}.example.com")}}),
        )
        .await;
        serials.push(private_ca_data(&issued)["serialNo"].clone());
    }
    let page = |n: &str| json!({"caTag": issuing, "pageNo": n});
    let second = private_ca_data(&call(server, K::GetEndCertList, page("2")).await);
    assert_eq!(second["listCerts"], json!([serials[2]]));
    let answer = call(server, K::GetEndCertList, page("9")).await;
    assert_eq!(
        private_ca_data(&answer),
        json!({"totalCnt": 3, "listCerts": [], "totalPageNo": 2, "currentPageNo": 9})
    );
    match parse_response(K::GetEndCertList, answer.status, &answer.text) {
        Ok(ResponseData::EndCertList(list)) => {
            assert!(list.list_certs.is_empty());
            assert_eq!(
                (list.current_page_no, list.total_page_no),
                (Some(9), Some(2))
            );
        }
        other => panic!("core does not read the empty page: {other:?}"),
    }
}
