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

    let settings: SettingsFile = read_toml(&content.join("settings.toml"))?;
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

    let source::Assembled {
        framework,
        texts,
        pst,
    } = source::assemble(source::Sources {
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
    write(&out.join("settings.rs"), &settings.to_rust()?)?;
    write(&out.join("pst.rs"), &pst_to_rust(&pst))?;
    write(&out.join("structure.rs"), &structure_to_rust(&framework))?;
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
    // Separate tables: a table keeps all its strings in the wasm as soon as it is used. Both
    // bundles fetch the question texts, the questionnaire when it first shows a pillar, so
    // they stay off its first load. Only tests and fuzz targets embed them (feature
    // `embedded-questions`).
    let mut table = String::from(
        "/// Embedded level names and pillar texts, per `content/<lang>/` folder.\n#[cfg(feature = \"actions\")]\n",
    );
    // The questionnaire does not show the score bands' meanings (the results and the
    // projector do, in the tools bundle): its copy leaves them out, 0.4 KB of its first load.
    let mut questionnaire_table = String::from(
        "/// The same for the questionnaire, without the score bands' meanings.\n\
         #[cfg(not(feature = \"actions\"))]\npub const LANGUAGES: &[(&str, &str)] = &[\n",
    );
    let mut questions =
        String::from("/// Embedded question texts.\n#[cfg(feature = \"embedded-questions\")]\n");
    let mut actions = String::from("/// Embedded action texts.\n");
    table.push_str("pub const LANGUAGES: &[(&str, &str)] = &[\n");
    questions.push_str("pub const QUESTION_TEXTS: &[(&str, &str)] = &[\n");
    actions.push_str("pub const ACTION_TEXTS: &[(&str, &str)] = &[\n");
    for (lang, texts) in &texts {
        let questions_json = to_json(&texts.questions)?;
        let questions_file = format!("questions.{lang}.{}.json", short_hash(&questions_json));
        // Everything but the question texts, which have their file: one copy of each text.
        let texts_json = to_json(&model::Texts {
            questions: Default::default(),
            ..texts.clone()
        })?;
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
        let mut for_questionnaire = base.clone();
        for_questionnaire.scale.bands.clear();
        let file = format!("texts.{lang}.questionnaire.json");
        write(&out.join(&file), &to_json(&for_questionnaire)?)?;
        questionnaire_table.push_str(&format!(
            "    ({lang:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/{file}\"))),\n"
        ));
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
    for list in [
        &mut table,
        &mut questionnaire_table,
        &mut questions,
        &mut actions,
    ] {
        list.push_str("];\n");
    }
    table.push_str(&questionnaire_table);
    questions.push_str("#[cfg(not(feature = \"embedded-questions\"))]\npub const QUESTION_TEXTS: &[(&str, &str)] = &[];\n");
    table.push_str(&questions);
    table.push_str(&actions);
    fetched_files.push_str("];\n");
    table.push_str(&fetched_files);
    // The tools' screens list the acronyms they show; the questionnaire explains them inline.
    table.push_str(
        "/// Acronyms and their meanings, per language.\n#[cfg(feature = \"actions\")]\n\
         pub const GLOSSARIES: &[(&str, &str)] = &[\n",
    );
    for (lang, texts) in &texts {
        let file = format!("glossary.{lang}.json");
        write(&out.join(&file), &to_json(&texts.scale.glossary)?)?;
        table.push_str(&format!(
            "    ({lang:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/{file}\"))),\n"
        ));
    }
    table.push_str("];\n");
    table.push_str(
        "#[cfg(not(feature = \"actions\"))]\npub const GLOSSARIES: &[(&str, &str)] = &[];\n",
    );
    write(&out.join("languages.rs"), &table)?;
    Ok(())
}

/// The PST export's content as Rust tables, which only the tools bundle and native builds
/// carry (feature `actions`): no parsing at run time.
/// The framework's structure as constant tables, which `content::framework` turns into the
/// `Framework`: no JSON to parse at start, and no code in the wasm to parse it with.
fn structure_to_rust(framework: &model::Framework) -> String {
    let mut code = format!(
        "/// The framework's id and version.\n\
         const FRAMEWORK_ID: &str = {:?};\nconst FRAMEWORK_VERSION: &str = {:?};\n\
         /// The earliest version whose territorial reference is read for this one.\n\
         const REFERENCES_FROM: &str = {:?};\n\
         /// Each pillar and its question ids, in display order.\n\
         const PILLARS: &[(&str, &[&str])] = &[\n",
        framework.id, framework.version, framework.references_from
    );
    for pillar in &framework.pillars {
        code.push_str(&format!(
            "    ({:?}, &{:?}),\n",
            pillar.id, pillar.questions
        ));
    }
    code.push_str(
        "];\n/// Each question: who answers it, its legal minimum if it is a legal duty, and whether that\n\
         /// duty binds only some communes.\n\
         const QUESTIONS: &[(&str, &str, Option<u8>, bool)] = &[\n",
    );
    for (id, info) in &framework.questions {
        code.push_str(&format!(
            "    ({id:?}, {:?}, {:?}, {:?}),\n",
            info.respondent, info.legal_minimum, info.conditional_duty
        ));
    }
    code.push_str(
        "];\n/// Renamed or split questions: (from, to, keep_level, note).\n\
         const MIGRATIONS: &[(&str, &[&str], bool, &str)] = &[\n",
    );
    for m in &framework.migrations {
        code.push_str(&format!(
            "    ({:?}, &{:?}, {}, {:?}),\n",
            m.from, m.to, m.keep_level, m.note
        ));
    }
    code.push_str(
        "];\n/// Actions of an earlier référentiel and the action that took their place.\n\
         #[cfg(feature = \"actions\")]\nconst ACTION_MIGRATIONS: &[(&str, &str)] = &[\n",
    );
    for m in &framework.action_migrations {
        code.push_str(&format!("    ({:?}, {:?}),\n", m.from, m.to));
    }
    code.push_str(
        "];\n/// Actions of an earlier référentiel retired without a successor: (id, titles by language).\n\
         #[cfg(feature = \"actions\")]\nconst RETIRED_ACTIONS: &[(&str, &[(&str, &str)])] = &[\n",
    );
    for r in &framework.retired_actions {
        let titles: Vec<(&str, &str)> = r
            .titles
            .iter()
            .map(|(lang, title)| (lang.as_str(), title.as_str()))
            .collect();
        code.push_str(&format!("    ({:?}, &{:?}),\n", r.id, titles));
    }
    code.push_str("];\n/// The territory's communes and their GRD.\nconst COMMUNES: &[(&str, Option<&str>)] = &[\n");
    for c in &framework.communes {
        code.push_str(&format!("    ({:?}, {:?}),\n", c.name, c.grd.as_deref()));
    }
    code.push_str(
        "];\n/// The action catalogue, for the roadmap screens and native builds only.\n\
         #[cfg(feature = \"actions\")]\nconst ACTIONS: &[ActionRow] = &[\n",
    );
    for a in &framework.actions {
        let population = match a.population {
            Some(fit) => format!("Some(PopulationFit::{fit:?})"),
            None => "None".into(),
        };
        code.push_str(&format!(
            "    ActionRow {{ id: {:?}, pillar: {:?}, questions: &{:?}, from: {}, to: {}, \
             horizon: Horizon::{:?}, effort: Effort::{:?}, cost: CostBand::{:?}, impact: {}, \
             kind: ActionKind::{:?}, pooled: {}, owner: Owner::{:?}, population: {population}, \
             prerequisites: &{:?} }},\n",
            a.id,
            a.pillar,
            a.questions,
            a.from,
            a.to,
            a.horizon,
            a.effort,
            a.cost,
            a.impact,
            a.kind,
            a.pooled,
            a.owner,
            a.prerequisites
        ));
    }
    code.push_str("];\n");
    code
}

fn pst_to_rust(pst: &source::PstContent) -> String {
    let mut code = String::from(
        "/// The volet of each question in the commune's PST.\n\
         #[cfg(feature = \"actions\")]\n\
         pub const VOLETS: &[(&str, Volet)] = &[\n",
    );
    for (question, volet) in &pst.volets {
        code.push_str(&format!("    ({question:?}, Volet::{volet:?}),\n"));
    }
    code.push_str(
        "];\n#[cfg(not(feature = \"actions\"))]\npub const VOLETS: &[(&str, Volet)] = &[];\n\
         /// Each pillar's objectif stratégique, per language.\n\
         #[cfg(feature = \"actions\")]\n\
         pub const STRATEGIC_OBJECTIVES: &[(&str, &[(&str, &str)])] = &[\n",
    );
    for (lang, objectives) in &pst.objectives {
        code.push_str(&format!("    ({lang:?}, &[\n"));
        for (pillar, objective) in objectives {
            code.push_str(&format!("        ({pillar:?}, {objective:?}),\n"));
        }
        code.push_str("    ]),\n");
    }
    code.push_str(
        "];\n#[cfg(not(feature = \"actions\"))]\n\
         pub const STRATEGIC_OBJECTIVES: &[(&str, &[(&str, &str)])] = &[];\n",
    );
    code
}

/// `content/settings.toml`: what the intercommunale sets without programming.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    operator: OperatorFile,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct OperatorFile {
    name: String,
    territory: String,
    website: String,
    summary_email: String,
    accessibility_email: String,
    accessibility_reviewed: String,
}

impl SettingsFile {
    /// The settings as a Rust constant, after checking each value's shape: a mistyped address
    /// fails the build with the field's name rather than a mail that never arrives.
    fn to_rust(&self) -> Result<String, String> {
        let o = &self.operator;
        let mut problems = Vec::new();
        for (field, value) in [
            ("summary_email", &o.summary_email),
            ("accessibility_email", &o.accessibility_email),
        ] {
            if !value.is_empty() && !looks_like_email(value) {
                problems.push(format!("settings.toml: [operator] {field} = {value:?} is not an e-mail address (leave it empty if unknown)"));
            }
        }
        if !o.website.starts_with("https://") || o.website.contains(char::is_whitespace) {
            problems.push(format!(
                "settings.toml: [operator] website = {:?} must be an https:// address",
                o.website
            ));
        }
        let date = o.accessibility_reviewed.as_bytes();
        let is_date = date.len() == 10
            && date.iter().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !is_date {
            problems.push(format!(
                "settings.toml: [operator] accessibility_reviewed = {:?} must read AAAA-MM-JJ",
                o.accessibility_reviewed
            ));
        }
        if o.name.trim().is_empty() || o.territory.trim().is_empty() {
            problems
                .push("settings.toml: [operator] name and territory must not be empty".to_string());
        }
        if !problems.is_empty() {
            return Err(problems.join("\n"));
        }
        Ok(format!(
            "/// `content/settings.toml`, checked by the build.\npub const OPERATOR: Operator = Operator {{ name: {:?}, territory: {:?}, website: {:?}, summary_email: {:?}, accessibility_email: {:?}, accessibility_reviewed: {:?} }};\n",
            o.name,
            o.territory,
            o.website,
            o.summary_email,
            o.accessibility_email,
            o.accessibility_reviewed
        ))
    }
}

/// One `@`, something before it, a dot in the domain, and no spaces.
fn looks_like_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    println!("cargo:rerun-if-changed={}", path.display());
    // Named from the repository's root, as content/README.md names the files.
    let shown = path.strip_prefix("../..").unwrap_or(path).display();
    let text = fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
    toml::from_str(&text).map_err(|e| format!("{shown}: {e}"))
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
