//! Conversions between JS values and the Rust types of certkit-core and certkit-x509.

use certkit_core::{Operation, OperationKind, Problem, ResponseData};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::{error, plain_js, ErrorCode};

/// An answer as plain JS data ([`plain_js`]), or throws `internal`.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    plain_js(value).ok_or_else(|| error(ErrorCode::Internal, "cannot convert a result to JS", &[]))
}

/// A parsed result (`{ok, data, ...}` or `{ok: false, error, ...}`) as plain JS data, with
/// `data` as the declarations say where JSON cannot: `null` for an answer without data
/// (`ResponseData::Done`), and a `Uint8Array` for an archive's `zip`.
pub fn result_to_js<T: Serialize>(
    value: &T,
    data: Option<&ResponseData>,
) -> Result<JsValue, JsValue> {
    let js = to_js(value)?;
    // Setting a property on a fresh plain object cannot fail.
    let set = |object: &JsValue, key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(object, &key.into(), value);
    };
    match data {
        Some(ResponseData::Done) => set(&js, "data", &JsValue::NULL),
        Some(ResponseData::CertificateArchive(archive)) => {
            let data = js_sys::Reflect::get(&js, &"data".into()).unwrap_or(JsValue::UNDEFINED);
            set(
                &data,
                "zip",
                &js_sys::Uint8Array::from(archive.zip.as_slice()),
            );
        }
        _ => {}
    }
    Ok(js)
}

#[wasm_bindgen]
extern "C" {
    /// The host's `TextEncoder`.
    type TextEncoder;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<TextEncoder, JsValue>;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsValue) -> js_sys::Uint8Array;
}

/// The UTF-8 of a JS string (`None` for any other value), lone surrogates as U+FFFD like
/// wasm-bindgen's `as_string`. Through the host's native `TextEncoder`: `as_string` copies in a
/// JS loop, character by character, which was 7 % of a leaf certificate's inspection (1.7 kB
/// of PEM). A host without `TextEncoder` still gets `as_string`.
pub fn string_bytes(value: &JsValue) -> Option<Vec<u8>> {
    if !value.is_string() {
        return None;
    }
    match TextEncoder::new() {
        Ok(encoder) => Some(encoder.encode(value).to_vec()),
        Err(_) => value.as_string().map(String::into_bytes),
    }
}

/// A response body: a string (read as UTF-8), a `Uint8Array` or an `ArrayBuffer`.
pub fn body_bytes(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(bytes) = string_bytes(value) {
        return Ok(bytes);
    }
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    if value.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(value).to_vec());
    }
    Err(error(
        ErrorCode::InvalidArgument,
        &format!(
            "{what} must be a string, a Uint8Array or an ArrayBuffer, got {}",
            type_name(value)
        ),
        &[],
    ))
}

/// An options object, read property by property: `what` names it in the errors
/// (`buildRequest options: accessKey must be a string, got number`). `undefined` and `null`
/// properties are absent. Not serde: serde-wasm-bindgen's reader and serde's error texts (with
/// Rust's float formatting) were some 10 kB of gzipped wasm for five small option objects.
pub struct JsOptions<'a> {
    object: JsValue,
    what: &'a str,
}

impl<'a> JsOptions<'a> {
    /// Options that must be given: an object (a function will do).
    pub fn required(value: JsValue, what: &'a str) -> Result<Self, JsValue> {
        if value.is_object() || value.is_function() {
            Ok(JsOptions {
                object: value,
                what,
            })
        } else {
            Err(error(
                ErrorCode::InvalidArgument,
                &format!("{what} must be an object, got {}", type_name(&value)),
                &[],
            ))
        }
    }

    /// Options that may be left out: `undefined` and `null` read as `{}`.
    pub fn optional(value: Option<JsValue>, what: &'a str) -> Result<Self, JsValue> {
        match value.filter(|v| !v.is_undefined() && !v.is_null()) {
            Some(value) => Self::required(value, what),
            None => Ok(JsOptions {
                object: JsValue::UNDEFINED,
                what,
            }),
        }
    }

    /// A property, `None` when absent, `undefined` or `null`.
    fn get(&self, name: &str) -> Result<Option<JsValue>, JsValue> {
        if self.object.is_undefined() {
            return Ok(None);
        }
        // Throws only from a getter.
        let value = js_sys::Reflect::get(&self.object, &JsValue::from_str(name))
            .map_err(|_| self.invalid(&format!("reading {name} threw")))?;
        Ok(Some(value).filter(|v| !v.is_undefined() && !v.is_null()))
    }

    fn invalid(&self, detail: &str) -> JsValue {
        error(
            ErrorCode::InvalidArgument,
            &format!("{}: {detail}", self.what),
            &[],
        )
    }

    fn wrong_type(&self, name: &str, expected: &str, value: &JsValue) -> JsValue {
        self.invalid(&format!(
            "{name} must be {expected}, got {}",
            type_name(value)
        ))
    }

    /// A string property that must be given.
    pub fn string(&self, name: &str) -> Result<String, JsValue> {
        self.opt_string(name)?
            .ok_or_else(|| self.invalid(&format!("{name} is required (a string)")))
    }

    /// A string property that may be left out.
    pub fn opt_string(&self, name: &str) -> Result<Option<String>, JsValue> {
        self.get(name)?
            .map(|v| {
                v.as_string()
                    .ok_or_else(|| self.wrong_type(name, "a string", &v))
            })
            .transpose()
    }

