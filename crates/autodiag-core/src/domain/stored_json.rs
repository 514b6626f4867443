//! The stored assessment as JSON, read and written through [`json_tree`] rather than serde
//! (see there why). The shape is exactly serde's for the same types, field for field: the
//! tests write each assessment both ways and compare the texts.

use super::assessment::{
    Answer, Assessment, Choice, Importance, Level, PillarSettings, SetAsideAnswer,
};
use super::content::Horizon;
use super::json_tree::{
    Fields, Json, ObjectWriter, ShapeError, from_hundredths, list_of, map_of, one_of,
    to_hundredths, write_hundredths, write_list, write_map, write_string,
};
use super::plan::{ItemOrigin, ItemStatus, Roadmap, RoadmapItem};
use super::profile::{BudgetBand, PopulationBand, Profile, StrategyStatus};

const POPULATION: [&str; 5] = [
    "under_5000",
    "5000_to_10000",
    "10000_to_20000",
    "20000_to_50000",
    "over_50000",
];
const BUDGET: [&str; 4] = [
    "under_10000",
    "10000_to_50000",
    "50000_to_200000",
    "over_200000",
];
const STRATEGY: [&str; 3] = ["none", "in_progress", "adopted"];
pub(crate) const IMPORTANCE: [&str; 3] = ["low", "medium", "high"];
pub(crate) const HORIZON: [&str; 3] = ["short", "medium", "long"];
pub(crate) const STATUS: [&str; 2] = ["planned", "done"];
pub(crate) const ORIGIN: [&str; 3] = ["drafted", "catalogue", "custom"];
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

