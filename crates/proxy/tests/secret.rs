//! The secret key never crosses the proxy and never reaches its log.
//!
//! One test in this binary: it puts the secret into the process environment (as a user's
//! shell would) before any thread starts, then reads it back like a client would.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use certkit_core::signing::{signed_headers, Credentials};
use common::{capture_logs, client, eventually, logs, start_proxy, Behaviour, FakeUpstream};

const SECRET_ENV: &str = "CERTKIT_PROXY_TEST_SECRET_KEY";
const ACCESS_KEY: &str = "NCPTESTACCESSKEY0042";

#[test]
fn secret_key_is_in_no_forwarded_byte_and_no_log_line() {
    if std::env::var_os(SECRET_ENV).is_none() {
        // Single-threaded at this point: the runtime below is not built yet.
        std::env::set_var(SECRET_ENV, "zQ9secretKEYvalue-7hd2LmW0pXr4sT1uV8yB");
    }
    capture_logs();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(check());
}

async fn check() {
    let secret = std::env::var(SECRET_ENV).unwrap();
    let credentials = Credentials::new(ACCESS_KEY, secret.clone());
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    let http = client();

    // A signed request, as the page sends it.
    let path = "/api/v1/ca/tag1/cert?pageNo=7&marker=Q-IDENTIFIER-123";
    let headers = signed_headers(&credentials, "POST", path, 1_700_000_000_000);
    let mut request = http
        .post(proxy.url(&format!("/ncp/public/private-ca{path}")))
        .header("content-type", "application/json")
        .body(r#"{"x509Parameters":{"commonName":"BODY-MARKER-cn"}}"#);
    for (name, value) in headers.pairs() {
        request = request.header(name, value);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);

    // A careless client that puts the secret where it does not belong.
    let response = http
        .get(proxy.url("/ncp/public/private-ca/api/v1/ca"))
        .header("cookie", format!("ncp_secret={secret}"))
        .header("authorization", format!("Bearer {secret}"))
        .header("x-ncp-secret-key", secret.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    // And a refused one.
    let response = http
        .get(proxy.url("/ncp/public/private-ca/api/v1/ca%2Fx"))
        .header("x-ncp-iam-access-key", ACCESS_KEY)
        .header("cookie", format!("ncp_secret={secret}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);

    let received = upstream.received();
    assert_eq!(received.len(), 2);
    // The signed request did arrive with its signature (so the checks below are not vacuous).
    assert_eq!(
        received[0].header("x-ncp-apigw-signature-v2"),
        Some(headers.signature())
    );
    for request in &received {
        assert!(
            common::find(&request.raw, secret.as_bytes()).is_none(),
            "the secret reached the upstream:\n{}",
            String::from_utf8_lossy(&request.raw)
        );
    }

    // The server logs after answering: wait for the three access lines.
    eventually(|| logs().matches("certkit_proxy::access").count() >= 3).await;
    let log = logs();
    assert_eq!(log.matches("certkit_proxy::access").count(), 3, "{log}");
    assert_eq!(
        log.matches("route=\"ncp\" site=\"public\" service=\"private-ca\"")
            .count(),
        3,
        "{log}"
    );
    assert!(log.contains("status=200"), "{log}");
    assert!(log.contains("status=400"), "{log}");
    for never in [
        secret.as_str(),
        ACCESS_KEY,
        headers.signature(),
        "Q-IDENTIFIER-123",
        "BODY-MARKER",
        "tag1",
    ] {
        assert!(!log.contains(never), "{never:?} appears in the log:\n{log}");
    }
}
