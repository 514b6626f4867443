//! The only code that touches the browser's local storage.
//!
//! Reading never turns an error into silent empty data: an unreadable value is copied under a
//! backup key, reported, and left untouched. Writing is per assessment, so each write is small
//! and atomic, and a failed write (quota, private mode) keeps both the stored copy and the
//! in-memory state intact.

use crate::domain::assessment::Assessment;
use crate::domain::stored::{self, DecodeError, Prefs};
use crate::domain::workspace::Workspace;
use gloo_storage::{LocalStorage, Storage};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// A stored value that could not be read, kept aside for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    pub key: String,
    /// Where a copy of the raw value was saved, if the copy succeeded.
    pub backup_key: Option<String>,
    pub raw: String,
    pub reason: DecodeError,
}

/// What the app starts from.
pub struct Loaded {
    pub workspace: Workspace,
    pub prefs: Prefs,
    pub recovered: Vec<Recovered>,
    /// False when the browser refuses storage: the app then works in memory.
    pub available: bool,
    pub trash: Option<Assessment>,
}

/// The result of writing changes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SyncReport {
    /// Something was written.
    pub saved: bool,
    pub quota_exceeded: bool,
    /// Assessments changed in another tab since this tab last read or wrote them.
    pub conflicts: Vec<Assessment>,
}

thread_local! {
    /// The latest encoding of every assessment, for the crash banner's download. The storage
    /// effect already encodes each change, so keeping it costs nothing more.
    static LATEST: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
    static AVAILABLE: RefCell<Option<bool>> = const { RefCell::new(None) };
}

/// Whether local storage works here. Checked once: access can throw in private modes or when
/// the user blocks site data.
pub fn is_available() -> bool {
    AVAILABLE.with(|cached| {
        *cached.borrow_mut().get_or_insert_with(|| {
            let Some(window) = web_sys::window() else {
                return false;
            };
            match window.local_storage() {
                Ok(Some(storage)) => {
                    let probe = "autodiag.probe";
                    storage.set_item(probe, "1").is_ok() && storage.remove_item(probe).is_ok()
                }
                _ => false,
            }
        })
    })
}

