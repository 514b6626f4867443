//! The stored assessment as JSON, read and written through [`json_tree`] rather than serde
//! (see there why). The shape is exactly serde's for the same types, field for field: the
//! tests write each assessment both ways and compare the texts.

use super::assessment::{
    Answer, Assessment, Choice, Importance, Level, PillarSettings, SetAsideAnswer,
};
use super::content::Horizon;
use super::json_tree::{
    Fields, Json, JsonWriter, ShapeError, from_hundredths, list_of, map_of, one_of, to_hundredths,
};
use super::plan::{ItemOrigin, ItemStatus, Roadmap, RoadmapItem};
use super::profile::{BudgetBand, PopulationBand, Profile, StrategyStatus};

const POPULATION: [&str; 5] = PopulationBand::CODES;
const BUDGET: [&str; 4] = [
    "under_10000",
    "10000_to_50000",
    "50000_to_200000",
    "over_200000",
];
const STRATEGY: [&str; 3] = ["none", "in_progress", "adopted"];
const IMPORTANCE: [&str; 3] = ["low", "medium", "high"];
const STATUS: [&str; 2] = ["planned", "done"];
const ORIGIN: [&str; 3] = ["drafted", "catalogue", "custom"];
const UNKNOWN: &str = "unknown";
const NOT_APPLICABLE: &str = "not_applicable";

