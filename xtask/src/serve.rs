//! `cargo xtask serve`: build the browser app (release) and run the proxy with the offline
//! sandbox on 127.0.0.1:8080.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use crate::app;
use crate::tools::{create_dir, debug_binary, ensure_wasm_target, root, Background, Server};

/// The address `cargo xtask serve` listens on.
const LISTEN: &str = "127.0.0.1:8080";

pub fn run(_args: &[String]) -> Result<(), String> {
    // On a fresh machine, three builds overlap: the proxy's and the app's wasm (each in the
    // background) and the installs of wasm-bindgen-cli and Trunk (in their own target folder).
    // Cargo locks each profile's folder, and target/debug is not the wasm build's. Together
    // they keep both cores busy where one alone leaves one idle (downloads, links, LTO).
    let logs = root().join(".scratch").join("logs");
    create_dir(&logs)?;
    ensure_wasm_target()?;
    let proxy_build = Background::start(
        "cargo",
        &["build", "--package", "certkit-proxy"],
        &logs.join("serve-proxy-build.log"),
    )?;
    let app_build = app::prebuild(&logs.join("serve-app-build.log"))?;
    app::build_after(app_build, &root().join("dist"))?;
    proxy_build.wait()?;
    let server = start_proxy(&debug_binary("certkit-proxy")?, LISTEN, &[])?;
    let demo = http_get(LISTEN, "/sandbox/demo/credentials").unwrap_or_default();
    let keys: serde_json::Value = serde_json::from_str(&demo).unwrap_or_default();
    let demo_key = |account: &str, key: &str| {
        let key = keys.pointer(&format!("/{account}/{key}"));
        key.and_then(serde_json::Value::as_str)
            .unwrap_or("?")
            .to_string()
    };
    println!();
    println!("ncp-certkit is running at http://{LISTEN}/  (Ctrl-C stops it)");
    println!("Sandbox demo keys (they grant nothing outside the sandbox):");
    println!(
        "  main account: access key {}  secret key {}",
        demo_key("main", "accessKey"),
        demo_key("main", "secretKey")
    );
    println!(
        "  sub account:  access key {}  secret key {}",
        demo_key("sub", "accessKey"),
        demo_key("sub", "secretKey")
    );
    println!("In the app, pick Site: Sandbox and press \"Use the sandbox demo keys\".");
    let status = server.wait()?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("certkit-proxy stopped ({status})"))
    }
}

/// Starts the proxy serving `dist/` with the sandbox mounted, once it listens.
pub fn start_proxy(exe: &Path, listen: &str, extra: &[&str]) -> Result<Server, String> {
    let dist = root().join("dist");
    let dist = dist.to_string_lossy();
    let mut args = vec!["--listen", listen, "--static-dir", &dist];
    args.extend_from_slice(extra);
    Server::start(exe, &args, listen)
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
