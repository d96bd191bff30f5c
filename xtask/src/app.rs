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

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha384};

use crate::tools::{
    bindgen_and_optimise, copy, ensure_trunk, ensure_wasm_tools, profile_dir, read, root, run,
    run_with_path, tools_bin_dir, write,
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
/// Trunk 0.21 runs in release mode, and the page rewritten as Trunk writes it. A setting of
/// `Trunk.toml` or `index.html` it would not reproduce is refused, never ignored.
pub fn build_without_trunk(dist: &Path) -> Result<(), String> {
    check_trunk_toml(&read(&root().join("Trunk.toml"))?)?;
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
    let (trunk_files, own_files) = (files_in(trunk_dist)?, files_in(&without)?);
    if trunk_files.keys().ne(own_files.keys()) {
        return Err(format!(
            "the app built without Trunk has files {:?}, Trunk's has {:?}",
            own_files.keys().collect::<Vec<_>>(),
            trunk_files.keys().collect::<Vec<_>>()
        ));
    }
    for (name, bytes) in &trunk_files {
        if own_files.get(name) != Some(bytes) {
            return Err(format!(
                "{name} built without Trunk differs from Trunk's (in {} and {}): teach \
                 xtask/src/app.rs what Trunk does",
                without.display(),
                trunk_dist.display()
            ));
        }
    }
    eprintln!(
        "the app built without Trunk matches Trunk's build ({} files)",
        trunk_files.len()
    );
    Ok(())
}

/// Every file under `dir` (recursively) by its path relative to `dir`, with its bytes.
fn files_in(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let mut files = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries =
            fs::read_dir(&folder).map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot list {}: {e}", folder.display()))?
                .path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let bytes =
                fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            files.insert(name, bytes);
        }
    }
    Ok(files)
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

/// Every `<link data-trunk ...>` tag of `html`, in document order (comments skipped). Refuses
/// a page that names `data-trunk` anywhere else (a `<script data-trunk>`, a comment, another
/// spelling), since this build would not reproduce what Trunk does with it.
fn trunk_links(html: &str) -> Result<Vec<TrunkLink>, String> {
    // Tag and attribute names are case-insensitive; ASCII lowercasing keeps every byte offset.
    let lower = html.to_ascii_lowercase();
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(offset) = lower[from..].find('<') {
        let start = from + offset;
        let rest = &lower[start..];
        if rest.starts_with("<!--") {
            let close = rest
                .find("-->")
                .ok_or("index.html: a comment is not closed")?;
            from = start + close + "-->".len();
            continue;
        }
        let after_name = &rest["<link".len().min(rest.len())..];
        let is_link = rest.starts_with("<link")
            && after_name.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/');
        if !is_link {
            from = start + 1;
            continue;
        }
        let end = tag_end(html, start)?;
        from = end;
        let inside = &html[start + "<link".len()..end - 1];
        let attrs = parse_attrs(inside)?;
        if !attrs.iter().any(|(name, _)| name == "data-trunk") {
            continue;
        }
        let link = TrunkLink {
            start,
            end,
            id: links.len(),
            attrs,
        };
        check_link(&link, inside.trim_end().ends_with('/'))?;
        links.push(link);
    }
    let mentions = lower.matches("data-trunk").count();
    if mentions != links.len() {
        return Err(format!(
            "index.html names data-trunk {mentions} times but has {} <link data-trunk> tags: \
             the build without Trunk reproduces only those (see xtask/src/app.rs)",
            links.len()
        ));
    }
    Ok(links)
}

/// Refuses a link this build would not reproduce exactly: an unknown `rel` or attribute, or a
/// self-closing rust link (Trunk keeps that tag, and its exact rewriting is untested here).
fn check_link(link: &TrunkLink, self_closing: bool) -> Result<(), String> {
    let rel = link.rel();
    let allowed = KNOWN_ATTRS
        .iter()
        .find(|(known, _)| *known == rel)
        .map(|(_, allowed)| *allowed)
        .ok_or_else(|| {
            format!("index.html: <link data-trunk rel=\"{rel}\"> is not supported without Trunk")
        })?;
    if let Some((name, _)) = link.attrs.iter().find(|(name, _)| {
        !matches!(name.as_str(), "data-trunk" | "rel" | "href") && !allowed.contains(&name.as_str())
    }) {
        return Err(format!(
            "index.html: attribute {name} of <link data-trunk rel=\"{rel}\"> is not supported \
             without Trunk"
        ));
    }
    if rel == "rust" && self_closing {
        return Err("index.html: write the rust link as <link ...>, not <link .../>".into());
    }
    Ok(())
}

/// The offset just past the `>` that closes the tag starting at `start` (a `>` inside a quoted
/// value does not close it).
fn tag_end(html: &str, start: usize) -> Result<usize, String> {
    let mut quote = None;
    for (i, c) in html[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Ok(start + i + 1),
            _ => {}
        }
    }
    Err("index.html: a <link> tag is not closed".into())
}

