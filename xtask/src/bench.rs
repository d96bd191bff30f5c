//! `cargo xtask bench` (issue 8): ncp-certkit measured side by side with what users would use
//! instead, in one run on one machine. Writes `BENCHMARKS.md` and `BENCHMARKS.json` at the root.
//!
//! Rust does the orchestration (installs, builds, servers); the measuring and the report are
//! the Node scripts in `bench/`, run from a scratch copy (`.scratch/bench`) where the anchors
//! (exact versions, `bench/package-lock.json`) and the packed `ncp-certkit` tarball are
//! installed. A part that cannot be built is reported as "not measured" with the reason; the
//! bench fails only when two implementations disagree on an answer (scripts exit 3).
//!
//! `--quick` takes fewer and shorter samples, to try the harness; its report says so.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::app;
use crate::npm;
use crate::tools::{
    check_status, ensure_debian, free_address, npm_ci, output, profile_dir, root, target_dir,
    Background, Present, Server, CHROMIUM,
};

/// Exit code of a bench script whose implementations disagree (`bench/lib.mjs`).
const EXIT_DISAGREE: i32 = 3;

/// The Issue End Cert form field that must be visible and enabled for the page to count as
/// interactive (its id is `web/src/fields.rs`'s `Field::dom_id`: `{Op:?}-{path with -}`), and
/// the link that opens that form from the landing page (empty: none needed). The app's split
/// profiles the same path (`app_split.rs`).
pub const FORM_SELECTOR: &str = "#IssueEndCert-x509Parameters-commonName";
pub const NAV_SELECTOR: &str = "nav.main-nav a[data-page=\"IssueEndCert\"]";

/// The proxy's per-client rate limit turned off (`--rate-limit 0`) and its concurrency cap
/// (which guards `/ncp` forwarding) raised, so that neither shapes the load test: the bench
/// measures the proxy's overhead, not its limits. The upstream timeout (30 s, for NCP) is
/// raised because the upstream here is the sandbox, whose pure-Rust RSA-4096 key generation
/// can take longer than that while the soak keeps both cores busy. Said in the report.
const PROXY_BENCH_FLAGS: [&str; 6] = [
    "--rate-limit",
    "0",
    "--max-concurrent",
    "100000",
    "--upstream-timeout",
    "120",
];

/// The proxy route the load goes through: its real forwarding path (`/ncp/{site}/{service}`),
/// with the upstream overridden to the standalone sandbox (these machines cannot reach NCP).
const PROXY_ROUTE: &str = "/ncp/public/private-ca";

/// Debian's nginx: the proxy benchmark's anchor, a reverse proxy for the same route.
const NGINX_BIN: &str = "/usr/sbin/nginx";
const NGINX: (Present, &str) = (Present::File(NGINX_BIN), "nginx");

/// nginx's command line for the configuration [`nginx_conf`] wrote under `prefix`.
fn nginx_args(prefix: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "-p".into(),
        path_arg(prefix),
        "-c".into(),
        path_arg(&prefix.join("nginx.conf")),
        "-e".into(),
        path_arg(&prefix.join("error.log")),
    ];
    args.extend(extra.iter().map(|a| a.to_string()));
    args
}

/// nginx as a plain reverse proxy of [`PROXY_ROUTE`] to the sandbox at `upstream`: as many
/// workers as cores (certkit-proxy's runtime has as many threads), kept-alive upstream
/// connections (certkit-proxy pools them), no access log (certkit-proxy logs one line per
/// request, so nginx is favoured here, said in the report), temp files in `prefix`.
fn nginx_conf(listen: &str, upstream: &str, prefix: &Path) -> String {
    let prefix = prefix.display();
    format!(
        "daemon off;
worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  upstream sandbox {{ server {upstream}; keepalive 64; }}
  server {{
    listen {listen};
    location {PROXY_ROUTE}/ {{
      proxy_pass http://sandbox/;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_set_header Host {upstream};
    }}
  }}
}}
"
    )
}

