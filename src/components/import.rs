//! Importing summary files: a file picker and drag and drop. Nothing existing ever changes
//! without the user's say: an import adds a new assessment, and replaces one only when asked,
//! the replaced one recoverable with « Annuler ».

use crate::browser;
use crate::components::file_drop::FileDrop;
use crate::domain::assessment::Assessment;
use crate::domain::stored;
use crate::domain::summary::{self, ImportError};
use crate::domain::{content, scoring};
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::pages::projector::owner_text;
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;

/// What happened to one imported file.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Added {
        /// The new assessment's id.
        id: String,
        name: String,
        /// Questions answered in the file, out of the référentiel's: what came back.
        answered: usize,
        total: usize,
        unknown_questions: Vec<String>,
        /// Questions the référentiel changed since the file was answered, asked again.
        asked_again: usize,
        /// « Marie Lambert (DG) », who answered: a colleague taking the diagnostic over would
        /// otherwise send IGRETEC a summary in that name.
        filled_by: Option<String>,
    },
    Restored {
        /// Each assessment added, so the user can open the one they came back for rather
        /// than a namesake already here.
        restored: Vec<RestoredAssessment>,
        /// Assessments of the backup already in this browser as they are: not added again.
        already_here: usize,
    },
    Failed {
        file: String,
        message: String,
    },
    /// The same commune and date exist already: waiting for the user's choice.
    Duplicate {
        file: String,
        pending: Box<Assessment>,
        /// When the file was saved, to compare with the assessment already here.
        saved_at: String,
        unknown_questions: Vec<String>,
        asked_again: usize,
    },
    Cancelled {
        file: String,
    },
}

/// One assessment a backup brought back.
#[derive(Clone, Debug, PartialEq)]
pub struct RestoredAssessment {
    pub id: String,
    pub name: String,
    /// Questions answered, out of the référentiel's.
    pub answered: usize,
    /// Added beside a copy here that changed since the backup, under the same name.
    pub beside: bool,
}

/// What the user chose for a file of a diagnostic already in this browser.
#[derive(Clone, Copy)]
enum DuplicateChoice {
    Replace,
    KeepBoth,
    Cancel,
}

/// A question as the reader knows it, by its title.
fn question_title(l: Locale, question_id: &str) -> String {
    crate::domain::content::texts(l.as_str())
        .question_title(question_id)
        .to_string()
}

/// A pillar's name for a message, never its id (« gouvernance »); an unknown id as it is.
fn pillar_title(l: Locale, pillar_id: &str) -> String {
    crate::domain::content::texts(l.as_str())
        .pillar_name(pillar_id)
        .to_string()
}

/// The sentence for an import error, in the given language. It takes the language rather
/// than reading it from context, since files are read in tasks outside the component tree.
pub fn error_message(l: Locale, error: &ImportError) -> String {
    match error {
        ImportError::Empty => td_string!(l, import.errors.empty).to_string(),
        // Rounded up: a file just over the limit reads « 5,1 Mo », never « 5 Mo ».
        ImportError::TooLarge { bytes } => td_string!(
            l,
            import.errors.too_large,
            size = crate::browser::format_number(
                (*bytes as f64 / 104_857.6).ceil() / 10.0,
                l.as_str(),
                1
            )
        )
        .to_string(),
        ImportError::Binary => td_string!(l, import.errors.binary).to_string(),
        ImportError::NotJson { line, column } => {
            td_string!(l, import.errors.not_json, line = *line, column = *column).to_string()
        }
        ImportError::Truncated { line } => {
            td_string!(l, import.errors.truncated, line = *line).to_string()
        }
        ImportError::TooDeep => td_string!(l, import.errors.too_deep).to_string(),
        ImportError::NotAutodiag => td_string!(l, import.errors.not_autodiag).to_string(),
        ImportError::Backup => td_string!(l, import.errors.backup).to_string(),
        ImportError::Reference => td_string!(
            l,
            import.errors.reference,
            territory = crate::domain::settings::OPERATOR.territory
        )
        .to_string(),
        ImportError::NewerSchema { found, supported } => td_string!(
            l,
            import.errors.newer,
            found = *found,
            supported = *supported
        )
        .to_string(),
        ImportError::MissingField { field, line } => td_string!(
            l,
            import.errors.missing_field,
            field = field.clone(),
            line = *line
        )
        .to_string(),
        ImportError::WrongType {
            field,
            line,
            column,
        } => td_string!(
            l,
            import.errors.wrong_type,
            field = field,
            line = *line,
            column = *column
        )
        .to_string(),
        ImportError::LevelOutOfRange { question_id, value } => td_string!(
            l,
            import.errors.level,
            question = question_title(l, question_id),
            value = value.clone()
        )
        .to_string(),
        ImportError::DuplicatePillar { pillar_id } => td_string!(
            l,
            import.errors.duplicate_pillar,
            pillar = pillar_title(l, pillar_id)
        )
        .to_string(),
        ImportError::DuplicateAnswer { question_id } => td_string!(
            l,
            import.errors.duplicate,
            question = question_title(l, question_id)
        )
        .to_string(),
        ImportError::InvalidValue {
            field,
            line,
            column,
        } => td_string!(
            l,
            import.errors.invalid,
            field = field,
            line = *line,
            column = *column
        )
        .to_string(),
        ImportError::OtherFramework { id } => {
            td_string!(l, import.errors.other_framework, id = id.clone()).to_string()
        }
        ImportError::TargetOutOfRange { pillar_id, value } => td_string!(
            l,
            import.errors.target,
            pillar = pillar_title(l, pillar_id),
            value = *value
        )
        .to_string(),
    }
}