/// The name of `value` in `names`, given the variants in the same order.
fn name_of<T: PartialEq>(value: T, all: &[T], names: &[&'static str]) -> &'static str {
    all.iter()
        .position(|variant| *variant == value)
        .map_or("", |index| names[index])
}

// ---------------------------------------------------------------------------------------------
// Reading.

fn level(value: &Json) -> Result<Level, ShapeError> {
    let number = value.whole()?;
    u8::try_from(number)
        .ok()
        .and_then(Level::new)
        .ok_or_else(|| ShapeError::invalid(format!("level {number} is out of range 1 to 5")))
}

pub(crate) fn choice(value: &Json) -> Result<Choice, ShapeError> {
    match value {
        Json::String(text) if &**text == UNKNOWN => Ok(Choice::Unknown),
        Json::String(text) if &**text == NOT_APPLICABLE => Ok(Choice::NotApplicable),
        // Display rather than Debug: the questionnaire then carries no string escaper.
        Json::String(text) => Err(ShapeError::invalid(format!(
            "\"{}\" is not a level (1 to 5, \"unknown\" or \"not_applicable\")",
            super::format::truncate_chars(text, 40)
        ))),
        other => level(other).map(Choice::Level),
    }
}

fn answer(value: &Json) -> Result<Answer, ShapeError> {
    let fields = Fields::of(value)?;
    Ok(Answer {
        choice: fields.optional("choice", choice)?,
        note: fields.or_default("note", Json::string)?,
        ask: fields.or_default("ask", Json::string)?,
        previous: fields.optional("previous", choice)?,
        previous_note: fields.or_default("previous_note", Json::string)?,
    })
}

fn pillar_settings(value: &Json) -> Result<PillarSettings, ShapeError> {
    let fields = Fields::of(value)?;
    Ok(PillarSettings {
        importance: fields.or_default("importance", importance)?,
        target: fields.optional("target", level)?,
    })
}

fn set_aside(value: &Json) -> Result<SetAsideAnswer, ShapeError> {
    let fields = Fields::of(value)?;
    Ok(SetAsideAnswer {
        question_id: fields.required("question_id", Json::string)?,
        answer: fields.required("answer", answer)?,
    })
}

/// A profile, from storage or from a summary file. Its staff number is kept in hundredths, as
/// it is typed and stored, so that a file's number reads back the same once written again.
pub(crate) fn profile(value: &Json) -> Result<Profile, ShapeError> {
    let fields = Fields::of(value)?;
    Ok(Profile {
        commune: fields.required("commune", Json::string)?,
        nis_code: fields.or_default("nis_code", Json::string)?,
        population: fields.optional("population", |v| {
            one_of(v, &POPULATION).map(|i| PopulationBand::ALL[i])
        })?,
        respondent_name: fields.or_default("respondent_name", Json::string)?,
        respondent_role: fields.or_default("respondent_role", Json::string)?,
        date: fields.or_default("date", Json::string)?,
        digital_staff_fte: fields.optional("digital_staff_fte", |staff| {
            staff.hundredths().map(from_hundredths)
        })?,
        digital_budget: fields.optional("digital_budget", |v| {
            one_of(v, &BUDGET).map(|i| BudgetBand::ALL[i])
        })?,
        digital_strategy: fields.optional("digital_strategy", |v| {
            one_of(v, &STRATEGY).map(|i| StrategyStatus::ALL[i])
        })?,
        partnerships: fields.or_default("partnerships", Json::string)?,
        consolidated_respondents: fields.or_default("consolidated_respondents", Json::whole_u32)?,
        participants: fields.or_default("participants", |v| list_of(v, Json::string))?,
        redone_from: fields.or_default("redone_from", Json::string)?,
    })
}

fn item_status(value: &Json) -> Result<ItemStatus, ShapeError> {
    one_of(value, &STATUS).map(|i| ItemStatus::ALL[i])
}

fn item_origin(value: &Json) -> Result<ItemOrigin, ShapeError> {
    one_of(value, &ORIGIN).map(|i| ItemOrigin::ALL[i])
}

/// A horizon by the name its form controls use, which is also its JSON name.
fn horizon(value: &Json) -> Result<Horizon, ShapeError> {
    one_of(value, &Horizon::ALL.map(Horizon::form_value)).map(|i| Horizon::ALL[i])
}

pub(crate) fn importance(value: &Json) -> Result<Importance, ShapeError> {
    one_of(value, &IMPORTANCE).map(|i| Importance::ALL[i])
}

pub(crate) fn roadmap_item(value: &Json) -> Result<RoadmapItem, ShapeError> {
    let fields = Fields::of(value)?;
    Ok(RoadmapItem {
        id: fields.required("id", Json::string)?,
        horizon: fields.required("horizon", horizon)?,
        status: fields.required("status", item_status)?,
        origin: fields.required("origin", item_origin)?,
        custom_title: fields.optional("custom_title", Json::string)?,
        first_step: fields.optional("first_step", Json::string)?,
        owner: fields.optional("owner", Json::string)?,
        due: fields.optional("due", Json::string)?,
        objective: fields.optional("objective", Json::string)?,
    })
}

fn roadmap(value: &Json) -> Result<Roadmap, ShapeError> {
    let fields = Fields::of(value)?;
    Ok(Roadmap {
        items: fields.required("items", |v| list_of(v, roadmap_item))?,
        edited: fields.or_default("edited", Json::boolean)?,
        next_custom_number: fields.or_default("next_custom_number", Json::whole_u32)?,
        strategic_objectives: fields.optional("strategic_objectives", Json::string)?,
        carried_from: fields.optional("carried_from", Json::string)?,
    })
}

pub fn read_assessment(value: &Json) -> Result<Assessment, ShapeError> {
    let fields = Fields::of(value)?;
    Ok(Assessment {
        id: fields.required("id", Json::string)?,
        profile: fields.required("profile", profile)?,
        answers: fields.or_default("answers", |v| map_of(v, answer))?,
        pillars: fields.or_default("pillars", |v| map_of(v, pillar_settings))?,
        roadmap: fields.optional("roadmap", roadmap)?,
        set_aside: fields.or_default("set_aside", |v| list_of(v, set_aside))?,
        created_at: fields.required("created_at", Json::string)?,
        updated_at: fields.required("updated_at", Json::string)?,
        last_downloaded_at: fields.optional("last_downloaded_at", Json::string)?,
        changes_since_download: fields.or_default("changes_since_download", Json::whole_u32)?,
        revision: fields.or_default("revision", Json::whole)?,
    })
}

// ---------------------------------------------------------------------------------------------
// Writing: members in declaration order, empty ones left out as serde's attributes say.

pub(crate) fn write_choice(out: &mut JsonWriter, choice: Choice) {
    match choice {
        Choice::Level(level) => out.whole(u64::from(level.get())),
        Choice::Unknown => out.string(UNKNOWN),
        Choice::NotApplicable => out.string(NOT_APPLICABLE),
    }
}

fn write_answer(out: &mut JsonWriter, answer: &Answer) {
    out.open('{');
    if let Some(choice) = answer.choice {
        write_choice(out.key("choice"), choice);
    }
    out.text_unless_empty("note", &answer.note);
    out.text_unless_empty("ask", &answer.ask);
    if let Some(previous) = answer.previous {
        write_choice(out.key("previous"), previous);
    }
    out.text_unless_empty("previous_note", &answer.previous_note);
    out.close('}');
}

fn write_pillar_settings(out: &mut JsonWriter, settings: &PillarSettings) {
    out.open('{');
    out.text(
        "importance",
        name_of(settings.importance, &Importance::ALL, &IMPORTANCE),
    );
    if let Some(target) = settings.target {
        out.key("target").whole(u64::from(target.get()));
    }
    out.close('}');
}

/// A profile, in storage or in a summary file; its staff number in hundredths.
pub(crate) fn write_profile(out: &mut JsonWriter, profile: &Profile) {
    out.open('{');
    out.text("commune", &profile.commune);
    out.text_unless_empty("nis_code", &profile.nis_code);
    if let Some(population) = profile.population {
        out.text(
            "population",
            name_of(population, &PopulationBand::ALL, &POPULATION),
        );
    }
    out.text_unless_empty("respondent_name", &profile.respondent_name);
    out.text_unless_empty("respondent_role", &profile.respondent_role);
    out.text_unless_empty("date", &profile.date);
    if let Some(fte) = profile.digital_staff_fte {
        out.key("digital_staff_fte").hundredths(to_hundredths(fte));
    }
    if let Some(budget) = profile.digital_budget {
        out.text("digital_budget", name_of(budget, &BudgetBand::ALL, &BUDGET));
    }
    if let Some(strategy) = profile.digital_strategy {
        out.text(
            "digital_strategy",
            name_of(strategy, &StrategyStatus::ALL, &STRATEGY),
        );
    }
    out.text_unless_empty("partnerships", &profile.partnerships);
    if profile.consolidated_respondents != 0 {
        out.key("consolidated_respondents")
            .whole(u64::from(profile.consolidated_respondents));
    }
    if !profile.participants.is_empty() {
        out.key("participants").strings(&profile.participants);
    }
    out.text_unless_empty("redone_from", &profile.redone_from);
    out.close('}');
}

fn status_name(status: ItemStatus) -> &'static str {
    name_of(status, &ItemStatus::ALL, &STATUS)
}

fn origin_name(origin: ItemOrigin) -> &'static str {
    name_of(origin, &ItemOrigin::ALL, &ORIGIN)
}

