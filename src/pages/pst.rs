//! « Pour le PST »: the roadmap arranged like the commune's PST (programme stratégique
//! transversal), as printable fiches and as a table for Excel, optionally evaluated against a
//! later assessment of the same commune. The structure and every cell come from `domain::pst`.

use crate::browser;
use crate::domain::assessment::Assessment;
use crate::domain::content;
use crate::domain::pst::{self, PstRow, PstWords};
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;
use maud::html;

/// The export's words in the interface language.
fn words() -> PstWords<'static> {
    let l = crate::state::locale();
    PstWords {
        headers: [
            td_string!(l, pst.csv.number),
            td_string!(l, pst.csv.volet),
            td_string!(l, pst.csv.strategic),
            td_string!(l, pst.csv.operational),
            td_string!(l, pst.csv.indicator),
            td_string!(l, pst.csv.current),
            td_string!(l, pst.csv.target),
            td_string!(l, pst.csv.legal),
            td_string!(l, pst.csv.action),
            td_string!(l, pst.csv.first_step),
            td_string!(l, pst.csv.owner),
            td_string!(l, pst.csv.due),
            td_string!(l, pst.csv.horizon),
            td_string!(l, pst.csv.effort),
            td_string!(l, pst.csv.cost),
            td_string!(l, pst.csv.pooled),
            td_string!(l, pst.csv.status),
            td_string!(l, pst.csv.evaluation),
        ],
        operational: td_string!(l, pst.operational_title),
        operational_legal: td_string!(l, pst.operational_title_legal),
        operational_beyond_legal: td_string!(l, pst.operational_title_beyond_legal),
        owner_to_confirm: td_string!(l, pst.owner_to_confirm),
        owner_roles: content::Owner::ALL.map(crate::pages::roadmap::owner_role_text),
        legal_levels: crate::pages::results::legal_level_names(),
        other_actions: td_string!(l, pst.other_actions),
        retired: td_string!(l, roadmap.retired_titled, title = "{title}").to_string(),
        volets: [
            td_string!(l, pst.volet_interne),
            td_string!(l, pst.volet_externe),
        ],
        horizons: [
            td_string!(l, roadmap.horizon_short),
            td_string!(l, roadmap.horizon_medium),
            td_string!(l, roadmap.horizon_long),
        ],
        efforts: [
            td_string!(l, roadmap.effort_low),
            td_string!(l, roadmap.effort_medium),
            td_string!(l, roadmap.effort_high),
        ],
        costs: [
            td_string!(l, roadmap.cost_none),
            td_string!(l, roadmap.cost_low),
            td_string!(l, roadmap.cost_medium),
            td_string!(l, roadmap.cost_high),
        ],
        yes_no: [td_string!(l, pst.yes), td_string!(l, pst.no)],
        statuses: [
            td_string!(l, pst.status_planned),
            td_string!(l, pst.status_done),
        ],
        evaluations: [
            td_string!(l, pst.reached),
            td_string!(l, pst.not_reached),
            td_string!(l, pst.not_assessed),
        ],
    }
}

/// Hands the PST structure of `assessment`, the open one, and what writing it out reads, to
/// `write`.
fn with_pst<R>(
    state: AppState,
    assessment: &Assessment,
    later: Option<&Assessment>,
    write: impl FnOnce(&pst::Pst, &PstWords, &pst::Sources) -> R,
) -> R {
    let framework = content::framework();
    // The open assessment's scores, already worked out for every screen.
    let structure = pst::build(framework, assessment, &state.scores.get_untracked());
    let action_text = move |id: &str| {
        state.action_text(id).or_else(|| {
            Some(content::ActionText {
                title: crate::pages::roadmap::retired_title(id),
                first_step: String::new(),
            })
        })
    };
    let sources = pst::Sources {
        framework,
        texts: state.texts(),
        lang: state.lang_code(),
        assessment,
        action_text: &action_text,
        later,
    };
    write(&structure, &words(), &sources)
}

