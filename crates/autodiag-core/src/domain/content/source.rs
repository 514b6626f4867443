//! The shape of the editable files under `content/`, and how they assemble into the model.
//!
//! `build.rs` reads the TOML files, deserialises them into these types and calls
//! [`assemble`]; the app only ever sees the assembled, checked JSON.

use super::model::{
    Action, ActionText, Commune, Framework, Migration, Pillar, PillarText, QuestionInfo,
    QuestionText, Scale, Texts,
};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `content/framework.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkFile {
    pub id: String,
    pub version: String,
    pub pillars: Vec<String>,
}

/// `content/actions/<pillar>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionsFile {
    /// Who answers each question of the pillar, and the legal minimums.
    #[serde(default)]
    pub questions: Vec<QuestionEntry>,
    pub actions: Vec<Action>,
}

/// One `[[questions]]` entry of `content/actions/<pillar>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionEntry {
    pub id: String,
    pub respondent: String,
    #[serde(default)]
    pub legal_minimum: Option<u8>,
}

/// `content/migrations.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrationsFile {
    #[serde(default)]
    pub migrations: Vec<Migration>,
}

/// `content/communes.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunesFile {
    #[serde(default)]
    pub communes: Vec<Commune>,
}

/// `content/<lang>/<pillar>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PillarFile {
    pub name: String,
    pub summary: String,
    pub questions: Vec<QuestionText>,
    #[serde(default)]
    pub actions: BTreeMap<String, ActionText>,
}

/// Everything read from `content/`, before assembly.
pub struct Sources {
    pub framework: FrameworkFile,
    /// One actions file per pillar, in pillar order.
    pub actions: Vec<ActionsFile>,
    pub migrations: MigrationsFile,
    pub communes: CommunesFile,
    /// Per language: the scale and one file per pillar, in pillar order.
    pub languages: Vec<(String, Scale, Vec<PillarFile>)>,
}

pub use super::model::REFERENCE_LANGUAGE;

/// Builds the framework structure and each language's texts.
pub fn assemble(sources: Sources) -> Result<(Framework, Vec<(String, Texts)>), String> {
    let reference_ids: Vec<Vec<String>> = sources
        .languages
        .iter()
        .find(|(lang, _, _)| lang == REFERENCE_LANGUAGE)
        .ok_or_else(|| format!("content/{REFERENCE_LANGUAGE}/ is missing"))?
        .2
        .iter()
        .map(|file| file.questions.iter().map(|q| q.id.clone()).collect())
        .collect();

    let pillars = sources
        .framework
        .pillars
        .iter()
        .zip(&reference_ids)
        .map(|(id, questions)| Pillar {
            id: id.clone(),
            questions: questions.clone(),
        })
        .collect();

    let mut actions = Vec::new();
    let mut questions = BTreeMap::new();
    for (pillar, file) in sources.framework.pillars.iter().zip(sources.actions) {
        for entry in file.questions {
            let info = QuestionInfo {
                respondent: entry.respondent,
                legal_minimum: entry.legal_minimum,
            };
            if questions.insert(entry.id.clone(), info).is_some() {
                return Err(format!(
                    "content/actions/{pillar}.toml: [[questions]] entry {} is there twice",
                    entry.id
                ));
            }
        }
        for mut action in file.actions {
            action.pillar = pillar.clone();
            actions.push(action);
        }
    }

    let mut languages = Vec::new();
    for (lang, scale, files) in sources.languages {
        let mut texts = Texts {
            scale,
            ..Texts::default()
        };
        for ((pillar, file), expected) in sources
            .framework
            .pillars
            .iter()
            .zip(files)
            .zip(&reference_ids)
        {
            let order: Vec<&String> = file.questions.iter().map(|q| &q.id).collect();
            if order.iter().copied().ne(expected.iter()) {
                return Err(format!(
                    "content/{lang}/{pillar}.toml: question ids {order:?} differ from \
                     content/{REFERENCE_LANGUAGE}/{pillar}.toml {expected:?}"
                ));
            }
            texts.pillars.insert(
                pillar.clone(),
                PillarText {
                    name: file.name,
                    summary: file.summary,
                },
            );
            for question in file.questions {
                texts.questions.insert(question.id.clone(), question);
            }
            texts.actions.extend(file.actions);
        }
        languages.push((lang, texts));
    }

    Ok((
        Framework {
            id: sources.framework.id,
            version: sources.framework.version,
            pillars,
            questions,
            actions,
            migrations: sources.migrations.migrations,
            communes: sources.communes.communes,
        },
        languages,
    ))
}
