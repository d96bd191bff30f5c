//! The built app: files with the right types, the SPA fallback, compression (precompressed
//! siblings, else on the fly), and the
//! Content-Security-Policy and other headers on every app response.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{client, start_proxy, start_proxy_with_static};
use std::io::Read;

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const INDEX: &str = "<!doctype html><html><head><title>ncp-certkit</title><script type=\"module\" src=\"/app.js\"></script></head><body></body></html>";

fn app_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), INDEX).unwrap();
    // A minimal valid module, then padding so compression has something to do.
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(0u8, 4096));
    std::fs::write(dir.path().join("app_bg.wasm"), &wasm).unwrap();
    std::fs::write(
        dir.path().join("app.js"),
        "export const x = 1;\n".repeat(200),
    )
    .unwrap();
    std::fs::write(dir.path().join("style.css"), "body { margin: 0 }\n").unwrap();
    dir
}

fn assert_app_headers(response: &reqwest::Response, what: &str) {
    let headers = response.headers();
    assert_eq!(headers["content-security-policy"], CSP, "{what}");
    assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(headers["referrer-policy"], "no-referrer", "{what}");
    assert_eq!(headers["cache-control"], "no-cache", "{what}");
    assert_eq!(
        headers["cross-origin-opener-policy"], "same-origin",
        "{what}"
    );
    let permissions = headers["permissions-policy"].to_str().unwrap();
    assert_eq!(permissions, certkit_proxy::PERMISSIONS_POLICY, "{what}");
    for feature in ["camera=()", "microphone=()", "geolocation=()", "usb=()"] {
        assert!(permissions.contains(feature), "{what}: {feature}");
    }
}

