//! Handing the summary over to IGRETEC: save the file, then say where it is and how to send
//! it. Only the tools bundle draws this.

use crate::browser;
use crate::components::download::{SavedSummary, download_summary};
use crate::domain::settings::OPERATOR;
use crate::erased::{handler, reactive};
use crate::i18n::*;
use crate::state::AppState;
use leptos::prelude::*;

/// « Enregistrer le résumé pour IGRETEC (fichier) », and after it the hand-over panel.
#[component]
pub fn SaveForIgretec() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let saved = RwSignal::new(None::<SavedSummary>);
    // Changes still open in the roadmap's editors: the summary would go without them, while
    // the commune believes it sent its owners and deadlines. Once refused, the notice follows
    // the editors, and goes when they are saved or cancelled.
    let refused = RwSignal::new(false);
    let save = move |_| {
        if let Some(id) = state.current.get_untracked() {
            let result = download_summary(state, &id);
            refused.set(result.is_err());
            saved.set(result.ok().flatten());
        }
    };
    let unsaved = move || {
        if !refused.get() {
            return 0;
        }
        let id = state.current.get().unwrap_or_default();
        crate::pages::roadmap::unsaved_changes_tracked(&id)
    };
    view! {
        <div class="handover no-print">
            <button type="button" class="button button--primary" data-testid="download-summary"
                aria-describedby="handover-help" on:click=handler(save)>
                {td_string!(l, download.summary)}
            </button>
            <p id="handover-help" class="field__hint">{td_string!(l, handover.help)}</p>
            {reactive(move || {
                let count = unsaved();
                // On the roadmap itself the editors are on the page: no link to it.
                let elsewhere = state.route.get() != crate::route::Route::Roadmap;
                (count > 0).then(|| view! {
                    <p class="notice notice--warning" role="alert" data-testid="handover-unsaved">
                        {td_plural!(l, handover.unsaved_roadmap, count)}
                        {elsewhere.then(|| view! { " "<a href=state.href(crate::route::Route::Roadmap)>{td_string!(l, handover.open_roadmap)}</a> })}
                    </p>
                })
            })}
            {reactive(move || saved.get().map(|saved| view! { <HandOverPanel saved/> }))}
        </div>
    }
}

/// Where the file went and how to send it, in a DG's words: the file's name, the Downloads
/// folder, a prepared e-mail when the intercommunale has set an address, and the system's
/// share sheet where the browser offers one.
#[component]
pub fn HandOverPanel(saved: SavedSummary) -> impl IntoView {
    let l = crate::state::locale();
    let subject = td_string!(l, handover.mail_subject, commune = saved.commune.clone()).to_string();
    let body = td_string!(
        l,
        handover.mail_body,
        commune = saved.commune.clone(),
        file = saved.file_name.clone()
    )
    .to_string();
    let mail = OPERATOR.summary_mail_link(&subject, &body);
    let shareable = browser::shareable_file(&saved.file_name, "application/json", &saved.json);
    let share_failed = RwSignal::new(false);
    // A service that answered its own pillars: its file goes to the colleague who brings the
    // commune's answers together, not to IGRETEC as the commune's.
    let part_only = saved.unanswered > 0 && !saved.synthesis;
    let share = shareable.map(|file| {
        let title = subject.clone();
        move |_| {
            let file = file.clone();
            let title = title.clone();
            wasm_bindgen_futures::spawn_local(async move {
                share_failed.set(browser::share_file(&file, &title).await.is_err());
            });
        }
    });
    view! {
        <section class="handover__panel" role="status" data-testid="handover" aria-labelledby="handover-title">
            <h3 id="handover-title">{td_string!(l, handover.title)}</h3>
            <p>
                {td_string!(l, handover.file_is)}" "
                <strong class="handover__file" data-testid="handover-file">{saved.file_name.clone()}</strong>
                " "{td_string!(l, handover.in_downloads)}" "
                // A synthesis names a group and its participants, not whoever saved it.
                {if saved.synthesis { td_string!(l, handover.holds_synthesis) } else { td_string!(l, handover.holds) }}
            </p>
            // Before it leaves the commune: read by name beside the others, a note may be quoted.
            <p data-testid="handover-what-it-does">{td_string!(l, handover.what_it_does, operator = OPERATOR.name)}</p>
            {(saved.unanswered > 0).then(|| view! {
                <p data-testid="handover-incomplete">
                    {td_plural!(l, handover.incomplete, saved.unanswered, of = saved.total, operator = OPERATOR.name)}" "
                    <a href=saved.resume_href.clone()>{td_string!(l, handover.complete_it)}</a>
                </p>
                {part_only.then(|| view! { <p data-testid="handover-part-only">{td_string!(l, handover.part_only)}</p> })}
            })}
            // Last year's plan goes as this year's unless the commune regenerated it.
            {saved.roadmap_carried_from.clone().map(|date| view! {
                <p data-testid="handover-carried">
                    {td_string!(l, handover.carried, date = date)}" "
                    <a href=AppState::from_context().href(crate::route::Route::Roadmap)>{td_string!(l, handover.open_roadmap)}</a>
                </p>
            })}
            // Last round's notes left as reminders: the commune may have meant to send them.
            {(saved.notes_left > 0).then(|| {
                let open = if saved.notes_left == 1 {
                    td_string!(l, handover.notes_left_open)
                } else {
                    td_string!(l, handover.notes_left_open_first)
                };
                view! {
                    <p data-testid="handover-notes-left">
                        {td_plural!(l, handover.notes_left, saved.notes_left, date = saved.redone_from.clone())}" "
                        <a href=saved.notes_href.clone()>{open}</a>
                    </p>
                }
            })}
            {match mail {
                Some(href) => view! {
                    <p>
                        <a class="button button--primary" href=href data-testid="mail-igretec">{td_string!(l, handover.write_to, operator = OPERATOR.name)}</a>
                        " "<span class="field__hint">{td_string!(l, handover.attach)}</span>
                    </p>
                }.into_any(),
                None => view! {
                    <p data-testid="handover-contact">
                        // After « answered for your service only? send it to whoever brings the
                        // answers together », the contact is for the whole commune's file.
                        {if part_only {
                            td_string!(l, handover.send_to_contact_whole, operator = OPERATOR.name)
                        } else {
                            td_string!(l, handover.send_to_contact, operator = OPERATOR.name)
                        }}" "
                        <a href=OPERATOR.website>{OPERATOR.website_shown()}</a>
                    </p>
                }.into_any(),
            }}
            {share.map(|share| view! {
                <p>
                    <button type="button" class="button" data-testid="share-summary" on:click=handler(share)>{td_string!(l, handover.share)}</button>
                    " "<span class="field__hint">{td_string!(l, handover.share_hint)}</span>
                </p>
            })}
            {reactive(move || share_failed.get().then(|| view! { <p class="field__error" role="alert">{td_string!(l, handover.share_failed)}</p> }))}
        </section>
    }
}
