//! A chart in the page: the inline SVG, its accessible name, its data table, and downloads.

use crate::browser;
use crate::chart::{self, BAND_COLOURS, BarRow, Bars, Radar, Series};
use crate::domain::assessment::{Assessment, Level};
use crate::domain::content;
use crate::domain::scoring::{self, PillarScore};
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::state::AppState;
use leptos::prelude::*;
use maud::html;

/// « 63 · Intégré », or « non évalué » when a pillar has no level yet.
pub fn score_text(state: AppState, score: Option<u8>) -> String {
    let l = crate::state::locale();
    match score {
        Some(score) => {
            let band = scoring::band_of(score).get();
            format!(
                "{score} · {}",
                state.texts().level_name_at(usize::from(band - 1))
            )
        }
        None => td_string!(l, results.not_assessed).to_string(),
    }
}

/// « 63 · Intégré », or « 63 · à confirmer » in place of the level when the score rests on
/// fewer than half of its questions.
pub fn score_or_to_confirm(state: AppState, score: Option<u8>, to_confirm: bool) -> String {
    match score {
        Some(value) if to_confirm => to_confirm_text(value),
        value => score_text(state, value),
    }
}

/// « 63 · à confirmer »: a score resting on fewer than half of its pillar's questions.
pub fn to_confirm_text(score: u8) -> String {
    let l = crate::state::locale();
    format!("{score} · {}", td_string!(l, results.to_confirm))
}

/// A warning after a figure, such as « à confirmer : peu de réponses »: one view type for every screen.
pub fn warning_badge(text: &'static str) -> impl IntoView + use<> {
    view! { " "<span class="badge badge--warning">{text}</span> }
}

/// The name of a table's scrolling region, « Tableau : … », apart from the section around it:
/// two landmarks of one name would read as one.
pub fn table_named(l: Locale, title: &str) -> String {
    td_string!(l, shell.table_named, title = title).to_string()
}

/// « (sur 2 piliers évalués sur 6) » when the overall score leaves pillars out, so that a
/// partial number is never read as the commune's maturity.
pub fn partial_overall_text(scores: &[PillarScore]) -> Option<String> {
    let l = crate::state::locale();
    let evaluated = scoring::evaluated(scores);
    (evaluated > 0 && evaluated < scores.len()).then(|| {
        let text = crate::td_plural!(l, results.overall_partial, evaluated, of = scores.len());
        format!("({text})")
    })
}

/// « Score global : 64 / 100 · Intégré »: the number once, then what it means (« à confirmer »
/// when a pillar's score rests on too few answers), and how many pillars it covers when not all.
#[component]
pub fn OverallScore(scores: Vec<PillarScore>) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let score = scoring::overall(&scores);
    let partial = partial_overall_text(&scores);
    // Like a pillar's, a score on too few answers says « à confirmer » in place of a level.
    let level = score.map(|s| {
        if scoring::overall_to_confirm(&scores) {
            return td_string!(l, results.to_confirm).to_string();
        }
        let band = scoring::band_of(s).get();
        state
            .texts()
            .level_name_at(usize::from(band - 1))
            .to_string()
    });
    view! {
        <p class="overall-score" data-testid="overall-score">
            {td_string!(l, results.overall)}" "
            <strong>{score.map_or_else(|| "—".to_string(), |s| format!("{s} / 100"))}</strong>
            // The dot goes with the level when the line wraps on a phone.
            {level.map(|level| view! { " "<span>"· "{level}</span> })}
            {partial.map(|partial| view! { " "<span data-testid="overall-partial">{partial}</span> })}
        </p>
    }
}

/// « 3 · Structuré », or the roadmap's default target, « 4 · Intégré (par défaut) », when the
/// commune set none: the results and the roadmap never disagree on the objective.
fn target_text(state: AppState, target: Option<Level>) -> String {
    let l = crate::state::locale();
    let level = target.map_or(crate::domain::roadmap::DEFAULT_TARGET_LEVEL, Level::get);
    let text = format!(
        "{level} · {}",
        state.texts().level_name_at(usize::from(level - 1))
    );
    if target.is_some() {
        text
    } else {
        td_string!(l, results.default_target, target = text).to_string()
    }
}

/// Each pillar's target of the open assessment, as points.
fn current_targets(state: AppState) -> Vec<Option<u8>> {
    content::framework()
        .pillars
        .iter()
        .map(|p| {
            state
                .with_current(|a| a.settings(&p.id).target)
                .flatten()
                .map(Level::points)
        })
        .collect()
}

/// Each pillar's target in `assessment`, as points.
pub fn targets_of(assessment: &Assessment) -> Vec<Option<u8>> {
    content::framework()
        .pillars
        .iter()
        .map(|p| assessment.settings(&p.id).target.map(Level::points))
        .collect()
}

