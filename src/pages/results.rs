//! Maturity per pillar: the overall score, the radar and bar charts with their tables, one
//! pillar's breakdown by question, and how the score is computed.

use crate::browser;
use crate::chart::{self, BarRow, Bars};
use crate::components::chart_figure::{
    BandKey, ChartFigure, OverallScore, ScoresTable, bars_at, pillar_bars, radar_at, radar_of,
    score_text,
};
use crate::components::glossary::{Acronyms, question_texts};
use crate::components::hand_over::SaveForIgretec;
use crate::components::obligations::LegalObligations;
use crate::components::reference::{
    ReferencePicker, kept_reference, median_column, overlay_median, territory_text,
};
use crate::components::to_check::QuestionsToCheck;
use crate::domain::assessment::{Assessment, Choice, Level};
use crate::domain::content;
use crate::domain::csv;
use crate::domain::profile::slug;
use crate::domain::reference::Reference;
use crate::domain::scoring::{self, PillarScore};
use crate::domain::settings::OPERATOR;
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;
use maud::html;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let Some(this) = state.current_untracked() else {
        return ().into_any();
    };
    // Answers do not change on this page: it is drawn once, and redrawn on outside changes.
    let commune = this.profile.display_name();
    let scores = state.scores.get_untracked();
    // Other assessments of the same commune, for a before/after overlay.
    let comparable: Vec<(String, String, String)> = state.workspace.with_untracked(|w| {
        w.others_of_same_commune(&this)
            .map(|a| {
                (
                    a.id.clone(),
                    crate::browser::format_date(&a.profile.date, state.lang_code(), false),
                    a.profile.respondent_name.clone(),
                )
            })
            .collect()
    });
    let compare_with = RwSignal::new(None::<String>);
    // The territory's reference, if the commune loaded one: its median is the second series
    // unless an earlier assessment is chosen.
    let reference = RwSignal::new(kept_reference());
    let radar_title = td_string!(l, results.radar_title, commune = commune.clone());
    let bars_title = td_string!(l, results.bars_title, commune = commune.clone());
    let charts = Memo::new(move |_| {
        let other = compare_with
            .get()
            .and_then(|id| state.workspace.with_untracked(|w| w.get(&id).cloned()));
        let mut radar = radar_of(state, radar_title.clone(), other.as_ref());
        let mut bars = pillar_bars(state, bars_title.clone(), None);
        if other.is_none()
            && let Some(reference) = reference.get()
        {
            overlay_median(&reference, &mut radar, &mut bars);
        }
        if let Some(other) = &other {
            let scores = scoring::score_all(content::framework(), other);
            for (row, score) in bars.rows.iter_mut().zip(scores) {
                row.comparison = score.score;
            }
            bars.comparison_label = td_string!(
                l,
                results.compared_with,
                date = crate::browser::format_date(&other.profile.date, state.lang_code(), false)
            );
        }
        (radar, bars)
    });
    let stem = format!("autodiag-{}", slug(&commune));
    let bars_size = (chart::BAR_WIDTH, chart::bars_height(scores.len()));
    let interpretations = scores.clone();
    // « Avant / après » only once there is a before: on a first diagnostic it led to an import
    // page, and an official wondered what step he had missed (« Mes évaluations » still offers it).
    let has_before = !comparable.is_empty();
    let compare = has_before.then(|| view! {
        <div class="field no-print compare-select">
            <label for="compare-with">{td_string!(l, results.compare_label)}</label>
            <select id="compare-with" data-testid="compare-with" on:change=handler(move |ev| {
                let value = event_target_value(&ev);
                compare_with.set((!value.is_empty()).then_some(value));
            })>
                <option value="">{td_string!(l, results.compare_none)}</option>
                {comparable.into_iter().map(|(id, date, who)| view! {
                    <option value=id>{if who.is_empty() { date } else { format!("{date} · {who}") }}</option>
                }).collect_any_view()}
            </select>
        </div>
    });
    view! {
        <div class="page page--results">
            <h1>{td_string!(l, results.title, commune = commune.clone())}</h1>
            <crate::components::not_latest::NotLatest/>
            <OverallScore scores=scores.clone()/>
            <DiagnosticStatus assessment=this.clone()/>
            <div class="no-print">
                <a class="button button--primary" href=state.href(crate::route::Route::Roadmap) data-testid="to-roadmap">{format!("{} →", td_string!(l, results.to_roadmap))}</a>
                " "
                <a class="button" href=state.href(crate::route::Route::Projector) data-testid="open-projector" on:click=handler(|_| crate::browser::enter_fullscreen_root())>
                    {td_string!(l, nav.projector)}
                </a>
                {has_before.then(|| view! {
                    " "
                    <a class="button" href=state.href(crate::route::Route::Compare) data-testid="results-compare">{td_string!(l, nav.compare)}</a>
                })}

            </div>
            <SaveForIgretec/>
            <Acronyms texts=question_texts(state)/>
            {compare}
            <ReferencePicker reference/>
            <div class="results-grid">
                <section aria-labelledby="radar-title">
                    <h2 id="radar-title">{td_string!(l, results.radar_heading)}</h2>
                    <ChartFigure draw=Callback::new(move |width| charts.with(|c| radar_at(&c.0, width))) file_stem=format!("{stem}-radar")
                        size=(chart::RADAR_WIDTH, chart::RADAR_HEIGHT) testid="radar-chart" table_title=td_string!(l, results.table_caption).to_string()>
                        {reactive(move || {
                            let median = reference.get().map(|r| median_column(&r));
                            view! { <ScoresTable scores=scores.clone() caption=td_string!(l, results.table_caption).to_string() median/> }
                        })}
                    </ChartFigure>
                </section>
                <section aria-labelledby="bars-title">
                    <h2 id="bars-title">{td_string!(l, results.bars_heading)}</h2>
                    <ChartFigure draw=Callback::new(move |width| charts.with(|c| bars_at(&c.1, width))) file_stem=format!("{stem}-scores")
                        size=bars_size testid="bars-chart">
                        <BandKey hint=td_string!(l, results.band_key).to_string()/>
                    </ChartFigure>
                </section>
            </div>
            <LegalObligations assessment=this.clone()/>
            <QuestionsToCheck assessment=this.clone()/>
            <Interpretations scores=interpretations/>
            <Breakdown assessment=this reference/>
            <HowComputed/>
        </div>
    }
    .into_any()
}