/// One bench run: where results go, what was not measured and why.
struct Bench {
    scratch: PathBuf,
    results: PathBuf,
    quick: bool,
    not_measured: BTreeMap<&'static str, String>,
    disagreements: Vec<String>,
    /// Wall time of each step, in seconds.
    phases: Vec<(&'static str, u64)>,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let started = Instant::now();
    let quick = args.iter().any(|a| a == "--quick");
    if args.iter().any(|a| a == "hardening") {
        return hardening_only(quick);
    }
    let scratch = root().join(".scratch").join("bench");
    let results = scratch.join("results");
    let _ = fs::remove_dir_all(&results);
    let mut bench = Bench {
        scratch,
        results,
        quick,
        not_measured: BTreeMap::new(),
        disagreements: Vec::new(),
        phases: Vec::new(),
    };
    for dir in [bench.results.clone(), bench.logs()] {
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }

    // The release servers build in the background from the start. The installs and the wasm
    // builds below leave a core idle much of the time (downloads, single-threaded links and
    // LTO), and this build fills it: on a fresh machine that is minutes off the run.
    let servers_build = Background::start(
        "cargo",
        &[
            "build",
            "--release",
            "-p",
            "certkit-proxy",
            "-p",
            "certkit-sandbox",
        ],
        &bench.logs().join("release-build.log"),
    );

    let phase = Instant::now();
    bench.install_anchors()?;
    ensure_debian(&[CHROMIUM, (Present::Program("wrk"), "wrk"), NGINX])?;
    bench.phase("npm anchors, Chromium, wrk, nginx", phase);

    // Builds. Each failure only takes out the figures that need it.
    let phase = Instant::now();
    let npm_ok = bench.build_npm_package();
    bench.phase("npm package (cargo xtask npm)", phase);
    let phase = Instant::now();
    let app_ok = match app::build(&bench.dist()) {
        Ok(()) => true,
        Err(e) => {
            bench.skip("app", format!("the app did not build ({e})"));
            bench.skip("page", format!("the app did not build ({e})"));
            false
        }
    };
    bench.phase("app (trunk build --release)", phase);
    let phase = Instant::now();
    let servers_ok = match servers_build.and_then(Background::wait) {
        Ok(ran) => {
            bench.phases.push((
                "certkit-proxy and certkit-sandbox (release; in the background from the start, \
                 overlapping the steps above)",
                ran.as_secs(),
            ));
            true
        }
        Err(e) => {
            bench.skip(
                "proxy",
                format!("certkit-proxy/certkit-sandbox did not build ({e})"),
            );
            false
        }
    };
    bench.phase("waiting for that release build", phase);

    // Micro-benchmarks and sizes: no servers running.
    let phase = Instant::now();
    if npm_ok {
        bench.script("sign", &[]);
        let fixtures = root().join("crates/x509/tests/fixtures");
        let (leaf, chain) = (
            fixtures.join("leaf-rsa2048.pem"),
            fixtures.join("chain-ordered.pem"),
        );
        if leaf.exists() && chain.exists() {
            bench.script(
                "inspect",
                &["--leaf", &path_arg(&leaf), "--chain", &path_arg(&chain)],
            );
        } else {
            bench.skip(
                "inspect",
                format!("the x509 fixtures are missing ({})", fixtures.display()),
            );
        }
    }
    bench.payload(app_ok, npm_ok);
    bench.phase("sign, inspect, payload", phase);

    // Page and proxy, against release servers on free loopback ports.
    let phase = Instant::now();
    if servers_ok {
        bench.with_servers(app_ok)?;
        bench.phase("page and proxy", phase);
    } else if app_ok {
        let why = "certkit-proxy, which serves the app, did not build".to_string();
        bench.skip("page", why);
    }

    bench.write_report(started)?;
    if bench.disagreements.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "implementations disagree in: {} (see the output above)",
            bench.disagreements.join(", ")
        ))
    }
}

impl Bench {
    fn phase(&mut self, name: &'static str, started: Instant) {
        self.phases.push((name, started.elapsed().as_secs()));
    }

    fn skip(&mut self, section: &'static str, why: String) {
        eprintln!("bench: {section} not measured: {why}");
        self.not_measured.insert(section, why);
    }

