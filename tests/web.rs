//! Components and storage in a real browser (headless Chromium through chromedriver).
//! Run by `make test-browser`: mount, click, tick, assert.
#![cfg(target_arch = "wasm32")]

use autodiag::app::App;
use autodiag::domain::assessment::Assessment;
use autodiag::domain::stored;
use autodiag::domain::workspace::Workspace;
use autodiag::route::Bundle;
use autodiag::storage;
use autodiag_core::LiteMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Lets effects and the microtask queue run.
async fn tick() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

fn query(selector: &str) -> web_sys::HtmlElement {
    document()
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .dyn_into()
        .unwrap()
}

fn text(selector: &str) -> String {
    query(selector).text_content().unwrap_or_default()
}

/// One bundle of the app, mounted in its own element; unmounted when dropped, so tests never
/// see each other's apps. The test runner's own output stays in the page.
struct Mounted {
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
    root: web_sys::HtmlElement,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

async fn mount_bundle(
    hash: &str,
    bundle: Bundle,
    pages: autodiag::app::Pages,
    title: autodiag::app::Title,
    prepare: autodiag::app::Prepare,
) -> Mounted {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(hash)
        .unwrap();
    let root: web_sys::HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        leptos::prelude::IntoAny::into_any(leptos::view! { <App bundle pages title prepare/> })
    });
    tick().await;
    Mounted {
        _handle: handle,
        root,
    }
}

async fn mount_app(hash: &str) -> Mounted {
    mount_bundle(
        hash,
        Bundle::Questionnaire,
        autodiag::pages::questionnaire,
        autodiag::pages::questionnaire_title,
        autodiag::pages::prepare_questionnaire,
    )
    .await
}

#[wasm_bindgen_test]
async fn written_assessments_read_back() {
    local_storage().clear().unwrap();
    let mut workspace = Workspace::default();
    let mut a = Assessment::new(
        "web-1".into(),
        "Lobbes".into(),
        "2026-11-28T10:00:00Z".into(),
    );
    a.set_choice(
        "mob_pcm",
        autodiag::domain::assessment::Level::new(3)
            .map(autodiag::domain::assessment::Choice::Level),
        "2026-11-28T10:00:00Z",
    );
    workspace.add(a.clone());
    let mut written = LiteMap::new_vec();
    let report = storage::sync(&workspace, &mut written);
    assert!(report.saved);
    assert_eq!(written.get("web-1"), Some(&a.revision));
    let loaded = storage::load();
    assert!(loaded.available);
    assert_eq!(loaded.workspace.assessments, vec![a]);
    assert!(loaded.recovered.is_empty());
}

#[wasm_bindgen_test]
async fn a_damaged_value_is_backed_up_and_left_in_place() {
    local_storage().clear().unwrap();
    let key = stored::assessment_key("broken");
    local_storage()
        .set_item(&key, "{\"storage_version\":1,\"assessment\":{\"id\":")
        .unwrap();
    let loaded = storage::load();
    assert!(loaded.workspace.assessments.is_empty());
    assert_eq!(loaded.recovered.len(), 1);
    let backup = loaded.recovered[0]
        .backup_key
        .clone()
        .expect("a backup copy");
    assert_eq!(
        local_storage().get_item(&backup).unwrap().as_deref(),
        Some("{\"storage_version\":1,\"assessment\":{\"id\":")
    );
    // The original value is untouched.
    assert!(local_storage().get_item(&key).unwrap().is_some());
    // Reading again does not pile up copies.
    storage::load();
    assert_eq!(local_storage().length().unwrap(), 2);
}