fn raw_get(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Reads every assessment and the preferences.
pub fn load() -> Loaded {
    if !is_available() {
        return Loaded {
            workspace: Workspace {
                assessments: from_window_name(),
            },
            prefs: Prefs::default(),
            recovered: Vec::new(),
            available: false,
            trash: None,
        };
    }
    let storage = LocalStorage::raw();
    let length = storage.length().unwrap_or(0);
    let mut keys: Vec<String> = (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect();
    keys.sort_unstable();
    let mut assessments = Vec::new();
    let mut recovered = Vec::new();
    for key in keys
        .iter()
        .filter(|k| k.starts_with(stored::ASSESSMENT_PREFIX))
    {
        let Some(raw) = raw_get(key) else { continue };
        match stored::decode_assessment(&raw) {
            Ok(assessment) => {
                remember(&assessment.id, raw);
                assessments.push(assessment);
            }
            Err(reason) => recovered.push(Recovered {
                backup_key: back_up(key, &raw),
                key: key.clone(),
                raw,
                reason,
            }),
        }
    }
    assessments.sort_unstable_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    let prefs = Prefs {
        lang: raw_get(stored::LANG_KEY),
        current: raw_get(stored::CURRENT_KEY),
    };
    let trash = raw_get(stored::TRASH_KEY).and_then(|raw| stored::decode_assessment(&raw).ok());
    Loaded {
        workspace: Workspace { assessments },
        prefs,
        recovered,
        available: true,
        trash,
    }
}

/// Copies an unreadable value under a backup key, unless an identical copy exists.
fn back_up(key: &str, raw: &str) -> Option<String> {
    let base = format!("{}{}", stored::BACKUP_PREFIX, key);
    let mut candidate = base.clone();
    for attempt in 1..100 {
        match raw_get(&candidate) {
            Some(existing) if existing == raw => return Some(candidate),
            Some(_) => candidate = format!("{base}.{attempt}"),
            None => {
                return LocalStorage::raw()
                    .set_item(&candidate, raw)
                    .ok()
                    .map(|_| candidate);
            }
        }
    }
    None
}

/// Without storage, the answers still cross from one bundle's page to the other's in
/// `window.name`, which a tab keeps across page loads of the same site.
const WINDOW_NAME_PREFIX: &str = "autodiag:";

fn from_window_name() -> Vec<Assessment> {
    let name = web_sys::window()
        .and_then(|w| w.name().ok())
        .unwrap_or_default();
    name.strip_prefix(WINDOW_NAME_PREFIX)
        .and_then(|json| stored::decode_backup(json).ok())
        .unwrap_or_default()
}

fn to_window_name() {
    if let (Some(window), Some(json)) = (web_sys::window(), backup_json()) {
        let _ = window.set_name(&format!("{WINDOW_NAME_PREFIX}{json}"));
    }
}

/// Removes a broken value once the user has asked to, after downloading it or not.
pub fn discard(key: &str) {
    if is_available() {
        let _ = LocalStorage::raw().remove_item(key);
    }
}

fn remember(id: &str, encoded: String) {
    LATEST.with(|latest| {
        latest.borrow_mut().insert(id.to_string(), encoded);
    });
}

/// Every assessment known to this tab as a backup file the import understands. Used by the
/// crash banner, so it must not panic: it gives up rather than wait for a busy borrow.
pub fn backup_json() -> Option<String> {
    LATEST.with(|latest| {
        let latest = latest.try_borrow().ok()?;
        let records: Vec<&str> = latest.values().map(String::as_str).collect();
        Some(format!(
            "{{\"format\":\"{}\",\"storage_version\":{},\"assessments\":[{}]}}",
            stored::BACKUP_FORMAT,
            stored::STORAGE_VERSION,
            records.join(",")
        ))
    })
}

/// Writes what changed since the last sync. `written` holds, per assessment id, the revision
/// last read from or written to storage by this tab.
pub fn sync(workspace: &Workspace, written: &mut BTreeMap<String, u64>) -> SyncReport {
    let mut report = SyncReport::default();
    let available = is_available();
    for assessment in &workspace.assessments {
        if written.get(&assessment.id) == Some(&assessment.revision) {
            continue;
        }
        let encoded = stored::encode_assessment(assessment);
        remember(&assessment.id, encoded.clone());
        if !available {
            continue;
        }
        let key = stored::assessment_key(&assessment.id);
        if let Some(theirs) = changed_elsewhere(&key, written.get(&assessment.id).copied()) {
            report.conflicts.push(theirs);
            continue;
        }
        match LocalStorage::raw().set_item(&key, &encoded) {
            Ok(()) => {
                written.insert(assessment.id.clone(), assessment.revision);
                report.saved = true;
            }
            Err(_) => report.quota_exceeded = true,
        }
    }
    let removed: Vec<String> = written
        .keys()
        .filter(|id| workspace.get(id).is_none())
        .cloned()
        .collect();
    for id in removed {
        written.remove(&id);
        LATEST.with(|latest| latest.borrow_mut().remove(&id));
        if available {
            let _ = LocalStorage::raw().remove_item(&stored::assessment_key(&id));
            report.saved = true;
        }
    }
    if !available {
        to_window_name();
    }
    report
}

/// The stored assessment, if another tab wrote a revision this tab has not seen.
fn changed_elsewhere(key: &str, known_revision: Option<u64>) -> Option<Assessment> {
    let raw = raw_get(key)?;
    let theirs = stored::decode_assessment(&raw).ok()?;
    match known_revision {
        Some(known) if theirs.revision != known => Some(theirs),
        // Never seen by this tab, yet present: created elsewhere under the same id.
        None => Some(theirs),
        _ => None,
    }
}

/// Keeps the last deleted assessment, so an undo works even after a reload.
pub fn put_in_trash(assessment: &Assessment) {
    if is_available() {
        let _ =
            LocalStorage::raw().set_item(stored::TRASH_KEY, &stored::encode_assessment(assessment));
    }
}

pub fn empty_trash() {
    discard(stored::TRASH_KEY);
}

pub fn save_prefs(prefs: &Prefs) -> bool {
    if !is_available() {
        return false;
    }
    let storage = LocalStorage::raw();
    [
        (stored::LANG_KEY, &prefs.lang),
        (stored::CURRENT_KEY, &prefs.current),
    ]
    .into_iter()
    .all(|(key, value)| match value {
        Some(value) => storage.set_item(key, value).is_ok(),
        None => storage.remove_item(key).is_ok(),
    })
}

/// An assessment as another tab just wrote it, or `None` if the key is not an assessment's.
pub enum ExternalChange {
    Updated(Box<Assessment>),
    Removed(String),
    Unreadable,
}

/// Interprets a `storage` event from another tab.
pub fn external_change(key: &str, new_value: Option<String>) -> Option<ExternalChange> {
    let id = key.strip_prefix(stored::ASSESSMENT_PREFIX)?;
    Some(match new_value {
        None => ExternalChange::Removed(id.to_string()),
        Some(raw) => match stored::decode_assessment(&raw) {
            Ok(assessment) => {
                remember(&assessment.id, raw);
                ExternalChange::Updated(Box::new(assessment))
            }
            Err(_) => ExternalChange::Unreadable,
        },
    })
}
