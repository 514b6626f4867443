//! Read-only parts of a view as HTML strings, written with `maud` and set with `inner_html`.
//!
//! Leptos compiles code per view type: each row and cell of a large read-only table is one
//! more type, and the browser builds it one `createElement` at a time. A part that never
//! reacts but as a whole is one string instead: the territory view's notices, files refused
//! or set aside, heat map, spreads, duties, pooling and contacts (thousands of chips for 600
//! communes); the results' tables and meanings, the report's, « Avant / après », the PST's
//! fiches, the projector's slides, the shared results' table, the legal notice and the
//! accessibility statement. Smaller in the wasm, one parse in the browser. `maud` escapes
//! every value it splices in, so a commune's name or note is always text. Never for anything
//! that takes input or events, and never a `style` attribute, which the CSP refuses in
//! markup: those stay `view!`.

use maud::{Markup, html};

/// A warning badge, as `chart_figure::warning_badge` draws it in a view.
pub fn warning_badge(text: &str) -> Markup {
    html! { " " span."badge badge--warning" { (text) } }
}

/// A table's head: one row of column headers.
pub fn column_headers(headers: &[&str]) -> Markup {
    html! { thead { tr { @for header in headers { th scope="col" { (header) } } } } }
}