/// Why a copy of a browser's answers cannot be read back, in the copy owner's words: never
/// « ask the commune » for a summary, as for another file.
pub fn backup_error_message(l: Locale, error: &stored::DecodeError) -> &'static str {
    match error {
        stored::DecodeError::FromTheFuture { .. } => td_string!(l, import.errors.backup_newer),
        _ => td_string!(l, import.errors.backup_damaged),
    }
}

/// Reads one file and adds what it holds, or says why not.
pub fn import_bytes(state: AppState, file: &str, bytes: &[u8]) -> Outcome {
    let l = state.lang.get_untracked();
    let now = browser::now_iso();
    // A crash backup holds every assessment of a browser.
    let backup = std::str::from_utf8(bytes)
        .ok()
        .filter(|text| crate::domain::format::find_str(text, stored::BACKUP_FORMAT).is_some())
        .map(stored::decode_backup);
    // A copy that cannot be read back is the commune's own: it is told so, not to ask
    // itself for a summary.
    if let Some(Err(error)) = &backup
        && summary::parse(bytes).is_err_and(|e| e == ImportError::Backup)
    {
        return Outcome::Failed {
            file: file.to_string(),
            message: backup_error_message(l, error).to_string(),
        };
    }
    if let Some(Ok(assessments)) = backup {
        let (mut restored, mut already_here) = (Vec::new(), 0);
        for mut assessment in assessments {
            // As the copies here were when this browser loaded them: under this référentiel.
            assessment.apply_content_migrations(content::framework());
            // The same copy restored twice would be a silent duplicate, whatever its id.
            if state.workspace.with_untracked(|w| {
                w.assessments
                    .iter()
                    .any(|here| here.same_content(&assessment))
            }) {
                already_here += 1;
                continue;
            }
            // Changed since this backup: both are kept, the backup's beside.
            let is_beside = state
                .workspace
                .with_untracked(|w| w.get(&assessment.id).is_some());
            if is_beside {
                assessment.id = browser::new_id();
            }
            // The backup just read is a copy of these answers: the status line says so, rather
            // than « jamais » on the computer they were moved to.
            assessment.restored_from_copy();
            let name = assessment.profile.display_name();
            let answered = scoring::answered_total(content::framework(), &assessment).0;
            restored.push(RestoredAssessment {
                id: state.add(assessment),
                name,
                answered,
                beside: is_beside,
            });
        }
        return Outcome::Restored {
            restored,
            already_here,
        };
    }
    match summary::import(content::framework(), bytes, browser::new_id(), &now) {
        Err(error) => Outcome::Failed {
            file: file.to_string(),
            message: error_message(l, &error),
        },
        Ok(imported) => {
            let mut assessment = imported.assessment;
            assessment.revision = 1;
            let duplicate = state
                .workspace
                .with_untracked(|w| w.same_commune_and_date(&assessment).is_some());
            if duplicate {
                Outcome::Duplicate {
                    file: file.to_string(),
                    pending: Box::new(assessment),
                    saved_at: imported.generated_at,
                    unknown_questions: imported.unknown_questions,
                    asked_again: imported.asked_again,
                }
            } else {
                add_imported(
                    state,
                    assessment,
                    imported.unknown_questions,
                    imported.asked_again,
                )
            }
        }
    }
}

