//! Generates the interface strings (`locales/<lang>.json`) as Rust: one function per key that
//! returns the text in the asked language. Before that it checks that every language has every
//! key with the same `{{ placeholders }}`, that every `td_string!` in `src/` names exactly
//! the placeholders of its key, and that the interface and the content (`content/<lang>/`,
//! built by the core crate) exist in the same languages.
//!
//! Functions rather than one table per language: the linker keeps only the texts that a
//! bundle uses, so the questionnaire does not carry the tools' texts.

// Runs at build time, so the wasm's size rule on sorting (clippy.toml) does not apply.
#![allow(clippy::disallowed_methods)]

#[path = "crates/autodiag-core/content_languages.rs"]
mod content_languages;
use content_languages::language_dirs;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The reference language: every other one must have exactly its keys.
const REFERENCE_LANGUAGE: &str = "fr";

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=src");
    let result =
        language_dirs(Path::new("content")).and_then(|languages| interface_strings(&languages));
    if let Err(message) = result {
        // A plain message, not a panic backtrace: the reader may not be a programmer.
        eprintln!("\nerror: the interface texts under locales/ have problems:\n{message}\n");
        std::process::exit(1);
    }
}

/// One language's texts by dotted key (`home.title`).
type Texts = BTreeMap<String, String>;

/// Reads and checks `locales/`, checks the calls in `src/`, and writes `interface_texts.rs`.
fn interface_strings(content_languages: &[String]) -> Result<(), String> {
    let mut locales: Vec<(String, Texts)> = Vec::new();
    let entries = fs::read_dir("locales").map_err(|e| format!("locales/: {e}"))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|ext| ext == "json") {
            let lang = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let json: Value =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut texts = Texts::new();
            collect_texts(&json, "", &mut texts).map_err(|e| format!("{}: {e}", path.display()))?;
            locales.push((lang, texts));
        }
    }
    locales.sort_by_key(|(lang, _)| (lang != REFERENCE_LANGUAGE, lang.clone()));
    let mut ui_sorted: Vec<&String> = locales.iter().map(|(lang, _)| lang).collect();
    let mut content_sorted: Vec<&String> = content_languages.iter().collect();
    content_sorted.sort();
    ui_sorted.sort();
    if content_sorted != ui_sorted {
        return Err(format!(
            "interface languages {ui_sorted:?} (locales/) differ from content languages {content_sorted:?} (content/)"
        ));
    }
    let Some((reference, reference_texts)) = locales.first() else {
        return Err("locales/ has no <lang>.json file".into());
    };
    if reference != REFERENCE_LANGUAGE {
        return Err(format!("locales/{REFERENCE_LANGUAGE}.json is missing"));
    }
    let mut problems = Vec::new();
    for (lang, texts) in &locales {
        let missing: Vec<&String> = reference_texts
            .keys()
            .filter(|k| !texts.contains_key(*k))
            .collect();
        let extra: Vec<&String> = texts
            .keys()
            .filter(|k| !reference_texts.contains_key(*k))
            .collect();
        if !missing.is_empty() || !extra.is_empty() {
            problems.push(format!(
                "locales/{lang}.json: missing keys {missing:?}, keys not in locales/{reference}.json {extra:?}"
            ));
        }
        for (key, text) in texts {
            match (placeholders(text), reference_texts.get(key).map(|t| placeholders(t))) {
                (Err(e), _) => problems.push(format!("locales/{lang}.json, « {key} »: {e}")),
                (Ok(found), Some(Ok(expected))) if found != expected => problems.push(format!(
                    "locales/{lang}.json, « {key} »: placeholders {found:?}, but locales/{reference}.json has {expected:?}"
                )),
                _ => {}
            }
            // Belgian communes write « e-mail », as the content does (content/README.md).
            if lang == "fr" && text.to_lowercase().contains("courriel") {
                problems.push(format!("locales/fr.json, « {key} »: says « courriel »; write « e-mail » (content/README.md)"));
            }
        }
    }
    problems.extend(check_calls(Path::new("src"), reference_texts)?);
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    fs::write(
        out.join("interface_texts.rs"),
        generate(&locales).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())
}

