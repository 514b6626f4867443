//! Global state: a few signals shared through context, as the Leptos book recommends.
//! Components read them and call the domain; only `sync_storage` writes to storage.

use crate::browser;
use crate::domain::assessment::Assessment;
use crate::domain::content::{self, Pillar, Texts};
use crate::domain::scoring::{self, PillarScore};
use crate::domain::stored::Prefs;
use crate::domain::workspace::Workspace;
use crate::i18n::Locale;
use crate::route::{Bundle, Route};
use crate::storage::{self, ExternalChange, Recovered};
use autodiag_core::LiteMap;
use leptos::prelude::*;

/// Writes a typed text into the assessment: (assessment, now, continuing an edit).
type PendingEdit = Box<dyn FnOnce(&mut Assessment, &str, bool)>;

/// A deleted assessment, kept for « annuler »: where it was, and whether an imported file
/// replaced it rather than the user deleting it.
#[derive(Clone)]
pub struct Trashed {
    pub index: usize,
    pub assessment: Assessment,
    pub replaced: bool,
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// The bundle running in this page.
    pub bundle: Bundle,
    /// Every assessment in this browser. The single source of truth for answers.
    pub workspace: RwSignal<Workspace>,
    /// The assessment this tab shows.
    pub current: RwSignal<Option<String>>,
    pub route: RwSignal<Route>,
    pub lang: RwSignal<Locale>,
    /// The language the user chose, kept as the preference even while its texts download:
    /// a reload in that moment must not save the French shown meanwhile.
    pub chosen_lang: RwSignal<Locale>,
    /// Derived: the open assessment's pillar scores.
    pub scores: Memo<Vec<PillarScore>>,
    /// False when the browser refuses local storage; the app then works in memory.
    pub storage_available: bool,
    pub quota_exceeded: RwSignal<bool>,
    /// Bumped on every successful save, so the « enregistré » status is announced again.
    pub saves: RwSignal<u32>,
    pub recovered: RwSignal<Vec<Recovered>>,
    /// Name of the copy kept when another tab edited the same assessment at the same time.
    pub conflict_copy: RwSignal<Option<String>>,
    /// The last deleted assessment, for « annuler ».
    pub deleted: RwSignal<Option<Trashed>>,
    /// A new version of the app is cached and will load on the next visit.
    pub update_ready: RwSignal<bool>,
    /// A language could not be downloaded (offline on a first visit, for example).
    pub language_failed: RwSignal<bool>,
    /// Bumped when the open assessment changes from outside the page (another tab, an undo,
    /// a redraft): the page then redraws its form controls from the assessment.
    pub refresh: RwSignal<u64>,
    /// A text being typed and not yet saved, by field, with its timer (see `type_text`).
    pending_edit: StoredValue<Option<(String, PendingEdit)>, LocalStorage>,
    edit_timer: StoredValue<Option<TimeoutHandle>>,
    /// The field whose edit already counted as a change, until it is left.
    edit_session: StoredValue<Option<String>>,
    /// The question to bring into view when its pillar page opens: « Continuer » resumes at
    /// the first question not yet answered.
    resume_question: StoredValue<Option<&'static str>>,
}

impl AppState {
    /// The state `App` provides to every screen. Not `expect_context`: its panic message is
    /// written with `{:?}`, which alone brought Debug formatting and Unicode's table of
    /// printable characters into both bundles.
    pub fn from_context() -> AppState {
        use_context().expect("App provides the AppState")
    }