/// Adds an imported assessment to this browser, and says what came back with it.
fn add_imported(
    state: AppState,
    assessment: Assessment,
    unknown_questions: Vec<String>,
    asked_again: usize,
) -> Outcome {
    let name = assessment.profile.commune.clone();
    let (answered, total) = scoring::answered_total(content::framework(), &assessment);
    // A workshop's synthesis names a group, which nobody takes over by name.
    let filled_by = (!assessment.profile.is_synthesis())
        .then(|| assessment.profile.respondent_label())
        .flatten();
    let id = state.add(assessment);
    Outcome::Added {
        id,
        name,
        answered,
        total,
        unknown_questions,
        asked_again,
        filled_by,
    }
}

/// How many questions each copy answers, and when it last changed (here) or was saved (the
/// file), so a user carrying a diagnostic between computers can tell which holds the latest
/// work.
fn versions_text(state: AppState, pending: &Assessment, saved_at: &str) -> (String, bool) {
    let l = crate::state::locale();
    let framework = content::framework();
    let lang = state.lang_code();
    let here = state.workspace.with_untracked(|w| {
        w.same_commune_and_date(pending).map(|a| {
            (
                crate::domain::compare::different_answers(framework, a, pending),
                scoring::answered_total(framework, a).0,
                browser::format_date(&a.updated_at, lang, true),
                // Both are UTC times as Autodiag writes them, so they compare as text.
                a.updated_at > pending.updated_at,
                // One person's answers and the workshop's synthesis of the same day are not
                // two copies of one diagnostic: replacing one by the other loses it.
                (a.profile.authorship() != pending.profile.authorship())
                    .then(|| owner_text(&a.profile)),
                // A synthesis already counts its people: merging it with one of them counts
                // that person twice, or is refused.
                !a.profile.is_synthesis() && !pending.profile.is_synthesis(),
            )
        })
    });
    let Some((different, here_answered, here_changed, here_is_newer, other_author, two_people)) =
        here
    else {
        return (String::new(), false);
    };
    let versions = td_string!(
        l,
        import.duplicate_versions,
        here_answered = here_answered,
        here_changed = here_changed,
        file_answered = scoring::answered_total(framework, pending).0,
        file_saved = browser::format_date(saved_at, lang, true),
        total = framework.question_count()
    );
    // Replacing would set aside newer work, or another person's: said before the user chooses.
    let versions = if here_is_newer {
        format!("{versions} {}", td_string!(l, import.here_is_newer))
    } else {
        versions
    };
    // Which answers the file would change: the same count on both sides hid a changed level.
    let texts = state.texts();
    let versions = match different.len() {
        0 => format!("{versions} {}", td_string!(l, import.same_answers)),
        count => {
            const NAMED: usize = 5;
            let mut titles: Vec<String> = different
                .iter()
                .take(NAMED)
                .map(|q| format!("« {} »", texts.question(q).title))
                .collect();
            if count > NAMED {
                titles.push(crate::td_plural!(l, import.more_answers, count - NAMED));
            }
            format!(
                "{versions} {}",
                crate::td_plural!(l, import.different_answers, count, list = titles.join(", "))
            )
        }
    };
    match other_author {
        Some(here) => {
            let authors = td_string!(
                l,
                import.different_authors,
                here = here,
                file = owner_text(&pending.profile)
            );
            (format!("{versions} {authors}"), two_people)
        }
        None => (versions, false),
    }
}

/// Reads a chosen summary file. One over the size limit is refused before reading, so a huge
/// file never fills memory. The error is the sentence to show.
pub async fn read_summary(l: Locale, file: &web_sys::File) -> Result<Vec<u8>, String> {
    let size = file.size();
    if size > summary::MAX_FILE_BYTES as f64 {
        return Err(error_message(
            l,
            &ImportError::TooLarge {
                bytes: size as usize,
            },
        ));
    }
    browser::read_file(file)
        .await
        .ok_or_else(|| td_string!(l, import.errors.unreadable).to_string())
}

