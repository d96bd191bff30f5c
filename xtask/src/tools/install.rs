//! Installing the tools a fresh machine lacks, idempotently: each `ensure_*` checks first and
//! installs only when missing, from the package registries only (crates.io, npm, Debian; see
//! ../shared/toolchain.md).

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use super::fs::create_dir;
use super::paths::{lock_version, root, target_dir, tools_dir};
use super::process::{check_status, output, run, run_in};

/// Installs a rustup target when it is missing.
pub fn ensure_rust_target(target: &str) -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == target) {
        return Ok(());
    }
    run("rustup", &["target", "add", target])
}

/// Trunk's version (0.22 needs a newer rustc than these machines have).
pub const TRUNK_VERSION: &str = "0.21.14";

/// Trunk from crates.io when `trunk --version` is not [`TRUNK_VERSION`].
///
/// Unoptimised and without default features (see [`cargo_install`]): Trunk's own release
/// profile (fat LTO, one codegen unit) takes about 11 minutes on 2 cores, this about 3. The
/// project only runs `trunk build`, whose output does not depend on how Trunk itself was
/// compiled (the same `dist/`, byte for byte, was checked); what it does is run cargo,
/// wasm-bindgen and wasm-opt. The default features only add the update check (skipped:
/// `--skip-version-check`, and `offline = true` in Trunk.toml) and TLS for downloads (never
/// made: the tools come from PATH).
pub fn ensure_trunk() -> Result<(), String> {
    let installed = output("trunk", &["--version"]).unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        return Ok(());
    }
    cargo_install(
        &format!("trunk@{TRUNK_VERSION}"),
        &["--locked", "--no-default-features"],
    )
}

/// wasm-bindgen-cli at exactly the `wasm-bindgen` version in Cargo.lock, from
/// `xtask/pinned/wasm-bindgen-cli` with `--locked`: a shim binary over wasm-bindgen-cli's
/// library, with the project's own lock file. (wasm-bindgen-cli's published lock pins
/// webpki-roots 1.0.11, which the registry lacks: "failed to select a version for the
/// requirement `webpki-roots = "^1.0.10"` (locked to 1.0.11)", so `cargo install --locked
/// wasm-bindgen-cli` cannot work.) Unoptimised ([`cargo_install`]): a run on the app's wasm
/// takes about 1.4 s instead of 0.3 s and writes the same bytes (compared with `cmp`).
pub fn ensure_wasm_bindgen_cli() -> Result<(), String> {
    let wanted = lock_version("wasm-bindgen")
        .ok_or("Cargo.lock has no wasm-bindgen entry: run `cargo check -p certkit-web` first")?;
    let installed = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(wanted.as_str()) {
        return Ok(());
    }
    let shim = root().join("xtask/pinned/wasm-bindgen-cli");
    let manifest = std::fs::read_to_string(shim.join("Cargo.toml"))
        .map_err(|e| format!("{}: {e}", shim.join("Cargo.toml").display()))?;
    if !manifest.contains(&format!("\"={wanted}\"")) {
        return Err(format!(
            "Cargo.lock has wasm-bindgen {wanted}, but {} pins another wasm-bindgen-cli: set its `=` pins to {wanted} and run `cargo update` there",
            shim.display()
        ));
    }
    cargo_install(&shim.to_string_lossy(), &["--locked", "--path"])
}

/// cargo-deny's version (`cargo xtask test` checks licences, bans and sources with it).
pub const CARGO_DENY_VERSION: &str = "0.20.2";

/// cargo-deny from crates.io with its published lock (`--locked`), when `cargo deny --version`
/// is not [`CARGO_DENY_VERSION`]. Unoptimised ([`cargo_install`]): it checks a few hundred
/// crates' metadata, which takes it about a second either way.
pub fn ensure_cargo_deny() -> Result<(), String> {
    let installed = output("cargo", &["deny", "--version"]).unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(CARGO_DENY_VERSION) {
        return Ok(());
    }
    cargo_install(&format!("cargo-deny@{CARGO_DENY_VERSION}"), &["--locked"])
}

