//! Workshop mode: one slide at a time, large type, driven by the keyboard (← → Esc) or a
//! presenter's remote (page keys).

use crate::browser;
use crate::chart;
use crate::components::chart_figure::{
    partial_overall_text, radar_of, score_or_to_confirm, score_text,
};
use crate::components::glossary::with_abbr;
use crate::domain::assessment::{Assessment, Level};
use crate::domain::content::{self, Horizon};
use crate::domain::plan::{ItemStatus, RoadmapItem};
use crate::domain::profile::Authorship;
use crate::domain::projector::{self, SlideMove};
use crate::domain::scoring::{self, PillarScore};
use crate::erased::{handler, reactive};
use crate::i18n::*;
use crate::pages::results::level_text;
use crate::pages::roadmap::{horizon_title, item_title};
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;
use maud::{Markup, PreEscaped, html};
use wasm_bindgen::JsCast;

/// What each slide shows.
#[derive(Clone)]
enum Slide {
    Overview,
    Pillar(usize),
    Roadmap,
    NextSteps,
}

/// Slides shown one at a time: which one, moved by the buttons and by the keys of
/// `projector::slide_move` until the component that made it is dropped. The projector and the
/// consolidation's discussion both use it.
#[derive(Clone, Copy)]
pub(crate) struct SlideDeck {
    pub index: RwSignal<usize>,
    count: usize,
}

impl SlideDeck {
    /// A deck of `count` slides (at least one) at its first; Échap calls `leave`.
    pub fn new(count: usize, leave: impl Fn() + 'static) -> SlideDeck {
        let deck = SlideDeck {
            index: RwSignal::new(0),
            count,
        };
        let keys = window_event_listener(leptos::ev::keydown, move |event| {
            let Some(step) = projector::slide_move(&event.key(), from_control(&event)) else {
                return;
            };
            // Home and End move slides even from the workshop's « Niveau retenu »: a facilitator
            // used to the projector mode pressed them there and silently changed a decision.
            match step {
                SlideMove::Next => deck.go(1),
                SlideMove::Previous => deck.go(-1),
                SlideMove::First => deck.index.set(0),
                SlideMove::Last => deck.index.set(count - 1),
                SlideMove::Leave => leave(),
            }
            event.prevent_default();
        });
        on_cleanup(move || keys.remove());
        deck
    }

    /// Moves `delta` slides, stopping at the first and the last.
    pub fn go(self, delta: isize) {
        let last = self.count as isize - 1;
        self.index
            .update(|i| *i = (*i as isize + delta).clamp(0, last) as usize);
    }
}

/// Whether a key event comes from a control that Space and Enter activate.
fn from_control(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| {
            element
                .closest("button, a[href], input, select, textarea, summary, [role=button]")
                .ok()
                .flatten()
        })
        .is_some()
}

