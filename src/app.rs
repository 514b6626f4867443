//! The app shell: state in context, the hash route, the header and the current screen.

use crate::browser;
use crate::components::notices::Notices;
use crate::components::stepper::Stepper;
use crate::domain::settings::OPERATOR;
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::pages;
use crate::route::{Bundle, Route};
use crate::state::{self, AppState};
use crate::storage;
use leptos::prelude::*;

/// Draws a screen of the running bundle.
pub type Pages = fn(Route) -> AnyView;

/// The running bundle's name for one of its screens, for the window title. Each bundle names
/// only its own screens, so the questionnaire's wasm carries no tools screen's name.
pub type Title = fn(&Route, Locale) -> String;

/// What the running bundle does when the user arrives on one of its screens, before drawing
/// it. Each bundle names its own, so the questionnaire's wasm never carries roadmap drafting.
pub type Prepare = fn(AppState, &Route);

#[component]
pub fn App(
    /// Which bundle this is, for links to the other one.
    bundle: Bundle,
    /// The running bundle's router.
    pages: Pages,
    /// The running bundle's screen names.
    title: Title,
    /// The running bundle's work on arrival at a screen.
    prepare: Prepare,
) -> impl IntoView {
    let loaded = storage::load();
    let preferred = loaded
        .prefs
        .lang
        .as_deref()
        .and_then(|code| code.parse::<Locale>().ok());
    let state = AppState::new(loaded, bundle);
    provide_context(state);
    if let Some(locale) = preferred.filter(|l| *l != state.lang.get_untracked()) {
        state.switch_language(locale);
    }
    state::sync_storage(state);
    follow_hash(state, prepare);
    // The worker's install downloads the shell again; starting it once the first screen is up
    // keeps those downloads from competing with the screen's own (about 90 ms of time to
    // interactive in `make bench`).
    set_timeout(
        move || crate::offline::register(state),
        std::time::Duration::from_secs(2),
    );
    Effect::new(move |_| browser::set_document_lang(state.lang.get().as_str()));
    // Leaving the page (a link to the other bundle, closing the tab) saves a note still being
    // typed: the storage effect runs in the microtasks that follow, before the page goes.
    let leaving = window_event_listener(leptos::ev::pagehide, move |_| state.leave_field());
    on_cleanup(move || leaving.remove());
    // Everything re-renders on a language switch; texts inside are plain strings.
    reactive(move || {
        state.lang.track();
        view! { <Shell pages title/> }
    })
}

/// The route follows `location.hash`, so Back, bookmarks and deep links all work.
fn follow_hash(state: AppState, prepare: Prepare) {
    let read = move || {
        let hash = browser::window().location().hash().unwrap_or_default();
        Route::parse(&hash)
    };
    let first = read();
    // Another bundle sent the user here to carry on (« Ouvrir » after an import), or to a
    // question to check.
    let hash = browser::window().location().hash().unwrap_or_default();
    if Route::asks_to_resume(&hash) {
        state.resume_at_first_unanswered();
    } else if let Some(question) = Route::question_asked(&hash) {
        state.resume_at(question);
    }
    arrive(state, &first, prepare);
    state.route.set(first);
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let route = read();
        arrive(state, &route, prepare);
        state.route.set(route);
        // Move focus to the new screen, as a page load would, for keyboard and screen reader
        // users.
        browser::focus("main");
        browser::window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    on_cleanup(move || handle.remove());
}

/// What a screen needs before it is drawn, done when the user arrives (an event), never while
/// drawing: a note being typed is saved, another bundle's screen is a page load away, and the
/// bundle prepares its own screens (the tools draft the roadmap from the latest answers).
fn arrive(state: AppState, route: &Route, prepare: Prepare) {
    state.leave_field();
    if !matches!(route, Route::Pillar(_)) {
        state.forget_resume_question();
    }
    if route.bundle() != state.bundle {
        let _ = browser::window()
            .location()
            .replace(&state.href(route.clone()));
    } else {
        if route.needs_assessment() {
            state.open_latest_if_none();
        }
        prepare(state, route);
    }
}

