//! The legal notice and the accessibility statement a public body's tool must publish. The
//! operator's details come from `content/settings.toml`.

use crate::domain::settings::OPERATOR;
use crate::i18n::*;
use leptos::prelude::*;

/// The operator's contact: the e-mail address when one is set, and the programme's site.
#[component]
fn OperatorContact(
    /// A dedicated address for this purpose, when the intercommunale set one.
    email: &'static str,
) -> impl IntoView {
    view! {
        {(!email.is_empty()).then(|| view! { <a href=format!("mailto:{email}")>{email}</a>" · " })}
        <a href=OPERATOR.website>{OPERATOR.website.trim_start_matches("https://")}</a>
    }
}

#[component]
pub fn LegalNoticePage() -> impl IntoView {
    let l = crate::state::locale();
    let operator = OPERATOR.name;
    view! {
        <div class="page page--about">
            <h1>{td_string!(l, about.legal_title)}</h1>
            <h2>{td_string!(l, about.publisher_title)}</h2>
            <p>{td_string!(l, about.publisher, operator = operator, territory = OPERATOR.territory)}</p>
            <p data-testid="operator-contact">{td_string!(l, about.contact)}" "<OperatorContact email=OPERATOR.summary_email/></p>
            <h2>{td_string!(l, about.data_title)}</h2>
            <p>{td_string!(l, about.data_local, operator = operator)}</p>
            <p>{td_string!(l, about.data_file)}</p>
            <p>{td_string!(l, about.data_erase)}</p>
            <p>{td_string!(l, about.no_tracking)}</p>
            <h2>{td_string!(l, about.content_title)}</h2>
            <p>{td_string!(l, about.content)}</p>
        </div>
    }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let l = crate::state::locale();
    let operator = OPERATOR.name;
    let reviewed = crate::browser::format_date(OPERATOR.accessibility_reviewed, l.as_str(), false);
    view! {
        <div class="page page--about">
            <h1>{td_string!(l, about.a11y_title)}</h1>
            <p>{td_string!(l, about.a11y_intro, operator = operator)}</p>
            <h2>{td_string!(l, about.a11y_status_title)}</h2>
            <p>{td_string!(l, about.a11y_status)}</p>
            <h2>{td_string!(l, about.a11y_method_title)}</h2>
            <p>{td_string!(l, about.a11y_method)}</p>
            <h2>{td_string!(l, about.a11y_limits_title)}</h2>
            <p>{td_string!(l, about.a11y_limits)}</p>
            <h2>{td_string!(l, about.a11y_contact_title)}</h2>
            <p>{td_string!(l, about.a11y_contact, operator = operator)}" "<OperatorContact email=OPERATOR.accessibility_email/></p>
            <p>{td_string!(l, about.a11y_reviewed, date = reviewed)}</p>
        </div>
    }
}