/// The PST rows of `assessment`, evaluated against `later` when given.
fn rows_of(state: AppState, assessment: &Assessment, later: Option<&Assessment>) -> Vec<PstRow> {
    with_pst(state, assessment, later, pst::rows)
}

fn download_csv(state: AppState, assessment: &Assessment, later: Option<&Assessment>) {
    let text = with_pst(state, assessment, later, pst::csv);
    let name = format!(
        "{}-pst.csv",
        crate::domain::summary::file_stem(&assessment.profile, &browser::today())
    );
    let _ = browser::download(&name, "text/csv;charset=utf-8", &text);
}

#[component]
pub fn PstPage() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let Some(assessment) = state.current_untracked() else {
        return ().into_any();
    };
    let commune = assessment.profile.commune.clone();
    let date = browser::date_or_today(&assessment.profile.date, state.lang_code());
    // Every printed page names the commune and the date, and counts « page n / N ».
    let head = td_string!(l, pst.running_head, commune = commune.clone(), date = date).to_string();
    let page_rule = browser::add_print_page_rule(&head, td_string!(l, report.page));
    on_cleanup(move || browser::remove_print_page_rule(page_rule));

    // Later assessments of the same commune, latest first: what the PST's evaluation reads.
    let later_options: Vec<(String, String)> = state.workspace.with_untracked(|w| {
        let mut later: Vec<&Assessment> = w
            .others_of_same_commune(&assessment)
            .filter(|a| a.profile.date > assessment.profile.date)
            .collect();
        crate::sort::sort_by(&mut later, |a, b| b.profile.date.cmp(&a.profile.date));
        later
            .into_iter()
            .map(|a| {
                let label = format!(
                    "{} · {}",
                    a.profile.display_name(),
                    browser::format_date(&a.profile.date, state.lang_code(), false)
                );
                (a.id.clone(), label)
            })
            .collect()
    });
    // The before/after screen opens this page with the later assessment chosen.
    let hash = browser::window().location().hash().unwrap_or_default();
    let asked = Route::later_asked(&hash)
        .filter(|id| later_options.iter().any(|(option, _)| option == id))
        .map(str::to_string);
    let later_id = RwSignal::new(asked.unwrap_or_default());
    let later = move || {
        let id = later_id.get();
        state.workspace.with_untracked(|w| w.get(&id).cloned())
    };
    // Follows the open assessment, so a reworded objective shows at once.
    let rows = Memo::new(move |_| {
        let later = later();
        state
            .with_current(|a| rows_of(state, a, later.as_ref()))
            .unwrap_or_default()
    });
    let empty = rows.with_untracked(Vec::is_empty);
    if empty {
        return view! {
            <div class="page page--pst">
                <h1>{td_string!(l, pst.title, commune = commune)}</h1>
                <p class="notice notice--info" data-testid="pst-empty">{td_string!(l, pst.empty)}</p>
                <p><a class="button" href=state.href(Route::Roadmap)>{td_string!(l, pst.to_roadmap)}</a></p>
            </div>
        }
        .into_any();
    }
    let evaluation = if later_options.is_empty() {
        view! {
            <p class="hint no-print" data-testid="pst-no-later">
                {td_string!(l, pst.evaluate_missing)}
            </p>
        }
        .into_any()
    } else {
        view! {
            <div class="field no-print">
                <label for="pst-later">{td_string!(l, pst.evaluate_label)}</label>
                <select id="pst-later" data-testid="pst-later" aria-describedby="pst-later-hint"
                    on:change=handler(move |event| later_id.set(event_target_value(&event)))>
                    <option value="">{td_string!(l, pst.evaluate_none)}</option>
                    {later_options.into_iter().map(|(id, label)| {
                        let selected = later_id.get_untracked() == id;
                        view! { <option value=id selected=selected>{label}</option> }
                    }).collect_any_view()}
                </select>
                <p class="hint" id="pst-later-hint">{td_string!(l, pst.evaluate_hint)}</p>
            </div>
        }
        .into_any()
    };
    let download = move |_| {
        if let Some(assessment) = state.current_untracked() {
            download_csv(state, &assessment, later().as_ref());
        }
    };
    view! {
        <div class="page page--pst">
            <h1>{td_string!(l, pst.title, commune = commune)}</h1>
            <crate::components::not_latest::NotLatest/>
            <p class="lead">{td_string!(l, pst.lead)}</p>
            <p>{td_string!(l, pst.indicator_rule)}</p>
            <p>{td_string!(l, pst.wording_rule)}</p>
            <crate::components::obligations::DutiesLeftOut/>
            <crate::components::obligations::DutiesToVerify/>
            {evaluation}
            <div class="roadmap-tools no-print">
                <button type="button" class="button button--primary" data-testid="pst-csv" on:click=handler(download)>
                    {td_string!(l, pst.download)}
                </button>
                <button type="button" class="button" on:click=handler(move |_| browser::print())>{td_string!(l, pst.print)}</button>
                <a class="button" href=state.href(Route::Roadmap)>{td_string!(l, pst.to_roadmap)}</a>
            </div>
            {reactive(move || rows.with(|rows| view! { <Fiches rows=rows.clone() evaluated=!later_id.get().is_empty()/> }))}
        </div>
    }
    .into_any()
}

