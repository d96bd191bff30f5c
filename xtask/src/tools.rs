//! Running commands and installing the tools a fresh machine lacks, idempotently: each
//! `ensure_*` checks first and installs only when missing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::sync::OnceLock;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Cargo's target directory (`cargo metadata`: it honours `CARGO_TARGET_DIR` and
/// `build.target-dir`), or `target/` under the root when cargo cannot say.
pub fn target_dir() -> PathBuf {
    static TARGET_DIR: OnceLock<PathBuf> = OnceLock::new();
    TARGET_DIR
        .get_or_init(|| {
            let metadata = output("cargo", &["metadata", "--format-version", "1", "--no-deps"])
                .unwrap_or_default();
            json_string_at(&metadata, &["target_directory"])
                .map(PathBuf::from)
                .unwrap_or_else(|| root().join("target"))
        })
        .clone()
}

/// Where cargo puts a build for `target` (a triple, or `None` for the host) in `profile`.
pub fn profile_dir(target: Option<&str>, profile: &str) -> PathBuf {
    // Cargo names the dev profile's folder `debug`.
    let folder = if profile == "dev" { "debug" } else { profile };
    match target {
        Some(triple) => target_dir().join(triple).join(folder),
        None => target_dir().join(folder),
    }
}

/// The string value reached by finding each of `keys` in turn in a small JSON text (each after
/// the one before: `["main", "accessKey"]` is `main`'s `accessKey`). Good for the flat answers
/// xtask reads (cargo metadata, the sandbox's demo keys); values with escapes are refused.
pub fn json_string_at(json: &str, keys: &[&str]) -> Option<String> {
    let mut rest = json;
    for key in keys {
        let quoted = format!("\"{key}\"");
        rest = &rest[rest.find(&quoted)? + quoted.len()..];
    }
    let value = rest
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let value = &value[..value.find('"')?];
    (!value.contains('\\')).then(|| value.to_string())
}

/// Runs `program args...` in the workspace root, echoing it; fails with a message on non-zero exit.
pub fn run(program: &str, args: &[&str]) -> Result<(), String> {
    run_in(&root(), program, args)
}

/// Runs a command in `dir`, echoing it first.
pub fn run_in(dir: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("+ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// Standard output of a command, or `None` when it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Installs a rustup target when it is missing.
pub fn ensure_rust_target(target: &str) -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == target) {
        return Ok(());
    }
    run("rustup", &["target", "add", target])
}

/// The scratch folder for npm-installed tools (`.scratch/tools`, gitignored).
pub fn tools_dir() -> PathBuf {
    root().join(".scratch").join("tools")
}

/// `node_modules/.bin` of [`tools_dir`]: put first on PATH so its tools win over Debian's.
pub fn tools_bin_dir() -> PathBuf {
    tools_dir().join("node_modules").join(".bin")
}

/// Runs a command in the workspace root with `extra_bin` first on PATH.
pub fn run_with_path(extra_bin: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!(
        "+ PATH={}:$PATH {program} {}",
        extra_bin.display(),
        args.join(" ")
    );
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![extra_bin.to_path_buf()];
    dirs.extend(std::env::split_paths(&path));
    let path = std::env::join_paths(dirs).map_err(|e| format!("bad PATH entry: {e}"))?;
    let status = Command::new(program)
        .args(args)
        .current_dir(root())
        .env("PATH", path)
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// The version of package `name` recorded in Cargo.lock, if any.
pub fn lock_version(name: &str) -> Option<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).ok()?;
    let needle = format!("name = \"{name}\"\nversion = \"");
    let start = lock.find(&needle)? + needle.len();
    lock[start..].split('"').next().map(str::to_string)
}

/// Trunk 0.21.14 (0.22 needs a newer rustc), from crates.io when missing.
pub fn ensure_trunk() -> Result<(), String> {
    const VERSION: &str = "0.21.14";
    let installed = output("trunk", &["--version"]).unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(VERSION) {
        return Ok(());
    }
    run(
        "cargo",
        &["install", "--locked", &format!("trunk@{VERSION}")],
    )
}