    /// Builds the state from what storage holds, and installs the storage effect.
    pub fn new(loaded: storage::Loaded, bundle: Bundle) -> AppState {
        let wanted = loaded
            .prefs
            .lang
            .as_deref()
            .and_then(|code| code.parse::<Locale>().ok())
            .unwrap_or_default();
        let current = loaded
            .prefs
            .current
            .filter(|id| loaded.workspace.get(id).is_some())
            .or_else(|| loaded.workspace.assessments.last().map(|a| a.id.clone()));
        let workspace = RwSignal::new(loaded.workspace);
        let current = RwSignal::new(current);
        let scores = Memo::new(move |_| {
            let framework = content::framework();
            workspace.with(|w| {
                current.with(|id| match id.as_deref().and_then(|id| w.get(id)) {
                    Some(assessment) => scoring::score_all(framework, assessment),
                    None => Vec::new(),
                })
            })
        });
        AppState {
            bundle,
            workspace,
            current,
            route: RwSignal::new(Route::default()),
            // French until the preferred language's texts arrive; see `switch_language`.
            lang: RwSignal::new(if content::has_texts(wanted.as_str()) {
                wanted
            } else {
                Locale::default()
            }),
            chosen_lang: RwSignal::new(wanted),
            scores,
            storage_available: loaded.available,
            quota_exceeded: RwSignal::new(false),
            saves: RwSignal::new(0),
            recovered: RwSignal::new(loaded.recovered),
            conflict_copy: RwSignal::new(None),
            deleted: RwSignal::new(loaded.trash.map(|assessment| Trashed {
                index: usize::MAX,
                assessment,
                replaced: loaded.trash_replaced,
            })),
            update_ready: RwSignal::new(false),
            language_failed: RwSignal::new(false),
            refresh: RwSignal::new(0),
            pending_edit: StoredValue::new_local(None),
            edit_timer: StoredValue::new(None),
            edit_session: StoredValue::new(None),
            resume_question: StoredValue::new(None),
        }
    }

    /// A text was typed in `field` (a note, a profile field): `apply` writes it into the open
    /// assessment, told whether this continues an edit that already counted as a change. It
    /// runs 400 ms after the last key, when the field is left, or before the user leaves the
    /// screen or the page, whichever comes first: storage is not written on every key, and
    /// one edit of a field counts as one change towards the download reminder.
    pub fn type_text(
        &self,
        field: String,
        apply: impl FnOnce(&mut Assessment, &str, bool) + 'static,
    ) {
        let state = *self;
        if self
            .pending_edit
            .with_value(|pending| pending.as_ref().is_some_and(|(f, _)| *f != field))
        {
            // Another field's text is still waiting: it is saved first, never dropped.
            self.flush_edit();
        }
        if let Some(handle) = self.edit_timer.get_value() {
            handle.clear();
        }
        self.pending_edit
            .set_value(Some((field, Box::new(apply) as PendingEdit)));
        let timer = set_timeout_with_handle(
            move || state.flush_edit(),
            std::time::Duration::from_millis(400),
        );
        self.edit_timer.set_value(timer.ok());
    }

    /// The next pillar page opened brings the open assessment's first unanswered question
    /// into view.
    pub fn resume_at_first_unanswered(&self) {
        let question = self
            .with_current(|a| scoring::first_unanswered_question(content::framework(), a))
            .flatten()
            .map(|(_, question)| question);
        self.resume_question.set_value(question);
    }

    /// The next pillar page opened brings `question` into view, if the framework has it.
    pub fn resume_at(&self, question: &str) {
        let known = content::framework()
            .question_ids()
            .find(|q| *q == question)
            .map(String::as_str);
        self.resume_question.set_value(known);
    }

    /// « Continuer » led elsewhere than a pillar: nothing to bring into view later.
    pub fn forget_resume_question(&self) {
        self.resume_question.set_value(None);
    }

