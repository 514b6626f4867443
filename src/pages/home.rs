//! The home page: what Autodiag is for, in a commune official's words, and where to start.

use crate::domain::content;
use crate::domain::scoring;
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    // Dated: a commune assessed again next year has two, and the button says which it opens.
    let current = move || {
        let today = crate::browser::today();
        let dated = move |a: &crate::domain::assessment::Assessment| {
            if crate::domain::profile::is_iso_date(&a.profile.date) {
                let date = crate::browser::format_date(&a.profile.date, state.lang_code(), false);
                format!("{} ({date})", a.profile.commune)
            } else {
                a.profile.commune.clone()
            }
        };
        state.with_current(|a| {
            let name = dated(a);
            let next = next_step(a);
            // Last round's diagnostic left open (to evaluate its PST, say): this round's,
            // begun since, is offered first (a walk: the home page offered only last year's).
            let latest = state.workspace.with(|w| {
                w.later_of_same_commune(a)
                    .map(|later| (later.id.clone(), dated(later), next_step(later)))
            });
            // A diagnostic of an earlier round is redone as a new evaluation, which leaves it
            // intact as the baseline « Avant / après » compares with. `Workspace::offers_redo`,
            // written out with the later round already found: calling it costs the first load
            // 0.6 KB.
            let redo = (latest.is_none() && a.is_of_an_earlier_round(&today)).then(|| a.id.clone());
            // Questions the référentiel changed since: « continuer » leads through them. A
            // count only: links to each cost the first load about 2 KB.
            let asked_again = a.asked_again(content::framework()).len();
            (name, next, redo, latest, asked_again)
        })
    };
    let returning = state.has_current();
    let start = view! {
        <h2 id="start-title">{td_string!(l, home.start_title)}</h2>
        <NewAssessmentForm/>
    };
    view! {
        <div class="page page--home">
            <h1>{td_string!(l, home.title)}</h1>
            <p class="lead">{td_string!(l, home.lead)}</p>
            {reactive(move || current().map(|(name, next, redo, latest, asked_again)| {
                // A finished diagnostic is not continued: the button says where it goes.
                let label = move |name: String, next: &Route| if *next == Route::Results {
                    td_string!(l, home.results_of, name = name)
                } else {
                    td_string!(l, home.continue_with, name = name)
                };
                let primary = latest.is_none();
                let latest = latest.map(|(id, name, next)| view! {
                    <p class="home__continue">
                        <a class="button button--primary button--large" href=state.href(next.clone()) data-testid="continue-latest"
                            on:click=handler(move |_| {
                                state.open(&id);
                                state.resume_at_first_unanswered();
                            })>
                            {label(name, &next)}
                        </a>
                    </p>
                });
                view! {
                    {latest}
                    <p class="home__continue">
                        <a class="button button--large" class:button--primary=primary href=state.href(next.clone()) data-testid="continue"
                            on:click=handler(move |_| state.resume_at_first_unanswered())>
                            {label(name, &next)}
                        </a>
                    </p>
                    {(asked_again > 0).then(|| view! {
                        <p class="hint" data-testid="asked-again">{crate::td_plural!(l, question.asked_again, asked_again)}</p>
                    })}
                    {redo.map(|id| view! {
                        <p class="home__continue">
                            <button type="button" class="button" data-testid="reassess-current"
                                on:click=handler(move |_| if state.reassess(&id).is_some() { state.navigate(Route::Profile) })>
                                {td_string!(l, home.reassess_current)}
                            </button>
                        </p>
                        <p class="hint">{td_string!(l, home.reassess_current_hint)}</p>
                    })}
                }
            }))}
            // Coming back, continuing comes first; a new assessment is for another commune.
            {if returning {
                view! {
                    <details class="card card--quiet" data-testid="new-assessment">
                        <summary>{td_string!(l, home.new_other_commune)}</summary>
                        <section aria-labelledby="start-title">{start}</section>
                    </details>
                }
                .into_any()
            } else {
                view! {
                    <section class="card" aria-labelledby="start-title" data-testid="new-assessment">{start}</section>
                }
                .into_any()
            }}
            <p class="home__resume-file">
                <a href=state.href(Route::Import) data-testid="resume-from-file">{td_string!(l, home.resume_file)}</a>
                " — "{td_string!(l, home.resume_file_hint)}
            </p>
            <section aria-labelledby="steps-title">
                <h2 id="steps-title">{td_string!(l, home.steps_title)}</h2>
                <ol class="steps">
                    <li>{td_string!(l, home.step_profile)}</li>
                    <li>{td_string!(l, home.step_questions)}</li>
                    <li>{td_string!(l, home.step_results)}</li>
                    <li>{td_string!(l, home.step_roadmap)}</li>
                    <li>{td_string!(l, home.step_download)}</li>
                </ol>
            </section>
            <section aria-labelledby="pillars-title">
                <h2 id="pillars-title">{td_string!(l, home.pillars_title)}</h2>
                <ul class="pillar-list">
                    {content::framework().pillars.iter().map(|pillar| view! {
                        <li>
                            <strong>{state.texts().pillar_name(&pillar.id).to_string()}</strong>
                            " — "
                            {state.texts().pillar_summary(&pillar.id).to_string()}
                        </li>
                    }).collect_any_view()}
                </ul>
            </section>
            <section class="card card--quiet" aria-labelledby="privacy-title">
                <h2 id="privacy-title">{td_string!(l, home.privacy_title)}</h2>
                <p>{td_string!(l, home.privacy_body)}</p>
            </section>
        </div>
    }
}