#[component]
pub fn ProjectorPage() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let Some(assessment) = state.current_untracked() else {
        return ().into_any();
    };
    let framework = content::framework();
    let scores = state.scores.get_untracked();
    // A pillar nobody has answered yet has no slide: halfway through a workshop, four slides
    // saying so stood between the room and the roadmap. The overview lists it « non évalué ».
    let slides: Vec<Slide> = std::iter::once(Slide::Overview)
        .chain(
            framework
                .pillars
                .iter()
                .enumerate()
                .filter(|(_, pillar)| {
                    pillar
                        .questions
                        .iter()
                        .any(|question| assessment.choice(question).is_some())
                })
                .map(|(index, _)| Slide::Pillar(index)),
        )
        .chain([Slide::Roadmap, Slide::NextSteps])
        .collect();
    let count = slides.len();
    let leave = move || {
        browser::exit_fullscreen();
        state.navigate(Route::Results);
    };
    let deck = SlideDeck::new(count, leave);
    let (index, go) = (deck.index, move |delta| deck.go(delta));
    // Back on the slide the room was looking at, after an answer was corrected here or in
    // another window. Kept as its place in the full deck (every pillar), so that a pillar
    // answered meanwhile, which adds a slide, does not move the room to another one.
    let pillars = framework.pillars.len();
    let full_place = |slide: &Slide| match slide {
        Slide::Overview => 0,
        Slide::Pillar(p) => 1 + p,
        Slide::Roadmap => 1 + pillars,
        Slide::NextSteps => 2 + pillars,
    };
    let places: Vec<usize> = slides.iter().map(full_place).collect();
    let id = assessment.id.clone();
    if let Some(kept) = crate::storage::projector_slide(&id) {
        // That slide, or the next one the deck has.
        index.set(places.iter().position(|&p| p >= kept).unwrap_or(count - 1));
    }
    Effect::new(move |_| crate::storage::set_projector_slide(&id, places[index.get()]));
    // Drawn for the slide: scaled down to the screen's height, its labels stay readable.
    let radar = chart::radar_svg_at(
        &radar_of(
            state,
            td_string!(
                l,
                results.radar_title,
                commune = assessment.profile.commune.clone()
            ),
            None,
        ),
        chart::RadarGeometry::PROJECTOR,
    );
    let title = assessment.profile.display_name();
    // Read-only: each slide is one HTML string (src/markup.rs), the section's whole content.
    let slide_html = move || {
        let i = index.get();
        match &slides[i] {
            Slide::Overview => overview(&assessment, &scores, &radar),
            Slide::Pillar(p) => pillar_slide(
                &assessment,
                &scores[*p],
                projector::explains_its_band(&scores, *p),
            ),
            Slide::Roadmap => roadmap_slide(&assessment),
            Slide::NextSteps => next_steps(&assessment),
        }
        .into_string()
    };
    view! {
        <div class="projector" id="projector" data-testid="projector">
            // The page's title for assistive technology; each slide's own heading is an h2.
            <h1 class="visually-hidden">{td_string!(l, nav.projector)}" — "{title}</h1>
            <div class="projector__bar">
                <span class="projector__counter" data-testid="slide-counter" aria-live="polite">
                    {reactive(move || td_string!(l, projector.counter, index = index.get() + 1, count = count))}
                </span>
                <span class="projector__hint">{td_string!(l, projector.keys)}</span>
                <span>
                    // At the deck's ends they do nothing, and say so without losing the focus.
                    <button type="button" class="button button--small" data-testid="previous-slide" on:click=handler(move |_| go(-1))
                        aria-disabled=move || (index.get() == 0).to_string()>{td_string!(l, projector.previous)}</button>
                    " "
                    <button type="button" class="button button--small" data-testid="next-slide" on:click=handler(move |_| go(1))
                        aria-disabled=move || (index.get() + 1 == count).to_string()>{td_string!(l, projector.next)}</button>
                    " "
                    <crate::components::fullscreen::FullscreenButton target="projector"/>
                    " "
                    <button type="button" class="button button--small" data-testid="leave-projector" on:click=handler(move |_| leave())>{td_string!(l, projector.leave)}</button>
                </span>
            </div>
            <section class="projector__slide" data-testid="slide" aria-roledescription="slide" inner_html=slide_html></section>
        </div>
    }
    .into_any()
}

fn overview(assessment: &Assessment, scores: &[PillarScore], radar: &str) -> Markup {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let overall = scoring::overall(scores);
    let to_confirm = scoring::overall_to_confirm(scores);
    let texts = state.texts();
    let owner = owner_text(&assessment.profile);
    // A workshop's own name (« Atelier du 8 décembre ») is what the room knows it by; the
    // default one says no more than the owner line.
    let profile = &assessment.profile;
    let group = profile.respondent_name.trim();
    let owner = if profile.is_synthesis()
        && !group.is_empty()
        && group
            != crate::td_plural!(
                l,
                consolidate.synthesis,
                profile.consolidated_respondents as usize
            )
            .as_str()
    {
        format!("{group} — {owner}")
    } else {
        owner
    };
    // Dated: a commune's two years look alike on a screen.
    let owner = match assessment.profile.date.as_str() {
        "" => owner,
        date => format!(
            "{owner} · {}",
            browser::format_date(date, state.lang_code(), false)
        ),
    };
    // Before any score; each pillar's slide names its duties first among its gaps.
    let below: Vec<String> = crate::domain::obligations::below(content::framework(), assessment)
        .into_iter()
        .map(|duty| duty.question_id)
        .collect();
    html! {
        h2 { (td_string!(l, projector.overview, commune = assessment.profile.commune.clone())) }
        p.projector__owner data-testid="projector-owner" { (owner) }
        // Named, two at most, across the slide: the room asks « lesquelles ? » first.
        @if !below.is_empty() {
            p.projector__legal data-testid="projector-legal" {
                (crate::td_plural!(l, projector.legal, below.len(), duties = duties_named_within(&below, 2)))
            }
        }
        div.projector__overview {
            div.projector__svg { (PreEscaped(radar)) }
            div {
                p.projector__score {
                    (td_string!(l, results.overall)) " "
                    span { (overall.map_or_else(|| "—".to_string(), |s| score_or_to_confirm(state, Some(s), to_confirm))) }
                }
                @if let Some(partial) = partial_overall_text(scores) {
                    p.projector__partial data-testid="overall-partial" { (partial) }
                }
                ul.projector__scores {
                    @for s in scores {
                        li { strong { (texts.pillar_name(&s.pillar_id)) } " — " (pillar_score(state, s)) }
                    }
                }
            }
        }
    }
}