/// One section per objectif stratégique, one fiche per objectif opérationnel, its actions in
/// a table. Rows of the same objectif share its number and come together.
#[component]
fn Fiches(rows: Vec<PstRow>, evaluated: bool) -> impl IntoView {
    let mut strategic: Vec<(String, String, Vec<Vec<PstRow>>)> = Vec::new();
    for row in rows {
        let section = row.number.split('.').next().unwrap_or_default().to_string();
        if strategic
            .last()
            .is_none_or(|(number, _, _)| *number != section)
        {
            strategic.push((section, row.strategic.clone(), Vec::new()));
        }
        let fiches = &mut strategic.last_mut().expect("just pushed").2;
        match fiches.last_mut() {
            Some(fiche) if fiche[0].number == row.number => fiche.push(row),
            _ => fiches.push(vec![row]),
        }
    }
    strategic
        .into_iter()
        .map(|(number, title, fiches)| {
            // The commune's own items have no objectif opérationnel: their heading says so.
            let own = fiches.first().is_some_and(|f| f[0].operational.is_empty());
            let pillar = fiches
                .first()
                .map(|f| f[0].pillar_id.clone())
                .unwrap_or_default();
            let heading = if own {
                view! { <h2>{title.clone()}</h2> }.into_any()
            } else {
                let l = crate::state::locale();
                let words = RewordWords {
                    heading: format!(
                        "{} — {title}",
                        td_string!(l, pst.strategic, number = number.clone())
                    ),
                    label: td_string!(l, pst.reword_label, number = number.clone()),
                    // Each section has one: the number tells them apart for a screen reader.
                    aria: td_string!(l, pst.reword_aria, number = number.clone()),
                    strategic: true,
                };
                view! { <ObjectiveHeading words wording=title.clone() key=pillar/> }.into_any()
            };
            // The heading prints on the same page as its first fiche.
            let mut fiches = fiches.into_iter();
            let first = fiches
                .next()
                .map(|fiche| view! { <Fiche rows=fiche evaluated/> });
            view! {
                <section class="pst-strategic" data-testid="pst-strategic">
                    <div class="pst-strategic__head">
                        {heading}
                        {first}
                    </div>
                    {fiches.map(|fiche| view! { <Fiche rows=fiche evaluated/> }).collect_any_view()}
                </section>
            }
        })
        .collect_any_view()
}

/// The words of one « Reformuler » form: an objectif stratégique's (`h2`, keyed by its pillar)
/// or an objectif opérationnel's (`h3`, keyed by its question).
#[derive(Clone)]
struct RewordWords {
    heading: String,
    label: String,
    aria: String,
    /// An objectif stratégique, or else an objectif opérationnel.
    strategic: bool,
}

