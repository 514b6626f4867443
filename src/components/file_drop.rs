//! Choosing or dropping summary files: one component for the import, territory and
//! consolidation screens.

use crate::browser;
use crate::erased::handler;
use leptos::prelude::*;

/// A file picker and a drop zone; both hand the chosen files to `on_files`.
#[component]
pub fn FileDrop(
    /// The file input's id, which its button-label points at.
    input_id: &'static str,
    /// The input's test hook.
    testid: &'static str,
    /// The button's text.
    label: String,
    /// The line under the button.
    hint: String,
    /// Receives the files, in the order the browser gives them.
    on_files: Callback<Vec<web_sys::File>>,
    /// The button's classes.
    #[prop(default = "button")]
    button_class: &'static str,
    /// The drop zone's test hook, if tests need it.
    #[prop(optional)]
    zone_testid: Option<&'static str>,
) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        on_files.run(browser::files_of(input.files()));
        // Choosing the same file again must work too.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        on_files.run(browser::files_of(
            ev.data_transfer().and_then(|d| d.files()),
        ));
    };
    view! {
        <div
            class="dropzone"
            class:dropzone--active=move || dragging.get()
            data-testid=zone_testid
            on:dragover=handler(move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); })
            on:dragleave=handler(move |_| dragging.set(false))
            on:drop=handler(on_drop)
        >
            <label for=input_id class=button_class>{label}</label>
            <input id=input_id class="visually-hidden-input" type="file" accept=".json,application/json" multiple
                data-testid=testid on:change=handler(on_change)/>
            <p class="hint">{hint}</p>
        </div>
    }
}
