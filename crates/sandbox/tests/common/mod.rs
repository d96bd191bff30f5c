//! Shared test harness: a sandbox served over real HTTP on 127.0.0.1:0, signed requests built
//! with certkit-core, and certificate inspection with the `openssl` CLI (an independent tool).
#![allow(dead_code)]

pub mod contract;
/// certkit-core's loader of the OpenSSL signature vectors (one format, one parser).
#[path = "../../../core/tests/common/mod.rs"]
pub mod signature_vectors;

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use certkit_core::operation::Operation;
use certkit_core::request::{Request, Target};
use certkit_core::signing::{signed_headers, Credentials};
use certkit_sandbox::{
    Sandbox, SandboxConfig, DEMO_MAIN_ACCESS_KEY, DEMO_MAIN_SECRET_KEY, DEMO_SUB_ACCESS_KEY,
    DEMO_SUB_SECRET_KEY,
};
use serde_json::Value;

/// A sandbox served on its own thread and runtime, so it outlives each test's runtime.
pub struct Server {
    pub sandbox: Sandbox,
    pub base: String,
}

/// Starts a sandbox (optionally mounted under `prefix` with axum `nest`) on 127.0.0.1:0.
pub fn start(config: SandboxConfig, prefix: Option<&str>) -> Server {
    let sandbox = Sandbox::new(config).expect("sandbox starts");
    let router = match prefix {
        Some(prefix) => axum::Router::new().nest(prefix, sandbox.router()),
        None => sandbox.router(),
    };
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, router).await.expect("serve");
        });
    });
    Server {
        sandbox,
        base: format!("http://{addr}{}", prefix.unwrap_or("")),
    }
}

/// One sandbox shared by the tests of a binary that do not touch its clock. An activated
/// sub CA turns ACTIVE on the next request (no settle delay).
pub fn shared() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        start(
            SandboxConfig {
                settle_delay: Some(std::time::Duration::ZERO),
                ..SandboxConfig::default()
            },
            None,
        )
    })
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_millis() as u64
}

pub fn main_credentials() -> Credentials {
    Credentials::new(DEMO_MAIN_ACCESS_KEY, DEMO_MAIN_SECRET_KEY)
}

pub fn sub_credentials() -> Credentials {
    Credentials::new(DEMO_SUB_ACCESS_KEY, DEMO_SUB_SECRET_KEY)
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    /// The body as received (a ZIP for Download Certificate).
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }
}

/// Sends a request with the given headers and body.
pub async fn send(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<String>,
) -> Answer {
    let client = reqwest::Client::new();
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut request = client.request(method, url);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    if let Some(body) = body {
        request = request.body(body);
    }
    let response = request.send().await.expect("request reaches the sandbox");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.expect("body").to_vec();
    Answer {
        status,
        headers,
        text: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    }
}

/// Sends an operation built and signed by certkit-core's `Request::build`.
pub async fn send_operation(
    server: &Server,
    operation: &Operation,
    credentials: &Credentials,
) -> Answer {
    send_operation_at(server, operation, credentials, now_ms()).await
}

/// Sends an operation built by certkit-core and signed with the timestamp `at_ms`.
pub async fn send_operation_at(
    server: &Server,
    operation: &Operation,
    credentials: &Credentials,
    at_ms: u64,
) -> Answer {
    let request = Request::build(
        operation,
        &Target::BaseUrl(server.base.clone()),
        credentials,
        at_ms,
    )
    .expect("valid operation");
    send(
        &request.method,
        &request.url,
        &request.headers,
        request.body,
    )
    .await
}

/// Sends a raw request signed over `path_and_query` (for inputs `Request::build` refuses).
pub async fn send_signed(
    server: &Server,
    method: &str,
    path_and_query: &str,
    body: Option<&str>,
    credentials: &Credentials,
) -> Answer {
    let headers: Vec<(String, String)> =
        signed_headers(credentials, method, path_and_query, now_ms())
            .pairs()
            .into_iter()
            .map(|(name, value)| (name.to_string(), value))
            .chain([("Content-Type".to_string(), "application/json".to_string())])
            .collect();
    send(
        method,
        &format!("{}{path_and_query}", server.base),
        &headers,
        body.map(String::from),
    )
    .await
}

