//! « Plein écran » on a slide deck, which reads « Quitter le plein écran » once it is.

use crate::browser;
use crate::erased::{handler, reactive};
use crate::i18n::*;
use leptos::prelude::*;

/// Toggles full screen on the element `target`. Its label follows the browser's state, which
/// Échap, the browser's own control or the projector's opening link change too.
#[component]
pub fn FullscreenButton(target: &'static str) -> impl IntoView {
    let l = crate::state::locale();
    let full = RwSignal::new(browser::is_fullscreen());
    let change = window_event_listener(leptos::ev::fullscreenchange, move |_| {
        full.set(browser::is_fullscreen());
    });
    on_cleanup(move || change.remove());
    let toggle = move |_| {
        if full.get_untracked() {
            browser::exit_fullscreen();
        } else {
            browser::enter_fullscreen(target);
        }
    };
    view! {
        <button type="button" class="button button--small" data-testid="fullscreen" on:click=handler(toggle)>
            {reactive(move || if full.get() { td_string!(l, projector.fullscreen_leave) } else { td_string!(l, projector.fullscreen) })}
        </button>
    }
}
