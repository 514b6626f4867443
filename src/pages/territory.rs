//! The territory view: many communes' summaries side by side, for the intercommunale. Files
//! are read in the browser and never uploaded.

use crate::browser;
use crate::components::chart_figure::{BandKey, table_named};
use crate::components::file_drop::FileDrop;
use crate::components::glossary::{Acronyms, question_texts};
use crate::components::import::error_message;
use crate::domain::content;
use crate::domain::matching::{self, Match, Party, QuestionContacts, Thresholds};
use crate::domain::summary::{ImportError, MAX_FILE_BYTES};
use crate::domain::territory::{
    self, CsvMarks, DateMark, DateMarks, PoolingCandidate, SortBy, SupersededReason, Territory,
};
use crate::domain::territory_export::ExportTexts;
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::state::AppState;
use leptos::prelude::*;
use maud::{Markup, html};

use super::territory_store;

#[component]
pub fn TerritoryPage() -> impl IntoView {
    let l = crate::state::locale();
    let territory = RwSignal::new(None::<Territory>);
    let loading = RwSignal::new(false);
    let kept = Kept::new();
    // What happened to a file that the counts alone do not say (« Retirer », a file picked
    // again that was older), said on the status line until the next pick.
    let file_notice = RwSignal::new(String::new());
    // The list of files stays open from one « Retirer » to the next, the view drawn anew.
    let files_open = RwSignal::new(false);
    // The files of the view on screen, held for this tab: another screen or a language
    // switch draws the page anew, and must not make the officer pick 30 files again.
    let (files, refused) = THIS_TAB.with_borrow(Clone::clone);
    let restored = !files.is_empty() || !refused.is_empty();
    if restored {
        territory.set(Some(
            loader_of(&files, refused, &browser::now_iso()).finish(&browser::today()),
        ));
    }
    let load = Callback::new(move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        loading.set(true);
        file_notice.set(String::new());
        // Files arrive one e-mail at a time: a new pick adds to the communes on screen, and a
        // file of the same name replaces the one read before, unless it was saved earlier.
        let (earlier, mut earlier_refused) = THIS_TAB.with_borrow(Clone::clone);
        // Files refused unread stay listed until a file of the same name replaces them: the
        // commune still owes one.
        earlier_refused.retain(|r| files.iter().all(|file| file.name() != r.file));
        wasm_bindgen_futures::spawn_local(async move {
            let (loaded, read, again) = read_and_load(earlier, earlier_refused, files).await;
            let mut notice = Vec::new();
            if !again.older.is_empty() {
                notice.push(td_string!(
                    l,
                    territory.older_again,
                    files = again.older.join(", ")
                ));
            }
            if !again.same.is_empty() {
                notice.push(td_string!(
                    l,
                    territory.same_again,
                    files = again.same.join(", ")
                ));
            }
            file_notice.set(notice.join(" "));
            let refused_unread = loaded
                .rejected
                .iter()
                .filter(|r| !read.iter().any(|(name, _)| *name == r.file))
                .cloned()
                .collect();
            browser::mark("autodiag:territory-parsed");
            territory.set(Some(loaded));
            loading.set(false);
            request_animation_frame(|| browser::mark("autodiag:territory-drawn"));
            THIS_TAB.set((read, refused_unread));
            kept.replace(l, communes_on_screen(territory));
        });
    });
    // With the option on, the summaries kept last time come back.
    if kept.keep.get_untracked() && !restored {
        loading.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            match territory_store::load().await {
                Ok(files) if !files.is_empty() => {
                    let count = files.len();
                    let loaded = territory::load(
                        content::framework(),
                        &files,
                        &browser::now_iso(),
                        &browser::today(),
                    );
                    let communes = loaded.communes.len();
                    THIS_TAB.set((files, Vec::new()));
                    territory.set(Some(loaded));
                    kept.status.set(kept_message(
                        l,
                        crate::td_plural!(l, territory.keep_restored, count),
                        count,
                        communes,
                    ));
                }
                Ok(_) => {}
                Err(_) => kept
                    .status
                    .set(td_string!(l, territory.keep_failed).to_string()),
            }
            loading.set(false);
        });
    }
    let forget = Callback::new(move |_: ()| {
        territory.set(None);
        THIS_TAB.take();
        kept.forget(l);
    });
    // A test file or a wrong commune's file leaves the view, and the kept files, on its own.
    let remove = Callback::new(move |file: String| {
        let (files, refused) = THIS_TAB.with_borrow_mut(|(files, refused)| {
            files.retain(|(name, _)| *name != file);
            (files.clone(), refused.clone())
        });
        if files.is_empty() && refused.is_empty() {
            forget.run(());
            return;
        }
        territory.set(Some(
            loader_of(&files, refused, &browser::now_iso()).finish(&browser::today()),
        ));
        kept.replace(l, communes_on_screen(territory));
        file_notice.set(td_string!(l, territory.removed, file = file).to_string());
        browser::focus_after_frame("loaded-files-title".to_string());
    });
    view! {
        <div class="page page--territory">
            <h1>{td_string!(l, territory.title)}</h1>
            <p class="lead">{td_string!(l, territory.lead)}</p>
            <Acronyms texts=question_texts(AppState::from_context())/>
            // The picker and drop zone mean nothing on paper.
            <div class="no-print">
                <FileDrop
                    input_id="territory-files"
                    testid="territory-input"
                    button_class="button button--primary"
                    label=td_string!(l, territory.choose).to_string()
                    hint=td_string!(l, territory.drop_hint).to_string()
                    on_files=load
                />
                <KeepFiles kept forget showing=territory/>
            </div>
            <p role="status" aria-live="polite" data-testid="territory-status">
                {reactive(move || {
                    if loading.get() {
                        td_string!(l, territory.loading).to_string()
                    } else {
                        territory.with(|t| t.as_ref().map(|t| match t.communes.len() {
                            // Every file refused: the reasons follow, and no empty table.
                            0 => td_string!(l, territory.none_loaded).to_string(),
                            count => {
                                let loaded = crate::td_plural!(l, territory.loaded, count);
                                let loaded = match tally(l, t) {
                                    Some(tally) => format!("{loaded} {tally}"),
                                    None => loaded,
                                };
                                file_notice.with(|notice| if notice.is_empty() {
                                    loaded
                                } else {
                                    format!("{notice} {loaded}")
                                })
                            }
                        })).unwrap_or_default()
                    }
                })}
            </p>
            {reactive(move || territory.get().map(|t| view! { <TerritoryReport territory=t remove files_open/> }))}
        </div>
    }
}

/// « Sur 27 fichiers : 4 mis de côté (même commune), 1 non chargé, détail ci-dessous. » when
/// fewer communes are on screen than files were given, so an analyst can account for each.
fn tally(l: Locale, territory: &Territory) -> Option<String> {
    let (set_aside, refused) = (territory.superseded.len(), territory.rejected.len());
    let mut details = Vec::new();
    if set_aside > 0 {
        details.push(crate::td_plural!(l, territory.tally_set_aside, set_aside));
    }
    if refused > 0 {
        details.push(crate::td_plural!(l, territory.tally_refused, refused));
    }
    (!details.is_empty()).then(|| {
        let files = territory.communes.len() + set_aside + refused;
        td_string!(
            l,
            territory.tally,
            files = files,
            details = details.join(", ")
        )
        .to_string()
    })
}

/// Files as read: each name with its bytes.
type FilesRead = Vec<(String, Vec<u8>)>;

