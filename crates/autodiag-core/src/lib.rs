//! Autodiag's pure core: everything that can be decided without a browser.
//!
//! Invariant, kept by the compiler: this crate depends on no browser crate (leptos, web-sys,
//! wasm-bindgen, js-sys, gloo). A `use leptos::prelude::*;` here does not compile. The app
//! (`src/` at the repository root) only draws what this crate computes.

pub mod chart;
mod chart_svg;
pub mod domain;
pub mod route;
pub mod sort;

/// The ordered map of every domain type: a sorted vector, whose code is a fraction of a
/// `BTreeMap`'s for the few dozen entries a map here holds (ARCHITECTURE.md, "Size").
pub use litemap::LiteMap;
