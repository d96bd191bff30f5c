//! The sandbox mounted at `/sandbox` in the proxy's process: a certificate issued end to end
//! with a request built and signed by certkit-core, and the proxy's limits and CORS on it.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use certkit_core::operation::{IssueEndCert, Operation, OperationKind, X509Parameters};
use certkit_core::request::{Request, Target};
use certkit_core::response::{parse_response, ResponseData};
use certkit_core::signing::Credentials;
use certkit_proxy::ProxyConfig;
use certkit_sandbox::{DEMO_MAIN_ACCESS_KEY, DEMO_MAIN_SECRET_KEY};
use common::{client, error_code, Proxy};
use std::time::{SystemTime, UNIX_EPOCH};
use x509_cert::der::DecodePem;

async fn proxy_with_sandbox(adjust: impl FnOnce(&mut ProxyConfig)) -> Proxy {
    common::start_proxy(None, |config| {
        config.sandbox = true;
        adjust(config);
    })
    .await
}

fn now_ms() -> u64 {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    u64::try_from(since_epoch.as_millis()).unwrap()
}

#[tokio::test]
async fn a_certificate_is_issued_end_to_end_through_the_proxy() {
    let proxy = proxy_with_sandbox(|_| {}).await;
    let http = client();
    let demo: serde_json::Value = http
        .get(proxy.url("/sandbox/demo/credentials"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let issuing_ca = demo["caTags"]["issuing"].as_str().unwrap().to_string();

    let operation = Operation::from(IssueEndCert {
        ca_tag: issuing_ca,
        x509_parameters: X509Parameters::with_common_name("proxy-e2e.example.com"),
        ..IssueEndCert::default()
    });
    let target = Target::BaseUrl(format!("http://{}/sandbox", proxy.addr));
    let credentials = Credentials::new(DEMO_MAIN_ACCESS_KEY, DEMO_MAIN_SECRET_KEY);
    let request = Request::build(&operation, &target, &credentials, now_ms()).unwrap();
    assert!(request
        .url
        .starts_with(&format!("http://{}/sandbox/api/v1/ca/", proxy.addr)));

    let origin = format!("http://127.0.0.1:{}", proxy.addr.port());
    let mut outgoing = http
        .request(request.method.parse().unwrap(), &request.url)
        .header("origin", &origin);
    for (name, value) in &request.headers {
        outgoing = outgoing.header(name, value);
    }
    if let Some(body) = &request.body {
        outgoing = outgoing.body(body.clone());
    }
    let response = outgoing.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(headers["access-control-allow-origin"], origin.as_str());
    assert!(headers.contains_key("date"));
    assert_eq!(headers["cache-control"], "no-store");

    let ResponseData::IssueEndCert(issued) =
        parse_response(OperationKind::IssueEndCert, status, &body).unwrap()
    else {
        panic!("not an Issue End Cert answer: {body}");
    };
    assert!(issued.private_key.expose().contains("PRIVATE KEY-----"));
    assert!(issued.serial_no.contains(':'), "{}", issued.serial_no);
    let certificate = x509_cert::Certificate::from_pem(issued.certificate.as_bytes()).unwrap();
    let subject = certificate.tbs_certificate.subject.to_string();
    assert!(subject.contains("CN=proxy-e2e.example.com"), "{subject}");
}

#[tokio::test]
async fn a_wrong_signature_is_refused_by_the_sandbox_behind_the_proxy() {
    let proxy = proxy_with_sandbox(|_| {}).await;
    let operation = Operation::from(IssueEndCert {
        ca_tag: "1234567890-1234567890".into(),
        x509_parameters: X509Parameters::with_common_name("x.example.com"),
        ..IssueEndCert::default()
    });
    let target = Target::BaseUrl(format!("http://{}/sandbox", proxy.addr));
    let wrong = Credentials::new(DEMO_MAIN_ACCESS_KEY, "not-the-secret");
    let request = Request::build(&operation, &target, &wrong, now_ms()).unwrap();
    let origin = format!("http://127.0.0.1:{}", proxy.addr.port());
    let mut outgoing = client().post(&request.url).header("origin", origin);
    for (name, value) in &request.headers {
        outgoing = outgoing.header(name, value);
    }
    let response = outgoing
        .body(request.body.clone().unwrap_or_default())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn the_proxy_body_cap_and_cors_apply_to_the_sandbox() {
    let proxy = proxy_with_sandbox(|config| config.max_body = 512).await;
    let http = client();
    let response = http
        .post(proxy.url("/sandbox/api/v1/ca/1234567890-1234567890/cert"))
        .header("origin", format!("http://127.0.0.1:{}", proxy.addr.port()))
        .body(vec![b'x'; 513])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_eq!(error_code(response).await, "bodyTooLarge");

    let preflight = http
        .request(
            reqwest::Method::OPTIONS,
            proxy.url("/sandbox/api/v1/ca/1234567890-1234567890/cert"),
        )
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 403);
    assert!(!preflight
        .headers()
        .contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn with_the_sandbox_off_its_routes_are_404() {
    let proxy = common::start_proxy(None, |config| config.sandbox = false).await;
    let response = client()
        .get(proxy.url("/sandbox/demo/credentials"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(error_code(response).await, "unknownRoute");
}

#[tokio::test]
async fn state_changing_sandbox_requests_need_an_origin_or_same_origin_fetch_site() {
    let proxy = proxy_with_sandbox(|_| {}).await;
    let http = client();
    let own = format!("http://127.0.0.1:{}", proxy.addr.port());

    // No Origin, no Sec-Fetch-Site (an old browser's form, or a script): refused, nothing made.
    let bare = http
        .post(proxy.url("/sandbox/demo/pending-ca"))
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 403);
    assert_eq!(
        bare.headers()["content-security-policy"],
        certkit_proxy::API_CONTENT_SECURITY_POLICY
    );
    let body: serde_json::Value = bare.json().await.unwrap();
    assert_eq!(body["error"]["code"], "originNotAllowed");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Origin"),
        "{body}"
    );
    // A sibling subdomain's fetch is not same-origin either.
    let same_site = http
        .post(proxy.url("/sandbox/demo/pending-ca"))
        .header("sec-fetch-site", "same-site")
        .send()
        .await
        .unwrap();
    assert_eq!(same_site.status(), 403);

    // The app's own fetch (Origin, or only Sec-Fetch-Site: same-origin) goes through.
    for (name, value) in [("origin", own.as_str()), ("sec-fetch-site", "same-origin")] {
        let allowed = http
            .post(proxy.url("/sandbox/demo/pending-ca"))
            .header(name, value)
            .send()
            .await
            .unwrap();
        assert_eq!(allowed.status(), 200, "{name}: {value}");
    }
    // Reading needs neither.
    let read = http
        .get(proxy.url("/sandbox/demo/credentials"))
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    assert_eq!(
        read.headers()["content-security-policy"],
        certkit_proxy::API_CONTENT_SECURITY_POLICY
    );
    assert_eq!(
        read.headers()["cross-origin-resource-policy"],
        "same-origin"
    );
}

#[tokio::test]
async fn a_cross_site_navigation_to_the_sandbox_is_refused() {
    let proxy = proxy_with_sandbox(|_| {}).await;
    let http = client();
    for site in ["cross-site", "same-site"] {
        let response = http
            .get(proxy.url("/sandbox/demo/credentials"))
            .header("sec-fetch-mode", "navigate")
            .header("sec-fetch-site", site)
            .header("sec-fetch-dest", "document")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{site}");
        let body = response.text().await.unwrap();
        assert!(body.contains("originNotAllowed"), "{site}: {body}");
        assert!(!body.contains("secretKey"), "{site}: {body}");
    }
    // Typed into the address bar: served.
    let typed = http
        .get(proxy.url("/sandbox/demo/credentials"))
        .header("sec-fetch-mode", "navigate")
        .header("sec-fetch-site", "none")
        .send()
        .await
        .unwrap();
    assert_eq!(typed.status(), 200);
}
