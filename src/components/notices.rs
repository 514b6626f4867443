//! Messages about the safety of the commune's data: storage problems, recovered values,
//! conflicts between tabs, undo after a deletion, and a new version being ready.

use super::download::{DownloadCopyButton, download_backup};
use crate::browser;
use crate::domain::stored::DecodeError;
use crate::erased::{handler, reactive};
use crate::i18n::*;
use crate::state::AppState;
use crate::storage::{self, Recovered};
use leptos::prelude::*;

#[component]
pub fn Notices() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    // Every notice in one closure: they change rarely, and each separate reactive block would
    // cost its own code in the wasm.
    let notices = move || {
        let warning = |testid: &'static str, title: &'static str, body: &'static str| {
            view! {
                <div class="notice notice--warning" role="alert" data-testid=testid>
                    <p><strong>{title}</strong>" "{body}</p>
                    <DownloadButtons/>
                </div>
            }
        };
        let mut shown = Vec::new();
        if !state.storage_available {
            shown.push(
                warning(
                    "storage-unavailable",
                    td_string!(l, notices.unavailable_title),
                    td_string!(l, notices.unavailable_body),
                )
                .into_any(),
            );
        }
        if state.quota_exceeded.get() {
            shown.push(
                warning(
                    "quota-exceeded",
                    td_string!(l, notices.quota_title),
                    td_string!(l, notices.quota_body),
                )
                .into_any(),
            );
        }
        for recovered in state.recovered.get() {
            shown.push(view! { <RecoveryNotice recovered/> }.into_any());
        }
        if let Some(name) = state.conflict_copy.get() {
            shown.push(view! {
                <div class="notice notice--info" role="status" data-testid="conflict-notice">
                    <p>{td_string!(l, notices.conflict, name = name)}</p>
                    <button type="button" class="button" on:click=handler(move |_| state.conflict_copy.set(None))>{td_string!(l, notices.dismiss)}</button>
                </div>
            }.into_any());
        }
        if state.language_failed.get() {
            shown.push(view! {
                <div class="notice notice--warning" role="alert" data-testid="language-failed"><p>{td_string!(l, notices.language_failed)}</p></div>
            }.into_any());
        }
        // Named with its date: a facilitator may hold several assessments of one commune.
        // A copy that an imported file replaced is the tools' business (only they import):
        // the questionnaire would call it « supprimée ».
        if let Some((name, date)) = state.deleted.with(|d| {
            d.as_ref()
                .filter(|t| cfg!(feature = "tools") || !t.replaced)
                .map(|t| {
                    let profile = &t.assessment.profile;
                    // An assessment without its date goes by the day it was begun.
                    let date = if profile.date.is_empty() {
                        t.assessment.created_at.clone()
                    } else {
                        profile.date.clone()
                    };
                    (profile.display_name(), date)
                })
        }) {
            let date = browser::format_date(&date, state.lang_code(), false);
            let said = td_string!(l, notices.deleted, name = name, date = date);
            let undo = td_string!(l, notices.undo);
            // « Annuler » brings a replaced copy back beside the file's, so it says so. Only
            // the tools bundle imports files.
            #[cfg(feature = "tools")]
            let (said, undo) = if state
                .deleted
                .with(|d| d.as_ref().is_some_and(|t| t.replaced))
            {
                (
                    td_string!(l, notices.replaced, name = name),
                    td_string!(l, notices.keep_replaced),
                )
            } else {
                (said, undo)
            };
            shown.push(view! {
                <div class="notice notice--info" role="status" data-testid="undo-notice">
                    <p>{said}</p>
                    <button type="button" class="button button--primary" data-testid="undo-delete" on:click=handler(move |_| state.undo_delete())>{undo}</button>
                    <button type="button" class="button" on:click=handler(move |_| { state.deleted.set(None); storage::empty_trash(); })>{td_string!(l, notices.dismiss)}</button>
                </div>
            }.into_any());
        }
        if state.update_ready.get() {
            shown.push(view! {
                <div class="notice notice--info" role="status" data-testid="update-ready">
                    <p>{td_string!(l, notices.update_ready)}</p>
                    <button type="button" class="button" on:click=handler(move |_| crate::offline::activate_update())>{td_string!(l, notices.reload)}</button>
                </div>
            }.into_any());
        }
        shown
    };
    // A landmark of its own, so that nothing on the page lies outside one.
    view! {
        <section class="notices" aria-label=td_string!(l, notices.region)>
            {notices}
            <SaveStatus/>
        </section>
    }
}

