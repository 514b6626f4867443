//! Several respondents of one commune: where they disagree, and a consolidated assessment
//! the group adjusts and keeps.

use crate::browser;
use crate::components::chart_figure::warning_badge;
use crate::components::file_drop::FileDrop;
use crate::components::import::{backup_error_message, error_message, read_summary};
use crate::domain::assessment::{Assessment, Choice, Level};
use crate::domain::consolidation::{self, Admission};
use crate::domain::content;
use crate::domain::stored::{self, Workshop};
use crate::domain::summary;
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::pages::projector::SlideDeck;
use crate::pages::results::{choice_or_changed, choice_text, level_text};
use crate::route::Route;
use crate::state::AppState;
use autodiag_core::LiteMap;
use leptos::prelude::*;

/// A respondent's file: a summary, or the copy of their answers that the results' copy button
/// saves, which respondents bring as often. A copy may hold every assessment of its browser:
/// the workshop takes one of them (`consolidation::respondent_in_copy`).
fn read_respondent(l: Locale, bytes: &[u8], loaded: &[Assessment]) -> Result<Assessment, String> {
    let framework = content::framework();
    // A participant's file may have been opened and saved again. Stamped with when the file
    // was saved (`summary::import`), so that a person's later file is told from an earlier one
    // whatever order they are picked in.
    match summary::import(framework, bytes, browser::new_id(), &browser::now_iso()) {
        Ok(imported) => Ok(imported.assessment),
        Err(summary::ImportError::Backup) => {
            match stored::decode_backup(&String::from_utf8_lossy(bytes)) {
                Ok(copy) => {
                    let mut assessment = consolidation::respondent_in_copy(&copy, loaded)
                        .cloned()
                        .ok_or_else(|| {
                            td_string!(l, consolidate.copy_without_answers).to_string()
                        })?;
                    // As an import reads it: under this référentiel, and apart from the copy
                    // this browser may hold of the same answers.
                    assessment.apply_content_migrations(framework);
                    assessment.id = browser::new_id();
                    Ok(assessment)
                }
                Err(error) => Err(backup_error_message(l, &error).to_string()),
            }
        }
        Err(error) => Err(error_message(l, &error)),
    }
}