thread_local! {
    /// The files read and the files refused unread of the view on screen, while the tab lives.
    static THIS_TAB: std::cell::RefCell<(FilesRead, Vec<territory::Rejected>)> =
        std::cell::RefCell::default();
}

/// The option to keep the loaded summaries in this browser, and what was last read.
#[derive(Clone, Copy)]
struct Kept {
    /// The user's opt-in, as stored. What it keeps are the files behind the view on screen,
    /// as read (`THIS_TAB`).
    keep: RwSignal<bool>,
    /// What happened to the kept files last, for the status line.
    status: RwSignal<String>,
}

impl Kept {
    fn new() -> Kept {
        Kept {
            keep: RwSignal::new(crate::storage::territory_keep()),
            status: RwSignal::new(String::new()),
        }
    }

    /// Keeps the files now on screen when the option is on.
    fn replace(self, l: Locale, communes: usize) {
        if self.keep.get_untracked() {
            self.save(l, communes);
        } else {
            // « La vue est vidée » no longer holds.
            self.status.set(String::new());
        }
    }

    /// Keeps the files read, `communes` of which are on screen.
    fn save(self, l: Locale, communes: usize) {
        let files = THIS_TAB.with_borrow(|(files, _)| files.clone());
        if files.is_empty() {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let message = match territory_store::save(&files).await {
                Ok(()) => kept_message(
                    l,
                    crate::td_plural!(l, territory.keep_saved, files.len()),
                    files.len(),
                    communes,
                ),
                Err(_) => td_string!(l, territory.keep_failed).to_string(),
            };
            self.status.set(message);
        });
    }

    fn set_keep(self, l: Locale, keep: bool, communes: usize) {
        if !crate::storage::set_territory_keep(keep) {
            self.status
                .set(td_string!(l, territory.keep_failed).to_string());
            return;
        }
        self.keep.set(keep);
        if keep {
            self.save(l, communes);
        } else {
            // Without the option, nothing stays behind.
            self.clear(l, td_string!(l, territory.keep_off));
        }
    }

    /// « Tout effacer »: the view, and the kept files when the option is on.
    fn forget(self, l: Locale) {
        if self.keep.get_untracked() {
            self.clear(l, td_string!(l, territory.keep_cleared));
        } else {
            self.status
                .set(td_string!(l, territory.view_cleared).to_string());
        }
        // The button goes with the view: the keyboard goes to the file picker, to start again.
        request_animation_frame(|| browser::focus("territory-files"));
    }

    fn clear(self, l: Locale, done: &'static str) {
        wasm_bindgen_futures::spawn_local(async move {
            let message = match territory_store::clear().await {
                Ok(()) => done,
                Err(_) => td_string!(l, territory.keep_failed),
            };
            self.status.set(message.to_string());
        });
    }
}

/// « Garder ces résumés dans ce navigateur », opt-in, and « Tout effacer ».
#[component]
fn KeepFiles(
    /// The option and the files it keeps.
    kept: Kept,
    /// Clears the view as well as the kept files.
    forget: Callback<()>,
    /// The communes on screen: « Tout effacer » starts over even without the option.
    showing: RwSignal<Option<Territory>>,
) -> impl IntoView {
    let l = crate::state::locale();
    view! {
        <div class="keep-files">
            <label class="keep-files__option">
                <input type="checkbox" data-testid="territory-keep" prop:checked=move || kept.keep.get()
                    on:change=handler(move |ev| kept.set_keep(l, event_target_checked(&ev), communes_on_screen(showing)))/>
                " "{td_string!(l, territory.keep_label)}
            </label>
            <p class="hint">{td_string!(l, territory.keep_hint)}</p>
            {reactive(move || (kept.keep.get() || showing.with(Option::is_some)).then(|| view! {
                <button type="button" class="button" data-testid="territory-forget" on:click=handler(move |_| forget.run(()))>
                    {td_string!(l, territory.keep_forget)}
                </button>
            }))}
            <p role="status" aria-live="polite" data-testid="territory-kept">{reactive(move || kept.status.get())}</p>
        </div>
    }
}

/// How many communes the view shows.
fn communes_on_screen(territory: RwSignal<Option<Territory>>) -> usize {
    territory.with_untracked(|t| t.as_ref().map_or(0, |t| t.communes.len()))
}

/// What was kept or found, and, when the files outnumber the communes on screen, why: the
/// refused and the replaced files are kept too, so they are listed again.
fn kept_message(l: Locale, head: String, files: usize, communes: usize) -> String {
    match files.saturating_sub(communes) {
        0 => head,
        others => format!(
            "{head} {}",
            crate::td_plural!(l, territory.keep_not_shown, others)
        ),
    }
}

/// A territory loader that has taken the files already read and the files refused unread.
fn loader_of(
    files: &FilesRead,
    refused: Vec<territory::Rejected>,
    now: &str,
) -> territory::TerritoryLoader {
    let mut loader = territory::TerritoryLoader::default();
    for (name, bytes) in files {
        loader.add(content::framework(), name, bytes, now);
    }
    for r in refused {
        loader.reject(&r.file, r.error);
    }
    loader
}

/// Reads every file, refusing the oversized ones before reading them.
/// Files awaited together: large enough that the event loop is crossed rarely, small enough
/// that parsing starts while the browser still reads the rest.
const READ_BATCH: usize = 50;

/// Returns the territory of the `earlier` files, already read, the files `refused` unread
/// before, and the new ones, with all the files as read, for the next pick and the option
/// that keeps them, and the names of the files picked again that were older than the copy
/// already read, which stays.
async fn read_and_load(
    earlier: FilesRead,
    refused: Vec<territory::Rejected>,
    files: Vec<web_sys::File>,
) -> (Territory, FilesRead, PickedAgain) {
    let framework = content::framework();
    let now = browser::now_iso();
    // Every read starts at once; an unreadable file resolves to nothing and is reported alone.
    // Sizes come from what was read: `File.size` asks the disk synchronously, about half a
    // millisecond per file in Chromium.
    let unreadable =
        wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
    let reads: Vec<wasm_bindgen::JsValue> = files
        .iter()
        .map(|file| file.array_buffer().catch(&unreadable).into())
        .collect();
    // A file picked again is weighed against the copy read before, once it is read too.
    let (mut same_name, earlier): (FilesRead, FilesRead) = earlier
        .into_iter()
        .partition(|(name, _)| files.iter().any(|file| file.name() == *name));
    let mut again = PickedAgain::default();
    let mut loader = loader_of(&earlier, refused, &now);
    let mut read = earlier;
    read.reserve(files.len());
    for (batch_files, batch_reads) in files.chunks(READ_BATCH).zip(reads.chunks(READ_BATCH)) {
        let batch: js_sys::Array = batch_reads.iter().collect();
        let buffers = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::all(&batch))
            .await
            .map(|all| js_sys::Array::from(&all))
            .unwrap_or_default();
        for (index, file) in batch_files.iter().enumerate() {
            let buffer = buffers.get(index as u32);
            let name = file.name();
            if buffer.is_null() || buffer.is_undefined() {
                loader.add(framework, &name, &[], &now);
                continue;
            }
            let bytes = js_sys::Uint8Array::new(&buffer);
            let length = bytes.length() as usize;
            if length > MAX_FILE_BYTES {
                loader.reject(&name, ImportError::TooLarge { bytes: length });
            } else {
                let mut bytes = bytes.to_vec();
                if let Some(index) = same_name.iter().position(|(before, _)| *before == name) {
                    let (_, before) = same_name.swap_remove(index);
                    if before == bytes {
                        again.same.push(name.clone());
                    } else if territory::saved_later(&before, &bytes) {
                        again.older.push(name.clone());
                        bytes = before;
                    }
                }
                loader.add(framework, &name, &bytes, &now);
                read.push((name, bytes));
            }
        }
    }
    // A file picked again but not read this time keeps its earlier copy.
    for (name, bytes) in same_name {
        loader.add(framework, &name, &bytes, &now);
        read.push((name, bytes));
    }
    (loader.finish(&browser::today()), read, again)
}

