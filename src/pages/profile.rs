//! The commune profile: the first step. Only the commune's name is required.

use crate::domain::profile::{
    self, BudgetBand, MAX_NAME_CHARS, MAX_PARTNERSHIPS_CHARS, PopulationBand, Profile,
    ProfileError, ProfileField, StrategyStatus,
};
use crate::erased::{CollectAnyView, handler, reactive};
use crate::i18n::*;
use crate::route::Route;
use crate::state::AppState;
use leptos::prelude::*;

/// The message for a profile error, in the interface language.
fn error_text(error: ProfileError) -> String {
    let l = crate::state::locale();
    match error {
        ProfileError::Required => td_string!(l, profile.errors.commune_required).to_string(),
        ProfileError::TooLong { max } => {
            td_string!(l, profile.errors.too_long, max = max).to_string()
        }
        ProfileError::NisNotFiveDigits => td_string!(l, profile.errors.nis).to_string(),
        ProfileError::DateInvalid => td_string!(l, profile.errors.date).to_string(),
        ProfileError::DateInFuture => td_string!(l, profile.errors.date_future).to_string(),
        ProfileError::NotANumber => td_string!(l, profile.errors.not_a_number).to_string(),
        ProfileError::OutOfRange { max } => {
            td_string!(l, profile.errors.fte_range, max = max).to_string()
        }
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let Some((initial, untouched)) = state.current_untracked().map(|a| {
        (
            a.profile,
            a.answers.values().all(|answer| answer.choice.is_none()),
        )
    }) else {
        return ().into_any();
    };
    // Just redone from an earlier round: every counter reads 0, as if the answers were gone,
    // so the page says where they are.
    let redone = (untouched && !initial.redone_from.is_empty()).then(|| {
        let earlier = crate::browser::format_date(&initial.redone_from, state.lang_code(), false);
        td_string!(l, profile.redone, earlier = earlier).to_string()
    });
    // The commune's name, emptied, is not saved: the summary and every screen go by it. The
    // field says it is required, and the name the page opened with stays until another is
    // typed (erased letter by letter, the name passes through « L » on the way).
    let name_emptied = RwSignal::new(false);
    let name_on_arrival = StoredValue::new(initial.commune.clone());
    // Fields show what was typed; the profile keeps what is valid or, for free text, as typed.
    let problem = move |field: ProfileField| {
        if field == ProfileField::Commune && name_emptied.get() {
            return Some(error_text(ProfileError::Required));
        }
        state
            .with_current(|a| {
                a.profile
                    .problems(&crate::browser::today())
                    .into_iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, e)| error_text(e))
            })
            .flatten()
    };
    let update = move |change: Box<dyn FnOnce(&mut Profile)>| {
        state.update_current(move |a, now| {
            change(&mut a.profile);
            a.touch(now);
        });
    };
    // Typed text is saved after a pause or when the field is left, and counts once.
    let typed = move |field: &'static str, change: Box<dyn FnOnce(&mut Profile)>| {
        state.type_text(format!("profile:{field}"), move |a, now, continuing| {
            change(&mut a.profile);
            if continuing {
                a.continue_edit(now);
            } else {
                a.touch(now);
            }
        });
    };
    let fte_error = RwSignal::new(None::<ProfileError>);
    let on_fte = move |ev: leptos::ev::Event| match profile::parse_fte(&event_target_value(&ev)) {
        Ok(fte) => {
            fte_error.set(None);
            update(Box::new(move |p| p.digital_staff_fte = fte));
        }
        Err(error) => fte_error.set(Some(error)),
    };
    let population = choice_select(
        "population",
        td_string!(l, profile.population),
        PopulationBand::ALL
            .iter()
            .map(|b| (population_label(*b), initial.population == Some(*b)))
            .collect(),
        initial.population.is_none(),
        Callback::new(move |i: Option<usize>| {
            let band = i.and_then(|i| PopulationBand::ALL.get(i).copied());
            update(Box::new(move |p| p.population = band));
        }),
    );
    let budget = choice_select(
        "budget",
        td_string!(l, profile.budget),
        BudgetBand::ALL
            .iter()
            .map(|b| (budget_label(*b), initial.digital_budget == Some(*b)))
            .collect(),
        initial.digital_budget.is_none(),
        Callback::new(move |i: Option<usize>| {
            let band = i.and_then(|i| BudgetBand::ALL.get(i).copied());
            update(Box::new(move |p| p.digital_budget = band));
        }),
    );
    let text_field = |id: &'static str,
                      label: &'static str,
                      hint: Option<&'static str>,
                      value: &str,
                      max: usize,
                      field: ProfileField,
                      on_input: Callback<String>| {
        view! {
            <TextField id label=label.to_string() hint=hint.map(str::to_string) value=value.to_string() max
                required=field == ProfileField::Commune
                error=Signal::derive(move || problem(field)) on_input/>
        }
    };
    view! {
        <div class="page page--profile">
            <h1>{td_string!(l, profile.title)}</h1>
            <p class="lead">{td_string!(l, profile.lead)}</p>
            {redone.map(|text| view! { <p class="notice notice--info" data-testid="profile-redone">{text}</p> })}
            <form class="form" on:submit=handler(|ev: leptos::ev::SubmitEvent| ev.prevent_default()) novalidate>
                {text_field("commune", td_string!(l, profile.commune), None, &initial.commune, MAX_NAME_CHARS, ProfileField::Commune,
                    Callback::new(move |v: String| {
                        let emptied = v.trim().is_empty();
                        name_emptied.set(emptied);
                        let name = if emptied { name_on_arrival.get_value() } else { v };
                        if !name.trim().is_empty() {
                            typed("commune", Box::new(move |p| p.commune = name));
                        }
                    }))}
                {text_field("nis", td_string!(l, profile.nis), Some(td_string!(l, profile.nis_hint)), &initial.nis_code, 5, ProfileField::NisCode,
                    Callback::new(move |v: String| typed("nis", Box::new(move |p| p.nis_code = v.trim().to_string()))))}
                {population}
                {text_field("respondent", td_string!(l, profile.respondent_name), None, &initial.respondent_name, MAX_NAME_CHARS, ProfileField::RespondentName,
                    Callback::new(move |v: String| typed("respondent", Box::new(move |p| p.respondent_name = v))))}
                {text_field("role", td_string!(l, profile.respondent_role), Some(td_string!(l, profile.role_hint)), &initial.respondent_role, MAX_NAME_CHARS, ProfileField::RespondentRole,
                    Callback::new(move |v: String| typed("role", Box::new(move |p| p.respondent_role = v))))}
                <div class="field">
                    <label for="date">{td_string!(l, profile.date)}</label>
                    <input id="date" type="date" value=initial.date.clone() max=crate::browser::today() aria-describedby="date-error"
                        on:input=handler(move |ev| { let v = event_target_value(&ev); update(Box::new(move |p| p.date = v)); })/>
                    <p class="field__error" id="date-error" role="alert">{reactive(move || problem(ProfileField::Date))}</p>
                </div>
                <div class="field">
                    <label for="fte">{td_string!(l, profile.fte)}</label>
                    <p class="field__hint" id="fte-hint">{td_string!(l, profile.fte_hint)}</p>
                    <input id="fte" type="text" inputmode="decimal" maxlength="6"
                        value=initial.digital_staff_fte.map(|v| crate::browser::format_number(v, state.lang_code(), 2)).unwrap_or_default()
                        aria-invalid=move || fte_error.get().is_some().to_string()
                        aria-describedby="fte-hint fte-error"
                        on:input=handler(on_fte)/>
                    <p class="field__error" id="fte-error" role="alert">{reactive(move || fte_error.get().map(error_text))}</p>
                </div>
                {budget}
                <fieldset class="field">
                    <legend>{td_string!(l, profile.strategy)}</legend>
                    <div class="segmented">
                        {StrategyStatus::ALL.iter().map(|status| {
                            let status = *status;
                            view! {
                                <label class="segmented__option">
                                    <input type="radio" name="strategy" checked=initial.digital_strategy == Some(status)
                                        on:change=handler(move |_| update(Box::new(move |p| p.digital_strategy = Some(status))))/>
                                    <span>{strategy_label(status)}</span>
                                </label>
                            }
                        }).collect_any_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label for="partnerships">{td_string!(l, profile.partnerships)}</label>
                    <p class="field__hint" id="partnerships-hint">{td_string!(l, profile.partnerships_hint)}</p>
                    <textarea id="partnerships" rows="3" maxlength=MAX_PARTNERSHIPS_CHARS
                        aria-describedby="partnerships-hint partnerships-error"
                        prop:value=initial.partnerships.clone()
                        on:input=handler(move |ev| { let v = event_target_value(&ev); typed("partnerships", Box::new(move |p| p.partnerships = v)); })
                        on:blur=handler(move |_| state.leave_field())></textarea>
                    <p class="field__error" id="partnerships-error" role="alert">{reactive(move || problem(ProfileField::Partnerships))}</p>
                </div>
            </form>
            <nav class="pager" aria-label=td_string!(l, pillar.pager)>
                <a class="button button--primary" data-testid="start-questions"
                    href=state.href(Route::Pillar(crate::domain::content::framework().pillars[0].id.clone()))>
                    {format!("{} →", td_string!(l, profile.next))}
                </a>
            </nav>
        </div>
    }
    .into_any()
}

