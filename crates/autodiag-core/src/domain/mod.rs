//! The pure domain: the référentiel, answers, scoring, roadmap and summary format.
//!
//! Invariant: nothing here knows about leptos, web-sys, wasm-bindgen or the DOM. Everything
//! compiles and is tested natively with `cargo test`. Time comes in as ISO 8601 strings.

pub mod assessment;
pub mod compare;
pub mod consolidation;
pub mod content;
pub mod csv;
pub mod float_text;
pub mod format;
pub mod json;
pub mod json_tree;
pub mod matching;
pub mod obligations;
pub mod plan;
pub mod profile;
pub mod projector;
pub mod pst;
pub mod reference;
pub mod roadmap;
pub mod scoring;
pub mod settings;
#[cfg(feature = "share")]
pub mod share;
pub mod store;
pub mod stored;
pub mod stored_json;
pub mod summary;
pub mod summary_json;
pub mod territory;
pub mod territory_export;
pub mod workspace;