/// Offers both the open assessment's summary and a backup of everything.
#[component]
fn DownloadButtons() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    // Redrawn when an assessment opens or closes, not on every answer: a click keeps focus.
    let open = Memo::new(move |_| state.has_current());
    view! {
        <div class="notice__actions">
            {reactive(move || open.get().then(|| view! { <DownloadCopyButton prominent=true/> }))}
            <button type="button" class="button" on:click=handler(move |_| { download_backup(None); })>
                {td_string!(l, download.backup)}
            </button>
        </div>
    }
}

#[component]
fn RecoveryNotice(recovered: Recovered) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let downloaded = RwSignal::new(false);
    let raw = recovered.raw.clone();
    let key = recovered.key.clone();
    let file_name = format!("autodiag-donnees-illisibles-{}.json", browser::today());
    let download = move |_| {
        if browser::download(&file_name, "application/json", &raw).is_ok() {
            downloaded.set(true);
        }
    };
    let discard = move |_| {
        storage::discard(&key);
        let key = key.clone();
        state.recovered.update(|list| list.retain(|r| r.key != key));
    };
    let reason = match recovered.reason {
        DecodeError::FromTheFuture { .. } => td_string!(l, notices.recovered_future),
        DecodeError::Unparseable | DecodeError::Invalid { .. } => {
            td_string!(l, notices.recovered_corrupt)
        }
    };
    view! {
        <div class="notice notice--warning" role="alert" data-testid="recovery-notice">
            <p>
                <strong>{td_string!(l, notices.recovered_title)}</strong>" "{reason}" "
                {td_string!(l, notices.recovered_kept)}
            </p>
            <div class="notice__actions">
                <button type="button" class="button button--primary" data-testid="download-recovered" on:click=handler(download)>
                    {td_string!(l, notices.recovered_download)}
                </button>
                {reactive(move || downloaded.get().then(|| view! {
                    <button type="button" class="button" data-testid="discard-recovered" on:click=handler(discard.clone())>
                        {td_string!(l, notices.recovered_discard)}
                    </button>
                }))}
            </div>
        </div>
    }
}

/// « Enregistré », announced politely to screen readers after each save, plus a nudge to
/// download a copy after many changes.
#[component]
fn SaveStatus() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    // What the status line shows, compared so it only redraws when it changes; nothing while
    // the open diagnostic holds nothing to save.
    let status = Memo::new(move |_| {
        // The workshop and the territory work on files, not on the open diagnostic: its copy
        // reminder there read as one about the files just loaded.
        if matches!(
            state.route.get(),
            crate::route::Route::Consolidate | crate::route::Route::Territory
        ) {
            return None;
        }
        state
            .with_current(|a| {
                a.holds_work()
                    .then(|| (a.last_downloaded_at.clone(), a.should_nudge_download()))
            })
            .flatten()
    });
    let saved = move || {
        (state.saves.get() > 0 && state.storage_available && !state.quota_exceeded.get())
            .then(|| td_string!(l, notices.saved))
    };
    // The line and its button are drawn once per open assessment: a click on the button,
    // which changes the date, keeps the keyboard's focus on it.
    let open = Memo::new(move |_| status.with(Option::is_some));
    let last_download = move || {
        status.with(|status| match status {
            Some((Some(at), _)) => td_string!(
                l,
                notices.last_download,
                date = browser::format_date(at, state.lang_code(), true)
            ),
            _ => td_string!(l, notices.never_downloaded).to_string(),
        })
    };
    view! {
        <div class="save-status">
            <p class="save-status__text" role="status" aria-live="polite" data-testid="save-status">{saved}</p>
            {reactive(move || open.get().then(|| view! {
                <p class="save-status__download">
                    <span data-testid="last-download">{last_download}</span>
                    " "<DownloadCopyButton compact=true/>
                </p>
            }))}
            {reactive(move || status.get().and_then(|(last_download, nudge)| nudge.then(|| view! {
                <div class="notice notice--info" data-testid="download-nudge">
                    // « Many changes since the last copy » only when there was one.
                    <p>{if last_download.is_none() { td_string!(l, notices.nudge_never) } else { td_string!(l, notices.nudge) }}</p>
                    <DownloadCopyButton prominent=true/>
                </div>
            })))}
        </div>
    }
}