#[component]
pub fn ConsolidatePage() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    // A workshop's work survives leaving the page, « Précédent » and a reload in this tab.
    let kept = crate::storage::workshop();
    let respondents = RwSignal::new(kept.respondents);
    let decisions = RwSignal::new(kept.decisions);
    // The synthesis's name as typed, kept with the workshop: empty for the default.
    let group_name = RwSignal::new(kept.name);
    provide_context(WorkshopDecisions(decisions));
    // A workshop whose tab was closed before it was saved is offered, never opened unasked,
    // and its copy is not overwritten until the facilitator takes it up or erases it.
    let unsaved = respondents
        .with_untracked(Vec::is_empty)
        .then(crate::storage::unsaved_workshop)
        .flatten();
    let offered = RwSignal::new(unsaved.is_some());
    // A browser that cannot keep it (storage off or full) loses it with the tab or a reload:
    // the facilitator is told to save the consolidation before leaving the page.
    let unkept = RwSignal::new(false);
    // While this tab holds a workshop it says so every few seconds: a second tab opened during
    // the workshop then does not take it up, and the group's choices never split in two.
    // `said`: whether this tab said so last, read when the page goes, after its signals may.
    use std::sync::atomic::Ordering::Relaxed;
    let said = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let beat = {
        let said = said.clone();
        move || {
            let holds = respondents
                .try_with_untracked(|r| !r.is_empty())
                .unwrap_or(false)
                && offered.try_get_untracked() == Some(false);
            if holds {
                crate::storage::mark_workshop_open();
            } else if said.load(Relaxed) {
                crate::storage::mark_workshop_closed();
            }
            said.store(holds, Relaxed);
        }
    };
    beat();
    Effect::new({
        let beat = beat.clone();
        move |_| {
            let workshop = Workshop {
                respondents: respondents.get(),
                decisions: decisions.get(),
                name: group_name.get(),
            };
            let kept = crate::storage::set_workshop(&workshop, !offered.get_untracked());
            unkept.set(!kept && !workshop.respondents.is_empty());
            // Said at once, not at the next beat: a tab opened a second later knows.
            beat();
        }
    });
    let heartbeat = set_interval_with_handle(beat, crate::storage::WORKSHOP_HEARTBEAT).ok();
    let closed = move |said: &std::sync::atomic::AtomicBool| {
        if said.swap(false, Relaxed) {
            crate::storage::mark_workshop_closed();
        }
    };
    let leaving = {
        let said = said.clone();
        window_event_listener(leptos::ev::pagehide, move |_| closed(&said))
    };
    on_cleanup(move || {
        if let Some(heartbeat) = heartbeat {
            heartbeat.clear();
        }
        leaving.remove();
        closed(&said);
    });
    let errors = RwSignal::new(Vec::<String>::new());
    let notices = RwSignal::new(Vec::<String>::new());
    // Every respondent goes through the same door: another commune or a second copy of the
    // same person is refused with the reason, never mixed in.
    let admit = move |assessment: Assessment, file: Option<String>| {
        let admission = respondents.with_untracked(|r| consolidation::admit(r, &assessment));
        let l = state.lang.get_untracked();
        match &admission {
            Admission::Admitted => {
                revisit_after_arrival(state, decisions, &assessment, None, notices)
            }
            Admission::Replaces { index, .. } => {
                let earlier = respondents.with_untracked(|r| r.get(*index).cloned());
                revisit_after_arrival(state, decisions, &assessment, earlier.as_ref(), notices);
            }
            _ => {}
        }
        let refusal = match admission {
            Admission::Admitted => {
                respondents.update(|r| r.push(assessment));
                return;
            }
            Admission::Replaces { index, label } => {
                let source = file.unwrap_or_else(|| assessment.profile.display_name());
                respondents.update(|r| r[index] = assessment);
                let notice = td_string!(l, consolidate.replaces, who = label);
                notices
                    .update(|n| n.push(format!("{source}{}{notice}", td_string!(l, shell.colon))));
                return;
            }
            Admission::OtherCommune { theirs, ours } => {
                td_string!(l, consolidate.other_commune, theirs = theirs, ours = ours).to_string()
            }
            Admission::AlreadyLoaded { label } => {
                td_string!(l, consolidate.already_loaded, who = label).to_string()
            }
            Admission::CountedIn { person, synthesis } => td_string!(
                l,
                consolidate.counted_in,
                person = person,
                synthesis = synthesis
            )
            .to_string(),
        };
        let source = file.unwrap_or_else(|| assessment.profile.display_name());
        errors.update(|e| e.push(format!("{source}{}{refusal}", td_string!(l, shell.colon))));
    };
    let load = move |files: Vec<web_sys::File>| {
        // An offered workshop is taken up or erased first: work beside it had no copy, and its
        // own copy would be overwritten once this one was kept.
        if offered.get_untracked() {
            return;
        }
        errors.set(Vec::new());
        notices.set(Vec::new());
        let l = state.lang.get_untracked();
        // One after another, in the order picked: the respondents' order (the table's columns,
        // a note's « réponses : 1, 4 ») must not depend on which file the browser read first.
        wasm_bindgen_futures::spawn_local(async move {
            for file in files {
                let name = file.name();
                let result = match read_summary(l, &file).await {
                    Err(message) => Err(message),
                    Ok(bytes) => respondents.with_untracked(|loaded| {
                        read_respondent(l, &summary::as_utf8(&bytes), loaded)
                    }),
                };
                match result {
                    Ok(assessment) => admit(assessment, Some(name)),
                    Err(message) => errors.update(|e| {
                        e.push(format!("{name}{}{message}", td_string!(l, shell.colon)))
                    }),
                }
            }
        });
    };
    let local: Vec<(String, String)> = state.workspace.with_untracked(|w| {
        w.assessments
            .iter()
            .map(|a| {
                let who = if a.profile.respondent_name.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", a.profile.respondent_name)
                };
                (
                    a.id.clone(),
                    format!(
                        "{} · {}{who}",
                        a.profile.commune,
                        crate::browser::format_date(&a.profile.date, state.lang_code(), false)
                    ),
                )
            })
            .collect()
    });
    let add_local = move |id: String| {
        if offered.get_untracked() {
            return;
        }
        errors.set(Vec::new());
        notices.set(Vec::new());
        if let Some(a) = state.workspace.with_untracked(|w| w.get(&id).cloned()) {
            admit(a, None);
        }
    };
    let is_loaded = move |id: &str| respondents.with(|r| r.iter().any(|a| a.id == id));
    let has_local = !local.is_empty();
    view! {
        <div class="page page--consolidate">
            <h1>{td_string!(l, nav.consolidate)}</h1>
            <p class="lead">{td_string!(l, consolidate.lead)}</p>
            <section class="card no-print" aria-labelledby="respondents-title">
                <h2 id="respondents-title" tabindex="-1">{td_string!(l, consolidate.respondents_title)}</h2>
                <UnsavedWorkshop unsaved offered respondents decisions group_name errors/>
                <div hidden=move || offered.get() data-testid="consolidate-loading">
                <FileDrop
                    input_id="consolidate-files"
                    testid="consolidate-input"
                    label=td_string!(l, consolidate.choose).to_string()
                    // « or add those in this browser: » only when there are some to add.
                    hint=if has_local { td_string!(l, consolidate.or_local).to_string() } else { String::new() }
                    on_files=Callback::new(load)
                />
                <ul class="local-list">
                    {local.into_iter().map(|(id, label)| {
                        let loaded_id = id.clone();
                        view! {
                            <li>{label}" "
                                <button type="button" class="button button--small" data-testid="consolidate-add-local"
                                    disabled=move || is_loaded(&loaded_id)
                                    on:click=handler(move |_| add_local(id.clone()))>
                                    {let loaded_id = id.clone(); move || if is_loaded(&loaded_id) { td_string!(l, consolidate.added) } else { td_string!(l, consolidate.add) }}
                                </button>
                            </li>
                        }
                    }).collect_any_view()}
                </ul>
                </div>
                <div role="alert">
                    <ul class="import-results" data-testid="consolidate-errors">
                        {reactive(move || errors.get().into_iter().map(|e| view! { <li class="import-results__error">{e}</li> }).collect_any_view())}
                        {reactive(move || notices.get().into_iter().map(|n| view! { <li class="import-results__warn" data-testid="consolidate-replaced">{n}</li> }).collect_any_view())}
                    </ul>
                </div>
                // Above the respondents' list, where it is read right after loading them.
                {reactive(move || unkept.get().then(|| view! {
                    <p class="notice notice--warning" role="alert" data-testid="workshop-unkept">{td_string!(l, consolidate.unkept)}</p>
                }))}
                <LoadedRespondents respondents/>
            </section>
            {reactive(move || {
                let list = respondents.get();
                if list.len() < 2 {
                    view! { <p class="hint" data-testid="consolidate-need">{crate::td_plural!(l, consolidate.need_two, list.len())}</p> }.into_any()
                } else {
                    view! { <Consolidation respondents=list group_name/> }.into_any()
                }
            })}
        </div>
    }
}

