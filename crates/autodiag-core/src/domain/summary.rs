//! The JSON summary a commune downloads, and how a summary file is read back.
//!
//! The format is stable and documented by `schema/summary.schema.json`, generated from these
//! types. Keys are English `snake_case`, fields keep this order, and the JSON is pretty-printed,
//! so two summaries diff well.

use super::assessment::{Answer, Assessment, Choice, Importance, Level, SetAsideAnswer};
use super::content::Framework;
use super::content::Horizon;
use super::json_tree::{self, Fields, Json, ShapeError, ShapeKind};
use super::obligations::{self, Obligation};
use super::profile::Profile;
use super::roadmap::{
    self, FocusPillar, ItemOrigin, ItemStatus, LaterPillar, Reason, Roadmap, RoadmapItem,
};
use super::scoring::{self, PillarScore};
use super::summary_json::read_summary;
use litemap::LiteMap;
use serde::{Deserialize, Serialize};

/// The value of the `format` field: tells an Autodiag summary from any other JSON.
pub const FORMAT_ID: &str = "autodiag-summary";
/// Bump when the format changes, and add a migration and a fixture for the old version.
/// Version 2 added `legal_obligations`; a version 1 file reads as version 2 without them.
/// Version 4 added `pst`, computed on export like `legal_obligations`. Version 5 added the
/// items' `objective`: the objectif opérationnel a commune's own action serves.
pub const SCHEMA_VERSION: u32 = 5;
/// Files larger than this are refused before being read.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// JSON nested deeper than this is refused; a real summary is about 6 levels deep.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Always "autodiag-summary".
    pub format: String,
    /// The file format's version: 5 is what this release writes. Files of versions 1 to 5 are
    /// read; the « (format N) » in a field's description says since when it exists.
    pub schema_version: u32,
    /// Version of the Autodiag app that wrote the file.
    pub app_version: String,
    pub framework: FrameworkRef,
    /// When the file was written, ISO 8601 in UTC.
    pub generated_at: String,
    pub profile: Profile,
    /// One entry per answered question, in questionnaire order.
    pub answers: Vec<SummaryAnswer>,
    /// Answers to questions this framework version does not know, kept from an earlier import.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside_answers: Vec<SummaryAnswer>,
    /// Every pillar, in framework order: the commune's choices and its computed score.
    pub pillars: Vec<SummaryPillar>,
    /// Mean of the pillar scores that have at least one answer, 0 to 100.
    pub overall_score: Option<u8>,
    /// Every question that is a legal duty, with the commune's standing. Kept apart from the
    /// scores: below a legal minimum a commune is non-compliant, not at an early stage.
    /// Computed on export, ignored on import.
    #[serde(default)]
    pub legal_obligations: Vec<Obligation>,
    pub roadmap: Option<SummaryRoadmap>,
    /// The roadmap in the structure of the commune's PST (programme stratégique transversal):
    /// objectifs stratégiques, objectifs opérationnels with their target level, and the
    /// roadmap items that carry them out. Computed on export, ignored on import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pst: Option<super::pst::Pst>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FrameworkRef {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SummaryAnswer {
    pub question_id: String,
    /// A level from 1 to 5, "unknown" (je ne sais pas) or "not_applicable"; absent when only a
    /// note was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<RawChoice>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// For « je ne sais pas »: whom the commune will ask.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ask: String,
}

/// A choice as written in a file, checked only after parsing so that a bad value gets a
/// precise message naming the question.
#[derive(Debug, Clone, PartialEq)]
pub enum RawChoice {
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SummaryPillar {
    pub pillar_id: String,
    pub importance: Importance,
    /// The level the commune aims for, 1 to 5, if it set one.
    pub target_level: Option<u8>,
    /// Maturity score from 0 to 100, or null when no question of the pillar has a level.
    /// Computed with the référentiel named in `framework.version`: the app ignores it on
    /// import and recomputes it from the answers with its own référentiel, so an older file
    /// can show another figure on screen.
    pub score: Option<u8>,
    /// The score's band, 1 to 5 (the scale's level names: 0–12, 13–37, 38–62, 63–87,
    /// 88–100), or null with the score.
    pub band: Option<u8>,
    /// Share of the pillar's questions answered with a level, 0 to 1, to six decimals.
    pub completion: f64,
    /// The score rests on fewer than half of the pillar's questions: the screens mark it
    /// « à confirmer » and leave it out of the territory's priorities and spreads.
    pub low_confidence: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SummaryRoadmap {
    pub focus: Vec<FocusPillar>,
    pub later: Vec<LaterPillar>,
    /// Whether the commune changed the drafted roadmap.
    pub edited: bool,
    pub items: Vec<SummaryItem>,
    /// The commune's own wording of its PST objectives (format 4): an objectif stratégique by
    /// its pillar's id, an objectif opérationnel by its question's. One absent here keeps the
    /// wording the app proposes.
    #[serde(
        with = "crate::domain::content::model::json_object",
        default,
        skip_serializing_if = "LiteMap::is_empty"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "std::collections::BTreeMap<String, String>")
    )]
    pub strategic_objectives: LiteMap<String, String>,
}