/// wasm-bindgen-cli at exactly the `wasm-bindgen` version in Cargo.lock. Installed without
/// `--locked`: its own lock file pins a crate version the registry lacks (toolchain.md). And
/// unoptimised (`--debug`): measured here, that builds in about 1.5 minutes where
/// ../shared/toolchain.md gives 3.5 for the optimised build, which keeps `cargo xtask bench`
/// within 15 minutes on a fresh machine. A run on the app's wasm then takes about 1.4 s instead
/// of 0.3 s and writes the same bytes (compared with `cmp`).
pub fn ensure_wasm_bindgen_cli() -> Result<(), String> {
    let wanted = lock_version("wasm-bindgen")
        .ok_or("Cargo.lock has no wasm-bindgen entry: run `cargo check -p certkit-web` first")?;
    let installed = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(wanted.as_str()) {
        return Ok(());
    }
    run(
        "cargo",
        &[
            "install",
            "--debug",
            "--force",
            &format!("wasm-bindgen-cli@{wanted}"),
        ],
    )
}

/// wasm-opt comes from npm's binaryen at this version (Debian's and crates.io's fail on current
/// wasm-bindgen output; see ../shared/toolchain.md).
pub const BINARYEN_VERSION: &str = "132.0.0";

/// What a wasm build needs: the wasm target, wasm-bindgen-cli at Cargo.lock's version, and
/// wasm-opt from npm's binaryen.
pub fn ensure_wasm_tools() -> Result<(), String> {
    ensure_rust_target("wasm32-unknown-unknown")?;
    ensure_wasm_bindgen_cli()?;
    ensure_npm_tool("binaryen", BINARYEN_VERSION)
}

/// `wasm-bindgen --target {target}` of a cargo-built `wasm` into `out_dir` as `{out_name}.js` and
/// `{out_name}_bg.wasm`, then `wasm-opt -Oz` on that wasm in place.
pub fn bindgen_and_optimise(
    wasm: &Path,
    target: &str,
    out_dir: &Path,
    out_name: &str,
    extra_args: &[&str],
) -> Result<(), String> {
    let (wasm, out) = (wasm.to_string_lossy(), out_dir.to_string_lossy());
    let mut args = vec![
        "--target",
        target,
        "--out-dir",
        &out,
        "--out-name",
        out_name,
    ];
    args.extend_from_slice(extra_args);
    args.push(&wasm);
    run("wasm-bindgen", &args)?;
    let bg = out_dir.join(format!("{out_name}_bg.wasm"));
    let bg_arg = bg.to_string_lossy();
    run_with_path(
        &tools_bin_dir(),
        "wasm-opt",
        &["-Oz", &bg_arg, "-o", &bg_arg],
    )
}

/// An exact npm package version in [`tools_dir`] (e.g. binaryen for wasm-opt), when missing.
pub fn ensure_npm_tool(name: &str, version: &str) -> Result<(), String> {
    ensure_npm_package(&tools_dir(), name, version)
}

/// Installs `name@version` into `dir/node_modules` unless that exact version is there.
pub fn ensure_npm_package(dir: &Path, name: &str, version: &str) -> Result<(), String> {
    let manifest = dir.join("node_modules").join(name).join("package.json");
    let installed = std::fs::read_to_string(manifest).unwrap_or_default();
    if installed.contains(&format!("\"version\": \"{version}\"")) {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    run_in(
        dir,
        "npm",
        &[
            "install",
            "--no-audit",
            "--no-fund",
            "--no-save",
            "--no-package-lock",
            &format!("{name}@{version}"),
        ],
    )
}

/// Debian's Chromium at `/usr/bin/chromium` (the browser tests drive it; Playwright's own
/// browser download cannot work here).
pub fn ensure_chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() {
        return Ok(());
    }
    run("apt-get", &["update"])?;
    run("apt-get", &["install", "-y", "chromium"])
}

/// A Korean font (Debian's fonts-nanum), so the app's Korean text renders in the browser
/// tests' screenshots instead of empty boxes.
pub fn ensure_korean_font() -> Result<(), String> {
    let fonts = output("fc-list", &[":lang=ko", "family"]).unwrap_or_default();
    if !fonts.trim().is_empty() {
        return Ok(());
    }
    run("apt-get", &["install", "-y", "fonts-nanum"]).or_else(|_| {
        run("apt-get", &["update"]).and_then(|()| run("apt-get", &["install", "-y", "fonts-nanum"]))
    })
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

/// The exact playwright-core version the end-to-end suite uses.
pub const PLAYWRIGHT_CORE_VERSION: &str = "1.65.1";

/// Debian package `package` when `program` is not on PATH (e.g. the `wrk` load generator).
pub fn ensure_debian_tool(program: &str, package: &str) -> Result<(), String> {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()));
    if found {
        return Ok(());
    }
    run("apt-get", &["update"])?;
    run("apt-get", &["install", "-y", package])
}

