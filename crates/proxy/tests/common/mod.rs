//! Shared pieces of the proxy's socket tests: a fake upstream that records every request it
//! receives (raw bytes included), a proxy on an ephemeral port, raw-socket requests and a log
//! capture.

#![allow(dead_code)] // each test binary uses a different subset

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use certkit_proxy::ProxyConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};

/// One request as the fake upstream received it.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: String,
    /// The request target exactly as on the wire.
    pub target: String,
    /// Header names lower-cased, values as received, in order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Every byte of the request.
    pub raw: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn header_names(&self) -> Vec<&str> {
        self.headers.iter().map(|(n, _)| n.as_str()).collect()
    }
}

/// How the fake upstream answers.
#[derive(Clone, Debug)]
pub enum Behaviour {
    /// Answer at once with a canned NCP-like response.
    Answer,
    /// Record the request, then wait until [`FakeUpstream::release`] before answering.
    Hold,
    /// Record the request, send `first` (maybe nothing, maybe a head and part of a body),
    /// then break the connection: with a TCP reset (`SO_LINGER` 0) or a plain close.
    Break { first: Vec<u8>, reset: bool },
    /// Record the request, send `first`, then keep the connection open without sending more.
    StallAfter(Vec<u8>),
    /// Record the request, then answer 200 with a body of `length` bytes (`Content-Length`),
    /// or, for `None`, a chunked body that never ends; counts the body bytes it could write.
    Large { length: Option<usize> },
    /// Record the request, then send these bytes (a whole response) and close.
    Reply(String),
}

pub struct FakeUpstream {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    release: watch::Sender<bool>,
    arrivals: tokio::sync::Mutex<mpsc::UnboundedReceiver<()>>,
    connections: Arc<AtomicUsize>,
    body_bytes_written: Arc<AtomicU64>,
    /// Signalled when a [`Behaviour::Large`] answer stops: finished, or the peer went away.
    large_ended: tokio::sync::Mutex<mpsc::UnboundedReceiver<()>>,
}

/// The canned response body of the fake upstream.
pub const UPSTREAM_BODY: &str = r#"{"code":"SUCCESS","msg":"Success","data":{"fake":true}}"#;
/// Its `Date` header (a fixed, recognisable value).
pub const UPSTREAM_DATE: &str = "Tue, 15 Nov 1994 08:12:31 GMT";

