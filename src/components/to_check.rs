//! « Questions à vérifier »: the questions answered « je ne sais pas », grouped by pillar, with
//! who is best placed to answer and whom the commune will ask.

use crate::domain::assessment::{Assessment, MAX_ASK_CHARS};
use crate::domain::{content, scoring};
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;

/// The to-do list that « je ne sais pas » answers become. Drawn only when there are some.
#[component]
pub fn QuestionsToCheck(
    /// The assessment whose answers are read.
    assessment: Assessment,
) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let texts = state.texts();
    let framework = content::framework();
    let groups = scoring::questions_to_check(framework, &assessment);
    let count: usize = groups.iter().map(|(_, questions)| questions.len()).sum();
    (count > 0).then(|| {
        let groups = groups
            .into_iter()
            .map(|(pillar, questions)| {
                let items = questions
                    .into_iter()
                    .map(|question| {
                        let service = framework
                            .respondent(question)
                            .and_then(|key| texts.scale.services.get(key))
                            .cloned()
                            .unwrap_or_default();
                        let (ask, note) = assessment
                            .answers
                            .get(question)
                            .map(|a| (a.ask.clone(), a.note.trim().to_string()))
                            .unwrap_or_default();
                        let input_id = format!("ask-{question}");
                        view! {
                            <li data-testid=format!("to-check-{question}")>
                                <a href=Route::Pillar(pillar.id.clone()).href_to_question(question, state.bundle) data-testid="to-check-link">{texts.question(question).title.clone()}</a>
                                " — "{td_string!(l, results.to_check_service)}" "<strong>{service}</strong>
                                // What the commune already wrote: often who knows, or what is missing.
                                {(!note.is_empty()).then(|| view! { <p class="to-check__note" data-testid="to-check-note">{note}</p> })}
                                <div class="field field--inline no-print-input">
                                    <label for=input_id.clone()>{td_string!(l, results.to_check_ask)}</label>
                                    <input id=input_id type="text" maxlength=MAX_ASK_CHARS value=ask.clone()
                                        data-testid=format!("ask-{question}")
                                        on:input=handler(move |ev| {
                                            let who = event_target_value(&ev);
                                            state.type_text(format!("ask:{question}"), move |a, now, continuing| {
                                                if continuing {
                                                    a.continue_ask(question, &who, now);
                                                } else {
                                                    a.set_ask(question, &who, now);
                                                }
                                            });
                                        })
                                        on:blur=handler(move |_| state.leave_field())/>
                                    // On paper the field is gone: its label goes with the name typed, as
                                    // typed now (the page is drawn once, before any typing).
                                    {reactive(move || {
                                        let ask = state
                                            .with_current(|a| a.answers.get(question).map(|answer| answer.ask.clone()))
                                            .flatten()
                                            .unwrap_or_default();
                                        (!ask.is_empty()).then(|| view! { <span class="print-only">{td_string!(l, results.to_check_ask)}{td_string!(l, shell.colon)}{ask}</span> })
                                    })}
                                </div>
                            </li>
                        }
                    })
                    .collect_any_view();
                view! {
                    <h3>{texts.pillar_name(&pillar.id).to_string()}</h3>
                    <ul class="to-check__list">{items}</ul>
                }
            })
            .collect_any_view();
        view! {
            <section class="to-check" aria-labelledby="to-check-title" data-testid="questions-to-check">
                <h2 id="to-check-title">{td_string!(l, results.to_check_title, count = count)}</h2>
                <p>{td_string!(l, results.to_check_lead)}</p>
                {groups}
            </section>
        }
    })
}
