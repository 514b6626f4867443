//! Downloads that keep a commune's work safe outside the browser.

use crate::browser;
use crate::domain::{content, scoring, summary};
use crate::erased::handler;
use crate::i18n::*;
use crate::route::{Bundle, Route};
use crate::state::AppState;
use leptos::prelude::*;

/// A summary file just written to the Downloads folder, which the hand-over panel names and
/// can share.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedSummary {
    pub commune: String,
    pub file_name: String,
    pub json: String,
    /// Questions still without an answer, and where the questionnaire resumes them: the
    /// intercommunale would otherwise read a partial diagnostic as the commune's whole one.
    pub unanswered: usize,
    pub total: usize,
    pub resume_href: String,
    /// A group's synthesis, which is already the commune's answers brought together.
    pub synthesis: bool,
    /// Last round's notes never taken back, which the file goes without; where the first is,
    /// and that round's date as shown.
    pub notes_left: usize,
    pub notes_href: String,
    pub redone_from: String,
    /// The earlier round's date, as shown, when the roadmap is still that round's plan.
    pub roadmap_carried_from: Option<String>,
}

/// Downloads an assessment's JSON summary and records when, to stop nudging. Refused while its
/// roadmap's editors hold changes not yet saved, which the file would go without while the
/// commune believes it sent them: `Err` counts them. `Ok(None)`: nothing was saved.
pub fn download_summary(state: AppState, id: &str) -> Result<Option<SavedSummary>, usize> {
    let pending = crate::pages::roadmap::unsaved_changes(id);
    if pending > 0 {
        return Err(pending);
    }
    Ok(write_summary(state, id))
}

fn write_summary(state: AppState, id: &str) -> Option<SavedSummary> {
    let now = browser::now_iso();
    let saved = state.workspace.with_untracked(|w| {
        w.get(id).map(|assessment| {
            let framework = content::framework();
            // Saved before the roadmap was ever opened, the summary still carries the roadmap
            // the screens would draft from these answers, not `null`.
            let mut assessment = assessment.clone();
            crate::domain::roadmap::refresh(framework, &mut assessment, &now);
            let assessment = &assessment;
            let summary = summary::export(framework, assessment, &now);
            let (answered, total) = scoring::answered_total(framework, assessment);
            let notes_left = assessment.previous_notes_left(framework);
            let notes_href = notes_left
                .first()
                .map(|question| Route::question_href(framework, question, Bundle::Tools))
                .unwrap_or_default();
            SavedSummary {
                commune: assessment.profile.commune.clone(),
                file_name: summary::file_name(
                    &assessment.profile,
                    &browser::today(),
                    answered == total,
                ),
                json: summary::to_json(&summary),
                unanswered: total - answered,
                total,
                resume_href: Route::to_continue(framework, assessment).href_resuming(Bundle::Tools),
                synthesis: assessment.profile.is_synthesis(),
                notes_left: notes_left.len(),
                notes_href,
                redone_from: browser::format_date(
                    &assessment.profile.redone_from,
                    state.lang_code(),
                    false,
                ),
                roadmap_carried_from: assessment
                    .roadmap
                    .as_ref()
                    .and_then(|r| r.carried_from.as_deref())
                    .map(|date| browser::format_date(date, state.lang_code(), false)),
            }
        })
    })?;
    browser::download(&saved.file_name, "application/json", &saved.json).ok()?;
    state.workspace.update(|w| {
        if let Some(assessment) = w.get_mut(id) {
            assessment.mark_downloaded(&now);
        }
    });
    Some(saved)
}

/// The banners' « Télécharger une copie de mes réponses »: the open assessment's answers as
/// they are in memory, newest included even when storage is full, which « Reprendre à partir
/// d'un fichier » reads back. The same button on every screen, so that « copie » always
/// means this file; the summary for IGRETEC has its own button and words (hand-over panel,
/// « Mes évaluations »).
#[component]
pub fn DownloadCopyButton(
    /// Adds the prominent style: the reminder's button, and the banners' when the browser
    /// cannot keep the data.
    #[prop(optional)]
    prominent: bool,
    /// A short link-like button beside the status line « Copie de sauvegarde : … », so a copy
    /// can be taken at any time, not only when the reminder asks.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let download = move |_| {
        // « My answers »: on a shared computer, never another commune's assessment.
        let Some((only, commune)) =
            state.with_current(|a| (a.id.clone(), a.profile.commune.clone()))
        else {
            return;
        };
        if download_backup(Some((&only, &commune))) {
            state.update_current(|a, now| a.mark_downloaded(now));
        }
    };
    view! {
        <button
            type="button"
            class=if compact { "link-button" } else { "button" }
            class:button--primary=prominent
            data-testid=if compact { "status-copy" } else { "download-copy" }
            on:click=handler(download)
        >
            {if compact { td_string!(l, download.copy_short) } else { td_string!(l, download.copy) }}
        </button>
    }
}

/// Every assessment of this tab, or only the one with id `only` and its commune, in one backup
/// file, importable later. A commune's copy is named after it, so that a facilitator's copies
/// of several communes tell themselves apart. Whether the browser was handed the file: only
/// then is a copy kept.
pub fn download_backup(only: Option<(&str, &str)>) -> bool {
    let file_name = match only {
        Some((_, commune)) => format!(
            "autodiag-sauvegarde-{}-{}.json",
            crate::domain::profile::slug(commune),
            browser::today()
        ),
        None => format!("autodiag-sauvegarde-{}.json", browser::today()),
    };
    crate::storage::backup_json(only.map(|(id, _)| id))
        .is_some_and(|json| browser::download(&file_name, "application/json", &json).is_ok())
}