/// A roadmap item, with the reasons it is there. Reasons are worked out on export and ignored
/// on import: they follow from the answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SummaryItem {
    /// The catalogue action's id, or `custom_<n>` for the commune's own items.
    pub id: String,
    pub horizon: Horizon,
    pub status: ItemStatus,
    pub origin: ItemOrigin,
    /// The commune's wording of the title, when it is not the catalogue's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_title: Option<String>,
    /// The commune's wording of the first step, when it is not the catalogue's (format 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_step: Option<String>,
    /// « Responsable » (format 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// « Échéance », `YYYY-MM-DD` (format 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// The question whose objectif opérationnel the commune's own item serves (format 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Reason>,
}

impl SummaryItem {
    /// A stored roadmap item, with the reasons it is there.
    pub fn new(item: RoadmapItem, reasons: Vec<Reason>) -> SummaryItem {
        SummaryItem {
            id: item.id,
            horizon: item.horizon,
            status: item.status,
            origin: item.origin,
            custom_title: item.custom_title,
            first_step: item.first_step,
            owner: item.owner,
            due: item.due,
            objective: item.objective,
            reasons,
        }
    }

    /// The item as the roadmap stores it, without its reasons.
    pub fn stored(&self) -> RoadmapItem {
        RoadmapItem {
            id: self.id.clone(),
            horizon: self.horizon,
            status: self.status,
            origin: self.origin,
            custom_title: self.custom_title.clone(),
            first_step: self.first_step.clone(),
            owner: self.owner.clone(),
            due: self.due.clone(),
            objective: self.objective.clone(),
        }
    }
}

