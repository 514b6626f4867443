//! How assessments and preferences are written to the browser's storage, and read back.
//!
//! Each assessment has its own key, so a write is small and atomic: reloading at any moment
//! finds either the previous or the new version of an assessment, never half of one.
//! Every stored value carries a version; older versions migrate forward on reading.

use super::assessment::Assessment;
use serde::{Deserialize, Serialize};

/// Bump when the stored shape changes, add a migration below and keep a fixture in the tests.
pub const STORAGE_VERSION: u32 = 1;
pub const ASSESSMENT_PREFIX: &str = "autodiag.assessment.";
/// The last deleted assessment, so that an undo survives a reload.
pub const TRASH_KEY: &str = "autodiag.trash";
/// Unreadable values are copied here before anything else happens to them.
pub const BACKUP_PREFIX: &str = "autodiag.backup.";

pub fn assessment_key(id: &str) -> String {
    format!("{ASSESSMENT_PREFIX}{id}")
}

/// One stored assessment. No `#[serde(flatten)]`: it would buffer every value through
/// serde's generic content type, which costs code size in the wasm.
#[derive(Serialize, Deserialize)]
struct StoredAssessment {
    storage_version: u32,
    assessment: Assessment,
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
    // No indentation: storage space matters more than reading it by eye.
    super::json::to_string(
        &StoredAssessment {
            storage_version: STORAGE_VERSION,
            assessment: assessment.clone(),
        },
        b"",
    )
}

/// Classifies a parse error: JSON of the wrong shape is `Invalid`, anything else
/// `Unparseable`. serde_json calls some shape errors syntax errors, so ask the JSON itself.
fn classify(raw: &str, error: serde_json::Error) -> DecodeError {
    if serde_json::from_str::<serde::de::IgnoredAny>(raw).is_ok() {
        DecodeError::Invalid {
            detail: error.to_string(),
        }
    } else {
        DecodeError::Unparseable
    }
}

/// Reads a stored assessment, migrating older versions.
pub fn decode_assessment(raw: &str) -> Result<Assessment, DecodeError> {
    #[derive(Deserialize)]
    struct Version {
        storage_version: Option<u64>,
    }
    let version = serde_json::from_str::<Version>(raw)
        .map_err(|e| classify(raw, e))?
        .storage_version
        .ok_or(DecodeError::Invalid {
            detail: "storage_version is missing".into(),
        })?;
    if version > u64::from(STORAGE_VERSION) {
        return Err(DecodeError::FromTheFuture { version });
    }
    // Version 1 is current. A future version 2 dispatches on `version` here, parsing older
    // records into their own type and converting them forward.
    // Answers to questions the référentiel has since renamed or split carry over here, so
    // every screen sees them under the current questions.
    serde_json::from_str::<StoredAssessment>(raw)
        .map(|stored| {
            let mut assessment = stored.assessment;
            assessment.apply_content_migrations(super::content::framework());
            assessment
        })
        .map_err(|e| classify(raw, e))
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
    #[derive(Deserialize)]
    struct Backup {
        format: String,
        assessments: Vec<StoredAssessment>,
    }
    let backup: Backup = serde_json::from_str(text).map_err(|e| classify(text, e))?;
    if backup.format != BACKUP_FORMAT {
        return Err(DecodeError::Invalid {
            detail: format!("format {:?} is not {BACKUP_FORMAT:?}", backup.format),
        });
    }
    if let Some(newer) = backup
        .assessments
        .iter()
        .find(|record| record.storage_version > STORAGE_VERSION)
    {
        return Err(DecodeError::FromTheFuture {
            version: u64::from(newer.storage_version),
        });
    }
    Ok(backup
        .assessments
        .into_iter()
        .map(|record| record.assessment)
        .collect())
}
