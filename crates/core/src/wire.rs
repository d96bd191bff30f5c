//! Reading JSON objects into the models, leniently: what NCP sends in responses (never
//! failing on a scalar's type), what JS and hand-written JSON send as operation inputs, and
//! the list splitting shared by both.
//!
//! Every model reads its fields by name through [`Fields`], whose getters are plain
//! functions: the only generic code is [`FromFields`] itself and the few lines that read a
//! nested object ([`read_object`], [`Fields::object`], [`Fields::opt_object`],
//! [`Fields::required_object`], [`Fields::list`]). (serde's derived
//! `Deserialize` built a visitor per type and per deserializer: most of the wasm's reading
//! code.) A text is parsed once, into a [`crate::json::Value`].
//!
//! The models still derive `Serialize` with their serde attributes, `default` included:
//! reading ignores them, but tsify reads `default` to mark a field optional in the
//! TypeScript declarations.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use crate::json::{Map, Value};

use crate::secret::Secret;

/// A model read from the fields of a JSON object.
///
/// Reading a field never fails on the spot: a field of an impossible shape reads as empty and
/// is remembered in the [`Fields`] (the first one only), which [`read_object`] and the nested
/// readers then report. No `?` after every field: no drop code per field for the early
/// returns, which is most of what a model's reader would otherwise weigh.
pub(crate) trait FromFields: Sized {
    /// Reads the model, taking the fields it knows out of `fields`; unknown fields are ignored.
    fn from_fields(fields: &mut Fields) -> Self;
}

