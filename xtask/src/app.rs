//! The browser app (`web/`, certkit-web) built into a dist folder, two ways that give the same
//! files byte for byte:
//! - [`build`]: Trunk, from `index.html` and `Trunk.toml`, the app's build interface. `cargo
//!   xtask serve` and the browser tests use it.
//! - [`build_without_trunk`]: the same steps run directly: cargo, wasm-bindgen, wasm-opt, the
//!   asset copies, and `index.html` rewritten as Trunk rewrites it. `cargo xtask bench` uses it:
//!   the bench must finish within 15 minutes on a fresh machine, and installing Trunk alone
//!   takes about 11 there (`../shared/toolchain.md` names this fallback).
//!
//! `cargo xtask test` builds both and compares them file by file ([`check_same_as_trunk`]), so
//! the bench measures the app that `cargo xtask serve` ships.

use std::fs;
use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha384};

use crate::tools::{
    bindgen_and_optimise, copy, ensure_trunk, ensure_wasm_tools, read, root, run, run_with_path,
    tools_bin_dir, write,
};

/// Installs what is missing (wasm target, Trunk, wasm-bindgen-cli at Cargo.lock's version,
/// wasm-opt from npm binaryen) and builds the app into `dist` with Trunk in release mode.
pub fn build(dist: &Path) -> Result<(), String> {
    ensure_wasm_tools()?;
    ensure_trunk()?;
    let dist = dist.to_string_lossy();
    run_with_path(
        &tools_bin_dir(),
        "trunk",
        &[
            "build",
            "--release",
            "--skip-version-check",
            "--dist",
            &dist,
        ],
    )
}

/// What [`build`] does, without Trunk: for each `<link data-trunk>` of `index.html` the step
/// Trunk 0.21 runs in release mode with `Trunk.toml`'s settings (`filehash = false`,
/// `inject_scripts = false`, no minifying), and the page rewritten as Trunk writes it.
pub fn build_without_trunk(dist: &Path) -> Result<(), String> {
    let index = read(&root().join("index.html"))?;
    let links = trunk_links(&index)?;
    ensure_wasm_tools()?;
    if dist.exists() {
        fs::remove_dir_all(dist).map_err(|e| format!("cannot remove {}: {e}", dist.display()))?;
    }
    fs::create_dir_all(dist).map_err(|e| format!("cannot create {}: {e}", dist.display()))?;
    let mut replacements = Vec::with_capacity(links.len());
    for link in &links {
        replacements.push(run_step(link, dist)?);
    }
    write(
        &dist.join("index.html"),
        &rewrite_index(&index, &links, &replacements),
    )
}

/// Builds the app without Trunk into a scratch folder and compares it with Trunk's build in
/// `trunk_dist`: the same file names, the same bytes.
pub fn check_same_as_trunk(trunk_dist: &Path) -> Result<(), String> {
    let without = root().join(".scratch").join("dist-without-trunk");
    build_without_trunk(&without)?;
    let names = |dir: &Path| -> Result<Vec<String>, String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        Ok(names)
    };
    let (trunk_names, own_names) = (names(trunk_dist)?, names(&without)?);
    if trunk_names != own_names {
        return Err(format!(
            "the app built without Trunk has files {own_names:?}, Trunk's has {trunk_names:?}"
        ));
    }
    for name in &trunk_names {
        let (a, b) = (trunk_dist.join(name), without.join(name));
        if fs::read(&a).ok() != fs::read(&b).ok() {
            return Err(format!(
                "{} differs from Trunk's {}: teach xtask/src/app.rs what Trunk does",
                b.display(),
                a.display()
            ));
        }
    }
    eprintln!(
        "the app built without Trunk matches Trunk's build ({} files)",
        trunk_names.len()
    );
    Ok(())
}

/// One `<link data-trunk ...>` of `index.html`: where its tag is, Trunk's id for it (document
/// order), and its attributes in order (`None` for a bare attribute such as `data-trunk`).
#[derive(Debug, PartialEq)]
struct TrunkLink {
    start: usize,
    end: usize,
    id: usize,
    attrs: Vec<(String, Option<String>)>,
}

impl TrunkLink {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    fn rel(&self) -> &str {
        self.attr("rel").unwrap_or("")
    }

    fn href(&self) -> Result<&str, String> {
        self.attr("href").ok_or_else(|| {
            format!(
                "index.html: <link data-trunk rel=\"{}\"> has no href",
                self.rel()
            )
        })
    }
}

