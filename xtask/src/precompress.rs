//! Brotli (quality 11) and gzip (level 9) siblings of the app's static files, made once at
//! build time: `app.wasm` gets `app.wasm.br` and `app.wasm.gz`. certkit-proxy serves them to
//! clients that accept them (ServeDir's precompressed variants) instead of compressing each
//! response on the fly at a fast, weaker level. The output is deterministic (gzip's header has
//! no time or name), so a rebuild of the same files gives the same bytes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The files a page load fetches and that compress: markup, scripts, styles, wasm.
const EXTENSIONS: [&str; 5] = ["html", "js", "mjs", "css", "wasm"];
/// The siblings' suffixes: brotli, gzip.
const SUFFIXES: [&str; 2] = ["br", "gz"];

/// Writes a `.br` and a `.gz` beside every [`EXTENSIONS`] file under `dir` (recursively), and
/// removes siblings whose original is gone (a stale `.br` would be served for a file that no
/// longer exists). Returns the files compressed.
pub fn precompress(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    let mut done = Vec::new();
    for path in files {
        let name = path.to_string_lossy();
        if let Some(original) = SUFFIXES
            .iter()
            .find_map(|s| name.strip_suffix(&format!(".{s}")))
            .map(Path::new)
            .filter(|original| compressible(original))
        {
            if !original.exists() {
                crate::tools::remove_file(&path)?;
            }
            continue;
        }
        if !compressible(&path) {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| format!("cannot read {name}: {e}"))?;
        write(&sibling(&path, "br"), &brotli(&bytes)?)?;
        write(&sibling(&path, "gz"), &gzip(&bytes)?)?;
        done.push(path);
    }
    Ok(done)
}

fn compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(())
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{suffix}"));
    PathBuf::from(name)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Brotli at its best quality (11) with a 4 MiB window (22, the library's and Node's default).
fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

/// gzip level 9; flate2 writes no file name and a zero time, so the bytes depend only on the
/// input.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|e| format!("gzip: {e}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::io::Read;

    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("xtask-precompress-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).unwrap();
        dir
    }

    #[test]
    fn siblings_decode_to_their_original_and_only_page_assets_get_them() {
        let dir = scratch("decode");
        // Repetitive, so both formats shrink it.
        let script = "export const x = 1;\n".repeat(500);
        fs::write(dir.join("app.js"), &script).unwrap();
        fs::write(dir.join("sub/app.wasm"), [0u8, 97, 115, 109].repeat(300)).unwrap();
        fs::write(dir.join("icon.svg"), "<svg/>").unwrap();
        // A sibling left by an earlier build of a file that is gone.
        fs::write(dir.join("old.js.br"), "stale").unwrap();

        let done = precompress(&dir).unwrap();
        assert_eq!(done, [dir.join("app.js"), dir.join("sub/app.wasm")]);
        for original in &done {
            let bytes = fs::read(original).unwrap();
            let br = fs::read(sibling(original, "br")).unwrap();
            let gz = fs::read(sibling(original, "gz")).unwrap();
            assert!(br.len() < bytes.len() && gz.len() < bytes.len());
            let mut decoded = Vec::new();
            brotli::Decompressor::new(&br[..], 4096)
                .read_to_end(&mut decoded)
                .unwrap();
            assert_eq!(decoded, bytes);
            decoded.clear();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut decoded)
                .unwrap();
            assert_eq!(decoded, bytes);
        }
        assert!(!dir.join("icon.svg.br").exists() && !dir.join("icon.svg.gz").exists());
        assert!(!dir.join("old.js.br").exists());

        // Deterministic: a second run writes the same bytes.
        let first = fs::read(dir.join("app.js.gz")).unwrap();
        let first_br = fs::read(dir.join("app.js.br")).unwrap();
        precompress(&dir).unwrap();
        assert_eq!(fs::read(dir.join("app.js.gz")).unwrap(), first);
        assert_eq!(fs::read(dir.join("app.js.br")).unwrap(), first_br);
        fs::remove_dir_all(&dir).unwrap();
    }
}
