//! Registers the service worker that keeps the app usable offline, and tells the user when a
//! new version is ready instead of leaving them on a stale one.

use crate::route::Bundle;
use crate::state::AppState;
use leptos::prelude::Set;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// The worker's address from this bundle's page; both bundles share one worker at the root.
fn worker_url(bundle: Bundle) -> (&'static str, &'static str) {
    match bundle {
        Bundle::Questionnaire => ("sw.js", "./"),
        Bundle::Tools => ("../sw.js", "../"),
    }
}

pub fn register(state: AppState) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    // Browsers without service workers, or pages not served over HTTP(S), simply go without.
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    let (url, scope) = worker_url(state.bundle);
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(scope);
    let had_controller = container.controller().is_some();
    let on_registered = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(
        move |registration: wasm_bindgen::JsValue| {
            let Ok(registration) = registration
                .clone()
                .dyn_into::<web_sys::ServiceWorkerRegistration>()
            else {
                return;
            };
            // A worker already waiting, or one that finishes installing while an older one
            // controls the page, is a new version.
            if had_controller && registration.waiting().is_some() {
                state.update_ready.set(true);
            }
            let watched = registration.clone();
            let on_update = Closure::<dyn FnMut()>::new(move || {
                let Some(installing) = watched.installing() else {
                    return;
                };
                let worker = installing.clone();
                let on_state = Closure::<dyn FnMut()>::new(move || {
                    if worker.state() == web_sys::ServiceWorkerState::Installed && had_controller {
                        state.update_ready.set(true);
                    }
                });
                installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            });
            registration.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
            on_update.forget();
        },
    );
    let _ = container
        .register_with_options(url, &options)
        .then(&on_registered);
    on_registered.forget();
}

/// Activates the waiting version and reloads once it controls the page.
pub fn activate_update() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let reload = Closure::<dyn FnMut()>::new(move || {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    let on_ready = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(
        move |registration: wasm_bindgen::JsValue| {
            let waiting = registration
                .clone()
                .dyn_into::<web_sys::ServiceWorkerRegistration>()
                .ok()
                .and_then(|r| r.waiting());
            match waiting {
                Some(worker) => {
                    let _ = worker.post_message(&"skip-waiting".into());
                }
                None => {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().reload();
                    }
                }
            }
        },
    );
    if let Ok(ready) = container.ready() {
        let _ = ready.then(&on_ready);
    }
    on_ready.forget();
}
