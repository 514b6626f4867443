//! A summary file read and written through [`json_tree`] rather than serde's derives.
//!
//! Same checks as serde: required fields, unknown or repeated fields refused, each value's
//! type and range. The parts the app computes on export (scores, legal obligations, PST,
//! focus, reasons) are ignored on import, so only their container is checked.
//! `tests/hostile_input.rs` holds this reader to serde's; `tests/json_tree.rs` holds the
//! writer to serde_json's bytes.

use super::content::Volet;
use super::json_tree::{Fields, Json, JsonWriter, ShapeError, list_of, map_of};
use super::obligations::{Compliance, Obligation};
use super::pst::{OperationalObjective, Pst};
use super::roadmap::{FocusPillar, LaterPillar, LaterReason, Reason};
use super::stored_json::{
    importance, importance_name, profile as stored_profile, roadmap_item as stored_roadmap_item,
    write_item_members, write_profile,
};
use super::summary::{
    FrameworkRef, RawChoice, Summary, SummaryAnswer, SummaryItem, SummaryPillar, SummaryRoadmap,
};

/// A part computed on export: an array whose items are not read.
fn computed_list<T>(value: &Json) -> Result<Vec<T>, ShapeError> {
    value.items().map(|_| Vec::new())
}

pub(crate) fn framework(value: &Json) -> Result<FrameworkRef, ShapeError> {
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
        "objective",
        "reasons",
    ])?;
    Ok(SummaryItem::new(
        stored_roadmap_item(value)?,
        fields.or_default("reasons", computed_list)?,
    ))
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
        profile: fields.required("profile", stored_profile)?,
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

// ---------------------------------------------------------------------------------------------
// Writing, byte for byte as serde_json's pretty printer wrote these types (floats to six
// decimals, see `JsonWriter::float`): members in
// declaration order, `None` as `null` unless the type's serde attributes skip it, enums in
// snake_case, a variant with fields as an object under its name.

pub(crate) fn write_framework(out: &mut JsonWriter, framework: &FrameworkRef) {
    out.open('{');
    out.text("id", &framework.id);
    out.text("version", &framework.version);
    out.close('}');
}

fn write_answer(out: &mut JsonWriter, answer: &SummaryAnswer) {
    out.open('{');
    out.text("question_id", &answer.question_id);
    match &answer.level {
        Some(RawChoice::Number(n)) if n.fract() == 0.0 && (0.0..=255.0).contains(n) => {
            out.key("level").whole(*n as u64);
        }
        Some(RawChoice::Number(n)) => out.key("level").float(*n),
        Some(RawChoice::Text(text)) => out.text("level", text),
        None => {}
    }
    out.text_unless_empty("note", &answer.note);
    out.text_unless_empty("ask", &answer.ask);
    out.close('}');
}

fn write_pillar(out: &mut JsonWriter, pillar: &SummaryPillar) {
    out.open('{');
    out.text("pillar_id", &pillar.pillar_id);
    out.text("importance", importance_name(pillar.importance));
    out.key("target_level")
        .whole_or_null(pillar.target_level.map(u64::from));
    out.key("score").whole_or_null(pillar.score.map(u64::from));
    out.key("band").whole_or_null(pillar.band.map(u64::from));
    out.key("completion").float(pillar.completion);
    out.key("low_confidence").boolean(pillar.low_confidence);
    out.close('}');
}

fn write_obligation(out: &mut JsonWriter, obligation: &Obligation) {
    out.open('{');
    out.text("question_id", &obligation.question_id);
    out.key("legal_minimum")
        .whole(u64::from(obligation.legal_minimum));
    out.key("level")
        .whole_or_null(obligation.level.map(u64::from));
    out.text(
        "compliance",
        match obligation.compliance {
            Compliance::Met => "met",
            Compliance::Below => "below",
            Compliance::ToCheck => "to_check",
        },
    );
    out.close('}');
}

fn write_focus(out: &mut JsonWriter, focus: &FocusPillar) {
    out.open('{');
    out.text("pillar_id", &focus.pillar_id);
    out.key("gap").whole(u64::from(focus.gap));
    out.text("importance", importance_name(focus.importance));
    out.key("target_level").whole(u64::from(focus.target_level));
    out.close('}');
}

fn write_later(out: &mut JsonWriter, later: &LaterPillar) {
    out.open('{');
    out.text("pillar_id", &later.pillar_id);
    let reason = out.key("reason");
    match &later.reason {
        LaterReason::NotAssessed => reason.string("not_assessed"),
        LaterReason::LowerPriority => reason.string("lower_priority"),
        LaterReason::TargetReached { target_level } => write_variant(
            reason,
            "target_reached",
            &[],
            ("target_level", *target_level),
        ),
    }
    out.close('}');
}