    /// Copies `bench/`'s scripts to the scratch folder and installs the anchors there from the
    /// committed lock file (exact versions).
    fn install_anchors(&self) -> Result<(), String> {
        let source = root().join("bench");
        fs::create_dir_all(&self.scratch)
            .map_err(|e| format!("cannot create {}: {e}", self.scratch.display()))?;
        let entries = fs::read_dir(&source).map_err(|e| format!("cannot read bench/: {e}"))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() {
                fs::copy(&path, self.scratch.join(entry.file_name()))
                    .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
            }
        }
        npm_ci(&source, &self.scratch, &[])
    }

    /// Logs of the servers and of the background build.
    fn logs(&self) -> PathBuf {
        self.scratch.join("logs")
    }

    /// The bench's own app build (`trunk build --dist`): `dist/` may be rebuilt by other
    /// commands meanwhile.
    fn dist(&self) -> PathBuf {
        self.scratch.join("dist")
    }

    /// `cargo xtask npm` (build, then `npm pack`), and the tarball installed into the scratch
    /// folder, as a user would get it. False (and the reason recorded) when any step fails.
    fn build_npm_package(&mut self) -> bool {
        let step = || -> Result<(), String> {
            let tarball = npm::pack(&npm::build()?)?;
            npm::install_tarball(&self.scratch, &tarball)
        };
        match step() {
            Ok(()) => true,
            Err(e) => {
                for section in ["sign", "inspect", "npm"] {
                    self.skip(section, format!("no npm package: {e}"));
                }
                false
            }
        }
    }

    /// Runs `node bench/NAME.mjs --out results/NAME.json ARGS...` in the scratch folder.
    /// A failure is recorded as "not measured"; a disagreement also fails the bench.
    fn script(&mut self, name: &'static str, args: &[&str]) {
        let out = self.results.join(format!("{name}.json"));
        eprintln!("+ node {name}.mjs {}", args.join(" "));
        let mut command = Command::new("node");
        command
            .arg(format!("{name}.mjs"))
            .arg("--out")
            .arg(&out)
            .args(args)
            .current_dir(&self.scratch);
        if self.quick {
            command
                .env("BENCH_REPEATS", "3")
                .env("BENCH_SAMPLE_MS", "40");
        }
        match command.status() {
            Ok(status) if status.success() && out.exists() => {}
            Ok(status) if status.code() == Some(EXIT_DISAGREE) => {
                self.disagreements.push(name.to_string());
                self.skip(name, "the implementations disagreed on the answer".into());
            }
            Ok(status) => self.skip(name, format!("`node {name}.mjs` failed ({status})")),
            Err(e) => self.skip(name, format!("cannot start node: {e}")),
        }
    }

    /// Sizes of the app's first load and of the npm package's wasm, with the unstripped cargo
    /// output of each (when found) for the per-crate breakdown.
    fn payload(&mut self, app_ok: bool, npm_ok: bool) {
        let mut args: Vec<String> = Vec::new();
        let wasm_dir = target_dir().join("wasm32-unknown-unknown");
        if app_ok {
            args.extend(["--dist".into(), path_arg(&self.dist())]);
            if let Some(names) = newest(&wasm_dir, "certkit-web.wasm") {
                args.extend(["--app-names".into(), path_arg(&names)]);
            }
        }
        if npm_ok {
            // The package as installed from its tarball: what users get, and out of reach of
            // other builds rewriting crates/wasm/pkg meanwhile.
            let installed = self.scratch.join("node_modules/ncp-certkit");
            args.extend(["--pkg".into(), path_arg(&installed)]);
            if let Some(names) = newest(&wasm_dir, "certkit_wasm.wasm") {
                args.extend(["--pkg-names".into(), path_arg(&names)]);
            }
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.script("payload", &args);
    }

    /// Starts a standalone sandbox and the proxy (serving the bench's app build, forwarding
    /// `/ncp` to that sandbox) from the release builds, runs the page and proxy benchmarks,
    /// stops both.
    fn with_servers(&mut self, app_ok: bool) -> Result<(), String> {
        let release = profile_dir(None, "release");
        let logs = self.logs();

        let sandbox_addr = free_address()?;
        let proxy_addr = free_address()?;
        let dist = path_arg(&self.dist());
        let upstream = format!("http://{sandbox_addr}");
        let mut proxy_args = vec![
            "--listen",
            &proxy_addr,
            "--static-dir",
            &dist,
            "--no-sandbox",
        ];
        proxy_args.extend(["--test-upstream-override", &upstream]);
        proxy_args.extend(PROXY_BENCH_FLAGS);
        let servers = Server::start_logged(
            &release.join("certkit-sandbox"),
            &["--listen", &sandbox_addr, "--rate-limit", "0"],
            &sandbox_addr,
            &logs.join("sandbox.log"),
        )
        .map_err(|e| format!("standalone sandbox: {e}"))
        .and_then(|sandbox| {
            let proxy = Server::start_logged(
                &release.join("certkit-proxy"),
                &proxy_args,
                &proxy_addr,
                &logs.join("proxy.log"),
            )?;
            Ok((sandbox, proxy))
        });
        let (sandbox, proxy) = match servers {
            Ok(servers) => servers,
            Err(e) => {
                let why = format!(
                    "the servers did not start ({e}; logs in {})",
                    logs.display()
                );
                self.skip("proxy", why.clone());
                if app_ok {
                    self.skip("page", why);
                }
                return Ok(());
            }
        };

        if app_ok {
            let url = format!("http://{proxy_addr}/");
            let loads = if self.quick { "5" } else { "20" };
            let mut page_args = vec![
                "--url",
                &url,
                "--form-selector",
                FORM_SELECTOR,
                "--nav-selector",
                NAV_SELECTOR,
                "--loads",
                loads,
            ];
            // The floor (bench/floor/): the same release proxy serving a page with only the
            // link and the field. Without it the app is measured alone, and the report says so.
            let floor = free_address().and_then(|addr| {
                let dir = path_arg(&root().join("bench").join("floor"));
                let args = ["--listen", &addr, "--static-dir", &dir, "--no-sandbox"];
                let log = logs.join("floor-proxy.log");
                Ok((
                    format!("http://{addr}/"),
                    Server::start_logged(&release.join("certkit-proxy"), &args, &addr, &log)?,
                ))
            });
            match &floor {
                Ok((floor_url, _)) => page_args.extend(["--floor-url", floor_url.as_str()]),
                Err(e) => eprintln!("xtask: the page benchmark's floor is not measured: {e}"),
            }
            self.script("page", &page_args);
        }

        let nginx = self.start_nginx(&sandbox_addr);
        let (seconds, repeats) = if self.quick { ("2", "1") } else { ("5", "3") };
        let work = path_arg(&self.scratch);
        let mut anchor_args: Vec<String> = Vec::new();
        if let Some((addr, server)) = &nginx {
            anchor_args.extend([
                "--via-nginx".into(),
                format!("http://{addr}{PROXY_ROUTE}"),
                "--nginx-pid".into(),
                server.id().to_string(),
            ]);
        }
        self.script(
            "proxy",
            &[
                "--direct",
                &format!("http://{sandbox_addr}"),
                "--via-proxy",
                &format!("http://{proxy_addr}{PROXY_ROUTE}"),
                "--proxy-pid",
                &proxy.id().to_string(),
                "--sandbox-pid",
                &sandbox.id().to_string(),
                "--connections",
                "1,64,256",
                "--seconds",
                seconds,
                "--repeats",
                repeats,
                "--work",
                &work,
            ]
            .into_iter()
            .chain(anchor_args.iter().map(String::as_str))
            .collect::<Vec<_>>(),
        );
        if let Some((_, server)) = nginx {
            self.stop_nginx(server);
        }
        self.hardening(&proxy_addr, &sandbox_addr, proxy.id(), sandbox.id());
        Ok(())
    }

    /// Starts nginx as the proxy anchor (see [`nginx_conf`]); `None`, with the section's
    /// reason recorded, when it cannot run.
    fn start_nginx(&mut self, sandbox_addr: &str) -> Option<(String, Server)> {
        let prefix = self.scratch.join("nginx");
        let started = free_address().and_then(|addr| {
            fs::create_dir_all(&prefix)
                .map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
            let conf = prefix.join("nginx.conf");
            fs::write(&conf, nginx_conf(&addr, sandbox_addr, &prefix))
                .map_err(|e| format!("cannot write {}: {e}", conf.display()))?;
            let server = Server::start_logged(
                Path::new(NGINX_BIN),
                &nginx_args(&prefix, &[])
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
                &addr,
                &self.logs().join("nginx.log"),
            )?;
            Ok((addr, server))
        });
        match started {
            Ok(started) => Some(started),
            Err(e) => {
                self.skip("nginx", format!("nginx did not start: {e}"));
                None
            }
        }
    }

    /// Stops nginx's master and workers (`-s quit`): dropping the [`Server`] alone would kill
    /// the master and leave its workers listening.
    fn stop_nginx(&self, server: Server) {
        let prefix = self.scratch.join("nginx");
        let quit = Command::new(NGINX_BIN)
            .args(nginx_args(&prefix, &["-s", "quit"]))
            .status();
        if !matches!(quit, Ok(status) if status.success()) {
            eprintln!("bench: `nginx -s quit` failed ({quit:?}); its workers may linger");
        }
        // The master removes its pid file once its workers have gone.
        let pid_file = prefix.join("nginx.pid");
        let deadline = Instant::now() + std::time::Duration::from_secs(10);
        while pid_file.exists() && Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        drop(server);
    }

    /// The load run (500 connections for 60 s on a cheap signed GET through the proxy) and the
    /// soak (10,000 Issue End Certs of mixed key types through the proxy): `bench/hardening.mjs`.
    fn hardening(
        &mut self,
        proxy_addr: &str,
        sandbox_addr: &str,
        proxy_pid: u32,
        sandbox_pid: u32,
    ) {
        let (seconds, issuances) = if self.quick {
            ("5", "200")
        } else {
            ("60", "10000")
        };
        let work = path_arg(&self.scratch);
        self.script(
            "hardening",
            &[
                "--proxy",
                &format!("http://{proxy_addr}"),
                "--sandbox",
                &format!("http://{sandbox_addr}"),
                "--proxy-pid",
                &proxy_pid.to_string(),
                "--sandbox-pid",
                &sandbox_pid.to_string(),
                "--connections",
                "500",
                "--seconds",
                seconds,
                "--issuances",
                issuances,
                "--work",
                &work,
            ],
        );
    }

    /// `results/meta.json` (date, commit, versions, what was not measured), then the report.
    fn write_report(&mut self, started: Instant) -> Result<(), String> {
        let first_line = |program: &str, args: &[&str]| {
            let text = output(program, args).unwrap_or_default();
            text.lines().next().unwrap_or("unknown").trim().to_string()
        };
        let commit = first_line("git", &["rev-parse", "--short", "HEAD"]);
        let dirty = output("git", &["status", "--porcelain", "--untracked-files=no"])
            .is_some_and(|s| !s.trim().is_empty());
        let versions = [
            ("rustc", first_line("rustc", &["--version"])),
            ("chromium", first_line("/usr/bin/chromium", &["--version"])),
            ("wrk", wrk_version()),
        ];
        let mut meta = String::from("{\n");
        meta.push_str(&format!(
            "  \"date\": {},\n  \"commit\": {},\n  \"quick\": {},\n  \"totalSeconds\": {},\n",
            json_string(&first_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"])),
            json_string(&if dirty {
                format!("{commit} + uncommitted changes")
            } else {
                commit
            }),
            self.quick,
            started.elapsed().as_secs(),
        ));
        let versions: Vec<String> = versions
            .iter()
            .map(|(k, v)| format!("{}: {}", json_string(k), json_string(v)))
            .collect();
        meta.push_str(&format!("  \"versions\": {{{}}},\n", versions.join(", ")));
        let phases: Vec<String> = self
            .phases
            .iter()
            .map(|(name, secs)| format!("{}: {secs}", json_string(name)))
            .collect();
        meta.push_str(&format!("  \"phases\": {{{}}},\n", phases.join(", ")));
        let skipped: Vec<String> = self
            .not_measured
            .iter()
            .map(|(k, v)| format!("{}: {}", json_string(k), json_string(v)))
            .collect();
        meta.push_str(&format!(
            "  \"notMeasured\": {{{}}}\n}}\n",
            skipped.join(", ")
        ));
        let meta_path = self.results.join("meta.json");
        fs::write(&meta_path, meta)
            .map_err(|e| format!("cannot write {}: {e}", meta_path.display()))?;

        check_status(
            Command::new("node")
                .arg("report.mjs")
                .arg("--results")
                .arg(&self.results)
                .arg("--md")
                .arg(root().join("BENCHMARKS.md"))
                .arg("--json")
                .arg(root().join("BENCHMARKS.json"))
                .current_dir(&self.scratch),
            "writing the report",
        )
    }
}

/// `cargo xtask bench hardening`: only the load run and the soak (release servers, wrk, Node),
/// without the npm package, the app or the other benchmarks; prints the figures and leaves
/// them in `.scratch/bench/results/hardening.json` (BENCHMARKS.md is not rewritten).
fn hardening_only(quick: bool) -> Result<(), String> {
    let scratch = root().join(".scratch").join("bench");
    let results = scratch.join("results");
    let mut bench = Bench {
        scratch,
        results,
        quick,
        not_measured: BTreeMap::new(),
        disagreements: Vec::new(),
        phases: Vec::new(),
    };
    for dir in [bench.results.clone(), bench.logs()] {
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    ensure_debian(&[(Present::Program("wrk"), "wrk")])?;
    check_status(
        Command::new("cargo").args([
            "build",
            "--release",
            "-p",
            "certkit-proxy",
            "-p",
            "certkit-sandbox",
        ]),
        "building the release servers",
    )?;
    for file in ["lib.mjs", "hardening.mjs", "package.json"] {
        fs::copy(root().join("bench").join(file), bench.scratch.join(file))
            .map_err(|e| format!("cannot copy bench/{file}: {e}"))?;
    }
    let release = profile_dir(None, "release");
    let (sandbox_addr, proxy_addr) = (free_address()?, free_address()?);
    let upstream = format!("http://{sandbox_addr}");
    let mut proxy_args = vec!["--listen", &proxy_addr, "--no-sandbox"];
    proxy_args.extend(["--test-upstream-override", &upstream]);
    proxy_args.extend(PROXY_BENCH_FLAGS);
    let sandbox = Server::start_logged(
        &release.join("certkit-sandbox"),
        &["--listen", &sandbox_addr, "--rate-limit", "0"],
        &sandbox_addr,
        &bench.logs().join("sandbox.log"),
    )?;
    let proxy = Server::start_logged(
        &release.join("certkit-proxy"),
        &proxy_args,
        &proxy_addr,
        &bench.logs().join("proxy.log"),
    )?;
    bench.hardening(&proxy_addr, &sandbox_addr, proxy.id(), sandbox.id());
    drop(proxy);
    drop(sandbox);
    match bench.not_measured.get("hardening") {
        None => Ok(()),
        Some(why) => Err(format!("hardening: {why}")),
    }
}

/// The most recently written `dir/*/name` (one per cargo profile), if any.
fn newest(dir: &Path, name: &str) -> Option<PathBuf> {
    fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|profile| profile.path().join(name))
        .filter_map(|path| Some((fs::metadata(&path).ok()?.modified().ok()?, path)))
        .max()
        .map(|(_, path)| path)
}

/// `wrk -v` prints its version on the first line and exits non-zero.
fn wrk_version() -> String {
    Command::new("wrk")
        .arg("-v")
        .output()
        .ok()
        .and_then(|o| {
            let text = String::from_utf8_lossy(&o.stdout).into_owned();
            text.lines()
                .next()
                .map(|l| l.split(" Copyright").next().unwrap_or(l).trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn path_arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::json_string;

    #[test]
    fn json_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(json_string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\u000ad\"");
        assert_eq!(json_string("plain"), "\"plain\"");
    }
}
