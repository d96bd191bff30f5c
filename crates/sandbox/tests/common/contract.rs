//! Response-shape contracts of every NCP operation, as fixture files in
//! `crates/core/tests/fixtures/contract/` (their README has the placeholder grammar and the
//! doc readings chosen), and the checker that holds a response to one of them.
//!
//! A skeleton is JSON whose leaves name types: `"<string>"`, `"<long>"`, `"<string|null>"`,
//! `"<string: A|B|C>"` (an enum), `"<integer: a description>"`. An object must have exactly
//! the skeleton's keys (more only where its path is allowed extra keys), an array with one
//! item skeleton holds items of that shape, any other JSON value must match literally, and a
//! one-key object whose key is a placeholder (`{"<object|null>": {…}}`) is "that placeholder,
//! and when the value is an object, of this shape".
//!
//! Uses `serde_json::Value` only, so every test crate can include it.
// Included by several test crates (`#[path]` and `common/mod.rs`); each uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// The path of the whole response, as written in `allowExtraKeys`.
pub const ROOT: &str = "$";

/// One fixture file: an operation's request line and its response contract.
#[derive(Debug, Clone)]
pub struct ContractFixture {
    /// JS name of the operation (`getCaList`), or the failure body (`gateway-error`); equals the
    /// file name.
    pub operation: String,
    /// Where the contract comes from: section of `ncp-operations.md` or spec page, vendor URL.
    pub doc: String,
    pub method: String,
    /// A concrete request target, with query, as a client sends and signs it.
    pub path: String,
    /// HTTP status of the response (200 unless the file says otherwise).
    pub http_status: u16,
    /// `Content-Type` of the response (`application/json` unless the file says otherwise; a
    /// `null` skeleton with another type means the body is not JSON).
    pub content_type: String,
    /// Paths of the objects that may carry keys beyond the skeleton's (the doc is cut there).
    pub allow_extra: Vec<String>,
    pub skeleton: Value,
    /// A concrete response that matches `skeleton`.
    pub example: Value,
}

impl ContractFixture {
    /// `allow_extra` in the form `skeleton_mismatches` takes.
    pub fn allow_extra(&self) -> Vec<&str> {
        self.allow_extra.iter().map(String::as_str).collect()
    }

    /// Mismatches of `actual` against this fixture's skeleton.
    pub fn mismatches(&self, actual: &Value) -> Vec<String> {
        skeleton_mismatches(&self.skeleton, actual, &self.allow_extra())
    }
}

fn contract_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/contract")
}

/// Reads `{operation}.json` from the contract fixtures. Panics with the file's name when the
/// file is missing or malformed (a broken fixture is a failed test).
pub fn load(operation: &str) -> ContractFixture {
    let file = contract_dir().join(format!("{operation}.json"));
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let json: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", file.display()));
    let field = |name: &str| -> &Value {
        json.get(name)
            .unwrap_or_else(|| panic!("{} has no \"{name}\"", file.display()))
    };
    let text_field = |name: &str| -> String {
        field(name)
            .as_str()
            .unwrap_or_else(|| panic!("{}: \"{name}\" is not a string", file.display()))
            .to_string()
    };
    let fixture = ContractFixture {
        operation: text_field("operation"),
        doc: text_field("doc"),
        method: text_field("method"),
        path: text_field("path"),
        http_status: match json.get("httpStatus") {
            None => 200,
            Some(status) => status
                .as_u64()
                .and_then(|s| u16::try_from(s).ok())
                .unwrap_or_else(|| panic!("{}: bad \"httpStatus\"", file.display())),
        },
        content_type: match json.get("contentType") {
            None => "application/json".to_string(),
            Some(_) => text_field("contentType"),
        },
        allow_extra: field("allowExtraKeys")
            .as_array()
            .and_then(|paths| paths.iter().map(|p| p.as_str().map(String::from)).collect())
            .unwrap_or_else(|| {
                panic!(
                    "{}: \"allowExtraKeys\" is not an array of strings",
                    file.display()
                )
            }),
        skeleton: field("skeleton").clone(),
        example: field("example").clone(),
    };
    assert_eq!(
        fixture.operation,
        operation,
        "{}: \"operation\" differs from the file name",
        file.display()
    );
    fixture
}

/// Every fixture in the directory, by file name.
pub fn all() -> Vec<ContractFixture> {
    let dir = contract_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            path.file_stem()
                .and_then(|stem| stem.to_str())
                .expect("UTF-8 file name")
                .to_string()
        })
        .collect();
    names.sort();
    names.iter().map(|name| load(name)).collect()
}

