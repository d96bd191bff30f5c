//! `cargo xtask test`: formatting, lints, every test suite, the no_std proof, and the size
//! budgets (`sizes.rs`).
//!
//! On a fresh machine most of the time goes to builds: clippy's, the workspace's tests, the
//! installs of Trunk and wasm-bindgen-cli, the wasm builds (the app's, the npm package's two).
//! So the work that later steps need starts at once, in the background and at a lower priority
//! (`nice`; logs in `.scratch/logs/`), and fills the cores where the foreground leaves one
//! idle (downloads, links, LTO, tests running):
//! - `cargo xtask install debian`: openssl, unzip, python3, Chromium, a Korean font;
//! - `cargo xtask install tools`: wasm-bindgen-cli, wasm-opt (npm binaryen), Trunk, cargo-deny
//!   (cargo builds in their own target folder, all `--locked`), playwright-core, the npm
//!   suite's runtimes and bundlers (`npm ci` of committed locks);
//! - the app's wasm build (the cargo build Trunk runs) and then the npm package's two (web/
//!   for size, node/ for speed).

use std::path::Path;
use std::process::Command;

use crate::app;
use crate::tools::{
    create_dir, debug_binary, ensure_rust_target, ensure_wasm_target, root, run as run_command,
    shell_command, Background,
};

/// A target without `std` at all: building the no_std crates for it proves they need none.
const NO_STD_TARGET: &str = "thumbv7em-none-eabihf";

pub fn run(_args: &[String]) -> Result<(), String> {
    let logs = root().join(".scratch").join("logs");
    create_dir(&logs)?;
    // The targets first: the background wasm builds need one.
    ensure_wasm_target()?;
    ensure_rust_target(NO_STD_TARGET)?;
    let xtask = std::env::current_exe().map_err(|e| format!("where is xtask? {e}"))?;
    let xtask = xtask.to_string_lossy();
    let debian = in_background(
        &shell_command(&xtask, &["install", "debian"]),
        &logs,
        "install-debian",
    )?;
    let tools = in_background(
        &shell_command(&xtask, &["install", "tools"]),
        &logs,
        "install-tools",
    )?;
    let [npm_web, npm_node] = crate::npm::cargo_lines();
    let wasm_builds = format!("{} && {npm_web} && {npm_node}", app::prebuild_command());
    let wasm = in_background(&wasm_builds, &logs, "wasm-builds")?;

    run_command("cargo", &["fmt", "--all", "--check"])?;
    crate::module_cycles::check(&crate::tools::root())?;
    run_command(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    // openssl, unzip and python3 for the suites below.
    debian.wait()?;
    run_command("python3", &["crates/core/tests/vectors/check.py"])?;
    run_command("cargo", &["test", "--workspace"])?;
    // Key match as the npm package builds certkit-x509: without curve arithmetic.
    run_command(
        "cargo",
        &[
            "test",
            "--package",
            "certkit-x509",
            "--no-default-features",
            "--test",
            "without_arithmetic",
        ],
    )?;
    run_command(
        "cargo",
        &[
            "build",
            "--package",
            "certkit-core",
            "--package",
            "certkit-x509",
            "--no-default-features",
            // x509's RustCrypto verification too (its default feature) is proved `no_std`.
            "--features",
            "certkit-x509/rustcrypto",
            "--target",
            NO_STD_TARGET,
        ],
    )?;
    // The servers as `cargo test --workspace` built them (a `cargo build -p ...` would unify
    // features differently and compile a third of the workspace again): this only makes sure.
    run_command("cargo", &["test", "--workspace", "--no-run", "--quiet"])?;
    let (proxy, sandbox) = (
        debug_binary("certkit-proxy")?,
        debug_binary("certkit-sandbox")?,
    );
    tools.wait()?;
    // The supply-chain policy of deny.toml: licences, banned and duplicate crates, sources
    // (crates.io only). Advisories are not checked: their database is a git repository,
    // which these machines cannot reach.
    run_command(
        "cargo",
        &[
            "deny",
            "check",
            "--hide-inclusion-graph",
            "bans",
            "licenses",
            "sources",
        ],
    )?;
    if let Err(e) = wasm.wait() {
        eprintln!("xtask: {e}; the steps below run those builds again, where their errors show");
    }
    crate::e2e::run_with(&proxy, &sandbox)?;
    crate::npm::test_with(&sandbox)?;
    // The two builds just tested: the app's dist (e2e) and the npm package (npm).
    crate::sizes::check(&crate::npm::crate_dir().join("pkg"), &root().join("dist"))
}

/// Runs `sh -c LINE` in the background at a lower priority, its output in `logs/NAME.log`.
fn in_background(line: &str, logs: &Path, name: &str) -> Result<Background, String> {
    Background::start_with(
        Command::new("nice").args(["-n", "10", "sh", "-c", line]),
        &logs.join(format!("{name}.log")),
    )
}
