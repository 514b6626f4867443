//! Event handlers and reactive parts of views, each behind one boxed type.
//!
//! Leptos compiles the code that attaches an event listener, or that redraws a reactive part
//! of a view, once per closure type, and every closure is a type of its own. Boxed, all the
//! handlers of one event share a type, and so do all the reactive parts: that code is compiled
//! once instead of once per closure, about 4.5 KB less to download on the first load and
//! 19 KB on the whole `dist/` (BENCHMARKS.md). Every `on:` attribute goes through [`handler`]
//! and every reactive part of a view through [`reactive`], which `make lint` checks.

/// The handler, boxed: `on:click=handler(move |_| …)`.
pub fn handler<E>(handle: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(handle)
}

/// A reactive part of a view, boxed and type-erased: `{reactive(move || …)}`.
pub fn reactive<V: leptos::prelude::IntoAny>(
    mut draw: impl FnMut() -> V + Send + 'static,
) -> Box<dyn FnMut() -> leptos::prelude::AnyView + Send> {
    Box::new(move || draw().into_any())
}
