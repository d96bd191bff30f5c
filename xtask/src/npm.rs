//! `cargo xtask npm`: build the npm package `ncp-certkit` from `crates/wasm` into
//! `crates/wasm/pkg/` and pack it; and the npm step of `cargo xtask test`: install the packed
//! tarball into a scratch project (`.scratch/npm-test`, its tools from the committed lock in
//! `xtask/npm/npm-test`) and run its `node --test` suite there: the public vectors, the API,
//! every operation through `createClient` and every CLI subcommand against the sandbox,
//! TypeScript under three module resolutions, publint and attw, the README's runtime snippets,
//! and the runtime matrix (Node ESM and CommonJS, Deno, Bun, workerd, and webpack, esbuild,
//! Rollup and Vite bundles in Chromium). The suite makes CSRs and checks CRLs with the
//! `openssl` CLI, as the sandbox's own tests do.
//!
//! The package holds two wasm-bindgen builds of the same crate: `node/` (`--target nodejs`,
//! CommonJS, for `require` and, through `index.mjs`, `import`; Deno and Bun use it too),
//! optimised for speed, and `web/` (`--target web`: bundlers through `browser.mjs`, workerd
//! through `workerd.mjs`, and `ncp-certkit/init`), optimised for size; its `exports` map routes
//! between them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::harness::{node_test, SkewedSandbox};
use crate::tools::{
    build_debug_binaries, check_status, copy, copy_dir, create_dir, ensure_debian,
    ensure_npm_test_tools, ensure_wasm_tools, free_address, profile_dir, read, remove_dir,
    remove_file, root, run, run_in, run_with_path, shell_command, size_build_command,
    size_build_line, tools_bin_dir, write, Server, CHROMIUM,
};

/// The package's hand-written entries and declarations in `crates/wasm/npm/`: Node's ES module
/// entry, the browser entry (loads the wasm itself), the Workers entry (imports the wasm as a
/// module), the explicit initialiser `ncp-certkit/init`, and their declarations.
const ENTRY_FILES: [&str; 7] = [
    "index.mjs",
    "index.d.ts",
    "index.d.mts",
    "browser.mjs",
    "workerd.mjs",
    "init.mjs",
    "init.d.mts",
];
/// `Signer.sign`'s fast path in `crates/wasm/npm/`, appended to each build's module (CommonJS
/// in `node/`, an ES module in `web/`): it has no import or export, and uses that module's
/// `Signer` class.
const FAST_PATH_FILE: &str = "signer-fast-path.js";
/// The wasm build's base name inside the package (`node/ncp_certkit.js`, ...).
const OUT_NAME: &str = "ncp_certkit";

/// The package's wasm builds (cargo's part of [`build`]): `web/` for size (wasm-release, with
/// the size build's environment, `SIZE_BUILD_ENV` in `tools/size_build.rs`), `node/` for speed
/// (wasm-speed, opt-level 3: Node installs the package, page visitors never download that
/// build).
const WEB_CARGO_ARGS: [&str; 7] = cargo_args("wasm-release");
const NODE_CARGO_ARGS: [&str; 7] = cargo_args("wasm-speed");

/// The two cargo builds of [`build`] as lines for `sh -c`, `web/`'s then `node/`'s.
pub fn cargo_lines() -> [String; 2] {
    [
        size_build_line("cargo", &WEB_CARGO_ARGS),
        shell_command("cargo", &NODE_CARGO_ARGS),
    ]
}

const fn cargo_args(profile: &str) -> [&str; 7] {
    [
        "build",
        "--package",
        "certkit-wasm",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        profile,
    ]
}

/// Each build's folder in the package, wasm-bindgen target, cargo profile and wasm-opt passes.
/// `web/` is squeezed further: `--gufa-optimizing` propagates what each value can be across the
/// whole module (constants through calls, calls that cannot happen: 0.4 kB gzip), `--converge`
/// repeats the passes while they still shrink the module, and the producers and
/// target-features sections only serve linkers and tools (about 11 kB gzip in all, with the
/// same passes on the app in index.html).
const BUILDS: [(&str, &str, &str, &[&str]); 2] = [
    ("node", "nodejs", "wasm-speed", &["-O3"]),
    (
        "web",
        "web",
        "wasm-release",
        &[
            "-Oz",
            "--gufa-optimizing",
            "--converge",
            "--strip-producers",
            "--strip-target-features",
        ],
    ),
];

