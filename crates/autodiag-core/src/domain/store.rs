//! Reading and writing assessments through any key–value store: the browser's local storage
//! in the app, [`MemoryStore`] in tests. The sync, conflict and backup rules live here, so they
//! are tested natively; the browser side only implements [`KeyValueStore`].
//!
//! Reading never turns an error into silent empty data: an unreadable value is copied under a
//! backup key, reported, and left untouched. Writing is per assessment, so each write is small
//! and atomic, and a failed write (quota, private mode) keeps both the stored copy and the
//! in-memory state intact.

use super::assessment::Assessment;
use super::stored::{self, DecodeError, Prefs};
use super::workspace::Workspace;
use litemap::LiteMap;

/// The few operations Autodiag needs from a store. None of them may panic.
pub trait KeyValueStore {
    /// Every key, in any order.
    fn keys(&self) -> Vec<String>;
    fn get(&self, key: &str) -> Option<String>;
    /// Fails when the store refuses the value, for example when it is full.
    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused>;
    fn remove(&mut self, key: &str);
}

/// A store refused a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

/// A stored value that could not be read, kept aside for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    pub key: String,
    /// Where a copy of the raw value was saved, if the copy succeeded.
    pub backup_key: Option<String>,
    pub raw: String,
    pub reason: DecodeError,
}

/// Everything read at start.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Read {
    pub workspace: Workspace,
    pub prefs: Prefs,
    pub recovered: Vec<Recovered>,
    pub trash: Option<Assessment>,
    /// The trash holds a copy that an imported file replaced, not a deleted assessment.
    pub trash_replaced: bool,
    /// Each assessment's stored encoding, by id: what this tab last read.
    pub encodings: LiteMap<String, String>,
}

/// The result of writing changes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SyncReport {
    /// Something was written.
    pub saved: bool,
    pub quota_exceeded: bool,
    /// Assessments changed in another tab since this tab last read or wrote them.
    pub conflicts: Vec<Assessment>,
    /// The encoding of every assessment that changed, by id, written or not: the crash
    /// banner's download offers them even when storage refused them.
    pub encoded: Vec<(String, String)>,
    /// Assessments no longer in the workspace, removed from the store.
    pub removed: Vec<String>,
}

/// Reads every assessment, the preferences and the trash.
pub fn read(store: &mut impl KeyValueStore) -> Read {
    let mut keys: Vec<String> = store
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(stored::ASSESSMENT_PREFIX))
        .collect();
    crate::sort::sort(&mut keys);
    let mut read = Read::default();
    for key in keys {
        let Some(raw) = store.get(&key) else { continue };
        match stored::decode_assessment(&raw) {
            Ok(assessment) => {
                read.encodings.insert(assessment.id.clone(), raw);
                read.workspace.assessments.push(assessment);
            }
            Err(reason) => read.recovered.push(Recovered {
                backup_key: back_up(store, &key, &raw),
                key,
                raw,
                reason,
            }),
        }
    }
    crate::sort::sort_by(&mut read.workspace.assessments, |a, b| {
        a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id))
    });
    read.prefs = Prefs {
        lang: store.get(stored::LANG_KEY),
        current: store.get(stored::CURRENT_KEY),
    };
    read.trash = store
        .get(stored::TRASH_KEY)
        .and_then(|raw| stored::decode_assessment(&raw).ok());
    read.trash_replaced = read.trash.as_ref().is_some_and(|trash| {
        store.get(stored::TRASH_REPLACED_KEY).as_deref() == Some(trash.id.as_str())
    });
    read
}

/// Copies an unreadable value under a backup key, unless an identical copy exists.
pub fn back_up(store: &mut impl KeyValueStore, key: &str, raw: &str) -> Option<String> {
    let base = format!("{}{}", stored::BACKUP_PREFIX, key);
    let mut candidate = base.clone();
    for attempt in 1..100 {
        match store.get(&candidate) {
            Some(existing) if existing == raw => return Some(candidate),
            Some(_) => candidate = format!("{base}.{attempt}"),
            None => return store.set(&candidate, raw).ok().map(|_| candidate),
        }
    }
    None
}

/// Writes what changed since the last sync. `written` holds, per assessment id, the revision
/// last read from or written to the store by this tab. Without a store (`None`: the browser
/// refuses storage), nothing is written but the encodings are still reported.
pub fn sync(
    mut store: Option<&mut dyn KeyValueStore>,
    workspace: &Workspace,
    written: &mut LiteMap<String, u64>,
) -> SyncReport {
    let mut report = SyncReport::default();
    for assessment in &workspace.assessments {
        if written.get(&assessment.id) == Some(&assessment.revision) {
            continue;
        }
        let encoded = stored::encode_assessment(assessment);
        report
            .encoded
            .push((assessment.id.clone(), encoded.clone()));
        let Some(store) = store.as_deref_mut() else {
            continue;
        };
        let key = stored::assessment_key(&assessment.id);
        if let Some(theirs) = changed_elsewhere(store, &key, written.get(&assessment.id).copied()) {
            report.conflicts.push(theirs);
            continue;
        }
        match store.set(&key, &encoded) {
            Ok(()) => {
                written.insert(assessment.id.clone(), assessment.revision);
                report.saved = true;
            }
            Err(Refused) => report.quota_exceeded = true,
        }
    }
    let removed: Vec<String> = written
        .keys()
        .filter(|id| workspace.get(id).is_none())
        .cloned()
        .collect();
    for id in removed {
        written.remove(&id);
        if let Some(store) = store.as_deref_mut() {
            store.remove(&stored::assessment_key(&id));
            report.saved = true;
        }
        report.removed.push(id);
    }
    report
}

/// The stored assessment, if another tab wrote a revision this tab has not seen.
fn changed_elsewhere(
    store: &dyn KeyValueStore,
    key: &str,
    known_revision: Option<u64>,
) -> Option<Assessment> {
    let raw = store.get(key)?;
    let theirs = stored::decode_assessment(&raw).ok()?;
    match known_revision {
        Some(known) if theirs.revision != known => Some(theirs),
        // Never seen by this tab, yet present: created elsewhere under the same id.
        None => Some(theirs),
        _ => None,
    }
}

/// Writes the preferences; false if the store refused one.
pub fn save_prefs(store: &mut impl KeyValueStore, prefs: &Prefs) -> bool {
    [
        (stored::LANG_KEY, &prefs.lang),
        (stored::CURRENT_KEY, &prefs.current),
    ]
    .into_iter()
    .all(|(key, value)| match value {
        Some(value) => store.set(key, value).is_ok(),
        None => {
            store.remove(key);
            true
        }
    })
}

/// A store in memory, for tests: optionally as small as a full browser's.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    pub values: LiteMap<String, String>,
    /// Refuses a write that would take the total size of keys and values over this.
    pub quota: Option<usize>,
}

impl KeyValueStore for MemoryStore {
    fn keys(&self) -> Vec<String> {
        self.values.keys().cloned().collect()
    }

    fn get(&self, key: &str) -> Option<String> {
        self.values.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused> {
        if let Some(quota) = self.quota {
            let others: usize = self
                .values
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if others + key.len() + value.len() > quota {
                return Err(Refused);
            }
        }
        self.values.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        self.values.remove(key);
    }
}