/// An objective's heading, which the commune can reword for its own PST: « Atteindre le
/// niveau 3 sur … » means little to a council. Kept with the roadmap under `key`.
#[component]
fn ObjectiveHeading(words: RewordWords, wording: String, key: String) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let editing = RwSignal::new(false);
    let testid = if words.strategic {
        "pst-reword"
    } else {
        "pst-op-reword"
    };
    let input_id = format!("{testid}-{key}");
    let heading_id = StoredValue::new(format!("{testid}-heading-{key}"));
    let focus_input = StoredValue::new(input_id.clone());
    // The page is drawn again once a wording is saved: this one is the saved wording.
    let saved = StoredValue::new(wording.clone());
    let draft = RwSignal::new(wording);
    let key = StoredValue::new(key);
    // Closing the form, the keyboard goes back to the heading, which a screen reader then
    // reads in its new words.
    let close = move || {
        editing.set(false);
        let id = heading_id.get_value();
        crate::browser::focus_after_frame(id);
    };
    // Cancelled, the words typed are dropped: opened again, the form shows the saved ones.
    let cancel = move || {
        draft.set(saved.get_value());
        close();
    };
    let save = move |wording: String| {
        state.update_current(move |a, now| {
            key.with_value(|k| a.set_strategic_objective(k, &wording, now));
        });
        close();
    };
    let open = move || {
        editing.set(true);
        let id = focus_input.get_value();
        crate::browser::focus_after_frame(id);
    };
    let RewordWords {
        heading,
        label,
        aria,
        strategic,
    } = words;
    let heading = if strategic {
        view! { <h2 id=heading_id.get_value() tabindex="-1">{heading}</h2> }.into_any()
    } else {
        view! { <h3 id=heading_id.get_value() tabindex="-1">{heading}</h3> }.into_any()
    };
    view! {
        {heading}
        {reactive(move || if editing.get() {
            view! {
                <form class="pst-reword no-print" data-testid=format!("{testid}-form") on:submit=handler(move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    save(draft.get_untracked());
                }) on:keydown=handler(move |ev: leptos::ev::KeyboardEvent| {
                    // Échap cancels, as « Annuler » does.
                    if ev.key() == "Escape" {
                        cancel();
                    }
                })>
                    <label for=input_id.clone()>{label.clone()}</label>
                    <input id=input_id.clone() type="text" maxlength="200" prop:value=move || draft.get()
                        data-testid=format!("{testid}-input") on:input=handler(move |ev| draft.set(event_target_value(&ev)))/>
                    <div class="confirm-box__actions">
                        <button type="submit" class="button button--primary" data-testid=format!("{testid}-save")>{td_string!(l, pst.reword_save)}</button>
                        <button type="button" class="button" data-testid=format!("{testid}-reset") on:click=handler(move |_| save(String::new()))>{td_string!(l, pst.reword_reset)}</button>
                        <button type="button" class="button" on:click=handler(move |_| cancel())>{td_string!(l, pst.reword_cancel)}</button>
                    </div>
                </form>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="button button--small no-print" data-testid=testid
                    aria-label=aria.clone() on:click=handler(move |_| open())>
                    {td_string!(l, pst.reword)}
                </button>
            }
            .into_any()
        })}
    }
}

