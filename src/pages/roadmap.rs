//! The starter roadmap: focus pillars, then actions by horizon, which the commune can edit.

use crate::components::glossary::Acronyms;
use crate::components::hand_over::SaveForIgretec;
use crate::domain::assessment::Choice;
use crate::domain::content::{self, ActionKind, CostBand, Effort, Horizon};
use crate::domain::roadmap::{
    self, EditError, ItemField, ItemOrigin, ItemStatus, LaterReason, Reason, Roadmap, RoadmapItem,
};
use crate::domain::scoring::{HowToConfirm, PillarScore};
use crate::domain::stored::{TypedFields, UnsavedRoadmapEdits};
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::pages::results::level_text;
use crate::state::AppState;
use autodiag_core::LiteMap;
use leptos::prelude::*;

fn redraft(state: AppState) {
    let scores = state.scores.get_untracked();
    state.update_current(|a, now| {
        let mut draft = roadmap::draft(content::framework(), a, &scores);
        // What the commune did stays done: only its edits go.
        if let Some(earlier) = &a.roadmap {
            draft.keep_done_of(earlier);
        }
        if a.roadmap.as_ref() != Some(&draft) {
            a.roadmap = Some(draft);
            a.touch(now);
        }
    });
}

/// Applies an edit to the open assessment's roadmap.
fn edit(state: AppState, change: impl FnOnce(&mut Roadmap)) {
    state.update_current(|a, now| {
        if let Some(roadmap) = a.roadmap.as_mut() {
            change(roadmap);
            a.touch(now);
        }
    });
}

