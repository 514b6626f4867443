//! A small JSON reader and writer for what the questionnaire bundle reads and writes: the
//! stored assessments and the texts.
//!
//! serde's derives compile a parser and a printer for every type, which made up a fifth of
//! the questionnaire's first load (48 KB gzipped). Here one parser builds a tree, and each
//! type reads itself from that tree with the few helpers below. Summaries, which only the
//! tools bundle reads and writes, keep serde. Tests hold this reader to serde_json's.

use std::fmt::Write as _;

/// A parsed JSON value. Numbers keep their text, so whole numbers up to `u64::MAX` read
/// back exactly and no float parser is needed for them.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in the order of the text.
    Object(Vec<(String, Json)>),
}

/// The text is not JSON: truncated, hand-edited or not JSON at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError;

/// Arrays and objects nested deeper are refused rather than risk the wasm stack, at the same
/// depth as serde_json.
pub const MAX_DEPTH: usize = 127;

/// Parses a whole JSON text; surrounding whitespace is allowed, anything else after the
/// value is not.
pub fn parse(text: &str) -> Result<Json, SyntaxError> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.at == parser.bytes.len() {
        Ok(value)
    } else {
        Err(SyntaxError)
    }
}

struct Parser<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl Parser<'_> {
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, SyntaxError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(SyntaxError)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        let next = self.peek().ok_or(SyntaxError)?;
        if matches!(next, b'[' | b'{') && depth >= MAX_DEPTH {
            return Err(SyntaxError);
        }
        match next {
            b'n' => self.literal("null", Json::Null),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(SyntaxError);
                        }
                    }
                }
                Ok(Json::Array(items))
            }
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        if self.peek() != Some(b'"') {
                            return Err(SyntaxError);
                        }
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return Err(SyntaxError);
                        }
                        members.push((key, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(SyntaxError);
                        }
                    }
                }
                Ok(Json::Object(members))
            }
            _ => self.number(),
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as text.
    fn number(&mut self) -> Result<Json, SyntaxError> {
        let start = self.at;
        let digits = |parser: &mut Self| {
            let first = parser.at;
            while parser.bytes.get(parser.at).is_some_and(u8::is_ascii_digit) {
                parser.at += 1;
            }
            parser.at - first
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let whole_start = self.at;
        let whole = digits(self);
        if whole == 0 || (whole > 1 && self.bytes[whole_start] == b'0') {
            return Err(SyntaxError);
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if digits(self) == 0 {
                return Err(SyntaxError);
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(SyntaxError);
            }
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).map_err(|_| SyntaxError)?;
        Ok(Json::Number(text.to_string()))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let hex = self.bytes.get(self.at..self.at + 4).ok_or(SyntaxError)?;
        self.at += 4;
        let hex = std::str::from_utf8(hex).map_err(|_| SyntaxError)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(SyntaxError);
        }
        u32::from_str_radix(hex, 16).map_err(|_| SyntaxError)
    }

    /// A string after its opening quote's position; control characters must be escaped, and
    /// a `\u` escape must not leave half of a surrogate pair.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let run_start = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The input is a `&str` and the run stops on ASCII, so the run is UTF-8.
            out.push_str(
                std::str::from_utf8(&self.bytes[run_start..self.at]).map_err(|_| SyntaxError)?,
            );
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let escape = *self.bytes.get(self.at + 1).ok_or(SyntaxError)?;
                    self.at += 2;
                    out.push(match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(SyntaxError),
                    });
                }
                _ => return Err(SyntaxError),
            }
        }
    }

    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                    return Err(SyntaxError);
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(SyntaxError);
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(SyntaxError),
            other => other,
        };
        char::from_u32(code).ok_or(SyntaxError)
    }
}

// ---------------------------------------------------------------------------------------------
// Reading typed values out of the tree. Errors name the field, for the backup's log.

/// Why a JSON value is not the expected shape.
pub type ShapeError = String;