/// A labelled text input with its hint and inline error.
#[component]
fn TextField(
    id: &'static str,
    label: String,
    /// The value when the page was drawn; the input keeps what is typed.
    value: String,
    /// Maximum length in characters.
    max: usize,
    error: Signal<Option<String>>,
    /// Called with the field's text on every keystroke.
    on_input: Callback<String>,
    #[prop(optional_no_strip)] hint: Option<String>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let state = AppState::from_context();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    view! {
        <div class="field">
            <label for=id>{label}{required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
            <input
                id=id
                type="text"
                maxlength=max
                required=required
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described
                value=value
                on:input=handler(move |ev| on_input.run(event_target_value(&ev)))
                on:blur=handler(move |_| state.leave_field())
            />
            <p class="field__error" id=error_id role="alert">{reactive(move || error.get())}</p>
        </div>
    }
}

/// A select of labelled options with « non précisé » first; `on_pick` receives the index.
fn choice_select(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, bool)>,
    none_selected: bool,
    on_pick: Callback<Option<usize>>,
) -> impl IntoView {
    let l = crate::state::locale();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=handler(move |ev| on_pick.run(event_target_value(&ev).parse::<usize>().ok()))>
                <option value="" selected=none_selected>{td_string!(l, profile.not_said)}</option>
                {options.into_iter().enumerate().map(|(i, (text, selected))| view! { <option value=i selected=selected>{text}</option> }).collect_any_view()}
            </select>
        </div>
    }
}

