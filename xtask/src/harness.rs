//! What the two Node suites (the browser end-to-end suite and the npm package's suite) share:
//! a sandbox whose clock runs ahead, and `node --test` run with the servers' addresses.

use std::path::Path;
use std::process::Command;

use crate::tools::{check_status, free_address, Server};

/// How far the skewed sandbox's clock is ahead: past the gateway's 5-minute limit.
pub const SKEW_SECONDS: &str = "600";

/// A standalone sandbox started with `--clock-offset` [`SKEW_SECONDS`] (the proxy has no
/// switch for its sandbox's clock, so the clock-skew tests use this one); stopped when dropped.
pub struct SkewedSandbox {
    _server: Server,
    url: String,
}

impl SkewedSandbox {
    /// Starts the sandbox binary `exe` on a free loopback port; `allow_origin` is a page
    /// origin whose requests reach it (the e2e suite reroutes the app's `/sandbox` requests
    /// here, `Origin` and all).
    pub fn start(exe: &Path, allow_origin: Option<&str>) -> Result<SkewedSandbox, String> {
        let addr = free_address()?;
        let mut args = vec!["--listen", &addr, "--clock-offset", SKEW_SECONDS];
        if let Some(origin) = allow_origin {
            args.extend(["--allow-origin", origin]);
        }
        let server = Server::start(exe, &args, &addr)?;
        Ok(SkewedSandbox {
            _server: server,
            url: format!("http://{addr}"),
        })
    }

    /// Its base URL (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// Runs `node --test --test-concurrency=1 FILES...` in `dir` with `env` (plus
/// `CERTKIT_SKEW_SECONDS`); `suite` names it in the error when it fails.
pub fn node_test(
    suite: &str,
    dir: &Path,
    files: &[String],
    env: &[(&str, String)],
) -> Result<(), String> {
    let mut args = vec!["--test".to_string(), "--test-concurrency=1".to_string()];
    args.extend_from_slice(files);
    eprintln!("+ node {} (in {})", args.join(" "), dir.display());
    check_status(
        Command::new("node")
            .args(&args)
            .current_dir(dir)
            .env("CERTKIT_SKEW_SECONDS", SKEW_SECONDS)
            .envs(env.iter().map(|(name, value)| (name, value))),
        suite,
    )
}
