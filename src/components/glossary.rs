//! « Sigles utilisés sur cette page »: the acronyms a tools screen shows, with their meaning
//! from the content's glossary. The questionnaire explains them inline instead.

use crate::domain::content;
use crate::erased::CollectAnyView;
use crate::i18n::*;
use crate::state::AppState;
use autodiag_core::LiteMap;
use leptos::prelude::*;

/// Lists the glossary's acronyms found in `texts`, folded by default; open for print.
#[component]
pub fn Acronyms(
    /// Everything the screen writes that may hold an acronym.
    texts: Vec<String>,
    /// Unfolded, for the printed report.
    #[prop(optional)]
    open: bool,
) -> impl IntoView {
    let state = AppState::from_context();
    let l = crate::state::locale();
    let glossary = content::glossary(state.lang_code());
    let found: Vec<(String, String)> =
        content::acronyms_in(glossary, texts.iter().map(String::as_str))
            .into_iter()
            .map(|(acronym, meaning)| (acronym.to_string(), meaning.to_string()))
            .collect();
    let count = found.len();
    (count > 0).then(|| {
        view! {
            <details class="glossary" open=open data-testid="glossary">
                <summary>{td_string!(l, glossary.title, count = count)}</summary>
                <dl>
                    {found.into_iter().map(|(acronym, meaning)| view! {
                        <div><dt>{acronym}</dt><dd>{meaning}</dd></div>
                    }).collect_any_view()}
                </dl>
            </details>
        }
    })
}

/// Every question's title and legal basis, and the level texts of `assessment`'s answers:
/// what the results and the report show of the référentiel.
pub fn question_texts(state: AppState) -> Vec<String> {
    let texts = state.texts();
    content::framework()
        .question_ids()
        .flat_map(|id| {
            let question = texts.question(id);
            [question.title.clone(), question.legal_basis.clone()]
        })
        .collect()
}

/// `text` with each glossary acronym in `<abbr title="meaning">`: where a screen has no room for
/// a list of acronyms, as on the projector.
pub fn with_abbr(text: &str, glossary: &LiteMap<String, String>) -> maud::Markup {
    let mut found: Vec<(usize, &str, &str)> = glossary
        .iter()
        .filter_map(|(acronym, meaning)| {
            content::source::find_word(text, acronym)
                .map(|at| (at, acronym.as_str(), meaning.as_str()))
        })
        .collect();
    crate::sort::sort(&mut found);
    let mut html = String::new();
    let mut from = 0;
    for (at, acronym, meaning) in found {
        if at < from {
            continue;
        }
        let before = text.get(from..at).unwrap_or_default();
        html += &maud::html! { (before) abbr title=(meaning) { (acronym) } }.0;
        from = at + acronym.len();
    }
    html += &maud::html! { (text.get(from..).unwrap_or_default()) }.0;
    maud::PreEscaped(html)
}
