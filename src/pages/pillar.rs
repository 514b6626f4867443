//! One pillar of the questionnaire: its questions, then its priority, and live scores beside them.
//!
//! Form controls keep their own state in the DOM: the page renders them once from the
//! assessment, and each change is written back. Only the progress and the live chart react,
//! which keeps keyboard focus where the user left it and the wasm small.

use crate::browser;
use crate::components::chart_figure::{partial_overall_text, score_or_to_confirm};
use crate::domain::assessment::{Assessment, Choice, Importance, Level, MAX_NOTE_CHARS};
use crate::domain::content::{self, Pillar};
use crate::domain::scoring;
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::pages::results::level_name;
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn PillarPage(pillar_id: String) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let framework = content::framework();
    let (Some(index), Some(assessment)) = (
        framework.pillars.iter().position(|p| p.id == pillar_id),
        state.current_untracked(),
    ) else {
        return view! { <super::home::NotFound/> }.into_any();
    };
    let pillar: &'static Pillar = &framework.pillars[index];
    if !state.ensure_questions() {
        return view! { <super::QuestionsLoading/> }.into_any();
    }
    let count = framework.pillars.len();
    let texts = state.texts();
    let (name, summary) = (
        texts.pillar_name(&pillar.id),
        texts.pillar_summary(&pillar.id),
    );
    let progress = move || {
        let (answered, to_review, date) = state
            .with_current(|a| {
                (
                    scoring::answered_count(pillar, a),
                    a.to_review(framework, pillar),
                    a.profile.redone_from.clone(),
                )
            })
            .unwrap_or_default();
        let answered = td_string!(
            l,
            pillar.answered,
            answered = answered,
            total = pillar.questions.len()
        );
        if to_review == 0 {
            return answered.to_string();
        }
        let date = browser::format_date(&date, state.lang_code(), false);
        format!(
            "{answered} · {}",
            td_string!(l, pillar.to_review, count = to_review, date = date)
        )
    };
    let pager_link = |p: &Pillar, rel: &'static str| {
        let name = texts.pillar_name(&p.id).to_string();
        let (label, class) = if rel == "prev" {
            (format!("← {name}"), "button")
        } else {
            (format!("{name} →"), "button button--primary")
        };
        view! { <a class=class href=state.href(Route::Pillar(p.id.clone())) rel=rel data-testid=format!("{rel}-pillar")>{label}</a> }
    };
    let next = match framework.pillars.get(index + 1) {
        Some(p) => pager_link(p, "next").into_any(),
        None => view! {
            <a class="button button--primary" href=state.href(Route::Results) data-testid="next-pillar">
                {format!("{} →", td_string!(l, pillar.see_results))}
            </a>
        }
        .into_any(),
    };
    // The benchmark's "time to interactive": the pillar's choices are in the page. Coming from
    // « Continuer », the first unanswered question is brought into view once drawn.
    let resume = state.take_resume_question(pillar);
    request_animation_frame(move || {
        browser::mark("autodiag:choices-rendered");
        if let Some(question) = resume {
            browser::focus_answer_in(question);
        }
    });
    view! {
        <div class="page page--pillar">
            <div class="pillar-layout">
                <div class="pillar-main">
                    <p class="eyebrow">{td_string!(l, pillar.position, index = index + 1, count = count)}</p>
                    <h1>{name.to_string()}</h1>
                    // Last year's assessment, opened to evaluate its PST, is not the one to
                    // answer this year: say so where the answers are given.
                    <crate::components::not_latest::NotLatest/>
                    <p class="lead">{summary.to_string()}</p>
                    <p class="pillar__progress" data-testid="pillar-progress">{progress}</p>
                    <p class="scale-rule" data-testid="scale-rule">
                        <strong>{td_string!(l, pillar.how_to_answer)}</strong>" "{texts.scale.rule.clone()}
                    </p>
                    <form class="questions" on:submit=handler(|ev: leptos::ev::SubmitEvent| ev.prevent_default())>
                        {pillar
                            .questions
                            .iter()
                            .enumerate()
                            .map(|(i, question)| view! {
                                <QuestionField
                                    question=question.as_str()
                                    number=i + 1
                                    note=assessment.note(question).to_string()
                                    grd=framework.grd_of(&assessment.profile.commune)
                                />
                            })
                            .collect_any_view()}
                    </form>
                    // After the questions: the page opens on the first question, and how much
                    // the pillar matters is easier to say once its questions are read.
                    <PillarPriority pillar assessment=assessment.clone()/>
                    <nav class="pager" aria-label=td_string!(l, pillar.pager)>
                        {index.checked_sub(1).map(|i| pager_link(&framework.pillars[i], "prev"))}
                        {next}
                    </nav>
                </div>
                <aside class="pillar-aside" aria-labelledby="live-title">
                    <h2 id="live-title">{td_string!(l, pillar.live_title)}</h2>
                    <LiveScores highlight=pillar.id.as_str()/>
                </aside>
            </div>
        </div>
    }
    .into_any()
}

