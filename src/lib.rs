//! Autodiag: a commune's self-diagnostic « territoire intelligent », entirely in the browser.
//!
//! `domain`, `chart` and `route` live in the pure core crate (`crates/autodiag-core`), which
//! the compiler keeps free of any browser crate; this crate is the Leptos UI that draws them.

// Checked cuts only, as in the core crate (its `lib.rs` says why).
#![cfg_attr(not(test), warn(clippy::string_slice))]

pub use autodiag_core::{chart, domain, route, sort};

pub mod app;
pub mod browser;
pub mod components;
pub mod erased;
pub mod i18n;
pub mod markup;
pub mod offline;
pub mod pages;
pub mod panic;
pub mod state;
pub mod storage;

/// Installs the crash banner and mounts one bundle of the app.
pub fn start(bundle: route::Bundle, pages: app::Pages, title: app::Title, prepare: app::Prepare) {
    panic::install_hook();
    state::when_first_screen_ready(bundle, move || {
        leptos::mount::mount_to_body(
            move || leptos::view! { <app::App bundle pages title prepare/> },
        );
    });
}