/// « 63 · Intégré » in a span, or « 12 · » and an « à confirmer » badge in place of the level
/// when the score rests on fewer than half of its pillar's questions: no longer than a level's
/// name, so a projected list keeps its lines.
fn pillar_score(state: AppState, score: &PillarScore) -> Markup {
    let l = crate::state::locale();
    match score.score {
        Some(value) if score.to_confirm() => html! {
            span { (value) " ·" (crate::markup::warning_badge(td_string!(l, results.to_confirm))) }
        },
        value => html! { span { (score_text(state, value)) } },
    }
}

/// « Évaluation remplie par Anne Lefèvre (Directrice générale) », « Consolidation des
/// réponses de 5 répondants » or « Évaluation de la commune ».
pub fn owner_text(profile: &crate::domain::profile::Profile) -> String {
    let l = crate::state::locale();
    match profile.authorship() {
        Authorship::Consolidation { respondents } => {
            td_string!(l, projector.owner_consolidation, count = respondents).to_string()
        }
        Authorship::Respondent(who) => {
            td_string!(l, projector.owner_respondent, who = who).to_string()
        }
        Authorship::Commune => td_string!(l, projector.owner_commune).to_string(),
    }
}

/// The last line of a shortened list. `shortlist` never leaves exactly one out, so the
/// sentence is always plural.
fn more(count: usize) -> Markup {
    let l = crate::state::locale();
    html! { li.projector__more { (td_string!(l, projector.more, count = count)) } }
}

fn pillar_slide(assessment: &Assessment, score: &PillarScore, explain_band: bool) -> Markup {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let texts = state.texts();
    let framework = content::framework();
    let pillar = framework
        .pillar(&score.pillar_id)
        .unwrap_or(&framework.pillars[0]);
    let slide = projector::pillar_slide(framework, pillar, assessment);
    // Acronyms carry their meaning on hover, and the slide's foot spells them out for the room.
    let glossary = content::glossary(state.lang_code());
    let shown_titles: Vec<String> = slide
        .strengths
        .iter()
        .chain(&slide.gaps)
        .map(|(question, _)| *question)
        .chain(slide.to_check.shown.iter().copied())
        .map(|question| texts.question(question).title.clone())
        .collect();
    let acronyms = content::acronyms_in(glossary, shown_titles.iter().map(String::as_str))
        .into_iter()
        .map(|(acronym, meaning)| format!("{acronym}{}{meaning}", td_string!(l, shell.colon)))
        .collect::<Vec<_>>()
        .join(" · ");
    let title = |question: &str| with_abbr(&texts.question(question).title, glossary);
    let list = |items: &[(&str, Level)], none: &'static str| {
        html! {
            @for (question, level) in items {
                li { (title(question)) " — " (level_text(texts, question, level.get())) }
            }
            @if items.is_empty() { li { (none) } }
        }
    };
    let meaning = score
        .band
        .filter(|_| explain_band)
        .map(|b| texts.band_meaning_at(usize::from(b - 1)));
    let lists = html! {
        div {
            h3 { (td_string!(l, projector.strengths)) }
            ul { (list(&slide.strengths, td_string!(l, projector.no_strengths))) }
        }
        div {
            h3 { (td_string!(l, projector.gaps)) }
            ul { (list(&slide.gaps, td_string!(l, projector.no_gaps))) }
        }
    };
    html! {
        div.projector__heading {
            h2 { (texts.pillar_name(&score.pillar_id)) }
            p.projector__score { (pillar_score(state, score)) }
        }
        @if let Some(meaning) = meaning { p.projector__meaning { (meaning) } }
        @if slide.to_check.shown.is_empty() {
            div.projector__pillar { (lists) }
        } @else {
            // With questions to check, they take the second column and the two lists the
            // first. Shown only when there is something to discuss: an empty box took half
            // the slide.
            div.projector__pillar {
                div { (lists) }
                div.projector__check data-testid="slide-to-check" {
                    h3 { (td_string!(l, projector.to_check)) }
                    ul {
                        @for question in &slide.to_check.shown { li { (title(question)) } }
                        @if slide.to_check.more > 0 { (more(slide.to_check.more)) }
                    }
                }
            }
        }
        @if !acronyms.is_empty() { p.projector__acronyms data-testid="slide-acronyms" { (acronyms) } }
    }
}

