//! The API gateway over real HTTP: signature v2, clock skew, error envelopes, body limit,
//! `Date` header, sub-account rule, mounting under a prefix.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use certkit_core::clock::parse_http_date;
use certkit_core::signing::{
    sign, string_to_sign, Credentials, HEADER_ACCESS_KEY, HEADER_SIGNATURE_V1, HEADER_SIGNATURE_V2,
    HEADER_TIMESTAMP,
};
use certkit_sandbox::{
    SandboxConfig, DEMO_MAIN_ACCESS_KEY, DEMO_MAIN_SECRET_KEY, DEMO_SUB_ACCESS_KEY, MAX_BODY_BYTES,
};
use common::*;
use serde_json::json;

const AUTH_FAILED: &str = r#"{"error":{"errorCode":"200","message":"Authentication Failed"}}"#;

fn headers(
    timestamp: &str,
    access_key: &str,
    signature_header: &str,
    signature: &str,
) -> Vec<(String, String)> {
    vec![
        (HEADER_TIMESTAMP.to_string(), timestamp.to_string()),
        (HEADER_ACCESS_KEY.to_string(), access_key.to_string()),
        (signature_header.to_string(), signature.to_string()),
    ]
}

fn signature(secret: &str, method: &str, path: &str, timestamp: u64, access_key: &str) -> String {
    sign(secret, &string_to_sign(method, path, timestamp, access_key))
}

/// The demo main key's signature of `GET /api/v1/ca` at `timestamp`.
fn main_list_signature(timestamp: u64) -> String {
    signature(
        DEMO_MAIN_SECRET_KEY,
        "GET",
        "/api/v1/ca",
        timestamp,
        DEMO_MAIN_ACCESS_KEY,
    )
}

/// The headers of a v2-signed request with the demo main key.
fn main_headers(timestamp: &str, signature: &str) -> Vec<(String, String)> {
    headers(
        timestamp,
        DEMO_MAIN_ACCESS_KEY,
        HEADER_SIGNATURE_V2,
        signature,
    )
}

async fn list_with(server: &Server, headers: &[(String, String)]) -> Answer {
    send("GET", &format!("{}/api/v1/ca", server.base), headers, None).await
}

fn assert_auth_failed(answer: &Answer) {
    assert_eq!(answer.status, 401, "{}", answer.text);
    assert_eq!(
        answer.json(),
        serde_json::from_str::<serde_json::Value>(AUTH_FAILED).unwrap()
    );
}

#[tokio::test]
async fn a_correct_signature_passes_and_v1_header_is_accepted() {
    let server = shared();
    let ts = now_ms();
    let sig = main_list_signature(ts);
    let ok = list_with(server, &main_headers(&ts.to_string(), &sig)).await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert_eq!(ok.json()["code"], "SUCCESS");
    let v1 = list_with(
        server,
        &headers(
            &ts.to_string(),
            DEMO_MAIN_ACCESS_KEY,
            HEADER_SIGNATURE_V1,
            &sig,
        ),
    )
    .await;
    assert_eq!(v1.status, 200, "{}", v1.text);
}

#[tokio::test]
async fn wrong_secret_gets_the_401_body() {
    let server = shared();
    let ts = now_ms();
    let sig = signature(
        "not-the-secret",
        "GET",
        "/api/v1/ca",
        ts,
        DEMO_MAIN_ACCESS_KEY,
    );
    let answer = list_with(server, &main_headers(&ts.to_string(), &sig)).await;
    assert_auth_failed(&answer);
}

#[tokio::test]
async fn mismatched_timestamp_header_gets_the_401_body() {
    let server = shared();
    let ts = now_ms();
    let sig = main_list_signature(ts);
    // Signed with `ts`, sent with a header one millisecond later.
    let answer = list_with(
        server,
        &headers(
            &(ts + 1).to_string(),
            DEMO_MAIN_ACCESS_KEY,
            HEADER_SIGNATURE_V2,
            &sig,
        ),
    )
    .await;
    assert_auth_failed(&answer);
    // Same number with a leading zero is not the signed text either.
    let answer = list_with(server, &main_headers(&format!("0{ts}"), &sig)).await;
    assert_auth_failed(&answer);
}

#[tokio::test]
async fn missing_headers_unknown_key_and_wrong_path_get_the_401_body() {
    let server = shared();
    let ts = now_ms();
    let sig = main_list_signature(ts);
    let full = main_headers(&ts.to_string(), &sig);
    for missing in 0..full.len() {
        let partial: Vec<_> = full
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != missing)
            .map(|(_, h)| h.clone())
            .collect();
        assert_auth_failed(&list_with(server, &partial).await);
    }
    let unknown = signature(
        DEMO_MAIN_SECRET_KEY,
        "GET",
        "/api/v1/ca",
        ts,
        "UNKNOWNACCESSKEY0001",
    );
    assert_auth_failed(
        &list_with(
            server,
            &headers(
                &ts.to_string(),
                "UNKNOWNACCESSKEY0001",
                HEADER_SIGNATURE_V2,
                &unknown,
            ),
        )
        .await,
    );
    // Signed without the /api/v1 prefix (the most common mistake) but sent to the right path.
    let short = signature(DEMO_MAIN_SECRET_KEY, "GET", "/ca", ts, DEMO_MAIN_ACCESS_KEY);
    assert_auth_failed(&list_with(server, &main_headers(&ts.to_string(), &short)).await);
    // The query string is signed too.
    let answer = send(
        "GET",
        &format!("{}/api/v1/ca?pageNo=2", server.base),
        &main_headers(&ts.to_string(), &sig),
        None,
    )
    .await;
    assert_auth_failed(&answer);
}

