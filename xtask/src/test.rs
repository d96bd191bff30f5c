//! `cargo xtask test`: formatting, lints, every test suite, and the no_std proof.
//!
//! On a fresh machine most of the time goes to builds (clippy, the workspace's tests, Trunk,
//! wasm-bindgen-cli, the two wasm builds). So the installs start at once, in the background
//! (`cargo xtask install`, logs in `.scratch/logs/`): the Debian packages (downloads) while
//! formatting and clippy run, and the tools (Trunk and wasm-bindgen-cli are cargo builds in
//! their own target folders, so they fill the cores where the workspace build leaves one idle:
//! links, single-crate stretches, the tests running).

use std::process::Command;

use crate::tools::{
    create_dir, debug_binary, ensure_rust_target, root, run as run_command, Background,
};

/// A target without `std` at all: building the no_std crates for it proves they need none.
const NO_STD_TARGET: &str = "thumbv7em-none-eabihf";

pub fn run(_args: &[String]) -> Result<(), String> {
    let logs = root().join(".scratch").join("logs");
    create_dir(&logs)?;
    let xtask = std::env::current_exe().map_err(|e| format!("where is xtask? {e}"))?;
    let install = |part: &str| {
        Background::start_with(
            Command::new(&xtask).args(["install", part]),
            &logs.join(format!("install-{part}.log")),
        )
    };
    let debian = install("debian")?;
    let tools = install("tools")?;

    run_command("cargo", &["fmt", "--all", "--check"])?;
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
    ensure_rust_target(NO_STD_TARGET)?;
    run_command(
        "cargo",
        &[
            "build",
            "--package",
            "certkit-core",
            "--package",
            "certkit-x509",
            "--no-default-features",
            "--target",
            NO_STD_TARGET,
        ],
    )?;
    tools.wait()?;
    // The servers as `cargo test --workspace` built them (a `cargo build -p ...` would unify
    // features differently and compile a third of the workspace again): this only makes sure.
    run_command("cargo", &["test", "--workspace", "--no-run", "--quiet"])?;
    let (proxy, sandbox) = (
        debug_binary("certkit-proxy")?,
        debug_binary("certkit-sandbox")?,
    );
    crate::e2e::run_with(&proxy, &sandbox)?;
    crate::npm::test_with(&sandbox)?;
    Ok(())
}
