//! The browser end-to-end step of `cargo xtask test`: build the app (release), start the proxy
//! with the sandbox on a free port, and a second, standalone sandbox whose clock runs ahead
//! (the suite routes one page's `/sandbox` requests to it), run the Playwright suite in
//! `tests/e2e` with `node --test` against Debian's Chromium, stop both servers.

use std::path::Path;

use crate::app;
use crate::harness::{node_test, SkewedSandbox};
use crate::serve::start_proxy;
use crate::tools::{
    build_debug_binaries, ensure_debian, ensure_test_node_modules, free_address, root, CHROMIUM,
    KOREAN_FONT,
};

/// `cargo xtask e2e`: the suite, with the servers built for it.
pub fn run() -> Result<(), String> {
    let [proxy, sandbox] = build_debug_binaries(["certkit-proxy", "certkit-sandbox"])?;
    run_with(&proxy, &sandbox)
}

/// The suite against the given proxy and sandbox binaries.
pub fn run_with(proxy: &Path, sandbox: &Path) -> Result<(), String> {
    app::build(&root().join("dist"))?;
    ensure_debian(&[CHROMIUM, KOREAN_FONT])?;
    ensure_test_node_modules()?;
    let addr = free_address()?;
    let _main = start_proxy(proxy, &addr, &[])?;
    let skewed = SkewedSandbox::start(sandbox, Some(&format!("http://{addr}")))?;
    node_test(
        "the browser end-to-end suite",
        &root().join("tests"),
        &["e2e/".to_string()],
        &[
            ("CERTKIT_URL", format!("http://{addr}")),
            ("CERTKIT_SKEWED_SANDBOX", skewed.url().to_string()),
        ],
    )
}