#[component]
pub fn RoadmapPage() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let Some(assessment) = state.current_untracked() else {
        return ().into_any();
    };
    let texts = state.texts();
    keep_unsaved_edits_of(
        &assessment.id,
        assessment.roadmap.as_ref().unwrap_or(&Roadmap::default()),
    );
    let (drafted_focus, drafted_later) =
        roadmap::choose_focus(&assessment, &state.scores.get_untracked());
    let focus_ids: Vec<String> = drafted_focus.iter().map(|f| f.pillar_id.clone()).collect();
    // Edits on this page change the items; the focus only changes on a redraft, which
    // redraws the whole page.
    let roadmap = Memo::new(move |_| {
        state
            .with_current(|a| a.roadmap.clone())
            .flatten()
            .unwrap_or_default()
    });
    // Every item's reasons come from the same answers and roadmap: worked out once per change.
    let reasons = Memo::new(move |_| roadmap.with(|r| reasons_by_item(state, r)));
    let confirming = RwSignal::new(false);
    // The item last removed, with its place, until « Annuler » or the next removal.
    let removed = RwSignal::new(None::<(usize, RoadmapItem)>);
    provide_context(removed);
    let moved = MovedNotice(RwSignal::new(None));
    provide_context(moved);
    let redraft_now = move || {
        confirming.set(false);
        state.update_current(|a, _| {
            if let Some(r) = a.roadmap.as_mut() {
                r.edited = false;
            }
        });
        // A new draft: editors left open on the old one do not open again on it.
        change_unsaved_edits(|edits| edits.items.clear());
        redraft(state);
        state.redraw();
    };
    // Only the box's own « Régénérer » confirms: the toolbar's button, pressed again while the
    // box is open, asks again rather than throwing the commune's edits away.
    let regenerate = move |_| {
        // Text typed in an open editor and not yet saved would go too: ask as for saved edits.
        let typing = UNSAVED_EDITS.with_borrow(|edits| {
            edits
                .items
                .iter()
                .any(|(_, fields)| fields.iter().any(Option::is_some))
        });
        if typing || roadmap.with_untracked(|r| r.edited) {
            confirming.set(true);
            // The question takes the focus, so a keyboard or screen reader user meets it.
            request_animation_frame(|| crate::browser::focus("regenerate-title"));
            return;
        }
        redraft_now();
    };
    let keep_roadmap = move || {
        confirming.set(false);
        crate::browser::focus("regenerate");
    };
    let has_answers = state
        .scores
        .get_untracked()
        .iter()
        .any(|p| p.score.is_some());
    if !has_answers {
        return view! {
            <div class="page page--roadmap">
                <h1>{td_string!(l, roadmap.title, commune = assessment.profile.commune.clone())}</h1>
                <p class="notice notice--info">{td_string!(l, roadmap.no_answers)}</p>
            </div>
        }
        .into_any();
    }
    let scores = state.scores.get_untracked();
    // A pillar's score resting on few answers, and the note the roadmap gives it wherever it
    // names the pillar: among the focus or among those left for later.
    let few_answers = |pillar: &str| {
        scores
            .iter()
            .find(|p| p.pillar_id == pillar)
            .filter(|p| p.to_confirm())
    };
    let confirm_note = |few: &PillarScore| {
        crate::td_plural!(
            l,
            roadmap.focus_to_confirm,
            few.answered_with_level,
            total = few.question_count,
            advice = how_to_confirm(few)
        )
    };
    let focus = drafted_focus.iter().map(|focus| {
        let pillar_score = scores.iter().find(|p| p.pillar_id == focus.pillar_id);
        let score = pillar_score.and_then(|p| p.score);
        // A gap measured on a few answers may not be one: say so, as the results do, before
        // the commune builds its plan on it.
        let to_confirm = few_answers(&focus.pillar_id).map(|few| view! {
            <span data-testid="focus-to-confirm">" — "{confirm_note(few)}</span>
        });
        let target = format!("{} · {}", focus.target_level, texts.level_name_at(usize::from(focus.target_level - 1)));
        let chosen = assessment.settings(&focus.pillar_id).target.is_some();
        let target = if chosen { target } else { td_string!(l, roadmap.default_target, target = target).to_string() };
        let line = td_string!(l, roadmap.focus_line,
            score = score.map_or_else(|| "—".to_string(), |s| s.to_string()),
            target = target,
            importance = importance_text(focus.importance));
        // How to change a default target is for the screen, not for the collège's copy.
        let how_to_change = (!chosen).then(|| view! { <span class="no-print">" — "{td_string!(l, roadmap.change_target)}</span> });
        view! { <li><strong>{texts.pillar_name(&focus.pillar_id).to_string()}</strong>" — "{line}{how_to_change}{to_confirm}</li> }
    }).collect_any_view();
    let later = (!drafted_later.is_empty()).then(|| {
        let items = drafted_later.iter().map(|later| {
            let few = few_answers(&later.pillar_id);
            let reason = match later.reason {
                LaterReason::NotAssessed => td_string!(l, roadmap.later_not_assessed).to_string(),
                LaterReason::TargetReached { target_level } => {
                    let target = format!("{} · {}", target_level, texts.level_name_at(usize::from(target_level - 1)));
                    // A score on a few answers reaches any target: say that it is to confirm,
                    // as the results do, rather than call the pillar done.
                    match few {
                        Some(few) => crate::td_plural!(l, roadmap.later_reached_to_confirm, few.answered_with_level,
                            target = target, total = few.question_count, advice = how_to_confirm(few)),
                        None => td_string!(l, roadmap.later_reached, target = target).to_string(),
                    }
                }
                // A score to confirm comes after the sure ones: say so, and how to confirm it.
                LaterReason::LowerPriority => match few {
                    Some(few) => confirm_note(few),
                    None => match roadmap::tied_with_last_focus(&assessment, &scores, &drafted_focus, &later.pillar_id) {
                        // Only the pillars' order put it after: « moins prioritaire » would be untrue.
                        Some(tied) => td_string!(l, roadmap.later_tied, pillar = texts.pillar_name(&tied.pillar_id).to_string()).to_string(),
                        None => td_string!(l, roadmap.later_lower).to_string(),
                    },
                },
            };
            view! { <li><strong>{texts.pillar_name(&later.pillar_id).to_string()}</strong>{td_string!(l, shell.colon)}{reason}</li> }
        }).collect_any_view();
        view! { <h3>{td_string!(l, roadmap.later_title)}</h3><ul data-testid="later-pillars">{items}</ul> }
    });
    let profile = &assessment.profile;
    let rules = [
        profile
            .has_no_dedicated_staff()
            .then(|| td_string!(l, roadmap.rule_no_staff, fte = staff_text(state)).to_string()),
        profile
            .digital_budget
            .filter(|b| b.is_small())
            .map(|b| td_string!(l, roadmap.rule_small_budget, budget = budget_text(b)).to_string()),
    ]
    .into_iter()
    .flatten()
    .map(|text| view! { <p class="notice notice--info" data-testid="roadmap-rule">{text}</p> })
    .collect_any_view();
    // A redone diagnostic carries last year's edited plan over: « rédigée à partir de vos
    // réponses » would pass it off as this year's advice, until it is regenerated.
    let carried_from = Memo::new(move |_| roadmap.with(|r| r.carried_from.clone()));
    let carried_or_lead = reactive(move || match carried_from.get() {
        Some(date) => {
            let date = crate::browser::format_date(&date, state.lang_code(), false);
            view! { <p class="notice notice--info" data-testid="roadmap-carried">{td_string!(l, roadmap.carried, date = date)}</p> }.into_any()
        }
        None => view! { <p class="lead">{td_string!(l, roadmap.lead)}</p> }.into_any(),
    });
    view! {
        <div class="page page--roadmap">
            <h1>{td_string!(l, roadmap.title, commune = assessment.profile.commune.clone())}</h1>
            <crate::components::not_latest::NotLatest/>
            {carried_or_lead}
            <section aria-labelledby="focus-title">
                <h2 id="focus-title">{td_string!(l, roadmap.focus_title)}</h2>
                <p>{td_string!(l, roadmap.focus_rule)}</p>
                <ol class="focus-list" data-testid="focus-pillars">{focus}</ol>
                {later}
                {rules}
                // Priorities changed after the plan was edited: say which have no action.
                {reactive(move || {
                    let names = roadmap.with(|r| {
                        let missing = if r.edited { roadmap::focus_without_an_action(content::framework(), r, &focus_ids) } else { Vec::new() };
                        missing.iter().map(|p| texts.pillar_name(p).to_string()).collect::<Vec<_>>()
                    });
                    (!names.is_empty()).then(|| view! {
                        <p class="notice notice--warning" data-testid="focus-left-out">
                            {if names.len() == 1 {
                                td_string!(l, roadmap.focus_left_out, pillars = &names[0])
                            } else {
                                td_string!(l, roadmap.focus_left_out_many, pillars = names.join(td_string!(l, shell.list_separator)))
                            }}
                        </p>
                    })
                })}
            </section>
            <div class="roadmap-tools no-print">
                <button type="button" class="button" id="regenerate" data-testid="regenerate" on:click=handler(regenerate)>{td_string!(l, roadmap.regenerate)}</button>
                <button type="button" class="button" on:click=handler(move |_| crate::browser::print())>{td_string!(l, roadmap.print)}</button>
                <a class="button" href=state.href(crate::route::Route::Pst) data-testid="to-pst">{td_string!(l, roadmap.to_pst)}</a>
            </div>
            {reactive(move || confirming.get().then(|| view! {
                <section class="confirm-box no-print" role="alertdialog" aria-labelledby="regenerate-title"
                    aria-describedby="regenerate-text" data-testid="regenerate-confirm"
                    on:keydown=handler(move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { keep_roadmap() })>
                    <h2 id="regenerate-title" tabindex="-1">{td_string!(l, roadmap.regenerate_confirm_title)}</h2>
                    <p id="regenerate-text">{td_string!(l, roadmap.regenerate_confirm)}</p>
                    <div class="confirm-box__actions">
                        <button type="button" class="button button--danger" data-testid="regenerate-yes" on:click=handler(move |_| redraft_now())>{td_string!(l, roadmap.regenerate_yes)}</button>
                        <button type="button" class="button" data-testid="regenerate-no" on:click=handler(move |_| keep_roadmap())>{td_string!(l, roadmap.regenerate_no)}</button>
                    </div>
                </section>
            }))}
            <DutiesWithoutAStep roadmap/>
            <crate::components::obligations::DutiesToVerify/>
            <ReachedNotice roadmap/>
            <RemovedNotice removed/>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="moved-notice">{reactive(move || moved.0.get())}</p>
            {reactive(move || {
                let shown = roadmap.with(|r| {
                    r.items
                        .iter()
                        .flat_map(|item| [item_title(state, item), item_first_step(state, item).unwrap_or_default()])
                        .collect::<Vec<_>>()
                });
                view! { <Acronyms texts=shown/> }
            })}
            <SaveForIgretec/>
            <div class="roadmap-columns">
                {Horizon::ALL.into_iter().map(|horizon| view! { <HorizonColumn horizon roadmap reasons/> }).collect_any_view()}
            </div>
            <div class="roadmap-add no-print">
                <AddFromCatalogue roadmap/>
                <AddCustom/>
            </div>
        </div>
    }
    .into_any()
}

/// What an empty column says. The long term is often empty in a draft, which starts with
/// what can begin within three years: it says so rather than look forgotten.
pub fn empty_horizon_text(horizon: Horizon) -> &'static str {
    let l = crate::state::locale();
    match horizon {
        Horizon::Long => td_string!(l, roadmap.empty_long_horizon),
        _ => td_string!(l, roadmap.empty_horizon),
    }
}

