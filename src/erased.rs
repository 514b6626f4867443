//! Event handlers, reactive parts of views and lists of views, each behind one type.
//!
//! Leptos compiles its generic code once per type: attaching an event listener once per
//! handler, redrawing a reactive part once per closure, building and updating a list once per
//! item type. Every closure is a type of its own and so is every `view!`. Boxed or erased, all
//! the handlers of one event share a type, and so do all reactive parts and all lists: about
//! 8 KB less to download on the first load and 27 KB on the whole `dist/` (BENCHMARKS.md).
//! Every `on:` attribute goes through [`handler`], every reactive part of a view through
//! [`reactive`] and every list through [`CollectAnyView::collect_any_view`], which `make lint`
//! checks.

use leptos::prelude::{AnyView, IntoAny};

/// The handler, boxed: `on:click=handler(move |_| …)`.
pub fn handler<E>(handle: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(handle)
}

/// A reactive part of a view, boxed and type-erased: `{reactive(move || …)}`.
pub fn reactive<V: IntoAny>(
    mut draw: impl FnMut() -> V + Send + 'static,
) -> Box<dyn FnMut() -> AnyView + Send> {
    Box::new(move || draw().into_any())
}

/// Lists of views as lists of type-erased views, one type for every list.
pub trait CollectAnyView: Iterator {
    /// `items.map(|item| view! { … }).collect_any_view()`, where Leptos has `collect_view`.
    fn collect_any_view(self) -> Vec<AnyView>;
}

impl<I> CollectAnyView for I
where
    I: Iterator,
    I::Item: IntoAny,
{
    fn collect_any_view(self) -> Vec<AnyView> {
        self.map(IntoAny::into_any).collect()
    }
}