/// Flattens a locale file into dotted keys; every leaf must be a string.
fn collect_texts(value: &Value, prefix: &str, texts: &mut Texts) -> Result<(), String> {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if !is_identifier(key) {
                    return Err(format!(
                        "« {prefix}{key} » is not a valid key: use lower-case letters, digits and _"
                    ));
                }
                collect_texts(child, &format!("{prefix}{key}."), texts)?;
            }
            Ok(())
        }
        Value::String(text) => {
            texts.insert(prefix.trim_end_matches('.').to_string(), text.clone());
            Ok(())
        }
        _ => Err(format!(
            "« {} » must be a text or a group of texts",
            prefix.trim_end_matches('.')
        )),
    }
}

fn is_identifier(key: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
        "move", "mut", "pub", "ref", "return", "self", "static", "struct", "super", "trait",
        "true", "try", "type", "unsafe", "use", "where", "while", "yield",
    ];
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&key)
}

/// The names of a text's `{{ name }}` placeholders.
fn placeholders(text: &str) -> Result<BTreeSet<String>, String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start..].find("}}") else {
            return Err("a « {{ » without its « }} »".into());
        };
        let name = rest[start + 2..start + length].trim();
        if !is_identifier(name) {
            return Err(format!(
                "« {{{{ {name} }}}} » is not a valid placeholder name"
            ));
        }
        names.insert(name.to_string());
        rest = &rest[start + length + 2..];
    }
    Ok(names)
}

/// Checks every `td_string!(l, key, name = value, …)` and `td_plural!(l, key, count, …)` in
/// the `.rs` files under `dir`: the key exists and the names are its placeholders, neither
/// more nor fewer. The compiler catches a wrong key too, but not a wrong placeholder.
fn check_calls(dir: &Path, texts: &Texts) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    list_rust_files(dir, &mut files)?;
    for file in files {
        let source = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        for (macro_name, plural) in [("td_string!(", false), ("td_plural!(", true)] {
            for (offset, _) in source.match_indices(macro_name) {
                // Examples in comments are not calls.
                let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
                if source[line_start..offset].contains("//") {
                    continue;
                }
                let arguments = split_arguments(&source[offset + macro_name.len()..]);
                let Some(key) = arguments.get(1) else {
                    continue;
                };
                // The macros' own definitions pass `$key` through.
                if key.contains('$') {
                    continue;
                }
                let line = source[..offset].lines().count();
                let mut given: BTreeSet<String> = arguments
                    .iter()
                    .skip(if plural { 3 } else { 2 })
                    .filter_map(|argument| argument.split_once('='))
                    .map(|(name, _)| name.trim().to_string())
                    .collect();
                let keys = if plural {
                    given.insert("count".into());
                    vec![format!("{key}.singular"), format!("{key}.plural")]
                } else {
                    vec![key.clone()]
                };
                for key in keys {
                    match texts.get(&key).map(|text| placeholders(text)) {
                        None => problems.push(format!(
                            "{}:{line}: no key « {key} » in locales/{REFERENCE_LANGUAGE}.json",
                            file.display()
                        )),
                        Some(Ok(expected)) if expected != given => problems.push(format!(
                            "{}:{line}: « {key} » has placeholders {expected:?}, the call gives {given:?}",
                            file.display()
                        )),
                        _ => {}
                    }
                }
            }
        }
    }
    Ok(problems)
}

fn list_rust_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            list_rust_files(&path, files)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    Ok(())
}

/// The top-level comma-separated arguments of a macro call, from just after its `(` to its
/// closing `)`, with their whitespace removed. Enough for the calls' simple expressions:
/// brackets nest, and strings are skipped.
fn split_arguments(text: &str) -> Vec<String> {
    let mut arguments = vec![String::new()];
    let mut depth = 0usize;
    let mut in_string = false;
    let mut previous = ' ';
    for c in text.chars() {
        if in_string {
            in_string = !(c == '"' && previous != '\\');
        } else {
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => break,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    arguments.push(String::new());
                    previous = c;
                    continue;
                }
                _ => {}
            }
        }
        if !c.is_whitespace() {
            arguments.last_mut().expect("never empty").push(c);
        }
        previous = c;
    }
    arguments.retain(|argument| !argument.is_empty());
    arguments
}

