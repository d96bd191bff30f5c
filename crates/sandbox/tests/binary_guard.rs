//! The standalone `certkit-sandbox` binary guards itself like the proxy does in front of its
//! mount, over real sockets: a foreign `Host` (DNS rebinding) and a foreign `Origin` are
//! refused, its own origins and `--allow-origin` ones are served, and a client over the rate
//! limit gets 429.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// The binary on a free loopback port, stopped when dropped.
struct Running {
    child: Child,
    port: u16,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Running {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_certkit-sandbox"))
        .args(["--listen", &listen])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // It prints its URL once it listens; the rest of its output is drained (a closed pipe
    // would fail its next print).
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.contains("listening on"), "{first}");
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    Running { child, port }
}

#[tokio::test]
async fn foreign_hosts_and_origins_are_refused_allowed_ones_served() {
    let running = start(&["--allow-origin", "https://App.Example:8443/"]);
    let url = format!("http://127.0.0.1:{}/demo/credentials", running.port);
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let send = |headers: Vec<(&'static str, String)>| {
        let mut request = http.get(&url);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        request.send()
    };
    let own = format!("http://127.0.0.1:{}", running.port);
    for (what, headers, status) in [
        ("no Origin (curl, Node)", vec![], 200),
        ("its own origin", vec![("origin", own.clone())], 200),
        (
            "localhost by name",
            vec![("host", format!("localhost:{}", running.port))],
            200,
        ),
        (
            "an --allow-origin origin",
            vec![("origin", "https://app.example:8443".to_string())],
            200,
        ),
        (
            "that origin's host",
            vec![("host", "app.example:8443".to_string())],
            200,
        ),
        (
            "another site's page",
            vec![("origin", "https://evil.example".to_string())],
            403,
        ),
        (
            "a rebound DNS name",
            vec![("host", format!("evil.example:{}", running.port))],
            403,
        ),
    ] {
        let response = send(headers).await.unwrap();
        assert_eq!(response.status(), status, "{what}");
        if status == 403 {
            let body: serde_json::Value = response.json().await.unwrap();
            let message = body["error"].as_str().unwrap();
            assert!(message.contains("--allow-origin"), "{what}: {message}");
        }
    }
}

#[tokio::test]
async fn a_client_over_the_rate_limit_gets_429() {
    let running = start(&["--rate-limit", "0.5", "--rate-burst", "3"]);
    let url = format!("http://127.0.0.1:{}/demo/credentials", running.port);
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(http.get(&url).send().await.unwrap().status().as_u16());
    }
    // A burst of 3, refilled at one request per 2 s: the 4th and 5th are refused.
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    let refused = http.get(&url).send().await.unwrap();
    assert_eq!(refused.headers()["retry-after"], "1");
}