fn choice(value: &Json) -> Result<Choice, ShapeError> {
    match value {
        Json::String(text) if &**text == UNKNOWN => Ok(Choice::Unknown),
        Json::String(text) if &**text == NOT_APPLICABLE => Ok(Choice::NotApplicable),
        Json::String(text) => Err(ShapeError::invalid(format!(
            "{text:?} is not a level (1 to 5, \"unknown\" or \"not_applicable\")"
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

fn profile(value: &Json) -> Result<Profile, ShapeError> {
    profile_with_staff(value, |staff| staff.hundredths().map(from_hundredths))
}

/// A profile whose staff number is read by `staff`: in hundredths from storage, exactly
/// from a summary file.
pub(crate) fn profile_with_staff(
    value: &Json,
    staff: fn(&Json) -> Result<f64, ShapeError>,
) -> Result<Profile, ShapeError> {
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
        digital_staff_fte: fields.optional("digital_staff_fte", staff)?,
        digital_budget: fields.optional("digital_budget", |v| {
            one_of(v, &BUDGET).map(|i| BudgetBand::ALL[i])
        })?,
        digital_strategy: fields.optional("digital_strategy", |v| {
            one_of(v, &STRATEGY).map(|i| StrategyStatus::ALL[i])
        })?,
        partnerships: fields.or_default("partnerships", Json::string)?,
        consolidated_respondents: fields.or_default("consolidated_respondents", Json::whole_u32)?,
    })
}

pub(crate) fn item_status(value: &Json) -> Result<ItemStatus, ShapeError> {
    one_of(value, &STATUS).map(|i| [ItemStatus::Planned, ItemStatus::Done][i])
}

pub(crate) fn item_origin(value: &Json) -> Result<ItemOrigin, ShapeError> {
    one_of(value, &ORIGIN).map(|i| {
        [
            ItemOrigin::Drafted,
            ItemOrigin::Catalogue,
            ItemOrigin::Custom,
        ][i]
    })
}

pub(crate) fn horizon(value: &Json) -> Result<Horizon, ShapeError> {
    one_of(value, &HORIZON).map(|i| Horizon::ALL[i])
}

pub(crate) fn importance(value: &Json) -> Result<Importance, ShapeError> {
    one_of(value, &IMPORTANCE).map(|i| Importance::ALL[i])
}

fn roadmap_item(value: &Json) -> Result<RoadmapItem, ShapeError> {
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
    })
}

fn roadmap(value: &Json) -> Result<Roadmap, ShapeError> {
    let fields = Fields::of(value)?;
    Ok(Roadmap {
        items: fields.required("items", |v| list_of(v, roadmap_item))?,
        edited: fields.or_default("edited", Json::boolean)?,
        next_custom_number: fields.or_default("next_custom_number", Json::whole_u32)?,
        strategic_objectives: fields.optional("strategic_objectives", Json::string)?,
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

fn write_choice(out: &mut String, choice: Choice) {
    match choice {
        Choice::Level(level) => out.push_str(&level.get().to_string()),
        Choice::Unknown => write_string(out, UNKNOWN),
        Choice::NotApplicable => write_string(out, NOT_APPLICABLE),
    }
}

fn write_answer(out: &mut String, answer: &Answer) {
    let mut object = ObjectWriter::new(out);
    if let Some(choice) = answer.choice {
        write_choice(object.member("choice"), choice);
    }
    if !answer.note.is_empty() {
        object.string("note", &answer.note);
    }
    if !answer.ask.is_empty() {
        object.string("ask", &answer.ask);
    }
    object.end();
}

fn write_pillar_settings(out: &mut String, settings: &PillarSettings) {
    let mut object = ObjectWriter::new(out);
    object.string(
        "importance",
        name_of(settings.importance, &Importance::ALL, &IMPORTANCE),
    );
    if let Some(target) = settings.target {
        object.whole("target", u64::from(target.get()));
    }
    object.end();
}

fn write_profile(out: &mut String, profile: &Profile) {
    let mut object = ObjectWriter::new(out);
    object.string("commune", &profile.commune);
    let text = |object: &mut ObjectWriter, name: &str, value: &str| {
        if !value.is_empty() {
            object.string(name, value);
        }
    };
    text(&mut object, "nis_code", &profile.nis_code);
    if let Some(population) = profile.population {
        object.string(
            "population",
            name_of(population, &PopulationBand::ALL, &POPULATION),
        );
    }
    text(&mut object, "respondent_name", &profile.respondent_name);
    text(&mut object, "respondent_role", &profile.respondent_role);
    text(&mut object, "date", &profile.date);
    if let Some(fte) = profile.digital_staff_fte {
        write_hundredths(object.member("digital_staff_fte"), to_hundredths(fte));
    }
    if let Some(budget) = profile.digital_budget {
        object.string("digital_budget", name_of(budget, &BudgetBand::ALL, &BUDGET));
    }
    if let Some(strategy) = profile.digital_strategy {
        object.string(
            "digital_strategy",
            name_of(strategy, &StrategyStatus::ALL, &STRATEGY),
        );
    }
    text(&mut object, "partnerships", &profile.partnerships);
    if profile.consolidated_respondents != 0 {
        object.whole(
            "consolidated_respondents",
            u64::from(profile.consolidated_respondents),
        );
    }
    object.end();
}

fn write_roadmap_item(out: &mut String, item: &RoadmapItem) {
    let mut object = ObjectWriter::new(out);
    object.string("id", &item.id);
    object.string("horizon", name_of(item.horizon, &Horizon::ALL, &HORIZON));
    object.string(
        "status",
        name_of(
            item.status,
            &[ItemStatus::Planned, ItemStatus::Done],
            &STATUS,
        ),
    );
    object.string(
        "origin",
        name_of(
            item.origin,
            &[
                ItemOrigin::Drafted,
                ItemOrigin::Catalogue,
                ItemOrigin::Custom,
            ],
            &ORIGIN,
        ),
    );
    for (name, text) in [
        ("custom_title", &item.custom_title),
        ("first_step", &item.first_step),
        ("owner", &item.owner),
        ("due", &item.due),
    ] {
        if let Some(text) = text {
            object.string(name, text);
        }
    }
    object.end();
}

fn write_roadmap(out: &mut String, roadmap: &Roadmap) {
    let mut object = ObjectWriter::new(out);
    write_list(object.member("items"), &roadmap.items, write_roadmap_item);
    object.boolean("edited", roadmap.edited);
    object.whole("next_custom_number", u64::from(roadmap.next_custom_number));
    if let Some(objectives) = &roadmap.strategic_objectives {
        object.string("strategic_objectives", objectives);
    }
    object.end();
}

fn write_set_aside(out: &mut String, aside: &SetAsideAnswer) {
    let mut object = ObjectWriter::new(out);
    object.string("question_id", &aside.question_id);
    write_answer(object.member("answer"), &aside.answer);
    object.end();
}

pub fn write_assessment(out: &mut String, assessment: &Assessment) {
    let mut object = ObjectWriter::new(out);
    object.string("id", &assessment.id);
    write_profile(object.member("profile"), &assessment.profile);
    write_map(object.member("answers"), &assessment.answers, write_answer);
    write_map(
        object.member("pillars"),
        &assessment.pillars,
        write_pillar_settings,
    );
    if let Some(roadmap) = &assessment.roadmap {
        write_roadmap(object.member("roadmap"), roadmap);
    }
    if !assessment.set_aside.is_empty() {
        write_list(
            object.member("set_aside"),
            &assessment.set_aside,
            write_set_aside,
        );
    }
    object.string("created_at", &assessment.created_at);
    object.string("updated_at", &assessment.updated_at);
    if let Some(downloaded) = &assessment.last_downloaded_at {
        object.string("last_downloaded_at", downloaded);
    }
    object.whole(
        "changes_since_download",
        u64::from(assessment.changes_since_download),
    );
    object.whole("revision", assessment.revision);
    object.end();
}