    /// A number property that may be left out.
    pub fn opt_number(&self, name: &str) -> Result<Option<f64>, JsValue> {
        self.get(name)?
            .map(|v| {
                v.as_f64()
                    .ok_or_else(|| self.wrong_type(name, "a number", &v))
            })
            .transpose()
    }

    /// A boolean property that may be left out.
    pub fn opt_bool(&self, name: &str) -> Result<Option<bool>, JsValue> {
        self.get(name)?
            .map(|v| {
                v.as_bool()
                    .ok_or_else(|| self.wrong_type(name, "a boolean", &v))
            })
            .transpose()
    }

    /// An object of header names to string values that must be given, in its key order.
    pub fn headers(&self, name: &str) -> Result<Vec<(String, String)>, JsValue> {
        let Some(object) = self.get(name)? else {
            return Err(self.invalid(&format!("{name} is required (an object of strings)")));
        };
        if !object.is_object() {
            return Err(self.wrong_type(name, "an object of strings", &object));
        }
        let entries = js_sys::Object::entries(object.unchecked_ref());
        let mut headers = Vec::with_capacity(entries.length() as usize);
        for entry in entries.iter() {
            let key = js_sys::Reflect::get_u32(&entry, 0)
                .ok()
                .and_then(|k| k.as_string());
            let value = js_sys::Reflect::get_u32(&entry, 1).unwrap_or(JsValue::UNDEFINED);
            let key = key.unwrap_or_default();
            let Some(text) = value.as_string() else {
                return Err(self.wrong_type(&format!("{name}.{key}"), "a string", &value));
            };
            headers.push((key, text));
        }
        Ok(headers)
    }
}

/// A string argument. (wasm-bindgen's own `&str` conversion trusts its caller, and a number
/// passed from plain JS would corrupt the module's memory instead of failing cleanly.)
pub fn string(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        error(
            ErrorCode::InvalidArgument,
            &format!("{what} must be a string, got {}", type_name(value)),
            &[],
        )
    })
}

/// The `typeof` of a JS value, for error messages.
fn type_name(value: &JsValue) -> String {
    value.js_typeof().as_string().unwrap_or_default()
}

/// A number as JS writes it (`1.5`, `NaN`, `Infinity`), for error messages, so that Rust's
/// float formatting is not linked for these few messages.
pub fn number_text(value: f64) -> String {
    js_sys::Number::from(value)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// An HTTP status code argument: a whole number from 100 to 599.
pub fn http_status(value: f64) -> Result<u16, JsValue> {
    if (100.0..=599.0).contains(&value) && value.fract() == 0.0 {
        // Checked above: a whole number in 100..=599 converts exactly.
        Ok(value as u16)
    } else {
        Err(error(
            ErrorCode::InvalidArgument,
            &format!(
                "status must be an HTTP status code from 100 to 599, got {}",
                number_text(value)
            ),
            &[],
        ))
    }
}

/// Parses an operation name, or throws `unknown_operation` with the problem.
pub fn operation_kind(name: &JsValue) -> Result<OperationKind, JsValue> {
    string(name, "operation")?
        .parse::<OperationKind>()
        .map_err(|problem| {
            error(
                ErrorCode::UnknownOperation,
                &problem.message,
                std::slice::from_ref(&problem),
            )
        })
}

/// Reads an operation's input object (vendor field names plus `caTag`) through core's JSON
/// reader, so that JS objects and JSON text are read by the same rules.
/// `undefined` (no argument) reads as `{}`, so that operations without required fields
/// (`client.getCaList()`) need none.
pub fn operation(kind: OperationKind, input: &JsValue) -> Result<Operation, Problem> {
    if input.is_undefined() {
        return Operation::from_json(kind, "{}");
    }
    let json = js_sys::JSON::stringify(input)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| "null".to_string());
    Operation::from_json(kind, &json)
}

/// A JS number that must be a whole, non-negative number of milliseconds (or seconds).
pub fn whole_number(value: f64, what: &str) -> Result<u64, JsValue> {
    whole(value).ok_or_else(|| {
        error(
            ErrorCode::InvalidArgument,
            &format!(
                "{what} must be a whole number of milliseconds from 0 to 2^53-1, got {}",
                number_text(value)
            ),
            &[],
        )
    })
}

/// [`whole_number`]'s rule without the error, for a caller that reports it another way.
pub fn whole(value: f64) -> Option<u64> {
    // 2^53: beyond it a JS number no longer holds every integer.
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    // Checked: a whole number in 0..=2^53-1 converts exactly.
    (value.is_finite() && (0.0..=MAX_SAFE).contains(&value) && value.fract() == 0.0)
        .then_some(value as u64)
}

/// A JS number that must be a whole number (may be negative), e.g. Unix seconds.
pub fn whole_signed(value: f64, what: &str) -> Result<i64, JsValue> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if value.is_finite() && value.abs() <= MAX_SAFE && value.fract() == 0.0 {
        Ok(value as i64)
    } else {
        Err(error(
            ErrorCode::InvalidArgument,
            &format!("{what} must be a whole number, got {}", number_text(value)),
            &[],
        ))
    }
}

/// Header lists as JS objects (`{name: value}`, in sending order) rather than pairs, so that
/// they can be handed to `fetch` as they are. (Read back by [`JsOptions::headers`].)
pub mod ordered_headers {
    use serde::ser::SerializeMap;
    use serde::Serializer;

    /// Serializes pairs as one object.
    pub fn serialize<S: Serializer>(pairs: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(pairs.len()))?;
        for (name, value) in pairs {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}
