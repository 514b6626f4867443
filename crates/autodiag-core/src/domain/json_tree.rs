//! A small JSON reader and writer for everything the app reads and writes: stored
//! assessments, texts, summary files, the territory export and the territorial reference.
//!
//! serde's derives compile a parser and a printer for every type, which made up a fifth of
//! the questionnaire's first load (48 KB gzipped). Here one parser builds a tree, and each
//! type reads itself from that tree with the few helpers below and writes itself with
//! [`JsonWriter`]. The derives stay on the types for the JSON Schema and the tests, which hold
//! this code to serde_json byte for byte, floats rounded to six decimals.

use std::fmt::Write as _;

/// A parsed JSON value. Numbers keep their text, so whole numbers up to `u64::MAX` read
/// back exactly and no float parser is needed for them. Boxed slices rather than vectors keep
/// each value to 24 bytes: a hostile file is mostly tiny values.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(Box<str>),
    String(Box<str>),
    Array(Box<[Json]>),
    /// Members in the order of the text.
    Object(Box<[(Box<str>, Json)]>),
}

/// The text is not JSON: truncated, hand-edited or not JSON at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the parser stopped, as a byte offset.
    pub at: usize,
    /// The text holds more values than any document of ours for its length (see
    /// [`max_values`]); it may be valid JSON.
    pub too_dense: bool,
}

/// The most values read from a text of `length` bytes. Every summary, stored assessment or
/// text file spends at least 9 bytes per value (keys, quotes, commas); a file of a million
/// zeros spends 2, and its tree would take 60 times its size in memory. Refusing such a text
/// as it is read keeps the tree within about 15 times the text.
pub fn max_values(length: usize) -> usize {
    (length / 4).max(1_024)
}

/// Arrays and objects nested deeper are refused rather than risk the wasm stack, at the same
/// depth as serde_json.
pub const MAX_DEPTH: usize = 127;

/// Parses a whole JSON text; surrounding whitespace is allowed, anything else after the
/// value is not.
pub fn parse(text: &str) -> Result<Json, SyntaxError> {
    let mut parser = Parser::new(text);
    let value = parser.value(0).map_err(|_| parser.error())?;
    parser.skip_whitespace();
    if parser.at == parser.bytes.len() {
        Ok(value)
    } else {
        Err(parser.error())
    }
}

struct Parser<'t> {
    bytes: &'t [u8],
    at: usize,
    /// Each value's offset, in document order, when [`locate`] asks for them.
    starts: Option<Vec<usize>>,
    /// Values read so far, and the most allowed.
    values: usize,
    max_values: usize,
}

/// Inside the parser, where it stopped is read from the parser itself.
#[derive(Debug)]
struct Stop;

impl Parser<'_> {
    fn new(text: &str) -> Parser<'_> {
        Parser {
            bytes: text.as_bytes(),
            at: 0,
            starts: None,
            values: 0,
            max_values: max_values(text.len()),
        }
    }

    fn error(&self) -> SyntaxError {
        SyntaxError {
            at: self.at.min(self.bytes.len()),
            too_dense: self.values > self.max_values,
        }
    }

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

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, Stop> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(Stop)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, Stop> {
        let next = self.peek().ok_or(Stop)?;
        self.values += 1;
        if self.values > self.max_values {
            return Err(Stop);
        }
        if let Some(starts) = self.starts.as_mut() {
            starts.push(self.at);
        }
        if matches!(next, b'[' | b'{') && depth >= MAX_DEPTH {
            return Err(Stop);
        }
        match next {
            b'n' => self.literal("null", Json::Null),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'"' => self
                .string()
                .map(|text| Json::String(text.into_boxed_str())),
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
                            return Err(Stop);
                        }
                    }
                }
                Ok(Json::Array(items.into_boxed_slice()))
            }
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        if self.peek() != Some(b'"') {
                            return Err(Stop);
                        }
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return Err(Stop);
                        }
                        members.push((key.into_boxed_str(), self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(Stop);
                        }
                    }
                }
                Ok(Json::Object(members.into_boxed_slice()))
            }
            _ => self.number(),
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as text.
    fn number(&mut self) -> Result<Json, Stop> {
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
            return Err(Stop);
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if digits(self) == 0 {
                return Err(Stop);
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(Stop);
            }
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).map_err(|_| Stop)?;
        Ok(Json::Number(text.into()))
    }

    fn hex4(&mut self) -> Result<u32, Stop> {
        let hex = self.bytes.get(self.at..self.at + 4).ok_or(Stop)?;
        let hex = std::str::from_utf8(hex).map_err(|_| Stop)?;
        // Checked before moving on, so that a bad escape is reported where it starts.
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Stop);
        }
        self.at += 4;
        u32::from_str_radix(hex, 16).map_err(|_| Stop)
    }

    /// A string after its opening quote's position; control characters must be escaped, and
    /// a `\u` escape must not leave half of a surrogate pair.
    fn string(&mut self) -> Result<String, Stop> {
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
            out.push_str(std::str::from_utf8(&self.bytes[run_start..self.at]).map_err(|_| Stop)?);
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let escape = *self.bytes.get(self.at + 1).ok_or(Stop)?;
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
                        _ => return Err(Stop),
                    });
                }
                _ => return Err(Stop),
            }
        }
    }

    fn unicode_escape(&mut self) -> Result<char, Stop> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                    return Err(Stop);
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(Stop);
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(Stop),
            other => other,
        };
        char::from_u32(code).ok_or(Stop)
    }
}

