//! Results opened from the workshop's QR code: decoded from the address's fragment, shown
//! read-only, and never stored on the participant's phone.

use crate::browser;
use crate::chart;
use crate::components::chart_figure::{
    ChartFigure, OverallScore, bars_at, bars_for, radar_at, radar_for, targets_of,
};
use crate::domain::assessment::Assessment;
use crate::domain::content;
use crate::domain::scoring::{self, PillarScore};
use crate::domain::share::{self, ShareError};
use crate::i18n::*;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn SharedPage() -> impl IntoView {
    let l = crate::state::locale();
    let hash = browser::window().location().hash().unwrap_or_default();
    let query = crate::route::Route::query(&hash);
    match share::decode(content::framework(), query, &browser::now_iso()) {
        Ok(assessment) => view! { <SharedResults assessment/> }.into_any(),
        Err(error) => {
            let message = match error {
                ShareError::OtherFramework { found } => {
                    td_string!(l, shared.other_framework, found = found).to_string()
                }
                ShareError::Invalid => td_string!(l, shared.invalid).to_string(),
            };
            view! {
                <div class="page page--shared">
                    <h1>{td_string!(l, shared.nav)}</h1>
                    <p class="notice notice--error" role="alert" data-testid="shared-error">{message}</p>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn SharedResults(assessment: Assessment) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let scores = scoring::score_all(content::framework(), &assessment);
    let commune = assessment.profile.commune.clone();
    let targets = targets_of(&assessment);
    let radar = radar_for(
        state,
        td_string!(l, results.radar_title, commune = commune.clone()).to_string(),
        &scores,
        targets.clone(),
    );
    let bars = bars_for(
        state,
        td_string!(l, results.bars_title, commune = commune.clone()).to_string(),
        &scores,
        &targets,
        None,
    );
    let date = (!assessment.profile.date.is_empty()).then(|| {
        td_string!(
            l,
            shared.date,
            date = browser::format_date(&assessment.profile.date, state.lang_code(), false)
        )
        .to_string()
    });
    let bars_size = (chart::BAR_WIDTH, chart::bars_height(scores.len()));
    view! {
        <div class="page page--shared" data-testid="shared">
            <h1>{td_string!(l, shared.title, commune = commune)}</h1>
            {date.map(|date| view! { <p>{date}</p> })}
            <p class="notice notice--info">{td_string!(l, shared.read_only)}</p>
            <OverallScore scores=scores.clone()/>
            // The room heard it on the first slide: a participant's phone says it too, named.
            {state.ensure_questions().then(|| view! { <crate::components::obligations::DutiesBelowLine assessment=assessment.clone()/> })}
            <ChartFigure draw=Callback::new(move |width| radar_at(&radar, width)) file_stem="autodiag-partage-radar".to_string()
                size=(chart::RADAR_WIDTH, chart::RADAR_HEIGHT) testid="radar-chart" table_title=td_string!(l, results.table_caption).to_string()>
                <PlainScores scores=scores.clone()/>
            </ChartFigure>
            <ChartFigure draw=Callback::new(move |width| bars_at(&bars, width)) file_stem="autodiag-partage-scores".to_string()
                size=bars_size testid="bars-chart">
                ""
            </ChartFigure>
        </div>
    }
}

/// The scores as a table, the charts' text alternative, without reading any stored assessment.
/// A score on few answers gets no level, as everywhere else. Read-only: one HTML string.
#[component]
fn PlainScores(scores: Vec<PillarScore>) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let texts = state.texts();
    let rows = maud::html! {
        caption { (td_string!(l, results.table_caption)) }
        (crate::markup::column_headers(&[
            td_string!(l, results.col_pillar),
            td_string!(l, results.col_score),
            td_string!(l, results.col_band),
        ]))
        tbody {
            @for score in &scores {
                tr {
                    th scope="row" { (texts.pillar_name(&score.pillar_id)) }
                    td { (score.score.map_or_else(|| "—".to_string(), |s| s.to_string())) }
                    td {
                        @match score.band {
                            Some(_) if score.to_confirm() => (td_string!(l, results.to_confirm)),
                            Some(band) => (texts.level_name_at(usize::from(band - 1))),
                            None => (td_string!(l, results.not_assessed)),
                        }
                    }
                }
            }
        }
    };
    view! { <table class="data-table" data-testid="shared-scores" inner_html=rows.into_string()></table> }
}
