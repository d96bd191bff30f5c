//! The proxy's defences against slow and greedy clients, hostile pages and a misbehaving
//! upstream, each provoked over real sockets: slow heads closed, the connection cap, the rate
//! limiter's bounded memory, navigations from other sites, the API answers' CSP, upstream redirects and renderable
//! content types, plain HTTP beyond loopback refused, and TLS served from PEM files made by
//! the sandbox's own PKI code.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use certkit_proxy::RateLimit;
use certkit_sandbox::guard::MAX_TRACKED_CLIENTS;
use common::{
    client, error_code, raw_request, raw_request_from, raw_status, start_proxy, without_hanging,
    Behaviour, FakeUpstream,
};
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const LIST_PATH: &str = "/ncp/public/private-ca/api/v1/ca";
const API_CSP: &str = "default-src 'none'; sandbox; frame-ancestors 'none'";

/// Reads until the peer closes the connection; what it sent before that.
async fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return received,
            Ok(n) => received.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test]
async fn a_head_that_never_completes_is_closed_after_the_header_timeout() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |config| {
        config.header_timeout = Duration::from_millis(500);
    })
    .await;
    // Slowloris: a request line and one header, then nothing more.
    let mut slow = TcpStream::connect(proxy.addr).await.unwrap();
    slow.write_all(format!("GET {LIST_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n").as_bytes())
        .await
        .unwrap();
    let answer = without_hanging(
        "the proxy holding a connection whose head never ends",
        read_until_closed(&mut slow),
    )
    .await;
    // hyper closes without an answer (or with a 408); never a forward.
    let text = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || text.starts_with("HTTP/1.1 408"),
        "{text}"
    );
    // An idle kept-alive connection is closed the same way.
    let mut idle = TcpStream::connect(proxy.addr).await.unwrap();
    without_hanging("an idle connection", read_until_closed(&mut idle)).await;
    assert!(upstream.received().is_empty());
    // A prompt client is unaffected.
    let prompt = client().get(proxy.url(LIST_PATH)).send().await.unwrap();
    assert_eq!(prompt.status(), 200);
}

