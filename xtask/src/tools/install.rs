//! Installing the tools a fresh machine lacks, idempotently: each `ensure_*` checks first and
//! installs only when missing, from the package registries only (crates.io, npm, Debian; see
//! ../shared/toolchain.md).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use super::fs::{copy, create_dir, read, write};
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

/// The wasm target and the standard library's source (rust-src), which the size-optimised
/// builds compile with them ([`super::size_build::SIZE_BUILD_ENV`]).
pub fn ensure_wasm_target() -> Result<(), String> {
    ensure_rust_target("wasm32-unknown-unknown")?;
    let installed = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == "rust-src") {
        return Ok(());
    }
    run("rustup", &["component", "add", "rust-src"])
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

/// What a wasm build needs: the wasm target, wasm-bindgen-cli at Cargo.lock's version, and
/// wasm-opt from npm's binaryen (`xtask/npm/tools`: Debian's and crates.io's wasm-opt fail on
/// current wasm-bindgen output; see ../shared/toolchain.md).
pub fn ensure_wasm_tools() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen_cli()?;
    npm_ci(
        &root().join("xtask").join("npm").join("tools"),
        &tools_dir(),
        &[],
    )
}

/// What building the app needs: [`ensure_wasm_tools`] and Trunk.
pub fn ensure_app_tools() -> Result<(), String> {
    ensure_wasm_tools()?;
    ensure_trunk()
}

/// playwright-core for the end-to-end suite, in `tests/node_modules` (ES modules resolve
/// packages from the importing file's folder upwards, so it must sit under `tests/`), from
/// `tests/package-lock.json`.
pub fn ensure_test_node_modules() -> Result<(), String> {
    let tests = root().join("tests");
    npm_ci(&tests, &tests, &[])
}

/// The npm package suite's scratch project, `.scratch/npm-test`, with its tools (the matrix's
/// runtimes and bundlers, publint, attw, TypeScript, playwright-core) from the lock in
/// `xtask/npm/npm-test`; bun's install script runs, as it links bun's binary. Its path.
pub fn ensure_npm_test_tools() -> Result<PathBuf, String> {
    let project = root().join(".scratch").join("npm-test");
    npm_ci(
        &root().join("xtask").join("npm").join("npm-test"),
        &project,
        &["bun"],
    )?;
    Ok(project)
}

/// Installs the npm project whose `package.json` and committed `package-lock.json` are in
/// `project` into `dest` (`project` itself, or a scratch folder they are copied to) with
/// `npm ci --ignore-scripts`: the locked versions, nothing resolved anew, no install script.
/// `install_scripts` names the packages whose install script is needed after all (run by
/// `npm rebuild NAME`). Skipped when `dest` holds that lock installed already: a stamp, the
/// lock's copy in `node_modules`, is written only once every step has passed.
pub fn npm_ci(project: &Path, dest: &Path, install_scripts: &[&str]) -> Result<(), String> {
    let lock = read(&project.join("package-lock.json"))?;
    let stamp = dest.join("node_modules").join(".xtask-installed-lock.json");
    if std::fs::read_to_string(&stamp).is_ok_and(|installed| installed == lock) {
        return Ok(());
    }
    if project != dest {
        create_dir(dest)?;
        for file in ["package.json", "package-lock.json"] {
            copy(&project.join(file), &dest.join(file))?;
        }
    }
    run_in(
        dest,
        "npm",
        &["ci", "--ignore-scripts", "--no-audit", "--no-fund"],
    )?;
    for package in install_scripts {
        run_in(dest, "npm", &["rebuild", "--foreground-scripts", package])?;
    }
    write(&stamp, &lock)
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

/// Debian's binaryen, for its `wasm-split` (the app's wasm in two: `app_split.rs`). Its
/// `wasm-opt` (version 108) cannot read current wasm-bindgen output; npm's is used for that.
pub const WASM_SPLIT: (Present, &str) = (Present::File("/usr/bin/wasm-split"), "binaryen");

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

    /// The committed npm projects that [`npm_ci`] installs.
    const NPM_PROJECTS: [&str; 4] = ["xtask/npm/tools", "xtask/npm/npm-test", "tests", "bench"];

    fn json(path: &Path) -> serde_json::Value {
        serde_json::from_str(&read(path).unwrap()).unwrap()
    }

    #[test]
    fn npm_projects_pin_exact_versions_and_agree_with_their_locks() {
        let mut playwright = std::collections::BTreeSet::new();
        for project in NPM_PROJECTS {
            let dir = root().join(project);
            let manifest = json(&dir.join("package.json"));
            let lock = json(&dir.join("package-lock.json"));
            for field in ["dependencies", "devDependencies"] {
                let Some(wanted) = manifest.get(field).and_then(|d| d.as_object()) else {
                    continue;
                };
                // A range would let `npm install` pick another version than the lock's.
                for (name, version) in wanted {
                    let version = version.as_str().unwrap_or_default();
                    assert!(
                        !version.is_empty()
                            && version.split('.').count() == 3
                            && version.bytes().all(|b| b.is_ascii_digit() || b == b'.'),
                        "{project}: {name}@{version} is not an exact version"
                    );
                    let locked = &lock["packages"][format!("node_modules/{name}")]["version"];
                    assert_eq!(locked.as_str(), Some(version), "{project}: {name}");
                    if name == "playwright-core" {
                        playwright.insert(version.to_string());
                    }
                }
                assert_eq!(
                    lock["packages"][""][field].as_object(),
                    Some(wanted),
                    "{project}: package-lock.json is not package.json's (`npm install --package-lock-only`)"
                );
            }
        }
        assert_eq!(
            playwright.len(),
            1,
            "one playwright-core for every suite: {playwright:?}"
        );
    }
}
