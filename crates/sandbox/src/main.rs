//! `certkit-sandbox`: serve the offline NCP stand-in on a local port.

use std::net::SocketAddr;
use std::process::ExitCode;

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
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_target(false)
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
    axum::serve(listener, sandbox.router())
        .with_graceful_shutdown(async {
            // If the signal handler cannot be installed, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await
        .map_err(|e| format!("server error: {e}"))
}
