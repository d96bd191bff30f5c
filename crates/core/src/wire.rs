//! Lenient readings of JSON: what NCP sends in responses (never failing on a scalar's type),
//! and the list splitting shared by inputs and responses.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Reads `T` from a JSON object's fields; any other value is an error naming what it is.
/// Every body, `data` and operation input we read is an object, and reading them through
/// `serde_json::Map` rather than `serde_json::from_value` leaves out `Value`'s other paths
/// (a struct read from an array) for every model: about 10 kB less wasm.
pub(crate) fn from_object<T: DeserializeOwned>(value: Value) -> serde_json::Result<T> {
    match value {
        Value::Object(fields) => T::deserialize(fields),
        other => Err(serde::de::Error::custom(format_args!(
            "expected an object, found {}",
            kind_name(&other)
        ))),
    }
}

/// Splits a list typed into one box (commas or new lines between entries), trimming
/// whitespace and dropping empty entries. Used for `dnsName`, which is sent as an array.
pub fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
}

/// What kind of JSON value this is, for messages: `null`, `a string`, `an object`, ...
pub(crate) fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    })
}

/// [`string`], held as a [`Secret`](crate::secret::Secret) (a private key in an answer).
pub(crate) fn secret<'de, D: Deserializer<'de>>(d: D) -> Result<crate::secret::Secret, D::Error> {
    string(d).map(crate::secret::Secret::from)
}

pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

pub(crate) fn string_or_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) if s.is_empty() => Vec::new(),
        Value::String(s) => vec![s],
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| match item {
                Value::String(s) => Some(s),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    })
}

/// A comma-separated string (Certificate Manager's `dnsName`) or an array.
pub(crate) fn comma_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => split_list(&s).map(ToString::to_string).collect(),
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| match item {
                Value::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    })
}

/// A nested object; anything else (null, a string) gives the default.
pub(crate) fn object<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    match Value::deserialize(d)? {
        value @ Value::Object(_) => from_object(value).map_err(serde::de::Error::custom),
        _ => Ok(T::default()),
    }
}

/// A scalar as text; `null` as ""; objects and arrays as their JSON.
pub(crate) fn text(value: Value) -> String {
    match value {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A nested object, or `None` for `null`, absence or any other type.
pub(crate) fn opt_object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match Value::deserialize(d)? {
        value @ Value::Object(_) => from_object(value)
            .map(Some)
            .map_err(serde::de::Error::custom),
        _ => Ok(None),
    }
}

/// An array of objects; anything else is an empty list.
pub(crate) fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .map(from_object)
            .collect::<serde_json::Result<_>>()
            .map_err(serde::de::Error::custom),
        _ => Ok(Vec::new()),
    }
}

/// PEM text holding any number of blocks, one string per block (`\r\n` kept as given).
pub(crate) fn pem_blocks<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(string_or_list(d)?
        .iter()
        .flat_map(|text| crate::pem::split_blocks(text))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::{parse_response, ResponseData};
    use crate::OperationKind;
    use alloc::format;

    /// `from_object` reads what `serde_json::from_value` reads, through the lenient readers and
    /// a nested list. (The documented bodies themselves are read in tests/response.rs.)
    #[test]
    fn from_object_reads_as_from_value_does() {
        #[derive(Debug, PartialEq, Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Row {
            #[serde(default, deserialize_with = "string")]
            name: String,
            #[serde(default, deserialize_with = "opt_i64")]
            count: Option<i64>,
            #[serde(default, deserialize_with = "list")]
            rows: Vec<Row>,
        }
        for json in [
            r#"{"name":"a","count":"3"}"#,
            r#"{"name":7,"rows":[{"name":"b","count":2},{"rows":[]}]}"#,
            r#"{}"#,
            r#"{"unknown":[1,2],"count":null}"#,
        ] {
            let value: Value = serde_json::from_str(json).unwrap();
            let by_map: Row = from_object(value.clone()).unwrap();
            let by_value: Row = serde_json::from_value(value).unwrap();
            assert_eq!(by_map, by_value, "{json}");
        }
    }

    #[test]
    fn from_object_names_what_it_found_instead() {
        for (json, found) in [("[1]", "an array"), ("\"x\"", "a string"), ("null", "null")] {
            let value: Value = serde_json::from_str(json).unwrap();
            let error = from_object::<Value>(value).unwrap_err().to_string();
            assert_eq!(error, format!("expected an object, found {found}"));
        }
    }

    #[test]
    fn a_list_with_something_other_than_objects_is_an_error_not_a_partial_list() {
        let body = r#"{"returnCode":"0","returnMessage":"ok","sslCertificateList":[{"certificateNo":1},"x"]}"#;
        let read = parse_response(OperationKind::ListCertificates, 200, body);
        assert!(
            !matches!(read, Ok(ResponseData::CertificateList(_))),
            "{read:?}"
        );
    }
}
