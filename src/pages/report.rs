//! The full report, for print or PDF: profile, radar, scores, roadmap and every answer with
//! its level text and notes. The print stylesheet puts each section on its own A4 pages.

use crate::browser;
use crate::chart;
use crate::components::chart_figure::{
    OverallScore, ScoresTable, pillar_bars, radar_of, table_named,
};
use crate::components::glossary::{Acronyms, question_texts};
use crate::components::obligations::LegalObligations;
use crate::components::reference::{kept_reference, median_column, overlay_median, territory_text};
use crate::components::to_check::QuestionsToCheck;
use crate::domain::assessment::Assessment;
use crate::domain::content::{self, Horizon};
use crate::domain::profile::Profile;
use crate::domain::roadmap::ItemStatus;
use crate::domain::scoring;
use crate::erased::{CollectAnyView, handler};
use crate::i18n::*;
use crate::pages::profile::{budget_label, population_label, strategy_label};
use crate::pages::results::{choice_text, completion_title, level_name};
use crate::pages::roadmap::{
    cost_text, effort_text, horizon_title, item_first_step, item_title, kind_text, owner_and_due,
    reasons_by_item,
};
use crate::state::AppState;
use leptos::prelude::*;
use maud::{PreEscaped, html};

#[component]
pub fn ReportPage() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let Some(assessment) = state.with_current(Clone::clone) else {
        return ().into_any();
    };
    let profile = assessment.profile.clone();
    let title = td_string!(l, report.radar_title, commune = profile.commune.clone()).to_string();
    let mut radar = radar_of(state, title, None);
    let bars_title =
        td_string!(l, report.bars_title, commune = profile.commune.clone()).to_string();
    let mut bars = pillar_bars(state, bars_title, None);
    // The territory's median, when the commune loaded the reference on its results.
    let reference = kept_reference();
    if let Some(reference) = &reference {
        overlay_median(reference, &mut radar, &mut bars);
    }
    let median = reference.as_ref().map(median_column);
    let radar = chart::radar_svg(&radar);
    let bars = chart::bars_svg(&bars);
    let date = browser::date_or_today(&profile.date, state.lang_code());
    // Every printed page names its commune and date and counts « page n / N », so loose pages
    // in a collège's file are still identified.
    let head = td_string!(
        l,
        report.running_head,
        commune = profile.commune.clone(),
        date = date
    )
    .to_string();
    let page_rule = browser::add_print_page_rule(&head, td_string!(l, report.page));
    on_cleanup(move || browser::remove_print_page_rule(page_rule));
    let lang = state.lang_code();
    // A collège reading the report knows whether the diagnostic behind it is finished.
    let completion = {
        let (answered, total) = scoring::answered_total(content::framework(), &assessment);
        let status = completion_title(answered == total);
        format!("{answered} / {total} · {status}")
    };
    let dash = || "—".to_string();
    let mut rows: Vec<(String, String)> = vec![
        (
            td_string!(l, profile.commune).to_string(),
            profile.commune.clone(),
        ),
        (
            td_string!(l, profile.nis).to_string(),
            if profile.nis_code.is_empty() {
                dash()
            } else {
                profile.nis_code.clone()
            },
        ),
        (
            td_string!(l, profile.population).to_string(),
            profile.population.map_or_else(dash, population_label),
        ),
        (
            td_string!(l, profile.respondent_name).to_string(),
            if profile.respondent_name.is_empty() {
                dash()
            } else {
                profile.respondent_name.clone()
            },
        ),
        (
            td_string!(l, profile.respondent_role).to_string(),
            if profile.respondent_role.is_empty() {
                dash()
            } else {
                profile.respondent_role.clone()
            },
        ),
        (
            td_string!(l, profile.date).to_string(),
            if profile.date.is_empty() {
                dash()
            } else {
                round_date(l, &profile.date, &profile.redone_from, lang)
            },
        ),
        (
            td_string!(l, profile.fte).to_string(),
            profile
                .digital_staff_fte
                .map_or_else(dash, |v| browser::format_number(v, lang, 2)),
        ),
        (
            td_string!(l, profile.budget).to_string(),
            profile.digital_budget.map_or_else(dash, budget_label),
        ),
        (
            td_string!(l, profile.strategy).to_string(),
            profile.digital_strategy.map_or_else(dash, strategy_label),
        ),
        (
            td_string!(l, profile.partnerships).to_string(),
            if profile.partnerships.is_empty() {
                dash()
            } else {
                profile.partnerships.clone()
            },
        ),
    ];
    // A workshop's consolidation names who took part instead of one respondent and role (its
    // « respondent » is the group's label, already in the title's name).
    if profile.is_synthesis() {
        rows.drain(3..5);
        if let Some(participants) = participants_text(l, &profile) {
            rows.insert(
                3,
                (
                    td_string!(l, profile.participants).to_string(),
                    participants,
                ),
            );
        }
    }
    // Read-only: HTML strings (src/markup.rs).
    let profile_rows = html! {
        tbody { @for (label, value) in &rows { tr { th scope="row" { (label) } td { (value) } } } }
    }
    .into_string();
    let charts = html! {
        figure.chart { div.chart__svg { (PreEscaped(radar)) } }
        figure.chart data-testid="report-bars" { div.chart__svg { (PreEscaped(bars)) } }
    }
    .into_string();
    view! {
        <article class="page report" data-testid="report">
            <div class="no-print report__tools">
                <button type="button" class="button button--primary" data-testid="print" on:click=handler(|_| browser::print())>
                    {td_string!(l, report.print)}
                </button>
                <p class="hint">{td_string!(l, report.print_hint)}</p>
            </div>
            <section aria-labelledby="report-title">
                <h1 id="report-title">{td_string!(l, report.title, commune = profile.commune.clone())}</h1>
                <crate::components::not_latest::NotLatest/>
                <p class="lead">
                    {td_string!(l, report.generated, date = browser::format_date(&browser::now_iso(), lang, true),
                        version = crate::domain::content::framework().version.clone())}" "
                    {td_string!(l, report.answered)}{td_string!(l, shell.colon)}<span data-testid="report-completion">{completion}</span>
                </p>
                <h2>{td_string!(l, report.profile)}</h2>
                <table class="data-table" inner_html=profile_rows></table>
            </section>
            <section aria-labelledby="report-scores">
                <h2 id="report-scores">{td_string!(l, report.scores)}</h2>
                <OverallScore scores=state.scores.get_untracked()/>
                <crate::components::obligations::DutiesBelowLine assessment=assessment.clone()/>
                <div class="report__charts" inner_html=charts></div>
                // Scrolls within its own width on a phone, as on the results screen.
                <div class="chart__table" tabindex="0" role="region" aria-label=table_named(l, td_string!(l, results.table_caption))>
                    <ScoresTable scores=state.scores.get_untracked() caption=td_string!(l, results.table_caption).to_string() median=median.clone()/>
                </div>
            </section>
            // The law before the plan, as on the results.
            <LegalObligations assessment=assessment.clone()/>
            <ReportRoadmap assessment=assessment.clone()/>
            <QuestionsToCheck assessment=assessment.clone()/>
            <ReportAnswers assessment=assessment.clone() reference=reference.clone()/>
            <Acronyms texts=report_texts(state, &assessment) open=true/>
        </article>
    }
    .into_any()
}