/// Files picked again under a name already loaded, which change nothing on screen: the view
/// says so, or the officer wonders whether the second pick was read.
#[derive(Default)]
struct PickedAgain {
    /// Older than the copy loaded before, which stays in use.
    older: Vec<String>,
    /// The same bytes as the copy loaded before.
    same: Vec<String>,
}

#[component]
fn TerritoryReport(
    territory: Territory,
    /// Takes the file of this name out of the view.
    remove: Callback<String>,
    /// Whether the list of files is open.
    files_open: RwSignal<bool>,
) -> impl IntoView {
    let l = crate::state::locale();
    let territory = StoredValue::new(territory);
    let rest = RwSignal::new(false);
    // Set on screen, and used by the export as well, so the file says what the screen shows.
    let pooling_minimum = RwSignal::new(territory.with_value(Territory::default_pooling_minimum));
    let thresholds = RwSignal::new(Thresholds::default());
    let sort = RwSignal::new((SortBy::Name, false));
    // Files more than 12 months old or dated in the future, marked on every list of communes
    // below the heat map.
    let marks = territory.with_value(|t| StoredValue::new(t.date_marks(&browser::today())));
    set_timeout(
        move || {
            rest.set(true);
            // The benchmark's end of the whole report: the task after the frame that lays out
            // and paints the sections below.
            request_animation_frame(|| {
                set_timeout(
                    || browser::mark("autodiag:territory-complete"),
                    std::time::Duration::ZERO,
                )
            });
        },
        std::time::Duration::ZERO,
    );
    // Read-only, above the heat map: what the files did not give (communes to come, names
    // outside the territory, codes to check), the files refused and the files set aside.
    let head = territory.with_value(|t| {
        let territory::RollCall {
            not_received: missing,
            outside,
        } = t.roll_call(content::framework());
        let not_received = (!missing.is_empty()).then(|| {
            let communes = missing.join(", ");
            let text = td_string!(
                l,
                territory.not_received,
                count = missing.len(),
                communes = communes
            );
            // A refused file's commune is not received either, as far as the list knows.
            if !t.refused_a_commune_file() {
                text.to_string()
            } else {
                format!("{text} {}", td_string!(l, territory.not_received_refused))
            }
        });
        let outside = (!outside.is_empty()).then(|| {
            crate::td_plural!(
                l,
                territory.outside,
                outside.len(),
                total = content::framework().communes.len(),
                communes = outside.join(", ")
            )
        });
        html! {
            @if let Some(text) = not_received {
                p.hint data-testid="not-received" { (text) }
            }
            @if let Some(text) = outside {
                p."notice notice--warning" data-testid="outside-territory" { (text) }
            }
            @for (code, names) in t.shared_nis_codes() {
                p."notice notice--warning" data-testid="shared-nis" {
                    (td_string!(l, territory.shared_nis, code = code, communes = names.join(", ")))
                }
            }
            @if !t.rejected.is_empty() {
                section.card aria-labelledby="rejected-title" data-testid="rejected-files" {
                    h2 #rejected-title { (td_string!(l, territory.rejected_title)) }
                    ul {
                        @for r in &t.rejected {
                            li { strong { (r.file) } (td_string!(l, shell.colon)) (error_message(l, &r.error)) }
                        }
                    }
                    p.hint data-testid="rejected-next" { (td_string!(l, territory.rejected_next)) }
                }
            }
            @if !t.superseded.is_empty() {
                section."card card--quiet" aria-labelledby="superseded-title" data-testid="superseded-files" {
                    h2 #superseded-title { (td_string!(l, territory.superseded_title)) }
                    ul { @for s in &t.superseded { li { (superseded_sentence(l, s)) } } }
                }
            }
        }
    });
    let has_communes = territory.with_value(|t| !t.communes.is_empty());
    view! {
        <div inner_html=head.into_string()></div>
        {has_communes.then(|| view! { <LoadedFiles territory remove open=files_open/> })}
        {has_communes.then(|| view! { <Heatmap territory sort/> })}
        // The heatmap shows first; the sections below it follow in the next task, so a large
        // batch is on screen sooner.
        {reactive(move || (has_communes && rest.get()).then(|| view! {
            <Spreads territory/>
            <Priorities territory marks/>
            <Obligations territory marks/>
            <Pooling territory minimum=pooling_minimum marks/>
            <Contacts territory thresholds marks/>
            <Exports territory pooling_minimum thresholds sort/>
        }))}
    }
}

/// Why a file was set aside, in one sentence after the commune and both files' names.
fn superseded_sentence(l: Locale, s: &territory::Superseded) -> String {
    let mut reason = match s.reason {
        SupersededReason::OlderDate => td_string!(l, territory.superseded_date).to_string(),
        SupersededReason::FutureDate => td_string!(l, territory.superseded_future).to_string(),
        SupersededReason::GeneratedEarlier => {
            td_string!(l, territory.superseded_generated).to_string()
        }
        SupersededReason::SameDownload => td_string!(l, territory.superseded_copy).to_string(),
        SupersededReason::CountedInSynthesis => td_string!(
            l,
            territory.superseded_synthesis,
            synthesis = s.synthesis.clone().unwrap_or_default()
        ),
        SupersededReason::OtherRespondent => {
            let (theirs, used) = s.respondents.clone().unwrap_or_default();
            let named = |who: String| {
                if who.is_empty() {
                    td_string!(l, territory.unnamed_respondent).to_string()
                } else {
                    who
                }
            };
            td_string!(
                l,
                territory.superseded_other,
                theirs = named(theirs),
                used = named(used)
            )
        }
        SupersededReason::FewerAnswers => td_string!(l, territory.superseded_fewer).to_string(),
    };
    // How complete each file is, when that differs: a partial save explains itself.
    let (theirs, used) = s.answered;
    if theirs != used {
        let total = content::framework().question_count();
        reason += " ";
        reason += &td_string!(
            l,
            territory.superseded_answered,
            used = used,
            theirs = theirs,
            total = total
        );
    }
    format!(
        "{} {reason}",
        td_string!(
            l,
            territory.superseded,
            commune = s.commune.clone(),
            used = s.used.clone(),
            file = s.file.clone()
        )
    )
}

