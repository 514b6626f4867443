use leptos::prelude::*;
#[component]
pub fn ComparePage() -> impl IntoView {
    view! { <p>"todo"</p> }
}
