//! Autodiag: a commune's self-diagnostic « territoire intelligent », entirely in the browser.
//!
//! `domain`, `chart` and `route` live in the pure core crate (`crates/autodiag-core`), which
//! the compiler keeps free of any browser crate; this crate is the Leptos UI that draws them.

pub use autodiag_core::{chart, domain, route};

pub mod app;
pub mod browser;
pub mod components;
pub mod offline;
pub mod pages;
pub mod panic;
pub mod state;
pub mod storage;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// A sentence with a count, in the singular or the plural form that the locale file gives
/// (`{ "singular": …, "plural": … }`), chosen by the language's rule: `td_plural!(l,
/// territory.loaded, n)`. leptos_i18n's own plurals would bring ICU data into the wasm.
#[macro_export]
macro_rules! td_plural {
    ($l:expr, $ns:ident . $name:ident, $count:expr $(, $key:ident = $value:expr)* $(,)?) => {{
        let count: usize = $count;
        if $crate::domain::format::takes_singular($l.as_str(), count) {
            td_string!($l, $ns.$name.singular, count = count $(, $key = $value)*).to_string()
        } else {
            td_string!($l, $ns.$name.plural, count = count $(, $key = $value)*).to_string()
        }
    }};
}

/// Installs the crash banner and mounts one bundle of the app.
pub fn start(
    bundle: route::Bundle,
    pages: app::Pages,
    title: app::Title,
    prepare: app::Prepare,
    save_summary: Option<app::SaveSummary>,
) {
    panic::install_hook();
    leptos::mount::mount_to_body(
        move || leptos::view! { <app::App bundle pages title prepare save_summary/> },
    );
}
