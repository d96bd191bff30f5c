//! The failure paths of a forward, over real sockets: a request body that stalls or breaks
//! off, an upstream that breaks the connection or stalls mid-answer, and answers around the
//! 8 MiB cap. Each ends in the documented JSON refusal, never a hang, a partial forward or an
//! unbounded buffer.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{
    client, error_code, raw_request, raw_request_then_close, raw_status, start_proxy,
    without_hanging, Behaviour, FakeUpstream, Proxy,
};
use std::time::Duration;

const ISSUE_PATH: &str = "/ncp/public/private-ca/api/v1/ca/tag1/cert";
const LIST_PATH: &str = "/ncp/public/private-ca/api/v1/ca";
/// The documented cap on an upstream answer.
const MAX_ANSWER: usize = 8 * 1024 * 1024;

/// The body of a proxy response on a raw connection (after the head).
fn raw_body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

/// `Content-Length: 100` with 10 bytes of it, and a chunked body cut inside a chunk.
fn partial_bodies() -> [(&'static str, String); 2] {
    [
        (
            "content-length",
            format!(
                "POST {ISSUE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
                 Content-Length: 100\r\n\r\n{{\"partial\":"
            ),
        ),
        (
            "chunked",
            format!(
                "POST {ISSUE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
                 Transfer-Encoding: chunked\r\n\r\n20\r\n{{\"partial\":"
            ),
        ),
    ]
}

/// After a refused request: one complete request goes through, and it is the first and only
/// connection the upstream ever saw. (Connections are accepted in order, so a partial forward
/// started by the refused request would have been counted first.)
async fn assert_nothing_was_forwarded(proxy: &Proxy, upstream: &FakeUpstream, case: &str) {
    let follow_up = client()
        .get(proxy.url(&format!("{LIST_PATH}?follow-up")))
        .send()
        .await
        .unwrap();
    assert_eq!(follow_up.status(), 200, "{case}");
    let received = upstream.received();
    assert_eq!(upstream.connections(), 1, "{case}: {received:?}");
    assert_eq!(received.len(), 1, "{case}: {received:?}");
    assert_eq!(received[0].target, "/api/v1/ca?follow-up", "{case}");
}

#[tokio::test]
async fn a_stalled_request_body_is_refused_with_400_and_never_forwarded() {
    for (case, request) in partial_bodies() {
        let upstream = FakeUpstream::start(Behaviour::Answer).await;
        // The body's own time limit (--body-timeout), short so the test is quick; the
        // upstream timeout stays long, so only the body timeout can answer.
        let proxy = start_proxy(Some(&upstream), |config| {
            config.body_timeout = Duration::from_millis(300);
        })
        .await;
        // Head and part of the body, then the client sends nothing more but stays connected.
        let response = without_hanging(
            "the proxy waiting on a stalled request body",
            raw_request(proxy.addr, request.as_bytes()),
        )
        .await;
        assert_eq!(raw_status(&response), 400, "{case}: {response}");
        assert!(
            raw_body(&response).contains(r#""code":"bodyUnreadable""#),
            "{case}: {response}"
        );
        assert!(
            raw_body(&response).contains("did not arrive in time"),
            "{case}: {response}"
        );
        assert_nothing_was_forwarded(&proxy, &upstream, case).await;
    }
}

#[tokio::test]
async fn a_request_body_that_breaks_off_is_refused_with_400_and_never_forwarded() {
    for (case, request) in partial_bodies() {
        let upstream = FakeUpstream::start(Behaviour::Answer).await;
        // The default (30 s) body time limit: the close, not the clock, must end the read.
        let proxy = start_proxy(Some(&upstream), |_| {}).await;
        let response = without_hanging(
            "the proxy reading a request body that broke off",
            raw_request_then_close(proxy.addr, request.as_bytes()),
        )
        .await;
        assert_eq!(raw_status(&response), 400, "{case}: {response}");
        assert!(
            raw_body(&response).contains(r#""code":"bodyUnreadable""#),
            "{case}: {response}"
        );
        assert!(
            raw_body(&response).contains("broke off"),
            "{case}: {response}"
        );
        assert_nothing_was_forwarded(&proxy, &upstream, case).await;
    }
}

/// Part of an answer that must never reach the client on its own.
const PARTIAL_ANSWER: &str =
    r#"{"code":"SUCCESS","data":{"privateKey":"-----BEGIN PRIVATE KEY-----PARTIAL"#;

/// Ways for an upstream to break the connection: before answering and mid-answer, with a
/// reset and with a plain close.
fn breaks() -> Vec<(&'static str, Behaviour)> {
    let declared_longer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{PARTIAL_ANSWER}"
    );
    let unfinished_chunks = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{PARTIAL_ANSWER}\r\n",
        PARTIAL_ANSWER.len()
    );
    vec![
        (
            "reset before answering",
            Behaviour::Break {
                first: Vec::new(),
                reset: true,
            },
        ),
        (
            "closed before answering",
            Behaviour::Break {
                first: Vec::new(),
                reset: false,
            },
        ),
        (
            "reset mid-answer",
            Behaviour::Break {
                first: declared_longer.clone().into_bytes(),
                reset: true,
            },
        ),
        (
            "closed mid-answer (Content-Length not reached)",
            Behaviour::Break {
                first: declared_longer.into_bytes(),
                reset: false,
            },
        ),
        (
            "closed mid-answer (no last chunk)",
            Behaviour::Break {
                first: unfinished_chunks.into_bytes(),
                reset: false,
            },
        ),
    ]
}

#[tokio::test]
async fn an_upstream_that_breaks_the_connection_is_502_upstream_failed() {
    for (case, behaviour) in breaks() {
        let upstream = FakeUpstream::start(behaviour).await;
        let proxy = start_proxy(Some(&upstream), |_| {}).await;
        let response = without_hanging(
            case,
            client()
                .post(proxy.url(ISSUE_PATH))
                .header("content-type", "application/json")
                .body(r#"{"x509Parameters":{"commonName":"name000"}}"#)
                .send(),
        )
        .await
        .unwrap();
        assert_eq!(response.status(), 502, "{case}");
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{case}"
        );
        let body = response.text().await.unwrap();
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["error"]["code"], "upstreamFailed", "{case}: {body}");
        assert!(
            json["error"]["message"]
                .as_str()
                .is_some_and(|message| message.contains("broke off")),
            "{case}: {body}"
        );
        assert!(
            !body.contains("PARTIAL"),
            "{case}: partial answer passed on: {body}"
        );
        assert_eq!(
            upstream.received().len(),
            1,
            "{case}: the request was sent once"
        );
    }
}

#[tokio::test]
async fn an_upstream_that_stalls_mid_answer_is_504() {
    let head_and_part = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{PARTIAL_ANSWER}"
    );
    let upstream = FakeUpstream::start(Behaviour::StallAfter(head_and_part.into_bytes())).await;
    let proxy = start_proxy(Some(&upstream), |config| {
        config.upstream_timeout = Duration::from_millis(300);
    })
    .await;
    let response = without_hanging(
        "the proxy waiting on a stalled answer",
        client().get(proxy.url(LIST_PATH)).send(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 504);
    let body = response.text().await.unwrap();
    assert!(body.contains(r#""code":"upstreamTimeout""#), "{body}");
    assert!(!body.contains("PARTIAL"), "{body}");
}

#[tokio::test]
async fn an_answer_of_exactly_8_mib_is_passed_on_whole() {
    let upstream = FakeUpstream::start(Behaviour::Large {
        length: Some(MAX_ANSWER),
    })
    .await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    let response = client().get(proxy.url(LIST_PATH)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body = response.bytes().await.unwrap();
    assert_eq!(body.len(), MAX_ANSWER);
    assert!(body.iter().all(|&byte| byte == b'a'));
}

#[tokio::test]
async fn an_answer_one_byte_over_8_mib_is_502_upstream_failed() {
    let upstream = FakeUpstream::start(Behaviour::Large {
        length: Some(MAX_ANSWER + 1),
    })
    .await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    let response = client().get(proxy.url(LIST_PATH)).send().await.unwrap();
    assert_eq!(response.status(), 502);
    let body = response.text().await.unwrap();
    assert!(body.contains(r#""code":"upstreamFailed""#), "{body}");
    assert!(body.contains("larger than 8 MiB"), "{body}");
    assert!(!body.contains("broke off"), "{body}");
}

#[tokio::test]
async fn an_endless_answer_is_cut_at_8_mib_not_buffered() {
    let upstream = FakeUpstream::start(Behaviour::Large { length: None }).await;
    // A proxy that kept buffering would only stop at the upstream timeout (504), so make that
    // far away: the 502 must come from the size cap.
    let proxy = start_proxy(Some(&upstream), |config| {
        config.upstream_timeout = Duration::from_secs(600);
    })
    .await;
    let response = without_hanging(
        "the proxy reading an endless answer",
        client().get(proxy.url(LIST_PATH)).send(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 502);
    assert_eq!(error_code(response).await, "upstreamFailed");
    // The proxy let go of the connection: the upstream's next writes fail and it stops.
    without_hanging(
        "the upstream still writing into the proxy's connection",
        upstream.large_answer_ended(),
    )
    .await;
    // What it managed to write is the cap plus what the two sockets' kernel buffers hold
    // (a few MiB on loopback), nowhere near what an unbounded read would have taken.
    let written = upstream.body_bytes_written();
    assert!(written >= MAX_ANSWER as u64, "{written}");
    assert!(
        written < (MAX_ANSWER + 32 * 1024 * 1024) as u64,
        "{written}"
    );
}
