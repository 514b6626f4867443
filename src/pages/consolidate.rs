use leptos::prelude::*;
#[component]
pub fn ConsolidatePage() -> impl IntoView {
    view! { <p>"todo"</p> }
}