fn download_answers_csv(state: AppState) {
    let l = crate::state::locale();
    let words = csv::AnswerWords {
        headers: [
            td_string!(l, results.csv.pillar_id),
            td_string!(l, results.csv.pillar),
            td_string!(l, results.csv.question_id),
            td_string!(l, results.csv.question),
            td_string!(l, results.csv.level),
            td_string!(l, results.csv.level_name),
            td_string!(l, results.csv.level_text),
            td_string!(l, results.csv.note),
        ],
        unknown: td_string!(l, question.unknown),
        not_applicable: td_string!(l, question.not_applicable),
        legal_levels: legal_level_names(),
    };
    let texts = content::texts(state.lang.get_untracked().as_str());
    let Some((name, text)) = state.workspace.with_untracked(|w| {
        let id = state.current.get_untracked()?;
        let assessment = w.get(&id)?;
        Some((
            format!(
                "{}-reponses.csv",
                crate::domain::summary::file_stem(&assessment.profile, &browser::today())
            ),
            csv::answers(content::framework(), texts, &words, assessment),
        ))
    }) else {
        return;
    };
    let _ = browser::download(&name, "text/csv;charset=utf-8", &text);
}

/// Each pillar's band with its one-paragraph meaning.
#[component]
fn Interpretations(scores: Vec<PillarScore>) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let texts = state.texts();
    // A band's paragraph once, under the first pillar in it, which names the others: six
    // pillars in one band read the same paragraph six times, then « même constat » five times.
    let mut explained: Vec<(u8, String)> = Vec::new();
    let bands: Vec<(Option<u8>, String)> = scores
        .iter()
        .map(|s| (s.band, texts.pillar_name(&s.pillar_id).to_string()))
        .collect();
    // Read-only: one HTML string (src/markup.rs).
    let list = html! {
        @for score in &scores {
            @let name = texts.pillar_name(&score.pillar_id).to_string();
            @let standouts = standouts(state, &score.pillar_id);
            @let meaning = match score.band {
                Some(band) => match explained.iter().find(|(seen, _)| *seen == band) {
                    // Its own standouts say what differs; without any, where to read.
                    Some(_) if standouts.is_some() => None,
                    Some((_, first)) => Some(td_string!(l, results.same_meaning, pillar = first).to_string()),
                    None => {
                        explained.push((band, name.clone()));
                        let meaning = texts.band_meaning_at(usize::from(band - 1));
                        let others: Vec<&str> = bands
                            .iter()
                            .filter(|(other, other_name)| *other == Some(band) && *other_name != name)
                            .map(|(_, other_name)| other_name.as_str())
                            .collect();
                        Some(if others.is_empty() {
                            meaning.to_string()
                        } else {
                            format!("{meaning} {}", td_string!(l, results.also_for, pillars = others.join(", ")))
                        })
                    }
                },
                None => Some(td_string!(l, results.no_meaning).to_string()),
            };
            dt {
                strong { (name) } " — " (score_text(state, score.score))
                @if score.to_confirm() { (crate::markup::warning_badge(td_string!(l, results.low_confidence))) }
            }
            dd {
                @if let Some(meaning) = &meaning { (meaning) }
                @if let Some(text) = &standouts {
                    @if meaning.is_some() { br; }
                    span data-testid="standouts" { (text) }
                }
            }
        }
    };
    view! {
        <section aria-labelledby="meaning-title">
            <h2 id="meaning-title">{td_string!(l, results.meaning_title)}</h2>
            <dl class="interpretations" data-testid="interpretations" inner_html=list.into_string()></dl>
        </section>
    }
}