/// A boxed model reads as the model (`ResponseData` boxes each).
impl<T: FromFields> FromFields for Box<T> {
    fn from_fields(fields: &mut Fields) -> Self {
        Box::new(T::from_fields(fields))
    }
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
        self.field = if self.field.is_empty() {
            outer.to_string()
        } else {
            format!("{outer}.{}", self.field)
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

/// Reads `T` from a JSON object; any other value is an error naming what it is, as is the
/// first field of an impossible shape.
pub(crate) fn read_object<T: FromFields>(value: Value) -> Result<T, ReadError> {
    let mut fields = Fields::of(value)?;
    let model = T::from_fields(&mut fields);
    fields.finish().map(|()| model)
}

/// The fields of one JSON object, taken out one by one as a model reads them. A missing field
/// and `null` read the same.
pub(crate) struct Fields {
    map: Map,
    /// The first field found of an impossible shape.
    error: Option<ReadError>,
}

impl Fields {
    /// The fields of `value`, which must be an object.
    fn of(value: Value) -> Result<Fields, ReadError> {
        match value {
            Value::Object(map) => Ok(Fields { map, error: None }),
            other => Err(ReadError::expected("", "an object", &other)),
        }
    }

    /// The first error met while reading, if any.
    fn finish(self) -> Result<(), ReadError> {
        self.error.map_or(Ok(()), Err)
    }

    /// Remembers `error` unless an earlier one is already kept.
    fn fail(&mut self, error: ReadError) {
        self.error.get_or_insert(error);
    }

    /// Reads `T` from the nested object `map` of field `name`, remembering its error, if any,
    /// named from this object.
    fn nested<T: FromFields>(&mut self, map: Map, name: &str) -> T {
        let mut nested = Fields { map, error: None };
        let model = T::from_fields(&mut nested);
        if let Err(error) = nested.finish() {
            self.fail(error.within(name));
        }
        model
    }

    /// Takes a field's value out (`null` when absent).
    fn take(&mut self, name: &str) -> Value {
        self.map.remove(name).unwrap_or(Value::Null)
    }

    /// Takes every field left after a model took its own, in name order.
    pub(crate) fn take_rest(&mut self) -> impl Iterator<Item = (String, Value)> {
        core::mem::take(&mut self.map).into_sorted().into_iter()
    }

    // Responses: a scalar of the wrong type reads as empty rather than failing.

    /// A string, number or boolean as text; anything else as "".
    pub(crate) fn string(&mut self, name: &str) -> String {
        lenient_string(self.take(name))
    }

    /// [`Fields::string`], written `name` or `alias`. Both at once is an error, as serde's
    /// `alias` made it: neither spelling wins.
    pub(crate) fn string_or_alias(&mut self, name: &str, alias: &'static str) -> String {
        match (self.map.remove(name), self.map.remove(alias)) {
            (Some(_), Some(_)) => {
                self.fail(ReadError {
                    field: name.to_string(),
                    wrong: Wrong::Twice { alias },
                });
                String::new()
            }
            (Some(value), None) | (None, Some(value)) => lenient_string(value),
            (None, None) => String::new(),
        }
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
    pub(crate) fn object<T: FromFields + Default>(&mut self, name: &str) -> T {
        self.opt_object(name).unwrap_or_default()
    }

    /// A nested object, or `None` for `null`, absence or any other type.
    pub(crate) fn opt_object<T: FromFields>(&mut self, name: &str) -> Option<T> {
        match self.take(name) {
            Value::Object(map) => Some(self.nested(map, name)),
            _ => None,
        }
    }

    /// An array of objects; anything else is an empty list. An item that is not an object is
    /// an error, not a shorter list.
    pub(crate) fn list<T: FromFields>(&mut self, name: &str) -> Vec<T> {
        let Value::Array(items) = self.take(name) else {
            return Vec::new();
        };
        let mut list = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let read = Fields::of(item).and_then(|mut nested| {
                let model = T::from_fields(&mut nested);
                nested.finish().map(|()| model)
            });
            match read {
                Ok(model) => list.push(model),
                Err(error) => {
                    self.fail(error.within(&format!("{name}[{i}]")));
                    break;
                }
            }
        }
        list
    }

    // Operation inputs: a scalar of any type is taken as its text, for validation to judge;
    // an object or array where a scalar belongs is an error.

    /// A string, number or boolean as text; `null` and absence as "".
    pub(crate) fn scalar(&mut self, name: &str) -> String {
        match self.take(name) {
            Value::Null => String::new(),
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            other => {
                self.fail(ReadError::expected(name, "a string", &other));
                String::new()
            }
        }
    }

    /// [`Fields::scalar`], with "" as `None`.
    pub(crate) fn opt_scalar(&mut self, name: &str) -> Option<String> {
        Some(self.scalar(name)).filter(|text| !text.is_empty())
    }

    /// An array of strings or numbers, or (as typed into a form) one string split by
    /// [`split_list`]; `null` and absence as empty.
    pub(crate) fn string_list(&mut self, name: &str) -> Vec<String> {
        let items = match self.take(name) {
            Value::Null => return Vec::new(),
            Value::String(s) => return split_list(&s).map(ToString::to_string).collect(),
            Value::Array(items) => items,
            other => {
                self.fail(ReadError::expected(name, "a list of strings", &other));
                return Vec::new();
            }
        };
        let mut list = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Value::String(s) => list.push(s),
                Value::Number(n) => list.push(n.to_string()),
                other => {
                    let field = format!("{name}[{i}]");
                    self.fail(ReadError::expected(&field, "a string", &other));
                    break;
                }
            }
        }
        list
    }

    /// A nested object that must be one when given; absence gives the default.
    pub(crate) fn required_object<T: FromFields + Default>(&mut self, name: &str) -> T {
        match self.map.remove(name) {
            None => T::default(),
            Some(Value::Object(map)) => self.nested(map, name),
            Some(other) => {
                self.fail(ReadError::expected(name, "an object", &other));
                T::default()
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
        fn from_fields(fields: &mut Fields) -> Self {
            Row {
                name: fields.string("name"),
                count: fields.opt_i64("count"),
                rows: fields.list("rows"),
            }
        }
    }

    fn read(json: &str) -> Result<Row, ReadError> {
        read_object(crate::json::parse(json).unwrap())
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
            // Only the first field of an impossible shape is reported.
            (
                r#"{"rows":[{"rows":[true]},null]}"#,
                "field \"rows[0].rows[0]\": expected an object, found a boolean",
            ),
        ] {
            let error = read(json).map(|_| ()).unwrap_err().to_string();
            assert_eq!(error, message, "{json}");
        }
    }

    #[test]
    fn a_field_under_both_its_names_is_an_error() {
        let value = crate::json::parse(r#"{"country": "KR", "contry": null}"#).unwrap();
        let mut fields = Fields::of(value).unwrap();
        assert_eq!(fields.string_or_alias("country", "contry"), "");
        let error = fields.finish().unwrap_err();
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
