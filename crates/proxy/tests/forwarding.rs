//! What crosses the proxy to NCP and back, and the SSRF attempts it refuses, over real
//! sockets with a fake upstream that records every byte it receives.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{
    client, error_code, raw_request, raw_status, start_proxy, Behaviour, FakeUpstream,
    UPSTREAM_BODY, UPSTREAM_DATE,
};

/// Headers NCP may receive: the allowed ones, plus what HTTP itself needs.
const ALLOWED_UPSTREAM_HEADERS: [&str; 8] = [
    "x-ncp-apigw-timestamp",
    "x-ncp-iam-access-key",
    "x-ncp-apigw-signature-v2",
    "x-ncp-apigw-signature-v1",
    "content-type",
    "accept",
    "host",
    "content-length",
];

#[tokio::test]
async fn only_allowed_headers_reach_the_upstream_and_host_is_the_upstreams() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    let response = client()
        .post(proxy.url("/ncp/public/private-ca/api/v1/ca/tag1/cert"))
        .header("x-ncp-apigw-timestamp", "1700000000000")
        .header("x-ncp-iam-access-key", "AKIDEXAMPLE")
        .header("x-ncp-apigw-signature-v2", "c2lnbmF0dXJlLXYy")
        .header("x-ncp-apigw-signature-v1", "c2lnbmF0dXJlLXYx")
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .header("cookie", "session=abc; ncp=secret-cookie")
        .header("authorization", "Bearer some-token")
        .header("origin", format!("http://{}", proxy.addr))
        .header("referer", "http://127.0.0.1/page")
        .header("x-forwarded-for", "203.0.113.9")
        .header("x-forwarded-host", "evil.example")
        .header("forwarded", "for=203.0.113.9;host=evil.example")
        .header("x-real-ip", "203.0.113.9")
        .header("x-ncp-extra", "not-on-the-list")
        .header("user-agent", "test-agent")
        .body(r#"{"x509Parameters":{"commonName":"name000"}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), UPSTREAM_BODY);

    let received = upstream.received();
    assert_eq!(received.len(), 1);
    let request = &received[0];
    for name in request.header_names() {
        assert!(
            ALLOWED_UPSTREAM_HEADERS.contains(&name),
            "header {name:?} reached the upstream: {:?}",
            request.headers
        );
    }
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.header("x-ncp-apigw-timestamp"),
        Some("1700000000000")
    );
    assert_eq!(request.header("x-ncp-iam-access-key"), Some("AKIDEXAMPLE"));
    assert_eq!(
        request.header("x-ncp-apigw-signature-v2"),
        Some("c2lnbmF0dXJlLXYy")
    );
    assert_eq!(
        request.header("x-ncp-apigw-signature-v1"),
        Some("c2lnbmF0dXJlLXYx")
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(
        request.header("host"),
        Some(upstream.addr.to_string().as_str())
    );
    assert_eq!(
        request.body,
        br#"{"x509Parameters":{"commonName":"name000"}}"#
    );
    let raw = String::from_utf8_lossy(&request.raw).to_ascii_lowercase();
    for leaked in [
        "secret-cookie",
        "session=abc",
        "bearer",
        "203.0.113.9",
        "evil.example",
        "referer",
        "test-agent",
        "not-on-the-list",
    ] {
        assert!(
            !raw.contains(leaked),
            "{leaked:?} reached the upstream:\n{raw}"
        );
    }
}

#[tokio::test]
async fn response_carries_status_type_body_date_and_ncp_headers_only() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    let response = client()
        .get(proxy.url("/ncp/public/private-ca/api/v1/ca"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/json;charset=UTF-8");
    assert_eq!(headers["date"], UPSTREAM_DATE);
    assert_eq!(headers["x-ncp-trace-id"], "trace-123");
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert!(
        headers.get("set-cookie").is_none(),
        "upstream cookie passed back"
    );
    assert!(
        headers.get("x-powered-by").is_none(),
        "other upstream header passed back"
    );
    // The API answer's own CSP, not the app's (hardening.rs checks it on every kind of answer).
    assert_eq!(
        headers["content-security-policy"],
        certkit_proxy::API_CONTENT_SECURITY_POLICY
    );
    assert_eq!(response.text().await.unwrap(), UPSTREAM_BODY);
}

#[tokio::test]
async fn path_and_query_arrive_byte_identical() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    let targets = [
        ("POST", "/api/v1/ca/tag/cert/1A:2B:3C/revoke"),
        ("GET", "/api/v1/ca/a1b2c3/cert/7F:00:AB:CD:EF:01:23:45"),
        ("GET", "/api/v1/ca?pageNo=2"),
        ("POST", "/api/v1/ca?caType=PRIVATE_SUB&issuerTag=ab12cd"),
        ("GET", "/api/v1/ca/tag%2541/cert"),
        ("GET", "/api/v1/ca/My%20CA%3A1/chain"),
        (
            "GET",
            "/api/v1/ca/tag/cert?serial=1A%3A2B%3a3C&x=%2F%25&empty=",
        ),
        ("DELETE", "/api/v1/ca/tag"),
        ("PUT", "/api/v1/ca/tag?x=a:b,c;d"),
        (
            "GET",
            "/api/v2/certificate/getVerificationInfo/1234?domainAddress=%2A.example.com",
        ),
        ("GET", "/api/v1/ca/%7Etag/sub/csr?"),
        // `..` inside a segment is a valid caTag (certkit-core), not a dot segment.
        ("GET", "/api/v1/ca/a..b/cert"),
        ("GET", "/api/v1/ca/a%2E%2Eb/cert"),
    ];
    for (method, target) in targets {
        let service = if target.starts_with("/api/v2") {
            "certificate-manager"
        } else {
            "private-ca"
        };
        // Raw socket: no client library may normalise the target on the way in.
        let request = format!(
            "{method} /ncp/public/{service}{target} HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            proxy.addr
        );
        let response = raw_request(proxy.addr, request.as_bytes()).await;
        assert_eq!(raw_status(&response), 200, "{target}: {response}");
        let received = upstream.received();
        let last = received.last().unwrap();
        assert_eq!(last.method, method);
        assert_eq!(last.target, target, "target changed on the way");
    }
    assert_eq!(upstream.received().len(), targets.len());
}

