//! The référentiel compiled into the app: parsed once, on first use.

pub mod model;
pub mod source;
pub mod texts_json;

pub use model::{
    Action, ActionKind, ActionMigration, ActionText, Commune, CostBand, EARLIER_ANSWER, Effort,
    Framework, Horizon, LegalLevelNames, Migration, Owner, Pillar, PillarText, PopulationFit,
    QuestionInfo, QuestionText, RetiredAction, Scale, Texts, Volet, is_earlier_version,
};

use crate::domain::json_tree::{Json, ShapeError};
use litemap::LiteMap;
use std::sync::{Mutex, OnceLock};

include!(concat!(env!("OUT_DIR"), "/languages.rs"));
include!(concat!(env!("OUT_DIR"), "/pst.rs"));
include!(concat!(env!("OUT_DIR"), "/structure.rs"));

/// The words of a migration's note before and after the earlier answer it names, which every
/// reminder written from it starts and ends with; `None` for a migration that writes none.
pub fn reminder_around_answer(migration: &Migration) -> Option<(&str, &str)> {
    crate::domain::format::split_around(&migration.note, EARLIER_ANSWER)
}

/// Whether `line` is a reminder some migration of `framework` wrote into a note, rather than
/// the commune's own words.
pub fn is_reminder(framework: &Framework, line: &str) -> bool {
    let line = line.trim();
    framework.migrations.iter().any(|m| {
        reminder_around_answer(m)
            .is_some_and(|(before, after)| line.starts_with(before) && line.ends_with(after))
    })
}

/// Where `question` belongs in the commune's PST; the volet externe when content does not say
/// (never in a build with the action catalogue: the build requires a volet for each question).
pub fn volet(question: &str) -> Volet {
    VOLETS
        .iter()
        .find(|(id, _)| *id == question)
        .map_or(Volet::Externe, |(_, volet)| *volet)
}

/// The objectif stratégique content proposes for `pillar` in `lang`, or in the reference
/// language.
pub fn strategic_objective(lang: &str, pillar: &str) -> Option<&'static str> {
    let in_language = |code: &str| {
        STRATEGIC_OBJECTIVES
            .iter()
            .find(|(l, _)| *l == code)
            .and_then(|(_, objectives)| objectives.iter().find(|(p, _)| *p == pillar))
            .map(|(_, text)| *text)
    };
    in_language(lang).or_else(|| in_language(source::REFERENCE_LANGUAGE))
}

/// One action of the generated catalogue, borrowed from the wasm's data until it is used.
#[cfg(feature = "actions")]
struct ActionRow {
    id: &'static str,
    pillar: &'static str,
    questions: &'static [&'static str],
    from: u8,
    to: u8,
    horizon: Horizon,
    effort: Effort,
    cost: CostBand,
    impact: u8,
    kind: ActionKind,
    pooled: bool,
    owner: Owner,
    population: Option<PopulationFit>,
    prerequisites: &'static [&'static str],
}

#[cfg(feature = "actions")]
impl ActionRow {
    fn to_action(&self) -> Action {
        Action {
            id: self.id.to_string(),
            pillar: self.pillar.to_string(),
            questions: owned(self.questions),
            from: self.from,
            to: self.to,
            horizon: self.horizon,
            effort: self.effort,
            cost: self.cost,
            impact: self.impact,
            kind: self.kind,
            pooled: self.pooled,
            owner: self.owner,
            population: self.population,
            prerequisites: owned(self.prerequisites),
        }
    }
}

/// The framework structure, from the tables `build.rs` wrote after checking `content/`.
/// Without the `actions` feature (the questionnaire bundle) its action catalogue is empty:
/// drafting and explaining a roadmap is the tools bundle's work.
pub fn framework() -> &'static Framework {
    static FRAMEWORK: OnceLock<Framework> = OnceLock::new();
    FRAMEWORK.get_or_init(|| {
        #[allow(unused_mut)]
        let mut framework = structure();
        #[cfg(feature = "actions")]
        {
            framework.actions = ACTIONS.iter().map(ActionRow::to_action).collect();
            framework.action_migrations = ACTION_MIGRATIONS
                .iter()
                .map(|(from, to)| ActionMigration {
                    from: from.to_string(),
                    to: to.to_string(),
                })
                .collect();
            framework.retired_actions = RETIRED_ACTIONS
                .iter()
                .map(|(id, titles)| RetiredAction {
                    id: id.to_string(),
                    titles: crate::sort::ordered_map(
                        titles
                            .iter()
                            .map(|(lang, title)| (lang.to_string(), title.to_string())),
                    ),
                })
                .collect();
        }
        framework
    })
}

