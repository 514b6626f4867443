//! Turns the editable TOML files under `content/` (at the repository root) into checked JSON
//! that the app embeds.
//!
//! Doing this at build time keeps a TOML parser out of the wasm and tells whoever edits the
//! content exactly which file and which question is wrong, before anything runs.

#[allow(dead_code)]
#[path = "src/domain/content/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/domain/content/source.rs"]
mod source;

#[path = "content_languages.rs"]
mod content_languages;
use content_languages::language_dirs;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=../../content");
    if let Err(message) = run() {
        // A plain message, not a panic backtrace: the reader may not be a programmer.
        eprintln!("\nerror: the content under content/ has problems:\n{message}\n");
        std::process::exit(1);
    }
}

/// Assembles and checks `content/`, and writes what the app embeds and fetches.
fn run() -> Result<(), String> {
    let content = Path::new("../../content");
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
    // The action catalogue is a file of its own: only the roadmap screens need it, so the
    // questionnaire's wasm does not carry it (feature `actions`).
    let structure = model::Framework {
        actions: Vec::new(),
        ..framework.clone()
    };
    write(&out.join("framework.json"), &to_json(&structure)?)?;
    write(
        &out.join("action_catalogue.json"),
        &to_json(&framework.actions)?,
    )?;
    // In the browser only French is embedded: other languages are files fetched when a user
    // switches, which keeps about 20 KB gzipped off the first load. Native builds and tests
    // embed everything.
    let browser = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    let fetched = out.join("../../../autodiag-content");
    if browser {
        fs::create_dir_all(&fetched).map_err(|e| format!("{}: {e}", fetched.display()))?;
        // Files of earlier builds carry other hashes: only this build's may reach dist/.
        for entry in fs::read_dir(&fetched).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.extension().is_some_and(|ext| ext == "json") {
                fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    // Fetched files are named by their content's hash, like the wasm: a service worker that
    // caches them for ever can never hand a new release the texts of an old one.
    let mut fetched_files = String::from(
        "/// Files fetched at run time, per language: (language, question texts, all texts).\n\
         pub const FETCHED_FILES: &[(&str, &str, &str)] = &[\n",
    );
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
        let questions_json = to_json(&texts.questions)?;
        let questions_file = format!("questions.{lang}.{}.json", short_hash(&questions_json));
        let texts_json = to_json(texts)?;
        let texts_file = format!("texts.{lang}.{}.json", short_hash(&texts_json));
        fetched_files.push_str(&format!(
            "    ({lang:?}, {questions_file:?}, {texts_file:?}),\n"
        ));
        if browser {
            write(&fetched.join(&questions_file), &questions_json)?;
        }
        if browser && lang != source::REFERENCE_LANGUAGE {
            write(&fetched.join(&texts_file), &texts_json)?;
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
    fetched_files.push_str("];\n");
    table.push_str(&fetched_files);
    write(&out.join("languages.rs"), &table)?;
    Ok(())
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

/// 16 hex digits of the FNV-1a hash of `text`: enough to tell two releases' files apart.
fn short_hash(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}