pub fn population_label(band: PopulationBand) -> String {
    let l = crate::state::locale();
    match band {
        PopulationBand::Under5000 => td_string!(l, profile.population_bands.under_5000),
        PopulationBand::From5000To10000 => td_string!(l, profile.population_bands.from_5000),
        PopulationBand::From10000To20000 => td_string!(l, profile.population_bands.from_10000),
        PopulationBand::From20000To50000 => td_string!(l, profile.population_bands.from_20000),
        PopulationBand::Over50000 => td_string!(l, profile.population_bands.over_50000),
    }
    .to_string()
}

pub fn budget_label(band: BudgetBand) -> String {
    let l = crate::state::locale();
    match band {
        BudgetBand::Under10000 => td_string!(l, profile.budget_bands.under_10000),
        BudgetBand::From10000To50000 => td_string!(l, profile.budget_bands.from_10000),
        BudgetBand::From50000To200000 => td_string!(l, profile.budget_bands.from_50000),
        BudgetBand::Over200000 => td_string!(l, profile.budget_bands.over_200000),
    }
    .to_string()
}

pub fn strategy_label(status: StrategyStatus) -> String {
    let l = crate::state::locale();
    match status {
        StrategyStatus::None => td_string!(l, profile.strategy_none),
        StrategyStatus::InProgress => td_string!(l, profile.strategy_in_progress),
        StrategyStatus::Adopted => td_string!(l, profile.strategy_adopted),
    }
    .to_string()
}
