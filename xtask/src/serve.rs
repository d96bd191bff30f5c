//! `cargo xtask serve`: build the browser app (release) and run the proxy with the offline
//! sandbox on 127.0.0.1:8080.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::tools::{
    ensure_npm_tool, ensure_rust_target, ensure_trunk, ensure_wasm_bindgen_cli, root,
    run as run_command, run_with_path, tools_bin_dir,
};

/// The address `cargo xtask serve` listens on.
const LISTEN: &str = "127.0.0.1:8080";

pub fn run(_args: &[String]) -> Result<(), String> {
    build_app()?;
    let proxy = build_proxy()?;
    let mut child = start_proxy(&proxy, LISTEN, &[])?;
    wait_until_listening(LISTEN, &mut child)?;
    let demo = http_get(LISTEN, "/sandbox/demo/credentials").unwrap_or_default();
    println!();
    println!("ncp-certkit is running at http://{LISTEN}/  (Ctrl-C stops it)");
    println!("Sandbox demo keys (they grant nothing outside the sandbox):");
    println!(
        "  main account: access key {}  secret key {}",
        json_field(&demo, "main", "accessKey"),
        json_field(&demo, "main", "secretKey")
    );
    println!(
        "  sub account:  access key {}  secret key {}",
        json_field(&demo, "sub", "accessKey"),
        json_field(&demo, "sub", "secretKey")
    );
    println!("In the app, pick Site: Sandbox and press \"Use the sandbox demo keys\".");
    let status = child
        .wait()
        .map_err(|e| format!("waiting for certkit-proxy: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("certkit-proxy stopped ({status})"))
    }
}

/// Installs what is missing (wasm target, Trunk, wasm-bindgen-cli at Cargo.lock's version,
/// wasm-opt from npm binaryen) and builds the app into `dist/` with Trunk in release mode.
pub fn build_app() -> Result<(), String> {
    ensure_rust_target("wasm32-unknown-unknown")?;
    ensure_trunk()?;
    ensure_wasm_bindgen_cli()?;
    ensure_npm_tool("binaryen", "132.0.0")?;
    run_with_path(
        &tools_bin_dir(),
        "trunk",
        &["build", "--release", "--skip-version-check"],
    )
}

/// Builds certkit-proxy (dev profile: the crypto dependencies are optimised there too) and
/// returns the binary's path.
pub fn build_proxy() -> Result<PathBuf, String> {
    run_command("cargo", &["build", "--package", "certkit-proxy"])?;
    let exe = root()
        .join("target")
        .join("debug")
        .join(format!("certkit-proxy{}", std::env::consts::EXE_SUFFIX));
    if exe.exists() {
        Ok(exe)
    } else {
        Err(format!(
            "certkit-proxy was built but {} is missing",
            exe.display()
        ))
    }
}

/// Starts the proxy serving `dist/` with the sandbox mounted.
pub fn start_proxy(exe: &PathBuf, listen: &str, extra: &[&str]) -> Result<Child, String> {
    let dist = root().join("dist");
    let dist = dist.to_string_lossy();
    let mut args = vec!["--listen", listen, "--static-dir", &dist];
    args.extend_from_slice(extra);
    eprintln!("+ {} {}", exe.display(), args.join(" "));
    Command::new(exe)
        .args(&args)
        .current_dir(root())
        .spawn()
        .map_err(|e| format!("cannot start certkit-proxy: {e}"))
}

/// Waits until `addr` accepts connections (the sandbox generates its CAs first).
pub fn wait_until_listening(addr: &str, child: &mut Child) -> Result<(), String> {
    let start = Instant::now();
    loop {
        if TcpStream::connect(addr).is_ok() {
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("certkit-proxy exited before listening ({status})"));
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            return Err(format!(
                "certkit-proxy did not listen on {addr} within 2 minutes"
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A plain HTTP/1.0 GET; the body, or `None`.
fn http_get(addr: &str, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
}

/// `"value"` of `"key":"value"` after `"section"` in a small flat JSON text; "?" when absent.
fn json_field(json: &str, section: &str, key: &str) -> String {
    let after_section = json
        .find(&format!("\"{section}\""))
        .map(|i| &json[i..])
        .unwrap_or("");
    after_section
        .find(&format!("\"{key}\""))
        .map(|i| &after_section[i + key.len() + 2..])
        .and_then(|rest| rest.split('"').nth(1))
        .unwrap_or("?")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::json_field;

    #[test]
    fn reads_demo_keys_from_the_credentials_json() {
        let json = r#"{"main":{"accessKey":"A1","secretKey":"S1"},"sub":{"accessKey":"A2","secretKey":"S2"}}"#;
        assert_eq!(json_field(json, "main", "secretKey"), "S1");
        assert_eq!(json_field(json, "sub", "accessKey"), "A2");
        assert_eq!(json_field(json, "none", "accessKey"), "?");
    }
}