#[tokio::test]
async fn host_spoofing_and_forwarding_headers_do_not_move_the_upstream() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    // A host name the proxy does not serve (DNS rebinding): refused outright.
    let request = "GET /ncp/public/private-ca/api/v1/ca HTTP/1.1\r\nHost: evil.example\r\n\
                   Connection: close\r\n\r\n";
    let response = raw_request(proxy.addr, request.as_bytes()).await;
    assert_eq!(raw_status(&response), 403, "{response}");
    assert!(response.contains("\"hostNotAllowed\""), "{response}");
    assert!(upstream.received().is_empty());

    // An IP-literal Host (served) plus forwarding headers naming another host: the request
    // still goes to the configured upstream, with the upstream's own Host.
    let request = "GET /ncp/public/private-ca/api/v1/ca HTTP/1.1\r\nHost: 203.0.113.5:443\r\n\
                   X-Forwarded-Host: evil.example\r\nX-Original-URL: http://evil.example/\r\n\
                   X-Rewrite-URL: //evil.example/x\r\nForwarded: host=evil.example\r\n\
                   Connection: close\r\n\r\n";
    let response = raw_request(proxy.addr, request.as_bytes()).await;
    assert_eq!(raw_status(&response), 200, "{response}");
    let received = upstream.received();
    assert_eq!(
        received.len(),
        1,
        "the request went to the configured upstream"
    );
    assert_eq!(received[0].target, "/api/v1/ca");
    assert_eq!(
        received[0].header("host"),
        Some(upstream.addr.to_string().as_str())
    );
    let raw = String::from_utf8_lossy(&received[0].raw).into_owned();
    assert!(
        !raw.contains("evil") && !raw.contains("203.0.113.5"),
        "{raw}"
    );
}

#[tokio::test]
async fn absolute_form_targets_are_refused() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    for target in [
        "http://evil.example/",
        "http://evil.example/ncp/public/private-ca/api/v1/ca",
        &format!("http://{}/ncp/public/private-ca/api/v1/ca", upstream.addr),
        "https://pca.apigw.ntruss.com/ncp/public/private-ca/api/v1/ca",
    ] {
        let request =
            format!("GET {target} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        let response = raw_request(proxy.addr, request.as_bytes()).await;
        assert_eq!(raw_status(&response), 400, "{target}: {response}");
        assert!(response.contains("\"absoluteTarget\""), "{response}");
    }
    let connect = "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n";
    let response = raw_request(proxy.addr, connect.as_bytes()).await;
    assert!(
        matches!(raw_status(&response), 400 | 405),
        "CONNECT: {response}"
    );
    assert!(upstream.received().is_empty(), "something was forwarded");
}

