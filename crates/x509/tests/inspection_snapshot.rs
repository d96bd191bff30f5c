//! Every inspection field of every fixture, compared with a snapshot made by the code before
//! `selfSigned` stopped checking signatures (issue 14): that change must not move any other
//! field, and `selfSigned` may move only where listed below, with the reason.
//!
//! `fixtures/inspections.json` maps each `.pem`/`.der` fixture (path under `tests/fixtures/`) to
//! `inspect_pem`'s JSON at [`NOW`], or to `{"error": ...}`; certificates are kept once each,
//! by fingerprint, and each `pem` field is replaced by its SHA-256, to keep the file small. It was written at commit e610726 (selfSigned verified by the
//! certificate's own signature) by running this test with `CERTKIT_WRITE_INSPECTIONS=1`.
//! Rewriting it after a change defeats its purpose: only do so for a new fixture, and check
//! the diff adds entries without changing any.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The same instant as the other suites (2026-11-18T08:53:20Z).
const NOW: i64 = 1_795_000_000;

/// Certificates (SHA-256 fingerprint) whose `selfSigned` differs from the snapshot. None: the
/// two definitions part only for a self-issued certificate whose own signature fails, and no
/// fixture has one (chains.rs builds one from root.pem to show that verification still
/// refuses it as a root).
const SELF_SIGNED_CHANGES: &[&str] = &[];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn snapshot_path() -> PathBuf {
    fixtures_dir().join("inspections.json")
}

/// Every `.pem` and `.der` file under `dir`, as paths relative to the fixtures folder.
fn fixture_files(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("pem" | "der")
        ) {
            let relative = path.strip_prefix(fixtures_dir()).unwrap();
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `inspect_pem`'s JSON for one fixture, with each certificate item moved to `certificates`
/// (keyed by its SHA-256 fingerprint: the chain fixtures share most certificates) and its `pem`
/// field digested.
fn inspection(name: &str, certificates: &mut BTreeMap<String, Value>) -> Value {
    let bytes = std::fs::read(fixtures_dir().join(name)).unwrap();
    match certkit_x509::inspect_pem(bytes, NOW) {
        Ok(inspection) => {
            let mut json = serde_json::to_value(&inspection).unwrap();
            for item in json["items"].as_array_mut().unwrap() {
                if let Some(Value::String(pem)) = item.get_mut("pem") {
                    *pem = format!("sha256:{}", hex(&Sha256::digest(pem.as_bytes())));
                }
                if item["kind"] == "certificate" {
                    let fingerprint = item["fingerprints"]["sha256"].as_str().unwrap().to_string();
                    let reference =
                        serde_json::json!({ "kind": "certificate", "sha256": fingerprint });
                    certificates.insert(fingerprint, std::mem::replace(item, reference));
                }
            }
            json
        }
        Err(e) => serde_json::json!({ "error": e.to_string() }),
    }
}

/// (certificates by fingerprint, fixtures by name).
type Snapshot = (BTreeMap<String, Value>, BTreeMap<String, Value>);

fn current() -> Snapshot {
    let mut names = Vec::new();
    fixture_files(&fixtures_dir(), &mut names);
    let mut certificates = BTreeMap::new();
    let fixtures = names
        .into_iter()
        .map(|n| (n.clone(), inspection(&n, &mut certificates)))
        .collect();
    (certificates, fixtures)
}

/// One entry a line, so that a diff shows which certificate or fixture moved.
fn write_snapshot((certificates, fixtures): &Snapshot) {
    let section = |map: &BTreeMap<String, Value>| {
        map.iter()
            .map(|(k, v)| format!("    {}: {}", Value::from(k.as_str()), v))
            .collect::<Vec<_>>()
            .join(",\n")
    };
    let text = format!(
        "{{\n  \"certificates\": {{\n{}\n  }},\n  \"fixtures\": {{\n{}\n  }}\n}}\n",
        section(certificates),
        section(fixtures)
    );
    std::fs::write(snapshot_path(), text).unwrap();
}

fn read_snapshot() -> Snapshot {
    let text = std::fs::read_to_string(snapshot_path()).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    let map = |v: &Value| serde_json::from_value(v.clone()).unwrap();
    (map(&json["certificates"]), map(&json["fixtures"]))
}

#[test]
fn every_inspection_field_is_unchanged_except_where_listed() {
    let now = current();
    if std::env::var_os("CERTKIT_WRITE_INSPECTIONS").is_some() {
        write_snapshot(&now);
        return;
    }
    let (before_certificates, before_fixtures) = read_snapshot();
    let (certificates, fixtures) = now;
    // Every fixture's items (certificate references included) and errors are as before.
    assert_eq!(fixtures, before_fixtures);
    assert_eq!(
        certificates.keys().collect::<Vec<_>>(),
        before_certificates.keys().collect::<Vec<_>>()
    );
    let mut self_signed = 0;
    for (fingerprint, info) in &certificates {
        let (mut info, mut before) = (info.clone(), before_certificates[fingerprint].clone());
        let (new, was) = (info["selfSigned"].take(), before["selfSigned"].take());
        let listed = SELF_SIGNED_CHANGES.contains(&fingerprint.as_str());
        assert_eq!(
            new != was,
            listed,
            "{fingerprint}: selfSigned {was} -> {new}"
        );
        self_signed += usize::from(new == Value::Bool(true));
        assert_eq!(info, before, "{fingerprint}");
    }
    // Both values occur, so the selfSigned comparison could have failed either way.
    assert!(
        certificates.len() > 20,
        "{} certificates",
        certificates.len()
    );
    assert!(self_signed > 3 && self_signed < certificates.len());
}