/// Owned copies of a generated table's ids.
fn owned(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| id.to_string()).collect()
}

/// The `Framework` of the generated tables, without its action catalogue.
fn structure() -> Framework {
    Framework {
        id: FRAMEWORK_ID.to_string(),
        version: FRAMEWORK_VERSION.to_string(),
        references_from: REFERENCES_FROM.to_string(),
        pillars: PILLARS
            .iter()
            .map(|(id, questions)| Pillar {
                id: id.to_string(),
                questions: owned(questions),
            })
            .collect(),
        questions: crate::sort::ordered_map(QUESTIONS.iter().map(
            |(id, respondent, legal_minimum, conditional_duty)| {
                let info = QuestionInfo {
                    respondent: respondent.to_string(),
                    legal_minimum: *legal_minimum,
                    conditional_duty: *conditional_duty,
                };
                (id.to_string(), info)
            },
        )),
        actions: Vec::new(),
        action_migrations: Vec::new(),
        retired_actions: Vec::new(),
        migrations: MIGRATIONS
            .iter()
            .map(|(from, to, keep_level, note)| Migration {
                from: from.to_string(),
                to: owned(to),
                keep_level: *keep_level,
                note: note.to_string(),
            })
            .collect(),
        communes: COMMUNES
            .iter()
            .map(|(name, grd)| Commune {
                name: name.to_string(),
                grd: grd.map(str::to_string),
            })
            .collect(),
    }
}

/// Texts parsed so far, per language: embedded ones on first use, others when installed.
fn cache() -> &'static Mutex<LiteMap<String, &'static Texts>> {
    static TEXTS: OnceLock<Mutex<LiteMap<String, &'static Texts>>> = OnceLock::new();
    TEXTS.get_or_init(Default::default)
}

/// Action texts parsed so far, per language.
fn action_cache() -> &'static Mutex<LiteMap<String, &'static ActionTexts>> {
    static ACTIONS: OnceLock<Mutex<LiteMap<String, &'static ActionTexts>>> = OnceLock::new();
    ACTIONS.get_or_init(Default::default)
}

/// Titles and first steps of the catalogue's actions, by action id.
pub type ActionTexts = LiteMap<String, ActionText>;

/// Question texts, by question id.
pub type QuestionTexts = LiteMap<String, QuestionText>;

/// Whether the texts for `lang` are available without a download.
pub fn has_texts(lang: &str) -> bool {
    LANGUAGES.iter().any(|(code, _)| *code == lang)
        || cache().lock().is_ok_and(|cache| cache.contains_key(lang))
}

/// Whether the question texts for `lang` are there, embedded or installed.
pub fn has_questions(lang: &str) -> bool {
    !texts(lang).questions.is_empty()
}

/// Adds a language fetched at run time: one file with everything but the question texts,
/// which [`install_questions`] adds from their own file.
pub fn install_texts(lang: &str, json: &str) -> Result<(), String> {
    let mut texts = texts_json::read(json, texts_json::texts)?;
    let actions = std::mem::take(&mut texts.actions);
    cache()
        .lock()
        .map_err(|e| e.to_string())?
        .insert(lang.to_string(), Box::leak(Box::new(texts)));
    action_cache()
        .lock()
        .map_err(|e| e.to_string())?
        .entry(lang.to_string())
        .or_insert_with(|| Box::leak(Box::new(actions)));
    Ok(())
}