/// The files behind the rows, each with « Retirer »: a test file, or one sent to the wrong
/// address, leaves the figures without picking the 29 others again.
#[component]
fn LoadedFiles(
    territory: StoredValue<Territory>,
    remove: Callback<String>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let l = crate::state::locale();
    let lang = AppState::from_context().lang_code();
    let count = territory.with_value(|t| t.communes.len());
    // One HTML string and one listener for the whole list: 600 files stay one parse, and
    // only once the list is opened, so the heat map above them is drawn no later.
    let items = move || {
        territory.with_value(|t| {
        let mut order: Vec<usize> = (0..t.communes.len()).collect();
        crate::sort::sort_by_key(&mut order, |&i| t.communes[i].file.clone());
        html! {
            @for i in order {
                @let commune = &t.communes[i];
                li {
                    span.loaded-files__name { (commune.file) }
                    " — " (commune.name) ", " (browser::format_date(&commune.assessment.profile.date, lang, false)) " "
                    button.button."button--small" type="button" data-file=(commune.file) data-testid="remove-file"
                        aria-label=(td_string!(l, territory.remove_named, file = commune.file.clone())) {
                        (td_string!(l, territory.remove))
                    }
                }
            }
        }
        .into_string()
    })
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let file = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|target| target.closest("[data-file]").ok().flatten())
            .and_then(|button| button.get_attribute("data-file"));
        if let Some(file) = file {
            remove.run(file);
        }
    };
    view! {
        <details class="loaded-files no-print" data-testid="loaded-files" prop:open=move || open.get()
            on:toggle=handler(move |ev: leptos::ev::Event| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open()))>
            <summary id="loaded-files-title" data-testid="loaded-files-title">{crate::td_plural!(l, territory.loaded_files, count)}</summary>
            <p class="hint">{td_string!(l, territory.remove_hint)}</p>
            <ul inner_html=move || if open.get() { items() } else { String::new() } on:click=handler(on_click)></ul>
        </details>
    }
}

/// Downloads `text` as « autodiag-`stem`-<today>.csv », for a spreadsheet.
fn download_csv(stem: &str, text: &str) {
    let _ = browser::download(
        &format!("autodiag-{stem}-{}.csv", browser::today()),
        "text/csv;charset=utf-8",
        text,
    );
}

/// Communes × pillars, sortable by any pillar and by their duties below the legal minimum.
#[component]
fn Heatmap(
    territory: StoredValue<Territory>,
    /// The column, and whether a second press reversed its order: the lowest scores first are
    /// the communes IGRETEC helps first. The CSV export lists the rows in this order too.
    sort: RwSignal<(SortBy, bool)>,
) -> impl IntoView {
    let l = crate::state::locale();
    let state = AppState::from_context();
    let framework = content::framework();
    let texts = state.texts();
    let lang = state.lang_code();
    let today = browser::today();
    let duties = framework.legal_duty_count();
    // The rows as one HTML string (src/markup.rs): 600 communes' cells in one parse.
    let rows = move || {
        let (by, reversed) = sort.get();
        territory.with_value(|t| {
            let order = t.row_order(by, reversed);
            html! {
                @for i in order {
                    @let commune = &t.communes[i];
                    @let (answered, total) = commune.completeness(framework);
                    @let respondents = commune.assessment.profile.consolidated_respondents;
                    tr {
                        th scope="row" {
                            (commune.name)
                            // A workshop's position weighs as its people: IGRETEC reads it apart.
                            @if respondents > 1 {
                                " " span.badge data-testid="synthesis-badge" {
                                    (td_string!(l, territory.synthesis_badge, count = respondents))
                                }
                            }
                            // Several people's answers of one round: the row is one view until
                            // they are consolidated.
                            @if commune.other_respondents > 0 {
                                " " span."badge badge--warning" data-testid="other-respondents" {
                                    (crate::td_plural!(l, territory.other_respondents, commune.other_respondents))
                                }
                            }
                        }
                        td.heatmap__date data-testid="assessment-date" {
                            (browser::format_date(&commune.assessment.profile.date, lang, false))
                            @match commune.date_mark(&today) {
                                Some(DateMark::Old) => (crate::markup::warning_badge(td_string!(l, territory.old_mark))),
                                Some(DateMark::Future) => (crate::markup::warning_badge(td_string!(l, territory.future_mark))),
                                None => {},
                            }
                        }
                        td.heatmap__completeness data-testid="completeness" {
                            (td_string!(l, territory.completeness, answered = answered, total = total))
                            @if commune.asked_again > 0 {
                                " " span.badge data-testid="older-referential" {
                                    (td_string!(l, territory.older_referential, version = commune.framework_version.clone()))
                                }
                            }
                        }
                        td.heatmap__duties."heatmap__duties--some"[commune.duties_below > 0] {
                            // No duty checked is no « 0 », which a DG reads as in order.
                            span data-testid="duties-below" {
                                @if commune.settled_no_duty(duties) { "—" } @else { (commune.duties_below) }
                            }
                            @if commune.duties_to_check > 0 {
                                br; span.heatmap__to-check data-testid="duties-to-check" {
                                    (td_string!(l, territory.duties_to_check_mark, count = commune.duties_to_check))
                                }
                            }
                        }
                        @for (score, to_confirm) in commune.scores.iter().zip(&commune.to_confirm) {
                            @match score {
                                // Marked as the commune's own results mark it, so a score that
                                // rests on few answers is not read as a sure one.
                                Some(score) => td.(format!("cell--{}", crate::domain::scoring::band_of(*score).get()))."cell--to-confirm"[*to_confirm] {
                                    (score)
                                    @if *to_confirm { " " span.cell__flag { (td_string!(l, results.to_confirm)) } }
                                },
                                None => td."cell--none" { "—" },
                            }
                        }
                    }
                }
            }
            .into_string()
        })
    };
    // The column's `aria-sort` says which one sorts the rows and which way; a second press
    // reverses it.
    let header = move |by: SortBy, label: String| {
        // Names go A to Z first, the other columns highest first.
        let aria_sort = move || match sort.get() {
            (current, _) if current != by => "none",
            (_, reversed) if reversed == (by == SortBy::Name) => "descending",
            _ => "ascending",
        };
        let testid = match by {
            SortBy::Name => "sort-name".to_string(),
            SortBy::DutiesBelow => "sort-duties-below".to_string(),
            SortBy::Pillar(i) => format!("sort-{}", framework.pillars[i].id),
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button type="button" on:click=handler(move |_| sort.update(|(current, reversed)| {
                    *reversed = *current == by && !*reversed;
                    *current = by;
                })) data-testid=testid>
                    {label}
                </button>
            </th>
        }
    };
    view! {
        <section aria-labelledby="heatmap-title">
            <h2 id="heatmap-title">{td_string!(l, territory.heatmap_title)}</h2>
            <p class="hint">{td_string!(l, territory.heatmap_hint)}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=table_named(l, td_string!(l, territory.heatmap_title))>
                <table class="heatmap" data-testid="heatmap">
                    <caption class="visually-hidden">{td_string!(l, territory.heatmap_title)}</caption>
                    <thead>
                        <tr>
                            {header(SortBy::Name, td_string!(l, territory.commune).to_string())}
                            <th scope="col">{td_string!(l, territory.col_date)}</th>
                            <th scope="col">{td_string!(l, territory.col_completeness)}</th>
                            {header(SortBy::DutiesBelow, td_string!(l, territory.col_duties_below).to_string())}
                            {framework.pillars.iter().enumerate().map(|(i, p)| header(SortBy::Pillar(i), texts.pillar_name(&p.id).to_string())).collect_any_view()}
                        </tr>
                    </thead>
                    <tbody inner_html=rows></tbody>
                </table>
            </div>
            <div class="heatmap-key" data-testid="heatmap-key">
                <BandKey hint=td_string!(l, territory.heatmap_key).to_string()/>
            </div>
            {territory.with_value(|t| t.communes.iter().any(|c| c.asked_again > 0)).then(|| view! {
                <p class="hint" data-testid="older-referential-note">{td_string!(l, territory.older_referential_note, current = framework.version.clone())}</p>
            })}
        </section>
    }
}

