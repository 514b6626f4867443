//! Every assessment in this browser: open, rename, duplicate, delete, import.

use crate::browser;
use crate::components::download::download_summary;
use crate::components::import::ImportArea;
use crate::domain::assessment::Assessment;
use crate::domain::content;
use crate::domain::scoring;
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::pages::home::NewAssessmentForm;
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn AssessmentsPage() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let rows = Memo::new(move |_| {
        state.workspace.with(|w| {
            w.assessments
                .iter()
                .map(|a| RowSummary::of(a, &w.assessments))
                .collect::<Vec<_>>()
        })
    });
    // What a row's action did, where a screen reader and the eye both find it. Opening the
    // copy redraws this page, so the row leaves the text for the next drawing, which sets it
    // once drawn: a live region announces changes, not what it held from the start.
    let announce = RwSignal::new(String::new());
    let said = ANNOUNCEMENT.with_borrow_mut(std::mem::take);
    if !said.is_empty() {
        request_animation_frame(move || announce.set(said));
    }
    // The tools list names the assessment the projector will show.
    let projector_hint = match untrack(|| state.with_current(|a| a.profile.commune.clone())) {
        Some(name) => td_string!(l, assessments.projector_hint, name = name).to_string(),
        None => td_string!(l, assessments.projector_hint_none).to_string(),
    };
    view! {
        <div class="page page--assessments">
            <h1>{td_string!(l, assessments.title)}</h1>
            <p class="lead">{td_string!(l, assessments.lead)}</p>
            <p role="status" class="hint" data-testid="assessments-status">{reactive(move || announce.get())}</p>
            {reactive(move || {
                let rows = rows.get();
                if rows.is_empty() {
                    view! { <p data-testid="no-assessments">{td_string!(l, assessments.empty)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="assessment-list" data-testid="assessment-list">
                            {rows.into_iter().map(|row| view! { <AssessmentRow row/> }).collect_any_view()}
                        </ul>
                    }
                    .into_any()
                }
            })}
            <section class="card" aria-labelledby="new-title">
                <h2 id="new-title">{td_string!(l, assessments.new_title)}</h2>
                <NewAssessmentForm/>
            </section>
            <section class="card card--quiet" aria-labelledby="tools-title">
                <h2 id="tools-title">{td_string!(l, assessments.tools_title)}</h2>
                <ul class="tool-links">
                    <li><a href=state.href(Route::Projector) data-testid="to-projector" on:click=handler(|_| browser::enter_fullscreen_root())>{td_string!(l, nav.projector)}</a>" — "{projector_hint}</li>
                    <li><a href=state.href(Route::Compare) data-testid="to-compare">{td_string!(l, nav.compare)}</a>" — "{td_string!(l, assessments.compare_hint)}</li>
                    <li><a href=state.href(Route::Consolidate) data-testid="to-consolidate">{td_string!(l, nav.consolidate)}</a>" — "{td_string!(l, assessments.consolidate_hint)}</li>
                    <li><a href=state.href(Route::Territory) data-testid="to-territory">{td_string!(l, nav.territory_igretec)}</a>" — "{td_string!(l, assessments.territory_hint)}</li>
                </ul>
            </section>
            <section class="card" aria-labelledby="import-title">
                <h2 id="import-title">{td_string!(l, import.title)}</h2>
                <p>{td_string!(l, import.lead)}</p>
                // Moving to another computer takes every assessment, last year's included: the
                // questionnaire's « copie de mes réponses » holds only the open one.
                {reactive(move || (!rows.get().is_empty()).then(|| view! {
                    <p class="hint">{td_string!(l, assessments.move_hint)}" "
                        <button type="button" class="button button--small" data-testid="backup-all" on:click=handler(move |_| {
                            // The reminders to keep a copy stop only once the file was handed over.
                            if crate::components::download::download_backup(None) {
                                let now = browser::now_iso();
                                state.workspace.update(|w| w.assessments.iter_mut().for_each(|a| a.mark_downloaded(&now)));
                            }
                        })>{td_string!(l, assessments.backup_all)}</button>
                    </p>
                }))}
                // Here rather than on a page of its own: the imported assessment joins the list above.
                <ImportArea beside_the_list=true/>
            </section>
        </div>
    }
}

thread_local! {
    /// What a row's action did, for the page drawn after it.
    static ANNOUNCEMENT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Idle,
    Renaming,
    ConfirmingDelete,
}