// ---------------------------------------------------------------------------------------------
// Reading typed values out of the tree. An error says what is wrong and where: the path of
// keys and indices to the value, which `locate` turns into a line and column of the text.

/// What is wrong with a value, in serde's three kinds, which the import's messages tell apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeKind {
    /// A required member is absent (the path leads to its object).
    Missing(String),
    /// A value of the wrong JSON type.
    WrongType(String),
    /// A value of the right type that is not allowed: unknown name, number out of range,
    /// unknown or repeated member.
    Invalid(String),
}

/// One step of the path to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A member, by its key and its position among the object's members (a key may repeat).
    Key(String, usize),
    Index(usize),
}

/// Why a JSON value is not the expected shape, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    pub kind: ShapeKind,
    /// From the outermost value to the one at fault.
    pub path: Vec<Step>,
}

impl ShapeError {
    pub fn wrong_type(expected: &str, found: &Json) -> ShapeError {
        ShapeError::at_value(ShapeKind::WrongType(format!(
            "expected {expected}, found {}",
            kind(found)
        )))
    }

    pub fn invalid(message: String) -> ShapeError {
        ShapeError::at_value(ShapeKind::Invalid(message))
    }

    fn at_value(kind: ShapeKind) -> ShapeError {
        ShapeError {
            kind,
            path: Vec::new(),
        }
    }

    /// The same error, one level further out. Not generic and never inlined: every reader
    /// calls it, and one copy keeps the questionnaire's wasm small.
    #[inline(never)]
    fn within(mut self, step: Step) -> ShapeError {
        self.path.insert(0, step);
        self
    }

    #[inline(never)]
    fn within_key(self, key: &str, position: usize) -> ShapeError {
        self.within(Step::Key(key.to_string(), position))
    }

    #[inline(never)]
    fn missing(field: &str) -> ShapeError {
        ShapeError::at_value(ShapeKind::Missing(field.to_string()))
    }
}

impl std::fmt::Display for ShapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        for (index, step) in self.path.iter().enumerate() {
            match step {
                Step::Key(key, _) if index == 0 => f.write_str(key)?,
                Step::Key(key, _) => write!(f, ".{key}")?,
                Step::Index(at) => write!(f, "[{at}]")?,
            }
        }
        if !self.path.is_empty() {
            f.write_str(": ")?;
        }
        match &self.kind {
            ShapeKind::Missing(field) => write!(f, "missing field `{field}`"),
            ShapeKind::WrongType(message) | ShapeKind::Invalid(message) => f.write_str(message),
        }
    }
}

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

impl Json {
    pub fn members(&self) -> Result<&[(Box<str>, Json)], ShapeError> {
        match self {
            Json::Object(members) => Ok(members),
            other => Err(ShapeError::wrong_type("an object", other)),
        }
    }

    pub fn items(&self) -> Result<&[Json], ShapeError> {
        match self {
            Json::Array(items) => Ok(items),
            other => Err(ShapeError::wrong_type("an array", other)),
        }
    }