/// « Un atelier non enregistré est gardé… »: the commune and who answered, to take the workshop
/// up again (in place of any respondents loaded since) or erase it.
#[component]
fn UnsavedWorkshop(
    unsaved: Option<Workshop>,
    offered: RwSignal<bool>,
    respondents: RwSignal<Vec<Assessment>>,
    decisions: Chosen,
    /// The synthesis's name as typed, which comes back with the workshop.
    group_name: RwSignal<String>,
    /// Where the page says why « Reprendre » found nothing.
    errors: RwSignal<Vec<String>>,
) -> impl IntoView {
    let l = crate::state::locale();
    // « Reprendre » takes up the workshop it names, not another tab's since.
    let offered_ids: Vec<String> = unsaved
        .iter()
        .flat_map(|w| w.respondents.iter().map(|a| a.id.clone()))
        .collect();
    let offered_ids = StoredValue::new(offered_ids);
    let text = unsaved.map(|workshop| {
        let who = workshop
            .respondents
            .iter()
            .enumerate()
            .map(|(index, a)| consolidation::respondent_label(a, index))
            .collect::<Vec<_>>()
            .join(", ");
        let commune = &workshop.respondents[0].profile.commune;
        td_string!(l, consolidate.unsaved, commune = commune, who = who).to_string()
    });
    let confirming = RwSignal::new(false);
    // Still open in another tab: taken up here too, the two copies would part ways.
    let elsewhere = crate::storage::workshop_open_elsewhere();
    // The notice goes: focus goes to the section it was in, and its title is read.
    let settle = move || {
        offered.set(false);
        request_animation_frame(|| browser::focus("respondents-title"));
    };
    text.map(|text| {
        move || {
            offered.get().then(|| view! {
                <div class="notice notice--info" data-testid="workshop-unsaved">
                    <p>{text.clone()}</p>
                    // Erasing asks first: one click would have lost the group's choices.
                    {reactive(move || if elsewhere {
                        view! { <p data-testid="workshop-elsewhere">{td_string!(l, consolidate.unsaved_elsewhere)}</p> }.into_any()
                    } else if confirming.get() {
                        view! {
                            <p role="alert">{td_string!(l, consolidate.discard_confirm)}</p>
                            <div class="notice__actions">
                                <button type="button" class="button button--danger button--small" data-testid="workshop-discard-yes"
                                    on:click=handler(move |_| {
                                        settle();
                                        crate::storage::end_workshop();
                                    })>
                                    {td_string!(l, consolidate.discard_yes)}
                                </button>
                                <button type="button" class="button button--small" id="workshop-discard-no"
                                    on:click=handler(move |_| confirming.set(false))>
                                    {td_string!(l, consolidate.discard_no)}
                                </button>
                            </div>
                        }
                        .into_any()
                    } else {
                        view! {
                            <div class="notice__actions">
                                <button type="button" class="button button--primary button--small" data-testid="workshop-resume"
                                    on:click=handler(move |_| {
                                        settle();
                                        let same = |w: &Workshop| offered_ids.with_value(|ids| w.respondents.iter().map(|a| &a.id).eq(ids.iter()));
                                        match crate::storage::unsaved_workshop().filter(same) {
                                            Some(workshop) => {
                                                // The choices first: the table reads them as it is drawn.
                                                decisions.set(workshop.decisions);
                                                group_name.set(workshop.name);
                                                respondents.set(workshop.respondents);
                                            }
                                            None => errors.set(vec![td_string!(l, consolidate.unsaved_gone).to_string()]),
                                        }
                                    })>
                                    {td_string!(l, consolidate.resume)}
                                </button>
                                <button type="button" class="button button--small" data-testid="workshop-discard"
                                    on:click=handler(move |_| {
                                        confirming.set(true);
                                        request_animation_frame(|| browser::focus("workshop-discard-no"));
                                    })>
                                    {td_string!(l, consolidate.discard)}
                                </button>
                            </div>
                        }
                        .into_any()
                    })}
                </div>
            })
        }
    })
}

/// « Répondants chargés (3) »: who is in the consolidation, each with « Retirer ».
#[component]
fn LoadedRespondents(respondents: RwSignal<Vec<Assessment>>) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let kept = use_context::<WorkshopDecisions>();
    view! {
        {reactive(move || {
            let list = respondents.get();
            let out_of_time = consolidation::out_of_time(&list);
            (!list.is_empty()).then(|| view! {
                <h3 data-testid="loaded-title">{td_string!(l, consolidate.loaded_title, count = list.len())}</h3>
                <ul class="loaded-respondents" data-testid="loaded-respondents">
                    {list.into_iter().enumerate().map(|(index, a)| {
                        let id = a.id.clone();
                        let who = consolidation::respondent_label(&a, index);
                        let date = browser::format_date(&a.profile.date, state.lang_code(), false);
                        // A synthesis loaded again says whose it is.
                        let people = crate::pages::report::participants_text(l, &a.profile)
                            .map(|people| format!(" — {people}"));
                        view! {
                            <li data-testid="loaded-respondent">
                                <span>{who.clone()}{people}" · "{date}</span>" "
                                // A predecessor's file from another year, picked up from the
                                // Downloads folder, would weigh in silently.
                                {out_of_time[index].then(|| view! { <span class="badge badge--warning" data-testid="out-of-time">{td_string!(l, consolidate.out_of_time)}</span>" " })}
                                <button type="button" class="button button--small button--danger"
                                    aria-label=td_string!(l, consolidate.remove_who, who = who)
                                    on:click=handler(move |_| {
                                        respondents.update(|r| r.retain(|x| x.id != id));
                                        // Everyone removed: the next workshop starts afresh.
                                        if respondents.with_untracked(Vec::is_empty) {
                                            crate::storage::end_workshop();
                                            if let Some(WorkshopDecisions(kept)) = kept {
                                                kept.set(LiteMap::new_vec());
                                            }
                                        }
                                        // The button is gone with its line: the keyboard goes to
                                        // the respondents' heading, which says who is left.
                                        request_animation_frame(|| browser::focus("respondents-title"));
                                    })>
                                    {td_string!(l, consolidate.remove)}
                                </button>
                            </li>
                        }
                    }).collect_any_view()}
                </ul>
            })
        })}
    }
}

fn choice_value(choice: Option<Choice>) -> String {
    choice.map(Choice::form_value).unwrap_or_default()
}

type Chosen = RwSignal<LiteMap<String, Option<Choice>>>;

/// A respondent joining after the group settled questions they answer otherwise: those go
/// back to « À décider », and the facilitator is told which, with what was retained, so the
/// room hears the newcomer rather than keep a decision taken without them.
///
/// Called once a file is read, outside any component: everything it writes reads the
/// language from `state`, not from the context.
fn revisit_after_arrival(
    state: AppState,
    decisions: Chosen,
    newcomer: &Assessment,
    earlier: Option<&Assessment>,
    notices: RwSignal<Vec<String>>,
) {
    let l = state.lang.get_untracked();
    let framework = content::framework();
    let texts = state.texts();
    let revisit: Vec<(&str, Option<Choice>)> = decisions.with_untracked(|d| {
        consolidation::settled_before_arrival(framework, d, newcomer, earlier)
            .into_iter()
            .map(|q| (q, d.get(q).copied().flatten()))
            .collect()
    });
    if revisit.is_empty() {
        return;
    }
    decisions.update(|d| {
        for (question, _) in &revisit {
            d.remove(*question);
        }
    });
    const NAMED: usize = 4;
    let mut listed: Vec<String> = revisit
        .iter()
        .take(NAMED)
        .map(|&(question, retained)| {
            td_string!(
                l,
                consolidate.revisit_item,
                question = texts.question(question).title.clone(),
                retained = choice_text(state, question, retained),
                theirs = choice_text(state, question, newcomer.choice(question))
            )
            .to_string()
        })
        .collect();
    if revisit.len() > NAMED {
        listed.push(crate::td_plural!(
            l,
            import.more_answers,
            revisit.len() - NAMED
        ));
    }
    let who = newcomer
        .profile
        .respondent_label()
        .unwrap_or_else(|| newcomer.profile.display_name());
    notices.update(|n| {
        n.push(crate::td_plural!(
            l,
            consolidate.revisit,
            revisit.len(),
            who = who,
            list = listed.join(td_string!(l, shell.list_separator))
        ))
    });
}

/// The levels the group chose, question by question, whoever is loaded: kept with the
/// workshop in the tab, and over any later change of respondents.
#[derive(Clone, Copy)]
struct WorkshopDecisions(Chosen);