/// The report's titles that may hold an acronym (questions, legal bases, roadmap items): the
/// levels and first steps it prints already explain theirs inline.
fn report_texts(state: AppState, assessment: &Assessment) -> Vec<String> {
    let mut shown = question_texts(state);
    if let Some(roadmap) = &assessment.roadmap {
        shown.extend(roadmap.items.iter().map(|item| item_title(state, item)));
    }
    shown
}

/// The roadmap as it will be filed: focus pillars, then each horizon's items with their tags,
/// first step and reasons.
#[component]
fn ReportRoadmap(assessment: Assessment) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let texts = state.texts();
    let framework = content::framework();
    let roadmap = assessment.roadmap.clone().unwrap_or_default();
    let reasons = reasons_by_item(state, &roadmap);
    let today = crate::browser::today();
    // Read-only, one HTML string (src/markup.rs).
    let horizons = html! {
        @for horizon in Horizon::ALL {
            h3 { (horizon_title(horizon)) }
            @let items: Vec<_> = roadmap.items_in(horizon).collect();
            @if items.is_empty() {
                p.hint { (td_string!(l, roadmap.empty_horizon)) }
            } @else {
                ol.report-items {
                    @for item in items {
                        @let (owner, due) = owner_and_due(state, item);
                        li.item {
                            strong { (item_title(state, item)) }
                            @if item.status == ItemStatus::Done { " (" (td_string!(l, roadmap.done)) ")" }
                            @if reasons.get(&item.id).is_some_and(|why| why.legal) { " · " (td_string!(l, roadmap.legal_badge)) }
                            @if let Some(a) = framework.action(&item.id) {
                                br;
                                span.hint {
                                    (kind_text(a.kind)) " · " (td_string!(l, roadmap.effort)) " " (effort_text(a.effort)) " · " (cost_text(a.cost))
                                    @if a.pooled { " · " (td_string!(l, roadmap.pooled)) }
                                }
                            }
                            @if let Some(step) = item_first_step(state, item) { br; (td_string!(l, roadmap.first_step)) " " (step) }
                            br;
                            span data-testid="report-item-who" {
                                (td_string!(l, roadmap.owner_line)) " " (owner) " · " (td_string!(l, roadmap.due_line)) " " (due)
                                // The printed plan flags the dates the screen flags.
                                @if item.is_overdue(&today) { " (" (td_string!(l, roadmap.overdue)) ")" }
                                @else if item.is_due_after_horizon(&assessment.profile.date) { " (" (td_string!(l, roadmap.after_horizon)) ")" }
                            }
                            @if let Some(why) = reasons.get(&item.id).filter(|why| !why.words.is_empty()) {
                                br; span.hint { (td_string!(l, roadmap.why)) " " (why.words.join(td_string!(l, shell.list_separator))) }
                            }
                        }
                    }
                }
            }
        }
    }
    .into_string();
    view! {
            <section aria-labelledby="report-roadmap">
            <h2 id="report-roadmap">{td_string!(l, nav.roadmap)}</h2>
            <p>
                <strong>{td_string!(l, roadmap.focus_title)}{td_string!(l, shell.colon)}</strong>
                {crate::domain::roadmap::choose_focus(&assessment, &state.scores.get_untracked()).0.iter().map(|f| texts.pillar_name(&f.pillar_id).to_string()).collect::<Vec<_>>().join(", ")}
            </p>
            <crate::components::obligations::DutiesLeftOut/>
            <crate::components::obligations::DutiesToVerify/>
            <div inner_html=horizons></div>
        </section>
    }
}