/// « Ouvrir » and « Voir les résultats » for an assessment just imported: the user came to
/// carry on with it, on this computer.
#[component]
fn OpenImported(id: String) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let go = move |id: &str, results: bool| {
        if results {
            state.open(id);
            state.navigate(Route::Results);
        } else {
            state.continue_with(id);
        }
    };
    let open_id = id.clone();
    // Last round's file, brought to a new computer to do this round: redoing it from those
    // answers comes first, as on the home page, and keeps the file's round intact for
    // « Avant / après ». Answering the old round's questions would overwrite it.
    let today = browser::today();
    let redo_id = state.workspace.with_untracked(|w| {
        w.get(&id)
            .filter(|a| w.offers_redo(a, &today))
            .map(|a| a.id.clone())
    });
    let open_class = if redo_id.is_some() {
        "button button--small"
    } else {
        "button button--small button--primary"
    };
    view! {
        {redo_id.map(|redo_id| view! {
            <button type="button" class="button button--small button--primary" data-testid="imported-reassess"
                on:click=handler(move |_| if state.reassess(&redo_id).is_some() { state.navigate(Route::Profile) })>
                {td_string!(l, import.reassess)}
            </button>
            " "
        })}
        <button type="button" class=open_class data-testid="imported-open"
            on:click=handler(move |_| go(&open_id, false))>{td_string!(l, import.open)}</button>
        " "
        <button type="button" class="button button--small" data-testid="imported-results"
            on:click=handler(move |_| go(&id, true))>{td_string!(l, import.see_results)}</button>
    }
}