/// Checks that `actual` has the keys of `skeleton` with the types its placeholders name.
/// Returns every mismatch as "path: expected X, found Y" (empty = matches).
pub fn skeleton_mismatches(skeleton: &Value, actual: &Value, allow_extra: &[&str]) -> Vec<String> {
    let mut checker = Checker {
        allow_extra,
        mismatches: Vec::new(),
    };
    checker.check(skeleton, actual, ROOT);
    checker.mismatches
}

/// Faults of the skeleton itself (unknown type names, arrays without exactly one item
/// skeleton, wrapper keys that are no object or array placeholder), including branches an
/// example never reaches.
pub fn skeleton_errors(skeleton: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    walk_skeleton(skeleton, ROOT, &mut |path, node| match node {
        Value::String(text) => {
            if let Some(Err(error)) = Placeholder::parse(text) {
                errors.push(format!("{path}: {error}"));
            }
        }
        Value::Array(items) if items.len() != 1 => errors.push(format!(
            "{path}: an array skeleton holds exactly one item skeleton, not {}",
            items.len()
        )),
        Value::Object(map) => {
            if let Some(Err(error)) = Wrapper::parse(map) {
                errors.push(format!("{path}: {error}"));
            }
        }
        _ => {}
    });
    errors
}

/// Paths of every object in `skeleton` (the values `allowExtraKeys` may name).
pub fn object_paths(skeleton: &Value) -> Vec<String> {
    let mut paths = Vec::new();
    walk_skeleton(skeleton, ROOT, &mut |path, node| {
        if let Value::Object(map) = node {
            if !matches!(Wrapper::parse(map), Some(Ok(_))) {
                paths.push(path.to_string());
            }
        }
    });
    paths
}

/// Visits every node of a skeleton with its path; a wrapper's inner skeleton has the
/// wrapper's path.
fn walk_skeleton(skeleton: &Value, path: &str, visit: &mut dyn FnMut(&str, &Value)) {
    visit(path, skeleton);
    match skeleton {
        Value::Object(map) => match Wrapper::parse(map) {
            Some(Ok(wrapper)) => walk_skeleton(wrapper.shape, path, visit),
            _ => {
                for (key, value) in map {
                    walk_skeleton(value, &key_path(path, key), visit);
                }
            }
        },
        Value::Array(items) => {
            for item in items {
                walk_skeleton(item, &item_path(path), visit);
            }
        }
        _ => {}
    }
}

fn key_path(parent: &str, key: &str) -> String {
    if parent == ROOT {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn item_path(parent: &str) -> String {
    format!("{parent}[]")
}

/// The JSON types a placeholder may name.
const TYPES: [&str; 8] = [
    "string", "long", "integer", "number", "boolean", "object", "array", "null",
];

/// A parsed `"<type|type: detail>"`.
struct Placeholder<'a> {
    types: Vec<&'a str>,
    /// For strings: the allowed values, when the detail is a `|` list.
    allowed: Option<Vec<&'a str>>,
}

impl<'a> Placeholder<'a> {
    /// `None` for a literal string (no angle brackets); `Some(Err)` for a malformed one.
    fn parse(text: &'a str) -> Option<Result<Self, String>> {
        let inner = text.strip_prefix('<')?.strip_suffix('>')?;
        let (types, detail) = match inner.split_once(':') {
            Some((types, detail)) => (types, Some(detail.trim())),
            None => (inner, None),
        };
        let types: Vec<&str> = types.split('|').map(str::trim).collect();
        if let Some(unknown) = types.iter().find(|t| !TYPES.contains(t)) {
            return Some(Err(format!(
                "placeholder {text} names the unknown type \"{unknown}\" (known: {})",
                TYPES.join(", ")
            )));
        }
        // A detail with `|` lists the values; without, it only describes the value.
        let allowed = detail
            .filter(|d| d.contains('|'))
            .map(|d| d.split('|').map(str::trim).collect());
        Some(Ok(Placeholder { types, allowed }))
    }

    fn admits(&self, value: &Value) -> bool {
        self.types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "long" | "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            _ => value.is_null(),
        })
    }
}

/// A one-key object `{"<object|null>": {…}}`: the placeholder decides the type, the inner
/// skeleton the shape of an object (or array) value.
struct Wrapper<'a> {
    placeholder: Placeholder<'a>,
    text: &'a str,
    shape: &'a Value,
}

