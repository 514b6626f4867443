//! Turns the editable TOML files under `content/` into checked JSON that the app embeds.
//!
//! Doing this at build time keeps a TOML parser out of the wasm and tells whoever edits the
//! content exactly which file and which question is wrong, before anything runs.

#[allow(dead_code)]
#[path = "src/domain/content/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/domain/content/source.rs"]
mod source;

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=locales");
    if let Err(message) = run().and_then(|languages| interface_strings(&languages)) {
        // A plain message, not a panic backtrace: the reader may not be a programmer.
        eprintln!("\nerror: the content under content/ has problems:\n{message}\n");
        std::process::exit(1);
    }
}

/// Assembles `content/` and returns the languages it exists in.
fn run() -> Result<Vec<String>, String> {
    let content = Path::new("content");
    let framework: source::FrameworkFile = read_toml(&content.join("framework.toml"))?;

    let actions = framework
        .pillars
        .iter()
        .map(|pillar| read_toml(&content.join("actions").join(format!("{pillar}.toml"))))
        .collect::<Result<Vec<_>, _>>()?;

    let migrations = read_toml(&content.join("migrations.toml"))?;
    let communes = read_toml(&content.join("communes.toml"))?;

    let mut languages = Vec::new();
    for lang in language_dirs(content)? {
        let dir = content.join(&lang);
        let scale: model::Scale = read_toml(&dir.join("scale.toml"))?;
        let files = framework
            .pillars
            .iter()
            .map(|pillar| read_toml(&dir.join(format!("{pillar}.toml"))))
            .collect::<Result<Vec<_>, _>>()?;
        languages.push((lang, scale, files));
    }

    let (framework, texts) = source::assemble(source::Sources {
        framework,
        actions,
        migrations,
        communes,
        languages,
    })?;
    let checked: Vec<(&str, &model::Texts)> =
        texts.iter().map(|(lang, t)| (lang.as_str(), t)).collect();
    let problems = model::validate(&framework, &checked);
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }

    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    write(&out.join("framework.json"), &to_json(&framework)?)?;
    // In the browser only French is embedded: other languages are files fetched when a user
    // switches, which keeps about 20 KB gzipped off the first load. Native builds and tests
    // embed everything.
    let browser = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    let fetched = out.join("../../../autodiag-content");
    if browser {
        fs::create_dir_all(&fetched).map_err(|e| format!("{}: {e}", fetched.display()))?;
    }
    // Action texts are a file of their own: only the roadmap screens read them, so the
    // questionnaire's wasm does not carry them.
    // Separate tables: a table keeps all its strings in the wasm as soon as it is used. The
    // questionnaire bundle fetches the question texts when it first shows a pillar, so they
    // stay off its first load; the tools bundle and native builds embed them
    // (feature `embedded-questions`).
    let mut table =
        String::from("/// Embedded level names and pillar texts, per `content/<lang>/` folder.\n");
    let mut questions =
        String::from("/// Embedded question texts.\n#[cfg(feature = \"embedded-questions\")]\n");
    let mut actions = String::from("/// Embedded action texts.\n");
    table.push_str("pub const LANGUAGES: &[(&str, &str)] = &[\n");
    questions.push_str("pub const QUESTION_TEXTS: &[(&str, &str)] = &[\n");
    actions.push_str("pub const ACTION_TEXTS: &[(&str, &str)] = &[\n");
    for (lang, texts) in &texts {
        if browser {
            write(
                &fetched.join(format!("questions.{lang}.json")),
                &to_json(&texts.questions)?,
            )?;
        }
        if browser && lang != source::REFERENCE_LANGUAGE {
            write(
                &fetched.join(format!("texts.{lang}.json")),
                &to_json(texts)?,
            )?;
            continue;
        }
        let base = model::Texts {
            questions: Default::default(),
            actions: Default::default(),
            ..texts.clone()
        };
        write(&out.join(format!("texts.{lang}.json")), &to_json(&base)?)?;
        write(
            &out.join(format!("questions.{lang}.json")),
            &to_json(&texts.questions)?,
        )?;
        write(
            &out.join(format!("actions.{lang}.json")),
            &to_json(&texts.actions)?,
        )?;
        for (list, file) in [
            (&mut table, "texts"),
            (&mut questions, "questions"),
            (&mut actions, "actions"),
        ] {
            list.push_str(&format!(
                "    ({lang:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/{file}.{lang}.json\"))),\n"
            ));
        }
    }
    for list in [&mut table, &mut questions, &mut actions] {
        list.push_str("];\n");
    }
    questions.push_str("#[cfg(not(feature = \"embedded-questions\"))]\npub const QUESTION_TEXTS: &[(&str, &str)] = &[];\n");
    table.push_str(&questions);
    table.push_str(&actions);
    write(&out.join("languages.rs"), &table)?;
    Ok(texts.into_iter().map(|(lang, _)| lang).collect())
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
    locales.sort_by_key(|(lang, _)| (lang != source::REFERENCE_LANGUAGE, lang.clone()));
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

/// Every folder of `content/` except `actions/` holds one language, named by its code.
fn language_dirs(content: &Path) -> Result<Vec<String>, String> {
    let mut langs = Vec::new();
    let entries = fs::read_dir(content).map_err(|e| format!("{}: {e}", content.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && name != "actions" {
            langs.push(name);
        }
    }
    langs.sort();
    Ok(langs)
}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