#[tokio::test]
async fn unsafe_upstream_paths_are_refused() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    let attempts = [
        // `@` would turn the base into user info if the proxy built URLs by concatenation.
        "/api@evil.example/x",
        "/api/v1@evil.example",
        "/api/v1/%40evil.example",
        // Backslashes (some URL parsers read them as `/`).
        "/api/v1\\..\\..\\x",
        "/api/v1/%5Cevil",
        "/api/v1/%255Cevil",
        // Dot segments, plain, encoded, double-encoded, mixed case.
        "/api/v1/../../admin",
        "/api/v1/%2e%2e/%2e%2e/admin",
        "/api/v1/%2E%2E/admin",
        "/api/v1/.%2e/admin",
        "/api/v1/%252e%252e/admin",
        "/api/v1/%252E%252E/admin",
        "/api/v1/./ca",
        "/api/v1/ca/../x",
        "/api/v1/ca/%2e%2e/",
        "/api/v1/ca/%252e%252e/",
        "/api/v1/ca/..",
        // Encoded slashes.
        "/api/v1%2F..%2Fadmin",
        "/api/v1/ca%2fx",
        "/api/v1/ca%252Fx",
        // Encoded CR/LF (header injection towards the upstream) and NUL.
        "/api/v1/ca%0D%0AHost:%20evil.example",
        "/api/v1/ca%250d%250aX:y",
        "/api/v1/ca%00",
        "/api/v1/ca?x=%0d%0aHost:%20evil.example",
        // Not an API path.
        "",
        "/",
        "/admin",
        "/apix/v1",
        "//evil.example/api/v1/ca",
    ];
    for attempt in attempts {
        let request = format!(
            "GET /ncp/public/private-ca{attempt} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            proxy.addr
        );
        let response = raw_request(proxy.addr, request.as_bytes()).await;
        assert_eq!(raw_status(&response), 400, "{attempt:?}: {response}");
        assert!(
            response.contains("\"pathRefused\""),
            "{attempt:?}: {response}"
        );
    }
    assert!(upstream.received().is_empty(), "something was forwarded");
}

#[tokio::test]
async fn crlf_in_headers_or_target_never_reaches_the_upstream() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    // A bare CR inside a header value: hyper refuses the request.
    let bare_cr = "GET /ncp/public/private-ca/api/v1/ca HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                   x-ncp-iam-access-key: AK\rHost: evil.example\r\nConnection: close\r\n\r\n";
    let response = raw_request(proxy.addr, bare_cr.as_bytes()).await;
    assert_eq!(raw_status(&response), 400, "bare CR: {response}");
    // Raw CR/LF in the request target splits the request line: refused.
    let in_target = "GET /ncp/public/private-ca/api/v1/ca\r\nHost: evil.example HTTP/1.1\r\n\
                     Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
    let response = raw_request(proxy.addr, in_target.as_bytes()).await;
    assert_eq!(raw_status(&response), 400, "CRLF in target: {response}");
    assert!(
        upstream.received().is_empty(),
        "a malformed request was forwarded"
    );

    // A bare LF ends a header line for lenient parsers; whatever it smuggles in is a
    // separate header, which the allow list drops; the value itself stays clean.
    let bare_lf = "GET /ncp/public/private-ca/api/v1/ca HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                   x-ncp-iam-access-key: AK\nX-Injected: evil\r\nConnection: close\r\n\r\n";
    let response = raw_request(proxy.addr, bare_lf.as_bytes()).await;
    let status = raw_status(&response);
    assert!(status == 400 || status == 200, "bare LF: {response}");
    for request in upstream.received() {
        let raw = String::from_utf8_lossy(&request.raw).to_ascii_lowercase();
        assert!(!raw.contains("x-injected"), "{raw}");
        assert!(!raw.contains("evil"), "{raw}");
        assert_eq!(request.header("x-ncp-iam-access-key"), Some("AK"));
    }
}

#[tokio::test]
async fn unknown_sites_services_and_pairs_the_table_lacks_are_404() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    let http = client();
    for path in [
        "/ncp/evil.example/private-ca/api/v1/ca",
        "/ncp/127.0.0.1/private-ca/api/v1/ca",
        "/ncp/public/evil.example/api/v1/ca",
        "/ncp/public/dns/api/v1/ca",
        "/ncp/PUBLIC/private-ca/api/v1/ca",
        "/ncp/public",
        "/ncp",
        // Pairs the site table lacks.
        "/ncp/fin/private-ca/api/v1/ca",
        // Certificate Manager API v2 exists on the public site only.
        "/ncp/gov/certificate-manager/api/v2/certificate/requestCertificateIssuance",
        "/ncp/fin/certificate-manager/api/v2/certificate/requestCertificateIssuance",
    ] {
        let response = http.get(proxy.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{path}"
        );
        assert_eq!(error_code(response).await, "unknownRoute", "{path}");
    }
    assert!(upstream.received().is_empty());
    // The pairs that exist are forwarded.
    for path in [
        "/ncp/gov/private-ca/api/v1/ca",
        "/ncp/gov/certificate-manager/api/v1/x",
        "/ncp/fin/certificate-manager/api/v1/x",
        "/ncp/public/certificate-manager/api/v2/certificate/getCertificates",
    ] {
        let response = http.get(proxy.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
    }
    assert_eq!(upstream.received().len(), 4);
}

#[tokio::test]
async fn other_methods_are_refused() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    for method in ["PATCH", "TRACE", "HEAD"] {
        let response = client()
            .request(
                reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
                proxy.url("/ncp/public/private-ca/api/v1/ca"),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 405, "{method}");
    }
    assert!(upstream.received().is_empty());
}
