//! Before and after: two assessments of a commune side by side.

use crate::chart::{self, Radar, Series};
use crate::components::chart_figure::to_confirm_text;
use crate::components::import::ImportArea;
use crate::domain::compare;
use crate::domain::content;
use crate::domain::profile::Authorship;
use crate::domain::scoring;
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::pages::results::choice_or_changed;
use crate::state::AppState;
use leptos::prelude::*;
use maud::html;

#[component]
pub fn ComparePage() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let framework = content::framework();
    let texts = state.texts();
    // Follows the workspace, so an assessment imported here can be picked at once. By
    // commune, then in time order, each with who answered: « Fleurus · 05/11/2025 · Paul
    // Lambert (DG) ».
    let options = Memo::new(move |_| {
        state.workspace.with(|w| {
            let keyed: Vec<(String, String, String)> = w
                .assessments
                .iter()
                .map(|a| {
                    let date =
                        crate::browser::format_date(&a.profile.date, state.lang_code(), false);
                    let text = match a.profile.authorship() {
                        Authorship::Respondent(who) => {
                            format!("{} · {date} · {who}", a.profile.display_name())
                        }
                        _ => format!("{} · {date}", a.profile.display_name()),
                    };
                    let key = format!(
                        "{}\u{0}{}\u{0}{}",
                        crate::domain::profile::slug(&a.profile.commune),
                        a.profile.date,
                        a.id
                    );
                    (key, a.id.clone(), text)
                })
                .collect();
            // The shared index sort, already in the bundle: a sort of this list's own type
            // cost about 1 KB. The keys hold the id, so none repeats.
            crate::sort::key_order(keyed.len(), &mut |i, j| keyed[i].0.cmp(&keyed[j].0))
                .into_iter()
                .map(|i| (keyed[i].1.clone(), keyed[i].2.clone()))
                .collect::<Vec<(String, String)>>()
        })
    });
    let current = state.current.get_untracked().unwrap_or_default();
    // Nothing to compare yet: the open assessment's commune has no other assessment here, or
    // no commune has two. The files are what a facilitator needs to bring in.
    let to_import = {
        let current = current.clone();
        Memo::new(move |_| {
            state.workspace.with(|w| match w.get(&current) {
                Some(this) => w.others_of_same_commune(this).next().is_none().then(|| {
                    let commune = this.profile.commune.clone();
                    (
                        td_string!(l, compare.import_title),
                        td_string!(l, compare.import_lead, commune = commune).to_string(),
                    )
                }),
                // No two assessments of one commune here yet.
                None => (!w
                    .assessments
                    .iter()
                    .any(|a| w.others_of_same_commune(a).next().is_some()))
                .then(|| {
                    (
                        td_string!(l, compare.import_title_empty),
                        td_string!(l, compare.import_lead_empty).to_string(),
                    )
                }),
            })
        })
    };
    // By default the open assessment is compared with the latest other assessment of the same
    // commune (same NIS code or name), in time order: opened on last year's, « Avant » was this
    // year's and every change read backwards. Never with another commune's: the user picks
    // that, and is told.
    let (default_before, default_after) = state.workspace.with_untracked(|w| {
        let Some(this) = w.get(&current) else {
            return (String::new(), current.clone());
        };
        let other = w
            .others_of_same_commune(this)
            .max_by(|a, b| a.profile.date.cmp(&b.profile.date));
        match other {
            Some(other) => {
                let (earlier, later) = compare::in_time_order(other, this);
                (earlier.id.clone(), later.id.clone())
            }
            None => (String::new(), current.clone()),
        }
    });
    // One list of what happened to each file, for the offer and for the folded import that
    // takes its place once two assessments compare: several files picked at once still all
    // say how they went, and a question about a duplicate is still there to answer.
    let outcomes = RwSignal::new(Vec::new());
    let before = RwSignal::new(default_before);
    let after = RwSignal::new(default_after);
    // An imported assessment of the same commune is compared at once, in time order.
    let imported = Callback::new(move |id: String| {
        // Paired with « after » when it is the same commune, or else with that commune's latest
        // other assessment here; a file with nothing to pair with waits as « after ».
        let pair = state.workspace.with_untracked(|w| {
            let new = w.get(&id)?;
            let partner = w
                .get(&after.get_untracked())
                .filter(|open| open.id != new.id && open.same_commune(new))
                .or_else(|| {
                    w.others_of_same_commune(new)
                        .max_by(|a, b| a.profile.date.cmp(&b.profile.date))
                })?;
            let (earlier, later) = compare::in_time_order(new, partner);
            Some((earlier.id.clone(), later.id.clone()))
        });
        match pair {
            Some((earlier, later)) => {
                before.set(earlier);
                after.set(later);
            }
            None if after.get_untracked().is_empty() => after.set(id),
            None => {}
        }
    });
    let pick = move |id: &'static str,
                     label: &'static str,
                     signal: RwSignal<String>,
                     options: Vec<(String, String)>| {
        view! {
            <div class="field field--inline">
                <label for=id>{label}</label>
                <select id=id data-testid=id on:change=handler(move |ev| signal.set(event_target_value(&ev)))>
                    <option value="" selected=signal.get_untracked().is_empty()>"—"</option>
                    {options.into_iter().map(|(value, text)| {
                        let selected = signal.get_untracked() == value;
                        view! { <option value=value selected=selected>{text}</option> }
                    }).collect_any_view()}
                </select>
            </div>
        }
    };
    let comparison = move || {
        let (b, a) = (before.get(), after.get());
        let pair = state
            .workspace
            .with_untracked(|w| Some((w.get(&b)?.clone(), w.get(&a)?.clone())));
        let Some((b, a)) = pair else {
            return view! { <p class="hint">{td_string!(l, compare.choose)}</p> }.into_any();
        };
        // Which two, in words: the pickers are not printed, and a collège reads the page on paper.
        let lang = state.lang_code();
        let named = |x: &crate::domain::assessment::Assessment| {
            if !crate::domain::profile::is_iso_date(&x.profile.date) {
                return x.profile.display_name();
            }
            format!(
                "{}, {}",
                x.profile.display_name(),
                crate::browser::format_date(&x.profile.date, lang, false)
            )
        };
        // Two communes picked by hand: a comparison, not an evolution, and no PST to evaluate.
        let same_commune = b.same_commune(&a);
        let pair = view! {
            <p class="compare__pair" data-testid="compare-pair">
                {td_string!(l, compare.pair, before = named(&b), after = named(&a))}
            </p>
        };
        // Picked the wrong way round, every gain reads as a loss: said, with the way back. The
        // later round's plan is then no plan to evaluate by the earlier one.
        let backwards = same_commune
            && [&b, &a]
                .iter()
                .all(|x| crate::domain::profile::is_iso_date(&x.profile.date))
            && b.profile.date > a.profile.date;
        let reversed = backwards.then(|| {
            view! {
                <p class="notice notice--warning no-print" data-testid="compare-reversed">
                    <span>{td_string!(l, compare.reversed, before = named(&b), after = named(&a))}</span>
                    <button type="button" class="button button--small" data-testid="compare-swap"
                        on:click=handler(move |_| {
                            let earlier = after.get_untracked();
                            after.set(before.get_untracked());
                            before.set(earlier);
                        })>
                        {td_string!(l, compare.swap)}
                    </button>
                </p>
            }
        });
        let other_commune = (!same_commune).then(|| {
            html! {
                p."notice notice--warning" data-testid="compare-other-commune" {
                    (td_string!(l, compare.other_commune, before = b.profile.display_name(), after = a.profile.display_name()))
                }
            }
        });
        let pillars = compare::pillar_deltas(framework, &b, &a);
        // Scores over different questions are no evolution: say so before the numbers.
        let changed: usize = pillars.iter().map(|p| p.one_sided).sum();
        let changed_notice = (changed > 0).then(|| {
            html! {
                p."notice notice--info" data-testid="compare-changed" {
                    (crate::td_plural!(l, compare.changed_notice, changed))
                }
            }
        });
        // Not the same people: part of the change may be who answered, not the commune.
        let (before_by, after_by) = (b.profile.authorship(), a.profile.authorship());
        let others_answered = (before_by != after_by
            && before_by != Authorship::Commune
            && after_by != Authorship::Commune)
            .then(|| {
                let who = |by: Authorship, x: &crate::domain::assessment::Assessment| match by {
                    Authorship::Respondent(who) => who,
                    _ => x.profile.display_name(),
                };
                html! {
                    p."notice notice--info" data-testid="compare-respondents" {
                        (td_string!(l, compare.respondents_differ, before = who(before_by, &b), after = who(after_by, &a)))
                    }
                }
            });
        let questions = compare::question_deltas(framework, &b, &a);
        // A question the référentiel changed since the earlier answers: its old answer sits
        // in the note, not « Sans réponse ».
        let (changed_before, changed_after) = (b.asked_again(framework), a.asked_again(framework));
        let later_scores = scoring::score_all(framework, &a);
        let radar = chart::radar_svg(&Radar {
            title: td_string!(l, compare.radar_title, commune = a.profile.commune.clone()),
            axes: framework
                .pillars
                .iter()
                .map(|p| texts.pillar_name(&p.id).to_string())
                .collect(),
            commune: Series {
                label: td_string!(
                    l,
                    results.compared_with,
                    date = crate::browser::format_date(&a.profile.date, state.lang_code(), false)
                ),
                values: later_scores.iter().map(|s| s.score).collect(),
            },
            target: None,
            comparison: Some(Series {
                label: td_string!(
                    l,
                    results.compared_with,
                    date = crate::browser::format_date(&b.profile.date, state.lang_code(), false)
                ),
                values: scoring::score_all(framework, &b)
                    .iter()
                    .map(|s| s.score)
                    .collect(),
            }),
            not_assessed: td_string!(l, results.not_assessed).to_string(),
            to_confirm: later_scores
                .iter()
                .map(scoring::PillarScore::to_confirm)
                .collect(),
            to_confirm_note: td_string!(l, results.radar_to_confirm).to_string(),
        });
        // A score on few questions is shaky, and so is a change from or to it.
        let score = |s: Option<u8>, to_confirm: bool| match s {
            Some(s) if to_confirm => to_confirm_text(s),
            Some(s) => s.to_string(),
            None => "—".to_string(),
        };
        // « Avant : », the cell's own margin standing for the colon's trailing space.
        let label = |name: &str| format!("{name}{}", td_string!(l, shell.colon).trim_end());
        let (before_label, after_label, delta_label) = (
            label(td_string!(l, compare.before)),
            label(td_string!(l, compare.after)),
            label(td_string!(l, compare.delta)),
        );
        let delta = |d: Option<i16>| {
            let (class, text) = match d {
                Some(d) if d > 0 => (Some("delta--up"), format!("+{d}")),
                Some(d) if d < 0 => (Some("delta--down"), d.to_string()),
                Some(_) => (None, "0".to_string()),
                None => (None, "—".to_string()),
            };
            html! { td class=[class] data-label=(delta_label) { (text) } }
        };
        // What became of the earlier round's plan, before its objectives are evaluated.
        let plan = b.roadmap.as_ref().filter(|_| same_commune && !backwards).map(|r| {
            // Marked « Fait » in either round: a redone diagnostic carries the plan over, and
            // the commune ticks what it did in the new round's roadmap.
            let done = r
                .items
                .iter()
                .filter(|i| i.done_by(a.roadmap.as_ref()))
                .count();
            let date = crate::browser::format_date(&b.profile.date, state.lang_code(), false);
            html! {
                p data-testid="compare-roadmap" {
                    (crate::td_plural!(l, compare.roadmap_done, done, total = r.items.len(), date = date))
                }
            }
        });
        // The earlier assessment's roadmap was the plan: its PST objectives, evaluated by the later one.
        let evaluate = (same_commune && !backwards && b.roadmap.is_some()).then(|| {
            let (earlier, later) = (b.id.clone(), a.id.clone());
            let date = crate::browser::format_date(&b.profile.date, state.lang_code(), false);
            view! {
                <p class="no-print">
                    <button type="button" class="button" data-testid="pst-evaluate" on:click=handler(move |_| {
                        state.open(&earlier);
                        let hash = crate::route::Route::href_pst_evaluated_with(&later);
                        let _ = crate::browser::window().location().set_hash(&hash);
                    })>{td_string!(l, compare.evaluate_pst, date = date)}</button>
                </p>
            }
        });
        // Read-only but for two buttons: the rest is HTML strings (src/markup.rs).
        let before_plan = html! { (other_commune.unwrap_or_default()) (plan.unwrap_or_default()) };
        let after_plan = html! {
            (others_answered.unwrap_or_default())
            (changed_notice.unwrap_or_default())
            figure.chart data-testid="compare-radar" {
                div.chart__svg { (maud::PreEscaped(radar)) }
            }
            // On a phone each row reads as a card, each cell named (`data-table--stack`): the
            // evolution was cut off at the screen's edge.
            table."data-table data-table--stack" data-testid="pillar-deltas" {
                caption { (td_string!(l, compare.pillars_caption)) }
                (crate::markup::column_headers(&[
                    td_string!(l, results.col_pillar),
                    td_string!(l, compare.before),
                    td_string!(l, compare.after),
                    td_string!(l, compare.delta),
                ]))
                tbody {
                    @for p in &pillars {
                        tr {
                            th scope="row" {
                                (texts.pillar_name(&p.pillar_id))
                                @if p.one_sided > 0 { (crate::markup::warning_badge(td_string!(l, compare.changed_badge))) }
                            }
                            td data-label=(before_label) { (score(p.before, p.before_to_confirm)) }
                            td data-label=(after_label) { (score(p.after, p.after_to_confirm)) }
                            (delta(p.delta))
                        }
                    }
                }
            }
            table."data-table data-table--stack" data-testid="question-deltas" {
                caption { (td_string!(l, compare.questions_caption)) }
                (crate::markup::column_headers(&[
                    td_string!(l, results.col_question),
                    td_string!(l, compare.before),
                    td_string!(l, compare.after),
                    td_string!(l, compare.delta),
                ]))
                tbody {
                    @for q in &questions {
                        tr {
                            th scope="row" { (texts.questions.get(&q.question_id).map_or("", |t| t.title.as_str())) }
                            @for (choice, changed, label) in [(q.before, &changed_before, &before_label), (q.after, &changed_after, &after_label)] {
                                td data-label=(label) {
                                    (choice_or_changed(state, &q.question_id, choice, changed.contains(&q.question_id.as_str())))
                                }
                            }
                            (delta(q.delta.map(i16::from)))
                        }
                    }
                }
            }
        };
        view! {
            {pair}
            {reversed}
            <div inner_html=before_plan.into_string()></div>
            {evaluate}
            <div inner_html=after_plan.into_string()></div>
        }
        .into_any()
    };
    view! {
        <div class="page page--compare">
            <h1>{td_string!(l, nav.compare)}</h1>
            <p class="lead">{td_string!(l, compare.lead)}</p>
            {reactive(move || to_import.get().map(|(title, lead)| view! {
                <section class="card no-print" aria-labelledby="compare-import-title" data-testid="compare-import">
                    <h2 id="compare-import-title">{title}</h2>
                    <p>{lead}</p>
                    <ImportArea on_added=imported outcomes/>
                </section>
            }))}
            {reactive(move || {
                let options = options.get();
                // Drawn again in place, a select keeps the option the user last picked: it is
                // set to the one compared (an import may have changed both) once drawn.
                let (shown_before, shown_after) = (before.get(), after.get());
                request_animation_frame(move || {
                    crate::browser::set_select_value("compare-before", &shown_before);
                    crate::browser::set_select_value("compare-after", &shown_after);
                });
                view! {
                    <div class="inline-form compare-picks no-print">
                        {pick("compare-before", td_string!(l, compare.before_label), before, options.clone())}
                        {pick("compare-after", td_string!(l, compare.after_label), after, options)}
                        // For the collège: the page prints with the two named above the chart.
                        <button type="button" class="button" data-testid="compare-print"
                            on:click=handler(|_| crate::browser::print())>{td_string!(l, report.print)}</button>
                    </div>
                }
            })}
            {comparison}
            // Once two can be compared, a third file (an older year, another commune) can
            // still come in, folded away under the comparison.
            {reactive(move || to_import.get().is_none().then(|| view! {
                <details class="card card--quiet no-print" data-testid="compare-import-more"
                    open=outcomes.with_untracked(|o| !o.is_empty())>
                    <summary>{td_string!(l, compare.import_more)}</summary>
                    <ImportArea on_added=imported outcomes/>
                </details>
            }))}
        </div>
    }
}