/// A command running in the background, its output in a log file, so that it overlaps other
/// work; [`Background::wait`] gives its result and how long it ran. Stopped, with the processes
/// it started (cargo's rustc jobs), if dropped unfinished.
pub struct Background {
    pid: u32,
    /// Waits for the process on its own thread, so that its run time is known to the moment.
    /// `None` once waited for.
    waiter: Option<JoinHandle<std::io::Result<(ExitStatus, Duration)>>>,
    command: String,
    log: PathBuf,
}

impl Background {
    /// Starts `program args...` in the workspace root.
    pub fn start(program: &str, args: &[&str], log: &Path) -> Result<Background, String> {
        let command = format!("{program} {}", args.join(" "));
        let (out, err) = log_file(log)?;
        eprintln!("+ {command} > {} (in the background)", log.display());
        let started = Instant::now();
        let mut child = Command::new(program)
            .args(args)
            .current_dir(root())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("cannot start {program}: {e}"))?;
        let pid = child.id();
        let waiter = std::thread::spawn(move || Ok((child.wait()?, started.elapsed())));
        Ok(Background {
            pid,
            waiter: Some(waiter),
            command,
            log: log.to_path_buf(),
        })
    }

    /// Waits for the command to end; how long it ran, or an error that names its log.
    pub fn wait(mut self) -> Result<Duration, String> {
        eprintln!("+ waiting for `{}`", self.command);
        let command = &self.command;
        let (status, ran) = self
            .waiter
            .take()
            .ok_or_else(|| format!("`{command}` was already waited for"))?
            .join()
            .map_err(|_| format!("the thread waiting for `{command}` panicked"))?
            .map_err(|e| format!("cannot wait for `{command}`: {e}"))?;
        if status.success() {
            Ok(ran)
        } else {
            Err(format!(
                "`{command}` failed ({status}; its output is in {})",
                self.log.display()
            ))
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if self.waiter.as_ref().is_some_and(|w| !w.is_finished()) {
            kill_tree(self.pid);
        }
    }
}