    pub fn string(&self) -> Result<String, ShapeError> {
        match self {
            Json::String(text) => Ok(text.to_string()),
            other => Err(ShapeError::wrong_type("a string", other)),
        }
    }

    pub fn boolean(&self) -> Result<bool, ShapeError> {
        match self {
            Json::Bool(value) => Ok(*value),
            other => Err(ShapeError::wrong_type("a boolean", other)),
        }
    }

    /// A whole number up to `max`. As with serde, a fraction or an exponent is the wrong type
    /// (`1.0` is a float), and a negative or too large integer a wrong value.
    pub fn whole_up_to(&self, max: u64) -> Result<u64, ShapeError> {
        let Json::Number(text) = self else {
            return Err(ShapeError::wrong_type("a whole number", self));
        };
        if text.contains(['.', 'e', 'E']) {
            return Err(ShapeError::wrong_type("a whole number", self));
        }
        // serde_json reads `-0`, and integers past u64 or below i64, as floats.
        let read_as_float = match text.strip_prefix('-') {
            Some(_) => text.parse::<i64>().map_or(true, |value| value == 0),
            None => text.parse::<u64>().is_err(),
        };
        match text.parse::<u64>() {
            Ok(value) if value <= max => Ok(value),
            _ if read_as_float => Err(ShapeError::wrong_type("a whole number", self)),
            _ => Err(ShapeError::invalid(format!(
                "{text} is not a whole number from 0 to {max}"
            ))),
        }
    }

    pub fn whole(&self) -> Result<u64, ShapeError> {
        self.whole_up_to(u64::MAX)
    }

    pub fn whole_u32(&self) -> Result<u32, ShapeError> {
        self.whole_up_to(u64::from(u32::MAX))
            .map(|value| value as u32)
    }

    pub fn whole_u8(&self) -> Result<u8, ShapeError> {
        self.whole_up_to(u64::from(u8::MAX))
            .map(|value| value as u8)
    }

    /// Any number an f64 holds, rounded to the nearest as serde_json does; beyond it, a
    /// wrong value, as serde_json says « number out of range ».
    pub fn float(&self) -> Result<f64, ShapeError> {
        match self {
            Json::Number(text) => Some(super::float_text::nearest_f64(text))
                .filter(|value| value.is_finite())
                .ok_or_else(|| ShapeError::invalid("number out of range".into())),
            other => Err(ShapeError::wrong_type("a number", other)),
        }
    }