/// A variant with fields: `{"name": {fields}}`.
fn write_variant(out: &mut JsonWriter, name: &str, fields: &[(&str, &str)], number: (&str, u8)) {
    out.open('{');
    out.key(name).open('{');
    for (field, value) in fields {
        out.text(field, value);
    }
    if !number.0.is_empty() {
        out.key(number.0).whole(u64::from(number.1));
    }
    out.close('}');
    out.close('}');
}

fn write_reason(out: &mut JsonWriter, reason: &Reason) {
    match reason {
        Reason::Answer { question_id, level } => write_variant(
            out,
            "answer",
            &[("question_id", question_id)],
            ("level", *level),
        ),
        Reason::FocusPillar { pillar_id, rank } => write_variant(
            out,
            "focus_pillar",
            &[("pillar_id", pillar_id)],
            ("rank", *rank),
        ),
        Reason::PrerequisiteOf { action_id } => {
            write_variant(out, "prerequisite_of", &[("action_id", action_id)], ("", 0))
        }
        Reason::LegalMinimum {
            question_id,
            legal_minimum,
        } => write_variant(
            out,
            "legal_minimum",
            &[("question_id", question_id)],
            ("legal_minimum", *legal_minimum),
        ),
        Reason::NoDedicatedStaff => out.string("no_dedicated_staff"),
        Reason::SmallBudget => out.string("small_budget"),
        Reason::NoStrategy => out.string("no_strategy"),
    }
}

fn write_item(out: &mut JsonWriter, item: &SummaryItem) {
    out.open('{');
    write_item_members(out, &item.stored());
    if !item.reasons.is_empty() {
        out.key("reasons").list(&item.reasons, write_reason);
    }
    out.close('}');
}

fn write_roadmap(out: &mut JsonWriter, roadmap: &SummaryRoadmap) {
    out.open('{');
    out.key("focus").list(&roadmap.focus, write_focus);
    out.key("later").list(&roadmap.later, write_later);
    out.key("edited").boolean(roadmap.edited);
    out.key("items").list(&roadmap.items, write_item);
    if !roadmap.strategic_objectives.is_empty() {
        out.key("strategic_objectives")
            .map(&roadmap.strategic_objectives, |out, text| out.string(text));
    }
    out.close('}');
}

fn write_operational(out: &mut JsonWriter, objective: &OperationalObjective) {
    out.open('{');
    out.text("question_id", &objective.question_id);
    out.text(
        "volet",
        match objective.volet {
            Volet::Interne => "interne",
            Volet::Externe => "externe",
        },
    );
    out.key("current_level")
        .whole_or_null(objective.current_level.map(u64::from));
    out.key("target_level")
        .whole(u64::from(objective.target_level));
    if let Some(minimum) = objective.legal_minimum {
        out.key("legal_minimum").whole(u64::from(minimum));
    }
    out.key("item_ids").strings(&objective.item_ids);
    out.close('}');
}

fn write_pst(out: &mut JsonWriter, pst: &Pst) {
    out.open('{');
    out.key("strategic").list(&pst.strategic, |out, strategic| {
        out.open('{');
        out.text("pillar_id", &strategic.pillar_id);
        out.key("operational")
            .list(&strategic.operational, write_operational);
        out.close('}');
    });
    if !pst.other_item_ids.is_empty() {
        out.key("other_item_ids").strings(&pst.other_item_ids);
    }
    out.close('}');
}

/// A summary file: pretty-printed with two spaces, so two summaries diff well.
pub fn write_summary(summary: &Summary) -> String {
    let mut out = JsonWriter::new("  ");
    out.open('{');
    out.text("format", &summary.format);
    out.key("schema_version")
        .whole(u64::from(summary.schema_version));
    out.text("app_version", &summary.app_version);
    write_framework(out.key("framework"), &summary.framework);
    out.text("generated_at", &summary.generated_at);
    write_profile(out.key("profile"), &summary.profile);
    out.key("answers").list(&summary.answers, write_answer);
    if !summary.set_aside_answers.is_empty() {
        out.key("set_aside_answers")
            .list(&summary.set_aside_answers, write_answer);
    }
    out.key("pillars").list(&summary.pillars, write_pillar);
    out.key("overall_score")
        .whole_or_null(summary.overall_score.map(u64::from));
    out.key("legal_obligations")
        .list(&summary.legal_obligations, write_obligation);
    match &summary.roadmap {
        Some(roadmap) => write_roadmap(out.key("roadmap"), roadmap),
        None => out.key("roadmap").null(),
    }
    if let Some(pst) = &summary.pst {
        write_pst(out.key("pst"), pst);
    }
    out.close('}');
    out.out
}