/// The joint answer to `question` as a select, on the table and on the discussion's slides
/// alike: either one follows a choice made on the other. With a proposal, « — » (no answer)
/// is not offered: a group that cannot settle a question says « je ne sais pas ». A question
/// to discuss (`to_settle`) the group has not settled reads « À décider (proposition : …) »,
/// so that choosing the proposal itself settles it, and choosing « À décider » again unsettles
/// it; saved unsettled, it keeps the proposal.
fn decision_select(
    chosen: Chosen,
    question: &str,
    id: String,
    proposed: Option<Choice>,
    to_settle: bool,
) -> AnyView {
    let l = crate::state::locale();
    let state = AppState::from_context();
    let texts = state.texts();
    let mut values: Vec<(String, String)> = Vec::new();
    if proposed.is_none() {
        values.push((String::new(), "—".to_string()));
    }
    values.extend(Level::all().map(|level| {
        (
            level.get().to_string(),
            level_text(texts, question, level.get()),
        )
    }));
    values.push((
        "unknown".into(),
        td_string!(l, question.unknown).to_string(),
    ));
    // As in the questionnaire: a duty that binds every commune is never « non applicable ».
    if content::framework().offers_not_applicable(question) {
        values.push((
            "na".into(),
            td_string!(l, question.not_applicable).to_string(),
        ));
    }
    // The level's number only: the options below name each level, and the whole name made
    // the table's last column 360 px wide, past a 1366 px screen with five respondents.
    let pending = to_settle.then(|| {
        let proposal = match proposed {
            Some(Choice::Level(level)) => level.get().to_string(),
            other => choice_text(state, question, other),
        };
        td_string!(l, consolidate.pending, proposal = proposal).to_string()
    });
    let (read, write) = (question.to_string(), question.to_string());
    let kept = use_context::<WorkshopDecisions>().map(|WorkshopDecisions(kept)| kept);
    view! {
        <select id=id
            prop:value=move || {
                if to_settle && decided(kept, &read).is_none() {
                    PENDING.to_string()
                } else {
                    chosen.with(|c| choice_value(c.get(&read).copied().flatten()))
                }
            }
            on:change=handler(move |ev| {
                let raw = event_target_value(&ev);
                // « À décider » again takes the decision back: the proposal stands, unsettled.
                let settled = raw != PENDING;
                let value = if settled { Choice::from_form_value(&raw) } else { proposed };
                settle(chosen, kept, &write, value, settled);
            })>
            {pending.map(|text| view! { <option value=PENDING>{text}</option> })}
            {values.into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_any_view()}
        </select>
    }
    .into_any()
}

/// Writes the joint answer to `question`, and records it as the group's decision when
/// `settled`; otherwise the decision is taken back and `value`, the proposal, stands.
fn settle(
    chosen: Chosen,
    kept: Option<Chosen>,
    question: &str,
    value: Option<Choice>,
    settled: bool,
) {
    chosen.update(|c| {
        c.insert(question.to_string(), value);
    });
    if let Some(kept) = kept {
        kept.update(|k| {
            if settled {
                k.insert(question.to_string(), value);
            } else {
                k.remove(question);
            }
        });
    }
}