/// cargo-fuzz's version (`cargo xtask fuzz`).
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// The nightly toolchain (through rustup) and cargo-fuzz (`--locked`) for `cargo xtask fuzz`.
pub fn ensure_fuzz_tools() -> Result<(), String> {
    let toolchains = output("rustup", &["toolchain", "list"]).unwrap_or_default();
    if !toolchains.lines().any(|line| line.starts_with("nightly")) {
        run(
            "rustup",
            &["toolchain", "install", "nightly", "--profile", "minimal"],
        )?;
    }
    let installed = output("cargo", &["fuzz", "--version"]).unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(CARGO_FUZZ_VERSION) {
        return Ok(());
    }
    cargo_install(&format!("cargo-fuzz@{CARGO_FUZZ_VERSION}"), &["--locked"])
}

/// `cargo install --debug --force EXTRA... KRATE` into cargo's default place (`~/.cargo/bin`):
/// unoptimised, and without debug information (`CARGO_PROFILE_DEV_DEBUG=0`: a third of the
/// size, built sooner). It builds in `<target>/tool-installs`, which is kept, so that an
/// install stopped half-way (`cargo xtask test` stops its background installs when a step
/// fails) resumes where it was.
fn cargo_install(krate: &str, extra: &[&str]) -> Result<(), String> {
    let build_dir = target_dir().join("tool-installs");
    let build_dir = build_dir.to_string_lossy();
    let mut args = vec!["install", "--debug", "--force", "--target-dir", &build_dir];
    args.extend_from_slice(extra);
    args.push(krate);
    eprintln!("+ CARGO_PROFILE_DEV_DEBUG=0 cargo {}", args.join(" "));
    check_status(
        Command::new("cargo")
            .args(&args)
            .env("CARGO_PROFILE_DEV_DEBUG", "0"),
        &format!("installing {krate}"),
    )
}

/// wasm-opt comes from npm's binaryen at this version (Debian's and crates.io's fail on current
/// wasm-bindgen output; see ../shared/toolchain.md).
pub const BINARYEN_VERSION: &str = "132.0.0";

/// The exact playwright-core version the end-to-end suite uses.
pub const PLAYWRIGHT_CORE_VERSION: &str = "1.65.1";

/// What a wasm build needs: the wasm target, wasm-bindgen-cli at Cargo.lock's version, and
/// wasm-opt from npm's binaryen.
pub fn ensure_wasm_tools() -> Result<(), String> {
    ensure_rust_target("wasm32-unknown-unknown")?;
    ensure_wasm_bindgen_cli()?;
    ensure_npm_tool("binaryen", BINARYEN_VERSION)
}

/// What building the app needs: [`ensure_wasm_tools`] and Trunk.
pub fn ensure_app_tools() -> Result<(), String> {
    ensure_wasm_tools()?;
    ensure_trunk()
}

/// An exact npm package version in [`tools_dir`] (e.g. binaryen for wasm-opt), when missing.
pub fn ensure_npm_tool(name: &str, version: &str) -> Result<(), String> {
    ensure_npm_package(&tools_dir(), name, version)
}

/// playwright-core for the end-to-end suite, in `tests/node_modules` (ES modules resolve
/// packages from the importing file's folder upwards, so it must sit under `tests/`).
pub fn ensure_test_node_modules() -> Result<(), String> {
    ensure_npm_package(
        &root().join("tests"),
        "playwright-core",
        PLAYWRIGHT_CORE_VERSION,
    )
}