/// A file picker and a drop zone that import summaries as new assessments.
#[component]
pub fn ImportArea(
    /// Told the id of each assessment added, for a screen that goes on with it.
    #[prop(optional)]
    on_added: Option<Callback<String>>,
    /// The page already lists the assessments: no link to that list after a restore.
    #[prop(optional)]
    beside_the_list: bool,
    /// What happened to each file, held by a page that may draw another import area in this
    /// one's place while files are read: their messages then show there.
    #[prop(optional)]
    outcomes: Option<RwSignal<Vec<Outcome>>>,
) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let outcomes = outcomes.unwrap_or_else(|| RwSignal::new(Vec::new()));
    let added = move |outcome: &Outcome| {
        if let (Some(on_added), Outcome::Added { id, .. }) = (on_added, outcome) {
            on_added.run(id.clone());
        }
    };
    let handle = Callback::new(move |files: Vec<web_sys::File>| {
        outcomes.set(Vec::new());
        for file in files {
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let outcome = match read_summary(l, &file).await {
                    Ok(bytes) => import_bytes(state, &name, &bytes),
                    Err(message) => Outcome::Failed {
                        file: name,
                        message,
                    },
                };
                added(&outcome);
                outcomes.update(|o| o.push(outcome));
            });
        }
    });
    let resolve = move |index: usize, choice: DuplicateChoice| {
        let Some(Outcome::Duplicate {
            file,
            pending,
            unknown_questions,
            asked_again,
            ..
        }) = outcomes.with_untracked(|list| list.get(index).cloned())
        else {
            return;
        };
        let outcome = match choice {
            DuplicateChoice::Cancel => Outcome::Cancelled { file },
            DuplicateChoice::KeepBoth => {
                add_imported(state, *pending, unknown_questions, asked_again)
            }
            DuplicateChoice::Replace => {
                // The copy here goes to the trash, which the shell's « Annuler » empties back.
                let here = state
                    .workspace
                    .with_untracked(|w| w.same_commune_and_date(&pending).map(|a| a.id.clone()));
                let outcome = add_imported(state, *pending, unknown_questions, asked_again);
                if let Some(id) = here {
                    state.set_aside_replaced(&id);
                }
                outcome
            }
        };
        added(&outcome);
        outcomes.update(|list| list[index] = outcome);
    };
    view! {
        <FileDrop
            input_id="import-file"
            testid="import-input"
            zone_testid="import-dropzone"
            label=td_string!(l, import.choose).to_string()
            hint=td_string!(l, import.drop_hint).to_string()
            on_files=handle
        />
        // The live region wraps the list: a list may not take the status role itself.
        <div role="status" aria-live="polite">
        <ul class="import-results" data-testid="import-results">
            {reactive(move || outcomes.get().into_iter().enumerate().map(|(index, outcome)| match outcome {
                Outcome::Added { id, name, answered, total, unknown_questions, asked_again, filled_by } => view! {
                    <li class="import-results__ok">
                        {crate::td_plural!(l, import.added, answered, name = name, total = total)}" "
                        <OpenImported id/>
                        {filled_by.map(|who| view! {
                            " " <span data-testid="import-filled-by">{td_string!(l, import.filled_by, who = who)}</span>
                        })}
                        {(asked_again > 0).then(|| view! {
                            " " <span class="import-results__warn" data-testid="import-asked-again">{crate::td_plural!(l, question.asked_again, asked_again)}</span>
                        })}
                        {(!unknown_questions.is_empty()).then(|| {
                            let list = unknown_questions.join(", ");
                            view! { " " <span class="import-results__warn">{td_string!(l, import.unknown_questions, list = list)}</span> }
                        })}
                    </li>
                }.into_any(),
                Outcome::Restored { restored, already_here } => {
                    let count = restored.len();
                    let beside = restored.iter().filter(|one| one.beside).count();
                    let total = content::framework().question_count();
                    view! {
                        <li class="import-results__ok">
                            <span data-testid="restored-summary">
                                {(count > 0 || already_here == 0).then(|| crate::td_plural!(l, import.restored, count))}
                                {(beside > 0).then(|| format!(" {}", crate::td_plural!(l, import.restored_beside, beside)))}
                                {(already_here > 0).then(|| format!(" {}", crate::td_plural!(l, import.already_here, already_here)))}
                            </span>
                            // Each one with « Ouvrir »: on a new computer, the diagnostic the
                            // user came back for, not an empty one of the same name started
                            // before the restore.
                            {(count > 0).then(|| view! {
                                // Not read aloud row by row: the sentence above says how many.
                                <ul class="import-results__restored" aria-live="off">
                                    {restored.into_iter().map(|one| view! {
                                        // Each row's « Ouvrir » is named by its commune.
                                        // The group inside the item: a list item cannot be one.
                                        <li><div data-testid="restored-row" role="group" aria-label=one.name.clone()>
                                            {crate::td_plural!(l, import.restored_one, one.answered, name = one.name, copy = if one.beside { td_string!(l, import.restored_copy) } else { "" }, total = total)}
                                            " "<OpenImported id=one.id/>
                                        </div></li>
                                    }).collect_any_view()}
                                </ul>
                            })}
                            {(!beside_the_list).then(|| view! {
                                <a class="button button--small" href=state.href(Route::Assessments) data-testid="imported-assessments">{td_string!(l, import.see_assessments)}</a>
                            })}
                        </li>
                    }.into_any()
                }
                Outcome::Failed { file, message } => view! {
                    // The alert inside the item: a list item cannot be one (axe's `list` rule).
                    <li class="import-results__error"><div role="alert"><strong>{file}</strong>{td_string!(l, shell.colon)}{message}</div></li>
                }.into_any(),
                Outcome::Cancelled { file } => view! {
                    <li>{td_string!(l, import.cancelled, file = file)}</li>
                }.into_any(),
                Outcome::Duplicate { file, pending, saved_at, .. } => {
                    let name = pending.profile.commune.clone();
                    let date = browser::format_date(&pending.profile.date, state.lang_code(), false);
                    let (versions, two_people) = versions_text(state, &pending, &saved_at);
                    // Another person's answers go beside this browser's, not over them: that
                    // button comes first.
                    let replace = move || view! {
                        <button type="button" class="button button--small" data-testid="import-replace" on:click=handler(move |_| resolve(index, DuplicateChoice::Replace))>{td_string!(l, import.replace)}</button>
                    };
                    let keep_both = move || view! {
                        <button type="button" class="button button--small" class:button--primary=two_people data-testid="import-keep-both" on:click=handler(move |_| resolve(index, DuplicateChoice::KeepBoth))>{td_string!(l, import.keep_both)}</button>
                    };
                    // Several files of one commune and date give the same sentence: the file
                    // name tells each line's buttons apart.
                    view! {
                        <li class="import-results__ask" data-testid="import-duplicate">
                            <strong>{file}</strong>{td_string!(l, shell.colon)}
                            {td_string!(l, import.duplicate, name = name, date = date)}
                            " "<span data-testid="import-versions">{versions}</span>
                            // Two people's answers of one day are brought together, not replaced.
                            {two_people.then(|| view! {
                                " "{td_string!(l, import.merge_hint)}" "
                                <a href=state.href(Route::Consolidate) data-testid="import-merge">{td_string!(l, nav.consolidate)}</a>
                                "."
                            })}
                            " "
                            {if two_people { keep_both().into_any() } else { replace().into_any() }}
                            " "
                            {if two_people { replace().into_any() } else { keep_both().into_any() }}
                            " "
                            <button type="button" class="button button--small" on:click=handler(move |_| resolve(index, DuplicateChoice::Cancel))>{td_string!(l, import.cancel)}</button>
                        </li>
                    }.into_any()
                }
            }).collect_any_view())}
        </ul>
        </div>
    }
}