/// `cargo xtask npm`: build `crates/wasm/pkg/` and pack it into `.scratch/npm/`;
/// `cargo xtask npm test`: that, then the package's suite (the npm step of `cargo xtask test`).
pub fn run_command(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("test") => return test(),
        Some(other) => {
            return Err(format!(
                "unknown `cargo xtask npm {other}`: use `cargo xtask npm [test]`"
            ))
        }
        None => {}
    }
    let pkg = build()?;
    let tarball = pack(&pkg)?;
    println!("packed {}", tarball.display());
    Ok(())
}

/// certkit-wasm's folder (its `pkg/` is the built package).
pub fn crate_dir() -> PathBuf {
    root().join("crates").join("wasm")
}

fn scratch() -> PathBuf {
    root().join(".scratch")
}

/// Builds the package into `crates/wasm/pkg/` and prints its sizes.
pub fn build() -> Result<PathBuf, String> {
    ensure_wasm_tools()?;
    let web = size_build_line("cargo", &WEB_CARGO_ARGS);
    eprintln!("+ {web}");
    check_status(&mut size_build_command("cargo", &WEB_CARGO_ARGS), &web)?;
    run("cargo", &NODE_CARGO_ARGS)?;
    let pkg = crate_dir().join("pkg");
    remove_dir(&pkg)?;
    let template = crate_dir().join("npm");
    let fast_path = read(&template.join(FAST_PATH_FILE))?;
    for (dir, target, profile, passes) in BUILDS {
        let wasm = profile_dir(Some("wasm32-unknown-unknown"), profile).join("certkit_wasm.wasm");
        let out = pkg.join(dir);
        bindgen_and_optimise(&wasm, target, &out, OUT_NAME, passes)?;
        let js = out.join(format!("{OUT_NAME}.js"));
        write(&js, &format!("{}\n{fast_path}", read(&js)?))?;
        // Declarations of the raw wasm exports: internal, not part of the API.
        remove_file(&out.join(format!("{OUT_NAME}_bg.wasm.d.ts")))?;
    }
    // One set of declarations, `index.d.ts` (the node build's), serves every entry: the web
    // build's only adds wasm-bindgen's loader, which `browser.mjs` calls itself.
    remove_file(&pkg.join("web").join(format!("{OUT_NAME}.d.ts")))?;
    write(
        &pkg.join("web").join("package.json"),
        "{\n  \"type\": \"module\"\n}\n",
    )?;

    let manifest =
        read(&template.join("package.json"))?.replace("{{version}}", env!("CARGO_PKG_VERSION"));
    write(&pkg.join("package.json"), &manifest)?;
    // The entries, their declarations and the CLI (the manifest's `files` says what ships).
    for entry in ENTRY_FILES {
        copy(&template.join(entry), &pkg.join(entry))?;
    }
    create_dir(&pkg.join("bin"))?;
    copy(
        &template.join("bin").join("ncp-certkit.js"),
        &pkg.join("bin").join("ncp-certkit.js"),
    )?;
    for file in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        copy(&crate_dir().join(file), &pkg.join(file))?;
    }
    print_sizes(&pkg)?;
    Ok(pkg)
}

