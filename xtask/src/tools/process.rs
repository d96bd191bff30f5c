//! Running commands: in the foreground (echoed, failing with a message), in the background
//! (stopped with everything they started when dropped), and servers (stopped when dropped).

use std::ffi::OsString;
use std::fs;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::paths::{profile_dir, root};

/// Runs `program args...` in the workspace root, echoing it; fails with a message on non-zero exit.
pub fn run(program: &str, args: &[&str]) -> Result<(), String> {
    run_in(&root(), program, args)
}

/// Runs a command in `dir`, echoing it first.
pub fn run_in(dir: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("+ {program} {}", args.join(" "));
    let shown = format!("`{program} {}`", args.join(" "));
    check_status(Command::new(program).args(args).current_dir(dir), &shown)
}

/// Runs a command in the workspace root with `extra_bin` first on PATH.
pub fn run_with_path(extra_bin: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!(
        "+ PATH={}:$PATH {program} {}",
        extra_bin.display(),
        args.join(" ")
    );
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(root())
        .env("PATH", path_with(extra_bin)?);
    check_status(&mut command, &format!("`{program} {}`", args.join(" ")))
}

/// Runs a prepared `command` to its end (its caller echoes it); an error names it as `what`
/// when it cannot start or fails.
pub fn check_status(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot start {what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

/// `PATH` with `dir` first.
pub fn path_with(dir: &Path) -> Result<OsString, String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![dir.to_path_buf()];
    dirs.extend(std::env::split_paths(&path));
    std::env::join_paths(dirs).map_err(|e| format!("bad PATH entry: {e}"))
}

/// `program args...` as a line for `sh -c`, each word single-quoted.
pub fn shell_command(program: &str, args: &[&str]) -> String {
    let words: Vec<String> = std::iter::once(program)
        .chain(args.iter().copied())
        .map(|word| format!("'{}'", word.replace('\'', r"'\''")))
        .collect();
    words.join(" ")
}

/// Standard output of a command, or `None` when it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A command running in the background, its output in a log file, so that it overlaps other
/// work; [`Background::wait`] gives its result and how long it ran. It runs in a process group
/// of its own, which is killed whole (cargo's rustc jobs too) if it is dropped unfinished. (So
/// Ctrl-C, which the terminal sends to xtask's group, does not reach it: it runs to its end.)
pub struct Background {
    /// The command's process id, which is also its process group's id.
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
        Background::start_with(Command::new(program).args(args), log)
    }

    /// Starts `command` (its program, arguments and environment set) in the workspace root.
    pub fn start_with(command: &mut Command, log: &Path) -> Result<Background, String> {
        let shown = std::iter::once(command.get_program())
            .chain(command.get_args())
            .map(|part| part.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ");
        let (out, err) = log_file(log)?;
        eprintln!("+ {shown} > {} (in the background)", log.display());
        let started = Instant::now();
        let mut child = command
            .current_dir(root())
            .stdout(out)
            .stderr(err)
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start `{shown}`: {e}"))?;
        let pid = child.id();
        let waiter = std::thread::spawn(move || Ok((child.wait()?, started.elapsed())));
        Ok(Background {
            pid,
            waiter: Some(waiter),
            command: shown,
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
        // Unfinished: its group still exists (its leader is not reaped), so the id is its own.
        if self.waiter.as_ref().is_some_and(|w| !w.is_finished()) {
            let group = format!("-{}", self.pid);
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        }
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
/// step ends. It stays in xtask's process group, so that Ctrl-C stops `cargo xtask serve`'s
/// proxy too.
pub struct Server {
    child: Child,
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
        let start = Instant::now();
        loop {
            self.check_running()?;
            if std::net::TcpStream::connect(addr).is_ok() {
                // Something answers; make sure it is this server and not an earlier one that
                // holds the port (then ours exits at once with a bind error).
                std::thread::sleep(Duration::from_millis(200));
                return self.check_running();
            }
            if start.elapsed() > Duration::from_secs(120) {
                return Err(format!(
                    "{} did not listen on {addr} within 2 minutes",
                    self.name
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn check_running(&mut self) -> Result<(), String> {
        match self.child.try_wait() {
            Ok(Some(status)) => Err(format!("{} exited before listening ({status})", self.name)),
            _ => Ok(()),
        }
    }

    /// Waits for the server to stop by itself (`cargo xtask serve` runs until Ctrl-C).
    pub fn wait(mut self) -> Result<ExitStatus, String> {
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

/// Builds workspace binaries in the dev profile (their crypto dependencies are optimised there
/// too), in one cargo run, and returns their paths in the order given.
pub fn build_debug_binaries<const N: usize>(packages: [&str; N]) -> Result<[PathBuf; N], String> {
    let mut args = vec!["build"];
    for package in packages {
        args.extend(["--package", package]);
    }
    run("cargo", &args)?;
    let paths = packages
        .iter()
        .map(|package| debug_binary(package))
        .collect::<Result<Vec<_>, _>>()?;
    paths
        .try_into()
        .map_err(|_| "cargo gave fewer binaries than asked".to_string())
}

/// The path of a workspace binary that cargo has built in the dev profile.
pub fn debug_binary(package: &str) -> Result<PathBuf, String> {
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
    fn shell_commands_quote_every_argument() {
        assert_eq!(
            shell_command("cargo", &["build", "/a b/it's"]),
            r"'cargo' 'build' '/a b/it'\''s'"
        );
        let out = Command::new("sh")
            .args([
                "-c",
                &shell_command("printf", &["%s|", "a b", "it's", "$HOME"]),
            ])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "a b|it's|$HOME|");
    }

    #[test]
    fn a_finished_background_command_reports_its_result() {
        let dir = std::env::temp_dir().join(format!("xtask-finished-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let ok = Background::start("sh", &["-c", "exit 0"], &dir.join("ok.log")).unwrap();
        assert!(ok.wait().is_ok());
        let failed = Background::start("sh", &["-c", "exit 3"], &dir.join("no.log")).unwrap();
        let err = failed.wait().unwrap_err();
        let _ = fs::remove_dir_all(&dir);
        assert!(err.contains("no.log"), "{err}");
    }
}
