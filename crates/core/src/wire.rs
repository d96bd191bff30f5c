//! Reading JSON objects into the models, leniently: what NCP sends in responses (never
//! failing on a scalar's type), what JS and hand-written JSON send as operation inputs, and
//! the list splitting shared by both.
//!
//! Every model reads its fields by name through [`Fields`], whose getters are plain
//! functions: the only generic code is [`FromFields`] itself and the few lines of
//! [`Fields::object`], [`Fields::opt_object`] and [`Fields::list`]. (serde's derived
//! `Deserialize` built a visitor per type and per deserializer: most of the wasm's reading
//! code.) A text is parsed once, into a `serde_json::Value`.
//!
//! The models still derive `Serialize` with their serde attributes, `default` included:
//! reading ignores them, but tsify reads `default` to mark a field optional in the
//! TypeScript declarations.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use serde_json::{Map, Value};

use crate::secret::Secret;

/// A model read from the fields of a JSON object.
pub(crate) trait FromFields: Sized {
    /// Reads the model, taking the fields it knows out of `fields`; unknown fields are ignored.
    fn from_fields(fields: &mut Fields) -> Result<Self, ReadError>;
}

/// Why an object could not be read: which field (a path such as `x509Parameters.commonName`
/// or `caInfoList[1]`; empty for the object itself) and what was wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ReadError {
    field: String,
    wrong: Wrong,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Wrong {
    /// A value of the wrong kind: `expected` and `found` as [`kind_name`] words them.
    Kind {
        expected: &'static str,
        found: &'static str,
    },
    /// The field came under both its names (the page's typo spelling beside the right one):
    /// which one to believe is not known.
    Twice { alias: &'static str },
}

impl ReadError {
    fn expected(field: &str, expected: &'static str, found: &Value) -> Self {
        ReadError {
            field: field.to_string(),
            wrong: Wrong::Kind {
                expected,
                found: kind_name(found),
            },
        }
    }

    /// The error of a nested object's field, named from the outer object.
    fn within(mut self, outer: &str) -> Self {
        self.field = match self.field.chars().next() {
            None => outer.to_string(),
            Some('[') => format!("{outer}{}", self.field),
            Some(_) => format!("{outer}.{}", self.field),
        };
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.field.is_empty() {
            write!(f, "field \"{}\": ", self.field)?;
        }
        match self.wrong {
            Wrong::Kind { expected, found } => write!(f, "expected {expected}, found {found}"),
            Wrong::Twice { alias } => write!(f, "given twice, also as \"{alias}\""),
        }
    }
}

/// Reads `T` from a JSON object; any other value is an error naming what it is.
pub(crate) fn read_object<T: FromFields>(value: Value) -> Result<T, ReadError> {
    T::from_fields(&mut Fields::of(value, "")?)
}

/// The fields of one JSON object, taken out one by one as a model reads them. A missing field
/// and `null` read the same.
pub(crate) struct Fields {
    map: Map<String, Value>,
}

impl Fields {
    /// The fields of `value`, which must be an object (`field` names it for the error).
    fn of(value: Value, field: &str) -> Result<Fields, ReadError> {
        match value {
            Value::Object(map) => Ok(Fields { map }),
            other => Err(ReadError::expected(field, "an object", &other)),
        }
    }

    /// Takes a field's value out (`null` when absent).
    fn take(&mut self, name: &str) -> Value {
        self.map.remove(name).unwrap_or(Value::Null)
    }

    /// Takes a field written `name` or `alias`; both at once is an error (as serde's `alias`
    /// made it: neither spelling wins).
    fn take_either(&mut self, name: &str, alias: &'static str) -> Result<Value, ReadError> {
        match (self.map.remove(name), self.map.remove(alias)) {
            (Some(_), Some(_)) => Err(ReadError {
                field: name.to_string(),
                wrong: Wrong::Twice { alias },
            }),
            (Some(value), None) | (None, Some(value)) => Ok(value),
            (None, None) => Ok(Value::Null),
        }
    }

    /// Takes every field left after a model took its own, in name order.
    pub(crate) fn take_rest(&mut self) -> impl Iterator<Item = (String, Value)> {
        core::mem::take(&mut self.map).into_iter()
    }

    // Responses: a scalar of the wrong type reads as empty rather than failing.

    /// A string, number or boolean as text; anything else as "".
    pub(crate) fn string(&mut self, name: &str) -> String {
        lenient_string(self.take(name))
    }

    /// [`Fields::string`], written `name` or `alias`.
    pub(crate) fn string_or_alias(
        &mut self,
        name: &str,
        alias: &'static str,
    ) -> Result<String, ReadError> {
        self.take_either(name, alias).map(lenient_string)
    }

    /// [`Fields::string`], held as a [`Secret`] (a private key in an answer).
    pub(crate) fn secret(&mut self, name: &str) -> Secret {
        Secret::from(self.string(name))
    }

    /// A number, or a string holding one; anything else as `None`.
    pub(crate) fn opt_i64(&mut self, name: &str) -> Option<i64> {
        match self.take(name) {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// One string (none when empty) or an array of them (numbers as text, other items
    /// dropped).
    pub(crate) fn string_or_list(&mut self, name: &str) -> Vec<String> {
        match self.take(name) {
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
        }
    }

    /// A comma-separated string (Certificate Manager's `dnsName`) or an array of strings.
    pub(crate) fn comma_list(&mut self, name: &str) -> Vec<String> {
        match self.take(name) {
            Value::String(s) => split_list(&s).map(ToString::to_string).collect(),
            Value::Array(items) => items
                .into_iter()
                .filter_map(|item| match item {
                    Value::String(s) => Some(s),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// PEM text holding any number of blocks, one string per block (`\r\n` kept as given).
    pub(crate) fn pem_blocks(&mut self, name: &str) -> Vec<String> {
        self.string_or_list(name)
            .iter()
            .flat_map(|text| crate::pem::split_blocks(text))
            .collect()
    }

    /// Any value as text: scalars as [`text`] gives them, `null` and absence as "".
    pub(crate) fn text(&mut self, name: &str) -> String {
        text(self.take(name))
    }

    /// A nested object; anything else (null, a string) gives the default.
    pub(crate) fn object<T: FromFields + Default>(&mut self, name: &str) -> Result<T, ReadError> {
        match self.nested(name) {
            Some(mut fields) => T::from_fields(&mut fields).map_err(|e| e.within(name)),
            None => Ok(T::default()),
        }
    }

    /// A nested object, or `None` for `null`, absence or any other type.
    pub(crate) fn opt_object<T: FromFields>(&mut self, name: &str) -> Result<Option<T>, ReadError> {
        match self.nested(name) {
            Some(mut fields) => T::from_fields(&mut fields)
                .map(Some)
                .map_err(|e| e.within(name)),
            None => Ok(None),
        }
    }

    /// The fields of a nested object, or `None` when the value is not one.
    fn nested(&mut self, name: &str) -> Option<Fields> {
        match self.take(name) {
            Value::Object(map) => Some(Fields { map }),
            _ => None,
        }
    }

    /// An array of objects; anything else is an empty list. An item that is not an object is
    /// an error, not a shorter list.
    pub(crate) fn list<T: FromFields>(&mut self, name: &str) -> Result<Vec<T>, ReadError> {
        let items = match self.take(name) {
            Value::Array(items) => items,
            _ => Vec::new(),
        };
        let mut list = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let read = Fields::of(item, "").and_then(|mut fields| T::from_fields(&mut fields));
            list.push(read.map_err(|e| e.within(&format!("[{i}]")).within(name))?);
        }
        Ok(list)
    }

    // Operation inputs: a scalar of any type is taken as its text, for validation to judge;
    // an object or array where a scalar belongs is an error.

    /// A string, number or boolean as text; `null` and absence as "".
    pub(crate) fn scalar(&mut self, name: &str) -> Result<String, ReadError> {
        match self.take(name) {
            Value::Null => Ok(String::new()),
            Value::String(s) => Ok(s),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            other => Err(ReadError::expected(name, "a string", &other)),
        }
    }

    /// [`Fields::scalar`], with "" as `None`.
    pub(crate) fn opt_scalar(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        let text = self.scalar(name)?;
        Ok((!text.is_empty()).then_some(text))
    }

    /// An array of strings or numbers, or (as typed into a form) one string split by
    /// [`split_list`]; `null` and absence as empty.
    pub(crate) fn string_list(&mut self, name: &str) -> Result<Vec<String>, ReadError> {
        match self.take(name) {
            Value::Null => Ok(Vec::new()),
            Value::String(s) => Ok(split_list(&s).map(ToString::to_string).collect()),
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::String(s) => Ok(s),
                    Value::Number(n) => Ok(n.to_string()),
                    other => Err(ReadError::expected(
                        &format!("{name}[{i}]"),
                        "a string",
                        &other,
                    )),
                })
                .collect(),
            other => Err(ReadError::expected(name, "a list of strings", &other)),
        }
    }

    /// A nested object that must be one when given; absence gives the default.
    pub(crate) fn required_object<T: FromFields + Default>(
        &mut self,
        name: &str,
    ) -> Result<T, ReadError> {
        match self.map.remove(name) {
            None => Ok(T::default()),
            Some(value) => {
                let mut fields = Fields::of(value, name)?;
                T::from_fields(&mut fields).map_err(|e| e.within(name))
            }
        }
    }
}

fn lenient_string(value: Value) -> String {
    match value {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::{parse_response, ResponseData};
    use crate::OperationKind;

    #[derive(Debug, Default, PartialEq)]
    struct Row {
        name: String,
        count: Option<i64>,
        rows: Vec<Row>,
    }

    impl FromFields for Row {
        fn from_fields(fields: &mut Fields) -> Result<Self, ReadError> {
            Ok(Row {
                name: fields.string("name"),
                count: fields.opt_i64("count"),
                rows: fields.list("rows")?,
            })
        }
    }

    fn read(json: &str) -> Result<Row, ReadError> {
        read_object(serde_json::from_str(json).unwrap())
    }

    /// Scalars of any type, nested lists, unknown fields and `null` read leniently.
    #[test]
    fn an_object_reads_through_the_lenient_getters() {
        let row = |name: &str, count, rows| Row {
            name: name.into(),
            count,
            rows,
        };
        for (json, expected) in [
            (r#"{"name":"a","count":"3"}"#, row("a", Some(3), vec![])),
            (
                r#"{"name":7,"rows":[{"name":"b","count":2},{"rows":[]}]}"#,
                row("7", None, vec![row("b", Some(2), vec![]), Row::default()]),
            ),
            (r#"{}"#, Row::default()),
            (
                r#"{"unknown":[1,2],"count":null,"rows":"x"}"#,
                Row::default(),
            ),
        ] {
            assert_eq!(read(json), Ok(expected), "{json}");
        }
    }

    /// An error names the field by its path from the object read.
    #[test]
    fn an_error_names_the_field_and_what_it_found_instead() {
        for (json, message) in [
            ("[1]", "expected an object, found an array"),
            ("\"x\"", "expected an object, found a string"),
            ("null", "expected an object, found null"),
            (
                r#"{"rows":[{},"x"]}"#,
                "field \"rows[1]\": expected an object, found a string",
            ),
            (
                r#"{"rows":[{"rows":[{"rows":[5]}]}]}"#,
                "field \"rows[0].rows[0].rows[0]\": expected an object, found a number",
            ),
        ] {
            let error = read(json).map(|_| ()).unwrap_err().to_string();
            assert_eq!(error, message, "{json}");
        }
    }

    #[test]
    fn a_field_under_both_its_names_is_an_error() {
        let value = serde_json::json!({"country": "KR", "contry": null});
        let mut fields = Fields::of(value, "").unwrap();
        let error = fields.string_or_alias("country", "contry").unwrap_err();
        assert_eq!(
            error.to_string(),
            "field \"country\": given twice, also as \"contry\""
        );
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
