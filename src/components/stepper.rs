//! The steps of an assessment, with each pillar's progress: the questionnaire's navigation.
//! Redrawn on every route change, so only the counts are reactive.

use crate::domain::content;
use crate::domain::scoring;
use crate::erased::{CollectAnyView, reactive};
use crate::i18n::*;
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn Stepper() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let framework = content::framework();
    let texts = state.texts();
    let here = state.route.get_untracked();
    // Questions with any answer, per pillar.
    let answered = Memo::new(move |_| {
        state
            .with_current(|a| {
                framework
                    .pillars
                    .iter()
                    .map(|p| scoring::answered_count(p, a))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let total = framework.question_count();
    // Each bar and count has its own closure: an answer writes only the figures that changed,
    // not every step's elements and attributes again.
    let link = move |route: Route, label: String, progress: Option<(usize, usize)>| {
        let current = (here == route).then_some("step");
        view! {
            <li>
                <a href=state.href(route) aria-current=current>
                    <span class="stepper__name">{label}</span>
                    {progress.map(|(index, count)| {
                        let done = move || answered.with(|a| a.get(index).copied().unwrap_or(0));
                        view! {
                            <span class="stepper__progress">
                                <span class="stepper__bar" aria-hidden="true"><span style:width=move || format!("{}%", done() * 100 / count.max(1))></span></span>
                                <span class="stepper__count" data-testid=format!("progress-{}", framework.pillars[index].id)>{reactive(move || format!("{} / {count}", done()))}</span>
                            </span>
                        }
                    })}
                </a>
            </li>
        }
    };
    let pillars = framework
        .pillars
        .iter()
        .enumerate()
        .map(|(index, pillar)| {
            link(
                Route::Pillar(pillar.id.clone()),
                texts.pillar_name(&pillar.id).to_string(),
                Some((index, pillar.questions.len())),
            )
        })
        .collect_any_view();
    let overall = move || answered.with(|a| a.iter().sum::<usize>());
    view! {
        <nav class="stepper" aria-label=td_string!(l, stepper.label)>
            <div class="stepper__overall">
                <span id="overall-progress-label">{td_string!(l, stepper.overall)}</span>
                <progress aria-labelledby="overall-progress-label" max=total value=overall></progress>
                <span class="stepper__count" data-testid="overall-progress">{reactive(move || format!("{} / {total}", overall()))}</span>
            </div>
            <ol>
                {link(Route::Profile, td_string!(l, nav.profile).to_string(), None)}
                {pillars}
                {link(Route::Results, td_string!(l, nav.results).to_string(), None)}
                {link(Route::Roadmap, td_string!(l, nav.roadmap).to_string(), None)}
                // A DG preparing the PST looks for it here, not only under the roadmap.
                {link(Route::Pst, td_string!(l, nav.pst).to_string(), None)}
                {link(Route::Report, td_string!(l, nav.report).to_string(), None)}
            </ol>
        </nav>
    }
}
