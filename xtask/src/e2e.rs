//! The browser end-to-end step of `cargo xtask test`: build the app (release), start the proxy
//! with the sandbox on a free port, and a second, standalone sandbox whose clock runs ahead
//! (the suite routes one page's `/sandbox` requests to it), run the Playwright suite in
//! `tests/e2e` with `node --test` against Debian's Chromium, stop both servers.

use std::process::Command;

use crate::app;
use crate::serve::start_proxy;
use crate::tools::{
    build_debug_binary, ensure_chromium, ensure_korean_font, ensure_test_node_modules,
    free_address, root, Server,
};

/// How far the second sandbox's clock is ahead: past the gateway's 5-minute limit.
const SKEW_SECONDS: &str = "600";

pub fn run() -> Result<(), String> {
    app::build(&root().join("dist"))?;
    ensure_chromium()?;
    ensure_korean_font()?;
    ensure_test_node_modules()?;
    let proxy = build_debug_binary("certkit-proxy")?;
    let sandbox = build_debug_binary("certkit-sandbox")?;

    let addr = free_address()?;
    let main = start_proxy(&proxy, &addr, &[])?;
    // The proxy has no switch for its sandbox's clock, so the clock-skew test uses a
    // standalone sandbox started with --clock-offset.
    let skewed_addr = free_address()?;
    let skewed = Server::start(
        &sandbox,
        &["--listen", &skewed_addr, "--clock-offset", SKEW_SECONDS],
        &skewed_addr,
    )?;
    let tests = root().join("tests");
    eprintln!("+ node --test e2e/ (in tests/)");
    let status = Command::new("node")
        .args(["--test", "--test-concurrency=1", "e2e/"])
        .current_dir(&tests)
        .env("CERTKIT_URL", format!("http://{addr}"))
        .env("CERTKIT_SKEWED_SANDBOX", format!("http://{skewed_addr}"))
        .env("CERTKIT_SKEW_SECONDS", SKEW_SECONDS)
        .status()
        .map_err(|e| format!("cannot start node: {e}"))?;
    drop(skewed);
    drop(main);
    if status.success() {
        Ok(())
    } else {
        Err(format!("the browser end-to-end suite failed ({status})"))
    }
}
