//! A summary file read through [`json_tree`] rather than serde's derives, which cost the
//! tools bundle about 50 KB gzipped. Same checks as serde: required fields, unknown or
//! repeated fields refused, each value's type and range. The parts the app computes on
//! export (scores, legal obligations, PST, focus, reasons) are ignored on import, so only
//! their container is checked. `tests/summary_json.rs` holds this reader to serde's.

use super::json_tree::{Fields, Json, ShapeError, list_of, map_of};
use super::stored_json::{horizon, importance, item_origin, item_status, profile_with_staff};
use super::summary::{
    FrameworkRef, RawChoice, Summary, SummaryAnswer, SummaryItem, SummaryPillar, SummaryRoadmap,
};

/// A part computed on export: an array whose items are not read.
fn computed_list<T>(value: &Json) -> Result<Vec<T>, ShapeError> {
    value.items().map(|_| Vec::new())
}

fn framework(value: &Json) -> Result<FrameworkRef, ShapeError> {
    let fields = Fields::of(value)?.only(&["id", "version"])?;
    Ok(FrameworkRef {
        id: fields.required("id", Json::string)?,
        version: fields.required("version", Json::string)?,
    })
}

fn raw_choice(value: &Json) -> Result<RawChoice, ShapeError> {
    match value {
        Json::String(text) => Ok(RawChoice::Text(text.to_string())),
        Json::Number(_) => value.float().map(RawChoice::Number),
        other => Err(ShapeError::wrong_type(
            "a level from 1 to 5, \"unknown\" or \"not_applicable\"",
            other,
        )),
    }
}

fn answer(value: &Json) -> Result<SummaryAnswer, ShapeError> {
    let fields = Fields::of(value)?.only(&["question_id", "level", "note", "ask"])?;
    Ok(SummaryAnswer {
        question_id: fields.required("question_id", Json::string)?,
        level: fields.optional("level", raw_choice)?,
        note: fields.or_default("note", Json::string)?,
        ask: fields.or_default("ask", Json::string)?,
    })
}

fn pillar(value: &Json) -> Result<SummaryPillar, ShapeError> {
    let fields = Fields::of(value)?.only(&[
        "pillar_id",
        "importance",
        "target_level",
        "score",
        "band",
        "completion",
        "low_confidence",
    ])?;
    Ok(SummaryPillar {
        pillar_id: fields.required("pillar_id", Json::string)?,
        importance: fields.required("importance", importance)?,
        target_level: fields.optional("target_level", Json::whole_u8)?,
        score: fields.optional("score", Json::whole_u8)?,
        band: fields.optional("band", Json::whole_u8)?,
        completion: fields.required("completion", Json::float)?,
        low_confidence: fields.required("low_confidence", Json::boolean)?,
    })
}

fn item(value: &Json) -> Result<SummaryItem, ShapeError> {
    let fields = Fields::of(value)?.only(&[
        "id",
        "horizon",
        "status",
        "origin",
        "custom_title",
        "first_step",
        "owner",
        "due",
        "reasons",
    ])?;
    Ok(SummaryItem {
        id: fields.required("id", Json::string)?,
        horizon: fields.required("horizon", horizon)?,
        status: fields.required("status", item_status)?,
        origin: fields.required("origin", item_origin)?,
        custom_title: fields.optional("custom_title", Json::string)?,
        first_step: fields.optional("first_step", Json::string)?,
        owner: fields.optional("owner", Json::string)?,
        due: fields.optional("due", Json::string)?,
        reasons: fields.or_default("reasons", computed_list)?,
    })
}

fn roadmap(value: &Json) -> Result<SummaryRoadmap, ShapeError> {
    let fields =
        Fields::of(value)?.only(&["focus", "later", "edited", "items", "strategic_objectives"])?;
    Ok(SummaryRoadmap {
        focus: fields.required("focus", computed_list)?,
        later: fields.required("later", computed_list)?,
        edited: fields.required("edited", Json::boolean)?,
        items: fields.required("items", |v| list_of(v, item))?,
        strategic_objectives: fields
            .or_default("strategic_objectives", |v| map_of(v, Json::string))?,
    })
}

/// Reads a summary of the current format.
pub fn read_summary(value: &Json) -> Result<Summary, ShapeError> {
    let fields = Fields::of(value)?.only(&[
        "format",
        "schema_version",
        "app_version",
        "framework",
        "generated_at",
        "profile",
        "answers",
        "set_aside_answers",
        "pillars",
        "overall_score",
        "legal_obligations",
        "roadmap",
        "pst",
    ])?;
    Ok(Summary {
        format: fields.required("format", Json::string)?,
        schema_version: fields.required("schema_version", Json::whole_u32)?,
        app_version: fields.required("app_version", Json::string)?,
        framework: fields.required("framework", framework)?,
        generated_at: fields.required("generated_at", Json::string)?,
        profile: fields.required("profile", |v| profile_with_staff(v, Json::float))?,
        answers: fields.required("answers", |v| list_of(v, answer))?,
        set_aside_answers: fields.or_default("set_aside_answers", |v| list_of(v, answer))?,
        pillars: fields.required("pillars", |v| list_of(v, pillar))?,
        overall_score: fields.optional("overall_score", Json::whole_u8)?,
        legal_obligations: fields.or_default("legal_obligations", computed_list)?,
        roadmap: fields.optional("roadmap", roadmap)?,
        // Computed on export; an object or nothing.
        pst: fields
            .optional("pst", |v| v.members().map(|_| ()))?
            .and(None),
    })
}