/// The attributes each supported `rel` may carry; anything else is refused, so that a change
/// to `index.html` that this build does not reproduce fails here instead of drifting from Trunk.
const KNOWN_ATTRS: [(&str, &[&str]); 4] = [
    ("rust", &["data-bin", "data-cargo-profile", "data-wasm-opt"]),
    ("css", &[]),
    ("icon", &[]),
    ("copy-file", &[]),
];

/// Every `<link data-trunk ...>` tag of `html`, in document order.
fn trunk_links(html: &str) -> Result<Vec<TrunkLink>, String> {
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(offset) = html[from..].find("<link ") {
        let start = from + offset;
        let end = html[start..]
            .find('>')
            .map(|i| start + i + 1)
            .ok_or("index.html: a <link> tag is not closed")?;
        from = end;
        let attrs = parse_attrs(&html[start + "<link".len()..end - 1])?;
        if !attrs.iter().any(|(name, _)| name == "data-trunk") {
            continue;
        }
        let link = TrunkLink {
            start,
            end,
            id: links.len(),
            attrs,
        };
        let rel = link.rel();
        let allowed = KNOWN_ATTRS
            .iter()
            .find(|(known, _)| *known == rel)
            .map(|(_, allowed)| *allowed)
            .ok_or_else(|| {
                format!(
                    "index.html: <link data-trunk rel=\"{rel}\"> is not supported without Trunk"
                )
            })?;
        if let Some((name, _)) = link.attrs.iter().find(|(name, _)| {
            !matches!(name.as_str(), "data-trunk" | "rel" | "href")
                && !allowed.contains(&name.as_str())
        }) {
            return Err(format!(
                "index.html: attribute {name} of <link data-trunk rel=\"{rel}\"> is not supported without Trunk"
            ));
        }
        links.push(link);
    }
    Ok(links)
}

/// `name="value"` and bare `name` attributes of a tag's inside. Values must be double-quoted.
fn parse_attrs(text: &str) -> Result<Vec<(String, Option<String>)>, String> {
    let mut attrs = Vec::new();
    let mut rest = text.trim_end_matches('/').trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_string();
        rest = &rest[name_end..];
        let value = if let Some(after) = rest.strip_prefix("=\"") {
            let close = after
                .find('"')
                .ok_or_else(|| format!("index.html: the value of {name} is not closed"))?;
            rest = &after[close + 1..];
            Some(after[..close].to_string())
        } else if rest.starts_with('=') {
            return Err(format!(
                "index.html: the value of {name} must be double-quoted"
            ));
        } else {
            None
        };
        attrs.push((name, value));
        rest = rest.trim_start();
    }
    Ok(attrs)
}

