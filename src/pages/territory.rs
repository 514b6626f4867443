use leptos::prelude::*;
#[component]
pub fn TerritoryPage() -> impl IntoView {
    view! { <p>"todo"</p> }
}