fn roadmap_slide(assessment: &Assessment) -> Markup {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let roadmap = assessment.roadmap.clone().unwrap_or_default();
    let reasons = crate::domain::roadmap::explain_all(
        content::framework(),
        assessment,
        &state.scores.get_untracked(),
        &roadmap,
    );
    let left_out = duties_left_out(assessment);
    // What is still to do comes first, legal duties ahead; what is done says so, never as a
    // next step.
    let columns = Horizon::ALL.map(|horizon| {
        let column = projector::roadmap_column(&roadmap, &reasons, horizon);
        // A step the law requires says so, as its card does: the room may move it.
        let owed = |item: &RoadmapItem| {
            roadmap
                .items
                .iter()
                .position(|i| std::ptr::eq(i, item))
                .is_some_and(|i| projector::is_owed(&roadmap, &reasons, i))
        };
        let shown: Vec<String> = column
            .shown
            .into_iter()
            .map(|item| match item.status {
                ItemStatus::Done => format!(
                    "{} ({})",
                    item_title(state, item),
                    td_string!(l, pst.status_done)
                ),
                ItemStatus::Planned if owed(item) => format!(
                    "{} ({})",
                    item_title(state, item),
                    td_string!(l, projector.legal_step)
                ),
                ItemStatus::Planned => item_title(state, item),
            })
            .collect();
        (horizon, shown, column.more)
    });
    html! {
        h2 { (td_string!(l, nav.roadmap)) }
        div.projector__columns {
            @for (horizon, shown, more_count) in &columns {
                div {
                    h3 { (horizon_title(*horizon)) }
                    @if shown.is_empty() {
                        // The roadmap page's advice to whoever edits it is not for the room.
                        p.projector__empty { (td_string!(l, roadmap.empty_horizon)) }
                    } @else {
                        ul {
                            @for title in shown { li { (title) } }
                            @if *more_count > 0 { (more(*more_count)) }
                        }
                    }
                }
            }
        }
        @if !left_out.is_empty() {
            p.projector__warning data-testid="slide-duties-left-out" {
                (td_string!(l, projector.duties_left_out, duties = duties_named(&left_out)))
            }
        }
    }
}

/// The same results on a participant's phone, as a link and its QR code: the answers travel
/// in the link's fragment, which the browser never sends, so no server is involved.
#[cfg(feature = "tools")]
fn share_qr(assessment: &Assessment, label: &str) -> Option<(String, String)> {
    let location = crate::browser::window().location();
    let link = format!(
        "{}{}{}",
        location.origin().ok()?,
        location.pathname().ok()?,
        crate::route::Route::href_shared(&crate::domain::share::encode(
            crate::domain::content::framework(),
            assessment
        ))
    );
    let svg = crate::domain::share::qr_svg(&link, label)?;
    Some((link, svg))
}

/// The questionnaire bundle never shows the projector.
#[cfg(not(feature = "tools"))]
fn share_qr(_: &Assessment, _: &str) -> Option<(String, String)> {
    None
}

