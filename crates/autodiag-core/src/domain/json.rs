//! JSON through serde_json, in the pretty layout. The app itself writes JSON with
//! `json_tree::JsonWriter` and holds no serde code; this stays for the tests, which check that
//! what the app writes is byte for byte what serde_json writes for the same types, floats
//! rounded to six decimals.

use serde::Serialize;

/// `value` as JSON, one field per line, each level indented by `indent`.
pub fn to_string<T: Serialize>(value: &T, indent: &[u8]) -> String {
    let mut out = Vec::with_capacity(4096);
    let formatter = serde_json::ser::PrettyFormatter::with_indent(indent);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    value
        .serialize(&mut serializer)
        .expect("domain types always serialise");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}