    /// A number in hundredths, rounded: enough for the one decimal field stored (staff in
    /// full-time equivalents, typed with two decimals at most), with no float parser.
    pub fn hundredths(&self) -> Result<i64, ShapeError> {
        let Json::Number(text) = self else {
            return Err(ShapeError::wrong_type("a number", self));
        };
        let super::float_text::NumberParts {
            negative,
            whole,
            fraction,
            exponent,
        } = super::float_text::NumberParts::of(text);
        // The value is `digits` × 10^(exponent − fraction length); in hundredths, the power
        // is `shift`. A negative shift drops digits, rounding on the first one dropped.
        // Read without a buffer: a hostile number may be megabytes long.
        let digits = || {
            whole
                .bytes()
                .chain(fraction.bytes())
                .map(|digit| i64::from(digit - b'0'))
        };
        let count = whole.len() + fraction.len();
        let shift = exponent
            .clamp(-MAX_EXPONENT, MAX_EXPONENT)
            .saturating_add(2)
            .saturating_sub(fraction.len() as i64);
        let kept_signed = count as i64 + shift.min(0);
        let kept = kept_signed.max(0) as usize;
        let mut value = digits().take(kept).fold(0i64, |value, digit| {
            value.saturating_mul(10).saturating_add(digit)
        });
        for _ in 0..shift.clamp(0, 20) {
            value = value.saturating_mul(10);
        }
        if shift < 0 && kept_signed >= 0 && digits().nth(kept).is_some_and(|digit| digit >= 5) {
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
    members: &'j [(Box<str>, Json)],
}

impl<'j> Fields<'j> {
    pub fn of(value: &'j Json) -> Result<Fields<'j>, ShapeError> {
        value.members().map(|members| Fields { members })
    }

    /// Refuses members not in `known`, and any member given twice, as serde does for a type
    /// that denies unknown fields.
    pub fn only(self, known: &[&str]) -> Result<Fields<'j>, ShapeError> {
        for (index, (key, _)) in self.members.iter().enumerate() {
            let message = if !known.contains(&&**key) {
                format!("unknown field `{key}`")
            } else if self.members[..index]
                .iter()
                .any(|(earlier, _)| earlier == key)
            {
                format!("duplicate field `{key}`")
            } else {
                continue;
            };
            return Err(ShapeError::invalid(message).within(Step::Key(key.to_string(), index)));
        }
        Ok(self)
    }

    /// The member `name`, if present: the first of them if the text repeats it.
    pub fn get(&self, name: &str) -> Option<&'j Json> {
        self.find(name).map(|(_, value)| value)
    }

    /// The member `name` and its position among the members.
    fn find(&self, name: &str) -> Option<(usize, &'j Json)> {
        self.members
            .iter()
            .position(|(key, _)| **key == *name)
            .map(|position| (position, &self.members[position].1))
    }

    /// A member that must be there. `required` and `or_default` each match on `find` rather
    /// than share a helper returning an `Option`: that helper, compiled for every reader,
    /// cost the questionnaire 1.5 KB gzipped.
    pub fn required<T>(
        &self,
        name: &str,
        read: impl FnOnce(&'j Json) -> Result<T, ShapeError>,
    ) -> Result<T, ShapeError> {
        match self.find(name) {
            Some((at, value)) => read(value).map_err(|error| error.within_key(name, at)),
            None => Err(ShapeError::missing(name)),
        }
    }

    /// A member that may be missing; its default then.
    pub fn or_default<T: Default>(
        &self,
        name: &str,
        read: impl FnOnce(&'j Json) -> Result<T, ShapeError>,
    ) -> Result<T, ShapeError> {
        match self.find(name) {
            Some((at, value)) => read(value).map_err(|error| error.within_key(name, at)),
            None => Ok(T::default()),
        }
    }

    /// An optional member: missing and `null` are both `None`.
    pub fn optional<T>(
        &self,
        name: &str,
        read: impl FnOnce(&'j Json) -> Result<T, ShapeError>,
    ) -> Result<Option<T>, ShapeError> {
        match self.find(name) {
            None | Some((_, Json::Null)) => Ok(None),
            Some((at, value)) => read(value)
                .map(Some)
                .map_err(|error| error.within_key(name, at)),
        }
    }
}

/// An object whose members are all read the same way, such as answers by question id. A key
/// given twice keeps its last value, as serde does for a map.
pub fn map_of<T>(
    value: &Json,
    read: impl Fn(&Json) -> Result<T, ShapeError>,
) -> Result<litemap::LiteMap<String, T>, ShapeError> {
    let members = value.members()?;
    // Read in the file's order, so that the first fault named is the file's first.
    let mut values = Vec::new();
    for (at, (key, member)) in members.iter().enumerate() {
        values.push(Some(
            read(member).map_err(|error| error.within_key(key, at))?,
        ));
    }
    let mut map = litemap::LiteMap::new_vec();
    for index in key_order(members) {
        if let Some(value) = values[index].take() {
            // The keys ascend and differ, so each member goes at the end.
            let _ = map.try_append(members[index].0.to_string(), value);
        }
    }
    Ok(map)
}

/// The members' indices by ascending key, the last of a repeated key: sorted once, since a
/// file's keys may come in any order, reverse included. Not generic, so compiled once.
fn key_order(members: &[(Box<str>, Json)]) -> Vec<usize> {
    crate::sort::key_order(members.len(), &mut |a, b| members[a].0.cmp(&members[b].0))
}

pub fn list_of<T>(
    value: &Json,
    read: impl Fn(&Json) -> Result<T, ShapeError>,
) -> Result<Vec<T>, ShapeError> {
    // A loop rather than `collect()` into a `Result`, whose adapter is compiled again for each
    // item type: about 1 KB of wasm each.
    // No capacity reserved ahead: a hostile list of a million nulls would reserve a million
    // items before the first one is refused.
    let mut list = Vec::new();
    for (index, item) in value.items()?.iter().enumerate() {
        list.push(read(item).map_err(|error| error.within(Step::Index(index)))?);
    }
    Ok(list)
}

/// A string that must be one of `names`; gives its index.
pub fn one_of(value: &Json, names: &[&str]) -> Result<usize, ShapeError> {
    let text = value.string()?;
    names.iter().position(|name| *name == text).ok_or_else(|| {
        ShapeError::invalid(format!(
            "unknown variant \"{}\"",
            super::format::truncate_chars(&text, 40)
        ))
    })
}

/// Where the value at `path` starts in `text`, as a byte offset; `None` if the text is not
/// JSON or has no such value. For error messages only: it parses the text again.
pub fn locate(text: &str, path: &[Step]) -> Option<usize> {
    let mut parser = Parser::new(text);
    parser.starts = Some(Vec::new());
    let root = parser.value(0).ok()?;
    let starts = parser.starts?;
    // `starts` holds each value's offset in document order, so a child's index is its
    // parent's plus one, plus the sizes of the siblings before it.
    fn size(value: &Json) -> usize {
        1 + match value {
            Json::Array(items) => items.iter().map(size).sum(),
            Json::Object(members) => members.iter().map(|(_, v)| size(v)).sum(),
            _ => 0,
        }
    }
    let (mut node, mut index) = (&root, 0);
    for step in path {
        index += 1;
        let children: Vec<&Json> = match (node, step) {
            (Json::Array(items), Step::Index(_)) => items.iter().collect(),
            (Json::Object(members), Step::Key(..)) => members.iter().map(|(_, v)| v).collect(),
            _ => return None,
        };
        let (Step::Index(position) | Step::Key(_, position)) = step;
        let child = children.get(*position)?;
        index += children[..*position]
            .iter()
            .map(|child| size(child))
            .sum::<usize>();
        node = child;
    }
    starts.get(index).copied()
}

/// The 1-based line and column of a byte offset, counting columns in characters.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..at.min(text.len())];
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |newline| newline + 1);
    let line = 1 + before.iter().filter(|b| **b == b'\n').count();
    let column = 1 + String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count();
    (line, column)
}

// ---------------------------------------------------------------------------------------------
// Writing, in serde_json's pretty layout: one member or item per line, each level indented by
// the writer's indent (none in storage, two spaces in files). Files and stored values read the
// same as when serde_json wrote them; the tests compare the bytes.

/// Writes one JSON document into `out`.
pub struct JsonWriter {
    pub out: String,
    indent: &'static str,
    depth: usize,
    /// Whether the array or object being written has no member or item yet.
    empty: bool,
}

impl JsonWriter {
    pub fn new(indent: &'static str) -> JsonWriter {
        JsonWriter {
            out: String::with_capacity(4096),
            indent,
            depth: 0,
            empty: true,
        }
    }

    fn line(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str(self.indent);
        }
    }

    fn next(&mut self) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        self.line();
    }