#[tokio::test]
async fn stale_timestamp_gets_the_401_body_and_skew_under_five_minutes_passes() {
    // Own sandbox: this test moves its clock.
    let server = start(SandboxConfig::default(), None);
    let credentials = main_credentials();
    server.sandbox.set_clock_offset_ms(6 * 60 * 1000);
    assert_eq!(server.sandbox.clock_offset_ms(), 360_000);
    let stale = send_signed(&server, "GET", "/api/v1/ca", None, &credentials).await;
    assert_auth_failed(&stale);
    server.sandbox.set_clock_offset_ms(-6 * 60 * 1000);
    let ahead = send_signed(&server, "GET", "/api/v1/ca", None, &credentials).await;
    assert_auth_failed(&ahead);
    server.sandbox.set_clock_offset_ms(-4 * 60 * 1000);
    let within = send_signed(&server, "GET", "/api/v1/ca", None, &credentials).await;
    assert_eq!(within.status, 200, "{}", within.text);
    // The Date header follows the offset clock: about 4 minutes behind the machine clock.
    let date = within
        .headers
        .get("date")
        .expect("Date header")
        .to_str()
        .unwrap();
    let server_ms = parse_http_date(date).expect("IMF-fixdate");
    let skew = server_ms as i64 - now_ms() as i64;
    assert!(
        (-250_000..=-230_000).contains(&skew),
        "skew {skew} ms from Date {date}"
    );
}

#[tokio::test]
async fn unknown_paths_get_404_with_error_code_300() {
    let server = shared();
    let not_found =
        serde_json::json!({"error": {"errorCode": "300", "message": "Not Found Exception"}});
    // Without the /api/v1 prefix: no authentication needed to be told.
    let answer = send(
        "POST",
        &format!("{}/ca/123-456/cert", server.base),
        &[],
        None,
    )
    .await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.json(), not_found);
    // Unknown resource under /api/v1, properly signed.
    let answer = send_signed(
        server,
        "GET",
        "/api/v1/nothing-here",
        None,
        &main_credentials(),
    )
    .await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.json(), not_found);
}

#[tokio::test]
async fn every_response_has_a_date_header() {
    let server = shared();
    for answer in [
        send("GET", &format!("{}/api/v1/ca", server.base), &[], None).await,
        send("GET", &format!("{}/nowhere", server.base), &[], None).await,
        send(
            "GET",
            &format!("{}/demo/credentials", server.base),
            &[],
            None,
        )
        .await,
        send_signed(server, "GET", "/api/v1/ca", None, &main_credentials()).await,
    ] {
        let date = answer
            .headers
            .get("date")
            .expect("Date header")
            .to_str()
            .unwrap()
            .to_string();
        let ms = parse_http_date(&date).unwrap_or_else(|| panic!("not IMF-fixdate: {date}"));
        assert!(ms.abs_diff(now_ms()) < 60_000, "{date}");
    }
}

#[tokio::test]
async fn oversized_body_gets_413_with_error_code_430() {
    let server = shared();
    let body = format!(
        "{{\"x509Parameters\":{{\"commonName\":\"{}\"}}}}",
        "a".repeat(MAX_BODY_BYTES)
    );
    let tags = server.sandbox.ca_tags();
    let answer = send_signed(
        server,
        "POST",
        &format!("/api/v1/ca/{}/cert", tags.issuing),
        Some(&body),
        &main_credentials(),
    )
    .await;
    assert_eq!(answer.status, 413, "{}", answer.text);
    assert_eq!(
        answer.json(),
        json!({"error": {"errorCode": "430", "message": "Request Entity Too Large"}})
    );
}

#[tokio::test]
async fn sub_account_gets_403_with_empty_body_on_certificate_manager_v2_only() {
    let server = shared();
    let sub = sub_credentials();
    let body =
        json!({"certificateName": "n", "commonName": "example.com", "validationMethod": "D"})
            .to_string();
    let answer = send_signed(
        server,
        "POST",
        "/api/v2/certificate/requestCertificateIssuance",
        Some(&body),
        &sub,
    )
    .await;
    assert_eq!(answer.status, 403);
    assert_eq!(answer.text, "");
    let answer = send_signed(
        server,
        "GET",
        "/api/v2/certificate/getVerificationInfo/abc",
        None,
        &sub,
    )
    .await;
    assert_eq!(answer.status, 403);
    assert_eq!(answer.text, "");
    // Private CA works for the sub account.
    let answer = send_signed(server, "GET", "/api/v1/ca", None, &sub).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    // The sub key with the main secret is just a bad signature.
    let wrong = Credentials::new(DEMO_SUB_ACCESS_KEY, DEMO_MAIN_SECRET_KEY);
    assert_auth_failed(&send_signed(server, "GET", "/api/v1/ca", None, &wrong).await);
}