#[wasm_bindgen_test]
async fn a_conflicting_write_from_another_tab_is_detected() {
    local_storage().clear().unwrap();
    let mut workspace = Workspace::default();
    let a = Assessment::new(
        "web-2".into(),
        "Thuin".into(),
        "2026-11-28T10:00:00Z".into(),
    );
    workspace.add(a.clone());
    let mut written = LiteMap::new_vec();
    storage::sync(&workspace, &mut written);
    // Another tab writes a newer revision of the same assessment.
    let mut theirs = a.clone();
    theirs.set_note("mob_pcm", "écrit ailleurs", "2026-11-28T10:01:00Z");
    local_storage()
        .set_item(
            &stored::assessment_key("web-2"),
            &stored::encode_assessment(&theirs),
        )
        .unwrap();
    // This tab changes its own copy: the write must not overwrite theirs.
    workspace
        .get_mut("web-2")
        .unwrap()
        .set_note("mob_pcm", "écrit ici", "2026-11-28T10:02:00Z");
    let report = storage::sync(&workspace, &mut written);
    assert_eq!(report.conflicts.len(), 1);
    let stored_now = stored::decode_assessment(
        &local_storage()
            .get_item(&stored::assessment_key("web-2"))
            .unwrap()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(stored_now.note("mob_pcm"), "écrit ailleurs");
}

#[wasm_bindgen_test]
async fn creating_an_assessment_opens_its_profile_and_saves_it() {
    local_storage().clear().unwrap();
    let _app = mount_app("#/").await;
    let input: web_sys::HtmlInputElement = query("#new-commune").dyn_into().unwrap();
    input.set_value("Courcelles");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    query("[data-testid=create-assessment]").click();
    tick().await;
    assert_eq!(
        web_sys::window().unwrap().location().hash().unwrap(),
        "#/profil"
    );
    let commune: web_sys::HtmlInputElement = query("#commune").dyn_into().unwrap();
    assert_eq!(commune.value(), "Courcelles");
    let loaded = storage::load();
    assert_eq!(loaded.workspace.assessments.len(), 1);
    assert_eq!(
        loaded.workspace.assessments[0].profile.commune,
        "Courcelles"
    );
}

#[wasm_bindgen_test]
async fn an_empty_commune_name_shows_a_french_message() {
    local_storage().clear().unwrap();
    let _app = mount_app("#/").await;
    query("[data-testid=create-assessment]").click();
    tick().await;
    assert_eq!(text("#new-commune-error"), "Indiquez le nom de la commune.");
    assert!(storage::load().workspace.assessments.is_empty());
}

#[wasm_bindgen_test]
async fn answering_updates_progress_and_the_live_chart() {
    local_storage().clear().unwrap();
    let a = Assessment::new(
        "web-3".into(),
        "Fleurus".into(),
        "2026-11-28T10:00:00Z".into(),
    );
    local_storage()
        .set_item(
            &stored::assessment_key("web-3"),
            &stored::encode_assessment(&a),
        )
        .unwrap();
    let _app = mount_app("#/pilier/mobilite").await;
    assert_eq!(text("[data-testid=progress-mobilite]"), "0 / 8");
    let before = query("[data-testid=live-chart]").inner_html();
    query("[data-testid=mob_pcm-4]").click();
    tick().await;
    assert_eq!(text("[data-testid=progress-mobilite]"), "1 / 8");
    assert!(text("[data-testid=pillar-progress]").starts_with("1 / 8"));
    let after = query("[data-testid=live-chart]").inner_html();
    assert_ne!(before, after, "the chart was redrawn");
    // One answer of eight: a score, not yet a level to trust, and of one pillar only.
    assert!(after.contains("75 · à confirmer"), "{after}");
    assert_eq!(
        text("[data-testid=live-overall]"),
        "Score global : 75 / 100 · à confirmer (sur 1 pilier évalué sur 6)"
    );
    let saved = storage::load().workspace.assessments.remove(0);
    assert_eq!(
        saved
            .choice("mob_pcm")
            .and_then(|c| c.level())
            .map(|l| l.get()),
        Some(4)
    );
}

#[wasm_bindgen_test]
async fn typed_html_is_shown_as_text() {
    local_storage().clear().unwrap();
    let a = Assessment::new(
        "web-4".into(),
        "<img src=x onerror=alert(1)>".into(),
        "2026-11-28T10:00:00Z".into(),
    );
    local_storage()
        .set_item(
            &stored::assessment_key("web-4"),
            &stored::encode_assessment(&a),
        )
        .unwrap();
    let _app = mount_bundle(
        "#/evaluations",
        Bundle::Tools,
        autodiag::pages::tools,
        autodiag::pages::tools_title,
        autodiag::pages::prepare_tools,
    )
    .await;
    assert!(document().query_selector("main img").unwrap().is_none());
    assert!(text("[data-testid=assessment-list]").contains("<img src=x onerror=alert(1)>"));
}