/// Runs one link's step into `dist`; returns the HTML that replaces its tag.
fn run_step(link: &TrunkLink, dist: &Path) -> Result<String, String> {
    match link.rel() {
        "rust" => {
            build_rust_app(link, dist)?;
            // Trunk keeps the link, marked with its id, when it injects no script.
            Ok(with_trunk_id(link))
        }
        "css" => copy_asset(link, dist).map(|(file, integrity)| {
            format!(r#"<link rel="stylesheet" href="/{file}" integrity="{integrity}"/>"#)
        }),
        "icon" => copy_asset(link, dist).map(|(file, integrity)| {
            format!(r#"<link rel="icon" href="/{file}" integrity="{integrity}"/>"#)
        }),
        // copy-file: copied as is, its tag removed.
        _ => copy_asset(link, dist).map(|_| String::new()),
    }
}

/// The tag with `data-trunk-id` added last, written the way Trunk's HTML rewriter writes it.
fn with_trunk_id(link: &TrunkLink) -> String {
    let mut tag = String::from("<link");
    for (name, value) in &link.attrs {
        match value {
            Some(value) => tag.push_str(&format!(" {name}=\"{value}\"")),
            None => tag.push_str(&format!(" {name}")),
        }
    }
    tag.push_str(&format!(" data-trunk-id=\"{}\">", link.id));
    tag
}

/// Trunk's release build of a `rel="rust"` link: `cargo build` of the bin with the link's
/// profile, `wasm-bindgen --target web --no-typescript` named after the bin, then wasm-opt.
fn build_rust_app(link: &TrunkLink, dist: &Path) -> Result<(), String> {
    let manifest = link.href()?;
    let bin = link
        .attr("data-bin")
        .ok_or("index.html: the rust link needs data-bin")?;
    let profile = link.attr("data-cargo-profile").unwrap_or("release");
    // bindgen_and_optimise runs -Oz; Trunk runs -O{data-wasm-opt}.
    if link.attr("data-wasm-opt") != Some("z") {
        return Err("index.html: without Trunk only data-wasm-opt=\"z\" is supported".into());
    }
    run(
        "cargo",
        &[
            "build",
            "--target=wasm32-unknown-unknown",
            "--manifest-path",
            manifest,
            "--profile",
            profile,
            "--bin",
            bin,
        ],
    )?;
    let wasm = root()
        .join("target/wasm32-unknown-unknown")
        .join(profile)
        .join(format!("{bin}.wasm"));
    bindgen_and_optimise(&wasm, "web", dist, bin, &["--no-typescript"])?;
    Ok(())
}

/// Copies a css, icon or copy-file asset into `dist` under its file name; returns that name
/// and its Subresource Integrity value (Trunk's default, SHA-384).
fn copy_asset(link: &TrunkLink, dist: &Path) -> Result<(String, String), String> {
    let source = root().join(link.href()?);
    let file = source
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| format!("index.html: {} names no file", source.display()))?;
    copy(&source, &dist.join(&file))?;
    let bytes = fs::read(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    Ok((file, integrity(&bytes)))
}

/// A Subresource Integrity value: `sha384-` and the Base64 of the digest.
fn integrity(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// `html` with each link's tag replaced by its replacement (same order as `links`).
fn rewrite_index(html: &str, links: &[TrunkLink], replacements: &[String]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (link, replacement) in links.iter().zip(replacements) {
        out.push_str(&html[from..link.start]);
        out.push_str(replacement);
        from = link.end;
    }
    out.push_str(&html[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = concat!(
        "<head>\n",
        "  <link data-trunk rel=\"rust\" href=\"web/Cargo.toml\" data-bin=\"app\" data-wasm-opt=\"z\">\n",
        "  <link rel=\"preconnect\" href=\"/\">\n",
        "  <link data-trunk rel=\"css\" href=\"web/a.css\"/>\n",
        "  <link data-trunk rel=\"copy-file\" href=\"web/boot.js\">\n",
        "</head>\n",
    );

    #[test]
    fn finds_the_trunk_links_in_order_with_their_attributes() {
        let links = trunk_links(PAGE).unwrap();
        let rels: Vec<_> = links.iter().map(|l| (l.id, l.rel())).collect();
        assert_eq!(rels, [(0, "rust"), (1, "css"), (2, "copy-file")]);
        assert_eq!(links[0].attr("data-bin"), Some("app"));
        assert_eq!(links[1].href(), Ok("web/a.css"));
        assert_eq!(
            &PAGE[links[2].start..links[2].end],
            "<link data-trunk rel=\"copy-file\" href=\"web/boot.js\">"
        );
    }

    #[test]
    fn rewrites_each_tag_and_keeps_everything_else() {
        let links = trunk_links(PAGE).unwrap();
        let replacements = [with_trunk_id(&links[0]), "<css/>".into(), String::new()];
        assert_eq!(
            rewrite_index(PAGE, &links, &replacements),
            concat!(
                "<head>\n",
                "  <link data-trunk rel=\"rust\" href=\"web/Cargo.toml\" data-bin=\"app\" data-wasm-opt=\"z\" data-trunk-id=\"0\">\n",
                "  <link rel=\"preconnect\" href=\"/\">\n",
                "  <css/>\n",
                "  \n",
                "</head>\n",
            )
        );
    }

    #[test]
    fn refuses_what_it_would_not_reproduce() {
        for page in [
            r#"<link data-trunk rel="sass" href="a.scss">"#,
            r#"<link data-trunk rel="css" href="a.css" data-integrity="none">"#,
            r#"<link data-trunk rel="rust" data-weak-refs>"#,
            r#"<link data-trunk rel='css' href='a.css'>"#,
            r#"<link data-trunk rel="css" href="a.css"#,
        ] {
            assert!(trunk_links(page).is_err(), "{page}");
        }
    }

    #[test]
    fn integrity_is_sha384_in_base64() {
        // Expected values from `printf 'abc' | openssl dgst -sha384 -binary | base64` (OpenSSL 3.0).
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
        assert_eq!(
            integrity(b""),
            "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        );
    }
}