/// Min, quartiles, median, max and mean per pillar.
#[component]
fn Spreads(territory: StoredValue<Territory>) -> impl IntoView {
    let l = crate::state::locale();
    let state = AppState::from_context();
    let framework = content::framework();
    let texts = state.texts();
    let lang = state.lang_code();
    let number = move |v: f64| browser::format_number(v, lang, 1);
    let table = territory.with_value(|t| {
        html! {
            h2 #spread-title { (td_string!(l, territory.spread_title)) }
            p.hint data-testid="spread-hint" { (td_string!(l, territory.spread_hint, minimum = crate::domain::reference::MIN_COMMUNES)) }
            div.table-scroll tabindex="0" role="region" aria-label=(table_named(l, td_string!(l, territory.spread_title))) {
                table.data-table data-testid="spreads" {
                    caption { (td_string!(l, territory.spread_caption)) }
                    (crate::markup::column_headers(&[
                        td_string!(l, results.col_pillar),
                        td_string!(l, territory.col_count),
                        "Min",
                        td_string!(l, territory.col_q1),
                        td_string!(l, territory.col_median),
                        td_string!(l, territory.col_q3),
                        "Max",
                        td_string!(l, territory.col_mean),
                    ]))
                    tbody {
                        @for (pillar, spread) in framework.pillars.iter().zip(t.spreads(framework)) {
                            tr {
                                th scope="row" { (texts.pillar_name(&pillar.id)) }
                                @match spread {
                                    // Quartiles of two or three scores are arithmetic, not a spread.
                                    Some(s) => {
                                        @let quartile = |v: f64| if s.count < crate::domain::reference::MIN_COMMUNES { "—".to_string() } else { number(v) };
                                        td { (s.count) } td { (number(s.min)) } td { (quartile(s.q1)) }
                                        td { strong { (number(s.median)) } } td { (quartile(s.q3)) }
                                        td { (number(s.max)) } td { (number(s.mean)) }
                                    },
                                    None => td colspan="7" { (td_string!(l, results.not_assessed)) },
                                }
                            }
                        }
                    }
                }
            }
        }
        .into_string()
    });
    view! { <section aria-labelledby="spread-title" inner_html=table></section> }
}

/// Per legal duty, how many communes are below the minimum: what the intercommunale can help
/// many communes reach together.
#[component]
fn Obligations(
    territory: StoredValue<Territory>,
    /// The communes whose file's date is marked: more than 12 months old, or in the future.
    marks: StoredValue<DateMarks>,
) -> impl IntoView {
    let l = crate::state::locale();
    let state = AppState::from_context();
    let texts = state.texts();
    let counts = territory.with_value(|t| t.obligation_counts(content::framework()));
    // How many communes, then which: « Sous le minimum » and « À vérifier » alike.
    let named = |names: &[String]| {
        let names: Vec<String> = names
            .iter()
            .map(|name| dated_name(l, marks, name))
            .collect();
        html! {
            td {
                strong { (names.len()) }
                @if !names.is_empty() { br; span.hint { (names.join(", ")) } }
            }
        }
    };
    let table = html! {
        h2 #territory-obligations-title { (td_string!(l, territory.obligations_title)) }
        p.hint { (td_string!(l, territory.obligations_lead)) }
        div.table-scroll tabindex="0" role="region" aria-label=(table_named(l, td_string!(l, territory.obligations_title))) {
            table.data-table data-testid="territory-obligations" {
                (crate::markup::column_headers(&[
                    td_string!(l, territory.obligations_question),
                    td_string!(l, territory.obligations_below),
                    td_string!(l, territory.obligations_met),
                    td_string!(l, territory.obligations_to_check),
                ]))
                tbody {
                    @for count in &counts {
                        tr data-testid=(format!("territory-obligation-{}", count.question_id)) {
                            th scope="row" { (texts.questions.get(&count.question_id).map(|q| q.title.as_str()).unwrap_or_default()) }
                            (named(&count.below))
                            td { (count.met) }
                            (named(&count.to_check))
                        }
                    }
                }
            }
        }
    }
    .into_string();
    let download = move |_| {
        let headers = [
            td_string!(l, territory.obligations_question),
            td_string!(l, question.legal_minimum),
            td_string!(l, territory.obligations_below),
            td_string!(l, territory.csv_communes_below),
            td_string!(l, territory.obligations_met),
            td_string!(l, territory.obligations_to_check),
            td_string!(l, territory.csv_communes_to_check),
        ];
        let text = territory.with_value(|t| {
            t.obligations_csv(
                content::framework(),
                (&|id: &str| question_title(texts, id), &move |name: &str| {
                    dated_name(l, marks, name)
                }),
                &headers,
            )
        });
        download_csv("obligations", &text);
    };
    view! {
        <section aria-labelledby="territory-obligations-title">
            <div inner_html=table></div>
            <button type="button" class="button no-print" data-testid="export-obligations" on:click=handler(download)>{td_string!(l, territory.export_obligations)}</button>
        </section>
    }
}

/// Which pillars most communes chose as a focus, each with its communes on demand.
#[component]
fn Priorities(
    territory: StoredValue<Territory>,
    /// The communes whose file's date is marked: more than 12 months old, or in the future.
    marks: StoredValue<DateMarks>,
) -> impl IntoView {
    let l = crate::state::locale();
    let state = AppState::from_context();
    let texts = state.texts();
    let framework = content::framework();
    let (total, priorities, spreads) = territory.with_value(|t| {
        (
            t.communes.len().max(1),
            t.priorities_with_communes(framework),
            t.spreads(framework),
        )
    });
    // Only a pillar with a score not to confirm can be a priority: « 6 sur 30 » read as a
    // minor concern where 12 communes could count it.
    let could_count = move |pillar: &str| {
        framework
            .pillars
            .iter()
            .position(|p| p.id == pillar)
            .and_then(|i| spreads.get(i).copied().flatten())
            .map_or(0, |s| s.count)
    };
    view! {
        <section aria-labelledby="priorities-title">
            <h2 id="priorities-title">{td_string!(l, territory.priorities_title)}</h2>
            <p class="hint">{td_string!(l, territory.priorities_hint)}</p>
            <ol class="priority-list" data-testid="priorities">
                {priorities.into_iter().map(|(pillar, communes)| {
                    let count = communes.len();
                    view! {
                        <li data-testid="priority" data-pillar=pillar.clone()>
                            <span class="priority-list__name">{texts.pillar_name(&pillar).to_string()}</span>
                            <span class="priority-list__bar" aria-hidden="true"><span style:width=format!("{}%", count * 100 / total)></span></span>
                            <span>{crate::td_plural!(l, territory.priorities_count, count, total = total, scored = could_count(&pillar))}</span>
                            {(count > 0).then(|| {
                                let chips = html! {
                                    summary { (td_string!(l, territory.priorities_show)) }
                                    (marks.with_value(|marks| commune_chips(l, &communes, None, marks)))
                                };
                                view! { <details class="priority-list__communes" inner_html=chips.into_string()></details> }
                            })}
                        </li>
                    }
                }).collect_any_view()}
            </ol>
        </section>
    }
}

/// « niveau 2 », or « sans niveau » for no answer, « je ne sais pas » or « non applicable ».
fn level_text(l: Locale, level: Option<u8>) -> String {
    match level {
        Some(level) => td_string!(l, territory.level, level = level).to_string(),
        None => td_string!(l, territory.no_level).to_string(),
    }
}

