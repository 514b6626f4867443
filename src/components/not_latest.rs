//! « Cette évaluation du 18/11/2025 n'est pas la plus récente de Thuin »: last year's
//! assessment, opened to evaluate its PST or from « Mes évaluations », stays the open one on
//! every screen, and its summary could go to IGRETEC in place of this year's.

use crate::browser;
use crate::erased::{handler, reactive};
use crate::i18n::*;
use crate::state::AppState;
use leptos::prelude::*;

/// Says when the open assessment is not its commune's latest, with a button to open that one,
/// or when it is an earlier round's, with a button to redo it.
#[component]
pub fn NotLatest() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    reactive(move || {
        let lang = state.lang_code();
        let today = browser::today();
        let (commune, date, later, this_id) = state.workspace.with(|w| {
            let this = w.get(&state.current.get()?)?;
            let later = w.later_of_same_commune(this);
            // Nothing to say of this round's diagnostic. `Workspace::offers_redo`, written out
            // as the home page does: calling it costs the first load 0.6 KB.
            if later.is_none() && !this.is_of_an_earlier_round(&today) {
                return None;
            }
            Some((
                this.profile.commune.clone(),
                browser::format_date(&this.profile.date, lang, false),
                later.map(|later| {
                    (
                        later.id.clone(),
                        browser::format_date(&later.profile.date, lang, false),
                    )
                }),
                this.id.clone(),
            ))
        })?;
        let Some((later_id, later_date)) = later else {
            // An earlier round's diagnostic edited in place would no longer say where the
            // commune stood then, and its summary would reach IGRETEC under that old date.
            return Some(view! {
                <p class="notice notice--warning no-print" data-testid="earlier-round">
                    <span>{td_string!(l, results.earlier_round, date = date)}</span>
                    <button type="button" class="button button--small" data-testid="earlier-round-redo"
                        on:click=handler(move |_| if state.reassess(&this_id).is_some() {
                            state.navigate(crate::route::Route::Profile);
                        })>
                        {td_string!(l, results.earlier_round_redo)}
                    </button>
                </p>
            }
            .into_any());
        };
        Some(
            view! {
                <p class="notice notice--warning no-print" data-testid="not-latest">
                    <span>{td_string!(l, results.not_latest, date = date, commune = commune)}</span>
                    <button type="button" class="button button--small" data-testid="open-latest"
                        on:click=handler(move |_| {
                            state.open(&later_id);
                            // As arriving on a tools screen does: its roadmap drafted from its
                            // answers. The questionnaire shows no roadmap, and its bundle does not
                            // carry the drafting (about 9 KB of its first load).
                            #[cfg(feature = "tools")]
                            state.refresh_roadmap();
                        })>
                        {td_string!(l, results.open_latest, date = later_date)}
                    </button>
                </p>
            }
            .into_any(),
        )
    })
}