/// Adds the question texts of a language whose other texts are already there.
pub fn install_questions(lang: &str, json: &str) -> Result<(), String> {
    let questions = texts_json::read(json, texts_json::question_texts)?;
    let texts = Texts {
        questions,
        ..texts(lang).clone()
    };
    cache()
        .lock()
        .map_err(|e| e.to_string())?
        .insert(lang.to_string(), Box::leak(Box::new(texts)));
    Ok(())
}

/// Texts that build.rs embedded, which its checks have already read once. The panic writes
/// the fault with `Display`: `expect` would write it with `Debug`, whose string escaping
/// and Unicode tables would then be compiled into both bundles for this message alone.
fn read_embedded<T>(json: &str, read: fn(&Json) -> Result<T, ShapeError>) -> T {
    texts_json::read(json, read)
        .unwrap_or_else(|fault| panic!("build.rs wrote valid texts, but: {fault}"))
}

/// The embedded entry for `lang` in `table`, or the reference language's.
fn embedded(
    table: &'static [(&'static str, &'static str)],
    lang: &str,
) -> Option<&'static (&'static str, &'static str)> {
    table.iter().find(|(code, _)| *code == lang).or_else(|| {
        table
            .iter()
            .find(|(code, _)| *code == source::REFERENCE_LANGUAGE)
    })
}

/// The texts for `lang`, falling back to the reference language when they are not there.
/// Their `actions` are empty (see [`action_texts`]), and so are their `questions` until
/// they are installed, in the questionnaire bundle.
pub fn texts(lang: &str) -> &'static Texts {
    let mut cache = cache().lock().expect("texts cache is never poisoned");
    if let Some(texts) = cache.get(lang) {
        return texts;
    }
    let (code, json) =
        embedded(LANGUAGES, lang).expect("the reference language is always embedded");
    if let Some(texts) = cache.get(*code) {
        return texts;
    }
    // Parsed once per language and kept for the page's lifetime.
    let mut texts = read_embedded(json, texts_json::texts);
    if let Some((_, questions)) = embedded(QUESTION_TEXTS, code) {
        texts.questions = read_embedded(questions, texts_json::question_texts);
    }
    let texts: &'static Texts = Box::leak(Box::new(texts));
    cache.insert(code.to_string(), texts);
    texts
}

/// The action texts for `lang`, falling back to the reference language.
pub fn action_texts(lang: &str) -> &'static ActionTexts {
    let mut cache = action_cache()
        .lock()
        .expect("texts cache is never poisoned");
    if let Some(actions) = cache.get(lang) {
        return actions;
    }
    let (code, json) =
        embedded(ACTION_TEXTS, lang).expect("the reference language is always embedded");
    if let Some(actions) = cache.get(*code) {
        return actions;
    }
    let actions: &'static ActionTexts =
        Box::leak(Box::new(read_embedded(json, texts_json::action_texts)));
    cache.insert(code.to_string(), actions);
    actions
}

/// A language's full texts, actions included, as `validate` checks them.
pub fn full_texts(lang: &str) -> Texts {
    Texts {
        actions: action_texts(lang).clone(),
        ..texts(lang).clone()
    }
}

/// The file holding `lang`'s question texts, named by its content's hash.
pub fn questions_file(lang: &str) -> Option<&'static str> {
    FETCHED_FILES
        .iter()
        .find(|(code, _, _)| *code == lang)
        .map(|(_, questions, _)| *questions)
}

/// The file holding `lang`'s texts but its questions, named by its content's hash.
pub fn texts_file(lang: &str) -> Option<&'static str> {
    FETCHED_FILES
        .iter()
        .find(|(code, _, _)| *code == lang)
        .map(|(_, _, texts)| *texts)
}

/// Codes of the languages embedded in this build.
pub fn languages() -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().map(|(code, _)| *code)
}

impl Framework {
    /// The key of the commune's electricity distribution system operator, when the commune is
    /// one of the territory's and its operator is the same everywhere in it.
    pub fn grd_of(&self, commune: &str) -> Option<&str> {
        let wanted = super::profile::name_key(commune);
        self.communes
            .iter()
            .find(|c| super::profile::name_key(&c.name) == wanted)
            .and_then(|c| c.grd.as_deref())
    }
}