#[tokio::test]
async fn mounted_under_a_prefix_it_checks_the_upstream_path() {
    // As the proxy mounts it: clients sign /api/v1/... and send to /sandbox/api/v1/...
    let server = start(SandboxConfig::default(), Some("/sandbox"));
    assert!(server.base.ends_with("/sandbox"));
    let answer = send_signed(&server, "GET", "/api/v1/ca", None, &main_credentials()).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.json()["data"]["totalCnt"], 3);
    let answer = send_signed(&server, "GET", "/api/v1/unknown", None, &main_credentials()).await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.json()["error"]["errorCode"], "300");
    let answer = send(
        "GET",
        &format!("{}/demo/credentials", server.base),
        &[],
        None,
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()["main"]["accessKey"], DEMO_MAIN_ACCESS_KEY);
}

#[test]
fn demo_keys_look_like_ncp_keys() {
    for key in [DEMO_MAIN_ACCESS_KEY, DEMO_SUB_ACCESS_KEY] {
        assert_eq!(key.len(), 20, "{key}");
        assert!(key.starts_with("SBX"));
    }
    for secret in [DEMO_MAIN_SECRET_KEY, certkit_sandbox::DEMO_SUB_SECRET_KEY] {
        assert_eq!(secret.len(), 40, "{secret}");
        assert!(secret.starts_with("SBX"));
    }
}

/// Signatures computed by OpenSSL (the demo-key vectors of certkit-core's
/// `tests/vectors/signature-v2.txt`, made by its `generate.sh`), not by certkit-core: the
/// sandbox accepts them when its clock is moved to the vector's timestamp.
#[tokio::test]
async fn accepts_signatures_computed_independently_with_openssl() {
    let server = start(SandboxConfig::default(), None);
    let vectors: Vec<_> = signature_vectors::vectors()
        .into_iter()
        .filter(|v| v.access_key == DEMO_MAIN_ACCESS_KEY)
        .collect();
    assert_eq!(vectors.len(), 3, "vector file lost the sandbox's entries");
    for v in &vectors {
        server
            .sandbox
            .set_clock_offset_ms(v.timestamp as i64 - now_ms() as i64);
        let ts = v.timestamp.to_string();
        let url = format!("{}{}", server.base, v.path);
        let body = (v.method == "POST").then(|| json!({"certificateName": "c", "commonName": "example.com", "validationMethod": "D"}).to_string());
        let mut h = headers(&ts, &v.access_key, HEADER_SIGNATURE_V2, &v.signature);
        h.push(("Content-Type".into(), "application/json".into()));
        let answer = send(&v.method, &url, &h, body).await;
        assert_eq!(answer.status, 200, "{}: {}", v.name, answer.text);
        // One character off in the signature: rejected.
        let mut bad = v.signature.clone();
        bad.replace_range(0..1, if bad.starts_with('A') { "B" } else { "A" });
        let h = headers(&ts, &v.access_key, HEADER_SIGNATURE_V2, &bad);
        assert_auth_failed(&send(&v.method, &url, &h, None).await);
    }
}

/// The binary prints the URL, both key pairs and the CA tags, and logs one line per request
/// without header values.
#[test]
fn binary_prints_keys_and_logs_without_secrets() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_certkit-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--clock-offset", "-30"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut printed = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let done = line.contains("CA tags");
        printed.push(line);
        if done {
            break;
        }
    }
    let printed = printed.join("\n");
    let url = printed
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("certkit-sandbox listening on "))
        .unwrap_or_else(|| panic!("{printed}"))
        .to_string();
    for needle in [
        DEMO_MAIN_ACCESS_KEY,
        DEMO_MAIN_SECRET_KEY,
        DEMO_SUB_ACCESS_KEY,
        certkit_sandbox::DEMO_SUB_SECRET_KEY,
        "root ",
        "issuing ",
        "pending ",
    ] {
        assert!(printed.contains(needle), "{needle} not printed:\n{printed}");
    }
    // One signed request; its header values must not reach the log.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ts = now_ms() - 30_000;
    let sig = main_list_signature(ts);
    let answer = runtime.block_on(send(
        "GET",
        &format!("{url}/api/v1/ca"),
        &main_headers(&ts.to_string(), &sig),
        None,
    ));
    assert_eq!(answer.status, 200, "{}", answer.text);
    child.kill().expect("stop the child we started");
    let mut log = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut log).unwrap();
    let _ = child.wait();
    assert!(log.contains("GET /api/v1/ca -> 200"), "{log}");
    // A log read through a pipe (or redirected to a file) is plain text.
    assert!(
        !log.contains('\u{1b}'),
        "colour codes in a piped log: {log:?}"
    );
    for secret in [
        sig.as_str(),
        &ts.to_string(),
        DEMO_MAIN_ACCESS_KEY,
        DEMO_MAIN_SECRET_KEY,
    ] {
        assert!(!log.contains(secret), "log leaks {secret}: {log}");
    }
}
