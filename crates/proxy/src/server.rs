//! Serving connections: a header-read timeout (slowloris), a cap on open connections, and
//! TLS from the operator's PEM files. `axum::serve` offers none of these, so the proxy runs
//! its own accept loop on hyper.

use crate::config::{ProxyConfig, TlsFiles, DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_CONNECTIONS};
use crate::error::{ConfigError, ConfigErrorKind, Refusal};
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

/// How [`serve_with`] treats connections. Build it from the configuration with
/// [`ServeOptions::from_config`] (which reads the TLS files).
#[derive(Clone)]
pub struct ServeOptions {
    header_timeout: Duration,
    max_connections: usize,
    tls: Option<TlsAcceptor>,
}

impl Default for ServeOptions {
    /// Plain HTTP with the default header timeout and connection cap.
    fn default() -> Self {
        Self {
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            tls: None,
        }
    }
}

impl std::fmt::Debug for ServeOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServeOptions")
            .field("header_timeout", &self.header_timeout)
            .field("max_connections", &self.max_connections)
            .field("tls", &self.tls.is_some())
            .finish()
    }
}

impl ServeOptions {
    /// The configuration's header timeout and connection cap, and its TLS certificate and
    /// key read from their files (an error names the file and what is wrong with it).
    pub fn from_config(config: &ProxyConfig) -> Result<Self, ConfigError> {
        Ok(Self {
            header_timeout: config.header_timeout,
            max_connections: config.max_connections,
            tls: config.tls.as_ref().map(tls_acceptor).transpose()?,
        })
    }

    /// Whether connections are served over TLS.
    pub fn is_tls(&self) -> bool {
        self.tls.is_some()
    }
}

fn tls_error(message: String) -> ConfigError {
    ConfigError::new(ConfigErrorKind::TlsSetup, message)
}

/// A rustls acceptor (ring provider, TLS 1.2 and 1.3) for the operator's certificate.
fn tls_acceptor(files: &TlsFiles) -> Result<TlsAcceptor, ConfigError> {
    let read = |path: &std::path::Path, flag: &str| {
        std::fs::read(path)
            .map_err(|error| tls_error(format!("{flag} {}: {error}", path.display())))
    };
    let cert_pem = read(&files.cert, "--tls-cert")?;
    let chain = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| {
            tls_error(format!(
                "--tls-cert {}: not a PEM certificate chain ({error})",
                files.cert.display()
            ))
        })?;
    if chain.is_empty() {
        return Err(tls_error(format!(
            "--tls-cert {}: no CERTIFICATE block found; give the PEM chain, leaf first",
            files.cert.display()
        )));
    }
    let key_pem = read(&files.key, "--tls-key")?;
    let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|error| {
        tls_error(format!(
            "--tls-key {}: no PEM private key (PKCS#8, PKCS#1 or SEC1) found ({error})",
            files.key.display()
        ))
    })?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| tls_error(format!("could not set up TLS: {error}")))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|error| {
            tls_error(format!(
                "--tls-cert {} and --tls-key {} do not make a usable identity: {error}",
                files.cert.display(),
                files.key.display()
            ))
        })?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// Serves `app` on `listener` until `shutdown` completes, with client addresses available to
/// the rate limiter, each connection's head due within the header timeout, at most
/// `max_connections` connections open, and TLS when the options carry a certificate.
pub async fn serve_with(
    listener: TcpListener,
    app: Router,
    options: ServeOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(options.header_timeout);
    // HTTP/2 has no header timeout; a ping the client must answer bounds an idle connection.
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(options.header_timeout)
        .keep_alive_timeout(options.header_timeout);
    // No version sniffing (it waits for bytes with no time limit): plain connections are
    // HTTP/1 (browsers never speak cleartext HTTP/2), TLS ones what ALPN agreed.
    let http1 = Arc::new(builder.clone().http1_only());
    let http2 = Arc::new(builder.http2_only());
    let open = Arc::new(Semaphore::new(options.max_connections));
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    accept_failed(error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
            tokio::spawn(refuse_over_cap(
                stream,
                options.tls.is_none(),
                options.max_connections,
            ));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(request)
        });
        let (http1, http2) = (Arc::clone(&http1), Arc::clone(&http2));
        let watcher = graceful.watcher();
        let tls = options.tls.clone();
        let header_timeout = options.header_timeout;
        tokio::spawn(async move {
            match tls {
                None => {
                    let connection = http1.serve_connection(TokioIo::new(stream), service);
                    let _ = watcher.watch(connection.into_owned()).await;
                }
                Some(acceptor) => {
                    // The handshake is part of the head: it must finish within the same time.
                    let Ok(Ok(stream)) =
                        tokio::time::timeout(header_timeout, acceptor.accept(stream)).await
                    else {
                        return;
                    };
                    let h2 = stream.get_ref().1.alpn_protocol() == Some(b"h2".as_slice());
                    let builder = if h2 { &http2 } else { &http1 };
                    let connection = builder.serve_connection(TokioIo::new(stream), service);
                    let _ = watcher.watch(connection.into_owned()).await;
                }
            }
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Accept errors are per connection (reset before accept) or resource exhaustion (no file
/// descriptors): the first kind is skipped, the second waits a moment instead of spinning.
async fn accept_failed(error: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if !matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        tracing::warn!(%error, "accepting a connection failed; retrying in a second");
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// A connection over the cap: on plain HTTP it gets the `overloaded` refusal at once (the
/// request is not read), then it is closed; a TLS connection is just closed.
async fn refuse_over_cap(mut stream: TcpStream, plain: bool, cap: usize) {
    if plain {
        let body = serde_json::json!({
            "error": {
                "code": Refusal::Overloaded.code(),
                "message": format!("the proxy has {cap} connections open, the most it allows (--max-connections); retry shortly"),
            }
        })
        .to_string();
        let response = format!(
            "HTTP/1.1 {} Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\nretry-after: 1\r\nconnection: close\r\n\r\n{body}",
            Refusal::Overloaded.http_status(),
            body.len()
        );
        let _ = write_and_close(&mut stream, response.as_bytes()).await;
    }
}

async fn write_and_close<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    bytes: &[u8],
) -> std::io::Result<()> {
    use tokio::io::AsyncReadExt;
    tokio::time::timeout(Duration::from_secs(2), async {
        stream.write_all(bytes).await?;
        stream.shutdown().await?;
        // Drain what the client already sent: closing with unread bytes would send a reset
        // that can overtake the refusal.
        let mut sink = [0u8; 4096];
        while stream.read(&mut sink).await? > 0 {}
        Ok(())
    })
    .await
    .unwrap_or(Ok(()))
}