/// `text` with `{grd}` replaced by how `texts` name the operator `grd` (or an unknown one),
/// with the French elisions it then needs (« de ORES » becomes « d'ORES »).
pub fn with_grd<'a>(text: &'a str, texts: &Texts, grd: Option<&str>) -> std::borrow::Cow<'a, str> {
    use super::format::{find_str, replace_str};
    if find_str(text, model::GRD_PLACEHOLDER).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let name = grd
        .and_then(|key| texts.scale.grd.get(key))
        .or_else(|| texts.scale.grd.get("unknown"))
        .map_or("", String::as_str);
    let replaced = replace_str(text, model::GRD_PLACEHOLDER, name);
    // A `match`, not a search in « AEIOUaeiouÉé »: a character outside ASCII would be
    // looked for as a substring, whose search the questionnaire otherwise does without.
    let vowel_name = name.starts_with(|c: char| {
        matches!(
            c,
            'A' | 'E' | 'I' | 'O' | 'U' | 'a' | 'e' | 'i' | 'o' | 'u' | 'É' | 'é'
        )
    });
    std::borrow::Cow::Owned(if vowel_name {
        let elided = replace_str(&replaced, &format!(" de {name}"), &format!(" d'{name}"));
        replace_str(&elided, &format!(" que {name}"), &format!(" qu'{name}"))
    } else {
        replaced
    })
}

/// The acronyms of `lang`'s content and what they stand for (the reference language's for a
/// language without its own). Empty without the `actions` feature: only the tools list them.
/// Parsed once per language, like the texts: every tools screen and projector slide asks.
pub fn glossary(lang: &str) -> &'static LiteMap<String, String> {
    type Glossaries = Mutex<LiteMap<String, &'static LiteMap<String, String>>>;
    static GLOSSARY: OnceLock<Glossaries> = OnceLock::new();
    let (code, json) = GLOSSARIES
        .iter()
        .find(|(code, _)| *code == lang)
        .or_else(|| {
            GLOSSARIES
                .iter()
                .find(|(code, _)| *code == model::REFERENCE_LANGUAGE)
        })
        .copied()
        .unwrap_or((model::REFERENCE_LANGUAGE, "{}"));
    let mut cache = GLOSSARY
        .get_or_init(Default::default)
        .lock()
        .expect("glossary cache is never poisoned");
    cache.entry(code.to_string()).or_insert_with(|| {
        Box::leak(Box::new(
            texts_json::read(json, texts_json::string_map).unwrap_or_default(),
        ))
    })
}

/// The glossary's entries whose acronym appears, as a whole word, in any of `texts`: what a
/// screen lists under « Sigles ».
pub fn acronyms_in<'g, 't>(
    glossary: &'g LiteMap<String, String>,
    texts: impl IntoIterator<Item = &'t str> + Clone,
) -> Vec<(&'g str, &'g str)> {
    glossary
        .iter()
        .filter(|(acronym, _)| {
            texts
                .clone()
                .into_iter()
                .any(|text| source::find_word(text, acronym).is_some())
        })
        .map(|(acronym, meaning)| (acronym.as_str(), meaning.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated tables hold exactly the structure `build.rs` checked, which it also
    /// writes as JSON: every pillar, question, legal minimum, migration and commune.
    #[test]
    fn the_tables_give_the_checked_structure() {
        let checked: Framework =
            serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/framework.json")))
                .expect("build.rs wrote a valid framework");
        assert_eq!(structure(), checked);
        let actions: Vec<Action> = serde_json::from_str(include_str!(concat!(
            env!("OUT_DIR"),
            "/action_catalogue.json"
        )))
        .expect("build.rs wrote a valid action catalogue");
        assert!(actions.len() > 100);
        assert_eq!(framework().actions, actions);
        assert!(checked.migrations.iter().any(|m| !m.note.is_empty()));
        assert_eq!(
            checked.communes.len(),
            30,
            "the 30 communes of Charleroi Métropole"
        );
        assert!(
            checked
                .questions
                .values()
                .any(|q| q.legal_minimum.is_some())
        );
    }
}