pub fn horizon_title(horizon: Horizon) -> String {
    let l = crate::state::locale();
    match horizon {
        Horizon::Short => td_string!(l, roadmap.horizon_short),
        Horizon::Medium => td_string!(l, roadmap.horizon_medium),
        Horizon::Long => td_string!(l, roadmap.horizon_long),
    }
    .to_string()
}

fn importance_text(importance: crate::domain::assessment::Importance) -> String {
    use crate::domain::assessment::Importance;
    let l = crate::state::locale();
    match importance {
        Importance::Low => td_string!(l, pillar.importance_low),
        Importance::Medium => td_string!(l, pillar.importance_medium),
        Importance::High => td_string!(l, pillar.importance_high),
    }
    .to_string()
}

#[component]
fn HorizonColumn(
    horizon: Horizon,
    roadmap: Memo<Roadmap>,
    reasons: Memo<LiteMap<String, ItemWhy>>,
) -> impl IntoView {
    let testid = format!("horizon-{}", horizon.form_value());
    let title = horizon_title(horizon);
    let heading = title.clone();
    // Redrawn when this column's items or their reasons change (an item moved elsewhere
    // changes « le moyen terme compte déjà 5 actions » here); each card itself is static.
    let items = Memo::new(move |_| {
        reasons.with(|why| {
            roadmap.with(|r| {
                r.items_in(horizon)
                    .map(|item| (item.clone(), why.get(&item.id).cloned().unwrap_or_default()))
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <section class="horizon" data-testid=testid aria-label=title.clone()>
            <h2>{heading}</h2>
            {reactive(move || {
                let items = items.get();
                if items.is_empty() {
                    view! { <p class="hint" data-testid="empty-horizon">{empty_horizon_text(horizon)}</p> }.into_any()
                } else {
                    view! { <ol class="horizon__items">{items.into_iter().map(|(item, why)| {
                        view! { <ItemCard item why/> }
                    }).collect_any_view()}</ol> }.into_any()
                }
            })}
        </section>
    }
}

/// What an item is called: the catalogue's title, or the commune's own words.
pub fn item_title(state: AppState, item: &RoadmapItem) -> String {
    match &item.custom_title {
        Some(title) => title.clone(),
        None => state
            .action_text(&item.id)
            .map_or_else(|| retired_title(&item.id), |a| a.title),
    }
}

/// An action a plan made under an earlier référentiel names but the catalogue no longer has:
/// its last title (content/migrations.toml) marked as such, or, for an id no référentiel
/// had, said in words with the id for whoever looks it up.
pub fn retired_title(id: &str) -> String {
    let l = crate::state::locale();
    match content::framework().retired_title(id, l.as_str()) {
        Some(title) => td_string!(l, roadmap.retired_titled, title = title.clone()).to_string(),
        None => td_string!(l, roadmap.retired_action, id = id).to_string(),
    }
}

#[component]
fn ItemCard(item: RoadmapItem, why: ItemWhy) -> impl IntoView {
    let ItemWhy {
        legal,
        words: reasons,
    } = why;
    let state = AppState::from_context();
    let l = crate::state::locale();
    let removed = use_context::<RwSignal<Option<(usize, RoadmapItem)>>>()
        .expect("RoadmapPage provides the removed item");
    let action = content::framework().action(&item.id);
    let id = item.id.clone();
    let title = item_title(state, &item);
    let first_step = item_first_step(state, &item);
    let done = item.status == ItemStatus::Done;
    let select_id = format!("move-{}", item.id);
    let done_id = format!("done-{}", item.id);
    // An editor left open when the page was redrawn (a language switch, another screen) opens
    // again with what was typed; closed, by saving or not, it forgets it.
    let editing = RwSignal::new(unsaved_edit(&item.id).is_some());
    let toggle = {
        let id = id.clone();
        move |_| {
            let status = if done {
                ItemStatus::Planned
            } else {
                ItemStatus::Done
            };
            edit(state, |r| r.set_status(&id, status));
        }
    };
    let move_to = {
        let id = id.clone();
        let select = select_id.clone();
        let title = title.clone();
        let moved = use_context::<MovedNotice>().expect("RoadmapPage provides the moved notice");
        move |ev: leptos::ev::Event| {
            if let Some(horizon) = Horizon::from_form_value(&event_target_value(&ev)) {
                edit(state, |r| r.move_to(&id, horizon));
                let horizon = horizon_title(horizon);
                moved.0.set(Some(td_string!(
                    l,
                    roadmap.moved,
                    title = title,
                    horizon = horizon
                )));
                // The card is drawn again in its new column: the keyboard stays on it.
                let select = select.clone();
                crate::browser::focus_after_frame(select);
            }
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            let mut taken = None;
            edit(state, |r| taken = r.remove(&id));
            removed.set(taken);
            // The card is gone: « Annuler » is where the user can carry on.
            request_animation_frame(|| crate::browser::focus("roadmap-undo"));
        }
    };
    // The answers moved past this step after the commune edited its roadmap.
    let reached = state
        .with_current(|a| roadmap::already_reached(content::framework(), a, &item))
        .unwrap_or(false);
    let suggested = action.map(|a| owner_role_text(a.owner));
    let (owner, due) = owner_and_due(state, &item);
    let overdue = item.is_overdue(&crate::browser::today());
    // A date let pass says so alone: « avancez-la » would contradict it.
    let after_horizon = !overdue
        && state
            .with_current(|a| item.is_due_after_horizon(&a.profile.date))
            .unwrap_or(false);
    let title_id = format!("item-title-{}", item.id);
    let editor_item = item.clone();
    // A new year's draft may propose again what last year's roadmap marked done: say so, for
    // the commune to tick « Fait » or keep it.
    let done_earlier = (!done)
        .then(|| {
            state.workspace.with_untracked(|w| {
                let this = w.get(&state.current.get_untracked()?)?;
                let earlier = w.done_earlier(this, &item.id)?;
                Some(crate::browser::format_date(
                    &earlier.profile.date,
                    state.lang_code(),
                    false,
                ))
            })
        })
        .flatten();
    view! {
        <li class="item" class:item--done=done data-testid="roadmap-item" data-action=item.id.clone()>
            <h3 class="item__title" id=title_id tabindex="-1" data-testid="item-title">{title}</h3>
            <div class="item__tags">
                {legal.then(|| view! { <span class="badge badge--warning" data-testid="item-legal">{td_string!(l, roadmap.legal_badge)}</span> })}
                {action.map(|a| view! {
                    <span class="badge badge--info">{kind_text(a.kind)}</span>
                    <span class="badge badge--info">{td_string!(l, roadmap.effort)}{td_string!(l, shell.colon)}{effort_text(a.effort)}</span>
                    <span class="badge badge--info">{cost_text(a.cost)}</span>
                    {a.pooled.then(|| view! { <span class="badge badge--ok" data-testid="pooled">{td_string!(l, roadmap.pooled)}</span> })}
                })}
                {(item.origin == ItemOrigin::Custom).then(|| view! { <span class="badge badge--info">{td_string!(l, roadmap.custom)}</span> })}
                {done.then(|| view! { <span class="badge badge--ok">{td_string!(l, roadmap.done)}</span> })}
                {done_earlier.map(|date| view! { <span class="badge badge--ok" data-testid="done-earlier">{td_string!(l, roadmap.done_earlier, date = date)}</span> })}
                {reached.then(|| view! { <span class="badge badge--warning" data-testid="item-reached">{td_string!(l, roadmap.reached_badge)}</span> })}
            </div>
            {reached.then(|| view! { <p data-testid="item-reached-reason">{td_string!(l, roadmap.reached_reason)}</p> })}
            {first_step.map(|step| view! { <p data-testid="item-first-step"><strong>{td_string!(l, roadmap.first_step)}</strong>" "{step}</p> })}
            {item.objective.as_deref().filter(|_| item.origin == ItemOrigin::Custom).map(|question| view! {
                <p data-testid="item-objective"><strong>{td_string!(l, roadmap.objective_line)}</strong>" "{state.texts().question_title(question).to_string()}</p>
            })}
            <p class="item__who" data-testid="item-who">
                <strong>{td_string!(l, roadmap.owner_line)}</strong>" "<span data-testid="item-owner">{owner}</span>
                <br/>
                <strong>{td_string!(l, roadmap.due_line)}</strong>" "<span data-testid="item-due">{due}</span>
                {overdue.then(|| view! { " "<span class="badge badge--warning" data-testid="item-overdue">{td_string!(l, roadmap.overdue)}</span> })}
                {after_horizon.then(|| view! { " "<span class="badge badge--warning" data-testid="item-after-horizon">{td_string!(l, roadmap.after_horizon)}</span> })}
            </p>
            {(!reasons.is_empty()).then(|| view! {
                <div class="item__why">
                    <strong>{td_string!(l, roadmap.why)}</strong>
                    <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_any_view()}</ul>
                </div>
            })}
            {reactive(move || editing.get().then(|| view! { <ItemEditor item=editor_item.clone() suggested=suggested.clone() editing/> }))}
            <div class="item__controls">
                <label class="segmented__option">
                    <input type="checkbox" id=done_id prop:checked=done on:change=handler(toggle) data-testid="item-done"/>
                    <span>{td_string!(l, roadmap.mark_done)}</span>
                </label>
                <label for=select_id.clone()>{td_string!(l, roadmap.move_to)}</label>
                <select id=select_id on:change=handler(move_to) data-testid="item-move">
                    {Horizon::ALL.into_iter().map(|h| {
                        view! { <option value=h.form_value() selected=h == item.horizon>{horizon_title(h)}</option> }
                    }).collect_any_view()}
                </select>
                <button type="button" class="button button--small" data-testid="item-edit" id=format!("item-edit-{id}")
                    aria-expanded=move || editing.get().to_string() on:click=handler({
                        let id = id.clone();
                        move |_| {
                            if editing.get_untracked() {
                                close_editor(&id, editing);
                            } else {
                                editing.set(true);
                                // The form opens above this button: the keyboard starts in it.
                                let title = format!("edit-title-{id}");
                                crate::browser::focus_after_frame(title);
                            }
                        }
                    })>
                    {td_string!(l, roadmap.edit)}
                </button>
                <button type="button" class="button button--small button--danger" data-testid="item-remove" on:click=handler(remove)>
                    {td_string!(l, roadmap.remove)}
                </button>
            </div>
        </li>
    }
}

/// « Responsable » and « Échéance » as they read on the card and in print: the commune's
/// words, or what is still to decide, with the catalogue's suggested role.
pub fn owner_and_due(state: AppState, item: &RoadmapItem) -> (String, String) {
    let l = crate::state::locale();
    let suggested = content::framework()
        .action(&item.id)
        .map(|a| owner_role_text(a.owner));
    let owner = match (&item.owner, suggested) {
        (Some(owner), _) => owner.clone(),
        (None, Some(role)) => td_string!(l, roadmap.owner_unset, role = role).to_string(),
        (None, None) => td_string!(l, roadmap.owner_unset_plain).to_string(),
    };
    let due = item.due.as_deref().map_or_else(
        || td_string!(l, roadmap.due_unset).to_string(),
        |d| crate::browser::format_date(d, state.lang_code(), false),
    );
    (owner, due)
}

/// The commune's first step for an item, or the catalogue's.
pub fn item_first_step(state: AppState, item: &RoadmapItem) -> Option<String> {
    item.first_step
        .clone()
        .or_else(|| state.action_text(&item.id).map(|a| a.first_step))
}

/// Rewords an item and names who carries it and by when. Saved as a whole on « Enregistrer »:
/// each saved change redraws the column.
#[component]
fn ItemEditor(
    item: RoadmapItem,
    suggested: Option<String>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let id = item.id.clone();
    let initial = [
        item_title(state, &item),
        item_first_step(state, &item).unwrap_or_default(),
        item.owner.clone().unwrap_or_default(),
        item.due.clone().unwrap_or_default(),
        item.objective.clone().unwrap_or_default(),
    ];
    let typed = unsaved_edit(&id).unwrap_or_default();
    let [title, first_step, owner, due, objective] = std::array::from_fn(|i| {
        RwSignal::new(typed[i].clone().unwrap_or_else(|| initial[i].clone()))
    });
    {
        // Only what was changed is kept: a field left alone is drawn again in the page's
        // language, so a catalogue title never becomes the commune's own words.
        let id = id.clone();
        Effect::new(move |_| {
            let now = [
                title.get(),
                first_step.get(),
                owner.get(),
                due.get(),
                objective.get(),
            ];
            let changed = std::array::from_fn(|i| (now[i] != initial[i]).then(|| now[i].clone()));
            keep_unsaved_edit(&id, Some(changed));
        });
    }
    let error = RwSignal::new(None::<EditError>);
    // Only the commune's own item names its objective: a catalogue action serves its own
    // questions.
    let own = item.origin == ItemOrigin::Custom;
    let field = |name: &str| format!("{name}-{}", item.id);
    let (title_id, step_id, owner_id, due_id, hint_id, error_id) = (
        field("edit-title"),
        field("edit-step"),
        field("edit-owner"),
        field("edit-due"),
        field("edit-owner-hint"),
        field("edit-error"),
    );
    // The catalogue's own wording is kept as « not rewritten », so a language switch still
    // translates it.
    let catalogue_title = state.action_text(&item.id).map(|a| a.title);
    let catalogue_step = state.action_text(&item.id).map(|a| a.first_step);
    let cancel_id = id.clone();
    let escape_id = id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let unless_catalogue = |value: String, catalogue: &Option<String>| {
            if catalogue.as_deref() == Some(value.trim()) {
                String::new()
            } else {
                value
            }
        };
        let changes = [
            (
                ItemField::Title,
                unless_catalogue(title.get_untracked(), &catalogue_title),
            ),
            (
                ItemField::FirstStep,
                unless_catalogue(first_step.get_untracked(), &catalogue_step),
            ),
            (ItemField::Owner, owner.get_untracked()),
            (ItemField::Due, due.get_untracked()),
            (ItemField::Objective, objective.get_untracked()),
        ];
        // Checked on a copy first: either every field is taken, or none and the form says why.
        let mut result = Ok(());
        edit(state, |r| {
            let mut copy = r.clone();
            result = changes
                .iter()
                .try_for_each(|(f, v)| copy.set_field(&id, *f, v));
            if result.is_ok() {
                *r = copy;
            }
        });
        match result {
            Ok(()) => {
                close_editor(&id, editing);
                let heading = format!("item-title-{id}");
                crate::browser::focus_after_frame(heading);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="item__editor" on:submit=handler(save) novalidate data-testid="item-editor" on:keydown=handler({
            let id = escape_id;
            move |ev: leptos::ev::KeyboardEvent| {
                // Échap cancels, as « Annuler » does.
                if ev.key() == "Escape" {
                    cancel_editor(&id, editing);
                }
            }
        })>
            <div class="field">
                <label for=title_id.clone()>{td_string!(l, roadmap.edit_title)}</label>
                <input id=title_id type="text" maxlength=roadmap::MAX_CUSTOM_TITLE_CHARS data-testid="edit-title"
                    prop:value=title on:input=handler(move |ev| title.set(event_target_value(&ev)))/>
            </div>
            <div class="field">
                <label for=step_id.clone()>{td_string!(l, roadmap.edit_first_step)}</label>
                <textarea id=step_id rows="3" maxlength=roadmap::MAX_FIRST_STEP_CHARS data-testid="edit-first-step"
                    prop:value=first_step on:input=handler(move |ev| first_step.set(event_target_value(&ev)))></textarea>
            </div>
            <div class="field">
                <label for=owner_id.clone()>{td_string!(l, roadmap.edit_owner)}</label>
                <input id=owner_id type="text" maxlength=roadmap::MAX_OWNER_CHARS data-testid="edit-owner"
                    aria-describedby=hint_id.clone()
                    prop:value=owner on:input=handler(move |ev| owner.set(event_target_value(&ev)))/>
                {suggested.map(|role| view! { <p class="field__hint" id=hint_id>{td_string!(l, roadmap.edit_owner_hint, role = role)}</p> })}
            </div>
            <div class="field">
                <label for=due_id.clone()>{td_string!(l, roadmap.edit_due)}</label>
                <input id=due_id type="date" data-testid="edit-due"
                    prop:value=due on:input=handler(move |ev| due.set(event_target_value(&ev)))/>
            </div>
            {own.then(|| view! { <ObjectiveSelect id="edit-objective" value=objective/> })}
            <p class="field__error" id=error_id role="alert">
                {reactive(move || error.get().map(|e| match e {
                    EditError::TitleRequired => td_string!(l, roadmap.edit_title_required),
                    EditError::DueNotADate | EditError::NoSuchItem => td_string!(l, roadmap.edit_due_invalid),
                }))}
            </p>
            <div class="item__editor-actions">
                <button type="submit" class="button button--primary button--small" data-testid="edit-save">{td_string!(l, roadmap.edit_save)}</button>
                <button type="button" class="button button--small" on:click=handler(move |_| cancel_editor(&cancel_id, editing))>{td_string!(l, roadmap.edit_cancel)}</button>
            </div>
        </form>
    }
}

thread_local! {
    // Read once from the browser's storage: typed text survives a closed tab.
    static UNSAVED_EDITS: std::cell::RefCell<UnsavedRoadmapEdits> =
        std::cell::RefCell::new(crate::storage::unsaved_roadmap_edits());
    // Bumped at each change of the editors, for a notice that counts them. Reference-counted,
    // not owned by whichever component first reads it.
    static UNSAVED_EDITS_CHANGED: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

/// Changes what is kept of the editors and writes it to the browser's storage at once.
fn change_unsaved_edits(change: impl FnOnce(&mut UnsavedRoadmapEdits)) {
    UNSAVED_EDITS.with_borrow_mut(|edits| {
        change(edits);
        crate::storage::set_unsaved_roadmap_edits(edits);
    });
    UNSAVED_EDITS_CHANGED.with(|changed| changed.update(|n| *n = n.wrapping_add(1)));
}

/// [`unsaved_changes`], followed: a reactive reader runs again when the editors change.
pub fn unsaved_changes_tracked(assessment: &str) -> usize {
    UNSAVED_EDITS_CHANGED.with(|changed| changed.track());
    unsaved_changes(assessment)
}

/// How many changes typed in `assessment`'s roadmap are not saved: each item whose editor
/// holds a changed field, and the commune's own action typed and not added. A summary saved
/// now would leave them out.
pub fn unsaved_changes(assessment: &str) -> usize {
    UNSAVED_EDITS.with_borrow(|edits| {
        if edits.assessment != assessment {
            return 0;
        }
        let items = edits
            .items
            .iter()
            .filter(|(_, fields)| fields.iter().any(Option::is_some))
            .count();
        items + usize::from(!edits.custom.trim().is_empty())
    })
}

/// Keeps only what was typed in this assessment's roadmap, for items it still has: item ids
/// are the catalogue's, so another commune's roadmap or a redraft may hold the same ones.
fn keep_unsaved_edits_of(assessment: &str, roadmap: &Roadmap) {
    change_unsaved_edits(|edits| {
        if edits.assessment != assessment {
            *edits = UnsavedRoadmapEdits {
                assessment: assessment.to_string(),
                ..UnsavedRoadmapEdits::default()
            };
        }
        edits
            .items
            .retain(|(item, _)| roadmap.items.iter().any(|i| &i.id == item));
    });
}

fn unsaved_edit(id: &str) -> Option<TypedFields> {
    UNSAVED_EDITS.with_borrow(|edits| {
        edits
            .items
            .iter()
            .find(|(item, _)| item == id)
            .map(|(_, fields)| fields.clone())
    })
}

/// Closes an item's editor, saved or not: what was typed in it is no longer kept.
fn close_editor(id: &str, editing: RwSignal<bool>) {
    keep_unsaved_edit(id, None);
    editing.set(false);
}

/// Closes an item's editor unsaved (« Annuler », Échap): the keyboard goes back where the
/// editing began, « Modifier », not to the top of the page.
fn cancel_editor(id: &str, editing: RwSignal<bool>) {
    close_editor(id, editing);
    let edit = format!("item-edit-{id}");
    crate::browser::focus_after_frame(edit);
}

/// Keeps an open editor's changes, or forgets them with `None`.
fn keep_unsaved_edit(id: &str, fields: Option<TypedFields>) {
    change_unsaved_edits(|edits| {
        edits.items.retain(|(item, _)| item != id);
        if let Some(fields) = fields {
            edits.items.push((id.to_string(), fields));
        }
    });
}

/// « … a été déplacée vers … », read by screen readers after a card changes column.
#[derive(Clone, Copy)]
struct MovedNotice(RwSignal<Option<String>>);

/// « … a été retirée. Annuler »: a removal is one click, so is taking it back.
#[component]
fn RemovedNotice(removed: RwSignal<Option<(usize, RoadmapItem)>>) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let undo = move |_| {
        if let Some((index, item)) = removed.get_untracked() {
            let heading = format!("item-title-{}", item.id);
            edit(state, |r| r.restore_removed(index, item));
            removed.set(None);
            crate::browser::focus_after_frame(heading);
        }
    };
    view! {
        <div class="no-print" role="status" aria-live="polite">
            {reactive(move || removed.get().map(|(_, item)| view! {
                <p class="notice notice--info" data-testid="removed-notice">
                    <span>{td_string!(l, roadmap.removed, title = item_title(state, &item))}</span>
                    <button type="button" class="button button--small" id="roadmap-undo" data-testid="roadmap-undo" on:click=handler(undo)>
                        {td_string!(l, roadmap.undo)}
                    </button>
                </p>
            }))}
        </div>
    }
}

/// Why an item is in the roadmap, in words, and whether it is a step towards a legal minimum
/// the commune's answers fall short of.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemWhy {
    pub legal: bool,
    pub words: Vec<String>,
}

/// What would confirm a pillar's score resting on few answers, as an imperative.
fn how_to_confirm(score: &PillarScore) -> &'static str {
    let l = crate::state::locale();
    match score.how_to_confirm() {
        HowToConfirm::Answer => td_string!(l, roadmap.confirm_by_answering),
        HowToConfirm::CheckUnknown => td_string!(l, roadmap.confirm_by_checking),
        HowToConfirm::ReviewNotApplicable => td_string!(l, roadmap.confirm_by_reviewing),
    }
}

/// Why each item of `roadmap` is there, from the current answers, by item id; an item put
/// off for lack of room says so, on the card and in print, for the collège asks why a free
/// one-month step waits years. Computed for the whole roadmap at once: every item's reasons
/// need the same focus and the same list of dependents.
pub fn reasons_by_item(state: AppState, roadmap: &Roadmap) -> LiteMap<String, ItemWhy> {
    let scores = state.scores.get_untracked();
    let reasons = state
        .with_current(|a| roadmap::explain_all(content::framework(), a, &scores, roadmap))
        .unwrap_or_default();
    // A step on a duty not known to be met may be owed too, as the PST marks it.
    let to_check = state
        .with_current(|a| crate::domain::obligations::to_check(content::framework(), a))
        .unwrap_or_default();
    crate::sort::ordered_map(roadmap.items.iter().zip(reasons).map(|(item, reasons)| {
        // A legal duty put off says what that means, on the card and in print, rather than
        // « à régler en premier » beside a later horizon.
        let late = item.horizon != Horizon::Short && item.status != ItemStatus::Done;
        let words = reasons
            .iter()
            .map(|reason| match reason {
                Reason::LegalMinimum {
                    question_id,
                    legal_minimum,
                } if late => td_string!(
                    crate::state::locale(),
                    roadmap.reason_legal_later,
                    question = state.texts().question_title(question_id).to_string(),
                    minimum = *legal_minimum,
                    horizon = horizon_title(item.horizon)
                )
                .to_string(),
                // Moved after the item that needs it: the order no longer works, say so.
                Reason::PrerequisiteOf { action_id } => match roadmap
                    .items
                    .iter()
                    .find(|dependent| &dependent.id == action_id)
                {
                    Some(dependent)
                        if dependent.horizon < item.horizon
                            && item.status != ItemStatus::Done
                            && dependent.status != ItemStatus::Done =>
                    {
                        td_string!(
                            crate::state::locale(),
                            roadmap.reason_prerequisite_late,
                            action = item_title(state, dependent),
                            horizon = horizon_title(dependent.horizon)
                        )
                        .to_string()
                    }
                    _ => reason_text(state, reason),
                },
                reason => reason_text(state, reason),
            })
            .chain(deferral_text(state, roadmap, item))
            .collect();
        let on_unknown_duty = content::framework()
            .action(&item.id)
            .is_some_and(|action| action.questions.iter().any(|q| to_check.contains(q)));
        let legal = item.status != ItemStatus::Done
            && (on_unknown_duty
                || reasons
                    .iter()
                    .any(|reason| matches!(reason, Reason::LegalMinimum { .. })));
        (item.id.clone(), ItemWhy { legal, words })
    }))
}

/// « reportée faute de place… » for a drafted action put off because its horizon was full.
fn deferral_text(state: AppState, roadmap: &Roadmap, item: &RoadmapItem) -> Option<String> {
    let l = crate::state::locale();
    let framework = content::framework();
    let (horizon, count) = state
        .with_current(|a| roadmap::deferred_by_cap(framework, &a.profile, roadmap, item))
        .flatten()?;
    Some(
        match horizon {
            Horizon::Short => td_string!(l, roadmap.reason_deferred_short, count = count),
            // Nothing comes after the long term: only the medium term can be full before it.
            _ => td_string!(l, roadmap.reason_deferred_medium, count = count),
        }
        .to_string(),
    )
}

pub fn reason_text(state: AppState, reason: &Reason) -> String {
    let l = crate::state::locale();
    let texts = state.texts();
    match reason {
        Reason::Answer { question_id, level } => td_string!(
            l,
            roadmap.reason_answer,
            question = texts
                .questions
                .get(question_id)
                .map_or_else(|| question_id.clone(), |q| q.title.clone()),
            level = level_text(texts, question_id, *level)
        )
        .to_string(),
        Reason::FocusPillar { pillar_id, rank } => td_string!(
            l,
            roadmap.reason_focus,
            pillar = texts
                .pillars
                .get(pillar_id)
                .map_or_else(|| pillar_id.clone(), |p| p.name.clone()),
            rank = *rank
        )
        .to_string(),
        Reason::PrerequisiteOf { action_id } => td_string!(
            l,
            roadmap.reason_prerequisite,
            action = state
                .action_text(action_id)
                .map_or_else(|| retired_title(action_id), |a| a.title)
        )
        .to_string(),
        Reason::NoDedicatedStaff => {
            td_string!(l, roadmap.reason_no_staff, fte = staff_text(state)).to_string()
        }
        Reason::SmallBudget => {
            let budget = state
                .with_current(|a| a.profile.digital_budget)
                .flatten()
                .map(budget_text)
                .unwrap_or_default();
            td_string!(l, roadmap.reason_small_budget, budget = budget).to_string()
        }
        Reason::LegalMinimum {
            question_id,
            legal_minimum,
        } => td_string!(
            l,
            roadmap.reason_legal,
            question = state.texts().question_title(question_id).to_string(),
            minimum = *legal_minimum
        )
        .to_string(),
        Reason::NoStrategy => td_string!(l, roadmap.reason_no_strategy).to_string(),
    }
}

/// The commune's digital staff as it typed it, for example « 0,2 ».
fn staff_text(state: AppState) -> String {
    let fte = state
        .with_current(|a| a.profile.digital_staff_fte)
        .flatten()
        .unwrap_or(0.0);
    crate::browser::format_number(fte, state.lang_code(), 2)
}

/// A budget band in words, its first letter lowered to sit inside a sentence. Only that
/// letter: the labels start with a plain letter or a digit, and a full `to_lowercase`
/// brought Unicode's case tables into the tools bundle.
fn budget_text(band: crate::domain::profile::BudgetBand) -> String {
    let mut label = crate::pages::profile::budget_label(band);
    if let Some(first) = label.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    label
}

/// Who the catalogue suggests to carry an action.
pub fn owner_role_text(owner: content::Owner) -> String {
    let l = crate::state::locale();
    match owner {
        content::Owner::College => td_string!(l, roadmap.owner_roles.college),
        content::Owner::Conseil => td_string!(l, roadmap.owner_roles.conseil),
        content::Owner::Bourgmestre => td_string!(l, roadmap.owner_roles.bourgmestre),
        content::Owner::Dg => td_string!(l, roadmap.owner_roles.dg),
        content::Owner::Referent => td_string!(l, roadmap.owner_roles.referent),
        content::Owner::Dpo => td_string!(l, roadmap.owner_roles.dpo),
        content::Owner::Agent => td_string!(l, roadmap.owner_roles.agent),
    }
    .to_string()
}

pub fn kind_text(kind: ActionKind) -> String {
    let l = crate::state::locale();
    match kind {
        ActionKind::QuickWin => td_string!(l, roadmap.kind_quick_win),
        ActionKind::Foundation => td_string!(l, roadmap.kind_foundation),
        ActionKind::Project => td_string!(l, roadmap.kind_project),
    }
    .to_string()
}

pub fn effort_text(effort: Effort) -> String {
    let l = crate::state::locale();
    match effort {
        Effort::Low => td_string!(l, roadmap.effort_low),
        Effort::Medium => td_string!(l, roadmap.effort_medium),
        Effort::High => td_string!(l, roadmap.effort_high),
    }
    .to_string()
}

pub fn cost_text(cost: CostBand) -> String {
    let l = crate::state::locale();
    match cost {
        CostBand::None => td_string!(l, roadmap.cost_none),
        CostBand::Low => td_string!(l, roadmap.cost_low),
        CostBand::Medium => td_string!(l, roadmap.cost_medium),
        CostBand::High => td_string!(l, roadmap.cost_high),
    }
    .to_string()
}

/// The legal duties below their minimum that an edited roadmap has no step towards (answers
/// changed since, or last year's roadmap carried over), each with the step to add: the
/// results promise that the roadmap puts them first.
#[component]
fn DutiesWithoutAStep(roadmap: Memo<Roadmap>) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let missing = Memo::new(move |_| {
        roadmap.track();
        state
            .with_current(|a| roadmap::duties_without_a_step(content::framework(), a))
            .unwrap_or_default()
    });
    reactive(move || {
        let missing = missing.get();
        (!missing.is_empty()).then(|| {
            let texts = state.texts();
            let rows = missing.into_iter().map(|(question, step)| {
                let duty = texts.questions.get(&question).map_or(question.clone(), |q| q.title.clone());
                let title = state.action_text(&step).map(|a| a.title).unwrap_or_default();
                // A step marked done while the answer is still below the minimum: the answer
                // may be out of date, or the step did not suffice. Both ways are offered.
                let done = roadmap.with_untracked(|r| r.item(&step).is_some_and(|item| item.status == ItemStatus::Done));
                let update_answer = done.then(|| {
                    view! {
                        " "{td_string!(l, roadmap.duty_step_done)}" "
                        <a href=crate::route::Route::question_href(content::framework(), &question, state.bundle) data-testid="duty-update-answer">{td_string!(l, roadmap.duty_update_answer)}</a>
                    }
                });
                let button = if done { td_string!(l, roadmap.duty_take_up) } else { td_string!(l, roadmap.duty_add) };
                // A step already there but marked done is taken up again.
                let add = move |_| {
                    if let Some(action) = content::framework().action(&step) {
                        edit(state, |r| {
                            if r.item(&step).is_some() {
                                r.set_status(&step, ItemStatus::Planned);
                            } else {
                                r.add_action(action);
                            }
                        });
                    }
                };
                view! {
                    <li><strong>{duty}</strong>{td_string!(l, shell.colon)}{title}{update_answer}" "
                        <button type="button" class="button button--small" data-testid="add-duty-step" on:click=handler(add)>{button}</button></li>
                }
            }).collect_any_view();
            view! {
                <section class="notice notice--warning no-print" data-testid="duties-without-step" aria-labelledby="duties-without-step-title">
                    <h2 id="duties-without-step-title" class="form-title">{td_string!(l, roadmap.duty_missing_title)}</h2>
                    <p>{td_string!(l, roadmap.duty_missing)}</p>
                    <ul>{rows}</ul>
                </section>
            }
        })
    })
}

/// How many steps the answers have reached since the commune edited its roadmap, and what to
/// do: a drafted roadmap follows the answers, an edited one no longer does.
#[component]
fn ReachedNotice(roadmap: Memo<Roadmap>) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let count = Memo::new(move |_| {
        roadmap.with(|r| {
            state
                .with_current(|a| {
                    r.items
                        .iter()
                        .filter(|item| roadmap::already_reached(content::framework(), a, item))
                        .count()
                })
                .unwrap_or(0)
        })
    });
    reactive(move || {
        let count = count.get();
        (count > 0).then(|| {
            view! {
                <p class="notice notice--warning no-print" data-testid="reached-notice">
                    {crate::td_plural!(l, roadmap.reached_notice, count)}
                </p>
            }
        })
    })
}

/// Adds any catalogue action, chosen by pillar.
#[component]
fn AddFromCatalogue(roadmap: Memo<Roadmap>) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let framework = content::framework();
    let pillar = RwSignal::new(framework.pillars[0].id.clone());
    let chosen = RwSignal::new(String::new());
    let available = Memo::new(move |_| {
        let pillar = pillar.get();
        roadmap.with(|r| {
            framework
                .actions
                .iter()
                .filter(|a| a.pillar == pillar && r.item(&a.id).is_none())
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        })
    });
    // « Ajouter » with no action chosen says so, as the form for the commune's own action does.
    let nothing_chosen = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = chosen.get_untracked();
        nothing_chosen.set(id.is_empty());
        if let Some(action) = framework.action(&id) {
            edit(state, |r| {
                r.add_action(action);
            });
            chosen.set(String::new());
        }
    };
    view! {
        <form class="card inline-form" on:submit=handler(add) aria-labelledby="catalogue-title">
            <h2 id="catalogue-title" class="form-title">{td_string!(l, roadmap.add_title)}</h2>
            <div class="field">
                <label for="catalogue-pillar">{td_string!(l, roadmap.add_pillar)}</label>
                <select id="catalogue-pillar" on:change=handler(move |ev| { pillar.set(event_target_value(&ev)); chosen.set(String::new()); })>
                    {framework.pillars.iter().map(|p| view! {
                        <option value=p.id.clone()>{state.texts().pillar_name(&p.id).to_string()}</option>
                    }).collect_any_view()}
                </select>
            </div>
            <div class="field">
                <label for="catalogue-action">{td_string!(l, roadmap.add_action)}</label>
                <select id="catalogue-action" data-testid="catalogue-action" aria-describedby="catalogue-error"
                    on:change=handler(move |ev| { chosen.set(event_target_value(&ev)); nothing_chosen.set(false); })>
                    <option value="" selected=move || chosen.get().is_empty()>{td_string!(l, roadmap.add_choose)}</option>
                    {reactive(move || available.get().into_iter().map(|id| {
                        let title = state.action_text(&id).map(|a| a.title).unwrap_or_default();
                        view! { <option value=id>{title}</option> }
                    }).collect_any_view())}
                </select>
                <p class="field__error" id="catalogue-error" role="alert">{reactive(move || nothing_chosen.get().then(|| td_string!(l, roadmap.add_nothing_chosen)))}</p>
            </div>
            <button type="submit" class="button" data-testid="catalogue-add">{td_string!(l, roadmap.add_button)}</button>
        </form>
    }
}