#[component]
fn Fiche(rows: Vec<PstRow>, evaluated: bool) -> impl IntoView {
    let l = crate::state::locale();
    let first = rows[0].clone();
    let dash = |text: &str| {
        if text.is_empty() {
            "—".to_string()
        } else {
            text.to_string()
        }
    };
    let heading = (!first.operational.is_empty()).then(|| {
        let number = first.number.clone();
        let words = RewordWords {
            heading: format!("{} — {}", td_string!(l, pst.operational, number = number.clone()), first.operational),
            label: td_string!(l, pst.reword_label_operational, number = number.clone()),
            aria: td_string!(l, pst.reword_aria_operational, number = number),
            strategic: false,
        };
        // Read-only but for the heading's editor: the rest is an HTML string (src/markup.rs).
        let facts = html! {
            p.pst-fiche__tags {
                span.chip { (first.volet) }
                @if !first.legal.is_empty() { " " span."chip chip--legal" data-testid="pst-legal" { (td_string!(l, pst.csv.legal)) } }
            }
            dl.pst-fiche__facts {
                @if !first.legal.is_empty() {
                    dt { (td_string!(l, pst.legal_basis)) }
                    dd data-testid="pst-legal-basis" { (first.legal) }
                }
                dt { (td_string!(l, pst.indicator)) }
                dd data-testid="pst-indicator" { (first.indicator) }
                dt { (td_string!(l, pst.current)) }
                dd { @if first.current_level.is_empty() { (td_string!(l, pst.no_level)) } @else { (first.current_level) } }
                dt { (td_string!(l, pst.target)) }
                dd { (first.target_level) }
                @if evaluated {
                    dt { (td_string!(l, pst.evaluation)) }
                    dd data-testid="pst-evaluation" { (first.evaluation) }
                }
            }
        };
        view! {
            <ObjectiveHeading words wording=first.operational.clone() key=first.question_id.clone()/>
            <div inner_html=facts.into_string()></div>
        }
    });
    // Each fiche's table is its own landmark: named after its objective, not all « Action ».
    let table_label = if first.operational.is_empty() {
        td_string!(l, pst.csv.action).to_string()
    } else {
        format!("{} — {}", td_string!(l, pst.csv.action), first.operational)
    };
    // « Responsable : » before a stacked cell, as the other stacked tables write it.
    let colon = td_string!(l, shell.colon);
    let label = move |name: &str| format!("{name}{colon}");
    let table = html! {
        div.table-scroll tabindex="0" role="region" aria-label=(table_label) {
            // On a phone each action reads as a card, each cell named: the owner and the due
            // date were off the screen's edge.
            table."pst-actions data-table--stack" {
                (crate::markup::column_headers(&[
                    td_string!(l, pst.csv.action),
                    td_string!(l, pst.csv.first_step),
                    td_string!(l, pst.csv.owner),
                    td_string!(l, pst.csv.due),
                    td_string!(l, pst.csv.horizon),
                    td_string!(l, pst.csv.effort),
                    td_string!(l, pst.csv.cost),
                ]))
                tbody {
                    @for row in &rows {
                        tr {
                            th scope="row" {
                                (row.action)
                                // Only the poolable ones are marked: a column of « non » said little.
                                @if row.pooled == td_string!(l, pst.yes) {
                                    span."chip pst-actions__pooled" { (td_string!(l, pst.csv.pooled)) }
                                }
                                // As the roadmap, the report and the CSV say it: a done action
                                // must not read as still to do on the printed fiche.
                                @if row.status == td_string!(l, pst.status_done) {
                                    span."chip chip--done" data-testid="pst-done" { (td_string!(l, roadmap.done)) }
                                }
                            }
                            td data-label=(label(td_string!(l, pst.csv.first_step))) { (row.first_step) }
                            td data-label=(label(td_string!(l, pst.csv.owner))) data-testid="pst-owner" { (dash(&row.owner)) }
                            td data-label=(label(td_string!(l, pst.csv.due))) { (dash(&row.due)) }
                            td data-label=(label(td_string!(l, pst.csv.horizon))) { (row.horizon) }
                            td data-label=(label(td_string!(l, pst.csv.effort))) { (dash(&row.effort)) }
                            td data-label=(label(td_string!(l, pst.csv.cost))) { (dash(&row.cost)) }
                        }
                    }
                }
            }
        }
    };
    view! {
        <article class="pst-fiche" data-testid="pst-fiche">
            {heading}
            <div inner_html=table.into_string()></div>
        </article>
    }
}