impl FakeUpstream {
    pub async fn start(behaviour: Behaviour) -> FakeUpstream {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let (release, release_rx) = watch::channel(false);
        let (arrived_tx, arrived_rx) = mpsc::unbounded_channel();
        let (ended_tx, ended_rx) = mpsc::unbounded_channel();
        let connections = Arc::new(AtomicUsize::new(0));
        let body_bytes_written = Arc::new(AtomicU64::new(0));
        let store = Arc::clone(&received);
        let accepted = Arc::clone(&connections);
        let written = Arc::clone(&body_bytes_written);
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                accepted.fetch_add(1, Ordering::SeqCst);
                let store = Arc::clone(&store);
                let behaviour = behaviour.clone();
                let mut release_rx = release_rx.clone();
                let arrived_tx = arrived_tx.clone();
                let ended_tx = ended_tx.clone();
                let written = Arc::clone(&written);
                tokio::spawn(async move {
                    let mut stream = stream;
                    let Some(request) = read_request(&mut stream).await else {
                        return;
                    };
                    store.lock().unwrap().push(request);
                    let _ = arrived_tx.send(());
                    match behaviour {
                        Behaviour::Answer => {}
                        Behaviour::Hold => {
                            let _ = release_rx.wait_for(|released| *released).await;
                        }
                        Behaviour::Break { first, reset } => {
                            let _ = stream.write_all(&first).await;
                            let _ = stream.flush().await;
                            if reset {
                                // Dropping a socket with a zero linger sends RST, not FIN.
                                stream.set_zero_linger().unwrap();
                            }
                            return;
                        }
                        Behaviour::StallAfter(first) => {
                            let _ = stream.write_all(&first).await;
                            std::future::pending::<()>().await;
                        }
                        Behaviour::Large { length } => {
                            write_large(&mut stream, length, &written).await;
                            let _ = ended_tx.send(());
                            return;
                        }
                        Behaviour::Reply(response) => {
                            let _ = stream.write_all(response.as_bytes()).await;
                            let _ = stream.shutdown().await;
                            return;
                        }
                    }
                    let response = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=UTF-8\r\n\
                         Date: {UPSTREAM_DATE}\r\nx-ncp-trace-id: trace-123\r\n\
                         Set-Cookie: upstream=1\r\nX-Powered-By: fake\r\n\
                         Content-Length: {}\r\nConnection: close\r\n\r\n{UPSTREAM_BODY}",
                        UPSTREAM_BODY.len()
                    );
                    let _ = stream.write_all(response.as_bytes()).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        FakeUpstream {
            addr,
            received,
            release,
            arrivals: tokio::sync::Mutex::new(arrived_rx),
            connections,
            body_bytes_written,
            large_ended: tokio::sync::Mutex::new(ended_rx),
        }
    }

    /// Connections accepted so far (a request whose head never arrived counts too).
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Body bytes a [`Behaviour::Large`] upstream has handed to its socket so far.
    pub fn body_bytes_written(&self) -> u64 {
        self.body_bytes_written.load(Ordering::SeqCst)
    }

    /// Waits until a [`Behaviour::Large`] answer has stopped (no time limit of its own).
    pub async fn large_answer_ended(&self) {
        self.large_ended.lock().await.recv().await.unwrap();
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until the next request has arrived (no time limit: the test harness's own).
    pub async fn next_arrival(&self) {
        self.arrivals.lock().await.recv().await.unwrap();
    }

    pub fn release(&self) {
        let _ = self.release.send(true);
    }
}

/// The 200 of [`Behaviour::Large`]: `length` bytes of `a`, or an endless chunked body, until
/// done or the peer stops reading and closes.
async fn write_large(stream: &mut TcpStream, length: Option<usize>, written: &AtomicU64) {
    let framing = match length {
        Some(length) => format!("Content-Length: {length}"),
        None => "Transfer-Encoding: chunked".to_string(),
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{framing}\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let block = vec![b'a'; 64 * 1024];
    let mut left = length;
    loop {
        let size = left.map_or(block.len(), |left| left.min(block.len()));
        if size == 0 {
            break;
        }
        let sent = match length {
            Some(_) => stream.write_all(&block[..size]).await,
            None => {
                let mut chunk = format!("{size:x}\r\n").into_bytes();
                chunk.extend_from_slice(&block[..size]);
                chunk.extend_from_slice(b"\r\n");
                stream.write_all(&chunk).await
            }
        };
        if sent.is_err() {
            return;
        }
        written.fetch_add(size as u64, Ordering::SeqCst);
        left = left.map(|left| left - size);
    }
    let _ = stream.shutdown().await;
}

async fn read_request(stream: &mut TcpStream) -> Option<Received> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(pos) = find(&raw, b"\r\n\r\n") {
            break pos + 4;
        }
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8(raw[..head_end].to_vec()).ok()?;
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_string();
    let target = request_line.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter(|line| !line.is_empty())
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    while raw.len() < head_end + length {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    let body = raw[head_end..].to_vec();
    Some(Received {
        method,
        target,
        headers,
        body,
        raw,
    })
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A running proxy.
pub struct Proxy {
    pub addr: SocketAddr,
    /// Keeps the temporary static directory alive.
    _static_dir: Option<tempfile::TempDir>,
}

impl Proxy {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

/// A proxy pointed at `upstream` (if any), no sandbox, an empty static dir; `adjust` changes
/// the rest of the configuration.
pub async fn start_proxy(
    upstream: Option<&FakeUpstream>,
    adjust: impl FnOnce(&mut ProxyConfig),
) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let static_dir = tempfile::tempdir().unwrap();
    let mut config = ProxyConfig::new(addr);
    config.sandbox = false;
    config.static_dir = static_dir.path().to_path_buf();
    config.upstream_override = upstream.map(FakeUpstream::url);
    adjust(&mut config);
    config.validate().unwrap();
    let options = certkit_proxy::ServeOptions::from_config(&config).unwrap();
    let app = certkit_proxy::app(config);
    tokio::spawn(certkit_proxy::serve_with(
        listener,
        app,
        options,
        std::future::pending(),
    ));
    Proxy {
        addr,
        _static_dir: Some(static_dir),
    }
}

/// Starts a proxy serving `static_dir` (kept by the caller).
pub async fn start_proxy_with_static(static_dir: PathBuf) -> Proxy {
    start_proxy(None, |config| config.static_dir = static_dir).await
}

/// A real HTTP client (reqwest, no system proxy, no default features).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// Writes `request` verbatim on a new connection and returns the first response: its head
/// and a `Content-Length` body (or everything until the server closes the connection).
pub async fn raw_request(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    read_response(&mut stream).await
}

/// Like [`raw_request`], from the local address `source` (any 127.x.y.z works on Linux's
/// loopback): a client the proxy tells apart from the others by its address.
pub async fn raw_request_from(
    source: std::net::IpAddr,
    addr: SocketAddr,
    request: &[u8],
) -> String {
    let socket = match source {
        std::net::IpAddr::V4(_) => tokio::net::TcpSocket::new_v4(),
        std::net::IpAddr::V6(_) => tokio::net::TcpSocket::new_v6(),
    }
    .unwrap();
    socket.bind(SocketAddr::new(source, 0)).unwrap();
    let mut stream = socket.connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    read_response(&mut stream).await
}

/// Like [`raw_request`], then closes the sending half of the connection (a client that
/// broke off) before reading the response.
pub async fn raw_request_then_close(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    stream.shutdown().await.unwrap();
    read_response(&mut stream).await
}

async fn read_response(stream: &mut TcpStream) -> String {
    let mut response = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(head_end) = find(&response, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&response[..head_end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|value| value.trim().parse::<usize>().ok());
            if length.is_some_and(|length| response.len() >= head_end + 4 + length) {
                break;
            }
        }
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => response.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&response).into_owned()
}

/// The status code of a raw HTTP/1.1 response.
pub fn raw_status(response: &str) -> u16 {
    response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

/// The `error.code` of a proxy JSON refusal.
pub async fn error_code(response: reqwest::Response) -> String {
    let body: serde_json::Value = response.json().await.unwrap();
    body["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Every log line of this test process, captured from `tracing`.
pub fn logs() -> String {
    let buffer = log_buffer();
    let bytes = buffer.lock().unwrap().clone();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn log_buffer() -> &'static Arc<Mutex<Vec<u8>>> {
    static BUFFER: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    BUFFER.get_or_init(|| Arc::new(Mutex::new(Vec::new())))
}

struct BufferWriter(Arc<Mutex<Vec<u8>>>);

impl Write for BufferWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the capturing subscriber (all levels, all targets) once per test binary.
pub fn capture_logs() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let buffer = Arc::clone(log_buffer());
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || BufferWriter(Arc::clone(&buffer)))
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
    });
}

/// `future`'s output, or a panic naming `what` if it has not completed within a minute: a
/// proxy that hangs fails the test instead of hanging it. (A guard, not a timing assertion:
/// every awaited step is event-driven and takes milliseconds.)
pub async fn without_hanging<T>(what: &str, future: impl std::future::Future<Output = T>) -> T {
    match tokio::time::timeout(Duration::from_secs(60), future).await {
        Ok(output) => output,
        Err(_) => panic!("hung for a minute: {what}"),
    }
}

/// Polls until `condition` holds (the server logs after sending the response), giving up
/// after about ten seconds so that a regression fails the assertion after it instead of
/// hanging the test.
pub async fn eventually(mut condition: impl FnMut() -> bool) {
    for _ in 0..1000 {
        if condition() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
