//! `certkit-proxy`: the CORS proxy for the NCP certificate APIs, the offline sandbox and the
//! ncp-certkit app, in one process. See the crate README for what crosses it.

use certkit_proxy::{ProxyConfig, RateLimit, ServeOptions, TlsFiles};
use clap::Parser;
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Serve the ncp-certkit app, forward its signed requests to NCP's certificate APIs (fixed
/// host list, no open relay) and mount the offline NCP sandbox at /sandbox.
#[derive(Parser, Debug)]
#[command(name = "certkit-proxy", version)]
struct Args {
    /// Address to listen on. Loopback by default; the proxy's own origins
    /// (http://127.0.0.1:PORT, http://localhost:PORT) are allowed for CORS. An address beyond
    /// loopback needs --tls-cert and --tls-key, or --plain-http-behind-tls-proxy.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,

    /// Serve HTTPS with this PEM certificate chain (leaf first); needs --tls-key.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    tls_cert: Option<PathBuf>,

    /// The private key (PEM: PKCS#8, PKCS#1 or SEC1) of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    tls_key: Option<PathBuf>,

    /// Serve plain HTTP on a non-loopback --listen address because a load balancer in front
    /// terminates TLS (the container case). Never expose such a port directly.
    #[arg(long, conflicts_with = "tls_cert")]
    plain_http_behind_tls_proxy: bool,

    /// Seconds a client has to send a request's head (and may stay idle between requests);
    /// then the connection is closed. At most 30.
    #[arg(long, value_name = "SECS", default_value_t = 20)]
    header_timeout: u64,

    /// Seconds a client has to send a request's body (longer: 400 bodyUnreadable).
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    body_timeout: u64,

    /// Client connections open at once (more: 503 overloaded, then closed).
    #[arg(long, value_name = "N", default_value_t = certkit_proxy::DEFAULT_MAX_CONNECTIONS)]
    max_connections: usize,

    /// Directory of the built app (Trunk's output). If it has no index.html, a notice page
    /// is served instead.
    #[arg(long, default_value = "dist")]
    static_dir: PathBuf,

    /// Do not mount the offline NCP sandbox at /sandbox.
    #[arg(long)]
    no_sandbox: bool,

    /// Another browser origin allowed to call /ncp and /sandbox (scheme://host[:port]).
    /// Repeatable.
    #[arg(long = "allow-origin", value_name = "URL")]
    allow_origins: Vec<String>,

    /// Largest request body accepted, in bytes (larger: 413 bodyTooLarge).
    #[arg(long, value_name = "BYTES", default_value_t = certkit_proxy::DEFAULT_MAX_BODY)]
    max_body: usize,

    /// Seconds NCP has to answer (longer: 504 upstreamTimeout).
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    upstream_timeout: u64,

    /// Requests forwarded to NCP at the same time (more: 503 overloaded, not queued).
    #[arg(long, value_name = "N", default_value_t = certkit_proxy::DEFAULT_MAX_CONCURRENT)]
    max_concurrent: usize,

    /// Sustained requests per second allowed per client IP on /ncp and /sandbox (more: 429
    /// rateLimited). 0 turns the rate limit off.
    #[arg(long, value_name = "PER_SEC", default_value_t = 20.0)]
    rate_limit: f64,

    /// Requests a client may make in a burst before --rate-limit applies.
    #[arg(long, value_name = "N", default_value_t = 40)]
    rate_burst: u32,

    /// TEST ONLY: send every /ncp request to this loopback base URL (http://127.0.0.1:PORT or
    /// http://[::1]:PORT) instead of NCP. Off unless given; logged as a warning at start.
    #[arg(long, hide = true, value_name = "URL")]
    test_upstream_override: Option<String>,
}

impl Args {
    fn into_config(self) -> ProxyConfig {
        let mut config = ProxyConfig::new(self.listen);
        config.static_dir = self.static_dir;
        config.sandbox = !self.no_sandbox;
        config.allow_origins = self.allow_origins;
        config.max_body = self.max_body;
        config.upstream_timeout = Duration::from_secs(self.upstream_timeout);
        config.max_concurrent = self.max_concurrent;
        config.rate_limit = (self.rate_limit != 0.0).then_some(RateLimit {
            per_second: self.rate_limit,
            burst: self.rate_burst,
        });
        config.upstream_override = self.test_upstream_override.filter(|url| !url.is_empty());
        config.header_timeout = Duration::from_secs(self.header_timeout);
        config.body_timeout = Duration::from_secs(self.body_timeout);
        config.max_connections = self.max_connections;
        config.tls = self
            .tls_cert
            .zip(self.tls_key)
            .map(|(cert, key)| TlsFiles { cert, key });
        config.plain_http_behind_tls_proxy = self.plain_http_behind_tls_proxy;
        config
    }
}