#[component]
fn Consolidation(
    respondents: Vec<Assessment>,
    /// The synthesis's name as the facilitator typed it, kept with the workshop.
    group_name: RwSignal<String>,
) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let framework = content::framework();
    let texts = state.texts();
    let spreads = consolidation::compare(framework, &respondents);
    // The room settles answers, not the commune's figures: those that differ are named.
    let profile_differs = {
        let fields: Vec<&str> = consolidation::profile_differences(&respondents)
            .into_iter()
            .map(|field| match field {
                consolidation::ProfileField::Population => {
                    td_string!(l, consolidate.profile_fields.population)
                }
                consolidation::ProfileField::DigitalStaff => {
                    td_string!(l, consolidate.profile_fields.staff)
                }
                consolidation::ProfileField::DigitalBudget => {
                    td_string!(l, consolidate.profile_fields.budget)
                }
                consolidation::ProfileField::DigitalStrategy => {
                    td_string!(l, consolidate.profile_fields.strategy)
                }
            })
            .collect();
        (!fields.is_empty()).then(|| {
            td_string!(
                l,
                consolidate.profile_differs,
                fields = fields.join(td_string!(l, shell.list_separator))
            )
            .to_string()
        })
    };
    // The median priority decides the roadmap's focus pillars: pillars set far apart are named
    // before the synthesis is saved, for the room to settle.
    let priorities_differ = {
        let pillars: Vec<&str> = consolidation::priority_differences(framework, &respondents)
            .into_iter()
            .map(|pillar| texts.pillar_name(pillar))
            .collect();
        (!pillars.is_empty()).then(|| {
            td_string!(
                l,
                consolidate.priorities_differ,
                pillars = pillars.join(td_string!(l, shell.list_separator))
            )
            .to_string()
        })
    };
    // The synthesis drafts its own roadmap: owners and due dates someone chose are named
    // before they are left behind.
    let edited_roadmaps = {
        let who = consolidation::edited_roadmaps(&respondents);
        let names = who.join(td_string!(l, shell.list_separator));
        match who.len() {
            0 => None,
            1 => Some(td_string!(
                l,
                consolidate.edited_roadmaps.singular,
                who = names
            )),
            _ => Some(td_string!(
                l,
                consolidate.edited_roadmaps.plural,
                who = names
            )),
        }
    };
    // The group's earlier choices stand; the others start from the proposed level.
    let earlier_choices = use_context::<WorkshopDecisions>()
        .map(|WorkshopDecisions(kept)| kept.get_untracked())
        .unwrap_or_default();
    let chosen = RwSignal::new(crate::sort::ordered_map(spreads.iter().map(|s| {
        // « — » is offered only without a proposal (`decision_select`).
        let decision = earlier_choices
            .get(&s.question_id)
            .copied()
            .flatten()
            .or(s.proposed);
        (s.question_id.clone(), decision)
    })));
    let labels: Vec<String> = respondents
        .iter()
        .enumerate()
        .map(|(i, r)| consolidation::respondent_label(r, i))
        .collect();
    // Each question to discuss: its title and what each respondent answered, for the list;
    // for the workshop's slides, each answer once with who chose it and what that level says,
    // so that a slide of eight respondents still fits the screen.
    let colon = td_string!(l, shell.colon);
    let stored_respondents = &respondents;
    // A file answered before the référentiel changed a question has no answer to it, but its
    // note recalls the one set aside: the room must not hear that this person did not answer.
    let asked_again: Vec<Vec<String>> = respondents
        .iter()
        .map(|r| {
            r.asked_again(framework)
                .into_iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    let asked_again = StoredValue::new(asked_again);
    let answer_text = move |question: &str, who: &[usize], choice: Option<Choice>| {
        let changed = !who.is_empty()
            && asked_again.with_value(|a| {
                who.iter()
                    .all(|&i| a.get(i).is_some_and(|q| q.iter().any(|id| id == question)))
            });
        choice_or_changed(state, question, choice, changed)
    };
    // The commune's network operator in the level texts, as its questionnaire shows them: a
    // slide read « suit avec {grd} ».
    let grd = respondents
        .first()
        .and_then(|r| framework.grd_of(&r.profile.commune));
    // Duties at stake and the widest spreads first: the group may not reach the last slide.
    let discussion: Vec<Discussed> = consolidation::discussion_order(&spreads)
        .into_iter()
        .map(|i| &spreads[i])
        .map(|s| {
            let question = texts.questions.get(&s.question_id);
            let level_texts: Vec<String> = question
                .map(|q| {
                    q.levels
                        .iter()
                        .map(|text| content::with_grd(text, texts, grd).into_owned())
                        .collect()
                })
                .unwrap_or_default();
            let answers = s
                .choices
                .iter()
                .zip(&labels)
                .enumerate()
                .map(|(i, (c, who))| {
                    format!("{who}{colon}{}", answer_text(&s.question_id, &[i], *c))
                })
                .collect();
            let groups = s
                .by_choice()
                .into_iter()
                .map(|(c, who)| {
                    let names: Vec<&str> = who.iter().map(|&i| labels[i].as_str()).collect();
                    let says = c
                        .and_then(Choice::level)
                        .and_then(|level| level_texts.get(usize::from(level.get()) - 1).cloned())
                        .unwrap_or_default();
                    DiscussedAnswer {
                        value: c,
                        choice: answer_text(&s.question_id, &who, c),
                        who: names.join(td_string!(l, shell.list_separator)),
                        says,
                    }
                })
                .collect();
            let notes = stored_respondents
                .iter()
                .zip(&labels)
                .filter_map(|(r, who)| {
                    let note =
                        consolidation::note_for_slide(framework, r.note(&s.question_id), 160);
                    (!note.is_empty()).then(|| format!("{who}{colon}{note}"))
                })
                .collect();
            Discussed {
                question_id: s.question_id.clone(),
                proposed: s.proposed,
                proposal: td_string!(
                    l,
                    consolidate.slide_proposal,
                    proposal = choice_text(state, &s.question_id, s.proposed)
                )
                .to_string(),
                proposal_short: td_string!(
                    l,
                    consolidate.slide_proposal,
                    proposal = match s.proposed {
                        Some(Choice::Level(level)) => level.get().to_string(),
                        other => choice_text(state, &s.question_id, other),
                    }
                )
                .to_string(),
                pillar: framework
                    .pillar_of(&s.question_id)
                    .map_or_else(String::new, |p| texts.pillar_name(&p.id).to_string()),
                title: question.map_or_else(String::new, |q| q.title.clone()),
                answers,
                groups,
                notes,
                duty: settle_warning(l, s),
                level_texts,
            }
        })
        .collect();
    // Projecting when the tab was reloaded (a clicker's F5): the room gets its slide back.
    let projecting = RwSignal::new(
        crate::storage::projected_slide()
            .is_some_and(|question| discussion.iter().any(|d| d.question_id == question)),
    );
    // Named as a group everywhere (« Courcelles — synthèse de 3 répondants »), never like
    // one of its respondents.
    let people: usize = respondents
        .iter()
        .map(|r| consolidation::weight(r) as usize)
        .sum();
    let default_name = crate::td_plural!(l, consolidate.synthesis, people);
    // The default until the facilitator types one, and again if the field is emptied.
    let name = move || {
        Some(group_name.get_untracked())
            .filter(|typed| !typed.trim().is_empty())
            .unwrap_or_else(|| crate::td_plural!(l, consolidate.synthesis, people))
    };
    let commune = respondents[0].profile.commune.clone();
    // Every screen puts the commune before the synthesis's name: typed again, it would show twice.
    let name_hint = td_string!(
        l,
        consolidate.name_hint,
        commune = commune.clone(),
        name = default_name
    );
    // The proposals count a synthesis loaded again as its people: the rule says so.
    let weighs_more = respondents.iter().any(|r| r.profile.is_synthesis());
    let stored = StoredValue::new(respondents);
    // Each question the group discussed, with what each person answered: the note says how it
    // was settled, which the respondents' own notes may contradict.
    let discussed = StoredValue::new(
        spreads
            .iter()
            .filter(|s| s.to_discuss())
            .map(|s| (s.question_id.clone(), s.choices.clone()))
            .collect::<Vec<_>>(),
    );
    // Which questions the group settled, rather than left at the proposal.
    let settled_by_group = use_context::<WorkshopDecisions>().map(|WorkshopDecisions(kept)| kept);
    let save = move || {
        let today = browser::today();
        let chosen = chosen.get_untracked();
        let mut assessment = stored.with_value(|r| {
            consolidation::consolidate(
                framework,
                r,
                &chosen,
                browser::new_id(),
                name(),
                &today,
                &browser::now_iso(),
            )
        });
        let short = |question: &str, respondent: usize, choice: Option<Choice>| match choice {
            Some(Choice::Level(level)) => level.get().to_string(),
            other => answer_text(question, &[respondent], other),
        };
        // Who answered what: IGRETEC and the collège read the note without the table.
        let who: Vec<String> = stored.with_value(|r| {
            r.iter()
                .enumerate()
                .map(|(i, a)| consolidation::respondent_label(a, i))
                .collect()
        });
        let lines: Vec<(String, String)> = discussed.with_value(|d| {
            d.iter()
                .map(|(question, choices)| {
                    let answers: Vec<String> = choices
                        .iter()
                        .zip(&who)
                        .enumerate()
                        // As the discussion slide writes it; a long name and role are cut,
                        // so the line leaves the respondents' notes their room.
                        .map(|(i, (c, who))| {
                            format!(
                                "{}{colon}{}",
                                crate::domain::format::truncate_chars(who, 40),
                                short(question, i, *c)
                            )
                        })
                        .collect();
                    let date = browser::format_date(&today, state.lang_code(), false);
                    let choice =
                        choice_text(state, question, chosen.get(question).copied().flatten());
                    let answers = answers.join(" ; ");
                    // A proposal nobody took up must not read as the group's decision.
                    let settled = settled_by_group.is_none_or(|kept| {
                        kept.with_untracked(|k| k.contains_key(question.as_str()))
                    });
                    let line = if settled {
                        td_string!(
                            l,
                            consolidate.workshop_note,
                            date = date,
                            choice = choice,
                            answers = answers
                        )
                    } else {
                        td_string!(
                            l,
                            consolidate.workshop_note_unsettled,
                            date = date,
                            choice = choice,
                            answers = answers
                        )
                    };
                    (question.clone(), line.to_string())
                })
                .collect()
        });
        consolidation::record_workshop(&mut assessment, &lines);
        let saves = state.saves.get_untracked();
        let id = state.add(assessment);
        state.open(&id);
        state.navigate(Route::Results);
        // Once the storage effect has stored the synthesis, the workshop is done: coming back
        // does not offer to save it a second time. A storage that refused it keeps the
        // workshop, for another try once there is room.
        // A task, not an animation frame: it comes after the effect, even in a hidden tab.
        set_timeout(
            move || {
                if state.saves.get_untracked() != saves && !state.quota_exceeded.get_untracked() {
                    crate::storage::end_workshop();
                }
            },
            std::time::Duration::ZERO,
        );
    };
    let decisions = use_context::<WorkshopDecisions>().map(|WorkshopDecisions(kept)| kept);
    // The questions on the slides, which the group may settle.
    let to_settle: Vec<String> = discussion.iter().map(|d| d.question_id.clone()).collect();
    let rows = spreads
        .iter()
        .map(|s| {
            let question = s.question_id.clone();
            let select_id = format!("consolidated-{question}");
            let testid = format!("spread-{question}");
            let title = texts.questions.get(&question).map_or_else(String::new, |q| q.title.clone());
            // Each person's note under their answer: often the reason for it, which the group
            // reads before settling the question.
            let notes: Vec<String> = stored.with_value(|r| r.iter().map(|r| r.note(&question).trim().to_string()).collect());
            let cells = s.choices.iter().zip(notes).enumerate().map(|(i, (c, note))| view! {
                <td>
                    {answer_text(&question, &[i], *c)}
                    {(!note.is_empty()).then(|| view! { <span class="consolidate-note" data-testid="respondent-note">{note}</span> })}
                </td>
            }).collect_any_view();
            view! {
                <tr class:disagree=s.to_discuss() data-testid=testid>
                    <th scope="row"><label for=select_id.clone()>{title}</label></th>
                    {cells}
                    <td>
                        {s.spread.map_or_else(|| "—".to_string(), |d| d.to_string())}
                        // Settled by the group, it is no longer to discuss: what is left stands out.
                        {let (to_discuss, question) = (s.to_discuss(), question.clone());
                         move || (to_discuss && decided(decisions, &question).is_none()).then(|| warning_badge(td_string!(l, consolidate.discuss)))}
                    </td>
                    <td>
                        {decision_select(chosen, &question, select_id, s.proposed, s.to_discuss())}
                        {settle_warning(l, s).map(warning_badge)}
                    </td>
                </tr>
            }
        })
        .collect_any_view();
    view! {
        <section aria-labelledby="discuss-title">
            <h2 id="discuss-title">{td_string!(l, consolidate.discuss_title)}</h2>
            <p data-testid="disagreement-count">{crate::td_plural!(l, consolidate.disagreements, discussion.len(), commune = commune)}</p>
            {(!discussion.is_empty()).then(|| view! {
                <p class="no-print">
                    <button type="button" class="button" id="project-discussion" data-testid="project-discussion" on:click=handler(move |_| {
                        projecting.set(true);
                        request_animation_frame(|| browser::focus("discussion-next"));
                    })>
                        {td_string!(l, consolidate.project)}
                    </button>
                </p>
            })}
            <ul data-testid="disagreements">
                {discussion.iter().map(|d| {
                    // Once the group has settled it, the list says what it kept.
                    let question = d.question_id.clone();
                    let retained = move || retained_text(decisions, &question).map(|text| format!(" — {text}"));
                    view! {
                        <li>{d.title.clone()}" — "{d.answers.join(td_string!(l, shell.list_separator))}<strong data-testid="retained">{retained}</strong></li>
                    }
                }).collect_any_view()}
            </ul>
            {reactive(move || projecting.get().then(|| view! { <DiscussionSlides slides=discussion.clone() projecting chosen save=Callback::new(move |()| save())/> }))}
        </section>
        <section aria-labelledby="table-title">
            <h2 id="table-title">{td_string!(l, consolidate.table_title)}</h2>
            <p class="hint">
                {td_string!(l, consolidate.median_rule)}
                {weighs_more.then(|| view! { " " {td_string!(l, consolidate.synthesis_weight)} })}
            </p>
            <div class="table-scroll consolidate-scroll" tabindex="0" role="region" aria-label=crate::components::chart_figure::table_named(l, td_string!(l, consolidate.table_title))>
                <table class="data-table consolidate-table" data-testid="consolidate-table">
                    <caption class="visually-hidden">{td_string!(l, consolidate.table_title)}</caption>
                    <thead><tr>
                        <th scope="col">{td_string!(l, results.col_question)}</th>
                        {labels.iter().map(|who| view! { <th scope="col">{who.clone()}</th> }).collect_any_view()}
                        <th scope="col">{td_string!(l, consolidate.spread)}</th>
                        <th scope="col">{td_string!(l, consolidate.decision)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            // Saved now, an unsettled question keeps its proposal: the facilitator knows it
            // before the room leaves.
            {reactive(move || match to_settle.iter().filter(|q| decided(decisions, q).is_none()).count() {
                0 => None,
                count => Some(view! { <p class="notice notice--info" data-testid="unsettled">{crate::td_plural!(l, consolidate.unsettled, count)}</p> }),
            })}
            {profile_differs.map(|text| view! { <p class="notice notice--info" data-testid="profile-differs">{text}</p> })}
            {priorities_differ.map(|text| view! { <p class="notice notice--warning" data-testid="priorities-differ">{text}</p> })}
            {edited_roadmaps.map(|text| view! { <p class="notice notice--warning" data-testid="edited-roadmaps">{text}</p> })}
            <div class="inline-form">
                <div class="field">
                    <label for="consolidated-name">{td_string!(l, consolidate.name_label)}</label>
                    <p class="field__hint" id="consolidated-name-hint">{name_hint}</p>
                    <input id="consolidated-name" type="text" maxlength=crate::domain::profile::MAX_NAME_CHARS aria-describedby="consolidated-name-hint"
                        prop:value=name() on:input=handler(move |ev| group_name.set(event_target_value(&ev)))/>
                </div>
                <button type="button" class="button button--primary" data-testid="save-consolidated" on:click=handler(move |_| save())>
                    {td_string!(l, consolidate.save)}
                </button>
            </div>
        </section>
    }
}

/// A question to discuss, in its table and slide selects, before the group settles it.
const PENDING: &str = "pending";

/// What the group settled for `question`, if it has.
fn decided(decisions: Option<Chosen>, question: &str) -> Option<Choice> {
    decisions?.with(|kept| kept.get(question).copied().flatten())
}

/// « Réponse retenue : … » once the group has settled `question`, for the list to discuss, the
/// table and the slide.
fn retained_text(decisions: Option<Chosen>, question: &str) -> Option<String> {
    let choice = decided(decisions, question)?;
    let l = crate::state::locale();
    Some(format!(
        "{}{}{}",
        td_string!(l, consolidate.retained),
        td_string!(l, shell.colon),
        choice_text(AppState::from_context(), question, Some(choice))
    ))
}

/// A question the respondents answered two levels apart or more: each one's answer, and
/// each answer given with who gave it.
#[derive(Clone)]
struct Discussed {
    question_id: String,
    proposed: Option<Choice>,
    /// « Proposition : 2 · Exploratoire », for the room while the group has not settled it.
    proposal: String,
    /// « Proposition : 2 », where folded notes share its line: the level's name is on the
    /// answer it matches, and the whole line still fits a 4:3 projector.
    proposal_short: String,
    /// The question's pillar: thirty slides in a row do not say it otherwise.
    pillar: String,
    title: String,
    answers: Vec<String>,
    groups: Vec<DiscussedAnswer>,
    /// Each respondent's note, « Karim : Pas de DPO depuis mars… », cut to fit the slide:
    /// often the reason for an answer, which the group needs to settle it.
    notes: Vec<String>,
    /// Why the group must settle it whatever the spread (see [`settle_warning`]).
    duty: Option<&'static str>,
    /// What each level says, with the commune's network operator named.
    level_texts: Vec<String>,
}

/// Why the group must settle a question whatever its spread: a legal duty one respondent says
/// is unmet (why the proposal is the lowest answer), or a question some say does not concern
/// the commune while others gave a level.
fn settle_warning(l: Locale, spread: &consolidation::QuestionSpread) -> Option<&'static str> {
    if spread.unmet_duty {
        Some(td_string!(l, consolidate.unmet_duty))
    } else if spread.applicability_disputed && spread.duty {
        Some(td_string!(l, consolidate.duty_not_applicable))
    } else if spread.applicability_disputed {
        Some(td_string!(l, consolidate.not_applicable_disputed))
    } else {
        None
    }
}

/// « 4 · Intégré », who chose it, and what that level says.
#[derive(Clone)]
struct DiscussedAnswer {
    value: Option<Choice>,
    choice: String,
    who: String,
    says: String,
}

/// The questions to discuss one at a time, in the projector's large type, for the workshop's
/// screen: the keys of the projector mode (← → Home End, Échap to leave).
#[component]
fn DiscussionSlides(
    slides: Vec<Discussed>,
    projecting: RwSignal<bool>,
    /// The joint answers: the group settles each question on its slide.
    chosen: Chosen,
    /// Saves the synthesis, from the last slide as from under the table.
    save: Callback<()>,
) -> impl IntoView {
    let l = crate::state::locale();
    let colon = td_string!(l, shell.colon);
    let count = slides.len();
    let leave = move || {
        projecting.set(false);
        browser::focus("project-discussion");
    };
    let deck = SlideDeck::new(count, leave);
    // On the window, not the dialog: after a click on the slide's text focus is on the page,
    // and Tab must still come back into the dialog rather than reach the table beneath.
    let tab = window_event_listener(leptos::ev::keydown, |ev| {
        if ev.key() == "Tab" {
            browser::keep_tab_inside("discussion", &ev);
        }
    });
    on_cleanup(move || tab.remove());
    let (index, go) = (deck.index, move |delta| deck.go(delta));
    // Notes opened under a small group's answers may still push them past a 720p screen, with
    // long roles or levels: once the slide is laid out, they move, folded, to the pillar's
    // line, where they take no height. Folded in place, their own line was still below the
    // screen, and the room never learnt they existed.
    let notes_up = RwSignal::new(false);
    let fold_if_overflowing = move || {
        request_animation_frame(move || {
            if browser::overflows("[data-testid=discussion-slide]") {
                notes_up.set(true);
            }
        });
    };
    Effect::new(move |_| {
        index.track();
        notes_up.set(false);
        fold_if_overflowing();
    });
    let decisions = use_context::<WorkshopDecisions>().map(|WorkshopDecisions(kept)| kept);
    // A level nobody gave adds « Réponse retenue » under the title, which can push the notes
    // below a 720p screen too.
    Effect::new(move |_| {
        if let Some(kept) = decisions {
            kept.track();
            fold_if_overflowing();
        }
    });
    // Reloaded while projecting, the slides come back where they were. Opened again after a
    // look at the table, they take up where the group stopped: the first question it has not
    // settled (Début goes back to the first).
    let projected = crate::storage::projected_slide().and_then(|question| {
        slides
            .iter()
            .position(|slide| slide.question_id == question)
    });
    if let Some(at) = projected {
        index.set(at);
    } else if let Some(kept) = decisions {
        let first_open = kept.with_untracked(|kept| {
            slides
                .iter()
                .position(|slide| kept.get(&slide.question_id).copied().flatten().is_none())
        });
        index.set(first_open.unwrap_or(0));
    }
    let slides = StoredValue::new(slides);
    // A digit settles the question from anywhere on the slide: the focus is usually on
    // « Suivante », and only « Niveau retenu » took digits, two of which within a second
    // were lost to its type-ahead (a facilitator's walk).
    let digits = window_event_listener(leptos::ev::keydown, move |event| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() || browser::in_text_field(&event)
        {
            return;
        }
        // By the key's place, not its character: on a Belgian AZERTY keyboard the digit row
        // types « & é " ' ( » without Shift.
        let code = event.code();
        let Some(level) = code
            .strip_prefix("Digit")
            .or_else(|| code.strip_prefix("Numpad"))
            .and_then(|digit| digit.parse::<u8>().ok())
            .and_then(Level::new)
        else {
            return;
        };
        let question =
            slides.with_value(|slides| slides[index.get_untracked()].question_id.clone());
        settle(
            chosen,
            decisions,
            &question,
            Some(Choice::Level(level)),
            true,
        );
        event.prevent_default();
    });
    on_cleanup(move || digits.remove());
    Effect::new(move |_| {
        let at = index.get();
        slides.with_value(|slides| {
            crate::storage::set_projected_slide(slides.get(at).map(|s| s.question_id.as_str()))
        });
    });
    // Left, the slides are not projected again by a later reload.
    on_cleanup(|| crate::storage::set_projected_slide(None));
    // Read again from the last slide, inside the view that holds one slide by reference.
    let every_slide = slides;
    view! {
        <div class="projector projector--overlay" id="discussion" role="dialog" aria-modal="true" aria-labelledby="discussion-question" data-testid="discussion-slides">
            <div class="projector__bar">
                <span class="projector__counter" data-testid="discussion-counter" aria-live="polite">
                    {reactive(move || td_string!(l, consolidate.slide_counter, index = index.get() + 1, count = count))}
                </span>
                <span class="projector__hint" data-testid="discussion-keys">{td_string!(l, consolidate.discussion_keys)}</span>
                <span>
                    // At the deck's ends they do nothing, and say so without losing the focus.
                    <button type="button" class="button button--small" id="discussion-previous" on:click=handler(move |_| go(-1))
                        aria-disabled=move || (index.get() == 0).to_string()>{td_string!(l, projector.previous)}</button>
                    " "
                    <button type="button" class="button button--small" id="discussion-next" on:click=handler(move |_| go(1))
                        aria-disabled=move || (index.get() + 1 == count).to_string()>{td_string!(l, projector.next)}</button>
                    " "
                    <crate::components::fullscreen::FullscreenButton target="discussion"/>
                    " "
                    <button type="button" class="button button--small" data-testid="leave-discussion" on:click=handler(move |_| leave())>{td_string!(l, projector.leave)}</button>
                </span>
                // What the group settles, set where the discussion happens; the table follows.
                <span class="projector__decision">
                    <label for="discussion-decision">{td_string!(l, consolidate.decision)}</label>" "
                    {reactive(move || slides.with_value(|slides| {
                        let slide = &slides[index.get()];
                        decision_select(chosen, &slide.question_id, "discussion-decision".into(), slide.proposed, true)
                    }))}
                </span>
            </div>
            {reactive(move || slides.with_value(|slides| {
                let slide = &slides[index.get()];
                view! {
                    <section class="projector__slide" data-testid="discussion-slide">
                        {let open = slide.groups.len() < 4 && slide.notes.len() <= 3 && !notes_up.get();
                         // Open after the answers for a small group; for a large one, whose
                         // answers already fill a 720p screen, folded on the pillar's line, where
                         // it takes no height: always in sight, opened when needed.
                         let notes = (!slide.notes.is_empty()).then(|| view! {
                            <details class="projector__notes" data-testid="discussion-notes" open=open>
                                <summary>{td_string!(l, consolidate.notes, count = slide.notes.len())}</summary>
                                <ul>{slide.notes.iter().map(|note| view! { <li>{note.clone()}</li> }).collect_any_view()}</ul>
                            </details>
                         });
                         let (folded, below) = if open { (None, notes) } else { (notes, None) };
                         view! {
                        <div class="projector__slide-head">
                            <p class="eyebrow projector__discussed-pillar" data-testid="discussion-pillar">{slide.pillar.clone()}</p>
                            // Until the group settles it, the room sees the proposal the
                            // facilitator's select holds, on the pillar's line: no line of its own.
                            {let question = slide.question_id.clone();
                             let proposal = if folded.is_some() { slide.proposal_short.clone() } else { slide.proposal.clone() };
                             reactive(move || decided(decisions, &question).is_none()
                                .then(|| view! { <p class="projector__proposal" data-testid="discussion-proposal">{proposal.clone()}</p> }))}
                            {folded}
                        </div>
                        <h2 id="discussion-question">{slide.title.clone()}</h2>
                        // On the slide itself, the room sees what it has just settled: the answer
                        // it kept is marked, or, for a level nobody gave, said under the title.
                        {let (question, given, level_texts) = (slide.question_id.clone(), slide.groups.iter().map(|g| g.value).collect::<Vec<_>>(), slide.level_texts.clone());
                         move || retained_text(decisions, &question)
                            .filter(|_| !given.contains(&decided(decisions, &question)))
                            .map(|text| {
                                // What that level says, which no answer on the slide shows: the
                                // room chose « 3 » without reading what 3 means (a walk).
                                let says = decided(decisions, &question).and_then(Choice::level).and_then(|level| {
                                    level_texts.get(usize::from(level.get()) - 1).cloned()
                                });
                                view! {
                                    <p class="projector__retained" data-testid="discussion-retained">{text}</p>
                                    {says.map(|says| view! { <p class="projector__says" data-testid="discussion-retained-says">{says}</p> })}
                                }
                            })}
                        {slide.duty.map(|text| view! { <p class="projector__duty">{warning_badge(text)}</p> })}
                        <ul class="projector__answers">
                            {slide.groups.iter().map(|answer| {
                                let (question, value) = (slide.question_id.clone(), answer.value);
                                let kept = move || value.is_some() && decided(decisions, &question) == value;
                                let marked = kept.clone();
                                view! {
                                    <li class:projector__kept=kept>
                                        {reactive(move || marked().then(|| view! { <span class="projector__kept-mark" data-testid="discussion-kept">{td_string!(l, consolidate.retained)}</span> }))}
                                        <strong>{answer.choice.clone()}</strong>{colon}{answer.who.clone()}<p class="projector__says">{answer.says.clone()}</p>
                                    </li>
                                }
                            }).collect_any_view()}
                        </ul>
                        {below}
                        // At the last question, the facilitator saves the joint answers from
                        // here, told first which questions are still open.
                        {(index.get() + 1 == count).then(|| view! {
                            <p class="projector__last" data-testid="discussion-last">
                                {reactive(move || {
                                    let open: Vec<String> = every_slide.with_value(|all| all.iter()
                                        .filter(|slide| decided(decisions, &slide.question_id).is_none())
                                        .map(|slide| format!("« {} »", slide.title))
                                        .collect());
                                    if open.is_empty() {
                                        return td_string!(l, consolidate.last_slide).to_string();
                                    }
                                    // Three titles at most: the slide's answers must stay in sight.
                                    let short = crate::domain::projector::shortlist(&open, 3);
                                    let mut list = short.shown.join(td_string!(l, shell.list_separator));
                                    if short.more > 0 {
                                        list = format!("{list} {}", crate::td_plural!(l, import.more_answers, short.more));
                                    }
                                    crate::td_plural!(l, consolidate.last_slide_open, open.len(), list = list)
                                })}
                                " "
                                <button type="button" class="button button--primary button--small" data-testid="discussion-save"
                                    on:click=handler(move |_| save.run(()))>{td_string!(l, consolidate.save)}</button>
                            </p>
                        })}
                         }}
                    </section>
                }
            }))}
        </div>
    }
}
