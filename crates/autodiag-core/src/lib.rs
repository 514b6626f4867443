//! Autodiag's pure core: everything that can be decided without a browser.
//!
//! Invariant, kept by the compiler: this crate depends on no browser crate (leptos, web-sys,
//! wasm-bindgen, js-sys, gloo). A `use leptos::prelude::*;` here does not compile. The app
//! (`src/` at the repository root) only draws what this crate computes.

// A cut inside a character panics with a message whose code cost the questionnaire 4 KB
// gzipped (BENCHMARKS.md): cuts are checked (`get`, `split_at_checked`) instead. Tests may cut.
#![cfg_attr(not(test), warn(clippy::string_slice))]

pub mod chart;
mod chart_svg;
pub mod domain;
pub mod route;
pub mod sort;

/// The ordered map of every domain type: a sorted vector, whose code is a fraction of a
/// `BTreeMap`'s for the few dozen entries a map here holds (ARCHITECTURE.md, "Size").
pub use litemap::LiteMap;