#[component]
fn Shell(pages: Pages, title: Title) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    Effect::new(move |_| {
        let name = title(&state.route.get(), state.lang.get_untracked());
        browser::set_title(&format!("{name} · Autodiag"));
    });
    let skip = move |event: leptos::ev::MouseEvent| {
        // A plain "#main" link would change the hash route.
        event.prevent_default();
        browser::focus("main");
    };
    let projector = move || state.route.get() == Route::Projector;
    view! {
        <a class="skip-link" href="#main" on:click=handler(skip)>{td_string!(l, shell.skip)}</a>
        {reactive(move || (!projector()).then(|| view! { <Header/> }))}
        {reactive(move || (!projector()).then(|| view! { <Notices/> }))}
        <div class="layout" class:layout--projector=projector>
            {reactive(move || {
                state.current.track();
                let route = state.route.get();
                (route.needs_assessment() && route != Route::Projector && untrack(|| state.has_current()))
                    .then(|| view! { <Stepper/> })
            })}
            <main id="main" tabindex="-1">
                // Redrawn on navigation, on a switch of assessment, or on an outside change;
                // not on every answer, which only updates what depends on it.
                {reactive(move || {
                    state.refresh.track();
                    state.current.track();
                    let route = state.route.get();
                    // Form controls show the assessment through `prop:` bindings, so the new
                    // page may reuse the old one's elements.
                    untrack(|| page(state, pages, route))
                })}
            </main>
        </div>
        {reactive(move || (!projector()).then(|| view! {
            <footer class="site-footer">
                <p>{td_string!(l, shell.footer)}</p>
                <p>
                    {td_string!(l, footer.run_by, operator = OPERATOR.name, territory = OPERATOR.territory)}" "
                    <a href=OPERATOR.website>{td_string!(l, footer.contact)}</a>" · "
                    <a href=state.href(Route::LegalNotice)>{td_string!(l, footer.legal)}</a>" · "
                    <a href=state.href(Route::Accessibility)>{td_string!(l, footer.accessibility)}</a>
                </p>
            </footer>
        }))}
    }
}

fn page(state: AppState, pages: Pages, route: Route) -> AnyView {
    if route.needs_assessment() && !state.has_current() {
        return view! { <pages::home::NoAssessment/> }.into_any();
    }
    pages(route)
}

#[component]
fn Header() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    // Redrawn on every route change (see `Shell`); the name follows what happens in between:
    // a rename (the profile's field, « Renommer » on « Mes évaluations »), a deletion.
    let current_name = move || {
        let name = state.with_current(|a| {
            let name = a.profile.display_name();
            // Two rounds of one commune in this browser read alike: the date tells them apart.
            let another = state
                .workspace
                .with(|w| w.others_of_same_commune(a).next().is_some());
            if another && !a.profile.date.is_empty() {
                let date = browser::format_date(&a.profile.date, state.lang_code(), false);
                format!("{name} · {date}")
            } else {
                name
            }
        })?;
        Some(view! { <span class="site-nav__current">{name}</span> })
    };
    let here = state.route.get_untracked();
    let is = |route: Route| (here == route).then_some("page");
    view! {
        <header class="site-header">
            <div class="site-header__brand">
                <a href=state.href(Route::Home) class="brand" aria-current=is(Route::Home)>
                    <span class="brand__name">"Autodiag"</span>
                    <span class="brand__tagline">{td_string!(l, shell.tagline)}</span>
                </a>
            </div>
            <nav class="site-nav" aria-label=td_string!(l, shell.main_nav)>
                <a href=state.href(Route::Assessments) aria-current=is(Route::Assessments)>
                    {td_string!(l, nav.assessments)}
                    {current_name}
                </a>
                // Named for whom it is, so a commune official does not wonder whether it concerns them.
                <a href=state.href(Route::Territory) aria-current=is(Route::Territory)>{td_string!(l, nav.territory_igretec)}</a>
            </nav>
            <div class="lang-switch" role="group" aria-label=td_string!(l, shell.language)>
                // One button per locale file, each named in its own language.
                {Locale::ALL
                    .iter()
                    .map(|&locale| view! {
                        <button
                            type="button"
                            lang=locale.as_str()
                            aria-pressed=move || (state.lang.get() == locale).to_string()
                            on:click=handler(move |_| state.switch_language(locale))
                        >
                            {td_string!(locale, shell.language_name)}
                        </button>
                    })
                    .collect_any_view()}
            </div>
        </header>
    }
}