/// Installs exactly `name@version` into `dir/node_modules` unless that exact version is there.
///
/// Nothing is resolved anew: `version` must be an exact version (no range, no tag), npm is
/// told to install into `dir` itself (`--prefix`; it otherwise climbs to the nearest folder
/// with a package.json and may install there), and only packages without dependencies are
/// accepted (binaryen and playwright-core have none), since their dependencies would be
/// resolved from ranges on every install. The installed version is checked afterwards.
pub fn ensure_npm_package(dir: &Path, name: &str, version: &str) -> Result<(), String> {
    if !is_exact_version(version) {
        return Err(format!(
            "{name}@{version}: give an exact version (x.y.z), not a range or a tag"
        ));
    }
    let manifest = dir.join("node_modules").join(name).join("package.json");
    // The installed package's version and whether it has dependencies.
    let installed = || {
        let text = std::fs::read_to_string(&manifest).ok()?;
        let manifest: serde_json::Value = serde_json::from_str(&text).ok()?;
        let found = manifest.get("version")?.as_str()?.to_string();
        let has_dependencies = manifest
            .get("dependencies")
            .and_then(serde_json::Value::as_object)
            .is_some_and(|deps| !deps.is_empty());
        Some((found, has_dependencies))
    };
    if installed().is_some_and(|(found, _)| found == version) {
        return Ok(());
    }
    create_dir(dir)?;
    let prefix = dir.to_string_lossy();
    run_in(
        dir,
        "npm",
        &[
            "install",
            "--prefix",
            &prefix,
            "--no-audit",
            "--no-fund",
            "--no-save",
            "--no-package-lock",
            &format!("{name}@{version}"),
        ],
    )?;
    let (found, has_dependencies) =
        installed().ok_or_else(|| format!("npm installed no {name} in {prefix}"))?;
    if found != version {
        return Err(format!(
            "npm installed {name} {found} in {prefix}, not {version}"
        ));
    }
    if has_dependencies {
        return Err(format!(
            "{name}@{version} has dependencies, which npm resolved from ranges: install it \
             from a committed package-lock.json (`npm ci`) instead"
        ));
    }
    Ok(())
}

/// `1.2.3` or `1.2.3-rc.1`: a version npm cannot resolve to anything else.
fn is_exact_version(version: &str) -> bool {
    let (core, pre) = version.split_once('-').unwrap_or((version, "x"));
    let numbers: Vec<&str> = core.split('.').collect();
    numbers.len() == 3
        && numbers
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        && !pre.is_empty()
        && pre
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// How to tell that a Debian package is already there.
#[derive(Clone, Copy, Debug)]
pub enum Present {
    /// A program of that name on PATH.
    Program(&'static str),
    /// A file at that path.
    File(&'static str),
    /// A font for Korean (`fc-list :lang=ko` finds one).
    KoreanFont,
}

impl Present {
    fn holds(self) -> bool {
        match self {
            Present::Program(program) => std::env::var_os("PATH").is_some_and(|path| {
                std::env::split_paths(&path).any(|dir| dir.join(program).is_file())
            }),
            Present::File(path) => Path::new(path).exists(),
            Present::KoreanFont => output("fc-list", &[":lang=ko", "family"])
                .is_some_and(|fonts| !fonts.trim().is_empty()),
        }
    }
}

/// Debian's Chromium at `/usr/bin/chromium` (the browser tests drive it; Playwright's own
/// browser download cannot work here).
pub const CHROMIUM: (Present, &str) = (Present::File("/usr/bin/chromium"), "chromium");

/// A Korean font, so the app's Korean text renders in the browser tests' screenshots instead
/// of empty boxes.
pub const KOREAN_FONT: (Present, &str) = (Present::KoreanFont, "fonts-nanum");

/// Installs the Debian packages of `wanted` that are not present, in one `apt-get install`.
/// `apt-get update` runs at most once per xtask run, and only when an install fails without
/// it (a fresh machine has no package lists).
pub fn ensure_debian(wanted: &[(Present, &str)]) -> Result<(), String> {
    static UPDATED: AtomicBool = AtomicBool::new(false);
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(present, _)| !present.holds())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut args = vec!["install", "-y"];
    args.extend(&missing);
    if UPDATED.load(Ordering::Relaxed) {
        return run("apt-get", &args);
    }
    run("apt-get", &args).or_else(|_| {
        run("apt-get", &["update"])?;
        UPDATED.store(true, Ordering::Relaxed);
        run("apt-get", &args)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_npm_versions_are_accepted() {
        for exact in ["132.0.0", "1.65.1", "7.3.8", "1.0.0-rc.1"] {
            assert!(is_exact_version(exact), "{exact}");
        }
        for loose in [
            "^1.2.3",
            "~1.2.3",
            "1.2",
            "1.x.0",
            "latest",
            "1.2.3 || 2",
            ">=1.0.0",
            "1.2.3-",
        ] {
            assert!(!is_exact_version(loose), "{loose}");
        }
        let err = ensure_npm_package(Path::new("/nonexistent"), "binaryen", "^132.0.0");
        assert!(err.unwrap_err().contains("exact version"));
    }
}
