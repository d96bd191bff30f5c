//! The limits, each provoked over real sockets: 413, 502, 503, 504, 429.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{
    client, error_code, raw_request, raw_status, start_proxy, Behaviour, FakeUpstream, Proxy,
};
use std::time::Duration;

use certkit_proxy::RateLimit;

const ISSUE_PATH: &str = "/ncp/public/private-ca/api/v1/ca/tag1/cert";

/// `GET /api/v1/ca` (list CAs) through the proxy.
async fn list_cas(proxy: &Proxy) -> reqwest::Response {
    client()
        .get(proxy.url("/ncp/public/private-ca/api/v1/ca"))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn body_over_the_cap_is_413_and_not_forwarded() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |config| config.max_body = 1024).await;
    let http = client();

    let at_cap = http
        .post(proxy.url(ISSUE_PATH))
        .body(vec![b'a'; 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(at_cap.status(), 200, "a body of exactly the cap is fine");

    let over = http
        .post(proxy.url(ISSUE_PATH))
        .body(vec![b'a'; 1025])
        .send()
        .await
        .unwrap();
    assert_eq!(over.status(), 413);
    assert_eq!(error_code(over).await, "bodyTooLarge");

    // Chunked (no Content-Length): caught while reading.
    let chunk = "b".repeat(400);
    let chunked = format!(
        "POST {ISSUE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n\
         190\r\n{chunk}\r\n190\r\n{chunk}\r\n190\r\n{chunk}\r\n0\r\n\r\n"
    );
    let response = raw_request(proxy.addr, chunked.as_bytes()).await;
    assert_eq!(raw_status(&response), 413, "{response}");
    assert!(response.contains("\"bodyTooLarge\""), "{response}");

    assert_eq!(
        upstream.received().len(),
        1,
        "only the body at the cap went through"
    );
}

#[tokio::test]
async fn unreachable_upstream_is_502() {
    // Bind a port, then close it: nothing listens there any more.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_addr = closed.local_addr().unwrap();
    drop(closed);
    let proxy = start_proxy(None, |config| {
        config.upstream_override = Some(format!("http://{closed_addr}"));
    })
    .await;
    let response = list_cas(&proxy).await;
    assert_eq!(response.status(), 502);
    assert_eq!(error_code(response).await, "upstreamUnreachable");
}

#[tokio::test]
async fn concurrency_cap_answers_503_at_once() {
    let upstream = FakeUpstream::start(Behaviour::Hold).await;
    let proxy = start_proxy(Some(&upstream), |config| config.max_concurrent = 1).await;
    let http = client();
    let first = tokio::spawn(
        http.get(proxy.url("/ncp/public/private-ca/api/v1/ca"))
            .send(),
    );
    // The first request now holds the only slot, parked at the upstream.
    upstream.next_arrival().await;
    let second = http
        .get(proxy.url("/ncp/public/private-ca/api/v1/ca?second"))
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), 503);
    assert_eq!(error_code(second).await, "overloaded");
    assert_eq!(
        upstream.received().len(),
        1,
        "the second request was not queued upstream"
    );

    upstream.release();
    let first = first.await.unwrap().unwrap();
    assert_eq!(first.status(), 200);
    // The slot is free again.
    let third = list_cas(&proxy).await;
    assert_eq!(third.status(), 200);
}

#[tokio::test]
async fn slow_upstream_is_504() {
    // Holds every request until released, which this test never does.
    let upstream = FakeUpstream::start(Behaviour::Hold).await;
    let proxy = start_proxy(Some(&upstream), |config| {
        config.upstream_timeout = Duration::from_millis(300);
    })
    .await;
    let response = list_cas(&proxy).await;
    assert_eq!(response.status(), 504);
    assert_eq!(error_code(response).await, "upstreamTimeout");
    assert_eq!(
        upstream.received().len(),
        1,
        "the request did reach the upstream"
    );
}

#[tokio::test]
async fn per_client_rate_limit_is_429() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |config| {
        // Three at once, then one token every 1000 s: the refill cannot reach this test.
        config.rate_limit = Some(RateLimit {
            per_second: 0.001,
            burst: 3,
        });
    })
    .await;
    let http = client();
    for _ in 0..3 {
        let response = list_cas(&proxy).await;
        assert_eq!(response.status(), 200);
    }
    let limited = list_cas(&proxy).await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    assert_eq!(error_code(limited).await, "rateLimited");
    assert_eq!(upstream.received().len(), 3);
    // The static app is not rate limited.
    let page = http.get(proxy.url("/")).send().await.unwrap();
    assert_ne!(page.status(), 429);
}
