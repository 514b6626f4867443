//! Autodiag: a commune's self-diagnostic « territoire intelligent », entirely in the browser.
//!
//! `domain`, `chart` and `route` are pure and tested natively; the rest is the Leptos UI.

pub mod chart;
pub mod domain;
pub mod route;

pub mod app;
pub mod browser;
pub mod components;
pub mod offline;
pub mod pages;
pub mod panic;
pub mod state;
pub mod storage;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// Installs the crash banner and mounts one bundle of the app.
pub fn start(bundle: route::Bundle, pages: app::Pages) {
    panic::install_hook();
    leptos::mount::mount_to_body(move || leptos::view! { <app::App bundle pages/> });
}