/// « Point fort : « … » (4 · Intégré). À renforcer : « … » (1 · Sous le minimum légal). »: what
/// sets this pillar apart, by the rule the projector's slide follows (`scoring::standouts`).
/// Nothing when every answer is at the same level, unless a duty is under its minimum.
fn standouts(state: AppState, pillar_id: &str) -> Option<String> {
    let l = crate::state::locale();
    let framework = content::framework();
    let pillar = framework.pillar(pillar_id)?;
    let texts = state.texts();
    let named = |(question, level): &scoring::QuestionLevel| {
        (
            texts.question(question).title.clone(),
            level_text(texts, question, level.get()),
        )
    };
    let (strength, gap) = state.with_current(|a| {
        let standouts = scoring::standouts(framework, pillar, a);
        if standouts.uniform && standouts.unlawful == 0 {
            return (None, None);
        }
        (
            standouts.strengths.first().map(named),
            standouts.gaps.first().map(named),
        )
    })?;
    let strength = strength.map(|(question, level)| {
        td_string!(
            l,
            results.standout_strength,
            question = question,
            level = level
        )
        .to_string()
    });
    let gap = gap.map(|(question, level)| {
        td_string!(l, results.standout_gap, question = question, level = level).to_string()
    });
    match (strength, gap) {
        (Some(strength), Some(gap)) => Some(format!("{strength} {gap}")),
        (strength, gap) => strength.or(gap),
    }
}

/// One pillar, question by question.
/// One question of the breakdown table.
#[derive(Clone, PartialEq)]
struct BreakdownRow {
    title: String,
    choice: Option<Choice>,
    answer: String,
    note: String,
    /// How many communes of the loaded reference reached the same level.
    territory: Option<String>,
}