#[component]
fn AssessmentRow(row: RowSummary) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let mode = RwSignal::new(Mode::Idle);
    let draft = RwSignal::new(String::new());
    let id = row.id.clone();
    let is_current = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .current
                .with(|current| current.as_deref() == Some(id.as_str()))
        })
    };
    // A finished questionnaire is reopened for its results, the rest where answering goes on.
    let open = {
        let id = id.clone();
        move |_| state.continue_with(&id)
    };
    // Links, so they can be told apart by what they lead to; the click opens this assessment
    // first, then the link goes to the screen.
    let open_then_follow = {
        let id = id.clone();
        move |_: leptos::ev::MouseEvent| state.open(&id)
    };
    let open_then_project = {
        let id = id.clone();
        move |_: leptos::ev::MouseEvent| {
            state.open(&id);
            browser::enter_fullscreen_root();
        }
    };
    let duplicate = {
        let id = id.clone();
        move |_| {
            // The same test `reassess` applies: a copy of an earlier round recalls its answers.
            let today = browser::today();
            let redone = state
                .workspace
                .with_untracked(|w| w.get(&id).is_some_and(|a| a.is_of_an_earlier_round(&today)));
            if let Some((new_id, profile)) = state.reassess(&id) {
                // Two copies of one day read alike in the list: say which one is now open. From
                // an earlier round the copy recalls the answers rather than holding them.
                let date = crate::browser::format_date(&profile.date, state.lang_code(), false);
                let name = profile.display_name();
                ANNOUNCEMENT.set(if !redone {
                    td_string!(l, assessments.duplicated, name = name, date = date).to_string()
                } else {
                    td_string!(
                        l,
                        assessments.redone,
                        name = name,
                        date = date,
                        earlier = crate::browser::format_date(
                            &profile.redone_from,
                            state.lang_code(),
                            false
                        )
                    )
                    .to_string()
                });
                // The keyboard goes to the copy's row, which the list has just drawn.
                browser::focus_after_frame(format!("assessment-name-{new_id}"));
            }
        }
    };
    // Where the keyboard goes back after a question or a form closes: the button that opened it.
    let (rename_id, delete_id) = (format!("name-edit-{id}"), format!("delete-{id}"));
    let cancel_delete_id = format!("cancel-delete-{id}");
    let rename = {
        let id = id.clone();
        let rename_button = rename_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let now = browser::now_iso();
            let mut renamed = false;
            state
                .workspace
                .update(|w| renamed = w.rename(&id, &draft.get_untracked(), &now));
            if renamed {
                mode.set(Mode::Idle);
                browser::focus_after_frame(rename_button.clone());
            }
        }
    };
    let delete = {
        let id = id.clone();
        move |_| state.delete(&id)
    };
    // Changes still open in this assessment's roadmap editors would not be in the summary.
    let refused = RwSignal::new(0);
    let download = {
        let id = id.clone();
        move |_| refused.set(download_summary(state, &id).err().unwrap_or(0))
    };
    let input_id = format!("rename-{id}");
    let name_id = format!("assessment-name-{id}");
    let heading_id = name_id.clone();
    let commune = row.commune.clone();
    let meta = format!(
        "{}{} · {} · {}",
        // A round redone from an earlier one says so: two cards of one commune read alike.
        crate::pages::report::round_date(l, &row.date, &row.redone_from, state.lang_code()),
        if row.respondent.is_empty() {
            String::new()
        } else {
            format!(" · {}", row.respondent)
        },
        td_string!(
            l,
            assessments.progress,
            answered = row.answered,
            total = row.total
        ),
        // Two copies of one diagnostic, from two computers, are told apart by their last change.
        td_string!(
            l,
            assessments.changed,
            when = crate::browser::format_date(&row.updated_at, state.lang_code(), true)
        )
    );
    let actions = move || {
        match mode.get() {
        Mode::Idle => view! {
            // Named by the row's heading: « Dupliquer » alone does not say which assessment.
            <div class="assessment__actions" role="group" aria-labelledby=name_id.clone()>
                <button type="button" class="button button--primary" data-testid="open-assessment" on:click=handler(open.clone())>{td_string!(l, assessments.open)}</button>
                <a class="button" href=state.href(Route::Results) data-testid="assessment-results" on:click=handler(open_then_follow.clone())>{td_string!(l, assessments.results)}</a>
                <a class="button" href=state.href(Route::Projector) data-testid="assessment-projector" on:click=handler(open_then_project.clone())>{td_string!(l, assessments.project)}</a>
                <button type="button" class="button" id=rename_id.clone() on:click=handler({
                    // The commune's own name, not the list's « Walcourt — synthèse de 3 »: the
                    // field rewrites the commune in the summary.
                    let (commune, field) = (commune.clone(), input_id.clone());
                    move |_| {
                        draft.set(commune.clone());
                        mode.set(Mode::Renaming);
                        // The cursor goes where the new name is typed.
                        browser::focus_after_frame(field.clone());
                    }
                })>{td_string!(l, assessments.rename)}</button>
                <button type="button" class="button" data-testid="duplicate-assessment" on:click=handler(duplicate.clone())>{td_string!(l, assessments.duplicate)}</button>
                <button type="button" class="button" on:click=handler(download.clone())>{td_string!(l, assessments.download)}</button>
                <button type="button" class="button button--danger" id=delete_id.clone() data-testid="delete-assessment" on:click=handler({
                    let cancel = cancel_delete_id.clone();
                    // The question takes the keyboard, on its harmless answer.
                    move |_| { mode.set(Mode::ConfirmingDelete); browser::focus_after_frame(cancel.clone()); }
                })>{td_string!(l, assessments.delete)}</button>
                {reactive(move || (refused.get() > 0).then(|| view! {
                    <p class="notice notice--warning" role="alert" data-testid="assessment-unsaved-roadmap">
                        {td_plural!(l, handover.unsaved_roadmap, refused.get_untracked())}
                    </p>
                }))}
            </div>
        }.into_any(),
        Mode::Renaming => view! {
            // Échap cancels, as « Annuler » does and as in the roadmap's and the PST's forms.
            <form class="inline-form" on:submit=handler(rename.clone())
                on:keydown=handler({
                    let back = rename_id.clone();
                    move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { mode.set(Mode::Idle); browser::focus_after_frame(back.clone()); }
                })>
                <label for=input_id.clone()>{td_string!(l, assessments.new_name)}</label>
                <input id=input_id.clone() type="text" maxlength=crate::domain::profile::MAX_NAME_CHARS prop:value=draft.get_untracked() on:input=handler(move |ev| draft.set(event_target_value(&ev)))/>
                <button type="submit" class="button button--primary">{td_string!(l, assessments.save)}</button>
                <button type="button" class="button" on:click=handler({
                    let back = rename_id.clone();
                    move |_| { mode.set(Mode::Idle); browser::focus_after_frame(back.clone()); }
                })>{td_string!(l, assessments.cancel)}</button>
            </form>
        }.into_any(),
        Mode::ConfirmingDelete => view! {
            <div class="assessment__confirm" role="alert">
                <p>{td_string!(l, assessments.confirm_delete)}</p>
                <button type="button" class="button button--danger" data-testid="confirm-delete" on:click=handler(delete.clone())>{td_string!(l, assessments.confirm_yes)}</button>
                <button type="button" class="button" id=cancel_delete_id.clone() data-testid="cancel-delete" on:click=handler({
                    let back = delete_id.clone();
                    move |_| { mode.set(Mode::Idle); browser::focus_after_frame(back.clone()); }
                })>{td_string!(l, assessments.cancel)}</button>
            </div>
        }.into_any(),
    }
    };
    view! {
        <li class="assessment" class:assessment--current=is_current data-testid="assessment-row">
            <div class="assessment__main">
                <h2 class="assessment__name" id=heading_id tabindex="-1">{row.name}</h2>
                <p class="assessment__meta">{meta}</p>
                {reactive(move || is_current.get().then(|| view! { <p class="assessment__open"><span class="badge badge--info" data-testid="open-badge">{td_string!(l, assessments.is_open)}</span></p> }))}
                // After a workshop, a participant's part sits beside the group's synthesis:
                // which one goes to IGRETEC is said here.
                {row.counted_in.clone().map(|synthesis| view! { <p class="hint" data-testid="counted-in">{td_string!(l, assessments.counted_in, synthesis = synthesis, operator = crate::domain::settings::OPERATOR.name)}</p> })}
            </div>
            {actions}
        </li>
    }
}