    /// The question to bring into view, once, if it is one of `pillar`'s.
    pub fn take_resume_question(&self, pillar: &Pillar) -> Option<&'static str> {
        let question = self.resume_question.get_value()?;
        if !pillar.questions.iter().any(|q| q == question) {
            return None;
        }
        self.resume_question.set_value(None);
        Some(question)
    }

    /// Saves the text being typed, if any, now.
    pub fn flush_edit(&self) {
        if let Some(handle) = self.edit_timer.get_value() {
            handle.clear();
        }
        self.edit_timer.set_value(None);
        let Some((field, apply)) = self.pending_edit.try_update_value(Option::take).flatten()
        else {
            return;
        };
        let continuing = self
            .edit_session
            .with_value(|s| s.as_deref() == Some(field.as_str()));
        self.edit_session.set_value(Some(field));
        self.update_current(move |a, now| apply(a, now, continuing));
    }

    /// The field was left: its text is saved now, and its next edit counts as a new change.
    pub fn leave_field(&self) {
        self.flush_edit();
        self.edit_session.set_value(None);
    }

    /// Fetches the question texts when this bundle does not embed them; the page redraws
    /// once they are there. Returns whether they are already available.
    pub fn ensure_questions(&self) -> bool {
        let lang = self.lang.get_untracked();
        if content::has_questions(lang.as_str()) {
            return true;
        }
        let state = *self;
        wasm_bindgen_futures::spawn_local(async move {
            let installed = state.load_language(lang).await;
            state.language_failed.set(!installed);
            if installed {
                state.redraw();
            }
        });
        false
    }

    /// Downloads what this bundle lacks of `lang`: its texts, then its question texts, each
    /// a file of its own so that no text is shipped twice. One future for both callers: each
    /// distinct future is compiled anew into the first load.
    async fn load_language(&self, lang: Locale) -> bool {
        let code = lang.as_str();
        if !content::has_texts(code) {
            let file = content::texts_file(code).unwrap_or_default();
            if !self
                .fetch_and_install(code, file, content::install_texts)
                .await
            {
                return false;
            }
        }
        if content::has_questions(code) {
            return true;
        }
        let file = content::questions_file(code).unwrap_or_default();
        self.fetch_and_install(code, file, content::install_questions)
            .await
    }

    /// Downloads one of the bundle's text files for `lang` and hands it to `install`; false
    /// when either fails, so the caller can tell the user.
    async fn fetch_and_install(
        &self,
        lang: &str,
        file: &str,
        install: fn(&str, &str) -> Result<(), String>,
    ) -> bool {
        match browser::fetch_text(&self.asset(file)).await {
            Ok(json) => install(lang, &json).is_ok(),
            Err(_) => false,
        }
    }

    /// Switches the interface language, downloading its texts first when needed.
    pub fn switch_language(&self, locale: Locale) {
        let state = *self;
        state.chosen_lang.set(locale);
        if content::has_texts(locale.as_str()) {
            state.language_failed.set(false);
            state.lang.set(locale);
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let installed = state.load_language(locale).await;
            // The user may have chosen another language meanwhile: that choice stands.
            if state.chosen_lang.get_untracked() != locale {
                return;
            }
            state.language_failed.set(!installed);
            if installed {
                state.lang.set(locale);
            }
        });
    }

    /// The texts of the interface language. The app re-renders when the language changes.
    pub fn texts(&self) -> &'static Texts {
        content::texts(self.lang.get_untracked().as_str())
    }

    /// The catalogue's action texts in the interface language.
    pub fn action_texts(&self) -> &'static content::ActionTexts {
        content::action_texts(self.lang.get_untracked().as_str())
    }

    /// An action's title and first step, with `{grd}` naming the open commune's electricity
    /// distribution system operator when it is known.
    pub fn action_text(&self, id: &str) -> Option<content::ActionText> {
        let text = self.action_texts().get(id)?;
        let grd = self
            .with_current(|a| content::framework().grd_of(&a.profile.commune))
            .flatten();
        let texts = self.texts();
        Some(content::ActionText {
            title: content::with_grd(&text.title, texts, grd).into_owned(),
            first_step: content::with_grd(&text.first_step, texts, grd).into_owned(),
        })
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.get_untracked().as_str()
    }

    /// Reads the open assessment, if any. Tracked.
    ///
    /// Read guards rather than `with` closures: this is called from dozens of places, and a
    /// closure-taking signal method would be compiled anew for each (a larger wasm).
    pub fn with_current<R>(&self, read: impl FnOnce(&Assessment) -> R) -> Option<R> {
        let workspace = self.workspace.read();
        let current = self.current.read();
        current
            .as_deref()
            .and_then(|id| workspace.get(id))
            .map(read)
    }

    pub fn has_current(&self) -> bool {
        self.with_current(|_| ()).is_some()
    }

    /// A copy of the open assessment, without tracking: for drawing a page once.
    pub fn current_untracked(&self) -> Option<Assessment> {
        let id = self.current.get_untracked()?;
        self.workspace.with_untracked(|w| w.get(&id).cloned())
    }

    /// Asks the page to redraw from the state, after a change it did not make itself.
    pub fn redraw(&self) {
        self.refresh.update(|n| *n += 1);
    }

    /// Drafts the open assessment's roadmap from its latest answers, unless the commune has
    /// edited it (`roadmap::refresh`). Writes only when something changed.
    pub fn refresh_roadmap(&self) {
        let framework = content::framework();
        let now = browser::now_iso();
        let refreshed = self.current_untracked().and_then(|mut a| {
            crate::domain::roadmap::refresh(framework, &mut a, &now).then_some(a)
        });
        if let Some(assessment) = refreshed {
            self.workspace.update(|w| {
                if let Some(slot) = w.get_mut(&assessment.id) {
                    *slot = assessment;
                }
            });
        }
    }

    /// Changes the open assessment. `change` receives the current time.
    pub fn update_current(&self, change: impl FnOnce(&mut Assessment, &str)) {
        let mut change = Some(change);
        self.update_current_dyn(&mut |assessment, now| {
            if let Some(change) = change.take() {
                change(assessment, now);
            }
        });
    }

    fn update_current_dyn(&self, change: &mut dyn FnMut(&mut Assessment, &str)) {
        let Some(id) = self.current.get_untracked() else {
            return;
        };
        let now = browser::now_iso();
        let mut workspace = self.workspace.write();
        if let Some(assessment) = workspace.get_mut(&id) {
            change(assessment, &now);
        }
    }

    /// Creates an assessment for a commune and opens it.
    pub fn create(&self, commune: &str) -> String {
        let id = browser::new_id();
        let mut assessment =
            Assessment::new(id.clone(), commune.trim().to_string(), browser::now_iso());
        assessment.profile.date = browser::today();
        assessment.revision = 1;
        self.workspace.update(|w| w.add(assessment));
        self.current.set(Some(id.clone()));
        id
    }

    pub fn add(&self, mut assessment: Assessment) -> String {
        assessment.revision = assessment.revision.max(1);
        let id = assessment.id.clone();
        self.workspace.update(|w| w.add(assessment));
        id
    }

    pub fn open(&self, id: &str) {
        self.current.set(Some(id.to_string()));
    }

    /// The commune of assessment `id` assessed again from its answers, dated today (see
    /// `Assessment::reassess`): added and opened. Returns the copy's id and its profile.
    pub fn reassess(&self, id: &str) -> Option<(String, crate::domain::profile::Profile)> {
        let now = browser::now_iso();
        let copy = self.workspace.with_untracked(|w| {
            w.get(id)
                .map(|a| a.reassess(browser::new_id(), &browser::today(), &now))
        })?;
        let profile = copy.profile.clone();
        let new_id = self.add(copy);
        self.open(&new_id);
        Some((new_id, profile))
    }

    /// Opens the most recent assessment when none is open, as loading the app does: a screen
    /// reached by its address after an import then shows it, not « Aucune évaluation ouverte ».
    pub fn open_latest_if_none(&self) {
        if self.current.get_untracked().is_some() {
            return;
        }
        if let Some(id) = self
            .workspace
            .with_untracked(|w| w.assessments.last().map(|a| a.id.clone()))
        {
            self.current.set(Some(id));
        }
    }

    /// Deletes an assessment; it stays recoverable through « annuler ».
    pub fn delete(&self, id: &str) {
        self.trash(id, false);
        // What was typed in its roadmap and not saved goes with it: the promise is that
        // deleting the assessments erases everything.
        storage::forget_unsaved_roadmap_edits_of(id);
    }

    /// Sets aside the copy that an imported file replaced, recoverable like a deleted one.
    pub fn set_aside_replaced(&self, id: &str) {
        self.trash(id, true);
    }

    fn trash(&self, id: &str, replaced: bool) {
        let mut removed = None;
        self.workspace.update(|w| removed = w.remove(id));
        if let Some((index, assessment)) = removed {
            storage::put_in_trash(&assessment, replaced);
            if self.current.get_untracked().as_deref() == Some(id) {
                let next = self
                    .workspace
                    .with_untracked(|w| w.assessments.last().map(|a| a.id.clone()));
                self.current.set(next);
            }
            self.deleted.set(Some(Trashed {
                index,
                assessment,
                replaced,
            }));
        }
    }

    pub fn undo_delete(&self) {
        if let Some(Trashed {
            index,
            mut assessment,
            ..
        }) = self.deleted.get_untracked()
        {
            // A new revision makes the storage effect write it back.
            assessment.revision += 1;
            let id = assessment.id.clone();
            self.workspace.update(|w| w.restore(index, assessment));
            self.current.set(Some(id));
            self.deleted.set(None);
            storage::empty_trash();
            self.redraw();
        }
    }

    /// The address of a file at the root of `dist/` from this page.
    pub fn asset(&self, file: &str) -> String {
        asset(self.bundle, file)
    }

    /// The address of a screen from this page.
    pub fn href(&self, route: Route) -> String {
        route.href_from(self.bundle)
    }

    /// Opens an assessment where its work goes on: its profile while empty, the first
    /// question still to answer, or its results once every question is answered.
    pub fn continue_with(&self, id: &str) {
        self.open(id);
        let next = self
            .with_current(|a| Route::to_continue(content::framework(), a))
            .unwrap_or(Route::Profile);
        self.resume_at_first_unanswered();
        if next.bundle() == self.bundle {
            self.navigate(next);
        } else {
            // A page load into the other bundle, which then brings the first question still
            // to answer into view.
            let _ = browser::window()
                .location()
                .set_href(&next.href_resuming(self.bundle));
        }
    }

    pub fn navigate(&self, route: Route) {
        if route.bundle() != self.bundle {
            let _ = browser::window().location().set_href(&self.href(route));
            return;
        }
        let href = route.href();
        if browser::window().location().hash().ok().as_deref() != Some(href.as_str()) {
            // The hashchange that follows prepares and draws the screen (`app::follow_hash`),
            // exactly as for a link: one way in, one drawing.
            let _ = browser::window().location().set_hash(&href);
        } else {
            self.route.set(route);
        }
    }
}

