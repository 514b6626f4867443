//! Generates the interface strings (`locales/<lang>.json`) with leptos_i18n, after checking
//! that every language has every key and that the interface and the content (`content/<lang>/`,
//! built by the core crate) exist in the same languages.

#[path = "crates/autodiag-core/content_languages.rs"]
mod content_languages;
use content_languages::language_dirs;
use std::fs;
use std::path::{Path, PathBuf};

/// The reference language: every other one must have exactly its keys.
const REFERENCE_LANGUAGE: &str = "fr";

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=content");
    let result =
        language_dirs(Path::new("content")).and_then(|languages| interface_strings(&languages));
    if let Err(message) = result {
        // A plain message, not a panic backtrace: the reader may not be a programmer.
        eprintln!("\nerror: the interface texts under locales/ have problems:\n{message}\n");
        std::process::exit(1);
    }
}

/// Generates the `i18n` module from `locales/<lang>.json` with leptos_i18n. A key missing from
/// any language, or a language without content, fails the build: leptos_i18n alone would only
/// warn and fall back to French.
fn interface_strings(content_languages: &[String]) -> Result<(), String> {
    let mut locales = Vec::new();
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
            let json: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut keys = std::collections::BTreeSet::new();
            collect_keys(&json, "", &mut keys);
            locales.push((lang, keys));
        }
    }
    locales.sort_by_key(|(lang, _)| (lang != REFERENCE_LANGUAGE, lang.clone()));
    let ui_languages: Vec<&String> = locales.iter().map(|(lang, _)| lang).collect();
    let mut content_sorted: Vec<&String> = content_languages.iter().collect();
    let mut ui_sorted = ui_languages.clone();
    content_sorted.sort();
    ui_sorted.sort();
    if content_sorted != ui_sorted {
        return Err(format!(
            "interface languages {ui_sorted:?} (locales/) differ from content languages {content_sorted:?} (content/)"
        ));
    }
    let (reference, reference_keys) = &locales[0];
    for (lang, keys) in &locales[1..] {
        let missing: Vec<&String> = reference_keys.difference(keys).collect();
        let extra: Vec<&String> = keys.difference(reference_keys).collect();
        if !missing.is_empty() || !extra.is_empty() {
            return Err(format!(
                "locales/{lang}.json: missing keys {missing:?}, keys not in locales/{reference}.json {extra:?}"
            ));
        }
    }

    use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
    let mut config = Config::new(reference).map_err(|e| e.to_string())?;
    for (lang, _) in &locales[1..] {
        config = config.add_locale(lang).map_err(|e| e.to_string())?;
    }
    let config = config.parse_options(ParseOptions::default().interpolate_display(true));
    let infos = TranslationsInfos::parse(config).map_err(|e| e.to_string())?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?).join("i18n");
    infos.generate_i18n_module(out).map_err(|e| e.to_string())
}

fn collect_keys(
    value: &serde_json::Value,
    prefix: &str,
    keys: &mut std::collections::BTreeSet<String>,
) {
    match value.as_object() {
        Some(map) => {
            for (key, child) in map {
                collect_keys(child, &format!("{prefix}{key}."), keys);
            }
        }
        None => {
            keys.insert(prefix.trim_end_matches('.').to_string());
        }
    }
}