impl<'a> Wrapper<'a> {
    /// `None` for an ordinary object skeleton.
    fn parse(map: &'a Map<String, Value>) -> Option<Result<Self, String>> {
        if map.len() != 1 {
            return None;
        }
        let (key, shape) = map.iter().next()?;
        let placeholder = match Placeholder::parse(key)? {
            Ok(placeholder) => placeholder,
            Err(error) => return Some(Err(error)),
        };
        let shape_type = match shape {
            Value::Object(_) => "object",
            Value::Array(_) => "array",
            _ => {
                return Some(Err(format!(
                    "the wrapper {key} holds no object or array skeleton"
                )))
            }
        };
        if !placeholder.types.contains(&shape_type) {
            return Some(Err(format!(
                "the wrapper {key} holds an {shape_type} skeleton but does not admit an {shape_type}"
            )));
        }
        Some(Ok(Wrapper {
            placeholder,
            text: key,
            shape,
        }))
    }
}

struct Checker<'a> {
    allow_extra: &'a [&'a str],
    mismatches: Vec<String>,
}

impl Checker<'_> {
    fn mismatch(&mut self, path: &str, expected: impl std::fmt::Display, actual: &Value) {
        self.mismatches.push(format!(
            "{path}: expected {expected}, found {}",
            describe(actual)
        ));
    }

    fn check(&mut self, skeleton: &Value, actual: &Value, path: &str) {
        match skeleton {
            Value::String(text) => match Placeholder::parse(text) {
                None if actual.as_str() == Some(text) => {}
                None => self.mismatch(path, format!("{skeleton}"), actual),
                Some(Err(error)) => self.mismatches.push(format!("{path}: {error}")),
                Some(Ok(placeholder)) => self.check_placeholder(&placeholder, text, actual, path),
            },
            Value::Object(map) => match Wrapper::parse(map) {
                None => self.check_object(map, actual, path),
                Some(Err(error)) => self.mismatches.push(format!("{path}: {error}")),
                Some(Ok(wrapper)) => {
                    if !wrapper.placeholder.admits(actual) {
                        self.mismatch(path, wrapper.text, actual);
                    } else if actual.is_object() || actual.is_array() {
                        self.check(wrapper.shape, actual, path);
                    }
                }
            },
            Value::Array(items) => match (items.as_slice(), actual) {
                ([item], Value::Array(elements)) => {
                    let path = item_path(path);
                    for element in elements {
                        self.check(item, element, &path);
                    }
                }
                ([_], _) => self.mismatch(path, "array", actual),
                _ => self.mismatches.push(format!(
                    "{path}: an array skeleton holds exactly one item skeleton, not {}",
                    items.len()
                )),
            },
            // null, numbers and booleans are literals.
            _ if skeleton == actual => {}
            _ => self.mismatch(path, skeleton, actual),
        }
    }

    fn check_placeholder(
        &mut self,
        placeholder: &Placeholder,
        text: &str,
        actual: &Value,
        path: &str,
    ) {
        if !placeholder.admits(actual) {
            return self.mismatch(path, text, actual);
        }
        if let (Some(allowed), Some(value)) = (&placeholder.allowed, actual.as_str()) {
            if !allowed.contains(&value) {
                self.mismatch(path, format!("one of {}", allowed.join("|")), actual);
            }
        }
    }

    fn check_object(&mut self, skeleton: &Map<String, Value>, actual: &Value, path: &str) {
        let Value::Object(actual_map) = actual else {
            return self.mismatch(path, "object", actual);
        };
        for (key, expected) in skeleton {
            let key_path = key_path(path, key);
            match actual_map.get(key) {
                Some(value) => self.check(expected, value, &key_path),
                None => self.mismatches.push(format!(
                    "{key_path}: expected {}, found no such key",
                    expected_name(expected)
                )),
            }
        }
        if self.allow_extra.contains(&path) {
            return;
        }
        for (key, value) in actual_map {
            if !skeleton.contains_key(key) {
                self.mismatch(&key_path(path, key), "no such key", value);
            }
        }
    }
}

/// How a skeleton node is named in a "missing key" message.
fn expected_name(skeleton: &Value) -> String {
    match skeleton {
        Value::String(text) => text.clone(),
        Value::Object(map) => match Wrapper::parse(map) {
            Some(Ok(wrapper)) => wrapper.text.to_string(),
            _ => "object".to_string(),
        },
        Value::Array(_) => "array".to_string(),
        other => other.to_string(),
    }
}

/// A found value for a message: its type, and scalars' value.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) if n.is_i64() || n.is_u64() => format!("integer {n}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) if s.chars().count() > 40 => {
            let head: String = s.chars().take(40).collect();
            format!("string {head:?}…")
        }
        Value::String(s) => format!("string {s:?}"),
        Value::Array(items) => format!("array of {}", items.len()),
        Value::Object(_) => "object".to_string(),
    }
}