#[tokio::test]
async fn a_connection_over_the_cap_gets_503_overloaded_and_the_slot_comes_back() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |config| config.max_connections = 2).await;
    let first = TcpStream::connect(proxy.addr).await.unwrap();
    let second = TcpStream::connect(proxy.addr).await.unwrap();
    // The cap is counted at accept; give the proxy both connections before the third.
    let mut third = TcpStream::connect(proxy.addr).await.unwrap();
    third
        .write_all(format!("GET {LIST_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let refused = String::from_utf8_lossy(
        &without_hanging("the over-cap refusal", read_until_closed(&mut third)).await,
    )
    .into_owned();
    assert_eq!(raw_status(&refused), 503, "{refused}");
    assert!(refused.contains(r#""code":"overloaded""#), "{refused}");
    assert!(refused.contains("--max-connections"), "{refused}");
    assert!(
        upstream.received().is_empty(),
        "the refused request was not read"
    );

    // Closing one of the two frees its slot.
    drop(first);
    let mut served = false;
    for _ in 0..500 {
        let response = raw_request(
            proxy.addr,
            format!("GET {LIST_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .await;
        if raw_status(&response) == 200 {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(served, "a slot was never freed");
    drop(second);
}

/// Client number `n` (from 0) of the crowd that pushes a client out of the rate limiter:
/// 127.1.0.1 onwards, away from the 127.0.0.x the tests' other clients use.
fn crowd_address(n: usize) -> IpAddr {
    let n = u32::try_from(n).unwrap() + 1;
    IpAddr::V4(Ipv4Addr::from(0x7f01_0000 + n))
}

/// The status of one `Connection: close` request for the CA list from `source`.
async fn list_status_from(proxy_addr: std::net::SocketAddr, source: IpAddr) -> u16 {
    let request =
        format!("GET {LIST_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    raw_status(&raw_request_from(source, proxy_addr, request.as_bytes()).await)
}

#[tokio::test]
async fn the_rate_limiter_forgets_the_least_recent_client_once_it_tracks_4096() {
    // The limiter's memory is bounded by forgetting its least recently seen client. Seen from
    // outside: a client refused for its rate is served again once 4096 other addresses have
    // come after it, and not before.
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |config| {
        // One request, then one token every 1000 s: the refill cannot reach this test.
        config.rate_limit = Some(RateLimit {
            per_second: 0.001,
            burst: 1,
        });
    })
    .await;
    let greedy = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
    assert_eq!(list_status_from(proxy.addr, greedy).await, 200);
    assert_eq!(list_status_from(proxy.addr, greedy).await, 429);

    // With the greedy client, the map now holds exactly MAX_TRACKED_CLIENTS: still remembered.
    let mut crowd = (0..).map(crowd_address);
    for source in crowd.by_ref().take(MAX_TRACKED_CLIENTS - 1) {
        assert_eq!(list_status_from(proxy.addr, source).await, 200, "{source}");
    }
    assert_eq!(
        list_status_from(proxy.addr, greedy).await,
        429,
        "forgotten too early"
    );

    // That refusal made it the most recent; MAX_TRACKED_CLIENTS newcomers push it out.
    for source in crowd.by_ref().take(MAX_TRACKED_CLIENTS) {
        assert_eq!(list_status_from(proxy.addr, source).await, 200, "{source}");
    }
    assert_eq!(
        list_status_from(proxy.addr, greedy).await,
        200,
        "a forgotten client starts again with a full bucket"
    );
    // Every crowd member was served in turn as it was forgotten; the first ones, long pushed
    // out, are served again too.
    assert_eq!(list_status_from(proxy.addr, crowd_address(0)).await, 200);
}

#[tokio::test]
async fn cross_site_navigations_to_ncp_are_refused_and_never_forwarded() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    let http = client();
    for site in ["cross-site", "same-site"] {
        let response = http
            .get(proxy.url(LIST_PATH))
            .header("sec-fetch-mode", "navigate")
            .header("sec-fetch-site", site)
            .header("sec-fetch-dest", "document")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{site}");
        assert_eq!(response.headers()["content-security-policy"], API_CSP);
        assert_eq!(error_code(response).await, "originNotAllowed", "{site}");
    }
    assert!(upstream.received().is_empty());
    // The app's own fetch, and a URL typed by the user, go through.
    for (mode, site) in [("cors", "same-origin"), ("navigate", "none")] {
        let response = http
            .get(proxy.url(LIST_PATH))
            .header("sec-fetch-mode", mode)
            .header("sec-fetch-site", site)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{mode} {site}");
    }
    assert_eq!(upstream.received().len(), 2);
}

#[tokio::test]
async fn api_answers_and_refusals_carry_the_api_csp_and_corp() {
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |_| {}).await;
    let http = client();
    let forwarded = http.get(proxy.url(LIST_PATH)).send().await.unwrap();
    let unknown = http
        .get(proxy.url("/ncp/mars/private-ca/api/v1/ca"))
        .send()
        .await
        .unwrap();
    let rebinding = http
        .get(proxy.url(LIST_PATH))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap();
    for (what, response, status) in [
        ("forwarded", forwarded, 200),
        ("unknown route", unknown, 404),
        ("host refused", rebinding, 403),
    ] {
        assert_eq!(response.status(), status, "{what}");
        let headers = response.headers();
        assert_eq!(headers["content-security-policy"], API_CSP, "{what}");
        assert_eq!(
            headers["cross-origin-resource-policy"], "same-origin",
            "{what}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
    }
}

#[tokio::test]
async fn an_upstream_redirect_is_neither_followed_nor_passed_on() {
    for status in [
        "301 Moved Permanently",
        "302 Found",
        "307 Temporary Redirect",
        "308 Permanent Redirect",
    ] {
        // The redirect points back at the fake upstream, so a follow would show as a second
        // request there.
        let upstream_port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let reply = format!(
            "HTTP/1.1 {status}\r\nLocation: http://127.0.0.1:{upstream_port}/api/v1/elsewhere\r\nContent-Type: text/html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        let upstream = FakeUpstream::start(Behaviour::Reply(reply)).await;
        let proxy = start_proxy(Some(&upstream), |_| {}).await;
        let response = client().get(proxy.url(LIST_PATH)).send().await.unwrap();
        assert_eq!(response.status(), 502, "{status}");
        assert!(!response.headers().contains_key("location"), "{status}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "upstreamFailed", "{status}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("redirect"),
            "{body}"
        );
        assert_eq!(upstream.received().len(), 1, "{status}: not followed");
    }
}

#[tokio::test]
async fn a_renderable_upstream_content_type_is_neutralised() {
    let page = "<html><script>alert(document.domain)</script></html>";
    for (sent, expected) in [
        ("text/html; charset=utf-8", "text/plain; charset=utf-8"),
        ("image/svg+xml", "text/plain; charset=utf-8"),
        (
            "application/json;charset=UTF-8",
            "application/json;charset=UTF-8",
        ),
        ("application/zip", "application/zip"),
    ] {
        let reply = format!(
            "HTTP/1.1 500 Internal Server Error\r\nContent-Type: {sent}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
            page.len()
        );
        let upstream = FakeUpstream::start(Behaviour::Reply(reply)).await;
        let proxy = start_proxy(Some(&upstream), |_| {}).await;
        let response = client().get(proxy.url(LIST_PATH)).send().await.unwrap();
        assert_eq!(response.status(), 500, "{sent}");
        assert_eq!(response.headers()["content-type"], expected, "{sent}");
        assert_eq!(response.headers()["content-security-policy"], API_CSP);
        assert_eq!(
            response.text().await.unwrap(),
            page,
            "the body is unchanged"
        );
    }
}

#[test]
fn plain_http_beyond_loopback_is_refused_at_start_naming_the_way_out() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_certkit-proxy"))
        .args(["--listen", "0.0.0.0:0", "--no-sandbox"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for needle in [
        "0.0.0.0:0",
        "not a loopback address",
        "--tls-cert",
        "--tls-key",
        "--plain-http-behind-tls-proxy",
    ] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
}

#[test]
fn the_start_line_names_the_bound_port_in_plain_text_when_piped() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_certkit-proxy"))
        .args(["--listen", "127.0.0.1:0", "--no-sandbox"])
        .env_remove("NO_COLOR")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let read = BufReader::new(child.stdout.take().unwrap()).read_line(&mut first);
    child.kill().expect("stop the child we started");
    let _ = child.wait();
    read.unwrap();
    assert!(first.contains("certkit-proxy listening"), "{first:?}");
    // Colour codes would end up in a log file (`cargo xtask serve` redirects the log).
    assert!(
        !first.contains('\u{1b}'),
        "colour codes in a piped log: {first:?}"
    );
    // With port 0 the system chose one; the line must say which.
    assert!(first.contains("url=http://127.0.0.1:"), "{first:?}");
    assert!(!first.contains("127.0.0.1:0/"), "{first:?}");
}

#[test]
fn unreadable_tls_files_are_refused_at_start_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("cert.pem");
    std::fs::write(&cert, "not a certificate").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_certkit-proxy"))
        .args(["--listen", "127.0.0.1:0", "--no-sandbox", "--tls-cert"])
        .arg(&cert)
        .arg("--tls-key")
        .arg(dir.path().join("missing-key.pem"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--tls-cert"), "{stderr}");
    assert!(stderr.contains("cert.pem"), "{stderr}");
}

#[tokio::test]
async fn tls_is_served_from_pem_files_made_by_the_sandbox_pki() {
    let identity = certkit_sandbox::localhost_tls_identity().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, &identity.cert_pem).unwrap();
    std::fs::write(&key, &identity.key_pem).unwrap();
    let upstream = FakeUpstream::start(Behaviour::Answer).await;
    let proxy = start_proxy(Some(&upstream), |config| {
        config.tls = Some(certkit_proxy::TlsFiles { cert, key });
    })
    .await;

    let trusting = reqwest::Client::builder()
        .no_proxy()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(reqwest::Certificate::from_pem(identity.ca_pem.as_bytes()).unwrap())
        .build()
        .unwrap();
    for host in ["localhost", "127.0.0.1"] {
        let origin = format!("https://{host}:{}", proxy.addr.port());
        let response = trusting
            .get(format!("{origin}{LIST_PATH}"))
            .header("origin", &origin)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{host}");
        // The proxy's own origin is the https one now.
        assert_eq!(
            response.headers()["access-control-allow-origin"],
            origin.as_str()
        );
    }
    assert_eq!(upstream.received().len(), 2);

    // Plain HTTP on the TLS port gets no answer.
    let plain = raw_request(
        proxy.addr,
        format!("GET {LIST_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    )
    .await;
    assert!(!plain.starts_with("HTTP/1.1 200"), "{plain}");
    // A client that does not trust the certificate fails the handshake.
    let untrusting = reqwest::Client::builder()
        .no_proxy()
        .use_rustls_tls()
        .build()
        .unwrap();
    assert!(untrusting
        .get(format!(
            "https://localhost:{}{LIST_PATH}",
            proxy.addr.port()
        ))
        .send()
        .await
        .is_err());
    assert_eq!(upstream.received().len(), 2);
}
