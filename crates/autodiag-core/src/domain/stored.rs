//! How assessments and preferences are written to the browser's storage, and read back.
//!
//! Each assessment has its own key, so a write is small and atomic: reloading at any moment
//! finds either the previous or the new version of an assessment, never half of one.
//! Every stored value carries a version; older versions migrate forward on reading.

use super::assessment::Assessment;
use super::json_tree::{self, Fields, Json, JsonWriter, ShapeError, list_of};
use super::stored_json::{read_assessment, write_assessment};

/// Bump when the stored shape changes, add a migration below and keep a fixture in the tests.
pub const STORAGE_VERSION: u32 = 1;
pub const ASSESSMENT_PREFIX: &str = "autodiag.assessment.";
/// The last deleted assessment, so that an undo survives a reload.
pub const TRASH_KEY: &str = "autodiag.trash";
/// The id of the assessment in the trash when an imported file replaced it, rather than the
/// user deleting it: after a reload, the notice still says « remplacée », not « supprimée ».
/// An id, not a flag: a trash written without it (a failed write, an older tab) is not taken
/// for a replaced copy.
pub const TRASH_REPLACED_KEY: &str = "autodiag.trash.replaced";
/// Unreadable values are copied here before anything else happens to them.
pub const BACKUP_PREFIX: &str = "autodiag.backup.";

/// A workshop's consolidation in progress, in the tab's own storage (`sessionStorage`).
pub const WORKSHOP_KEY: &str = "autodiag.workshop";
/// A copy of the last workshop not yet saved, in the browser's storage: a tab closed by mistake
/// mid-workshop loses nothing, and the page offers it back rather than opening it.
pub const UNSAVED_WORKSHOP_KEY: &str = "autodiag.workshop.unsaved";
/// When a tab holding a workshop last said it was open (milliseconds since 1970): another tab
/// then does not offer to take that workshop up, and the two never diverge.
pub const LIVE_WORKSHOP_KEY: &str = "autodiag.workshop.live";
/// In the tab's own storage: the question whose discussion slide the tab was projecting, so
/// that a reload (a clicker's F5) takes the room back to it rather than to the page's top.
pub const PROJECTED_SLIDE_KEY: &str = "autodiag.workshop.slide";
/// In the tab's own storage: the projector's slide, as « assessment id:index ». A change made in
/// another window redraws the projector, and leaving it to correct an answer and coming back
/// must not take the room back to the first slide.
pub const PROJECTOR_SLIDE_KEY: &str = "autodiag.projector.slide";

/// The respondents a facilitator loaded and the levels the group chose (`None`: « — »), so
/// that leaving the page, going back or reloading loses none of a workshop's work.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workshop {
    pub respondents: Vec<Assessment>,
    pub decisions: litemap::LiteMap<String, Option<super::assessment::Choice>>,
    /// The synthesis's name as the facilitator typed it; empty until then.
    pub name: String,
}

pub fn encode_workshop(workshop: &Workshop) -> String {
    let mut out = JsonWriter::new("");
    out.open('{');
    out.key("storage_version").whole(u64::from(STORAGE_VERSION));
    out.key("respondents")
        .list(&workshop.respondents, write_assessment);
    out.key("decisions")
        .map(&workshop.decisions, |out, decision| match decision {
            Some(choice) => super::stored_json::write_choice(out, *choice),
            None => out.null(),
        });
    if !workshop.name.is_empty() {
        out.key("name").string(&workshop.name);
    }
    out.close('}');
    out.out
}

/// `None` for anything this version did not write: the workshop then starts empty, as it
/// did before it was kept.
pub fn decode_workshop(raw: &str) -> Option<Workshop> {
    let value = json_tree::parse(raw).ok()?;
    let fields = Fields::of(&value).ok()?;
    if fields.required("storage_version", Json::whole).ok()? != u64::from(STORAGE_VERSION) {
        return None;
    }
    let respondents = fields
        .required("respondents", |v| list_of(v, read_assessment))
        .ok()?;
    let decisions = fields
        .required("decisions", |v| {
            json_tree::map_of(v, |decision| match decision {
                Json::Null => Ok(None),
                other => super::stored_json::choice(other).map(Some),
            })
        })
        .ok()?;
    Some(Workshop {
        respondents,
        decisions,
        // Kept by a later version than the first: a workshop without one keeps the default.
        name: fields.or_default("name", Json::string).unwrap_or_default(),
    })
}

/// In the browser's storage: what was typed in the roadmap's editors and not yet saved, so
/// that closing the tab, or going to the questionnaire and back, loses none of it.
pub const UNSAVED_ROADMAP_KEY: &str = "autodiag.roadmap.unsaved";

/// The fields of a roadmap item's editor, in order: title, first step, owner, due date,
/// objective; `None` for a field left as it was.
pub type TypedFields = [Option<String>; 5];

/// The item editors open when an assessment's roadmap was last drawn: that assessment's id,
/// then by item, the fields changed and not yet saved; and the commune's own action typed and
/// not yet added.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnsavedRoadmapEdits {
    pub assessment: String,
    pub items: Vec<(String, TypedFields)>,
    pub custom: String,
}

impl UnsavedRoadmapEdits {
    /// Nothing typed and no editor open: nothing to keep.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.custom.is_empty()
    }
}

pub fn encode_unsaved_roadmap_edits(edits: &UnsavedRoadmapEdits) -> String {
    let mut out = JsonWriter::new("");
    out.open('{');
    out.key("storage_version").whole(u64::from(STORAGE_VERSION));
    out.text("assessment", &edits.assessment);
    out.key("items").list(&edits.items, |out, (id, fields)| {
        out.open('{');
        out.text("id", id);
        out.key("fields").list(fields, |out, field| match field {
            Some(text) => out.string(text),
            None => out.null(),
        });
        out.close('}');
    });
    out.text("custom", &edits.custom);
    out.close('}');
    out.out
}