/// `npm pack` of `pkg` into `.scratch/npm/`; returns the tarball.
pub fn pack(pkg: &Path) -> Result<PathBuf, String> {
    let dest = scratch().join("npm");
    create_dir(&dest)?;
    eprintln!(
        "+ npm pack --pack-destination {} (in {})",
        dest.display(),
        pkg.display()
    );
    let out = Command::new("npm")
        .args(["pack", "--pack-destination", &dest.to_string_lossy()])
        .current_dir(pkg)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start npm: {e}"))?;
    if !out.status.success() {
        return Err(format!("`npm pack` failed ({})", out.status));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let name = stdout
        .lines()
        .map(str::trim)
        .rfind(|line| line.ends_with(".tgz"))
        .ok_or_else(|| format!("`npm pack` printed no tarball name: {stdout}"))?;
    Ok(dest.join(name))
}

/// Installs the packed `tarball` into the npm project `project` without touching its
/// package.json or lock (the tarball has no dependencies, so nothing is resolved).
pub fn install_tarball(project: &Path, tarball: &Path) -> Result<(), String> {
    run_in(
        project,
        "npm",
        &[
            "install",
            "--no-save",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            &tarball.to_string_lossy(),
        ],
    )
}

/// `wasm-bindgen --target {target}` of a cargo-built `wasm` into `out_dir` as `{out_name}.js` and
/// `{out_name}_bg.wasm`, then `wasm-opt {passes}` on that wasm in place.
fn bindgen_and_optimise(
    wasm: &Path,
    target: &str,
    out_dir: &Path,
    out_name: &str,
    passes: &[&str],
) -> Result<(), String> {
    let (wasm, out) = (wasm.to_string_lossy(), out_dir.to_string_lossy());
    run(
        "wasm-bindgen",
        &[
            "--target",
            target,
            "--out-dir",
            &out,
            "--out-name",
            out_name,
            &wasm,
        ],
    )?;
    let bg = out_dir.join(format!("{out_name}_bg.wasm"));
    let bg = bg.to_string_lossy();
    let args: Vec<&str> = passes.iter().copied().chain([&*bg, "-o", &*bg]).collect();
    run_with_path(&tools_bin_dir(), "wasm-opt", &args)
}

/// Prints raw and gzip sizes of what ships.
fn print_sizes(pkg: &Path) -> Result<(), String> {
    println!("ncp-certkit package sizes (after wasm-opt: node/ -O3, web/ -Oz --gufa-optimizing --converge):");
    for file in [
        format!("node/{OUT_NAME}_bg.wasm"),
        format!("node/{OUT_NAME}.js"),
        format!("web/{OUT_NAME}_bg.wasm"),
        format!("web/{OUT_NAME}.js"),
    ] {
        let path = pkg.join(&file);
        let raw = fs::metadata(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .len();
        let gzip = Command::new("gzip")
            .args(["-9", "-c"])
            .arg(&path)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| format!("{:.1} KB gzip", out.stdout.len() as f64 / 1024.0))
            .unwrap_or_else(|| "gzip size unknown".to_string());
        println!("  {file:<28} {:>8.1} KB raw, {gzip}", raw as f64 / 1024.0);
    }
    Ok(())
}

/// Removes Deno's V8 code cache from the suite's `DENO_DIR` (`runtimes/run.mjs`): it outlives
/// the package, which is reinstalled at the same path and version on every run. After a
/// rebuild, Deno was seen failing `createClient` with a ReferenceError to a wasm-bindgen
/// closure shim that the new `node/ncp_certkit.js` does define, and passing once the cache
/// was gone.
fn forget_deno_code_cache(project: &Path) -> Result<(), String> {
    let Ok(entries) = fs::read_dir(project.join(".deno")) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with("v8_code_cache")
        {
            remove_file(&entry.path())?;
        }
    }
    Ok(())
}

/// `cargo xtask npm test`: the package's suite, with a sandbox built for it.
pub fn test() -> Result<(), String> {
    let [sandbox] = build_debug_binaries(["certkit-sandbox"])?;
    test_with(&sandbox)
}

/// The npm step of `cargo xtask test`, with the sandbox binary `sandbox`: build and pack the
/// package, install the tarball into an empty project with the test tools, run the suite there
/// against two sandboxes (one with its clock ahead).
pub fn test_with(sandbox: &Path) -> Result<(), String> {
    let pkg = build()?;
    let tarball = pack(&pkg)?;
    ensure_debian(&[CHROMIUM])?;

    // The suite's tools at their locked versions, then the tarball, as a user would install it.
    let project = ensure_npm_test_tools()?;
    install_tarball(&project, &tarball)?;
    forget_deno_code_cache(&project)?;
    remove_dir(&project.join("test"))?;
    copy_dir(&crate_dir().join("tests-js"), &project.join("test"))?;

    let addr = free_address()?;
    let _main = Server::start(sandbox, &["--listen", &addr], &addr)?;
    let skewed = SkewedSandbox::start(sandbox, None)?;

    let mut files: Vec<String> = fs::read_dir(project.join("test"))
        .map_err(|e| format!("cannot list the npm tests: {e}"))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".test."))
        .map(|name| format!("test/{name}"))
        .collect();
    files.sort();
    let path = |p: PathBuf| p.to_string_lossy().into_owned();
    node_test(
        "the npm package suite",
        &project,
        &files,
        &[
            ("CERTKIT_SANDBOX_URL", format!("http://{addr}")),
            ("CERTKIT_SKEWED_SANDBOX_URL", skewed.url().to_string()),
            (
                "CERTKIT_X509_FIXTURES",
                path(root().join("crates/x509/tests/fixtures")),
            ),
            ("CERTKIT_CORE_DIR", path(root().join("crates/core"))),
            ("CERTKIT_NPM_TARBALL", path(tarball.clone())),
            ("CHROMIUM", "/usr/bin/chromium".to_string()),
        ],
    )
}
