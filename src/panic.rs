//! A visible crash banner instead of a blank page, still offering the commune's data.
//!
//! On wasm a panic aborts the module right after this hook, so the banner is plain DOM with a
//! ready-made download link: it keeps working once Rust code can no longer run.

use wasm_bindgen::JsCast;

pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Autodiag crashed: {info}").into());
        show_banner();
    }));
}

fn show_banner() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let english = document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .is_some_and(|lang| lang.starts_with("en"));
    let (title, body_text, download, reload) = if english {
        (
            "Autodiag has stopped working.",
            "Your answers saved so far are safe. Download them now, then reload the page.",
            "Download my data",
            "Reload the page",
        )
    } else {
        (
            "Autodiag a rencontré une erreur.",
            "Vos réponses déjà enregistrées sont en sécurité. Téléchargez-les maintenant, puis rechargez la page.",
            "Télécharger mes données",
            "Recharger la page",
        )
    };
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_class_name("crash-banner");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("data-testid", "crash-banner");
    let add = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let element = document.create_element(tag).ok()?;
        element.set_text_content(Some(text));
        banner.append_child(&element).ok()?;
        Some(element)
    };
    add("strong", title);
    add("p", body_text);
    if let Some(json) = crate::storage::backup_json(None)
        && let Some(link) = add("a", download)
        && let Some(url) = blob_url(&json)
    {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute(
            "download",
            &format!("autodiag-sauvegarde-{}.json", crate::browser::today()),
        );
        link.set_class_name("button button--primary");
        let _ = link.set_attribute("data-testid", "crash-download");
    }
    if let Some(link) = add("a", reload) {
        let _ = link.set_attribute("href", "#/");
        link.set_class_name("button");
    }
    let _ = body.prepend_with_node_1(&banner);
    if let Ok(banner) = banner.dyn_into::<web_sys::HtmlElement>() {
        let _ = banner.focus();
    }
}

fn blob_url(json: &str) -> Option<String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(
        &js_sys::Array::of1(&json.into()),
        &options,
    )
    .ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
