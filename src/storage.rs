//! The browser's local storage, behind the core's [`KeyValueStore`]: the sync, conflict and
//! backup rules are `domain::store`'s, tested natively with an in-memory store. This file only
//! reaches the browser (through gloo-storage's non-panicking `raw()` API), keeps the latest
//! encodings for the crash banner, and carries answers in `window.name` when storage is refused.

use crate::domain::assessment::Assessment;
use crate::domain::store::{self, KeyValueStore, Refused};
use crate::domain::stored::{self, Prefs};
use crate::domain::workspace::Workspace;
use autodiag_core::LiteMap;
use gloo_storage::{LocalStorage, Storage};
use std::cell::RefCell;

pub use crate::domain::store::{Recovered, SyncReport};

/// What the app starts from.
pub struct Loaded {
    pub workspace: Workspace,
    pub prefs: Prefs,
    pub recovered: Vec<Recovered>,
    /// False when the browser refuses storage: the app then works in memory.
    pub available: bool,
    pub trash: Option<Assessment>,
    /// The trash holds a copy that an imported file replaced.
    pub trash_replaced: bool,
}

thread_local! {
    /// The latest encoding of every assessment, for the crash banner's download. The storage
    /// effect already encodes each change, so keeping it costs nothing more.
    static LATEST: RefCell<LiteMap<String, String>> = const { RefCell::new(LiteMap::new_vec()) };
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

/// The browser's local storage as the core sees it.
struct BrowserStore;

impl KeyValueStore for BrowserStore {
    fn keys(&self) -> Vec<String> {
        let storage = LocalStorage::raw();
        let length = storage.length().unwrap_or(0);
        (0..length)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect()
    }

    fn get(&self, key: &str) -> Option<String> {
        LocalStorage::raw().get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused> {
        LocalStorage::raw()
            .set_item(key, value)
            .map_err(|_| Refused)
    }

    fn remove(&mut self, key: &str) {
        let _ = LocalStorage::raw().remove_item(key);
    }
}

/// The interface language the user chose, read before anything else loads.
pub fn preferred_language() -> Option<String> {
    is_available()
        .then(|| {
            LocalStorage::raw()
                .get_item(stored::LANG_KEY)
                .ok()
                .flatten()
        })
        .flatten()
}

/// Reads every assessment and the preferences.
pub fn load() -> Loaded {
    if !is_available() {
        let assessments = from_window_name();
        // Known to the backup as read, like those read from storage: the first sync writes
        // only what changed, and the window's name must still carry every one to the other
        // bundle's page.
        for assessment in &assessments {
            remember(&assessment.id, stored::encode_assessment(assessment));
        }
        return Loaded {
            workspace: Workspace { assessments },
            prefs: Prefs::default(),
            recovered: Vec::new(),
            available: false,
            trash: None,
            trash_replaced: false,
        };
    }
    let read = store::read(&mut BrowserStore);
    for (id, raw) in read.encodings {
        remember(&id, raw);
    }
    let mut prefs = read.prefs;
    if let Some(own) = tab_storage().and_then(|tab| tab.get_item(stored::CURRENT_KEY).ok()?)
        && read.workspace.get(&own).is_some()
    {
        prefs.current = Some(own);
    }
    Loaded {
        workspace: read.workspace,
        prefs,
        recovered: read.recovered,
        available: true,
        trash: read.trash,
        trash_replaced: read.trash_replaced,
    }
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
    if let (Some(window), Some(json)) = (web_sys::window(), backup_json(None)) {
        let _ = window.set_name(&format!("{WINDOW_NAME_PREFIX}{json}"));
    }
}

/// Removes a broken value once the user has asked to, after downloading it or not.
pub fn discard(key: &str) {
    if is_available() {
        BrowserStore.remove(key);
    }
}

fn remember(id: &str, encoded: String) {
    LATEST.with(|latest| {
        latest.borrow_mut().insert(id.to_string(), encoded);
    });
}

/// Every assessment known to this tab, or only the one with id `only`, as a backup file the
/// import understands. Used by the crash banner, so it must not panic: it gives up rather
/// than wait for a busy borrow.
pub fn backup_json(only: Option<&str>) -> Option<String> {
    LATEST.with(|latest| {
        let latest = latest.try_borrow().ok()?;
        let records: Vec<&str> = latest
            .iter()
            .filter(|(id, _)| only.is_none_or(|only| only == id.as_str()))
            .map(|(_, record)| record.as_str())
            .collect();
        // A copy of one assessment that holds none would pass for a copy kept.
        if only.is_some() && records.is_empty() {
            return None;
        }
        Some(format!(
            "{{\"format\":\"{}\",\"storage_version\":{},\"assessments\":[{}]}}",
            stored::BACKUP_FORMAT,
            stored::STORAGE_VERSION,
            records.join(",")
        ))
    })
}

/// Writes what changed since the last sync (`domain::store::sync`). `written` holds, per
/// assessment id, the revision last read from or written to storage by this tab.
pub fn sync(workspace: &Workspace, written: &mut LiteMap<String, u64>) -> SyncReport {
    let available = is_available();
    let mut browser = BrowserStore;
    let target: Option<&mut dyn KeyValueStore> = available.then_some(&mut browser as _);
    let report = store::sync(target, workspace, written);
    for (id, encoded) in &report.encoded {
        remember(id, encoded.clone());
    }
    // Only what the workspace still holds: without storage, a deleted assessment is never
    // reported removed, and must not travel to the other bundle's page or into a backup.
    LATEST.with(|latest| {
        latest
            .borrow_mut()
            .retain(|id, _| workspace.get(id).is_some());
    });
    if !available {
        to_window_name();
    }
    report
}

/// Keeps the last deleted assessment, or the copy an imported file `replaced`, so an undo
/// works even after a reload.
pub fn put_in_trash(assessment: &Assessment, replaced: bool) {
    if is_available() {
        let _ = BrowserStore.set(stored::TRASH_KEY, &stored::encode_assessment(assessment));
        if replaced {
            let _ = BrowserStore.set(stored::TRASH_REPLACED_KEY, &assessment.id);
        } else {
            BrowserStore.remove(stored::TRASH_REPLACED_KEY);
        }
    }
}

pub fn empty_trash() {
    discard(stored::TRASH_KEY);
    discard(stored::TRASH_REPLACED_KEY);
}

/// Set while the territory view keeps its summaries in this browser: the user's opt-in.
const TERRITORY_KEEP_KEY: &str = "autodiag.territory.keep";

pub fn territory_keep() -> bool {
    is_available() && BrowserStore.get(TERRITORY_KEEP_KEY).is_some()
}

/// Records the territory view's opt-in; false when storage refuses it.
pub fn set_territory_keep(keep: bool) -> bool {
    if !is_available() {
        return false;
    }
    if keep {
        BrowserStore.set(TERRITORY_KEEP_KEY, "1").is_ok()
    } else {
        BrowserStore.remove(TERRITORY_KEEP_KEY);
        true
    }
}

/// The territorial reference the commune loaded, as its file was: a file kept like the
/// language preference, not part of any assessment.
const REFERENCE_KEY: &str = "autodiag.reference";

pub fn reference_file() -> Option<String> {
    if is_available() {
        BrowserStore.get(REFERENCE_KEY)
    } else {
        None
    }
}

/// Keeps the reference's file, or forgets it with `None`; false when storage refuses.
pub fn set_reference_file(json: Option<&str>) -> bool {
    if !is_available() {
        return false;
    }
    match json {
        Some(json) => BrowserStore.set(REFERENCE_KEY, json).is_ok(),
        None => {
            BrowserStore.remove(REFERENCE_KEY);
            true
        }
    }
}

pub fn save_prefs(prefs: &Prefs) -> bool {
    if let (Some(tab), Some(current)) = (tab_storage(), &prefs.current) {
        let _ = tab.set_item(stored::CURRENT_KEY, current);
    }
    is_available() && store::save_prefs(&mut BrowserStore, prefs)
}

/// The workshop's consolidation this tab was doing, read once when its page opens.
pub fn workshop() -> stored::Workshop {
    tab_storage()
        .and_then(|tab| tab.get_item(stored::WORKSHOP_KEY).ok().flatten())
        .and_then(|raw| read_workshop(&raw))
        .unwrap_or_default()
}

/// Answers stored by an earlier référentiel carry over as everywhere else.
fn read_workshop(raw: &str) -> Option<stored::Workshop> {
    let mut workshop = stored::decode_workshop(raw)?;
    for respondent in &mut workshop.respondents {
        respondent.apply_content_migrations(crate::domain::content::framework());
    }
    Some(workshop)
}

/// Keeps the workshop in this tab, where a reload or « Précédent » finds it, and, with
/// `keep_copy`, a copy in the browser's storage that a later visit only offers
/// (`unsaved_workshop`): a shared computer's next visitor does not inherit another commune's
/// respondents, and closing the tab by mistake loses nothing. Without respondents the tab keeps
/// nothing; the copy stays until the workshop is saved, emptied or dismissed (`end_workshop`),
/// since an empty page must not erase it. Whether both were kept: false when the tab's storage
/// or the browser's is off or full.
pub fn set_workshop(workshop: &stored::Workshop, keep_copy: bool) -> bool {
    if workshop.respondents.is_empty() {
        return tab_storage().is_some_and(|tab| tab.remove_item(stored::WORKSHOP_KEY).is_ok());
    }
    let encoded = stored::encode_workshop(workshop);
    // Best effort: a copy the storage refuses leaves the workshop in the tab, and says so.
    let copied = !keep_copy
        || (is_available()
            && BrowserStore
                .set(stored::UNSAVED_WORKSHOP_KEY, &encoded)
                .is_ok());
    let in_tab =
        tab_storage().is_some_and(|tab| tab.set_item(stored::WORKSHOP_KEY, &encoded).is_ok());
    copied && in_tab
}

/// The last workshop with respondents that was neither saved nor dismissed, for the page to
/// offer when this tab has none.
pub fn unsaved_workshop() -> Option<stored::Workshop> {
    let raw = is_available()
        .then(|| BrowserStore.get(stored::UNSAVED_WORKSHOP_KEY))
        .flatten()?;
    let workshop = read_workshop(&raw);
    if workshop.is_none() {
        // Damaged, or written by a newer version: kept aside before the next workshop's copy
        // takes its key, as any unreadable value is.
        store::back_up(&mut BrowserStore, stored::UNSAVED_WORKSHOP_KEY, &raw);
    }
    workshop.filter(|workshop| !workshop.respondents.is_empty())
}

/// What was typed in the roadmap's editors and not yet saved, as the last tab left it; empty
/// when nothing was, or when it cannot be read (it is only a draft: the roadmap itself is
/// saved with the assessment).
pub fn unsaved_roadmap_edits() -> stored::UnsavedRoadmapEdits {
    is_available()
        .then(|| BrowserStore.get(stored::UNSAVED_ROADMAP_KEY))
        .flatten()
        .and_then(|raw| stored::decode_unsaved_roadmap_edits(&raw))
        .unwrap_or_default()
}

/// Forgets what was typed and not saved in `assessment`'s roadmap, when it is deleted.
pub fn forget_unsaved_roadmap_edits_of(assessment: &str) {
    if unsaved_roadmap_edits().assessment == assessment {
        set_unsaved_roadmap_edits(&stored::UnsavedRoadmapEdits::default());
    }
}

/// Keeps what is typed in the roadmap's editors at each keystroke, so that closing the tab
/// or a crash loses none of it. Best effort: a full storage keeps it in the page only.
pub fn set_unsaved_roadmap_edits(edits: &stored::UnsavedRoadmapEdits) {
    if !is_available() {
        return;
    }
    if edits.is_empty() {
        BrowserStore.remove(stored::UNSAVED_ROADMAP_KEY);
    } else {
        let _ = BrowserStore.set(
            stored::UNSAVED_ROADMAP_KEY,
            &stored::encode_unsaved_roadmap_edits(edits),
        );
    }
}

/// How often a tab holding a workshop says so, and how long after its last word another tab
/// takes it for closed (a crash or a power cut leaves no word).
pub const WORKSHOP_HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(4);
const WORKSHOP_SILENT_MS: u64 = 12_000;

/// This tab holds a workshop: said for the other tabs.
pub fn mark_workshop_open() {
    if is_available() {
        let _ = BrowserStore.set(
            stored::LIVE_WORKSHOP_KEY,
            &(js_sys::Date::now() as u64).to_string(),
        );
    }
}

/// This tab no longer holds a workshop, or is going away.
pub fn mark_workshop_closed() {
    if is_available() {
        BrowserStore.remove(stored::LIVE_WORKSHOP_KEY);
    }
}

/// Whether another tab said it holds a workshop within the last seconds.
pub fn workshop_open_elsewhere() -> bool {
    let now = js_sys::Date::now() as u64;
    is_available()
        && BrowserStore
            .get(stored::LIVE_WORKSHOP_KEY)
            .and_then(|said| said.parse::<u64>().ok())
            .is_some_and(|said| now.saturating_sub(said) < WORKSHOP_SILENT_MS)
}

/// The question whose discussion slide this tab was projecting, if it was.
pub fn projected_slide() -> Option<String> {
    tab_storage()?
        .get_item(stored::PROJECTED_SLIDE_KEY)
        .ok()
        .flatten()
}

/// Keeps the slide being projected for a reload, or forgets it when the slides close.
pub fn set_projected_slide(question: Option<&str>) {
    if let Some(tab) = tab_storage() {
        let _ = match question {
            Some(question) => tab.set_item(stored::PROJECTED_SLIDE_KEY, question),
            None => tab.remove_item(stored::PROJECTED_SLIDE_KEY),
        };
    }
}

/// The projector's slide this tab last showed for assessment `id`.
pub fn projector_slide(id: &str) -> Option<usize> {
    let kept = tab_storage()?
        .get_item(stored::PROJECTOR_SLIDE_KEY)
        .ok()
        .flatten()?;
    let (of, index) = kept.rsplit_once(':')?;
    (of == id).then(|| index.parse().ok()).flatten()
}

pub fn set_projector_slide(id: &str, index: usize) {
    if let Some(tab) = tab_storage() {
        let _ = tab.set_item(stored::PROJECTOR_SLIDE_KEY, &format!("{id}:{index}"));
    }
}

/// The workshop was saved, emptied or dismissed: neither a reload nor a later visit brings it
/// back.
pub fn end_workshop() {
    mark_workshop_closed();
    if let Some(tab) = tab_storage() {
        let _ = tab.remove_item(stored::WORKSHOP_KEY);
        let _ = tab.remove_item(stored::PROJECTED_SLIDE_KEY);
    }
    if is_available() {
        BrowserStore.remove(stored::UNSAVED_WORKSHOP_KEY);
    }
}

/// This tab's own storage, for its open assessment. On a shared computer another tab that
/// opens another commune changes the browser's « last open » (`localStorage`), which a new
/// visit continues, but never the assessment this tab is answering, even as it moves between
/// the questionnaire's page and the tools' page.
fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
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