/// Commune names as chips: short inline labels that wrap, easier to scan than a sentence.
/// A commune in `marks` is marked as the heat map marks its date; with `levels`, each name
/// is followed by its level.
fn commune_chips(
    l: Locale,
    names: &[String],
    levels: Option<&[Option<u8>]>,
    marks: &DateMarks,
) -> Markup {
    html! {
        ul.chips {
            @for (i, name) in names.iter().enumerate() {
                li.chip {
                    (name)
                    @if let Some(level) = levels.and_then(|levels| levels.get(i)) {
                        " " span.chip__level { (level_text(l, *level)) }
                    }
                    (date_chip_mark(l, marks.get(name)))
                }
            }
        }
    }
}

/// « ancienne (> 12 mois) » or « date dans le futur : à faire corriger » after a commune's
/// name in a chip: its
/// file still counts in the lists below the heat map, and an analyst must see which figure is
/// last year's, or dated by mistake.
fn date_chip_mark(l: Locale, mark: Option<&DateMark>) -> Markup {
    let (testid, text) = match mark {
        None => return Markup::default(),
        Some(DateMark::Old) => ("old-chip", td_string!(l, territory.old_mark)),
        Some(DateMark::Future) => ("future-chip", td_string!(l, territory.future_mark)),
    };
    html! { " " span."chip__level chip__date" data-testid=(testid) { (text) } }
}

/// A commune's name in a list of names, on screen or in a CSV that leaves it: marked when its
/// file is more than 12 months old or dated in the future, as its chips are.
fn dated_name(l: Locale, marks: StoredValue<DateMarks>, name: &str) -> String {
    let commune = name.to_string();
    match marks.with_value(|marks| marks.get(name).copied()) {
        None => commune,
        Some(DateMark::Old) => td_string!(l, territory.old_commune, commune = commune).to_string(),
        Some(DateMark::Future) => {
            td_string!(l, territory.future_commune, commune = commune).to_string()
        }
    }
}

/// Actions found in at least N communes' roadmaps: candidates for pooling.
#[component]
fn Pooling(
    territory: StoredValue<Territory>,
    /// How many communes must share an action, as set on screen; the export uses it too.
    minimum: RwSignal<usize>,
    /// The communes whose file's date is marked: more than 12 months old, or in the future.
    marks: StoredValue<DateMarks>,
) -> impl IntoView {
    let l = crate::state::locale();
    let state = AppState::from_context();
    let framework = content::framework();
    let texts = state.texts();
    let actions = state.action_texts();
    let list = move || {
        let candidates = territory.with_value(|t| t.pooling_candidates(framework, minimum.get()));
        if candidates.is_empty() {
            // Below two communes an action is no longer pooled: no advice to go lower.
            let lower =
                (minimum.get() > 2).then(|| view! { " "{td_string!(l, territory.pooling_lower)} });
            return view! { <p class="hint">{td_string!(l, territory.pooling_none)}{lower}</p> }
                .into_any();
        }
        let (pooled, others): (Vec<_>, Vec<_>) = candidates.into_iter().partition(|c| c.pooled);
        let group = |title: &'static str, testid: &'static str, group: Vec<PoolingCandidate>| {
            html! {
                @if !group.is_empty() {
                    h3 { (title) }
                    ul.pooling-list data-testid=(testid) {
                        @for c in &group {
                            li data-testid="pooling-candidate" data-action=(c.action_id) {
                                strong { (actions.get(&c.action_id).map_or_else(|| c.action_id.clone(), |a| {
                                    // Several communes at once: the operator is named generically.
                                    content::with_grd(&a.title, state.texts(), None).into_owned()
                                })) }
                                " " span.hint { (texts.pillar_name(&c.pillar_id)) }
                                br;
                                strong.pooling-list__count { (crate::td_plural!(l, territory.pooling_count, c.communes.len())) }
                                // Each with its level on the action's question: a count made of
                                // communes at level 3, or that gave none, is no shared need.
                                (marks.with_value(|marks| commune_chips(l, &c.communes, Some(&c.levels), marks)))
                            }
                        }
                    }
                }
            }
        };
        let lists = html! {
            (group(td_string!(l, territory.pooling_pooled_title), "pooling-pooled", pooled))
            (group(td_string!(l, territory.pooling_others_title), "pooling-others", others))
        };
        view! { <div inner_html=lists.into_string()></div> }.into_any()
    };
    let download = move |_| {
        let headers = [
            td_string!(l, territory.csv_action),
            td_string!(l, results.col_pillar),
            td_string!(l, territory.csv_pooled),
            td_string!(l, territory.csv_communes_count),
            td_string!(l, territory.col_count),
        ];
        let action_title = |id: &str| {
            actions.get(id).map_or_else(
                || id.to_string(),
                |a| content::with_grd(&a.title, texts, None).into_owned(),
            )
        };
        let pillar_name = |id: &str| texts.pillar_name(id).to_string();
        let text = territory.with_value(|t| {
            t.pooling_csv(
                framework,
                minimum.get_untracked(),
                (
                    &action_title,
                    &pillar_name,
                    &move |name: &str| dated_name(l, marks, name),
                    &move |level| level_text(l, level),
                ),
                td_string!(l, pst.yes),
                &headers,
            )
        });
        download_csv("mutualisation", &text);
    };
    view! {
        <section aria-labelledby="pooling-title">
            <h2 id="pooling-title">{td_string!(l, territory.pooling_title)}</h2>
            <p>{td_string!(l, territory.pooling_lead)}</p>
            <p class="hint" data-testid="pooling-interest">{td_string!(l, territory.pooling_interest)}</p>
            <div class="field field--inline">
                <label for="pooling-min">{td_string!(l, territory.pooling_min)}</label>
                <input id="pooling-min" type="number" min="2" max="600" value=minimum.get_untracked() data-testid="pooling-min"
                    // A field emptied while typing keeps the list: not every action of one commune.
                    // Pooling takes two communes at least.
                    on:input=handler(move |ev| {
                        if let Ok(value) = event_target_value(&ev).parse::<usize>() {
                            minimum.set(value.max(2));
                        }
                    })
                    // Once left, the field shows the number the list was made with.
                    on:change=handler(move |ev| {
                        event_target::<leptos::web_sys::HtmlInputElement>(&ev).set_value(&minimum.get_untracked().to_string());
                    })/>
            </div>
            <div data-testid="pooling">{list}</div>
            <button type="button" class="button no-print" data-testid="export-pooling" on:click=handler(download)>{td_string!(l, territory.export_pooling)}</button>
        </section>
    }
}