impl Serialize for RawChoice {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RawChoice::Number(n) if n.fract() == 0.0 && (0.0..=255.0).contains(n) => {
                serializer.serialize_u8(*n as u8)
            }
            RawChoice::Number(n) => serializer.serialize_f64(*n),
            RawChoice::Text(t) => serializer.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for RawChoice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl serde::de::Visitor<'_> for RawVisitor {
            type Value = RawChoice;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a level from 1 to 5, \"unknown\" or \"not_applicable\"")
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawChoice, E> {
                Ok(RawChoice::Number(v as f64))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawChoice, E> {
                Ok(RawChoice::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawChoice, E> {
                Ok(RawChoice::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawChoice, E> {
                Ok(RawChoice::Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(RawVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for RawChoice {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Level".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A maturity level from 1 (Initial) to 5 (Exemplaire), or \"unknown\" (je ne sais pas), or \"not_applicable\".",
            "oneOf": [
                { "type": "integer", "minimum": 1, "maximum": 5 },
                { "type": "string", "enum": ["unknown", "not_applicable"] }
            ]
        })
    }
}

impl From<Choice> for RawChoice {
    fn from(choice: Choice) -> RawChoice {
        match choice {
            Choice::Level(level) => RawChoice::Number(f64::from(level.get())),
            Choice::Unknown => RawChoice::Text("unknown".into()),
            Choice::NotApplicable => RawChoice::Text("not_applicable".into()),
        }
    }
}

impl RawChoice {
    fn to_choice(&self) -> Option<Choice> {
        match self {
            RawChoice::Number(n) if n.fract() == 0.0 && (1.0..=5.0).contains(n) => {
                Level::new(*n as u8).map(Choice::Level)
            }
            RawChoice::Text(t) if t == "unknown" => Some(Choice::Unknown),
            RawChoice::Text(t) if t == "not_applicable" => Some(Choice::NotApplicable),
            _ => None,
        }
    }

    fn describe(&self) -> String {
        match self {
            RawChoice::Number(n) => super::json_tree::float_text(*n),
            RawChoice::Text(t) => format!("\"{}\"", super::assessment::truncate_chars(t, 40)),
        }
    }
}

fn summary_answer(question_id: &str, answer: &Answer) -> SummaryAnswer {
    SummaryAnswer {
        question_id: question_id.to_string(),
        level: answer.choice.map(RawChoice::from),
        note: answer.note.clone(),
        ask: answer.ask.clone(),
    }
}

/// Builds the summary of an assessment. `generated_at` is the current time, ISO 8601 UTC.
pub fn export(framework: &Framework, assessment: &Assessment, generated_at: &str) -> Summary {
    let scores = scoring::score_all(framework, assessment);
    let answers = framework
        .question_ids()
        .filter_map(|q| {
            // A reminder of an earlier round alone is not an answer of this one.
            let answer = assessment.answers.get(q)?;
            (!answer.is_only_a_reminder()).then(|| summary_answer(q, answer))
        })
        .collect();
    // Answers the framework no longer lists are kept, not dropped, so nothing is lost.
    let set_aside_answers = assessment
        .answers
        .iter()
        .filter(|(q, a)| !framework.has_question(q) && !a.is_only_a_reminder())
        .map(|(q, a)| summary_answer(q, a))
        .chain(
            assessment
                .set_aside
                .iter()
                .filter(|s| !s.answer.is_only_a_reminder())
                .map(|s| summary_answer(&s.question_id, &s.answer)),
        )
        .collect();
    Summary {
        format: FORMAT_ID.to_string(),
        schema_version: SCHEMA_VERSION,
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        framework: FrameworkRef {
            id: framework.id.clone(),
            version: framework.version.clone(),
        },
        generated_at: generated_at.to_string(),
        profile: assessment.profile.clone(),
        answers,
        set_aside_answers,
        pillars: scores
            .iter()
            .map(|score| summary_pillar(assessment, score))
            // Settings of pillars this framework does not know are kept, like such answers.
            .chain(
                assessment
                    .pillars
                    .iter()
                    .filter(|(id, _)| framework.pillar(id).is_none())
                    .map(|(id, settings)| SummaryPillar {
                        pillar_id: id.clone(),
                        importance: settings.importance,
                        target_level: settings.target.map(Level::get),
                        score: None,
                        band: None,
                        completion: 0.0,
                        low_confidence: true,
                    }),
            )
            .collect(),
        overall_score: scoring::overall(&scores),
        legal_obligations: obligations::obligations(framework, assessment),
        pst: assessment
            .roadmap
            .as_ref()
            .map(|_| super::pst::build(framework, assessment, &scores)),
        roadmap: assessment.roadmap.as_ref().map(|r| {
            let (focus, later) = roadmap::choose_focus(assessment, &scores);
            let reasons = roadmap::explain_all(framework, assessment, &scores, r);
            SummaryRoadmap {
                focus,
                later,
                edited: r.edited,
                items: r
                    .items
                    .iter()
                    .zip(reasons)
                    .map(|(item, reasons)| SummaryItem::new(item.clone(), reasons))
                    .collect(),
                strategic_objectives: crate::sort::ordered_map(
                    r.strategic_objectives()
                        .map(|(pillar, wording)| (pillar.to_string(), wording.to_string())),
                ),
            }
        }),
    }
}

fn summary_pillar(assessment: &Assessment, score: &PillarScore) -> SummaryPillar {
    let settings = assessment.settings(&score.pillar_id);
    SummaryPillar {
        pillar_id: score.pillar_id.clone(),
        importance: settings.importance,
        target_level: settings.target.map(Level::get),
        score: score.score,
        band: score.band,
        completion: (score.completion * 1000.0).round() / 1000.0,
        low_confidence: score.low_confidence,
    }
}

/// The summary as pretty-printed JSON, the form users download.
pub fn to_json(summary: &Summary) -> String {
    super::summary_json::write_summary(summary)
}

/// `autodiag-<commune-slug>-<YYYY-MM-DD>.json`, then `-<respondent-slug>` when the person who
/// answered is named: a workshop's respondents send files that do not overwrite each other in
/// the facilitator's folder. A summary sent before every question is answered ends in
/// `-partiel`: it carries the assessment's date, as the final one will, and the intercommunale
/// would otherwise receive two files of one name.
pub fn file_name(profile: &Profile, today: &str, complete: bool) -> String {
    let by = super::profile::slug_of(&profile.respondent_name)
        .map(|respondent| format!("-{respondent}"))
        .unwrap_or_default();
    let partial = if complete { "" } else { "-partiel" };
    format!("{}{by}{partial}.json", file_stem(profile, today))
}

/// `autodiag-<commune-slug>-<YYYY-MM-DD>`, dated as the assessment is, else `today`: every
/// file of one diagnostic (summary, PST table, answers) carries the same date in a mail.
pub fn file_stem(profile: &Profile, today: &str) -> String {
    let date = if super::profile::is_iso_date(&profile.date) {
        profile.date.as_str()
    } else {
        today.get(..10).unwrap_or(today)
    };
    format!("autodiag-{}-{date}", super::profile::slug(&profile.commune))
}

/// Why a file could not be imported. Nothing existing changes when this is returned.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    Binary,
    NotJson {
        line: usize,
        column: usize,
    },
    /// The text stops before its JSON is complete: a file cut off while sent or saved.
    Truncated {
        line: usize,
    },
    TooDeep,
    NotAutodiag,
    /// A copy of a browser's answers (`stored::BACKUP_FORMAT`), which the commune reopens
    /// itself, sent where a summary is expected.
    Backup,
    /// The territorial reference IGRETEC sends back (`reference::FORMAT_ID`), which a commune
    /// loads on its results, given where a summary is expected.
    Reference,
    NewerSchema {
        found: u64,
        supported: u32,
    },
    /// A required field is absent; `line` is where its object ends.
    MissingField {
        field: String,
        line: usize,
    },
    /// A value of the wrong type; `field` is the member it is the value of.
    WrongType {
        field: String,
        line: usize,
        column: usize,
    },
    LevelOutOfRange {
        question_id: String,
        value: String,
    },
    DuplicateAnswer {
        question_id: String,
    },
    /// The same pillar appears twice, so its settings would be ambiguous.
    DuplicatePillar {
        pillar_id: String,
    },
    /// A value of the right type but not allowed, such as an unknown importance.
    InvalidValue {
        field: String,
        line: usize,
        column: usize,
    },
    /// A pillar's target level is outside 1 to 5.
    TargetOutOfRange {
        pillar_id: String,
        value: u8,
    },
    /// A summary of another référentiel (`framework.id`): its questions are not ours, even
    /// where an id is the same, so its answers cannot be read or compared as ours.
    OtherFramework {
        id: String,
    },
}

/// A summary read back: the assessment it describes, and what was noticed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub assessment: Assessment,
    /// Question ids the framework does not know, nor any of its migrations: kept in
    /// `assessment.set_aside`.
    pub unknown_questions: Vec<String>,
    /// Current questions whose earlier answer was set aside by a migration: asked again, each
    /// with a note that says why.
    pub asked_again: usize,
    /// The file was written with an older schema version and was migrated.
    pub migrated_from: Option<u32>,
    pub generated_at: String,
    /// The framework version the file was answered with.
    pub framework_version: String,
}

/// Reads a summary file. Scores in the file are ignored and recomputed from the answers.
pub fn import(
    framework: &Framework,
    bytes: &[u8],
    new_id: String,
    now: &str,
) -> Result<Imported, ImportError> {
    let summary = parse(bytes)?;
    to_assessment(framework, summary.0, summary.1, new_id, now)
}

/// Whether the JSON parser, stopped at `at`, stopped only because the text ended there: a file
/// cut off while sent or saved. The text before that point is not yet a whole document, and
/// after it there is nothing but spaces, or only the start of what was being read: a word
/// (`tru`), an escape (`\`, `\u`) or fewer than four hexadecimal digits after `\u`.
fn stopped_by_the_end(text: &str, at: usize) -> bool {
    // The parser may stop inside a character (after a backslash, say): not where a cut was.
    let (Some(before), Some(rest)) = (text.get(..at), text.get(at..)) else {
        return false;
    };
    let rest = rest.trim_end();
    let started = rest.is_empty()
        || ["true", "false", "null", "\\u"]
            .iter()
            .any(|word| word.len() > rest.len() && word.starts_with(rest))
        || (before.ends_with("\\u")
            && rest.len() < 4
            && rest.bytes().all(|b| b.is_ascii_hexdigit()));
    // A whole document followed by anything is not cut: it has something too many.
    started && json_tree::parse(before).is_err()
}

/// A file re-saved by a text editor, as UTF-8: UTF-16 with its byte-order mark, or Windows-1252
/// (Notepad's « ANSI »), which a byte that cannot be UTF-8 before the end gives away. Any other
/// file as it is, so that one cut inside a character still reads as cut.
pub fn as_utf8(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let utf16 = |big_endian: bool| {
        let units = bytes[2..].chunks_exact(2).map(|pair| {
            let pair = [pair[0], pair[1]];
            if big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
    };
    let text = match bytes {
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        _ => match std::str::from_utf8(bytes) {
            Err(error) if error.error_len().is_some() && !bytes.contains(&0) => {
                Some(bytes.iter().map(|&byte| windows_1252(byte)).collect())
            }
            _ => None,
        },
    };
    text.map_or(std::borrow::Cow::Borrowed(bytes), |text| {
        std::borrow::Cow::Owned(text.into_bytes())
    })
}

/// Windows-1252 differs from Latin-1 only from 0x80 to 0x9F (€, ’, œ…).
fn windows_1252(byte: u8) -> char {
    const FROM_0X80: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => FROM_0X80[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// Checks and parses a summary file into the current format, migrating older versions.
/// Returns the summary and the version it was migrated from, if any.
pub fn parse(bytes: &[u8]) -> Result<(Summary, Option<u32>), ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // Cut inside a character: what comes before says whether the file was cut short or
        // is not text at all.
        Err(error) if error.error_len().is_none() => {
            let before = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
            let before = before.trim_start_matches('\u{feff}');
            if nesting_depth(before) > MAX_DEPTH {
                return Err(ImportError::TooDeep);
            }
            // The character cut is not ASCII, so it was inside a string: the parser must have
            // read on to the end of what is left, which is then not a whole document.
            return Err(match json_tree::parse(before) {
                Err(error)
                    if !before.trim().is_empty()
                        && !before.contains('\0')
                        && error.at == before.len() =>
                {
                    ImportError::Truncated {
                        line: json_tree::line_column(before, error.at).0,
                    }
                }
                _ => ImportError::Binary,
            });
        }
        Err(_) => return Err(ImportError::Binary),
    };
    if text.contains('\0') {
        return Err(ImportError::Binary);
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if nesting_depth(text) > MAX_DEPTH {
        return Err(ImportError::TooDeep);
    }
    // A summary is an object: words, a CSV export or a list are none, JSON or not, and the
    // reader is told which file to pick rather than where the syntax failed.
    if !text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        return Err(ImportError::NotAutodiag);
    }

    let tree = json_tree::parse(text).map_err(|error| {
        if error.too_dense {
            // Far more values than a summary of this length holds: not one.
            return ImportError::NotAutodiag;
        }
        let (line, column) = json_tree::line_column(text, error.at);
        if stopped_by_the_end(text, error.at) {
            // The last line that holds anything, where the reader can see the file stop.
            let end = error.at.min(text.trim_end().len());
            return ImportError::Truncated {
                line: json_tree::line_column(text, end).0,
            };
        }
        ImportError::NotJson { line, column }
    })?;
    // Valid JSON that is not an object (an array, a number…) is not a summary either, nor is
    // an object whose `format` is not ours or whose `schema_version` is not a whole number.
    let envelope = Fields::of(&tree).map_err(|_| ImportError::NotAutodiag)?;
    match envelope.get("format") {
        Some(Json::String(f)) if &**f == FORMAT_ID => {}
        Some(Json::String(f)) if &**f == super::stored::BACKUP_FORMAT => {
            return Err(ImportError::Backup);
        }
        Some(Json::String(f)) if &**f == super::reference::FORMAT_ID => {
            return Err(ImportError::Reference);
        }
        _ => return Err(ImportError::NotAutodiag),
    }
    let version = envelope
        .optional("schema_version", Json::whole)
        .map_err(|_| ImportError::NotAutodiag)?
        .ok_or(ImportError::MissingField {
            field: "schema_version".into(),
            line: 1,
        })?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(ImportError::NewerSchema {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let migrated_from = (version < u64::from(SCHEMA_VERSION)).then_some(version as u32);
    // Version 1 differs only by lacking `legal_obligations`, which is computed anyway, and
    // version 2 by lacking the items' `first_step`, `owner` and `due`, which default to none,
    // version 3 by lacking `pst`, computed on export, and version 4 by lacking the items'
    // `objective`, which defaults to none: all parse as the current format. Versions 3, 4 and
    // 5 are numbered apart so that an older app refuses a file whose owners, due dates, PST
    // structure or objectives it would silently drop or refuse. A later version that
    // changes a field dispatches on `version` here: parse older files into their own type and
    // convert them forward.
    let summary = read_summary(&tree);
    // Finding where a fault is parses the text again: free this tree first.
    drop(tree);
    let summary = summary.map_err(|error| shape_error(text, error))?;
    Ok((summary, migrated_from))
}

/// A summary of the wrong shape, told as serde told it: which field is missing, or where
/// the value of the wrong type or not allowed is.
fn shape_error(text: &str, error: ShapeError) -> ImportError {
    let at = json_tree::locate(text, &error.path).unwrap_or(0);
    let (line, column) = json_tree::line_column(text, at);
    // The member whose value is at fault, so the reader knows what to look for on that line.
    let field = error
        .path
        .iter()
        .rev()
        .find_map(|step| match step {
            json_tree::Step::Key(key, _) => Some(key.clone()),
            json_tree::Step::Index(_) => None,
        })
        .unwrap_or_default();
    match error.kind {
        ShapeKind::Missing(field) => ImportError::MissingField { field, line },
        ShapeKind::WrongType(_) => ImportError::WrongType {
            field,
            line,
            column,
        },
        ShapeKind::Invalid(_) => ImportError::InvalidValue {
            field,
            line,
            column,
        },
    }
}

fn to_assessment(
    framework: &Framework,
    summary: Summary,
    migrated_from: Option<u32>,
    new_id: String,
    now: &str,
) -> Result<Imported, ImportError> {
    if summary.framework.id != framework.id {
        return Err(ImportError::OtherFramework {
            id: summary.framework.id,
        });
    }
    let all_answers: Vec<&SummaryAnswer> = summary
        .answers
        .iter()
        .chain(&summary.set_aside_answers)
        .collect();
    let repeated = crate::sort::first_repeat(all_answers.len(), &mut |a, b| {
        all_answers[a].question_id.cmp(&all_answers[b].question_id)
    });
    let mut answers = LiteMap::new_vec();
    let mut set_aside = Vec::new();
    let mut unknown_questions = Vec::new();
    for (index, raw) in all_answers.into_iter().enumerate() {
        // Refused where it stands, so that an earlier answer's fault is named first.
        if repeated == Some(index) {
            return Err(ImportError::DuplicateAnswer {
                question_id: raw.question_id.clone(),
            });
        }
        let choice = match &raw.level {
            None => None,
            Some(level) => Some(
                level
                    .to_choice()
                    .ok_or_else(|| ImportError::LevelOutOfRange {
                        question_id: raw.question_id.clone(),
                        value: level.describe(),
                    })?,
            ),
        };
        let answer = Answer {
            choice,
            note: super::assessment::truncate_chars(&raw.note, super::assessment::MAX_NOTE_CHARS),
            ask: super::assessment::truncate_chars(&raw.ask, super::assessment::MAX_ASK_CHARS),
            ..Answer::default()
        };
        if framework.has_question(&raw.question_id) {
            answers.insert(raw.question_id.clone(), answer);
        } else {
            unknown_questions.push(raw.question_id.clone());
            set_aside.push(SetAsideAnswer {
                question_id: raw.question_id.clone(),
                answer,
            });
        }
    }
    // Read in order, then made a map at once (`unique_map`): a sorted vector filled one
    // pillar at a time would shift for each, and a hostile file lists thousands.
    let duplicate = |pillar_id| ImportError::DuplicatePillar { pillar_id };
    let mut settings = Vec::with_capacity(summary.pillars.len());
    for pillar in &summary.pillars {
        let target = match pillar.target_level {
            None => None,
            Some(value) => match Level::new(value) {
                Some(level) => Some(level),
                None => {
                    // A pillar listed twice before this one is the first fault in the file.
                    crate::sort::unique_map(settings).map_err(duplicate)?;
                    return Err(ImportError::TargetOutOfRange {
                        pillar_id: pillar.pillar_id.clone(),
                        value,
                    });
                }
            },
        };
        settings.push((
            pillar.pillar_id.clone(),
            super::assessment::PillarSettings {
                importance: pillar.importance,
                target,
            },
        ));
    }
    let pillars = crate::sort::unique_map(settings).map_err(duplicate)?;
    let roadmap = summary.roadmap.map(|r| restore_roadmap(framework, r));
    // The answers stand as they did when the file was written: « modifiée le » says that
    // moment, not the import's, so an older file never looks the newest.
    let written = if is_date_time(&summary.generated_at) {
        summary.generated_at.clone()
    } else {
        now.to_string()
    };
    let mut profile = summary.profile;
    // A date typed by hand in the file (« 14/11/2026 ») reads as the app writes it; any other
    // text gives way to the day the file was saved, so that which file is newer compares
    // days, never text.
    if !profile.date.is_empty() && !super::profile::is_iso_date(&profile.date) {
        profile.date = super::profile::read_date(&profile.date)
            .unwrap_or_else(|| written.get(..10).unwrap_or_default().to_string());
    }
    let mut assessment = Assessment {
        id: new_id,
        profile,
        answers,
        pillars,
        roadmap,
        set_aside,
        created_at: now.to_string(),
        updated_at: written.clone(),
        // The file just read is a copy of these answers, made when it was written.
        last_downloaded_at: Some(written),
        changes_since_download: 0,
        revision: 0,
    };
    // A file answered with an older référentiel: renamed questions take their answers back,
    // split ones keep them aside with a note on the new questions. A reminder the file
    // already holds was written before it was saved: that question did not change since.
    let notes_before: Vec<(&str, String)> = framework
        .migrations
        .iter()
        .flat_map(|m| &m.to)
        .map(|id| (id.as_str(), assessment.note(id).to_string()))
        .collect();
    assessment.apply_content_migrations(framework);
    // A question the référentiel renamed or split is not unknown: its answer was carried over,
    // or waits aside while the new questions ask again, each with a note.
    let mut asked_again = Vec::new();
    unknown_questions.retain(|id| {
        let migration = framework.migrations.iter().find(|m| m.from == *id);
        if let Some(m) = migration.filter(|m| !m.keep_level) {
            asked_again.extend(m.to.iter().map(String::as_str));
        }
        migration.is_none()
    });
    crate::sort::sort(&mut asked_again);
    asked_again.dedup();
    let asked_again = asked_again
        .into_iter()
        .filter(|id| assessment.choice(id).is_none())
        .filter(|id| {
            notes_before
                .iter()
                .any(|(question, note)| question == id && *note != assessment.note(id))
        })
        .count();
    Ok(Imported {
        assessment,
        unknown_questions,
        asked_again,
        migrated_from,
        generated_at: summary.generated_at,
        framework_version: summary.framework.version,
    })
}

fn restore_roadmap(framework: &Framework, summary: SummaryRoadmap) -> Roadmap {
    let items = summary
        .items
        .into_iter()
        .map(|item| {
            let mut restored = item.stored();
            // A crafted file cannot hold more than the app lets anyone type.
            restored.bound();
            restored
        })
        .collect();
    let mut roadmap = Roadmap::restore(items, summary.edited);
    // Only pillars and questions this framework has; the wording is bounded as when typed.
    for (key, wording) in &summary.strategic_objectives {
        if framework.pillar(key).is_some() || framework.has_question(key) {
            roadmap.set_strategic_objective(key, wording);
        }
    }
    roadmap
}

/// The deepest nesting of arrays and objects, counted without parsing.
pub fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Whether `text` is a UTC time as Autodiag writes it, `2026-12-05T06:10:00.000Z`, with
/// optional seconds and milliseconds: what compares as text with the times written here.
fn is_date_time(text: &str) -> bool {
    let Some(clock) = text.strip_suffix('Z') else {
        return false;
    };
    let (Some(date), Some(time)) = (clock.get(..10), clock.get(11..)) else {
        return false;
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    // Two digits, never a sign: `"+5".parse::<u8>()` is 5.
    let two = |at: usize| {
        time.get(at..at + 2)
            .filter(|t| digits(t))
            .and_then(|t| t.parse::<u8>().ok())
    };
    let seconds_ok = match time.get(5..) {
        Some("") => true,
        Some(rest) => {
            let (seconds, millis) = rest.split_once('.').unwrap_or((rest, "000"));
            seconds.len() == 3
                && seconds.starts_with(':')
                && two(6).is_some_and(|s| s < 60)
                && millis.len() <= 3
                && digits(millis)
        }
        None => false,
    };
    super::profile::is_iso_date(date)
        && clock.as_bytes()[10] == b'T'
        && time.as_bytes().get(2) == Some(&b':')
        && two(0).is_some_and(|h| h < 24)
        && two(3).is_some_and(|m| m < 60)
        && seconds_ok
}