// glibc's malloc keeps what a burst of connections freed (after 500 connections it stayed at
// 5x its idle size for good); jemalloc's background thread returns it to the system within
// seconds of going idle. Not on MSVC, which jemalloc does not support.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_ansi(certkit_sandbox::log_colours(
            std::io::stdout().is_terminal(),
        ))
        .init();
    let config = args.into_config();
    if let Err(error) = config.validate() {
        eprintln!("certkit-proxy: {error}");
        return ExitCode::from(2);
    }
    let options = match ServeOptions::from_config(&config) {
        Ok(options) => options,
        Err(error) => {
            eprintln!("certkit-proxy: {error}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("certkit-proxy: could not start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(config, options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("certkit-proxy: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: ProxyConfig, options: ServeOptions) -> Result<(), String> {
    let listen = config.listen;
    if !listen.ip().is_loopback() {
        tracing::warn!(%listen, "listening beyond loopback: anyone who can reach this address can use the proxy");
    }
    if config.plain_http_behind_tls_proxy {
        tracing::warn!(%listen, "serving plain HTTP (--plain-http-behind-tls-proxy): only a TLS-terminating load balancer may reach this port");
    }
    let scheme = if options.is_tls() { "https" } else { "http" };
    let static_dir = config.static_dir.clone();
    let sandbox = config.sandbox;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|error| {
            format!("cannot listen on {listen}: {error} (choose another --listen address)")
        })?;
    // The bound address: with `--listen 127.0.0.1:0` the system chose the port.
    let bound = listener.local_addr().unwrap_or(listen);
    let app = certkit_proxy::app(config);
    tracing::info!(
        url = %format!("{scheme}://{bound}/"),
        static_dir = %static_dir.display(),
        sandbox = if sandbox { "/sandbox" } else { "off" },
        "certkit-proxy listening"
    );
    certkit_proxy::serve_with(listener, app, options, async {
        // Without a signal handler the process still stops on Ctrl-C, just not gracefully.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
    .await
    .map_err(|error| format!("the server stopped: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_documented_ones() {
        let config = Args::try_parse_from(["certkit-proxy"])
            .unwrap()
            .into_config();
        assert_eq!(config.listen, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(config.static_dir, PathBuf::from("dist"));
        assert!(config.sandbox);
        assert_eq!(config.max_body, 262_144);
        assert_eq!(config.upstream_timeout, Duration::from_secs(30));
        assert_eq!(config.max_concurrent, 64);
        assert_eq!(
            config.rate_limit,
            Some(RateLimit {
                per_second: 20.0,
                burst: 40
            })
        );
        assert_eq!(config.upstream_override, None);
        assert_eq!(config.header_timeout, Duration::from_secs(20));
        assert_eq!(config.body_timeout, Duration::from_secs(30));
        assert_eq!(config.max_connections, 1024);
        assert_eq!(config.tls, None);
        assert!(!config.plain_http_behind_tls_proxy);
    }

    #[test]
    fn tls_flags_come_in_pairs() {
        assert!(Args::try_parse_from(["certkit-proxy", "--tls-cert", "c.pem"]).is_err());
        assert!(Args::try_parse_from(["certkit-proxy", "--tls-key", "k.pem"]).is_err());
        let config = Args::try_parse_from([
            "certkit-proxy",
            "--listen",
            "0.0.0.0:8443",
            "--tls-cert",
            "c.pem",
            "--tls-key",
            "k.pem",
        ])
        .unwrap()
        .into_config();
        assert_eq!(
            config.tls,
            Some(TlsFiles {
                cert: "c.pem".into(),
                key: "k.pem".into()
            })
        );
        assert!(config.validate().is_ok());
    }

    #[test]
    fn flags_reach_the_config() {
        let config = Args::try_parse_from([
            "certkit-proxy",
            "--listen",
            "127.0.0.1:9000",
            "--no-sandbox",
            "--allow-origin",
            "https://a.example",
            "--allow-origin",
            "http://localhost:3000",
            "--max-body",
            "1000",
            "--upstream-timeout",
            "5",
            "--rate-limit",
            "0",
            "--test-upstream-override",
            "http://127.0.0.1:1234",
        ])
        .unwrap()
        .into_config();
        assert!(!config.sandbox);
        assert_eq!(
            config.allow_origins,
            vec!["https://a.example", "http://localhost:3000"]
        );
        assert_eq!(config.max_body, 1000);
        assert_eq!(config.upstream_timeout, Duration::from_secs(5));
        assert_eq!(config.rate_limit, None);
        assert_eq!(
            config.upstream_override.as_deref(),
            Some("http://127.0.0.1:1234")
        );
        assert!(config.validate().is_ok());
    }
}
