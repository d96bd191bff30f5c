//! JSON values, read and written (RFC 8259): the texts core reads (NCP's answers, operation
//! inputs) are parsed once into a [`Value`] that the models then take apart field by field
//! (`wire`).
//!
//! Why not `serde_json::Value`: its parser is generic over serde's visitors and its objects are
//! `BTreeMap`s; with the map's code the two were some 30 kB of every wasm build's code, where
//! this reader needs a few. serde_json stays for writing the request bodies, whose models
//! derive `Serialize`.
//!
//! What it accepts is what serde_json accepts (a differential test below holds them to it),
//! with two readings of our own, both more lenient:
//! - a number is kept as written, so that an integer beyond 2^53 (a `certificateNo`, a date in
//!   milliseconds) keeps every digit; serde_json refused numbers beyond f64's range
//!   (`1e400`), which nothing here reads as a float;
//! - `-0` reads as the integer 0 (serde_json read it as the float -0.0).
//!
//! A key given twice keeps its last value, as in serde_json.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// How deep arrays and objects may nest: serde_json's limit, so that no text exhausts the
/// stack.
const MAX_DEPTH: usize = 128;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A JSON number, as written in the text (checked against the grammar).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Number(String);

impl Number {
    /// The number as an `i64`, if it is written as an integer (no fraction or exponent) that
    /// fits.
    pub(crate) fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A JSON object's members in the order written. A name given twice is looked up, taken and
/// written by its last value.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Map(Vec<(String, Value)>);

impl Map {
    pub(crate) fn new() -> Self {
        Map(Vec::new())
    }

    /// The index of `name`'s last member.
    fn position(&self, name: &str) -> Option<usize> {
        self.0.iter().rposition(|(key, _)| key == name)
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        let i = self.position(name)?;
        self.0.get(i).map(|(_, value)| value)
    }

    pub(crate) fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        let i = self.position(name)?;
        self.0.get_mut(i).map(|(_, value)| value)
    }

    /// Takes `name` out (every member of that name), giving its last value.
    pub(crate) fn remove(&mut self, name: &str) -> Option<Value> {
        let i = self.position(name)?;
        let (_, value) = self.0.remove(i);
        self.0.retain(|(key, _)| key != name);
        Some(value)
    }

    /// Sets `name` to `value`, replacing any member of that name.
    pub(crate) fn insert(&mut self, name: String, value: Value) {
        self.remove(&name);
        self.0.push((name, value));
    }

    /// The members by name (a name given twice once, with its last value), as serde_json's
    /// `BTreeMap` held them: the order in which `Display` writes them and the models take
    /// what is left of an object.
    pub(crate) fn into_sorted(self) -> Vec<(String, Value)> {
        sorted_by_name(self.0)
    }
}

/// Named members sorted by name, a name given more than once kept once with its last value.
pub(crate) fn sorted_by_name<V>(mut members: Vec<(String, V)>) -> Vec<(String, V)> {
    // Stable: of a name's members, the last written stays last.
    members.sort_by(|a, b| a.0.cmp(&b.0));
    let mut sorted: Vec<(String, V)> = Vec::with_capacity(members.len());
    for member in members {
        match sorted.last_mut() {
            Some(last) if last.0 == member.0 => *last = member,
            _ => sorted.push(member),
        }
    }
    sorted
}

impl Value {
    /// An object's member `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => map.get(name),
            _ => None,
        }
    }

    pub(crate) fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        match self {
            Value::Object(map) => map.get_mut(name),
            _ => None,
        }
    }

    /// Takes the value out, leaving `null`.
    pub(crate) fn take(&mut self) -> Value {
        core::mem::replace(self, Value::Null)
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub(crate) fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub(crate) fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
}

/// Compact JSON, as serde_json writes it: objects' members by name, strings escaped the same
/// way (quote, backslash and control characters; nothing else).
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::String(s) => write_string(f, s),
            Value::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Value::Object(map) => {
                f.write_str("{")?;
                for (i, (key, value)) in map.clone().into_sorted().iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_string(f, key)?;
                    write!(f, ":{value}")?;
                }
                f.write_str("}")
            }
        }
    }
}

fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            c if c < ' ' => write!(f, "\\u{:04x}", u32::from(c))?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

/// Why a text is not JSON, and where: worded as serde_json words it ("EOF while parsing a
/// value at line 1 column 0"), so that messages read the same as before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Error {
    what: &'static str,
    line: usize,
    column: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.what, self.line, self.column
        )
    }
}

