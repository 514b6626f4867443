//! The texts' JSON (embedded or fetched) read through [`json_tree`]: one parser for every
//! type instead of serde's code per type, which the questionnaire's first load cannot afford.

use super::model::{ActionText, PillarText, QuestionText, Scale, Texts};
use crate::domain::json_tree::{self, Fields, Json, ShapeError, list_of, map_of};
use litemap::LiteMap;

/// Parses `text` and reads it with `read`; any failure as one message.
pub fn read<T>(text: &str, read: fn(&Json) -> Result<T, ShapeError>) -> Result<T, String> {
    let value = json_tree::parse(text).map_err(|_| "the texts are not valid JSON".to_string())?;
    read(&value).map_err(|error| error.to_string())
}

fn strings(value: &Json) -> Result<Vec<String>, ShapeError> {
    list_of(value, Json::string)
}

pub fn string_map(value: &Json) -> Result<LiteMap<String, String>, ShapeError> {
    map_of(value, Json::string)
}

fn scale(value: &Json) -> Result<Scale, ShapeError> {
    let fields = Fields::of(value)?;
    Ok(Scale {
        names: fields.required("names", strings)?,
        rule: fields.required("rule", Json::string)?,
        bands: fields.required("bands", strings)?,
        services: fields.required("services", string_map)?,
        grd: fields.required("grd", string_map)?,
        glossary: fields.or_default("glossary", string_map)?,
    })
}

fn pillar(value: &Json) -> Result<PillarText, ShapeError> {
    let fields = Fields::of(value)?;
    Ok(PillarText {
        name: fields.required("name", Json::string)?,
        summary: fields.required("summary", Json::string)?,
    })
}

fn question(value: &Json) -> Result<QuestionText, ShapeError> {
    let fields = Fields::of(value)?;
    Ok(QuestionText {
        id: String::new(),
        title: fields.required("title", Json::string)?,
        help: fields.required("help", Json::string)?,
        legal_basis: fields.or_default("legal_basis", Json::string)?,
        levels: fields.required("levels", strings)?,
    })
}

/// `[title, first_step]`.
fn action(value: &Json) -> Result<ActionText, ShapeError> {
    let [title, first_step] = value.items()? else {
        return Err(ShapeError::invalid(
            "an action's texts are [title, first step]".into(),
        ));
    };
    Ok(ActionText {
        title: title.string()?,
        first_step: first_step.string()?,
    })
}

pub fn question_texts(value: &Json) -> Result<LiteMap<String, QuestionText>, ShapeError> {
    let mut texts = map_of(value, question)?;
    // Each question's id is its member's name. Files from older releases also repeat it
    // inside, which is left unread.
    for (id, text) in texts.iter_mut() {
        text.id.clone_from(id);
    }
    Ok(texts)
}

pub fn action_texts(value: &Json) -> Result<LiteMap<String, ActionText>, ShapeError> {
    map_of(value, action)
}

pub fn texts(value: &Json) -> Result<Texts, ShapeError> {
    let fields = Fields::of(value)?;
    Ok(Texts {
        scale: fields.required("scale", scale)?,
        pillars: fields.required("pillars", |v| map_of(v, pillar))?,
        questions: fields.or_default("questions", question_texts)?,
        actions: fields.or_default("actions", action_texts)?,
    })
}