/// Who can help whom, question by question.
#[component]
fn Contacts(
    territory: StoredValue<Territory>,
    /// The levels that make a commune ahead or behind, as set on screen; the export uses them.
    thresholds: RwSignal<Thresholds>,
    /// The communes whose file's date is marked: more than 12 months old, or in the future.
    marks: StoredValue<DateMarks>,
) -> impl IntoView {
    let l = crate::state::locale();
    let state = AppState::from_context();
    let framework = content::framework();
    let texts = state.texts();
    let commune = RwSignal::new(String::new());
    let matches = Memo::new(move |_| {
        territory.with_value(|t| matching::find(framework, t, thresholds.get()))
    });
    let names = territory.with_value(|t| {
        t.communes
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    });
    let shown = move || {
        let chosen = commune.get();
        if chosen.is_empty() {
            view! { <AllMatches matches marks/> }.into_any()
        } else {
            view! { <CommuneContacts matches commune=chosen marks/> }.into_any()
        }
    };
    let level_select = move |id: &'static str,
                             label: &'static str,
                             values: &'static [u8],
                             get: fn(&Thresholds) -> u8,
                             set: fn(&mut Thresholds, u8)| {
        view! {
            <div class="field field--inline">
                <label for=id>{label}</label>
                <select id=id on:change=handler(move |ev| {
                    let value = event_target_value(&ev).parse().unwrap_or(1);
                    thresholds.update(|t| set(t, value));
                })>
                    {values.iter().map(|v| view! { <option value=*v selected=thresholds.with_untracked(|t| get(t) == *v)>{v.to_string()}</option> }).collect_any_view()}
                </select>
            </div>
        }
    };
    let download = move |_| {
        let headers = [
            td_string!(l, territory.csv_pillar),
            td_string!(l, territory.csv_question),
            td_string!(l, territory.csv_ahead),
            td_string!(l, territory.csv_ahead_level),
            td_string!(l, territory.csv_ahead_note),
            td_string!(l, territory.csv_behind),
            td_string!(l, territory.csv_behind_level),
            td_string!(l, territory.csv_benefit),
            td_string!(l, territory.csv_sentence_header),
        ];
        let pillar_name = |id: &str| texts.pillar_name(id).to_string();
        let question = |id: &str| question_title(texts, id);
        // A sentence is read, not looked up: a file's date is marked beside its level,
        // « Thuin (niveau 1, diagnostic datant de plus de 12 mois) ».
        let level_of = |party: &Party| {
            let mark = match marks.with_value(|marks| marks.get(&party.commune).copied()) {
                None => return party.level.to_string(),
                Some(DateMark::Old) => td_string!(l, territory.sentence_old),
                Some(DateMark::Future) => td_string!(l, territory.sentence_future),
            };
            format!("{}, {mark}", party.level)
        };
        let sentence = |m: &Match, learner: &Party| {
            td_string!(
                l,
                territory.csv_sentence,
                question = question_title(texts, &m.question_id),
                ahead = m.ahead.commune.clone(),
                ahead_level = level_of(&m.ahead),
                behind = learner.commune.clone(),
                behind_level = level_of(learner)
            )
            .to_string()
        };
        let text = matching::csv(
            &matches.get_untracked(),
            &matching::CsvTexts {
                pillar_name: &pillar_name,
                question_title: &question,
                sentence: &sentence,
            },
            &headers,
            l.as_str(),
        );
        download_csv("mises-en-relation", &text);
    };
    view! {
        <section aria-labelledby="contacts-title">
            <h2 id="contacts-title">{td_string!(l, territory.contacts_title)}</h2>
            <p>{td_string!(l, territory.contacts_lead)}</p>
            <div class="inline-form no-print">
                {level_select("ahead-from", td_string!(l, territory.ahead_from), &[3, 4, 5], |t| t.ahead_from, |t, v| t.ahead_from = v)}
                {level_select("behind-up-to", td_string!(l, territory.behind_up_to), &[1, 2, 3], |t| t.behind_up_to, |t, v| t.behind_up_to = v)}
                <div class="field field--inline">
                    <label for="contact-commune">{td_string!(l, territory.filter_commune)}</label>
                    <select id="contact-commune" data-testid="contact-commune" on:change=handler(move |ev| commune.set(event_target_value(&ev)))>
                        <option value="">{td_string!(l, territory.all_communes)}</option>
                        {names.into_iter().map(|name| { let label = name.clone(); view! { <option value=name>{label}</option> } }).collect_any_view()}
                    </select>
                </div>
                <button type="button" class="button" data-testid="export-matches" on:click=handler(download)>{td_string!(l, territory.export_matches)}</button>
            </div>
            <div data-testid="matches">{shown}</div>
        </section>
    }
}

/// A question's title, or its id when the texts lack it.
fn question_title(texts: &content::Texts, id: &str) -> String {
    texts.question(id).title.clone()
}

/// Communes with their level on one question, as chips; `chosen` stands out, and the dates
/// in `marks` are marked.
fn party_chips<'a>(
    l: Locale,
    parties: impl IntoIterator<Item = &'a Party>,
    (chosen, marks): (&str, &DateMarks),
) -> Markup {
    html! {
        ul.chips {
            @for p in parties {
                li.chip."chip--chosen"[p.commune == chosen] {
                    (p.commune) " "
                    span.chip__level { (td_string!(l, territory.level, level = p.level)) }
                    (date_chip_mark(l, marks.get(&p.commune)))
                }
            }
        }
    }
}

