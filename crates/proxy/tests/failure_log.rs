//! After a 502 the proxy's log says what failed and nothing of what crossed it: no
//! `x-ncp-*` value (access key, signature, timestamp), no path identifier or query, no byte of
//! the request body or of the upstream's partial answer.
//!
//! One test in this binary, so that the captured log holds only its own requests.

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

const ACCESS_KEY: &str = "NCPLOGTESTACCESSKEY77";
const SECRET_KEY: &str = "LogTestSecretKey-9fQ2mZ7xW4vR1pK8sT3u";
const TIMESTAMP_MS: u64 = 1_712_345_678_901;
const PATH: &str = "/api/v1/ca/TAG-MARKER-5150/cert?pageNo=7&marker=QUERY-MARKER-42";
const BODY: &str = r#"{"x509Parameters":{"commonName":"BODY-MARKER.example"}}"#;
/// The upstream's partial answer: an NCP header and the start of a private key.
const PARTIAL_ANSWER: &str = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
    x-ncp-trace-id: UPSTREAM-TRACE-MARKER\r\nContent-Length: 4000\r\n\r\n\
    {\"data\":{\"privateKey\":\"-----BEGIN PRIVATE KEY-----\\nANSWER-MARKER";

#[tokio::test]
async fn the_log_after_a_502_names_the_failure_and_no_secret() {
    capture_logs();
    let credentials = Credentials::new(ACCESS_KEY, SECRET_KEY);
    let headers = signed_headers(&credentials, "POST", PATH, TIMESTAMP_MS);
    let failures = [
        Behaviour::Break {
            first: Vec::new(),
            reset: true,
        },
        Behaviour::Break {
            first: PARTIAL_ANSWER.as_bytes().to_vec(),
            reset: false,
        },
        Behaviour::Large {
            length: Some(8 * 1024 * 1024 + 1),
        },
    ];
    for failure in failures {
        let upstream = FakeUpstream::start(failure).await;
        let proxy = start_proxy(Some(&upstream), |_| {}).await;
        let mut request = client()
            .post(proxy.url(&format!("/ncp/public/private-ca{PATH}")))
            .header("content-type", "application/json")
            .body(BODY);
        for (name, value) in headers.pairs() {
            request = request.header(name, value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 502);
        // The signed headers did reach the upstream, so their absence below means something.
        let received = upstream.received();
        assert_eq!(
            received[0].header("x-ncp-apigw-signature-v2"),
            Some(headers.signature())
        );
        assert_eq!(received[0].body, BODY.as_bytes());
    }

    // The server logs the access line after answering: wait for all three.
    eventually(|| logs().matches("certkit_proxy::access").count() >= 3).await;
    let log = logs();
    assert_eq!(log.matches("status=502").count(), 3, "{log}");
    // Each failure is logged as a warning with its cause, once.
    let warnings: Vec<&str> = log.lines().filter(|line| line.contains("WARN")).collect();
    let request_failed = warnings
        .iter()
        .filter(|line| line.contains("upstream request failed"))
        .count();
    let answer_failed: Vec<&&str> = warnings
        .iter()
        .filter(|line| line.contains("upstream answer failed"))
        .collect();
    assert_eq!(request_failed, 1, "{log}");
    assert_eq!(answer_failed.len(), 2, "{log}");
    assert!(
        answer_failed
            .iter()
            .any(|line| line.contains("length limit exceeded")),
        "the oversized answer is named as such: {log}"
    );
    for line in warnings.iter().filter(|line| {
        line.contains("upstream request failed") || line.contains("upstream answer failed")
    }) {
        assert!(
            line.contains(r#"site="public" service="private-ca""#) && line.contains("error="),
            "{line}"
        );
    }

    let timestamp = TIMESTAMP_MS.to_string();
    for never in [
        ACCESS_KEY,
        SECRET_KEY,
        headers.signature(),
        timestamp.as_str(),
        "TAG-MARKER",
        "QUERY-MARKER",
        "BODY-MARKER",
        "commonName",
        "UPSTREAM-TRACE-MARKER",
        "ANSWER-MARKER",
        "PRIVATE KEY",
    ] {
        assert!(!log.contains(never), "{never:?} appears in the log:\n{log}");
    }
}