/// Bars for the open assessment's pillar scores, with targets.
pub fn pillar_bars(state: AppState, title: String, highlight: Option<&str>) -> Bars {
    bars_for(
        state,
        title,
        &state.scores.get(),
        &current_targets(state),
        highlight,
    )
}

/// Bars for `scores` with their `targets`; `highlight` marks one pillar.
pub fn bars_for(
    state: AppState,
    title: String,
    scores: &[PillarScore],
    targets: &[Option<u8>],
    highlight: Option<&str>,
) -> Bars {
    let l = crate::state::locale();
    let texts = state.texts();
    let rows = scores
        .iter()
        .zip(targets)
        .map(|(score, target)| {
            let name = texts.pillar_name(&score.pillar_id).to_string();
            BarRow {
                label: if highlight == Some(score.pillar_id.as_str()) {
                    format!("▸ {name}")
                } else {
                    name
                },
                score: score.score,
                // As the radar and the tables say it: a score on few answers gets no level.
                value_text: score_or_to_confirm(state, score.score, score.to_confirm()),
                target: *target,
                comparison: None,
            }
        })
        .collect();
    Bars {
        title,
        rows,
        target_label: td_string!(l, results.target).to_string(),
        comparison_label: String::new(),
    }
}

/// The radar of the open assessment, with its targets and, if chosen, an earlier assessment.
pub fn radar_of(state: AppState, title: String, comparison: Option<&Assessment>) -> Radar {
    let l = crate::state::locale();
    let mut radar = radar_for(state, title, &state.scores.get(), current_targets(state));
    radar.comparison = comparison.map(|other| Series {
        label: td_string!(
            l,
            results.compared_with,
            date = crate::browser::format_date(&other.profile.date, state.lang_code(), false)
        )
        .to_string(),
        values: scoring::score_all(content::framework(), other)
            .iter()
            .map(|s| s.score)
            .collect(),
    });
    radar
}

/// The radar of `scores` with their `targets`.
pub fn radar_for(
    state: AppState,
    title: String,
    scores: &[PillarScore],
    targets: Vec<Option<u8>>,
) -> Radar {
    let l = crate::state::locale();
    let texts = state.texts();
    Radar {
        title,
        axes: content::framework()
            .pillars
            .iter()
            .map(|p| texts.pillar_name(&p.id).to_string())
            .collect(),
        commune: Series {
            label: td_string!(l, results.this_assessment).to_string(),
            values: scores.iter().map(|s| s.score).collect(),
        },
        target: targets.iter().any(Option::is_some).then(|| Series {
            label: td_string!(l, results.target).to_string(),
            values: targets,
        }),
        comparison: None,
        not_assessed: td_string!(l, results.not_assessed).to_string(),
        to_confirm: scores.iter().map(PillarScore::to_confirm).collect(),
        to_confirm_note: td_string!(l, results.radar_to_confirm).to_string(),
    }
}

/// An inline chart with SVG and PNG downloads; `children` is its data table.
///
/// The chart is drawn at the width it is shown, so its text keeps its pixel size on a phone
/// as on a projector; the downloads use the standard size.
#[component]
pub fn ChartFigure(
    /// Draws the chart `width` pixels wide, or at its standard size for `None`.
    draw: Callback<Option<u32>, String>,
    /// Start of the downloaded files' names, read at each download: a chart that shows
    /// another pillar is named after it.
    #[prop(into)]
    file_stem: Signal<String>,
    /// Pixel size of the standard drawing, for the PNG export.
    size: (u32, u32),
    /// Test hook naming the chart.
    testid: &'static str,
    /// Title of the data table in `children`, which then scrolls in a named, focusable region;
    /// `None` for a caption that holds no table.
    #[prop(optional, into)]
    table_title: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    let l = crate::state::locale();
    let holder = NodeRef::<leptos::html::Div>::new();
    let shown_width = RwSignal::new(None::<u32>);
    let measure = move || {
        if let Some(element) = holder.get_untracked() {
            let width = element.client_width();
            if width > 0 {
                shown_width.set(Some(width as u32));
            }
        }
    };
    Effect::new(move |_| {
        if holder.get().is_some() {
            measure();
        }
    });
    let resizing = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resizing.remove());
    let download_svg = move |_| {
        let name = format!("{}.svg", file_stem.get_untracked());
        let _ = browser::download(&name, "image/svg+xml", &draw.run(None));
    };
    let download_png = move |_| {
        let (width, height) = size;
        let name = format!("{}.png", file_stem.get_untracked());
        browser::download_svg_as_png(draw.run(None), width, height, name);
    };
    view! {
        <figure class="chart" data-testid=testid>
            <div class="chart__svg" node_ref=holder inner_html=move || draw.run(shown_width.get())></div>
            <div class="chart__downloads">
                <button type="button" class="button button--small" data-testid=format!("{testid}-svg") on:click=handler(download_svg)>
                    {td_string!(l, results.download_svg)}
                </button>
                <button type="button" class="button button--small" data-testid=format!("{testid}-png") on:click=handler(download_png)>
                    {td_string!(l, results.download_png)}
                </button>
            </div>
            <figcaption>
                {match table_title {
                    // Focusable, so a keyboard user can scroll a wide table on a phone; a
                    // figcaption may take no region role, so a box inside it does.
                    Some(title) => view! {
                        <div class="chart__table" tabindex="0" role="region" aria-label=move || table_named(l, &title.get())>
                            {children()}
                        </div>
                    }.into_any(),
                    None => children().into_any(),
                }}
            </figcaption>
        </figure>
    }
}