#[component]
fn Breakdown(assessment: Assessment, reference: RwSignal<Option<Reference>>) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let framework = content::framework();
    let texts = state.texts();
    let selected = RwSignal::new(0usize);
    // « autodiag-thuin-detail-mobilite.svg »: the commune and the pillar shown.
    let detail_stem = {
        let commune = slug(&assessment.profile.commune);
        Signal::derive(move || {
            format!(
                "autodiag-{commune}-detail-{}",
                framework.pillars[selected.get()].id
            )
        })
    };
    // The chart and the table for the chosen pillar.
    let shown = Memo::new(move |_| {
        let pillar = &framework.pillars[selected.get()];
        let reference = reference.get();
        let rows: Vec<BreakdownRow> = question_rows(pillar, &assessment)
            .into_iter()
            .map(|(question, choice, note)| {
                // How many communes of the territory reached the commune's level.
                let territory = reference.as_ref().and_then(|r| {
                    territory_text(r, &question, choice.and_then(Choice::level)?.get())
                });
                BreakdownRow {
                    title: texts.question(&question).title.clone(),
                    choice,
                    answer: choice_text(state, &question, choice),
                    note,
                    territory,
                }
            })
            .collect();
        let with_territory = reference.is_some();
        let name = texts.pillar_name(&pillar.id).to_string();
        let bars = Bars {
            title: td_string!(l, results.breakdown_chart, pillar = name.clone()),
            rows: rows
                .iter()
                .map(|row| BarRow {
                    label: row.title.clone(),
                    score: row.choice.and_then(Choice::level).map(Level::points),
                    value_text: row.answer.clone(),
                    target: None,
                    comparison: None,
                })
                .collect(),
            target_label: String::new(),
            comparison_label: String::new(),
        };
        (name, rows, bars, with_territory)
    });
    let size = (chart::BAR_WIDTH, chart::bars_height(8));
    view! {
        <section aria-labelledby="breakdown-title">
            <h2 id="breakdown-title">{td_string!(l, results.breakdown_title)}</h2>
            <div class="field no-print">
                <label for="breakdown-pillar">{td_string!(l, results.breakdown_pick)}</label>
                <select id="breakdown-pillar" data-testid="breakdown-pillar" on:change=handler(move |ev| selected.set(event_target_value(&ev).parse().unwrap_or(0)))>
                    {framework.pillars.iter().enumerate().map(|(i, p)| view! {
                        <option value=i>{texts.pillar_name(&p.id).to_string()}</option>
                    }).collect_any_view()}
                </select>
            </div>
            <ChartFigure draw=Callback::new(move |width| shown.with(|s| bars_at(&s.2, width))) file_stem=detail_stem size testid="breakdown-chart"
                table_title=Signal::derive(move || shown.with(|s| td_string!(l, results.breakdown_caption, pillar = s.0.clone()).to_string()))>
                // Read-only, one HTML string (src/markup.rs), redrawn with the chosen pillar.
                <div inner_html=move || shown.with(|(name, rows, _, with_territory)| {
                    let colon = td_string!(l, shell.colon);
                    let territory_label = format!("{}{colon}", td_string!(l, results.col_territory));
                    let note_label = format!("{}{colon}", td_string!(l, results.col_note));
                    html! {
                        // On a phone each row stacks, so a commune's own notes are never cut off.
                        table."data-table data-table--stack" data-testid="breakdown-table" {
                            caption { (td_string!(l, results.breakdown_caption, pillar = name.clone())) }
                            thead { tr {
                                th scope="col" { (td_string!(l, results.col_question)) }
                                th scope="col" { (td_string!(l, results.col_answer)) }
                                @if *with_territory { th scope="col" { (td_string!(l, results.col_territory)) } }
                                th scope="col" { (td_string!(l, results.col_note)) }
                            } }
                            tbody {
                                @for row in rows {
                                    tr {
                                        th scope="row" { (row.title) }
                                        td { (row.answer) }
                                        @if *with_territory {
                                            td data-testid="territory-reached" data-label=(territory_label) { (row.territory.as_deref().unwrap_or("—")) }
                                        }
                                        td data-label=(note_label) { (row.note) }
                                    }
                                }
                            }
                        }
                    }
                    .into_string()
                })></div>
            </ChartFigure>
            // Every pillar's answers in one table, beside the question-by-question reading.
            <p class="no-print">
                <button type="button" class="button" data-testid="download-csv" on:click=handler(move |_| download_answers_csv(state))>
                    {td_string!(l, results.download_csv)}
                </button>
            </p>
        </section>
    }
}

/// « Diagnostic complet » or « Diagnostic en cours », on the results and the report alike.
pub fn completion_title(complete: bool) -> &'static str {
    let l = crate::state::locale();
    if complete {
        td_string!(l, results.status_done_title)
    } else {
        td_string!(l, results.status_open_title)
    }
}

/// Where the diagnostic stands, under the score: done, with the next steps, or how many
/// questions are left and in which pillars, each linked to its first open question. The
/// results open from the last pillar's « Voir les résultats », so this is the end screen.
#[component]
fn DiagnosticStatus(assessment: Assessment) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let framework = content::framework();
    let texts = state.texts();
    let (answered, total) = scoring::answered_total(framework, &assessment);
    let left = scoring::unanswered_by_pillar(framework, &assessment);
    let title = completion_title(left.is_empty());
    let body = if left.is_empty() {
        let unknown: usize = scoring::questions_to_check(framework, &assessment)
            .iter()
            .map(|(_, questions)| questions.len())
            .sum();
        let answers = if unknown == 0 {
            td_string!(l, results.status_done, total = total).to_string()
        } else {
            td_plural!(l, results.status_done_unknown, unknown, of = total).to_string()
        };
        html! { p { (answers) " " (td_string!(l, results.status_next, operator = OPERATOR.name)) } }
    } else {
        html! {
            p { (td_plural!(l, results.status_open, answered, of = total)) }
            p.status__left-label { (td_string!(l, results.status_left)) }
            ul.status__left {
                @for (pillar, count, first) in &left {
                    li {
                        a href=(Route::Pillar(pillar.id.clone()).href_to_question(first, state.bundle)) data-testid=(format!("status-left-{}", pillar.id)) {
                            (texts.pillar_name(&pillar.id)) " (" (count) ")"
                        }
                    }
                }
            }
        }
    };
    view! {
        <section class="status" aria-labelledby="status-title" data-testid="diagnostic-status">
            <h2 id="status-title">{title}</h2>
            // A commune not in order reads it before any score.
            <crate::components::obligations::DutiesBelowLine assessment=assessment.clone()/>
            <div inner_html=body.into_string()></div>
        </section>
    }
}

