//! The browser app (`web/`, certkit-web), built by Trunk from `index.html` and `Trunk.toml` in
//! release mode: the one build of the app, which `cargo xtask serve`, the browser tests and the
//! bench all use.

use std::path::Path;

use crate::tools::{
    check_status, ensure_app_tools, path_with, root, size_build_command, size_build_line,
    tools_bin_dir, Background,
};

/// The cargo build that `trunk build --release` runs for index.html's rust link (`data-bin`
/// certkit-web, `data-cargo-profile` wasm-release). Trunk 0.21 runs `cargo build
/// --target=wasm32-unknown-unknown --manifest-path web/Cargo.toml --profile wasm-release
/// --offline --bin certkit-web` (`--offline` from Trunk.toml, which does not change what is
/// built). Keep this in step with index.html: else [`prebuild`] builds what Trunk does not use.
/// Both run with the size build's environment (`SIZE_BUILD_ENV` in `tools/size_build.rs`).
fn trunk_cargo_args(manifest: &str) -> [&str; 8] {
    [
        "build",
        "--target=wasm32-unknown-unknown",
        "--manifest-path",
        manifest,
        "--profile",
        "wasm-release",
        "--bin",
        "certkit-web",
    ]
}

/// Starts, in the background, the cargo build that Trunk runs (see [`trunk_cargo_args`]): it
/// needs neither Trunk nor wasm-bindgen, so on a fresh machine it overlaps their installs, and
/// Trunk's own run of it then finds everything fresh. Needs the wasm target installed.
pub fn prebuild(log: &Path) -> Result<Background, String> {
    let manifest = manifest();
    Background::start_with(
        &mut size_build_command("cargo", &trunk_cargo_args(&manifest)),
        log,
    )
}

/// The cargo command line of [`prebuild`], for `sh -c`.
pub fn prebuild_command() -> String {
    size_build_line("cargo", &trunk_cargo_args(&manifest()))
}

fn manifest() -> String {
    root()
        .join("web")
        .join("Cargo.toml")
        .to_string_lossy()
        .into_owned()
}

/// Installs what is missing (wasm target, wasm-bindgen-cli at Cargo.lock's version, wasm-opt
/// from npm binaryen, Trunk) and runs `trunk build --release` into `dist`. Offline: Trunk.toml
/// says `offline = true` and pins the tools, which come from PATH (wasm-opt from the npm tools
/// folder, put first; wasm-bindgen from `~/.cargo/bin`), and the update check is skipped.
pub fn build(dist: &Path) -> Result<(), String> {
    ensure_app_tools()?;
    trunk_build(dist)
}

/// [`build`], after a [`prebuild`] has ended. Should that have failed, Trunk runs the same
/// cargo build again, in the foreground, where its errors show.
pub fn build_after(prebuild: Background, dist: &Path) -> Result<(), String> {
    ensure_app_tools()?;
    if let Err(e) = prebuild.wait() {
        eprintln!("xtask: {e}; Trunk runs that build again");
    }
    trunk_build(dist)
}

/// `trunk build --release` (its cargo build with the size build's environment), the wasm split
/// in two (`app_split.rs`), then the brotli and gzip siblings the proxy serves.
fn trunk_build(dist: &Path) -> Result<(), String> {
    let args = [
        "build",
        "--release",
        "--skip-version-check",
        "--dist",
        &dist.to_string_lossy(),
    ];
    eprintln!(
        "+ PATH={}:$PATH {}",
        tools_bin_dir().display(),
        size_build_line("trunk", &args)
    );
    let mut trunk = size_build_command("trunk", &args);
    trunk.env("PATH", path_with(&tools_bin_dir())?);
    check_status(&mut trunk, "`trunk build --release`")?;
    crate::app_split::split(dist)?;
    let done = crate::precompress::precompress(dist)?;
    eprintln!(
        "xtask: precompressed {} files of {} (brotli 11, gzip 9)",
        done.len(),
        dist.display()
    );
    Ok(())
}