/// The Private CA failure envelope: asserts HTTP 400, `data: null` and returns the code.
pub fn private_ca_error_code(answer: &Answer) -> String {
    assert_eq!(answer.status, 400, "{}", answer.text);
    let body = answer.json();
    assert_eq!(body["data"], Value::Null, "{}", answer.text);
    assert!(body["msg"].as_str().is_some_and(|m| !m.is_empty()));
    body["code"].as_str().expect("code").to_string()
}

/// A fresh scratch directory for openssl inputs.
pub fn scratch_dir() -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "certkit-sandbox-test-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Runs `openssl` with `args`, asserting success; returns stdout.
pub fn openssl(args: &[&str]) -> String {
    let output = Command::new("openssl")
        .args(args)
        .output()
        .expect("the openssl CLI is installed");
    assert!(
        output.status.success(),
        "openssl {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `POST /demo/dcv/{certificate_no}` without a body: the demo's "I created the DNS records"
/// for every domain of the certificate (it answers 200 and is issued).
pub async fn confirm_dcv(server: &Server, certificate_no: u64) -> Answer {
    let url = format!("{}/demo/dcv/{certificate_no}", server.base);
    let answer = send("POST", &url, &[], None).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer
}

/// Runs an `openssl ... -verify` command, asserting it succeeds and says `verify OK`; returns
/// what it printed (stdout then stderr, where OpenSSL writes the verdict).
pub fn openssl_verify_ok(args: &[&str]) -> String {
    let output = Command::new("openssl")
        .args(args)
        .output()
        .expect("the openssl CLI is installed");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success() && printed.contains("verify OK"),
        "openssl {args:?}: {printed}"
    );
    printed
}

/// Writes `text` to `dir/name` and returns the path as a string.
pub fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write scratch file");
    path.to_string_lossy().into_owned()
}

/// Sends `kind` with `input` (the vendor's field names, path and query parameters included),
/// built and signed by certkit-core with the main account.
pub async fn call(server: &Server, kind: certkit_core::OperationKind, input: Value) -> Answer {
    let operation = Operation::from_json(kind, &input.to_string())
        .unwrap_or_else(|e| panic!("{kind} input {input}: {e}"));
    send_operation(server, &operation, &main_credentials()).await
}

/// Like [`call`], signed at the sandbox's clock (machine time plus its offset), as a client
/// whose clock agrees with the gateway's: for tests that move the sandbox clock.
pub async fn call_at_sandbox_time(
    server: &Server,
    kind: certkit_core::OperationKind,
    input: Value,
) -> Answer {
    let operation = Operation::from_json(kind, &input.to_string())
        .unwrap_or_else(|e| panic!("{kind} input {input}: {e}"));
    let at = now_ms().saturating_add_signed(server.sandbox.clock_offset_ms());
    send_operation_at(server, &operation, &main_credentials(), at).await
}

/// `data` of a Private CA SUCCESS answer (asserts HTTP 200 and the envelope).
pub fn private_ca_data(answer: &Answer) -> Value {
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    assert_eq!(body["code"], "SUCCESS", "{}", answer.text);
    assert_eq!(body["msg"], "Success", "{}", answer.text);
    body["data"].clone()
}

/// A P-256 key and a CSR for `common_name` with DNS SANs `dns`, made by the `openssl` CLI
/// (an independent tool): `(key PEM, CSR PEM)`.
pub fn openssl_csr(common_name: &str, dns: &[&str]) -> (String, String) {
    let dir = scratch_dir();
    let key = dir.join("key.pem").to_string_lossy().into_owned();
    let csr = dir.join("csr.pem").to_string_lossy().into_owned();
    let subject = format!("/C=KR/O=certkit tests/CN={common_name}");
    let mut args = vec![
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        &key,
        "-out",
        &csr,
        "-subj",
        &subject,
    ];
    let san = format!(
        "subjectAltName={}",
        dns.iter()
            .map(|d| format!("DNS:{d}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    if !dns.is_empty() {
        args.extend(["-addext", &san]);
    }
    openssl(&args);
    let read = |path: &str| std::fs::read_to_string(path).expect("openssl wrote it");
    let pair = (read(&key), read(&csr));
    let _ = std::fs::remove_dir_all(&dir);
    pair
}