fn kind(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

fn expected(what: &str, found: &Json) -> ShapeError {
    format!("expected {what}, found {}", kind(found))
}

impl Json {
    pub fn members(&self) -> Result<&[(String, Json)], ShapeError> {
        match self {
            Json::Object(members) => Ok(members),
            other => Err(expected("an object", other)),
        }
    }

    pub fn items(&self) -> Result<&[Json], ShapeError> {
        match self {
            Json::Array(items) => Ok(items),
            other => Err(expected("an array", other)),
        }
    }

    pub fn string(&self) -> Result<String, ShapeError> {
        match self {
            Json::String(text) => Ok(text.clone()),
            other => Err(expected("a string", other)),
        }
    }

    pub fn boolean(&self) -> Result<bool, ShapeError> {
        match self {
            Json::Bool(value) => Ok(*value),
            other => Err(expected("a boolean", other)),
        }
    }

    /// A whole number from 0 to `u64::MAX`; `1.0` is not one, as with serde.
    pub fn whole(&self) -> Result<u64, ShapeError> {
        match self {
            Json::Number(text) => text
                .parse()
                .map_err(|_| format!("{text} is not a whole number from 0 to {}", u64::MAX)),
            other => Err(expected("a number", other)),
        }
    }

    pub fn whole_u32(&self) -> Result<u32, ShapeError> {
        let value = self.whole()?;
        u32::try_from(value).map_err(|_| format!("{value} is over {}", u32::MAX))
    }

    /// A number in hundredths, rounded: enough for the one decimal field stored (staff in
    /// full-time equivalents, typed with two decimals at most), with no float parser.
    pub fn hundredths(&self) -> Result<i64, ShapeError> {
        let Json::Number(text) = self else {
            return Err(expected("a number", self));
        };
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let (mantissa, exponent) = match text.split_once(['e', 'E']) {
            // An exponent too long for an i64 is far past the bound either way.
            Some((mantissa, exponent)) => (
                mantissa,
                exponent
                    .parse::<i64>()
                    .unwrap_or(if exponent.starts_with('-') {
                        -MAX_EXPONENT
                    } else {
                        MAX_EXPONENT
                    }),
            ),
            None => (text, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        // The value is `digits` × 10^(exponent − fraction length); in hundredths, the power
        // is `shift`. A negative shift drops digits, rounding on the first one dropped.
        let digits: Vec<i64> = whole
            .bytes()
            .chain(fraction.bytes())
            .map(|digit| i64::from(digit - b'0'))
            .collect();
        let shift = exponent
            .clamp(-MAX_EXPONENT, MAX_EXPONENT)
            .saturating_add(2)
            .saturating_sub(fraction.len() as i64);
        let kept_signed = digits.len() as i64 + shift.min(0);
        let kept = kept_signed.max(0) as usize;
        let mut value = digits[..kept.min(digits.len())]
            .iter()
            .fold(0i64, |value, digit| {
                value.saturating_mul(10).saturating_add(*digit)
            });
        for _ in 0..shift.clamp(0, 20) {
            value = value.saturating_mul(10);
        }
        if shift < 0 && kept_signed >= 0 && digits.get(kept).is_some_and(|digit| *digit >= 5) {
            value = value.saturating_add(1);
        }
        let value = value.min(MAX_HUNDREDTHS);
        Ok(if negative { -value } else { value })
    }
}

/// The largest value kept in hundredths: 10⁹, far past any real count of staff, and small
/// enough that writing and reading it back gives the same number.
pub const MAX_HUNDREDTHS: i64 = 100_000_000_000;

/// Exponents beyond this make every value 0 or the bound.
const MAX_EXPONENT: i64 = 1_000;

/// An object's members, read by name.
pub struct Fields<'j> {
    members: &'j [(String, Json)],
}

impl<'j> Fields<'j> {
    pub fn of(value: &'j Json) -> Result<Fields<'j>, ShapeError> {
        value.members().map(|members| Fields { members })
    }

    /// The member `name`, if present: the first of them if the text repeats it.
    pub fn get(&self, name: &str) -> Option<&'j Json> {
        self.members
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// A member that must be there.
    pub fn required<T>(
        &self,
        name: &str,
        read: impl FnOnce(&'j Json) -> Result<T, ShapeError>,
    ) -> Result<T, ShapeError> {
        match self.get(name) {
            Some(value) => read(value).map_err(|error| format!("{name}: {error}")),
            None => Err(format!("missing field `{name}`")),
        }
    }

    /// A member that may be missing; its default then.
    pub fn or_default<T: Default>(
        &self,
        name: &str,
        read: impl FnOnce(&'j Json) -> Result<T, ShapeError>,
    ) -> Result<T, ShapeError> {
        match self.get(name) {
            Some(value) => read(value).map_err(|error| format!("{name}: {error}")),
            None => Ok(T::default()),
        }
    }

    /// An optional member: missing and `null` are both `None`.
    pub fn optional<T>(
        &self,
        name: &str,
        read: impl FnOnce(&'j Json) -> Result<T, ShapeError>,
    ) -> Result<Option<T>, ShapeError> {
        match self.get(name) {
            None | Some(Json::Null) => Ok(None),
            Some(value) => read(value)
                .map(Some)
                .map_err(|error| format!("{name}: {error}")),
        }
    }
}

/// An object whose members are all read the same way, such as answers by question id.
pub fn map_of<T>(
    value: &Json,
    read: impl Fn(&Json) -> Result<T, ShapeError>,
) -> Result<std::collections::BTreeMap<String, T>, ShapeError> {
    let mut map = std::collections::BTreeMap::new();
    for (key, member) in value.members()? {
        map.insert(
            key.clone(),
            read(member).map_err(|error| format!("{key}: {error}"))?,
        );
    }
    Ok(map)
}

pub fn list_of<T>(
    value: &Json,
    read: impl Fn(&Json) -> Result<T, ShapeError>,
) -> Result<Vec<T>, ShapeError> {
    value
        .items()?
        .iter()
        .enumerate()
        .map(|(index, item)| read(item).map_err(|error| format!("[{index}]: {error}")))
        .collect()
}

/// A string that must be one of `names`; gives its index.
pub fn one_of(value: &Json, names: &[&str]) -> Result<usize, ShapeError> {
    let text = value.string()?;
    names
        .iter()
        .position(|name| *name == text)
        .ok_or_else(|| format!("unknown variant {text:?}, expected one of {names:?}"))
}

// ---------------------------------------------------------------------------------------------
// Writing, in serde_json's pretty layout with an empty indent (one member per line), so a
// stored value reads the same as before this module existed.

/// Writes an object member by member.
pub struct ObjectWriter<'o> {
    out: &'o mut String,
    empty: bool,
}

impl<'o> ObjectWriter<'o> {
    pub fn new(out: &'o mut String) -> ObjectWriter<'o> {
        out.push('{');
        ObjectWriter { out, empty: true }
    }

    /// Starts member `name`; the caller then writes its value into the returned buffer.
    pub fn member(&mut self, name: &str) -> &mut String {
        self.out.push_str(if self.empty { "\n" } else { ",\n" });
        self.empty = false;
        write_string(self.out, name);
        self.out.push_str(": ");
        self.out
    }

    pub fn string(&mut self, name: &str, value: &str) {
        write_string(self.member(name), value);
    }

    pub fn whole(&mut self, name: &str, value: u64) {
        let _ = write!(self.member(name), "{value}");
    }

    pub fn boolean(&mut self, name: &str, value: bool) {
        self.member(name)
            .push_str(if value { "true" } else { "false" });
    }

    pub fn end(self) {
        self.out.push_str(if self.empty { "}" } else { "\n}" });
    }
}

/// Writes an array, its items one per line.
pub fn write_list<T>(out: &mut String, items: &[T], write: impl Fn(&mut String, &T)) {
    if items.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push('[');
    for (index, item) in items.iter().enumerate() {
        out.push_str(if index == 0 { "\n" } else { ",\n" });
        write(out, item);
    }
    out.push_str("\n]");
}

/// Writes a map as an object, in key order.
pub fn write_map<T>(
    out: &mut String,
    map: &std::collections::BTreeMap<String, T>,
    write: impl Fn(&mut String, &T),
) {
    let mut object = ObjectWriter::new(out);
    for (key, value) in map {
        write(object.member(key), value);
    }
    object.end();
}

/// A JSON string, escaped as serde_json escapes it.
pub fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A number of hundredths as a decimal, the way serde_json writes that float: `2.5`, `0.05`,
/// `3.0`.
pub fn write_hundredths(out: &mut String, hundredths: i64) {
    let magnitude = hundredths.unsigned_abs();
    let sign = if hundredths < 0 { "-" } else { "" };
    let (whole, cents) = (magnitude / 100, magnitude % 100);
    let _ = match cents {
        0 => write!(out, "{sign}{whole}.0"),
        c if c % 10 == 0 => write!(out, "{sign}{whole}.{}", c / 10),
        c => write!(out, "{sign}{whole}.{c:02}"),
    };
}

/// `value` in hundredths, rounded and bounded by [`MAX_HUNDREDTHS`].
pub fn to_hundredths(value: f64) -> i64 {
    let bound = MAX_HUNDREDTHS as f64;
    (value * 100.0).round().clamp(-bound, bound) as i64
}

pub fn from_hundredths(hundredths: i64) -> f64 {
    hundredths as f64 / 100.0
}
