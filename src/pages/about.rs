//! The legal notice and the accessibility statement a public body's tool must publish. The
//! operator's details come from `content/settings.toml`. Both are read-only text, written as
//! one HTML string each (see `markup.rs`).

use crate::domain::settings::OPERATOR;
use crate::i18n::*;
use leptos::prelude::*;
use maud::{Markup, html};

/// The operator's contact: `email`, a dedicated address when the intercommunale set one, and
/// the programme's site.
fn operator_contact(email: &str) -> Markup {
    html! {
        @if !email.is_empty() { a href=(format!("mailto:{email}")) { (email) } " · " }
        a href=(OPERATOR.website) { (OPERATOR.website_shown()) }
    }
}

#[component]
pub fn LegalNoticePage() -> impl IntoView {
    let l = crate::state::locale();
    let operator = OPERATOR.name;
    let page = html! {
        h1 { (td_string!(l, about.legal_title)) }
        h2 { (td_string!(l, about.publisher_title)) }
        p { (td_string!(l, about.publisher, operator = operator, territory = OPERATOR.territory)) }
        p data-testid="operator-contact" { (td_string!(l, about.contact)) " " (operator_contact(OPERATOR.summary_email)) }
        h2 { (td_string!(l, about.data_title)) }
        p { (td_string!(l, about.data_local, operator = operator)) }
        p { (td_string!(l, about.data_file)) }
        p { (td_string!(l, about.data_erase)) }
        p { (td_string!(l, about.no_tracking)) }
        h2 { (td_string!(l, about.content_title)) }
        p { (td_string!(l, about.content)) }
    };
    view! { <div class="page page--about" inner_html=page.into_string()></div> }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let l = crate::state::locale();
    let operator = OPERATOR.name;
    let reviewed = crate::browser::format_date(OPERATOR.accessibility_reviewed, l.as_str(), false);
    let page = html! {
        h1 { (td_string!(l, about.a11y_title)) }
        p { (td_string!(l, about.a11y_intro, operator = operator)) }
        h2 { (td_string!(l, about.a11y_status_title)) }
        p { (td_string!(l, about.a11y_status)) }
        h2 { (td_string!(l, about.a11y_method_title)) }
        p { (td_string!(l, about.a11y_method)) }
        h2 { (td_string!(l, about.a11y_limits_title)) }
        p { (td_string!(l, about.a11y_limits)) }
        h2 { (td_string!(l, about.a11y_contact_title)) }
        p { (td_string!(l, about.a11y_contact, operator = operator)) " " (operator_contact(OPERATOR.accessibility_email)) }
        p { (td_string!(l, about.a11y_reviewed, date = reviewed)) }
    };
    view! { <div class="page page--about" inner_html=page.into_string()></div> }
}