pub(crate) fn importance_name(importance: Importance) -> &'static str {
    name_of(importance, &Importance::ALL, &IMPORTANCE)
}

/// The members a roadmap item has both in storage and in a summary, in that order.
pub(crate) fn write_item_members(out: &mut JsonWriter, item: &RoadmapItem) {
    out.text("id", &item.id);
    out.text("horizon", item.horizon.form_value());
    out.text("status", status_name(item.status));
    out.text("origin", origin_name(item.origin));
    out.text_if_some("custom_title", item.custom_title.as_deref());
    out.text_if_some("first_step", item.first_step.as_deref());
    out.text_if_some("owner", item.owner.as_deref());
    out.text_if_some("due", item.due.as_deref());
    out.text_if_some("objective", item.objective.as_deref());
}

fn write_roadmap_item(out: &mut JsonWriter, item: &RoadmapItem) {
    out.open('{');
    write_item_members(out, item);
    out.close('}');
}

fn write_roadmap(out: &mut JsonWriter, roadmap: &Roadmap) {
    out.open('{');
    out.key("items").list(&roadmap.items, write_roadmap_item);
    out.key("edited").boolean(roadmap.edited);
    out.key("next_custom_number")
        .whole(u64::from(roadmap.next_custom_number));
    out.text_if_some(
        "strategic_objectives",
        roadmap.strategic_objectives.as_deref(),
    );
    out.text_if_some("carried_from", roadmap.carried_from.as_deref());
    out.close('}');
}

fn write_set_aside(out: &mut JsonWriter, aside: &SetAsideAnswer) {
    out.open('{');
    out.text("question_id", &aside.question_id);
    write_answer(out.key("answer"), &aside.answer);
    out.close('}');
}

pub fn write_assessment(out: &mut JsonWriter, assessment: &Assessment) {
    out.open('{');
    out.text("id", &assessment.id);
    write_profile(out.key("profile"), &assessment.profile);
    out.key("answers").map(&assessment.answers, write_answer);
    out.key("pillars")
        .map(&assessment.pillars, write_pillar_settings);
    if let Some(roadmap) = &assessment.roadmap {
        write_roadmap(out.key("roadmap"), roadmap);
    }
    if !assessment.set_aside.is_empty() {
        out.key("set_aside")
            .list(&assessment.set_aside, write_set_aside);
    }
    out.text("created_at", &assessment.created_at);
    out.text("updated_at", &assessment.updated_at);
    out.text_if_some(
        "last_downloaded_at",
        assessment.last_downloaded_at.as_deref(),
    );
    out.key("changes_since_download")
        .whole(u64::from(assessment.changes_since_download));
    out.key("revision").whole(assessment.revision);
    out.close('}');
}