fn question_rows(
    pillar: &content::Pillar,
    assessment: &Assessment,
) -> Vec<(String, Option<Choice>, String)> {
    pillar
        .questions
        .iter()
        .map(|q| {
            (
                q.clone(),
                assessment.choice(q),
                assessment.note(q).to_string(),
            )
        })
        .collect()
}

/// `choice_text`, but « Question modifiée depuis lors » for a question left without an answer
/// because the référentiel changed it since the file was answered (`Assessment::asked_again`):
/// not « Sans réponse », as if the commune had not answered.
pub fn choice_or_changed(
    state: AppState,
    question: &str,
    choice: Option<Choice>,
    asked_again: bool,
) -> String {
    if choice.is_none() && asked_again {
        let l = state.lang.get_untracked();
        return td_string!(l, compare.question_changed).to_string();
    }
    choice_text(state, question, choice)
}

/// « 3 · Structuré », « 2 · Sous le minimum légal », « Je ne sais pas », « Non applicable » or
/// « Sans réponse ».
pub fn choice_text(state: AppState, question: &str, choice: Option<Choice>) -> String {
    // The language from `state`, not from the context: a workshop names choices once a
    // respondent's file is read, outside any component.
    let l = state.lang.get_untracked();
    match choice {
        Some(Choice::Level(level)) => level_text_in(l, state.texts(), question, level.get()),
        Some(Choice::Unknown) => td_string!(l, question.unknown).to_string(),
        Some(Choice::NotApplicable) => td_string!(l, question.not_applicable).to_string(),
        None => td_string!(l, results.no_answer).to_string(),
    }
}

/// « 4 · Intégré », « 3 · Minimum légal » or « 2 · Sous le minimum légal » on a legal duty.
pub fn level_text(texts: &content::Texts, question: &str, level: u8) -> String {
    level_text_in(crate::state::locale(), texts, question, level)
}

fn level_text_in(l: Locale, texts: &content::Texts, question: &str, level: u8) -> String {
    let name = content::framework().level_name_on(texts, question, level, legal_level_names_in(l));
    format!("{level} · {name}")
}

/// « Intégré », or on a legal duty « Minimum légal » at its minimum and « Sous le minimum
/// légal » below it.
pub fn level_name<'a>(texts: &'a content::Texts, question: &str, level: u8) -> &'a str {
    content::framework().level_name_on(texts, question, level, legal_level_names())
}

/// How a legal duty's levels up to its minimum are named, in the interface's language.
pub fn legal_level_names() -> content::LegalLevelNames<'static> {
    legal_level_names_in(crate::state::locale())
}

fn legal_level_names_in(l: Locale) -> content::LegalLevelNames<'static> {
    content::LegalLevelNames {
        below: td_string!(l, question.below_legal_minimum),
        at: td_string!(l, question.legal_minimum),
    }
}

/// « Comment ce score est calculé »: the rule in plain words, so the score is never opaque.
#[component]
fn HowComputed() -> impl IntoView {
    let l = crate::state::locale();
    let how = html! {
        h2 #how-title { (td_string!(l, results.how_title)) }
        ul.how data-testid="how-computed" {
            @for line in [
                td_string!(l, results.how_scope),
                td_string!(l, results.how_question),
                td_string!(l, results.how_pillar),
                td_string!(l, results.how_rounding),
                td_string!(l, results.how_band),
                td_string!(l, results.how_confidence),
                td_string!(l, results.how_overall),
            ] {
                li { (line) }
            }
        }
    };
    view! { <section aria-labelledby="how-title" inner_html=how.into_string()></section> }
}