/// Adds an item in the commune's own words.
#[component]
fn AddCustom() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    // Typed and not yet added, the action waits for the commune's return to this screen.
    let title = RwSignal::new(UNSAVED_EDITS.with_borrow(|edits| edits.custom.clone()));
    let typed = move |text: String| {
        change_unsaved_edits(|edits| edits.custom.clone_from(&text));
        title.set(text);
    };
    let horizon = RwSignal::new(Horizon::Short);
    let objective = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = title.get_untracked();
        if text.trim().is_empty() {
            error.set(true);
            return;
        }
        error.set(false);
        let horizon = horizon.get_untracked();
        edit(state, |r| {
            if let Some(id) = r.add_custom(&text, horizon) {
                let _ = r.set_field(&id, ItemField::Objective, &objective.get_untracked());
            }
        });
        typed(String::new());
        objective.set(String::new());
    };
    view! {
        <form class="card inline-form" on:submit=handler(add) aria-labelledby="custom-title" novalidate>
            <h2 id="custom-title" class="form-title">{td_string!(l, roadmap.custom_title)}</h2>
            <div class="field">
                <label for="custom-text">{td_string!(l, roadmap.custom_label)}</label>
                <input id="custom-text" type="text" data-testid="custom-text" maxlength=roadmap::MAX_CUSTOM_TITLE_CHARS
                    aria-invalid=move || error.get().to_string() aria-describedby="custom-error"
                    prop:value=title on:input=handler(move |ev| typed(event_target_value(&ev)))/>
                <p class="field__error" id="custom-error" role="alert">{reactive(move || error.get().then(|| td_string!(l, roadmap.custom_empty)))}</p>
            </div>
            <div class="field">
                <label for="custom-horizon">{td_string!(l, roadmap.custom_horizon)}</label>
                <select id="custom-horizon" on:change=handler(move |ev| horizon.set(Horizon::from_form_value(&event_target_value(&ev)).unwrap_or(Horizon::Short)))>
                    {Horizon::ALL.into_iter().map(|h| view! { <option value=h.form_value()>{reactive(move || horizon_title(h))}</option> }).collect_any_view()}
                </select>
            </div>
            <ObjectiveSelect id="custom-objective" value=objective/>
            <button type="submit" class="button" data-testid="custom-add">{td_string!(l, roadmap.custom_button)}</button>
        </form>
    }
}