/// One row per question: the communes behind on it, and those that can help with their
/// notes. `chosen` is the commune the table is seen from, or empty; `title` is the heading
/// above it, which names its scrolling region. Read-only, and up to thousands of chips: one
/// HTML string.
fn contacts_table(
    l: Locale,
    texts: &'static content::Texts,
    rows: Vec<QuestionContacts<'_>>,
    (chosen, marks): (&str, StoredValue<DateMarks>),
    (testid, title): (&'static str, String),
) -> Markup {
    if rows.is_empty() {
        return html! { p.hint data-testid=(testid) { (td_string!(l, territory.contacts_none)) } };
    }
    marks.with_value(|marks| html! {
        div.table-scroll tabindex="0" role="region" aria-label=(table_named(l, &title)) {
            table."data-table contacts-table" data-testid=(testid) {
                (crate::markup::column_headers(&[
                    td_string!(l, territory.contacts_col_question),
                    td_string!(l, territory.contacts_col_behind),
                    td_string!(l, territory.contacts_col_helpers),
                ]))
                tbody {
                    @for row in &rows {
                        tr data-testid="contact-row" data-question=(row.question_id) {
                            th scope="row" {
                                (question_title(texts, row.question_id))
                                br; span.hint { (texts.pillar_name(row.pillar_id)) }
                            }
                            td data-testid="contact-behind" { (party_chips(l, row.behind.iter().copied(), (chosen, marks))) }
                            td data-testid="contact-helpers" {
                                (party_chips(l, row.helpers.iter().copied(), (chosen, marks)))
                                @for helper in row.helpers.iter().filter(|p| !p.note.is_empty()) {
                                    p."hint contacts__note" {
                                        (td_string!(l, territory.match_note, commune = helper.commune.clone(), note = helper.note.clone()))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    })
}

/// Every contact, one row per question, the most helpful first.
#[component]
fn AllMatches(
    /// The contacts found with the thresholds on screen.
    matches: Memo<Vec<Match>>,
    /// The communes whose file's date is marked: more than 12 months old, or in the future.
    marks: StoredValue<DateMarks>,
) -> impl IntoView {
    let l = crate::state::locale();
    let state = AppState::from_context();
    let texts = state.texts();
    reactive(move || {
        matches.with(|all| {
            let rows = matching::by_question(all);
            let questions = rows.len();
            let html = html! {
                p data-testid="match-count" { (crate::td_plural!(l, territory.contact_questions, questions)) }
                (contacts_table(l, texts, rows, ("", marks), ("contacts-table", td_string!(l, territory.contacts_title).to_string())))
            };
            view! { <div inner_html=html.into_string()></div> }
        })
    })
}

/// One commune's view: what it can learn, and from whom, then whom it can help.
#[component]
fn CommuneContacts(
    /// The contacts found with the thresholds on screen.
    matches: Memo<Vec<Match>>,
    /// The commune chosen in the filter.
    commune: String,
    /// The communes whose file's date is marked: more than 12 months old, or in the future.
    marks: StoredValue<DateMarks>,
) -> impl IntoView {
    let l = crate::state::locale();
    let state = AppState::from_context();
    let texts = state.texts();
    // Redrawn when the thresholds change, as the full list is: the screen and the export agree.
    reactive(move || {
        matches.with(|all| {
            let (learn, help) = matching::for_commune(all, &commune);
            let can_learn = td_string!(l, territory.can_learn, commune = commune.clone()).to_string();
            let can_help = td_string!(l, territory.can_help, commune = commune.clone()).to_string();
            let html = html! {
                h3 { (can_learn) }
                (contacts_table(l, texts, matching::by_question(learn), (&commune, marks), ("can-learn", can_learn.clone())))
                h3 { (can_help) }
                (contacts_table(l, texts, matching::by_question(help), (&commune, marks), ("can-help", can_help.clone())))
            };
            view! { <div inner_html=html.into_string()></div> }
        })
    })
}

/// The aggregate as JSON and as CSV.
#[component]
fn Exports(
    territory: StoredValue<Territory>,
    /// The pooling minimum on screen, so the file says what the screen shows.
    pooling_minimum: RwSignal<usize>,
    /// The contact thresholds on screen.
    thresholds: RwSignal<Thresholds>,
    /// The heat map's order on screen, which the CSV's rows follow.
    sort: RwSignal<(SortBy, bool)>,
) -> impl IntoView {
    let l = crate::state::locale();
    let state = AppState::from_context();
    let framework = content::framework();
    let texts = state.texts();
    let export_json = move |_| {
        let json = territory.with_value(|t| {
            let matches = matching::find(framework, t, thresholds.get_untracked());
            let actions = state.action_texts();
            // Titles as the screen writes them, so the file reads without the catalogue.
            let export_texts = ExportTexts {
                reason: &|e: &ImportError| error_message(l, e),
                question_title: &|id: &str| question_title(texts, id),
                action_title: &|id: &str| {
                    actions.get(id).map_or_else(
                        || id.to_string(),
                        |a| content::with_grd(&a.title, texts, None).into_owned(),
                    )
                },
            };
            let aggregate = t.aggregate(
                framework,
                matches,
                pooling_minimum.get_untracked(),
                &export_texts,
                (&browser::now_iso(), &browser::today()),
            );
            aggregate.to_json()
        });
        let _ = browser::download(
            &format!("autodiag-territoire-{}.json", browser::today()),
            "application/json",
            &json,
        );
    };
    let export_csv = move |_| {
        let names: Vec<String> = framework
            .pillars
            .iter()
            .map(|p| texts.pillar_name(&p.id).to_string())
            .collect();
        let total = framework.question_count();
        let answered = td_string!(l, territory.csv_answered, total = total).to_string();
        let headers = [
            td_string!(l, territory.commune),
            td_string!(l, territory.csv_nis),
            td_string!(l, profile.population),
            td_string!(l, territory.col_date),
            td_string!(l, territory.csv_file),
            td_string!(l, territory.csv_respondent),
            &answered,
            td_string!(l, territory.col_duties_below),
            td_string!(l, territory.csv_duties_to_check),
            td_string!(l, territory.csv_focus),
            td_string!(l, territory.csv_to_confirm),
            td_string!(l, territory.csv_framework),
            td_string!(l, territory.csv_old),
        ];
        let population = [
            td_string!(l, profile.population_bands.under_5000),
            td_string!(l, profile.population_bands.from_5000),
            td_string!(l, profile.population_bands.from_10000),
            td_string!(l, profile.population_bands.from_20000),
            td_string!(l, profile.population_bands.over_50000),
        ];
        let today = browser::today();
        let marks = CsvMarks {
            old: td_string!(l, territory.csv_old_mark),
            to_confirm: td_string!(l, results.to_confirm),
            future: td_string!(l, territory.future_mark),
            today: &today,
            lang: l.as_str(),
        };
        let (by, reversed) = sort.get_untracked();
        let text = territory.with_value(|t| {
            let order = t.row_order(by, reversed);
            t.csv(framework, &names, &headers, &population, &marks, &order)
        });
        download_csv("territoire", &text);
    };
    // The reference names no commune: what IGRETEC can hand to every commune.
    let reference_refused = RwSignal::new(None::<usize>);
    let after_export = RwSignal::new(String::new());
    let shared_codes = territory.with_value(|t| {
        t.shared_nis_codes()
            .into_iter()
            .map(|(code, _)| code)
            .collect::<Vec<_>>()
            .join(", ")
    });
    let export_reference = move |_| {
        let built = territory.with_value(|t| {
            crate::domain::reference::build(
                framework,
                t,
                crate::domain::settings::OPERATOR.territory,
            )
        });
        match built {
            Ok(reference) => {
                reference_refused.set(None);
                // What the communes will read from it, which IGRETEC hears before sending the
                // file, not from a commune: a pillar without a median reads « — » everywhere,
                // and a diagnostic over a year old counts as much as this year's.
                let mut notes = Vec::new();
                let pillars: Vec<String> = reference
                    .pillars
                    .iter()
                    .filter(|p| p.quartiles.is_none())
                    .map(|p| texts.pillar_name(&p.pillar_id).to_string())
                    .collect();
                if !pillars.is_empty() {
                    notes.push(td_string!(
                        l,
                        territory.reference_no_median,
                        pillars = pillars.join(", "),
                        minimum = crate::domain::reference::MIN_COMMUNES
                    ));
                }
                let today = browser::today();
                let old: Vec<String> = territory.with_value(|t| {
                    t.communes
                        .iter()
                        .filter(|c| c.is_old(&today))
                        .map(|c| c.name.clone())
                        .collect()
                });
                if !old.is_empty() {
                    notes.push(crate::td_plural!(
                        l,
                        territory.reference_old,
                        old.len(),
                        communes = old.join(", ")
                    ));
                }
                after_export.set(notes.join(" "));
                let _ = browser::download(
                    &format!("autodiag-reference-territoriale-{}.json", browser::today()),
                    "application/json",
                    &reference.to_json(),
                );
            }
            Err(crate::domain::reference::ReferenceError::TooFewCommunes { found }) => {
                after_export.set(String::new());
                reference_refused.set(Some(found));
            }
            Err(_) => {}
        }
    };
    view! {
        <section class="no-print exports" aria-labelledby="exports-title">
            <h2 id="exports-title">{td_string!(l, territory.exports_title)}</h2>
            <button type="button" class="button" data-testid="export-json" on:click=handler(export_json)>{td_string!(l, territory.export_json)}</button>
            " "
            <button type="button" class="button" data-testid="export-csv" on:click=handler(export_csv)>{td_string!(l, territory.export_csv)}</button>
            <h3>{td_string!(l, territory.reference_title)}</h3>
            <p class="field__hint">{td_string!(l, territory.reference_hint, minimum = crate::domain::reference::MIN_COMMUNES)}</p>
            // The reference goes to every commune: one commune under two names would count twice.
            {(!shared_codes.is_empty()).then(|| view! {
                <p class="notice notice--warning" data-testid="reference-shared-nis">{td_string!(l, territory.reference_shared_nis, codes = shared_codes)}</p>
            })}
            <button type="button" class="button" data-testid="export-reference" on:click=handler(export_reference)>{td_string!(l, territory.export_reference)}</button>
            {reactive(move || {
                let notes = after_export.get();
                (!notes.is_empty()).then(|| view! {
                    <p class="notice notice--info" role="status" data-testid="reference-exported">
                        {td_string!(l, territory.reference_saved)}" "{notes}
                    </p>
                })
            })}
            {reactive(move || reference_refused.get().map(|found| view! {
                <p class="notice notice--error" role="alert" data-testid="reference-refused">
                    {crate::td_plural!(l, territory.reference_too_few, found, minimum = crate::domain::reference::MIN_COMMUNES)}
                </p>
            }))}
        </section>
    }
}
