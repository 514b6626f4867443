//! The « Obligations légales » section of the results and the report: the questions that are
//! legal duties, apart from maturity. Below a legal minimum a commune is not at an early stage,
//! it is not in order.

use crate::domain::assessment::{Assessment, Choice};
use crate::domain::content;
use crate::domain::obligations::{self, Compliance, Unsettled};
use crate::erased::reactive;
use crate::i18n::*;
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;
use maud::html;

/// Each legal duty answered below its minimum, then those still to check, with their legal basis.
#[component]
pub fn LegalObligations(
    /// The assessment whose answers are read.
    assessment: Assessment,
) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let texts = state.texts();
    let framework = content::framework();
    let all = obligations::obligations(framework, &assessment);
    let met = all
        .iter()
        .filter(|o| o.compliance == Compliance::Met)
        .count();
    let total = all.len();
    let assessment = &assessment;
    let row = move |obligation: &obligations::Obligation| {
        let question = &texts.question(&obligation.question_id);
        let standing = match obligation.level {
            Some(level) => td_string!(
                l,
                results.legal_below,
                level = level,
                minimum = obligation.legal_minimum
            )
            .to_string(),
            // Say what was answered: « Non applicable » on a duty is a claim to check, not a
            // missing answer.
            None => {
                let answered = match assessment.choice(&obligation.question_id) {
                    Some(Choice::NotApplicable) => td_string!(l, results.legal_not_applicable),
                    Some(Choice::Unknown) => td_string!(l, results.legal_unknown),
                    // A level is never « to check »: it is met or below.
                    Some(Choice::Level(_)) | None => td_string!(l, results.legal_unanswered),
                };
                td_string!(
                    l,
                    results.legal_to_check,
                    answered = answered,
                    minimum = obligation.legal_minimum
                )
                .to_string()
            }
        };
        html! {
            li data-testid=(format!("obligation-{}", obligation.question_id)) {
                a href=(Route::question_href(framework, &obligation.question_id, state.bundle)) { strong { (question.title) } }
                " — " (standing)
                br; span.hint { (question.legal_basis) }
            }
        }
    };
    let below: Vec<_> = all
        .iter()
        .filter(|o| o.compliance == Compliance::Below)
        .map(row)
        .collect();
    let to_check: Vec<_> = all
        .iter()
        .filter(|o| o.compliance == Compliance::ToCheck)
        .map(row)
        .collect();
    // Read-only: one HTML string (src/markup.rs).
    let list = html! {
        h2 #obligations-title { (td_string!(l, results.legal_title)) }
        p { (td_string!(l, results.legal_lead)) }
        p.obligations__count { strong { (td_string!(l, results.legal_count, met = met, total = total)) } }
        @if !below.is_empty() {
            h3 { (td_string!(l, results.legal_below_title)) }
            ul."obligations__list obligations__list--below" { @for row in &below { (row) } }
        }
        @if !to_check.is_empty() {
            h3 { (td_string!(l, results.legal_to_check_title)) }
            ul.obligations__list { @for row in &to_check { (row) } }
        }
    };
    view! {
        <section class="obligations" aria-labelledby="obligations-title" data-testid="legal-obligations"
            inner_html=list.into_string()></section>
    }
}

/// « N obligations légales sous le minimum : … », named before any score: on the results
/// and on the printed report's first page.
#[component]
pub fn DutiesBelowLine(assessment: Assessment) -> impl IntoView {
    let l = crate::state::locale();
    let texts = AppState::from_context().texts();
    let below: Vec<String> = obligations::below(content::framework(), &assessment)
        .iter()
        .map(|o| texts.question(&o.question_id).title.clone())
        .collect();
    (!below.is_empty()).then(|| {
        let duties = below.join(td_string!(l, shell.list_separator));
        view! {
            <p class="status__legal" data-testid="status-legal">
                <strong>{td_plural!(l, results.status_legal, below.len(), duties = duties)}</strong>
            </p>
        }
    })
}

/// The legal duties below their minimum that the commune's own roadmap plans nothing for,
/// where that roadmap is read without its editor's warning (« Pour le PST », the report): a
/// duty must never drop out of them unseen. A roadmap not yet kept is drafted, and a draft
/// plans every duty.
#[component]
pub fn DutiesLeftOut() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    reactive(move || {
        let missing = state
            .with_current(|a| {
                a.roadmap
                    .is_some()
                    .then(|| crate::domain::roadmap::duties_without_a_step(content::framework(), a))
            })
            .flatten()
            .unwrap_or_default();
        (!missing.is_empty()).then(|| {
            let texts = state.texts();
            let duties = missing
                .iter()
                .map(|(question, _)| texts.question(question).title.clone())
                .collect::<Vec<_>>()
                .join(td_string!(l, shell.list_separator));
            view! {
                <p class="notice notice--warning" data-testid="duties-left-out">
                    <span>{td_string!(l, results.duties_left_out, duties = duties)}</span>
                    <a class="no-print" href=state.href(Route::Roadmap)>{td_string!(l, results.duties_left_out_fix)}</a>
                </p>
            }
        })
    })
}

/// The legal duties whose standing is unknown (« Je ne sais pas », « Non applicable », no
/// answer), where the roadmap is read (its screen, « Pour le PST », the report): no step
/// follows from any of these answers, so without this a possible breach of the law would drop
/// out of the plan unseen.
#[component]
pub fn DutiesToVerify() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    reactive(move || {
        let groups = state
            .with_current(|a| obligations::to_check(content::framework(), a).by_answer())
            .unwrap_or_default();
        // The first duty the sentence names: its first group's.
        let first = groups.first()?.1.first()?.clone();
        let answers = to_check_by_answer(&groups, &mut |duties| titles_listed(duties));
        Some(view! {
            <p class="notice notice--warning" data-testid="duties-to-verify">
                <span>{td_string!(l, results.duties_to_verify, answers = answers)}</span>" "
                <a class="no-print" href=Route::question_href(content::framework(), &first, state.bundle)>{td_string!(l, results.duties_to_verify_fix)}</a>
            </p>
        })
    })
}

/// One sentence per answer in `groups` ([`obligations::DutiesToCheck::by_answer`]), each
/// naming its duties with `named`: « Non applicable » is a claim to check, a blank is no answer
/// at all.
pub fn to_check_by_answer(
    groups: &[(Unsettled, Vec<String>)],
    named: &mut dyn FnMut(&[String]) -> String,
) -> String {
    let l = crate::state::locale();
    groups
        .iter()
        .map(|(why, duties)| {
            let duties = named(duties);
            match why {
                Unsettled::Unknown => td_string!(l, results.to_check_unknown, duties = duties),
                Unsettled::NotApplicable => {
                    td_string!(l, results.to_check_not_applicable, duties = duties)
                }
                Unsettled::Unanswered => {
                    td_string!(l, results.to_check_unanswered, duties = duties)
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The titles of the questions `ids`, as one list in a sentence.
pub fn titles_listed(ids: &[String]) -> String {
    let texts = AppState::from_context().texts();
    ids.iter()
        .map(|question| texts.question(question).title.clone())
        .collect::<Vec<_>>()
        .join(td_string!(crate::state::locale(), shell.list_separator))
}
