//! The browser end-to-end step of `cargo xtask test`: build the app (release), start the proxy
//! with the sandbox on a free port, and a second, standalone sandbox whose clock runs ahead
//! (the suite routes one page's `/sandbox` requests to it), run the Playwright suite in
//! `tests/e2e` with `node --test` against Debian's Chromium, stop both servers.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};

use crate::serve::{build_app, build_proxy, start_proxy, wait_until_listening};
use crate::tools::{
    ensure_chromium, ensure_korean_font, ensure_test_node_modules, root, run as run_command,
};

/// How far the second proxy's sandbox clock is ahead: past the gateway's 5-minute limit.
const SKEW_SECONDS: &str = "600";

/// Kills the proxy when the step ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn run() -> Result<(), String> {
    build_app()?;
    ensure_chromium()?;
    ensure_korean_font()?;
    ensure_test_node_modules()?;
    let proxy = build_proxy()?;
    run_command("cargo", &["build", "--package", "certkit-sandbox"])?;
    let sandbox = root()
        .join("target")
        .join("debug")
        .join(format!("certkit-sandbox{}", std::env::consts::EXE_SUFFIX));

    let addr = free_address()?;
    let mut main = Running(start_proxy(&proxy, &addr, &[])?);
    wait_until_listening(&addr, &mut main.0)?;
    // The proxy has no switch for its sandbox's clock, so the clock-skew test uses a
    // standalone sandbox started with --clock-offset.
    let skewed_addr = free_address()?;
    eprintln!(
        "+ {} --listen {skewed_addr} --clock-offset {SKEW_SECONDS}",
        sandbox.display()
    );
    let mut skewed = Running(
        Command::new(&sandbox)
            .args(["--listen", &skewed_addr, "--clock-offset", SKEW_SECONDS])
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start certkit-sandbox: {e}"))?,
    );
    wait_until_listening(&skewed_addr, &mut skewed.0)?;

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

/// A loopback address with a port that was free a moment ago.
fn free_address() -> Result<String, String> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free local port: {e}"))?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("no free local port: {e}"))?
        .port();
    Ok(format!("127.0.0.1:{port}"))
}
