//! `cargo xtask test`: formatting, lints, every test suite, and the no_std proof.

use crate::tools::{ensure_debian_tool, ensure_rust_target, root, run as run_command};

/// A target without `std` at all: building the no_std crates for it proves they need none.
const NO_STD_TARGET: &str = "thumbv7em-none-eabihf";

pub fn run(_args: &[String]) -> Result<(), String> {
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
    // The suites check certificates, CRLs and ZIP downloads with independent tools.
    ensure_debian_tool("openssl", "openssl")?;
    ensure_debian_tool("unzip", "unzip")?;
    // The signature vectors recomputed by a second implementation (Python's stdlib hmac).
    ensure_debian_tool("python3", "python3")?;
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
    crate::e2e::run()?;
    // The bench builds the app without Trunk: it must be the app the browser tests just ran.
    crate::app::check_same_as_trunk(&root().join("dist"))?;
    crate::npm::test()?;
    Ok(())
}