    pub fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.empty = true;
    }

    pub fn close(&mut self, bracket: char) {
        self.depth -= 1;
        if !self.empty {
            self.line();
        }
        self.out.push(bracket);
        self.empty = false;
    }

    /// Starts member `name` of the object being written; its value follows.
    pub fn key(&mut self, name: &str) -> &mut JsonWriter {
        self.next();
        write_string(&mut self.out, name);
        self.out.push_str(": ");
        self
    }

    /// Starts the next item of the array being written.
    pub fn item(&mut self) -> &mut JsonWriter {
        self.next();
        self
    }

    pub fn string(&mut self, value: &str) {
        write_string(&mut self.out, value);
    }

    pub fn whole(&mut self, value: u64) {
        let _ = write!(self.out, "{value}");
    }

    pub fn boolean(&mut self, value: bool) {
        self.out.push_str(if value { "true" } else { "false" });
    }

    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    /// A whole number, or `null`.
    pub fn whole_or_null(&mut self, value: Option<u64>) {
        match value {
            Some(value) => self.whole(value),
            None => self.null(),
        }
    }

    /// A float to six decimals at most, the last one rounded, with `.0` on a whole number: the
    /// app computes none finer (shares of questions answered, scores, staff in hundredths).
    /// Written from integers, because `{}` on an f64 would compile in core's float formatting
    /// and its tables, about 12 KB of the tools wasm. JSON has no infinity nor NaN: they are
    /// written as `null`, and so is a magnitude over 9·10¹⁸, which no field of the format holds.
    pub fn float(&mut self, value: f64) {
        match float_fixed(value) {
            Some((scaled, unit)) => write_fixed(&mut self.out, scaled, unit),
            None => self.null(),
        }
    }

    pub fn hundredths(&mut self, hundredths: i64) {
        write_hundredths(&mut self.out, hundredths);
    }

    /// An array of `items`, each written by `write`.
    pub fn list<T>(&mut self, items: &[T], write: impl Fn(&mut JsonWriter, &T)) {
        self.open('[');
        for item in items {
            write(self.item(), item);
        }
        self.close(']');
    }

    /// An array of strings.
    pub fn strings(&mut self, items: &[String]) {
        self.list(items, |out, item| out.string(item));
    }

    /// A map as an object, in key order.
    pub fn map<T>(
        &mut self,
        map: &litemap::LiteMap<String, T>,
        write: impl Fn(&mut JsonWriter, &T),
    ) {
        self.open('{');
        for (key, value) in map {
            write(self.key(key), value);
        }
        self.close('}');
    }

    /// Member `name` as a string.
    pub fn text(&mut self, name: &str, value: &str) {
        self.key(name).string(value);
    }

    /// Member `name` as a string, left out when empty (serde's `skip_serializing_if`).
    pub fn text_unless_empty(&mut self, name: &str, value: &str) {
        if !value.is_empty() {
            self.text(name, value);
        }
    }

    /// Member `name` as a string, left out when `None`.
    pub fn text_if_some(&mut self, name: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.text(name, value);
        }
    }
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
    write_fixed(out, hundredths, 100);
}