/// Where « continuer » leads.
fn next_step(assessment: &crate::domain::assessment::Assessment) -> Route {
    Route::to_continue(content::framework(), assessment)
}

/// Creates an assessment for a commune and opens its profile.
#[component]
pub fn NewAssessmentForm() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    // The commune's existing assessments, when the typed name matches some: the user chooses
    // to continue one or to start anew, so an empty second copy is never made by mistake.
    // With each, whether it is dated before today: a new year's diagnostic can start from it.
    let existing = RwSignal::new(Vec::<(String, String, bool)>::new());
    let create = move || {
        let value = name.get_untracked();
        existing.set(Vec::new());
        state.create(&value);
        name.set(String::new());
        state.navigate(Route::Profile);
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let value = name.get_untracked();
        if value.trim().is_empty() {
            error.set(true);
            crate::browser::focus("new-commune");
            return;
        }
        error.set(false);
        let framework = content::framework();
        let lang = state.lang_code();
        let today = crate::browser::today();
        let matches: Vec<(String, String, bool)> = state.workspace.with_untracked(|w| {
            w.of_commune_named(&value)
                .map(|a| {
                    let (answered, total) = scoring::answered_total(framework, a);
                    let date = crate::browser::format_date(&a.profile.date, lang, false);
                    let label = td_string!(
                        l,
                        home.existing_one,
                        name = a.profile.commune.clone(),
                        date = date,
                        answered = answered,
                        total = total
                    )
                    .to_string();
                    (a.id.clone(), label, *a.profile.date < *today)
                })
                .collect()
        });
        if matches.is_empty() {
            create();
        } else {
            existing.set(matches);
        }
    };
    let continue_existing = move |id: String| {
        existing.set(Vec::new());
        state.continue_with(&id);
    };
    // The same commune assessed again, from last time's answers, dated today: the profile
    // opens first, for this year's respondent and figures.
    let reassess = move |id: String| {
        existing.set(Vec::new());
        if state.reassess(&id).is_some() {
            name.set(String::new());
            state.navigate(Route::Profile);
        }
    };
    view! {
        <form class="inline-form" on:submit=handler(submit) novalidate>
            <div class="field">
                <label for="new-commune">{td_string!(l, home.commune_label)}</label>
                <input
                    id="new-commune"
                    type="text"
                    list="communes"
                    autocomplete="off"
                    maxlength=crate::domain::profile::MAX_NAME_CHARS
                    aria-invalid=move || error.get().to_string()
                    aria-describedby="new-commune-error"
                    prop:value=name
                    on:input=handler(move |ev| name.set(event_target_value(&ev)))
                />
                <datalist id="communes">
                    // The 30 communes of content/communes.toml, offered as suggestions.
                    {content::framework().communes.iter().map(|c| view! { <option value=c.name.clone()></option> }).collect_any_view()}
                </datalist>
                <p id="new-commune-error" class="field__error" role="alert">
                    {reactive(move || error.get().then(|| td_string!(l, profile.errors.commune_required)))}
                </p>
            </div>
            <button type="submit" class="button button--primary" data-testid="create-assessment">
                {td_string!(l, home.start_button)}
            </button>
        </form>
        {reactive(move || {
            let found = existing.get();
            (!found.is_empty()).then(|| view! {
                <div class="notice" role="alert" data-testid="existing-assessment">
                    <p><strong>{crate::td_plural!(l, home.existing_title, found.len())}</strong></p>
                    <ul>
                        {found.into_iter().map(|(id, label, earlier)| {
                            let again = id.clone();
                            view! {
                            <li>
                                {label}" "
                                <button type="button" class="button button--primary button--small" data-testid="continue-existing"
                                    on:click=handler(move |_| continue_existing(id.clone()))>
                                    {td_string!(l, home.continue_this)}
                                </button>
                                {earlier.then(|| view! {
                                    " "
                                    <button type="button" class="button button--small" data-testid="reassess-existing"
                                        on:click=handler(move |_| reassess(again.clone()))>
                                        {td_string!(l, home.reassess_this)}
                                    </button>
                                })}
                            </li>
                        }}).collect_any_view()}
                    </ul>
                    <button type="button" class="button button--small" data-testid="create-anyway" on:click=handler(move |_| create())>
                        {td_string!(l, home.create_anyway)}
                    </button>
                </div>
            })
        })}
    }
}

/// Shown on a screen that needs an assessment when none is open.
#[component]
pub fn NoAssessment() -> impl IntoView {
    let l = crate::state::locale();
    view! {
        <div class="page">
            <h1>{td_string!(l, home.none_title)}</h1>
            <p>{td_string!(l, home.none_body)}</p>
            <NewAssessmentForm/>
            <p><a href={AppState::from_context().href(Route::Assessments)}>{td_string!(l, home.see_assessments)}</a></p>
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let l = crate::state::locale();
    view! {
        <div class="page">
            <h1>{td_string!(l, home.not_found_title)}</h1>
            <p><a href={AppState::from_context().href(Route::Home)}>{td_string!(l, home.back_home)}</a></p>
        </div>
    }
}