/// The legal duties below their minimum that an edited roadmap plans no step for. A draft
/// plans them all, once redrafted: one shown while an answer changes in another window may
/// be behind.
fn duties_left_out(assessment: &Assessment) -> Vec<String> {
    if !assessment.roadmap.as_ref().is_some_and(|r| r.edited) {
        return Vec::new();
    }
    crate::domain::roadmap::duties_without_a_step(content::framework(), assessment)
        .into_iter()
        .map(|(question, _)| question)
        .collect()
}

/// Duties' titles in a sentence, three at most, as a slide must keep its steps in sight.
fn duties_named(questions: &[String]) -> String {
    duties_named_within(questions, 3)
}

/// Duties' titles in a sentence within `lines` titles, the last saying how many more; with
/// room for fewer than two, only how many duties.
fn duties_named_within(questions: &[String], lines: usize) -> String {
    let l = crate::state::locale();
    if questions.len() > lines && lines < 2 {
        return crate::td_plural!(l, projector.duties_count, questions.len());
    }
    let short = projector::shortlist(questions, lines);
    // Quoted: a title mid-sentence starts with a capital, and two titles run into each other.
    let texts = AppState::from_context().texts();
    let duties = short
        .shown
        .iter()
        .map(|question| {
            td_string!(l, shell.quoted, text = &texts.question(question).title).to_string()
        })
        .collect::<Vec<_>>()
        .join(td_string!(l, shell.list_separator));
    if short.more == 0 {
        return duties;
    }
    format!(
        "{duties} {}",
        crate::td_plural!(l, import.more_answers, short.more)
    )
}

fn next_steps(assessment: &Assessment) -> Markup {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let framework = content::framework();
    let roadmap = assessment.roadmap.clone().unwrap_or_default();
    let reasons = crate::domain::roadmap::explain_all(
        framework,
        assessment,
        &state.scores.get_untracked(),
        &roadmap,
    );
    let (items, owed) = projector::next_step_items(&roadmap, &reasons);
    // The commune's own wording and its own actions, as on the roadmap.
    let first_step = |item: &&RoadmapItem| crate::pages::roadmap::item_first_step(state, item);
    let to_check = crate::domain::obligations::to_check(framework, assessment).by_answer();
    let verify = (!to_check.is_empty()).then(|| {
        // Three titles in all, whatever the answers: a slide halfway through a questionnaire
        // may hold many blank duties, and its last steps must stay in sight.
        let mut lines = 3;
        let answers =
            crate::components::obligations::to_check_by_answer(&to_check, &mut |duties| {
                let named = duties_named_within(duties, lines);
                lines = lines.saturating_sub(duties.len());
                named
            });
        td_string!(l, projector.step_verify, answers = answers).to_string()
    });
    // A duty found below its minimum during the workshop, once the roadmap was edited, has no
    // step: planning one comes first.
    let mut owed_steps: Vec<String> = items[..owed].iter().filter_map(first_step).collect();
    let left_out = duties_left_out(assessment);
    if !left_out.is_empty() {
        owed_steps.insert(
            0,
            td_string!(
                l,
                projector.step_plan_duties,
                duties = duties_named(&left_out)
            )
            .to_string(),
        );
    }
    // The duties the commune owes, then those it does not know whether it meets, then the rest.
    let first_steps = projector::closing_steps(
        owed_steps,
        verify,
        items[owed..].iter().filter_map(first_step),
    );
    let qr = share_qr(assessment, td_string!(l, projector.qr_label));
    html! {
        h2 { (td_string!(l, projector.next_steps)) }
        div.projector__closing {
            ol {
                @for step in first_steps { li { (step) } }
                li { (td_string!(l, projector.step_college)) }
                li { (td_string!(l, projector.step_igretec)) }
            }
            @if let Some((link, svg)) = qr {
                figure.projector__qr data-testid="share-qr" data-link=(link) {
                    div { (PreEscaped(svg)) }
                    // A link too, to copy into the workshop's minutes or follow-up email.
                    figcaption { a href=(link) { (td_string!(l, projector.qr_caption)) } }
                }
            }
        }
    }
}