/// Kills a process and its descendants (found through `/proc/PID/task/*/children`), parents
/// first so that none starts a new child meanwhile. Best effort: what is gone is skipped.
fn kill_tree(pid: u32) {
    let mut tree = vec![pid];
    let mut next = 0;
    while next < tree.len() {
        let tasks = fs::read_dir(format!("/proc/{}/task", tree[next]));
        for task in tasks.into_iter().flatten().flatten() {
            let children = fs::read_to_string(task.path().join("children")).unwrap_or_default();
            tree.extend(
                children
                    .split_whitespace()
                    .filter_map(|c| c.parse::<u32>().ok()),
            );
        }
        next += 1;
    }
    for pid in tree {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
}

/// A log file for a child's stdout and stderr (two handles on one file).
fn log_file(path: &Path) -> Result<(fs::File, fs::File), String> {
    let out =
        fs::File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    let err = out
        .try_clone()
        .map_err(|e| format!("cannot share {}: {e}", path.display()))?;
    Ok((out, err))
}

/// A server process a command started (proxy, sandbox); stopped when dropped, however the
/// step ends.
pub struct Server {
    child: std::process::Child,
    name: String,
}

impl Server {
    /// Starts `exe args...` in the workspace root and waits (up to 2 minutes: the sandbox
    /// generates its CAs first) until it accepts connections on `addr`.
    pub fn start(exe: &Path, args: &[&str], addr: &str) -> Result<Server, String> {
        eprintln!("+ {} {}", exe.display(), args.join(" "));
        Server::spawn(Command::new(exe).args(args), exe, addr)
    }

    /// Like [`Server::start`], with the server's stdout and stderr written to `log` (for
    /// load tests, where one log line per request would flood the terminal).
    pub fn start_logged(
        exe: &Path,
        args: &[&str],
        addr: &str,
        log: &Path,
    ) -> Result<Server, String> {
        let (out, err) = log_file(log)?;
        eprintln!("+ {} {} > {}", exe.display(), args.join(" "), log.display());
        Server::spawn(
            Command::new(exe).args(args).stdout(out).stderr(err),
            exe,
            addr,
        )
    }

    fn spawn(command: &mut Command, exe: &Path, addr: &str) -> Result<Server, String> {
        let name = exe
            .file_name()
            .map_or_else(|| exe.display().to_string(), |n| n.to_string_lossy().into());
        let child = command
            .current_dir(root())
            .spawn()
            .map_err(|e| format!("cannot start {name}: {e}"))?;
        let mut server = Server { child, name };
        server.wait_until_listening(addr)?;
        Ok(server)
    }

    /// The server's process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    fn wait_until_listening(&mut self, addr: &str) -> Result<(), String> {
        let start = std::time::Instant::now();
        loop {
            self.check_running()?;
            if std::net::TcpStream::connect(addr).is_ok() {
                // Something answers; make sure it is this server and not an earlier one that
                // holds the port (then ours exits at once with a bind error).
                std::thread::sleep(std::time::Duration::from_millis(200));
                return self.check_running();
            }
            if start.elapsed() > std::time::Duration::from_secs(120) {
                return Err(format!(
                    "{} did not listen on {addr} within 2 minutes",
                    self.name
                ));
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    fn check_running(&mut self) -> Result<(), String> {
        match self.child.try_wait() {
            Ok(Some(status)) => Err(format!("{} exited before listening ({status})", self.name)),
            _ => Ok(()),
        }
    }

    /// Waits for the server to stop by itself (`cargo xtask serve` runs until Ctrl-C).
    pub fn wait(mut self) -> Result<std::process::ExitStatus, String> {
        self.child
            .wait()
            .map_err(|e| format!("waiting for {}: {e}", self.name))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback address with a port that was free a moment ago.
pub fn free_address() -> Result<String, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|e| format!("no free local port: {e}"))?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("no free local port: {e}"))?
        .port();
    Ok(format!("127.0.0.1:{port}"))
}

/// Builds a workspace binary in the dev profile (its crypto dependencies are optimised there
/// too) and returns its path.
pub fn build_debug_binary(package: &str) -> Result<PathBuf, String> {
    run("cargo", &["build", "--package", package])?;
    let exe = profile_dir(None, "dev").join(format!("{package}{}", std::env::consts::EXE_SUFFIX));
    if exe.exists() {
        Ok(exe)
    } else {
        Err(format!(
            "{package} was built but {} is missing",
            exe.display()
        ))
    }
}

/// A text file's contents.
pub fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Writes a text file.
pub fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Copies a file.
pub fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

/// Removes a file; a file already gone is fine.
pub fn remove_file(path: &Path) -> Result<(), String> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", path.display())),
    }
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", from.display()))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            copy(&path, &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a process is gone or a zombie (killed, not yet reaped by its new parent).
    fn ended(pid: &str) -> bool {
        fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |stat| {
            stat.rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('Z')
        })
    }

    #[test]
    fn dropping_a_background_command_stops_its_children_too() {
        let dir = std::env::temp_dir().join(format!("xtask-background-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let pid_file = dir.join("child.pid");
        let script = format!("sleep 60 & echo $! > {}; wait", pid_file.display());
        let background = Background::start("sh", &["-c", &script], &dir.join("log")).unwrap();
        let mut child = String::new();
        for _ in 0..100 {
            child = fs::read_to_string(&pid_file)
                .unwrap_or_default()
                .trim()
                .to_string();
            if !child.is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(
            !child.is_empty() && !ended(&child),
            "the child did not start"
        );
        drop(background);
        let stopped = (0..100).any(|_| {
            std::thread::sleep(Duration::from_millis(50));
            ended(&child)
        });
        let _ = fs::remove_dir_all(&dir);
        assert!(
            stopped,
            "the background command's child {child} is still running"
        );
    }

    #[test]
    fn reads_a_string_by_its_keys() {
        let json = r#"{"main":{"accessKey":"A1","secretKey":"S1"},"sub":{"accessKey": "A2"}}"#;
        assert_eq!(
            json_string_at(json, &["main", "secretKey"]).as_deref(),
            Some("S1")
        );
        assert_eq!(
            json_string_at(json, &["sub", "accessKey"]).as_deref(),
            Some("A2")
        );
        assert_eq!(json_string_at(json, &["none", "accessKey"]), None);
        assert_eq!(
            json_string_at(
                r#"{"target_directory":"/w/target","x":1}"#,
                &["target_directory"]
            )
            .as_deref(),
            Some("/w/target")
        );
        assert_eq!(json_string_at(r#"{"a":"C:\\t"}"#, &["a"]), None);
        assert_eq!(json_string_at(r#"{"a":1}"#, &["a"]), None);
    }
}