/// Every answer with its level text and note; or, for one service, its questions with all five
/// levels, so that a directeur général can hand each colleague their part to answer.
#[component]
fn ReportAnswers(
    assessment: Assessment,
    reference: Option<crate::domain::reference::Reference>,
) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let texts = state.texts();
    let framework = content::framework();
    let grd = framework.grd_of(&assessment.profile.commune);
    let personal = move |text: &str| content::with_grd(text, texts, grd).into_owned();
    let service = RwSignal::new(String::new());
    // Services that answer at least one question, in the order of `scale.toml`'s list.
    let mut services: Vec<(String, String)> = Vec::new();
    for pillar in &framework.pillars {
        for question in &pillar.questions {
            if let Some(key) = framework.respondent(question)
                && !services.iter().any(|(k, _)| k == key)
            {
                let name = texts.scale.services.get(key).cloned().unwrap_or_default();
                services.push((key.to_string(), name));
            }
        }
    }
    crate::sort::sort_by(&mut services, |a, b| a.1.cmp(&b.1));
    // Every question with its answer: read-only, and the longest part of the report, so one
    // HTML string (src/markup.rs) redrawn when the service filter changes.
    let answers = move || {
        let chosen = service.get();
        html! {
            @for pillar in &framework.pillars {
                @let questions: Vec<&String> = pillar
                    .questions
                    .iter()
                    .filter(|q| chosen.is_empty() || framework.respondent(q) == Some(chosen.as_str()))
                    .collect();
                @if !questions.is_empty() {
                    h3 { (texts.pillar_name(&pillar.id)) }
                    dl.report-answers {
                        @for question in questions {
                            @let text = texts.question(question);
                            @let choice = assessment.choice(question);
                            @let note = assessment.note(question);
                            div.report-answer data-testid=(format!("report-answer-{question}")) {
                                dt { (text.title) }
                                dd {
                                    strong { (choice_text(state, question, choice)) }
                                    @if chosen.is_empty() {
                                        @if let Some(level) = choice.and_then(|c| c.level()) {
                                            " — " (personal(text.level_at(usize::from(level.get() - 1))))
                                            @if let Some(territory) = reference.as_ref().and_then(|r| territory_text(r, question, level.get())) {
                                                br; span.hint data-testid="report-territory" { (territory) }
                                            }
                                        }
                                    } @else {
                                        // The whole ladder, for the colleague who answers.
                                        br; span.hint { (personal(&text.help)) }
                                        ol.report-levels {
                                            @for (index, level) in text.levels.iter().enumerate() {
                                                li { (level_name(texts, question, index as u8 + 1)) " · " (personal(level)) }
                                            }
                                        }
                                    }
                                    @if !note.is_empty() { br; em { (td_string!(l, report.note)) " " } (note) }
                                }
                            }
                        }
                    }
                }
            }
        }
        .into_string()
    };
    let heading = move || {
        let chosen = service.get();
        if chosen.is_empty() {
            td_string!(l, report.answers).to_string()
        } else {
            td_string!(
                l,
                report.answers_for,
                service = texts
                    .scale
                    .services
                    .get(&chosen)
                    .cloned()
                    .unwrap_or_default()
            )
            .to_string()
        }
    };
    view! {
        <section aria-labelledby="report-answers">
            <h2 id="report-answers">{heading}</h2>
            <div class="field no-print">
                <label for="report-service">{td_string!(l, report.by_service)}</label>
                <select id="report-service" data-testid="report-service" on:change=handler(move |ev| service.set(event_target_value(&ev)))>
                    <option value="">{td_string!(l, report.all_services)}</option>
                    {services.into_iter().map(|(key, name)| view! { <option value=key>{name}</option> }).collect_any_view()}
                </select>
                <p class="hint">{td_string!(l, report.by_service_hint)}</p>
            </div>
            <div inner_html=answers></div>
        </section>
    }
}

/// An assessment's date as `lang` writes it, with the earlier diagnostic it redoes if any:
/// IGRETEC, the collège and the list of assessments read a second round as one.
pub fn round_date(l: Locale, date: &str, redone_from: &str, lang: &str) -> String {
    let date = browser::format_date(date, lang, false);
    if redone_from.is_empty() {
        return date;
    }
    let earlier = browser::format_date(redone_from, lang, false);
    td_string!(l, profile.date_redone, date = date, earlier = earlier).to_string()
}

/// Who took part in a consolidation, for the report and « Mes évaluations »: the people named,
/// and how many gave no name. None when it names nobody (one saved before this was kept).
pub fn participants_text(l: Locale, profile: &Profile) -> Option<String> {
    if profile.participants.is_empty() {
        return None;
    }
    let names = profile.participants.join(", ");
    Some(match profile.unnamed_participants() {
        0 => names,
        unnamed => crate::td_plural!(
            l,
            report.participants_unnamed,
            unnamed as usize,
            names = names
        ),
    })
}