/// A float as an integer and its unit: millionths while they are exact (up to about nine
/// billion), whole numbers beyond, and `None` for NaN, the infinities and beyond ±9·10¹⁸.
fn float_fixed(value: f64) -> Option<(i64, u64)> {
    const EXACT: f64 = (1u64 << f64::MANTISSA_DIGITS) as f64;
    let millionths = (value * 1e6).round();
    if millionths.abs() < EXACT {
        return Some((millionths as i64, 1_000_000));
    }
    let whole = value.round();
    (whole.abs() < 9e18).then_some((whole as i64, 1))
}

/// A float as an error message quotes it: as [`JsonWriter::float`] writes it, but a whole
/// number without `.0` (« 7 », « 2.5 »).
pub fn float_text(value: f64) -> String {
    let mut out = String::new();
    match float_fixed(value) {
        Some((scaled, unit)) => write_plain(&mut out, scaled, unit),
        None if value.is_nan() => out.push_str("NaN"),
        None => out.push_str(if value > 0.0 {
            "> 9·10¹⁸"
        } else {
            "< -9·10¹⁸"
        }),
    }
    out
}

/// `scaled / unit` with the decimals `unit` (a power of ten) allows, trailing zeros dropped
/// but one kept on a whole number: `2.0`, `0.5`, `-0.05`.
pub(crate) fn write_fixed(out: &mut String, scaled: i64, unit: u64) {
    let magnitude = scaled.unsigned_abs();
    let (whole, fraction) = (magnitude / unit, magnitude % unit);
    if scaled < 0 {
        out.push('-');
    }
    let _ = write!(out, "{whole}.");
    if fraction == 0 {
        out.push('0');
        return;
    }
    let width = unit.ilog10() as usize;
    let digits = format!("{fraction:0width$}");
    out.push_str(digits.trim_end_matches('0'));
}

/// As [`write_fixed`], but a whole number without `.0`, as a person reads it: `7`, `0.35`.
pub(crate) fn write_plain(out: &mut String, scaled: i64, unit: u64) {
    write_fixed(out, scaled, unit);
    if out.ends_with(".0") {
        out.truncate(out.len() - 2);
    }
}

/// `value` in hundredths, rounded and bounded by [`MAX_HUNDREDTHS`].
pub fn to_hundredths(value: f64) -> i64 {
    let bound = MAX_HUNDREDTHS as f64;
    (value * 100.0).round().clamp(-bound, bound) as i64
}

pub fn from_hundredths(hundredths: i64) -> f64 {
    hundredths as f64 / 100.0
}
