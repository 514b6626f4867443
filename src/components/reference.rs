//! « Comparer à la référence Charleroi Métropole »: the territorial reference a commune loads
//! from a file IGRETEC sends, kept in this browser, and read on the results and in the report.

use crate::browser;
use crate::chart::{Bars, Radar, Series};
use crate::domain::content;
use crate::domain::reference::{self, CarriedOver, MedianCell, Reached, Reference, ReferenceError};
use crate::erased::{handler, reactive};
use crate::i18n::*;
use crate::state::AppState;
use leptos::prelude::*;

/// The reference kept in this browser, if it still reads for this version of the questionnaire.
pub fn kept_reference() -> Option<Reference> {
    let json = crate::storage::reference_file()?;
    reference::parse(content::framework(), json.as_bytes()).ok()
}

/// The territory's median under its label, as a column of the scores table: a cell whose
/// median counts fewer communes than the label gives its own count, and an empty one says why.
pub fn median_column(reference: &Reference) -> (String, Vec<String>) {
    let l = crate::state::locale();
    let cells = reference
        .median_cells()
        .into_iter()
        .map(|cell| match cell {
            MedianCell::Median {
                median,
                fewer: None,
            } => median.to_string(),
            MedianCell::Median {
                median,
                fewer: Some(communes),
            } => td_string!(
                l,
                results.median_fewer,
                median = median,
                communes = communes
            )
            .to_string(),
            MedianCell::LeftOut => td_string!(l, results.median_left_out).to_string(),
            MedianCell::TooFew => td_string!(l, results.median_too_few).to_string(),
        })
        .collect();
    (median_label(reference), cells)
}

/// « Médiane Charleroi Métropole (30 communes) »: the charts' legend and the column's header.
fn median_label(reference: &Reference) -> String {
    let l = crate::state::locale();
    td_string!(
        l,
        results.reference_median,
        territory = reference.territory.clone(),
        communes = reference.communes
    )
    .to_string()
}

/// The territory's median, as a second series for the charts.
fn median_series(reference: &Reference) -> Series {
    Series {
        label: median_label(reference),
        values: reference.medians(),
    }
}

/// Draws the territory's median as the charts' second series.
pub fn overlay_median(reference: &Reference, radar: &mut Radar, bars: &mut Bars) {
    let median = median_series(reference);
    for (row, value) in bars.rows.iter_mut().zip(&median.values) {
        row.comparison = *value;
    }
    bars.comparison_label = median.label.clone();
    radar.comparison = Some(median);
}

/// Beside the commune's answer at `level`, how many communes of the territory reached the
/// level it is compared with (`reference::compared_level`).
pub fn territory_text(reference: &Reference, question: &str, level: u8) -> Option<String> {
    let l = crate::state::locale();
    let (compared, minimum) = reference::compared_level(content::framework(), question, level);
    let what = if minimum {
        td_string!(l, results.reached_minimum, level = compared)
    } else {
        td_string!(l, results.reached_level, level = compared)
    };
    Some(reached_text(
        reference.reached(question, compared)?,
        what.to_string(),
    ))
}

/// « 12 communes sur 30 ont atteint le niveau 3 », or the range the file allows when some
/// levels were too few to show: « entre 7 et 9 », « au plus 2 »; « non publié » when that
/// range is every commune.
fn reached_text(reached: Reached, what: String) -> String {
    let l = crate::state::locale();
    let of = reached.of;
    let count = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
    match reached.exact() {
        Some(n) => crate::td_plural!(l, results.reached, count(n), of = of, level = what),
        None if reached.unknown() => td_string!(l, results.reached_unknown).to_string(),
        None if reached.at_least == 0 => crate::td_plural!(
            l,
            results.reached_at_most,
            count(reached.at_most),
            of = of,
            level = what
        ),
        None => td_string!(
            l,
            results.reached_between,
            least = reached.at_least,
            most = reached.at_most,
            of = of,
            level = what
        ),
    }
}

/// Takes the locale: it is called after the file is read, outside any reactive owner.
fn error_text(l: Locale, error: &ReferenceError) -> String {
    match error {
        ReferenceError::TooFewCommunes { .. } => td_string!(
            l,
            results.reference_too_few,
            minimum = reference::MIN_COMMUNES
        )
        .to_string(),
        ReferenceError::TooLarge { .. } => td_string!(l, results.reference_too_large).to_string(),
        ReferenceError::NotAReference => td_string!(l, results.reference_not_one).to_string(),
        ReferenceError::Newer { .. } => td_string!(l, results.reference_newer).to_string(),
        ReferenceError::OtherFramework { found, current } => td_string!(
            l,
            results.reference_other_framework,
            found = found.clone(),
            current = current.clone()
        )
        .to_string(),
        ReferenceError::TooOld { found } => {
            td_string!(l, results.reference_too_old, found = found.clone()).to_string()
        }
        ReferenceError::Invalid => td_string!(l, results.reference_invalid).to_string(),
    }
}