/// The `Locale` enum and one module per group of keys, one function per key.
fn generate(locales: &[(String, Texts)]) -> Result<String, std::fmt::Error> {
    let mut out = String::new();
    writeln!(
        out,
        "// Generated by build.rs from locales/*.json: edit those files."
    )?;
    writeln!(
        out,
        "/// An interface language, one per `locales/<lang>.json`; the first is the default."
    )?;
    writeln!(
        out,
        "#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]\n#[allow(non_camel_case_types)]\npub enum Locale {{"
    )?;
    for (index, (lang, _)) in locales.iter().enumerate() {
        writeln!(
            out,
            "    {}{lang},",
            if index == 0 { "#[default] " } else { "" }
        )?;
    }
    writeln!(out, "}}\n\nimpl Locale {{")?;
    writeln!(out, "    /// Every interface language, the default first.")?;
    let all: Vec<String> = locales
        .iter()
        .map(|(lang, _)| format!("Locale::{lang}"))
        .collect();
    writeln!(
        out,
        "    pub const ALL: &'static [Locale] = &[{}];",
        all.join(", ")
    )?;
    writeln!(out, "    /// The language's code, as in `lang=\"…\"`.")?;
    writeln!(
        out,
        "    pub const fn as_str(self) -> &'static str {{\n        match self {{"
    )?;
    for (lang, _) in locales {
        writeln!(out, "            Locale::{lang} => {lang:?},")?;
    }
    writeln!(out, "        }}\n    }}\n}}\n")?;
    writeln!(
        out,
        "impl core::str::FromStr for Locale {{\n    type Err = ();\n    fn from_str(code: &str) -> Result<Self, ()> {{\n        Locale::ALL.iter().copied().find(|locale| locale.as_str() == code).ok_or(())\n    }}\n}}\n"
    )?;
    // Keys sorted, so each group's keys are contiguous: open and close modules as paths change.
    let (_, reference) = &locales[0];
    writeln!(
        out,
        "/// One function per key of the locale files.\npub mod keys {{\n    #[allow(unused_imports)]\n    use crate::i18n::Locale;"
    )?;
    let mut open: Vec<&str> = Vec::new();
    for key in reference.keys() {
        let mut path: Vec<&str> = key.split('.').collect();
        let name = path.pop().unwrap_or_default();
        let common = open.iter().zip(&path).take_while(|(a, b)| a == b).count();
        while open.len() > common {
            open.pop();
            writeln!(out, "{}}}", "    ".repeat(open.len() + 1))?;
        }
        for group in &path[common..] {
            writeln!(
                out,
                "{}#[allow(unused_imports)]\n{0}pub mod {group} {{\n{0}    use crate::i18n::Locale;",
                "    ".repeat(open.len() + 1)
            )?;
            open.push(group);
        }
        let indent = "    ".repeat(open.len() + 1);
        let interpolated = locales
            .iter()
            .any(|(_, texts)| texts.get(key).is_some_and(|t| t.contains("{{")));
        if interpolated {
            writeln!(
                out,
                "{indent}pub fn {name}(locale: Locale, values: &[(&str, &dyn core::fmt::Display)]) -> String {{\n{indent}    crate::domain::format::fill(match locale {{"
            )?;
        } else {
            writeln!(
                out,
                "{indent}pub fn {name}(locale: Locale) -> &'static str {{\n{indent}    match locale {{"
            )?;
        }
        for (lang, texts) in locales {
            writeln!(out, "{indent}        Locale::{lang} => {:?},", texts[key])?;
        }
        writeln!(
            out,
            "{indent}    }}{}\n{indent}}}",
            if interpolated { ", values)" } else { "" }
        )?;
    }
    while open.pop().is_some() {
        writeln!(out, "{}}}", "    ".repeat(open.len() + 1))?;
    }
    writeln!(out, "}}")?;
    Ok(out)
}