/// Which question of the diagnostic the commune's own action moves forward: the PST puts it
/// under that question's objectif opérationnel. Questions it answered « non applicable » or at
/// the top have none, so they are not offered, unless already chosen.
#[component]
fn ObjectiveSelect(id: &'static str, value: RwSignal<String>) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let chosen = value.get_untracked();
    let open = move |question: &str| {
        question == chosen
            || state
                .with_current(|a| match a.choice(question) {
                    Some(Choice::NotApplicable) => false,
                    _ => a.level(question).is_none_or(|level| level.get() < 5),
                })
                .unwrap_or(true)
    };
    let hint = format!("{id}-hint");
    let texts = state.texts();
    view! {
        <div class="field field--objective">
            <label for=id>{td_string!(l, roadmap.objective_label)}</label>
            <select id=id data-testid=id aria-describedby=hint.clone() prop:value=value
                on:change=handler(move |ev| value.set(event_target_value(&ev)))>
                <option value="">{td_string!(l, roadmap.objective_none)}</option>
                {content::framework().pillars.iter().map(|pillar| view! {
                    <optgroup label=texts.pillar_name(&pillar.id).to_string()>
                        {pillar.questions.iter().filter(|q| open(q)).map(|q| view! {
                            <option value=q.clone() selected=*q == value.get_untracked()>{texts.question_title(q).to_string()}</option>
                        }).collect_any_view()}
                    </optgroup>
                }).collect_any_view()}
            </select>
            <p class="field__hint" id=hint>{td_string!(l, roadmap.objective_hint)}</p>
        </div>
    }
}