/// How much the pillar matters to the commune, and the level it aims for.
#[component]
fn PillarPriority(pillar: &'static Pillar, assessment: Assessment) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let settings = assessment.settings(&pillar.id);
    let texts = state.texts();
    let group = format!("importance-{}", pillar.id);
    // The radios show the assessment, whatever a previous page left in the DOM.
    let importance_now = Memo::new(move |_| {
        state
            .with_current(|a| a.settings(&pillar.id).importance)
            .unwrap_or(settings.importance)
    });
    let target_id = format!("target-{}", pillar.id);
    let set_target = move |ev: leptos::ev::Event| {
        let target = event_target_value(&ev)
            .parse::<u8>()
            .ok()
            .and_then(Level::new);
        state.update_current(|a, now| a.set_target(&pillar.id, target, now));
    };
    // « 4 · Intégré », for each target and for the default one.
    let target_text =
        move |level: u8| format!("{level} · {}", texts.level_name_at(usize::from(level - 1)));
    view! {
        <div class="priority card card--quiet">
            <fieldset class="priority__importance">
                <legend>{td_string!(l, pillar.importance_legend)}</legend>
                <p class="hint">{td_string!(l, pillar.importance_hint)}</p>
                <div class="segmented">
                    {Importance::ALL.into_iter().map(|importance| {
                        let label = match importance {
                            Importance::Low => td_string!(l, pillar.importance_low),
                            Importance::Medium => td_string!(l, pillar.importance_medium),
                            Importance::High => td_string!(l, pillar.importance_high),
                        };
                        view! {
                            <label class="segmented__option">
                                <input
                                    type="radio"
                                    name=group.clone()
                                    prop:checked=move || importance_now.get() == importance
                                    on:change=handler(move |_| state.update_current(|a, now| a.set_importance(&pillar.id, importance, now)))
                                />
                                <span>{label}</span>
                            </label>
                        }
                    }).collect_any_view()}
                </div>
            </fieldset>
            <div class="field priority__target">
                <label for=target_id.clone()>{td_string!(l, pillar.target_label)}</label>
                <select id=target_id on:change=handler(set_target) prop:value=move || {
                    state
                        .with_current(|a| a.settings(&pillar.id).target)
                        .flatten()
                        .map_or_else(String::new, |level| level.get().to_string())
                }>
                    // The roadmap aims at this level when none is chosen: the option says which.
                    <option value="" selected=settings.target.is_none()>{td_string!(l, pillar.no_target, level = target_text(crate::domain::roadmap::DEFAULT_TARGET_LEVEL))}</option>
                    {Level::all().map(|level| view! {
                        <option value=level.get() selected=settings.target == Some(level)>
                            {target_text(level.get())}
                        </option>
                    }).collect_any_view()}
                </select>
            </div>
        </div>
    }
}

/// Test hooks and values of the seven choices, in display order.
fn choices() -> impl Iterator<Item = Choice> {
    Level::all()
        .map(Choice::Level)
        .chain([Choice::Unknown, Choice::NotApplicable])
}