/// `None` for anything this version did not write: the editors then open as saved.
pub fn decode_unsaved_roadmap_edits(raw: &str) -> Option<UnsavedRoadmapEdits> {
    let value = json_tree::parse(raw).ok()?;
    let fields = Fields::of(&value).ok()?;
    if fields.required("storage_version", Json::whole).ok()? != u64::from(STORAGE_VERSION) {
        return None;
    }
    let items = fields
        .required("items", |items| {
            list_of(items, |item| {
                let item = Fields::of(item)?;
                let typed = item.required("fields", |fields| {
                    list_of(fields, |field| match field {
                        Json::Null => Ok(None),
                        other => other.string().map(Some),
                    })
                })?;
                Ok((item.required("id", Json::string)?, typed))
            })
        })
        .ok()?;
    let mut kept = Vec::new();
    for (id, typed) in items {
        // Five fields exactly: another count is not this version's editor.
        let typed: TypedFields = typed.try_into().ok()?;
        kept.push((id, typed));
    }
    Some(UnsavedRoadmapEdits {
        assessment: fields.required("assessment", Json::string).ok()?,
        items: kept,
        custom: fields.required("custom", Json::string).ok()?,
    })
}

pub fn assessment_key(id: &str) -> String {
    format!("{ASSESSMENT_PREFIX}{id}")
}

/// Why a stored value could not be read. The raw value is kept and offered for download.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    /// Not JSON at all: truncated or hand-edited.
    Unparseable,
    /// Written by a newer version of Autodiag.
    FromTheFuture { version: u64 },
    /// JSON, but not the shape of this version.
    Invalid { detail: String },
}

pub fn encode_assessment(assessment: &Assessment) -> String {
    // One member per line and no indentation, as serde_json's pretty printer with an empty
    // indent wrote it: storage space matters more than reading it by eye.
    let mut out = JsonWriter::new("");
    out.open('{');
    out.key("storage_version").whole(u64::from(STORAGE_VERSION));
    write_assessment(out.key("assessment"), assessment);
    out.close('}');
    out.out
}

/// Text that is not JSON is `Unparseable`; JSON of the wrong shape is `Invalid`, and so is
/// a text far denser in values than any assessment.
fn parse(raw: &str) -> Result<Json, DecodeError> {
    json_tree::parse(raw).map_err(|error| {
        if error.too_dense {
            DecodeError::Invalid {
                detail: "more values than an assessment of this length holds".into(),
            }
        } else {
            DecodeError::Unparseable
        }
    })
}

fn invalid(error: ShapeError) -> DecodeError {
    DecodeError::Invalid {
        detail: error.to_string(),
    }
}

/// A record's `storage_version`, which must be there.
fn version(fields: &Fields) -> Result<u64, DecodeError> {
    fields
        .optional("storage_version", Json::whole)
        .map_err(invalid)?
        .ok_or_else(|| DecodeError::Invalid {
            detail: "storage_version is missing".into(),
        })
}

/// Reads a stored assessment, migrating older versions.
pub fn decode_assessment(raw: &str) -> Result<Assessment, DecodeError> {
    let value = parse(raw)?;
    let fields = Fields::of(&value).map_err(invalid)?;
    let version = version(&fields)?;
    if version > u64::from(STORAGE_VERSION) {
        return Err(DecodeError::FromTheFuture { version });
    }
    // Version 1 is current. A future version 2 dispatches on `version` here, reading older
    // records into their own type and converting them forward.
    // Answers to questions the référentiel has since renamed or split carry over here, so
    // every screen sees them under the current questions.
    let mut assessment = fields
        .required("assessment", read_assessment)
        .map_err(invalid)?;
    assessment.apply_content_migrations(super::content::framework());
    Ok(assessment)
}

/// Choices that belong to this browser rather than to an assessment. Kept as plain strings
/// under their own keys: nothing to parse, nothing to migrate.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prefs {
    /// Interface language code, such as "fr".
    pub lang: Option<String>,
    /// The assessment open last.
    pub current: Option<String>,
}

pub const LANG_KEY: &str = "autodiag.lang";
pub const CURRENT_KEY: &str = "autodiag.current";

/// The `format` of a backup file: every assessment of a browser, as stored.
pub const BACKUP_FORMAT: &str = "autodiag-backup";

/// Reads a backup file written by the crash banner.
pub fn decode_backup(text: &str) -> Result<Vec<Assessment>, DecodeError> {
    let value = parse(text)?;
    let fields = Fields::of(&value).map_err(invalid)?;
    let format = fields.required("format", Json::string).map_err(invalid)?;
    let records = fields
        .required("assessments", |records| {
            list_of(records, |record| {
                let fields = Fields::of(record)?;
                let version = fields.required("storage_version", Json::whole_u32)?;
                Ok((version, fields.required("assessment", read_assessment)?))
            })
        })
        .map_err(invalid)?;
    if format != BACKUP_FORMAT {
        return Err(DecodeError::Invalid {
            detail: format!(
                "format \"{}\" is not \"{BACKUP_FORMAT}\"",
                super::format::truncate_chars(&format, 40)
            ),
        });
    }
    if let Some((newer, _)) = records
        .iter()
        .find(|(version, _)| *version > STORAGE_VERSION)
    {
        return Err(DecodeError::FromTheFuture {
            version: u64::from(*newer),
        });
    }
    Ok(records
        .into_iter()
        .map(|(_, assessment)| assessment)
        .collect())
}