/// `name="value"` and bare `name` attributes of a tag's inside. Values must be double-quoted.
fn parse_attrs(text: &str) -> Result<Vec<(String, Option<String>)>, String> {
    let mut attrs = Vec::new();
    let mut rest = text.trim_end_matches('/').trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        if name_end == 0 {
            return Err(format!(
                "index.html: `{rest}` in a <link> tag: write attributes as name=\"value\""
            ));
        }
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

/// Refuses a `Trunk.toml` setting this build does not reproduce. It reproduces Trunk's
/// release build with `filehash = false`, `inject_scripts = false` and the defaults for the
/// rest (no minifying, public URL `/`, SHA-384 integrity, no hooks); `[serve]`, `[watch]` and
/// `[clean]` do not change what is built.
fn check_trunk_toml(text: &str) -> Result<(), String> {
    const REQUIRED: [(&str, &str); 2] = [("inject_scripts", "false"), ("filehash", "false")];
    const FREE: [(&str, &str); 6] = [
        ("", "trunk-version"),
        ("build", "target"),
        ("build", "dist"),
        ("build", "offline"),
        ("tools", "wasm_bindgen"),
        ("tools", "wasm_opt"),
    ];
    let mut section = String::new();
    let mut required_seen = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            section = line
                .trim_matches(|c| c == '[' || c == ']')
                .trim()
                .to_string();
            if !matches!(
                section.as_str(),
                "build" | "tools" | "serve" | "watch" | "clean"
            ) {
                return Err(format!(
                    "Trunk.toml: [{section}] is not reproduced by the build without Trunk"
                ));
            }
            continue;
        }
        if matches!(section.as_str(), "serve" | "watch" | "clean") {
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .map(|(k, v)| (k.trim(), v.trim()))
            .ok_or_else(|| format!("Trunk.toml: cannot read `{line}`"))?;
        if REQUIRED.contains(&(key, value)) && section == "build" {
            required_seen += 1;
        } else if !FREE.contains(&(section.as_str(), key)) {
            return Err(format!(
                "Trunk.toml: `{line}` in [{section}] is not reproduced by the build without Trunk"
            ));
        }
    }
    if required_seen < REQUIRED.len() {
        return Err(
            "Trunk.toml: the build without Trunk needs inject_scripts = false and filehash = false"
                .into(),
        );
    }
    Ok(())
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
        // Copied as is, its tag removed.
        "copy-file" => copy_asset(link, dist).map(|_| String::new()),
        rel => Err(format!(
            "index.html: no step for rel=\"{rel}\" without Trunk"
        )),
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
    let wasm = profile_dir(Some("wasm32-unknown-unknown"), profile).join(format!("{bin}.wasm"));
    bindgen_and_optimise(&wasm, "web", dist, bin, &["--no-typescript"])
}

/// Copies a css, icon or copy-file asset into `dist` under its file name; returns that name
/// and its Subresource Integrity value (Trunk's default, SHA-384).
fn copy_asset(link: &TrunkLink, dist: &Path) -> Result<(String, String), String> {
    let source = root().join(link.href()?);
    let file = source
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| format!("index.html: {} names no file", source.display()))?;
    let copied = dist.join(&file);
    copy(&source, &copied)?;
    // Trunk hashes the file it wrote.
    let bytes = fs::read(&copied).map_err(|e| format!("cannot read {}: {e}", copied.display()))?;
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
    fn reads_tags_the_way_html_does() {
        let page = concat!(
            "<!-- <link rel=\"css\" href=\"old.css\"> -->\n",
            "<LINK\n  data-trunk rel=\"css\" href=\"a>b.css\">\n",
            "<linkish data-x><link rel=\"icon\" href=\"/x\">",
        );
        let links = trunk_links(page).unwrap();
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].href(), Ok("a>b.css"));
        assert!(page[links[0].start..links[0].end].ends_with("href=\"a>b.css\">"));
        // A data-trunk link in a comment is not built (Trunk ignores it), so it is refused.
        let commented = page.replace("<link rel=\"css\"", "<link data-trunk rel=\"css\"");
        let err = trunk_links(&commented).unwrap_err();
        assert!(err.contains("names data-trunk 2 times but has 1"), "{err}");
    }

    #[test]
    fn refuses_script_links_and_self_closing_rust_links() {
        for page in [
            r#"<script data-trunk src="a.js"></script>"#,
            r#"<link data-trunk rel="rust" href="Cargo.toml" data-bin="app" data-wasm-opt="z"/>"#,
            r#"<link data-trunk rel = "css" href="a.css">"#,
        ] {
            assert!(trunk_links(page).is_err(), "{page}");
        }
    }

    #[test]
    fn accepts_only_the_trunk_settings_it_reproduces() {
        let ours = read(&root().join("Trunk.toml")).unwrap();
        assert_eq!(check_trunk_toml(&ours), Ok(()));
        let minimal = "[build]\ninject_scripts = false\nfilehash = false\n[serve]\nport = 1\n";
        assert_eq!(check_trunk_toml(minimal), Ok(()));
        for toml in [
            "[build]\ninject_scripts = false\n",
            "[build]\ninject_scripts = false\nfilehash = true\n",
            "[build]\ninject_scripts = false\nfilehash = false\nminify = \"on_release\"\n",
            "[build]\ninject_scripts = false\nfilehash = false\npublic_url = \"/app/\"\n",
            "[build]\ninject_scripts = false\nfilehash = false\n[[hooks]]\nstage = \"build\"\n",
        ] {
            assert!(check_trunk_toml(toml).is_err(), "{toml}");
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