/// The address of a file at the root of `dist/` from a page of `bundle`.
fn asset(bundle: Bundle, file: &str) -> String {
    match bundle {
        Bundle::Questionnaire => file.to_string(),
        Bundle::Tools => format!("../{file}"),
    }
}

/// How long the app waits for the first screen's question texts before it shows that screen
/// with a loading line instead. The loader has asked for them while the wasm downloaded, so
/// they are usually there already.
const QUESTIONS_WAIT: std::time::Duration = std::time::Duration::from_millis(500);

/// Runs `mount` once the question texts that the first screen needs are installed, or after
/// [`QUESTIONS_WAIT`] if they are slow, or at once when that screen needs none (the home page)
/// or this bundle has them. The screen is then drawn once, with its questions, instead of
/// being drawn with a loading line and drawn again.
pub fn when_first_screen_ready(bundle: Bundle, mount: impl FnOnce() + 'static) {
    let hash = browser::window().location().hash().unwrap_or_default();
    let needs_questions =
        bundle == Bundle::Tools || matches!(Route::parse(&hash), Route::Pillar(_));
    let lang = storage::preferred_language()
        .and_then(|code| code.parse::<Locale>().ok())
        .unwrap_or_default()
        .as_str();
    // Another language than the compiled-in one arrives with its texts: `switch_language`.
    let file = content::questions_file(lang)
        .filter(|_| needs_questions && content::has_texts(lang) && !content::has_questions(lang));
    let Some(file) = file else {
        return mount();
    };
    let once = std::rc::Rc::new(std::cell::Cell::new(Some(
        Box::new(mount) as Box<dyn FnOnce()>
    )));
    let on_time = once.clone();
    set_timeout(
        move || {
            if let Some(mount) = on_time.take() {
                mount();
            }
        },
        QUESTIONS_WAIT,
    );
    let url = asset(bundle, file);
    wasm_bindgen_futures::spawn_local(async move {
        // A failure leaves the page's own fetch to tell the user.
        if let Ok(json) = browser::fetch_text(&url).await {
            let _ = content::install_questions(lang, &json);
        }
        if let Some(mount) = once.take() {
            mount();
        }
    });
}

