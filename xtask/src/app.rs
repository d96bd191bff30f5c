//! The browser app (`web/`, certkit-web), built by Trunk from `index.html` and `Trunk.toml` in
//! release mode: the one build of the app, which `cargo xtask serve`, the browser tests and the
//! bench all use.

use std::path::Path;

use crate::tools::{ensure_app_tools, run_with_path, tools_bin_dir};

/// Installs what is missing (wasm target, wasm-bindgen-cli at Cargo.lock's version, wasm-opt
/// from npm binaryen, Trunk) and runs `trunk build --release` into `dist`. Offline: Trunk.toml
/// says `offline = true` and pins the tools, which come from PATH (wasm-opt from the npm tools
/// folder, put first; wasm-bindgen from `~/.cargo/bin`), and the update check is skipped.
pub fn build(dist: &Path) -> Result<(), String> {
    ensure_app_tools()?;
    let dist = dist.to_string_lossy();
    run_with_path(
        &tools_bin_dir(),
        "trunk",
        &[
            "build",
            "--release",
            "--skip-version-check",
            "--dist",
            &dist,
        ],
    )
}