/// What a row shows, compared cheaply so rows only redraw when they change.
#[derive(Clone, PartialEq)]
struct RowSummary {
    id: String,
    name: String,
    commune: String,
    date: String,
    redone_from: String,
    respondent: String,
    answered: usize,
    total: usize,
    complete: bool,
    updated_at: String,
    /// The name of the synthesis that counts this person's answers, if any.
    counted_in: Option<String>,
}

impl RowSummary {
    fn of(assessment: &Assessment, all: &[Assessment]) -> RowSummary {
        let framework = content::framework();
        RowSummary {
            counted_in: crate::domain::consolidation::counted_in(all, assessment)
                .map(|synthesis| synthesis.profile.display_name()),
            id: assessment.id.clone(),
            name: assessment.profile.display_name(),
            commune: assessment.profile.commune.clone(),
            date: assessment.profile.date.clone(),
            redone_from: assessment.profile.redone_from.clone(),
            // A consolidation's group label is already in its name: who took part, then.
            respondent: if assessment.profile.is_synthesis() {
                crate::pages::report::participants_text(crate::state::locale(), &assessment.profile)
                    .unwrap_or_default()
            } else {
                assessment.profile.respondent_name.clone()
            },
            answered: scoring::answered_total(framework, assessment).0,
            total: framework.question_count(),
            complete: scoring::is_complete(framework, assessment),
            updated_at: assessment.updated_at.clone(),
        }
    }
}