/// The radar drawn `width` pixels wide, or at its standard size.
pub fn radar_at(radar: &Radar, width: Option<u32>) -> String {
    chart::radar_svg_at(
        radar,
        width.map_or(
            chart::RadarGeometry::STANDARD,
            chart::RadarGeometry::fitting,
        ),
    )
}

/// Bars drawn `width` pixels wide, or at their standard size.
pub fn bars_at(bars: &Bars, width: Option<u32>) -> String {
    chart::bars_svg_at(
        bars,
        width.map_or(chart::BarGeometry::STANDARD, chart::BarGeometry::fitting),
    )
}

/// The pillar scores as a table: the text alternative of the radar and bar charts. Read-only:
/// one HTML string (src/markup.rs).
#[component]
pub fn ScoresTable(
    scores: Vec<PillarScore>,
    caption: String,
    /// The territory's median per pillar, under its label, when a reference is loaded: the
    /// charts draw it, and this table gives it in words (`reference::median_column`).
    #[prop(default = None)]
    median: Option<(String, Vec<String>)>,
) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let texts = state.texts();
    // On a phone each pillar reads as a card, each cell named (`data-table--stack`): the target
    // and the questions answered were cut off at the screen's edge.
    let colon = td_string!(l, shell.colon);
    let label = move |name: &str| format!("{name}{colon}");
    let mut headers = vec![
        td_string!(l, results.col_pillar),
        td_string!(l, results.col_score),
        td_string!(l, results.col_band),
        td_string!(l, results.col_target),
        td_string!(l, results.col_completion),
    ];
    if let Some((name, _)) = &median {
        headers.push(name);
    }
    let table = html! {
        table."data-table data-table--stack" data-testid="scores-table" {
            caption { (caption) }
            (crate::markup::column_headers(&headers))
            tbody {
                @for (index, score) in scores.iter().enumerate() {
                    @let target = state.with_current(|a| a.settings(&score.pillar_id).target).flatten();
                    tr {
                        th scope="row" { (texts.pillar_name(&score.pillar_id)) }
                        td data-label=(label(td_string!(l, results.col_score))) {
                            @match score.score { Some(value) => (value), None => "—" }
                        }
                        td data-label=(label(td_string!(l, results.col_band))) {
                            @match score.band {
                                Some(band) => (texts.level_name_at(usize::from(band - 1))),
                                None => (td_string!(l, results.not_assessed)),
                            }
                        }
                        td data-label=(label(td_string!(l, results.col_target))) { (target_text(state, target)) }
                        td data-label=(label(td_string!(l, results.col_completion))) {
                            (score.answered_with_level) " / " (score.question_count)
                            @if score.to_confirm() { (crate::markup::warning_badge(td_string!(l, results.low_confidence))) }
                        }
                        @if let Some((name, values)) = &median {
                            td data-label=(label(name)) data-testid="median-cell" {
                                (values.get(index).map_or("—", String::as_str))
                            }
                        }
                    }
                }
            }
        }
    };
    view! { <div inner_html=table.into_string()></div> }
}

#[component]
pub fn BandKey(
    /// What the colours mark on this page.
    hint: String,
) -> impl IntoView {
    let state = AppState::from_context();
    let ranges = ["0–12", "13–37", "38–62", "63–87", "88–100"];
    view! {
        <p class="hint">{hint}</p>
        <ul class="band-key">
            {ranges.iter().enumerate().map(|(index, range)| {
                let colour = BAND_COLOURS[index];
                let swatch = format!("#{:02x}{:02x}{:02x}", colour.0, colour.1, colour.2);
                view! {
                    <li>
                        <span class="band-key__swatch" style:background-color=swatch aria-hidden="true"></span>
                        <strong>{reactive(move || format!("{} · {}", index + 1, state.texts().level_name_at(index)))}</strong>
                        <span>{*range}</span>
                    </li>
                }
            }).collect_any_view()}
        </ul>
    }
}