/// The interface language, read once per render: a language switch re-renders the whole app,
/// so texts are plain strings rather than thousands of reactive closures (smaller wasm).
pub fn locale() -> Locale {
    AppState::from_context().lang.get_untracked()
}

/// The one effect that keeps local storage in step with the state.
pub fn sync_storage(state: AppState) {
    let written: StoredValue<LiteMap<String, u64>> =
        StoredValue::new(state.workspace.with_untracked(|w| {
            crate::sort::ordered_map(w.assessments.iter().map(|a| (a.id.clone(), a.revision)))
        }));
    let last_prefs = StoredValue::new(Prefs::default());
    Effect::new(move |_| {
        let report = state
            .workspace
            .with(|w| written.try_update_value(|written| storage::sync(w, written)))
            .unwrap_or_default();
        let prefs = Prefs {
            lang: Some(state.chosen_lang.get().as_str().to_string()),
            current: state.current.get(),
        };
        if last_prefs.with_value(|last| *last != prefs) && storage::save_prefs(&prefs) {
            last_prefs.set_value(prefs);
        }
        if report.saved {
            state.saves.update(|n| *n += 1);
        }
        if report.quota_exceeded != state.quota_exceeded.get_untracked() {
            state.quota_exceeded.set(report.quota_exceeded);
        }
        if !report.conflicts.is_empty() {
            // Not from inside this effect: it must never write the signal it reads.
            let conflicts = report.conflicts;
            queue_microtask(move || resolve_conflicts(state, written, conflicts));
        }
    });
    listen_to_other_tabs(state, written);
}