/// Parses one JSON value, with nothing but whitespace around it.
pub(crate) fn parse(text: &str) -> Result<Value, Error> {
    let mut parser = Parser {
        text: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let value = parser.value()?;
    parser.skip_whitespace();
    if parser.at < parser.text.len() {
        return Err(parser.error_at_next("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a [u8],
    /// The next byte to read.
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// An error at byte `index` (0-based), with serde_json's line and 1-based column.
    fn error_at(&self, what: &'static str, index: usize) -> Error {
        let before = self.text.get(..index).unwrap_or(self.text);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        Error {
            what,
            line,
            column: index - line_start,
        }
    }

    /// An error about the next byte (counted as read, as serde_json counts it), or at the end.
    fn error_at_next(&self, what: &'static str) -> Error {
        self.error_at(what, (self.at + 1).min(self.text.len()))
    }

    fn eof(&self, what: &'static str) -> Error {
        self.error_at(what, self.text.len())
    }

    fn value(&mut self) -> Result<Value, Error> {
        self.skip_whitespace();
        let Some(byte) = self.peek() else {
            return Err(self.eof("EOF while parsing a value"));
        };
        match byte {
            b'n' => self.ident(b"null", Value::Null),
            b't' => self.ident(b"true", Value::Bool(true)),
            b'f' => self.ident(b"false", Value::Bool(false)),
            b'"' => {
                self.at += 1;
                self.string().map(Value::String)
            }
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            b'[' => self.nested(Parser::array),
            b'{' => self.nested(Parser::object),
            _ => Err(self.error_at_next("expected value")),
        }
    }

    fn ident(&mut self, ident: &[u8], value: Value) -> Result<Value, Error> {
        for &expected in ident {
            match self.peek() {
                None => return Err(self.eof("EOF while parsing a value")),
                Some(b) if b == expected => self.at += 1,
                Some(_) => return Err(self.error_at_next("expected ident")),
            }
        }
        Ok(value)
    }

    /// An array or object (`read` starts at its opening bracket), within the nesting limit.
    fn nested(&mut self, read: fn(&mut Self) -> Result<Value, Error>) -> Result<Value, Error> {
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(self.error_at_next("recursion limit exceeded"));
        }
        self.at += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    // The EOF messages follow serde_json's: "a list" or "an object" where a member or the
    // end may come, "a value" after a comma.

    fn array(&mut self) -> Result<Value, Error> {
        const EOF: &str = "EOF while parsing a list";
        let mut items = Vec::new();
        if !self.closes_here(b']', EOF)? {
            loop {
                items.push(self.value()?);
                if self.closes_after_member(b']', EOF, "expected `,` or `]`")? {
                    break;
                }
            }
        }
        Ok(Value::Array(items))
    }

    fn object(&mut self) -> Result<Value, Error> {
        const EOF: &str = "EOF while parsing an object";
        let mut members = Vec::new();
        if !self.closes_here(b'}', EOF)? {
            loop {
                match self.peek() {
                    None => return Err(self.eof("EOF while parsing a value")),
                    Some(b'"') => self.at += 1,
                    Some(_) => return Err(self.error_at_next("key must be a string")),
                }
                let key = self.string()?;
                self.skip_whitespace();
                match self.peek() {
                    None => return Err(self.eof(EOF)),
                    Some(b':') => self.at += 1,
                    Some(_) => return Err(self.error_at_next("expected `:`")),
                }
                members.push((key, self.value()?));
                if self.closes_after_member(b'}', EOF, "expected `,` or `}`")? {
                    break;
                }
            }
        }
        Ok(Value::Object(Map(members)))
    }

    /// Skips whitespace; whether the array or object closes here (its `close` consumed). The
    /// text's end is an error, `eof`.
    fn closes_here(&mut self, close: u8, eof: &'static str) -> Result<bool, Error> {
        self.skip_whitespace();
        match self.peek() {
            None => Err(self.eof(eof)),
            Some(b) if b == close => {
                self.at += 1;
                Ok(true)
            }
            Some(_) => Ok(false),
        }
    }

    /// After a member: `true` at the closing `close`, `false` after a comma (a `close` right
    /// after it is a trailing comma); both consumed.
    fn closes_after_member(
        &mut self,
        close: u8,
        eof: &'static str,
        expected: &'static str,
    ) -> Result<bool, Error> {
        if self.closes_here(close, eof)? {
            return Ok(true);
        }
        if self.peek() != Some(b',') {
            return Err(self.error_at_next(expected));
        }
        self.at += 1;
        self.skip_whitespace();
        if self.peek() == Some(close) {
            return Err(self.error_at_next("trailing comma"));
        }
        Ok(false)
    }

    /// A string's contents, after its opening quote.
    fn string(&mut self) -> Result<String, Error> {
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(byte) = self.peek() else {
                return Err(self.eof("EOF while parsing a string"));
            };
            match byte {
                b'"' => {
                    self.at += 1;
                    // The text is a `&str` and escapes add whole characters: still UTF-8.
                    return String::from_utf8(out)
                        .map_err(|_| self.error_at("invalid unicode code point", self.at));
                }
                b'\\' => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                0..=0x1f => {
                    return Err(self.error_at_next(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ))
                }
                _ => {
                    out.push(byte);
                    self.at += 1;
                }
            }
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        let Some(byte) = self.peek() else {
            return Err(self.eof("EOF while parsing a string"));
        };
        self.at += 1;
        let simple = match byte {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let c = self.unicode_escape()?;
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                return Ok(());
            }
            _ => return Err(self.error_at("invalid escape", self.at)),
        };
        out.push(simple);
        Ok(())
    }

    /// The character of a `\uXXXX` escape (after its `u`), or of a surrogate pair of them;
    /// a surrogate without its pair is an error (the string is UTF-8). Worded as serde_json.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        let code = match first {
            0xDC00..=0xDFFF => {
                return Err(self.error_at("lone leading surrogate in hex escape", self.at))
            }
            0xD800..=0xDBFF => {
                for expected in [b'\\', b'u'] {
                    match self.peek() {
                        None => return Err(self.eof("EOF while parsing a string")),
                        Some(b) if b == expected => self.at += 1,
                        Some(_) => return Err(self.error_at_next("unexpected end of hex escape")),
                    }
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error_at("lone leading surrogate in hex escape", self.at));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            code => code,
        };
        char::from_u32(code).ok_or_else(|| self.error_at("invalid unicode code point", self.at))
    }

    /// Four hex digits: fewer than four bytes left is the string's end, as serde_json reads.
    fn hex4(&mut self) -> Result<u32, Error> {
        let Some(digits) = self.text.get(self.at..self.at + 4) else {
            return Err(self.eof("EOF while parsing a string"));
        };
        self.at += 4;
        digits.iter().try_fold(0, |code, &byte| {
            let digit = char::from(byte).to_digit(16);
            digit
                .map(|digit| code * 16 + digit)
                .ok_or_else(|| self.error_at("invalid escape", self.at))
        })
    }

    /// A number (at its first byte), checked against the grammar:
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<Number, Error> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error_at_next("invalid number"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            None => return Err(self.eof("EOF while parsing a value")),
            Some(_) => return Err(self.error_at_next("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.required_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.required_digits()?;
        }
        let text = self.text.get(start..self.at).unwrap_or_default();
        // ASCII digits and signs only.
        Ok(Number(String::from_utf8_lossy(text).into_owned()))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    /// At least one digit.
    fn required_digits(&mut self) -> Result<(), Error> {
        match self.peek() {
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            None => Err(self.eof("EOF while parsing a value")),
            Some(_) => Err(self.error_at_next("invalid number")),
        }
    }
}

#[cfg(test)]
mod tests {
    //! The parser against serde_json (the independent implementation): the same texts
    //! accepted, the same values read, the same text written back.
    extern crate std;

    use super::*;
    use alloc::format;
    use alloc::string::ToString;
    use alloc::vec;
    use proptest::prelude::*;

    /// `value` as serde_json's `Value`, numbers read by serde_json from their text.
    fn to_serde(value: &Value) -> serde_json::Value {
        match value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::from_str(&n.0).unwrap(),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
            Value::Object(map) => serde_json::Value::Object(
                map.clone()
                    .into_sorted()
                    .iter()
                    .map(|(k, v)| (k.clone(), to_serde(v)))
                    .collect(),
            ),
        }
    }

    /// Our two lenient readings, which serde_json refuses or reads otherwise.
    fn is_our_reading(text: &str, serde: &Result<serde_json::Value, serde_json::Error>) -> bool {
        let out_of_range =
            matches!(serde, Err(e) if e.to_string().starts_with("number out of range"));
        out_of_range || text.contains("-0")
    }

    fn agrees(text: &str) {
        let ours = parse(text);
        let serde = serde_json::from_str::<serde_json::Value>(text);
        if is_our_reading(text, &serde) {
            return;
        }
        match (&ours, &serde) {
            (Ok(ours), Ok(serde)) => {
                assert_eq!(&to_serde(ours), serde, "{text:?}");
                // Written back as serde_json writes it, but for numbers that serde_json read
                // as floats (ours are written as given).
                if !text.contains(['.', 'e', 'E']) && !serde.to_string().contains(['.', 'e']) {
                    assert_eq!(ours.to_string(), serde.to_string(), "{text:?}");
                }
            }
            (Err(ours), Err(serde)) => {
                // The same wording; positions may differ by the byte serde_json had read.
                let serde = serde.to_string();
                let what = serde.split(" at line").next().unwrap_or_default();
                assert_eq!(ours.what, what, "{text:?}");
            }
            _ => panic!("{text:?}: ours {ours:?}, serde_json {serde:?}"),
        }
    }

    #[test]
    fn texts_read_as_serde_json_reads_them() {
        for text in [
            "",
            " ",
            "null",
            "nul",
            "nope",
            "true",
            "tru",
            "false",
            "0",
            "-",
            "-1",
            "01",
            "1.",
            "1.5",
            "1e",
            "1e+",
            "1E-7",
            "-0.0e0",
            "1.5e3x",
            "9007199254740993",
            "18446744073709551616",
            "[]",
            "[1,]",
            "[1 2]",
            "[",
            "{}",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{1:2}",
            "{\"a\":1",
            "{\"a\":1,\"a\":2}",
            "{\"b\":[],\"a\":{\"c\":null}}",
            "\"",
            "\"\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud83d\"",
            "\"\\ud83dx\"",
            "\"\\ud83d\\u0041\"",
            "\"\\ude00\"",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u12g4\"",
            "\"a\u{1}b\"",
            "\"é한\"",
            "1 2",
            " {\"a\" : [ true , false ] } ",
            "\n\n  [1,\n x]",
        ] {
            agrees(text);
        }
    }

    #[test]
    fn nesting_stops_where_serde_json_stops() {
        for depth in [126, 127, 128, 129, 1000] {
            agrees(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
            agrees(&"{\"a\":".repeat(depth));
        }
    }

    #[test]
    fn a_name_given_twice_keeps_its_last_value() {
        let mut value = parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(
            value.get("a").map(ToString::to_string).as_deref(),
            Some("3")
        );
        assert_eq!(value.to_string(), r#"{"a":3,"b":2}"#);
        let map = value.as_object_mut().unwrap();
        assert_eq!(map.remove("a").map(|v| v.to_string()).as_deref(), Some("3"));
        assert_eq!(map.get("a"), None);
    }

    #[test]
    fn numbers_keep_their_digits() {
        let value = parse("[12345678901234567890123, -0, 1e400]").unwrap();
        assert_eq!(value.to_string(), "[12345678901234567890123,-0,1e400]");
        let Value::Array(items) = value else { panic!() };
        let ints: Vec<Option<i64>> = items
            .iter()
            .map(|v| match v {
                Value::Number(n) => n.as_i64(),
                _ => None,
            })
            .collect();
        assert_eq!(ints, vec![None, Some(0), None]);
    }

    /// Random texts made of JSON's pieces (most not JSON at all).
    fn jsonish() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "\n",
            "\"",
            "\"a\"",
            "\"\\u00e9\"",
            "\\",
            "\\u",
            "d83d",
            "\\ude00",
            "0",
            "1",
            "-",
            ".",
            "e",
            "+",
            "true",
            "null",
            "fals",
            "x",
            "é",
            "\u{1}",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    /// Random JSON values, written by serde_json.
    fn json_text() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            any::<f64>().prop_map(|n| serde_json::json!(n)),
            "[a-c\"\\\\\u{0}-\u{1f}é😀]{0,6}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
                prop::collection::vec(("[a-c]{0,2}", inner), 0..4).prop_map(|members| {
                    serde_json::Value::Object(members.into_iter().collect())
                }),
            ]
        })
        .prop_map(|value| value.to_string())
    }

    proptest! {
        // Cheap cases, and most random pieces are refused early: many of them.
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn random_pieces_read_as_serde_json_reads_them(text in jsonish()) {
            agrees(&text);
        }

        #[test]
        fn random_json_reads_back_and_writes_as_serde_json(text in json_text()) {
            agrees(&text);
            let ours = parse(&text).unwrap();
            prop_assert_eq!(to_serde(&ours), serde_json::from_str::<serde_json::Value>(&text).unwrap());
        }
    }
}
