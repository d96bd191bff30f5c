//! `certkit-sandbox`: serve the offline NCP stand-in on a local port.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::process::ExitCode;

use certkit_sandbox::guard::{GuardConfig, RateLimit};
use certkit_sandbox::{
    Sandbox, SandboxConfig, DEMO_MAIN_ACCESS_KEY, DEMO_MAIN_SECRET_KEY, DEMO_SUB_ACCESS_KEY,
    DEMO_SUB_SECRET_KEY,
};
use clap::Parser;

/// An offline stand-in for NCP's API gateway, Private CA and Certificate Manager.
#[derive(Parser, Debug)]
#[command(name = "certkit-sandbox", version, about)]
struct Args {
    /// Address to listen on (loopback by default: the sandbox is for local use).
    #[arg(long, default_value = "127.0.0.1:8081")]
    listen: SocketAddr,
    /// Seconds added to the machine clock (negative: behind), to provoke clock skew.
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    clock_offset: i64,
    /// Another browser origin allowed to call the sandbox (scheme://host[:port]); its host is
    /// then also accepted in Host. Repeatable. Requests with any other Origin get 403.
    #[arg(long = "allow-origin", value_name = "URL")]
    allow_origins: Vec<String>,
    /// Sustained requests per second allowed per client (an IPv4 address or an IPv6 /64);
    /// more get 429. 0 turns the limit off.
    #[arg(long, value_name = "PER_SEC", default_value_t = 50.0)]
    rate_limit: f64,
    /// Requests a client may make in a burst before --rate-limit applies.
    #[arg(long, value_name = "N", default_value_t = 100)]
    rate_burst: u32,
}

impl Args {
    /// The guard's settings: the sandbox's own origins, then each --allow-origin.
    fn guard_config(&self, addr: SocketAddr) -> Result<GuardConfig, String> {
        let port = addr.port();
        let mut origins = vec![
            format!("http://127.0.0.1:{port}"),
            format!("http://localhost:{port}"),
            format!("http://[::1]:{port}"),
        ];
        if !addr.ip().is_loopback() && !addr.ip().is_unspecified() {
            origins.push(match addr {
                SocketAddr::V4(v4) => format!("http://{}:{port}", v4.ip()),
                SocketAddr::V6(v6) => format!("http://[{}]:{port}", v6.ip()),
            });
        }
        for origin in &self.allow_origins {
            let trimmed = origin.trim_end_matches('/').to_ascii_lowercase();
            let valid = (trimmed.starts_with("http://") || trimmed.starts_with("https://"))
                && !trimmed.contains('@')
                && trimmed.splitn(4, '/').nth(3).is_none();
            if !valid {
                return Err(format!(
                    "--allow-origin {origin:?}: write it as scheme://host[:port], e.g. http://127.0.0.1:8080"
                ));
            }
            origins.push(trimmed);
        }
        let rate_limit = if self.rate_limit == 0.0 {
            None
        } else if self.rate_limit.is_finite() && self.rate_limit > 0.0 && self.rate_burst > 0 {
            Some(RateLimit {
                per_second: self.rate_limit,
                burst: self.rate_burst,
            })
        } else {
            return Err(
                "the rate limit needs a positive --rate-limit and a --rate-burst of at least 1"
                    .into(),
            );
        };
        Ok(GuardConfig {
            allowed_origins: origins,
            rate_limit,
        })
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_target(false)
        .with_ansi(certkit_sandbox::log_colours(
            std::io::stderr().is_terminal(),
        ))
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("certkit-sandbox: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let sandbox = Sandbox::new(SandboxConfig {
        clock_offset_ms: args.clock_offset.saturating_mul(1000),
        ..SandboxConfig::default()
    })
    .map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    let guard = args.guard_config(addr)?;
    let tags = sandbox.ca_tags();
    println!("certkit-sandbox listening on http://{addr}");
    println!(
        "  main account: access key {DEMO_MAIN_ACCESS_KEY}  secret key {DEMO_MAIN_SECRET_KEY}"
    );
    println!("  sub account:  access key {DEMO_SUB_ACCESS_KEY}  secret key {DEMO_SUB_SECRET_KEY}");
    println!("  (demo keys: they grant nothing outside this sandbox)");
    println!(
        "  CA tags: root {}  issuing {}  pending {}",
        tags.root, tags.issuing, tags.pending
    );
    if args.clock_offset != 0 {
        println!("  clock offset: {} s", args.clock_offset);
    }
    let app = certkit_sandbox::guard::guard(sandbox.router(), guard);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        // If the signal handler cannot be installed, serve until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
    .await
    .map_err(|e| format!("server error: {e}"))
}