/// Another tab saved the same assessment between this tab's edits. Its version is adopted
/// and this tab's version is kept as a copy, so neither edit is lost.
fn resolve_conflicts(
    state: AppState,
    written: StoredValue<LiteMap<String, u64>>,
    conflicts: Vec<Assessment>,
) {
    let now = browser::now_iso();
    let suffix = crate::i18n::td_string!(state.lang.get_untracked(), notices.conflict_suffix);
    let mut copy_name = None;
    state.workspace.update(|w| {
        for theirs in conflicts {
            written.update_value(|written| {
                written.insert(theirs.id.clone(), theirs.revision);
            });
            copy_name = w
                .adopt_theirs(theirs, browser::new_id(), suffix, &now)
                .or(copy_name.take());
        }
    });
    state.conflict_copy.set(copy_name);
    state.redraw();
}

/// Applies changes other tabs make to the same browser's storage.
fn listen_to_other_tabs(state: AppState, written: StoredValue<LiteMap<String, u64>>) {
    let handle = window_event_listener(leptos::ev::storage, move |event| {
        let Some(key) = event.key() else { return };
        let Some(change) = storage::external_change(&key, event.new_value()) else {
            return;
        };
        match change {
            ExternalChange::Updated(theirs) => {
                let theirs = *theirs;
                written.update_value(|written| {
                    written.insert(theirs.id.clone(), theirs.revision);
                });
                let shown = state.current.get_untracked().as_deref() == Some(theirs.id.as_str());
                state.workspace.update(|w| match w.get_mut(&theirs.id) {
                    Some(ours) => *ours = theirs,
                    None => w.add(theirs),
                });
                if shown {
                    state.redraw();
                }
            }
            ExternalChange::Removed(id) => {
                written.update_value(|written| {
                    written.remove(&id);
                });
                state.workspace.update(|w| {
                    w.remove(&id);
                });
                if state.current.get_untracked().as_deref() == Some(id.as_str()) {
                    state.current.set(None);
                }
            }
            ExternalChange::Unreadable => {}
        }
    });
    on_cleanup(move || handle.remove());
}