/// One question: five described levels, « je ne sais pas », « non applicable » and a note.
#[component]
fn QuestionField(
    /// The question's stable id.
    question: &'static str,
    /// Its position in the pillar, from 1.
    number: usize,
    /// The note when the page was drawn.
    note: String,
    /// The commune's electricity distribution system operator, if known, for `{grd}`.
    grd: Option<&'static str>,
) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let texts = state.texts();
    let text = &texts.question(question);
    let framework = content::framework();
    let legal_minimum = framework.legal_minimum(question);
    let respondent = framework
        .respondent(question)
        .and_then(|key| texts.scale.services.get(key))
        .cloned()
        .unwrap_or_default();
    let personal = move |text: &str| content::with_grd(text, texts, grd).into_owned();
    let group = format!("q-{question}");
    let help_id = format!("help-{question}");
    let note_id = format!("note-{question}");
    // The radios show the assessment through `prop:checked`, so clearing the answer or
    // opening another pillar in the same elements always shows the right choice.
    let chosen = Memo::new(move |_| state.with_current(|a| a.choice(question)).flatten());
    // In a diagnostic redone from an earlier one: that round's answer, until today's is chosen.
    let previous = Memo::new(move |_| {
        state
            .with_current(|a| a.previous_choice(question))
            .flatten()
    });
    let set = move |choice: Option<Choice>| {
        state.update_current(move |a, now| a.set_choice(question, choice, now))
    };
    // The button hides once the answer is gone: the keyboard goes back to the first choice.
    let clear = move |_| {
        set(None);
        browser::focus_first_control_in(question);
    };
    // A duty that binds every commune has no « Non applicable », unless an earlier answer
    // says it: that answer stays shown, for the commune to correct.
    let not_applicable_offered = framework.offers_not_applicable(question)
        || chosen.get_untracked() == Some(Choice::NotApplicable);
    let options = choices()
        .filter(|choice| not_applicable_offered || *choice != Choice::NotApplicable)
        .map(|choice| {
            let at_minimum =
                matches!(choice, Choice::Level(level) if Some(level.get()) == legal_minimum);
            let (head, body) = match choice {
                Choice::Level(level) => {
                    let index = usize::from(level.get() - 1);
                    // Up to a legal minimum the level says where the commune stands with the
                    // law, not its maturity; at the minimum the mark below is that name.
                    let name = if at_minimum {
                        ""
                    } else {
                        level_name(texts, question, level.get())
                    };
                    (
                        format!("{} · {name}", level.get()),
                        personal(text.level_at(index)),
                    )
                }
                Choice::Unknown => (td_string!(l, question.unknown).to_string(), String::new()),
                Choice::NotApplicable => (
                    td_string!(l, question.not_applicable).to_string(),
                    String::new(),
                ),
            };
            let class = match choice {
                Choice::Level(level) if legal_minimum.is_some_and(|m| level.get() < m) => {
                    "option option--below-legal"
                }
                Choice::Level(_) => "option",
                _ => "option option--other",
            };
            let legal_mark = at_minimum.then(|| {
                view! {
                    <span class="legal-mark" data-testid=format!("legal-mark-{question}")>
                        {td_string!(l, question.legal_minimum)}
                    </span>
                }
            });
            view! {
                <label class=class>
                    <input
                        type="radio"
                        name=group.clone()
                        data-testid=format!("{question}-{}", choice.form_value())
                        prop:checked=move || chosen.get() == Some(choice)
                        on:change=handler(move |_| set(Some(choice)))
                    />
                    <span class="option__head">{head}{legal_mark}</span>
                    <span class="option__text">{body}</span>
                </label>
            }
        })
        .collect_any_view();
    // That round's note too, until it is taken back into today's: read as the page is drawn,
    // like the note, and changed only by its own button.
    let previous_note = RwSignal::new(untrack(|| {
        state
            .with_current(|a| a.previous_note(question).map(str::to_string))
            .flatten()
    }));
    // Set when the old note could not be taken in: its button says why.
    let refused = RwSignal::new(false);
    let take_note = move |_| {
        // What is being typed in the note is saved first, so the old note goes after it.
        state.leave_field();
        let mut taken = false;
        state.update_current(|a, now| taken = a.take_previous_note(question, now));
        // Not taken when the two would pass the limit: the old note stays on its line, uncut.
        if taken {
            let note = state.with_current(|a| a.note(question).to_string());
            browser::fill_text_area(&format!("note-{question}"), &note.unwrap_or_default());
            previous_note.set(None);
        }
        if !taken && refused.get_untracked() {
            // Refused again, the button's words would not change and a screen reader would
            // say nothing: its first words come back for a frame, then the refusal.
            refused.set(false);
            request_animation_frame(move || refused.set(true));
        } else {
            refused.set(!taken);
        }
    };
    let previous_line = reactive(move || {
        let choice = previous.get();
        let note = previous_note.get();
        if choice.is_none() && note.is_none() {
            return None;
        }
        // Read once: it never changes while the page is open.
        let date =
            untrack(|| state.with_current(|a| a.profile.redone_from.clone())).unwrap_or_default();
        let date = browser::format_date(&date, state.lang_code(), false);
        let answer = choice.map(|choice| {
            let answer = match choice {
                Choice::Level(level) => format!(
                    "{} · {}",
                    level.get(),
                    level_name(texts, question, level.get())
                ),
                Choice::Unknown => td_string!(l, question.unknown).to_string(),
                Choice::NotApplicable => td_string!(l, question.not_applicable).to_string(),
            };
            td_string!(l, question.previous, date = date.clone(), answer = answer)
        });
        // Refused, the button says why, and tries again once the note is shorter.
        let take = if refused.get() {
            td_string!(l, question.take_refused)
        } else {
            td_string!(l, question.take_previous_note)
        };
        let note = note.map(|note| view! {
            <span data-testid=format!("previous-note-{question}")>
                " "{td_string!(l, question.previous_note, date = date, note = note)}" "
                <button type="button" class="button button--small button--quiet" data-testid=format!("take-previous-note-{question}") on:click=handler(take_note)>
                    {take}
                </button>
            </span>
        });
        Some(view! {
            <p class="question__previous" data-testid=format!("previous-{question}") aria-live="polite">{answer}{note}</p>
        })
    });
    view! {
        <fieldset class="question" id=question data-testid=format!("question-{question}") aria-describedby=help_id>
            <legend>
                <span class="question__number">{number}</span>
                <span class="question__title">{text.title.clone()}</span>
            </legend>
            <p class="question__help" id=help_id.clone()>{personal(&text.help)}</p>
            {legal_minimum.map(|minimum| view! {
                <p class="question__legal" data-testid=format!("legal-basis-{question}")>
                    <strong>{td_string!(l, question.legal_duty)}</strong>" "
                    {format!("{}.", text.legal_basis.trim_end_matches('.'))}" "
                    {td_string!(l, question.legal_level, level = minimum)}
                </p>
            })}
            <p class="question__respondent">
                {td_string!(l, question.respondent)}" "<strong>{respondent}</strong>
            </p>
            {previous_line}
            <div class="options">{options}</div>
            <div class="question__footer">
                <div class="field question__note">
                    <label for=note_id.clone()>{td_string!(l, question.note_label)}</label>
                    <textarea
                        id=note_id
                        rows="2"
                        maxlength=MAX_NOTE_CHARS
                        prop:value=note
                        on:input=handler(move |ev| {
                            let note = event_target_value(&ev);
                            state.type_text(format!("note:{question}"), move |a, now, continuing| {
                                if continuing {
                                    a.continue_note(question, &note, now);
                                } else {
                                    a.set_note(question, &note, now);
                                }
                            });
                        })
                        on:blur=handler(move |_| state.leave_field())
                    ></textarea>
                </div>
                <button type="button" class="button button--small button--quiet question__clear" on:click=handler(clear)>
                    {td_string!(l, question.clear)}
                </button>
            </div>
        </fieldset>
    }
}

