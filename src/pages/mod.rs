//! One module per screen, and the two bundles' routers.

pub mod about;
pub mod assessments;
pub mod compare;
pub mod consolidate;
pub mod home;
pub mod import;
pub mod pillar;
pub mod profile;
pub mod projector;
pub mod pst;
pub mod report;
pub mod results;
pub mod roadmap;
// The shared link's reader exists only in the tools bundle (core feature `share`).
#[cfg(feature = "tools")]
pub mod shared;
pub mod territory;
mod territory_store;

use crate::i18n::*;
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;

/// The questionnaire bundle's screens. Each bundle's binary names only its own router, so the
/// other bundle's screens never reach its wasm.
pub fn questionnaire(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <home::HomePage/> }.into_any(),
        Route::Profile => view! { <profile::ProfilePage/> }.into_any(),
        Route::Pillar(id) => view! { <pillar::PillarPage pillar_id=id/> }.into_any(),
        // The deliberate crash exists only in the test build (`make dist-crash-test`).
        #[cfg(feature = "crash-test")]
        Route::PanicTest => view! { <PanicTest/> }.into_any(),
        #[cfg(not(feature = "crash-test"))]
        Route::PanicTest => view! { <home::NotFound/> }.into_any(),
        Route::NotFound(_) => view! { <home::NotFound/> }.into_any(),
        other => view! { <Elsewhere route=other/> }.into_any(),
    }
}

/// The questionnaire's screens need nothing before they are drawn.
pub fn prepare_questionnaire(_: AppState, _: &Route) {}

/// A tools screen that shows the roadmap gets it drafted from the latest answers first.
pub fn prepare_tools(state: AppState, route: &Route) {
    if route.shows_roadmap() {
        state.refresh_roadmap();
    }
}

/// The questionnaire's screen names; another bundle's screen is only passed through.
pub fn questionnaire_title(route: &Route, locale: Locale) -> String {
    match route {
        Route::Home => td_string!(locale, nav.home).to_string(),
        Route::Profile => td_string!(locale, nav.profile).to_string(),
        Route::Pillar(id) => crate::domain::content::texts(locale.as_str())
            .pillars
            .get(id)
            .map_or_else(String::new, |p| p.name.clone()),
        Route::PanicTest | Route::NotFound(_) => td_string!(locale, nav.not_found).to_string(),
        _ => "Autodiag".to_string(),
    }
}

/// The tools bundle's screen names.
pub fn tools_title(route: &Route, locale: Locale) -> String {
    match route {
        Route::Assessments => td_string!(locale, nav.assessments),
        Route::Results => td_string!(locale, nav.results),
        Route::Roadmap => td_string!(locale, nav.roadmap),
        Route::Pst => td_string!(locale, nav.pst),
        Route::Shared => td_string!(locale, shared.nav),
        Route::Report => td_string!(locale, nav.report),
        Route::Projector => td_string!(locale, nav.projector),
        Route::Territory => td_string!(locale, nav.territory),
        Route::Compare => td_string!(locale, nav.compare),
        Route::Consolidate => td_string!(locale, nav.consolidate),
        Route::Import => td_string!(locale, import.title),
        Route::LegalNotice => td_string!(locale, footer.legal),
        Route::Accessibility => td_string!(locale, footer.accessibility),
        _ => td_string!(locale, nav.not_found),
    }
    .to_string()
}

/// The tools bundle's screens, once the question texts are there: the bundle fetches them
/// (the questionnaire already did, so the browser usually has them) instead of carrying them.
pub fn tools(route: Route) -> AnyView {
    if !AppState::from_context().ensure_questions() {
        return view! { <QuestionsLoading/> }.into_any();
    }
    match route {
        Route::Assessments => view! { <assessments::AssessmentsPage/> }.into_any(),
        Route::Results => view! { <results::ResultsPage/> }.into_any(),
        Route::Roadmap => view! { <roadmap::RoadmapPage/> }.into_any(),
        Route::Pst => view! { <pst::PstPage/> }.into_any(),
        #[cfg(feature = "tools")]
        Route::Shared => view! { <shared::SharedPage/> }.into_any(),
        Route::Report => view! { <report::ReportPage/> }.into_any(),
        Route::Projector => view! { <projector::ProjectorPage/> }.into_any(),
        Route::Territory => view! { <territory::TerritoryPage/> }.into_any(),
        Route::Compare => view! { <compare::ComparePage/> }.into_any(),
        Route::Consolidate => view! { <consolidate::ConsolidatePage/> }.into_any(),
        Route::Import => view! { <import::ImportPage/> }.into_any(),
        Route::LegalNotice => view! { <about::LegalNoticePage/> }.into_any(),
        Route::Accessibility => view! { <about::AccessibilityPage/> }.into_any(),
        other => view! { <Elsewhere route=other/> }.into_any(),
    }
}

/// Shown while the question texts download, the first time a screen needs them.
#[component]
pub fn QuestionsLoading() -> impl IntoView {
    let l = crate::state::locale();
    view! {
        <div class="page" aria-busy="true">
            <p class="hint" data-testid="loading-questions">{td_string!(l, pillar.loading)}</p>
        </div>
    }
}

/// A screen of the other bundle, reached through an old bookmark: the app shell is already
/// taking the user there (`app::arrive`); a link in the meantime.
#[component]
fn Elsewhere(route: Route) -> impl IntoView {
    let state = AppState::from_context();
    view! { <p><a href=state.href(route)>"…"</a></p> }
}

/// Panics on purpose, so the end-to-end tests can check the crash banner and its download.
/// Compiled only into the test build.
#[cfg(feature = "crash-test")]
#[component]
fn PanicTest() -> impl IntoView {
    Effect::new(move |_| panic!("test-panique: a deliberate panic to test the crash banner"));
}
