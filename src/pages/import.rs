//! Importing summaries as new assessments.

use crate::components::import::ImportArea;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn ImportPage() -> impl IntoView {
    let l = crate::state::locale();
    view! {
        <div class="page page--import">
            <h1>{td_string!(l, import.title)}</h1>
            <p class="lead">{td_string!(l, import.lead)}</p>
            <ImportArea/>
        </div>
    }
}
