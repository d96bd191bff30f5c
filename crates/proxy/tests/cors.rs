//! CORS: preflights answered by the proxy for its own origins and `--allow-origin` ones,
//! refused (403, no CORS headers) for any other origin.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{client, error_code, start_proxy, Behaviour, FakeUpstream};

const PATH: &str = "/ncp/public/private-ca/api/v1/ca/tag1/cert";

async fn preflight(url: &str, origin: &str) -> reqwest::Response {
    client()
        .request(reqwest::Method::OPTIONS, url)
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,x-ncp-apigw-timestamp,x-ncp-iam-access-key,x-ncp-apigw-signature-v2",
        )
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn preflight_from_allowed_origins_is_answered_by_the_proxy() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |config| {
        config.allow_origins = vec!["https://certkit.example.com".into()];
    })
    .await;
    let port = proxy.addr.port();
    for origin in [
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
        "https://certkit.example.com".to_string(),
    ] {
        let response = preflight(&proxy.url(PATH), &origin).await;
        assert_eq!(response.status(), 204, "{origin}");
        let headers = response.headers();
        assert_eq!(headers["access-control-allow-origin"], origin.as_str());
        let methods = headers["access-control-allow-methods"].to_str().unwrap();
        assert!(methods.contains("POST"), "{methods}");
        let allowed = headers["access-control-allow-headers"].to_str().unwrap();
        for name in [
            "content-type",
            "x-ncp-apigw-timestamp",
            "x-ncp-iam-access-key",
            "x-ncp-apigw-signature-v2",
        ] {
            assert!(allowed.contains(name), "{name} missing from {allowed}");
        }
        assert!(headers.contains_key("access-control-max-age"));
        assert_eq!(headers["vary"], "Origin");
    }
    assert!(
        upstream.received().is_empty(),
        "preflights must not reach NCP"
    );
}

#[tokio::test]
async fn preflight_and_requests_from_other_origins_are_refused() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    let port = proxy.addr.port();
    for origin in [
        "https://evil.example".to_string(),
        "null".to_string(),
        // Same host, another port or scheme: another origin.
        format!("http://127.0.0.1:{}", port.wrapping_add(1)),
        format!("https://127.0.0.1:{port}"),
        format!("http://127.0.0.1:{port}.evil.example"),
    ] {
        let response = preflight(&proxy.url(PATH), &origin).await;
        assert_eq!(response.status(), 403, "{origin}");
        assert!(
            !response
                .headers()
                .keys()
                .any(|name| name.as_str().starts_with("access-control-")),
            "CORS headers for {origin}: {:?}",
            response.headers()
        );
        assert_eq!(error_code(response).await, "originNotAllowed");

        let actual = client()
            .post(proxy.url(PATH))
            .header("origin", &origin)
            .header("content-type", "text/plain")
            .body("{}")
            .send()
            .await
            .unwrap();
        assert_eq!(actual.status(), 403, "{origin}");
        assert!(!actual.headers().contains_key("access-control-allow-origin"));
    }
    assert!(
        upstream.received().is_empty(),
        "a refused origin reached NCP"
    );
}

#[tokio::test]
async fn answers_to_allowed_origins_expose_date_and_ncp_headers() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    let origin = format!("http://localhost:{}", proxy.addr.port());
    let response = client()
        .post(proxy.url(PATH))
        .header("origin", &origin)
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers();
    assert_eq!(headers["access-control-allow-origin"], origin.as_str());
    let exposed = headers["access-control-expose-headers"].to_str().unwrap();
    assert!(exposed.contains("Date"), "{exposed}");
    assert!(exposed.contains("x-ncp-trace-id"), "{exposed}");
    assert!(!headers.contains_key("access-control-allow-credentials"));

    // The proxy's own refusals are readable by the page too.
    let refused = client()
        .get(proxy.url("/ncp/fin/private-ca/api/v1/ca"))
        .header("origin", &origin)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 404);
    assert_eq!(
        refused.headers()["access-control-allow-origin"],
        origin.as_str()
    );
}