#[tokio::test]
async fn app_files_carry_types_and_security_headers() {
    let dir = app_dir();
    let proxy = start_proxy_with_static(dir.path().to_path_buf()).await;
    let http = client();
    assert_eq!(certkit_proxy::CONTENT_SECURITY_POLICY, CSP);

    for (path, content_type) in [
        ("/", "text/html"),
        ("/index.html", "text/html"),
        ("/app_bg.wasm", "application/wasm"),
        ("/app.js", "text/javascript"),
        ("/style.css", "text/css"),
    ] {
        let response = http.get(proxy.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert_app_headers(&response, path);
        let got = response.headers()["content-type"].to_str().unwrap();
        assert!(got.starts_with(content_type), "{path}: {got}");
    }
    let body = http
        .get(proxy.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(body, INDEX);
}

#[tokio::test]
async fn app_routes_fall_back_to_index_but_assets_do_not() {
    let dir = app_dir();
    let proxy = start_proxy_with_static(dir.path().to_path_buf()).await;
    let http = client();
    for route in ["/issue/end-cert", "/inspect", "/settings/sites/"] {
        let response = http.get(proxy.url(route)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{route}");
        assert_app_headers(&response, route);
        assert_eq!(response.text().await.unwrap(), INDEX, "{route}");
    }
    let missing = http
        .get(proxy.url("/missing-1234.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_app_headers(&missing, "missing asset");
    // Traversal out of the static dir is not possible.
    let response = common::raw_request(
        proxy.addr,
        b"GET /../../../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(!response.contains("root:"), "{response}");
}

#[tokio::test]
async fn app_files_are_compressed_with_gzip_and_brotli() {
    let dir = app_dir();
    let proxy = start_proxy_with_static(dir.path().to_path_buf()).await;
    let original = std::fs::read(dir.path().join("app_bg.wasm")).unwrap();
    for encoding in ["gzip", "br"] {
        let response = client()
            .get(proxy.url("/app_bg.wasm"))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-encoding"], encoding);
        assert_eq!(response.headers()["content-type"], "application/wasm");
        assert_app_headers(&response, encoding);
        let compressed = response.bytes().await.unwrap();
        assert!(
            compressed.len() < original.len(),
            "{encoding} did not shrink it"
        );
        let mut decompressed = Vec::new();
        if encoding == "gzip" {
            flate2::read::GzDecoder::new(compressed.as_ref())
                .read_to_end(&mut decompressed)
                .unwrap();
        } else {
            brotli_decompressor::Decompressor::new(compressed.as_ref(), 4096)
                .read_to_end(&mut decompressed)
                .unwrap();
        }
        assert_eq!(decompressed, original, "{encoding} round trip");
    }
    let plain = client()
        .get(proxy.url("/app_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert!(!plain.headers().contains_key("content-encoding"));
    assert_eq!(plain.bytes().await.unwrap().as_ref(), original.as_slice());
}

/// `bytes` as the build's siblings: brotli quality 11 and gzip level 9, the gzip header with a
/// file name (which on-the-fly compression never writes, so those bytes can only come from the
/// file).
fn precompressed(bytes: &[u8]) -> (Vec<u8>, Vec<u8>) {
    use std::io::Write;
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).unwrap();
    let mut gz = flate2::GzBuilder::new()
        .filename("precompressed")
        .write(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).unwrap();
    (br, gz.finish().unwrap())
}

fn decode(encoding: &str, body: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::new();
    match encoding {
        "gzip" => flate2::read::GzDecoder::new(body)
            .read_to_end(&mut decoded)
            .unwrap(),
        "br" => brotli_decompressor::Decompressor::new(body, 4096)
            .read_to_end(&mut decoded)
            .unwrap(),
        other => panic!("{other}"),
    };
    decoded
}

#[tokio::test]
async fn precompressed_siblings_are_served_to_clients_that_accept_them() {
    let dir = app_dir();
    // Text that compresses, but differently at quality 11 than on the fly.
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend((0..3000u32).flat_map(|i| format!("{} ", i * 7919 % 1000).into_bytes()));
    for name in ["app_bg.wasm", "copy_bg.wasm"] {
        std::fs::write(dir.path().join(name), &wasm).unwrap();
    }
    let mut siblings = Vec::new();
    for name in ["app_bg.wasm", "index.html"] {
        let original = std::fs::read(dir.path().join(name)).unwrap();
        let (br, gz) = precompressed(&original);
        std::fs::write(dir.path().join(format!("{name}.br")), &br).unwrap();
        std::fs::write(dir.path().join(format!("{name}.gz")), &gz).unwrap();
        siblings.push((name, original, br, gz));
    }
    let proxy = start_proxy_with_static(dir.path().to_path_buf()).await;
    let get = |path: &str, accept: Option<&str>| {
        let mut request = client().get(proxy.url(path));
        if let Some(accept) = accept {
            request = request.header("accept-encoding", accept);
        }
        request.send()
    };

    for (name, original, br, gz) in &siblings {
        let (path, content_type) = match *name {
            "index.html" => ("/".to_string(), "text/html"),
            _ => (format!("/{name}"), "application/wasm"),
        };
        // Chromium's header, each encoding alone, and q-values.
        for (accept, encoding, file) in [
            ("gzip, deflate, br, zstd", "br", br),
            ("br", "br", br),
            ("gzip", "gzip", gz),
            ("gzip;q=0.5, br;q=0.1", "gzip", gz),
        ] {
            let what = format!("{path} with {accept}");
            let response = get(&path, Some(accept)).await.unwrap();
            assert_eq!(response.status(), 200, "{what}");
            assert_app_headers(&response, &what);
            let headers = response.headers();
            let got = headers.get("content-encoding").map(|v| v.to_str().unwrap());
            assert_eq!(got, Some(encoding), "{what}");
            assert_eq!(headers["vary"], "accept-encoding", "{what}");
            let got = headers["content-type"].to_str().unwrap();
            assert!(got.starts_with(content_type), "{what}: {got}");
            let body = response.bytes().await.unwrap();
            assert_eq!(
                body.as_ref(),
                file.as_slice(),
                "{what}: not the sibling's bytes"
            );
            assert_eq!(&decode(encoding, &body), original, "{what}: round trip");
        }
        // No Accept-Encoding (or one we have no sibling for): the plain file.
        for accept in [None, Some("zstd")] {
            let what = format!("{path} with {accept:?}");
            let response = get(&path, accept).await.unwrap();
            assert_eq!(response.status(), 200, "{what}");
            assert_app_headers(&response, &what);
            assert!(
                !response.headers().contains_key("content-encoding"),
                "{what}"
            );
            assert_eq!(response.headers()["vary"], "accept-encoding", "{what}");
            let got = response.headers()["content-type"].to_str().unwrap();
            assert!(got.starts_with(content_type), "{what}: {got}");
            assert_eq!(
                &response.bytes().await.unwrap().to_vec(),
                original,
                "{what}"
            );
        }
    }

    // A file without siblings is still compressed, on the fly: other bytes than the
    // quality-11 sibling of the same content, which shows the sibling came from its file.
    let (_, original, br, _) = &siblings[0];
    let response = get("/copy_bg.wasm", Some("br")).await.unwrap();
    assert_eq!(response.headers()["content-encoding"], "br");
    assert_eq!(response.headers()["vary"], "accept-encoding");
    let on_the_fly = response.bytes().await.unwrap();
    assert_ne!(on_the_fly.as_ref(), br.as_slice());
    assert_eq!(&decode("br", &on_the_fly), original);
}

#[tokio::test]
async fn missing_app_serves_a_notice_page() {
    let dir = tempfile::tempdir().unwrap();
    let proxy = start_proxy_with_static(dir.path().join("not-there")).await;
    for path in ["/", "/issue/end-cert"] {
        let response = client().get(proxy.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 503, "{path}");
        assert_app_headers(&response, path);
        assert!(response
            .text()
            .await
            .unwrap()
            .contains("app not built: run cargo xtask serve"));
    }
}

#[tokio::test]
async fn api_answers_carry_nosniff_no_referrer_and_the_api_csp_not_the_apps() {
    let proxy = start_proxy(None, |_| {}).await;
    let response = client()
        .get(proxy.url("/ncp/mars/private-ca/api/v1/ca"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(
        response.headers()["content-security-policy"],
        "default-src 'none'; sandbox; frame-ancestors 'none'"
    );
    assert!(!response.headers().contains_key("permissions-policy"));
}