/// What a reference of an earlier référentiel lost on the way, in the interface language.
fn carried_text(l: Locale, carried: &CarriedOver) -> String {
    let mut text = td_string!(
        l,
        results.reference_carried,
        found = carried.from_version.clone()
    )
    .to_string();
    if carried.questions_left_out > 0 {
        text.push(' ');
        text.push_str(&crate::td_plural!(
            l,
            results.reference_carried_questions,
            carried.questions_left_out
        ));
    }
    if !carried.pillars_left_out.is_empty() {
        let texts = AppState::from_context().texts();
        let pillars: Vec<&str> = carried
            .pillars_left_out
            .iter()
            .map(|id| texts.pillar_name(id))
            .collect();
        text.push(' ');
        text.push_str(&td_string!(
            l,
            results.reference_carried_pillars,
            pillars = pillars.join(", ")
        ));
    }
    text
}

/// `2026-06` as `06/2026`.
fn month_text(month: &str) -> String {
    match month.split_once('-') {
        Some((year, month)) => format!("{month}/{year}"),
        None => month.to_string(),
    }
}

/// Loads a reference file, says what it holds, and takes it away again.
#[component]
pub fn ReferencePicker(reference: RwSignal<Option<Reference>>) -> impl IntoView {
    let l = crate::state::locale();
    let error = RwSignal::new(None::<String>);
    let territory = crate::domain::settings::OPERATOR.territory;
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = browser::files_of(input.files()).into_iter().next() else {
            return;
        };
        // Choosing the same file again must work too.
        input.set_value("");
        wasm_bindgen_futures::spawn_local(async move {
            let Some(bytes) = browser::read_file(&file).await else {
                error.set(Some(
                    td_string!(l, results.reference_unreadable).to_string(),
                ));
                return;
            };
            match reference::parse(content::framework(), &bytes) {
                Ok(loaded) => {
                    // Kept for the report and the next visit; in this page only if refused.
                    crate::storage::set_reference_file(Some(&String::from_utf8_lossy(&bytes)));
                    error.set(None);
                    reference.set(Some(loaded));
                }
                // A refused file replaces nothing: say the one loaded before still counts.
                Err(refused) => {
                    let mut text = error_text(l, &refused);
                    if reference.with_untracked(Option::is_some) {
                        text.push(' ');
                        text.push_str(td_string!(l, results.reference_kept));
                    }
                    error.set(Some(text));
                }
            }
        });
    };
    let remove = move |_| {
        crate::storage::set_reference_file(None);
        reference.set(None);
        // A refusal that said the old reference still counts is over, and the button that had
        // the focus is gone: the keyboard goes on from the file picker.
        error.set(None);
        request_animation_frame(|| browser::focus("reference-input"));
    };
    view! {
        <section class="reference no-print" aria-labelledby="reference-title">
            <h2 id="reference-title">{td_string!(l, results.reference_title)}</h2>
            // What is loaded, or what to load: the file input's description either way.
            {reactive(move || match reference.get() {
                Some(loaded) => view! {
                    <p id="reference-about" data-testid="reference-loaded">
                        {td_string!(l, results.reference_loaded,
                            territory = loaded.territory.clone(),
                            communes = loaded.communes,
                            from = month_text(&loaded.from),
                            to = month_text(&loaded.to))}
                    </p>
                    {loaded.carried_over.as_ref().map(|carried| view! {
                        <p class="hint" data-testid="reference-carried">{carried_text(l, carried)}</p>
                    })}
                }
                .into_any(),
                None => view! { <p class="hint" id="reference-about">{td_string!(l, results.reference_hint)}</p> }.into_any(),
            })}
            // Next year's reference replaces the loaded one in one step; a refused file keeps it.
            <div>
                <input id="reference-input" class="visually-hidden-input" type="file" accept=".json,application/json"
                    data-testid="reference-input" aria-describedby="reference-about" on:change=handler(on_change)/>
                {reactive(move || if reference.with(Option::is_some) {
                    view! {
                        <label for="reference-input" class="button" data-testid="reference-replace">{td_string!(l, results.reference_replace)}</label>" "
                        <button type="button" class="button" data-testid="reference-remove" on:click=handler(remove)>
                            {td_string!(l, results.reference_remove)}
                        </button>
                    }
                    .into_any()
                } else {
                    view! { <label for="reference-input" class="button">{td_string!(l, results.reference_pick, territory = territory)}</label> }.into_any()
                })}
            </div>
            {reactive(move || error.get().map(|text| view! {
                <p class="notice notice--error" role="alert" data-testid="reference-error">{text}</p>
            }))}
        </section>
    }
}