/// Every pillar's score as HTML bars, following the answers, with the current pillar marked.
/// Plain HTML rather than an SVG chart: it is its own text alternative, and it keeps the chart
/// library out of the questionnaire's first load.
#[component]
fn LiveScores(highlight: &'static str) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let texts = state.texts();
    // The rows are drawn once; each bar and value follows its own pillar's score, so a click
    // rewrites the one row that changed rather than every row.
    let rows = content::framework()
        .pillars
        .iter()
        .map(|pillar| {
            let id = pillar.id.as_str();
            // The score, and whether it rests on fewer than half of the pillar's questions.
            let score = Memo::new(move |_| {
                state.scores.with(|scores| {
                    scores
                        .iter()
                        .find(|score| score.pillar_id == id)
                        .map_or((None, false), |score| (score.score, score.to_confirm()))
                })
            });
            let bar_class = move || {
                let band = score.get().0.map_or(0, |s| scoring::band_of(s).get());
                format!("live-bars__bar cell--{band}")
            };
            view! {
                <tr class:live-bars__current=id == highlight>
                    <th scope="row">{texts.pillar_name(id).to_string()}</th>
                    <td>
                        <span class="live-bars__track" aria-hidden="true">
                            <span class=bar_class style:width=move || format!("{}%", score.get().0.unwrap_or(0))></span>
                        </span>
                        // One answer at 5 is not « Exemplaire »: as the results say, to confirm.
                        <span class="live-bars__value">{reactive(move || {
                            let (value, to_confirm) = score.get();
                            score_or_to_confirm(state, value, to_confirm)
                        })}</span>
                    </td>
                </tr>
            }
        })
        .collect_any_view();
    let overall = move || {
        state.scores.with(|scores| match scoring::overall(scores) {
            None => "—".to_string(),
            Some(s) if scoring::overall_to_confirm(scores) => {
                format!("{s} / 100 · {}", td_string!(l, results.to_confirm))
            }
            Some(s) => format!("{s} / 100"),
        })
    };
    view! {
        // Named by the aside's heading, so a screen reader does not hear the title twice.
        <table class="live-bars" data-testid="live-chart" aria-labelledby="live-title">
            <tbody>{rows}</tbody>
        </table>
        <p class="live-overall" data-testid="live-overall">
            {td_string!(l, pillar.overall)}" "<strong>{overall}</strong>
            // One pillar answered is not the commune's maturity: say what the figure covers.
            <span data-testid="live-overall-partial">{reactive(move || state.scores.with(|scores| partial_overall_text(scores).map(|text| format!(" {text}"))))}</span>
        </p>
        <p class="hint"><a href=state.href(Route::Results)>{td_string!(l, pillar.see_results)}</a></p>
    }
}
