//! Event handlers, each behind one boxed type per event.
//!
//! Leptos compiles the code that attaches and type-erases an event listener once per
//! handler type, and every closure is a type of its own. Boxed, all the handlers of one
//! event share a type, so that code is compiled once per event instead of once per handler:
//! about 3 KB less to download on the first load and 10 KB with the tools (BENCHMARKS.md).
//! Every `on:` attribute goes through [`handler`], which `make lint` checks.

/// The handler, boxed: `on:click=handler(move |_| …)`.
pub fn handler<E>(handle: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(handle)
}
